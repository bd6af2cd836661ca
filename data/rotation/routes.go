package rotation

import (
	"fmt"
	"slices"
)

// week holds the blocks with what the route searches need.
type week struct {
	blocks []Block
	travel int
	byHost [][]int // block indices per host, in time order
	// maxTeams bounds the teams any group can need: searches never look
	// for more routes.
	maxTeams int
}

// defaultMaxTeams is maxTeams when the pupils are not known.
const defaultMaxTeams = 1000

func newWeek(hosts int, blocks []Block, travel int) *week {
	w := &week{blocks: blocks, travel: travel, byHost: make([][]int, hosts), maxTeams: defaultMaxTeams}
	for b := range blocks {
		if h := blocks[b].Host; h >= 0 && h < hosts {
			w.byHost[h] = append(w.byHost[h], b)
		}
	}
	for _, bs := range w.byHost {
		slices.SortFunc(bs, func(a, b int) int {
			x, y := &blocks[a], &blocks[b]
			if x.Day != y.Day {
				return x.Day - y.Day
			}
			if x.Start != y.Start {
				return x.Start - y.Start
			}
			return a - b
		})
	}
	return w
}

// teamsMax is a block's capacity; 0 means the default, one team.
func teamsMax(b *Block) int { return max(b.TeamsMax, 1) }

// capacities returns every block's capacity.
func (w *week) capacities() []int {
	left := make([]int, len(w.blocks))
	for b := range w.blocks {
		left[b] = teamsMax(&w.blocks[b])
	}
	return left
}

// route is one candidate route: one block at each of some hosts of a
// group, pairwise compatible. at[k] is the position in the group's host
// list of blocks[k]'s host.
type route struct {
	blocks []int
	at     []int
}

// Search limits: far above a real group (four hosts with a block each
// morning give at most 625 routes); beyond them the searches return the
// best found so far.
const (
	maxCandidates = 20_000
	searchBudget  = 2_000_000 // nodes and candidates looked at
)

// candidates lists the routes through hosts that use blocks with capacity
// left and meet at least minLen hosts, longest first, each length in the
// order of the hosts' blocks. It also returns the most hosts one route can
// meet, and whether the list was cut short (see maxCandidates).
func (w *week) candidates(hosts []int, left []int, minLen int) (rs []route, longest int, truncated bool) {
	var blocks, at []int
	steps := 0
	var rec func(i int)
	rec = func(i int) {
		// Both the routes kept and the steps taken are bounded: with many
		// hosts, dead ends alone could take exponential time.
		if steps++; len(rs) >= maxCandidates || steps > 50*maxCandidates {
			truncated = true
			return
		}
		if i == len(hosts) {
			if len(blocks) >= max(minLen, 1) {
				rs = append(rs, route{slices.Clone(blocks), slices.Clone(at)})
				longest = max(longest, len(blocks))
			}
			return
		}
		for _, b := range w.byHost[hosts[i]] {
			if left[b] <= 0 || !w.fits(blocks, b) {
				continue
			}
			blocks, at = append(blocks, b), append(at, i)
			rec(i + 1)
			blocks, at = blocks[:len(blocks)-1], at[:len(at)-1]
		}
		if len(blocks)+len(hosts)-i-1 >= minLen {
			rec(i + 1)
		}
	}
	rec(0)
	slices.SortStableFunc(rs, func(a, b route) int { return len(b.blocks) - len(a.blocks) })
	return rs, longest, truncated
}

// fits reports whether block b goes with every block of a route.
func (w *week) fits(blocks []int, b int) bool {
	for _, c := range blocks {
		if !compatible(&w.blocks[b], &w.blocks[c], w.travel) {
			return false
		}
	}
	return true
}

