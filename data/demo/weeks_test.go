package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/rotation"
)

// TestExampleWeeks: one teknikprao week per school year, groups of four
// hosts, blocks Monday–Thursday 08:30–12:00 for one or two teams, a closing
// session on the Friday at Karlstads universitet, group choices, paper
// feedback for the past weeks, no saved plan without a planner, and no
// error CheckWeek would report.
func TestExampleWeeks(t *testing.T) {
	ctx := context.Background()
	st, _ := generate(t, 600, 1)
	st = st.With(data.Options{Now: func() time.Time { return Now }})
	periods, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]int{}
	weeks := 0
	for _, p := range periods {
		if p.Format != data.FormatWeek {
			continue
		}
		weeks++
		y := p.Start.Year()
		if p.Start.Month() < time.July {
			y--
		}
		years[y]++
		if len(p.SchoolIDs) != 1 || p.Week != data.DefaultWeekSettings() || p.ClosingEventID == "" {
			t.Errorf("%s: %+v", p.Name, p)
		}
		closing, err := st.GetEvent(ctx, p.ClosingEventID)
		if err != nil || closing.Venue != "Karlstads universitet" || closing.Start.Weekday() != time.Friday ||
			data.FormatDate(p.End) != closing.Start.Format(data.DateLayout) {
			t.Errorf("%s: closing %+v, %v", p.Name, closing, err)
		}
		groups, _ := st.ListHostGroups(ctx, p.ID)
		if len(groups) == 0 {
			t.Fatalf("%s: no groups", p.Name)
		}
		for _, g := range groups {
			if len(g.OfferIDs) != 4 {
				t.Errorf("%s: group %s has %d hosts", p.Name, g.Name, len(g.OfferIDs))
			}
		}
		blocks, _ := st.ListWeekBlocks(ctx, p.ID, false)
		if len(blocks) != 16*len(groups) {
			t.Errorf("%s: %d blocks for %d groups", p.Name, len(blocks), len(groups))
		}
		for _, b := range blocks {
			if b.Start != 8*60+30 || b.End != 12*60 || b.TeamsMax < 1 || b.TeamsMax > 2 || b.Date.Weekday() == time.Friday ||
				len(b.RoleModelIDs) == 0 || !b.Approved {
				t.Fatalf("%s: block %+v", p.Name, b)
			}
		}
		if prefs, _ := st.ListGroupPreferences(ctx, p.ID); len(prefs) == 0 {
			t.Errorf("%s: no group choices", p.Name)
		}
		fb, _ := st.ListBlockFeedback(ctx, p.ID)
		if (p.Status == data.PeriodDone) != (len(fb) > 0) {
			t.Errorf("%s (%s): %d feedback answers", p.Name, p.Status, len(fb))
		}
		// The real planner (rotation.Plan) is wired in: every week has a
		// saved plan whose teams are within the size bounds and meet every
		// host of their group.
		teams, _ := st.ListTeams(ctx, p.ID)
		if len(teams) == 0 {
			t.Errorf("%s: no saved plan", p.Name)
		}
		for _, tm := range teams {
			if n := len(tm.PupilIDs); n < p.Week.TeamMin || n > p.Week.TeamMax || len(tm.BlockIDs) != 4 {
				t.Errorf("%s: team %s has %d pupils and %d blocks", p.Name, tm.Name, n, len(tm.BlockIDs))
			}
		}
		in, _, err := st.RotationInput(ctx, p.ID)
		if err != nil || len(in.Pupils) < 50 {
			t.Errorf("%s: %d pupils, %v", p.Name, len(in.Pupils), err)
		}
		problems, err := st.CheckWeek(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			if !pr.Warning {
				t.Errorf("%s: %s", p.Name, pr.Message())
			}
		}
	}
	if weeks != len(exampleWeeks) || years[2025] == 0 || years[2026] == 0 {
		t.Errorf("%d weeks, by school year %v", weeks, years)
	}
}

// latinPlanner is a test planner, not the real one: in each group up to
// four teams go round the four hosts in a Latin square, one morning each.
// Pupils beyond the teams' room are left out with a reason.
func latinPlanner(_ context.Context, in rotation.Instance) (rotation.Result, error) {
	var res rotation.Result
	type slot struct{ host, day int }
	byGroup := map[int]map[slot]int{}
	for bi, b := range in.Blocks {
		g := in.Hosts[b.Host].Group
		if byGroup[g] == nil {
			byGroup[g] = map[slot]int{}
		}
		byGroup[g][slot{b.Host, b.Day}] = bi
	}
	next := 0
	for gi, g := range in.Groups {
		for j := 0; j < 4 && next < len(in.Pupils); j++ {
			t := rotation.PlannedTeam{Name: g.Name + " lag " + string(rune('A'+j)), Group: gi}
			for d := 0; d < 4; d++ {
				t.Route = append(t.Route, byGroup[gi][slot{g.Hosts[(j+d)%4], d}])
			}
			for k := 0; k < 5 && next < len(in.Pupils); k++ {
				t.Pupils = append(t.Pupils, next)
				next++
			}
			res.Teams = append(res.Teams, t)
		}
	}
	for ; next < len(in.Pupils); next++ {
		res.Unteamed = append(res.Unteamed, rotation.Unteamed{Pupil: next, Why: "Inget lag hade plats."})
	}
	return res, nil
}

// TestPlannerHook: with a planner wired in, every example week gets its
// saved plan, and the past weeks named feedback and block attendance.
func TestPlannerHook(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	calls := 0
	plan := func(ctx context.Context, in rotation.Instance) (rotation.Result, error) {
		calls++
		return latinPlanner(ctx, in)
	}
	if _, err := Generate(ctx, st, Config{Pupils: 200, Seed: 3, Planner: plan}); err != nil {
		t.Fatal(err)
	}
	if calls != len(exampleWeeks) {
		t.Fatalf("planner called %d times", calls)
	}
	periods, _ := st.ListPeriods(ctx)
	for _, p := range periods {
		if p.Format != data.FormatWeek {
			continue
		}
		teams, _ := st.ListTeams(ctx, p.ID)
		if len(teams) == 0 || len(teams[0].BlockIDs) != 4 {
			t.Fatalf("%s: teams %+v", p.Name, teams)
		}
		fb, _ := st.ListBlockFeedback(ctx, p.ID)
		att, _ := st.ListBlockAttendance(ctx, p.ID)
		done := p.Status == data.PeriodDone
		if done && (len(fb) == 0 || fb[0].PupilID == "" || fb[0].TeamID == "" || len(att) == 0) {
			t.Errorf("%s: %d feedback, %d attendance", p.Name, len(fb), len(att))
		}
		if !done && (len(fb) > 0 || len(att) > 0) {
			t.Errorf("%s is to come but has feedback or attendance", p.Name)
		}
	}
}
