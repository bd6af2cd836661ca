package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// sunneTeams is a plan for Ring Sunne: two teams of four, each meeting the
// four hosts on Monday–Thursday in another order.
func sunneTeams(w *weekWorld, group string) []Team {
	return []Team{
		{GroupID: group, Name: "Team 1", PupilIDs: w.pupilIDs(0, 1, 2, 3), BlockIDs: []string{w.block(0, 0), w.block(1, 1), w.block(2, 2), w.block(3, 3)}},
		{GroupID: group, Name: "Team 2", PupilIDs: w.pupilIDs(4, 5, 6, 7), BlockIDs: []string{w.block(1, 0), w.block(0, 1), w.block(3, 2), w.block(2, 3)}},
	}
}

func TestSaveWeekPlanAndListTeams(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	teams := sunneTeams(w, gs[0].ID)
	teams[1].Why = "Bara en flicka i teamet."
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
	got, err := st.ListTeams(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 2 {
		t.Fatalf("teams = %+v", got)
	}
	for i, g := range got {
		if g.ID != teams[i].ID || g.Name != teams[i].Name || !reflect.DeepEqual(g.PupilIDs, teams[i].PupilIDs) ||
			!reflect.DeepEqual(g.BlockIDs, teams[i].BlockIDs) || g.Why != teams[i].Why || g.Locked || g.PeriodID != w.period.ID {
			t.Errorf("team %d = %+v, want %+v", i, g, teams[i])
		}
	}
	sum, err := st.SummariseWeekPlan(ctx, w.period.ID)
	mustT(t)(err)
	if sum != (WeekPlanSummary{Teams: 2, Pupils: 8, WithWhy: 1}) {
		t.Errorf("summary = %+v", sum)
	}

	// Planning again replaces the unlocked teams; a kept key is kept.
	again := []Team{{ID: teams[0].ID, GroupID: gs[0].ID, Name: "Team A", PupilIDs: w.pupilIDs(0, 1, 2, 3, 4, 5)}}
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, again, []Unteamed{{PupilID: w.pupils[6].ID, Why: "Sjuk hela veckan."}, {PupilID: w.pupils[7].ID}}))
	got, _ = st.ListTeams(ctx, w.period.ID)
	if len(got) != 1 || got[0].ID != teams[0].ID || got[0].Name != "Team A" || len(got[0].PupilIDs) != 6 || len(got[0].BlockIDs) != 0 {
		t.Fatalf("after re-plan: %+v", got)
	}
	un, _ := st.ListUnteamed(ctx, w.period.ID)
	if len(un) != 2 {
		t.Errorf("unteamed = %+v", un)
	}
}

