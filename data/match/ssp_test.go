package match

// The solver used before the network simplex (successive shortest paths,
// primal–dual with blocking flows), kept as an independent reference that
// the tests compare the network simplex with.

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// rarc is one residual arc: the forward or backward half of an arc.
// Both halves store the arc's capacity in tot, so the residual capacity of
// the partner (tot − cap) is known without touching it: backward searches
// scan it for every arc.
type rarc struct {
	to, rev int32 // head, and position of the paired residual arc
	cap     int64 // residual capacity
	cost    int64
	tot     int64 // cap + the partner's cap
}

// node is the per-node state of the solver, kept together so that looking
// at a node during a search touches one cache line.
type node struct {
	pot   int64  // potential
	dist  int64  // distance to t, valid if seen == the current stamp
	seen  uint32 // Dijkstra stamp
	mark  uint32 // == round: settled and usable by the blocking flow
	order int32  // falls along the paths dfs may use (see dijkstra)
	cur   int32  // current arc of the blocking flow
}

// solver holds the residual graph in compressed form: the residual arcs
// leaving node v are arcs[first[v]:first[v+1]].
type solver struct {
	n       int // nodes including the super source s and super sink t
	s, t    int32
	first   []int32
	arcs    []rarc
	nodes   []node
	stamp   uint32 // current Dijkstra
	round   uint32 // current blocking flow
	path    []int32
	bq      *bucketQueue
	settled []int32
	// srcArcs lists the arcs leaving s that still have capacity: the
	// source can have one arc per pupil, too many to rescan every round.
	srcArcs []int32
	ticks   int
}

// solveSSP computes a minimum-cost flow that meets every supply and demand.
//
// The method is primal–dual (successive shortest paths, many at a time).
// A super source feeds every node with supply and a super sink drains every
// node with demand. Each phase runs Dijkstra backwards from the sink on
// reduced costs, with a bucket queue (costs are small integers in
// allocation networks; a binary heap takes over for large distances),
// raises the potentials so that every shortest path has reduced cost zero,
// then pushes a blocking flow along those paths with a depth-first search
// (Dinic-style current arcs, on the acyclic order Dijkstra settled nodes
// in). One phase thus augments along many shortest paths at once, and the
// number of phases stays small when costs are small integers. Potentials
// never exceed the length of a simple path, so they fit in int64 whenever
// |cost|·nodes < 2^60, which Solve checks. Negative costs and lower bounds
// are handled by transformation: such arcs start at their bound, or full
// and reversed.
//
// solveSSP returns an error wrapping ErrInfeasible when supplies do not balance
// or cannot be routed, and ctx.Err() if ctx is cancelled during the solve.
func (net *Network) solveSSP(ctx context.Context) (*Flow, error) {
	if net.err != nil {
		return nil, net.err
	}
	m := len(net.tail)
	n := net.n
	var sum int64
	var maxAbs int64
	for v, s := range net.supply {
		var ok bool
		if sum, ok = addChecked(sum, s); !ok {
			return nil, fmt.Errorf("match: supplies overflow int64 at node %d", v)
		}
	}
	if sum != 0 {
		return nil, fmt.Errorf("%w: supplies sum to %d, not 0", ErrInfeasible, sum)
	}
	for _, c := range net.cost {
		maxAbs = max(maxAbs, c, -c)
	}
	// Potentials are bounded by path lengths, at most (n+1)·maxAbs.
	if maxAbs > 0 && int64(n+2) > (int64(1)<<60)/maxAbs {
		return nil, fmt.Errorf("match: costs up to %d are too large for %d nodes", maxAbs, n)
	}

	// Shift each arc to a non-negative-cost arc with lower bound 0: arcs
	// with negative cost start saturated and are reversed.
	excess := make([]int64, n)
	copy(excess, net.supply)
	for i := 0; i < m; i++ {
		base := net.low[i]
		if net.cost[i] < 0 {
			base = net.cap[i]
		}
		u, v := net.tail[i], net.head[i]
		var ok1, ok2 bool
		excess[u], ok1 = addChecked(excess[u], -base)
		excess[v], ok2 = addChecked(excess[v], base)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("match: arc %d: bounds overflow int64", i)
		}
	}

	sv := &solver{n: n + 2, s: int32(n), t: int32(n + 1)}
	deg := make([]int32, n+3)
	var total int64
	extra := 0
	for i := 0; i < m; i++ {
		deg[net.tail[i]]++
		deg[net.head[i]]++
	}
	for v, e := range excess {
		switch {
		case e > 0:
			var ok bool
			if total, ok = addChecked(total, e); !ok {
				return nil, errors.New("match: total supply overflows int64")
			}
			deg[v]++
			deg[sv.s]++
			extra++
		case e < 0:
			if e == math.MinInt64 {
				return nil, errors.New("match: demand overflows int64")
			}
			deg[v]++
			deg[sv.t]++
			extra++
		}
	}
	if int64(m)+int64(extra) > math.MaxInt32/2-1 {
		return nil, errors.New("match: network too large")
	}
	sv.first = make([]int32, sv.n+1)
	for v := 0; v < sv.n; v++ {
		sv.first[v+1] = sv.first[v] + deg[v]
	}
	fill := deg[:sv.n]
	copy(fill, sv.first[:sv.n])
	sv.arcs = make([]rarc, 2*(m+extra))
	add := func(u, v int32, c, cost int64) int32 {
		a := fill[u]
		fill[u]++
		b := fill[v] // after the increment, so a self-loop gets two slots
		fill[v]++
		sv.arcs[a] = rarc{to: v, rev: b, cap: c, cost: cost, tot: c}
		sv.arcs[b] = rarc{to: u, rev: a, cap: 0, cost: -cost, tot: c}
		return a
	}
	fwd := make([]int32, m)
	for i := 0; i < m; i++ {
		u, v, c := net.tail[i], net.head[i], net.cost[i]
		if c < 0 {
			u, v, c = v, u, -c
		}
		fwd[i] = add(u, v, net.cap[i]-net.low[i], c)
	}
	for v, e := range excess {
		if e > 0 {
			sv.srcArcs = append(sv.srcArcs, add(sv.s, int32(v), e, 0))
		} else if e < 0 {
			add(int32(v), sv.t, -e, 0)
		}
	}

	phases, err := sv.run(ctx, total)
	if err != nil {
		return nil, err
	}

	f := &Flow{Arc: make([]int64, m), Potential: make([]int64, n), Phases: phases}
	for v := range f.Potential {
		f.Potential[v] = sv.nodes[v].pot
	}
	for i := 0; i < m; i++ {
		g := sv.arcs[sv.arcs[fwd[i]].rev].cap // flow on the shifted arc
		if net.cost[i] < 0 {
			f.Arc[i] = net.cap[i] - g
		} else {
			f.Arc[i] = net.low[i] + g
		}
	}
	cost, ok := flowCost(net, f.Arc)
	if !ok {
		return nil, errors.New("match: total cost overflows int64")
	}
	f.Cost = cost
	return f, nil
}

