// Package settings is the Inställningar screen: which database is open and
// another one to open, backups (made now, made daily, restored), exchange
// files between Techniqual installations, the language, and the version.
package settings

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
	"time"

	"techniqual/ui/ops"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Shell is what Inställningar needs from the window besides the Base: to
// change the database, the language or every screen at once, and the
// version to show.
type Shell interface {
	uikit.Base
	// SwitchStore opens the database at path, shows it instead of the
	// current one (which is closed) and remembers it for the next start;
	// on error nothing changes.
	SwitchStore(path string) error
	// UseStore shows st, already open, instead of the current database
	// (closed by the caller), and builds every screen anew.
	UseStore(st *data.Store)
	// Rebuild builds every screen anew (after an import changed the data).
	Rebuild()
	// ChangeLanguage saves the language with that code, loads it and builds
	// every screen anew.
	ChangeLanguage(code string)
	// AppVersion is the app's version, as FyneApp.toml gives it.
	AppVersion() string
}

// Screen is Inställningar: where the database is, open another
// database file, back up now, language.
type Screen struct {
	main    Shell
	content fyne.CanvasObject
	path    *widget.Label
	status  *widget.Label
	langSel *widget.Select
	network *networkCard
	// lastBackupAsk is the question of how to save a backup, opened last.
	lastBackupAsk *backupAsk
}

var languages = []string{uikit.LangSwedish, uikit.LangEnglish}

// New builds Inställningar; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, network: newNetworkCard(m)}
	s.path = widget.NewLabel("")
	s.path.Wrapping = fyne.TextWrapBreak
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.X("settings.open", "Öppna en annan databasfil …"), theme.FolderOpenIcon(), s.onOpen)
	backup := widget.NewButtonWithIcon(lang.X("settings.backup", "Säkerhetskopiera nu …"), theme.DocumentSaveIcon(), s.onBackup)
	backup.Importance = widget.HighImportance
	s.langSel = widgets.NewSelect([]string{"Svenska", "English"}, nil)
	if m.Language() == uikit.LangEnglish {
		s.langSel.SetSelectedIndex(1)
	} else {
		s.langSel.SetSelectedIndex(0)
	}
	s.langSel.OnChanged = func(string) { s.onLanguageChanged() }
	backupNote := widget.NewLabel(lang.X("settings.backup_note",
		"Kopian innehåller elevers personuppgifter: spara den där bara du kommer åt den, och kryptera den med en lösenfras om den ska lämna datorn."))
	backupNote.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(lang.X("nav.settings", "Inställningar"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	// Språk first: found by use, it was at the foot of a long page and
	// was taken to be missing.
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(title,
		widget.NewCard(lang.X("settings.language", "Språk"), "", s.langSel),
		widget.NewCard(lang.X("settings.database", "Databasen"), "", container.NewVBox(s.path, container.NewHBox(open))),
		widget.NewCard(lang.X("settings.backup_title", "Säkerhetskopia"), "", container.NewVBox(backupNote, container.NewHBox(backup))),
		backupCard(m),
		exchangeCard(m),
		s.network.card,
		widget.NewCard(lang.X("settings.about", "Om Techniqual"), "", widgets.WrapLabel(lang.X("settings.about_text",
			"Techniqual {{.Version}} – TechniQual-nätverkets app för teknikprao och evenemang i Värmland. Fungerar utan internet. Databasen ligger där den visas ovan; säkerhetskopior i mappen backups bredvid den.",
			map[string]string{"Version": m.AppVersion()}))),
		s.status)))
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload shows the current database file.
func (s *Screen) Reload() {
	s.path.SetText(s.main.Store().Path())
	s.network.reload()
}

// onOpen lets the user pick another database file (or name a new one).
func (s *Screen) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.open(path)
	}, s.main.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".techniqual"}))
	d.SetTitleText(lang.X("file.open_title", "Öppna fil")) // Fyne says "Öppna Fil"
	uikit.ShowFileDialog(s.main.Window(), d)
}

