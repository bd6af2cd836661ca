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
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

func TestStartAutoBackupMakesTodaysCopy(t *testing.T) {
	st := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"} // an empty file gets none
	if err := st.SaveOrganisation(context.Background(), &school); err != nil {
		t.Fatal(err)
	}
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

// TestBackupOnCloseTakesADayThatBeganEmpty: a new database gets no backup
// when the window opens (nothing to keep); the day's work gets one when it
// closes.
func TestBackupOnCloseTakesADayThatBeganEmpty(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	StartAutoBackup(m)
	m.Wait(t)
	if bs, _ := data.ListBackups(st.Path()); len(bs) != 0 {
		t.Fatalf("an empty database was backed up: %+v", bs)
	}
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"}
	if err := st.SaveOrganisation(context.Background(), &school); err != nil {
		t.Fatal(err)
	}
	if err := BackupOnClose(m); err != nil {
		t.Fatal(err)
	}
	if bs, _ := data.ListBackups(st.Path()); len(bs) != 1 {
		t.Fatalf("after the day's work: %+v", bs)
	}
	m.App().Preferences().SetBool(prefAutoBackup, false)
	if err := BackupOnClose(m); err != nil {
		t.Errorf("with automatic backups off: %v", err)
	}
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

// TestEncryptedBackupFromTheWindow: found by use, a backup taken to a USB
// stick held minors' personal data in the clear. Säkerhetskopiera nu asks
// for a passphrase (twice, long enough) or to save without; an encrypted
// copy is restored only with its passphrase, and no plain copy is left.
func TestEncryptedBackupFromTheWindow(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := data.Organisation{Kind: data.KindSchool, Name: "Qvarnbyskolan"}
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	t.Cleanup(func() { m.Store().Close() })
	s := New(m)
	m.Open(t, s)
	dir := t.TempDir()
	s.askBackupPassphrase(dir)
	a := s.lastBackupAsk
	if m.Window().Canvas().Focused() != a.pass1 {
		t.Error("the passphrase does not take the typing")
	}
	for _, c := range []struct{ p1, p2, want string }{
		{"kort", "kort", "Lösenfrasen behöver minst 10 tecken."},
		{"tre ord som hänger ihop", "tre ord som hänger ihip", "Lösenfraserna är inte lika."},
	} {
		a.pass1.SetText(c.p1)
		a.pass2.SetText(c.p2)
		test.Tap(a.encBtn)
		if a.status.Text != c.want {
			t.Errorf("%q/%q: %q, want %q", c.p1, c.p2, a.status.Text, c.want)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("written before the passphrases agreed: %v", files)
	}
	a.pass2.SetText("tre ord som hänger ihop")
	test.Tap(a.encBtn)
	m.Wait(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], data.EncryptedBackupExt) || !strings.Contains(s.status.Text, "krypterad") {
		t.Fatalf("files %v, status %q", files, s.status.Text)
	}
	b, _ := os.ReadFile(files[0])
	if strings.Contains(string(b), "Qvarnbyskolan") {
		t.Error("the encrypted copy is readable")
	}

	later := data.Organisation{Kind: data.KindSchool, Name: "Efter kopian"}
	if err := m.Store().SaveOrganisation(ctx, &later); err != nil {
		t.Fatal(err)
	}
	confirmRestore(m, files[0])
	ask := lastAsk
	test.Type(ask.pass, "fel fras men lång nog")
	test.Tap(ask.open)
	m.Wait(t)
	if ask.status.Text != "Lösenfrasen öppnar inte kopian. Ingenting har ändrats." {
		t.Fatalf("wrong passphrase: %q", ask.status.Text)
	}
	ask.pass.SetText("tre ord som hänger ihop")
	test.Tap(ask.open)
	m.Wait(t)
	test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Återställ"))
	m.Wait(t)
	orgs, err := m.Store().ListOrganisations(ctx, data.KindSchool)
	if err != nil || len(orgs) != 1 || orgs[0].Name != "Qvarnbyskolan" {
		t.Errorf("after restoring the encrypted copy: %+v %v", orgs, err)
	}
	if left, _ := filepath.Glob(filepath.Join(data.BackupFolder(path), ".*")); len(left) != 0 {
		t.Errorf("plain copies left behind: %v", left)
	}

	// Avbryt while the copy is being opened (review): no question about a
	// restore comes after, and no plain copy is left.
	for m.Window().Canvas().Overlays().Top() != nil { // "Återställd"
		m.Window().Canvas().Overlays().Top().Hide()
	}
	confirmRestore(m, files[0])
	ask = lastAsk
	test.Type(ask.pass, "tre ord som hänger ihop")
	test.Tap(ask.open)
	test.Tap(ask.cancel)
	m.Wait(t)
	if top := m.Window().Canvas().Overlays().Top(); top != nil {
		t.Errorf("after Avbryt a dialog is open: %v", uitest.LabelTexts(top))
	}
	if left, _ := filepath.Glob(filepath.Join(data.BackupFolder(m.Store().Path()), ".*")); len(left) != 0 {
		t.Errorf("plain copies left behind after Avbryt: %v", left)
	}

	// A plain copy left by a stop half-way is swept when the window opens
	// the database.
	folder := data.BackupFolder(m.Store().Path())
	stray := filepath.Join(folder, ".dekryptering-0000.db")
	if err := os.WriteFile(stray, []byte("plain"), 0o600); err != nil {
		t.Fatal(err)
	}
	StartAutoBackup(m)
	m.Wait(t)
	if _, err := os.Stat(stray); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stray plain copy stays: %v", err)
	}
}
