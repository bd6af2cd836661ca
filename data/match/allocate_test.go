package match

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)

// allocChecked runs Allocate and checks everything that must hold for any
// result: every certificate, capacities, eligibility, locks, the counts and
// every explanation.
func allocChecked(t testing.TB, in *Instance) *Result {
	t.Helper()
	res, err := Allocate(context.Background(), in)
	if err != nil {
		t.Fatalf("Allocate: %v", err)
	}
	if len(res.Solves) == 0 {
		t.Fatal("no solve recorded")
	}
	for _, s := range res.Solves {
		if err := s.Flow.CheckCertificate(s.Network); err != nil {
			t.Fatalf("stage %q: %v", s.Stage, err)
		}
	}
	md, err := newModel(in)
	if err != nil {
		t.Fatal(err)
	}
	unlocked := make([]int, len(in.Offers))
	placed, rankCost := 0, int64(0)
	counts := make([]int, len(md.costs))
	for i, o := range res.Assign {
		p := in.Pupils[i]
		if p.Locked != NoOffer {
			if o != p.Locked {
				t.Fatalf("pupil %d locked to %d, assigned %d", i, p.Locked, o)
			}
		} else if o != NoOffer {
			r := rankOf(p.Choices, o)
			if r < 0 {
				t.Fatalf("pupil %d placed at %d, not a choice", i, o)
			}
			if why, ok := eligible(&p, &in.Offers[o]); !ok {
				t.Fatalf("pupil %d placed at %d although %v", i, o, why)
			}
			unlocked[o]++
		}
		if o != NoOffer {
			placed++
			if r := rankOf(p.Choices, o); r >= 0 {
				rankCost += md.costs[r]
				counts[r]++
			}
		}
	}
	for j := range in.Offers {
		if unlocked[j] > md.free[j] {
			t.Fatalf("offer %d: %d unlocked pupils, %d free seats", j, unlocked[j], md.free[j])
		}
	}
	if res.Placed != placed || res.Unplaced != len(in.Pupils)-placed || res.RankCost != rankCost || !slices.Equal(res.RankCounts, counts) {
		t.Fatalf("counts: got placed %d unplaced %d cost %d ranks %v; recount %d %d %d %v",
			res.Placed, res.Unplaced, res.RankCost, res.RankCounts, placed, len(in.Pupils)-placed, rankCost, counts)
	}
	checkExplanations(t, in, md, res)
	return res
}

// checkExplanations verifies each explanation against an independent
// computation of the residual reach of every unplaced pupil.
func checkExplanations(t testing.TB, in *Instance, md *model, res *Result) {
	t.Helper()
	if len(res.Explanations) != res.Unplaced {
		t.Fatalf("%d explanations for %d unplaced", len(res.Explanations), res.Unplaced)
	}
	at := make([][]int, len(in.Offers)) // unlocked pupils per offer
	occ := make([]int, len(in.Offers))
	for i, o := range res.Assign {
		if o != NoOffer {
			occ[o]++
			if in.Pupils[i].Locked == NoOffer {
				at[o] = append(at[o], i)
			}
		}
	}
	reach := func(i int) map[int]bool {
		seen := map[int]bool{}
		var stack []int
		push := func(p int) {
			for _, o := range md.elig[p] {
				if !seen[int(o)] {
					seen[int(o)] = true
					stack = append(stack, int(o))
				}
			}
		}
		push(i)
		for len(stack) > 0 {
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, q := range at[o] {
				push(q)
			}
		}
		return seen
	}
	for i, e := range res.Explanations {
		if res.Assign[i] != NoOffer {
			t.Fatalf("explanation for placed pupil %d", i)
		}
		removed := 0
		for _, c := range e.Removed {
			removed += c
		}
		if e.Choices != len(in.Pupils[i].Choices) || e.Choices-removed != len(md.elig[i]) {
			t.Fatalf("pupil %d: explanation says %d choices, %d removed; has %d, %d eligible", i, e.Choices, removed, len(in.Pupils[i].Choices), len(md.elig[i]))
		}
		r := reach(i)
		var want []int
		for o := range r {
			want = append(want, o)
		}
		slices.Sort(want)
		if !slices.Equal(e.Offers, want) {
			t.Fatalf("pupil %d: Hall set %v, reachable %v", i, e.Offers, want)
		}
		if len(want) == 0 {
			if e.PupilsInSet != 0 || e.Seats != 0 {
				t.Fatalf("pupil %d: empty set with %d pupils, %d seats", i, e.PupilsInSet, e.Seats)
			}
			continue
		}
		seats, inSet := 0, 0
		for _, o := range want {
			seats += in.Offers[o].Capacity
			inSet += occ[o]
			if len(at[o]) != md.free[o] {
				t.Fatalf("pupil %d: offer %d in Hall set is not full (%d of %d)", i, o, len(at[o]), md.free[o])
			}
		}
		for j, f := range res.Assign {
			if f == NoOffer && len(md.elig[j]) > 0 {
				inside := true
				for _, o := range md.elig[j] {
					inside = inside && r[int(o)]
				}
				if inside {
					inSet++
				}
			}
		}
		if e.Seats != seats || e.PupilsInSet != inSet {
			t.Fatalf("pupil %d: %d pupils, %d seats; want %d, %d", i, e.PupilsInSet, e.Seats, inSet, seats)
		}
		if inSet <= seats {
			t.Fatalf("pupil %d: %d pupils for %d seats is no Hall violation", i, inSet, seats)
		}
	}
}