// open switches the window to the database at path and remembers it; an
// empty file is made a new database only after asking (found by use: it
// was, without a word).
func (s *Screen) open(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		dialog.ShowConfirm(lang.X("settings.empty_file_title", "Tom fil"),
			lang.X("settings.empty_file", "{{.Path}} är tom. Göra den till en ny, tom databas?", map[string]string{"Path": path}),
			func(yes bool) {
				if yes {
					s.switchTo(path)
				}
			}, s.main.Window())
		return
	}
	s.switchTo(path)
}

// switchTo switches the window to the database at path.
func (s *Screen) switchTo(path string) {
	if err := s.main.SwitchStore(path); err != nil {
		dialog.ShowError(fmt.Errorf("%s", uikit.OpenErrorText(path, err)), s.main.Window())
		return
	}
	s.Reload()
	s.status.SetText(lang.X("settings.opened", "Nu används {{.Path}}.", map[string]string{"Path": path}))
}

// onBackup writes a consistent copy of the open database into a folder
// the user picks, under a name of its own: found by use, choosing an
// existing file in Fyne's save dialog ("Overwrite?", in English) emptied
// an older backup before anything was written. A backup never replaces a
// file (as the command line promises); the folder is remembered.
func (s *Screen) onBackup() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		s.main.App().Preferences().SetString(prefBackupFolder, dir.Path())
		s.askBackupPassphrase(dir.Path())
	}, s.main.Window())
	if last := s.main.App().Preferences().String(prefBackupFolder); last != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(last)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetTitleText(lang.X("file.folder_title", "Välj mapp")) // Fyne says "Öppna Mapp"
	uikit.ShowFileDialog(s.main.Window(), d)
}

// prefBackupFolder remembers the folder of the last backup made by hand.
const prefBackupFolder = "backup_folder"

// backupAsk is the open question of how to save a backup (tests reach in
// through Screen.lastBackupAsk).
type backupAsk struct {
	pass1, pass2     *uikit.EscEntry
	plainBtn, encBtn *widget.Button
	status           *widget.Label
	d                *dialog.CustomDialog
}

// askBackupPassphrase asks whether to encrypt the backup to dir, with a
// passphrase given twice: found by use, a copy taken to a USB stick held
// the personal data of minors in the clear, while exchange files had a
// passphrase. Saving without one stays a choice, said to be for a copy
// that stays on this computer.
func (s *Screen) askBackupPassphrase(dir string) {
	a := &backupAsk{status: widgets.WrapLabel("")}
	cancel := widget.NewButton(lang.X("backup.cancel", "Avbryt"), func() { a.d.Hide() })
	a.pass1 = uikit.NewEscPasswordEntry(func() { uikit.Tap(cancel) })
	a.pass1.SetPlaceHolder(lang.X("exchange.passphrase", "Lösenfras"))
	a.pass2 = uikit.NewEscPasswordEntry(func() { uikit.Tap(cancel) })
	a.pass2.SetPlaceHolder(lang.X("exchange.passphrase_again", "Lösenfrasen igen"))
	a.encBtn = widget.NewButtonWithIcon(lang.X("settings.backup_encrypted", "Spara krypterad"), theme.DocumentSaveIcon(), func() {
		p1, p2 := a.pass1.Text, a.pass2.Text
		switch {
		case len([]rune(p1)) < data.MinBackupPassphrase:
			a.status.SetText(lang.X("settings.backup_pass_short", "Lösenfrasen behöver minst {{.Min}} tecken.",
				map[string]string{"Min": strconv.Itoa(data.MinBackupPassphrase)}))
		case p1 != p2:
			a.status.SetText(lang.X("settings.backup_pass_differ", "Lösenfraserna är inte lika."))
		default:
			a.d.Hide()
			s.backupTo(freeBackupPath(dir, s.main.Now(), data.EncryptedBackupExt), p1)
		}
	})
	a.encBtn.Importance = widget.HighImportance
	a.plainBtn = widget.NewButton(lang.X("settings.backup_plain", "Spara utan lösenfras"), func() {
		a.d.Hide()
		s.backupTo(freeBackupPath(dir, s.main.Now(), ".db"), "")
	})
	a.pass1.OnSubmitted = func(string) { uikit.Tap(a.encBtn) }
	a.pass2.OnSubmitted = func(string) { uikit.Tap(a.encBtn) }
	note := widgets.WrapLabel(lang.X("settings.backup_pass_note",
		"Kopian innehåller elevers personuppgifter. Ska den lämna datorn (USB-minne, delad mapp), kryptera den med en lösenfras, gärna tre eller fyra vanliga ord, och förvara lösenfrasen på annat håll. Utan lösenfrasen går kopian inte att återställa."))
	body := container.NewVBox(note, a.pass1, a.pass2, a.status)
	a.d = dialog.NewCustomWithoutButtons(lang.X("settings.backup_title", "Säkerhetskopia"), body, s.main.Window())
	a.d.SetButtons([]fyne.CanvasObject{cancel, a.plainBtn, a.encBtn})
	a.d.Resize(fyne.NewSize(560, 320))
	uikit.ShowEscapable(s.main.Window(), a.d, cancel)
	s.main.Window().Canvas().Focus(a.pass1)
	s.lastBackupAsk = a
}

