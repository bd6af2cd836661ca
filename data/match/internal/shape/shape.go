// Package shape generates allocation-shaped min-cost flow instances for the
// benchmarks and cross-checks of package match: pupils with five ranked
// choices among offers of 1–15 seats, Zipf-like popularity inside each
// region, and the "unplaced" arc of the app's own network. The networks
// are plain data (no dependency on match), written as DIMACS by WriteDIMACS.
package shape

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Shape describes one family of instances.
type Shape struct {
	Name      string  // short label, e.g. "120k-40r"
	Pupils    int     // pupils in all
	Regions   int     // pupils only choose offers of their own region
	SeatRatio float64 // total seats ≈ SeatRatio × pupils
	MaxSeats  int     // seats an offer: 1..MaxSeats
	Choices   int     // ranked choices a pupil
}

// Standard lists the shapes of issue #16: 1–15 seats an offer, five
// choices, seats ≈ 1.07× or 2.1× pupils, one region or 40.
func Standard() []Shape {
	s := func(name string, pupils, regions int, ratio float64) Shape {
		return Shape{Name: name, Pupils: pupils, Regions: regions, SeatRatio: ratio, MaxSeats: 15, Choices: 5}
	}
	return []Shape{
		s("3k", 3_000, 1, 1.07),
		s("30k", 30_000, 1, 1.07),
		s("120k-40r", 120_000, 40, 1.07),
		s("120k", 120_000, 1, 1.07),
		s("120k-2.1x", 120_000, 1, 2.1),
	}
}

// Arc is one arc of a generated network (0-based nodes, lower bound 0).
type Arc struct {
	From, To  int32
	Cap, Cost int64
}

// Network is a generated min-cost flow instance.
type Network struct {
	Nodes  int
	Supply []int64
	Arcs   []Arc
}

// Generate builds the instance of shape s for seed. Nodes: pupils first
// (supply 1), then offers, then the unplaced node, then the sink (demand
// −pupils). Arcs: pupil → offer (capacity 1, cost rank², as the app's
// default convex costs), pupil → unplaced (capacity 1, cost 0), unplaced →
// sink (cost 16·pupils+1, so that placing one more pupil beats any change
// in ranks, as in the app), offer → sink (capacity = seats).
func Generate(s Shape, seed uint64) *Network {
	r := rand.New(rand.NewPCG(seed, 0x5ea7))
	regions := max(1, s.Regions)
	choices := max(1, s.Choices)
	maxSeats := max(1, s.MaxSeats)
	type region struct {
		first, count int // offers
		cum          []float64
		perm         []int
	}
	var seats []int64
	regs := make([]region, regions)
	pupilRegion := make([]int, s.Pupils)
	for k := range regs {
		lo, hi := k*s.Pupils/regions, (k+1)*s.Pupils/regions
		for p := lo; p < hi; p++ {
			pupilRegion[p] = k
		}
		want := int(math.Round(s.SeatRatio * float64(hi-lo)))
		rg := region{first: len(seats)}
		for total := 0; total < want; {
			c := 1 + r.IntN(maxSeats)
			seats = append(seats, int64(c))
			total += c
		}
		rg.count = len(seats) - rg.first
		rg.cum = make([]float64, rg.count)
		acc := 0.0
		for i := range rg.cum {
			acc += 1 / math.Pow(float64(i+1), 0.9)
			rg.cum[i] = acc
		}
		rg.perm = r.Perm(rg.count)
		regs[k] = rg
	}
	// Pupils appear in a random order, as in a file from elsewhere.
	order := r.Perm(s.Pupils)
	offer0 := int32(s.Pupils)
	unplaced := offer0 + int32(len(seats))
	sink := unplaced + 1
	net := &Network{Nodes: int(sink) + 1, Supply: make([]int64, int(sink)+1)}
	net.Arcs = make([]Arc, 0, s.Pupils*(choices+1)+len(seats)+1)
	picked := make([]int, 0, choices)
	for v, p := range order {
		rg := regs[pupilRegion[p]]
		net.Supply[v] = 1
		picked = picked[:0]
		for len(picked) < min(choices, rg.count) {
			k, _ := slices.BinarySearch(rg.cum, r.Float64()*rg.cum[len(rg.cum)-1])
			o := rg.first + rg.perm[min(k, rg.count-1)]
			if !slices.Contains(picked, o) {
				picked = append(picked, o)
			}
		}
		for rank, o := range picked {
			net.Arcs = append(net.Arcs, Arc{From: int32(v), To: offer0 + int32(o), Cap: 1, Cost: int64(rank * rank)})
		}
		net.Arcs = append(net.Arcs, Arc{From: int32(v), To: unplaced, Cap: 1})
	}
	net.Arcs = append(net.Arcs, Arc{From: unplaced, To: sink, Cap: int64(s.Pupils), Cost: 16*int64(s.Pupils) + 1})
	for o, c := range seats {
		net.Arcs = append(net.Arcs, Arc{From: offer0 + int32(o), To: sink, Cap: c})
	}
	net.Supply[sink] = -int64(s.Pupils)
	return net
}

// WriteDIMACS writes net in DIMACS min-cost flow format with a comment line
// naming the shape and seed.
func WriteDIMACS(w io.Writer, net *Network, s Shape, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "c techniqual shape %s: %d pupils, %d regions, seats %.2fx, 1-%d seats an offer, %d choices, seed %d\n",
		s.Name, s.Pupils, s.Regions, s.SeatRatio, s.MaxSeats, s.Choices, seed)
	fmt.Fprintf(bw, "p min %d %d\n", net.Nodes, len(net.Arcs))
	for v, x := range net.Supply {
		if x != 0 {
			fmt.Fprintf(bw, "n %d %d\n", v+1, x)
		}
	}
	buf := make([]byte, 0, 64)
	for _, a := range net.Arcs {
		buf = append(buf[:0], "a "...)
		buf = strconv.AppendInt(buf, int64(a.From)+1, 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(a.To)+1, 10)
		buf = append(buf, " 0 "...)
		buf = strconv.AppendInt(buf, a.Cap, 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, a.Cost, 10)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	return bw.Flush()
}
