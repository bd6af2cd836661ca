package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/rotation"
)

// cliRun runs techniqual with args and returns the exit code, stdout and stderr.
func cliRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb, nil)
	return code, out.String(), errb.String()
}

// weekDemo writes example data (60 pupils) and returns its path and the
// names of its teknikprao weeks.
func weekDemo(t *testing.T) (string, []string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var weeks []string
	for _, p := range ps {
		if p.Format == data.FormatWeek {
			weeks = append(weeks, p.Name)
		}
	}
	if len(weeks) < 3 {
		t.Fatalf("the example data has %d teknikprao weeks", len(weeks))
	}
	return path, weeks
}

func TestListPeriodsPrintsTheFormat(t *testing.T) {
	db, weeks := weekDemo(t)
	code, out, errs := cliRun("list", "periods", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			t.Fatalf("%q has %d columns, want 6", line, len(f))
		}
		want := "classic"
		if slices.Contains(weeks, f[0]) {
			want = "week"
			n++
		}
		if f[5] != want {
			t.Errorf("%s: format %q, want %q", f[0], f[5], want)
		}
	}
	if n != len(weeks) {
		t.Errorf("%d weeks listed, want %d", n, len(weeks))
	}
}

// planJSON is the contract's shape of rotation plan --json.
type planJSON struct {
	Period string `json:"period"`
	Blocks []struct {
		HostID   string `json:"host_id"`
		Host     string `json:"host"`
		Date     string `json:"date"`
		Start    string `json:"start"`
		End      string `json:"end"`
		TeamsMax int    `json:"teams_max"`
	} `json:"blocks"`
	Teams []struct {
		ID     string   `json:"id"`
		Group  string   `json:"group"`
		Pupils []string `json:"pupils"`
		Route  []struct {
			HostID string `json:"host_id"`
			Host   string `json:"host"`
			Date   string `json:"date"`
			Start  string `json:"start"`
			End    string `json:"end"`
		} `json:"route"`
		Why    string `json:"why"`
		Locked bool   `json:"locked"`
	} `json:"teams"`
	Unteamed []struct {
		Pupil string `json:"pupil"`
		Why   string `json:"why"`
	} `json:"unteamed"`
	Closing *struct {
		Date  string `json:"date"`
		Start string `json:"start"`
		Venue string `json:"venue"`
	} `json:"closing"`
}

