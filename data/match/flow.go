package match

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Arc kinds of the allocation network.
const (
	kindChoice   = iota // pupil → offer, one per eligible choice
	kindNotYet          // pupil → unplaced node
	kindUnplaced        // unplaced node → sink: carries the cost of leaving pupils unplaced
	kindOffer           // offer → sink, capacity = free seats
)

// allocNet is the allocation network before costs are attached.
type allocNet struct {
	nodes      int
	unplaced   int32 // the node that collects unplaced pupils
	sink       int32
	tail, head []int32
	cap        []int64
	kind       []uint8
	rank       []int8  // choice arcs: rank of the choice (0 = 1st)
	pupil      []int32 // choice and unplaced arcs: pupil index
	offer      []int32 // choice and offer arcs: offer index
	pupils     int     // pupils in the flow
	order      []int   // pupil index of each pupil node
}

// level is one criterion of the lexicographic objective: a cost per arc and
// the largest cost one pupil's unit of flow can collect.
type level struct {
	name string
	cost func(kind uint8, rank int8) int64
	max  int64
}

// buildNet builds the allocation network described at Solve.
func (md *model) buildNet() *allocNet {
	an := &allocNet{}
	inFlow := make([]int32, len(md.in.Pupils))
	m := len(md.in.Offers) + 1
	var order []int32
	for i := range md.in.Pupils {
		inFlow[i] = -1
		if len(md.elig[i]) > 0 {
			order = append(order, int32(i))
			m += len(md.elig[i]) + 1
		}
	}
	// Number pupils by their first eligible choice: pupils who compete for
	// the same offers get nearby nodes, which keeps the searches in cache.
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(md.elig[a][0], md.elig[b][0]) })
	for k, i := range order {
		inFlow[i] = int32(k)
		an.order = append(an.order, int(i))
	}
	an.pupils = len(order)
	an.tail, an.head = make([]int32, 0, m), make([]int32, 0, m)
	an.cap, an.kind, an.rank = make([]int64, 0, m), make([]uint8, 0, m), make([]int8, 0, m)
	an.pupil, an.offer = make([]int32, 0, m), make([]int32, 0, m)
	offer0 := int32(an.pupils)
	an.unplaced = offer0 + int32(len(md.in.Offers))
	an.sink = an.unplaced + 1
	an.nodes = int(an.sink) + 1
	add := func(u, v int32, c int64, kind uint8, rank int8, p, o int32) {
		an.tail = append(an.tail, u)
		an.head = append(an.head, v)
		an.cap = append(an.cap, c)
		an.kind = append(an.kind, kind)
		an.rank = append(an.rank, rank)
		an.pupil = append(an.pupil, p)
		an.offer = append(an.offer, o)
	}
	for _, i := range order {
		v := inFlow[i]
		for k, o := range md.elig[i] {
			add(v, offer0+o, 1, kindChoice, md.rank[i][k], int32(i), o)
		}
		add(v, an.unplaced, 1, kindNotYet, 0, int32(i), -1)
	}
	add(an.unplaced, an.sink, int64(an.pupils), kindUnplaced, 0, -1, -1)
	for j := range md.in.Offers {
		add(offer0+int32(j), an.sink, int64(md.free[j]), kindOffer, 0, -1, int32(j))
	}
	return an
}

// levels returns the objective, most important criterion first.
func (md *model) levels() []level {
	placement := level{"placement", func(k uint8, _ int8) int64 {
		if k == kindUnplaced {
			return 1
		}
		return 0
	}, 1}
	if !md.in.Options.RankMaximal {
		var mx int64
		for _, c := range md.costs {
			mx = max(mx, c)
		}
		costs := md.costs
		return []level{placement, {"rank costs", func(k uint8, r int8) int64 {
			if k == kindChoice {
				return costs[r]
			}
			return 0
		}, mx}}
	}
	ranks := 0
	for i := range md.rank {
		for _, r := range md.rank[i] {
			ranks = max(ranks, int(r)+1)
		}
	}
	lv := []level{placement}
	// Level k maximises choices of rank k, that is, minimises placements at
	// ranks beyond k, once all better ranks are fixed.
	for k := 1; k < ranks; k++ {
		k := int8(k)
		lv = append(lv, level{fmt.Sprintf("rank-maximal: choice %d", k), func(kind uint8, r int8) int64 {
			if kind == kindChoice && r >= k {
				return 1
			}
			return 0
		}, 1})
	}
	return lv
}

