package match

import (
	"context"
	"testing"

	"techniqual/data/match/internal/shape"
)

func benchmarkAllocate(b *testing.B, pupils int) {
	in := generateInstance(1, pupils)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Allocate(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		if res.Placed == 0 {
			b.Fatal("nobody placed")
		}
	}
}

func BenchmarkAllocate3k(b *testing.B)   { benchmarkAllocate(b, 3_000) }
func BenchmarkAllocate30k(b *testing.B)  { benchmarkAllocate(b, 30_000) }
func BenchmarkAllocate120k(b *testing.B) { benchmarkAllocate(b, 120_000) }

// BenchmarkSolveShape solves the generated shapes of issue #16 (1–15 seats
// an offer, five choices; seats 1.07× or 2.1× pupils; one region or 40),
// the instances data/match/testdata/compare.sh times against LEMON.
func BenchmarkSolveShape(b *testing.B) {
	for _, s := range shape.Standard() {
		b.Run(s.Name, func(b *testing.B) {
			net := fromShape(shape.Generate(s, 1))
			b.ReportAllocs()
			b.ResetTimer()
			var f *Flow
			for b.Loop() {
				var err error
				if f, err = net.Solve(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(f.Phases), "pivots")
		})
	}
}