// freeBackupPath is the day's backup name in dir, ending in ext (".db",
// or data.EncryptedBackupExt), with " (2)", " (3)" … when a file of that
// name is already there.
func freeBackupPath(dir string, now time.Time, ext string) string {
	base := strings.TrimSuffix(BackupFileName(now), ".db")
	path := filepath.Join(dir, base+ext)
	for n := 2; n < 1000; n++ {
		// Any answer but "there is a file" ends the search: a folder that
		// cannot be read gives its error when the backup is written
		// (review: it looped on the UI goroutine).
		if _, err := os.Lstat(path); err != nil {
			return path
		}
		path = filepath.Join(dir, base+" ("+strconv.Itoa(n)+")"+ext)
	}
	return path
}

// BackupFileName is the suggested name of a backup made on day t.
func BackupFileName(t time.Time) string {
	return "techniqual-sakerhetskopia-" + t.Format("2006-01-02") + ".db"
}

// backupTo writes the backup to path, encrypted with passphrase unless it
// is "".
func (s *Screen) backupTo(path, passphrase string) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("settings.backing_up", "Säkerhetskopierar …"), bar, s.main.Window())
	wait.Show()
	st := s.main.Store()
	s.main.Background(func() func() {
		var err error // a failed copy leaves no half file
		if passphrase != "" {
			err = ops.BackupStoreEncrypted(context.Background(), st, path, passphrase)
		} else {
			err = ops.BackupStore(context.Background(), st, path)
		}
		return func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			msg := lang.X("settings.backed_up", "Säkerhetskopian finns i {{.Path}}.", map[string]string{"Path": path})
			if passphrase != "" {
				msg = lang.X("settings.backed_up_encrypted", "Säkerhetskopian finns krypterad i {{.Path}}. Den återställs under Inställningar med lösenfrasen.",
					map[string]string{"Path": path})
			}
			s.status.SetText(msg)
			// Said where it is seen: the status line is at the foot of a
			// long page (found by use: no confirmation).
			dialog.ShowInformation(lang.X("settings.backup_title", "Säkerhetskopia"), msg, s.main.Window())
		}
	})
}

func (s *Screen) onLanguageChanged() {
	i := s.langSel.SelectedIndex()
	if i < 0 {
		return
	}
	code := languages[i]
	if code == s.main.Language() {
		return
	}
	s.main.ChangeLanguage(code)
}
