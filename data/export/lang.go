package export

import (
	"techniqual/data"
	"techniqual/data/text"
)

// vocabulary is the words of the lists in one language.
type vocabulary struct {
	sheet                                 map[Kind]string
	pupils, placements, hosts, attendance []string
	participants                          []string
	yes, no, auto, manual                 string
	contact, pupil                        string
	gender                                map[data.Gender]string
	attendanceStatus                      map[data.AttendanceStatus]string
	lang                                  text.Lang
	offerStatus                           map[data.OfferStatus]string
	weekday                               [7]string
}

func words(lang string) *vocabulary {
	if lang == "en" {
		return &english
	}
	return &swedish
}

var swedish = vocabulary{
	lang: text.Swedish,
	sheet: map[Kind]string{KindPupils: "Elever", KindPlacements: "Placeringar", KindHosts: "Praoplatser",
		KindParticipants: "Deltagare", KindAttendance: "Närvaro"},
	pupils: []string{"Efternamn", "Förnamn", "Skola", "Klass", "Årskurs", "Födelsedatum", "Kön", "Skyddad identitet",
		"Vårdnadshavare", "Vårdnadshavares telefon", "Vårdnadshavares e-post", "Elev-id i skolans system", "Techniqual-id"},
	placements: []string{"Skola", "Klass", "Efternamn", "Förnamn", "Företag", "Praoplats", "Besöksadress", "Handledare",
		"Handledarens telefon", "Handledarens e-post", "Första dag", "Sista dag", "Låst", "Placerad av"},
	hosts: []string{"Företag", "Praoplats", "Status", "Kontaktperson", "Telefon", "E-post", "Platser", "Placerade", "Lediga",
		"Besöksadress", "Kommun"},
	participants: []string{"Efternamn", "Förnamn", "Typ", "Organisation eller skola", "Klass", "Titel", "E-post", "Telefon",
		"Status", "Anmäld", "Incheckad"},
	attendance: []string{"Skola", "Klass", "Efternamn", "Förnamn", "Företag", "Praoplats", "Datum", "Veckodag", "Närvaro", "Anteckning"},
	yes:        "ja", no: "nej", auto: "matchningen", manual: "för hand", contact: "kontakt", pupil: "elev",
	gender: map[data.Gender]string{data.GenderGirl: "flicka", data.GenderBoy: "pojke", data.GenderOther: "annat",
		data.GenderUnspecified: ""},
	attendanceStatus: map[data.AttendanceStatus]string{data.AttendancePresent: "närvarande", data.AttendanceSick: "sjuk",
		data.AttendanceAbsent: "annan frånvaro"},
	offerStatus: map[data.OfferStatus]string{data.OfferDraft: "utkast", data.OfferSubmitted: "inskickad",
		data.OfferApproved: "godkänd"},
	weekday: text.Weekdays(text.Swedish),
}

var english = vocabulary{
	lang: text.English,
	sheet: map[Kind]string{KindPupils: "Pupils", KindPlacements: "Placements", KindHosts: "Offers",
		KindParticipants: "Participants", KindAttendance: "Attendance"},
	pupils: []string{"Last name", "First name", "School", "Class", "Grade", "Date of birth", "Gender", "Protected identity",
		"Guardian", "Guardian's phone", "Guardian's email", "School system id", "Techniqual id"},
	placements: []string{"School", "Class", "Last name", "First name", "Company", "Offer", "Visiting address", "Supervisor",
		"Supervisor's phone", "Supervisor's email", "First day", "Last day", "Locked", "Placed by"},
	hosts: []string{"Company", "Offer", "Status", "Contact", "Phone", "Email", "Seats", "Placed", "Free",
		"Visiting address", "Municipality"},
	participants: []string{"Last name", "First name", "Type", "Organisation or school", "Class", "Title", "Email", "Phone",
		"Status", "Registered", "Checked in"},
	attendance: []string{"School", "Class", "Last name", "First name", "Company", "Offer", "Date", "Weekday", "Attendance", "Note"},
	yes:        "yes", no: "no", auto: "matching", manual: "by hand", contact: "contact", pupil: "pupil",
	gender: map[data.Gender]string{data.GenderGirl: "girl", data.GenderBoy: "boy", data.GenderOther: "other",
		data.GenderUnspecified: ""},
	attendanceStatus: map[data.AttendanceStatus]string{data.AttendancePresent: "present", data.AttendanceSick: "sick",
		data.AttendanceAbsent: "other absence"},
	offerStatus: map[data.OfferStatus]string{data.OfferDraft: "draft", data.OfferSubmitted: "submitted",
		data.OfferApproved: "approved"},
	weekday: text.Weekdays(text.English),
}

// Title is the list's name in a language ("sv" or "en"), e.g. "Elever".
func Title(k Kind, lang string) string { return words(lang).sheet[k] }