func TestSaveWeekPlanRefusesBadPlans(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, sunneTeams(w, gs[0].ID), nil))
	cases := []struct {
		name string
		edit func([]Team) ([]Team, []Unteamed)
		key  string
	}{
		{"a block of another group's host", func(ts []Team) ([]Team, []Unteamed) {
			ts[0].BlockIDs[3] = w.block(4, 3)
			return ts, nil
		}, "err.team_block_other_group"},
		{"a host twice", func(ts []Team) ([]Team, []Unteamed) {
			ts[0].BlockIDs[1] = w.block(0, 1)
			ts[1].BlockIDs[1] = w.block(1, 1)
			return ts, nil
		}, "err.team_host_twice"},
		{"a block over its teams_max", func(ts []Team) ([]Team, []Unteamed) {
			ts[1].BlockIDs[0] = w.block(0, 0)
			ts[1].BlockIDs[1] = w.block(1, 1)
			return ts, nil
		}, "err.block_over_teams_max"},
		{"a pupil in two teams", func(ts []Team) ([]Team, []Unteamed) {
			ts[1].PupilIDs = append(ts[1].PupilIDs, w.pupils[0].ID)
			return ts, nil
		}, "err.pupil_in_two_teams"},
		{"a pupil in a team and unteamed", func(ts []Team) ([]Team, []Unteamed) {
			return ts, []Unteamed{{PupilID: w.pupils[0].ID}}
		}, "err.pupil_teamed_and_unteamed"},
		{"a group of another period", func(ts []Team) ([]Team, []Unteamed) {
			ts[0].GroupID = "no-such-group"
			return ts, nil
		}, "err.team_group_unknown"},
		{"an unknown block", func(ts []Team) ([]Team, []Unteamed) {
			ts[0].BlockIDs = append(ts[0].BlockIDs, "no-such-block")
			return ts, nil
		}, "err.team_block_unknown"},
		{"an unknown pupil", func(ts []Team) ([]Team, []Unteamed) {
			ts[0].PupilIDs = append(ts[0].PupilIDs, "no-such-pupil")
			return ts, nil
		}, "err.team_pupil_unknown"},
	}
	before := checksum(t, st)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts, un := c.edit(sunneTeams(w, gs[0].ID))
			err := st.SaveWeekPlan(ctx, w.period.ID, ts, un)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("save = %v, want a ValidationError", err)
			}
			found := false
			for _, f := range ve.Fields {
				found = found || (f.Key == c.key && f.Message() != "")
			}
			if !found {
				t.Errorf("errors %v lack %s", ve, c.key)
			}
		})
	}
	if checksum(t, st) != before {
		t.Error("a refused plan changed the database")
	}
	var ve *ValidationError
	ts := sunneTeams(w, gs[0].ID)
	ts[1].BlockIDs[0] = w.block(0, 0)
	ts[1].BlockIDs[1] = w.block(1, 1)
	if !errors.As(st.SaveWeekPlan(ctx, w.period.ID, ts, nil), &ve) {
		t.Fatal("over teams_max accepted")
	}
	msgs := map[string]bool{}
	for _, f := range ve.Fields {
		msgs[f.Message()] = true
	}
	if want := "Blocket Fryksdals Mekatronik AB, 2026-11-09 08:30–12:00 tar 1 team men har fått 2."; !msgs[want] {
		t.Errorf("messages %v lack %q", msgs, want)
	}
	// A block for two teams takes two.
	o := w.offers[0]
	o.Days[0].TeamsMax = 2
	mustT(t)(st.SaveOffer(ctx, &o))
	ts = sunneTeams(w, gs[0].ID)
	ts[1].BlockIDs = []string{w.block(0, 0), w.block(1, 1)}
	ts[0].BlockIDs = []string{w.block(0, 0), w.block(2, 2)}
	if err := st.SaveWeekPlan(ctx, w.period.ID, ts, nil); err != nil {
		t.Errorf("two teams in a block for two: %v", err)
	}
}