// stageLimit bounds combined cost × nodes in one solve; a variable so
// that tests can force one solve per level.
var stageLimit = int64(1) << 58

// stages groups consecutive levels into single solves with dominating
// weights, as long as the combined costs stay far from overflow (the solver
// needs cost·nodes < 2^60); the groups are then solved one after another,
// each on the optimal face of the ones before.
func stages(lv []level, pupils, nodes int) [][]level {
	limit := stageLimit / int64(nodes+2)
	var out [][]level
	for i := 0; i < len(lv); {
		j := i + 1
		for j < len(lv) {
			if c, ok := combinedMax(lv[i:j+1], pupils); !ok || c > limit {
				break
			}
			j++
		}
		out = append(out, lv[i:j])
		i = j
	}
	return out
}

// weights returns the weight of each level of a group: each weight exceeds
// the largest possible total of all later levels.
func weights(group []level, pupils int) ([]int64, bool) {
	w := make([]int64, len(group))
	w[len(group)-1] = 1
	var tail int64 // Σ over later levels of weight · pupils · max
	for k := len(group) - 1; k > 0; k-- {
		b, ok := mulChecked(int64(pupils), group[k].max)
		if !ok {
			return nil, false
		}
		wb, ok := mulChecked(w[k], b)
		if !ok {
			return nil, false
		}
		if tail, ok = addChecked(tail, wb); !ok {
			return nil, false
		}
		if w[k-1], ok = addChecked(tail, 1); !ok {
			return nil, false
		}
	}
	return w, true
}

// combinedMax returns the largest combined arc cost of a group.
func combinedMax(group []level, pupils int) (int64, bool) {
	w, ok := weights(group, pupils)
	if !ok {
		return 0, false
	}
	var c int64
	for k, l := range group {
		x, ok := mulChecked(w[k], l.max)
		if !ok {
			return 0, false
		}
		if c, ok = addChecked(c, x); !ok {
			return 0, false
		}
	}
	return c, true
}

// solveFlow solves the allocation network lexicographically and stores the
// placements of unlocked pupils in res.Assign.
func (md *model) solveFlow(ctx context.Context, res *Result) error {
	an := md.buildNet()
	m := len(an.tail)
	flow := make([]int64, m)
	active := make([]int32, m)
	for i := range active {
		active[i] = int32(i)
	}
	supply := make([]int64, an.nodes)
	for v := 0; v < an.pupils; v++ {
		supply[v] = 1
	}
	supply[an.sink] = -int64(an.pupils)

	groups := stages(md.levels(), an.pupils, an.nodes)
	for g, group := range groups {
		w, _ := weights(group, an.pupils)
		cost := func(a int32) int64 {
			var c int64
			for k, l := range group {
				c += w[k] * l.cost(an.kind[a], an.rank[a])
			}
			return c
		}
		net := newNetworkCap(an.nodes, len(active))
		for _, a := range active {
			net.AddArc(int(an.tail[a]), int(an.head[a]), an.cap[a], cost(a))
		}
		for v, s := range supply {
			if s != 0 {
				net.SetSupply(v, s)
			}
		}
		f, err := net.Solve(ctx)
		if err != nil {
			return fmt.Errorf("match: allocation stage %q: %w", group[0].name, err)
		}
		if err := f.CheckCertificate(net); err != nil {
			return fmt.Errorf("match: allocation stage %q: %w", group[0].name, err)
		}
		name := group[0].name
		for _, l := range group[1:] {
			name += " + " + l.name
		}
		res.Solves = append(res.Solves, Solve{Stage: name, Network: net, Flow: f, Pupils: an.order})
		if g == len(groups)-1 {
			for k, a := range active {
				flow[a] = f.Arc[k]
			}
			break
		}
		// Keep only arcs that some optimal flow can change: by
		// complementary slackness an arc of positive reduced cost is empty
		// and one of negative reduced cost is full in every optimal flow.
		kept := active[:0]
		for k, a := range active {
			rc := net.cost[k] + f.Potential[an.tail[a]] - f.Potential[an.head[a]]
			switch {
			case rc > 0:
				flow[a] = 0
			case rc < 0:
				flow[a] = an.cap[a]
				supply[an.tail[a]] -= an.cap[a]
				supply[an.head[a]] += an.cap[a]
			default:
				kept = append(kept, a)
			}
		}
		active = kept
	}
	for a := 0; a < m; a++ {
		if an.kind[a] == kindChoice && flow[a] == 1 {
			res.Assign[an.pupil[a]] = int(an.offer[a])
		}
	}
	return nil
}
