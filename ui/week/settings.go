package week

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// teamModes are the choices of how teams treat classes and schools, in the
// order the select shows them.
var teamModes = []data.TeamMode{data.TeamModeClass, data.TeamModeMixSchools, data.TeamModeAny}

func teamModeText(m data.TeamMode) string {
	switch m {
	case data.TeamModeClass:
		return lang.X("wk.mode_class", "Håll ihop klassen")
	case data.TeamModeMixSchools:
		return lang.X("wk.mode_mix", "Blanda skolor")
	}
	return lang.X("wk.mode_any", "Ingen preferens")
}

// settingsTab is Vecka: the week's team rules and its closing session.
type settingsTab struct {
	s       *Screen
	content fyne.CanvasObject

	heading              *widget.Label
	registerBtn          *widget.Button // the week's pupils onto the closing's list
	toEvents             *widget.Button
	closingMsg           *widget.Label // what registering did
	closingMsgFor        string        // the week closingMsg speaks of
	savedLbl             *widget.Label // "Sparat." after a save
	savedFor             string        // the week savedLbl speaks of
	teamMin, teamMax     *widget.Entry
	mixRule, friends     *widget.Check
	mixWeight, travel    *widget.Entry
	mode                 *widget.Select
	closeDate            *widgets.DateField
	closeStart, closeEnd *widget.Entry
	venue, closeTitle    *widget.Entry
	programme            *widgets.MultiLineField
	errs                 map[string]*widget.Label
	saveBtn, calBtn      *widget.Button
	closingInfo          *widget.Label
	shown                string // state() as show() filled the form
}

