// Package peers proposes who meets whom at a network event, so that a
// member that wants to start an area of active measures meets one that has
// done it and can share (issue 18). It builds on data/match's min-cost
// flow.
//
// The model. A member that can share an area another attending member
// wants to start, and can share at least as many such areas as it wants
// to start, hosts a table; every other member that wants to start
// something a host can share is a guest. Guests are seated at hosts'
// tables (at most MaxGuests each) as one min-cost flow: guest → host when
// the host can share an area the guest wants to start and the two did not
// meet at the previous event; host → sink twice, the first seat with a
// bonus so that as many hosts as possible get someone; guest → sink
// "unseated" at a cost above every bonus, so that first as many guests as
// possible are seated, then as many hosts as possible have a guest.
// Afterwards, so that everyone sits with someone, a host left alone joins
// another table (or another lone host) it is linked to by an area in either
// direction, and an unseated guest joins a table whose host it is linked
// to, capacity permitting one extra seat. Members linked to nobody are
// listed with the reason.
package peers

import (
	"context"
	"fmt"
	"sort"

	"techniqual/data"
	"techniqual/data/match"
)

// MaxGuests is how many guests a host's table seats in the flow (a table
// of four); the second round may add one.
const MaxGuests = 3

// Member is one attending member and its marks.
type Member struct {
	ID, Name string
	Share    []data.Area // "we have done this and can share"
	Start    []data.Area // "we want to start this"
}

// Seat is one guest at a table: who, the area that links them to the host,
// and whether the guest is the one that wants to start it (else the host
// wants to start what the guest can share).
type Seat struct {
	Member  string
	Area    data.Area
	Learner bool
}

// Table is a host and its guests.
type Table struct {
	Host   string
	Guests []Seat
}

// Alone is a member that could not be seated with anyone, and why.
type Alone struct {
	Member string
	Why    string // "no_marks", "no_link", "no_seat"
}

// Plan is the proposal for one event.
type Plan struct {
	Tables []Table
	Alone  []Alone
	// Seated counts the guests seated by the flow (before the second
	// round); Covered the hosts with at least one guest then. Tests
	// compare them with brute force.
	Seated, Covered int
}

// Pair is two members that met (unordered: A < B).
type Pair struct{ A, B string }

// NewPair makes an unordered pair.
func NewPair(a, b string) Pair {
	if a > b {
		a, b = b, a
	}
	return Pair{a, b}
}

// Pairs lists the partners of the plan: each host with each of its guests
// (the pairs linked by an area; guests at one table are not partners).
func (p Plan) Pairs() map[Pair]bool {
	out := map[Pair]bool{}
	for _, t := range p.Tables {
		for _, g := range t.Guests {
			out[NewPair(t.Host, g.Member)] = true
		}
	}
	return out
}

func has(as []data.Area, a data.Area) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// link is the first area (in the law's order) that from wants to start and
// to can share, "" when none.
func link(from, to Member) data.Area {
	for _, a := range data.Areas {
		if has(from.Start, a) && has(to.Share, a) {
			return a
		}
	}
	return ""
}

// Roles splits the members into hosts and guests (indexes into ms, in
// order) by the package's rule; the rest can meet nobody.
func Roles(ms []Member) (hosts, guests []int) {
	for i, m := range ms {
		share, start := 0, 0
		for _, a := range data.Areas {
			sh, st := false, false
			for j, o := range ms {
				if j == i {
					continue
				}
				sh = sh || (has(m.Share, a) && has(o.Start, a))
				st = st || (has(m.Start, a) && has(o.Share, a))
			}
			if sh {
				share++
			}
			if st {
				start++
			}
		}
		switch {
		case share > 0 && share >= start:
			hosts = append(hosts, i)
		case start > 0:
			guests = append(guests, i)
		}
	}
	return hosts, guests
}

