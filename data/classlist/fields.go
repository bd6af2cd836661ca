package classlist

import (
	"strings"
	"techniqual/data/text"
	"unicode"
)

// Field is what a column of a class list holds.
type Field string

// The fields a column may be mapped to. FieldIgnore drops the column.
const (
	FieldIgnore         Field = ""
	FieldFirstName      Field = "first_name"
	FieldLastName       Field = "last_name"
	FieldFullName       Field = "full_name" // "Efternamn, Förnamn" or "Förnamn Efternamn"
	FieldClass          Field = "class"
	FieldGrade          Field = "grade"
	FieldSchool         Field = "school"
	FieldPersonnummer   Field = "personnummer" // yields the birth date only
	FieldBirthDate      Field = "birth_date"
	FieldGender         Field = "gender"
	FieldProtected      Field = "protected"
	FieldGuardianName   Field = "guardian_name"
	FieldGuardianEmail  Field = "guardian_email"
	FieldGuardianPhone  Field = "guardian_phone"
	FieldExternalID     Field = "external_id"
	FieldNeeds          Field = "needs"
	FieldNotes          Field = "notes"
	fieldContactIgnored Field = "-contact" // detection only: a pupil's own e-mail or phone, not kept
)

// Fields lists the fields a column may be mapped to, in the order a form
// shows them (FieldIgnore first).
var Fields = []Field{FieldIgnore, FieldFirstName, FieldLastName, FieldFullName, FieldClass, FieldGrade, FieldSchool,
	FieldPersonnummer, FieldBirthDate, FieldGender, FieldProtected, FieldGuardianName, FieldGuardianEmail,
	FieldGuardianPhone, FieldExternalID, FieldNeeds, FieldNotes}

// FieldNames are the Swedish names of the fields (for forms; the ui
// translates them under the key "import.field.<field>", "import.field.ignore"
// for FieldIgnore).
var FieldNames = map[Field]string{
	FieldIgnore:        "Importera inte",
	FieldFirstName:     "Förnamn",
	FieldLastName:      "Efternamn",
	FieldFullName:      "Namn (efternamn, förnamn)",
	FieldClass:         "Klass",
	FieldGrade:         "Årskurs",
	FieldSchool:        "Skola",
	FieldPersonnummer:  "Personnummer (bara födelsedatumet sparas)",
	FieldBirthDate:     "Födelsedatum",
	FieldGender:        "Kön",
	FieldProtected:     "Skyddad identitet",
	FieldGuardianName:  "Vårdnadshavare",
	FieldGuardianEmail: "Vårdnadshavares e-post",
	FieldGuardianPhone: "Vårdnadshavares telefon",
	FieldExternalID:    "Elev-ID",
	FieldNeeds:         "Allergier och behov",
	FieldNotes:         "Anteckningar",
}

// headerAliases are the column names school systems use, Swedish and
// English, written normalised (see normHeader).
var headerAliases = map[string]Field{}

func init() {
	add := func(f Field, names ...string) {
		for _, n := range names {
			headerAliases[normHeader(n)] = f
		}
	}
	add(FieldFirstName, "Förnamn", "Tilltalsnamn", "Elevens förnamn", "Elev förnamn", "First name", "Firstname",
		"Given name", "Forename", "Förnamn elev")
	add(FieldLastName, "Efternamn", "Elevens efternamn", "Elev efternamn", "Last name", "Lastname", "Surname",
		"Family name", "Efternamn elev")
	add(FieldFullName, "Namn", "Elev", "Elevnamn", "Elevens namn", "Efternamn, förnamn", "Efternamn förnamn",
		"Name", "Full name", "Student", "Student name", "Pupil", "Pupil name")
	add(FieldClass, "Klass", "Klassnamn", "Grupp", "Klass/grupp", "Undervisningsgrupp", "Basgrupp", "Mentorsgrupp",
		"Class", "Class name", "Group", "Form", "Homeroom")
	add(FieldGrade, "Årskurs", "Åk", "Årskurs (åk)", "Grade", "Year", "Year group", "Grade level")
	add(FieldSchool, "Skola", "Skolenhet", "Skolnamn", "Skolans namn", "School", "School name")
	add(FieldPersonnummer, "Personnummer", "Personnr", "Pnr", "Person nr", "Personnummer/samordningsnummer",
		"Samordningsnummer", "Personal identity number", "Personal number", "Civic number", "Social security number",
		"Elevens personnummer")
	add(FieldBirthDate, "Födelsedatum", "Född", "Födelsedag", "Födelsedatum (ÅÅÅÅ-MM-DD)", "Date of birth", "Birth date",
		"Birthdate", "DOB", "Born")
	add(FieldGender, "Kön", "Juridiskt kön", "Gender", "Sex")
	add(FieldProtected, "Sekretessmarkering", "Sekretess", "Skyddad identitet", "Skyddade personuppgifter",
		"Skyddad", "Protected identity", "Protected", "Confidential")
	add(FieldGuardianName, "Vårdnadshavare", "Vårdnadshavare 1", "Vårdnadshavare namn", "VH", "VH namn", "Målsman",
		"Guardian", "Guardian name", "Parent", "Parent name")
	add(FieldGuardianEmail, "Vårdnadshavare e-post", "Vårdnadshavares e-post", "Vårdnadshavare 1 e-post", "VH e-post",
		"VH mejl", "Guardian email", "Guardian e-mail", "Parent email")
	add(FieldGuardianPhone, "Vårdnadshavare telefon", "Vårdnadshavares telefon", "Vårdnadshavare 1 telefon",
		"Vårdnadshavare mobil", "VH telefon", "VH mobil", "Guardian phone", "Parent phone")
	add(FieldExternalID, "Elev-ID", "Elevid", "Elevnummer", "Elevnr", "Externt id", "ID", "Student ID", "Pupil ID",
		"Student number")
	add(FieldNeeds, "Allergier", "Allergi", "Specialkost", "Behov", "Särskilda behov", "Allergies", "Special needs")
	add(FieldNotes, "Anteckningar", "Anteckning", "Kommentar", "Övrigt", "Notes", "Comment")
	add(fieldContactIgnored, "E-post", "Epost", "Mejl", "E-postadress", "Telefon", "Mobil", "Mobilnummer",
		"Email", "E-mail", "Phone", "Mobile")
}

// normHeader makes a column name comparable: lower case, no accents, no
// spaces or punctuation ("Elev-ID" → "elevid", "Kön" → "kon").
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range text.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// detectHeader is the field of a column name: a name this package knows,
// or any name that speaks of protection ("Sekretessmarkerad",
// "Skyddade personuppgifter (ja/nej)"), for a list that marks protected
// identity must never be read as if it did not.
func detectHeader(h string) (Field, bool) {
	n := normHeader(h)
	if f, ok := headerAliases[n]; ok {
		return f, true
	}
	for _, w := range []string{"sekretess", "skyddad", "skyddade", "protected", "confidential", "kvarskriv"} {
		if strings.Contains(n, w) {
			return FieldProtected, true
		}
	}
	return FieldIgnore, false
}

// DetectField says which field a column name means, and whether it is a
// name this package knows (a known name may still mean "ignore", such as a
// pupil's own e-mail address, which is not kept).
func DetectField(header string) (Field, bool) {
	f, ok := detectHeader(header)
	if f == fieldContactIgnored {
		return FieldIgnore, true
	}
	return f, ok
}