func newSettingsTab(s *Screen) *settingsTab {
	t := &settingsTab{s: s, errs: map[string]*widget.Label{}}
	t.heading = widgets.HeadingLabel("")
	num := func() *widget.Entry {
		e := widget.NewEntry()
		e.OnSubmitted = func(string) { t.onSave() }
		return e
	}
	t.teamMin, t.teamMax, t.mixWeight, t.travel = num(), num(), num(), num()
	t.mixRule = widget.NewCheck(lang.X("wk.mix_rule", "Ingen ensam flicka eller pojke i ett team"), nil)
	t.friends = widget.NewCheck(lang.X("wk.friends", "Kompisar i samma team"), nil)
	var modes []string
	for _, m := range teamModes {
		modes = append(modes, teamModeText(m))
	}
	t.mode = widgets.NewSelect(modes, nil)
	t.closeDate = widgets.NewDateField(s.main.Window())
	t.closeStart, t.closeEnd = widget.NewEntry(), widget.NewEntry()
	t.closeStart.SetPlaceHolder("09:00")
	t.closeEnd.SetPlaceHolder("12:00")
	t.closeTitle, t.venue = widget.NewEntry(), widget.NewEntry()
	t.venue.SetPlaceHolder(lang.X("wk.venue_hint", "t.ex. Karlstads universitet, Aulan"))
	t.programme = widgets.NewMultiLineField()
	t.programme.SetMinRowsVisible(3)
	t.programme.Wrapping = fyne.TextWrapWord
	t.programme.SetPlaceHolder(lang.X("wk.programme_hint", "Programmet: t.ex. möte med studenter, utbildningar, framtiden"))
	for _, k := range []string{"team_min", "team_max", "mix_weight", "team_mode", "travel_minutes", "closing_date",
		"closing_start", "closing_end", "closing_venue", "closing_title"} {
		t.errs[k] = widgets.NewErrLabel()
	}
	size := container.NewGridWithColumns(2,
		container.NewVBox(widgets.Labelled(lang.X("wk.team_min", "Minst"), t.teamMin), t.errs["team_min"]),
		container.NewVBox(widgets.Labelled(lang.X("wk.team_max", "Högst"), t.teamMax), t.errs["team_max"]))
	rules := widgets.FormGrid(
		widgets.Field(lang.X("wk.team_size", "Teamstorlek (elever)"), size, nil),
		widgets.Field(lang.X("wk.mix", "Blandning"), t.mixRule, nil),
		widgets.Field(lang.X("wk.mix_weight", "Vikt för blandningen"), t.mixWeight, t.errs["mix_weight"]),
		widgets.Field(lang.X("wk.mode", "Klasser och skolor"), t.mode, t.errs["team_mode"]),
		widgets.Field(lang.X("wk.friends_label", "Kompisar"), t.friends, nil),
		widgets.Field(lang.X("wk.travel", "Restid mellan värdar (minuter)"), t.travel, t.errs["travel_minutes"]),
	)
	times := container.NewGridWithColumns(2,
		container.NewVBox(widgets.Labelled(lang.X("wk.from", "Från"), t.closeStart), t.errs["closing_start"]),
		container.NewVBox(widgets.Labelled(lang.X("wk.to", "Till"), t.closeEnd), t.errs["closing_end"]))
	t.closingInfo = widgets.WrapLabel("")
	// The closing session's attendance is its check-in at the door
	// (Evenemang), which lists who is registered: the week's pupils are put
	// on its list here (found by use: the closing could not be marked
	// anywhere, and certificates read it).
	t.registerBtn = widget.NewButtonWithIcon(lang.X("wk.register_closing", "Anmäl veckans elever till avslutningen"), theme.ContentAddIcon(), t.onRegisterClosing)
	t.toEvents = widget.NewButtonWithIcon(lang.X("wk.closing_checkin", "Incheckningen i Evenemang"), theme.LoginIcon(), func() { s.main.Show("events") })
	t.closingMsg = widgets.WrapLabel("")
	closing := widgets.FormGrid(
		widgets.Field(lang.X("wk.closing_title", "Rubrik"), t.closeTitle, t.errs["closing_title"]),
		widgets.Field(lang.X("wk.closing_date", "Datum"), t.closeDate, t.errs["closing_date"]),
		widgets.Field(lang.X("wk.closing_time", "Tid"), times, nil),
		widgets.Field(lang.X("wk.closing_venue", "Plats"), t.venue, t.errs["closing_venue"]),
		widgets.Field(lang.X("wk.closing_programme", "Program"), t.programme, nil),
	)
	t.saveBtn = widget.NewButtonWithIcon(lang.X("action.save", "Spara"), theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.calBtn = widget.NewButtonWithIcon(lang.X("wk.open_periods", "Datum, skolor och status i Praoperioder"), theme.CalendarIcon(),
		func() { s.main.Show("periods") })
	// Spara stays in view below the scrolling form: found by use, at 720
	// pixels it sat under the closing session's card, out of sight.
	form := container.NewVScroll(container.NewPadded(container.NewVBox(
		t.heading,
		widget.NewCard(lang.X("wk.rules", "Teamen"), lang.X("wk.rules_sub", "Gäller när veckan planeras."), rules),
		widget.NewCard(lang.X("wk.closing", "Avslutning"), lang.X("wk.closing_sub", "Alla veckans elever är med. Den måste ligga inom veckan."),
			container.NewVBox(closing, t.closingInfo, container.NewHBox(t.registerBtn, t.toEvents), t.closingMsg)))))
	// "Sparat." beside Spara (found by use: saving the closing session said
	// nothing); it goes when the form is edited or another week shown.
	t.savedLbl = widgets.NewSavedLabel()
	t.content = container.NewBorder(nil, container.NewPadded(widgets.SavedRow(t.savedLbl, t.saveBtn, t.calBtn)), nil, nil, form)
	// Enter in a one-line field saves, as in the numbers above.
	for _, e := range []*widget.Entry{t.closeTitle, t.closeStart, t.closeEnd, t.venue} {
		e.OnSubmitted = func(string) { t.onSave() }
	}
	edited := func(string) {
		if t.state() != t.shown {
			t.savedLbl.SetText("")
		}
	}
	for _, e := range []*widget.Entry{t.teamMin, t.teamMax, t.mixWeight, t.travel, t.closeTitle, t.closeStart, t.closeEnd, t.venue} {
		e.OnChanged = edited
	}
	t.closeDate.Entry.OnSubmitted = func(string) { t.onSave() }
	return t
}

// show fills the form with the week shown.
func (t *settingsTab) show() {
	for _, l := range t.errs {
		l.Hide()
	}
	w := t.s.w
	if w == nil {
		return
	}
	p := w.period
	if p.ID != t.savedFor {
		t.savedLbl.SetText("")
	}
	if p.ID != t.closingMsgFor {
		t.closingMsg.SetText("") // kept when the week shown is read again
	}
	t.heading.SetText(lang.X("wk.week_heading", "{{.Name}} · {{.First}} – {{.Last}}",
		map[string]string{"Name": p.Name, "First": uikit.LongDate(p.Start), "Last": uikit.LongDate(p.End)}))
	t.teamMin.SetText(strconv.Itoa(p.Week.TeamMin))
	t.teamMax.SetText(strconv.Itoa(p.Week.TeamMax))
	t.mixRule.SetChecked(p.Week.MixRule)
	t.mixWeight.SetText(strconv.Itoa(p.Week.MixWeight))
	t.friends.SetChecked(p.Week.FriendsTogether)
	t.travel.SetText(strconv.Itoa(p.Week.TravelMinutes))
	for i, m := range teamModes {
		if m == p.Week.TeamMode {
			t.mode.SetSelectedIndex(i)
		}
	}
	if c := w.closing; c != nil {
		t.closeTitle.SetText(c.Title)
		t.closeDate.SetDate(c.Start)
		t.closeStart.SetText(c.Start.Format("15:04"))
		t.closeEnd.SetText(c.End.Format("15:04"))
		t.venue.SetText(c.Venue)
		t.programme.SetText(c.Description)
		t.closingInfo.SetText("")
		t.registerBtn.Enable()
	} else {
		t.registerBtn.Disable() // saved first, then pupils can be put on its list
		t.closeTitle.SetText(lang.X("wk.closing_default_title", "Avslutning – {{.Name}}", map[string]string{"Name": p.Name}))
		t.closeDate.SetDate(p.End)
		t.closeStart.SetText("09:00")
		t.closeEnd.SetText("12:00")
		t.venue.SetText("")
		t.programme.SetText("")
		t.closingInfo.SetText(lang.X("wk.no_closing", "Veckan har ingen avslutning än. Fyll i plats och spara, så skapas den."))
	}
	t.shown = t.state()
}

// onRegisterClosing puts every pupil in the week's saved teams on the
// closing session's list (those already on it are left as they are), so
// that the door's check-in finds them and the certificates can say who
// came.
func (t *settingsTab) onRegisterClosing() {
	w := t.s.w
	if w == nil || w.closing == nil {
		return
	}
	if len(w.saved.teams) == 0 {
		t.say(lang.X("wk.register_closing_none", "Veckan har inga sparade team än: planera och godkänn först, sedan kan eleverna anmälas."))
		return
	}
	st, periodID := t.s.main.Store(), w.period.ID
	t.registerBtn.Disable()
	t.s.main.Background(func() func() {
		res, ok, err := st.RegisterWeekClosing(context.Background(), periodID)
		return func() {
			t.registerBtn.Enable()
			if err != nil {
				t.s.showErr(err)
				return
			}
			if t.s.w == nil || t.s.w.period.ID != periodID {
				return // another week is shown now (review)
			}
			if !ok { // deleted in Evenemang since the week was read
				t.say(lang.X("wk.closing_gone", "Veckans avslutning finns inte längre. Fyll i plats och spara, så skapas en ny."))
				return
			}
			t.say(closingMessage(res))
		}
	})
}

// say shows what registering for the closing did, for the week shown.
func (t *settingsTab) say(msg string) {
	t.closingMsg.SetText(msg)
	if t.s.w != nil {
		t.closingMsgFor = t.s.w.period.ID
	}
}

// state is everything the form holds, to tell whether it was edited.
func (t *settingsTab) state() string {
	date := t.closeDate.Entry.Text
	return strings.Join([]string{t.teamMin.Text, t.teamMax.Text, strconv.FormatBool(t.mixRule.Checked), t.mixWeight.Text,
		strconv.FormatBool(t.friends.Checked), t.travel.Text, strconv.Itoa(t.mode.SelectedIndex()), t.closeTitle.Text, date,
		t.closeStart.Text, t.closeEnd.Text, t.venue.Text, t.programme.Text}, "\x00")
}

// dirty says whether the form has edits that are not saved.
func (t *settingsTab) dirty() bool { return t.s.w != nil && t.state() != t.shown }

// read checks the form; errors show beside their fields.
func (t *settingsTab) read() (data.Period, *data.Event, bool) {
	w := t.s.w
	p := w.period
	ok := true
	atoi := func(e *widget.Entry, field string, dst *int) {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil {
			widgets.ShowErr(t.errs[field], lang.X("wk.err_number", "Skriv ett heltal."))
			ok = false
			return
		}
		*dst = n
	}
	atoi(t.teamMin, "team_min", &p.Week.TeamMin)
	atoi(t.teamMax, "team_max", &p.Week.TeamMax)
	atoi(t.mixWeight, "mix_weight", &p.Week.MixWeight)
	atoi(t.travel, "travel_minutes", &p.Week.TravelMinutes)
	p.Week.MixRule, p.Week.FriendsTogether = t.mixRule.Checked, t.friends.Checked
	if i := t.mode.SelectedIndex(); i >= 0 {
		p.Week.TeamMode = teamModes[i]
	}
	if err := p.Validate(); err != nil {
		widgets.ShowFieldErrors(err, t.errs, "team_min")
		ok = false
	}
	// The closing session: created when a venue is given, else left alone.
	if w.closing == nil && strings.TrimSpace(t.venue.Text) == "" {
		return p, nil, ok
	}
	e := data.Event{Kind: data.EventPupil}
	if w.closing != nil {
		e = *w.closing
	}
	e.Title = strings.TrimSpace(t.closeTitle.Text)
	e.Venue = strings.TrimSpace(t.venue.Text)
	e.Description = t.programme.Text
	if e.Title == "" {
		widgets.ShowErr(t.errs["closing_title"], lang.X("err.required", "Måste fyllas i."))
		ok = false
	}
	if e.Venue == "" {
		widgets.ShowErr(t.errs["closing_venue"], lang.X("err.required", "Måste fyllas i."))
		ok = false
	}
	day, good := t.closeDate.Date()
	if !good || day.IsZero() {
		msg := t.closeDate.Problem() // "" for an empty field, which parses
		if day.IsZero() && good {
			msg = lang.X("err.required", "Måste fyllas i.")
		}
		widgets.ShowErr(t.errs["closing_date"], msg)
		return p, nil, false
	}
	if day.Before(p.Start) || day.After(p.End) {
		widgets.ShowErr(t.errs["closing_date"], lang.X("wk.err_closing_outside",
			"Avslutningen måste ligga inom veckan, {{.First}} – {{.Last}}.",
			map[string]string{"First": data.FormatDate(p.Start), "Last": data.FormatDate(p.End)}))
		ok = false
	}
	clock := func(e *widget.Entry, field string) (data.Clock, bool) {
		c, err := data.ParseClock(strings.TrimSpace(e.Text))
		if err != nil {
			widgets.ShowErr(t.errs[field], lang.X("wk.err_clock", "Skriv tiden som TT:MM, t.ex. 09:00."))
			return 0, false
		}
		return c, true
	}
	a, ok1 := clock(t.closeStart, "closing_start")
	b, ok2 := clock(t.closeEnd, "closing_end")
	if !ok1 || !ok2 {
		return p, nil, false
	}
	if b <= a {
		widgets.ShowErr(t.errs["closing_end"], lang.X("err.end_before_start_time", "Sluttiden ligger före starttiden."))
		ok = false
	}
	at := func(c data.Clock) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), int(c)/60, int(c)%60, 0, 0, data.Stockholm)
	}
	e.Start, e.End = at(a), at(b)
	return p, &e, ok
}