// randomInstance builds a small instance with every kind of rule in play.
func randomInstance(r *rand.Rand, pupils, offers int) *Instance {
	in := &Instance{}
	for j := 0; j < offers; j++ {
		o := Offer{Key: fmt.Sprint("o", j), Period: "P", Capacity: r.IntN(4), Approved: r.IntN(10) != 0, FirstDay: day}
		if r.IntN(12) == 0 {
			o.Period = "Q"
		}
		if r.IntN(8) == 0 {
			o.Grade = 8 + r.IntN(2)
		}
		if r.IntN(6) == 0 {
			o.MinAge = 14
		}
		in.Offers = append(in.Offers, o)
	}
	for i := 0; i < pupils; i++ {
		p := Pupil{Key: fmt.Sprint("p", i), Period: "P", Grade: 8 + r.IntN(2), Locked: NoOffer,
			Gender:    Gender(r.IntN(4)),
			BirthDate: time.Date(2012, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)}
		if r.IntN(10) == 0 {
			p.BirthDate = time.Time{}
		}
		k := r.IntN(min(5, offers) + 1)
		p.Choices = r.Perm(offers)[:k]
		if r.IntN(12) == 0 {
			p.Locked = r.IntN(offers)
		}
		in.Pupils = append(in.Pupils, p)
	}
	for k := r.IntN(pupils + 1); k > 0 && pupils > 1; k-- {
		a, b := r.IntN(pupils), r.IntN(pupils)
		if a != b {
			in.Friends = append(in.Friends, [2]int{a, b})
		}
	}
	return in
}

// bruteForce enumerates every placement of a tiny instance and returns the
// best (most placed, then least rank cost) and the best rank profile (most
// placed, then most 1st choices, then most 2nd, ...).
func bruteForce(in *Instance) (placed int, cost int64, profile []int) {
	md, err := newModel(in)
	if err != nil {
		panic(err)
	}
	left := slices.Clone(md.free)
	bestPlaced, bestCost := -1, int64(0)
	var bestProfile []int
	prof := make([]int, len(md.costs))
	locked, lockedCost := 0, int64(0)
	for _, p := range in.Pupils {
		if p.Locked != NoOffer {
			locked++
			if r := rankOf(p.Choices, p.Locked); r >= 0 {
				lockedCost += md.costs[r]
			}
		}
	}
	var rec func(i, n int, c int64)
	rec = func(i, n int, c int64) {
		if i == len(in.Pupils) {
			if n > bestPlaced || (n == bestPlaced && c < bestCost) {
				bestPlaced, bestCost = n, c
			}
			if bestProfile == nil || n > sum(bestProfile) || (n == sum(bestProfile) && slices.Compare(prof, bestProfile) > 0) {
				bestProfile = slices.Clone(prof)
			}
			return
		}
		rec(i+1, n, c)
		for k, o := range md.elig[i] {
			if left[o] > 0 {
				left[o]--
				r := md.rank[i][k]
				prof[r]++
				rec(i+1, n+1, c+md.costs[r])
				prof[r]--
				left[o]++
			}
		}
	}
	rec(0, 0, 0)
	return bestPlaced + locked, bestCost + lockedCost, bestProfile
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func TestAllocateMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	contested, staged := 0, 0
	defer func() { stageLimit = 1 << 58 }()
	defer func() {
		if contested < 300 {
			t.Errorf("only %d instances left pupils unplaced; generator too loose", contested)
		}
	}()
	for iter := 0; iter < 3000; iter++ {
		in := randomInstance(r, 1+r.IntN(8), 1+r.IntN(5))
		if iter%3 == 0 { // any non-negative rank costs, not only convex ones
			in.Options.RankCosts = []int64{int64(r.IntN(5)), int64(r.IntN(20)), int64(r.IntN(20)), int64(r.IntN(40)), int64(r.IntN(40))}
		}
		placed, cost, profile := bruteForce(in)
		// Every other instance is solved one level at a time, as huge
		// instances are, to check the staged solves on the optimal face.
		if iter%2 == 1 {
			stageLimit = 1
		}
		res := allocChecked(t, in)
		if res.Unplaced > 0 {
			contested++
		}
		if res.Placed != placed || res.RankCost != cost {
			t.Fatalf("iter %d: placed %d cost %d, brute force %d %d", iter, res.Placed, res.RankCost, placed, cost)
		}
		in.Options.RankMaximal = true
		res = allocChecked(t, in)
		stageLimit = 1 << 58
		got := slices.Clone(res.RankCounts)
		for _, p := range in.Pupils { // locked pupils are not part of the profile
			if p.Locked != NoOffer {
				if r := rankOf(p.Choices, p.Locked); r >= 0 {
					got[r]--
				}
			}
		}
		if res.Placed != placed || !slices.Equal(got, profile) {
			t.Fatalf("iter %d: rank-maximal placed %d profile %v, brute force %d %v", iter, res.Placed, got, placed, profile)
		}
		if iter%2 == 1 && len(res.Solves) > 2 {
			staged++
		}
	}
	if staged < 300 {
		t.Fatalf("only %d runs used three or more staged solves", staged)
	}
}

