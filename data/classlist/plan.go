package classlist

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"techniqual/data"
)

// Options say how a class list is imported.
type Options struct {
	// School is the list's school, for rows that do not name their own. It is
	// created when there is no school by that name.
	School string
	// Mapping gives every column its field (FieldIgnore drops it); nil takes
	// the detected mapping.
	Mapping []Field
	// Today decides the century of short personnummer; zero means now.
	Today time.Time
	// IgnoreColumns names columns whose header is unknown that may be
	// left out. Without a Mapping, any other unknown column refuses the
	// file (a Mapping is the caller's decision on every column).
	IgnoreColumns []string
	// GenderFromPersonnummer takes, only when asked, the legal sex that
	// the personnummer records (its second-to-last digit: odd for men,
	// even for women) as the gender of a pupil whose list states none,
	// for statistics. The number itself is still never stored.
	GenderFromPersonnummer bool
}

// Action is what an import does with one row.
type Action string

// The actions of a preview.
const (
	ActionAdd       Action = "add"
	ActionUpdate    Action = "update"
	ActionUnchanged Action = "unchanged"
	ActionError     Action = "error"
)

// Change is one row of a preview: what happens to it, and the pupil as it
// will be saved (with its id when an existing pupil is updated).
type Change struct {
	Line   int
	Action Action
	Pupil  data.Pupil
	School string
	Errors []RowError
	Notes  []RowError // what was changed in the row without being an error
	// GenderFromPnr is true when the gender comes from the personnummer.
	GenderFromPnr bool
}

// Preview is what an import would do, computed without writing anything.
type Preview struct {
	Changes    []Change
	Added      int
	Updated    int
	Unchanged  int
	BadRows    int        // rows with at least one error
	Errors     []RowError // every error, by line
	Notes      []RowError // what was changed in rows without being an error
	NewSchools []string   // schools the import creates
	// GenderFromPnr counts the pupils whose gender is taken from the
	// personnummer (Options.GenderFromPersonnummer).
	GenderFromPnr int
}

// Result is what an import did.
type Result struct {
	Added      int
	Updated    int
	Unchanged  int
	Skipped    int        // bad rows left out (only with skipBad)
	Errors     []RowError // the errors of the skipped rows
	Notes      []RowError // what was changed in rows without being an error
	NewSchools []string
	// GenderFromPnr counts the pupils whose gender was taken from the
	// personnummer.
	GenderFromPnr int
}

// BuildPreview works out what importing t would do, without writing.
func BuildPreview(ctx context.Context, st *data.Store, t *Table, opts Options) (*Preview, error) {
	rows, g, err := parseRows(t, opts)
	if err != nil {
		return nil, err
	}
	return plan(ctx, st, rows, g)
}

// Import writes the list's pupils in one transaction: new pupils are added,
// known ones (matched on the school system's id, else on name, class,
// school and birth date) updated, never duplicated. When rows have errors,
// nothing is written and the error is a *RowErrors, unless skipBad, which
// imports the good rows and returns the others' errors in the Result.
func Import(ctx context.Context, st *data.Store, t *Table, opts Options, skipBad bool) (Result, error) {
	rows, g, err := parseRows(t, opts)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = st.InTx(ctx, func(tx *data.Store) error {
		p, err := plan(ctx, tx, rows, g)
		if err != nil {
			return err
		}
		if p.BadRows > 0 && !skipBad {
			return &RowErrors{Errors: p.Errors}
		}
		res = Result{Added: p.Added, Updated: p.Updated, Unchanged: p.Unchanged, Skipped: p.BadRows, Errors: p.Errors,
			Notes: p.Notes, GenderFromPnr: p.GenderFromPnr}
		created := map[string]string{}
		sk := newMemo(schoolKey) // a list has a handful of schools
		for _, name := range p.NewSchools {
			o := data.Organisation{Kind: data.KindSchool, Name: name}
			if err := tx.SaveOrganisation(ctx, &o); err != nil {
				return err
			}
			created[schoolKey(name)] = o.ID
			res.NewSchools = append(res.NewSchools, o.Name)
		}
		// New pupils are written in bulk (many rows a statement, each
		// statement prepared once), the few updates one by one.
		adds := make([]*data.Pupil, 0, p.Added) // the changes' own pupils, not copies
		addLines := make([]int, 0, p.Added)
		for i := range p.Changes {
			c := &p.Changes[i]
			if c.Action != ActionAdd && c.Action != ActionUpdate {
				continue
			}
			if c.Pupil.SchoolID == "" {
				c.Pupil.SchoolID = created[sk.get(c.School)]
			}
			if c.Action == ActionAdd {
				adds, addLines = append(adds, &c.Pupil), append(addLines, c.Line)
				continue
			}
			if err := tx.SavePupil(ctx, &c.Pupil); err != nil {
				return fmt.Errorf("line %d: %w", c.Line, err)
			}
		}
		if err := tx.InsertPupils(ctx, adds); err != nil {
			var be *data.BulkError
			if errors.As(err, &be) && be.Index < len(addLines) {
				return fmt.Errorf("line %d: %w", addLines[be.Index], be.Err)
			}
			return err
		}
		return nil
	})
	return res, err
}

