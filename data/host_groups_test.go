package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestSaveAndListHostGroups(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	if gs[0].ID == "" || gs[1].ID == "" || gs[1].Position != 1 {
		t.Fatalf("ids and positions not set: %+v", gs)
	}
	got, err := st.ListHostGroups(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 2 || got[0].Name != "Ring Sunne" || len(got[0].OfferIDs) != 4 || len(got[1].OfferIDs) != 2 {
		t.Fatalf("ListHostGroups = %+v", got)
	}
	// Members come sorted by the host's name.
	want := []string{w.offers[0].ID, w.offers[1].ID, w.offers[3].ID, w.offers[2].ID} // Fryksdals, Klarälvens, Mellansjöns, Rottnens
	if !reflect.DeepEqual(got[0].OfferIDs, want) {
		t.Errorf("members = %v, want %v", got[0].OfferIDs, want)
	}

	// Two groups swap names and a host moves, in one save.
	gs[0].Name, gs[1].Name = "Ring Karlstad", "Ring Sunne"
	gs[1].OfferIDs = append(gs[1].OfferIDs, gs[0].OfferIDs[3])
	gs[0].OfferIDs = gs[0].OfferIDs[:3]
	mustT(t)(st.SaveHostGroups(ctx, w.period.ID, gs))
	got, _ = st.ListHostGroups(ctx, w.period.ID)
	if got[0].Name != "Ring Karlstad" || len(got[0].OfferIDs) != 3 || len(got[1].OfferIDs) != 3 {
		t.Errorf("after swap: %+v", got)
	}

	// Dropping a group removes it and its teams.
	team := Team{GroupID: gs[1].ID, Name: "Team 1", PupilIDs: w.pupilIDs(0, 1, 2, 3)}
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, []Team{team}, nil))
	mustT(t)(st.SaveHostGroups(ctx, w.period.ID, gs[:1]))
	got, _ = st.ListHostGroups(ctx, w.period.ID)
	teams, _ := st.ListTeams(ctx, w.period.ID)
	if len(got) != 1 || len(teams) != 0 {
		t.Errorf("after dropping a group: groups %+v, teams %+v", got, teams)
	}
}

func TestSaveHostGroupsRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	other := Period{Name: "Annan vecka", Grade: 9, Start: mustDate("2026-12-07"), End: mustDate("2026-12-11"), Format: FormatWeek}
	mustT(t)(st.SavePeriod(ctx, &other))
	foreign := Offer{HostID: w.hosts[0].ID, PeriodID: other.ID, Title: "Annan", Capacity: 1}
	mustT(t)(st.SaveOffer(ctx, &foreign))
	// A second offer of the same host in the same week: still one host.
	second := Offer{HostID: w.hosts[0].ID, PeriodID: w.period.ID, Title: "Eftermiddag", Capacity: 1}
	mustT(t)(st.SaveOffer(ctx, &second))
	cases := []struct {
		name   string
		groups []HostGroup
		key    string
	}{
		{"no name", []HostGroup{{Name: " ", OfferIDs: []string{w.offers[0].ID}}}, "err.required"},
		{"same name twice", []HostGroup{{Name: "Ring"}, {Name: "ring"}}, "err.group_name_taken"},
		{"host in two groups", []HostGroup{{Name: "A", OfferIDs: []string{w.offers[0].ID}}, {Name: "B", OfferIDs: []string{w.offers[0].ID}}}, "err.host_in_two_groups"},
		{"one host's two offers in two groups", []HostGroup{{Name: "A", OfferIDs: []string{w.offers[0].ID}}, {Name: "B", OfferIDs: []string{second.ID}}}, "err.host_in_two_groups"},
		{"offer of another period", []HostGroup{{Name: "A", OfferIDs: []string{foreign.ID}}}, "err.group_offer_not_in_period"},
		{"unknown group key", []HostGroup{{ID: "no-such-group", Name: "A"}}, "err.group_unknown"},
	}
	before := checksum(t, st)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := st.SaveHostGroups(ctx, w.period.ID, c.groups)
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
		t.Error("refused groups changed the database")
	}
	msg := ""
	var ve *ValidationError
	if errors.As(st.SaveHostGroups(ctx, w.period.ID, cases[2].groups), &ve) {
		msg = ve.Fields[0].Message()
	}
	if msg != "Fryksdals Mekatronik AB finns i både A och B. En värd kan bara vara i en grupp." {
		t.Errorf("message = %q", msg)
	}
	// A group with a locked team cannot go.
	team := Team{GroupID: gs[1].ID, Name: "Team 1", PupilIDs: w.pupilIDs(0, 1, 2, 3), Locked: true}
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, []Team{team}, nil))
	before = checksum(t, st)
	if err := st.SaveHostGroups(ctx, w.period.ID, gs[:1]); !errors.As(err, &ve) || ve.Fields[0].Key != "err.group_has_locked_team" {
		t.Errorf("dropping a group with a locked team = %v", err)
	}
	if checksum(t, st) != before {
		t.Error("a refused save changed the database")
	}
}

func TestListWeekBlocks(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	mustT(t)(st.SetOfferStatus(ctx, w.offers[5].ID, OfferSubmitted))
	approved, err := st.ListWeekBlocks(ctx, w.period.ID, false)
	mustT(t)(err)
	all, err := st.ListWeekBlocks(ctx, w.period.ID, true)
	mustT(t)(err)
	if len(approved) != 5*4 || len(all) != 6*4 {
		t.Fatalf("blocks: %d approved, %d in all", len(approved), len(all))
	}
	b := approved[0]
	if FormatDate(b.Date) != "2026-11-09" || b.Start != 8*60+30 || b.End != 12*60 || b.TeamsMax != 1 || !b.Approved ||
		b.HostName != "Fryksdals Mekatronik AB" || b.HostID != w.hosts[0].ID || b.OfferID != w.offers[0].ID ||
		b.ID != w.block(0, 0) || b.Municipality != "Sunne" || len(b.RoleModelIDs) != 1 {
		t.Errorf("first block = %+v", b)
	}
	if b.Label() != "Fryksdals Mekatronik AB, 2026-11-09 08:30–12:00" {
		t.Errorf("label = %q", b.Label())
	}
	for i := 1; i < len(all); i++ {
		if all[i].Date.Before(all[i-1].Date) {
			t.Fatalf("blocks not by date: %v after %v", all[i].Date, all[i-1].Date)
		}
	}
}
