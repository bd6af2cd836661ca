package formimport

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"techniqual/data/classlist"
)

// Kind is what a form export holds.
type Kind string

// The kinds of form export.
const (
	KindChoices     Kind = "choices"
	KindEvaluations Kind = "evaluations"
)

// Field is what a column of a form export holds.
type Field string

// The fields a column may hold. FieldIgnore drops the column.
const (
	FieldIgnore         Field = ""
	FieldName           Field = "name" // "Förnamn Efternamn" or "Efternamn, Förnamn"
	FieldFirstName      Field = "first_name"
	FieldLastName       Field = "last_name"
	FieldClass          Field = "class"
	FieldSchool         Field = "school"
	FieldTimestamp      Field = "timestamp"       // when the pupil answered: the latest answer counts
	FieldChoice         Field = "choice"          // one ranked choice; Column.Rank says which
	FieldChoiceList     Field = "choice_list"     // all choices in one cell, "A;B;C" (a ranking question)
	FieldInterestBefore Field = "interest_before" // 1–5
	FieldInterestAfter  Field = "interest_after"  // 1–5
	FieldRecommend      Field = "recommend"       // yes / no
	FieldComment        Field = "comment"
)

// Column is one column of a form export.
type Column struct {
	Index  int    // position in the row, from 0
	Header string // the header as the file writes it ("Kolumn 7" when blank)
	Field  Field
	Rank   int // FieldChoice: 1 for the first choice
}

// File is a form export as read: the detected header and columns, and the
// rows below the header. Columns may be changed before a preview.
type File struct {
	Kind      Kind
	Name      string // the file's path, when read from a file
	Format    classlist.Format
	Encoding  classlist.Encoding // CSV only
	Separator rune               // CSV only
	Sheet     string             // XLSX only
	HeaderRow int                // line or row of the header, from 1
	Columns   []Column
	Records   []classlist.Record
}

// Has reports whether some column holds field f.
func (f *File) Has(field Field) bool {
	return slices.ContainsFunc(f.Columns, func(c Column) bool { return c.Field == field })
}

// ReadChoices reads an export of pupils' choices from b (CSV or XLSX).
//
// When the only problem is that no column holds the pupils' names or their
// choices, it returns the File (the header is the best row found, else the
// first row; the columns as detected) together with the *FileError, so that
// the caller may let the user say what the columns hold (File.SetField)
// until File.Check passes. A caller that does not map columns treats the
// error as fatal, as for any other error (where the File is nil).
func ReadChoices(b []byte) (*File, error) { return read(b, KindChoices) }

// ReadEvaluations reads an export of pupils' evaluations from b (CSV or
// XLSX). As ReadChoices, it returns the File with the *FileError when only
// the name column or the answer columns are missing.
func ReadEvaluations(b []byte) (*File, error) { return read(b, KindEvaluations) }

// ReadChoicesFile reads an export of pupils' choices from a file; see
// ReadChoices for the File returned with a missing-columns error.
func ReadChoicesFile(path string) (*File, error) { return readFile(path, KindChoices) }

// ReadEvaluationsFile reads an export of pupils' evaluations from a file;
// see ReadChoices for the File returned with a missing-columns error.
func ReadEvaluationsFile(path string) (*File, error) { return readFile(path, KindEvaluations) }

func readFile(path string, kind Kind) (*File, error) {
	// classlist bounds what it reads into memory.
	t, err := classlist.ReadFile(path, classlist.ReadOptions{HeaderRow: 1})
	f, err := fromTable(t, err, kind)
	if f != nil {
		f.Name = path
	}
	return f, err
}

// headerScanRows is how far down the header row is looked for.
const headerScanRows = 30

// read takes the raw grid from classlist (which detects format, encoding
// and separator; its header detection knows class lists, not forms, so the
// first row is asked for as "header" and the real one found here).
func read(b []byte, kind Kind) (*File, error) {
	t, err := classlist.Read(b, classlist.ReadOptions{HeaderRow: 1})
	return fromTable(t, err, kind)
}

// fromTable finds the header and the columns in what classlist read.
func fromTable(t *classlist.Table, err error, kind Kind) (*File, error) {
	if err != nil {
		return nil, convertReadError(err)
	}
	first := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		first[i] = c.Header // a blank header comes as "Kolumn N", which means nothing here
	}
	grid := make([][]string, 0, len(t.Records)+1)
	lines := make([]int, 0, len(t.Records)+1)
	grid = append(grid, first)
	lines = append(lines, t.HeaderRow)
	for _, r := range t.Records {
		grid = append(grid, r.Cells)
		lines = append(lines, r.Line)
	}
	best, bestScore := -1, 0
	var bestCols []Column
	for i := 0; i < len(grid) && i < headerScanRows; i++ {
		cols := detectColumns(grid[i], len(first), kind)
		if s := score(cols, kind); s > bestScore {
			best, bestScore, bestCols = i, s, cols
		}
	}
	f := &File{Kind: kind, Format: t.Format, Encoding: t.Encoding, Separator: t.Separator, Sheet: t.Sheet}
	if best < 0 {
		best, bestCols = 0, detectColumns(grid[0], len(first), kind)
	}
	f.HeaderRow, f.Columns = lines[best], bestCols
	missing := f.Check()
	for i := best + 1; i < len(grid); i++ {
		f.Records = append(f.Records, classlist.Record{Line: lines[i], Cells: grid[i]})
	}
	if missing != nil && len(f.Records) == 0 {
		return nil, missing // nothing to map columns for
	}
	if len(f.Records) == 0 {
		return nil, fileErr(msgNoRows)
	}
	if missing != nil {
		// Only columns are missing: the user may say which they are.
		return f, missing
	}
	return f, nil
}

