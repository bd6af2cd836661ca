package match

import (
	"errors"
	"fmt"
	"math"
)

// ErrInfeasible is returned (wrapped with details) when no flow meets every
// node's supply and demand within the arc capacities.
var ErrInfeasible = errors.New("no feasible flow")

// maxNodes keeps node ids and the two helper nodes of Solve inside int32.
const maxNodes = math.MaxInt32 - 4

// maxCost bounds |cost| so that potentials, which are sums of costs along
// simple paths, cannot overflow int64 (see checkRanges).
const maxCost = 1 << 52

// Network is a min-cost flow problem: nodes 0..n-1 with supplies and arcs
// with lower bounds, capacities and costs. Build it with NewNetwork, AddArc
// and SetSupply, then call Solve.
//
// Building never panics: the first invalid call (bad node id, capacity below
// the lower bound, ...) is remembered, the call is ignored, and Err and Solve
// report it.
type Network struct {
	n      int
	tail   []int32
	head   []int32
	low    []int64
	cap    []int64
	cost   []int64
	supply []int64
	err    error
}

// NewNetwork returns an empty network with n nodes numbered 0..n-1.
// A negative or too large n gives a network whose Err is set.
func NewNetwork(n int) *Network {
	net := &Network{}
	if n < 0 || n > maxNodes {
		net.err = fmt.Errorf("match: node count %d out of range 0..%d", n, maxNodes)
		return net
	}
	net.n = n
	net.supply = make([]int64, n)
	return net
}

// newNetworkCap is NewNetwork with room for m arcs.
func newNetworkCap(n, m int) *Network {
	net := NewNetwork(n)
	net.tail, net.head = make([]int32, 0, m), make([]int32, 0, m)
	net.low, net.cap, net.cost = make([]int64, 0, m), make([]int64, 0, m), make([]int64, 0, m)
	return net
}

// Err returns the first error met while building the network, or nil.
func (net *Network) Err() error { return net.err }

// NumNodes returns the number of nodes.
func (net *Network) NumNodes() int { return net.n }

// NumArcs returns the number of arcs added so far.
func (net *Network) NumArcs() int { return len(net.tail) }

// Arc describes one arc of a Network: flow on it must lie in [Low, Cap] and
// costs Cost per unit.
type Arc struct {
	From, To       int
	Low, Cap, Cost int64
}

// Arc returns arc id. It returns the zero Arc for an unknown id.
func (net *Network) Arc(id int) Arc {
	if id < 0 || id >= len(net.tail) {
		return Arc{}
	}
	return Arc{int(net.tail[id]), int(net.head[id]), net.low[id], net.cap[id], net.cost[id]}
}

// Supply returns the supply of node v (negative for a demand), or 0 for an
// unknown node.
func (net *Network) Supply(v int) int64 {
	if v < 0 || v >= net.n {
		return 0
	}
	return net.supply[v]
}

// AddArc adds an arc from → to that may carry 0..capacity units at cost per
// unit, and returns its id (ids count from 0 in the order arcs are added).
// Costs may be negative. On invalid input it returns -1 and records the error.
func (net *Network) AddArc(from, to int, capacity, cost int64) int {
	return net.AddArcBounds(from, to, 0, capacity, cost)
}

// AddArcBounds is AddArc with a lower bound: the arc must carry at least low
// units (0 ≤ low ≤ capacity).
func (net *Network) AddArcBounds(from, to int, low, capacity, cost int64) int {
	if net.err != nil {
		return -1
	}
	switch {
	case from < 0 || from >= net.n:
		net.err = fmt.Errorf("match: arc %d: tail node %d out of range 0..%d", len(net.tail), from, net.n-1)
	case to < 0 || to >= net.n:
		net.err = fmt.Errorf("match: arc %d: head node %d out of range 0..%d", len(net.tail), to, net.n-1)
	case low < 0:
		net.err = fmt.Errorf("match: arc %d: negative lower bound %d", len(net.tail), low)
	case capacity < low:
		net.err = fmt.Errorf("match: arc %d: capacity %d below lower bound %d", len(net.tail), capacity, low)
	case cost > maxCost || cost < -maxCost:
		net.err = fmt.Errorf("match: arc %d: cost %d too large (limit ±2^52)", len(net.tail), cost)
	case len(net.tail) >= math.MaxInt32/2-4:
		net.err = errors.New("match: too many arcs")
	}
	if net.err != nil {
		return -1
	}
	net.tail = append(net.tail, int32(from))
	net.head = append(net.head, int32(to))
	net.low = append(net.low, low)
	net.cap = append(net.cap, capacity)
	net.cost = append(net.cost, cost)
	return len(net.tail) - 1
}

// SetSupply sets the supply of node v: positive for a supply, negative for a
// demand. An unknown node records an error.
func (net *Network) SetSupply(v int, s int64) {
	if net.err != nil {
		return
	}
	if v < 0 || v >= net.n {
		net.err = fmt.Errorf("match: supply for node %d out of range 0..%d", v, net.n-1)
		return
	}
	net.supply[v] = s
}
