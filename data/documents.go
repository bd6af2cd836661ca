package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"techniqual/data/text"

	"golang.org/x/text/collate"
)

// DocFilter narrows the printed documents of a period to one school, class,
// pupil or offer; zero fields match everything. ClassName without SchoolID
// matches that class name in every school.
type DocFilter struct {
	SchoolID  string
	ClassName string
	PupilID   string
	OfferID   string
}

// ScheduleDoc is everything the printed documents of one placed pupil need:
// the pupil's schedule, attendance card and certificate, and their line in
// the host's confirmation. Pointers are nil when the person is not recorded.
type ScheduleDoc struct {
	Pupil      Pupil
	School     Organisation
	Counsellor *Person // the school's study and career counsellor
	Period     Period
	Assignment Assignment
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	RoleModels []Person     // the people the pupil meets, in the host's order
	Attendance []Attendance // recorded days at this offer, by date
}

// HostDoc is one offer's host confirmation: the offer and the placed pupils
// coming to it (each with their school and its counsellor).
type HostDoc struct {
	Period     Period
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	Pupils     []ScheduleDoc
}

// DocumentsForPeriod loads the documents of every placed pupil of a period
// that matches f, sorted by school, class, last and first name (Swedish
// order: å, ä, ö after z). A period that does not exist gives ErrNotFound;
// a period without placements gives an empty list. A print of a whole
// period reads them through ListDocuments instead, a batch at a time.
func (s *Store) DocumentsForPeriod(ctx context.Context, periodID string, f DocFilter) ([]ScheduleDoc, error) {
	l, err := s.ListDocuments(ctx, periodID, f)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	if l.Len() == 0 {
		return nil, nil
	}
	return l.Load(ctx, 0, l.Len())
}

// DocumentList is the documents of a period's placed pupils in print
// order, of which only the order is held: Load reads and builds the
// documents of a range when they are printed. A print of a region's
// period then holds a batch of documents, not all of them: a document
// copies its pupil, school, host, offer and role models, about 5 KB a
// pupil (issue #16, goal 5). The list reads one snapshot of the database,
// whatever is saved meanwhile, until Close.
type DocumentList struct {
	snap         *Store    // reads in one read transaction: on conn, or the caller's
	conn         *sql.Conn // nil when the list reads in the caller's transaction
	open         bool
	per          Period
	refs         []docRef
	rows         []DocRow // the documents as rows, for DocumentIndex only (nil otherwise)
	orgs         map[string]*Organisation
	counsellorOf map[string]*Person // school id → its first counsellor by name
}

// docRef is one document of a DocumentList before it is built.
type docRef struct{ pupilID, offerID string }

// ListDocuments finds the documents DocumentsForPeriod would load, in the
// same order, without building them. A period that does not exist gives
// ErrNotFound; a period without placements an empty list. Close the list
// when done with it: it holds a read transaction (inside a transaction it
// reads in that one).
func (s *Store) ListDocuments(ctx context.Context, periodID string, f DocFilter) (*DocumentList, error) {
	return s.listDocuments(ctx, periodID, f, false)
}

// listDocuments is ListDocuments; with rows it also keeps each document as
// a DocRow (DocumentIndex), from the same query.
func (s *Store) listDocuments(ctx context.Context, periodID string, f DocFilter, rows bool) (l *DocumentList, err error) {
	if s.tx != nil { // a transaction is a snapshot already
		l = &DocumentList{snap: s, open: true}
	} else {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		// A deferred BEGIN: a reader in WAL mode sees one snapshot and
		// never blocks a writer (the Store's own transactions begin
		// IMMEDIATE).
		if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
			conn.Close()
			return nil, fmt.Errorf("list documents: %w", err)
		}
		l = &DocumentList{snap: &Store{db: s.db, q: conn, path: s.path, opts: s.opts, mu: &sync.Mutex{}}, conn: conn, open: true}
	}
	snap := l.snap
	defer func() {
		if err != nil {
			l.Close()
			l = nil
		}
	}()
	if l.per, err = snap.GetPeriod(ctx, periodID); err != nil {
		return nil, err
	}
	orgs, err := snap.ListOrganisations(ctx, "")
	if err != nil {
		return nil, err
	}
	l.orgs = make(map[string]*Organisation, len(orgs))
	for i := range orgs {
		l.orgs[orgs[i].ID] = &orgs[i]
	}
	counsellors, err := snap.ListPeople(ctx, PersonFilter{Role: RoleCounsellor})
	if err != nil {
		return nil, err
	}
	l.counsellorOf = map[string]*Person{}
	for i := range counsellors { // sorted by name: the first is the school's
		p := &counsellors[i]
		if p.OrganisationID != "" && l.counsellorOf[p.OrganisationID] == nil {
			l.counsellorOf[p.OrganisationID] = p
		}
	}
	return l, l.find(ctx, f, rows)
}

