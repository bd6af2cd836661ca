package rotation

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"techniqual/data/match"
)

// wishClass is the pupils who ranked the same groups in the same order:
// one node of the flow with their number as supply, so the network stays
// small however many pupils the week has.
type wishClass struct {
	wishes []int
	pupils []int // in index order
}

// flowModel is the assignment of free pupils to groups as a min-cost flow.
type flowModel struct {
	p       *planner
	classes []wishClass
	offCost int64 // a wished pupil in a group they did not rank
	unplace int64 // a pupil in no group: more than any change of ranks
	lo, hi  []int64
	// scale multiplies rank costs: more than all the tier costs together.
	scale int64
	tiers bool // spread pupils evenly (see network)
	// anyArc and countArc are the arc ids of any → group and group →
	// count per group.
	anyArc, countArc []int
}

// rankCost is the cost of a pupil's (r+1)-th wish: r², as the matching's
// default convex costs (0, 1, 4, 9, …): many second wishes beat a few
// fifth ones.
func rankCost(r int) int64 { return int64(r) * int64(r) }

// cost returns what placing pupil i in group g costs, and whether it is
// allowed.
func (p *planner) cost(i, g int) (int64, bool) {
	ws := p.in.Pupils[i].Groups
	for r, w := range ws {
		if w == g {
			return rankCost(r), true
		}
	}
	if len(ws) == 0 {
		return 0, true
	}
	return p.offCost, !p.opt.WishesOnly
}

// assignGroups places the free pupils in groups, optimally: as many as
// possible, then the least rank cost, within each group's seats, and so
// that each group's pupils can form teams of TeamMin..TeamMax. The last
// rule is not linear (with teams of 4–6, 7 pupils cannot form teams): the
// flow is solved with interval bounds on each group's count, and a branch
// and bound splits a group with an impossible count into the nearest
// possible counts below and above (see branch).
func (p *planner) assignGroups() error {
	in := p.in
	ng := len(in.Groups)
	p.trimmed = make([]int, ng)
	p.group = make([]int, len(in.Pupils))
	for i := range p.group {
		p.group[i] = -1
	}
	fm := &flowModel{p: p}
	index := map[string]int{}
	longest := 0
	var key strings.Builder
	for i := range in.Pupils {
		if p.fixed[i] != NoTeam {
			continue
		}
		key.Reset()
		for _, g := range in.Pupils[i].Groups {
			key.WriteString(strconv.Itoa(g))
			key.WriteByte(',')
		}
		c, ok := index[key.String()]
		if !ok {
			c = len(fm.classes)
			index[key.String()] = c
			fm.classes = append(fm.classes, wishClass{wishes: in.Pupils[i].Groups})
		}
		fm.classes[c].pupils = append(fm.classes[c].pupils, i)
		longest = max(longest, len(in.Pupils[i].Groups))
	}
	free := 0
	for _, c := range fm.classes {
		free += len(c.pupils)
	}
	if ng == 0 || free == 0 {
		return nil
	}
	fm.offCost = rankCost(longest)
	p.offCost = fm.offCost
	fm.tiers = true
	fm.scale = int64(free)*int64(p.opt.TeamMax-1) + 1
	fm.unplace = int64(free+1) * (fm.offCost*fm.scale + int64(p.opt.TeamMax))
	if fm.unplace > min(1<<50, 1<<60/int64(len(fm.classes)+2*ng+8)) {
		// Too many pupils with too many wishes for the even spread: the
		// costs would overflow the solver's range. Ranks still count.
		fm.tiers, fm.scale = false, 1
		fm.unplace = int64(free+1) * (fm.offCost + 1)
	}
	fm.lo, fm.hi = make([]int64, ng), make([]int64, ng)
	for g := range fm.hi {
		fm.hi[g] = int64(p.groups[g].seats)
	}
	flow, err := fm.solve()
	if err != nil {
		return err
	}
	// Branch and bound on the groups whose count cannot form teams: the
	// flow with interval bounds is a relaxation (its cost a lower bound),
	// and a group with an impossible count n is split into "at most the
	// nearest possible count below n" and "at least the nearest above".
	root := fm.counts(flow)
	// The budget shrinks with the network so that a region stays fast.
	bb := &branch{fm: fm, budget: min(maxSolves, max(minSolves, solveWork/(len(fm.classes)+ng)))}
	bb.search(flow, fm.lo, fm.hi)
	if bb.best != nil {
		flow, fm.lo, fm.hi = bb.best, bb.lo, bb.hi
	}
	for g, n := range root {
		if fm.hi[g] < n {
			p.trimmed[g] = int(n) // the pupils it leaves out get this as reason
		}
	}
	fm.decode(flow)
	return nil
}

