package match

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Explanation says why a pupil is unplaced.
//
// Removed counts choices that broke a hard rule. Offers is a Hall set: the
// offers the pupil could reach in the residual graph of the final placement
// (their own eligible choices, then the other choices of the pupils placed
// there, and so on). Every one of them is full, and PupilsInSet pupils —
// the pupil, everyone placed in Offers, and every other unplaced pupil whose
// eligible choices all lie in Offers — compete for their Seats seats, with
// PupilsInSet > Seats. By Hall's theorem no allocation can place them all,
// so this is a proof, not a guess.
//
// Two limits keep this cheap on huge instances, and both keep it a proof:
// once the distinct sets listed hold over 8 million offers in total, further
// pupils get the union of all unplaced pupils' sets (a Hall set too, just
// not the smallest); and with very many distinct sets, PupilsInSet counts
// among the other unplaced only those who reach exactly the same set.
type Explanation struct {
	Choices     int            // choices the pupil made
	Removed     map[Reason]int // choices removed by a hard rule, per reason
	Offers      []int          // the Hall set, sorted; shared, do not modify
	PupilsInSet int            // pupils, this one included, who can only use Offers
	Seats       int            // total capacity of Offers
}

// Eligible returns the number of choices that passed the hard rules.
func (e Explanation) Eligible() int {
	n := e.Choices
	for _, c := range e.Removed {
		n -= c
	}
	return n
}

// Limits that keep explanations cheap on huge instances (see Explanation);
// variables so that tests can lower them.
var (
	maxExplainOffers = 8 << 20    // offers listed over all distinct Hall sets
	maxExplainWork   = 50_000_000 // group pairs × roots when counting pupils
)

var reasonSv = [numReasons]string{
	WrongPeriod: "fel praoperiod",
	WrongGrade:  "fel årskurs",
	NotApproved: "ej godkänd praoplats",
	TooYoung:    "för ung",
	OfferFull:   "praoplatsen är full",
}

// String explains in Swedish, e.g. "Du och 41 andra valde bara dessa 12
// praoplatser, som har 35 platser. För ung för 2 av dina 5 val."
func (e Explanation) String() string {
	if e.Choices == 0 {
		return "Du har inte gjort några val."
	}
	var parts []string
	if len(e.Offers) > 0 {
		var b strings.Builder
		switch others := e.PupilsInSet - 1; {
		case others <= 0:
			b.WriteString("Du valde bara ")
		case others == 1:
			b.WriteString("Du och 1 annan valde bara ")
		default:
			fmt.Fprintf(&b, "Du och %d andra valde bara ", others)
		}
		if len(e.Offers) == 1 {
			b.WriteString("denna praoplats")
		} else {
			fmt.Fprintf(&b, "dessa %d praoplatser", len(e.Offers))
		}
		if e.Seats == 1 {
			b.WriteString(", som har 1 plats.")
		} else {
			fmt.Fprintf(&b, ", som har %d platser.", e.Seats)
		}
		parts = append(parts, b.String())
	}
	var rules []string
	for r := Reason(0); r < numReasons; r++ {
		if c := e.Removed[r]; c > 0 {
			if e.Choices == 1 {
				rules = append(rules, reasonSv[r])
			} else {
				rules = append(rules, fmt.Sprintf("%s för %d", reasonSv[r], c))
			}
		}
	}
	if len(rules) > 0 {
		list := rules[0]
		if n := len(rules); n > 1 {
			list = strings.Join(rules[:n-1], ", ") + " och " + rules[n-1]
		}
		switch {
		case e.Choices == 1:
			parts = append(parts, "Ditt enda val var inte möjligt: "+list+".")
		case e.Eligible() == 0:
			parts = append(parts, fmt.Sprintf("Inget av dina %d val var möjligt: %s.", e.Choices, list))
		default:
			r, n := utf8.DecodeRuneInString(list)
			parts = append(parts, fmt.Sprintf("%c%s av dina %d val.", unicode.ToUpper(r), list[n:], e.Choices))
		}
	}
	return strings.Join(parts, " ")
}

