package stats_test

import (
	"context"
	"path/filepath"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/stats"
)

// demoStore is a 30,000-pupil example database (three periods: läsår
// 2026/27 has 15,000 grade-9 pupils placed and 15,000 grade-8 pupils
// choosing), opened afresh as the app opens it (generating leaves a large
// write-ahead log that the first open folds back).
func demoStore(b *testing.B) *data.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "30k.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 30000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	st.Close()
	st, err = data.Open(ctx, path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkSchoolYear30k computes läsår 2026/27 (two periods, 30,000
// pupils) with its rows per municipality and school, as the Statistik
// screen does: the 15,000 grade-9 pupils placed; the grade-8 period,
// nobody placed yet, is read and left out. Budget: under 1 s.
func BenchmarkSchoolYear30k(b *testing.B) {
	st := demoStore(b)
	from, to := stats.SchoolYear(2026)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := stats.ComputeRange(context.Background(), st, from, to, stats.Filter{})
		if err != nil || r.Pupils().N != 15000 || len(r.LeftOut) != 1 {
			b.Fatalf("report %v, %v", r.Pupils(), err)
		}
	}
}

// BenchmarkCompanies30k computes the company figures of läsår 2026/27.
func BenchmarkCompanies30k(b *testing.B) {
	st := demoStore(b)
	from, to := stats.SchoolYear(2026)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := stats.ComputeCompanies(context.Background(), st, from, to, 5); err != nil {
			b.Fatal(err)
		}
	}
}