func TestLocksMovesAndSwaps(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	teams := sunneTeams(w, gs[0].ID)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
	a, b := teams[0], teams[1]

	// Swap routes, then move a pupil from A to B.
	mustT(t)(st.SwapTeamRoutes(ctx, a.ID, b.ID))
	ga, _ := st.GetTeam(ctx, a.ID)
	gb, _ := st.GetTeam(ctx, b.ID)
	if !reflect.DeepEqual(ga.BlockIDs, b.BlockIDs) || !reflect.DeepEqual(gb.BlockIDs, a.BlockIDs) {
		t.Fatalf("swap: %v / %v", ga.BlockIDs, gb.BlockIDs)
	}
	mustT(t)(st.MovePupilToTeam(ctx, w.period.ID, w.pupils[0].ID, b.ID))
	ga, _ = st.GetTeam(ctx, a.ID)
	gb, _ = st.GetTeam(ctx, b.ID)
	if len(ga.PupilIDs) != 3 || len(gb.PupilIDs) != 5 {
		t.Fatalf("move: %v / %v", ga.PupilIDs, gb.PupilIDs)
	}
	mustT(t)(st.MovePupilToTeam(ctx, w.period.ID, w.pupils[1].ID, ""))
	if un, _ := st.ListUnteamed(ctx, w.period.ID); len(un) != 1 || un[0].PupilID != w.pupils[1].ID || un[0].Why == "" {
		t.Errorf("moved out: %+v", un)
	}
	mustT(t)(st.MovePupilToTeam(ctx, w.period.ID, w.pupils[1].ID, a.ID))
	if un, _ := st.ListUnteamed(ctx, w.period.ID); len(un) != 0 {
		t.Errorf("moved back in but still unteamed: %+v", un)
	}

	// Lock a pupil: the team is locked too, and the pupil cannot be moved.
	mustT(t)(st.SetTeamPupilLocked(ctx, b.ID, w.pupils[0].ID, true))
	gb, _ = st.GetTeam(ctx, b.ID)
	if !gb.Locked || !reflect.DeepEqual(gb.LockedPupilIDs, []string{w.pupils[0].ID}) {
		t.Fatalf("pupil lock: %+v", gb)
	}
	if err := st.MovePupilToTeam(ctx, w.period.ID, w.pupils[0].ID, a.ID); !errors.Is(err, ErrTeamLocked) {
		t.Errorf("moving a locked pupil = %v", err)
	}
	if err := st.SwapTeamRoutes(ctx, a.ID, b.ID); !errors.Is(err, ErrTeamLocked) {
		t.Errorf("swapping a locked team's route = %v", err)
	}

	// Planning again keeps the locked team, its locked pupil and its route;
	// its unlocked pupils go where the new plan puts them.
	next := []Team{{GroupID: gs[0].ID, Name: "Nytt team", PupilIDs: w.pupilIDs(1, 2, 3, 4, 5, 6, 7)}}
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, next, nil))
	got, _ := st.ListTeams(ctx, w.period.ID)
	if len(got) != 2 {
		t.Fatalf("after re-plan: %+v", got)
	}
	var kept Team
	for _, g := range got {
		if g.ID == b.ID {
			kept = g
		}
	}
	if !kept.Locked || !reflect.DeepEqual(kept.PupilIDs, []string{w.pupils[0].ID}) || !reflect.DeepEqual(kept.BlockIDs, a.BlockIDs) {
		t.Errorf("locked team after re-plan: %+v", kept)
	}
	// Unlock the team: its pupils are unlocked too.
	mustT(t)(st.SetTeamLocked(ctx, b.ID, false))
	kept, _ = st.GetTeam(ctx, b.ID)
	if kept.Locked || len(kept.LockedPupilIDs) != 0 {
		t.Errorf("unlock: %+v", kept)
	}
	if err := st.SetTeamLocked(ctx, "no-such-team", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("lock an unknown team = %v", err)
	}
}

