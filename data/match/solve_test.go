package match

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// solveChecked solves net and fails the test unless the certificate holds.
func solveChecked(t testing.TB, net *Network) (*Flow, error) {
	t.Helper()
	f, err := net.Solve(context.Background())
	if err != nil {
		return nil, err
	}
	if cerr := f.CheckCertificate(net); cerr != nil {
		t.Fatalf("certificate: %v", cerr)
	}
	return f, nil
}

// bruteMinCost enumerates every integral flow of a tiny network.
func bruteMinCost(net *Network) (best int64, feasible bool) {
	m := net.NumArcs()
	flow := make([]int64, m)
	bal := make([]int64, net.NumNodes())
	var rec func(i int, cost int64)
	rec = func(i int, cost int64) {
		if i == m {
			for v := range bal {
				if bal[v] != net.Supply(v) {
					return
				}
			}
			if !feasible || cost < best {
				best, feasible = cost, true
			}
			return
		}
		a := net.Arc(i)
		for x := a.Low; x <= a.Cap; x++ {
			flow[i] = x
			bal[a.From] += x
			bal[a.To] -= x
			rec(i+1, cost+x*a.Cost)
			bal[a.From] -= x
			bal[a.To] += x
		}
	}
	rec(0, 0)
	return best, feasible
}

func randomTinyNetwork(r *rand.Rand) *Network {
	n := 2 + r.IntN(4)
	net := NewNetwork(n)
	m := 1 + r.IntN(6)
	for i := 0; i < m; i++ {
		c := int64(r.IntN(4))
		low := int64(0)
		if r.IntN(4) == 0 {
			low = int64(r.IntN(int(c) + 1))
		}
		net.AddArcBounds(r.IntN(n), r.IntN(n), low, c, int64(r.IntN(16)-5))
	}
	// Balanced supplies.
	var sum int64
	for v := 0; v < n-1; v++ {
		s := int64(r.IntN(5) - 2)
		net.SetSupply(v, s)
		sum += s
	}
	net.SetSupply(n-1, -sum)
	return net
}

func TestSolveMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	feasibleSeen := 0
	for iter := 0; iter < 3000; iter++ {
		net := randomTinyNetwork(r)
		want, ok := bruteMinCost(net)
		f, err := solveChecked(t, net)
		if !ok {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("iter %d: brute force says infeasible, Solve gave %v", iter, err)
			}
			continue
		}
		feasibleSeen++
		if err != nil {
			t.Fatalf("iter %d: Solve: %v (brute force cost %d)", iter, err, want)
		}
		if f.Cost != want {
			t.Fatalf("iter %d: cost %d, brute force %d", iter, f.Cost, want)
		}
	}
	if feasibleSeen < 500 {
		t.Fatalf("only %d feasible random instances; generator too tight", feasibleSeen)
	}
}

func TestSolveLargeCosts(t *testing.T) {
	// Costs far beyond the bucket window go through the heap.
	net := NewNetwork(4)
	net.AddArc(0, 1, 5, 1_000_000_000)
	net.AddArc(0, 2, 5, 3)
	net.AddArc(1, 3, 5, 0)
	net.AddArc(2, 3, 2, 7_000_000_000)
	net.AddArc(2, 1, 5, 1)
	net.SetSupply(0, 6)
	net.SetSupply(3, -6)
	f, err := solveChecked(t, net)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := bruteMinCost(net)
	if f.Cost != want {
		t.Fatalf("cost %d, want %d", f.Cost, want)
	}
}

func TestNetworkErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func() *Network
		want  string
	}{
		{"negative nodes", func() *Network { return NewNetwork(-1) }, "node count"},
		{"bad tail", func() *Network { n := NewNetwork(2); n.AddArc(2, 0, 1, 1); return n }, "tail node 2"},
		{"bad head", func() *Network { n := NewNetwork(2); n.AddArc(0, -1, 1, 1); return n }, "head node -1"},
		{"negative capacity", func() *Network { n := NewNetwork(2); n.AddArc(0, 1, -1, 1); return n }, "capacity -1"},
		{"low above cap", func() *Network { n := NewNetwork(2); n.AddArcBounds(0, 1, 3, 2, 1); return n }, "below lower bound"},
		{"huge cost", func() *Network { n := NewNetwork(2); n.AddArc(0, 1, 1, 1<<60); return n }, "too large"},
		{"bad supply node", func() *Network { n := NewNetwork(2); n.SetSupply(5, 1); return n }, "supply for node 5"},
		{"unbalanced", func() *Network { n := NewNetwork(2); n.SetSupply(0, 1); return n }, "sum to 1"},
		{"unroutable", func() *Network {
			n := NewNetwork(3)
			n.AddArc(0, 1, 1, 1)
			n.SetSupply(0, 2)
			n.SetSupply(1, -2)
			return n
		}, "no feasible flow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.build().Solve(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestSolveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	net := NewNetwork(2)
	net.AddArc(0, 1, 1, 1)
	net.SetSupply(0, 1)
	net.SetSupply(1, -1)
	if _, err := net.Solve(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestCheckCertificateRejects(t *testing.T) {
	net := NewNetwork(3)
	net.AddArc(0, 1, 2, 1)
	net.AddArc(0, 2, 2, 5)
	net.AddArc(2, 1, 2, 0)
	net.SetSupply(0, 2)
	net.SetSupply(1, -2)
	f, err := solveChecked(t, net)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		mutate func(f *Flow)
		want   string
	}{
		{"suboptimal", func(f *Flow) { f.Arc = []int64{0, 2, 2}; f.Cost = 10 }, "reduced cost"},
		{"not conserved", func(f *Flow) { f.Arc[0] = 1 }, "net units"},
		{"over capacity", func(f *Flow) { f.Arc[0] = 3 }, "outside"},
		{"wrong cost", func(f *Flow) { f.Cost++ }, "cost is"},
		{"short", func(f *Flow) { f.Potential = f.Potential[:1] }, "potentials"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &Flow{Arc: append([]int64(nil), f.Arc...), Cost: f.Cost, Potential: append([]int64(nil), f.Potential...)}
			tc.mutate(g)
			if err := g.CheckCertificate(net); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
}
