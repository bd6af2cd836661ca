package files

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/export"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// prefExportFolder remembers where the last spreadsheet was saved.
const prefExportFolder = "export_folder"

// exportKinds are the lists the dialog offers, with their Swedish names.
var exportKinds = []struct {
	kind     export.Kind
	key, sv  string
	descKey  string
	descSwed string
}{
	{export.KindPupils, "export.kind.pupils", "Elevlista", "export.desc.pupils",
		"Alla elever, eller de i en praoperiods skolor och årskurs, med vårdnadshavare."},
	{export.KindPlacements, "export.kind.placements", "Placeringar", "export.desc.placements",
		"Varje placerad elev i perioden med skola, klass, företag, praoplats och handledare."},
	{export.KindHosts, "export.kind.hosts", "Värdlista", "export.desc.hosts",
		"Periodens praoplatser med företag, kontaktperson, platser och antal placerade."},
	{export.KindParticipants, "export.kind.participants", "Deltagare på ett evenemang", "export.desc.participants",
		"Evenemangets anmälda med status och incheckning."},
	{export.KindAttendance, "export.kind.attendance", "Närvaro", "export.desc.attendance",
		"En rad per elev och praodag med närvaro och anteckning."},
}

// exportDialog is the *Exportera …* flow: which list, of which period or
// event, protected pupils or not, which format; then a save dialog.
type exportDialog struct {
	main      Shell
	dlg       dialog.Dialog
	closeBtn  *widget.Button // Stäng, also on Escape
	kind      *widget.Select
	desc      *widget.Label
	period    *widget.Select
	periodRow *fyne.Container
	event     *widget.Select
	eventRow  *fyne.Container
	include   *widget.Check
	warning   *widget.Label
	format    *widget.RadioGroup
	status    *widget.Label
	saveBtn   *widget.Button
	periods   []data.Period
	events    []data.Event
}

// ShowExport opens the export dialog with kind ("pupils", "placements",
// "hosts", "participants", "attendance") chosen.
func ShowExport(m Shell, kind string) {
	d := newExportDialog(m, kind)
	uikit.ShowEscapable(m.Window(), d.dlg, d.closeBtn)
}

func newExportDialog(m Shell, kind string) *exportDialog {
	d := &exportDialog{main: m}
	names := make([]string, len(exportKinds))
	for i, k := range exportKinds {
		names[i] = lang.X(k.key, k.sv)
	}
	d.desc = widgets.WrapLabel("")
	d.kind = widgets.NewSelect(names, func(string) { d.sync() })
	d.period = widgets.NewSelect(nil, func(string) { d.sync() })
	d.event = widgets.NewSelect(nil, func(string) { d.sync() })
	d.periodRow = container.NewBorder(nil, nil, widget.NewLabel(lang.X("export.period", "Praoperiod")), nil, d.period)
	d.eventRow = container.NewBorder(nil, nil, widget.NewLabel(lang.X("export.event", "Evenemang")), nil, d.event)
	d.warning = widgets.WrapLabel(lang.X("export.protected_warning",
		"Elever med skyddad identitet kommer med i filen med namn och skola. Se till att filen inte lämnar skolan. Exporten förs in i loggen."))
	d.warning.Importance = widget.DangerImportance
	d.warning.Hide()
	d.include = widget.NewCheck(lang.X("export.include_protected", "Ta med elever med skyddad identitet"), func(on bool) {
		if on {
			d.warning.Show()
		} else {
			d.warning.Hide()
		}
	})
	d.format = widget.NewRadioGroup([]string{lang.X("export.format.xlsx", "Excel (.xlsx)"),
		lang.X("export.format.csv", "CSV med semikolon (.csv)")}, nil)
	d.format.Required = true
	d.format.SetSelected(d.format.Options[0])
	d.status = widgets.WrapLabel("")
	note := widgets.WrapLabel(lang.X("export.note",
		"Filen innehåller personuppgifter. Varje export förs in i loggen över utlämnade personuppgifter."))
	d.saveBtn = widget.NewButtonWithIcon(lang.X("export.save", "Spara …"), theme.DocumentSaveIcon(), d.onSave)
	d.saveBtn.Importance = widget.HighImportance
	d.closeBtn = widget.NewButton(lang.X("action.close", "Stäng"), func() { d.dlg.Hide() })
	body := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("export.list", "Lista")), nil, d.kind),
		d.desc, d.periodRow, d.eventRow,
		widget.NewSeparator(),
		d.include, d.warning,
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("export.format", "Format")), nil, d.format),
		note, d.status,
		container.NewHBox(d.closeBtn, d.saveBtn))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("export.title", "Exportera till kalkylark"), body, m.Window())
	d.dlg.Resize(fyne.NewSize(560, 480))
	sel := 0
	for i, k := range exportKinds {
		if string(k.kind) == kind {
			sel = i
		}
	}
	d.kind.SetSelectedIndex(sel)
	d.load()
	return d
}

