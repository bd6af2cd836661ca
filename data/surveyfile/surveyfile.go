// Package surveyfile reads the pupils' questionnaire answers exported from
// a form tool (Microsoft Forms, Google Forms, a shared spreadsheet) as CSV
// or XLSX, and imports one wave of them by the pupils' codes.
//
// The file needs a column of codes ("Kod", "Din kod", "Code" …) and may
// have a column for each item: found by the item's number ("Fråga 1", "q1"),
// its key or the start of its text as the questionnaire prints it. Answers
// are 1–5 (a cell such as "4 = stämmer ganska bra" counts as 4), the
// programme by name or two-letter code; a blank cell is not answered.
// Columns the package does not know (a timestamp, an e-mail) are ignored.
//
// An import is all-or-nothing: every problem of the file is listed with
// its line (or row) and column, a code that is not one of the period's is
// refused, and nothing is written while any problem is left.
package surveyfile

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"techniqual/data"
	"techniqual/data/classlist"
	"techniqual/data/text"
)

// Field is what a column holds.
type Field int

// The fields of a survey file; the items are FieldItem1 … FieldItem1+3.
const (
	FieldIgnore Field = iota
	FieldCode
	FieldItem1
	FieldItem2
	FieldItem3
	FieldItem4
	FieldWork
	FieldProgramme
)

// Row is one pupil's answers as read, with its line (CSV) or row (XLSX).
type Row struct {
	Line  int
	Entry data.SurveyEntry
}

// File is a survey file as read.
type File struct {
	Columns  []Field // the field of each column
	Headers  []string
	Rows     []Row
	Problems []Problem // what is wrong in the rows (the file is refused while any is left)
}

// Problem is one thing wrong in a file: where (line and column, 0 and ""
// for the whole file) and why, in Swedish and in English.
type Problem struct {
	Line   int
	Column string
	SV, EN string
}

// Text says the problem in l, beginning with where it is.
func (p Problem) Text(l text.Lang) string {
	msg := l.Pick(p.SV, p.EN)
	switch {
	case p.Line > 0 && p.Column != "":
		return fmt.Sprintf(l.Pick("rad %d, kolumn %q: %s", "line %d, column %q: %s"), p.Line, p.Column, msg)
	case p.Line > 0:
		return fmt.Sprintf(l.Pick("rad %d: %s", "line %d: %s"), p.Line, msg)
	}
	return msg
}

// Error is a refused file: its problems, nothing written.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string { return e.Text(text.English) }

// Text lists the problems in l, one a line.
func (e *Error) Text(l text.Lang) string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Text(l)
	}
	return strings.Join(lines, "\n")
}

// Swedish is the problems in Swedish (for ops.Message).
func (e *Error) Swedish() string { return e.Text(text.Swedish) }

// headerScanRows is how far down a header row is looked for (a form tool
// may put a title above it).
const headerScanRows = 20

// ReadFile reads a survey file from path.
func ReadFile(path string) (*File, error) {
	t, err := classlist.ReadFile(path, classlist.ReadOptions{HeaderRow: 1})
	return fromTable(t, err)
}

// Read reads a survey file in CSV or XLSX from b.
func Read(b []byte) (*File, error) {
	t, err := classlist.Read(b, classlist.ReadOptions{HeaderRow: 1})
	return fromTable(t, err)
}