// run sends total units from s to t along shortest paths.
//
// The searches run backwards, from t. In allocation networks the region
// near the source is large: every pupil not yet placed, and the offers
// they all chose, which are full. A backward search only sees what can
// reach a free seat cheaply. (Forward searches were tried and were several
// times slower on every instance measured.)
func (sv *solver) run(ctx context.Context, total int64) (phases int, err error) {
	sv.nodes = make([]node, sv.n)
	sv.bq = newBucketQueue()
	sent := int64(0)
	for sent < total {
		if err := ctx.Err(); err != nil {
			return phases, err
		}
		phases++
		d, found, err := sv.dijkstra(ctx)
		if err != nil {
			return phases, err
		}
		if !found {
			return phases, fmt.Errorf("%w: only %d of %d units of supply can reach a demand", ErrInfeasible, sent, total)
		}
		// Raise the potential of every node settled at distance x < d by
		// d − x: reduced costs stay ≥ 0 and every shortest s–t path gets
		// reduced cost 0. Nodes not settled keep theirs.
		for _, v := range sv.settled {
			x := &sv.nodes[v]
			x.pot += d - x.dist
		}
		pushed, err := sv.dfs(ctx)
		if err != nil {
			return phases, err
		}
		if pushed == 0 { // cannot happen with exact arithmetic; guard against a loop
			return phases, errors.New("match: internal error: phase pushed no flow")
		}
		sent += pushed
	}
	return phases, nil
}

// tick returns ctx.Err() every few thousand calls, so long loops stay
// cancellable without paying for ctx.Err on every step.
func (sv *solver) tick(ctx context.Context) error {
	sv.ticks++
	if sv.ticks&0x3fff == 0 {
		return ctx.Err()
	}
	return nil
}