// Check says whether the columns are enough for an import of the kind: a
// *FileError saying what is missing (the pupils' names first, then their
// choices or answers), or nil.
func (f *File) Check() error {
	if !f.Has(FieldName) && !(f.Has(FieldFirstName) || f.Has(FieldLastName)) {
		return fileErr(msgNoNameColumn)
	}
	switch f.Kind {
	case KindChoices:
		if !f.Has(FieldChoice) && !f.Has(FieldChoiceList) {
			return fileErr(msgNoChoiceColumn)
		}
	case KindEvaluations:
		if !f.Has(FieldInterestBefore) && !f.Has(FieldInterestAfter) && !f.Has(FieldRecommend) && !f.Has(FieldComment) {
			return fileErr(msgNoAnswerColumn)
		}
	}
	return nil
}

// score rates a row as the header: how many kinds of column it names, and
// nothing unless it names the pupils and what they answered.
func score(cols []Column, kind Kind) int {
	seen := map[Field]bool{}
	for _, c := range cols {
		if c.Field != FieldIgnore {
			seen[c.Field] = true
		}
	}
	name := seen[FieldName] || seen[FieldFirstName] || seen[FieldLastName]
	answer := seen[FieldChoice] || seen[FieldChoiceList]
	if kind == KindEvaluations {
		answer = seen[FieldInterestBefore] || seen[FieldInterestAfter] || seen[FieldRecommend] || seen[FieldComment]
	}
	if !name || !answer {
		return 0
	}
	return len(seen)
}

// detectColumns names the field of every column of a header row. A choice
// rank or a one-of field (class, school, the answers) seen twice keeps its
// first column; names and timestamps may repeat (a form tool's own "Namn"
// beside the question "Vad heter du?"): the last filled one counts.
func detectColumns(hdr []string, width int, kind Kind) []Column {
	cols := make([]Column, width)
	taken := map[string]bool{}
	for i := range cols {
		h := ""
		if i < len(hdr) {
			h = strings.TrimSpace(hdr[i])
		}
		c := Column{Index: i, Header: h}
		if h == "" {
			c.Header = fmt.Sprintf("Kolumn %d", i+1)
		} else {
			c.Field, c.Rank = DetectField(h, kind)
		}
		key := string(c.Field) + fmt.Sprint(c.Rank)
		switch c.Field {
		case FieldIgnore, FieldName, FieldFirstName, FieldLastName, FieldTimestamp:
		default:
			if taken[key] {
				c.Field, c.Rank = FieldIgnore, 0
			}
			taken[key] = true
		}
		cols[i] = c
	}
	return cols
}