func fromTable(t *classlist.Table, err error) (*File, error) {
	if err != nil {
		return nil, &Error{Problems: []Problem{{SV: "Filen kunde inte läsas: " + err.Error(), EN: "the file cannot be read: " + err.Error()}}}
	}
	grid := [][]string{make([]string, len(t.Columns))}
	lines := []int{t.HeaderRow}
	for i, c := range t.Columns {
		grid[0][i] = c.Header
	}
	for _, r := range t.Records {
		grid = append(grid, r.Cells)
		lines = append(lines, r.Line)
	}
	head := -1
	for i := 0; i < len(grid) && i < headerScanRows; i++ {
		for _, h := range grid[i] {
			if detect(h) == FieldCode {
				head = i
				break
			}
		}
		if head >= 0 {
			break
		}
	}
	if head < 0 {
		return nil, &Error{Problems: []Problem{{SV: "Filen har ingen kolumn med elevernas koder (t.ex. \"Kod\").",
			EN: "the file has no column of the pupils' codes (e.g. \"Code\")"}}}
	}
	f := &File{Headers: grid[head]}
	seen := map[Field]int{}
	for i, h := range grid[head] {
		fd := detect(h)
		if fd != FieldIgnore {
			if j, dup := seen[fd]; dup {
				f.Problems = append(f.Problems, Problem{Line: lines[head], Column: h,
					SV: fmt.Sprintf("samma fråga som kolumn %q", grid[head][j]), EN: fmt.Sprintf("the same question as column %q", grid[head][j])})
				fd = FieldIgnore
			} else {
				seen[fd] = i
			}
		}
		f.Columns = append(f.Columns, fd)
	}
	codes := map[string]int{}
	for i := head + 1; i < len(grid); i++ {
		cells, line := grid[i], lines[i]
		blank := true
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		row := Row{Line: line}
		for j, fd := range f.Columns {
			if j >= len(cells) {
				break
			}
			v := strings.TrimSpace(cells[j])
			col := f.Headers[j]
			bad := func(sv, en string) {
				f.Problems = append(f.Problems, Problem{Line: line, Column: col, SV: sv, EN: en})
			}
			switch fd {
			case FieldCode:
				c, ok := data.NormalizeSurveyCode(v)
				switch {
				case v == "":
					bad("koden saknas", "the code is missing")
				case !ok && len([]rune(c)) != data.SurveyCodeLen:
					bad(fmt.Sprintf("%q är ingen kod: en kod har åtta tecken (t.ex. ACDE-FGHJ)", v), fmt.Sprintf("%q is not a code: a code has eight characters (e.g. ACDE-FGHJ)", v))
				case !ok:
					// Eight characters, one a code never holds (found by
					// use: "ZZZZ-ZZZZ" was told a code has eight).
					never := data.NotInSurveyCodes(c)
					bad(fmt.Sprintf("%q är ingen kod: koderna har aldrig %s (de saknar 0 O 1 I L 2 Z 5 S 8 B, som är lätta att blanda ihop). Kolla avskriften.", v, never),
						fmt.Sprintf("%q is not a code: codes never hold %s (they leave out 0 O 1 I L 2 Z 5 S 8 B, which are easily mixed up). Check the copy.", v, never))
				case codes[c] > 0:
					bad(fmt.Sprintf("koden %s finns redan på rad %d", data.FormatSurveyCode(c), codes[c]),
						fmt.Sprintf("the code %s is already on line %d", data.FormatSurveyCode(c), codes[c]))
				default:
					codes[c] = line
				}
				row.Entry.Code = c
			case FieldItem1, FieldItem2, FieldItem3, FieldItem4, FieldWork:
				if v == "" {
					continue
				}
				n, ok := scale(v)
				if !ok {
					bad(fmt.Sprintf("%q är inget svar 1–5", v), fmt.Sprintf("%q is not an answer 1–5", v))
					continue
				}
				if fd == FieldWork {
					row.Entry.Answer.Work = n
				} else {
					row.Entry.Answer.Items[fd-FieldItem1] = n
				}
			case FieldProgramme:
				if v == "" {
					continue
				}
				p, ok := data.FindProgramme(v)
				if !ok {
					bad(fmt.Sprintf("%q är inget gymnasieprogram i listan", v), fmt.Sprintf("%q is not a programme of the list", v))
					continue
				}
				row.Entry.Answer.Programme = p.Code
			}
		}
		f.Rows = append(f.Rows, row)
	}
	if len(f.Rows) == 0 {
		f.Problems = append(f.Problems, Problem{SV: "Filen har inga svar under rubrikraden.", EN: "the file has no answers below its header"})
	}
	return f, nil
}

// scale reads an answer 1–5: "4", "4,0", "4 = stämmer ganska bra".
func scale(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil {
		return n, n >= 1 && n <= 5
	}
	if f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil && f == float64(int(f)) {
		return int(f), f >= 1 && f <= 5
	}
	if len(v) >= 2 && v[0] >= '1' && v[0] <= '5' && (v[1] == ' ' || v[1] == '=' || v[1] == '-' || v[1] == '.') {
		return int(v[0] - '0'), true
	}
	return 0, false
}

// detect says what a header names. A question's column is known by its
// key (q1, work, programme), by "Fråga N"/"Question N", or by the start of
// the item's text in either language.
func detect(h string) Field {
	k := text.Fold(strings.ToLower(strings.Join(strings.Fields(h), " ")))
	k = strings.Trim(k, " :?.")
	switch k {
	case "kod", "din kod", "elevkod", "code", "your code", "pupil code", "enkatkod", "survey code":
		return FieldCode
	case "q1", "fraga 1", "question 1", "1":
		return FieldItem1
	case "q2", "fraga 2", "question 2", "2":
		return FieldItem2
	case "q3", "fraga 3", "question 3", "3":
		return FieldItem3
	case "q4", "fraga 4", "question 4", "4":
		return FieldItem4
	case "work", "fraga 5", "question 5", "5", "arbeta", "arbeta med teknik", "jobba med teknik", "work with technology":
		return FieldWork
	case "programme", "program", "gymnasieprogram", "fraga 6", "question 6", "6":
		return FieldProgramme
	}
	items := []struct {
		it data.SurveyItem
		f  Field
	}{{data.InterestItems[0], FieldItem1}, {data.InterestItems[1], FieldItem2}, {data.InterestItems[2], FieldItem3},
		{data.InterestItems[3], FieldItem4}, {data.WorkItem, FieldWork}, {data.ProgrammeItem, FieldProgramme}}
	for _, x := range items {
		for _, t := range []string{x.it.SV, x.it.EN} {
			t = strings.Trim(text.Fold(strings.ToLower(t)), " :?.")
			// "1. Jag tycker …" or the text alone; a form may cut it short.
			body := strings.TrimLeft(k, "0123456789. ")
			if body != "" && len(body) >= 12 && (strings.HasPrefix(t, body) || strings.HasPrefix(body, t)) {
				return x.f
			}
		}
	}
	return FieldIgnore
}

