package settings

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/exchange"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// prefExchangeFolder remembers where the last exchange file was saved or opened.
const prefExchangeFolder = "exchange_folder"

// exchangeKindName names a kind of exchange file in menus.
func exchangeKindName(k exchange.Kind) string {
	switch k {
	case exchange.KindHostForm:
		return lang.X("exchange.kind.host_form", "Värdformulär (företag, kontakter, praoplatser)")
	case exchange.KindSchool:
		return lang.X("exchange.kind.school", "Skolfil (elever och önskemål för regional matchning)")
	case exchange.KindResults:
		return lang.X("exchange.kind.results", "Resultatfil (placeringar till en skola)")
	case exchange.KindHost:
		return lang.X("exchange.kind.host", "Värdfil (inkommande elever till ett företag)")
	case exchange.KindJourney:
		return lang.X("jr.exchange_kind", "Jämställdhetsresa (ett medlemsföretags resa till samordnaren)")
	}
	return string(k)
}

// exchangeErrorText is an exchange error in the window's language (en:
// English); the message keys are exchange.err.<code>.
func exchangeErrorText(err error, en bool) string {
	var e *exchange.Error
	if !errors.As(err, &e) {
		return lang.X("exchange.failed", "Det gick inte: {{.Error}}", map[string]string{"Error": err.Error()})
	}
	return lang.X(e.Key(), e.Template(), e.Data(en))
}

// exchangeCard is the Utbytesfiler card for Inställningar.
func exchangeCard(m Shell) fyne.CanvasObject {
	save := widget.NewButtonWithIcon(lang.X("exchange.save_file", "Spara utbytesfil …"), theme.MailSendIcon(),
		func() { showExchangeExport(m, "", "") }) // the kind saved last, or one this database can make
	open := widget.NewButtonWithIcon(lang.X("exchange.open_file", "Läs in utbytesfil …"), theme.FolderOpenIcon(), func() { showExchangeImport(m) })
	note := widgets.WrapLabel(lang.X("exchange.card_note",
		"Utbytesfiler (.techniqual) skickas med e-post mellan datorer: värdformulär, skolans elever och önskemål, resultat, värdens elevlista och medlemsföretagens jämställdhetsresor. De är krypterade med en lösenfras som ni kommer överens om per telefon."))
	return widget.NewCard(lang.X("exchange.title", "Utbyte"), "", container.NewVBox(note, container.NewHBox(save, open)))
}

// ShowHostFormFile opens the export dialog for one company's host form
// (the host form's "Spara som fil för e-post …").
func ShowHostFormFile(m Shell, companyID string) {
	showExchangeExport(m, exchange.KindHostForm, companyID)
}

// exchangeExport is the dialog that saves an exchange file.
type exchangeExport struct {
	main                      Shell
	dlg                       dialog.Dialog
	closeBtn                  *widget.Button // Stäng, also on Escape
	kind, period              *widget.Select
	kindUnset                 bool // no kind asked for or remembered: load may choose by the database
	org, school               *widgets.PickButton
	orgRow, schoolRow, perRow fyne.CanvasObject
	include                   *widget.Check
	pass1, pass2              *uikit.EscEntry
	passMsg                   string        // what the status says of the passphrases, "" when nothing
	includeWarn               *widget.Label // what taking protected pupils' names means
	status                    *widget.Label
	progress                  *widget.ProgressBarInfinite
	saveBtn                   *widget.Button
	companies, schools        []data.Organisation
	periods                   []data.Period
	wantOrg                   string
	protectedNamed            int // protected pupils the chosen school file would name (warnProtected)
}

func showExchangeExport(m Shell, kind exchange.Kind, orgID string) *exchangeExport {
	d := newExchangeExport(m, kind, orgID)
	uikit.ShowEscapable(m.Window(), d.dlg, d.closeBtn)
	return d
}

