package stats_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/data/stats/stattest"
)

func buildJourneys(t *testing.T) (*data.Store, stattest.JourneyFixture) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "journeys.db"), data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var fx stattest.JourneyFixture
	err = st.InTx(ctx, func(tx *data.Store) error {
		fx, err = stattest.BuildJourneys(ctx, tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, fx
}

func TestBenchmarkNetwork(t *testing.T) {
	st, _ := buildJourneys(t)
	j, err := stats.LoadJourneys(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Years) != 2 || len(j.Members[2025]) != 12 || len(j.Members[2026]) != 14 {
		t.Fatalf("years %v, members %d/%d", j.Years, len(j.Members[2025]), len(j.Members[2026]))
	}
	net := j.Benchmark(2026)[0]
	// 2026: 14 members' employees 6, 8(+0), … : the network's figure shows.
	emp := net.Figures[0]
	if emp.Metric != stats.MetricEmployees || emp.Hidden || emp.N != 14 {
		t.Fatalf("employees 2026 %+v", emp)
	}
	if !(emp.Q1 <= emp.Median && emp.Median <= emp.Q3) {
		t.Errorf("quartiles out of order: %+v", emp)
	}
	// 2025's network (12 members) is 2 short of 2026's: hidden, 2026 kept.
	if c := j.Cell(stats.MetricEmployees, 2025, stats.ScopeNetwork, ""); !c.Hidden || c.N != 12 {
		t.Errorf("2025 network %+v shown: it differs from 2026 by 2 members", c)
	}
	// Band 1-9 has members 1, 2 and 14 (6, 8, 9 employees): fewer than 5.
	if c := j.Cell(stats.MetricEmployees, 2026, stats.ScopeSize, "1-9"); !c.Hidden {
		t.Errorf("band 1-9 shown: %+v", c)
	}
	// The steps total counts done cells: member i has i+3 done in 2026.
	total := net.Steps[len(net.Steps)-1]
	if total.Metric != stats.MetricStepsTotal || total.Hidden || total.Median != 9.5 {
		t.Errorf("steps total %+v, want median 9.5", total)
	}
}

// Every pair of figures the benchmark shows — across years, the network,
// size bands and sectors — is tried: none differs from another of the same
// metric by 1–4 members, and none has fewer than 5.
func TestBenchmarkEveryDifference(t *testing.T) {
	st, fx := buildJourneys(t)
	ctx := context.Background()
	// A 15th member in a sector of its own, and one more in IT in 2025
	// only: more differences to try.
	for _, name := range []string{"Ensam AB", "Kort AB"} {
		sector := "Bygg"
		if name == "Kort AB" {
			sector = "IT"
		}
		o := data.Organisation{Kind: data.KindCompany, Name: name, Sector: sector, MemberSince: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := st.SaveOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
		year := 2026
		if name == "Kort AB" {
			year = 2025
		}
		if err := st.SaveJourneyYear(ctx, &data.JourneyYear{OrganisationID: o.ID, Year: year, Employees: 40}); err != nil {
			t.Fatal(err)
		}
	}
	_ = fx
	j, err := stats.LoadJourneys(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	shown := j.Shown()
	if len(shown) == 0 {
		t.Fatal("nothing shown")
	}
	metricOf := func(name string) string {
		for i := range name {
			if name[i] == '/' {
				return name[:i]
			}
		}
		return name
	}
	tried := 0
	for a, am := range shown {
		if len(am) < stats.MinGroup {
			t.Errorf("%s shown with %d members", a, len(am))
		}
		for b, bm := range shown {
			if a >= b || metricOf(a) != metricOf(b) {
				continue
			}
			tried++
			as, bs := map[string]bool{}, map[string]bool{}
			for _, m := range am {
				as[m] = true
			}
			for _, m := range bm {
				bs[m] = true
			}
			if stats.SmallDifference(as, bs) {
				t.Errorf("%s and %s differ by a small group", a, b)
			}
		}
	}
	if tried < 10 {
		t.Errorf("only %d pairs tried", tried)
	}
	// The lone Bygg member's sector never shows.
	for _, sc := range j.Benchmark(2026) {
		if sc.Kind == stats.ScopeSector && sc.Name == "Bygg" {
			for _, r := range sc.Figures {
				if !r.Hidden {
					t.Errorf("Bygg %s shown", r.Metric)
				}
			}
		}
	}
}

// TestJourneyTeamsCountedOnce: a teknikprao team goes round every host of
// its group, so the network's teams are the distinct teams, not the sum of
// the hosts' (found by use: 186 shown where the weeks had 60).
func TestJourneyTeamsCountedOnce(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "weeks.db"), data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx, err := stattest.BuildWeeks(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		members int // of Ring Karlstad's four hosts, the first n are members with a journey in 2026
		teams   int // distinct teams that visited them in 2026 (T1–T3 go to all four, T4 to H3 and H0)
		sum     int // the hosts' own counts added up
	}{
		{"one host", 1, 4, 4},
		{"two hosts", 2, 4, 7},
		{"four hosts", 4, 4, 14},
	} {
		t.Run(c.name, func(t *testing.T) {
			for i, id := range fx.Hosts[:4] {
				o, err := st.GetOrganisation(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				o.MemberSince = time.Time{}
				if i < c.members {
					o.MemberSince = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
					y := data.JourneyYear{OrganisationID: id, Year: 2026, Employees: 10}
					if err := st.SaveJourneyYear(ctx, &y); err != nil {
						t.Fatal(err)
					}
				}
				if err := st.SaveOrganisation(ctx, &o); err != nil {
					t.Fatal(err)
				}
			}
			j, err := stats.LoadJourneys(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, m := range j.Members[2026] {
				sum += m.Hosted.Teams
			}
			if len(j.Members[2026]) != c.members || j.Teams[2026] != c.teams || sum != c.sum {
				t.Errorf("%d members: %d teams, hosts' sum %d; want %d and %d", len(j.Members[2026]), j.Teams[2026], sum, c.teams, c.sum)
			}
		})
	}
}
