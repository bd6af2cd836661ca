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

func TestZZRatio(t *testing.T) {
	path := os.Getenv("ZZDB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	per, err := st.FindPeriod(ctx, "Åk 8 v. 11 2027")
	if err != nil {
		t.Fatal(err)
	}
	var loads, solves []time.Duration
	for range 21 {
		t0 := time.Now()
		a, err := st.LoadAllocation(ctx, per.ID)
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		if _, err := a.Run(ctx, match.Options{}); err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		loads, solves = append(loads, t1.Sub(t0)), append(solves, t2.Sub(t1))
	}
	t.Logf("first load %v", loads[0])
	slices.Sort(loads)
	slices.Sort(solves)
	t.Logf("load median %v min %v; solve median %v min %v; ratio %.2f", loads[10], loads[0], solves[10], solves[0], float64(loads[10])/float64(solves[10]))
}

func TestZZFirst(t *testing.T) {
	path := os.Getenv("ZZDB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	per, err := st.FindPeriod(ctx, "Åk 8 v. 11 2027")
	if err != nil {
		t.Fatal(err)
	}
	for k := range 3 {
		t0 := time.Now()
		if _, err := st.LoadAllocation(ctx, per.ID); err != nil {
			t.Fatal(err)
		}
		t.Logf("load %d: %v", k+1, time.Since(t0))
	}
}
