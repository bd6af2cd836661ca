package formimport

import (
	"errors"
	"fmt"
	"strings"

	"techniqual/data"
)

// Message is one reason the package gives, in Swedish (Text, a template
// over the error's Data, shown through the ui's translations under Key) and
// English (Reason, for logs and the command line).
type Message struct {
	Key    string
	Text   string
	Reason string
}

// The messages of the package.
var (
	msgEmpty          = Message{"formimport.err.empty", "Filen är tom.", "the file is empty"}
	msgPDF            = Message{"formimport.err.pdf", "Filen är en PDF. Exportera svaren från formuläret som CSV eller Excel (.xlsx).", "the file is a PDF; export the answers as CSV or XLSX"}
	msgOldExcel       = Message{"formimport.err.xls", "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.", "the file is in the old Excel format (.xls); save it as .xlsx or CSV"}
	msgBinary         = Message{"formimport.err.binary", "Filen innehåller ingen text i tabellform.", "the file holds no tabular text"}
	msgBadXLSX        = Message{"formimport.err.xlsx", "Excel-filen kunde inte läsas: {{.Error}}", "the Excel file could not be read: {{.Error}}"}
	msgNoRows         = Message{"formimport.err.no_rows", "Filen har inga svar under rubrikraden.", "the file has no answers below the header row"}
	msgNoNameColumn   = Message{"formimport.err.no_name_column", "Ingen kolumn med elevernas namn hittades (till exempel Namn, eller Förnamn och Efternamn).", "no column with the pupils' names (such as Name, or First name and Last name)"}
	msgNoChoiceColumn = Message{"formimport.err.no_choice_column", "Ingen kolumn med val hittades (till exempel Val 1, Val 2 … eller Förstahandsval).", "no column with choices (such as Choice 1, Choice 2 … or First choice)"}
	msgNoAnswerColumn = Message{"formimport.err.no_answer_column", "Inga kolumner med svar hittades (intresse för teknik före och efter praon, skulle rekommendera, kommentar).", "no columns with answers (interest in technology before and after, would recommend, comment)"}
	msgNoPeriod       = Message{"formimport.err.no_period", "Praoperioden finns inte.", "the period does not exist"}
	msgWrongKind      = Message{"formimport.err.wrong_kind", "Filen lästes för en annan sorts import.", "the file was read for another kind of import"}
	msgNameMissing    = Message{"formimport.err.name_missing", "namn saknas", "the name is missing"}
	msgPupilUnknown   = Message{"formimport.err.pupil_unknown", "okänd elev ”{{.Value}}”", "unknown pupil “{{.Value}}”"}
	msgPupilAmbiguous = Message{"formimport.err.pupil_ambiguous", "{{.N}} elever passar ”{{.Value}}” ({{.Suggestions}}); välj vilken", "{{.N}} pupils fit “{{.Value}}” ({{.Suggestions}}); choose one"}
	msgPupilClass     = Message{"formimport.err.pupil_class", "ingen elev ”{{.Value}}” i klass {{.Class}}", "no pupil “{{.Value}}” in class {{.Class}}"}
	msgPupilGrade     = Message{"formimport.err.pupil_grade", "{{.Pupil}} går i årskurs {{.Grade}}, men praoperioden är för årskurs {{.PeriodGrade}}", "{{.Pupil}} is in grade {{.Grade}}, but the period is for grade {{.PeriodGrade}}"}
	msgPupilSchool    = Message{"formimport.err.pupil_school", "{{.Pupil}} går på {{.School}}, som inte är med i praoperioden", "{{.Pupil}} attends {{.School}}, which does not take part in the period"}
	msgPupilTwice     = Message{"formimport.err.pupil_twice", "{{.Pupil}} är vald även för rad {{.Other}}; välj rätt elev för varje rad", "{{.Pupil}} is also chosen for line {{.Other}}; choose the right pupil for each row"}
	msgNotPlaced      = Message{"formimport.err.not_placed", "{{.Pupil}} har ingen placering i praoperioden; en utvärdering gäller en praoplats", "{{.Pupil}} has no placement in the period; an evaluation is of a placement"}
	msgOfferUnknown   = Message{"formimport.err.offer_unknown", "okänd praoplats ”{{.Value}}”", "unknown offer “{{.Value}}”"}
	msgOfferAmbiguous = Message{"formimport.err.offer_ambiguous", "”{{.Value}}” passar {{.N}} praoplatser ({{.Suggestions}}); välj en", "“{{.Value}}” fits {{.N}} offers ({{.Suggestions}}); choose one"}
	msgOfferPeriod    = Message{"formimport.err.offer_period", "praoplatsen ”{{.Value}}” hör till en annan praoperiod ({{.Period}})", "the offer “{{.Value}}” belongs to another period ({{.Period}})"}
	msgOfferTwice     = Message{"formimport.err.offer_twice", "samma praoplats som i {{.Other}}", "the same offer as in {{.Other}}"}
	msgTooMany        = Message{"formimport.err.too_many", "fler än {{.Max}} val", "more than {{.Max}} choices"}
	msgScaleBad       = Message{"formimport.err.scale_bad", "”{{.Value}}” är inget svar 1–5", "“{{.Value}}” is not an answer 1–5"}
	msgYesNoBad       = Message{"formimport.err.yes_no_bad", "”{{.Value}}” ska vara Ja eller Nej", "“{{.Value}}” must be yes or no"}
	msgCommentLong    = Message{"formimport.err.comment_long", "kommentaren är för lång (högst {{.Max}} tecken)", "the comment is too long (at most {{.Max}} characters)"}
	msgDidYouMean     = Message{"formimport.err.did_you_mean", " — menade du ”{{.Suggestion}}”?", " — did you mean “{{.Suggestion}}”?"}
	msgHasErrors      = Message{"formimport.err.has_errors", "{{.N}} rader har fel; inget har importerats.", "{{.N}} rows have errors; nothing was imported"}
	noteNoChoices     = Message{"formimport.note.no_choices", "{{.Pupil}} har inga val ifyllda; raden hoppas över", "{{.Pupil}} chose nothing; the row is left out"}
	noteNoAnswers     = Message{"formimport.note.no_answers", "{{.Pupil}} har inga svar ifyllda; raden hoppas över", "{{.Pupil}} gave no answers; the row is left out"}
	noteSuperseded    = Message{"formimport.note.superseded", "{{.Pupil}} har svarat flera gånger; det senaste svaret (rad {{.Other}}) gäller", "{{.Pupil}} answered more than once; the latest answer (line {{.Other}}) counts"}
	noteResolved      = Message{"formimport.note.resolved", "”{{.Value}}” tolkas som ”{{.Choice}}”", "“{{.Value}}” is taken as “{{.Choice}}”"}

	allMessages = []Message{msgEmpty, msgPDF, msgOldExcel, msgBinary, msgBadXLSX, msgNoRows, msgNoNameColumn,
		msgNoChoiceColumn, msgNoAnswerColumn, msgNoPeriod, msgWrongKind, msgNameMissing, msgPupilUnknown, msgPupilAmbiguous,
		msgPupilClass, msgPupilGrade, msgPupilTwice, msgNotPlaced, msgPupilSchool, msgOfferUnknown, msgOfferAmbiguous, msgOfferPeriod, msgOfferTwice,
		msgTooMany, msgScaleBad, msgYesNoBad, msgCommentLong, msgDidYouMean, msgHasErrors, noteNoChoices, noteNoAnswers,
		noteSuperseded, noteResolved}
)

