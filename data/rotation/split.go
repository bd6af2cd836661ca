package rotation

import (
	"cmp"
	"math"
	"slices"
)

// slot is one team of a group while it is split: its fixed (locked)
// pupils, and how many free pupils it may take.
type slot struct {
	src        int // instance team, or -1 for a new team
	fixed      []int
	fg, fb, fo int // fixed girls, boys and others
	lo, hi     int // free pupils it takes: lo..hi
}

// The split's costs, lexicographic: one team breaking the composition
// rule costs more than any difference in sizes (Σ size² ≤ teams · 60²),
// and even sizes count more than girls and boys in balance within each
// team ((girls − boys)² ≤ 60²).
const (
	breakCost  = 1 << 40
	sizeWeight = 4096
)

// dpLimit bounds the work of the exact split; beyond it (groups of
// hundreds) a plain even split is used.
const dpLimit = 40_000_000

// splitCounts chooses how many free girls, boys and others each slot
// takes: every slot within its bounds, all G+B+O placed, the fewest teams
// with exactly one girl or exactly one boy (when mix is on), then the most
// even sizes. It is exact: a dynamic programme over the slots whose state
// is the girls, boys and others placed so far. Only the counts matter for
// the rule, so it is a small problem whatever the pupils are.
func splitCounts(slots []slot, G, B, O int, mix bool) (add [][3]int, breaks int, ok bool) {
	nb, no := B+1, O+1
	states := (G + 1) * nb * no
	work := 0
	for _, s := range slots {
		work += states * (s.hi + 1) * (s.hi + 1)
	}
	if work > dpLimit || work < 0 {
		return evenSplit(slots, G, B, O, mix)
	}
	const inf = math.MaxInt64
	cur := make([]int64, states)
	next := make([]int64, states)
	for i := range cur {
		cur[i] = inf
	}
	cur[0] = 0
	choice := make([][]int32, len(slots))
	for t, s := range slots {
		for i := range next {
			next[i] = inf
		}
		ch := make([]int32, states)
		choice[t] = ch
		for x := 0; x <= G; x++ {
			for y := 0; y <= B; y++ {
				for z := 0; z <= O; z++ {
					c0 := cur[(x*nb+y)*no+z]
					if c0 == inf {
						continue
					}
					for a := 0; a <= min(G-x, s.hi); a++ {
						for b := 0; b <= min(B-y, s.hi-a); b++ {
							br := int64(0)
							if mix && (s.fg+a == 1 || s.fb+b == 1) {
								br = breakCost
							}
							for c := max(0, s.lo-a-b); c <= min(O-z, s.hi-a-b); c++ {
								size := int64(len(s.fixed) + a + b + c)
								mix := int64(s.fg + a - s.fb - b)
								cost := c0 + br + size*size*sizeWeight + mix*mix
								k := ((x+a)*nb+y+b)*no + z + c
								if cost < next[k] {
									next[k] = cost
									ch[k] = int32(a<<16 | b<<8 | c)
								}
							}
						}
					}
				}
			}
		}
		cur, next = next, cur
	}
	final := cur[(G*nb+B)*no+O]
	if final == inf {
		return nil, 0, false
	}
	add = make([][3]int, len(slots))
	x, y, z := G, B, O
	for t := len(slots) - 1; t >= 0; t-- {
		c := choice[t][(x*nb+y)*no+z]
		a, b, o := int(c>>16), int(c>>8&0xff), int(c&0xff)
		add[t] = [3]int{a, b, o}
		x, y, z = x-a, y-b, z-o
	}
	return add, int(final / breakCost), true
}

// evenSplit is the fallback for huge groups: sizes as even as the bounds
// allow, girls and boys dealt in pairs so that few are alone.
func evenSplit(slots []slot, G, B, O int, mix bool) ([][3]int, int, bool) {
	n := G + B + O
	size := make([]int, len(slots))
	lo, hi := 0, 0
	for t, s := range slots {
		size[t] = s.lo
		lo += s.lo
		hi += s.hi
	}
	if n < lo || n > hi {
		return nil, 0, false
	}
	for left := n - lo; left > 0; {
		for t := range slots {
			if left > 0 && size[t] < slots[t].hi {
				size[t]++
				left--
			}
		}
	}
	add := make([][3]int, len(slots))
	room := slices.Clone(size)
	rest := [3]int{G, B, O}
	for cat := range 3 {
		for t := 0; rest[cat] > 0; t = (t + 1) % len(slots) {
			if room[t] == 0 {
				if slices.Max(room) == 0 {
					return nil, 0, false
				}
				continue
			}
			k := min(rest[cat], room[t], 2)
			add[t][cat] += k
			room[t] -= k
			rest[cat] -= k
		}
	}
	breaks := 0
	for t, s := range slots {
		if mix && (s.fg+add[t][0] == 1 || s.fb+add[t][1] == 1) {
			breaks++
		}
	}
	return add, breaks, true
}

// maxSplitEvals bounds the swaps placeInTeams looks at in one group.
const maxSplitEvals = 2_000_000

// category of a pupil for the split: girls, boys, and the rest.
func category(g Gender) int {
	switch g {
	case Girl:
		return 0
	case Boy:
		return 1
	}
	return 2
}

