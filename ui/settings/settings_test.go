package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"os"
	"path/filepath"
	"strings"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
	"testing"
	"time"
)

func TestSettingsBackUpAndSwitchDatabase(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 20, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	if s.path.Text != st.Path() {
		t.Errorf("shows %q as the database", s.path.Text)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, BackupFileName(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)))
	if err := os.WriteFile(out, nil, 0o644); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	s.backupTo(out, "")
	m.Wait(t)
	if !strings.Contains(s.status.Text, out) {
		t.Fatalf("no backup reported: %q", s.status.Text)
	}
	if fi, _ := os.Stat(out); fi == nil || fi.Size() == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file %v", fi)
	}
	// Switch to the copy: the window now shows that file.
	s.open(out)
	if m.Store().Path() != out {
		t.Fatalf("window still on %s", m.Store().Path())
	}
	if !m.HasCall("switch " + out) {
		t.Errorf("calls %v: the database was not switched", m.Calls())
	}
	ov, err := m.Store().Overview(ctx)
	if err != nil || ov.Pupils != 20 {
		t.Errorf("the copy holds %+v, %v", ov, err)
	}
	// A file that is not a database changes nothing.
	bad := filepath.Join(dir, "inte.db")
	os.WriteFile(bad, []byte("hej"), 0o600)
	s.open(bad)
	if m.Store().Path() != out {
		t.Errorf("a broken file replaced the database")
	}
}

// TestNetworkContactIsTypedAndSaved: the coordinator types the network's
// contact in Inställningar; it is stored and shown again after a reload.
func TestNetworkContactIsTypedAndSaved(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	c := s.network
	test.Type(c.first, "Saga")
	test.Type(c.last, "Nätverksson")
	test.Type(c.phone, "054-100 20 30")
	test.Tap(findButton(t, c.card, "Spara kontakten"))
	if c.status.Text != "Kontakten är sparad." {
		t.Fatalf("status %q", c.status.Text)
	}
	p, err := st.NetworkContact(ctx)
	if err != nil || p == nil || p.Name() != "Saga Nätverksson" || p.Phone != "054-100 20 30" {
		t.Fatalf("stored %+v %v", p, err)
	}
	c.first.SetText("")
	s.Reload()
	if c.first.Text != "Saga" {
		t.Errorf("after reload: %q", c.first.Text)
	}
}

// findButton finds the button with label text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *widget.Card:
			walk(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// TestABackupNeverReplacesAFile: found by use, saving a backup under an
// existing name emptied the older backup. The day's name gets a number
// instead.
func TestABackupNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	for i, want := range []string{"techniqual-sakerhetskopia-2026-12-06.db", "techniqual-sakerhetskopia-2026-12-06 (2).db",
		"techniqual-sakerhetskopia-2026-12-06 (3).db"} {
		got := freeBackupPath(dir, day, ".db")
		if got != filepath.Join(dir, want) {
			t.Fatalf("backup %d: %s, want %s", i+1, got, want)
		}
		if err := os.WriteFile(got, []byte("en äldre kopia"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "techniqual-sakerhetskopia-2026-12-06.db")); string(b) != "en äldre kopia" {
		t.Errorf("the first backup was touched: %q", b)
	}
	// A "folder" that is a file gives a path at once (its error comes when
	// the backup is written), not an endless search (review).
	notDir := filepath.Join(dir, "techniqual-sakerhetskopia-2026-12-06.db")
	if got := freeBackupPath(notDir, day, ".db"); got != filepath.Join(notDir, "techniqual-sakerhetskopia-2026-12-06.db") {
		t.Errorf("under a file: %s", got)
	}
}

// TestOpeningAnEmptyFileAsks: found by use, a 0-byte file was made a new
// database without a word, and kept its mode 0644.
func TestOpeningAnEmptyFileAsks(t *testing.T) {
	m := uitest.NewShell(t, uitest.OpenStore(t))
	s := New(m)
	m.Open(t, s)
	path := filepath.Join(t.TempDir(), "tom.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := m.Window().Canvas()
	s.open(path)
	if c.Overlays().Top() == nil || m.HasCall("switch "+path) {
		t.Fatal("an empty file was opened without asking")
	}
	uikit.DismissTopDialog(c)
	if m.HasCall("switch " + path) {
		t.Fatal("Avbryt opened it")
	}
	s.open(path)
	uikit.ConfirmTopDialog(c)
	if !m.HasCall("switch " + path) {
		t.Errorf("Ja did not open it: %v", m.Calls())
	}
	t.Cleanup(func() { m.Store().Close() })
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the new database's mode: %v %v", fi, err)
	}
}
