package classlist

import (
	"cmp"
	"errors"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"techniqual/data"
)

// Row is one data row turned into a pupil (without school id), with the
// errors found in it: a Change whose Action is not decided yet (the
// preview decides it in place, without a copy of the rows). Nothing of a
// personnummer is kept but the birth date.
type Row = Change

// given says which fields a list gives; an update changes only those.
type given map[Field]bool

// parseRows turns the records into rows under a mapping (one field per
// column). defaultSchool is used for rows without a school of their own.
func parseRows(t *Table, opts Options) ([]Row, given, error) {
	mapping, defaultSchool, today := opts.mapping(t), opts.School, opts.today()
	if opts.Mapping == nil {
		if err := checkUnknown(t, opts.IgnoreColumns); err != nil {
			return nil, nil, err
		}
	}
	col := map[Field]int{}
	var protCols []int // every column that marks protected identity
	for i, f := range mapping {
		if i >= len(t.Columns) || f == FieldIgnore {
			continue
		}
		if f == FieldProtected {
			protCols = append(protCols, i)
		}
		if _, dup := col[f]; !dup {
			col[f] = i
		}
	}
	_, hasFirst := col[FieldFirstName]
	_, hasLast := col[FieldLastName]
	_, hasFull := col[FieldFullName]
	if !hasFirst && !hasLast && !hasFull {
		return nil, nil, fileErr(msgNoNameColumn)
	}
	if len(t.Records) == 0 {
		return nil, nil, fileErr(msgNoRows)
	}
	g := given{}
	for f := range col {
		g[f] = true
	}
	if hasFull {
		g[FieldFirstName], g[FieldLastName] = true, true
	}
	if g[FieldPersonnummer] {
		g[FieldBirthDate] = true
	}
	header := func(f Field) string { return t.Columns[col[f]].Header }
	// Each field's column, looked up once for the list, not once a cell.
	colOf := func(f Field) int {
		if i, ok := col[f]; ok {
			return i
		}
		return -1
	}
	var at [len(cellFields)]int
	for k, f := range cellFields {
		at[k] = colOf(f)
	}
	rows := make([]Row, len(t.Records)) // filled in place: a Row is large
	// Identical rows first, in the order of the list: a row's duplicate
	// is always a later row.
	seen := newRowSet(len(t.Records))
	dupOf := make([]int, len(t.Records)) // the line of an identical row before, or 0
	for n, rec := range t.Records {
		if first, dup := seen.add(rec.Cells, rec.Line); dup {
			dupOf[n] = first
		}
	}
	// Values that repeat down a list are read once each.
	type parsed[T any] struct {
		v  T
		ok bool
	}
	// parse reads the records lo to hi into rows. Every row is read on
	// its own, so a long list is read in two halves at once.
	parse := func(lo, hi int) error {
		grades := newMemo(func(s string) parsed[int] { g, ok := parseGrade(s); return parsed[int]{g, ok} })
		classGrades := newMemo(gradeFromClass)
		genders := newMemo(func(s string) parsed[data.Gender] { g, ok := parseGender(s); return parsed[data.Gender]{g, ok} })
		yesNo := newMemo(func(s string) parsed[bool] { y, ok := parseYesNo(s); return parsed[bool]{y, ok} })
		cleanSchool := map[string]string{}
		for n := lo; n < hi; n++ {
			rec := t.Records[n]
			cell := func(f Field) string {
				i := at[cellIndex(f)]
				if i < 0 || i >= len(rec.Cells) {
					return ""
				}
				return rec.Cells[i]
			}
			r := &rows[n]
			r.Line = rec.Line
			bad := func(f Field, m Message, kv ...string) {
				c := ""
				if _, ok := col[f]; ok {
					c = header(f)
				}
				for i := 1; i < len(kv); i += 2 {
					kv[i] = safeValue(kv[i])
				}
				r.Errors = append(r.Errors, RowError{Line: rec.Line, Column: c, Message: m, Data: data.Pairs(kv...)})
			}
			note := func(f Field, m Message, kv ...string) {
				c := ""
				if _, ok := col[f]; ok {
					c = header(f)
				}
				r.Notes = append(r.Notes, RowError{Line: rec.Line, Column: c, Message: m, Data: data.Pairs(kv...)})
			}
			// No personnummer is kept in any field: a name, a class or a
			// phone keeps what is not the number, with a note.
			clean := func(f Field, v string) string {
				v = data.CleanName(v)
				if out, removed := data.RemovePersonnummer(v); removed {
					note(f, msgPnrRemoved)
					return out
				}
				return v
			}
			if first := dupOf[n]; first > 0 {
				bad(FieldIgnore, msgDuplicateRow, "Other", strconv.Itoa(first))
			}
			p := &r.Pupil
			if hasFull {
				p.FirstName, p.LastName = splitName(cell(FieldFullName))
			}
			if hasFirst || hasLast {
				if v := cell(FieldFirstName); hasFirst && (v != "" || !hasFull) {
					p.FirstName = v
				}
				if v := cell(FieldLastName); hasLast && (v != "" || !hasFull) {
					p.LastName = v
				}
			}
			firstField, lastField := FieldFirstName, FieldLastName
			if !hasFirst || (cell(FieldFirstName) == "" && hasFull) {
				firstField = FieldFullName
			}
			if !hasLast || (cell(FieldLastName) == "" && hasFull) {
				lastField = FieldFullName
			}
			p.FirstName = oneSpaced(clean(firstField, p.FirstName))
			p.LastName = oneSpaced(clean(lastField, p.LastName))
			switch {
			case p.FirstName == "" && p.LastName == "":
				f := FieldFullName
				if !hasFull {
					f = FieldFirstName
					if !hasFirst {
						f = FieldLastName
					}
				}
				bad(f, msgNameMissing)
			case p.FirstName == "":
				bad(firstField, msgFirstMissing)
			case p.LastName == "":
				bad(lastField, msgLastMissing)
			}
			p.ClassName = oneSpaced(clean(FieldClass, cell(FieldClass)))
			gradeField := FieldClass
			if v := cell(FieldGrade); v != "" {
				gradeField = FieldGrade
				if x := grades.get(v); x.ok {
					gr := x.v
					p.Grade = gr
				} else {
					bad(FieldGrade, msgGradeBad, "Value", v)
					p.Grade = -1
				}
			} else {
				p.Grade = classGrades.get(p.ClassName)
				if _, ok := col[FieldClass]; !ok {
					gradeField = FieldGrade
				}
			}
			switch {
			case p.Grade == 0:
				bad(gradeField, msgGradeMissing)
			case p.Grade > 0 && p.Grade != 8 && p.Grade != 9:
				bad(gradeField, msgGradeOther, "Grade", strconv.Itoa(p.Grade))
			}
			if v := cell(FieldSchool); v != "" {
				// A school is cleaned once; a number in it is noted per row.
				c, done := cleanSchool[v]
				if !done || c != v {
					c = clean(FieldSchool, v)
					cleanSchool[v] = c
				}
				r.School = c
			}
			if r.School == "" {
				r.School = strings.TrimSpace(defaultSchool)
			}
			if r.School == "" {
				bad(FieldSchool, msgSchoolMissing)
			}
			var fromPnr time.Time
			var sexDigit int
			if v := cell(FieldPersonnummer); v != "" {
				d, sd, err := parsePersonnummer(v, today)
				sexDigit = sd
				switch {
				case errors.Is(err, ErrPnrChecksum):
					bad(FieldPersonnummer, msgPnrChecksum, "Value", MaskPersonnummer(v))
				case errors.Is(err, ErrPnrDate):
					bad(FieldPersonnummer, msgPnrDate, "Value", MaskPersonnummer(v))
				case err != nil:
					bad(FieldPersonnummer, msgPnrFormat, "Value", MaskPersonnummer(v))
				default:
					fromPnr = d
				}
			}
			if v := cell(FieldBirthDate); v != "" {
				d, ok := parseBirthDate(v, t.Format == FormatXLSX)
				switch {
				case !ok:
					bad(FieldBirthDate, msgBirthBad, "Value", v)
				case !fromPnr.IsZero() && !d.Equal(fromPnr):
					bad(FieldBirthDate, msgBirthMismatch)
				default:
					p.BirthDate = d
				}
			}
			if p.BirthDate.IsZero() {
				p.BirthDate = fromPnr
			}
			if v := cell(FieldGender); v != "" {
				if x := genders.get(v); x.ok {
					gd := x.v
					p.Gender = gd
				} else {
					bad(FieldGender, msgGenderBad, "Value", v)
				}
			}
			if (p.Gender == "" || p.Gender == data.GenderUnspecified) && opts.GenderFromPersonnummer && !fromPnr.IsZero() {
				// Asked for: the legal sex the Tax Agency records, for
				// statistics; the number itself is still dropped.
				p.Gender, r.GenderFromPnr = data.GenderGirl, true
				if sexDigit%2 == 1 {
					p.Gender = data.GenderBoy
				}
				note(FieldPersonnummer, msgGenderFromPnr, "Gender", string(p.Gender))
			}
			if p.Gender == "" {
				p.Gender = data.GenderUnspecified
			}
			// Any column that marks protection counts; one that cannot be
			// read refuses the whole file, even when bad rows are skipped:
			// a protected pupil must never be imported as unprotected.
			for _, i := range protCols {
				v := ""
				if i < len(rec.Cells) {
					v = rec.Cells[i]
				}
				x := yesNo.get(v)
				yes, ok := x.v, x.ok
				if !ok {
					return fileErr(msgProtectedFile, "Line", strconv.Itoa(rec.Line), "Column", t.Columns[i].Header,
						"Value", safeValue(v))
				}
				p.Protected = p.Protected || yes
			}
			p.GuardianName = clean(FieldGuardianName, cell(FieldGuardianName))
			p.GuardianEmail = clean(FieldGuardianEmail, cell(FieldGuardianEmail))
			p.GuardianPhone = clean(FieldGuardianPhone, cell(FieldGuardianPhone))
			p.ExternalID = cell(FieldExternalID)
			if _, err := BirthDateFromPersonnummer(p.ExternalID, today); err == nil || looksLikePersonnummer(p.ExternalID) ||
				data.HasPersonnummer(p.ExternalID) {
				p.ExternalID = "" // some systems use the personnummer as the pupil's id: never kept
			}
			scrub := func(f Field, v string) string {
				if out, found := data.MaskPersonnummerIn(v); found {
					note(f, msgPnrRemoved)
					return out
				}
				return v
			}
			p.Needs = scrub(FieldNeeds, cell(FieldNeeds))
			p.Notes = scrub(FieldNotes, cell(FieldNotes))
			// The Store's own rules, with each field error put on its column.
			check := *p
			check.SchoolID = "-"
			if check.Grade != 8 && check.Grade != 9 {
				check.Grade = 8 // already reported
			}
			if err := check.Validate(); err != nil {
				var ve *data.ValidationError
				if errors.As(err, &ve) {
					for _, fe := range ve.Fields {
						f := dataFieldColumn(fe.Field, col)
						if (fe.Field == "first_name" && p.FirstName == "" && p.LastName == "") || fe.Key == "privacy.err.pnr" {
							continue // already reported, or already taken out
						}
						bad(f, Message{Key: fe.Key, Text: fe.Text, Reason: fe.Reason}, flatten(fe.Data)...)
					}
				}
			}
		}
		return nil
	}
	if len(rows) < parallelRows {
		if err := parse(0, len(rows)); err != nil {
			return nil, nil, err
		}
		return rows, g, nil
	}
	// The first half's error is the first in the list, as one pass
	// would have found it.
	half := len(rows) / 2
	var wg sync.WaitGroup
	var errB error
	wg.Add(1)
	go func() {
		defer wg.Done()
		errB = parse(half, len(rows))
	}()
	errA := parse(0, half)
	wg.Wait()
	if err := cmp.Or(errA, errB); err != nil {
		return nil, nil, err
	}
	return rows, g, nil
}

