package classlist

import (
	"errors"
	"fmt"

	"techniqual/data"
)

// Message is one reason the package gives (see data.Message).
type Message = data.Message

// The messages of the package.
var (
	msgEmpty         = Message{Key: "import.err.empty", Text: "Filen är tom.", Reason: "the file is empty"}
	msgPDF           = Message{Key: "import.err.pdf", Text: "Filen är en PDF, inte en klasslista. Spara listan som CSV eller Excel (.xlsx) i skolans system.", Reason: "the file is a PDF, not a class list; export the list as CSV or XLSX"}
	msgOldExcel      = Message{Key: "import.err.xls", Text: "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.", Reason: "the file is in the old Excel format (.xls); save it as .xlsx or CSV"}
	msgNotXLSX       = Message{Key: "import.err.not_xlsx", Text: "Filen heter .xlsx men är ingen Excel-fil. Öppna den i Excel eller Numbers och spara den som .xlsx eller CSV.", Reason: "the file is named .xlsx but is no Excel file; save it as .xlsx or CSV"}
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
	// The row has a birth date (or a personnummer) that does not tell the
	// pupils apart: asking for one was no help (found by use).
	msgAmbiguousDated  = Message{Key: "import.err.ambiguous_dated", Text: "{{.N}} elever i databasen har samma namn och klass, och födelsedatumet skiljer dem inte åt; raden kan inte kopplas till en av dem (lägg till Elev-ID i listan, eller rätta eleverna under Elever)", Reason: "{{.N}} pupils in the database share this name and class, and the birth date does not tell them apart; add a pupil id to the list, or correct the pupils under Pupils"}
	msgSameTargetDated = Message{Key: "import.err.same_target_dated", Text: "raden och rad {{.Other}} passar båda samma elev i databasen, som saknar födelsedatum (lägg till Elev-ID i listan, eller skriv elevens födelsedatum under Elever)", Reason: "this line and line {{.Other}} both fit the same pupil, who has no birth date in the database; add a pupil id to the list, or give the pupil a birth date under Pupils"}
	msgSameTargetTwice = Message{Key: "import.err.same_target_twice", Text: "raden och rad {{.Other}} har samma namn, klass och födelsedatum och passar samma elev i databasen (står eleven två gånger i listan?)", Reason: "this line and line {{.Other}} have the same name, class and birth date and fit the same pupil; is the pupil in the list twice?"}
	msgSameTarget      = Message{Key: "import.err.same_target", Text: "raden och rad {{.Other}} passar båda samma elev i databasen (lägg till Elev-ID eller födelsedatum i listan)", Reason: "this line and line {{.Other}} both fit the same pupil; add a pupil id or birth date to the list"}
	msgHasErrors       = Message{Key: "import.err.has_errors", Text: "{{.N}} rader har fel; inget har importerats.", Reason: "{{.N}} rows have errors; nothing was imported"}
	msgTooLarge        = Message{Key: "listcheck.err.too_large", Text: "Filen är för stor ({{.Size}}) för att vara en klasslista; högst {{.Max}} läses.", Reason: "the file is too large for a class list ({{.Size}}; at most {{.Max}} is read)"}
	msgTooManyRows     = Message{Key: "listcheck.err.too_many_rows", Text: "Filen har fler än {{.Max}} rader; en klasslista läses bara upp till {{.Max}} elever (gränsen kan höjas).", Reason: "the file has more than {{.Max}} rows; a class list is read up to {{.Max}} pupils (the limit can be raised)"}
	msgTooManyColumns  = Message{Key: "listcheck.err.too_many_columns", Text: "rad {{.Line}} har {{.N}} kolumner; en klasslista har högst {{.Max}}.", Reason: "line {{.Line}} has {{.N}} columns; a class list has at most {{.Max}}"}
	msgCellTooLong     = Message{Key: "listcheck.err.cell_too_long", Text: "rad {{.Line}}, kolumn {{.Column}}: cellen har fler än {{.Max}} tecken.", Reason: "line {{.Line}}, column {{.Column}}: the cell has more than {{.Max}} characters"}
	msgUnzipTooLarge   = Message{Key: "listcheck.err.unzip_too_large", Text: "Excel-filen skulle packas upp till mer än {{.Max}} ({{.Size}}); ingen klasslista är så stor, så den läses inte (den kan vara en så kallad zip-bomb).", Reason: "the Excel file would unpack to more than {{.Max}} ({{.Size}}); no class list is that large, so it is not read (it may be a zip bomb)"}
	msgQuote           = Message{Key: "listcheck.err.quote", Text: "rad {{.Line}}: ett citattecken (\") öppnar ett fält som aldrig stängs, så resten av filen skulle bli ett enda fält. Rätta raden och försök igen.", Reason: "line {{.Line}}: a quote (\") opens a field that is never closed, so the rest of the file would be one field; correct the line and try again"}
	msgMixedEncoding   = Message{Key: "listcheck.err.mixed_encoding", Text: "Filen blandar teckenkodningar: rad {{.UTF8Line}} är UTF-8 men rad {{.Line}} är det inte (troligen Windows-1252). Spara hela filen i en kodning, eller välj kodning.", Reason: "the file mixes encodings: line {{.UTF8Line}} is UTF-8 but line {{.Line}} is not (probably Windows-1252); save the whole file in one encoding, or choose the encoding"}
	msgUnknownColumns  = Message{Key: "listcheck.err.unknown_columns", Text: "Okända kolumner: {{.Columns}}. Ange vad de innehåller, eller att de inte ska importeras.", Reason: "unknown columns: {{.Columns}}; say what they hold, or that they are not to be imported"}
	msgFirstMissing    = Message{Key: "listcheck.err.first_missing", Text: "förnamn saknas", Reason: "the first name is missing"}
	msgLastMissing     = Message{Key: "listcheck.err.last_missing", Text: "efternamn saknas", Reason: "the last name is missing"}
	msgDuplicateRow    = Message{Key: "listcheck.err.duplicate_row", Text: "raden är likadan som rad {{.Other}}", Reason: "the row is the same as line {{.Other}}"}
	msgProtectedFile   = Message{Key: "listcheck.err.protected", Text: "rad {{.Line}}, kolumn {{.Column}}: ”{{.Value}}” ska vara Ja eller Nej. Om skyddad identitet inte kan läsas importeras ingenting.", Reason: "line {{.Line}}, column {{.Column}}: {{.Value}} must be yes or no; when protected identity cannot be read, nothing is imported"}
	msgPnrRemoved      = Message{Key: "listcheck.note.pnr_removed", Text: "ett personnummer togs bort ur fältet; bara resten sparas", Reason: "a personnummer was taken out of the field; only the rest is kept"}
	msgGenderFromPnr   = Message{Key: "listcheck.note.gender_from_pnr", Text: "juridiskt kön taget från personnumret ({{.Gender}})", Reason: "legal sex taken from the personnummer ({{.Gender}})"}
	allMessages        = []Message{msgTooLarge, msgTooManyRows, msgTooManyColumns, msgCellTooLong, msgUnzipTooLarge, msgQuote,
		msgMixedEncoding, msgUnknownColumns, msgFirstMissing, msgLastMissing, msgDuplicateRow, msgProtectedFile,
		msgPnrRemoved, msgGenderFromPnr, msgEmpty, msgPDF, msgOldExcel, msgNotXLSX, msgBinary, msgBadXLSX, msgNoRows, msgNoNameColumn, msgNameMissing, msgGradeMissing, msgGradeOther, msgGradeBad, msgSchoolMissing, msgPnrFormat, msgPnrDate, msgPnrChecksum, msgBirthBad, msgBirthMismatch, msgGenderBad, msgProtectedBad, msgExternalDup, msgAmbiguous, msgAmbiguousDated, msgSameTarget, msgSameTargetDated, msgSameTargetTwice, msgHasErrors}
)

// Messages lists every message the package may give (for translation
// checks). Field errors of data.Pupil's validation keep data's own keys.
func Messages() []Message { return append([]Message(nil), allMessages...) }

// ErrNotClassList is wrapped by every FileError: the file cannot be read as
// a class list at all.
var ErrNotClassList = errors.New("not a class list")

// ErrUnknownColumns is wrapped by the FileError of a list with a column
// whose header is not known and that was not named to be ignored.
var ErrUnknownColumns = fmt.Errorf("%w: unknown columns", ErrNotClassList)

// ErrMixedEncoding is wrapped by the FileError of a file whose lines are
// partly UTF-8, partly not: the caller may ask which encoding to read it in.
var ErrMixedEncoding = fmt.Errorf("%w: mixed encodings", ErrNotClassList)

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