// Messages lists every message the package may give (for translation checks).
func Messages() []Message { return append([]Message(nil), allMessages...) }

// DidYouMean is the message that follows a reason when there is a
// suggestion (" — menade du ”…”?"), with its data field Suggestion.
func DidYouMean() Message { return msgDidYouMean }

// ErrNotFormExport is wrapped by every FileError: the file cannot be read
// as a form tool's export at all.
var ErrNotFormExport = errors.New("not a form export")

// FileError says why a whole file cannot be imported.
type FileError struct {
	Message
	Data map[string]string
}

func (e *FileError) Error() string { return data.RenderTemplate(e.Reason, e.Data) }

// Unwrap makes errors.Is(err, ErrNotFormExport) true.
func (e *FileError) Unwrap() error { return ErrNotFormExport }

// Swedish is the reason in Swedish.
func (e *FileError) Swedish() string { return data.RenderTemplate(e.Text, e.Data) }

func fileErr(m Message, kv ...string) *FileError {
	return &FileError{Message: m, Data: pairs(kv)}
}

func pairs(kv []string) map[string]string {
	if len(kv) == 0 {
		return nil
	}
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
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

func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Why())
	}
	return fmt.Sprintf("line %d, column %s: %s", e.Line, e.Column, e.Why())
}

// Swedish is the whole error in Swedish: "rad 12, kolumn Val 1: okänd
// praoplats ”Volvo Cars” — menade du ”Volvo Car Corporation – Lagerlogistik”?".
func (e RowError) Swedish() string {
	if e.Column == "" {
		return fmt.Sprintf("rad %d: %s", e.Line, e.WhySwedish())
	}
	return fmt.Sprintf("rad %d, kolumn %s: %s", e.Line, e.Column, e.WhySwedish())
}

// RowErrors is returned by an import when rows have errors and bad rows are
// not to be skipped: nothing was written.
type RowErrors struct {
	Errors []RowError
}

func (e *RowErrors) Error() string {
	parts := make([]string, 0, 4)
	for i, r := range e.Errors {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, r.Error())
	}
	return fmt.Sprintf("%d errors, nothing imported: %s", len(e.Errors), strings.Join(parts, "; "))
}

// Lines is how many rows the errors are on.
func (e *RowErrors) Lines() int { return countLines(e.Errors) }

func countLines(errs []RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}
