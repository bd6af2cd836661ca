package match

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const smallDIMACS = `c a small problem
p min 4 5
n 1 4
n 4 -4
a 1 2 0 4 2
a 1 3 0 2 2
a 2 3 0 2 1
a 2 4 0 3 3
a 3 4 0 5 1
`

func TestSolveDIMACS(t *testing.T) {
	var out bytes.Buffer
	if err := SolveDIMACS(context.Background(), strings.NewReader(smallDIMACS), &out); err != nil {
		t.Fatal(err)
	}
	// Optimum 14: 2 units 1→3→4 (cost 3 each), 2 units 1→2→3→4 (4 each).
	want := "s 14\nf 1 2 2\nf 1 3 2\nf 2 3 2\nf 3 4 4\n"
	if out.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestDIMACSRoundTrip(t *testing.T) {
	in := generateInstance(3, 400)
	res := allocChecked(t, in)
	net := res.Solves[0].Network
	var buf bytes.Buffer
	if err := WriteDIMACS(&buf, net, "allocation\nseed 3"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "c allocation\nc seed 3\np min ") {
		t.Fatalf("header: %q", buf.String()[:40])
	}
	back, err := ReadDIMACS(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.NumNodes() != net.NumNodes() || back.NumArcs() != net.NumArcs() {
		t.Fatalf("read %d nodes %d arcs, wrote %d %d", back.NumNodes(), back.NumArcs(), net.NumNodes(), net.NumArcs())
	}
	for i := 0; i < net.NumArcs(); i++ {
		if back.Arc(i) != net.Arc(i) {
			t.Fatalf("arc %d: read %+v, wrote %+v", i, back.Arc(i), net.Arc(i))
		}
	}
	f, err := solveChecked(t, back)
	if err != nil {
		t.Fatal(err)
	}
	if f.Cost != res.Solves[0].Flow.Cost {
		t.Fatalf("cost after round trip %d, before %d", f.Cost, res.Solves[0].Flow.Cost)
	}
	var sol bytes.Buffer
	if err := WriteSolution(&sol, back, f); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(sol.String()), "\n")
	nonzero := 0
	for _, x := range f.Arc {
		if x != 0 {
			nonzero++
		}
	}
	if len(lines) != nonzero+1 || !strings.HasPrefix(lines[0], "s ") {
		t.Fatalf("solution has %d lines for %d non-zero arcs", len(lines), nonzero)
	}
}

func TestDIMACSLowerBoundsAndNegativeCosts(t *testing.T) {
	src := `p min 3 3
n 1 3
n 3 -3
a 1 2 2 3 5
a 2 3 0 3 -4
a 1 3 0 3 0
`
	net, err := ReadDIMACS(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	f, err := solveChecked(t, net)
	if err != nil {
		t.Fatal(err)
	}
	// Through node 2 costs 1 a unit, so only the 2 units the lower bound forces go that way.
	if want, _ := bruteMinCost(net); f.Cost != want || f.Cost != 2 {
		t.Fatalf("cost %d, brute force %d, want 2", f.Cost, want)
	}
}

func TestReadDIMACSErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"short arc", "p min 3 1\nc\nc\nc\nc\nc\na 1 2 0\n", "line 7: arc needs 5 fields, got 3"},
		{"no problem line", "a 1 2 0 1 1\n", "line 1: arc line before the problem line"},
		{"bad type", "p max 3 1\n", "line 1: problem type \"max\""},
		{"bad node count", "p min x 1\n", "line 1: bad node count"},
		{"too many nodes", "p min 99999999999 1\n", "line 1: 99999999999 nodes, at most"},
		{"node out of range", "p min 2 1\na 1 3 0 1 1\n", "line 2: arc head: node 3 out of range 1..2"},
		{"node zero", "p min 2 0\nn 0 5\n", "line 2: node 0 out of range"},
		{"bad number", "p min 2 1\na 1 2 0 x 1\n", "line 2: bad capacity \"x\""},
		{"negative lower bound", "p min 2 1\na 1 2 -1 1 1\n", "line 2: negative lower bound"},
		{"capacity below lower bound", "p min 2 1\na 1 2 3 1 1\n", "line 2: capacity 1 below lower bound 3"},
		{"duplicate node", "p min 2 0\nn 1 1\nn 1 2\n", "line 3: node 1 already given on line 2"},
		{"unknown line", "p min 2 0\nx\n", "line 2: unknown line type \"x\""},
		{"second problem", "p min 2 0\np min 2 0\n", "line 2: second problem line"},
		{"arc count", "p min 2 2\na 1 2 0 1 1\n", "problem line says 2 arcs, file has 1"},
		{"empty", "c nothing\n", "no problem line"},
		{"huge cost", "p min 2 1\na 1 2 0 1 9999999999999999\n", "line 2: match: arc 0: cost"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadDIMACS(strings.NewReader(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestSolveDIMACSInfeasible(t *testing.T) {
	for _, src := range []string{
		"p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 3 1\n", // not enough capacity
		"p min 2 1\nn 1 5\na 1 2 0 9 1\n",         // supplies do not balance
		"p min 3 1\nn 1 1\nn 3 -1\na 1 2 0 9 1\n", // no path
	} {
		err := SolveDIMACS(context.Background(), strings.NewReader(src), &bytes.Buffer{})
		if !errors.Is(err, ErrInfeasible) {
			t.Fatalf("%q: got %v, want ErrInfeasible", src, err)
		}
	}
}

// FuzzReadDIMACS checks that no input makes the reader or solver panic and
// that every solution found carries a valid certificate.
func FuzzReadDIMACS(f *testing.F) {
	f.Add(smallDIMACS)
	f.Add("p min 3 3\nn 1 3\nn 3 -3\na 1 2 2 3 5\na 2 3 0 3 -4\na 1 3 0 3 0\n")
	f.Add("p min 2 1\na 1 1 0 5 -3\n")
	f.Fuzz(func(t *testing.T, src string) {
		net, err := ReadDIMACS(strings.NewReader(src))
		if err != nil || net.NumNodes() > 1000 || net.NumArcs() > 1000 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		fl, err := net.Solve(ctx)
		if err != nil {
			return
		}
		if err := fl.CheckCertificate(net); err != nil {
			t.Fatalf("certificate: %v\n%s", err, src)
		}
	})
}
