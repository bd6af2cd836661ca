package cli

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
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