// The branch and bound solves at most maxSolves flows, fewer on big
// networks (solveWork / nodes, at least minSolves); the first dive (the
// cheaper bound, then the next group) is always completed. Tiny weeks are
// solved exactly.
const (
	maxSolves = 200
	minSolves = 8
	solveWork = 50_000
)

// branch is the branch and bound over impossible group counts.
type branch struct {
	fm     *flowModel
	best   *match.Flow
	lo, hi []int64
	solves int
	budget int
}

// search explores the node whose relaxation is f under bounds lo, hi.
func (bb *branch) search(f *match.Flow, lo, hi []int64) {
	if bb.best != nil && f.Cost >= bb.best.Cost {
		return
	}
	p := bb.fm.p
	counts := bb.fm.counts(f)
	g, down, up := -1, int64(-1), int64(-1)
	for k, n := range counts {
		if len(p.teamCounts(k, int(n))) > 0 {
			continue
		}
		down, up = -1, -1
		for m := n - 1; m >= lo[k]; m-- {
			if len(p.teamCounts(k, int(m))) > 0 {
				down = m
				break
			}
		}
		for m := n + 1; m <= hi[k]; m++ {
			if len(p.teamCounts(k, int(m))) > 0 {
				up = m
				break
			}
		}
		if down >= 0 || up >= 0 {
			g = k
			break
		}
		// No possible count within the bounds: the split explains it.
	}
	if g < 0 {
		bb.best, bb.lo, bb.hi = f, lo, hi
		return
	}
	type child struct {
		f      *match.Flow
		lo, hi []int64
	}
	var kids []child
	for _, side := range [2]int64{down, up} {
		if side < 0 || (bb.best != nil && bb.solves >= bb.budget) {
			continue
		}
		clo, chi := slices.Clone(lo), slices.Clone(hi)
		if side == down {
			chi[g] = down
		} else {
			clo[g] = up
		}
		bb.solves++
		if cf, err := bb.fm.solveBounds(clo, chi); err == nil {
			kids = append(kids, child{cf, clo, chi})
		}
	}
	slices.SortStableFunc(kids, func(a, b child) int { return cmp.Compare(a.f.Cost, b.f.Cost) })
	for _, k := range kids {
		bb.search(k.f, k.lo, k.hi)
	}
}

// Node layout: classes, then "any group", "no group", the groups, each
// group's count node and the sink. Arc layout: per class its wishes, then
// "any" (when allowed), then "none"; then per group any → group, group →
// count (bounded by lo..hi: the branch and bound's bounds) and count →
// sink in TeamMax tiers; then none → sink.
//
// The tiers spread pupils evenly over the groups when wishes leave it
// open: tier j holds the (j+1)-th pupil of each team and costs j. Rank
// costs are scaled so that the tiers never outweigh one rank step.
func (fm *flowModel) network(lo, hi []int64) *match.Network {
	nc, ng := len(fm.classes), len(lo)
	anyN, none, sink := nc, nc+1, nc+2+2*ng
	group := func(g int) int { return nc + 2 + g }
	net := match.NewNetwork(nc + 3 + 2*ng)
	total := int64(0)
	for c, cl := range fm.classes {
		s := int64(len(cl.pupils))
		total += s
		net.SetSupply(c, s)
		for r, g := range cl.wishes {
			net.AddArc(c, group(g), s, rankCost(r)*fm.scale)
		}
		switch {
		case len(cl.wishes) == 0:
			net.AddArc(c, anyN, s, 0)
		case !fm.p.opt.WishesOnly:
			net.AddArc(c, anyN, s, fm.offCost*fm.scale)
		}
		net.AddArc(c, none, s, fm.unplace)
	}
	fm.anyArc, fm.countArc = make([]int, ng), make([]int, ng)
	for g := range ng {
		fm.anyArc[g] = net.AddArc(anyN, group(g), total, 0)
		fm.countArc[g] = net.AddArcBounds(group(g), group(ng+g), lo[g], hi[g], 0)
		teams := int64(max(fm.p.groups[g].cap.slots, len(fm.p.groups[g].seeded)))
		if !fm.tiers {
			net.AddArc(group(ng+g), sink, teams*int64(fm.p.opt.TeamMax), 0)
			continue
		}
		for j := range fm.p.opt.TeamMax {
			net.AddArc(group(ng+g), sink, teams, int64(j))
		}
	}
	net.AddArc(none, sink, total, 0)
	net.SetSupply(sink, -total)
	return net
}

