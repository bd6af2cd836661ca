package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"techniqual/data/match"
)

// Allocation is one period's allocation problem loaded from the Store (see
// LoadAllocation), with the mapping between the rows and the indices the
// match engine uses.
//
// Pupils[i] is Instance.Pupils[i] and Offers[j] is Instance.Offers[j].
// Current[i] is pupil i's live placement when it was loaded.
//
// Pupils and Offers hold what the matching uses and shows, not the whole
// records (GetPupil and GetOffer give those): a pupil's ID,
// SchoolID, names, ClassName, Grade, BirthDate, Gender and Protected; an
// offer's ID, HostID, PeriodID, Title, Capacity, MinAge and Status. Its
// texts, programme days and role models are left out: reading them took
// longer than solving the problem (issue #16), and the guardians' contact
// details, needs and notes of 30,000 minors have no business in the
// matching.
//
// Locked placements are binding: the pupil keeps the offer (Instance's
// Locked). A placement that was made by hand but is not locked is only a
// suggestion: the solver may move it like any other, so lock a pupil to
// keep them where they are.
type Allocation struct {
	Period Period
	Pupils []Pupil
	Offers []Offer
	// Instance is the problem with the locks of the database and zero
	// Options; see WithLocks for another set of locks.
	Instance *match.Instance
	// Current holds the live placement per pupil at load time.
	Current []Placement

	pupilIndex map[string]int
	offerIndex map[string]int
}

// Placement is where a pupil stands in an Allocation: an offer index (or
// match.NoOffer), whether the placement is locked, and where it came from.
type Placement struct {
	Offer  int
	Locked bool
	Source AssignmentSource
}

// LoadAllocation loads the allocation problem of a period.
//
// Its pupils are those of the period's grade at its schools (every school
// when the period names none), together with every live pupil who has
// choices or a placement in the period (so that a pupil of another grade is
// explained, not forgotten). Choices come in rank order; the offers are all
// the period's live offers, of the period's grade, approved or not (the
// engine removes the unapproved ones and says so). An offer with a minimum
// age starts on its first programme day, or else the period's first day,
// for the age check; the others, where the day does not matter, on the
// period's first day. Friend pairs join two pupils of the problem.
//
// A pupil locked to an offer that is no longer live is left out of the
// problem altogether: their placement stays as it is.
//
// Loading must not take longer than solving (issue #16): the choices,
// placements and friends are read on one connection while the pupils and
// offers are read on another (WAL lets readers run side by side); the
// choices come a pupil's in one row from an index that holds them, every
// other row comes as one packed text (packColumns), rows are sorted in Go
// rather than by SQLite, and only the columns an Allocation keeps are read.
func (s *Store) LoadAllocation(ctx context.Context, periodID string) (*Allocation, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	r, err := s.readAllocation(ctx, per)
	if err != nil {
		return nil, err
	}
	return s.buildAllocation(ctx, per, r)
}

// splitChoicesFrom is the number of pupils with choices from which
// buildAllocation reads the choices in two halves at once (a variable for
// the tests).
var splitChoicesFrom = 4096

// allocationRows is what LoadAllocation reads of a period.
type allocationRows struct {
	offers     []Offer
	firstDays  []time.Time    // per offer, its first programme day (zero: none)
	offerIndex map[string]int // an offer's index in offers, by id
	pupils     []Pupil        // the live pupils of the period's grade, in ListPupils' order
	pupilPos   map[string]int // a pupil's index in pupils, by id
	choices    []pupilChoices
	placements []allocationPlacement
	friends    []FriendPair
}

// pupilChoices is a pupil's choices as LoadAllocation reads them: the
// pupil's id and a list that nextChoice reads.
type pupilChoices struct {
	pupil, list string
}

// allocationPlacement is one live placement as LoadAllocation reads it.
type allocationPlacement struct {
	pupil, offer string
	locked       bool
	source       AssignmentSource
}

// allocationChoicesQuery reads a period's choices, one row a pupil, from
// the index preferences_period (period_id, pupil_id, rank, offer_id): no
// row is looked up and nothing is sorted. A pupil's choices come as one
// string of "<rank> <bytes of the offer id>:<offer id>" entries
// (nextChoice): 30,000 rows of two strings cost the driver a fifth of
// 150,000 rows of three values, which was most of the loading (issue #16).
const allocationChoicesQuery = `SELECT pupil_id, group_concat(rank || ' ' || octet_length(offer_id) || ':' || offer_id, '')
	FROM preferences WHERE period_id = ? GROUP BY pupil_id`

// allocationPlacementsQuery reads the columns of a period's live
// placements that an Allocation keeps, packed (packColumns), through the
// index assignments_pupil.
var allocationPlacementsQuery = `SELECT ` + packColumns("pupil_id", "offer_id", "locked", "source") + ` FROM assignments
	WHERE deleted_at IS NULL AND period_id = ?`