func newExchangeExport(m Shell, kind exchange.Kind, orgID string) *exchangeExport {
	d := &exchangeExport{main: m, wantOrg: orgID}
	names := make([]string, len(exchange.Kinds))
	for i, k := range exchange.Kinds {
		names[i] = exchangeKindName(k)
	}
	d.kind = widgets.NewSelect(names, func(string) { d.warnProtected() })
	// Chosen by search: a region has dozens of companies (found by use:
	// a dropdown of them all).
	d.org = widgets.NewPickButton(m.Window(), lang.X("exchange.company", "Företag"), lang.X("exchange.org_search", "Sök företag …"), nil)
	d.school = widgets.NewPickButton(m.Window(), lang.X("exchange.school", "Skola"), lang.X("exchange.school_search", "Sök skola …"),
		func(string) { d.warnProtected() })
	d.period = widgets.NewSelect(nil, func(string) { d.warnProtected() })
	row := func(label string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
	}
	d.orgRow = row(lang.X("exchange.company", "Företag"), d.org.Button)
	d.schoolRow = row(lang.X("exchange.school", "Skola"), d.school.Button)
	d.perRow = row(lang.X("exchange.period", "Praoperiod"), d.period)
	// Found by use: ticking it said nothing of what it means.
	d.includeWarn = widgets.NewErrLabel()
	d.include = widget.NewCheck(lang.X("exchange.include_protected", "Ta med namn på elever med skyddad identitet"), func(bool) { d.warnProtected() })
	// Escape closes the dialog from the passphrases too (found by use).
	d.pass1 = uikit.NewEscPasswordEntry(func() { uikit.Tap(d.closeBtn) })
	d.pass1.SetPlaceHolder(lang.X("exchange.passphrase", "Lösenfras"))
	d.pass2 = uikit.NewEscPasswordEntry(func() { uikit.Tap(d.closeBtn) })
	d.pass2.SetPlaceHolder(lang.X("exchange.passphrase_again", "Lösenfrasen igen"))
	// Enter saves; a message about the passphrases goes once they are
	// mended (found by use: "inte lika" stayed while they were equal).
	d.pass1.OnSubmitted = func(string) { d.onSave() }
	d.pass2.OnSubmitted = func(string) { d.onSave() }
	passChanged := func(string) {
		if d.passMsg != "" && d.status.Text == d.passMsg && d.check() != d.passMsg {
			d.status.SetText("")
			d.passMsg = ""
		}
	}
	d.pass1.OnChanged, d.pass2.OnChanged = passChanged, passChanged
	passNote := widgets.WrapLabel(lang.X("exchange.passphrase_note",
		"Minst {{.Min}} tecken, gärna tre eller fyra vanliga ord. Berätta lösenfrasen för mottagaren per telefon eller sms – aldrig i samma e-post som filen.",
		map[string]string{"Min": fmt.Sprint(exchange.MinPassphrase)}))
	d.status = widgets.WrapLabel("")
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Stop()
	d.progress.Hide()
	d.saveBtn = widget.NewButtonWithIcon(lang.X("exchange.save", "Spara …"), theme.DocumentSaveIcon(), d.onSave)
	d.saveBtn.Importance = widget.HighImportance
	d.closeBtn = widget.NewButton(lang.X("action.close", "Stäng"), func() { d.dlg.Hide() })
	body := container.NewVBox(row(lang.X("exchange.kind", "Fil"), d.kind), d.orgRow, d.schoolRow, d.perRow, d.include, d.includeWarn,
		widget.NewSeparator(), d.pass1, d.pass2, passNote, d.progress, d.status, container.NewHBox(d.closeBtn, d.saveBtn))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("exchange.export_title", "Spara utbytesfil för e-post"), body, m.Window())
	d.dlg.Resize(fyne.NewSize(600, 480))
	if kind == "" {
		kind = exchange.Kind(m.App().Preferences().String(prefExchangeKind))
		d.kindUnset = kind == ""
		if kind == "" {
			kind = exchange.KindSchool
		}
	}
	for i, k := range exchange.Kinds {
		if k == kind {
			d.kind.SetSelectedIndex(i)
		}
	}
	d.load()
	return d
}

// The choices of the last file saved, offered again the next time (found
// by use: the dialog forgot school and period at every file).
const (
	prefExchangeKind   = "exchange_kind"
	prefExchangeOrg    = "exchange_org"
	prefExchangeSchool = "exchange_school"
	prefExchangePeriod = "exchange_period"
)

