package settings

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

func TestStartAutoBackupMakesTodaysCopy(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	StartAutoBackup(m)
	m.Wait(t)
	bs, err := data.ListBackups(st.Path())
	if err != nil || len(bs) != 1 || bs[0].Day.Format(data.DateLayout) != time.Now().Format(data.DateLayout) {
		t.Fatalf("backups %+v, %v", bs, err)
	}
	StartAutoBackup(m) // the same day: nothing new, no error
	m.Wait(t)
	if bs, _ := data.ListBackups(st.Path()); len(bs) != 1 {
		t.Errorf("%d backups after a second start", len(bs))
	}
	_ = backupCard(m)
}

func TestAutoBackupProblemDoesNotStopTheWindow(t *testing.T) {
	st := uitest.OpenStore(t)
	if err := os.WriteFile(data.BackupFolder(st.Path()), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	StartAutoBackup(m)
	m.Wait(t)
	if len(m.Window().Canvas().Overlays().List()) == 0 {
		t.Error("the problem is not shown in the window")
	}
}

func TestRestoreSwitchesToTheBackupsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	save := func(st *data.Store, name string) {
		o := data.Organisation{Kind: data.KindSchool, Name: name}
		if err := st.SaveOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	save(st, "Före kopian")
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	save(st, "Efter kopian")
	m := uitest.NewShell(t, st)
	t.Cleanup(func() { m.Store().Close() })

	// A file that is no database: refused, the window keeps its store.
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("no database here, only text of some length"), 0o600)
	var gotErr error
	restoreFrom(m, junk, func(_ string, err error) { gotErr = err })
	m.Wait(t)
	if gotErr == nil || m.Store() != st {
		t.Fatalf("junk restore: err %v, store switched %v", gotErr, m.Store() != st)
	}

	var safety string
	restoreFrom(m, backup, func(s string, err error) { safety, gotErr = s, err })
	m.Wait(t)
	if gotErr != nil {
		t.Fatal(gotErr)
	}
	if m.Store() == st || m.Store().Path() != st.Path() {
		t.Fatalf("the window did not reopen %s", path)
	}
	orgs, err := m.Store().ListOrganisations(ctx, data.KindSchool)
	if err != nil || len(orgs) != 1 || orgs[0].Name != "Före kopian" {
		t.Errorf("after restore: %+v %v", orgs, err)
	}
	if _, err := os.Stat(safety); err != nil {
		t.Errorf("no safety copy: %v", err)
	}
	// The safety copy is the first choice of the next restore: the way
	// back (found by use: it was not in the list).
	showRestore(m)
	var radio *widget.RadioGroup
	uitest.Walk(m.Window().Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok {
			radio = r
		}
	})
	if radio == nil || len(radio.Options) != 1 || !strings.Contains(radio.Options[0], " · före en återställning · ") || radio.Selected != radio.Options[0] {
		t.Fatalf("restore list: %+v", radio)
	}
}

// TestRestoreOfABackupThatCannotBeUpgraded: found by use, a backup whose
// migration failed was reported restored ("Databasen är återställd") while
// the old data stayed. The window now says it was not restored, and the
// database is as it was.
func TestRestoreOfABackupThatCannotBeUpgraded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := data.Organisation{Kind: data.KindSchool, Name: "Kvar efter försöket"}
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	// A backup that says it is at schema 3 but holds every table: the
	// fourth migration then fails, as on the helper's hand-made file.
	backup := filepath.Join(t.TempDir(), "gammal.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", backup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 3"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	m := uitest.NewShell(t, st)
	t.Cleanup(func() { m.Store().Close() })
	var gotErr error
	restoreFrom(m, backup, func(_ string, err error) { gotErr = err })
	m.Wait(t)
	if !errors.Is(gotErr, data.ErrMigration) {
		t.Fatalf("restore of a file that cannot be upgraded: %v", gotErr)
	}
	texts := strings.Join(uitest.LabelTexts(m.Window().Canvas().Overlays().Top()), "\n")
	if !strings.Contains(texts, "kunde inte uppgraderas") || strings.Contains(texts, "är återställd") {
		t.Errorf("the window said %q", texts)
	}
	orgs, err := m.Store().ListOrganisations(ctx, data.KindSchool)
	if err != nil || len(orgs) != 1 || orgs[0].Name != "Kvar efter försöket" {
		t.Errorf("after the failed restore: %+v %v", orgs, err)
	}
}
