package files

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

func TestCalendarsAreSavedOffTheUIGoroutine(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	events, _ := st.ListEvents(ctx)
	if len(docs) == 0 || len(events) == 0 {
		t.Fatal("no demo data")
	}
	m := uitest.NewShell(t, st)
	dir := t.TempDir()

	job, err := eventCalendarJob(m, st, events[0].ID)
	if err != nil || !strings.HasPrefix(job.name, "Kalender ") || !strings.HasSuffix(job.name, data.FormatDate(events[0].Start)+".ics") {
		t.Errorf("event file name %q (%v)", job.name, err)
	}
	job, err = pupilCalendarJob(m, st, docs[0].Pupil.ID, per.ID)
	if err != nil || !strings.Contains(job.name, docs[0].Pupil.FirstName) || !strings.HasSuffix(job.name, ".ics") {
		t.Errorf("pupil file name %q (%v)", job.name, err)
	}

	type result struct {
		msg string
		err error
	}
	got := make([]result, 4) // the saves run at the same time: each has its own slot
	n := 0
	done := func(i int) func(string, error) {
		return func(msg string, err error) { got[i] = result{msg, err}; n++ }
	}
	paths := []string{filepath.Join(dir, "e.ics"), filepath.Join(dir, "o.ics"), filepath.Join(dir, "p.ics"), filepath.Join(dir, "x.ics")}
	saveEventCalendarTo(m, events[0].ID, paths[0], done(0))
	saveOfferCalendarTo(m, docs[0].Offer.ID, paths[1], done(1))
	savePupilCalendarTo(m, docs[0].Pupil.ID, per.ID, paths[2], done(2))
	other := data.Period{Name: "Tom period", Grade: 9, Start: per.Start.AddDate(1, 0, 0), End: per.End.AddDate(1, 0, 0)}
	if err := st.SavePeriod(ctx, &other); err != nil {
		t.Fatal(err)
	}
	savePupilCalendarTo(m, docs[0].Pupil.ID, other.ID, paths[3], done(3))
	m.Wait(t)
	if n != 4 {
		t.Fatalf("%d results, want 4", n)
	}
	for i, r := range got[:3] {
		if r.err != nil || !strings.Contains(r.msg, paths[i]) {
			t.Errorf("save %d: %q, %v", i, r.msg, r.err)
			continue
		}
		b, err := os.ReadFile(paths[i])
		if err != nil || !strings.HasPrefix(string(b), "BEGIN:VCALENDAR\r\n") || !strings.Contains(string(b), "BEGIN:VEVENT") {
			t.Errorf("%s: %v\n%s", paths[i], err, b)
		}
	}
	if got[3].err == nil || !strings.Contains(got[3].err.Error(), "ingen praoplats") {
		t.Errorf("a pupil without a placement: %v", got[3].err)
	}
	if _, err := os.Stat(paths[3]); err == nil {
		t.Error("a calendar was written for a pupil without a placement")
	}
	if m.App().Preferences().String(prefCalendarFolder) != dir {
		t.Error("the folder is not remembered")
	}
	log, _ := st.ListAudit(ctx)
	logged := map[string]bool{}
	for _, e := range log {
		logged[e.What] = true
	}
	if !logged[paths[2]] || logged[paths[0]] {
		t.Errorf("audit log %v: want the pupil's calendar, not the event's", logged)
	}
}