// parallelRows is how long a list must be to be read in two halves at once.
var parallelRows = 2000

// cellFields are the fields parseRows reads a cell of, in the order of
// cellIndex.
var cellFields = [...]Field{FieldFirstName, FieldLastName, FieldFullName, FieldClass, FieldGrade, FieldSchool,
	FieldPersonnummer, FieldBirthDate, FieldGender, FieldGuardianName, FieldGuardianEmail, FieldGuardianPhone,
	FieldExternalID, FieldNeeds, FieldNotes}

// cellIndex is f's place in cellFields.
func cellIndex(f Field) int {
	switch f {
	case FieldFirstName:
		return 0
	case FieldLastName:
		return 1
	case FieldFullName:
		return 2
	case FieldClass:
		return 3
	case FieldGrade:
		return 4
	case FieldSchool:
		return 5
	case FieldPersonnummer:
		return 6
	case FieldBirthDate:
		return 7
	case FieldGender:
		return 8
	case FieldGuardianName:
		return 9
	case FieldGuardianEmail:
		return 10
	case FieldGuardianPhone:
		return 11
	case FieldExternalID:
		return 12
	case FieldNeeds:
		return 13
	case FieldNotes:
		return 14
	}
	panic("classlist: no cell for field " + string(f))
}

// oneSpaced is strings.Join(strings.Fields(s), " "): s with its runs of
// white space made one space and its ends trimmed. Most cells already are,
// and are returned as they are, without a copy.
func oneSpaced(s string) string {
	prevSpace := true // a space at the start is to be trimmed
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += n - 1
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
		case asciiSpace(c):
			return strings.Join(strings.Fields(s), " ")
		default:
			prevSpace = false
		}
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ") // a space at the end
	}
	return s
}

func asciiSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' }

// rowSet finds identical rows. It keeps a hash of each row's cells, not a
// copy of them joined; rows whose hashes are equal are compared cell by
// cell.
type rowSet struct {
	hash  func([]string) uint64
	first map[uint64]setEntry
	more  map[string]int // rows that share a hash with a different row: by their cells
}

type setEntry struct {
	cells []string
	line  int
}

func newRowSet(n int) *rowSet {
	seed := maphash.MakeSeed()
	hash := func(cells []string) uint64 {
		var h maphash.Hash
		h.SetSeed(seed)
		for _, c := range cells {
			h.WriteString(strconv.Itoa(len(c)))
			h.WriteByte(':')
			h.WriteString(c)
		}
		return h.Sum64()
	}
	return &rowSet{hash: hash, first: make(map[uint64]setEntry, n)}
}

// add records a row (line from 1) and, when an identical row was added
// before, returns that row's line and true.
func (s *rowSet) add(cells []string, line int) (int, bool) {
	sum := s.hash(cells)
	e, ok := s.first[sum]
	if !ok {
		s.first[sum] = setEntry{cells: cells, line: line}
		return 0, false
	}
	if slices.Equal(e.cells, cells) {
		return e.line, true
	}
	// Two different rows with the same hash: rare, and then exact.
	if s.more == nil {
		s.more = map[string]int{}
	}
	if k := cellsKey(e.cells); s.more[k] == 0 {
		s.more[k] = e.line
	}
	key := cellsKey(cells)
	if l, dup := s.more[key]; dup {
		return l, true
	}
	s.more[key] = line
	return 0, false
}

