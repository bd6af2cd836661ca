package settings

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// prefAutoBackup turns the automatic daily backup on or off (on by default).
const prefAutoBackup = "auto_backup"

// StartAutoBackup makes the day's automatic backup of the open database off
// the UI goroutine, keeping the last data.AutoBackupKeep days, unless it is
// turned off in Inställningar. It never stops the start: a problem is shown
// in the window.
func StartAutoBackup(m Shell) {
	st, auto, now := m.Store(), m.App().Preferences().BoolWithFallback(prefAutoBackup, true), m.Now()
	m.Background(func() func() {
		// Plain copies left by an encrypted backup or restore stopped
		// half-way go first (review), whether or not backups are
		// automatic; off the UI goroutine, as the backup.
		sweepErr := ops.SweepPlainCopies(st.Path())
		var err error
		if auto {
			_, _, err = autoBackup(st, now)
		}
		if sweepErr == nil && err == nil {
			return nil
		}
		return func() {
			if sweepErr != nil {
				dialog.ShowError(errors.New(lang.X("backup.sweep_failed",
					"En okrypterad kopia från en avbruten krypterad säkerhetskopia kunde inte tas bort ({{.Error}}). Ta bort den för hand ur mappen {{.Folder}}.",
					map[string]string{"Error": sweepErr.Error(), "Folder": data.BackupFolder(st.Path())})), m.Window())
			}
			if err != nil {
				dialog.ShowError(errors.New(lang.X("backup.auto_failed",
					"Dagens automatiska säkerhetskopia kunde inte göras: {{.Error}}. Appen fungerar som vanligt; säkerhetskopiera gärna själv under Inställningar.",
					map[string]string{"Error": err.Error()})), m.Window())
			}
		}
	})
}

// BackupOnClose makes the day's automatic backup as the window closes when
// there is none yet (data.AutoBackup makes none for an empty database, so a
// new database's first day gets its backup now, of the day's work). It runs
// on the caller's goroutine, the window being gone, and returns the error
// for the caller to print.
func BackupOnClose(m Shell) error {
	if !m.App().Preferences().BoolWithFallback(prefAutoBackup, true) {
		return nil
	}
	_, _, err := autoBackup(m.Store(), m.Now())
	return err
}

// autoBackupMu keeps two automatic backups from running at once.
var autoBackupMu sync.Mutex

// autoBackup runs data.AutoBackup and turns a panic into an error, so that
// nothing about backups can ever stop the app from starting.
func autoBackup(st *data.Store, now time.Time) (path string, made bool, err error) {
	// One at a time: the window may close while the start's backup still
	// copies, and both write the day's file through one partial name
	// (review).
	autoBackupMu.Lock()
	defer autoBackupMu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return data.AutoBackup(context.Background(), st, now, data.AutoBackupKeep)
}

// backupCard is Inställningar's card for automatic backups and restoring.
func backupCard(m Shell) fyne.CanvasObject {
	auto := widget.NewCheck(lang.X("backup.auto", "Säkerhetskopiera automatiskt en gång om dagen när appen startar, eller när den stängs om databasen var tom (de 7 senaste sparas)"),
		func(on bool) { m.App().Preferences().SetBool(prefAutoBackup, on) })
	auto.SetChecked(m.App().Preferences().BoolWithFallback(prefAutoBackup, true))
	where := widgets.WrapLabel(lang.X("backup.folder", "Mapp: {{.Path}}", map[string]string{"Path": data.BackupFolder(m.Store().Path())}))
	restore := widget.NewButtonWithIcon(lang.X("backup.restore", "Återställ från en säkerhetskopia …"), theme.HistoryIcon(), func() { showRestore(m) })
	return widget.NewCard(lang.X("backup.title", "Automatisk säkerhetskopia och återställning"), "",
		container.NewVBox(auto, where, container.NewHBox(restore)))
}

