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
		"Kopian innehåller elevers personuppgifter: spara den där bara du kommer åt den."))
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
		s.backupTo(freeBackupPath(dir.Path(), s.main.Now()))
	}, s.main.Window())
	if last := s.main.App().Preferences().String(prefBackupFolder); last != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(last)); err == nil {
			d.SetLocation(l)
		}
	}
	uikit.ShowFileDialog(s.main.Window(), d)
}

// prefBackupFolder remembers the folder of the last backup made by hand.
const prefBackupFolder = "backup_folder"

// freeBackupPath is the day's backup name in dir, with " (2)", " (3)" …
// when a file of that name is already there.
func freeBackupPath(dir string, now time.Time) string {
	name := BackupFileName(now)
	path := filepath.Join(dir, name)
	for n := 2; n < 1000; n++ {
		// Any answer but "there is a file" ends the search: a folder that
		// cannot be read gives its error when the backup is written
		// (review: it looped on the UI goroutine).
		if _, err := os.Lstat(path); err != nil {
			return path
		}
		path = filepath.Join(dir, strings.TrimSuffix(name, ".db")+" ("+strconv.Itoa(n)+").db")
	}
	return path
}

// BackupFileName is the suggested name of a backup made on day t.
func BackupFileName(t time.Time) string {
	return "techniqual-sakerhetskopia-" + t.Format("2006-01-02") + ".db"
}

func (s *Screen) backupTo(path string) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("settings.backing_up", "Säkerhetskopierar …"), bar, s.main.Window())
	wait.Show()
	st := s.main.Store()
	s.main.Background(func() func() {
		err := ops.BackupStore(context.Background(), st, path) // a failed copy leaves no half file
		return func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			msg := lang.X("settings.backed_up", "Säkerhetskopian finns i {{.Path}}.", map[string]string{"Path": path})
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
