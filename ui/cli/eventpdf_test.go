package cli

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/text"
)

func TestCmdEventPDF(t *testing.T) {
	db, _ := demoDB(t)
	ctx := context.Background()
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	events, _ := st.ListEvents(ctx)
	var event data.Event
	for _, e := range events {
		rs, _ := st.ListRegistrations(ctx, e.ID)
		if data.CountRegistrations(rs).Attended > 0 {
			event = e
			break
		}
	}
	st.Close()
	if event.ID == "" {
		t.Fatal("no demo event with attendance")
	}
	dir := t.TempDir()
	run := func(kind string, args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := callEventPDF(ctx, kind, args, &out, &errb)
		return code, out.String() + errb.String()
	}
	if code, msg := run("badges", "--db", db, "--out", "x.pdf"); code != exitUsage {
		t.Errorf("no event: %d %s", code, msg)
	}
	if code, msg := run("badges", "--db", db, "--event", "Finns inte", "--out", "x.pdf"); code != exitFailure || !strings.Contains(msg, "no event named") {
		t.Errorf("unknown event: %d %s", code, msg)
	}
	for _, kind := range []string{"participants", "badges", "event-certificates"} {
		out := filepath.Join(dir, kind+".pdf")
		if code, msg := run(kind, "--db", db, "--event", event.Title, "--out", out); code != exitOK {
			t.Fatalf("%s: %d %s", kind, code, msg)
		}
		if _, err := exec.LookPath("qpdf"); err == nil {
			if b, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", kind, err, b)
			}
		}
		if text := pdfText(t, out); !strings.Contains(text, "Sida 1 av") {
			t.Errorf("%s: %s", kind, text)
		}
	}
	st, _ = data.Open(ctx, db, data.Options{})
	defer st.Close()
	log, _ := st.ListAudit(ctx)
	if len(log) != 3 {
		t.Errorf("%d audit entries, want 3", len(log))
	}
}

// One count for one event: with a reserve, an invited person, a
// cancellation and a deleted person on the list, the participants PDF, the
// command line's lines and the certificates all say the data's one count
// (data.CountEvent) in its one wording.
func TestEventCountIsOneEverywhere(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ev.db")
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	org := data.Organisation{Kind: data.KindCompany, Name: "Munkfors Automation AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	ev := data.Event{Title: "Höstträff", Kind: data.EventNetwork, Capacity: 4, Venue: "Kil",
		Start: time.Date(2026, 10, 8, 15, 0, 0, 0, data.Stockholm), End: time.Date(2026, 10, 8, 17, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range []string{"Ada Berg", "Bo Ek", "Cia Falk", "Dan Gran", "Eva Hed", "Filip Ivarsson", "Gun Jonsson"} {
		first, last, _ := strings.Cut(n, " ")
		p := data.Person{FirstName: first, LastName: last, OrganisationID: org.ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if _, err := st.RegisterMany(ctx, ev.ID, ids[:6], nil); err != nil { // 4 seats, 2 reserves
		t.Fatal(err)
	}
	if _, err := st.Invite(ctx, ev.ID, ids[6:]); err != nil {
		t.Fatal(err)
	}
	rs, _ := st.ListRegistrations(ctx, ev.ID)
	for _, r := range rs {
		switch r.PersonID {
		case ids[0], ids[1], ids[2]:
			if _, _, err := st.CheckIn(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.DeletePerson(ctx, ids[3]); err != nil { // a seat holder, deleted: on no list
		t.Fatal(err)
	}
	c, err := st.CountEvent(ctx, ev.ID)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if c.Seats() != 3 || c.Attended != 3 || c.Waitlisted != 2 || c.Invited != 1 {
		t.Fatalf("data count %+v", c)
	}
	summary := c.Summary(ev.Capacity, text.English)
	dir := t.TempDir()
	for _, k := range []struct {
		kind string
		n    int
	}{{"participants", 6}, {"badges", c.Seats()}, {"event-certificates", c.Attended}} {
		var out, errb bytes.Buffer
		path := filepath.Join(dir, k.kind+".pdf")
		if code := callEventPDF(ctx, k.kind, []string{"--db", db, "--event", ev.Title, "--out", path}, &out, &errb); code != exitOK {
			t.Fatalf("%s: %d %s", k.kind, code, errb.String())
		}
		if line := out.String(); !strings.Contains(line, fmt.Sprintf("%s: %d ", k.kind, k.n)) || !strings.Contains(line, summary) {
			t.Errorf("%s says %q, want %d and %q", k.kind, line, k.n, summary)
		}
		pdf := pdfText(t, path)
		if k.kind == "participants" && !strings.Contains(pdf, "Anmälda 3 av 4 · reserver 2 · närvarande 3") {
			t.Errorf("participants PDF: %s", pdf)
		}
		if k.kind == "event-certificates" && strings.Count(pdf, "Härmed intygas att") != c.Attended {
			t.Errorf("%d certificates, want %d", strings.Count(pdf, "Härmed intygas att"), c.Attended)
		}
	}
}
