package journeys

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// editor is the dialog *Redigera resan*: one member's journey in one year —
// head count and staff by gender, the pay survey, the 24 measures, and the
// peer marks — saved together, all or nothing.
type editor struct {
	s       *Screen
	dlg     dialog.Dialog
	members []data.Organisation
	member  *widget.Select
	year    *widget.Entry
	errLbl  *widget.Label
	filling bool // fill is putting a saved year in the fields

	employees *widget.Entry
	pay       *widget.Check
	payDate   *widget.Entry
	splits    [6][2]*widget.Entry // tech, management, hires, apprentices, interns, role models × women, men
	states    [6][4]*widget.Select
	done      [6][4]*widget.Entry
	dates     [6][4]*widget.Entry
	marks     [6]*widget.Select

	// The member and year whose figures the form holds: what Spara writes
	// and what a change of Medlem or År is compared with. A change of År
	// that did not reload had saved one year's figures over another's.
	loaded            bool
	loadedOrg         string
	loadedYear        int
	saved             string // the form as loaded or last saved (snapshot)
	reverting         bool   // the key fields are being put back: no reload
	loading           string // the key of the load under way ("" for none)
	closeBtn, saveBtn *widget.Button
}

var splitNames = []struct{ key, sv string }{
	{"jr.split.tech", "Tekniska roller"}, {"jr.split.mgmt", "Ledning"}, {"jr.split.hires", "Nyanställda"},
	{"jr.split.apprentices", "Lärlingar"}, {"jr.split.interns", "Praktikanter"}, {"jr.split.role_models", "Förebilder"},
}

// onEdit opens the editor for the selected member (or the first member).
func (s *Screen) onEdit() { s.openEditor() }