// warnProtected says, when protected pupils' names are to be taken, how
// many pupils that is for the chosen school and period: the file is built
// off the UI goroutine, as it would be saved, and its count of protected
// pupils shown (found by use: the warning gave no count).
func (d *exchangeExport) warnProtected() {
	if d.includeWarn == nil {
		return // still being built
	}
	d.sync()
	if !d.include.Checked || d.chosenKind() != exchange.KindSchool {
		widgets.ShowErr(d.includeWarn, "")
		return
	}
	generic := lang.X("exchange.include_protected_warning", "Elever med skyddad identitet kommer med i filen med namn. Skicka den bara till den som ska ha dem, och berätta lösenfrasen på annat sätt.")
	widgets.ShowErr(d.includeWarn, generic)
	si, pi := d.school.Selected(), d.period.SelectedIndex()
	if si == "" || pi < 0 || pi >= len(d.periods) {
		return
	}
	o := ops.Outgoing{Kind: exchange.KindSchool, SchoolID: si, PeriodID: d.periods[pi].ID,
		Options: exchange.Options{AppVersion: d.main.AppVersion(), IncludeProtected: true}}
	st := d.main.Store()
	d.main.Background(func() func() {
		p, err := ops.BuildExchange(context.Background(), st, o)
		return func() {
			// A count for a choice since changed is not shown.
			if err != nil || !d.include.Checked || d.chosenKind() != exchange.KindSchool ||
				d.school.Selected() != si || d.period.SelectedIndex() != pi {
				return
			}
			d.protectedNamed = p.Named
			msg := lang.X("exchange.include_protected_none", "Ingen elev i filen har skyddad identitet, så rutan ändrar inget här.")
			if p.Named > 0 {
				msg = uikit.Plural(p.Named, "exchange.include_protected_n.one", "{{.N}} elev med skyddad identitet kommer med i filen med namn. Skicka den bara till den som ska ha den, och berätta lösenfrasen på annat sätt.",
					"exchange.include_protected_n.other", "{{.N}} elever med skyddad identitet kommer med i filen med namn. Skicka den bara till den som ska ha dem, och berätta lösenfrasen på annat sätt.", nil)
			}
			widgets.ShowErr(d.includeWarn, msg)
		}
	})
}

func (d *exchangeExport) chosenKind() exchange.Kind {
	if i := d.kind.SelectedIndex(); i >= 0 {
		return exchange.Kinds[i]
	}
	return ""
}

// sync shows the choices the chosen kind needs.
func (d *exchangeExport) sync() {
	k := d.chosenKind()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(d.orgRow, k == exchange.KindHostForm || k == exchange.KindHost || k == exchange.KindJourney)
	show(d.schoolRow, k == exchange.KindSchool || k == exchange.KindResults)
	show(d.perRow, k != exchange.KindHostForm && k != exchange.KindJourney)
	show(d.include, k == exchange.KindSchool)
	show(d.includeWarn, k == exchange.KindSchool && d.include.Checked)
}

// load fetches companies, schools and periods off the UI goroutine.
func (d *exchangeExport) load() {
	st := d.main.Store()
	d.main.Background(func() func() {
		ctx := context.Background()
		cs, err1 := st.ListOrganisations(ctx, data.KindCompany)
		ss, err2 := st.ListOrganisations(ctx, data.KindSchool)
		ps, err3 := st.ListPeriods(ctx)
		return func() {
			if err := errors.Join(err1, err2, err3); err != nil {
				d.status.SetText(exchangeErrorText(err, (d.main.Language() == uikit.LangEnglish)))
				return
			}
			d.companies, d.schools, d.periods = cs, ss, ps
			prefs := d.main.App().Preferences()
			// Without a kind asked for or remembered, a database with no
			// school offers a company's file, not a school file it cannot
			// make (found by use: a coordinator's laptop offered Skolfil).
			if d.kindUnset && len(ss) == 0 && len(cs) > 0 {
				d.kind.SetSelectedIndex(slices.Index(exchange.Kinds, exchange.KindJourney))
			}
			// setNames chooses the first of wants that is there, or else
			// the first name.
			setNames := func(b *widgets.PickButton, orgs []data.Organisation, wants ...string) {
				items := make([]widgets.PickItem, len(orgs))
				for i, o := range orgs {
					items[i] = widgets.PickItem{ID: o.ID, Text: o.Name}
				}
				b.SetItems(items)
				for _, want := range wants {
					if want != "" && slices.ContainsFunc(orgs, func(o data.Organisation) bool { return o.ID == want }) {
						b.SetSelected(want)
						return
					}
				}
				if len(orgs) > 0 {
					b.SetSelected(orgs[0].ID)
				}
			}
			setNames(d.org, cs, d.wantOrg, prefs.String(prefExchangeOrg))
			setNames(d.school, ss, d.wantOrg, prefs.String(prefExchangeSchool))
			pn := make([]string, len(ps))
			for i, p := range ps {
				pn[i] = p.Name
			}
			d.period.SetOptions(pn)
			if i := slices.IndexFunc(ps, func(p data.Period) bool { return p.ID == prefs.String(prefExchangePeriod) }); i >= 0 {
				d.period.SetSelectedIndex(i)
			} else if len(ps) > 0 {
				d.period.SetSelectedIndex(len(ps) - 1)
			}
			d.sync()
		}
	})
}

