package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"techniqual/ui/ops"
)

// prefDatabase remembers the database file opened from Inställningar, used
// at the next start when --db is not given.
const prefDatabase = "database_path"

// Version is the app's version, set by main from FyneApp.toml; Inställningar
// shows it under Om Techniqual.
var Version = "dev"

// RememberedDatabase is the database chosen in Inställningar ("" for the default).
func RememberedDatabase(a fyne.App) string { return a.Preferences().String(prefDatabase) }

// settingsScreen is Inställningar: where the database is, open another
// database file, back up now, language.
type settingsScreen struct {
	main    *MainWindow
	content fyne.CanvasObject
	path    *widget.Label
	status  *widget.Label
	langSel *widget.Select
}

var languages = []string{LangSwedish, LangEnglish}

func newSettingsScreen(m *MainWindow) *settingsScreen {
	s := &settingsScreen{main: m}
	s.path = widget.NewLabel("")
	s.path.Wrapping = fyne.TextWrapBreak
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.X("settings.open", "Öppna en annan databasfil …"), theme.FolderOpenIcon(), s.onOpen)
	backup := widget.NewButtonWithIcon(lang.X("settings.backup", "Säkerhetskopiera nu …"), theme.DocumentSaveIcon(), s.onBackup)
	backup.Importance = widget.HighImportance
	s.langSel = newSelect([]string{"Svenska", "English"}, nil)
	if SavedLanguage(m.app) == LangEnglish {
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
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(title,
		widget.NewCard(lang.X("settings.database", "Databasen"), "", container.NewVBox(s.path, container.NewHBox(open))),
		widget.NewCard(lang.X("settings.backup_title", "Säkerhetskopia"), "", container.NewVBox(backupNote, container.NewHBox(backup))),
		m.backupCard(),
		m.exchangeCard(),
		widget.NewCard(lang.X("settings.language", "Språk"), "", s.langSel),
		widget.NewCard(lang.X("settings.about", "Om Techniqual"), "", wrapLabel(lang.X("settings.about_text",
			"Techniqual {{.Version}} – TechniQual-nätverkets app för teknikprao och evenemang i Värmland. Fungerar utan internet. Databasen ligger där den visas ovan; säkerhetskopior i mappen backups bredvid den.",
			map[string]string{"Version": Version}))),
		s.status)))
	return s
}

// Content is the screen's root object.
func (s *settingsScreen) Content() fyne.CanvasObject { return s.content }

// Reload shows the current database file.
func (s *settingsScreen) Reload() {
	s.path.SetText(s.main.store.Path())
}

// onOpen lets the user pick another database file (or name a new one).
func (s *settingsScreen) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.open(path)
	}, s.main.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".techniqual"}))
	d.Show()
}

// open switches the window to the database at path and remembers it.
func (s *settingsScreen) open(path string) {
	if err := s.main.switchStore(path); err != nil {
		dialog.ShowError(fmt.Errorf("%s", OpenErrorText(path, err)), s.main.win)
		return
	}
	s.main.app.Preferences().SetString(prefDatabase, path)
	s.Reload()
	s.status.SetText(lang.X("settings.opened", "Nu används {{.Path}}.", map[string]string{"Path": path}))
}

// onBackup writes a consistent copy of the open database where the user says.
func (s *settingsScreen) onBackup() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // the dialog made an empty file; VACUUM INTO fills it
		s.backupTo(path)
	}, s.main.win)
	d.SetFileName(BackupFileName(time.Now()))
	d.Show()
}

// BackupFileName is the suggested name of a backup made on day t.
func BackupFileName(t time.Time) string {
	return "techniqual-sakerhetskopia-" + t.Format("2006-01-02") + ".db"
}

func (s *settingsScreen) backupTo(path string) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("settings.backing_up", "Säkerhetskopierar …"), bar, s.main.win)
	wait.Show()
	st := s.main.store
	s.main.background(func() func() {
		err := ops.BackupStore(context.Background(), st, path) // a failed copy leaves no half file
		return func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(err, s.main.win)
				return
			}
			s.status.SetText(lang.X("settings.backed_up", "Säkerhetskopian finns i {{.Path}}.", map[string]string{"Path": path}))
		}
	})
}

func (s *settingsScreen) onLanguageChanged() {
	i := s.langSel.SelectedIndex()
	if i < 0 {
		return
	}
	code := languages[i]
	if code == SavedLanguage(s.main.app) {
		return
	}
	s.main.app.Preferences().SetString(prefLanguage, code)
	SetLanguage(code)
	s.main.rebuild()
}