func (s *Screen) openEditor() *editor {
	e := &editor{s: s, errLbl: widgets.NewErrLabel()}
	e.member = widgets.NewSelect(nil, func(string) { e.onKeyChanged() })
	e.year = widget.NewEntry()
	year := s.chosenYear()
	if year == 0 {
		year = s.main.Now().Year()
	}
	e.year.SetText(strconv.Itoa(year))
	e.year.OnChanged = func(string) { e.onKeyChanged() }
	e.year.OnSubmitted = func(string) { e.onKeyChanged() }
	e.employees = widget.NewEntry()
	e.pay = widget.NewCheck(lang.X("jr.pay_done", "Årets lönekartläggning är gjord"), nil)
	e.payDate = widget.NewEntry()
	// Found by use: a placeholder that looked like a date ("2026-04-30")
	// was taken for one, and the report then printed no date.
	e.payDate.SetPlaceHolder(lang.X("jr.pay_date_ph", "Datum (ÅÅÅÅ-MM-DD)"))
	e.payDate.OnChanged = func(s string) {
		// A date typed says the survey is done; a field emptied, or one
		// filled from a saved year (fill), says nothing (review: an
		// empty text parses, and loading a year without a date ticked it).
		s = strings.TrimSpace(s)
		if e.filling || s == "" {
			return
		}
		if _, err := data.ParseDate(s); err == nil && !e.pay.Checked {
			e.pay.SetChecked(true)
		}
	}
	figures := container.NewGridWithColumns(3, widget.NewLabel(""), widget.NewLabel(lang.X("jr.women", "Kvinnor")),
		widget.NewLabel(lang.X("jr.men", "Män")))
	for i, n := range splitNames {
		e.splits[i][0], e.splits[i][1] = widget.NewEntry(), widget.NewEntry()
		figures.Add(widget.NewLabel(lang.X(n.key, n.sv)))
		figures.Add(e.splits[i][0])
		figures.Add(e.splits[i][1])
	}
	var states []string
	for _, st := range data.States {
		states = append(states, StateText(st))
	}
	measures := container.NewVBox()
	for ai, a := range data.Areas {
		measures.Add(widgets.HeadingLabel(AreaText(a)))
		for si, st := range data.Steps {
			e.states[ai][si] = widgets.NewSelect(states, nil)
			// What was done wraps over lines and takes the room left
			// over: in four equal columns it was cut off at 1280×720.
			e.done[ai][si] = widget.NewMultiLineEntry()
			e.done[ai][si].Wrapping = fyne.TextWrapWord
			e.done[ai][si].SetMinRowsVisible(2)
			e.done[ai][si].SetPlaceHolder(lang.X("jr.what_done", "Vad som gjorts"))
			e.dates[ai][si] = widget.NewEntry()
			e.dates[ai][si].SetPlaceHolder(lang.X("jr.when", "När (ÅÅÅÅ-MM-DD)"))
			left := container.NewHBox(fixed(110, widget.NewLabel(StepText(st))), fixed(150, e.states[ai][si]))
			measures.Add(container.NewBorder(nil, nil, container.NewVBox(left), container.NewVBox(fixed(170, e.dates[ai][si])), e.done[ai][si]))
		}
	}
	marks := container.NewGridWithColumns(2)
	markOpts := []string{lang.X("jr.mark.none", "–"), lang.X("jr.mark.share", "Har gjort, kan dela"), lang.X("jr.mark.start", "Vill börja")}
	for ai, a := range data.Areas {
		e.marks[ai] = widgets.NewSelect(markOpts, nil)
		marks.Add(widget.NewLabel(AreaText(a)))
		marks.Add(e.marks[ai])
	}
	form := container.NewVBox(
		widgets.FormGrid(widgets.Field(lang.X("jr.col.member", "Medlem"), e.member, nil),
			widgets.Field(lang.X("jr.year", "År"), e.year, nil),
			widgets.Field(lang.X("jr.col.employees", "Anställda"), e.employees, nil),
			widgets.Field(lang.X("jr.col.pay_survey", "Lönekartläggning"), container.NewGridWithColumns(2, e.pay, e.payDate), nil)),
		widgets.HeadingLabel(lang.X("jr.figures", "Nyckeltal efter kön")), figures,
		widgets.HeadingLabel(lang.X("jr.measures", "Aktiva åtgärder")), measures,
		widgets.HeadingLabel(lang.X("jr.marks", "Vid nätverksträffar")), marks,
	)
	saveBtn := widget.NewButton(lang.X("jr.save", "Spara"), func() {
		if e.save() {
			e.dlg.Hide()
			s.Reload()
		}
	})
	saveBtn.Importance = widget.HighImportance
	closeBtn := widget.NewButton(lang.X("action.close", "Stäng"), e.onClose)
	e.closeBtn, e.saveBtn = closeBtn, saveBtn
	body := container.NewBorder(nil, container.NewVBox(e.errLbl, container.NewHBox(closeBtn, saveBtn)), nil, nil, container.NewVScroll(form))
	e.dlg = dialog.NewCustomWithoutButtons(lang.X("jr.edit_title", "Medlemmens resa"), body, s.main.Window())
	e.dlg.Resize(fyne.NewSize(1000, 700))
	uikit.ShowEscapable(s.main.Window(), e.dlg, closeBtn)
	// The members, then the selected one.
	st := s.main.Store()
	want := ""
	if s.selected >= 0 && s.selected < len(s.members) {
		want = s.members[s.selected].Org.ID
	}
	s.main.Background(func() func() {
		orgs, err := st.ListOrganisations(context.Background(), data.KindCompany)
		return func() {
			if err != nil {
				widgets.ShowErr(e.errLbl, err.Error())
				return
			}
			idx := 0
			for _, o := range orgs {
				if !o.MemberSince.IsZero() {
					if o.ID == want {
						idx = len(e.members)
					}
					e.members = append(e.members, o)
					e.member.Options = append(e.member.Options, o.Name)
				}
			}
			if len(e.members) > 0 {
				e.member.SetSelectedIndex(idx)
			}
		}
	})
	return e
}

func (e *editor) chosen() (data.Organisation, int, bool) {
	i := e.member.SelectedIndex()
	y, err := strconv.Atoi(strings.TrimSpace(e.year.Text))
	if i < 0 || i >= len(e.members) || err != nil || y < data.JourneyFirstYear || y > data.JourneyLastYear {
		return data.Organisation{}, 0, false
	}
	return e.members[i], y, true
}

