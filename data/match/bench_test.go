package match

import (
	"context"
	"testing"
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
