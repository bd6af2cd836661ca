package stats

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func members(ids ...int) []string {
	var out []string
	for _, i := range ids {
		out = append(out, fmt.Sprint("m", i))
	}
	return out
}

func span(from, to int) []string {
	var ids []int
	for i := from; i <= to; i++ {
		ids = append(ids, i)
	}
	return members(ids...)
}

func TestSuppressSetsByHand(t *testing.T) {
	cases := []struct {
		name  string
		cells []SetCell
		want  []bool
	}{
		{"four contribute", []SetCell{{Members: span(1, 4)}}, []bool{true}},
		{"five contribute", []SetCell{{Members: span(1, 5)}}, []bool{false}},
		// Six in the network, five of them in a band: the band's median
		// against the network's would give the sixth away; the band goes.
		{"network and a band one short", []SetCell{{Members: span(1, 6), Keep: 2}, {Members: span(1, 5), Keep: 1}}, []bool{false, true}},
		{"same members", []SetCell{{Members: span(1, 6), Keep: 2}, {Members: span(1, 6), Keep: 1}}, []bool{false, false}},
		{"ten and five", []SetCell{{Members: span(1, 10), Keep: 2}, {Members: span(1, 5), Keep: 1}}, []bool{false, false}},
		// Two years: one member joined. The later (listed first) stays.
		{"years one apart", []SetCell{{Members: span(1, 8), Keep: 2}, {Members: span(1, 7), Keep: 2}}, []bool{false, true}},
		// Swapped one member each way: differs by 1 on both sides.
		{"one swapped", []SetCell{{Members: span(1, 6), Keep: 2}, {Members: span(2, 7), Keep: 2}}, []bool{false, true}},
		{"a hidden cell protects nothing it need not", []SetCell{{Members: span(1, 12), Keep: 2}, {Members: span(1, 3), Keep: 1}, {Members: span(1, 6), Keep: 1}}, []bool{false, true, false}},
	}
	for _, c := range cases {
		got := SuppressSets(c.cells)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: hidden %v, want %v", c.name, got, c.want)
		}
	}
}

// checkNoSmallDifference tries every pair of shown cells.
func checkNoSmallDifference(t *testing.T, cells []SetCell, hidden []bool) {
	t.Helper()
	set := func(ms []string) map[string]bool {
		out := map[string]bool{}
		for _, m := range ms {
			out[m] = true
		}
		return out
	}
	for i := range cells {
		if !hidden[i] && len(set(cells[i].Members)) < MinGroup {
			t.Fatalf("cell %d shown with %d members", i, len(cells[i].Members))
		}
		for j := i + 1; j < len(cells); j++ {
			if hidden[i] || hidden[j] {
				continue
			}
			a, b := set(cells[i].Members), set(cells[j].Members)
			if d1, d2 := missing(a, b), missing(b, a); small(d1) || small(d2) {
				t.Fatalf("cells %d and %d shown but differ by %d and %d members", i, j, d1, d2)
			}
		}
	}
}

// Random families of sets, like a network's years, bands and sectors:
// every pair of shown cells is tried.
func TestSuppressSetsEveryDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 2026))
	for round := 0; round < 300; round++ {
		n := 3 + r.IntN(25)
		var cells []SetCell
		for c := 0; c < 2+r.IntN(12); c++ {
			var ms []string
			p := r.Float64()
			for m := 0; m < n; m++ {
				if r.Float64() < p {
					ms = append(ms, fmt.Sprint("m", m))
				}
			}
			cells = append(cells, SetCell{Members: ms, Keep: r.IntN(3)})
		}
		hidden := SuppressSets(cells)
		checkNoSmallDifference(t, cells, hidden)
		// Hiding is not overdone: a shown cell is never hidden for no reason.
		for i := range cells {
			if hidden[i] && len(cells[i].Members) >= MinGroup {
				reason := false
				for j := range cells {
					if j != i && !hidden[j] {
						a, b := map[string]bool{}, map[string]bool{}
						for _, m := range cells[i].Members {
							a[m] = true
						}
						for _, m := range cells[j].Members {
							b[m] = true
						}
						reason = reason || SmallDifference(a, b)
					}
				}
				if !reason {
					t.Fatalf("round %d: cell %d hidden with no shown cell a small difference away", round, i)
				}
			}
		}
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5}
	for p, want := range map[float64]float64{0.25: 2, 0.5: 3, 0.75: 4} {
		if got := quantile(xs, p); got != want {
			t.Errorf("quantile %v = %v, want %v", p, got, want)
		}
	}
	if got := quantile([]float64{10, 20, 30, 40, 50, 60}, 0.5); got != 35 {
		t.Errorf("median of six = %v", got)
	}
}
