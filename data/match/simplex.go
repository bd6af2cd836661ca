package match

import (
	"context"
	"math"
	"slices"
)

// The network simplex below follows LEMON 1.3.1's NetworkSimplex
// (lemon/network_simplex.h, Boost Software License 1.0; Kovács, "Minimum-
// cost flow algorithms: an experimental evaluation", 2015): a spanning tree
// stored as parent/thread lists with subtree sizes, an artificial root
// joined to every node, and block-search pricing. The data layout is ours:
// what pricing reads of an arc sits in one struct, and the tree fields of a
// node in another.

// Arc states: a tree arc, or a non-tree arc at its lower or upper bound.
// The sign makes state·(reduced cost) < 0 exactly for arcs that improve.
const (
	stateUpper int8 = -1
	stateTree  int8 = 0
	stateLower int8 = 1
)

// blockSizeFactor sets the block of arcs pricing scans: factor·√arcs.
// LEMON uses 1; on the allocation shapes 0.2 gives ~30 % more pivots but
// each scans a fifth of the arcs, and measured ~1.3× faster (see README).
const blockSizeFactor = 0.2

// Direction of a node's tree arc: up (node → parent) or down.
const (
	dirUp   int8 = 1
	dirDown int8 = -1
)

// nsArc is what pricing reads of an arc.
type nsArc struct {
	cost     int64
	src, tgt int32
	state    int8
}

// nsNode is the tree data of a node, with its potential: pricing reads
// the potential, and updatePotential walks the thread and writes it, so
// both touch one cache line a node.
type nsNode struct {
	pi           int64 // potential
	parent, pred int32 // parent node, and the tree arc joining them
	thread, rev  int32 // preorder successor and predecessor
	succNum      int32 // nodes in the subtree
	lastSucc     int32 // last node of the subtree in preorder
	dir          int8  // direction of pred
}

// simplex is one run of the network simplex on arcs with lower bound 0.
type simplex struct {
	nodeNum, arcNum int // real nodes and arcs; the root is node nodeNum
	searchArcNum    int // arcs pricing may choose (the real ones)
	arcs            []nsArc
	flow, cap       []int64
	nd              []nsNode
	root            int32
	dirty           []int32
	pivots          int

	// the current pivot
	inArc, join, uIn, vIn, uOut int32
	delta                       int64

	// block search
	blockSize, nextArc int
}

// newSimplex sets up the initial tree: every node hangs off the artificial
// root by an artificial arc carrying its supply (cost 0 for supplies,
// art for demands), as LEMON does for equality constraints.
func newSimplex(n int, arcs []nsArc, cap []int64, supply []int64, art int64) *simplex {
	m := len(arcs)
	ns := &simplex{nodeNum: n, arcNum: m, searchArcNum: m, root: int32(n)}
	all := m + n
	// The caller leaves room for the artificial arcs; grow if it did not.
	ns.arcs = slices.Grow(arcs, n)[:all]
	ns.cap = slices.Grow(cap, n)[:all]
	ns.flow = make([]int64, all)
	ns.nd = make([]nsNode, n+1)
	for i := 0; i < m; i++ {
		ns.arcs[i].state = stateLower
	}
	r := ns.root
	ns.nd[r] = nsNode{parent: -1, pred: -1, thread: 0, succNum: int32(n + 1), lastSucc: r - 1}
	ns.nd[0].rev = r
	for u := 0; u < n; u++ {
		e := m + u
		x := &ns.nd[u]
		x.parent, x.pred = r, int32(e)
		x.thread = int32(u + 1)
		ns.nd[u+1].rev = int32(u)
		x.succNum, x.lastSucc = 1, int32(u)
		ns.cap[e] = math.MaxInt64
		if supply[u] >= 0 {
			x.dir = dirUp
			ns.arcs[e] = nsArc{src: int32(u), tgt: r, cost: 0, state: stateTree}
			ns.flow[e] = supply[u]
		} else {
			x.dir = dirDown
			x.pi = art
			ns.arcs[e] = nsArc{src: r, tgt: int32(u), cost: art, state: stateTree}
			ns.flow[e] = -supply[u]
		}
	}
	if n == 0 {
		ns.nd[r].thread = r
		ns.nd[r].rev = r
	}
	ns.blockSize = max(int(blockSizeFactor*math.Sqrt(float64(m))), 10)
	return ns
}

// initialPivots pivots in, before any pricing scan, every arc into a node
// with demand that improves. In an allocation network these are the
// offer → sink arcs: the offers then hang under the sink at once instead of
// being found one block at a time. (LEMON does this for the cheapest such
// arc of each demand node; all of them measured ~15 % fewer pivots.)
// These are ordinary pivots, so correctness does not depend on the shape.
func (ns *simplex) initialPivots(ctx context.Context, supply []int64) error {
	for e := 0; e < ns.arcNum; e++ {
		if e&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		a := &ns.arcs[e]
		if supply[a.tgt] >= 0 || a.src == a.tgt {
			continue
		}
		if int64(a.state)*(a.cost+ns.nd[a.src].pi-ns.nd[a.tgt].pi) < 0 {
			ns.inArc = int32(e)
			ns.pivot()
		}
	}
	return nil
}