// allocationOffersQuery reads the columns of a period's live offers that an
// Allocation keeps, packed (packColumns), in no order (allocationOffers
// gives ListOffers' order), and the first programme day of each offer with
// a minimum age: the day only matters for the age check, and looking it up
// for every offer took a third of the offers' time. The day is a column of
// its own: packed, its lookup would run twice.
var allocationOffersQuery = `SELECT ` + packColumns("o.id", "o.host_id", "o.period_id", "o.title", "o.capacity", "o.min_age", "o.status") + `,
	CASE WHEN o.min_age > 0 THEN coalesce((SELECT min(d.date) FROM offer_days d WHERE d.offer_id = o.id), '') ELSE '' END
	FROM offers o WHERE o.deleted_at IS NULL AND o.period_id = ?`

// allocationPupilColumns are the columns of a pupil that an Allocation
// keeps, packed (packColumns; readPupilRow reads them).
var allocationPupilColumns = packColumns("id", "school_id", "first_name", "last_name", "class_name", "grade", "birth_date", "gender", "protected")

// allocationPupilsQuery reads the live pupils of a grade in no order
// (allocationPupils gives ListPupils' order: SQLite's sort of 30,000 rows took
// longer than reading them).
var allocationPupilsQuery = `SELECT ` + allocationPupilColumns + ` FROM pupils WHERE deleted_at IS NULL AND grade = ?`

// readAllocation reads what LoadAllocation needs of per: the choices,
// placements and friends on one connection while this goroutine reads the
// pupils and offers on another, each side on the connection it had
// the last time (loadConns); one after the other inside a transaction,
// which has a single connection.
func (s *Store) readAllocation(ctx context.Context, per Period) (r *allocationRows, err error) {
	r = &allocationRows{}
	sp, sc := s, s
	if s.tx == nil {
		var done func(error)
		sp, sc, done = s.sides(ctx)
		defer func() { done(err) }()
	}
	// Each side also makes its map from ids to indices, while the other
	// still reads. The pupils and the offers go together: the choices
	// take about as long as both, and on a first load longer.
	people := func() error {
		var err error
		if r.pupils, err = sp.allocationPupils(ctx, per.Grade); err != nil {
			return err
		}
		r.pupilPos = make(map[string]int, len(r.pupils))
		for k, p := range r.pupils {
			r.pupilPos[p.ID] = k
		}
		if err = sp.allocationOffers(ctx, per.ID, r); err != nil {
			return err
		}
		r.offerIndex = make(map[string]int, len(r.offers))
		for j, o := range r.offers {
			r.offerIndex[o.ID] = j
		}
		return nil
	}
	choices := func() error {
		var err error
		if r.choices, err = sc.allocationChoices(ctx, per.ID); err != nil {
			return err
		}
		if r.placements, err = sc.allocationPlacements(ctx, per.ID); err != nil {
			return err
		}
		r.friends, err = sc.ListFriendPairs(ctx, per.ID)
		return err
	}
	if s.tx != nil {
		if err := people(); err != nil {
			return nil, err
		}
		return r, choices()
	}
	var wg sync.WaitGroup
	var errC error
	wg.Go(func() { errC = choices() })
	errP := people()
	wg.Wait()
	if err := cmp.Or(errC, errP); err != nil {
		return nil, err
	}
	return r, nil
}

// loadConns are the two connections LoadAllocation reads on, one for the
// pupils' side and one for the choices' side, kept from one load to the
// next: each keeps in its page cache what its side read. From the pool, the
// two sides often swapped connections, and the second load of a period
// read every page again (0.6 s instead of 0.14 s at 30,000 pupils).
type loadConns struct {
	mu    sync.Mutex // held by the load using them
	conns [2]*sql.Conn
}

// sides returns two Stores reading on the kept connections, and a function
// to call when done with them (with the load's error: a connection that
// failed is closed, not kept). When another load holds them, or a
// connection cannot be had, both sides read on the pool.
func (s *Store) sides(ctx context.Context) (people, choices *Store, done func(error)) {
	pool := func(error) {}
	if s.loads == nil || !s.loads.mu.TryLock() {
		return s, s, pool
	}
	l := s.loads
	for i, c := range l.conns {
		if c != nil {
			continue
		}
		c, err := s.db.Conn(ctx)
		if err != nil {
			l.mu.Unlock()
			return s, s, pool
		}
		l.conns[i] = c
	}
	if s.opts.ReadOnce {
		if err := l.setCache(ctx, readOnceCacheKiB); err != nil {
			_ = l.setCache(context.WithoutCancel(ctx), connectionCacheKiB) // not back to the pool small
			l.closeConns()
			l.mu.Unlock()
			return s, s, pool
		}
	}
	on := func(c *sql.Conn) *Store {
		cs := *s
		cs.q, cs.loads = c, nil
		return &cs
	}
	return on(l.conns[0]), on(l.conns[1]), func(err error) {
		// The connections go back to their usual cache, for what the
		// process does next (match --save writes 30,000 placements).
		if s.opts.ReadOnce {
			err = cmp.Or(err, l.setCache(context.WithoutCancel(ctx), connectionCacheKiB))
		}
		if err != nil {
			l.closeConns()
		}
		l.mu.Unlock()
	}
}

