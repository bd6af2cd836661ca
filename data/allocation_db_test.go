package data_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/match"
)

// BenchmarkLoadAndSolveADatabase loads and solves a period of a database
// file, one after the other, as the Matchning screen does (issue #16, goal
// 3): the first load in the process (SQLite's caches and Go's heap are
// new), then the medians of b.N rounds of load and solve. It copies the
// file first, since opening may migrate it. Skipped unless
// TECHNIQUAL_BENCH_DB names a database (techniqual demo --db x.db --pupils
// 60000) and TECHNIQUAL_BENCH_PERIOD a period of it:
//
//	TECHNIQUAL_BENCH_DB=x.db TECHNIQUAL_BENCH_PERIOD="Åk 8 v. 11 2027" \
//	  go test ./data/ -run '^$' -bench LoadAndSolveADatabase -benchtime 21x
func BenchmarkLoadAndSolveADatabase(b *testing.B) {
	src, name := os.Getenv("TECHNIQUAL_BENCH_DB"), os.Getenv("TECHNIQUAL_BENCH_PERIOD")
	if src == "" || name == "" {
		b.Skip("set TECHNIQUAL_BENCH_DB and TECHNIQUAL_BENCH_PERIOD")
	}
	ctx := context.Background()
	path := b.TempDir() + "/bench.db"
	if err := data.CopyFile(src, path); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(ctx, path, data.Options{NoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	per, err := st.FindPeriod(ctx, name)
	if err != nil {
		b.Fatal(err)
	}
	var loads, solves []time.Duration
	for b.Loop() {
		t0 := time.Now()
		a, err := st.LoadAllocation(ctx, per.ID)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := a.Run(ctx, match.Options{}); err != nil {
			b.Fatal(err)
		}
		loads, solves = append(loads, t1.Sub(t0)), append(solves, time.Since(t1))
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(loads[0]), "first-load-ms")
	slices.Sort(loads)
	slices.Sort(solves)
	load, solve := loads[len(loads)/2], solves[len(solves)/2]
	b.ReportMetric(ms(load), "load-ms")
	b.ReportMetric(ms(solve), "solve-ms")
	b.ReportMetric(float64(load)/float64(solve), "load/solve")
}