// plan runs rotation plan --json and decodes it, checking that the
// contract's keys are there and no array is null.
func plan(t *testing.T, db, period string, extra ...string) (planJSON, string) {
	t.Helper()
	code, out, errs := cliRun(append([]string{"rotation", "plan", "--db", db, "--period", period, "--json"}, extra...)...)
	if code != exitOK {
		t.Fatalf("rotation plan %s: exit %d: %s", period, code, errs)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"period", "blocks", "teams", "unteamed", "closing"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	for _, k := range []string{"blocks", "teams", "unteamed"} {
		if string(raw[k]) == "null" {
			t.Errorf("%q is null, want []", k)
		}
	}
	var p planJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	return p, out
}

func TestRotationPlanJSONOnTheDemoWeeks(t *testing.T) {
	db, weeks := weekDemo(t)
	ctx := context.Background()
	for _, name := range weeks {
		t.Run(name, func(t *testing.T) {
			p, first := plan(t, db, name)
			if _, again := plan(t, db, name); again != first {
				t.Error("two runs on the same input print different JSON")
			}
			st, err := data.Open(ctx, db, data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			per, err := st.FindPeriod(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			in, idx, err := st.RotationInput(ctx, per.ID)
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(idx.PupilIDs) == 0 || len(p.Teams) == 0 {
				t.Fatalf("%d pupils, %d teams: nothing to check", len(idx.PupilIDs), len(p.Teams))
			}
			if p.Period != name || len(p.Blocks) != len(in.Blocks) {
				t.Errorf("period %q with %d blocks, want %q with %d", p.Period, len(p.Blocks), name, len(in.Blocks))
			}
			if p.Closing == nil || p.Closing.Venue == "" || len(p.Closing.Date) != 10 || len(p.Closing.Start) != 5 {
				t.Errorf("closing = %+v", p.Closing)
			}
			gender := map[string]rotation.Gender{}
			for i, pu := range in.Pupils {
				gender[idx.PupilIDs[i]] = pu.Gender
			}
			teamsMax := map[string]int{}
			for _, b := range p.Blocks {
				teamsMax[b.HostID+b.Date+b.Start] = b.TeamsMax
				if len(b.Date) != 10 || len(b.Start) != 5 || len(b.End) != 5 || b.HostID == "" || b.Host == "" {
					t.Errorf("block %+v", b)
				}
			}
			seen := map[string]int{}
			use := map[string]int{}
			ids := map[string]bool{}
			for _, tm := range p.Teams {
				if tm.ID == "" || ids[tm.ID] || tm.Group == "" {
					t.Errorf("team id %q (group %q) empty or twice", tm.ID, tm.Group)
				}
				ids[tm.ID] = true
				if n := len(tm.Pupils); n < per.Week.TeamMin || n > per.Week.TeamMax {
					t.Errorf("team %s: %d pupils, want %d–%d", tm.ID, n, per.Week.TeamMin, per.Week.TeamMax)
				}
				girls, boys := 0, 0
				for _, pid := range tm.Pupils {
					seen[pid]++
					switch gender[pid] {
					case rotation.Girl:
						girls++
					case rotation.Boy:
						boys++
					}
				}
				if lone := girls == 1 || boys == 1; lone != (tm.Why != "") {
					t.Errorf("team %s: %d girls, %d boys, why %q", tm.ID, girls, boys, tm.Why)
				}
				hosts := map[string]bool{}
				for i, s := range tm.Route {
					use[s.HostID+s.Date+s.Start]++
					if hosts[s.HostID] {
						t.Errorf("team %s at %s twice", tm.ID, s.Host)
					}
					hosts[s.HostID] = true
					for _, o := range tm.Route[:i] {
						if o.Date == s.Date && o.Start < s.End && s.Start < o.End {
							t.Errorf("team %s: two blocks at once on %s", tm.ID, s.Date)
						}
					}
				}
			}
			for k, n := range use {
				if n > teamsMax[k] {
					t.Errorf("block %s: %d teams, at most %d", k, n, teamsMax[k])
				}
			}
			for _, u := range p.Unteamed {
				seen[u.Pupil]++
				if u.Why == "" {
					t.Errorf("unteamed %s without a reason", u.Pupil)
				}
			}
			for _, id := range idx.PupilIDs {
				if seen[id] != 1 {
					t.Errorf("pupil %s is %d times in the plan", id, seen[id])
				}
			}
			if len(seen) != len(idx.PupilIDs) {
				t.Errorf("%d pupils in the plan, %d in the week", len(seen), len(idx.PupilIDs))
			}
		})
	}
}

func TestRotationPlanSaveKeepsLocks(t *testing.T) {
	db, weeks := weekDemo(t)
	ctx := context.Background()
	name := weeks[len(weeks)-1]
	saved, _ := plan(t, db, name, "--save")
	teams := func() []data.Team {
		st, err := data.Open(ctx, db, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		per, err := st.FindPeriod(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		ts, err := st.ListTeams(ctx, per.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	ts := teams()
	var dbIDs, printed []string
	for _, tm := range ts {
		dbIDs = append(dbIDs, tm.ID)
	}
	for _, tm := range saved.Teams {
		printed = append(printed, tm.ID)
	}
	slices.Sort(dbIDs)
	slices.Sort(printed)
	if !slices.Equal(dbIDs, printed) {
		t.Fatalf("--save printed ids %v, the database has %v", printed, dbIDs)
	}
	locked := ts[1]
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetTeamLocked(ctx, locked.ID, true); err != nil {
		t.Fatal(err)
	}
	st.Close()
	again, _ := plan(t, db, name, "--save")
	found := false
	for _, tm := range again.Teams {
		if tm.ID == locked.ID {
			ps := slices.Sorted(slices.Values(tm.Pupils))
			found = tm.Locked && slices.Equal(ps, locked.PupilIDs) && len(tm.Route) == len(locked.BlockIDs)
		}
	}
	if !found {
		t.Errorf("the locked team %s is not kept as it was", locked.Name)
	}
	for _, tm := range teams() {
		if tm.ID == locked.ID && (!tm.Locked || !slices.Equal(tm.BlockIDs, locked.BlockIDs) || !slices.Equal(tm.PupilIDs, locked.PupilIDs)) {
			t.Errorf("the locked team changed: %+v", tm)
		}
	}
	// The summary without --json.
	code, out, errs := cliRun("rotation", "plan", "--db", db, "--period", name)
	if code != exitOK || !strings.Contains(out, name+": ") || !strings.Contains(out, "teams (1 locked)") || !strings.Contains(out, "pupils in teams") {
		t.Errorf("summary: exit %d\n%s%s", code, out, errs)
	}
}

func TestRotationPlanFailures(t *testing.T) {
	db, _ := weekDemo(t)
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"a classic period", []string{"--period", "Åk 9 v. 46 2026", "--json"}, exitFailure, `"Åk 9 v. 46 2026" is a classic prao period, not a teknikprao week`},
		{"an unknown period", []string{"--period", "Ingen sådan"}, exitFailure, `there is no prao period named "Ingen sådan"`},
		{"no period", nil, exitUsage, "usage"},
		{"a missing database", []string{"--period", "x", "--db", db + ".nope"}, exitFailure, "no such database"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cliRun(append([]string{"rotation", "plan", "--db", db}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.msg) || (c.code != exitOK && out != "") {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errs, c.code, c.msg)
			}
		})
	}
}

// TestRotationPlanBadInput: each bad input of the issue gets a message
// naming the host, block, group or pupil, and --save stores nothing.
func TestRotationPlanBadInput(t *testing.T) {
	ctx := context.Background()
	must := func(t *testing.T, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		edit func(t *testing.T, w *weekWorld)
		msg  string
	}{
		{"a host with no block in the week", func(t *testing.T, w *weekWorld) {
			h := data.Organisation{Kind: data.KindCompany, Name: "Tomma Verkstaden AB"}
			must(t, w.St.SaveOrganisation(ctx, &h))
			o := data.Offer{HostID: h.ID, PeriodID: w.Period.ID, Title: "Ingenting", Capacity: 1,
				Days: []data.OfferDay{{Date: day(t, "2026-11-20"), Start: 480, End: 720}}}
			must(t, w.St.SaveOffer(ctx, &o))
			w.Groups[1].OfferIDs = append(w.Groups[1].OfferIDs, o.ID)
			must(t, w.St.SaveHostGroups(ctx, w.Period.ID, w.Groups))
		}, "Tomma Verkstaden AB har inget block under veckan"},
		{"a group with fewer blocks than teams", func(t *testing.T, w *weekWorld) {
			gs, err := w.St.ListHostGroups(ctx, w.Period.ID)
			must(t, err)
			var teams []data.Team
			for i := 0; i < 5; i++ {
				teams = append(teams, data.Team{GroupID: gs[0].ID, PupilIDs: []string{w.Pupils[i].ID}})
			}
			teams[4].PupilIDs = []string{w.Pupils[4].ID, w.Pupils[5].ID, w.Pupils[6].ID, w.Pupils[7].ID}
			slices.Sort(teams[4].PupilIDs)
			must(t, w.St.SaveWeekPlan(ctx, w.Period.ID, teams, nil))
			for _, tm := range teams {
				must(t, w.St.SetTeamLocked(ctx, tm.ID, true))
			}
		}, "Gruppen Ring Sunne har 5 team, men"},
		{"a class of three pupils", func(t *testing.T, w *weekWorld) {
			for _, n := range []string{"Jon", "Kim", "Liv"} {
				p := data.Pupil{SchoolID: w.School.ID, FirstName: n, LastName: "Testsson", ClassName: "9C", Grade: 9}
				must(t, w.St.SavePupil(ctx, &p))
			}
			w.Period.Week.TeamMode = data.TeamModeClass
			must(t, w.St.SavePeriod(ctx, &w.Period))
		}, "Klassen 9C på Västanvindsskolan har bara 3 elever"},
		{"a pupil in no group's team", func(t *testing.T, w *weekWorld) {
			// One route only (one block per host, a day each): one team of
			// at most six, so two of the eight pupils stay out.
			for h := 0; h < 4; h++ {
				o := w.Offers[h]
				o.Days = o.Days[h : h+1]
				must(t, w.St.SaveOffer(ctx, &o))
			}
			must(t, w.St.SaveHostGroups(ctx, w.Period.ID, w.Groups[:1]))
		}, "Testsson (9"},
		{"no host groups", func(t *testing.T, w *weekWorld) {
			must(t, w.St.SaveHostGroups(ctx, w.Period.ID, nil))
		}, "Veckan har inga värdgrupper ännu"},
		{"a block that breaks the working-time rules", func(t *testing.T, w *weekWorld) {
			o := w.Offers[4]
			o.Status = data.OfferSubmitted
			o.Days[0].Start = 7 * 60 // 07:00–12:00 without a break
			must(t, w.St.SaveOffer(ctx, &o))
		}, "Blocket Vänerns Data AB, 2026-11-09 07:00–12:00 bryter mot arbetstidsreglerna"},
		{"a closing session outside the week", func(t *testing.T, w *weekWorld) {
			w.Closing.Start = time.Date(2026, 11, 16, 9, 0, 0, 0, data.Stockholm)
			w.Closing.End = w.Closing.Start.Add(3 * time.Hour)
			must(t, w.St.SaveEvent(ctx, &w.Closing))
		}, "Avslutningen Teknikveckans avslutning (2026-11-16) ligger utanför veckan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWeekWorld(t)
			c.edit(t, w)
			before := w.Checksum(t)
			w.St.Close()
			code, out, errs := cliRun("rotation", "plan", "--db", w.Path, "--period", w.Period.Name, "--save")
			if code != exitFailure {
				t.Errorf("exit %d, want %d\n%s%s", code, exitFailure, out, errs)
			}
			if !strings.Contains(errs, c.msg) || !strings.Contains(errs, "not saved") {
				t.Errorf("stderr %q lacks %q", errs, c.msg)
			}
			if !strings.Contains(out, c.msg) {
				t.Errorf("the summary lacks %q:\n%s", c.msg, out)
			}
			st, err := data.Open(ctx, w.Path, data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if got, err := st.ContentChecksum(ctx); err != nil || got != before {
				t.Errorf("the database changed (%v)", err)
			}
		})
	}
}

func TestWeekDocumentsAndCalendars(t *testing.T) {
	w := newWeekWorld(t)
	w.St.Close()
	db, name := w.Path, w.Period.Name
	dir := t.TempDir()
	code, _, errs := cliRun("pdf", "week-schedules", "--db", db, "--period", name, "--out", filepath.Join(dir, "x.pdf"))
	if code != exitFailure || !strings.Contains(errs, "no plan saved yet (run: techniqual rotation plan --save)") {
		t.Fatalf("without a plan: exit %d, %q", code, errs)
	}
	if code, _, errs := cliRun("rotation", "plan", "--db", db, "--period", name, "--save"); code != exitOK ||
		!strings.Contains(errs, "the closing session's list: 8 pupils added, 0 already on it, 0 on the waitlist") {
		t.Fatalf("rotation plan --save: exit %d: %s", code, errs)
	}
	for _, kind := range []string{"week-schedules", "team-sheets", "host-runsheets", "host-feedback", "attendance"} {
		out := filepath.Join(dir, kind+".pdf")
		code, stdout, errs := cliRun("pdf", kind, "--db", db, "--period", name, "--out", out, "--lang", "en")
		if code != exitOK || !strings.HasPrefix(stdout, kind+": ") {
			t.Errorf("pdf %s: exit %d, %q, %q", kind, code, stdout, errs)
			continue
		}
		txt := pdfText(t, out)
		if !strings.Contains(txt, weekHostNames[0]) {
			t.Errorf("pdf %s does not name %s", kind, weekHostNames[0])
		}
	}
	// One file per pupil of a class.
	code, stdout, errs := cliRun("pdf", "week-schedules", "--db", db, "--period", name, "--class", "9A", "--out", filepath.Join(dir, "9A")+"/")
	if code != exitOK || !strings.Contains(stdout, "4 documents, 4 pupils in 4 file(s)") {
		t.Errorf("per pupil: exit %d, %q, %q", code, stdout, errs)
	}
	// Certificates: none without attendance.
	code, _, errs = cliRun("pdf", "certificates", "--db", db, "--period", name, "--out", filepath.Join(dir, "c.pdf"))
	if code != exitFailure || !strings.Contains(errs, "has attendance recorded") {
		t.Errorf("certificates: exit %d, %q", code, errs)
	}
	// A week's document of a classic period.
	demoPath, _ := weekDemo(t)
	code, _, errs = cliRun("pdf", "team-sheets", "--db", demoPath, "--period", "Åk 9 v. 46 2026", "--out", filepath.Join(dir, "t.pdf"))
	if code != exitFailure || !strings.Contains(errs, "classic prao period") {
		t.Errorf("team sheets of a classic period: exit %d, %q", code, errs)
	}

	// Calendars: pupils, a team, a host.
	for _, c := range []struct {
		name  string
		args  []string
		code  int
		entry string
	}{
		{"pupils", nil, exitOK, "SUMMARY:Alva Testsson: Teknikprao hos"},
		{"a class", []string{"--class", "9B"}, exitOK, "LOCATION:Karlstads universitet"},
		{"a team", []string{"--team", "Ring Sunne team 1"}, exitOK, "SUMMARY:Ring Sunne team 1: "},
		{"a host", []string{"--host", weekHostNames[0]}, exitOK, "SUMMARY:Teknikprao: "},
		{"an unknown team", []string{"--team", "Team 99"}, exitFailure, ""},
		{"an unknown host", []string{"--host", "Ingen AB"}, exitFailure, ""},
		{"a team and a class", []string{"--team", "x", "--class", "9A"}, exitUsage, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name+".ics")
			code, stdout, errs := cliRun(append([]string{"ics", "--db", db, "--period", name, "--out", out}, c.args...)...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %q %q", code, c.code, stdout, errs)
			}
			if c.code != exitOK {
				return
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if s := string(b); !strings.Contains(s, c.entry) || !strings.Contains(s, "BEGIN:VEVENT") {
				t.Errorf("%s lacks %q", out, c.entry)
			}
		})
	}
	code, _, _ = cliRun("ics", "--db", demoPath, "--period", "Åk 9 v. 46 2026", "--team", "x", "--out", filepath.Join(dir, "c.ics"))
	if code != exitUsage {
		t.Errorf("--team on a classic period: exit %d", code)
	}
}
