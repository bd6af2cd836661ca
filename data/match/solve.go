package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// Flow is an optimal solution of a Network together with its proof.
type Flow struct {
	// Arc holds the flow on each arc, indexed by arc id.
	Arc []int64
	// Cost is the total cost Σ Arc[i]·cost(i).
	Cost int64
	// Potential holds one potential per node. It certifies optimality: for
	// every arc u→v, the reduced cost cost + Potential[u] − Potential[v] is
	// ≥ 0 if the arc could carry more flow and ≤ 0 if it could carry less.
	// In other words no residual arc has negative reduced cost, so no
	// negative cycle exists and no cheaper flow does. See CheckCertificate.
	Potential []int64
	// Phases is the number of network simplex pivots the solver used (a
	// measure of its work; earlier versions counted shortest-path phases).
	Phases int
}

// Solve computes a minimum-cost flow that meets every supply and demand.
//
// The method is the primal network simplex with block-search pricing (see
// the package doc for why, and simplex.go). Lower bounds are removed by
// starting each arc at its bound; negative costs need no transformation.
// The final spanning tree gives the potentials: every tree arc has reduced
// cost 0 and no arc outside it can improve, which is the optimality
// certificate. Potentials stay below (|cost|+1)·(nodes+1) plus a path's
// length, so they fit in int64 whenever |cost|·nodes < 2^60, which Solve
// checks.
//
// Solve returns an error wrapping ErrInfeasible when supplies do not balance
// or cannot be routed, and ctx.Err() if ctx is cancelled during the solve.
func (net *Network) Solve(ctx context.Context) (*Flow, error) {
	if net.err != nil {
		return nil, net.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
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
	// Potentials are bounded by the artificial cost plus a path length.
	if maxAbs > 0 && int64(n+2) > (int64(1)<<60)/maxAbs {
		return nil, fmt.Errorf("match: costs up to %d are too large for %d nodes", maxAbs, n)
	}
	if n == 0 {
		return &Flow{Arc: make([]int64, m), Potential: []int64{}}, nil
	}

	// Arcs go to the positions mixArcs gives them, nodes are renumbered in
	// the order pricing meets them (see renumber). Each arc starts at its
	// lower bound: capacity cap − low, and the bound moves supply from its
	// tail to its head.
	pos := mixArcs(m, n)
	id := renumber(net.tail, net.head, pos, n)
	supply := make([]int64, n)
	for v, s := range net.supply {
		supply[id[v]] = s
	}
	arcs := make([]nsArc, m, m+n) // room for the artificial arcs
	caps := make([]int64, m, m+n)
	for i := 0; i < m; i++ {
		u, v, low := id[net.tail[i]], id[net.head[i]], net.low[i]
		var ok1, ok2 bool
		supply[u], ok1 = addChecked(supply[u], -low)
		supply[v], ok2 = addChecked(supply[v], low)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("match: arc %d: bounds overflow int64", i)
		}
		arcs[pos[i]] = nsArc{src: u, tgt: v, cost: net.cost[i]}
		caps[pos[i]] = net.cap[i] - low
	}
	var total int64
	for _, s := range supply {
		if s > 0 {
			var ok bool
			if total, ok = addChecked(total, s); !ok {
				return nil, errors.New("match: total supply overflows int64")
			}
		} else if s == math.MinInt64 {
			return nil, errors.New("match: demand overflows int64")
		}
	}
	// An artificial arc costs more than any simple path of real arcs, so
	// the artificial arcs empty whenever a feasible flow exists.
	art := (maxAbs + 1) * int64(n+1)
	ns := newSimplex(n, arcs, caps, supply, art)
	if err := ns.initialPivots(ctx, supply); err != nil {
		return nil, err
	}
	feasible, err := ns.run(ctx)
	if err != nil {
		return nil, err
	}
	if !feasible {
		var stuck int64
		for e := m; e < len(ns.flow); e++ {
			if ns.arcs[e].src != ns.root {
				stuck += ns.flow[e]
			}
		}
		return nil, fmt.Errorf("%w: only %d of %d units of supply can reach a demand", ErrInfeasible, total-stuck, total)
	}

	f := &Flow{Arc: make([]int64, m), Potential: make([]int64, n), Phases: ns.pivots}
	pot := ns.potentials()
	for v := range f.Potential {
		f.Potential[v] = pot[id[v]]
	}
	for i := 0; i < m; i++ {
		f.Arc[i] = net.low[i] + ns.flow[pos[i]]
	}
	cost, ok := flowCost(net, f.Arc)
	if !ok {
		return nil, errors.New("match: total cost overflows int64")
	}
	f.Cost = cost
	return f, nil
}

// mixArcs returns the position of each arc in the solver: arcs are dealt
// out with a stride of max(m/n, 3), as LEMON does, so that each block the
// pricing scans samples the whole network rather than the arcs of a few
// neighbouring nodes (which, in an allocation network, all compete for
// the same offers).
func mixArcs(m, n int) []int32 {
	pos := make([]int32, m)
	skip := max(m/max(n, 1), 3)
	i, j := 0, 0
	for a := m - 1; a >= 0; a-- {
		pos[a] = int32(i)
		if i += skip; i >= m {
			j++
			i = j
		}
	}
	return pos
}

// renumber returns the solver's id of each node: nodes are numbered in the
// order the pricing scan meets them as tails and heads of the arcs placed
// by pos. Pricing reads the potentials of both ends of every arc it scans;
// numbered this way the tails it reads lie one after another in memory
// instead of all over it (measured: the scan had stalled on those loads).
func renumber(tail, head []int32, pos []int32, n int) []int32 {
	at := make([]int32, len(pos)) // arc at each position
	for a, p := range pos {
		at[p] = int32(a)
	}
	id := make([]int32, n)
	for v := range id {
		id[v] = -1
	}
	next := int32(0)
	for _, a := range at {
		if u := tail[a]; id[u] < 0 {
			id[u] = next
			next++
		}
		if v := head[a]; id[v] < 0 {
			id[v] = next
			next++
		}
	}
	for v := range id {
		if id[v] < 0 {
			id[v] = next
			next++
		}
	}
	return id
}

// addChecked returns a+b and whether it did not overflow.
func addChecked(a, b int64) (int64, bool) {
	c := a + b
	return c, (c > a) == (b > 0)
}

// mulChecked returns a·b and whether it did not overflow.
func mulChecked(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > math.MaxInt64 {
		if neg && hi == 0 && lo == 1<<63 {
			return math.MinInt64, true
		}
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

// flowCost returns Σ flow·cost, and false on overflow.
func flowCost(net *Network, flow []int64) (int64, bool) {
	var total int64
	for i, f := range flow {
		c, ok := mulChecked(f, net.cost[i])
		if !ok {
			return 0, false
		}
		if total, ok = addChecked(total, c); !ok {
			return 0, false
		}
	}
	return total, true
}
