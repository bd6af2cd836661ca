package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
)

// demoDB writes a database of example data (60 pupils) and returns its path
// with the period that has placements.
func demoDB(t *testing.T) (string, []data.ScheduleDoc) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	if err != nil || len(docs) == 0 {
		t.Fatalf("demo data has %d placed pupils: %v", len(docs), err)
	}
	return path, docs
}

func pdfText(t *testing.T, path string) string {
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

func TestCmdPDFUsageAndFailures(t *testing.T) {
	db, _ := demoDB(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no kind", []string{"--db", db, "--period", "Åk 9 v. 46 2026", "--out", out}, exitUsage, "usage"},
		{"unknown kind", []string{"posters", "--db", db, "--period", "Åk 9 v. 46 2026", "--out", out}, exitUsage, "usage"},
		{"no out", []string{"schedules", "--db", db, "--period", "Åk 9 v. 46 2026"}, exitUsage, "usage"},
		{"no period", []string{"schedules", "--db", db, "--out", out}, exitUsage, "usage"},
		{"bad language", []string{"schedules", "--db", db, "--period", "Åk 9 v. 46 2026", "--lang", "de", "--out", out}, exitUsage, "usage"},
		{"bad flag", []string{"schedules", "--colour"}, exitUsage, ""},
		{"missing database", []string{"schedules", "--db", db + ".nope", "--period", "Åk 9 v. 46 2026", "--out", out}, exitFailure, "no such database"},
		{"unknown period", []string{"schedules", "--db", db, "--period", "Åk 7 v. 1 1999", "--out", out}, exitFailure, `no prao period named "Åk 7 v. 1 1999"`},
		{"unknown school", []string{"hosts", "--db", db, "--period", "Åk 9 v. 46 2026", "--school", "Hogwarts", "--out", out}, exitFailure, `no school named "Hogwarts"`},
		{"class without pupils", []string{"schedules", "--db", db, "--period", "Åk 9 v. 46 2026", "--class", "9Z", "--out", out}, exitFailure, "nothing to print"},
		{"no placements", []string{"schedules", "--db", db, "--period", "Åk 8 v. 11 2027", "--out", out}, exitFailure, "nothing to print"},
		{"event documents go to their own command", []string{"badges", "--db", db, "--out", out}, exitUsage, "--event NAME"},
		{"impact report without a year", []string{"impact", "--db", db, "--out", out}, exitUsage, "usage: techniqual pdf impact"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := callPDF(context.Background(), c.args, &stdout, &stderr); code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed command wrote a file")
			}
		})
	}
}

func TestCmdPDFWritesEachDocument(t *testing.T) {
	db, docs := demoDB(t)
	dir := t.TempDir()
	first := docs[0]
	for _, c := range []struct {
		kind string
		args []string
		want []string
	}{
		{"schedules", nil, []string{"Praoschema", first.Pupil.Name(), first.Host.Name, "v. 46", "Du kommer att träffa"}},
		{"schedules", []string{"--lang", "en"}, []string{"Work experience schedule", first.Pupil.Name(), "week 46"}},
		{"hosts", nil, []string{"Värdbekräftelse", first.Host.Name, "Elever som kommer"}},
		{"attendance", nil, []string{"Närvarokort", "Närvarande", "Frånvarande"}},
		{"certificates", nil, []string{"Praointyg", "Härmed intygas att"}},
	} {
		t.Run(c.kind+strings.Join(c.args, ""), func(t *testing.T) {
			out := filepath.Join(dir, c.kind+strings.Join(c.args, "")+".pdf")
			args := append([]string{c.kind, "--db", db, "--period", "Åk 9 v. 46 2026", "--out", out}, c.args...)
			var stdout, stderr bytes.Buffer
			if code := callPDF(context.Background(), args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), out) {
				t.Errorf("stdout %q does not name the file", stdout.String())
			}
			st, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", st.Mode().Perm())
			}
			text := pdfText(t, out)
			for _, w := range c.want {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("%s lacks %q", c.kind, w)
				}
			}
		})
	}
}

func TestCmdPDFOneFilePerPupilOfAClass(t *testing.T) {
	db, docs := demoDB(t)
	school, class := docs[0].School.Name, docs[0].Pupil.ClassName
	want := 0
	for _, d := range docs {
		if d.School.Name == school && d.Pupil.ClassName == class {
			want++
		}
	}
	dir := filepath.Join(t.TempDir(), "klass") + "/"
	var stdout, stderr bytes.Buffer
	args := []string{"schedules", "--db", db, "--period", "Åk 9 v. 46 2026", "--school", school, "--class", class, "--out", dir}
	if code := callPDF(context.Background(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) != want {
		t.Errorf("%d files, want one per pupil of %s %s (%d)", len(files), school, class, want)
	}
	ctx := context.Background()
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := st.ListAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Action != "pdf schedules" || log[0].Records != want || log[0].What != dir {
		t.Errorf("audit log = %+v, want one entry for %d pupils", log, want)
	}
}

// TestPDFWithoutAuditLogLeavesNoFile: the command line does what the
// window does when the audit entry cannot be written (ops.Print): the
// documents are removed and the run fails.
func TestPDFWithoutAuditLogLeavesNoFile(t *testing.T) {
	db, _ := demoDB(t)
	h, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Exec(`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is broken'); END`); err != nil {
		t.Fatal(err)
	}
	h.Close()
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "s.pdf"), filepath.Join(dir, "per-elev") + "/"} {
		var stdout, stderr bytes.Buffer
		code := Run([]string{"pdf", "schedules", "--db", db, "--period", "Åk 9 v. 46 2026", "--out", out}, &stdout, &stderr, nil)
		if code != exitFailure || !strings.Contains(stderr.String(), "the audit log failed, so the file was removed") {
			t.Errorf("%s: exit %d, stderr %q", out, code, stderr.String())
		}
		left, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		more, _ := filepath.Glob(filepath.Join(dir, "per-elev", "*.pdf"))
		if len(left)+len(more) > 0 {
			t.Errorf("%s: files left behind: %v %v", out, left, more)
		}
	}
}
