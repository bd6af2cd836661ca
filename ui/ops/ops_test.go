package ops

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/data/classlist"
	"techniqual/data/demo"
	"techniqual/data/exchange"
	"techniqual/data/export"
	"techniqual/data/text"
	"techniqual/reports"
)

var ctx = context.Background()

// world is a small example database in t.TempDir(): fictitious pupils,
// schools, companies, periods and events (data/demo).
type world struct {
	st     *data.Store
	period data.Period // placed, with attendance
	docs   []data.ScheduleDoc
	event  data.Event
	school data.Organisation
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "ops.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	w := &world{st: st}
	if w.period, err = st.FindPeriod(ctx, "Åk 9 v. 46 2026"); err != nil {
		t.Fatal(err)
	}
	if w.docs, err = st.DocumentsForPeriod(ctx, w.period.ID, data.DocFilter{}); err != nil || len(w.docs) == 0 {
		t.Fatalf("documents: %d, %v", len(w.docs), err)
	}
	w.docs = w.docs[:3]
	w.school = w.docs[0].School
	es, err := st.ListEvents(ctx)
	if err != nil || len(es) == 0 {
		t.Fatalf("events: %v", err)
	}
	w.event = es[0]
	return w
}

// breakAuditLog makes every new audit-log entry fail, as a full disk or a
// damaged table would.
func breakAuditLog(t *testing.T, st *data.Store) {
	t.Helper()
	db, err := sql.Open("sqlite3", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is broken'); END`); err != nil {
		t.Fatal(err)
	}
}

func auditCount(t *testing.T, st *data.Store) int {
	t.Helper()
	log, err := st.ListAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}

// operation is one export of personal data; it returns the files that
// should exist afterwards when it succeeds.
type operation struct {
	name string
	run  func(w *world, dir string) ([]string, error)
}

var operations = []operation{
	{"print one PDF", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "scheman.pdf")
		_, err := Print(ctx, w.st, PrintPeriod{Kind: reports.KindSchedules, Period: w.period, Docs: w.docs, Path: path,
			Options: reports.Options{Lang: "sv"}, Scope: Scope{School: w.school.Name}})
		return []string{path}, err
	}},
	{"print a period read a batch at a time", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "intyg.pdf")
		l, err := w.st.ListDocuments(ctx, w.period.ID, data.DocFilter{SchoolID: w.school.ID})
		if err != nil {
			return nil, err
		}
		defer l.Close()
		_, err = Print(ctx, w.st, PrintPeriod{Kind: reports.KindHosts, Period: w.period, List: l, Path: path,
			Options: reports.Options{Lang: "sv"}, Scope: Scope{School: w.school.Name}})
		return []string{path}, err
	}},
	{"print one file per pupil", func(w *world, dir string) ([]string, error) {
		out := filepath.Join(dir, "per-elev") + string(os.PathSeparator)
		p, err := Print(ctx, w.st, PrintPeriod{Kind: reports.KindSchedules, Period: w.period, Docs: w.docs, Path: out,
			PerUnit: true, Options: reports.Options{Lang: "en"}})
		if err != nil {
			matches, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
			return matches, err
		}
		return p.Paths, nil
	}},
	{"print an event's badges", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "brickor.pdf")
		_, err := PrintEvent(ctx, w.st, w.event.ID, "badges", path, reports.Options{Lang: "sv"})
		return []string{path}, err
	}},
	{"export a spreadsheet", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "placeringar.csv")
		_, err := Export(ctx, w.st, path, export.Options{Kind: export.KindPlacements, PeriodID: w.period.ID, Lang: "sv"})
		return []string{path}, err
	}},
	{"write pupils' calendar", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "elever.ics")
		_, err := SaveCalendar(ctx, w.st, Calendar{PeriodID: w.period.ID, Filter: data.DocFilter{SchoolID: w.school.ID}}, path, calendar.Options{Lang: "sv"})
		return []string{path}, err
	}},
	{"write an exchange file", func(w *world, dir string) ([]string, error) {
		path := filepath.Join(dir, "skola"+exchange.Extension)
		_, err := WriteExchange(ctx, w.st, Outgoing{Kind: exchange.KindSchool, SchoolID: w.school.ID, PeriodID: w.period.ID},
			path, "en lång lösenfras")
		return []string{path}, err
	}},
}

// TestEveryExportIsAudited: each operation that writes personal data adds
// one audit entry; when the entry cannot be written, the files are gone
// and the error says so (one behaviour for every front end).
func TestEveryExportIsAudited(t *testing.T) {
	for _, op := range operations {
		t.Run(op.name, func(t *testing.T) {
			w := newWorld(t)
			before := auditCount(t, w.st)
			paths, err := op.run(w, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) == 0 {
				t.Fatal("nothing written")
			}
			for _, p := range paths {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s: %v", p, err)
				}
			}
			if got := auditCount(t, w.st); got != before+1 {
				t.Errorf("audit log has %d entries, want %d", got, before+1)
			}

			breakAuditLog(t, w.st)
			dir := t.TempDir()
			paths, err = op.run(w, dir)
			var ae *AuditError
			if !errors.As(err, &ae) && !strings.Contains(Message(text.English, err), "audit log") {
				t.Fatalf("with a broken audit log: %v, want an audit error", err)
			}
			for _, p := range paths {
				if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s stayed although its audit entry failed (%v)", p, err)
				}
			}
			left, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, l := range left {
				if fi, err := os.Stat(l); err == nil && !fi.IsDir() {
					t.Errorf("%s left behind", l)
				}
			}
		})
	}
}

