package formimport

import (
	"errors"

	"techniqual/data"
)

// Message is one reason the package gives (see data.Message).
type Message = data.Message

// The messages of the package.
var (
	msgEmpty          = Message{Key: "formimport.err.empty", Text: "Filen är tom.", Reason: "the file is empty"}
	msgPDF            = Message{Key: "formimport.err.pdf", Text: "Filen är en PDF. Exportera svaren från formuläret som CSV eller Excel (.xlsx).", Reason: "the file is a PDF; export the answers as CSV or XLSX"}
	msgOldExcel       = Message{Key: "formimport.err.xls", Text: "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.", Reason: "the file is in the old Excel format (.xls); save it as .xlsx or CSV"}
	msgBinary         = Message{Key: "formimport.err.binary", Text: "Filen innehåller ingen text i tabellform.", Reason: "the file holds no tabular text"}
	msgBadXLSX        = Message{Key: "formimport.err.xlsx", Text: "Excel-filen kunde inte läsas: {{.Error}}", Reason: "the Excel file could not be read: {{.Error}}"}
	msgNoRows         = Message{Key: "formimport.err.no_rows", Text: "Filen har inga svar under rubrikraden.", Reason: "the file has no answers below the header row"}
	msgNoNameColumn   = Message{Key: "formimport.err.no_name_column", Text: "Ingen kolumn med elevernas namn hittades (till exempel Namn, eller Förnamn och Efternamn).", Reason: "no column with the pupils' names (such as Name, or First name and Last name)"}
	msgNoChoiceColumn = Message{Key: "formimport.err.no_choice_column", Text: "Ingen kolumn med val hittades (till exempel Val 1, Val 2 … eller Förstahandsval).", Reason: "no column with choices (such as Choice 1, Choice 2 … or First choice)"}
	msgNoAnswerColumn = Message{Key: "formimport.err.no_answer_column", Text: "Inga kolumner med svar hittades (intresse för teknik före och efter praon, skulle rekommendera, kommentar).", Reason: "no columns with answers (interest in technology before and after, would recommend, comment)"}
	msgNoSuchColumn   = Message{Key: "formimport.err.no_such_column", Text: "Filen har ingen kolumn {{.Column}}.", Reason: "the file has no column {{.Column}}"}
	msgFieldKind      = Message{Key: "formimport.err.field_kind", Text: "Det innehållet hör inte till den här sortens import.", Reason: "that field does not belong to this kind of import"}
	msgBadRank        = Message{Key: "formimport.err.bad_rank", Text: "Val {{.Rank}} går inte: valen är 1–{{.Max}}.", Reason: "choice {{.Rank}} is not possible: the choices are 1–{{.Max}}"}
	msgColumnTaken    = Message{Key: "formimport.err.column_taken", Text: "Kolumnen ”{{.Other}}” har redan det innehållet. Ändra den kolumnen först.", Reason: "the column “{{.Other}}” already holds that; change that column first"}
	msgNoPeriod       = Message{Key: "formimport.err.no_period", Text: "Praoperioden finns inte.", Reason: "the period does not exist"}
	msgWrongKind      = Message{Key: "formimport.err.wrong_kind", Text: "Filen lästes för en annan sorts import.", Reason: "the file was read for another kind of import"}
	msgNameMissing    = Message{Key: "formimport.err.name_missing", Text: "namn saknas", Reason: "the name is missing"}
	msgPupilUnknown   = Message{Key: "formimport.err.pupil_unknown", Text: "okänd elev ”{{.Value}}”", Reason: "unknown pupil “{{.Value}}”"}
	msgPupilAmbiguous = Message{Key: "formimport.err.pupil_ambiguous", Text: "{{.N}} elever passar ”{{.Value}}” ({{.Suggestions}}); välj vilken", Reason: "{{.N}} pupils fit “{{.Value}}” ({{.Suggestions}}); choose one"}
	msgPupilClass     = Message{Key: "formimport.err.pupil_class", Text: "ingen elev ”{{.Value}}” i klass {{.Class}}", Reason: "no pupil “{{.Value}}” in class {{.Class}}"}
	msgPupilGrade     = Message{Key: "formimport.err.pupil_grade", Text: "{{.Pupil}} går i årskurs {{.Grade}}, men praoperioden är för årskurs {{.PeriodGrade}}", Reason: "{{.Pupil}} is in grade {{.Grade}}, but the period is for grade {{.PeriodGrade}}"}
	msgPupilSchool    = Message{Key: "formimport.err.pupil_school", Text: "{{.Pupil}} går på {{.School}}, som inte är med i praoperioden", Reason: "{{.Pupil}} attends {{.School}}, which does not take part in the period"}
	msgPupilTwice     = Message{Key: "formimport.err.pupil_twice", Text: "{{.Pupil}} är vald även för rad {{.Other}}; välj rätt elev för varje rad", Reason: "{{.Pupil}} is also chosen for line {{.Other}}; choose the right pupil for each row"}
	msgNotPlaced      = Message{Key: "formimport.err.not_placed", Text: "{{.Pupil}} har ingen placering i praoperioden; en utvärdering gäller en praoplats", Reason: "{{.Pupil}} has no placement in the period; an evaluation is of a placement"}
	msgOfferUnknown   = Message{Key: "formimport.err.offer_unknown", Text: "okänd praoplats ”{{.Value}}”", Reason: "unknown offer “{{.Value}}”"}
	msgOfferAmbiguous = Message{Key: "formimport.err.offer_ambiguous", Text: "”{{.Value}}” passar {{.N}} praoplatser ({{.Suggestions}}); välj en", Reason: "“{{.Value}}” fits {{.N}} offers ({{.Suggestions}}); choose one"}
	msgOfferPeriod    = Message{Key: "formimport.err.offer_period", Text: "praoplatsen ”{{.Value}}” hör till en annan praoperiod ({{.Period}})", Reason: "the offer “{{.Value}}” belongs to another period ({{.Period}})"}
	msgOfferTwice     = Message{Key: "formimport.err.offer_twice", Text: "samma praoplats som i {{.Other}}", Reason: "the same offer as in {{.Other}}"}
	msgTooMany        = Message{Key: "formimport.err.too_many", Text: "fler än {{.Max}} val", Reason: "more than {{.Max}} choices"}
	msgScaleBad       = Message{Key: "formimport.err.scale_bad", Text: "”{{.Value}}” är inget svar 1–5", Reason: "“{{.Value}}” is not an answer 1–5"}
	msgYesNoBad       = Message{Key: "formimport.err.yes_no_bad", Text: "”{{.Value}}” ska vara Ja eller Nej", Reason: "“{{.Value}}” must be yes or no"}
	msgCommentLong    = Message{Key: "formimport.err.comment_long", Text: "kommentaren är för lång (högst {{.Max}} tecken)", Reason: "the comment is too long (at most {{.Max}} characters)"}
	msgDidYouMean     = Message{Key: "formimport.err.did_you_mean", Text: " — menade du ”{{.Suggestion}}”?", Reason: " — did you mean “{{.Suggestion}}”?"}
	msgHasErrors      = Message{Key: "formimport.err.has_errors", Text: "{{.N}} rader har fel; inget har importerats.", Reason: "{{.N}} rows have errors; nothing was imported"}
	noteNoChoices     = Message{Key: "formimport.note.no_choices", Text: "{{.Pupil}} har inga val ifyllda; raden hoppas över", Reason: "{{.Pupil}} chose nothing; the row is left out"}
	noteNoAnswers     = Message{Key: "formimport.note.no_answers", Text: "{{.Pupil}} har inga svar ifyllda; raden hoppas över", Reason: "{{.Pupil}} gave no answers; the row is left out"}
	noteSuperseded    = Message{Key: "formimport.note.superseded", Text: "{{.Pupil}} har svarat flera gånger; det senaste svaret (rad {{.Other}}) gäller", Reason: "{{.Pupil}} answered more than once; the latest answer (line {{.Other}}) counts"}
	notePnrMasked     = Message{Key: "listcheck.note.pnr_masked", Text: "ett personnummer i svaret doldes; bara födelsedatumet står kvar", Reason: "a personnummer in the answer was hidden; only the birth date is left"}
	noteSkipped       = Message{Key: "formimport.note.skipped", Text: "valet ”{{.Value}}” lämnas bort; övriga val flyttas upp ett steg", Reason: "the choice “{{.Value}}” is left out; the other choices move up a rank"}
	noteAllSkipped    = Message{Key: "formimport.note.all_skipped", Text: "{{.Pupil}} har inga val kvar; raden hoppas över", Reason: "{{.Pupil}} has no choices left; the row is left out"}
	noteResolved      = Message{Key: "formimport.note.resolved", Text: "”{{.Value}}” tolkas som ”{{.Choice}}”", Reason: "“{{.Value}}” is taken as “{{.Choice}}”"}

	allMessages = []Message{msgEmpty, msgPDF, msgOldExcel, msgBinary, msgBadXLSX, msgNoRows, msgNoNameColumn,
		msgNoChoiceColumn, msgNoAnswerColumn, msgNoSuchColumn, msgFieldKind, msgBadRank, msgColumnTaken, msgNoPeriod, msgWrongKind, msgNameMissing, msgPupilUnknown, msgPupilAmbiguous,
		msgPupilClass, msgPupilGrade, msgPupilTwice, msgNotPlaced, msgPupilSchool, msgOfferUnknown, msgOfferAmbiguous, msgOfferPeriod, msgOfferTwice,
		msgTooMany, msgScaleBad, msgYesNoBad, msgCommentLong, msgDidYouMean, msgHasErrors, noteNoChoices, noteNoAnswers,
		noteSuperseded, noteResolved, noteSkipped, noteAllSkipped, notePnrMasked}
)