// explain builds an Explanation for every unplaced pupil of assign.
//
// The residual graph of a placement, restricted to offers, has an arc o → o'
// when a pupil placed (unlocked) at o also has o' as an eligible choice.
// The Hall set of an unplaced pupil is everything reachable from their
// eligible choices. The graph is condensed into strongly connected
// components so that pupils reaching the same components share one set.
func (md *model) explain(assign []int) map[int]Explanation {
	in := md.in
	no := len(in.Offers)
	out := make(map[int]Explanation)
	// Residual offer graph in compressed form.
	deg := make([]int32, no+1)
	occupancy := make([]int, no)
	for i, o := range assign {
		if o == NoOffer {
			continue
		}
		occupancy[o]++
		if in.Pupils[i].Locked == NoOffer {
			deg[o+1] += int32(len(md.elig[i]))
		}
	}
	for j := 0; j < no; j++ {
		deg[j+1] += deg[j]
	}
	first := deg
	adj := make([]int32, first[no])
	fill := make([]int32, no)
	copy(fill, first[:no])
	for i, o := range assign {
		if o == NoOffer || in.Pupils[i].Locked != NoOffer {
			continue
		}
		for _, c := range md.elig[i] {
			adj[fill[o]] = c
			fill[o]++
		}
	}
	comp, members := scc(no, first, adj)
	nc := len(members)
	// Successor components of each component (duplicates allowed).
	var dagFirst = make([]int32, nc+1)
	var dag []int32
	for c := 0; c < nc; c++ {
		for _, o := range members[c] {
			for _, w := range adj[first[o]:first[o+1]] {
				if comp[w] != int32(c) {
					dag = append(dag, comp[w])
				}
			}
		}
		dagFirst[c+1] = int32(len(dag))
	}

	// Group unplaced pupils by the components of their eligible choices.
	type group struct {
		roots  []int32
		pupils []int
		exp    Explanation
	}
	var groups []*group
	byKey := make(map[string]*group)
	for i, o := range assign {
		if o != NoOffer {
			continue
		}
		if len(md.elig[i]) == 0 {
			out[i] = md.baseExplanation(i)
			continue
		}
		roots := make([]int32, 0, len(md.elig[i]))
		for _, c := range md.elig[i] {
			roots = append(roots, comp[c])
		}
		slices.Sort(roots)
		roots = slices.Compact(roots)
		key := fmt.Sprint(roots)
		g := byKey[key]
		if g == nil {
			g = &group{roots: roots}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.pupils = append(g.pupils, i)
	}

	// closure marks every component reachable from roots and lists them.
	stamp := make([]int32, nc)
	var stack, reached []int32
	closure := func(roots []int32, mark int32) {
		stack, reached = stack[:0], reached[:0]
		for _, c := range roots {
			if stamp[c] != mark {
				stamp[c] = mark
				stack = append(stack, c)
			}
		}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			reached = append(reached, c)
			for _, d := range dag[dagFirst[c]:dagFirst[c+1]] {
				if stamp[d] != mark {
					stamp[d] = mark
					stack = append(stack, d)
				}
			}
		}
	}
	// The union of all Hall sets, in offer order. It is itself a Hall set
	// for every unplaced pupil, used when listing each pupil's own set
	// would take too much memory.
	for _, g := range groups {
		closure(g.roots, 1)
	}
	var all []int
	union := Explanation{}
	for o := 0; o < no; o++ {
		if stamp[comp[o]] == 1 {
			all = append(all, o)
			union.Seats += in.Offers[o].Capacity
			union.PupilsInSet += occupancy[o]
		}
	}
	union.Offers = all
	for _, g := range groups {
		union.PupilsInSet += len(g.pupils)
	}
	// Pupils of other groups are counted in only if that is cheap enough.
	roots := 0
	for _, g := range groups {
		roots += len(g.roots)
	}
	countOthers := int64(len(groups))*int64(roots) <= int64(maxExplainWork)
	shared := make(map[[3]uint64][]int) // identical sets share one slice
	listed := 0
	var buf []int
	for gi, g := range groups {
		mark := int32(gi + 2)
		closure(g.roots, mark)
		size := 0
		for _, c := range reached {
			size += len(members[c])
		}
		if listed+size > maxExplainOffers {
			g.exp = union
			continue
		}
		buf = buf[:0]
		if size*16 > len(all) { // large: read it off the sorted union
			for _, o := range all {
				if stamp[comp[o]] == mark {
					buf = append(buf, o)
				}
			}
		} else {
			for _, c := range reached {
				for _, o := range members[c] {
					buf = append(buf, int(o))
				}
			}
			slices.Sort(buf)
		}
		seats, inSet := 0, 0
		h := uint64(14695981039346656037) // FNV-1a over the set
		for _, o := range buf {
			seats += in.Offers[o].Capacity
			inSet += occupancy[o]
			h = (h ^ uint64(o)) * 1099511628211
		}
		key := [3]uint64{h, uint64(len(buf)), uint64(seats)}
		offers, ok := shared[key]
		if !ok || !slices.Equal(offers, buf) {
			offers = slices.Clone(buf)
			shared[key] = offers
			listed += len(offers)
		}
		// Unplaced pupils whose reach lies inside this set belong to it too.
		for _, other := range groups {
			if other != g && !countOthers {
				continue
			}
			inside := true
			for _, c := range other.roots {
				if stamp[c] != mark {
					inside = false
					break
				}
			}
			if inside {
				inSet += len(other.pupils)
			}
		}
		g.exp = Explanation{Offers: offers, Seats: seats, PupilsInSet: inSet}
	}
	for _, g := range groups {
		for _, i := range g.pupils {
			e := md.baseExplanation(i)
			e.Offers, e.Seats, e.PupilsInSet = g.exp.Offers, g.exp.Seats, g.exp.PupilsInSet
			out[i] = e
		}
	}
	return out
}