// check says what is missing before a file can be saved ("" when ready).
func (d *exchangeExport) check() string {
	k := d.chosenKind()
	switch {
	case k == "":
		return lang.X("exchange.choose_kind", "Välj vilken fil du vill spara.")
	case (k == exchange.KindHostForm || k == exchange.KindHost || k == exchange.KindJourney) && d.org.Selected() == "":
		return lang.X("exchange.choose_company", "Välj ett företag.")
	case (k == exchange.KindSchool || k == exchange.KindResults) && d.school.Selected() == "":
		return lang.X("exchange.choose_school", "Välj en skola.")
	case k != exchange.KindHostForm && k != exchange.KindJourney && d.period.SelectedIndex() < 0:
		return lang.X("exchange.choose_period", "Välj en praoperiod.")
	case d.pass1.Text != d.pass2.Text:
		return lang.X("exchange.passphrases_differ", "Lösenfraserna är inte lika.")
	}
	if err := exchange.CheckPassphrase(d.pass1.Text); err != nil {
		return exchangeErrorText(err, (d.main.Language() == uikit.LangEnglish))
	}
	return ""
}

// say shows what stops the save, remembering it when it is about the
// passphrases (passChanged takes it away once they are right).
func (d *exchangeExport) say(msg string) {
	d.status.SetText(msg)
	d.passMsg = ""
	if d.pass1.Text != d.pass2.Text || exchange.CheckPassphrase(d.pass1.Text) != nil {
		d.passMsg = msg
	}
}

func (d *exchangeExport) onSave() {
	if msg := d.check(); msg != "" {
		d.say(msg)
		return
	}
	fd := uikit.NewSaveDialog(d.main.Window(), d.fileName(), exchange.Extension, d.saveTo)
	if dir := d.main.App().Preferences().String(prefExchangeFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(l)
		}
	}
	uikit.ShowFileDialog(d.main.Window(), fd)
}

// fileName is the suggested name: what the file is, whom it is from or
// about, and the date ("Värdformulär Alsters Kodverkstad AB 2026-12-05.techniqual").
func (d *exchangeExport) fileName() string {
	k := d.chosenKind()
	who := d.school.SelectedText()
	if k == exchange.KindHostForm || k == exchange.KindHost || k == exchange.KindJourney {
		who = d.org.SelectedText()
	}
	return exchange.FileName(k, who, d.main.Now().Format("2006-01-02"), d.main.Language() == uikit.LangEnglish)
}

// saveTo builds and writes the file off the UI goroutine.
func (d *exchangeExport) saveTo(path string) {
	if msg := d.check(); msg != "" {
		d.say(msg)
		return
	}
	k, pass := d.chosenKind(), d.pass1.Text
	orgID, schoolID, periodID := d.org.Selected(), d.school.Selected(), ""
	if i := d.period.SelectedIndex(); i >= 0 {
		periodID = d.periods[i].ID
	}
	o := exchange.Options{AppVersion: d.main.AppVersion(), IncludeProtected: d.include.Checked && k == exchange.KindSchool}
	st := d.main.Store()
	d.saveBtn.Disable()
	d.progress.Show()
	d.progress.Start()
	d.status.SetText(lang.X("exchange.saving", "Sparar och krypterar …"))
	d.main.Background(func() func() {
		written, err := ops.WriteExchange(context.Background(), st,
			ops.Outgoing{Kind: k, OrgID: orgID, SchoolID: schoolID, PeriodID: periodID, Options: o}, path, pass)
		return func() {
			d.saveBtn.Enable()
			d.progress.Stop()
			d.progress.Hide()
			if err != nil {
				d.status.SetText(exchangeErrorText(err, (d.main.Language() == uikit.LangEnglish)))
				return
			}
			prefs := d.main.App().Preferences()
			prefs.SetString(prefExchangeFolder, filepath.Dir(path))
			prefs.SetString(prefExchangeKind, string(k))
			for key, id := range map[string]string{prefExchangeOrg: orgID, prefExchangeSchool: schoolID, prefExchangePeriod: periodID} {
				if id != "" {
					prefs.SetString(key, id)
				}
			}
			msg := lang.X("exchange.saved", "Sparad i {{.Path}}. Skicka filen med e-post och lösenfrasen på annat sätt.",
				map[string]string{"Path": path})
			// Found by use: without the network's contact, a protected
			// pupil's row in a host file had nobody to ask, silently.
			if n := written.ViaSchoolWithoutContact(); n > 0 {
				msg += "\n" + uikit.Plural(n, "exchange.via_no_contact.one",
					"Obs: {{.N}} elev med skyddad identitet står som ”Elev via skolan” utan någon att fråga, eftersom nätverkets kontakt inte är angiven (Inställningar → Nätverkets kontakt). Värden får fråga dig.",
					"exchange.via_no_contact.other",
					"Obs: {{.N}} elever med skyddad identitet står som ”Elev via skolan” utan någon att fråga, eftersom nätverkets kontakt inte är angiven (Inställningar → Nätverkets kontakt). Värden får fråga dig.", nil)
			}
			d.status.SetText(msg)
		}
	})
}