// TestEventCalendarNamesNobody: an event's calendar holds no personal
// data, so it is written without an audit entry, even when the log is broken.
func TestEventCalendarNamesNobody(t *testing.T) {
	w := newWorld(t)
	breakAuditLog(t, w.st)
	path := filepath.Join(t.TempDir(), "event.ics")
	if _, err := SaveCalendar(ctx, w.st, Calendar{EventID: w.event.ID}, path, calendar.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

func TestPrintDescribesTheScopeInSwedish(t *testing.T) {
	per := data.Period{Name: "Åk 9 v. 46 2026"}
	cases := []struct {
		scope Scope
		o     reports.Options
		want  string
	}{
		{Scope{}, reports.Options{}, "Åk 9 v. 46 2026"},
		{Scope{School: "Solbacken", Class: "9A"}, reports.Options{}, "Åk 9 v. 46 2026 (skola Solbacken, klass 9A)"},
		{Scope{Class: "9A"}, reports.Options{Lang: "en"}, "Åk 9 v. 46 2026 (klass 9A); engelska"},
		{Scope{Pupil: "Alva Ek"}, reports.Options{IncludeProtected: true}, "Åk 9 v. 46 2026 (elev Alva Ek); skyddad identitet med namn"},
		{Scope{Offer: "Verkstaden – Svets"}, reports.Options{}, "Åk 9 v. 46 2026 (praoplats Verkstaden – Svets)"},
	}
	for _, c := range cases {
		if got := describe(per, c.scope, c.o); got != c.want {
			t.Errorf("describe(%+v) = %q, want %q", c.scope, got, c.want)
		}
	}
}

func TestMessage(t *testing.T) {
	fe := &classlist.FileError{Message: data.Message{Text: "Filen är tom.", Reason: "the file is empty"}, Kind: classlist.ErrNotClassList}
	cases := []struct {
		err    error
		sv, en string
	}{
		{nil, "", ""},
		{fe, "Filen är tom.", "the file is empty"},
		{os.ErrNotExist, "filen finns inte", "no such file"},
		{&AuditError{Err: errors.New("disk full")}, "utlämningen kunde inte föras in i loggen över utlämnade personuppgifter, så filen togs bort: disk full",
			"the audit log failed, so the file was removed: disk full"},
		{errors.New("something else"), "something else", "something else"},
	}
	for _, c := range cases {
		if got := Message(text.Swedish, c.err); got != c.sv {
			t.Errorf("Swedish %v = %q, want %q", c.err, got, c.sv)
		}
		if got := Message(text.English, c.err); got != c.en {
			t.Errorf("English %v = %q, want %q", c.err, got, c.en)
		}
	}
	rows := []classlist.RowError{{Line: 2, Message: data.Message{Text: "namn saknas", Reason: "the name is missing"}},
		{Line: 3, Message: data.Message{Text: "namn saknas", Reason: "the name is missing"}}}
	if got := RowMessages(text.English, rows, 1); len(got) != 2 || got[0] != "line 2: the name is missing" || got[1] != "… and 1 more" {
		t.Errorf("RowMessages = %q", got)
	}
	if got := RowMessages(text.Swedish, rows, 0); len(got) != 2 || got[1] != "rad 3: namn saknas" {
		t.Errorf("RowMessages = %q", got)
	}
}

func TestBackupAndRestore(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "kopia.db")
	if err := BackupStore(ctx, w.st, out); err != nil {
		t.Fatal(err)
	}
	if err := BackupFile(ctx, w.st.Path(), out); !errors.Is(err, ErrBackupExists) {
		t.Errorf("a second backup over the first: %v, want ErrBackupExists", err)
	}
	if err := BackupFile(ctx, filepath.Join(dir, "nope.db"), filepath.Join(dir, "x.db")); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("backup of a missing database: %v", err)
	}
	// The backup is on record (it copies every pupil), in the database it
	// was taken from; the copy itself was taken just before that entry.
	entries, err := w.st.ListAudit(ctx)
	if err != nil || len(entries) == 0 || entries[0].Action != "backup" || entries[0].What != out {
		t.Fatalf("audit log after a backup: %+v %v", entries, err)
	}
	before := auditCount(t, w.st) - 1
	if _, err := Export(ctx, w.st, filepath.Join(dir, "e.csv"), export.Options{Kind: export.KindPupils}); err != nil {
		t.Fatal(err)
	}
	st, safety, err := RestoreOpen(ctx, w.st, out)
	if err != nil || st == nil {
		t.Fatalf("RestoreOpen: %v", err)
	}
	defer st.Close()
	if _, err := os.Stat(safety); err != nil {
		t.Errorf("no safety copy: %v", err)
	}
	if got := auditCount(t, st); got != before {
		t.Errorf("restored database has %d audit entries, want the backup's %d", got, before)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if again, _, err := RestoreOpen(ctx, st, junk); err == nil || again != nil {
		t.Errorf("restoring junk: %v", err)
	}
}

// TestBackupFileIsOnRecord: the command line's backup (which reads without
// the lock, also while the window is open) writes its audit entry into the
// database it copied.
func TestBackupFileIsOnRecord(t *testing.T) {
	w := newWorld(t)
	out := filepath.Join(t.TempDir(), "kopia.db")
	if err := BackupFile(ctx, w.st.Path(), out); err != nil {
		t.Fatal(err)
	}
	entries, err := w.st.ListAudit(ctx)
	if err != nil || len(entries) == 0 || entries[0].Action != "backup" || entries[0].What != out {
		t.Fatalf("audit log after a backup while open: %+v %v", entries, err)
	}
}