// placeInTeams chooses which free pupils fill the counts add: first in
// order (by school and class when classes are kept together), then swaps
// of two pupils between teams that make no team break the composition
// rule, while they bring friends together or, after that, keep classes
// together or mix schools.
func (p *planner) placeInTeams(slots []slot, add [][3]int, free []int) [][]int {
	in := p.in
	out := make([][]int, len(slots))
	if len(free) == 0 {
		return out
	}
	var cats [3][]int
	for _, i := range free {
		c := category(in.Pupils[i].Gender)
		cats[c] = append(cats[c], i)
	}
	if p.opt.KeepClass {
		for c := range cats {
			slices.SortStableFunc(cats[c], func(a, b int) int {
				x, y := &in.Pupils[a], &in.Pupils[b]
				return cmp.Or(cmp.Compare(x.School, y.School), cmp.Compare(x.Class, y.Class))
			})
		}
	}
	for t := range slots {
		for c := range 3 {
			out[t] = append(out[t], cats[c][:add[t][c]]...)
			cats[c] = cats[c][add[t][c]:]
		}
	}
	if !p.opt.FriendsTogether && !p.opt.KeepClass && !p.opt.MixSchools {
		return out
	}
	// Local state: every pupil of the split with its team.
	team := map[int]int{}
	var all []int
	for t, s := range slots {
		for _, i := range s.fixed {
			team[i] = t
			all = append(all, i)
		}
	}
	for t := range out {
		for _, i := range out[t] {
			team[i] = t
			all = append(all, i)
		}
	}
	// Classes (KeepClass) or schools (MixSchools), numbered by first
	// appearance, counted per team.
	classOf := map[int]int{}
	var cnt [][]int
	if p.opt.KeepClass || p.opt.MixSchools {
		ids := map[[2]string]int{}
		for _, i := range all {
			k := [2]string{in.Pupils[i].School, in.Pupils[i].Class}
			if p.opt.MixSchools {
				k[1] = ""
			}
			id, ok := ids[k]
			if !ok {
				id = len(ids)
				ids[k] = id
			}
			classOf[i] = id
		}
		cnt = make([][]int, len(slots))
		for t := range cnt {
			cnt[t] = make([]int, len(ids))
		}
		for _, i := range all {
			cnt[team[i]][classOf[i]]++
		}
	}
	sign := 0 // +1: spread (mix schools), -1: gather (keep class)
	switch {
	case p.opt.KeepClass:
		sign = -1
	case p.opt.MixSchools:
		sign = 1
	}
	friendW := 0
	if p.opt.FriendsTogether {
		friendW = 10*len(all) + 10 // one pair more together beats any class change of one swap
	}
	apartDelta := func(i, j, to int) int {
		d := 0
		for _, f := range p.friends[i] {
			tf, ok := team[f]
			if !ok || f == j {
				continue
			}
			if tf == team[i] {
				d++ // together now, apart after
			}
			if tf == to {
				d--
			}
		}
		return d
	}
	// Girls and boys per team: a swap across categories must not make a
	// team break the composition rule.
	girls, boys := make([]int, len(slots)), make([]int, len(slots))
	for _, i := range all {
		dg, db := genderDelta(in.Pupils[i].Gender)
		girls[team[i]] += dg
		boys[team[i]] += db
	}
	breaksOf := func(t, dg, db int) int {
		if !p.opt.MixRule {
			return 0
		}
		return b2i(girls[t]+dg == 1 || boys[t]+db == 1)
	}
	delta := func(i, j int) int {
		ti, tj := team[i], team[j]
		if xi, xj := category(in.Pupils[i].Gender), category(in.Pupils[j].Gender); xi != xj {
			gi, bi := genderDelta(in.Pupils[i].Gender)
			gj, bj := genderDelta(in.Pupils[j].Gender)
			before := breaksOf(ti, 0, 0) + breaksOf(tj, 0, 0)
			after := breaksOf(ti, gj-gi, bj-bi) + breaksOf(tj, gi-gj, bi-bj)
			if after > before {
				return 1
			}
		}
		d := friendW * (apartDelta(i, j, tj) + apartDelta(j, i, ti))
		if sign != 0 {
			ci, cj := classOf[i], classOf[j]
			if ci != cj {
				// Σ cnt² changes by these four terms.
				s := (1 - 2*cnt[ti][ci]) + (1 + 2*cnt[ti][cj]) + (1 - 2*cnt[tj][cj]) + (1 + 2*cnt[tj][ci])
				d += sign * s
			}
		}
		return d
	}
	movers := slices.Clone(free)
	evals := 0
	for pass := 0; pass < 20 && evals < maxSplitEvals; pass++ {
		improved := false
		for x, i := range movers {
			for _, j := range movers[x+1:] {
				if evals++; team[i] == team[j] || evals > maxSplitEvals {
					continue
				}
				if delta(i, j) >= 0 {
					continue
				}
				ti, tj := team[i], team[j]
				if cnt != nil {
					cnt[ti][classOf[i]]--
					cnt[tj][classOf[j]]--
					cnt[ti][classOf[j]]++
					cnt[tj][classOf[i]]++
				}
				gi, bi := genderDelta(in.Pupils[i].Gender)
				gj, bj := genderDelta(in.Pupils[j].Gender)
				girls[ti] += gj - gi
				boys[ti] += bj - bi
				girls[tj] += gi - gj
				boys[tj] += bi - bj
				team[i], team[j] = tj, ti
				improved = true
			}
		}
		if !improved {
			break
		}
	}
	for t := range out {
		out[t] = out[t][:0]
	}
	for _, i := range free {
		out[team[i]] = append(out[team[i]], i)
	}
	return out
}