func (o Options) mapping(t *Table) []Field {
	if o.Mapping != nil {
		return o.Mapping
	}
	return t.Mapping()
}

func (o Options) today() time.Time {
	if o.Today.IsZero() {
		return time.Now()
	}
	return o.Today
}

func schoolKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// memo remembers a function's result per distinct value: a list of 10,000
// rows has a handful of schools, classes and genders, so what is worked out
// from them is worked out once.
type memo[T any] struct {
	f    func(string) T
	seen map[string]T
}

func newMemo[T any](f func(string) T) *memo[T] { return &memo[T]{f: f, seen: map[string]T{}} }

func (m *memo[T]) get(s string) T {
	v, ok := m.seen[s]
	if !ok {
		v = m.f(s)
		m.seen[s] = v
	}
	return v
}

func nameKey(p data.Pupil) string {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(p.FirstName) + "\x00" + norm(p.LastName) + "\x00" + strings.ToLower(strings.ReplaceAll(p.ClassName, " ", ""))
}

// school is one school of a list with its pupils in the database.
type school struct {
	org    data.Organisation
	pupils []data.Pupil
	byExt  map[string][]int
	byName map[string][]int
}

// plan matches the rows against the database.
func plan(ctx context.Context, st *data.Store, rows []Row, g given) (*Preview, error) {
	sk := newMemo(schoolKey)
	orgs, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	byName := map[string]data.Organisation{}
	for _, o := range orgs {
		if _, dup := byName[schoolKey(o.Name)]; !dup {
			byName[schoolKey(o.Name)] = o
		}
	}
	schools := map[string]*school{}
	lookup := func(name string) (*school, error) {
		k := sk.get(name)
		if s, ok := schools[k]; ok {
			return s, nil
		}
		s := &school{byExt: map[string][]int{}, byName: map[string][]int{}}
		if o, ok := byName[k]; ok {
			s.org = o
			ps, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: o.ID})
			if err != nil {
				return nil, err
			}
			s.pupils = ps
			for i, p := range ps {
				if p.ExternalID != "" {
					s.byExt[p.ExternalID] = append(s.byExt[p.ExternalID], i)
				}
				s.byName[nameKey(p)] = append(s.byName[nameKey(p)], i)
			}
		}
		schools[k] = s
		return s, nil
	}

	// The rows become the changes, decided in place.
	pv := &Preview{Changes: rows}
	target := make([]int, len(rows)) // index into the school's pupils, -1 for new
	type extKey struct{ school, ext string }
	extSeen := map[extKey]int{}
	for i := range rows {
		r := &rows[i]
		c := r
		target[i] = -1
		if r.School == "" {
			continue
		}
		s, err := lookup(r.School)
		if err != nil {
			return nil, err
		}
		rowErr := func(m Message, kv ...string) {
			c.Errors = append(c.Errors, RowError{Line: r.Line, Message: m, Data: data.Pairs(kv...)})
		}
		ext := r.Pupil.ExternalID
		if ext != "" {
			k := extKey{sk.get(r.School), ext}
			if other, dup := extSeen[k]; dup {
				rowErr(msgExternalDup, "Value", safeValue(ext), "Other", strconv.Itoa(other))
				continue
			}
			extSeen[k] = r.Line
			if found := s.byExt[ext]; len(found) == 1 {
				target[i] = found[0]
				continue
			} else if len(found) > 1 {
				rowErr(msgAmbiguous, "N", strconv.Itoa(len(found)))
				continue
			}
		}
		var cands, sameBirth []int
		var same []int
		if len(s.byName) > 0 { // a school new to the database has no one to match
			same = s.byName[nameKey(r.Pupil)]
		}
		for _, j := range same {
			p := s.pupils[j]
			if ext != "" && p.ExternalID != "" && p.ExternalID != ext {
				continue // the school system says they are different pupils
			}
			b := r.Pupil.BirthDate
			if !b.IsZero() && !p.BirthDate.IsZero() && !b.Equal(p.BirthDate) {
				continue
			}
			cands = append(cands, j)
			if !b.IsZero() && b.Equal(p.BirthDate) {
				sameBirth = append(sameBirth, j)
			}
		}
		if len(sameBirth) > 0 {
			cands = sameBirth
		}
		switch {
		case len(cands) == 1:
			target[i] = cands[0]
		case len(cands) > 1 && !r.Pupil.BirthDate.IsZero():
			rowErr(msgAmbiguousDated, "N", strconv.Itoa(len(cands)))
		case len(cands) > 1:
			rowErr(msgAmbiguous, "N", strconv.Itoa(len(cands)))
		}
	}
	// Two rows must not update the same pupil.
	claims := map[*data.Pupil][]int{}
	for i, j := range target {
		if j >= 0 {
			p := &schools[sk.get(rows[i].School)].pupils[j]
			claims[p] = append(claims[p], i)
		}
	}
	for _, is := range claims {
		if len(is) < 2 {
			continue
		}
		for _, i := range is {
			other := is[0]
			if other == i {
				other = is[1]
			}
			// Rows with different birth dates meet only at a pupil stored
			// without one.
			m := msgSameTarget
			if a, b := rows[i].Pupil.BirthDate, rows[other].Pupil.BirthDate; !a.IsZero() && !b.IsZero() {
				m = msgSameTargetDated
				if a.Equal(b) {
					m = msgSameTargetTwice
				}
			}
			pv.Changes[i].Errors = append(pv.Changes[i].Errors, RowError{Line: rows[i].Line, Message: m,
				Data: map[string]string{"Other": strconv.Itoa(rows[other].Line)}})
		}
	}
	newSchools := map[string]bool{}
	for i := range pv.Changes {
		c := &pv.Changes[i]
		if len(c.Errors) > 0 {
			c.Action = ActionError
			pv.BadRows++
			pv.Errors = append(pv.Errors, c.Errors...)
			continue
		}
		s := schools[sk.get(c.School)]
		if target[i] < 0 {
			c.Action = ActionAdd
			c.Pupil.SchoolID = s.org.ID
			pv.Added++
			if c.GenderFromPnr {
				pv.GenderFromPnr++
			}
			if s.org.ID == "" && !newSchools[sk.get(c.School)] {
				newSchools[sk.get(c.School)] = true
				pv.NewSchools = append(pv.NewSchools, strings.Join(strings.Fields(c.School), " "))
			}
			continue
		}
		old := s.pupils[target[i]]
		if c.GenderFromPnr && old.Gender != data.GenderUnspecified && old.Gender != "" {
			// A gender already recorded is never replaced by one taken
			// from the number.
			c.Pupil.Gender, c.GenderFromPnr = old.Gender, false
			c.Notes = withoutGenderNote(c.Notes)
		}
		c.Pupil = merge(old, c.Pupil, g)
		if c.GenderFromPnr {
			pv.GenderFromPnr++
		}
		if samePupil(old, c.Pupil) {
			c.Action = ActionUnchanged
			pv.Unchanged++
		} else {
			c.Action = ActionUpdate
			pv.Updated++
		}
	}
	for _, c := range pv.Changes {
		if c.Action != ActionError {
			pv.Notes = append(pv.Notes, c.Notes...)
		}
	}
	return pv, nil
}

