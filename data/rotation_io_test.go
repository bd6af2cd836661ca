package data

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"techniqual/data/rotation"
)

func TestRotationInput(t *testing.T) {
	ctx := context.Background()
	st := newWeekStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	mustT(t)(st.SetGroupPreferences(ctx, w.pupils[2].ID, w.period.ID, []string{gs[1].ID, gs[0].ID}))
	mustT(t)(st.AddFriendPair(ctx, FriendPair{PeriodID: w.period.ID, PupilA: w.pupils[0].ID, PupilB: w.pupils[5].ID}))
	mustT(t)(st.SetOfferStatus(ctx, w.offers[5].ID, OfferSubmitted)) // its blocks are left out, the host stays in its group
	// A grade-8 pupil of the school is not in a grade-9 week.
	young := Pupil{SchoolID: w.school.ID, FirstName: "Ivar", ClassName: "8A", Grade: 8}
	mustT(t)(st.SavePupil(ctx, &young))
	teams := sunneTeams(w, gs[0].ID)
	teams[0].Locked, teams[0].LockedPupilIDs = true, w.pupilIDs(0)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))

	in, idx, err := st.RotationInput(ctx, w.period.ID)
	mustT(t)(err)
	if len(in.Pupils) != 8 || len(in.Hosts) != 6 || len(in.Blocks) != 20 || len(in.Groups) != 2 || len(in.Teams) != 2 {
		t.Fatalf("sizes: %d pupils, %d hosts, %d blocks, %d groups, %d teams", len(in.Pupils), len(in.Hosts), len(in.Blocks), len(in.Groups), len(in.Teams))
	}
	if idx.Pupil(young.ID) != -1 {
		t.Error("a grade-8 pupil is in the week")
	}
	for i, p := range in.Pupils {
		if p.Key != idx.PupilIDs[i] || idx.Pupil(p.Key) != i {
			t.Fatalf("pupil %d: key %s, index %v", i, p.Key, idx.PupilIDs[i])
		}
	}
	alva := in.Pupils[idx.Pupil(w.pupils[0].ID)]
	if alva.Gender != rotation.Girl || alva.School != w.school.ID || alva.Class != "9A" || alva.LockedTeam != 0 || alva.Name != "Alva Testsson" {
		t.Errorf("Alva = %+v", alva)
	}
	if c := in.Pupils[idx.Pupil(w.pupils[2].ID)]; !reflect.DeepEqual(c.Groups, []int{1, 0}) || c.LockedTeam != rotation.NoTeam {
		t.Errorf("Cornelia = %+v", c)
	}
	if b := in.Pupils[idx.Pupil(w.pupils[1].ID)]; b.Gender != rotation.Boy || b.LockedTeam != rotation.NoTeam {
		t.Errorf("Bilal (in the locked team but not locked to it) = %+v", b)
	}
	h := in.Hosts[idx.Host(w.hosts[5].ID)]
	if h.Name != "Inlandsbanans El AB" || h.Municipality != "Karlstad" || h.Group != 1 {
		t.Errorf("host without approved blocks = %+v", h)
	}
	b := in.Blocks[idx.Block(w.block(2, 2))]
	if b.Host != idx.Host(w.hosts[2].ID) || b.Day != 2 || b.Date != "2026-11-11" || b.Start != 8*60+30 || b.End != 12*60 || b.TeamsMax != 1 {
		t.Errorf("block = %+v", b)
	}
	if g := in.Groups[0]; g.Key != gs[0].ID || g.Name != "Ring Sunne" || len(g.Hosts) != 4 {
		t.Errorf("group = %+v", g)
	}
	t0 := in.Teams[0]
	if t0.Key != teams[0].ID || !t0.Locked || t0.Group != 0 || len(t0.Pupils) != 4 || len(t0.Route) != 4 || in.Blocks[t0.Route[0]].Key != w.block(0, 0) {
		t.Errorf("team = %+v", t0)
	}
	if len(in.Friends) != 1 {
		t.Errorf("friends = %v", in.Friends)
	}
	want := rotation.Options{TeamMin: 4, TeamMax: 6, MixRule: true, MixWeight: 5, FriendsTogether: true, TravelMinutes: 30}
	if in.Options != want {
		t.Errorf("options = %+v", in.Options)
	}

	classic := Period{Name: "Klassisk", Grade: 9, Start: mustDate("2026-11-16"), End: mustDate("2026-11-20")}
	mustT(t)(st.SavePeriod(ctx, &classic))
	if _, _, err := st.RotationInput(ctx, classic.ID); !errors.Is(err, ErrNotWeek) {
		t.Errorf("a classic period = %v, want ErrNotWeek", err)
	}
}

