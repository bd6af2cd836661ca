package shell

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"techniqual/data/demo"
	"techniqual/reports"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/printing"
)

func TestSwitchStoreRemembersTheFile(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	m := newTestWindow(t, st)
	dir := t.TempDir()
	out := filepath.Join(dir, "kopia.db")
	if err := st.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := m.SwitchStore(out); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Store().Close() })
	if m.Store().Path() != out {
		t.Fatalf("window still on %s", m.Store().Path())
	}
	if got := RememberedDatabase(m.app); got != out {
		t.Errorf("remembered %q", got)
	}
	// A file that is not a database changes nothing.
	bad := filepath.Join(dir, "inte.db")
	os.WriteFile(bad, []byte("hej"), 0o600)
	if err := m.SwitchStore(bad); err == nil {
		t.Error("a broken file opened")
	}
	if m.Store().Path() != out || RememberedDatabase(m.app) != out {
		t.Errorf("a broken file replaced the database")
	}
}

func TestPrintForOpensUtskrifterPreset(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	ps, err := st.ListPeriods(ctx)
	if err != nil || len(ps) == 0 {
		t.Fatal(ps, err)
	}
	m.PrintFor(reports.KindSchedules, ps[0].ID, "", "", "", "")
	waitIdle(t, m)
	if sections[m.current].id != "printing" {
		t.Fatalf("PrintFor shows %s", sections[m.current].id)
	}
	if _, ok := m.screens["printing"].(*printing.Screen); !ok {
		t.Fatal("Utskrifter was not built")
	}
}