// TestRegisterWeekClosing checks what approving a plan does to the closing
// session's list: the teams' pupils are put on it once, a cancellation made
// by hand stays, a pupil on it in no team is counted and kept, and a week
// without a closing session (or one deleted since) is left alone.
func TestRegisterWeekClosing(t *testing.T) {
	ctx := context.Background()
	type want struct {
		res ClosingRegistration
		ok  bool
		on  int // pupils on the list with a seat or waiting, after
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, st *Store, w *weekWorld)
		want  want
	}{
		{"a first approval", func(*testing.T, *Store, *weekWorld) {}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Registered: 8}}, true, 8}},
		{"approved again", func(t *testing.T, st *Store, w *weekWorld) {
			_, _, err := st.RegisterWeekClosing(ctx, w.period.ID)
			mustT(t)(err)
		}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Already: 8}}, true, 8}},
		{"a cancellation stays", func(t *testing.T, st *Store, w *weekWorld) {
			r, err := st.Register(ctx, w.closing.ID, "", w.pupils[2].ID)
			mustT(t)(err)
			_, err = st.Cancel(ctx, r.ID)
			mustT(t)(err)
		}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Registered: 7}, Cancelled: 1}, true, 7}},
		{"a pupil in no team is told, not cancelled", func(t *testing.T, st *Store, w *weekWorld) {
			extra := Pupil{SchoolID: w.school.ID, FirstName: "Ivar", LastName: "Testsson", ClassName: "9B", Grade: 9, Gender: GenderBoy}
			mustT(t)(st.SavePupil(ctx, &extra))
			_, err := st.Register(ctx, w.closing.ID, "", extra.ID)
			mustT(t)(err)
		}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Registered: 8}, NotInTeam: 1}, true, 9}},
		{"a locked pupil who left the register is not put on it", func(t *testing.T, st *Store, w *weekWorld) {
			teams, err := st.ListTeams(ctx, w.period.ID)
			mustT(t)(err)
			mustT(t)(st.SetTeamPupilLocked(ctx, teams[0].ID, w.pupils[0].ID, true))
			mustT(t)(st.DeletePupil(ctx, w.pupils[0].ID))
		}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Registered: 7}}, true, 7}},
		{"a full session puts the rest on its waitlist", func(t *testing.T, st *Store, w *weekWorld) {
			w.closing.Capacity = 5
			mustT(t)(st.SaveEvent(ctx, &w.closing))
		}, want{ClosingRegistration{BulkRegistered: BulkRegistered{Registered: 5, Waitlisted: 3}}, true, 8}},
		{"no closing session", func(t *testing.T, st *Store, w *weekWorld) {
			w.period.ClosingEventID = ""
			mustT(t)(st.SavePeriod(ctx, &w.period))
		}, want{ok: false, on: 0}},
		{"the closing session deleted since", func(t *testing.T, st *Store, w *weekWorld) {
			mustT(t)(st.DeleteEvent(ctx, w.closing.ID))
		}, want{ok: false, on: 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newStore(t)
			w := newWeekWorld(t, st)
			gs := w.groups(t, st)
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, sunneTeams(w, gs[0].ID), nil))
			c.setup(t, st, w)
			res, ok, err := st.RegisterWeekClosing(ctx, w.period.ID)
			mustT(t)(err)
			if res != c.want.res || ok != c.want.ok {
				t.Errorf("got %+v ok=%v, want %+v ok=%v", res, ok, c.want.res, c.want.ok)
			}
			regs, err := st.ListRegistrations(ctx, w.closing.ID)
			mustT(t)(err)
			on := 0
			for _, r := range regs {
				if r.PupilID != "" && (r.Status.HoldsSeat() || r.Status == RegWaitlisted) {
					on++
				}
			}
			if on != c.want.on {
				t.Errorf("%d pupils on the list, want %d", on, c.want.on)
			}
		})
	}
}

// TestOfferUse counts what hangs on an offer before it is deleted: its
// live placements (of pupils still in the register) and attendance days.
func TestOfferUse(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	must := mustT(t)
	w := newWeekWorld(t, st)
	o := w.offers[0]
	if u, err := st.OfferUse(ctx, o.ID); err != nil || u != (OfferUse{}) {
		t.Fatalf("an unused offer: %+v, %v", u, err)
	}
	for _, p := range w.pupils[:3] {
		must(st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: p.ID, OfferID: o.ID, Source: SourceManual}))
	}
	for _, d := range []string{"2026-11-09", "2026-11-10"} {
		must(st.SetAttendance(ctx, Attendance{PupilID: w.pupils[0].ID, OfferID: o.ID, Date: mustDate(d), Status: AttendancePresent}))
	}
	must(st.DeletePupil(ctx, w.pupils[2].ID))
	if u, err := st.OfferUse(ctx, o.ID); err != nil || u != (OfferUse{Placed: 2, AttendanceDays: 2}) {
		t.Errorf("got %+v, %v; want 2 placed, 2 days", u, err)
	}
}