// maxMatching computes the largest number of unlocked pupils that can be
// placed, by augmenting paths over individual seats (Kuhn's algorithm).
func maxMatching(in *Instance, md *model) int {
	seatOf := make([][]int, len(in.Offers))
	seats := 0
	for j := range in.Offers {
		for k := 0; k < md.free[j]; k++ {
			seatOf[j] = append(seatOf[j], seats)
			seats++
		}
	}
	owner := make([]int, seats)
	for i := range owner {
		owner[i] = -1
	}
	var visit []bool
	var try func(p int) bool
	try = func(p int) bool {
		for _, o := range md.elig[p] {
			for _, s := range seatOf[o] {
				if visit[s] {
					continue
				}
				visit[s] = true
				if owner[s] < 0 || try(owner[s]) {
					owner[s] = p
					return true
				}
			}
		}
		return false
	}
	n := 0
	for p := range in.Pupils {
		visit = make([]bool, seats)
		if try(p) {
			n++
		}
	}
	return n
}

func lockedCount(in *Instance) int {
	n := 0
	for _, p := range in.Pupils {
		if p.Locked != NoOffer {
			n++
		}
	}
	return n
}

func TestPlacedIsMaximumMatching(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 60; iter++ {
		in := randomInstance(r, 20+r.IntN(200), 5+r.IntN(40))
		md, _ := newModel(in)
		res := allocChecked(t, in)
		if want := maxMatching(in, md) + lockedCount(in); res.Placed != want {
			t.Fatalf("iter %d: placed %d, maximum matching %d", iter, res.Placed, want)
		}
	}
	in := generateInstance(5, 3000)
	md, _ := newModel(in)
	if res, want := allocChecked(t, in), maxMatching(in, md); res.Placed != want {
		t.Fatalf("generated 3000: placed %d, maximum matching %d", res.Placed, want)
	}
}

// permute returns in with pupils and offers renumbered.
func permute(in *Instance, r *rand.Rand) *Instance {
	pp, po := r.Perm(len(in.Pupils)), r.Perm(len(in.Offers))
	out := &Instance{Options: in.Options, Pupils: make([]Pupil, len(in.Pupils)), Offers: make([]Offer, len(in.Offers))}
	for j, o := range in.Offers {
		out.Offers[po[j]] = o
	}
	for i, p := range in.Pupils {
		q := p
		q.Choices = nil
		for _, c := range p.Choices {
			q.Choices = append(q.Choices, po[c])
		}
		if p.Locked != NoOffer {
			q.Locked = po[p.Locked]
		}
		out.Pupils[pp[i]] = q
	}
	for _, f := range in.Friends {
		out.Friends = append(out.Friends, [2]int{pp[f[0]], pp[f[1]]})
	}
	return out
}

func TestPermutationInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for iter := 0; iter < 100; iter++ {
		in := randomInstance(r, 5+r.IntN(60), 2+r.IntN(15))
		in.Options.RankMaximal = iter%2 == 1
		a := allocChecked(t, in)
		b := allocChecked(t, permute(in, r))
		if a.Placed != b.Placed || a.RankCost != b.RankCost || !slices.Equal(a.RankCounts, b.RankCounts) {
			t.Fatalf("iter %d: placed %d cost %d ranks %v; permuted %d %d %v", iter, a.Placed, a.RankCost, a.RankCounts, b.Placed, b.RankCost, b.RankCounts)
		}
	}
}

func TestMoreCapacityNeverWorse(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 150; iter++ {
		in := randomInstance(r, 5+r.IntN(50), 2+r.IntN(12))
		a := allocChecked(t, in)
		in.Offers[r.IntN(len(in.Offers))].Capacity += 1 + r.IntN(2)
		b := allocChecked(t, in)
		if b.Placed < a.Placed || (b.Placed == a.Placed && b.RankCost > a.RankCost) {
			t.Fatalf("iter %d: more capacity gave placed %d cost %d, before %d %d", iter, b.Placed, b.RankCost, a.Placed, a.RankCost)
		}
	}
}

func TestLocks(t *testing.T) {
	in := &Instance{
		Offers: []Offer{
			{Key: "A", Period: "P", Capacity: 1, Approved: true},
			{Key: "B", Period: "P", Capacity: 2, Approved: false},
			{Key: "C", Period: "P", Capacity: 1, Approved: true},
		},
		Pupils: []Pupil{
			{Key: "x", Period: "P", Choices: []int{0, 2}, Locked: NoOffer},
			{Key: "y", Period: "P", Choices: []int{2}, Locked: 0}, // locked outside choices: takes A's only seat
			{Key: "z", Period: "P", Choices: []int{0}, Locked: 1}, // locked into an unapproved offer
			{Key: "w", Period: "P", Choices: []int{0}, Locked: 0}, // second lock into A: over capacity
		},
	}
	res := allocChecked(t, in)
	want := []int{2, 0, 1, 0}
	if !slices.Equal(res.Assign, want) {
		t.Fatalf("assign %v, want %v", res.Assign, want)
	}
	if res.OffChoice != 2 || res.Placed != 4 {
		t.Fatalf("off-choice %d placed %d, want 2 and 4", res.OffChoice, res.Placed)
	}
	wantIssues := []LockIssue{{2, 1, NotApproved}, {3, 0, OfferFull}}
	if !slices.Equal(res.LockIssues, wantIssues) {
		t.Fatalf("lock issues %v, want %v", res.LockIssues, wantIssues)
	}
}

