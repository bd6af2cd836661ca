package classlist

import (
	"errors"

	"techniqual/data"
)

// Message is one reason the package gives (see data.Message).
type Message = data.Message

// The messages of the package.
var (
	msgEmpty         = Message{Key: "import.err.empty", Text: "Filen är tom.", Reason: "the file is empty"}
	msgPDF           = Message{Key: "import.err.pdf", Text: "Filen är en PDF, inte en klasslista. Spara listan som CSV eller Excel (.xlsx) i skolans system.", Reason: "the file is a PDF, not a class list; export the list as CSV or XLSX"}
	msgOldExcel      = Message{Key: "import.err.xls", Text: "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.", Reason: "the file is in the old Excel format (.xls); save it as .xlsx or CSV"}
	msgBinary        = Message{Key: "import.err.binary", Text: "Filen är ingen klasslista: den innehåller inte text i tabellform.", Reason: "the file is not a class list: it holds no tabular text"}
	msgBadXLSX       = Message{Key: "import.err.xlsx", Text: "Excel-filen kunde inte läsas: {{.Error}}", Reason: "the Excel file could not be read: {{.Error}}"}
	msgNoRows        = Message{Key: "import.err.no_rows", Text: "Filen har inga elevrader under rubrikraden.", Reason: "the file has no pupil rows below the header row"}
	msgNoNameColumn  = Message{Key: "import.err.no_name_column", Text: "Ingen kolumn med elevernas namn hittades. Ange vilken kolumn som är förnamn, efternamn eller namn.", Reason: "no column with the pupils' names; map a column to first name, last name or name"}
	msgNameMissing   = Message{Key: "import.err.name_missing", Text: "namn saknas", Reason: "the name is missing"}
	msgGradeMissing  = Message{Key: "import.err.grade_missing", Text: "årskursen framgår inte (ange en klass som 8B eller en kolumn Årskurs)", Reason: "no grade: give a class such as 8B or a grade column"}
	msgGradeOther    = Message{Key: "import.err.grade_other", Text: "årskurs {{.Grade}}: bara årskurs 8 och 9 kan importeras", Reason: "grade {{.Grade}}: only grades 8 and 9 can be imported"}
	msgGradeBad      = Message{Key: "import.err.grade_bad", Text: "”{{.Value}}” är ingen årskurs", Reason: "{{.Value}} is not a grade"}
	msgSchoolMissing = Message{Key: "import.err.school_missing", Text: "skola saknas (välj skola för listan)", Reason: "no school: choose the list's school"}
	msgPnrFormat     = Message{Key: "import.err.pnr_format", Text: "”{{.Value}}” är inget personnummer (ÅÅÅÅMMDD-XXXX)", Reason: "{{.Value}} is not a personnummer (YYYYMMDD-XXXX)"}
	msgPnrDate       = Message{Key: "import.err.pnr_date", Text: "personnumret {{.Value}} har inget giltigt datum", Reason: "the personnummer {{.Value}} holds no valid date"}
	msgPnrChecksum   = Message{Key: "import.err.pnr_checksum", Text: "kontrollsiffran stämmer inte ({{.Value}})", Reason: "the check digit is wrong ({{.Value}})"}
	msgBirthBad      = Message{Key: "import.err.birth_bad", Text: "”{{.Value}}” är inget datum (ÅÅÅÅ-MM-DD)", Reason: "{{.Value}} is not a date (YYYY-MM-DD)"}
	msgBirthMismatch = Message{Key: "import.err.birth_mismatch", Text: "födelsedatumet stämmer inte med personnumret", Reason: "the birth date does not agree with the personnummer"}
	msgGenderBad     = Message{Key: "import.err.gender_bad", Text: "”{{.Value}}” är inget kön som Techniqual känner (flicka, pojke, annat)", Reason: "{{.Value}} is not a known gender (girl, boy, other)"}
	msgProtectedBad  = Message{Key: "import.err.protected_bad", Text: "”{{.Value}}” ska vara Ja eller Nej", Reason: "{{.Value}} must be yes or no"}
	msgExternalDup   = Message{Key: "import.err.external_dup", Text: "Elev-ID {{.Value}} finns också på rad {{.Other}}", Reason: "pupil id {{.Value}} is also on line {{.Other}}"}
	msgAmbiguous     = Message{Key: "import.err.ambiguous", Text: "{{.N}} elever i databasen har samma namn och klass; raden kan inte kopplas till en av dem (lägg till Elev-ID eller födelsedatum i listan)", Reason: "{{.N}} pupils in the database share this name and class; add a pupil id or birth date to the list"}
	msgSameTarget    = Message{Key: "import.err.same_target", Text: "raden och rad {{.Other}} passar båda samma elev i databasen (lägg till Elev-ID eller födelsedatum i listan)", Reason: "this line and line {{.Other}} both fit the same pupil; add a pupil id or birth date to the list"}
	msgHasErrors     = Message{Key: "import.err.has_errors", Text: "{{.N}} rader har fel; inget har importerats.", Reason: "{{.N}} rows have errors; nothing was imported"}
	allMessages      = []Message{msgEmpty, msgPDF, msgOldExcel, msgBinary, msgBadXLSX, msgNoRows, msgNoNameColumn, msgNameMissing, msgGradeMissing, msgGradeOther, msgGradeBad, msgSchoolMissing, msgPnrFormat, msgPnrDate, msgPnrChecksum, msgBirthBad, msgBirthMismatch, msgGenderBad, msgProtectedBad, msgExternalDup, msgAmbiguous, msgSameTarget, msgHasErrors}
)

// Messages lists every message the package may give (for translation
// checks). Field errors of data.Pupil's validation keep data's own keys.
func Messages() []Message { return append([]Message(nil), allMessages...) }

// ErrNotClassList is wrapped by every FileError: the file cannot be read as
// a class list at all.
var ErrNotClassList = errors.New("not a class list")

// FileError says why a whole file cannot be imported; it wraps ErrNotClassList.
type FileError = data.FileError

func fileErr(m Message, kv ...string) *FileError {
	return &FileError{Message: m, Data: data.Pairs(kv...), Kind: ErrNotClassList}
}

// RowError says what is wrong with one row: its line in the file (the row
// number in a spreadsheet), the column (its header in the file; empty for
// the row as a whole) and why. A personnummer appears in it only masked.
type RowError struct {
	Line   int
	Column string
	Message
	Data map[string]string
}

// Why is the English reason.
func (e RowError) Why() string { return data.RenderTemplate(e.Reason, e.Data) }

// WhySwedish is the Swedish reason.
func (e RowError) WhySwedish() string { return data.RenderTemplate(e.Text, e.Data) }

func (e RowError) Error() string { return data.AtRow(e.Line, e.Column, e.Why(), false) }

// Swedish is the whole error in Swedish: "rad 14, kolumn Personnummer:
// kontrollsiffran stämmer inte (20120304-****)".
func (e RowError) Swedish() string { return data.AtRow(e.Line, e.Column, e.WhySwedish(), true) }

// RowErrors is returned by Import when rows have errors and bad rows are
// not to be skipped: nothing was written.
type RowErrors struct {
	Errors []RowError
}

func (e *RowErrors) Error() string {
	return data.RowErrorsText(len(e.Errors), func(i int) string { return e.Errors[i].Error() })
}

// Lines is how many rows the errors are on.
func (e *RowErrors) Lines() int {
	return data.CountLines(len(e.Errors), func(i int) int { return e.Errors[i].Line })
}