// find reads which pupils of the period match f, with what they are
// sorted by, and keeps their order (and with keepRows their rows).
func (l *DocumentList) find(ctx context.Context, f DocFilter, keepRows bool) error {
	where, args := "", []any{l.per.ID}
	for _, c := range []struct{ cond, v string }{{" AND p.school_id = ?", f.SchoolID}, {" AND p.class_name = ?", f.ClassName},
		{" AND a.pupil_id = ?", f.PupilID}, {" AND a.offer_id = ?", f.OfferID}} {
		if c.v != "" {
			where += c.cond
			args = append(args, c.v)
		}
	}
	// The live placements at the period's live offers of live pupils.
	rows, err := l.snap.q.QueryContext(ctx, `SELECT a.pupil_id, a.offer_id, p.school_id, p.class_name, p.last_name, p.first_name, p.protected
		FROM assignments a JOIN pupils p ON p.id = a.pupil_id JOIN offers o ON o.id = a.offer_id
		WHERE a.period_id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL AND o.deleted_at IS NULL
		AND o.period_id = a.period_id`+where, args...)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	c := swedish()
	var buf collate.Buffer // never reset: the keys point into it
	type entry struct {
		keys [6][]byte
		row  DocRow
	}
	var es []entry
	for rows.Next() {
		var r DocRow
		if err := rows.Scan(&r.PupilID, &r.OfferID, &r.SchoolID, &r.ClassName, &r.LastName, &r.FirstName, &r.Protected); err != nil {
			return fmt.Errorf("list documents: %w", err)
		}
		es = append(es, entry{row: r, keys: [6][]byte{c.KeyFromString(&buf, l.org(r.SchoolID).Name), []byte(r.SchoolID),
			c.KeyFromString(&buf, r.ClassName), c.KeyFromString(&buf, r.LastName), c.KeyFromString(&buf, r.FirstName), []byte(r.PupilID)}})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	// Collation keys are made once per document, not at every comparison.
	sort.SliceStable(es, func(i, j int) bool {
		for k := range es[i].keys {
			if r := bytes.Compare(es[i].keys[k], es[j].keys[k]); r != 0 {
				return r < 0
			}
		}
		return false
	})
	l.refs = make([]docRef, len(es))
	for i := range es {
		l.refs[i] = docRef{pupilID: es[i].row.PupilID, offerID: es[i].row.OfferID}
	}
	if keepRows {
		l.rows = make([]DocRow, len(es))
		for i := range es {
			l.rows[i] = es[i].row
		}
	}
	return nil
}

// Close ends the list's read transaction; the list cannot load after it.
// Closing twice does nothing.
func (l *DocumentList) Close() {
	if l == nil || !l.open {
		return
	}
	l.open = false
	if l.conn != nil {
		l.conn.ExecContext(context.Background(), "ROLLBACK") // a read: nothing to keep
		l.conn.Close()
		l.conn = nil
	}
}

// Len is the number of documents.
func (l *DocumentList) Len() int { return len(l.refs) }

// Period is the period the documents are of.
func (l *DocumentList) Period() Period { return l.per }

// OfferID is the offer of document i, without building it.
func (l *DocumentList) OfferID(i int) string { return l.refs[i].offerID }

// Load builds documents from up to (not including) to.
func (l *DocumentList) Load(ctx context.Context, from, to int) ([]ScheduleDoc, error) {
	if from < 0 || to > len(l.refs) || from > to {
		return nil, fmt.Errorf("documents %d–%d of %d", from, to, len(l.refs))
	}
	if !l.open {
		return nil, errors.New("documents: the list is closed")
	}
	refs := l.refs[from:to]
	var pupilIDs, offerIDs []string
	seen := map[string]bool{}
	for _, r := range refs {
		pupilIDs = append(pupilIDs, r.pupilID)
		if !seen[r.offerID] {
			seen[r.offerID] = true
			offerIDs = append(offerIDs, r.offerID)
		}
	}
	pupils, err := l.snap.pupilsByID(ctx, pupilIDs)
	if err != nil {
		return nil, err
	}
	as, err := l.snap.assignmentsOf(ctx, l.per.ID, pupilIDs)
	if err != nil {
		return nil, err
	}
	offers := map[string]*Offer{}
	var personIDs []string
	for start := 0; start < len(offerIDs); start += chunk {
		part := offerIDs[start:min(start+chunk, len(offerIDs))]
		got, err := l.snap.listOffers(ctx, "AND id IN ("+placeholders(len(part))+")", anys(part)...)
		if err != nil {
			return nil, err
		}
		for i := range got {
			o := &got[i]
			offers[o.ID] = o
			personIDs = append(append(personIDs, o.SupervisorID), o.RoleModelIDs...)
		}
	}
	ps, err := l.snap.peopleByID(ctx, personIDs)
	if err != nil {
		return nil, err
	}
	people := byKey(ps, func(p *Person) string { return p.ID })
	attendance, err := l.snap.attendanceAt(ctx, offerIDs)
	if err != nil {
		return nil, err
	}
	out := make([]ScheduleDoc, len(refs))
	for i, r := range refs {
		p, o, a := pupils[r.pupilID], offers[r.offerID], as[r.pupilID]
		if p == nil || o == nil || a == nil || a.OfferID != r.offerID {
			return nil, fmt.Errorf("documents: the placement of pupil %s is not in the snapshot", r.pupilID)
		}
		d := ScheduleDoc{Pupil: *p, School: l.org(p.SchoolID), Counsellor: l.counsellorOf[p.SchoolID], Period: l.per,
			Assignment: *a, Offer: *o, Host: l.org(o.HostID), Supervisor: people[o.SupervisorID]}
		for _, id := range o.RoleModelIDs {
			if rm := people[id]; rm != nil {
				d.RoleModels = append(d.RoleModels, *rm)
			}
		}
		for _, at := range attendance[p.ID] {
			if at.OfferID == o.ID {
				d.Attendance = append(d.Attendance, at)
			}
		}
		out[i] = d
	}
	return out, nil
}

// org is the organisation with id, or the zero one when there is none.
func (l *DocumentList) org(id string) Organisation {
	if o := l.orgs[id]; o != nil {
		return *o
	}
	return Organisation{}
}

// ByOffer orders the documents as GroupByOffer orders host confirmations:
// by host and offer title, each offer's pupils in the order they had. A
// host print then finds each offer's pupils next to each other.
func (l *DocumentList) ByOffer(ctx context.Context) error {
	rows, err := l.snap.q.QueryContext(ctx, `SELECT id, host_id, title FROM offers WHERE period_id = ? AND deleted_at IS NULL`, l.per.ID)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	c := swedish()
	var buf collate.Buffer
	keys := map[string][2][]byte{}
	for rows.Next() {
		var id, host, title string
		if err := rows.Scan(&id, &host, &title); err != nil {
			return fmt.Errorf("list documents: %w", err)
		}
		keys[id] = [2][]byte{c.KeyFromString(&buf, l.org(host).Name), c.KeyFromString(&buf, title)}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	sort.SliceStable(l.refs, func(i, j int) bool {
		a, b := l.refs[i].offerID, l.refs[j].offerID
		ka, kb := keys[a], keys[b]
		if r := bytes.Compare(ka[0], kb[0]); r != 0 {
			return r < 0
		}
		if r := bytes.Compare(ka[1], kb[1]); r != 0 {
			return r < 0
		}
		return a < b
	})
	return nil
}

// queryRows runs query and scans each row; what the one-off listings of a
// screen or a load need, without a loop of their own.
func queryRows[T any](ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// The rows are gathered in blocks and copied once into a slice of the
	// right length. A slice grown by append past 256 elements grows by a
	// quarter at a time, so 30,000 rows had allocated five times their
	// size, and on a first load every byte of that is fresh memory, which
	// costs more than the copying (issue #16).
	var full [][]T
	block, n := []T(nil), 0
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		if len(block) == cap(block) {
			if block != nil {
				full = append(full, block)
			}
			block = make([]T, 0, min(max(16, 2*cap(block)), 4096))
		}
		block = append(block, v)
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(full) == 0 {
		return block, nil // nil when there are no rows, as before
	}
	out := make([]T, 0, n)
	for _, b := range full {
		out = append(out, b...)
	}
	return append(out, block...), nil
}

// queryIn runs query, whose "%s" stands for an IN (…) list of ids, a
// chunk of ids at a time (args come before the ids), and scans each row.
func queryIn[T any](ctx context.Context, q querier, query string, args []any, ids []string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	var out []T
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		got, err := queryRows(ctx, q, fmt.Sprintf(query, placeholders(len(part))), append(slices.Clip(args), anys(part)...), scan)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// byKey indexes xs by key, each entry pointing into xs.
func byKey[T any](xs []T, key func(*T) string) map[string]*T {
	out := make(map[string]*T, len(xs))
	for i := range xs {
		out[key(&xs[i])] = &xs[i]
	}
	return out
}

// pupilsByID reads the pupils with the given ids, by id.
func (s *Store) pupilsByID(ctx context.Context, ids []string) (map[string]*Pupil, error) {
	ps, err := queryIn(ctx, s.q, "SELECT "+pupilColumns+" FROM pupils WHERE id IN (%s)", nil, ids,
		func(r *sql.Rows) (Pupil, error) { return scanPupil(r) })
	if err != nil {
		return nil, fmt.Errorf("read pupils: %w", err)
	}
	return byKey(ps, func(p *Pupil) string { return p.ID }), nil
}

// assignmentsOf reads the live placements of the given pupils in a period,
// by pupil.
func (s *Store) assignmentsOf(ctx context.Context, periodID string, pupilIDs []string) (map[string]*Assignment, error) {
	as, err := queryIn(ctx, s.q, "SELECT "+assignmentColumns+" FROM assignments WHERE deleted_at IS NULL AND period_id = ? AND pupil_id IN (%s)",
		[]any{periodID}, pupilIDs, func(r *sql.Rows) (Assignment, error) { return scanAssignment(r) })
	if err != nil {
		return nil, fmt.Errorf("read placements: %w", err)
	}
	return byKey(as, func(a *Assignment) string { return a.PupilID }), nil
}

// attendanceAt reads the days recorded at the given offers, by pupil, each
// pupil's days in date order.
func (s *Store) attendanceAt(ctx context.Context, offerIDs []string) (map[string][]Attendance, error) {
	all, err := queryIn(ctx, s.q, "SELECT pupil_id, offer_id, date, status, note FROM attendance WHERE offer_id IN (%s) ORDER BY pupil_id, date",
		nil, offerIDs, func(r *sql.Rows) (Attendance, error) {
			var a Attendance
			var date, status string
			err := r.Scan(&a.PupilID, &a.OfferID, &date, &status, &a.Note)
			a.Date, a.Status = mustDate(date), AttendanceStatus(status)
			return a, err
		})
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	out := map[string][]Attendance{}
	for _, a := range all {
		out[a.PupilID] = append(out[a.PupilID], a)
	}
	return out, nil
}

// swedish compares names the way a Swedish class list is sorted.
func swedish() *collate.Collator { return text.Collator() }

// GroupByOffer turns pupils' documents into one host confirmation per offer,
// ordered by host and offer title; each offer's pupils keep the order of ds.
// Offers without a pupil in ds get no confirmation.
func GroupByOffer(ds []ScheduleDoc) []HostDoc {
	index := map[string]int{}
	var out []HostDoc
	for _, d := range ds {
		i, ok := index[d.Offer.ID]
		if !ok {
			i = len(out)
			index[d.Offer.ID] = i
			out = append(out, HostDoc{Period: d.Period, Offer: d.Offer, Host: d.Host, Supervisor: d.Supervisor})
		}
		out[i].Pupils = append(out[i].Pupils, d)
	}
	c := swedish()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if r := c.CompareString(a.Host.Name, b.Host.Name); r != 0 {
			return r < 0
		}
		if r := c.CompareString(a.Offer.Title, b.Offer.Title); r != 0 {
			return r < 0
		}
		return a.Offer.ID < b.Offer.ID
	})
	return out
}
