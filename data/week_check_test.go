package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckWeek(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		edit    func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup)
		key     string
		warning bool
		text    string // a part of the message
	}{
		{"a clean week", func(*testing.T, *Store, *weekWorld, []HostGroup) {}, "", false, ""},
		{"a host with no block in the week", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			h := Organisation{Kind: KindCompany, Name: "Tomma Verkstaden AB"}
			mustT(t)(st.SaveOrganisation(ctx, &h))
			o := Offer{HostID: h.ID, PeriodID: w.period.ID, Title: "Ingenting", Capacity: 1,
				Days: []OfferDay{{Date: mustDate("2026-11-20"), Start: 480, End: 720}}}
			mustT(t)(st.SaveOffer(ctx, &o))
			gs[1].OfferIDs = append(gs[1].OfferIDs, o.ID)
			mustT(t)(st.SaveHostGroups(ctx, w.period.ID, gs))
		}, "week.host_no_block", false, "Tomma Verkstaden AB har inget block under veckan."},
		{"a host not approved", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			mustT(t)(st.SetOfferStatus(ctx, w.offers[5].ID, OfferSubmitted))
		}, "week.host_not_approved", true, "Inlandsbanans El AB är inte godkänd ännu"},
		{"a host in no group", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			gs[1].OfferIDs = gs[1].OfferIDs[:1]
			mustT(t)(st.SaveHostGroups(ctx, w.period.ID, gs))
		}, "week.host_no_group", true, "Inlandsbanans El AB är inte med i någon grupp."},
		{"a group with fewer blocks than teams", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			var teams []Team
			for i := 0; i < 5; i++ {
				teams = append(teams, Team{GroupID: gs[0].ID, PupilIDs: w.pupilIDs(i)})
			}
			teams[4].PupilIDs = w.pupilIDs(4, 5, 6, 7)
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
		}, "week.group_short", false, "Gruppen Ring Sunne har 5 team, men Fryksdals Mekatronik AB har bara block för 4 team. Det saknas 1."},
		{"a class of three pupils", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			for _, n := range []string{"Jon", "Kim", "Liv"} {
				p := Pupil{SchoolID: w.school.ID, FirstName: n, ClassName: "9C", Grade: 9}
				mustT(t)(st.SavePupil(ctx, &p))
			}
			w.period.Week.TeamMode = TeamModeClass
			mustT(t)(st.SavePeriod(ctx, &w.period))
		}, "week.class_small", false, "Klassen 9C på Västanvindsskolan har bara 3 elever, färre än minsta teamstorleken 4"},
		{"a pupil in no team", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			p := Pupil{SchoolID: w.school.ID, FirstName: "Mira", LastName: "Sist", ClassName: "9A", Grade: 9}
			mustT(t)(st.SavePupil(ctx, &p))
		}, "week.pupil_no_team", false, "Mira Sist (9A) är inte med i något team."},
		{"a team larger than the largest team size", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			teams, err := st.ListTeams(ctx, w.period.ID)
			mustT(t)(err)
			for len(teams[1].PupilIDs) <= w.period.Week.TeamMax {
				teams[1].PupilIDs = append(teams[1].PupilIDs, teams[0].PupilIDs[0])
				teams[0].PupilIDs = teams[0].PupilIDs[1:]
			}
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
		}, "week.team_big", false, "Teamet Team 2 har 7 elever, fler än största teamstorleken 6"},
		{"a team smaller than the smallest team size", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			teams, err := st.ListTeams(ctx, w.period.ID)
			mustT(t)(err)
			for len(teams[0].PupilIDs) >= w.period.Week.TeamMin {
				teams[1].PupilIDs = append(teams[1].PupilIDs, teams[0].PupilIDs[0])
				teams[0].PupilIDs = teams[0].PupilIDs[1:]
			}
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
		}, "week.team_small", true, "Teamet Team 1 har bara 3 elever, färre än minsta teamstorleken 4."},
		{"a team of one", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			teams, err := st.ListTeams(ctx, w.period.ID)
			mustT(t)(err)
			for len(teams[0].PupilIDs) > 1 {
				teams[1].PupilIDs = append(teams[1].PupilIDs, teams[0].PupilIDs[0])
				teams[0].PupilIDs = teams[0].PupilIDs[1:]
			}
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
		}, "week.team_small_one", true, "Teamet Team 1 har bara 1 elev, färre än minsta teamstorleken 4."},
		{"a block that breaks a working-time rule", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			o := w.offers[4]
			o.Status = OfferSubmitted
			o.Days[0].Start = 7 * 60 // 07:00–12:00 without a break
			mustT(t)(st.SaveOffer(ctx, &o))
		}, "week.block_rule", false, "Blocket Vänerns Data AB, 2026-11-09 07:00–12:00 bryter mot arbetstidsreglerna"},
		{"a route without night rest across two hosts", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			a, b := w.offers[0], w.offers[1]
			a.Status, b.Status = OfferSubmitted, OfferSubmitted
			a.Days[0].Start, a.Days[0].End, a.Days[0].BreakMinutes = 13*60+30, 20*60, 30
			b.Days[1].Start, b.Days[1].End, b.Days[1].BreakMinutes = 6*60, 12*60+30, 30
			mustT(t)(st.SaveOffer(ctx, &a))
			mustT(t)(st.SaveOffer(ctx, &b))
		}, "week.route_rule", false, "Teamet Team 1 bryter mot arbetstidsreglerna: Eleven ska ha minst 14 timmars sammanhängande nattvila"},
		{"a closing session outside the week", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			w.closing.Start = time.Date(2026, 11, 16, 9, 0, 0, 0, Stockholm)
			w.closing.End = w.closing.Start.Add(3 * time.Hour)
			mustT(t)(st.SaveEvent(ctx, &w.closing))
		}, "week.closing_outside", false, "Avslutningen Teknikveckans avslutning (2026-11-16) ligger utanför veckan"},
		{"no closing session", func(t *testing.T, st *Store, w *weekWorld, gs []HostGroup) {
			w.period.ClosingEventID = ""
			mustT(t)(st.SavePeriod(ctx, &w.period))
		}, "week.no_closing", true, "ingen gemensam avslutning"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newWeekStore(t)
			w := newWeekWorld(t, st)
			gs := w.groups(t, st)
			mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, sunneTeams(w, gs[0].ID), nil))
			c.edit(t, st, w, gs)
			before := checksum(t, st)
			ps, err := st.CheckWeek(ctx, w.period.ID)
			mustT(t)(err)
			if checksum(t, st) != before {
				t.Error("CheckWeek changed the database")
			}
			if c.key == "" {
				if len(ps) != 0 {
					t.Fatalf("problems in a clean week: %+v", ps)
				}
				return
			}
			var found *WeekProblem
			for i, p := range ps {
				if strings.Contains(p.Message(), "{{") || p.Key == "" {
					t.Errorf("bad problem %+v", p)
				}
				if p.Key == c.key && found == nil {
					found = &ps[i]
				}
			}
			if found == nil {
				t.Fatalf("no %s among %+v", c.key, ps)
			}
			if found.Warning != c.warning || !strings.Contains(found.Message(), c.text) {
				t.Errorf("problem = %q (warning %v), want %q (warning %v)", found.Message(), found.Warning, c.text, c.warning)
			}
		})
	}
}

func TestCheckWeekRefusesAClassicPeriod(t *testing.T) {
	st := newWeekStore(t)
	p := Period{Name: "Klassisk", Grade: 9, Start: mustDate("2026-11-16"), End: mustDate("2026-11-20")}
	mustT(t)(st.SavePeriod(context.Background(), &p))
	if _, err := st.CheckWeek(context.Background(), p.ID); !errors.Is(err, ErrNotWeek) {
		t.Errorf("CheckWeek = %v, want ErrNotWeek", err)
	}
}