// setCache sets the page cache of both kept connections.
func (l *loadConns) setCache(ctx context.Context, kib int) error {
	for _, c := range l.conns {
		if _, err := c.ExecContext(ctx, "PRAGMA cache_size = "+strconv.Itoa(-kib)); err != nil {
			return err
		}
	}
	return nil
}

// closeConns closes the kept connections (they go back to the pool).
func (l *loadConns) closeConns() {
	for i, c := range l.conns {
		if c != nil {
			c.Close()
			l.conns[i] = nil
		}
	}
}

// close closes the kept connections, waiting for a load that uses them.
func (l *loadConns) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closeConns()
}

// allocationOffers reads the offers of a period and their first days, in
// ListOffers' order.
func (s *Store) allocationOffers(ctx context.Context, periodID string, r *allocationRows) error {
	type offerRow struct{ packed, first string }
	rows, err := queryRows(ctx, s.q, allocationOffersQuery, []any{periodID}, func(rows *sql.Rows) (o offerRow, err error) {
		err = rows.Scan(&o.packed, &o.first)
		return o, err
	})
	if err != nil {
		return fmt.Errorf("list offers: %w", err)
	}
	if len(rows) == 0 {
		r.offers, r.firstDays = nil, nil // as ListOffers gives: no offers is nil
		return nil
	}
	dates := dateCache{} // a period has few dates
	r.offers, r.firstDays = make([]Offer, len(rows)), make([]time.Time, len(rows))
	for k, row := range rows {
		p := unpack(row.packed)
		o := &r.offers[k]
		o.ID, o.HostID, o.PeriodID, o.Title = p.text(), p.text(), p.text(), p.text()
		o.Capacity, o.MinAge, o.Status = p.int(), p.int(), OfferStatus(p.text())
		r.firstDays[k] = dates.parse(row.first)
		if err := p.err(); err != nil {
			return fmt.Errorf("list offers: %w", err)
		}
	}
	order := sortedOrder(len(rows), func(i, j int32) int {
		a, b := &r.offers[i], &r.offers[j]
		return cmp.Or(strings.Compare(a.PeriodID, b.PeriodID), compareNoCase(a.Title, b.Title), strings.Compare(a.ID, b.ID))
	})
	applyOrder(order, func(i, j int) {
		r.offers[i], r.offers[j] = r.offers[j], r.offers[i]
		r.firstDays[i], r.firstDays[j] = r.firstDays[j], r.firstDays[i]
	})
	return nil
}

// allocationPupils reads the live pupils of a grade, in ListPupils' order.
func (s *Store) allocationPupils(ctx context.Context, grade int) ([]Pupil, error) {
	rows, err := queryPacked(ctx, s.q, allocationPupilsQuery, grade)
	if err != nil {
		return nil, fmt.Errorf("list pupils: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	dates := dateCache{} // a grade's pupils share a few hundred birth dates
	out := make([]Pupil, len(rows))
	for k, row := range rows {
		if err := readPupilRow(row, dates, &out[k]); err != nil {
			return nil, fmt.Errorf("list pupils: %w", err)
		}
	}
	order := sortedOrder(len(out), func(i, j int32) int { return comparePupils(&out[i], &out[j]) })
	applyOrder(order, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// queryPacked runs a query whose rows are one packed text each
// (packColumns) and returns the texts. The rows are read as texts and only
// then into records of the right number: a slice of records grown row by
// row copies them again and again, and on a first load every copy touches
// fresh memory, which on a laptop costs more than the copying (issue #16).
func queryPacked(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	return queryRows(ctx, q, query, args, func(rows *sql.Rows) (row string, err error) {
		err = rows.Scan(&row)
		return row, err
	})
}

// applyOrder puts a slice in order (order[k] is the position of the
// element that goes to k), in place, through swap: a sorted copy of 30,000
// pupils would touch as much fresh memory again. order is used up.
func applyOrder(order []int32, swap func(i, j int)) {
	// Each cycle of the permutation is followed once: position k takes
	// what is at order[k], which frees that position for the next step.
	for k := range order {
		if order[k] < 0 {
			continue
		}
		at := k
		for {
			from := int(order[at])
			order[at] = -1
			if from == k {
				break
			}
			swap(at, from)
			at = from
		}
	}
}

// dateCache parses each of many repeated dates once (mustDate).
type dateCache map[string]time.Time

func (c dateCache) parse(s string) time.Time {
	t, ok := c[s]
	if !ok {
		t = mustDate(s)
		c[s] = t
	}
	return t
}

// readPupilRow reads a row of allocationPupilColumns into p, its birth date
// parsed through dates.
func readPupilRow(row string, dates dateCache, p *Pupil) error {
	r := unpack(row)
	p.ID, p.SchoolID, p.FirstName, p.LastName, p.ClassName = r.text(), r.text(), r.text(), r.text(), r.text()
	p.Grade, p.BirthDate, p.Gender, p.Protected = r.int(), dates.parse(r.text()), Gender(r.text()), r.int() != 0
	return r.err()
}

// comparePupils orders pupils as ListPupils' ORDER BY does: school_id,
// class_name, last_name COLLATE NOCASE, first_name COLLATE NOCASE, id.
func comparePupils(a, b *Pupil) int {
	return cmp.Or(strings.Compare(a.SchoolID, b.SchoolID), strings.Compare(a.ClassName, b.ClassName),
		compareNoCase(a.LastName, b.LastName), compareNoCase(a.FirstName, b.FirstName), strings.Compare(a.ID, b.ID))
}

// compareNoCase compares as SQLite's NOCASE collation does: byte by byte
// with only the ASCII letters folded (Å and å differ), and then the shorter
// first.
func compareNoCase(a, b string) int {
	for i := range min(len(a), len(b)) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return int(x) - int(y)
		}
	}
	return len(a) - len(b)
}

// sortedOrder returns 0..n-1 sorted by compare: sorting the positions
// moves four bytes a swap instead of a whole record.
func sortedOrder(n int, compare func(i, j int32) int) []int32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, compare)
	return order
}

