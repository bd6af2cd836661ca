package statistics

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
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
	figures "techniqual/data/stats"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// prefImpactFolder remembers where the last impact report was saved.
const prefImpactFolder = "impact_folder"

// impactDialog is *Effektrapport*: choose the calendar year, then where to
// save the PDF; the report is computed and written off the UI goroutine
// with a progress bar.
type impactDialog struct {
	main     Shell
	stats    *Screen // the screen it was opened on, for the year it shows
	dlg      dialog.Dialog
	closeBtn *widget.Button // Stäng, also on Escape
	year     *widget.Select
	years    []int
	progress *widget.ProgressBar
	status   *widget.Label
	saveBtn  *widget.Button
	busy     bool
}

// printImpact opens the dialog for the impact report (the button on
// Statistik calls it).
func (s *Screen) printImpact() {
	d := s.newImpactDialog()
	uikit.ShowEscapable(s.main.Window(), d.dlg, d.closeBtn)
}

func (s *Screen) newImpactDialog() *impactDialog {
	m := s.main
	d := &impactDialog{main: m, stats: s}
	d.year = widgets.NewSelect(nil, func(string) { d.sync() })
	d.year.PlaceHolder = lang.X("impact.choose_year", "Välj år")
	about := widgets.WrapLabel(lang.X("impact.about",
		"Effektrapporten är några sidor till nätverkets styrelse: nyckeltal, diagram, förändringen mot året innan, en sida per kommun och en om företagen. Den tar med praoperioder som börjar under året och evenemang som hålls under året."))
	privacy := widgets.WrapLabel(lang.X("impact.privacy",
		"Rapporten innehåller inga namn på elever. Grupper med färre än 5 elever visas som <5 och lämnas utanför diagrammen."))
	privacy.Importance = widget.LowImportance
	d.progress = widget.NewProgressBar()
	d.progress.Hide()
	d.status = widgets.WrapLabel("")
	d.saveBtn = widget.NewButtonWithIcon(lang.X("impact.save", "Spara PDF …"), theme.DocumentSaveIcon(), d.onSave)
	d.saveBtn.Importance = widget.HighImportance
	d.closeBtn = widget.NewButton(lang.X("action.close", "Stäng"), func() { d.dlg.Hide() })
	body := container.NewVBox(about,
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("impact.year", "Kalenderår")), nil, d.year),
		privacy, d.progress, d.status, container.NewHBox(d.closeBtn, d.saveBtn))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("impact.title", "Effektrapport"), body, m.Window())
	d.dlg.Resize(fyne.NewSize(520, 360))
	d.sync()
	d.load()
	return d
}

// load finds the years that have periods or events off the UI goroutine
// and chooses the year of the newest period.
func (d *impactDialog) load() {
	st, shown, now := d.main.Store(), d.stats.shownYear(), d.main.Now()
	d.main.Background(func() func() {
		ctx := context.Background()
		ps, err1 := st.ListPeriods(ctx)
		es, err2 := st.ListEvents(ctx)
		return func() {
			if err := errors.Join(err1, err2); err != nil {
				d.status.SetText(lang.X("impact.failed", "Det gick inte att göra effektrapporten: {{.Error}}",
					map[string]string{"Error": err.Error()}))
				return
			}
			d.years, d.year.Options = impactYears(ps, es, now.Year()), nil
			for _, y := range d.years {
				d.year.Options = append(d.year.Options, strconv.Itoa(y))
			}
			d.year.SetSelectedIndex(slices.Index(d.years, defaultImpactYear(ps, shown, now)))
			d.sync()
		}
	})
}

// impactYears are the years offered, newest first: from the first year
// with a period or event to the last one or this year, whichever is later.
func impactYears(ps []data.Period, es []data.Event, thisYear int) []int {
	lo, hi := thisYear, thisYear
	for _, p := range ps {
		if !p.Start.IsZero() {
			lo, hi = min(lo, p.Start.Year()), max(hi, p.Start.Year())
		}
	}
	for _, e := range es {
		if !e.Start.IsZero() {
			lo, hi = min(lo, e.Start.Year()), max(hi, e.Start.Year())
		}
	}
	lo = max(lo, 2000) // the years the report accepts
	hi = min(hi, 2100)
	var ys []int
	for y := hi; y >= lo; y-- {
		ys = append(ys, y)
	}
	return ys
}

