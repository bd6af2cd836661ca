package data

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

func TestPeriodFormatAndWeekSettings(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	classic := Period{Name: "Åk 8 v. 12", Grade: 8, Start: mustDate("2026-03-16"), End: mustDate("2026-03-20")}
	if err := st.SavePeriod(ctx, &classic); err != nil {
		t.Fatal(err)
	}
	if classic.Format != FormatClassic || classic.Week != DefaultWeekSettings() {
		t.Errorf("defaults not filled: %+v", classic)
	}
	custom := WeekSettings{TeamMin: 3, TeamMax: 5, MixRule: false, MixWeight: 0, TeamMode: TeamModeMixSchools, TravelMinutes: 0}
	week := Period{Name: "Teknikprao v. 46", Grade: 9, Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"), Format: FormatWeek, Week: custom}
	if err := st.SavePeriod(ctx, &week); err != nil {
		t.Fatal(err)
	}
	got, err := st.GetPeriod(ctx, week.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Format != FormatWeek || got.Week != custom || got.ClosingEventID != "" {
		t.Errorf("read back %+v, want format week and %+v", got, custom)
	}
	ps, err := st.ListPeriods(ctx)
	if err != nil || len(ps) != 2 || ps[0].Format != FormatClassic || ps[1].Format != FormatWeek {
		t.Fatalf("ListPeriods = %+v, %v", ps, err)
	}
}

func TestPeriodWeekSettingsAreValidated(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	base := func() Period {
		return Period{Name: "Teknikprao", Grade: 9, Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"),
			Format: FormatWeek, Week: DefaultWeekSettings()}
	}
	cases := []struct {
		name  string
		edit  func(*Period)
		field string
	}{
		{"team_min 0 with other settings", func(p *Period) { p.Week.TeamMin = 0 }, "team_min"},
		{"team_max below team_min", func(p *Period) { p.Week.TeamMin, p.Week.TeamMax = 5, 4 }, "team_max"},
		{"team_max above 12", func(p *Period) { p.Week.TeamMax = 13 }, "team_max"},
		{"negative travel", func(p *Period) { p.Week.TravelMinutes = -1 }, "travel_minutes"},
		{"travel above 240", func(p *Period) { p.Week.TravelMinutes = 241 }, "travel_minutes"},
		{"unknown format", func(p *Period) { p.Format = "fortnight" }, "format"},
		{"unknown team mode", func(p *Period) { p.Week.TeamMode = "random" }, "team_mode"},
		{"mix weight out of range", func(p *Period) { p.Week.MixWeight = 1001 }, "mix_weight"},
	}
	before := checksum(t, st)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			c.edit(&p)
			err := st.SavePeriod(ctx, &p)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("save = %v, want a ValidationError", err)
			}
			if f, ok := ve.Field(c.field); !ok || f.Message() == "" || f.Key == "" {
				t.Errorf("no message for %s in %v", c.field, ve)
			}
		})
	}
	if checksum(t, st) != before {
		t.Error("a refused period changed the database")
	}
	edge := base()
	edge.Week.TeamMin, edge.Week.TeamMax, edge.Week.TravelMinutes = 1, 12, 240
	if err := st.SavePeriod(ctx, &edge); err != nil {
		t.Errorf("the edges 1, 12, 240 are allowed: %v", err)
	}
}

// TestMigrationKeepsBlocks: a version-1 database with offer days is
// upgraded; the days keep their keys, get teams_max 1, and a second block
// on the same day becomes possible.
func TestMigrationKeepsBlocks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = saved[:1]
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	host := Organisation{Kind: KindCompany, Name: "Gammelgårdens Smide AB"}
	mustT(t)(st.SaveOrganisation(ctx, &host))
	var periodID string
	now := "2026-01-01T00:00:00.000Z"
	periodID = "p1"
	for _, q := range []string{
		`INSERT INTO periods (id, name, grade, start_date, end_date, created_at, updated_at) VALUES ('p1', 'Åk 9 v. 46', 9, '2026-11-09', '2026-11-13', '` + now + `', '` + now + `')`,
		`INSERT INTO offers (id, host_id, period_id, title, capacity, created_at, updated_at) VALUES ('o1', '` + host.ID + `', 'p1', 'Smide', 2, '` + now + `', '` + now + `')`,
		`INSERT INTO offer_days (id, offer_id, date, start_time, end_time, created_at, updated_at) VALUES ('d1', 'o1', '2026-11-09', '08:00', '12:00', '` + now + `', '` + now + `')`,
	} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	migrations = saved
	st, err = Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	o, err := st.GetOffer(ctx, "o1")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Days) != 1 || o.Days[0].ID != "d1" || o.Days[0].TeamsMax != 1 {
		t.Fatalf("days after upgrade: %+v", o.Days)
	}
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil || p.Format != FormatClassic || p.Week != DefaultWeekSettings() {
		t.Fatalf("period after upgrade: %+v, %v", p, err)
	}
	o.Days = append(o.Days, OfferDay{Date: mustDate("2026-11-09"), Start: 13 * 60, End: 16 * 60})
	if err := st.SaveOffer(ctx, &o); err != nil {
		t.Fatalf("a second block on one day: %v", err)
	}
	if o.Days[0].ID != "d1" {
		t.Errorf("the first block lost its key: %+v", o.Days)
	}
}

