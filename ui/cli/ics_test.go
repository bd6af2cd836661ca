package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"techniqual/data"
)

// readICS parses a calendar file written by a command.
func readICS(t *testing.T, path string) *ics.Calendar {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return cal
}

func TestCmdICS(t *testing.T) {
	db, docs := demoDB(t)
	ctx := context.Background()
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	events, err := st.ListEvents(ctx)
	st.Close()
	if err != nil || len(events) == 0 {
		t.Fatalf("demo data has %d events: %v", len(events), err)
	}
	per := docs[0].Period.Name
	school := docs[0].School.Name
	h := data.GroupByOffer(docs)[0]
	dir := t.TempDir()
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := callICS(ctx, args, &out, &errb)
		return code, out.String(), errb.String()
	}

	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no target", []string{"--db", db, "--out", "x.ics"}, exitUsage, "usage"},
		{"both targets", []string{"--db", db, "--event", "a", "--period", per, "--out", "x.ics"}, exitUsage, "usage"},
		{"no out", []string{"--db", db, "--period", per}, exitUsage, "usage"},
		{"school with event", []string{"--db", db, "--event", "a", "--school", school, "--out", "x.ics"}, exitUsage, "usage"},
		{"host without offer", []string{"--db", db, "--period", per, "--host", "x", "--out", "x.ics"}, exitUsage, "usage"},
		{"missing db", []string{"--db", filepath.Join(dir, "nope.db"), "--period", per, "--out", "x.ics"}, exitFailure, "no such database"},
		{"unknown event", []string{"--db", db, "--event", "Finns inte", "--out", "x.ics"}, exitFailure, "no event named"},
		{"unknown period", []string{"--db", db, "--period", "Finns inte", "--out", "x.ics"}, exitFailure, "no prao period named"},
		{"unknown school", []string{"--db", db, "--period", per, "--school", "Finns inte", "--out", "x.ics"}, exitFailure, "no school named"},
		{"unknown offer", []string{"--db", db, "--period", per, "--offer", "Finns inte", "--out", "x.ics"}, exitFailure, "no offer titled"},
		{"empty class", []string{"--db", db, "--period", per, "--class", "9Ö", "--out", filepath.Join(dir, "none.ics")}, exitFailure, "nothing to write"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, msg := run(c.args...)
			if code != c.code || !strings.Contains(msg, c.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, msg, c.code, c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.ics")); err == nil {
		t.Error("a file was written for nobody")
	}

	ev := filepath.Join(dir, "event.ics")
	if code, _, msg := run("--db", db, "--event", events[0].Title, "--out", ev); code != exitOK {
		t.Fatalf("event: %d %s", code, msg)
	}
	evs := readICS(t, ev).Events()
	if len(evs) != 1 {
		t.Fatalf("event calendar has %d entries", len(evs))
	}
	if s, err := evs[0].GetStartAt(); err != nil || !s.Equal(events[0].Start) {
		t.Errorf("event starts %v (%v), want %v", s, err, events[0].Start)
	}

	all := filepath.Join(dir, "alla.ics")
	code, out, msg := run("--db", db, "--period", per, "--out", all)
	if code != exitOK || !strings.Contains(out, "pupils") {
		t.Fatalf("period: %d %s %s", code, out, msg)
	}
	if n := len(readICS(t, all).Events()); n < len(docs) {
		t.Errorf("%d entries for %d pupils", n, len(docs))
	}

	one := filepath.Join(dir, "skola.ics")
	if code, _, msg := run("--db", db, "--period", per, "--school", school, "--lang", "en", "--out", one); code != exitOK {
		t.Fatalf("school: %d %s", code, msg)
	}
	ours := map[string]bool{} // the school's pupils' placements
	for _, d := range docs {
		if d.School.ID == docs[0].School.ID {
			ours[d.Assignment.ID] = true
		}
	}
	entries := readICS(t, one).Events()
	if len(entries) == 0 {
		t.Fatal("the school's calendar is empty")
	}
	for _, e := range entries {
		if id, _, _ := strings.Cut(e.Id(), "-2026"); !ours[id] {
			t.Errorf("entry %s is not of a pupil of %s", e.Id(), school)
		}
	}

	host := filepath.Join(dir, "värd.ics")
	args := []string{"--db", db, "--period", per, "--offer", h.Offer.Title, "--host", h.Host.Name, "--out", host}
	if code, out, msg := run(args...); code != exitOK || !strings.Contains(out, "offer") {
		t.Fatalf("offer: %d %s %s", code, out, msg)
	}
	if n := len(readICS(t, host).Events()); n != max(len(h.Offer.Days), 1) && len(h.Offer.Days) > 0 {
		t.Errorf("offer calendar has %d entries, want %d", n, len(h.Offer.Days))
	}

	st, err = data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := st.ListAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range log {
		seen[e.What] = true
	}
	if !seen[all] || !seen[one] || seen[ev] {
		t.Errorf("audit log %v: want the pupils' calendars, not the event's", seen)
	}
}