// packer chooses up to k routes (a multiset of candidates) that fit in the
// blocks' capacity and maximise their total weight, by depth-first branch
// and bound: candidates in a fixed order, each route at or after the
// previous one, pruned by an upper bound on what the remaining teams can
// add.
type packer struct {
	rs      []route
	weight  []int
	left    []int // capacity left per block; restored after the search
	hostCap []int // capacity left per host of the group
	// byCount: the weight of every route is 1 (count routes of length
	// full); otherwise a route weighs the hosts it meets.
	byCount bool
	full    int
	best    int
	bestSel []int
	sel     []int
	nodes   int
	target  int
}

func (pk *packer) bound(r int) int {
	if pk.byCount {
		sum, least := 0, r
		for _, c := range pk.hostCap {
			sum += c
			least = min(least, c)
		}
		ub := min(r, sum/pk.full)
		if pk.full == len(pk.hostCap) {
			ub = min(ub, least)
		}
		return ub
	}
	ub := 0
	for _, c := range pk.hostCap {
		ub += min(r, c)
	}
	return ub
}

func (pk *packer) rec(start, r, cur int) {
	pk.nodes++
	if cur > pk.best {
		pk.best = cur
		pk.bestSel = append(pk.bestSel[:0], pk.sel...)
	}
	if r == 0 || pk.best >= pk.target || pk.nodes > searchBudget || cur+pk.bound(r) <= pk.best {
		return
	}
	for i := start; i < len(pk.rs); i++ {
		if pk.nodes++; pk.nodes > searchBudget {
			return
		}
		rt := &pk.rs[i]
		ok := true
		for _, b := range rt.blocks {
			if pk.left[b] <= 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for k, b := range rt.blocks {
			pk.left[b]--
			pk.hostCap[rt.at[k]]--
		}
		pk.sel = append(pk.sel, i)
		pk.rec(i, r-1, cur+pk.weight[i])
		pk.sel = pk.sel[:len(pk.sel)-1]
		for k, b := range rt.blocks {
			pk.left[b]++
			pk.hostCap[rt.at[k]]++
		}
		if pk.best >= pk.target || pk.nodes > searchBudget {
			return
		}
	}
}

// pack runs the search for k teams and returns the chosen routes.
func (w *week) pack(hosts []int, left []int, rs []route, k int, byCount bool, full int) []route {
	pk := &packer{rs: rs, left: left, byCount: byCount, full: full, hostCap: make([]int, len(hosts))}
	pk.weight = make([]int, len(rs))
	for i := range rs {
		pk.weight[i] = len(rs[i].blocks)
		if byCount {
			pk.weight[i] = 1
		}
	}
	for i, h := range hosts {
		for _, b := range w.byHost[h] {
			pk.hostCap[i] += max(left[b], 0)
		}
	}
	pk.target = pk.bound(k)
	pk.rec(0, k, 0)
	out := make([]route, len(pk.bestSel))
	for i, s := range pk.bestSel {
		out[i] = rs[s]
	}
	return out
}

// groupCap is what a group's blocks allow.
type groupCap struct {
	complete int // the most complete routes (every host once) that fit
	longest  int // the most hosts one route can meet
	// slots is how many teams the group can take: complete when it is
	// positive, else the most routes of the longest length.
	slots int
}

// capacity computes a group's groupCap from the capacity left.
func (w *week) capacity(hosts []int, left []int) groupCap {
	if len(hosts) == 0 {
		return groupCap{}
	}
	upper := -1
	for _, h := range hosts {
		c := 0
		for _, b := range w.byHost[h] {
			c += max(left[b], 0)
		}
		if upper < 0 || c < upper {
			upper = c
		}
	}
	upper = min(upper, w.maxTeams)
	if upper > 0 {
		rs, _, truncated := w.candidates(hosts, left, len(hosts))
		n := 0
		if len(rs) > 0 {
			n = len(w.pack(hosts, left, rs, upper, true, len(hosts)))
		}
		if truncated {
			n = max(n, len(w.greedy(hosts, left, upper, len(hosts))))
		}
		if n > 0 {
			return groupCap{complete: n, longest: len(hosts), slots: n}
		}
	}
	all, longest, truncated := w.candidates(hosts, left, 1)
	if truncated {
		// Greedy routes, each as long as it can be; the longest count.
		longest, n := 0, 0
		for _, r := range w.greedy(hosts, left, w.maxTeams, 1) {
			switch l := len(r.blocks); {
			case l > longest:
				longest, n = l, 1
			case l == longest:
				n++
			}
		}
		return groupCap{longest: longest, slots: n}
	}
	if longest == 0 {
		return groupCap{}
	}
	var rs []route
	for _, r := range all {
		if len(r.blocks) == longest {
			rs = append(rs, r)
		}
	}
	total := 0
	for _, h := range hosts {
		for _, b := range w.byHost[h] {
			total += max(left[b], 0)
		}
	}
	n := len(w.pack(hosts, left, rs, min(total, w.maxTeams), true, longest))
	return groupCap{longest: longest, slots: n}
}

// routes gives k teams routes through hosts that meet as many hosts in
// total as the capacity left allows, and takes their capacity. Complete
// routes are tried first (the usual case, and fast); a team that gets no
// block has an empty route.
func (w *week) routes(hosts []int, left []int, k int) [][]int {
	if k == 0 || len(hosts) == 0 {
		return make([][]int, k)
	}
	var chosen []route
	rs, _, truncated := w.candidates(hosts, left, len(hosts))
	if len(rs) > 0 {
		chosen = w.pack(hosts, left, rs, k, true, len(hosts))
	}
	if truncated && len(chosen) < k {
		if gr := w.greedy(hosts, left, k, len(hosts)); len(gr) > len(chosen) {
			chosen = gr
		}
	}
	if len(chosen) < k {
		rs, _, truncated := w.candidates(hosts, left, 1)
		chosen = w.pack(hosts, left, rs, k, false, 0)
		if truncated {
			if gr := w.greedy(hosts, left, k, 1); met(gr) > met(chosen) {
				chosen = gr
			}
		}
	}
	out := make([][]int, k)
	for i, r := range chosen {
		out[i] = slices.Clone(r.blocks)
		for _, b := range r.blocks {
			left[b]--
		}
	}
	return out
}

// met counts the host visits of routes.
func met(rs []route) int {
	n := 0
	for _, r := range rs {
		n += len(r.blocks)
	}
	return n
}

// greedy builds up to k routes of at least minLen hosts one at a time,
// each as long as findRoute can make it, without changing left. It is the
// fallback when a group has too many candidate routes for the exact
// search. On a regular group (every host the same slots) it never gets
// stuck: taking one route from a regular host–slot graph leaves a regular
// one, which has a perfect matching again.
func (w *week) greedy(hosts []int, left []int, k, minLen int) []route {
	left = slices.Clone(left)
	var out []route
	for len(out) < k {
		r, ok := w.findRoute(hosts, left, minLen)
		if !ok {
			break
		}
		for _, b := range r.blocks {
			left[b]--
		}
		out = append(out, r)
	}
	return out
}

// findRoute looks for one route as long as possible (at least minLen
// hosts): the hosts with the least capacity left first, at each host the
// blocks with the most capacity left first, depth first within a budget.
func (w *week) findRoute(hosts []int, left []int, minLen int) (route, bool) {
	capOf := func(h int) int {
		c := 0
		for _, b := range w.byHost[h] {
			c += max(left[b], 0)
		}
		return c
	}
	order := make([]int, len(hosts)) // positions in hosts
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return capOf(hosts[a]) - capOf(hosts[b]) })
	var best, cur route
	steps := 0
	var rec func(i int)
	rec = func(i int) {
		if steps++; steps > findBudget || len(best.blocks) == len(hosts) {
			return
		}
		if len(cur.blocks) > len(best.blocks) {
			best = route{slices.Clone(cur.blocks), slices.Clone(cur.at)}
		}
		if i == len(order) || len(cur.blocks)+len(order)-i <= len(best.blocks) {
			return
		}
		bs := slices.Clone(w.byHost[hosts[order[i]]])
		slices.SortStableFunc(bs, func(a, b int) int { return left[b] - left[a] })
		for _, b := range bs {
			if left[b] <= 0 || !w.fits(cur.blocks, b) {
				continue
			}
			cur.blocks, cur.at = append(cur.blocks, b), append(cur.at, order[i])
			rec(i + 1)
			cur.blocks, cur.at = cur.blocks[:len(cur.blocks)-1], cur.at[:len(cur.at)-1]
		}
		rec(i + 1)
	}
	rec(0)
	return best, len(best.blocks) >= max(minLen, 1)
}