// Result says what an import wrote.
type Result struct {
	Answers int // rows saved
	// Unpaired is the codes that now have answers in this wave but not in
	// the other (reported, left out of the change until they do).
	Unpaired int
}

// has reports whether the file has a column of field fd.
func (f *File) has(fd Field) bool {
	for _, c := range f.Columns {
		if c == fd {
			return true
		}
	}
	return false
}

// keepAbsent is the answer a read from the file, with the questions the
// file has no column for taken from old.
func (f *File) keepAbsent(a, old data.SurveyAnswer) data.SurveyAnswer {
	for i := range a.Items {
		if !f.has(FieldItem1 + Field(i)) {
			a.Items[i] = old.Items[i]
		}
	}
	if !f.has(FieldWork) {
		a.Work = old.Work
	}
	if !f.has(FieldProgramme) {
		a.Programme = old.Programme
	}
	return a
}

// Preview is what an import of a file would do to a wave, for the question
// asked before it: how many answers, how many replace stored ones, and the
// headers of the columns that are not read.
type Preview struct {
	Answers, Replaced int
	Ignored           []string
}

// PreviewImport works out, without writing, what Import would do.
func PreviewImport(ctx context.Context, st *data.Store, periodID string, wave data.Wave, f *File) (Preview, error) {
	stored, err := st.SurveyAnswers(ctx, periodID, wave)
	if err != nil {
		return Preview{}, err
	}
	var p Preview
	for _, r := range f.Rows {
		if r.Entry.Answer.Empty() {
			continue
		}
		p.Answers++
		if _, ok := stored[r.Entry.Code]; ok {
			p.Replaced++
		}
	}
	for i, fd := range f.Columns {
		if fd == FieldIgnore && i < len(f.Headers) && strings.TrimSpace(f.Headers[i]) != "" {
			p.Ignored = append(p.Ignored, f.Headers[i])
		}
	}
	return p, nil
}

// Import writes a read file's answers of wave for the period: all of them
// in one transaction, or nothing with an *Error listing every problem (its
// own and the codes that are not the period's).
func Import(ctx context.Context, st *data.Store, periodID string, wave data.Wave, f *File) (Result, error) {
	if !wave.Valid() {
		return Result{}, &Error{Problems: []Problem{{SV: "Omgången måste vara före eller efter.", EN: "the wave must be before or after"}}}
	}
	codes, err := st.ListSurveyCodes(ctx, periodID)
	if err != nil {
		return Result{}, err
	}
	known := map[string]bool{}
	for _, c := range codes {
		known[c.Code] = true
	}
	problems := append([]Problem(nil), f.Problems...)
	colOf := ""
	for i, fd := range f.Columns {
		if fd == FieldCode {
			colOf = f.Headers[i]
		}
	}
	entries := make([]data.SurveyEntry, 0, len(f.Rows))
	for _, r := range f.Rows {
		if _, ok := data.NormalizeSurveyCode(r.Entry.Code); ok && !known[r.Entry.Code] {
			problems = append(problems, Problem{Line: r.Line, Column: colOf,
				SV: fmt.Sprintf("koden %s hör inte till perioden", data.FormatSurveyCode(r.Entry.Code)),
				EN: fmt.Sprintf("the code %s is not one of the period's", data.FormatSurveyCode(r.Entry.Code))})
		}
		if !r.Entry.Answer.Empty() { // a row with a code and no answer changes nothing
			entries = append(entries, r.Entry)
		}
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return Result{}, &Error{Problems: problems}
	}
	// A question the file has no column for keeps its stored answer: found
	// by use, a file without a recognised "Arbeta" column emptied the
	// answers stored for it.
	stored, err := st.SurveyAnswers(ctx, periodID, wave)
	if err != nil {
		return Result{}, err
	}
	for i := range entries {
		if old, ok := stored[entries[i].Code]; ok {
			entries[i].Answer = f.keepAbsent(entries[i].Answer, old)
		}
	}
	n, err := st.SaveSurveyAnswers(ctx, periodID, wave, entries)
	if err != nil {
		return Result{}, err
	}
	other := data.WaveAfter
	if wave == data.WaveAfter {
		other = data.WaveBefore
	}
	theirs, err := st.SurveyAnswers(ctx, periodID, other)
	if err != nil {
		return Result{}, err
	}
	res := Result{Answers: n}
	for _, e := range entries {
		if _, ok := theirs[e.Code]; !ok && !e.Answer.Empty() {
			res.Unpaired++
		}
	}
	return res, nil
}