func (fm *flowModel) solve() (*match.Flow, error) { return fm.solveBounds(fm.lo, fm.hi) }

// solveBounds solves the flow with these bounds on the groups' counts.
func (fm *flowModel) solveBounds(lo, hi []int64) (*match.Flow, error) {
	net := fm.network(lo, hi)
	f, err := net.Solve(context.Background())
	if errors.Is(err, match.ErrInfeasible) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("rotation: fördelningen på grupper: %w", err)
	}
	return f, nil
}

// counts returns the pupils the flow puts in each group.
func (fm *flowModel) counts(f *match.Flow) []int64 {
	out := make([]int64, len(fm.lo))
	for g := range out {
		out[g] = f.Arc[fm.countArc[g]]
	}
	return out
}

// decode turns the flow into p.group: a class's pupils in index order go
// to its wishes in rank order, then to "any group", then to none; the
// pupils through "any" fill the groups in group order.
func (fm *flowModel) decode(f *match.Flow) {
	p := fm.p
	ng := len(fm.lo)
	arc := 0
	var pool []int
	for _, cl := range fm.classes {
		k := 0
		for _, g := range cl.wishes {
			for n := f.Arc[arc]; n > 0; n-- {
				p.group[cl.pupils[k]] = g
				k++
			}
			arc++
		}
		if len(cl.wishes) == 0 || !p.opt.WishesOnly {
			for n := f.Arc[arc]; n > 0; n-- {
				pool = append(pool, cl.pupils[k])
				k++
			}
			arc++
		}
		arc++ // none: the rest stay -1
	}
	for g := range ng {
		for n := f.Arc[fm.anyArc[g]]; n > 0; n-- {
			p.group[pool[0]] = g
			pool = pool[1:]
		}
	}
}

// groupSearch is the state of improveGroups.
type groupSearch struct {
	p       *planner
	members [][]int // free placed pupils per group
	pos     []int   // position of a pupil in members[its group]
	girls   []int   // per group, seeded teams' locked pupils included
	boys    []int
}

// groupOf returns the group a pupil is in: its team's, or its assigned one.
func (p *planner) groupOf(i int) int {
	if t := p.fixed[i]; t != NoTeam {
		return p.in.Teams[t].Group
	}
	return p.group[i]
}

// lone is the composition proxy used between groups: a group with exactly
// one girl or exactly one boy to split cannot avoid a team with one.
func lone(girls, boys int) int {
	n := 0
	if girls == 1 {
		n++
	}
	if boys == 1 {
		n++
	}
	return n
}

