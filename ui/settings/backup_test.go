package settings

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

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
}
