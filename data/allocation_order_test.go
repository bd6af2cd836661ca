package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// orderNames are names whose order a byte-wise or a Unicode-aware
// comparison gets wrong where SQLite's NOCASE does not: ASCII case,
// Swedish letters that NOCASE does not fold, prefixes, digits, spaces,
// apostrophes, hyphens and an emoji.
var orderNames = []string{"", "a", "A", "Ab", "ab", "aB", "AB", "abc", "Asa", "asa", "ÅSA", "åsa", "Åsa", "Ärla", "ärla",
	"Öman", "öman", "Oman", "O'Brien", "o'brien", "obrien", "Mc Donald", "mcdonald", "Lind-Berg", "lindberg",
	"Zoë", "zoe", "Zoe", "9A", "9a", "10", "2", "Émile", "emile", "Kim 🙂", "kim"}

// TestCompareNoCaseIsSQLites compares compareNoCase with SQLite's own NOCASE
// collation on every pair of orderNames.
func TestCompareNoCaseIsSQLites(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sign := func(n int) int { return min(max(n, -1), 1) }
	for _, a := range orderNames {
		for _, b := range orderNames {
			var want int
			if err := st.db.QueryRowContext(ctx, `SELECT CASE WHEN ? COLLATE NOCASE < ? THEN -1
				WHEN ? COLLATE NOCASE = ? THEN 0 ELSE 1 END`, a, b, a, b).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got := sign(compareNoCase(a, b)); got != want {
				t.Errorf("compareNoCase(%q, %q) = %d, SQLite says %d", a, b, got, want)
			}
		}
	}
}

// TestAllocationListsInListingsOrder checks that the matching's loaders,
// which sort in Go, give the pupils and offers in the order of
// ListPupils and ListOffers, which SQLite sorts: the order of the problem
// decides between equally good placements, so it must not change.
func TestAllocationListsInListingsOrder(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var schools []string
	for k := range 2 {
		school := Organisation{Kind: KindSchool, Name: fmt.Sprintf("Ordningsskolan %d", k+1)}
		must(st.SaveOrganisation(ctx, &school))
		schools = append(schools, school.ID)
	}
	host := Organisation{Kind: KindCompany, Name: "Sorteringsverket AB"}
	must(st.SaveOrganisation(ctx, &host))
	per := Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"),
		Status: PeriodChoosing, SchoolIDs: schools}
	must(st.SavePeriod(ctx, &per))
	classes := []string{"8A", "8a", "8B", "8 B", "8Å"}
	for i, last := range orderNames {
		first := orderNames[(i*7)%len(orderNames)]
		if last == "" {
			last = "Tom"
		}
		if first == "" {
			first = "Tom"
		}
		// Each name twice: equal names are ordered by id.
		for range 2 {
			p := Pupil{SchoolID: schools[i%2], FirstName: first, LastName: last, ClassName: classes[i%len(classes)], Grade: 8}
			must(st.SavePupil(ctx, &p))
		}
		o := Offer{HostID: host.ID, PeriodID: per.ID, Title: last, Capacity: 2}
		must(st.SaveOffer(ctx, &o))
		o2 := Offer{HostID: host.ID, PeriodID: per.ID, Title: last, Capacity: 1, MinAge: 14, Days: []OfferDay{
			{Date: mustDate("2026-11-12"), Start: 9 * 60, End: 12 * 60}, {Date: mustDate("2026-11-10"), Start: 9 * 60, End: 12 * 60}}}
		must(st.SaveOffer(ctx, &o2))
	}
	want, err := st.ListPupils(ctx, PupilFilter{Grade: 8})
	must(err)
	got, err := st.allocationPupils(ctx, 8)
	must(err)
	ids := func(ps []Pupil) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Errorf("pupils in another order than ListPupils':\n%s", orderDiff(got, want, func(p Pupil) string {
			return p.ClassName + "|" + p.LastName + "|" + p.FirstName
		}))
	}
	wantOffers, err := st.ListOffers(ctx, OfferFilter{PeriodID: per.ID})
	must(err)
	r := &allocationRows{}
	must(st.allocationOffers(ctx, per.ID, r))
	if !slices.EqualFunc(r.offers, wantOffers, func(a, b Offer) bool { return a.ID == b.ID }) {
		t.Errorf("offers in another order than ListOffers':\n%s", orderDiff(r.offers, wantOffers, func(o Offer) string { return o.Title }))
	}
	for k, o := range r.offers {
		if want := map[bool]string{true: "2026-11-10", false: ""}[o.MinAge > 0]; FormatDate(r.firstDays[k]) != want {
			t.Errorf("offer %q (minimum age %d): first day %v", o.Title, o.MinAge, r.firstDays[k])
		}
	}

	// A period without offers has none, as ListOffers says (nil), and
	// loads with its pupils all unplaced.
	empty := Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustDate("2027-03-15"), End: mustDate("2027-03-19"),
		Status: PeriodChoosing, SchoolIDs: schools}
	must(st.SavePeriod(ctx, &empty))
	r = &allocationRows{offers: []Offer{{ID: "from before"}}, firstDays: []time.Time{{}}}
	must(st.allocationOffers(ctx, empty.ID, r))
	if r.offers != nil || r.firstDays != nil {
		t.Errorf("a period without offers: offers %v, first days %v", r.offers, r.firstDays)
	}
	a, err := st.LoadAllocation(ctx, empty.ID)
	must(err)
	if a.Offers != nil || len(a.Pupils) != len(want) || len(a.Instance.Offers) != 0 {
		t.Errorf("a period without offers loads %d offers (%v) for %d pupils", len(a.Offers), a.Offers, len(a.Pupils))
	}
}

