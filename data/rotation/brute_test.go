package rotation

import (
	"math/rand"
	"testing"
)

// bruteBreaks enumerates every partition of the pupils into teams of
// lo..hi pupils and returns the fewest teams with exactly one girl or
// exactly one boy, or -1 when no partition exists.
func bruteBreaks(genders []Gender, lo, hi int) int {
	best := -1
	var girls, boys, size []int
	var rec func(i int)
	rec = func(i int) {
		short := 0
		for _, s := range size {
			short += max(0, lo-s)
		}
		if short > len(genders)-i {
			return
		}
		if i == len(genders) {
			n := 0
			for t := range size {
				if girls[t] == 1 || boys[t] == 1 {
					n++
				}
			}
			if best < 0 || n < best {
				best = n
			}
			return
		}
		dg, db := genderDelta(genders[i])
		for t := range size {
			if size[t] < hi {
				girls[t] += dg
				boys[t] += db
				size[t]++
				rec(i + 1)
				girls[t] -= dg
				boys[t] -= db
				size[t]--
			}
		}
		girls, boys, size = append(girls, dg), append(boys, db), append(size, 1)
		rec(i + 1)
		girls, boys, size = girls[:len(girls)-1], boys[:len(boys)-1], size[:len(size)-1]
	}
	rec(0)
	return best
}

// TestCompositionMatchesBruteForce: on random groups of up to 12 pupils,
// the number of teams breaking the composition rule is the minimum over
// all partitions into teams.
func TestCompositionMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for it := range 120 {
		in := Instance{}
		addGroup(&in, "Ring", "Karlstad", 2, []int{0, 1, 2, 3})
		for b := range in.Blocks {
			in.Blocks[b].TeamsMax = 3
		}
		lo := 2 + r.Intn(3)
		hi := lo + r.Intn(3)
		in.Options = Options{TeamMin: lo, TeamMax: hi, MixRule: true, FriendsTogether: r.Intn(2) == 0, KeepClass: r.Intn(2) == 0}
		n := 1 + r.Intn(12)
		genders := make([]Gender, n)
		for i := range genders {
			genders[i] = []Gender{Girl, Boy, Girl, Boy, Other, Unspecified}[r.Intn(6)]
		}
		addPupils(&in, n, "Skola", "9A", nil)
		for i, g := range genders {
			in.Pupils[i].Gender = g
			in.Pupils[i].Class = []string{"9A", "9B"}[r.Intn(2)]
		}
		for range r.Intn(4) {
			if a, b := r.Intn(n), r.Intn(n); a != b {
				in.Friends = append(in.Friends, [2]int{a, b})
			}
		}
		res, err := Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, in, res)
		want := bruteBreaks(genders, lo, hi)
		if want < 0 {
			continue
		}
		if len(res.Unteamed) > 0 {
			t.Errorf("instance %d: a partition exists but %d pupils are unteamed", it, len(res.Unteamed))
		}
		if got := breaks(&in, res); got != want {
			t.Errorf("instance %d (%v, teams %d–%d): %d teams break the rule, brute force %d; teams %+v", it, genders, lo, hi, got, want, res.Teams)
		}
	}
}