// dijkstra computes distances to t under reduced costs, searching backwards
// along residual arcs, until s is settled together with every node at the
// same distance d, and reports d and whether s can reach t. sv.settled
// lists the settled nodes in order; dfs may only go from a node to one
// settled earlier (s counts as last), so the arcs it uses form an acyclic
// graph. Settling all of distance d, not stopping at s, lets dfs see every
// shortest path and push much more flow per phase.
func (sv *solver) dijkstra(ctx context.Context) (int64, bool, error) {
	nodes := sv.nodes
	sv.stamp++
	sv.round++
	if sv.stamp == 0 || sv.round == 0 { // wrapped: clear stale stamps
		for i := range nodes {
			nodes[i].seen, nodes[i].mark = 0, 0
		}
		sv.stamp, sv.round = 1, 1
	}
	st, r := sv.stamp, sv.round
	q := sv.bq
	q.reset()
	sv.settled = sv.settled[:0]
	nt := &nodes[sv.t]
	nt.dist, nt.seen = 0, st
	q.push(sv.t, 0)
	arcs, first := sv.arcs, sv.first
	limit, found := int64(math.MaxInt64), false
	for {
		v, d, ok := q.pop()
		if !ok || d > limit {
			return limit, found, nil
		}
		nv := &nodes[v]
		if nv.dist != d {
			continue // stale entry
		}
		nv.order = int32(len(sv.settled))
		sv.settled = append(sv.settled, v)
		nv.mark = r
		nv.cur = first[v]
		if v == sv.s {
			nv.order = math.MaxInt32
			found, limit = true, d
			continue
		}
		if err := sv.tick(ctx); err != nil {
			return 0, false, err
		}
		// Relax every residual arc w→v: it is the pair of an arc v→w.
		base := d - nv.pot
		for a := first[v]; a < first[v+1]; a++ {
			e := &arcs[a]
			if e.cap == e.tot { // the residual arc w→v is full
				continue
			}
			nw := &nodes[e.to]
			dw := base - e.cost + nw.pot
			if nw.seen != st || dw < nw.dist {
				nw.seen, nw.dist = st, dw
				q.push(e.to, dw)
			}
		}
	}
}

// dfs pushes a blocking flow from s to t through the admissible arcs
// (residual, reduced cost 0) between nodes settled by the last Dijkstra,
// always going to a lower order, so it cannot cycle. Current-arc pointers
// make it skip each arc at most once: an arc that is full, inadmissible or
// leads to a dead end stays so, since pushing flow only opens arcs that go
// up in order.
//
// Not every admissible path need be used: if some remain, the next Dijkstra
// finds distance 0 and this runs again.
func (sv *solver) dfs(ctx context.Context) (int64, error) {
	arcs, first, nodes := sv.arcs, sv.first, sv.nodes
	r := sv.round
	var pushed int64
	// Flow on an arc leaving s never decreases (paths start at s), so a
	// saturated one can be dropped for good.
	src := sv.srcArcs[:0]
	for _, a := range sv.srcArcs {
		if arcs[a].cap > 0 {
			src = append(src, a)
		}
	}
	sv.srcArcs = src
	srcCur := 0
	path := sv.path[:0]
	u := sv.s
	for {
		if u == sv.t {
			f := int64(math.MaxInt64)
			for _, a := range path {
				f = min(f, arcs[a].cap)
			}
			cut := -1
			for i, a := range path {
				arcs[a].cap -= f
				arcs[arcs[a].rev].cap += f
				if arcs[a].cap == 0 && cut < 0 {
					cut = i
				}
			}
			pushed += f
			path = path[:cut]
			if cut == 0 {
				u = sv.s
			} else {
				u = arcs[path[cut-1]].to
			}
			if err := sv.tick(ctx); err != nil {
				sv.path = path
				return pushed, err
			}
			continue
		}
		nu := &nodes[u]
		lu, pu := nu.order, nu.pot
		if u == sv.s {
			for ; srcCur < len(src); srcCur++ {
				e := &arcs[src[srcCur]]
				nw := &nodes[e.to]
				if e.cap > 0 && nw.mark == r && nw.order < lu && e.cost+pu == nw.pot {
					break
				}
			}
			if srcCur == len(src) {
				sv.path = path
				return pushed, nil
			}
			path = append(path, src[srcCur])
			u = arcs[src[srcCur]].to
			continue
		}
		end := first[u+1]
		a := nu.cur
		for ; a < end; a++ {
			e := &arcs[a]
			if e.cap == 0 {
				continue
			}
			nw := &nodes[e.to]
			if nw.mark == r && nw.order < lu && e.cost+pu == nw.pot {
				break
			}
		}
		nu.cur = a
		if a < end {
			path = append(path, a)
			u = arcs[a].to
			continue
		}
		// Dead end: drop u from the level graph and back up one arc.
		nu.mark = 0
		last := path[len(path)-1]
		path = path[:len(path)-1]
		u = arcs[arcs[last].rev].to
		if u == sv.s {
			srcCur++
		} else {
			nodes[u].cur++
		}
	}
}