func TestOfferBlocksKeepTheirKeys(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	o := w.offers[0]
	ids := []string{o.Days[0].ID, o.Days[1].ID, o.Days[2].ID, o.Days[3].ID}
	rm := o.RoleModelIDs[0]

	// The host form gives days without keys: they keep theirs by date and start.
	o.Days = []OfferDay{
		{Date: mustDate("2026-11-09"), Start: 8*60 + 30, End: 12 * 60, TeamsMax: 2, RoleModelIDs: []string{rm}},
		{Date: mustDate("2026-11-10"), Start: 8*60 + 30, End: 12 * 60},
		{Date: mustDate("2026-11-10"), Start: 13 * 60, End: 16 * 60},
		{Date: mustDate("2026-11-11"), Start: 8*60 + 30, End: 12 * 60},
	}
	mustT(t)(st.SaveOffer(ctx, &o))
	got, err := st.GetOffer(ctx, o.ID)
	mustT(t)(err)
	if len(got.Days) != 4 || got.Days[0].ID != ids[0] || got.Days[1].ID != ids[1] || got.Days[3].ID != ids[2] {
		t.Fatalf("keys not kept: %+v (had %v)", got.Days, ids)
	}
	if got.Days[2].ID == "" || got.Days[2].ID == ids[3] {
		t.Errorf("the new afternoon block has key %q", got.Days[2].ID)
	}
	if got.Days[0].TeamsMax != 2 || !reflect.DeepEqual(got.Days[0].RoleModelIDs, []string{rm}) || got.Days[1].TeamsMax != 1 {
		t.Errorf("teams_max and role models: %+v", got.Days)
	}
	// Zero TeamsMax and nil role models keep what is stored; a moved start
	// keeps the key given.
	got.Days[0].TeamsMax, got.Days[0].RoleModelIDs = 0, nil
	got.Days[3].Start = 9 * 60
	mustT(t)(st.SaveOffer(ctx, &got))
	again, _ := st.GetOffer(ctx, o.ID)
	if again.Days[0].TeamsMax != 2 || len(again.Days[0].RoleModelIDs) != 1 || again.Days[3].ID != ids[2] || again.Days[3].Start != 9*60 {
		t.Errorf("after a second save: %+v", again.Days)
	}

	bad := []struct {
		name string
		days []OfferDay
		key  string
	}{
		{"same date and start twice", []OfferDay{{Date: mustDate("2026-11-09"), Start: 480, End: 600}, {Date: mustDate("2026-11-09"), Start: 480, End: 700}}, "err.duplicate_day"},
		{"overlapping blocks", []OfferDay{{Date: mustDate("2026-11-09"), Start: 480, End: 720}, {Date: mustDate("2026-11-09"), Start: 600, End: 800}}, "err.blocks_overlap"},
		{"teams_max too big", []OfferDay{{Date: mustDate("2026-11-09"), Start: 480, End: 720, TeamsMax: 51}}, "err.teams_max"},
	}
	before := checksum(t, st)
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			x := again
			x.Days = c.days
			err := st.SaveOffer(ctx, &x)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Fields[0].Key != c.key {
				t.Fatalf("save = %v, want %s", err, c.key)
			}
		})
	}
	if checksum(t, st) != before {
		t.Error("a refused offer changed the database")
	}
}

// TestPeopleTheyMeetAreRoleModels: a person linked to an offer, or to one
// of its blocks, as someone the pupils meet gets the role of role model,
// and Översikt counts them; a person not linked does not. Found by use.
func TestPeopleTheyMeetAreRoleModels(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	co := Organisation{Kind: KindCompany, Name: "Bergslagens Kraft AB"}
	mustT(t)(st.SaveOrganisation(ctx, &co))
	person := func(first string, roles ...Role) Person {
		p := Person{OrganisationID: co.ID, FirstName: first, LastName: "Ek", Roles: roles}
		mustT(t)(st.SavePerson(ctx, &p))
		return p
	}
	karin, oskar, lisa := person("Karin", RoleSupervisor), person("Oskar"), person("Lisa", RoleHR)
	per := Period{Name: "Teknikprao åk 8 v. 51 2026", Grade: 8, Format: FormatWeek, Start: mustDate("2026-12-14"), End: mustDate("2026-12-18")}
	mustT(t)(st.SavePeriod(ctx, &per))
	o := Offer{HostID: co.ID, PeriodID: per.ID, Title: "Elnät", Capacity: 6, RoleModelIDs: []string{karin.ID},
		Days: []OfferDay{{Date: mustDate("2026-12-14"), Start: 8*60 + 30, End: 12 * 60, TeamsMax: 1, RoleModelIDs: []string{oskar.ID}}}}
	mustT(t)(st.SaveOffer(ctx, &o))
	for _, c := range []struct {
		p    Person
		want bool
	}{{karin, true}, {oskar, true}, {lisa, false}} {
		got, err := st.GetPerson(ctx, c.p.ID)
		mustT(t)(err)
		if slices.Contains(got.Roles, RoleRoleModel) != c.want {
			t.Errorf("%s: roles %v, role model %v", got.FirstName, got.Roles, c.want)
		}
	}
	if !slices.Contains(func() []Role { p, _ := st.GetPerson(ctx, karin.ID); return p.Roles }(), RoleSupervisor) {
		t.Error("Karin lost her other role")
	}
	ov, err := st.Overview(ctx)
	mustT(t)(err)
	if ov.RoleModels != 2 {
		t.Errorf("Översikt counts %d role models, want 2", ov.RoleModels)
	}
}

// TestPeriodHeld: genomförd and arkiverad are held; the statuses before
// are not.
func TestPeriodHeld(t *testing.T) {
	for _, st := range PeriodStatuses {
		want := st == PeriodDone || st == PeriodArchived
		if got := (Period{Status: st}).Held(); got != want {
			t.Errorf("%s: Held() = %v, want %v", st, got, want)
		}
	}
}
