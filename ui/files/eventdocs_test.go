package files

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

func TestPrintEventDocumentsFromTheWindow(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	e, err := st.FindEvent(ctx, "Nätverksträff hösten 2026")
	if err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	dir := t.TempDir()
	cases := []struct{ kind, file string }{
		{"participants", "lista.pdf"}, {"badges", "brickor.pdf"}, {"event-certificates", "intyg.pdf"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.file)
		var msg string
		var gotErr error
		printEventTo(m, e.ID, c.kind, path, func(s string, err error) { msg, gotErr = s, err })
		m.Wait(t)
		if gotErr != nil {
			t.Fatalf("%s: %v", c.kind, gotErr)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || !strings.Contains(msg, path) {
			t.Fatalf("%s: file %v, %v, message %q", c.kind, fi, err, msg)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			out, err := exec.Command("pdftotext", path, "-").Output()
			if err != nil || !strings.Contains(string(out), "Nätverksträff hösten 2026") {
				t.Errorf("%s: text %q, %v", c.kind, out, err)
			}
		}
	}
	log, _ := st.ListAudit(ctx)
	if len(log) != len(cases) {
		t.Errorf("%d audit entries, want %d", len(log), len(cases))
	}
}
