package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"time"
)

const pupilColumns = `id, school_id, first_name, last_name, class_name, grade, birth_date, gender, protected,
	guardian_name, guardian_phone, guardian_email, needs, needs_shareable, external_id, notes, created_at, updated_at`

// Validate checks a pupil before it is saved; now bounds the birth date.
func (p Pupil) Validate() error {
	v := validator{entity: "pupil"}
	v.required("school", p.SchoolID)
	if strings.TrimSpace(p.FirstName+p.LastName) == "" {
		v.add("first_name", "err.name_required", "Förnamn eller efternamn måste fyllas i.", "a first or last name is required")
	}
	v.text("first_name", p.FirstName, 100)
	v.text("last_name", p.LastName, 100)
	v.text("class_name", p.ClassName, 40)
	v.text("needs", p.Needs, 2000)
	v.text("notes", p.Notes, 10000)
	v.noPersonnummer([2]string{"first_name", p.FirstName}, [2]string{"last_name", p.LastName},
		[2]string{"class_name", p.ClassName}, [2]string{"guardian_name", p.GuardianName},
		[2]string{"guardian_phone", p.GuardianPhone}, [2]string{"guardian_email", p.GuardianEmail},
		[2]string{"needs", p.Needs}, [2]string{"external_id", p.ExternalID}, [2]string{"notes", p.Notes})
	if p.Grade != 8 && p.Grade != 9 {
		v.add("grade", "err.grade", "Årskursen måste vara 8 eller 9.", "grade must be 8 or 9")
	}
	if !p.BirthDate.IsZero() {
		if y := p.BirthDate.Year(); y < 1990 || p.BirthDate.After(time.Now()) {
			v.add("birth_date", "err.birth_date", "Födelsedatumet är orimligt.", "birth date out of range")
		}
	}
	if p.Gender != "" && !p.Gender.Valid() {
		v.add("gender", "err.gender", "Okänt kön.", "unknown gender "+string(p.Gender))
	}
	if e := strings.TrimSpace(p.GuardianEmail); e != "" && !validAddress(e) {
		v.add("guardian_email", "err.email", "Ogiltig e-postadress.", "not a valid e-mail address")
	}
	return v.err()
}

// validAddress reports whether e is one e-mail address and nothing else,
// as net/mail reads it.
func validAddress(e string) bool {
	if plainAddress(e) {
		return true
	}
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e
}

// plainAddress reports whether e is an address of the plainest form, which
// net/mail always reads as itself ("anna.berg+skola@example.se"): letters,
// digits and ".", "_", "+", "-" before the one "@", letters, digits, "."
// and "-" after it, with no dot at either end of either part nor two in a
// row. It is a shortcut that never says yes where net/mail says no; every
// other address goes to net/mail (an import checks thousands).
func plainAddress(e string) bool {
	at := strings.IndexByte(e, '@')
	if at <= 0 || at == len(e)-1 {
		return false
	}
	local, domain := e[:at], e[at+1:]
	return plainAtoms(local, "._+-") && plainAtoms(domain, ".-")
}