// orderDiff shows two orders side by side.
func orderDiff[T any](got, want []T, show func(T) string) string {
	var b strings.Builder
	for k := range max(len(got), len(want)) {
		var g, w string
		if k < len(got) {
			g = show(got[k])
		}
		if k < len(want) {
			w = show(want[k])
		}
		fmt.Fprintf(&b, "%3d %-30q %q\n", k, g, w)
	}
	return b.String()
}

// TestNextChoice reads what allocationChoicesQuery gives, and refuses
// what it cannot read rather than guess.
func TestNextChoice(t *testing.T) {
	type choice struct {
		rank  int
		offer string
	}
	tests := []struct {
		name, list string
		want       []choice
		wantErr    bool
	}{
		{"one", "1 3:abc", []choice{{1, "abc"}}, false},
		{"several, any order", "3 2:xy1 1:z2 4:a :b", []choice{{3, "xy"}, {1, "z"}, {2, "a :b"}}, false},
		{"an id with the separators", "5 7:1 2:3 4", []choice{{5, "1 2:3 4"}}, false},
		{"an empty id", "1 0:2 1:x", []choice{{1, ""}, {2, "x"}}, false},
		{"a uuid", "2 36:0b7c5a4e-3f7e-4c59-9a55-8d2b8a1f0c11", []choice{{2, "0b7c5a4e-3f7e-4c59-9a55-8d2b8a1f0c11"}}, false},
		{"too short", "1 9:abc", nil, true},
		{"no length", "1 :abc", nil, true},
		{"no rank", " 3:abc", nil, true},
		{"not a number", "x 3:abc", nil, true},
		{"a sign", "-1 3:abc", nil, true},
		{"no colon", "1 3abc", nil, true},
		{"cut after an entry", "1 1:a2", nil, true},
		{"a huge length", "1 99999999999999999999:a", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []choice
			var failed bool
			for rest := tc.list; rest != ""; {
				rank, offer, next, ok := nextChoice(rest)
				if !ok {
					failed = true
					break
				}
				got, rest = append(got, choice{rank, offer}), next
			}
			if failed != tc.wantErr {
				t.Fatalf("failed %v, want %v (read %v)", failed, tc.wantErr, got)
			}
			if !failed && !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLoadAllocationKeepsItsConnections: the two sides of a load read on
// connections kept from one load to the next (so that each keeps its
// pages); a load while another holds them reads on the pool and gives the
// same problem; a failed load does not keep them; Close lets them go.
func TestLoadAllocationKeepsItsConnections(t *testing.T) {
	ctx := context.Background()
	w := newListingWorld(t)
	st := w.st
	first, err := st.LoadAllocation(ctx, w.periods[0])
	if err != nil {
		t.Fatal(err)
	}
	kept := st.loads.conns
	if kept[0] == nil || kept[1] == nil || kept[0] == kept[1] {
		t.Fatalf("after a load the kept connections are %v", kept)
	}
	if _, err := st.LoadAllocation(ctx, w.periods[1]); err != nil {
		t.Fatal(err)
	}
	if st.loads.conns != kept {
		t.Error("a second load read on other connections")
	}

	// Loads at the same time: one on the kept connections, the others on
	// the pool, all alike.
	results := make([]*Allocation, 4)
	errs := make([]error, len(results))
	var wg sync.WaitGroup
	for k := range results {
		wg.Go(func() { results[k], errs[k] = st.LoadAllocation(ctx, w.periods[0]) })
	}
	wg.Wait()
	for k, a := range results {
		if errs[k] != nil || !reflect.DeepEqual(a, first) {
			t.Errorf("load %d at the same time: %v, same problem %v", k, errs[k], reflect.DeepEqual(a, first))
		}
	}

	// A load that fails lets its connections go.
	_, _, done := st.sides(ctx)
	done(errors.New("a read failed"))
	if st.loads.conns != [2]*sql.Conn{} {
		t.Error("a failed load kept its connections")
	}
	if _, err := st.LoadAllocation(ctx, w.periods[0]); err != nil {
		t.Fatalf("a load after a failed one: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if st.loads.conns != [2]*sql.Conn{} {
		t.Error("Close kept the connections")
	}
}

// TestReadOnceLoadsWithASmallCache: a Store opened ReadOnce (the command
// line) loads on connections with a small page cache, gives the same
// problem, and hands the connections back with their usual cache, after a
// load that failed too.
func TestReadOnceLoadsWithASmallCache(t *testing.T) {
	ctx := context.Background()
	w := newListingWorld(t)
	st := w.st
	want, err := st.LoadAllocation(ctx, w.periods[0])
	if err != nil {
		t.Fatal(err)
	}
	cacheOf := func(q querier) int {
		var kib int
		if err := q.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&kib); err != nil {
			t.Fatal(err)
		}
		return -kib
	}
	for k, c := range st.loads.conns {
		if got := cacheOf(c); got != connectionCacheKiB {
			t.Errorf("without ReadOnce, connection %d loads with a cache of %d KiB, want %d", k, got, connectionCacheKiB)
		}
	}

	st.opts.ReadOnce = true // as Open(…, Options{ReadOnce: true}) sets it
	for _, loadErr := range []error{nil, errors.New("a read failed")} {
		people, choices, done := st.sides(ctx)
		kept := st.loads.conns
		conns := kept[:]
		for k, side := range []*Store{people, choices} {
			if got := cacheOf(side.q); got != readOnceCacheKiB {
				t.Errorf("ReadOnce: side %d loads with a cache of %d KiB, want %d", k, got, readOnceCacheKiB)
			}
		}
		done(loadErr)
		if loadErr != nil {
			// The connections went back to the pool: every idle one there
			// must have the usual cache.
			if st.loads.conns != [2]*sql.Conn{} {
				t.Fatal("a failed load kept its connections")
			}
			conns = nil
			for range st.db.Stats().Idle {
				c, err := st.db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				conns = append(conns, c)
			}
			if len(conns) == 0 {
				t.Fatal("no idle connection in the pool after a failed load")
			}
		}
		for k, c := range conns {
			if got := cacheOf(c); got != connectionCacheKiB {
				t.Errorf("ReadOnce, load error %v: connection %d is handed back with a cache of %d KiB, want %d", loadErr, k, got, connectionCacheKiB)
			}
		}
	}
	got, err := st.LoadAllocation(ctx, w.periods[0])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("ReadOnce loads another problem")
	}
}

// TestPackedRowsReadBack packs values with SQLite (packColumns) and reads
// them back (packedRow): any text survives, separators, digits, emoji,
// line breaks and NUL included; what is not a packed row is refused, not
// guessed at.
func TestPackedRowsReadBack(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	texts := [][]any{
		{"a", "b", "c"},
		{"", "", ""},
		{"12:34", "1:2:3", "0:"},
		{"Kim 🙂", "Åsa Öberg-Ärlig", "O'Brien"},
		{"rad ett\nrad två", "tab\there", "nul\x00byte"},
		{"3", "-7", "2026-11-09"},
	}
	for _, vals := range texts {
		t.Run(fmt.Sprintf("%q", vals), func(t *testing.T) {
			var row string
			if err := st.db.QueryRowContext(ctx, `SELECT `+packColumns("?1", "?2", "?3"), vals...).Scan(&row); err != nil {
				t.Fatal(err)
			}
			r := unpack(row)
			got := []any{r.text(), r.text(), r.text()}
			if err := r.err(); err != nil || !reflect.DeepEqual(got, vals) {
				t.Errorf("read %q from %q (%v)", got, row, err)
			}
		})
	}
	t.Run("numbers", func(t *testing.T) {
		var row string
		if err := st.db.QueryRowContext(ctx, `SELECT `+packColumns("8", "0", "1000", "'x'")).Scan(&row); err != nil {
			t.Fatal(err)
		}
		r := unpack(row)
		if a, b, c, d := r.int(), r.int(), r.int(), r.text(); a != 8 || b != 0 || c != 1000 || d != "x" || r.err() != nil {
			t.Errorf("read %d %d %d %q from %q", a, b, c, d, row)
		}
	})
	t.Run("expressions", func(t *testing.T) {
		var row string
		if err := st.db.QueryRowContext(ctx, `SELECT `+packColumns("1 + 2", "1 = 1", "'a' || 'b'", "CASE WHEN 2 > 1 THEN 'ja' ELSE '' END")).Scan(&row); err != nil {
			t.Fatal(err)
		}
		r := unpack(row)
		if a, b, c, d := r.int(), r.int(), r.text(), r.text(); a != 3 || b != 1 || c != "ab" || d != "ja" || r.err() != nil {
			t.Errorf("read %d %d %q %q from %q", a, b, c, d, row)
		}
	})
	t.Run("NULL fails the scan", func(t *testing.T) {
		var row string
		if err := st.db.QueryRowContext(ctx, `SELECT `+packColumns("'a'", "NULL")).Scan(&row); err == nil {
			t.Errorf("a NULL value gave %q", row)
		}
	})
	bad := []struct {
		name, row string
		ints      int    // values read as numbers, after one text
		names     string // the row the error names, if any
	}{
		{"too short", "9:abc", 0, ""},
		{"no length", ":abc", 0, ""},
		{"not a length", "x:abc", 0, ""},
		{"no colon", "3abc", 0, ""},
		{"left over", "1:a1:b", 0, `"a"`},
		{"a text where a number goes", "4:p-171:x", 1, `"p-17"`},
		{"a huge length", "99999999999999999999:a", 0, ""},
		{"empty", "", 0, ""},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := unpack(tc.row)
			r.text()
			for range tc.ints {
				r.int()
			}
			err := r.err()
			if err == nil {
				t.Fatalf("%q read as a row of one value", tc.row)
			}
			if tc.names != "" && !strings.Contains(err.Error(), tc.names) {
				t.Errorf("%q: %v does not name the row %s", tc.row, err, tc.names)
			}
		})
	}
}

