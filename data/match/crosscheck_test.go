package match

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"techniqual/data/match/internal/shape"
)

// fromShape converts a generated instance into a Network.
func fromShape(g *shape.Network) *Network {
	net := newNetworkCap(g.Nodes, len(g.Arcs))
	for _, a := range g.Arcs {
		net.AddArc(int(a.From), int(a.To), a.Cap, a.Cost)
	}
	for v, s := range g.Supply {
		if s != 0 {
			net.SetSupply(v, s)
		}
	}
	return net
}

// crossCheck solves net with the network simplex and with the old
// successive-shortest-path solver (an independent method) and fails unless
// both certificates hold and the costs agree. It reports whether net was
// feasible.
func crossCheck(t *testing.T, name string, net *Network) bool {
	t.Helper()
	ns, nsErr := net.Solve(context.Background())
	ssp, sspErr := net.solveSSP(context.Background())
	if (nsErr == nil) != (sspErr == nil) {
		t.Fatalf("%s: network simplex error %v, shortest paths error %v", name, nsErr, sspErr)
	}
	if nsErr != nil {
		if !errors.Is(nsErr, ErrInfeasible) || !errors.Is(sspErr, ErrInfeasible) {
			t.Fatalf("%s: errors %v and %v, want both infeasible", name, nsErr, sspErr)
		}
		return false
	}
	if err := ns.CheckCertificate(net); err != nil {
		t.Fatalf("%s: network simplex certificate: %v", name, err)
	}
	if err := ssp.CheckCertificate(net); err != nil {
		t.Fatalf("%s: shortest paths certificate: %v", name, err)
	}
	if ns.Cost != ssp.Cost {
		t.Fatalf("%s: network simplex cost %d, shortest paths cost %d", name, ns.Cost, ssp.Cost)
	}
	return true
}

// TestSolveShapesMatchReference compares the solver with the reference on
// random instances of every benchmark shape, scaled down.
func TestSolveShapesMatchReference(t *testing.T) {
	for _, s := range shape.Standard() {
		for _, pupils := range []int{7, 60, 400, 1500} {
			for seed := uint64(1); seed <= 4; seed++ {
				sc := s
				sc.Pupils = pupils
				sc.Regions = min(s.Regions, max(1, pupils/40))
				if !crossCheck(t, fmt.Sprintf("%s scaled to %d pupils, seed %d", s.Name, pupils, seed), fromShape(shape.Generate(sc, seed))) {
					t.Fatalf("%s scaled to %d pupils, seed %d: infeasible, but every pupil can stay unplaced", s.Name, pupils, seed)
				}
			}
		}
	}
}

// TestSolveRandomMatchesReference compares the solver with the reference
// on random general networks: negative costs, lower bounds, parallel arcs,
// self-loops, transit nodes and infeasible ones.
func TestSolveRandomMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 16))
	feasible := 0
	for iter := 0; iter < 400; iter++ {
		n := 2 + r.IntN(40)
		net := NewNetwork(n)
		if r.IntN(4) != 0 { // a ring, so that most instances are feasible
			for v := 0; v < n; v++ {
				net.AddArc(v, (v+1)%n, 30, int64(r.IntN(100)-10))
			}
		}
		for i := 0; i < r.IntN(6*n); i++ {
			c := int64(r.IntN(20))
			low := int64(0)
			if r.IntN(5) == 0 {
				low = int64(r.IntN(int(c) + 1))
			}
			net.AddArcBounds(r.IntN(n), r.IntN(n), low, c, int64(r.IntN(200)-60))
		}
		var sum int64
		for v := 0; v < n-1; v++ {
			if r.IntN(3) == 0 {
				s := int64(r.IntN(21) - 10)
				net.SetSupply(v, s)
				sum += s
			}
		}
		net.SetSupply(n-1, -sum)
		if crossCheck(t, fmt.Sprintf("random network %d", iter), net) {
			feasible++
		}
	}
	if feasible < 100 {
		t.Fatalf("only %d of 400 random networks feasible; generator too tight", feasible)
	}
}
