package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

func TestCmdExport(t *testing.T) {
	db, docs := demoDB(t)
	ctx := context.Background()
	// One placed pupil gets protected identity and a name found nowhere else.
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := docs[0].Pupil
	p.Protected, p.LastName = true, "Hemlighetsdottirqz"
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	evs, _ := st.ListEvents(ctx)
	event := evs[0].Title
	st.Close()

	dir := t.TempDir()
	per := "Åk 9 v. 46 2026"
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no kind", []string{"--db", db, "--out", filepath.Join(dir, "a.csv")}, exitUsage, "usage"},
		{"unknown kind", []string{"posters", "--db", db, "--out", filepath.Join(dir, "a.csv")}, exitUsage, "usage"},
		{"no out", []string{"pupils", "--db", db}, exitUsage, "usage"},
		{"unknown extension", []string{"pupils", "--db", db, "--out", filepath.Join(dir, "a.ods")}, exitUsage, ".xlsx or .csv"},
		{"placements without period", []string{"placements", "--db", db, "--out", filepath.Join(dir, "a.csv")}, exitUsage, "--period"},
		{"participants without event", []string{"participants", "--db", db, "--out", filepath.Join(dir, "a.csv")}, exitUsage, "--event"},
		{"bad flag", []string{"pupils", "--colour"}, exitUsage, ""},
		{"missing database", []string{"pupils", "--db", db + ".nope", "--out", filepath.Join(dir, "a.csv")}, exitFailure, "no such database"},
		{"unknown period", []string{"placements", "--db", db, "--period", "Åk 7", "--out", filepath.Join(dir, "a.csv")}, exitFailure, `no prao period named "Åk 7"`},
		{"unknown event", []string{"participants", "--db", db, "--event", "Nope", "--out", filepath.Join(dir, "a.csv")}, exitFailure, `no event named "Nope"`},
		{"pupils", []string{"pupils", "--db", db, "--out", filepath.Join(dir, "p.xlsx")}, exitOK, ""},
		{"placements", []string{"placements", "--db", db, "--period", per, "--out", filepath.Join(dir, "pl.csv")}, exitOK, ""},
		{"hosts", []string{"hosts", "--db", db, "--period", per, "--out", filepath.Join(dir, "h.xlsx")}, exitOK, ""},
		{"attendance", []string{"attendance", "--db", db, "--period", per, "--out", filepath.Join(dir, "at.csv")}, exitOK, ""},
		{"participants", []string{"participants", "--db", db, "--event", event, "--out", filepath.Join(dir, "pa.csv")}, exitOK, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := callExport(ctx, c.args, &stdout, &stderr); code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "a.ods")); err == nil {
		t.Error("a file was written for an unknown format")
	}
	b, err := os.ReadFile(filepath.Join(dir, "pl.csv"))
	if err != nil || bytes.Contains(b, []byte("Hemlighetsdottirqz")) || !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFSkola;Klass;")) {
		t.Errorf("placements file: %v, %.80q", err, b)
	}
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "with.csv")
	if code := callExport(ctx, []string{"placements", "--db", db, "--period", per, "--include-protected", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if b, _ := os.ReadFile(out); !bytes.Contains(b, []byte("Hemlighetsdottirqz")) {
		t.Error("--include-protected left the pupil out")
	}
	st, err = data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, _ := st.ListAudit(ctx)
	n := 0
	for _, e := range log {
		if strings.HasPrefix(e.Action, "export ") {
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d exports in the audit log, want 6", n)
	}
}