// TestSaveRotation stores a result (made by hand: the planner lives in
// data/rotation) and reads it back; a result with an index out of range
// is refused and changes nothing.
func TestSaveRotation(t *testing.T) {
	ctx := context.Background()
	st := newWeekStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	teams := sunneTeams(w, gs[0].ID)
	teams[0].Locked, teams[0].LockedPupilIDs = true, w.pupilIDs(0, 1)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
	in, idx, err := st.RotationInput(ctx, w.period.ID)
	mustT(t)(err)
	pi := func(k int) int { return idx.Pupil(w.pupils[k].ID) }
	bi := func(h, d int) int { return idx.Block(w.block(h, d)) }
	res := rotation.Result{
		Teams: []rotation.PlannedTeam{
			{Key: teams[0].ID, Name: "Team 1", Group: 0, Pupils: []int{pi(0), pi(1), pi(2), pi(3)}, Route: in.Teams[0].Route, Locked: true},
			{Name: "Team 3", Group: 1, Pupils: []int{pi(4), pi(5), pi(6)}, Route: []int{bi(4, 0), bi(5, 1)}, Why: "Bara en pojke i teamet."},
		},
		Unteamed: []rotation.Unteamed{{Pupil: pi(7), Why: "Inget team hade plats."}},
	}
	bad := res
	bad.Teams = append([]rotation.PlannedTeam(nil), res.Teams...)
	bad.Teams[1].Route = []int{len(in.Blocks)}
	before := checksum(t, st)
	if err := st.SaveRotation(ctx, w.period.ID, in, idx, bad); err == nil {
		t.Fatal("a block index out of range was accepted")
	}
	if err := st.SaveRotation(ctx, "other", in, idx, res); err == nil {
		t.Fatal("another period's index was accepted")
	}
	if checksum(t, st) != before {
		t.Fatal("a refused result changed the database")
	}
	mustT(t)(st.SaveRotation(ctx, w.period.ID, in, idx, res))
	got, err := st.ListTeams(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 2 {
		t.Fatalf("teams = %+v", got)
	}
	if got[0].ID != teams[0].ID || !got[0].Locked || !reflect.DeepEqual(got[0].LockedPupilIDs, w.pupilIDs(0, 1)) ||
		!reflect.DeepEqual(got[0].BlockIDs, teams[0].BlockIDs) {
		t.Errorf("locked team = %+v", got[0])
	}
	if got[1].GroupID != gs[1].ID || got[1].Why != "Bara en pojke i teamet." || !reflect.DeepEqual(got[1].PupilIDs, w.pupilIDs(4, 5, 6)) ||
		!reflect.DeepEqual(got[1].BlockIDs, []string{w.block(4, 0), w.block(5, 1)}) {
		t.Errorf("new team = %+v", got[1])
	}
	if un, _ := st.ListUnteamed(ctx, w.period.ID); len(un) != 1 || un[0].PupilID != w.pupils[7].ID || un[0].Why != "Inget team hade plats." {
		t.Errorf("unteamed = %+v", un)
	}
	// The caller learns the saved keys: the kept team's and the new one's.
	if res.Teams[0].Key != got[0].ID || res.Teams[1].Key != got[1].ID {
		t.Errorf("keys after saving = %q, %q; saved %q, %q", res.Teams[0].Key, res.Teams[1].Key, got[0].ID, got[1].ID)
	}
}

// TestLastYearsWeekTakesLastYearsCohort: a grade-8 week of school year
// 2025/26 is made of the pupils in grade 9 today.
func TestLastYearsWeekTakesLastYearsCohort(t *testing.T) {
	ctx := context.Background()
	st := newWeekStore(t)
	w := newWeekWorld(t, st)
	eighth := Pupil{SchoolID: w.school.ID, FirstName: "Ung", ClassName: "8A", Grade: 8}
	mustT(t)(st.SavePupil(ctx, &eighth))
	last := Period{Name: "Teknikprao åk 8 v. 17 2026", Grade: 8, Start: mustDate("2026-04-20"), End: mustDate("2026-04-24"),
		Format: FormatWeek, SchoolIDs: []string{w.school.ID}}
	mustT(t)(st.SavePeriod(ctx, &last))
	in, idx, err := st.RotationInput(ctx, last.ID)
	mustT(t)(err)
	if len(in.Pupils) != 8 || idx.Pupil(eighth.ID) != -1 {
		t.Errorf("last year's grade 8 = %d pupils (today's grade 8 in it: %v)", len(in.Pupils), idx.Pupil(eighth.ID) >= 0)
	}
	older := last
	older.ID, older.Name, older.Start, older.End = "", "Teknikprao åk 8 v. 17 2025", mustDate("2025-04-21"), mustDate("2025-04-25")
	mustT(t)(st.SavePeriod(ctx, &older))
	if in, _, err := st.RotationInput(ctx, older.ID); err != nil || len(in.Pupils) != 0 {
		t.Errorf("a week two school years ago has %d pupils, %v", len(in.Pupils), err)
	}
}
