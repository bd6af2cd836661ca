package peers

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"techniqual/data"
)

// bruteForce tries every way of seating the guests at the hosts' tables
// (or not at all) under the package's model and returns the best (seated,
// covered), lexicographically.
func bruteForce(ms []Member, prev map[Pair]bool) (int, int) {
	hosts, guests := Roles(ms)
	best := [2]int{}
	load := make([]int, len(hosts))
	var try func(k, seated int)
	try = func(k, seated int) {
		if k == len(guests) {
			covered := 0
			for _, l := range load {
				if l > 0 {
					covered++
				}
			}
			if seated > best[0] || (seated == best[0] && covered > best[1]) {
				best = [2]int{seated, covered}
			}
			return
		}
		try(k+1, seated)
		g := ms[guests[k]]
		for hi, hx := range hosts {
			if load[hi] < MaxGuests && link(g, ms[hx]) != "" && !prev[NewPair(g.ID, ms[hx].ID)] {
				load[hi]++
				try(k+1, seated+1)
				load[hi]--
			}
		}
	}
	try(0, 0)
	return best[0], best[1]
}

func randomMembers(r *rand.Rand, n int) []Member {
	var ms []Member
	for i := 0; i < n; i++ {
		m := Member{ID: fmt.Sprintf("m%02d", i), Name: fmt.Sprintf("Bolag %d", i)}
		for _, a := range data.Areas[:3] { // three areas: more links in small cases
			switch r.IntN(4) {
			case 0:
				m.Share = append(m.Share, a)
			case 1:
				m.Start = append(m.Start, a)
			}
		}
		ms = append(ms, m)
	}
	return ms
}

// checkPlan asserts the plan's promises: every table has a host and a
// guest, each guest linked to its host by an area in the stated direction,
// no partners of the previous event together again, nobody twice.
func checkPlan(t *testing.T, ms []Member, prev map[Pair]bool, p Plan) {
	t.Helper()
	by := map[string]Member{}
	for _, m := range ms {
		by[m.ID] = m
	}
	seen := map[string]bool{}
	for _, tb := range p.Tables {
		if len(tb.Guests) == 0 {
			t.Fatalf("table of %s has no guest", tb.Host)
		}
		for _, id := range append([]string{tb.Host}, guestIDs(tb)...) {
			if seen[id] {
				t.Fatalf("%s seated twice", id)
			}
			seen[id] = true
		}
		for _, g := range tb.Guests {
			learner, sharer := by[g.Member], by[tb.Host]
			if !g.Learner {
				learner, sharer = sharer, learner
			}
			if !has(learner.Start, g.Area) || !has(sharer.Share, g.Area) {
				t.Fatalf("%s at %s's table not linked by %s", g.Member, tb.Host, g.Area)
			}
			if prev[NewPair(g.Member, tb.Host)] {
				t.Fatalf("%s and %s met at the previous event", g.Member, tb.Host)
			}
		}
	}
	for _, a := range p.Alone {
		if seen[a.Member] {
			t.Fatalf("%s both seated and alone", a.Member)
		}
		seen[a.Member] = true
	}
	if len(seen) != len(ms) {
		t.Fatalf("%d members accounted for, want %d", len(seen), len(ms))
	}
}

func guestIDs(t Table) []string {
	var out []string
	for _, g := range t.Guests {
		out = append(out, g.Member)
	}
	return out
}

// The flow agrees with brute force on small random cases, with and
// without the previous event's pairs.
func TestProposeAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 6))
	ctx := context.Background()
	for round := 0; round < 400; round++ {
		ms := randomMembers(r, 2+r.IntN(8))
		prev := map[Pair]bool{}
		if round%2 == 1 {
			for i := range ms {
				for j := i + 1; j < len(ms); j++ {
					if r.IntN(4) == 0 {
						prev[NewPair(ms[i].ID, ms[j].ID)] = true
					}
				}
			}
		}
		p, err := Propose(ctx, ms, prev)
		if err != nil {
			t.Fatal(err)
		}
		seated, covered := bruteForce(ms, prev)
		if p.Seated != seated || p.Covered != covered {
			t.Fatalf("round %d: flow seated %d covering %d hosts, brute force %d and %d", round, p.Seated, p.Covered, seated, covered)
		}
		checkPlan(t, ms, prev, p)
		// Nobody alone who could be linked to a lone member or a table.
		for _, a := range p.Alone {
			if a.Why == "no_seat" {
				continue
			}
			for _, b := range p.Alone {
				if a.Member == b.Member || prev[NewPair(a.Member, b.Member)] {
					continue
				}
				var ma, mb Member
				for _, m := range ms {
					if m.ID == a.Member {
						ma = m
					}
					if m.ID == b.Member {
						mb = m
					}
				}
				if link(ma, mb) != "" || link(mb, ma) != "" {
					t.Fatalf("round %d: %s and %s both alone but linked", round, a.Member, b.Member)
				}
			}
		}
	}
}

func TestProposeByHand(t *testing.T) {
	pay, rec := data.AreaPay, data.AreaRecruitment
	ms := []Member{
		{ID: "a", Share: []data.Area{pay}},
		{ID: "b", Share: []data.Area{rec}},
		{ID: "c", Start: []data.Area{pay}},
		{ID: "d", Start: []data.Area{pay, rec}},
		{ID: "e"},
	}
	p, err := Propose(context.Background(), ms, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Both hosts get a guest: c with a (pay), d with b (recruitment).
	got := fmt.Sprint(p.Tables)
	if want := "[{a [{c pay true}]} {b [{d recruitment true}]}]"; got != want {
		t.Errorf("tables %s, want %s", got, want)
	}
	if len(p.Alone) != 1 || p.Alone[0] != (Alone{"e", "no_marks"}) {
		t.Errorf("alone %v", p.Alone)
	}
	// At the next event c and a met before: c goes elsewhere or sits alone.
	p2, err := Propose(context.Background(), ms, p.Pairs())
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, ms, p.Pairs(), p2)
	if p2.Pairs()[NewPair("a", "c")] || p2.Pairs()[NewPair("b", "d")] {
		t.Errorf("same partners twice in a row: %v", p2.Tables)
	}
	// d can still learn pay from a.
	if !p2.Pairs()[NewPair("a", "d")] {
		t.Errorf("d not with a: %v", p2.Tables)
	}
}