// Propose seats the members; prev are the pairs that met at the previous
// event (they are not seated together again).
func Propose(ctx context.Context, ms []Member, prev map[Pair]bool) (Plan, error) {
	ms = append([]Member(nil), ms...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].ID < ms[b].ID })
	hosts, guests := Roles(ms)
	var plan Plan
	tables := map[int]*Table{}
	seated := map[int]bool{}
	if len(hosts) > 0 && len(guests) > 0 {
		// Nodes: source 0, guests 1..G, hosts G+1..G+H, sink G+H+1.
		g, h := len(guests), len(hosts)
		sink := g + h + 1
		net := match.NewNetwork(sink + 1)
		bonus := int64(1)
		unseated := bonus*int64(h) + 1
		net.SetSupply(0, int64(g))
		net.SetSupply(sink, -int64(g))
		type arc struct{ id, guest, host int }
		var arcs []arc
		for gi, gx := range guests {
			net.AddArc(0, 1+gi, 1, 0)
			net.AddArc(1+gi, sink, 1, unseated)
			for hi, hx := range hosts {
				if link(ms[gx], ms[hx]) == "" || prev[NewPair(ms[gx].ID, ms[hx].ID)] {
					continue
				}
				arcs = append(arcs, arc{net.AddArc(1+gi, 1+g+hi, 1, 0), gi, hi})
			}
		}
		for hi := range hosts {
			net.AddArc(1+g+hi, sink, 1, -bonus)
			net.AddArc(1+g+hi, sink, MaxGuests-1, 0)
		}
		f, err := net.Solve(ctx)
		if err != nil {
			return plan, fmt.Errorf("peers: %w", err)
		}
		if err := f.CheckCertificate(net); err != nil {
			return plan, fmt.Errorf("peers: %w", err)
		}
		for _, a := range arcs {
			if f.Arc[a.id] == 0 {
				continue
			}
			gx, hx := guests[a.guest], hosts[a.host]
			if tables[hx] == nil {
				tables[hx] = &Table{Host: ms[hx].ID}
			}
			tables[hx].Guests = append(tables[hx].Guests, Seat{Member: ms[gx].ID, Area: link(ms[gx], ms[hx]), Learner: true})
			seated[gx] = true
			plan.Seated++
		}
		plan.Covered = len(tables)
	}
	// Second round: nobody alone who can be linked to someone.
	linked := func(a, b int) (data.Area, bool, bool) {
		if prev[NewPair(ms[a].ID, ms[b].ID)] {
			return "", false, false
		}
		if ar := link(ms[a], ms[b]); ar != "" {
			return ar, true, true
		}
		if ar := link(ms[b], ms[a]); ar != "" {
			return ar, false, true
		}
		return "", false, false
	}
	isHost := map[int]bool{}
	for _, hx := range hosts {
		isHost[hx] = true
	}
	var lonely []int
	for _, hx := range hosts {
		if tables[hx] == nil {
			lonely = append(lonely, hx)
		}
	}
	for _, gx := range guests {
		if !seated[gx] {
			lonely = append(lonely, gx)
		}
	}
	sort.Ints(lonely)
	placed := map[int]bool{}
	for _, x := range lonely {
		if placed[x] {
			continue
		}
		done := false
		// A table with guests first (by host order), one extra seat.
		for _, hx := range hosts {
			t := tables[hx]
			if t == nil || hx == x || len(t.Guests) > MaxGuests {
				continue
			}
			if ar, learner, ok := linked(x, hx); ok {
				t.Guests = append(t.Guests, Seat{Member: ms[x].ID, Area: ar, Learner: learner})
				done = true
				break
			}
		}
		if !done {
			for _, y := range lonely {
				if y == x || placed[y] || tables[y] != nil {
					continue
				}
				if ar, learner, ok := linked(y, x); ok {
					// y joins x's new table: x hosts.
					tables[x] = &Table{Host: ms[x].ID, Guests: []Seat{{Member: ms[y].ID, Area: ar, Learner: learner}}}
					placed[y] = true
					done = true
					break
				}
			}
		}
		placed[x] = done
	}
	// Tables in the members' order of hosts.
	var keys []int
	for k := range tables {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		plan.Tables = append(plan.Tables, *tables[k])
	}
	inPlan := map[string]bool{}
	for _, t := range plan.Tables {
		inPlan[t.Host] = true
		for _, g := range t.Guests {
			inPlan[g.Member] = true
		}
	}
	for i, m := range ms {
		if inPlan[m.ID] {
			continue
		}
		why := "no_seat"
		switch {
		case len(m.Share) == 0 && len(m.Start) == 0:
			why = "no_marks"
		case !isHost[i] && !contains(guests, i):
			why = "no_link"
		}
		plan.Alone = append(plan.Alone, Alone{Member: m.ID, Why: why})
	}
	return plan, nil
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