// DetectField says what a column header of a form export of the kind
// means, and for a choice its rank (1 for the first choice).
func DetectField(header string, kind Kind) (Field, int) {
	toks := headerTokens(header)
	if len(toks) == 0 {
		return FieldIgnore, 0
	}
	has := func(words ...string) bool {
		for _, t := range toks {
			if slices.Contains(words, t) {
				return true
			}
		}
		return false
	}
	hasPrefix := func(prefixes ...string) bool {
		for _, t := range toks {
			for _, p := range prefixes {
				if strings.HasPrefix(t, p) {
					return true
				}
			}
		}
		return false
	}
	joined := strings.Join(toks, " ")
	// When the pupil answered.
	if has("tidsstampel", "tidstampel", "timestamp", "starttid", "sluttid", "slutforandetid", "inskickad", "inlamnad", "submitted") ||
		joined == "start time" || joined == "completion time" || joined == "end time" || joined == "last modified time" ||
		joined == "senaste andringstid" || joined == "submitted at" || joined == "datum och tid" {
		return FieldTimestamp, 0
	}
	// The response number of Microsoft Forms is no pupil id.
	if joined == "id" {
		return FieldIgnore, 0
	}
	// The names school systems use, as classlist knows them.
	if f, known := classlist.DetectField(header); known {
		switch f {
		case classlist.FieldFirstName:
			return FieldFirstName, 0
		case classlist.FieldLastName:
			return FieldLastName, 0
		case classlist.FieldFullName:
			return FieldName, 0
		case classlist.FieldClass:
			return FieldClass, 0
		case classlist.FieldSchool:
			return FieldSchool, 0
		}
	}
	switch kind {
	case KindChoices:
		if rank, ok := choiceRank(toks); ok {
			if rank == 0 {
				return FieldChoiceList, 0
			}
			return FieldChoice, rank
		}
	case KindEvaluations:
		switch {
		case hasPrefix("intress", "interest"):
			if has("fore", "innan", "before", "tidigare", "forut", "forr", "start") {
				return FieldInterestBefore, 0
			}
			if has("efter", "after", "nu", "now", "idag", "sedan", "afterwards") {
				return FieldInterestAfter, 0
			}
		case hasPrefix("rekommend", "recommend", "tipsa"):
			return FieldRecommend, 0
		case has("kommentar", "kommentarer", "ovrigt", "comment", "comments", "synpunkter", "synpunkt", "fritext",
			"feedback", "ovriga", "tankar", "remarks"), strings.Contains(joined, "nagot mer"), strings.Contains(joined, "anything else"):
			return FieldComment, 0
		}
	}
	// Questions that ask for the pupil ("Vad heter du?", "Din klass").
	company := has("foretag", "company", "praoplats", "arbetsplats", "vardforetag", "host", "handledare", "supervisor")
	switch {
	case company:
	case (has("fornamn") || has("for")) && has("efternamn"):
		return FieldName, 0
	case has("efternamn", "surname") || (has("last", "family") && has("name")):
		return FieldLastName, 0
	case has("fornamn", "tilltalsnamn", "forename") || (has("first", "given") && has("name")):
		return FieldFirstName, 0
	case has("skola", "skolan", "school", "skolenhet"):
		return FieldSchool, 0
	case has("klass", "class", "klassen", "grupp", "mentorsgrupp"):
		return FieldClass, 0
	case has("namn", "name", "heter", "elevnamn", "elev", "eleven", "elevens", "student", "pupil"):
		return FieldName, 0
	}
	return FieldIgnore, 0
}

// ordinals are the words for the first to fifth choice (and beyond, so that
// a sixth choice is found and refused).
var ordinals = []struct {
	prefix string
	rank   int
}{
	{"forsta", 1}, {"first", 1}, {"andra", 2}, {"second", 2}, {"tredje", 3}, {"third", 3},
	{"fjarde", 4}, {"fourth", 4}, {"femte", 5}, {"fifth", 5}, {"sjatte", 6}, {"sixth", 6},
	{"sjunde", 7}, {"seventh", 7},
}

// choiceRank finds a choice column: ok when the header speaks of a choice,
// rank 0 when it names no rank (a ranking question holding every choice).
func choiceRank(toks []string) (int, bool) {
	keyword, rank := false, 0
	for _, t := range toks {
		switch t {
		case "val", "valet", "vald", "choice", "choices", "preference", "preferences", "onskemal", "onskan", "alternativ",
			"hand", "handsval", "prio", "prioritet", "priority", "wish", "praoplats", "praoplatser", "foretag", "company",
			"arbetsplats", "option", "rangordna", "rangordning", "ranking", "rank":
			keyword = true
		}
		for _, o := range ordinals {
			if t == o.prefix || (strings.HasPrefix(t, o.prefix) && (strings.HasSuffix(t, "val") || strings.HasSuffix(t, "hand") ||
				strings.HasSuffix(t, "handsval") || strings.HasSuffix(t, "choice"))) {
				if rank == 0 {
					rank = o.rank
				}
				if t != o.prefix {
					keyword = true
				}
			}
		}
		if rank == 0 && len(t) <= 2 && t[0] >= '0' && t[0] <= '9' {
			n := 0
			for _, c := range t {
				n = n*10 + int(c-'0')
			}
			if n > 0 {
				rank = n
			}
		}
	}
	return rank, keyword
}

// headerTokens splits a header into lower-case words without accents, and
// digits apart from letters: "1:a hand" → [1 a hand], "Val1" → [val 1].
func headerTokens(s string) []string {
	f := fold(s)
	var b strings.Builder
	var prev rune
	for _, r := range f {
		if prev != 0 && r != ' ' && prev != ' ' && unicode.IsDigit(r) != unicode.IsDigit(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return strings.Fields(b.String())
}

// convertReadError turns classlist's reasons (which speak of class lists)
// into this package's.
func convertReadError(err error) error {
	var fe *classlist.FileError
	if !errors.As(err, &fe) {
		return err
	}
	switch fe.Key {
	case "import.err.empty":
		return fileErr(msgEmpty)
	case "import.err.pdf":
		return fileErr(msgPDF)
	case "import.err.xls":
		return fileErr(msgOldExcel)
	case "import.err.xlsx":
		return &FileError{Message: msgBadXLSX, Data: fe.Data, Kind: ErrNotFormExport}
	case "import.err.no_rows":
		return fileErr(msgNoRows)
	}
	return fileErr(msgBinary)
}