// defaultImpactYear is the year Statistik shows (shown > 0: the calendar
// year, or the year a period or school year starts in), else the year the
// newest period that has begun by today starts in (a period planned for
// next spring has nothing to report yet), else the newest period's year,
// else this year.
func defaultImpactYear(ps []data.Period, shown int, today time.Time) int {
	if shown > 0 {
		return shown
	}
	var newest, begun time.Time
	for _, p := range ps {
		if p.Start.After(newest) {
			newest = p.Start
		}
		if p.Start.After(begun) && !p.Start.After(today) {
			begun = p.Start
		}
	}
	switch {
	case !begun.IsZero():
		return begun.Year()
	case !newest.IsZero():
		return newest.Year()
	}
	return today.Year()
}

// shownYear is the year of what Statistik shows, 0 when it shows nothing.
func (s *Screen) shownYear() int {
	c, ok := s.Range()
	if !ok {
		return 0
	}
	if c.kind == statCalendarYear {
		return c.year
	}
	return c.from.Year()
}

// chosenYear is the year selected, 0 when none.
func (d *impactDialog) chosenYear() int {
	if i := d.year.SelectedIndex(); i >= 0 && i < len(d.years) {
		return d.years[i]
	}
	return 0
}

// sync enables Spara when a year is chosen and nothing is being written.
func (d *impactDialog) sync() {
	if d.busy {
		d.year.Disable()
	} else {
		d.year.Enable()
	}
	if d.busy || d.chosenYear() == 0 {
		d.saveBtn.Disable()
	} else {
		d.saveBtn.Enable()
	}
}

// onSave asks where to save, suggesting "Effektrapport 2026.pdf" in the
// folder used last.
func (d *impactDialog) onSave() {
	year := d.chosenYear()
	if year == 0 {
		return
	}
	m := d.main
	fd := uikit.NewSaveDialog(m.Window(), reports.ImpactFileName(year, m.Language()), ".pdf",
		func(path string) { d.saveTo(year, path, nil) })
	if dir := m.App().Preferences().String(prefImpactFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(l)
		}
	}
	uikit.ShowFileDialog(m.Window(), fd)
}

// saveTo computes the year's report and writes it to path off the UI
// goroutine, the bar following the charts as they are drawn; done (for
// tests) gets the pages and the error on the UI goroutine.
func (d *impactDialog) saveTo(year int, path string, done func(pages int, err error)) {
	m := d.main
	st, code := m.Store(), m.Language()
	d.busy = true
	d.progress.SetValue(0)
	d.progress.Show()
	d.status.SetText(lang.X("impact.working", "Räknar och ritar diagrammen …"))
	d.sync()
	m.Background(func() func() {
		ctx := context.Background()
		var pages int
		var r reports.Impact
		this, last, err := figures.LoadImpactYears(ctx, st, year)
		if err == nil {
			r = reports.NewImpact(year, this, last)
			pages, err = reports.WriteImpactFile(ctx, path, r, reports.Options{Lang: code}, func(n, total int) {
				fyne.Do(func() { d.progress.SetValue(float64(n) / float64(max(total, 1))) })
			})
		}
		return func() {
			d.busy = false
			d.progress.Hide()
			d.sync()
			if err != nil {
				d.status.SetText(lang.X("impact.failed", "Det gick inte att göra effektrapporten: {{.Error}}",
					map[string]string{"Error": err.Error()}))
			} else {
				m.App().Preferences().SetString(prefImpactFolder, filepath.Dir(path))
				msg := lang.X("impact.saved", "Effektrapporten för {{.Year}} är sparad i {{.Path}} ({{.Pages}} sidor).",
					map[string]string{"Year": strconv.Itoa(year), "Path": path, "Pages": strconv.Itoa(pages)})
				if r.This.Empty() {
					msg = lang.X("impact.saved_empty", "{{.Year}} har inga praoperioder eller evenemang. Rapporten som säger det är sparad i {{.Path}}.",
						map[string]string{"Year": strconv.Itoa(year), "Path": path})
				}
				d.status.SetText(msg)
			}
			if done != nil {
				done(pages, err)
			}
		}
	})
}