// showRestore lets the user pick one of the automatic backups, or any file.
func showRestore(m Shell) {
	bs, err := data.ListRestorePoints(m.Store().Path())
	if err != nil {
		dialog.ShowError(err, m.Window())
		return
	}
	var d dialog.Dialog
	items := make([]string, len(bs))
	for i, b := range bs {
		items[i] = lang.X("backup.item", "{{.Day}} · {{.Size}} kB", map[string]string{"Day": data.FormatDate(b.Day),
			"Size": fmt.Sprint((b.Size + 1023) / 1024)})
		if b.SafetyCopy {
			// The way back from a restore (found by use: it was not listed).
			items[i] = lang.X("backup.item_safety", "{{.Day}} {{.Time}} · före en återställning · {{.Size}} kB", map[string]string{
				"Day": data.FormatDate(b.Day), "Time": b.Day.Format("15:04"), "Size": fmt.Sprint((b.Size + 1023) / 1024)})
		}
	}
	list := widget.NewRadioGroup(items, nil)
	other := widget.NewButtonWithIcon(lang.X("backup.other_file", "Välj en annan fil …"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			d.Hide()
			confirmRestore(m, path)
		}, m.Window())
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".techniqual", ".bak", ".age"}))
		fd.SetTitleText(lang.X("file.open_title", "Öppna fil")) // Fyne says "Öppna Fil"
		uikit.ShowFileDialog(m.Window(), fd)
	})
	var body fyne.CanvasObject
	if len(bs) == 0 {
		body = container.NewVBox(widgets.WrapLabel(lang.X("backup.none", "Det finns inga automatiska säkerhetskopior ännu.")), container.NewHBox(other))
	} else {
		list.SetSelected(items[0])
		body = container.NewVBox(widgets.WrapLabel(lang.X("backup.choose", "Välj säkerhetskopian att återställa:")), list, container.NewHBox(other))
	}
	d = dialog.NewCustomConfirm(lang.X("backup.restore_title", "Återställ från säkerhetskopia"),
		lang.X("backup.next", "Fortsätt …"), lang.X("backup.cancel", "Avbryt"), body, func(ok bool) {
			if !ok || len(bs) == 0 {
				return
			}
			for i, it := range items {
				if it == list.Selected {
					confirmRestore(m, bs[i].Path)
				}
			}
		}, m.Window())
	d.Resize(fyne.NewSize(480, 360))
	d.Show()
}

// confirmRestore checks the backup and, if it is good, asks before
// restoring it.
func confirmRestore(m Shell, path string) {
	if enc, _ := data.IsEncryptedBackup(path); enc {
		askRestorePassphrase(m, path)
		return
	}
	confirmRestoreOf(m, path, path, func() {})
}

// confirmRestoreOf checks the backup at plain (path itself, or its
// decrypted copy) and asks before restoring it; cleanup runs once the
// question is answered and any restore is done.
func confirmRestoreOf(m Shell, path, plain string, cleanup func()) {
	if _, err := data.CheckBackup(context.Background(), plain); err != nil {
		cleanup()
		dialog.ShowError(errors.New(restoreErrorText(path, err)), m.Window())
		return
	}
	msg := widgets.WrapLabel(lang.X("backup.confirm",
		"Databasen ersätts med säkerhetskopian {{.Path}}. Allt som ändrats efter att kopian gjordes försvinner. En kopia av den nuvarande databasen sparas först i mappen {{.Folder}}.",
		map[string]string{"Path": path, "Folder": data.BackupFolder(m.Store().Path())}))
	d := dialog.NewCustomConfirm(lang.X("backup.confirm_title", "Återställa databasen?"),
		lang.X("backup.do_restore", "Återställ"), lang.X("backup.cancel", "Avbryt"), msg, func(ok bool) {
			if !ok {
				cleanup()
				return
			}
			restoreFromAs(m, plain, path, func(string, error) { cleanup() })
		}, m.Window())
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}