// allocationPupil reads one live pupil as allocationPupils does.
func (s *Store) allocationPupil(ctx context.Context, id string) (Pupil, error) {
	var row string
	err := s.q.QueryRowContext(ctx, `SELECT `+allocationPupilColumns+` FROM pupils
		WHERE id = ? AND deleted_at IS NULL`, id).Scan(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return Pupil{}, fmt.Errorf("pupil %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Pupil{}, err
	}
	var p Pupil
	if err := readPupilRow(row, dateCache{}, &p); err != nil {
		return Pupil{}, fmt.Errorf("pupil %s: %w", id, err)
	}
	return p, nil
}

// allocationChoices reads the choices of a period, a pupil's together, in
// no order of pupils or ranks. The lists are read when the problem is
// built (nextChoice), straight into their places.
func (s *Store) allocationChoices(ctx context.Context, periodID string) ([]pupilChoices, error) {
	out, err := queryRows(ctx, s.q, allocationChoicesQuery, []any{periodID}, func(rows *sql.Rows) (c pupilChoices, err error) {
		err = rows.Scan(&c.pupil, &c.list)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("list choices: %w", err)
	}
	return out, nil
}

// nextChoice reads the first choice of a list as allocationChoicesQuery
// gives them ("<rank> <n>:<offer id of n bytes>", again and again) and
// returns the rest; the offer id is cut from list, not copied. ok is false
// when the list cannot be read.
func nextChoice(list string) (rank int, offer, rest string, ok bool) {
	rank, rest, ok = readNumber(list, ' ')
	if !ok {
		return 0, "", "", false
	}
	n, rest, ok := readNumber(rest, ':')
	if !ok || n > len(rest) {
		return 0, "", "", false
	}
	return rank, rest[:n], rest[n:], true
}

// readNumber reads the decimal number that s starts with, up to end, and
// returns it with what follows end. ok is false when s does not start with
// digits followed by end, or the number is too large to be a length.
func readNumber(s string, end byte) (n int, rest string, ok bool) {
	k := 0
	for ; k < len(s) && s[k] != end; k++ {
		if s[k] < '0' || s[k] > '9' || n > 1<<24 {
			return 0, "", false
		}
		n = n*10 + int(s[k]-'0')
	}
	if k == 0 || k == len(s) {
		return 0, "", false
	}
	return n, s[k+1:], true
}

// packColumns is the SQL expression that gives the columns (or
// expressions) as one text, each value as "<bytes>:<value>" (a number as
// its decimal text), for a packedRow to read. A row of one value costs the
// driver far less than a row of nine: at 30,000 pupils, reading the
// columns one by one took more than twice as long (issue #16). The length
// makes any text safe, separators included; a NULL makes the whole text
// NULL, which fails the scan, as a NULL in a column would.
func packColumns(cols ...string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "octet_length((" + c + ")) || ':' || (" + c + ")"
	}
	return strings.Join(parts, " || ")
}

// packedRow reads the values of a row of packColumns in order (unpack).
// Each value is cut from the row, not copied. A row that cannot be read
// sets bad, and reading on gives zero values.
type packedRow struct {
	row, rest string // the whole row, for the error, and what is left to read
	bad       bool
}

// unpack starts reading a row of packColumns.
func unpack(row string) packedRow { return packedRow{row: row, rest: row} }

// text reads the next value.
func (r *packedRow) text() string {
	n, rest, ok := readNumber(r.rest, ':')
	if r.bad || !ok || n > len(rest) {
		r.bad = true
		return ""
	}
	r.rest = rest[n:]
	return rest[:n]
}

// int reads the next value as a whole number.
func (r *packedRow) int() int {
	s := r.text()
	n, err := strconv.Atoi(s)
	if err != nil {
		r.bad = true
	}
	return n
}

// err says whether the row was read whole, every value and nothing left
// over; if not, it names the row by its first value (an id) when that
// could be read.
func (r *packedRow) err() error {
	if !r.bad && r.rest == "" {
		return nil
	}
	if n, rest, ok := readNumber(r.row, ':'); ok && n > 0 && n <= min(len(rest), 64) {
		return fmt.Errorf("the row of %q in the database could not be read", rest[:n])
	}
	return errors.New("a row of the database could not be read")
}

// allocationPlacements reads the live placements of a period, in no order.
func (s *Store) allocationPlacements(ctx context.Context, periodID string) ([]allocationPlacement, error) {
	out, err := queryRows(ctx, s.q, allocationPlacementsQuery, []any{periodID}, func(rows *sql.Rows) (p allocationPlacement, err error) {
		var row string
		if err = rows.Scan(&row); err != nil {
			return p, err
		}
		r := unpack(row)
		p.pupil, p.offer, p.locked, p.source = r.text(), r.text(), r.int() != 0, AssignmentSource(r.text())
		return p, r.err()
	})
	if err != nil {
		return nil, fmt.Errorf("list placements: %w", err)
	}
	return out, nil
}

// buildAllocation makes the Allocation of per from what readAllocation read.
func (s *Store) buildAllocation(ctx context.Context, per Period, r *allocationRows) (*Allocation, error) {
	offers := r.offers
	a := &Allocation{Period: per, Offers: offers, offerIndex: r.offerIndex}
	// pos is a pupil's position in all; each choice and placement is looked
	// up once and its position kept (-1: a pupil not of the period's grade,
	// or not live).
	all, pos := r.pupils, r.pupilPos
	involved := make([]bool, len(all))
	others := map[string]bool{}
	lookup := func(id string) int {
		k, ok := pos[id]
		if !ok {
			others[id] = true
			return -1
		}
		involved[k] = true
		return k
	}
	choicePos := make([]int, len(r.choices))
	for n, c := range r.choices {
		choicePos[n] = lookup(c.pupil)
	}
	placementPos := make([]int, len(r.placements))
	lockedAway := map[string]bool{}
	for n, p := range r.placements {
		placementPos[n] = lookup(p.pupil)
		if _, ok := a.offerIndex[p.offer]; p.locked && !ok {
			lockedAway[p.pupil] = true
		}
	}
	// The few pupils of other grades who have choices or a placement in the
	// period are fetched one by one, in a stable order.
	ids := make([]string, 0, len(others))
	for id := range others {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p, err := s.allocationPupil(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since they chose
		}
		if err != nil {
			return nil, err
		}
		pos[id] = len(all)
		all = append(all, p)
		involved = append(involved, true)
	}
	schools := map[string]bool{}
	for _, id := range per.SchoolIDs {
		schools[id] = true
	}
	// index[k] is the problem's index of all[k], or -1.
	index := make([]int, len(all))
	n := 0
	for k, p := range all {
		index[k] = -1
		ofPeriod := p.Grade == per.Grade && (len(schools) == 0 || schools[p.SchoolID])
		if (ofPeriod || involved[k]) && !lockedAway[p.ID] {
			index[k] = n
			n++
		}
	}
	switch {
	case n == 0:
		a.Pupils, a.pupilIndex = nil, map[string]int{} // as the listings give: no pupils is nil
	case n == len(all):
		// Everyone is in the problem, in order (the usual case): their
		// positions are their indices, and nothing needs copying.
		a.Pupils, a.pupilIndex = all, pos
	default:
		a.Pupils, a.pupilIndex = make([]Pupil, 0, n), make(map[string]int, n)
		for k, p := range all {
			if index[k] >= 0 {
				a.pupilIndex[p.ID] = index[k]
				a.Pupils = append(a.Pupils, p)
			}
		}
	}
	pupilOf := func(k int, id string) int {
		if k < 0 {
			var ok bool
			if k, ok = pos[id]; !ok {
				return -1
			}
		}
		return index[k]
	}

	in := &match.Instance{Pupils: make([]match.Pupil, len(a.Pupils)), Offers: make([]match.Offer, len(offers))}
	for j, o := range offers {
		first := per.Start
		if !r.firstDays[j].IsZero() {
			first = r.firstDays[j]
		}
		in.Offers[j] = match.Offer{Key: o.ID, Period: per.ID, Grade: per.Grade, Capacity: o.Capacity,
			Approved: o.Status == OfferApproved, MinAge: o.MinAge, FirstDay: first}
	}
	a.Current = make([]Placement, len(a.Pupils))
	for i, p := range a.Pupils {
		in.Pupils[i] = match.Pupil{Key: p.ID, Period: per.ID, Grade: p.Grade, BirthDate: p.BirthDate,
			Gender: matchGender(p.Gender), Locked: match.NoOffer}
		a.Current[i] = Placement{Offer: match.NoOffer}
	}
	// Each choice goes to its rank's slot (ranks are 1..MaxChoices, one
	// offer each, by the table's constraints); then every pupil's choices
	// are the filled slots in rank order, in one shared array.
	slots := make([]int, len(a.Pupils)*MaxChoices)
	fill := func(rows []pupilChoices, at []int) (filled int, err error) {
		for n, c := range rows {
			i := pupilOf(at[n], c.pupil)
			for rest := c.list; rest != ""; {
				rank, offer, next, ok := nextChoice(rest)
				if !ok {
					return 0, fmt.Errorf("list choices: cannot read the choices of pupil %s: %q", c.pupil, c.list)
				}
				rest = next
				j, ok := a.offerIndex[offer]
				if i < 0 || !ok || rank < 1 || rank > MaxChoices {
					continue
				}
				if slots[i*MaxChoices+rank-1] == 0 {
					filled++
				}
				slots[i*MaxChoices+rank-1] = j + 1 // 0 is an empty slot
			}
		}
		return filled, nil
	}
	// A long list is read in two halves at once: a row is one pupil's
	// choices (the query groups by pupil), so the halves fill different
	// slots.
	half := 0
	if len(r.choices) >= splitChoicesFrom {
		half = len(r.choices) / 2
	}
	var wg sync.WaitGroup
	var filledB int
	var errB error
	wg.Go(func() { filledB, errB = fill(r.choices[half:], choicePos[half:]) })
	filled, errA := fill(r.choices[:half], choicePos[:half])
	wg.Wait()
	if err := cmp.Or(errA, errB); err != nil {
		return nil, err
	}
	filled += filledB
	choices := make([]int, 0, filled)
	for i := range in.Pupils {
		start := len(choices)
		for _, j := range slots[i*MaxChoices : (i+1)*MaxChoices] {
			if j > 0 && !slices.Contains(choices[start:], j-1) {
				choices = append(choices, j-1)
			}
		}
		if len(choices) > start {
			in.Pupils[i].Choices = choices[start:len(choices):len(choices)]
		}
	}
	for n, p := range r.placements {
		i := pupilOf(placementPos[n], p.pupil)
		j, ok := a.offerIndex[p.offer]
		if i < 0 || !ok {
			continue
		}
		a.Current[i] = Placement{Offer: j, Locked: p.locked, Source: p.source}
		if p.locked {
			in.Pupils[i].Locked = j
		}
	}
	for _, f := range r.friends {
		i, ok := a.pupilIndex[f.PupilA]
		k, ok2 := a.pupilIndex[f.PupilB]
		if ok && ok2 && i != k {
			in.Friends = append(in.Friends, [2]int{i, k})
		}
	}
	a.Instance = in
	return a, nil
}

func matchGender(g Gender) match.Gender {
	switch g {
	case GenderGirl:
		return match.Girl
	case GenderBoy:
		return match.Boy
	case GenderOther:
		return match.Other
	}
	return match.Unspecified
}

// PupilIndex returns the index of the pupil with that id.
func (a *Allocation) PupilIndex(id string) (int, bool) {
	i, ok := a.pupilIndex[id]
	return i, ok
}

// OfferIndex returns the index of the offer with that id.
func (a *Allocation) OfferIndex(id string) (int, bool) {
	j, ok := a.offerIndex[id]
	return j, ok
}

// CurrentAssign returns the offer index of every pupil's placement at load
// time (match.NoOffer for none), in the form of match.Result.Assign.
func (a *Allocation) CurrentAssign() []int {
	out := make([]int, len(a.Current))
	for i, p := range a.Current {
		out[i] = p.Offer
	}
	return out
}

// WithLocks returns the problem with other locks and options: locked[i] is
// the offer pupil i is locked to, or match.NoOffer. Allocation.Instance is
// not changed, so the result can be solved on another goroutine while the
// caller goes on editing its own locks.
func (a *Allocation) WithLocks(locked []int, opts match.Options) *match.Instance {
	in := *a.Instance
	in.Pupils = slices.Clone(a.Instance.Pupils)
	for i := range in.Pupils {
		in.Pupils[i].Locked = locked[i]
	}
	in.Options = opts
	return &in
}

// Run solves the problem with the locks of the database and opts.
func (a *Allocation) Run(ctx context.Context, opts match.Options) (*match.Result, error) {
	return match.Allocate(ctx, a.WithLocks(a.CurrentLocks(), opts))
}

// CurrentLocks gives, per pupil, the offer index they are locked to in the
// database, or match.NoOffer.
func (a *Allocation) CurrentLocks() []int {
	locked := make([]int, len(a.Current))
	for i, p := range a.Current {
		locked[i] = match.NoOffer
		if p.Locked {
			locked[i] = p.Offer
		}
	}
	return locked
}

// Plan turns a result into placements to save: locked pupils (those locked
// in the instance that was solved) keep their offer, lock and source; every
// other placed pupil is placed by the solver (source auto).
func (a *Allocation) Plan(in *match.Instance, res *match.Result) []Placement {
	plan := make([]Placement, len(res.Assign))
	for i, o := range res.Assign {
		switch {
		case in.Pupils[i].Locked != match.NoOffer:
			src := SourceManual
			if a.Current[i].Offer == in.Pupils[i].Locked && a.Current[i].Source != "" {
				src = a.Current[i].Source
			}
			plan[i] = Placement{Offer: in.Pupils[i].Locked, Locked: true, Source: src}
		case o == match.NoOffer:
			plan[i] = Placement{Offer: match.NoOffer}
		default:
			plan[i] = Placement{Offer: o, Source: SourceAuto}
		}
	}
	return plan
}

// Rank returns the rank (1 = first choice) of offer j among pupil i's
// choices, or 0 when the pupil did not choose it.
func (a *Allocation) Rank(i, j int) int {
	if j < 0 {
		return 0
	}
	if r := slices.Index(a.Instance.Pupils[i].Choices, j); r >= 0 {
		return r + 1
	}
	return 0
}

// Broken lists the hard rules pupil i breaks at offer j (approved, grade,
// old enough on the first day), in the engine's order. A person may still
// place the pupil there by hand.
func (a *Allocation) Broken(i, j int) []match.Reason {
	p, o := a.Instance.Pupils[i], a.Instance.Offers[j]
	var out []match.Reason
	if o.Grade != 0 && o.Grade != p.Grade {
		out = append(out, match.WrongGrade)
	}
	if !o.Approved {
		out = append(out, match.NotApproved)
	}
	if o.MinAge > 0 && !o.FirstDay.IsZero() {
		if age := a.Pupils[i].AgeOn(o.FirstDay); age >= 0 && age < o.MinAge {
			out = append(out, match.TooYoung)
		}
	}
	return out
}

// OfferCount is one offer's seats in a placement.
type OfferCount struct {
	Taken, Girls, Boys int
}

// AllocationStats sums up a placement of an Allocation.
type AllocationStats struct {
	Placed, Unplaced int
	// RankCounts[r] counts pupils placed at their (r+1)-th choice.
	RankCounts []int
	// OffChoice counts pupils placed at an offer they did not choose.
	OffChoice int
	// PerOffer has the seats taken, girls and boys per offer index.
	PerOffer []OfferCount
}

// Stats sums up assign (an offer index per pupil, or match.NoOffer).
func (a *Allocation) Stats(assign []int) AllocationStats {
	st := AllocationStats{RankCounts: make([]int, MaxChoices), PerOffer: make([]OfferCount, len(a.Offers))}
	for i, j := range assign {
		if j == match.NoOffer {
			st.Unplaced++
			continue
		}
		st.Placed++
		if r := a.Rank(i, j); r > 0 && r <= len(st.RankCounts) {
			st.RankCounts[r-1]++
		} else {
			st.OffChoice++
		}
		c := &st.PerOffer[j]
		c.Taken++
		switch a.Pupils[i].Gender {
		case GenderGirl:
			c.Girls++
		case GenderBoy:
			c.Boys++
		}
	}
	return st
}

// PlacementChange is one pupil whose offer differs between two placements.
type PlacementChange struct {
	Pupil    int // pupil index
	From, To int // offer indices, match.NoOffer for none
}

// Kind says "new" (placed now, not before), "removed" (the other way round)
// or "moved".
func (c PlacementChange) Kind() string {
	switch {
	case c.From == match.NoOffer:
		return "new"
	case c.To == match.NoOffer:
		return "removed"
	}
	return "moved"
}

// DiffPlacements lists the pupils whose offer differs between before and
// after (each an offer index per pupil), in pupil order.
func DiffPlacements(before, after []int) []PlacementChange {
	var out []PlacementChange
	for i := range min(len(before), len(after)) {
		if before[i] != after[i] {
			out = append(out, PlacementChange{Pupil: i, From: before[i], To: after[i]})
		}
	}
	return out
}

// AllocationUndo is what SaveAllocation changed, so that UndoAllocation can
// put it back.
type AllocationUndo struct {
	PeriodID string
	// Before holds the live placements of the changed pupils before the
	// save, and After the rows the save left live for them.
	Before, After []Assignment
	// Touched lists the pupils whose placement the save changed.
	Touched []string
	// Status is the period's status before the save.
	Status PeriodStatus
}

// SaveAllocation makes plan (one Placement per pupil of a) the period's
// placements, in one transaction: all of it lands, or nothing. A pupil
// whose live placement already has the plan's offer keeps that row (and the
// supervisor's comment), with the lock and source of the plan; any other
// changed placement is moved to the bin and a new row is written. Pupils
// outside the allocation are not touched. With setMatched the period's
// status becomes matched.
//
// The returned AllocationUndo lets UndoAllocation restore the previous
// placements and status.
func (s *Store) SaveAllocation(ctx context.Context, a *Allocation, plan []Placement, setMatched bool) (*AllocationUndo, error) {
	if len(plan) != len(a.Pupils) {
		return nil, fmt.Errorf("save placements: %d placements for %d pupils", len(plan), len(a.Pupils))
	}
	for i, p := range plan {
		if p.Offer != match.NoOffer && (p.Offer < 0 || p.Offer >= len(a.Offers)) {
			return nil, fmt.Errorf("save placements: pupil %d: offer %d out of range", i, p.Offer)
		}
	}
	undo := &AllocationUndo{PeriodID: a.Period.ID}
	err := s.InTx(ctx, func(tx *Store) error {
		per, err := tx.GetPeriod(ctx, a.Period.ID)
		if err != nil {
			return err
		}
		undo.Status = per.Status
		rows, err := tx.ListAssignments(ctx, a.Period.ID)
		if err != nil {
			return err
		}
		live := make(map[string]Assignment, len(rows))
		for _, r := range rows {
			live[r.PupilID] = r
		}
		offers, err := tx.ListOffers(ctx, OfferFilter{PeriodID: a.Period.ID})
		if err != nil {
			return err
		}
		liveOffer := make(map[string]bool, len(offers))
		for _, o := range offers {
			liveOffer[o.ID] = true
		}
		now := tx.now()
		ts := formatTS(now)
		for i, p := range plan {
			pupil := a.Pupils[i].ID
			old, had := live[pupil]
			want := ""
			if p.Offer != match.NoOffer {
				want = a.Offers[p.Offer].ID
				if p.Source == "" {
					p.Source = SourceAuto
				}
			}
			switch {
			case !had && want == "":
				continue
			case had && old.OfferID == want && old.Locked == p.Locked && old.Source == p.Source:
				continue
			}
			if want != "" && !liveOffer[want] {
				return &ValidationError{Fields: []FieldError{{Entity: "assignment", Field: "offer", Key: "err.offer_not_in_period",
					Text: "Praoplatsen hör inte till praoperioden.", Reason: "offer " + want + " is not in the period"}}}
			}
			undo.Touched = append(undo.Touched, pupil)
			if had {
				undo.Before = append(undo.Before, old)
			}
			if had && old.OfferID == want {
				if _, err := tx.exec(ctx, `UPDATE assignments SET locked = ?, source = ?, updated_at = ? WHERE id = ?`,
					boolInt(p.Locked), string(p.Source), ts, old.ID); err != nil {
					return err
				}
				old.Locked, old.Source, old.UpdatedAt = p.Locked, p.Source, now
				undo.After = append(undo.After, old)
				continue
			}
			if had {
				if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE id = ?`, ts, ts, old.ID); err != nil {
					return err
				}
			}
			if want == "" {
				continue
			}
			n := Assignment{ID: tx.newID(), PeriodID: a.Period.ID, PupilID: pupil, OfferID: want, Locked: p.Locked,
				Source: p.Source, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.exec(ctx, `INSERT INTO assignments (id, period_id, pupil_id, offer_id, locked, source,
				supervisor_comment, created_at, updated_at) VALUES (?,?,?,?,?,?,'',?,?)`,
				n.ID, n.PeriodID, n.PupilID, n.OfferID, boolInt(n.Locked), string(n.Source), ts, ts); err != nil {
				return err
			}
			undo.After = append(undo.After, n)
		}
		if setMatched && per.Status != PeriodMatched {
			return tx.SetPeriodStatus(ctx, per.ID, PeriodMatched)
		}
		return nil
	})
	if err != nil {
		return nil, translate("save placements", err)
	}
	return undo, nil
}

// UndoAllocation puts back what SaveAllocation changed, in one transaction:
// the rows it wrote go to the bin, the rows it replaced come back with
// their ids, offers, locks, sources and comments (their updated_at is now),
// and the period gets its earlier status.
func (s *Store) UndoAllocation(ctx context.Context, u *AllocationUndo) error {
	if u == nil {
		return nil
	}
	err := s.InTx(ctx, func(tx *Store) error {
		ts := formatTS(tx.now())
		for _, pupil := range u.Touched {
			if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND pupil_id = ?
				AND deleted_at IS NULL`, ts, ts, u.PeriodID, pupil); err != nil {
				return err
			}
		}
		for _, b := range u.Before {
			if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = NULL, offer_id = ?, locked = ?, source = ?,
				supervisor_comment = ?, updated_at = ? WHERE id = ?`, b.OfferID, boolInt(b.Locked), string(b.Source),
				b.SupervisorComment, ts, b.ID); err != nil {
				return err
			}
		}
		if u.Status != "" {
			return tx.SetPeriodStatus(ctx, u.PeriodID, u.Status)
		}
		return nil
	})
	return translate("undo placements", err)
}