// TestApplyOrder puts slices in order in place, as a sorted copy would,
// for every permutation of five and for random ones with long cycles.
func TestApplyOrder(t *testing.T) {
	check := func(order []int32) {
		t.Helper()
		items := make([]int, len(order))
		for i := range items {
			items[i] = 100 + i
		}
		want := make([]int, len(order))
		for k, i := range order {
			want[k] = items[i]
		}
		applyOrder(slices.Clone(order), func(i, j int) { items[i], items[j] = items[j], items[i] })
		if !slices.Equal(items, want) {
			t.Fatalf("order %v gave %v, want %v", order, items, want)
		}
	}
	var permute func(prefix []int32, rest []int32)
	permute = func(prefix, rest []int32) {
		if len(rest) == 0 {
			check(prefix)
			return
		}
		for k := range rest {
			next := append(slices.Clone(prefix), rest[k])
			permute(next, append(slices.Clone(rest[:k]), rest[k+1:]...))
		}
	}
	permute(nil, []int32{0, 1, 2, 3, 4})
	check(nil)
	rng := rand.New(rand.NewPCG(16, 1))
	for range 50 {
		order := make([]int32, 1+rng.IntN(2000))
		for i, j := range rng.Perm(len(order)) {
			order[i] = int32(j)
		}
		check(order)
	}
}