// fixed gives o a fixed width (and its own height).
func fixed(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// keyText names the member and year a key points at, for messages.
func (e *editor) keyText(orgID string, year int) string {
	for _, o := range e.members {
		if o.ID == orgID {
			return fmt.Sprintf("%s %d", o.Name, year)
		}
	}
	return strconv.Itoa(year)
}

// onKeyChanged follows a change of Medlem or År: the form then shows that
// member's year as saved, after asking what to do with unsaved edits of
// the one it held. A year being typed ("202") changes nothing yet.
func (e *editor) onKeyChanged() {
	if e.reverting {
		return
	}
	o, year, ok := e.chosen()
	if !ok || (e.loaded && o.ID == e.loadedOrg && year == e.loadedYear) {
		return
	}
	if !e.dirty() {
		e.load()
		return
	}
	uikit.AskUnsaved(e.s.main.Window(),
		lang.X("jr.unsaved_switch", "Du har ändrat resan för {{.Was}} utan att spara. Spara ändringarna innan {{.Next}} visas?",
			map[string]string{"Was": e.keyText(e.loadedOrg, e.loadedYear), "Next": e.keyText(o.ID, year)}),
		e.saveLoaded, nil, e.load, e.revert)
}

// revert puts Medlem and År back on what the form holds (the user stays
// with the edits).
func (e *editor) revert() {
	e.reverting = true
	defer func() { e.reverting = false }()
	e.year.SetText(strconv.Itoa(e.loadedYear))
	for i, o := range e.members {
		if o.ID == e.loadedOrg {
			e.member.SetSelectedIndex(i)
		}
	}
}

// onClose is Stäng (and Escape): it asks first when the form has unsaved
// edits, as the app's other forms do.
func (e *editor) onClose() {
	if !e.dirty() {
		e.dlg.Hide()
		return
	}
	uikit.AskUnsaved(e.s.main.Window(),
		lang.X("jr.unsaved_close", "Du har ändrat resan för {{.Was}} utan att spara. Spara ändringarna?",
			map[string]string{"Was": e.keyText(e.loadedOrg, e.loadedYear)}),
		e.saveLoaded, nil, func() {
			e.dlg.Hide()
			e.s.Reload()
		}, nil)
}

// dirty reports whether the form differs from what was loaded or saved.
func (e *editor) dirty() bool { return e.loaded && e.snapshot() != e.saved }

// snapshot is every field of the form as one string.
func (e *editor) snapshot() string {
	var b strings.Builder
	w := func(s string) { b.WriteString(s); b.WriteByte(0) }
	w(e.employees.Text)
	w(strconv.FormatBool(e.pay.Checked))
	w(e.payDate.Text)
	for i := range e.splits {
		w(e.splits[i][0].Text)
		w(e.splits[i][1].Text)
	}
	for ai := range e.states {
		for si := range e.states[ai] {
			w(strconv.Itoa(e.states[ai][si].SelectedIndex()))
			w(e.done[ai][si].Text)
			w(e.dates[ai][si].Text)
		}
		w(strconv.Itoa(e.marks[ai].SelectedIndex()))
	}
	return b.String()
}

// load fills the form with the chosen member's journey of the chosen year
// (an empty form for a year with nothing saved).
func (e *editor) load() {
	o, year, ok := e.chosen()
	if !ok {
		return
	}
	key := o.ID + "/" + strconv.Itoa(year)
	e.loading = key
	st := e.s.main.Store()
	e.s.main.Background(func() func() {
		ctx := context.Background()
		ms, err1 := st.ListMeasures(ctx, o.ID, year)
		ys, err2 := st.ListJourneyYears(ctx, o.ID, year)
		ps, err3 := st.ListPeerMarks(ctx, o.ID)
		return func() {
			if e.loading != key {
				return // another member or year was chosen since
			}
			e.loading = ""
			for _, err := range []error{err1, err2, err3} {
				if err != nil {
					widgets.ShowErr(e.errLbl, err.Error())
					return
				}
			}
			widgets.ShowErr(e.errLbl, "")
			y := data.JourneyYear{}
			if len(ys) > 0 {
				y = ys[0]
			}
			e.fill(y, ms, ps)
			e.loaded, e.loadedOrg, e.loadedYear = true, o.ID, year
			e.saved = e.snapshot()
		}
	})
}

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (e *editor) fill(y data.JourneyYear, ms []data.Measure, ps []data.PeerMark) {
	e.filling = true
	defer func() { e.filling = false }()
	e.employees.SetText(num(y.Employees))
	e.pay.SetChecked(y.PaySurvey)
	e.payDate.SetText("")
	if !y.PaySurveyDate.IsZero() {
		e.payDate.SetText(data.FormatDate(y.PaySurveyDate))
	}
	for i, sp := range []data.Split{y.Tech, y.Management, y.Hires, y.Apprentices, y.Interns, y.RoleModels} {
		e.splits[i][0].SetText(num(sp.Women))
		e.splits[i][1].SetText(num(sp.Men))
	}
	for ai := range data.Areas {
		for si := range data.Steps {
			e.states[ai][si].SetSelectedIndex(0)
			e.done[ai][si].SetText("")
			e.dates[ai][si].SetText("")
		}
		e.marks[ai].SetSelectedIndex(0)
	}
	for _, m := range ms {
		ai, si := index(data.Areas, m.Area), index(data.Steps, m.Step)
		if ai < 0 || si < 0 {
			continue
		}
		e.states[ai][si].SetSelectedIndex(index(data.States, m.State))
		e.done[ai][si].SetText(m.Done)
		if !m.Date.IsZero() {
			e.dates[ai][si].SetText(data.FormatDate(m.Date))
		}
	}
	for _, p := range ps {
		if ai := index(data.Areas, p.Area); ai >= 0 {
			switch {
			case p.CanShare:
				e.marks[ai].SetSelectedIndex(1)
			case p.WantStart:
				e.marks[ai].SetSelectedIndex(2)
			}
		}
	}
}

func index[T comparable](xs []T, x T) int {
	for i, y := range xs {
		if x == y {
			return i
		}
	}
	return -1
}

// count reads a count field: empty is 0; anything else must be a whole
// number, or the error names the field.
func count(label, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: %s", label, lang.X("jr.bad_count", "skriv ett heltal, 0 eller mer"))
	}
	return n, nil
}