// pivot brings ns.inArc into the tree.
func (ns *simplex) pivot() {
	ns.pivots++
	ns.findJoinNode()
	change := ns.findLeavingArc()
	ns.changeFlow(change)
	if change {
		ns.updateTreeStructure()
		ns.updatePotential()
	}
}

// run pivots until no arc improves. It returns false if some artificial
// arc still carries flow: then no feasible flow exists.
func (ns *simplex) run(ctx context.Context) (bool, error) {
	for ns.findEnteringArc() {
		if ns.pivots&0xfff == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		ns.pivot()
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	for e := ns.arcNum; e < len(ns.arcs); e++ {
		if ns.flow[e] != 0 {
			return false, nil
		}
	}
	return true, nil
}

// findEnteringArc is block search: scan blocks of arcs round-robin from
// where the last search stopped and take the most violating arc of the
// first block that has one.
func (ns *simplex) findEnteringArc() bool {
	arcs, nd := ns.arcs[:ns.searchArcNum], ns.nd
	var min int64
	cnt := ns.blockSize
	e := ns.nextArc
	best := -1
	for ; e < len(arcs); e++ {
		a := &arcs[e]
		c := int64(a.state) * (a.cost + nd[a.src].pi - nd[a.tgt].pi)
		if c < min {
			min, best = c, e
		}
		cnt--
		if cnt == 0 {
			if min < 0 {
				goto found
			}
			cnt = ns.blockSize
		}
	}
	for e = 0; e < ns.nextArc; e++ {
		a := &arcs[e]
		c := int64(a.state) * (a.cost + nd[a.src].pi - nd[a.tgt].pi)
		if c < min {
			min, best = c, e
		}
		cnt--
		if cnt == 0 {
			if min < 0 {
				goto found
			}
			cnt = ns.blockSize
		}
	}
	if min >= 0 {
		return false
	}
found:
	ns.nextArc = e
	ns.inArc = int32(best)
	return true
}

// findJoinNode finds the apex of the cycle the entering arc closes.
func (ns *simplex) findJoinNode() {
	a := &ns.arcs[ns.inArc]
	u, v := a.src, a.tgt
	nd := ns.nd
	for u != v {
		if nd[u].succNum < nd[v].succNum {
			u = nd[u].parent
		} else {
			v = nd[v].parent
		}
	}
	ns.join = u
}

// findLeavingArc finds the blocking arc of the cycle (the last one met
// from the apex in the cycle's direction, which keeps the tree strongly
// feasible), and reports whether it is not the entering arc.
func (ns *simplex) findLeavingArc() bool {
	a := &ns.arcs[ns.inArc]
	first, second := a.src, a.tgt
	if a.state != stateLower {
		first, second = second, first
	}
	nd, flow, cp := ns.nd, ns.flow, ns.cap
	delta := cp[ns.inArc]
	result := 0
	for u := first; u != ns.join; u = nd[u].parent {
		x := &nd[u]
		e := x.pred
		d := flow[e]
		if x.dir == dirDown {
			d = cp[e] - d
		}
		if d < delta {
			delta, ns.uOut, result = d, u, 1
		}
	}
	for u := second; u != ns.join; u = nd[u].parent {
		x := &nd[u]
		e := x.pred
		d := flow[e]
		if x.dir == dirUp {
			d = cp[e] - d
		}
		if d <= delta {
			delta, ns.uOut, result = d, u, 2
		}
	}
	if result == 1 {
		ns.uIn, ns.vIn = first, second
	} else {
		ns.uIn, ns.vIn = second, first
	}
	ns.delta = delta
	return result != 0
}

// changeFlow pushes delta around the cycle and updates the states of the
// entering and leaving arcs.
func (ns *simplex) changeFlow(change bool) {
	in := &ns.arcs[ns.inArc]
	nd, flow := ns.nd, ns.flow
	if ns.delta > 0 {
		val := int64(in.state) * ns.delta
		flow[ns.inArc] += val
		for u := in.src; u != ns.join; u = nd[u].parent {
			flow[nd[u].pred] -= int64(nd[u].dir) * val
		}
		for u := in.tgt; u != ns.join; u = nd[u].parent {
			flow[nd[u].pred] += int64(nd[u].dir) * val
		}
	}
	if change {
		in.state = stateTree
		out := nd[ns.uOut].pred
		if flow[out] == 0 {
			ns.arcs[out].state = stateLower
		} else {
			ns.arcs[out].state = stateUpper
		}
	} else {
		in.state = -in.state
	}
}

// updateTreeStructure replaces the leaving arc by the entering one: the
// subtree under the leaving arc is re-hung below vIn, reversing the stem
// from uIn up to uOut, and the thread, subtree sizes and last successors
// are patched along the way.
func (ns *simplex) updateTreeStructure() {
	nd := ns.nd
	uIn, vIn, uOut, join := ns.uIn, ns.vIn, ns.uOut, ns.join
	oldRevThread := nd[uOut].rev
	oldSuccNum := nd[uOut].succNum
	oldLastSucc := nd[uOut].lastSucc
	vOut := nd[uOut].parent

	if uIn == uOut {
		nd[uIn].parent = vIn
		nd[uIn].pred = ns.inArc
		nd[uIn].dir = dirDown
		if uIn == ns.arcs[ns.inArc].src {
			nd[uIn].dir = dirUp
		}
		if nd[vIn].thread != uOut {
			after := nd[oldLastSucc].thread
			nd[oldRevThread].thread = after
			nd[after].rev = oldRevThread
			after = nd[vIn].thread
			nd[vIn].thread = uOut
			nd[uOut].rev = vIn
			nd[oldLastSucc].thread = after
			nd[after].rev = oldLastSucc
		}
	} else {
		threadContinue := nd[vIn].thread
		if oldRevThread == vIn {
			threadContinue = nd[oldLastSucc].thread
		}
		stem, parStem := uIn, vIn
		last := nd[uIn].lastSucc
		after := nd[last].thread
		nd[vIn].thread = uIn
		dirty := append(ns.dirty[:0], vIn)
		for stem != uOut {
			nextStem := nd[stem].parent
			nd[last].thread = nextStem
			dirty = append(dirty, last)
			before := nd[stem].rev
			nd[before].thread = after
			nd[after].rev = before
			nd[stem].parent = parStem
			parStem = stem
			stem = nextStem
			if nd[stem].lastSucc == nd[parStem].lastSucc {
				last = nd[parStem].rev
			} else {
				last = nd[stem].lastSucc
			}
			after = nd[last].thread
		}
		nd[uOut].parent = parStem
		nd[last].thread = threadContinue
		nd[threadContinue].rev = last
		nd[uOut].lastSucc = last
		if oldRevThread != vIn {
			nd[oldRevThread].thread = after
			nd[after].rev = oldRevThread
		}
		for _, u := range dirty {
			nd[nd[u].thread].rev = u
		}
		ns.dirty = dirty

		var tmpSC int32
		tmpLS := nd[uOut].lastSucc
		for u, p := uOut, nd[uOut].parent; u != uIn; u, p = p, nd[p].parent {
			nd[u].pred = nd[p].pred
			nd[u].dir = -nd[p].dir
			tmpSC += nd[u].succNum - nd[p].succNum
			nd[u].succNum = tmpSC
			nd[p].lastSucc = tmpLS
		}
		nd[uIn].pred = ns.inArc
		nd[uIn].dir = dirDown
		if uIn == ns.arcs[ns.inArc].src {
			nd[uIn].dir = dirUp
		}
		nd[uIn].succNum = oldSuccNum
	}

	upLimitOut := int32(-1)
	if nd[join].lastSucc == vIn {
		upLimitOut = join
	}
	lastSuccOut := nd[uOut].lastSucc
	for u := vIn; u != -1 && nd[u].lastSucc == vIn; u = nd[u].parent {
		nd[u].lastSucc = lastSuccOut
	}
	if join != oldRevThread && vIn != oldRevThread {
		for u := vOut; u != upLimitOut && nd[u].lastSucc == oldLastSucc; u = nd[u].parent {
			nd[u].lastSucc = oldRevThread
		}
	} else if lastSuccOut != oldLastSucc {
		for u := vOut; u != upLimitOut && nd[u].lastSucc == oldLastSucc; u = nd[u].parent {
			nd[u].lastSucc = lastSuccOut
		}
	}
	for u := vIn; u != join; u = nd[u].parent {
		nd[u].succNum += oldSuccNum
	}
	for u := vOut; u != join; u = nd[u].parent {
		nd[u].succNum -= oldSuccNum
	}
}

// updatePotential shifts potentials so that the entering arc gets reduced
// cost 0: those of the re-hung subtree by sigma, or, when the subtree
// holds more than half of the nodes, those of all the other nodes by
// −sigma, which changes no reduced cost either and walks fewer nodes.
// The root's potential then drifts from 0; potentials are normalised at
// the end (see potentials). Go's integer arithmetic wraps, so differences
// of potentials, the only thing ever used, stay exact meanwhile.
func (ns *simplex) updatePotential() {
	nd := ns.nd
	uIn, vIn := ns.uIn, ns.vIn
	sigma := nd[vIn].pi - nd[uIn].pi - int64(nd[uIn].dir)*ns.arcs[ns.inArc].cost
	end := nd[nd[uIn].lastSucc].thread
	if int(nd[uIn].succNum) <= (ns.nodeNum+1)/2 {
		for u := uIn; u != end; u = nd[u].thread {
			nd[u].pi += sigma
		}
		return
	}
	for u := end; u != uIn; u = nd[u].thread {
		nd[u].pi -= sigma
	}
}

// potentials returns the potentials of the real nodes, shifted so that the
// root's is 0 (as in LEMON).
func (ns *simplex) potentials() []int64 {
	p := make([]int64, ns.nodeNum)
	r := ns.nd[ns.root].pi
	for v := range p {
		p[v] = ns.nd[v].pi - r
	}
	return p
}
