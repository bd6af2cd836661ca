package ops

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/reports"
)

func reportJSON(t *testing.T, w WeekPlan) string {
	t.Helper()
	b, err := json.Marshal(w.Report())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkPlan checks the invariants of a plan's report: every pupil of the
// week in exactly one team or unteamed, sizes within bounds, no block over
// its teams_max, no host twice in a route, no two blocks of a route at
// once, and why set exactly when a girl or a boy is alone.
func checkPlan(t *testing.T, w WeekPlan) {
	t.Helper()
	r := w.Report()
	seen := map[string]int{}
	for _, tm := range r.Teams {
		for _, p := range tm.Pupils {
			seen[p]++
		}
		if n := len(tm.Pupils); !tm.Locked && (n < w.Period.Week.TeamMin || n > w.Period.Week.TeamMax) {
			t.Errorf("team %s has %d pupils, want %d–%d", tm.Name, n, w.Period.Week.TeamMin, w.Period.Week.TeamMax)
		}
		hosts := map[string]bool{}
		for i, s := range tm.Route {
			if hosts[s.HostID] {
				t.Errorf("team %s visits %s twice", tm.Name, s.Host)
			}
			hosts[s.HostID] = true
			for _, o := range tm.Route[:i] {
				if o.Date == s.Date && o.Start < s.End && s.Start < o.End {
					t.Errorf("team %s: %s %s and %s overlap", tm.Name, s.Date, s.Start, o.Start)
				}
			}
		}
		if lone := tm.Girls == 1 || tm.Boys == 1; lone != (tm.Why != "") {
			t.Errorf("team %s: %d girls, %d boys, why %q", tm.Name, tm.Girls, tm.Boys, tm.Why)
		}
	}
	for _, u := range r.Unteamed {
		seen[u.Pupil]++
		if u.Why == "" {
			t.Errorf("pupil %s is unteamed without a reason", u.Pupil)
		}
	}
	for _, id := range w.Index.PupilIDs {
		if seen[id] != 1 {
			t.Errorf("pupil %s is %d times in the plan", id, seen[id])
		}
	}
	if len(seen) != len(w.Index.PupilIDs) {
		t.Errorf("%d pupils in the plan, %d in the week", len(seen), len(w.Index.PupilIDs))
	}
	for _, b := range r.Blocks {
		if b.Teams > b.TeamsMax {
			t.Errorf("block %s %s %s has %d teams, at most %d", b.Host, b.Date, b.Start, b.Teams, b.TeamsMax)
		}
	}
}

func TestPlanWeekSavesAndKeepsLocks(t *testing.T) {
	w := newWeekWorld(t)
	before := w.Checksum(t)
	a, err := PlanWeek(ctx, w.St, w.Period.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if a.Saved || w.Checksum(t) != before {
		t.Fatal("a plan without save changed the database")
	}
	if len(a.Blocking()) > 0 {
		t.Fatalf("the fixture's week has problems: %+v", a.Blocking())
	}
	checkPlan(t, a)
	b, err := PlanWeek(ctx, w.St, w.Period.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if reportJSON(t, a) != reportJSON(t, b) {
		t.Errorf("the same input planned twice gives two plans:\n%s\n%s", reportJSON(t, a), reportJSON(t, b))
	}
	r := a.Report()
	if r.Closing == nil || r.Closing.Date != "2026-11-13" || r.Closing.Start != "09:00" || r.Closing.Venue != "Karlstads universitet" {
		t.Errorf("closing = %+v", r.Closing)
	}
	if len(r.Blocks) != 24 {
		t.Errorf("%d blocks, want 6 hosts × 4", len(r.Blocks))
	}

	saved, err := PlanWeek(ctx, w.St, w.Period.ID, true)
	if err != nil || !saved.Saved {
		t.Fatalf("save: %v, %v, %+v", err, saved.SaveError, saved.Blocking())
	}
	teams, err := w.St.ListTeams(ctx, w.Period.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids, printed []string
	for _, tm := range teams {
		ids = append(ids, tm.ID)
	}
	for _, tm := range saved.Report().Teams {
		printed = append(printed, tm.ID)
	}
	slices.Sort(ids)
	slices.Sort(printed)
	if !slices.Equal(ids, printed) {
		t.Errorf("printed team ids %v, saved %v", printed, ids)
	}

	// Planning the saved week again gives the same teams, with their keys.
	replan, err := PlanWeek(ctx, w.St, w.Period.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	var again0 []string
	for _, tm := range replan.Report().Teams {
		again0 = append(again0, tm.ID)
	}
	slices.Sort(again0)
	if !slices.Equal(again0, ids) {
		t.Errorf("re-planned team ids %v, saved %v", again0, ids)
	}

	// Lock the first team; planning again keeps it, its pupils and route.
	lockedTeam := teams[0]
	if err := w.St.SetTeamLocked(ctx, lockedTeam.ID, true); err != nil {
		t.Fatal(err)
	}
	again, err := PlanWeek(ctx, w.St, w.Period.ID, true)
	if err != nil || !again.Saved {
		t.Fatalf("re-plan: %v, %v", err, again.SaveError)
	}
	checkPlan(t, again)
	kept, err := w.St.GetTeam(ctx, lockedTeam.ID)
	if err != nil {
		t.Fatalf("the locked team is gone: %v", err)
	}
	if !kept.Locked || !slices.Equal(kept.PupilIDs, lockedTeam.PupilIDs) || !slices.Equal(kept.BlockIDs, lockedTeam.BlockIDs) {
		t.Errorf("locked team changed: %+v, was %+v", kept, lockedTeam)
	}
	found := false
	for _, tm := range again.Report().Teams {
		if tm.ID == lockedTeam.ID {
			found = tm.Locked
		}
	}
	if !found {
		t.Error("the report does not show the locked team as locked")
	}
}

func TestPlanWeekOfAnEmptyWeek(t *testing.T) {
	w := newWeekWorld(t)
	p := data.Period{Name: "Tom vecka", Grade: 8, Start: day(t, "2026-11-16"), End: day(t, "2026-11-20"), Format: data.FormatWeek}
	if err := w.St.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	plan, err := PlanWeek(ctx, w.St, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	got := reportJSON(t, plan)
	for _, want := range []string{`"blocks":[]`, `"teams":[]`, `"unteamed":[]`, `"closing":null`, `"shortages":[]`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	if _, err := WeekDocuments(ctx, w.St, p.ID, data.DocFilter{}, "sv"); !errors.Is(err, ErrNoPlan) {
		t.Errorf("documents of a week without a plan: %v, want ErrNoPlan", err)
	}
}

func TestPlanWeekRefusesAClassicPeriod(t *testing.T) {
	w := newWeekWorld(t)
	p := data.Period{Name: "Klassisk", Grade: 9, Start: day(t, "2026-11-16"), End: day(t, "2026-11-20")}
	if err := w.St.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := PlanWeek(ctx, w.St, p.ID, true); !errors.Is(err, ErrClassic) {
		t.Errorf("PlanWeek = %v, want ErrClassic", err)
	}
	if _, err := WeekDocuments(ctx, w.St, p.ID, data.DocFilter{}, "sv"); !errors.Is(err, ErrClassic) {
		t.Errorf("WeekDocuments = %v, want ErrClassic", err)
	}
}

func weekPDFText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestPrintWeek(t *testing.T) {
	w := newWeekWorld(t)
	dir := t.TempDir()
	if _, err := PrintWeek(ctx, w.St, WeekPrint{Kind: reports.KindWeekSchedules, Period: w.Period, Path: filepath.Join(dir, "x.pdf")}); !errors.Is(err, ErrNoPlan) {
		t.Fatalf("without a plan: %v, want ErrNoPlan", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a file was written without a plan")
	}
	if p, err := PlanWeek(ctx, w.St, w.Period.ID, true); err != nil || !p.Saved {
		t.Fatalf("plan: %v %+v", err, p.Blocking())
	}
	// A protected pupil: never by name on a run-sheet or team sheet.
	prot := w.Pupils[2]
	prot.Protected = true
	if err := w.St.SavePupil(ctx, &prot); err != nil {
		t.Fatal(err)
	}
	d, err := WeekDocuments(ctx, w.St, w.Period.ID, data.DocFilter{}, "sv")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pupils) != len(w.Pupils) || len(d.Teams) == 0 || len(d.Hosts) != len(w.Hosts) || len(d.Feedback) != len(w.Hosts) {
		t.Fatalf("docs: %d pupils, %d teams, %d hosts, %d feedback", len(d.Pupils), len(d.Teams), len(d.Hosts), len(d.Feedback))
	}

	for _, kind := range []reports.WeekKind{reports.KindWeekSchedules, reports.KindTeamSheets, reports.KindHostRunsheets,
		reports.KindWeekAttendance, reports.KindHostFeedback} {
		path := filepath.Join(dir, string(kind)+".pdf")
		res, err := PrintWeek(ctx, w.St, WeekPrint{Kind: kind, Period: w.Period, Path: path, Options: reports.Options{Lang: "sv"}})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		txt := weekPDFText(t, path)
		switch kind {
		case reports.KindHostRunsheets, reports.KindTeamSheets:
			if strings.Contains(txt, prot.FirstName) {
				t.Errorf("%s names the protected pupil %s", kind, prot.FirstName)
			}
			if !strings.Contains(txt, "Elev via skolan") {
				t.Errorf("%s lacks \"Elev via skolan\"", kind)
			}
		}
		if kind != reports.KindHostFeedback && len(res.PupilIDs) != len(w.Pupils) {
			t.Errorf("%s: %d pupils recorded, want %d", kind, len(res.PupilIDs), len(w.Pupils))
		}
	}
	// Each pupil's schedule names every host of the route and the closing.
	for _, p := range d.Pupils {
		path := filepath.Join(dir, "p-"+p.Pupil.ID+".pdf")
		if _, err := PrintWeek(ctx, w.St, WeekPrint{Kind: reports.KindWeekSchedules, Period: w.Period, Filter: data.DocFilter{PupilID: p.Pupil.ID}, Path: path}); err != nil {
			t.Fatal(err)
		}
		txt := weekPDFText(t, path)
		if len(p.Route) == 0 {
			t.Errorf("%s has no route", p.Pupil.Name())
		}
		for _, b := range p.Route {
			if !strings.Contains(txt, b.Host.Name) {
				t.Errorf("%s's schedule lacks %s", p.Pupil.Name(), b.Host.Name)
			}
		}
		if !strings.Contains(txt, "Karlstads universitet") || !strings.Contains(txt, p.Pupil.Name()) {
			t.Errorf("%s's schedule lacks the closing venue or the name", p.Pupil.Name())
		}
	}
	// Each host's run-sheet names each of its teams' blocks.
	for _, h := range d.Hosts {
		sub := filepath.Join(dir, "hosts")
		paths, err := reports.WriteWeekFiles(sub, reports.KindHostRunsheets, reports.WeekDocs{Hosts: []reports.HostRunsheet{h}}, reports.Options{})
		if err != nil || len(paths) != 1 {
			t.Fatalf("%s: %v %v", h.Host.Name, paths, err)
		}
		txt := weekPDFText(t, paths[0])
		for _, b := range h.Blocks {
			for _, tm := range b.Teams {
				if !strings.Contains(txt, tm.Name) {
					t.Errorf("%s's run-sheet lacks team %s", h.Host.Name, tm.Name)
				}
			}
			when := map[int]string{9: "måndag 9 november", 10: "tisdag 10 november", 11: "onsdag 11 november", 12: "torsdag 12 november"}[b.Block.Date.Day()]
			if len(b.Teams) > 0 && !strings.Contains(txt, when+", 08:30–12:00") {
				t.Errorf("%s's run-sheet lacks the block %s", h.Host.Name, when)
			}
		}
		os.RemoveAll(sub)
	}
	// The audit log holds every print.
	log, err := w.St.ListAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) < 5 {
		t.Errorf("%d audit entries, want one per print", len(log))
	}
	// Certificates need attendance.
	if _, err := PrintWeek(ctx, w.St, WeekPrint{Kind: reports.KindWeekCertificates, Period: w.Period, Path: filepath.Join(dir, "c.pdf")}); !errors.Is(err, reports.ErrNothing) {
		t.Errorf("certificates without attendance: %v", err)
	}
}

func TestSaveWeekCalendar(t *testing.T) {
	w := newWeekWorld(t)
	if p, err := PlanWeek(ctx, w.St, w.Period.ID, true); err != nil || !p.Saved {
		t.Fatalf("plan: %v", err)
	}
	teams, err := w.St.ListTeams(ctx, w.Period.ID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	o := calendar.Options{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name   string
		c      WeekCalendar
		events int
		pupils int
	}{
		{"one pupil", WeekCalendar{Filter: data.DocFilter{PupilID: teams[0].PupilIDs[0]}}, len(teams[0].BlockIDs) + 1, 1},
		{"a team", WeekCalendar{Team: teams[0].Name}, len(teams[0].BlockIDs) + 1, len(teams[0].PupilIDs)},
		{"a host", WeekCalendar{HostID: w.Hosts[0].ID}, 4, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.c.PeriodID = w.Period.ID
			path := filepath.Join(dir, c.name+".ics")
			n, err := SaveWeekCalendar(ctx, w.St, c.c, path, o)
			if err != nil {
				t.Fatal(err)
			}
			if c.pupils >= 0 && n != c.pupils {
				t.Errorf("%d pupils, want %d", n, c.pupils)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(cal.Events()); got != c.events {
				t.Errorf("%d events, want %d", got, c.events)
			}
		})
	}
	if _, err := SaveWeekCalendar(ctx, w.St, WeekCalendar{PeriodID: w.Period.ID, Team: "Team 99"}, filepath.Join(dir, "x.ics"), o); err == nil {
		t.Error("a calendar for a team that is not there")
	}
}

// TestPlanWeekKeepsAFinishedWeeksPlan: a done or archived week's saved
// plan (which its documents, attendance and feedback hang on) is never
// replaced; a dry run still prints a plan.
func TestPlanWeekKeepsAFinishedWeeksPlan(t *testing.T) {
	for _, status := range []data.PeriodStatus{data.PeriodDone, data.PeriodArchived} {
		t.Run(string(status), func(t *testing.T) {
			w := newWeekWorld(t)
			if _, err := PlanWeek(ctx, w.St, w.Period.ID, true); err != nil {
				t.Fatal(err)
			}
			if err := w.St.SetPeriodStatus(ctx, w.Period.ID, status); err != nil {
				t.Fatal(err)
			}
			before := w.Checksum(t)
			if _, err := PlanWeek(ctx, w.St, w.Period.ID, true); !errors.Is(err, ErrFinished) {
				t.Errorf("PlanWeek(save) on a %s week = %v, want ErrFinished", status, err)
			}
			if _, err := PlanWeek(ctx, w.St, w.Period.ID, false); err != nil {
				t.Errorf("a dry run of a %s week: %v", status, err)
			}
			if w.Checksum(t) != before {
				t.Error("the finished week's database changed")
			}
		})
	}
}

// TestPlanWeekAfterALockedPupilLeft: a pupil deleted after being locked
// to a team does not stop the week from being planned and saved again.
func TestPlanWeekAfterALockedPupilLeft(t *testing.T) {
	w := newWeekWorld(t)
	a, err := PlanWeek(ctx, w.St, w.Period.ID, true)
	if err != nil || !a.Saved {
		t.Fatalf("first save: %v, saved %v, %+v", err, a.Saved, a.Report().Problems)
	}
	teams, err := w.St.ListTeams(ctx, w.Period.ID)
	if err != nil || len(teams) == 0 {
		t.Fatalf("teams: %v, %d", err, len(teams))
	}
	gone := teams[0].PupilIDs[0]
	if err := w.St.SetTeamPupilLocked(ctx, teams[0].ID, gone, true); err != nil {
		t.Fatal(err)
	}
	if err := w.St.DeletePupil(ctx, gone); err != nil {
		t.Fatal(err)
	}
	b, err := PlanWeek(ctx, w.St, w.Period.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if b.SaveError != nil {
		t.Fatalf("re-plan refused: %v", b.SaveError)
	}
	for _, tm := range b.Report().Teams {
		if slices.Contains(tm.Pupils, gone) {
			t.Errorf("team %s still holds the deleted pupil", tm.Name)
		}
	}
}