func TestEligibility(t *testing.T) {
	born := time.Date(2012, 11, 10, 0, 0, 0, 0, time.UTC) // 13 on day, 14 the day after
	tests := []struct {
		name string
		p    Pupil
		o    Offer
		want Reason
		ok   bool
	}{
		{"all fine", Pupil{Period: "P", Grade: 8, BirthDate: born}, Offer{Period: "P", Approved: true, MinAge: 13, FirstDay: day}, 0, true},
		{"wrong period", Pupil{Period: "P"}, Offer{Period: "Q", Approved: true}, WrongPeriod, false},
		{"wrong grade", Pupil{Period: "P", Grade: 8}, Offer{Period: "P", Grade: 9, Approved: true}, WrongGrade, false},
		{"any grade", Pupil{Period: "P", Grade: 8}, Offer{Period: "P", Grade: 0, Approved: true}, 0, true},
		{"not approved", Pupil{Period: "P"}, Offer{Period: "P"}, NotApproved, false},
		{"too young", Pupil{Period: "P", BirthDate: born}, Offer{Period: "P", Approved: true, MinAge: 14, FirstDay: day}, TooYoung, false},
		{"old enough next day", Pupil{Period: "P", BirthDate: born}, Offer{Period: "P", Approved: true, MinAge: 14, FirstDay: day.AddDate(0, 0, 1)}, 0, true},
		{"birth date unknown", Pupil{Period: "P"}, Offer{Period: "P", Approved: true, MinAge: 14, FirstDay: day}, 0, true},
		{"first day unknown", Pupil{Period: "P", BirthDate: born}, Offer{Period: "P", Approved: true, MinAge: 14}, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := eligible(&tc.p, &tc.o)
			if ok != tc.ok || (!ok && got != tc.want) {
				t.Fatalf("got %v %v, want %v %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestAgeOn(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		birth, on time.Time
		want      int
	}{
		{d(2012, 11, 9), d(2026, 11, 9), 14},
		{d(2012, 11, 10), d(2026, 11, 9), 13},
		{d(2012, 2, 29), d(2026, 2, 28), 14}, // leap-day birthday counts on 28 February
		{d(2012, 2, 29), d(2026, 2, 27), 13},
		{d(2012, 2, 29), d(2028, 2, 28), 15},
		{d(2012, 2, 29), d(2028, 2, 29), 16},
	}
	for _, tc := range tests {
		if got := ageOn(tc.birth, tc.on); got != tc.want {
			t.Errorf("ageOn(%s, %s) = %d, want %d", tc.birth.Format(time.DateOnly), tc.on.Format(time.DateOnly), got, tc.want)
		}
	}
}

func TestAllocateValidation(t *testing.T) {
	base := func() *Instance {
		return &Instance{
			Offers: []Offer{{Key: "A", Capacity: 1, Approved: true}},
			Pupils: []Pupil{{Key: "x", Choices: []int{0}, Locked: NoOffer}, {Key: "y", Locked: NoOffer}},
		}
	}
	tests := []struct {
		name   string
		mutate func(in *Instance)
		want   string
	}{
		{"choice out of range", func(in *Instance) { in.Pupils[0].Choices = []int{3} }, "choice 1 is offer 3"},
		{"repeated choice", func(in *Instance) { in.Pupils[0].Choices = []int{0, 0} }, "repeats offer 0"},
		{"too many choices", func(in *Instance) { in.Pupils[0].Choices = []int{0, 0, 0, 0, 0, 0} }, "6 choices"},
		{"bad lock", func(in *Instance) { in.Pupils[0].Locked = 2 }, "locked to offer 2"},
		{"negative capacity", func(in *Instance) { in.Offers[0].Capacity = -1 }, "negative capacity"},
		{"self friend", func(in *Instance) { in.Friends = [][2]int{{1, 1}} }, "friend pair 0"},
		{"friend out of range", func(in *Instance) { in.Friends = [][2]int{{0, 5}} }, "friend pair 0"},
		{"negative rank cost", func(in *Instance) { in.Options.RankCosts = []int64{0, -1} }, "rank cost -1"},
		{"negative weight", func(in *Instance) { in.Options.FriendsWeight = -1 }, "weights"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.mutate(in)
			_, err := Allocate(context.Background(), in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
	if _, err := Allocate(context.Background(), nil); err == nil {
		t.Fatal("nil instance accepted")
	}
	if res, err := Allocate(context.Background(), &Instance{}); err != nil || res.Placed != 0 {
		t.Fatalf("empty instance: %v, %+v", err, res)
	}
}

func TestAllocateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Allocate(ctx, generateInstance(1, 500)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestRankMaximalLarge(t *testing.T) {
	in := generateInstance(2, 3000)
	plain := allocChecked(t, in)
	in.Options.RankMaximal = true
	rm := allocChecked(t, in)
	if rm.Placed != plain.Placed {
		t.Fatalf("rank-maximal placed %d, plain %d", rm.Placed, plain.Placed)
	}
	if slices.Compare(rm.RankCounts, plain.RankCounts) < 0 {
		t.Fatalf("rank-maximal profile %v worse than plain %v", rm.RankCounts, plain.RankCounts)
	}
	if len(rm.Solves) < 2 {
		t.Fatalf("rank-maximal used %d solves, want staged solves", len(rm.Solves))
	}
}

func TestStagesDoNotOverflow(t *testing.T) {
	md := &model{in: &Instance{Options: Options{RankMaximal: true}}, costs: DefaultRankCosts(),
		rank: [][]int8{{0, 1, 2, 3, 4}}}
	lv := md.levels()
	for _, pupils := range []int{10, 120_000, 10_000_000} {
		groups := stages(lv, pupils, pupils+1000)
		n := 0
		for _, g := range groups {
			c, ok := combinedMax(g, pupils)
			if !ok || c > (int64(1)<<58)/int64(pupils+1002) {
				t.Fatalf("pupils %d: group of %d levels has max cost %d (ok %v)", pupils, len(g), c, ok)
			}
			n += len(g)
		}
		if n != len(lv) {
			t.Fatalf("pupils %d: stages cover %d of %d levels", pupils, n, len(lv))
		}
	}
}