// Messages lists every message the package may give (for translation checks).
func Messages() []Message { return append([]Message(nil), allMessages...) }

// DidYouMean is the message that follows a reason when there is a
// suggestion (" — menade du ”…”?"), with its data field Suggestion.
func DidYouMean() Message { return msgDidYouMean }

// ErrNotFormExport is wrapped by every FileError: the file cannot be read
// as a form tool's export at all.
var ErrNotFormExport = errors.New("not a form export")

// FileError says why a whole file cannot be imported; it wraps ErrNotFormExport.
type FileError = data.FileError

func fileErr(m Message, kv ...string) *FileError {
	return &FileError{Message: m, Data: data.Pairs(kv...), Kind: ErrNotFormExport}
}

// RowError says what is wrong with one row (or, in Preview.Notes, what is
// worth knowing about it): its line in the file (the row number in a
// spreadsheet), the column (its header; empty for the row as a whole), why,
// and the best suggestion where a name was not recognised. Problem is the
// key of the Problem whose resolution fixes it ("" when none does).
type RowError struct {
	Line   int
	Column string
	Message
	Data       map[string]string
	Suggestion string
	Problem    string
}

// Why is the English reason, with the suggestion.
func (e RowError) Why() string {
	s := data.RenderTemplate(e.Reason, e.Data)
	if e.Suggestion != "" {
		s += data.RenderTemplate(msgDidYouMean.Reason, map[string]string{"Suggestion": e.Suggestion})
	}
	return s
}

// WhySwedish is the Swedish reason, with the suggestion.
func (e RowError) WhySwedish() string {
	s := data.RenderTemplate(e.Text, e.Data)
	if e.Suggestion != "" {
		s += data.RenderTemplate(msgDidYouMean.Text, map[string]string{"Suggestion": e.Suggestion})
	}
	return s
}

func (e RowError) Error() string { return data.AtRow(e.Line, e.Column, e.Why(), false) }

// Swedish is the whole error in Swedish: "rad 12, kolumn Val 1: okänd
// praoplats ”Volvo Cars” — menade du ”Volvo Car Corporation – Lagerlogistik”?".
func (e RowError) Swedish() string { return data.AtRow(e.Line, e.Column, e.WhySwedish(), true) }

// RowErrors is returned by an import when rows have errors and bad rows are
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