// findBudget bounds the steps of one findRoute.
const findBudget = 20_000

// shortages says what a group lacks for k teams with complete routes:
// hosts without blocks or with too few, days with too few blocks, and how
// many teams are too many (when headline). complete is the number of
// complete routes the blocks allow. Texts are Swedish.
func (p *planner) shortages(g, k, complete int, headline bool) []string {
	in := p.in
	gname := groupLabel(in, g)
	hosts := in.Groups[g].Hosts
	var out []string
	if len(hosts) == 0 {
		return []string{fmt.Sprintf("Grupp %s har inga värdar.", gname)}
	}
	for _, h := range hosts {
		if len(p.w.byHost[h]) == 0 {
			out = append(out, fmt.Sprintf("Grupp %s: värden %s har inget block i veckan.", gname, hostLabel(in, h)))
		}
	}
	if k <= complete {
		return out
	}
	if headline {
		out = append(out, fmt.Sprintf("%s för många för grupp %s: blocken räcker till %s.",
			count(k-complete, "Ett team", "team"), gname, count(complete, "en komplett rutt", "kompletta rutter")))
	}
	everyHost := true
	for _, h := range hosts {
		everyHost = everyHost && len(p.w.byHost[h]) > 0
	}
	if _, longest, _ := p.w.candidates(hosts, p.w.capacities(), 1); everyHost && longest < len(hosts) {
		out = append(out, fmt.Sprintf("Grupp %s: ett team hinner bara till %d av %d värdar, för blocken krockar; gruppen behöver block på fler dagar eller tider.",
			gname, longest, len(hosts)))
	}
	for _, h := range hosts {
		c := 0
		for _, b := range p.w.byHost[h] {
			c += teamsMax(&in.Blocks[b])
		}
		if c > 0 && c < k {
			out = append(out, fmt.Sprintf("Grupp %s saknar %s hos %s: värden tar %s, gruppen har %d.",
				gname, count(k-c, "ett block", "block"), hostLabel(in, h), count(c, "ett team", "team"), k))
		}
	}
	// Days: when a group's blocks of a day all overlap (mornings), a team
	// takes at most one of them, so the day gives at most k visits; the
	// week needs k visits per host.
	type day struct {
		rep      int // a block of the day, for its name
		capacity int
		single   bool
	}
	days := map[int]*day{}
	var order []int
	for b := range in.Blocks {
		d := in.Blocks[b].Day
		if days[d] == nil {
			days[d] = &day{rep: b, single: true}
			order = append(order, d)
		}
	}
	slices.Sort(order)
	for _, h := range hosts {
		for _, b := range p.w.byHost[h] {
			d := days[in.Blocks[b].Day]
			d.capacity += teamsMax(&in.Blocks[b])
			for _, h2 := range hosts {
				for _, c := range p.w.byHost[h2] {
					if in.Blocks[c].Day == in.Blocks[b].Day && compatible(&in.Blocks[b], &in.Blocks[c], p.opt.TravelMinutes) {
						d.single = false
					}
				}
			}
		}
	}
	supply := 0
	for _, dn := range order {
		d := days[dn]
		if d.single {
			supply += min(d.capacity, k)
		} else {
			supply += d.capacity
		}
	}
	if supply < k*len(hosts) {
		for _, dn := range order {
			if d := days[dn]; d.single && d.capacity < k {
				out = append(out, fmt.Sprintf("Grupp %s saknar %s på %s.", gname, count(k-d.capacity, "ett block", "block"), weekdayName(&in.Blocks[d.rep])))
			}
		}
	}
	return out
}