// exchangeImport is the dialog that reads an exchange file: file,
// passphrase, preview with a choice per conflict, import.
type exchangeImport struct {
	main       Shell
	dlg        dialog.Dialog
	closeBtn   *widget.Button // Stäng, also on Escape
	path       string
	fileLabel  *widget.Label // the file's name, one line
	fileWhat   *widget.Label // what the file is, or why it cannot be read
	pass       *uikit.EscEntry
	previewBtn *widget.Button
	importBtn  *widget.Button
	status     *widget.Label
	progress   *widget.ProgressBarInfinite
	result     *fyne.Container
	payload    *exchange.Payload
	plan       *exchange.Plan
	choices    map[string]exchange.Side
	imported   bool   // an import succeeded
	onDone     func() // run when the dialog closes after an import
}

func showExchangeImport(m Shell) *exchangeImport {
	d := newExchangeImport(m)
	uikit.ShowEscapable(m.Window(), d.dlg, d.closeBtn)
	return d
}

// ShowExchangeImport opens the dialog that reads an exchange file (a host
// form, a school file, results); onDone runs on the UI goroutine after a
// successful import, when the dialog is closed. Översikt's ways to begin
// open it.
func ShowExchangeImport(m Shell, onDone func()) {
	d := newExchangeImport(m)
	d.onDone = onDone
	uikit.ShowEscapable(m.Window(), d.dlg, d.closeBtn)
}

func newExchangeImport(m Shell) *exchangeImport {
	d := &exchangeImport{main: m, choices: map[string]exchange.Side{}}
	// The file's name on one line, what it is below the passphrase: a
	// long name that wrapped moved the passphrase field under the pointer
	// (found by use).
	d.fileLabel = widget.NewLabel(lang.X("exchange.no_file", "Ingen fil vald."))
	d.fileLabel.Truncation = fyne.TextTruncateEllipsis
	d.fileWhat = widgets.WrapLabel("")
	d.fileWhat.Hide()
	choose := widget.NewButtonWithIcon(lang.X("exchange.choose_file", "Välj fil …"), theme.FolderOpenIcon(), d.onChoose)
	d.pass = uikit.NewEscPasswordEntry(func() { uikit.Tap(d.closeBtn) })
	d.pass.SetPlaceHolder(lang.X("exchange.passphrase", "Lösenfras"))
	d.pass.OnSubmitted = func(string) { d.onPreview() }
	d.previewBtn = widget.NewButtonWithIcon(lang.X("exchange.preview", "Förhandsgranska"), theme.VisibilityIcon(), d.onPreview)
	d.importBtn = widget.NewButtonWithIcon(lang.X("exchange.import", "Importera"), theme.DownloadIcon(), d.onImport)
	d.importBtn.Importance = widget.HighImportance
	d.importBtn.Disable()
	d.status = widgets.WrapLabel("")
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Stop()
	d.progress.Hide()
	d.result = container.NewVBox()
	d.closeBtn = widget.NewButton(lang.X("action.close", "Stäng"), func() {
		d.dlg.Hide()
		if d.imported && d.onDone != nil {
			d.onDone()
		}
	})
	top := container.NewVBox(container.NewBorder(nil, nil, nil, choose, d.fileLabel), d.pass, container.NewHBox(d.previewBtn),
		d.fileWhat, d.progress, d.status)
	body := container.NewBorder(top, container.NewHBox(d.closeBtn, d.importBtn), nil, nil, container.NewVScroll(d.result))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("exchange.import_title", "Läs in utbytesfil"), body, m.Window())
	d.dlg.Resize(fyne.NewSize(760, 600))
	return d
}