func (md *model) baseExplanation(i int) Explanation {
	e := Explanation{Choices: len(md.in.Pupils[i].Choices)}
	for r, c := range md.removed[i] {
		if c > 0 {
			if e.Removed == nil {
				e.Removed = make(map[Reason]int)
			}
			e.Removed[Reason(r)] = c
		}
	}
	return e
}

// scc returns the strongly connected component of each node of a graph in
// compressed form, and the members of each component, using an iterative
// Tarjan so deep graphs cannot overflow the stack.
func scc(n int, first, adj []int32) (comp []int32, members [][]int32) {
	const unvisited = -1
	index := make([]int32, n)
	low := make([]int32, n)
	comp = make([]int32, n)
	for i := range index {
		index[i] = unvisited
		comp[i] = unvisited
	}
	var stack, call []int32
	edge := make([]int32, n)
	next := int32(0)
	for root := 0; root < n; root++ {
		if index[root] != unvisited {
			continue
		}
		call = append(call[:0], int32(root))
		index[root], low[root] = next, next
		next++
		edge[root] = first[root]
		stack = append(stack, int32(root))
		for len(call) > 0 {
			v := call[len(call)-1]
			if edge[v] < first[v+1] {
				w := adj[edge[v]]
				edge[v]++
				switch {
				case index[w] == unvisited:
					index[w], low[w] = next, next
					next++
					edge[w] = first[w]
					stack = append(stack, w)
					call = append(call, w)
				case comp[w] == unvisited: // w is on the stack
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1]
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				c := int32(len(members))
				var ms []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					comp[w] = c
					ms = append(ms, w)
					if w == v {
						break
					}
				}
				members = append(members, ms)
			}
		}
	}
	return comp, members
}
