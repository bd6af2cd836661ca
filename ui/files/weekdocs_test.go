package files

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/reports"
	"techniqual/ui/internal/uitest"
)

// TestPrintWeekFromTheWindow prints a teknikprao week's documents and
// calendars the way the Teknikprao screen asks the shell to: through ops,
// with an audit entry, and a host's name in the run-sheets.
func TestPrintWeekFromTheWindow(t *testing.T) {
	ctx := context.Background()
	st, p, blocks := exampleWeek(t)
	teams, err := st.ListTeams(ctx, p.ID)
	if err != nil || len(teams) == 0 {
		t.Fatal(teams, err)
	}
	m := uitest.NewShell(t, st)
	dir := t.TempDir()
	for _, kind := range []reports.WeekKind{reports.KindHostRunsheets, reports.KindWeekSchedules, reports.KindTeamSheets} {
		path := filepath.Join(dir, string(kind)+".pdf")
		var msg string
		var gotErr error
		printWeekTo(m, p.ID, kind, path, func(s string, err error) { msg, gotErr = s, err })
		m.Wait(t)
		if gotErr != nil {
			t.Fatalf("%s: %v", kind, gotErr)
		}
		if _, err := os.Stat(path); err != nil || !strings.Contains(msg, path) {
			t.Fatalf("%s: %v, message %q", kind, err, msg)
		}
		if kind != reports.KindHostRunsheets {
			continue
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Log("no pdftotext: the text is not checked")
			continue
		}
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil || !strings.Contains(string(out), blocks[0].HostName) {
			t.Errorf("run-sheets lack %q: %v", blocks[0].HostName, err)
		}
	}
	log, _ := st.ListAudit(ctx)
	if len(log) != 3 {
		t.Errorf("%d audit entries, want 3", len(log))
	}
	cases := []struct{ who, key, file string }{
		{"pupils", "", "elever.ics"}, {"team", teams[0].Name, "lag.ics"}, {"host", blocks[0].HostID, "vard.ics"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.file)
		var gotErr error
		saveWeekCalendarTo(m, p.ID, c.who, c.key, path, func(_ string, err error) { gotErr = err })
		m.Wait(t)
		b, err := os.ReadFile(path)
		if gotErr != nil || err != nil || !strings.Contains(string(b), "BEGIN:VEVENT") {
			t.Errorf("%s calendar: %v, %v", c.who, gotErr, err)
		}
	}
	// A team the plan does not have is refused with its name, in Swedish.
	var gotErr error
	saveWeekCalendarTo(m, p.ID, "team", "Team 99", filepath.Join(dir, "x.ics"), func(_ string, err error) { gotErr = err })
	m.Wait(t)
	if gotErr == nil || !strings.Contains(gotErr.Error(), "Team 99") {
		t.Errorf("unknown team: %v", gotErr)
	}
}

// TestWeekCertificatesAskDuringTheWeek: printing a week's certificates
// from the Teknikprao screen before the week is over asks first.
func TestWeekCertificatesAskDuringTheWeek(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	p, err := st.FindPeriod(ctx, "Teknikprao åk 8 v. 20 2027")
	if err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	m.SetNow(p.Start.Add(36 * time.Hour))
	PrintWeek(m, p.ID, reports.KindWeekCertificates)
	m.Wait(t)
	top := m.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question before a week's certificates during the week")
	}
	if text := strings.Join(uitest.LabelTexts(top), " "); !strings.Contains(text, "slutar "+data.FormatDate(p.End)) {
		t.Errorf("the question %q does not name the week's last day", text)
	}
}

// TestWeekDocumentsNameWhatPrintsAsAReplacementCharacter: found by use,
// Teknikprao → Skriv ut said nothing of a role model's emoji that printed
// as "�" on every schedule. The message after saving names it.
func TestWeekDocumentsNameWhatPrintsAsAReplacementCharacter(t *testing.T) {
	ctx := context.Background()
	st, p, blocks := exampleWeek(t)
	// Every role model of the week's first host gets an emoji.
	people, err := st.ListPeople(ctx, data.PersonFilter{OrganisationID: blocks[0].HostID})
	if err != nil {
		t.Fatal(err)
	}
	renamed := ""
	for _, pe := range people {
		if pe.HasRole(data.RoleRoleModel) {
			pe.LastName += " 🤖"
			if err := st.SavePerson(ctx, &pe); err != nil {
				t.Fatal(err)
			}
			renamed = pe.Name()
		}
	}
	if renamed == "" {
		t.Fatal("the host has no role model")
	}
	m := uitest.NewShell(t, st)
	var msg string
	var gotErr error
	printWeekTo(m, p.ID, reports.KindWeekSchedules, filepath.Join(t.TempDir(), "scheman.pdf"), func(s string, err error) { msg, gotErr = s, err })
	m.Wait(t)
	if gotErr != nil || !strings.Contains(msg, "PDF-typsnittet inte kan visa") || !strings.Contains(msg, "🤖") {
		t.Errorf("message %q, %v (renamed %q)", msg, gotErr, renamed)
	}
}

// exampleWeek is a small example database, its coming teknikprao week and
// the week's blocks.
func exampleWeek(t *testing.T) (*data.Store, data.Period, []data.WeekBlock) {
	t.Helper()
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	p, err := st.FindPeriod(ctx, "Teknikprao åk 8 v. 20 2027")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := st.ListWeekBlocks(ctx, p.ID, false)
	if err != nil || len(blocks) == 0 {
		t.Fatal(blocks, err)
	}
	return st, p, blocks
}