func (d *exchangeImport) onChoose() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		d.setFile(path)
	}, d.main.Window())
	fd.SetFilter(storage.NewExtensionFileFilter([]string{exchange.Extension}))
	if dir := d.main.App().Preferences().String(prefExchangeFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(l)
		}
	}
	fd.SetTitleText(lang.X("file.open_title", "Öppna fil")) // Fyne says "Öppna Fil"
	uikit.ShowFileDialog(d.main.Window(), fd)
}

// setFile takes the chosen file and says what it is (from its header,
// before any passphrase).
func (d *exchangeImport) setFile(path string) {
	d.path, d.payload, d.plan = path, nil, nil
	d.importBtn.Disable()
	d.result.RemoveAll()
	d.status.SetText("")
	d.fileLabel.SetText(filepath.Base(path))
	d.fileWhat.SetText("")
	d.fileWhat.Hide()
	en := (d.main.Language() == uikit.LangEnglish)
	// The header is read off the UI goroutine: the file may sit on a slow
	// network share.
	d.main.Background(func() func() {
		b := make([]byte, 256)
		f, err := os.Open(path)
		if err == nil {
			n, _ := f.Read(b)
			f.Close()
			b = b[:n]
		}
		what := ""
		if err != nil {
			what = exchangeErrorText(err, en)
		} else if h, err := exchange.ReadHeader(b); err != nil && exchange.CodeOf(err) != exchange.CodeTruncated {
			what = exchangeErrorText(err, en)
		} else {
			what = exchangeKindName(h.Kind)
		}
		return func() {
			if d.path == path {
				d.fileWhat.SetText(what)
				d.fileWhat.Show()
			}
		}
	})
}

// onPreview decrypts and compares the file with the database, off the UI
// goroutine.
func (d *exchangeImport) onPreview() {
	if d.path == "" {
		d.status.SetText(lang.X("exchange.choose_file_first", "Välj en fil först."))
		return
	}
	if d.pass.Text == "" { // found by use: an empty one was told it did not match
		d.status.SetText(lang.X("exchange.passphrase_needed", "Skriv lösenfrasen som filen sparades med."))
		return
	}
	path, pass, st := d.path, d.pass.Text, d.main.Store()
	d.busy(true, lang.X("exchange.reading", "Läser och jämför …"))
	d.main.Background(func() func() {
		p, plan, err := ops.ReadExchange(context.Background(), st, path, pass)
		return func() {
			d.busy(false, "")
			if err != nil {
				d.status.SetText(exchangeErrorText(err, (d.main.Language() == uikit.LangEnglish)))
				return
			}
			d.payload, d.plan = p, plan
			d.choices = map[string]exchange.Side{}
			d.showPlan()
		}
	})
}

func (d *exchangeImport) busy(on bool, text string) {
	d.status.SetText(text)
	if on {
		d.previewBtn.Disable()
		d.importBtn.Disable()
		d.progress.Show()
		d.progress.Start()
		return
	}
	d.previewBtn.Enable()
	d.progress.Stop()
	d.progress.Hide()
}