func date(label, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := data.ParseDate(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %s", label, lang.X("jr.bad_date", "skriv datumet som 2026-04-30"))
	}
	return t, nil
}

// save checks every field, then writes the year, the measures and the
// marks in one transaction: a mistake anywhere saves nothing.
func (e *editor) save() bool {
	o, year, ok := e.chosen()
	if !ok {
		widgets.ShowErr(e.errLbl, lang.X("jr.bad_member_year", "Välj en medlem och skriv ett år mellan 2000 och 2100."))
		return false
	}
	if !e.loaded || o.ID != e.loadedOrg || year != e.loadedYear {
		// The form still holds another member's or year's figures (its
		// load has not landed): saving them here would write them over
		// this year's.
		widgets.ShowErr(e.errLbl, lang.X("jr.not_loaded", "Formuläret visar ännu inte {{.Key}}. Vänta ett ögonblick och spara igen.",
			map[string]string{"Key": e.keyText(o.ID, year)}))
		return false
	}
	return e.saveLoaded()
}

// saveLoaded writes the form to the member and year it was loaded for.
func (e *editor) saveLoaded() bool {
	if !e.loaded {
		return false
	}
	o, year := data.Organisation{ID: e.loadedOrg}, e.loadedYear
	fail := func(err error) bool {
		widgets.ShowErr(e.errLbl, err.Error())
		return false
	}
	y := data.JourneyYear{OrganisationID: o.ID, Year: year, PaySurvey: e.pay.Checked}
	var err error
	if y.Employees, err = count(lang.X("jr.col.employees", "Anställda"), e.employees.Text); err != nil {
		return fail(err)
	}
	d, err := date(lang.X("jr.col.pay_survey", "Lönekartläggning"), e.payDate.Text)
	if err != nil {
		return fail(err)
	}
	y.PaySurveyDate = d
	splits := []*data.Split{&y.Tech, &y.Management, &y.Hires, &y.Apprentices, &y.Interns, &y.RoleModels}
	for i, n := range splitNames {
		label := lang.X(n.key, n.sv)
		if splits[i].Women, err = count(label, e.splits[i][0].Text); err != nil {
			return fail(err)
		}
		if splits[i].Men, err = count(label, e.splits[i][1].Text); err != nil {
			return fail(err)
		}
	}
	var ms []data.Measure
	for ai, a := range data.Areas {
		for si, st := range data.Steps {
			m := data.Measure{OrganisationID: o.ID, Year: year, Area: a, Step: st, State: data.StateNotStarted, Done: e.done[ai][si].Text}
			if i := e.states[ai][si].SelectedIndex(); i >= 0 {
				m.State = data.States[i]
			}
			d, err := date(AreaText(a)+", "+StepText(st), e.dates[ai][si].Text)
			if err != nil {
				return fail(err)
			}
			m.Date = d
			ms = append(ms, m)
		}
	}
	var marks []data.PeerMark
	for ai, a := range data.Areas {
		i := e.marks[ai].SelectedIndex()
		marks = append(marks, data.PeerMark{OrganisationID: o.ID, Area: a, CanShare: i == 1, WantStart: i == 2})
	}
	err = e.s.main.Store().InTx(context.Background(), func(tx *data.Store) error {
		ctx := context.Background()
		if err := tx.SaveJourneyYear(ctx, &y); err != nil {
			return err
		}
		for i := range ms {
			if err := tx.SaveMeasure(ctx, &ms[i]); err != nil {
				return err
			}
		}
		for i := range marks {
			if err := tx.SavePeerMark(ctx, &marks[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	widgets.ShowErr(e.errLbl, "")
	e.saved = e.snapshot()
	return true
}