// onSave stores the week's settings and its closing session together, all
// or nothing.
func (t *settingsTab) onSave() { t.save() }

// save is onSave that says whether the settings were saved.
func (t *settingsTab) save() bool {
	if t.s.w == nil {
		return false
	}
	for _, l := range t.errs {
		l.Hide()
	}
	p, e, ok := t.read()
	if !ok {
		return false
	}
	st := t.s.main.Store()
	// A closing session made after the plan was approved gets the pupils
	// of its teams at once, as approving does (RegisterWeekClosing).
	newClosing := e != nil && e.ID == ""
	var reg data.ClosingRegistration
	var registered bool
	err := st.InTx(context.Background(), func(tx *data.Store) error {
		if e != nil {
			if err := tx.SaveEvent(context.Background(), e); err != nil {
				return err
			}
			p.ClosingEventID = e.ID
		}
		if err := tx.SavePeriod(context.Background(), &p); err != nil {
			return err
		}
		if !newClosing || len(t.s.w.saved.teams) == 0 {
			return nil
		}
		var err error
		reg, registered, err = tx.RegisterWeekClosing(context.Background(), p.ID)
		return err
	})
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			key := f.Field
			if f.Entity == "event" {
				key = map[string]string{"title": "closing_title", "start": "closing_start", "end": "closing_end"}[f.Field]
			}
			l, found := t.errs[key]
			if !found {
				l = t.errs["team_min"]
			}
			widgets.ShowErr(l, widgets.FieldMessage(f))
		}
		return false
	}
	if err != nil {
		dialog.ShowError(err, t.s.main.Window())
		return false
	}
	t.shown = t.state() // saved: what loadWeek fills in again
	t.savedLbl.SetText(lang.X("wk.settings_saved", "Sparat."))
	t.savedFor = p.ID
	t.s.loadWeek(p.ID, false)
	if registered {
		t.say(closingMessage(reg))
	}
	return true
}