// showPlan lists what the import does, table by table, and a choice per
// conflict; a host file is shown as the host's list, read-only.
func (d *exchangeImport) showPlan() {
	d.result.RemoveAll()
	p := d.payload
	from := lang.X("exchange.from", "{{.Kind}} från {{.Source}}, sparad {{.When}} (Techniqual {{.Version}})", map[string]string{
		"Kind": exchangeKindName(p.Kind), "Source": p.Source.Name, "Version": p.AppVersion,
		"When": p.CreatedAt.In(data.Stockholm).Format("2006-01-02 15:04")})
	d.result.Add(widgets.HeadingLabel(from))
	if p.Kind == exchange.KindHost {
		d.showHostSheet()
		d.status.SetText(lang.X("exchange.host_readonly", "En värdfil läses bara – den ändrar inget i databasen."))
		return
	}
	en := (d.main.Language() == uikit.LangEnglish)
	for _, t := range data.ExchangeTables() {
		c := d.plan.Counts[t.Name]
		if c == nil {
			continue
		}
		// Each count agrees with its number ("1 konflikt", found by use).
		d.result.Add(widget.NewLabel(lang.X("exchange.count", "{{.Table}}: {{.New}}, {{.Changed}}, {{.Unchanged}}, {{.Conflicts}}",
			map[string]string{"Table": exchange.TableName(t.Name, en),
				"New":       uikit.Plural(c.New, "exchange.count_new.one", "{{.N}} ny", "exchange.count_new.other", "{{.N}} nya", nil),
				"Changed":   uikit.Plural(c.Changed, "exchange.count_changed.one", "{{.N}} ändrad", "exchange.count_changed.other", "{{.N}} ändrade", nil),
				"Unchanged": uikit.Plural(c.Unchanged, "exchange.count_unchanged.one", "{{.N}} oförändrad", "exchange.count_unchanged.other", "{{.N}} oförändrade", nil),
				"Conflicts": uikit.Plural(c.Conflicts, "exchange.count_conflicts.one", "{{.N}} konflikt", "exchange.count_conflicts.other", "{{.N}} konflikter", nil),
			})))
	}
	for _, c := range d.plan.Changes {
		if c.Status != exchange.StatusNew && c.Status != exchange.StatusChanged {
			continue
		}
		word := lang.X("exchange.status.new", "Ny")
		if c.Status == exchange.StatusChanged {
			// Every changed field by name, with both values.
			var fs []string
			for _, f := range c.Fields {
				if f.Take == exchange.Theirs && !f.Conflict {
					fs = append(fs, lang.X("xsync.changed_field", "{{.Field}}: ”{{.Mine}}” → ”{{.Theirs}}”", map[string]string{
						"Field": exchange.FieldName(f.Field, en), "Mine": d.plan.Display(f.Field, f.Mine, en),
						"Theirs": d.plan.Display(f.Field, f.Theirs, en)}))
				}
			}
			word = lang.X("exchange.status.changed", "Ändras") + ": " + strings.Join(fs, "; ")
		}
		d.result.Add(widgets.WrapLabel("• " + exchange.TableName(c.Table, en) + ": " + d.plan.LabelIn(c.Table, c.ID, c.Label, en) + " – " + word))
	}
	if len(d.plan.Older) > 0 {
		d.result.Add(widgets.HeadingLabel(lang.X("xsync.older_heading", "Äldre i filen än här – behålls som här")))
	}
	for _, n := range d.plan.Older {
		d.result.Add(widgets.WrapLabel("• " + lang.X("exchange.conflict", "{{.Table}} {{.Label}}, {{.Field}}: här ”{{.Mine}}”, i filen ”{{.Theirs}}”",
			map[string]string{"Table": exchange.TableName(n.Table, en), "Label": d.plan.LabelIn(n.Table, n.ID, n.Label, en), "Field": exchange.FieldName(n.Field, en),
				"Mine": d.plan.Display(n.Field, n.Mine, en), "Theirs": d.plan.Display(n.Field, n.Theirs, en)})))
	}
	for _, n := range d.plan.Refused {
		txt := n.Problem.Swedish
		if en {
			txt = n.Problem.English
		}
		e := widgets.NewErrLabel()
		widgets.ShowErr(e, lang.X("xsync.refused", "Vägras: {{.Text}}", map[string]string{"Text": txt}))
		d.result.Add(e)
	}
	for _, pr := range d.plan.Problems {
		txt := pr.Swedish
		if en {
			txt = pr.English
		}
		e := widgets.NewErrLabel()
		widgets.ShowErr(e, txt)
		d.result.Add(e)
	}
	conflicts := d.plan.Conflicts()
	if len(conflicts) > 0 {
		d.result.Add(widgets.HeadingLabel(lang.X("exchange.conflicts", "Ändrat på båda håll – välj vad som ska gälla")))
	}
	mine, theirs := lang.X("exchange.keep_mine", "Behåll min"), lang.X("exchange.take_theirs", "Ta deras")
	for _, c := range conflicts {
		key := c.Key()
		text := lang.X("exchange.conflict", "{{.Table}} {{.Label}}, {{.Field}}: här ”{{.Mine}}”, i filen ”{{.Theirs}}”",
			map[string]string{"Table": exchange.TableName(c.Table, en), "Label": d.plan.LabelIn(c.Table, c.ID, c.Label, en), "Field": exchange.FieldName(c.Field, en),
				"Mine": d.plan.Display(c.Field, c.Mine, en), "Theirs": d.plan.Display(c.Field, c.Theirs, en)})
		radio := widget.NewRadioGroup([]string{mine, theirs}, func(s string) {
			switch s {
			case mine:
				d.choices[key] = exchange.Mine
			case theirs:
				d.choices[key] = exchange.Theirs
			default:
				delete(d.choices, key)
			}
			d.syncImport()
		})
		radio.Horizontal = true
		d.result.Add(container.NewVBox(widgets.WrapLabel(text), radio))
	}
	d.syncImport()
}