// cellsKey is the cells written one after the other, each after its length.
func cellsKey(cells []string) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(strconv.Itoa(len(c)))
		b.WriteByte(':')
		b.WriteString(c)
	}
	return b.String()
}

// dataFieldColumn says which of the list's fields a data.Pupil field came from.
func dataFieldColumn(field string, col map[Field]int) Field {
	var cands []Field
	switch field {
	case "first_name":
		cands = []Field{FieldFirstName, FieldFullName}
	case "last_name":
		cands = []Field{FieldLastName, FieldFullName}
	case "class_name":
		cands = []Field{FieldClass}
	case "grade":
		cands = []Field{FieldGrade, FieldClass}
	case "birth_date":
		cands = []Field{FieldBirthDate, FieldPersonnummer}
	case "gender":
		cands = []Field{FieldGender}
	case "guardian_email":
		cands = []Field{FieldGuardianEmail}
	case "needs":
		cands = []Field{FieldNeeds}
	case "notes":
		cands = []Field{FieldNotes}
	}
	for _, f := range cands {
		if _, ok := col[f]; ok {
			return f
		}
	}
	return FieldIgnore
}

func flatten(m map[string]string) []string {
	var kv []string
	for k, v := range m {
		kv = append(kv, k, v)
	}
	return kv
}

// safeValue makes a cell fit to be shown in an error: anything holding ten
// digits or more may be a personnummer and is masked, and long text is cut.
func safeValue(v string) string {
	nd := 0
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			nd++
		}
	}
	if nd >= 10 {
		v = MaskPersonnummer(v)
	}
	if r := []rune(v); len(r) > 60 {
		v = string(r[:60]) + "…"
	}
	return v
}

// checkUnknown refuses a list with columns whose header is not known and
// that the caller has not named to be left out: a column headed "Fnamn"
// must not be dropped without a word while every pupil loses a first name.
func checkUnknown(t *Table, ignore []string) error {
	skip := map[string]bool{}
	for _, n := range ignore {
		skip[normHeader(n)] = true
	}
	var names []string
	for _, c := range t.Unknown() {
		if !skip[normHeader(c.Header)] {
			names = append(names, c.Header)
		}
	}
	if len(names) == 0 {
		return nil
	}
	e := fileErr(msgUnknownColumns, "Columns", strings.Join(names, ", "))
	e.Kind = ErrUnknownColumns
	return e
}