// plainAtoms reports whether s is ASCII letters, digits and the bytes of
// extra, with dots only between other characters, never two in a row.
func plainAtoms(s, extra string) bool {
	if s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// prepareSave cleans what a save cleans (names, e-mail, gender) and checks
// the pupil: every write of a pupil goes through it.
func (p *Pupil) prepareSave() error {
	p.FirstName, p.LastName, p.ClassName = CleanName(p.FirstName), CleanName(p.LastName), CleanName(p.ClassName)
	p.GuardianName = CleanName(p.GuardianName)
	p.GuardianEmail = strings.TrimSpace(p.GuardianEmail)
	if p.Gender == "" {
		p.Gender = GenderUnspecified
	}
	return p.Validate()
}

// SavePupil inserts p (when p.ID is empty) or updates it.
func (s *Store) SavePupil(ctx context.Context, p *Pupil) error {
	if err := p.prepareSave(); err != nil {
		return err
	}
	id, created, updated := p.ID, p.CreatedAt, p.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	args := []any{p.SchoolID, p.FirstName, p.LastName, p.ClassName, p.Grade, FormatDate(p.BirthDate), string(p.Gender),
		boolInt(p.Protected), p.GuardianName, p.GuardianPhone, p.GuardianEmail, p.Needs, boolInt(p.NeedsShareable),
		p.ExternalID, p.Notes, formatTS(updated)}
	var err error
	if insert {
		_, err = s.exec(ctx, `INSERT INTO pupils (school_id, first_name, last_name, class_name, grade, birth_date, gender,
			protected, guardian_name, guardian_phone, guardian_email, needs, needs_shareable, external_id, notes, updated_at,
			id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...)
	} else {
		var res sql.Result
		res, err = s.exec(ctx, `UPDATE pupils SET school_id=?, first_name=?, last_name=?, class_name=?, grade=?, birth_date=?,
			gender=?, protected=?, guardian_name=?, guardian_phone=?, guardian_email=?, needs=?, needs_shareable=?,
			external_id=?, notes=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
		if err == nil {
			err = checkUpdated("save pupil", res)
		}
	}
	if err != nil {
		return translate("save pupil "+p.Name(), err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, created, updated
	return nil
}

// insertBatch is how many pupils one INSERT of InsertPupils writes: 16
// values each and one shared, well under SQLite's limit of 32,766 bound
// values.
const insertBatch = 100

// BulkError says which item of a bulk write failed (the first of its
// statement for an error of SQLite's).
type BulkError struct {
	Index int
	Err   error
}

func (e *BulkError) Error() string { return e.Err.Error() }

// Unwrap gives the error of the item.
func (e *BulkError) Unwrap() error { return e.Err }

// InsertPupils adds new pupils (without id) in bulk, for imports: cleaned
// and checked as SavePupil does, each is given its id and stamps, and they
// are written many rows to a statement, each statement prepared once. The
// pupils of one call are written at one moment: they share their
// created_at and updated_at, bound once a statement. An error is a
// *BulkError naming the pupil; use it inside InTx so that nothing is
// written then.
func (s *Store) InsertPupils(ctx context.Context, ps []*Pupil) error {
	if i, err := preparePupils(ps); err != nil {
		return &BulkError{Index: i, Err: err}
	}
	now := s.now()
	args := make([]driver.NamedValue, 1+insertBatch*pupilInsertValues)
	for i := range args {
		args[i].Ordinal = i + 1
	}
	args[0].Value = formatTS(now)
	// A list's pupils share a few hundred birth dates: each is written once.
	dates := map[time.Time]string{}
	date := func(d time.Time) string {
		s, ok := dates[d]
		if !ok {
			s = FormatDate(d)
			dates[d] = s
		}
		return s
	}
	for start := 0; start < len(ps); start += insertBatch {
		batch := ps[start:min(start+insertBatch, len(ps))]
		v := args[1:]
		for _, p := range batch {
			p.ID, p.CreatedAt, p.UpdatedAt = s.newID(), now, now
			v[0].Value, v[1].Value, v[2].Value, v[3].Value = p.SchoolID, p.FirstName, p.LastName, p.ClassName
			v[4].Value, v[5].Value, v[6].Value = int64(p.Grade), date(p.BirthDate), string(p.Gender)
			v[7].Value, v[8].Value, v[9].Value = int64(boolInt(p.Protected)), p.GuardianName, p.GuardianPhone
			v[10].Value, v[11].Value, v[12].Value = p.GuardianEmail, p.Needs, int64(boolInt(p.NeedsShareable))
			v[13].Value, v[14].Value, v[15].Value = p.ExternalID, p.Notes, p.ID
			v = v[pupilInsertValues:]
		}
		n := 1 + len(batch)*pupilInsertValues
		if err := s.bulkExec(ctx, insertPupilsSQL(len(batch)), args[:n]); err != nil {
			return &BulkError{Index: start, Err: translate(fmt.Sprintf("insert pupils %s …", batch[0].Name()), err)}
		}
	}
	return nil
}

// preparePupils cleans and checks new pupils as SavePupil does, and
// returns the index and error of the first that cannot be saved. A long
// list is checked in two halves at once (the check is the costly part of
// an import's own work); the first error is still the first in the list.
func preparePupils(ps []*Pupil) (int, error) {
	check := func(ps []*Pupil) (int, error) {
		for i, p := range ps {
			if p.ID != "" {
				return i, fmt.Errorf("insert pupils: %s already has an id", p.Name())
			}
			if err := p.prepareSave(); err != nil {
				return i, err
			}
		}
		return -1, nil
	}
	if len(ps) < 1000 {
		return check(ps)
	}
	half := len(ps) / 2
	var wg sync.WaitGroup
	var j int
	var errJ error
	wg.Add(1)
	go func() {
		defer wg.Done()
		j, errJ = check(ps[half:])
	}()
	i, err := check(ps[:half])
	wg.Wait()
	switch {
	case err != nil:
		return i, err
	case errJ != nil:
		return half + j, errJ
	}
	return -1, nil
}

// pupilInsertValues is how many values of its own a pupil binds in
// InsertPupils' statement.
const pupilInsertValues = 16

var (
	insertPupilsMu  sync.Mutex
	insertPupilsSQL = func() func(n int) string {
		made := map[int]string{}
		return func(n int) string {
			insertPupilsMu.Lock()
			defer insertPupilsMu.Unlock()
			if q, ok := made[n]; ok {
				return q
			}
			// ?1 is the stamp of every row; each row's own values follow.
			var b strings.Builder
			b.WriteString(`INSERT INTO pupils (school_id, first_name, last_name, class_name, grade, birth_date, gender,
				protected, guardian_name, guardian_phone, guardian_email, needs, needs_shareable, external_id, notes, id,
				updated_at, created_at) VALUES `)
			for r := 0; r < n; r++ {
				if r > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('(')
				for c := 0; c < pupilInsertValues; c++ {
					fmt.Fprintf(&b, "?%d,", 2+r*pupilInsertValues+c)
				}
				b.WriteString("?1,?1)")
			}
			made[n] = b.String()
			return made[n]
		}
	}()
)

func scanPupil(row interface{ Scan(...any) error }) (Pupil, error) {
	var p Pupil
	var birth, gender, created, updated string
	var prot, share int
	err := row.Scan(&p.ID, &p.SchoolID, &p.FirstName, &p.LastName, &p.ClassName, &p.Grade, &birth, &gender, &prot,
		&p.GuardianName, &p.GuardianPhone, &p.GuardianEmail, &p.Needs, &share, &p.ExternalID, &p.Notes, &created, &updated)
	p.BirthDate, p.Gender, p.Protected, p.NeedsShareable = mustDate(birth), Gender(gender), prot == 1, share == 1
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return p, err
}

// GetPupil returns the live pupil with that id.
func (s *Store) GetPupil(ctx context.Context, id string) (Pupil, error) {
	p, err := scanPupil(s.q.QueryRowContext(ctx, "SELECT "+pupilColumns+" FROM pupils WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("pupil %s: %w", id, ErrNotFound)
	}
	return p, err
}

// PupilFilter narrows ListPupils; zero fields match everything.
type PupilFilter struct {
	SchoolID  string
	ClassName string
	Grade     int
	Deleted   bool // list the bin instead of the live pupils
}

// ListPupils returns pupils sorted by school, class, last and first name.
// Only the conditions that filter are written, so that SQLite can search
// the index pupils_school ("? = ” OR school_id = ?" makes it scan).
func (s *Store) ListPupils(ctx context.Context, f PupilFilter) ([]Pupil, error) {
	where, args := pupilsWhere(f)
	out := make([]Pupil, 0, s.countHint(ctx, "SELECT count(*) FROM pupils WHERE "+where, args...))
	rows, err := s.q.QueryContext(ctx, "SELECT "+pupilColumns+" FROM pupils WHERE "+where+`
		ORDER BY school_id, class_name, last_name COLLATE NOCASE, first_name COLLATE NOCASE, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list pupils: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPupil(rows)
		if err != nil {
			return nil, fmt.Errorf("list pupils: %w", err)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		out = nil // as before: no rows gives nil
	}
	return out, rows.Err()
}

// pupilsWhere is ListPupils' WHERE condition.
func pupilsWhere(f PupilFilter) (string, []any) {
	where := "deleted_at IS NULL"
	if f.Deleted {
		where = "deleted_at IS NOT NULL"
	}
	var args []any
	if f.SchoolID != "" {
		where += " AND school_id = ?"
		args = append(args, f.SchoolID)
	}
	if f.ClassName != "" {
		where += " AND class_name = ?"
		args = append(args, f.ClassName)
	}
	if f.Grade != 0 {
		where += " AND grade = ?"
		args = append(args, f.Grade)
	}
	return where, args
}

// DeletePupil moves a pupil to the bin, from where RestorePupil takes them back.
func (s *Store) DeletePupil(ctx context.Context, id string) error {
	return s.softDelete(ctx, "pupils", id)
}

// RestorePupil takes a pupil back from the bin.
func (s *Store) RestorePupil(ctx context.Context, id string) error {
	return s.restore(ctx, "pupils", id)
}