// askRestorePassphrase asks for the passphrase of an encrypted backup and
// decrypts it, off the UI goroutine, into the private backups folder; a
// wrong passphrase is said in the dialog, which stays open.
func askRestorePassphrase(m Shell, path string) *passphraseAsk {
	a := &passphraseAsk{}
	a.status = widgets.WrapLabel("")
	var d *dialog.CustomDialog
	cancelled := false // a decryption still running is let go (review)
	cancel := widget.NewButton(lang.X("backup.cancel", "Avbryt"), func() {
		cancelled = true
		d.Hide()
	})
	a.cancel = cancel
	a.open = widget.NewButtonWithIcon(lang.X("backup.open_encrypted", "Öppna"), theme.ConfirmIcon(), nil)
	a.open.Importance = widget.HighImportance
	a.pass = uikit.NewEscPasswordEntry(func() { uikit.Tap(cancel) })
	a.pass.SetPlaceHolder(lang.X("exchange.passphrase", "Lösenfras"))
	a.open.OnTapped = func() {
		pass := a.pass.Text
		if pass == "" {
			a.status.SetText(lang.X("backup.passphrase_needed", "Skriv lösenfrasen som kopian sparades med."))
			return
		}
		a.open.Disable()
		a.status.SetText(lang.X("backup.decrypting", "Öppnar kopian …"))
		dbPath := m.Store().Path()
		m.Background(func() func() {
			plain, done, err := ops.DecryptForRestore(path, dbPath, pass)
			return func() {
				a.open.Enable()
				switch {
				case cancelled:
					done() // Avbryt while it ran: no question about a restore
					return
				case errors.Is(err, data.ErrWrongPassphrase):
					a.status.SetText(lang.X("backup.wrong_passphrase", "Lösenfrasen öppnar inte kopian. Ingenting har ändrats."))
				case err != nil:
					a.status.SetText(restoreErrorText(path, err))
				default:
					d.Hide()
					confirmRestoreOf(m, path, plain, done)
				}
			}
		})
	}
	a.pass.OnSubmitted = func(string) { uikit.Tap(a.open) }
	body := container.NewVBox(widgets.WrapLabel(lang.X("backup.encrypted_note", "Säkerhetskopian {{.Path}} är krypterad. Skriv lösenfrasen den sparades med.",
		map[string]string{"Path": path})), a.pass, a.status)
	d = dialog.NewCustomWithoutButtons(lang.X("backup.restore_title", "Återställ från säkerhetskopia"), body, m.Window())
	d.SetButtons([]fyne.CanvasObject{cancel, a.open})
	d.Resize(fyne.NewSize(520, 240))
	uikit.ShowEscapable(m.Window(), d, cancel)
	m.Window().Canvas().Focus(a.pass)
	lastAsk = a
	return a
}

// passphraseAsk is the open passphrase dialog of an encrypted backup
// (tests reach in through lastAsk).
type passphraseAsk struct {
	pass   *uikit.EscEntry
	open   *widget.Button
	cancel *widget.Button
	status *widget.Label
}

// lastAsk is the passphrase dialog opened last.
var lastAsk *passphraseAsk

// restoreErrorText says why a file cannot be restored from.
func restoreErrorText(path string, err error) string {
	switch {
	case errors.Is(err, data.ErrNotDatabase):
		return lang.X("backup.not_database", "{{.Path}} är ingen säkerhetskopia av en Techniqual-databas. Ingenting har ändrats.", map[string]string{"Path": path})
	case errors.Is(err, data.ErrNewerVersion):
		return lang.X("backup.newer", "{{.Path}} är gjord av en nyare version av Techniqual. Uppdatera appen först. Ingenting har ändrats.", map[string]string{"Path": path})
	case errors.Is(err, data.ErrMigration):
		return lang.X("backup.migration", "{{.Path}} kunde inte uppgraderas till den här versionen av Techniqual och är inte återställd. ({{.Error}})",
			map[string]string{"Path": path, "Error": err.Error()})
	}
	return lang.X("backup.restore_failed", "Återställningen misslyckades: {{.Error}}", map[string]string{"Error": err.Error()})
}

// restoreFrom replaces the database with the backup at path: the window's
// Store is closed, the file restored (a safety copy kept) and opened again,
// and every screen rebuilt on the restored data. On any failure the window
// goes on with the database as it was. done, when set, is called on the UI
// goroutine with the result (for tests).
func restoreFrom(m Shell, path string, done func(safety string, err error)) {
	restoreFromAs(m, path, path, done)
}

// restoreFromAs is restoreFrom of the file at plain, named shown to the
// user (an encrypted backup's decrypted copy is restored under the name
// of the backup).
func restoreFromAs(m Shell, plain, shown string, done func(safety string, err error)) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("backup.restoring", "Återställer …"), bar, m.Window())
	wait.Show()
	old := m.Store()
	m.Background(func() func() {
		st, safety, err := ops.RestoreOpen(context.Background(), old, plain)
		return func() {
			wait.Hide()
			if st != nil {
				m.UseStore(st)
			}
			restoreDone(m, safety, err, shown, done)
		}
	})
}

func restoreDone(m Shell, safety string, err error, path string, done func(string, error)) {
	if err != nil {
		dialog.ShowError(errors.New(restoreErrorText(path, err)), m.Window())
	} else {
		dialog.ShowInformation(lang.X("backup.restored_title", "Återställd"), lang.X("backup.restored",
			"Databasen är återställd från {{.Path}}. Den tidigare databasen finns kvar i {{.Safety}}.",
			map[string]string{"Path": path, "Safety": safety}), m.Window())
	}
	if done != nil {
		done(safety, err)
	}
}