// load fetches the periods and events off the UI goroutine.
func (d *exportDialog) load() {
	st := d.main.Store()
	d.main.Background(func() func() {
		ctx := context.Background()
		ps, err1 := st.ListPeriods(ctx)
		es, err2 := st.ListEvents(ctx)
		return func() {
			if err := errors.Join(err1, err2); err != nil {
				d.status.SetText(lang.X("export.failed", "Det gick inte att exportera: {{.Error}}", map[string]string{"Error": err.Error()}))
				return
			}
			d.periods, d.events = ps, es
			pn := []string{lang.X("export.all_pupils", "Alla elever")}
			for _, p := range ps {
				pn = append(pn, p.Name)
			}
			d.period.SetOptions(pn)
			en := make([]string, len(es))
			for i, e := range es {
				en[i] = e.Title + " · " + e.Start.In(data.Stockholm).Format("2006-01-02")
			}
			d.event.SetOptions(en)
			if i := d.defaultPeriod(); i >= 0 {
				d.period.SetSelectedIndex(i + 1)
			} else {
				d.period.SetSelectedIndex(0)
			}
			if len(es) > 0 {
				d.event.SetSelectedIndex(len(es) - 1)
			}
			d.sync()
		}
	})
}

// defaultPeriod is the index of the period most likely meant: the latest
// one that has started, else the first.
func (d *exportDialog) defaultPeriod() int {
	best := -1
	now := d.main.Now()
	for i, p := range d.periods {
		if !p.Start.After(now) && (best < 0 || p.Start.After(d.periods[best].Start)) {
			best = i
		}
	}
	if best < 0 && len(d.periods) > 0 {
		best = 0
	}
	return best
}

func (d *exportDialog) chosenKind() export.Kind {
	i := d.kind.SelectedIndex()
	if i < 0 {
		return export.KindPupils
	}
	return exportKinds[i].kind
}

// sync shows the period or event choice the list needs and enables Spara.
func (d *exportDialog) sync() {
	k := d.chosenKind()
	if i := d.kind.SelectedIndex(); i >= 0 {
		d.desc.SetText(lang.X(exportKinds[i].descKey, exportKinds[i].descSwed))
	}
	if k.NeedsEvent() {
		d.periodRow.Hide()
		d.eventRow.Show()
	} else {
		d.periodRow.Show()
		d.eventRow.Hide()
	}
	if k == export.KindHosts {
		d.include.Hide() // no pupils in the list
		d.warning.Hide()
	} else {
		d.include.Show()
		if d.include.Checked {
			d.warning.Show()
		}
	}
	if _, err := d.options(); err != nil {
		d.saveBtn.Disable()
	} else {
		d.saveBtn.Enable()
	}
}

// options are the export's options as chosen, or an error when the list
// lacks its period or event.
func (d *exportDialog) options() (export.Options, error) {
	k := d.chosenKind()
	o := export.Options{Kind: k, IncludeProtected: d.include.Checked && k != export.KindHosts, Lang: d.main.Language()}
	if i := d.period.SelectedIndex(); i > 0 && i-1 < len(d.periods) && !k.NeedsEvent() {
		o.PeriodID = d.periods[i-1].ID
	}
	if i := d.event.SelectedIndex(); i >= 0 && i < len(d.events) && k.NeedsEvent() {
		o.EventID = d.events[i].ID
	}
	if k.NeedsPeriod() && o.PeriodID == "" || k.NeedsEvent() && o.EventID == "" {
		return o, export.ErrScope
	}
	return o, nil
}

// chosenFormat is the format of the radio group.
func (d *exportDialog) chosenFormat() export.Format {
	if d.format.Selected == d.format.Options[1] {
		return export.FormatCSV
	}
	return export.FormatXLSX
}

// suggestedName is the save dialog's file name, e.g. "Elever 2026-11-25.xlsx".
func (d *exportDialog) suggestedName(now time.Time) string {
	o, _ := d.options()
	scope := ""
	for _, p := range d.periods {
		if p.ID == o.PeriodID {
			scope = p.Name
		}
	}
	for _, e := range d.events {
		if e.ID == o.EventID {
			scope = e.Title
		}
	}
	return export.FileName(o.Kind, scope, d.main.Language(), now, d.chosenFormat())
}

// onSave asks where to save, suggesting a name and the last folder.
func (d *exportDialog) onSave() {
	f := d.chosenFormat()
	fd := uikit.NewSaveDialog(d.main.Window(), d.suggestedName(d.main.Now()), "."+string(f), d.saveTo)
	if dir := d.main.App().Preferences().String(prefExportFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(l)
		}
	}
	uikit.ShowFileDialog(d.main.Window(), fd)
}

// saveTo exports off the UI goroutine into path (its extension decides the
// format) and records the export in the audit log.
func (d *exportDialog) saveTo(path string) {
	o, err := d.options()
	if err != nil {
		return
	}
	st := d.main.Store()
	d.saveBtn.Disable()
	d.status.SetText(lang.X("export.working", "Exporterar …"))
	d.main.Background(func() func() {
		res, err := ops.Export(context.Background(), st, path, o)
		return func() {
			d.saveBtn.Enable()
			if err != nil {
				d.status.SetText(lang.X("export.failed", "Det gick inte att exportera: {{.Error}}", map[string]string{"Error": err.Error()}))
				return
			}
			d.main.App().Preferences().SetString(prefExportFolder, filepath.Dir(path))
			v := map[string]string{"Path": path, "Rows": strconv.Itoa(res.Rows), "N": strconv.Itoa(res.LeftOut)}
			text := lang.X("export.saved", "Sparat i {{.Path}} · Rader: {{.Rows}}", v)
			if res.LeftOut > 0 {
				text += "\n" + lang.X("export.left_out", "{{.N}} elever med skyddad identitet är inte med.", v)
			}
			d.status.SetText(text)
		}
	})
}