// TestGroupAssignmentMatchesBruteForce: on tiny weeks, the plan teams as
// many pupils as any assignment of pupils to groups can (a group's pupils
// must form teams of TeamMin..TeamMax within its routes), and then has the
// least rank cost.
func TestGroupAssignmentMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for it := range 300 {
		in := Instance{}
		ng := 1 + r.Intn(3)
		for g := range ng {
			addGroup(&in, string(rune('A'+g)), "Karlstad", 2, []int{0, 1})
			if r.Intn(3) == 0 {
				in.Blocks = in.Blocks[:len(in.Blocks)-1] // the second host lacks Tuesday: one route
			}
			if r.Intn(4) == 0 {
				for b := range in.Blocks {
					if in.Hosts[in.Blocks[b].Host].Group == g {
						in.Blocks[b].TeamsMax = 2
					}
				}
			}
		}
		lo := 2 + r.Intn(2)
		in.Options = Options{TeamMin: lo, TeamMax: lo + r.Intn(2), WishesOnly: r.Intn(3) == 0}
		n := 1 + r.Intn(7)
		addPupils(&in, n, "Skola", "9A", nil)
		longest := 0
		for i := range in.Pupils {
			in.Pupils[i].Groups = append(in.Pupils[i].Groups, r.Perm(ng)[:r.Intn(min(ng, 2)+1)]...)
			longest = max(longest, len(in.Pupils[i].Groups))
		}
		normalized := in
		normalized.Options = normalize(in.Options)
		pl := newPlanner(&normalized)
		cost := func(i, g int) (int64, bool) {
			for k, w := range in.Pupils[i].Groups {
				if w == g {
					return int64(k * k), true
				}
			}
			if len(in.Pupils[i].Groups) == 0 {
				return 0, true
			}
			return int64(longest * longest), !in.Options.WishesOnly
		}
		fits := func(g, m int) bool {
			if m == 0 {
				return true
			}
			for k := 1; k <= pl.groups[g].cap.slots; k++ {
				if k*in.Options.TeamMin <= m && m <= k*normalized.Options.TeamMax {
					return true
				}
			}
			return false
		}
		// Brute force over every pupil → group or none.
		bestPlaced, bestCost := -1, int64(0)
		assign := make([]int, n)
		var rec func(i int)
		rec = func(i int) {
			if i == n {
				counts := make([]int, ng)
				placed, total := 0, int64(0)
				for p, g := range assign {
					if g >= 0 {
						counts[g]++
						placed++
						c, _ := cost(p, g)
						total += c
					}
				}
				for g, m := range counts {
					if !fits(g, m) {
						return
					}
				}
				if placed > bestPlaced || (placed == bestPlaced && total < bestCost) {
					bestPlaced, bestCost = placed, total
				}
				return
			}
			for g := -1; g < ng; g++ {
				if g >= 0 {
					if _, ok := cost(i, g); !ok {
						continue
					}
				}
				assign[i] = g
				rec(i + 1)
			}
		}
		rec(0)

		res, err := Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, in, res)
		placed, total := 0, int64(0)
		for _, tm := range res.Teams {
			for _, p := range tm.Pupils {
				placed++
				c, _ := cost(p, tm.Group)
				total += c
			}
		}
		if placed != bestPlaced || total != bestCost {
			t.Errorf("instance %d: plan teams %d at cost %d, brute force %d at cost %d; options %+v pupils %+v teams %+v",
				it, placed, total, bestPlaced, bestCost, in.Options, in.Pupils, res.Teams)
		}
	}
}

// TestCapacityMatchesBruteForce: the number of complete routes a group
// takes is the largest packing of complete routes into the blocks.
func TestCapacityMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	for it := range 300 {
		var blocks []Block
		nh := 2 + r.Intn(2)
		for h := range nh {
			for range 1 + r.Intn(3) {
				d := r.Intn(3)
				start := []int{8 * 60, 10 * 60, 13 * 60}[r.Intn(3)]
				blocks = append(blocks, Block{Host: h, Day: d, Start: start, End: start + 90 + r.Intn(2)*60, TeamsMax: 1 + r.Intn(2)})
			}
		}
		travel := []int{0, 30}[r.Intn(2)]
		w := newWeek(nh, blocks, travel)
		hosts := make([]int, nh)
		for h := range hosts {
			hosts[h] = h
		}
		left := w.capacities()
		got := w.capacity(hosts, left).complete
		// Brute force: every complete route, then the largest multiset.
		rs, _, _ := w.candidates(hosts, left, nh)
		var rec func(start int) int
		rec = func(start int) int {
			best := 0
			for i := start; i < len(rs); i++ {
				ok := true
				for _, b := range rs[i].blocks {
					ok = ok && left[b] > 0
				}
				if !ok {
					continue
				}
				for _, b := range rs[i].blocks {
					left[b]--
				}
				best = max(best, 1+rec(i))
				for _, b := range rs[i].blocks {
					left[b]++
				}
			}
			return best
		}
		if want := rec(0); got != want {
			t.Errorf("instance %d: capacity %d, brute force %d; blocks %+v travel %d", it, got, want, blocks, travel)
		}
		for b, c := range w.capacities() {
			if left[b] != c {
				t.Fatalf("instance %d: the search changed the capacities", it)
			}
		}
	}
}