// syncImport enables Importera when nothing stops the import.
func (d *exchangeImport) syncImport() {
	if d.plan != nil && d.payload.Kind != exchange.KindHost && len(d.plan.Problems) > 0 {
		// Said beside the grey button, not only at the foot of the list of
		// changes (found by use: Importera stayed grey with no reason).
		pr := d.plan.Problems[0]
		txt := pr.Swedish
		if d.main.Language() == uikit.LangEnglish {
			txt = pr.English
		}
		if n := len(d.plan.Problems) - 1; n == 0 {
			d.status.SetText(lang.X("exchange.cannot_import", "Kan inte importeras: {{.Problem}}.", map[string]string{"Problem": txt}))
		} else {
			d.status.SetText(uikit.Plural(n, "exchange.cannot_import.one", "Kan inte importeras: {{.Problem}} (och {{.N}} problem till, se listan).",
				"exchange.cannot_import.other", "Kan inte importeras: {{.Problem}} (och {{.N}} problem till, se listan).", map[string]string{"Problem": txt}))
		}
		d.importBtn.Disable()
		return
	}
	if d.plan == nil || d.payload.Kind == exchange.KindHost {
		d.importBtn.Disable()
		return
	}
	if err := d.plan.OlderError(); err != nil {
		d.status.SetText(exchangeErrorText(err, d.main.Language() == uikit.LangEnglish))
		d.importBtn.Disable()
		return
	}
	open := 0
	for _, c := range d.plan.Conflicts() {
		if _, ok := d.choices[c.Key()]; !ok {
			open++
		}
	}
	if open > 0 {
		d.status.SetText(lang.X("exchange.open_conflicts", "Välj Behåll min eller Ta deras för varje konflikt ({{.N}} kvar).",
			map[string]string{"N": fmt.Sprint(open)}))
		d.importBtn.Disable()
		return
	}
	d.status.SetText(lang.X("exchange.ready", "Klart att importera. Allt läses in på en gång, eller ingenting."))
	d.importBtn.Enable()
}

func (d *exchangeImport) showHostSheet() {
	for _, o := range d.payload.Host.Offers {
		d.result.Add(widget.NewLabelWithStyle(o.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if len(o.Pupils) == 0 {
			d.result.Add(widget.NewLabel(lang.X("exchange.no_pupils", "Inga elever placerade.")))
		}
		for _, p := range o.Pupils {
			parts := []string{p.Name}
			for _, s := range []string{p.Class, p.School, p.Needs} {
				if s != "" {
					parts = append(parts, s)
				}
			}
			contact := lang.X("exchange.contact", "kontakt: {{.Contact}}", map[string]string{"Contact": p.Contact})
			if strings.TrimSpace(p.Contact) == "" {
				// A file made without the network's contact: the one who
				// sent it is whom to ask.
				contact = lang.X("exchange.contact_sender", "kontakt: fråga {{.Sender}}, som skickade filen", map[string]string{"Sender": d.payload.Source.Name})
			}
			d.result.Add(widgets.WrapLabel("• " + strings.Join(parts, " · ") + " – " + contact))
		}
	}
}

// onImport writes the file in one transaction, off the UI goroutine.
func (d *exchangeImport) onImport() {
	if d.plan == nil {
		return
	}
	p, st := d.payload, d.main.Store()
	dec := exchange.Decisions{Each: map[string]exchange.Side{}}
	for k, v := range d.choices {
		dec.Each[k] = v
	}
	d.busy(true, lang.X("exchange.importing", "Importerar …"))
	d.main.Background(func() func() {
		res, err := ops.ImportExchange(context.Background(), st, p, dec)
		return func() {
			d.busy(false, "")
			if err != nil {
				msg := exchangeErrorText(err, (d.main.Language() == uikit.LangEnglish))
				if res != nil && res.Plan != nil {
					// The database changed since the preview: show the new
					// plan, with its own conflicts to decide.
					d.plan = res.Plan
					d.choices = map[string]exchange.Side{}
					d.showPlan()
				} else {
					d.syncImport()
				}
				d.status.SetText(msg)
				return
			}
			d.plan = nil
			d.imported = true
			d.importBtn.Disable()
			d.status.SetText(uikit.Plural(res.Written, "exchange.imported.one", "Inläst: {{.N}} rad ny eller ändrad.",
				"exchange.imported.other", "Inläst: {{.N}} rader nya eller ändrade.", nil))
			d.main.Rebuild()
		}
	})
}