// improveGroups swaps pupils between groups while it lowers rank cost +
// MixWeight · (groups with a lone girl or boy) + FriendsWeight · (friend
// pairs in different groups). A swap never changes how many pupils each
// group has, so placement and team counts stay as the flow made them.
func (p *planner) improveGroups() {
	in := p.in
	ng := len(in.Groups)
	if ng < 2 {
		return
	}
	gs := &groupSearch{p: p, members: make([][]int, ng), pos: make([]int, len(in.Pupils)),
		girls: make([]int, ng), boys: make([]int, ng)}
	for i := range in.Pupils {
		g := p.group[i]
		if g < 0 {
			if t := p.fixed[i]; t == NoTeam || in.Teams[t].Locked {
				continue
			}
			g = in.Teams[p.fixed[i]].Group
		} else {
			gs.pos[i] = len(gs.members[g])
			gs.members[g] = append(gs.members[g], i)
		}
		switch in.Pupils[i].Gender {
		case Girl:
			gs.girls[g]++
		case Boy:
			gs.boys[g]++
		}
	}
	for pass := 0; pass < 10; pass++ {
		improved := false
		for i := range in.Pupils {
			gi := p.group[i]
			if gi < 0 || p.fixed[i] != NoTeam {
				continue
			}
			if p.opt.MixRule && lone(gs.girls[gi], gs.boys[gi]) > 0 {
				for g := range ng {
					if g != gi && gs.trySwaps(i, g) {
						improved = true
						break
					}
				}
			}
			if p.opt.FriendsTogether {
				for _, f := range p.friends[i] {
					if g := p.groupOf(f); g >= 0 && g != p.group[i] && gs.trySwaps(i, g) {
						improved = true
						break
					}
				}
			}
		}
		if !improved {
			break
		}
	}
}

// trySwaps swaps pupil i with the first pupil of group g that lowers the
// objective, and reports whether it did.
func (gs *groupSearch) trySwaps(i, g int) bool {
	for _, j := range gs.members[g] {
		if gs.delta(i, j) < 0 {
			gs.swap(i, j)
			return true
		}
	}
	return false
}

func (gs *groupSearch) delta(i, j int) int64 {
	p := gs.p
	gi, gj := p.group[i], p.group[j]
	ci, oki := p.cost(i, gi)
	cj, okj := p.cost(j, gj)
	ni, oki2 := p.cost(i, gj)
	nj, okj2 := p.cost(j, gi)
	if !oki || !okj || !oki2 || !okj2 {
		return 0
	}
	d := ni + nj - ci - cj
	if p.opt.MixRule {
		xi, xj := p.in.Pupils[i].Gender, p.in.Pupils[j].Gender
		if xi != xj {
			before := lone(gs.girls[gi], gs.boys[gi]) + lone(gs.girls[gj], gs.boys[gj])
			dgi, dbi := genderDelta(xi)
			dgj, dbj := genderDelta(xj)
			after := lone(gs.girls[gi]-dgi+dgj, gs.boys[gi]-dbi+dbj) + lone(gs.girls[gj]-dgj+dgi, gs.boys[gj]-dbj+dbi)
			d += int64(p.opt.MixWeight) * int64(after-before)
		}
	}
	if p.opt.FriendsTogether {
		apart := 0
		for _, f := range p.friends[i] {
			if f == j {
				continue
			}
			g := p.groupOf(f)
			apart += b2i(g != gj) - b2i(g != gi)
		}
		for _, f := range p.friends[j] {
			if f == i {
				continue
			}
			g := p.groupOf(f)
			apart += b2i(g != gi) - b2i(g != gj)
		}
		d += int64(p.opt.FriendsWeight) * int64(apart)
	}
	return d
}

func genderDelta(x Gender) (girls, boys int) {
	switch x {
	case Girl:
		return 1, 0
	case Boy:
		return 0, 1
	}
	return 0, 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (gs *groupSearch) swap(i, j int) {
	p := gs.p
	gi, gj := p.group[i], p.group[j]
	dgi, dbi := genderDelta(p.in.Pupils[i].Gender)
	dgj, dbj := genderDelta(p.in.Pupils[j].Gender)
	gs.girls[gi] += dgj - dgi
	gs.boys[gi] += dbj - dbi
	gs.girls[gj] += dgi - dgj
	gs.boys[gj] += dbi - dbj
	gs.members[gi][gs.pos[i]], gs.members[gj][gs.pos[j]] = j, i
	gs.pos[i], gs.pos[j] = gs.pos[j], gs.pos[i]
	p.group[i], p.group[j] = gj, gi
}