// merge lays what the list gives over an existing pupil. Fields the list
// does not give, or leaves empty, keep their value; protected identity is
// set by a list but never lifted by one.
func merge(old, row data.Pupil, g given) data.Pupil {
	p := old
	p.FirstName, p.LastName, p.Grade = row.FirstName, row.LastName, row.Grade
	if g[FieldClass] {
		p.ClassName = row.ClassName
	}
	if !row.BirthDate.IsZero() {
		p.BirthDate = row.BirthDate
	}
	if row.Gender != "" && row.Gender != data.GenderUnspecified {
		p.Gender = row.Gender
	}
	if row.Protected {
		p.Protected = true
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&p.GuardianName, row.GuardianName)
	set(&p.GuardianEmail, row.GuardianEmail)
	set(&p.GuardianPhone, row.GuardianPhone)
	set(&p.ExternalID, row.ExternalID)
	set(&p.Needs, row.Needs)
	set(&p.Notes, row.Notes)
	return p
}

func samePupil(a, b data.Pupil) bool {
	return a.FirstName == b.FirstName && a.LastName == b.LastName && a.ClassName == b.ClassName && a.Grade == b.Grade &&
		a.BirthDate.Equal(b.BirthDate) && a.Gender == b.Gender && a.Protected == b.Protected &&
		a.GuardianName == b.GuardianName && a.GuardianEmail == b.GuardianEmail && a.GuardianPhone == b.GuardianPhone &&
		a.ExternalID == b.ExternalID && a.Needs == b.Needs && a.Notes == b.Notes
}

func withoutGenderNote(ns []RowError) []RowError {
	var out []RowError
	for _, n := range ns {
		if n.Key != msgGenderFromPnr.Key {
			out = append(out, n)
		}
	}
	return out
}
