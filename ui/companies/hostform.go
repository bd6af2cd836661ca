package companies

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
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

// hostSteps is how many pages the host form has.
const hostSteps = 7

// Default times of a day the form fills in from the period's weekdays.
const (
	hostDefaultStart = "08:00"
	hostDefaultEnd   = "15:00"
	hostDefaultBreak = "60"
)

// hostForm is the värdformulär: the form HR staff at a host fill in, one page
// at a time. The working-time rules are checked as the host types and each
// broken rule shows beside the day it concerns; approval is refused, with the
// reasons, while a rule is broken or a required field is empty.
type hostForm struct {
	screen  *Screen
	company data.Organisation
	offer   data.Offer // as last saved (or new)
	people  []data.Person
	periods []data.Period
	content fyne.CanvasObject

	step        int
	pages       []fyne.CanvasObject
	stack       *fyne.Container
	root        *fyne.Container
	stepLabel   *widget.Label
	statusLabel *widget.Label
	summary     *widget.Label
	refusal     *widget.Label
	saved       *widget.Label
	prevBtn     *widget.Button
	nextBtn     *widget.Button
	saveBtn     *widget.Button
	submitBtn   *widget.Button
	approveBtn  *widget.Button
	hostOwn     bool // the host's own laptop: no approval here
	draftBtn    *widget.Button
	backBtn     *widget.Button

	// errs holds the label beside each field, by data's field name.
	errs        map[string]*widget.Label
	showMissing bool // after an approval attempt, empty required fields show

	// 1 the company and workplace
	title, address *widget.Entry
	description    *widgets.MultiLineField
	period         *widget.Select
	noPeriods      *widget.Label
	// 2 the supervisor
	supervisor                            *widget.Select
	supervisorIDs                         []string
	adult                                 *widget.Check
	supFirst, supLast, supTitle, supPhone *widget.Entry
	supEmail                              *widget.Entry
	addSupBtn                             *widget.Button
	supErr                                *widget.Label
	// 3 capacity and minimum age
	capacity, minAge *widget.Entry
	capHint          *widget.Label
	capRow           []fyne.CanvasObject // Antal platser: its label and field
	// 4 the days
	days      []*dayRow
	daysBox   *fyne.Container
	copyBtn   *widget.Button
	addDayBtn *widget.Button
	fillBtn   *widget.Button
	// daysHint explains the page: days, or a week's blocks
	daysHint        *widget.Label
	classicDaysHint string
	// 5 the people pupils meet
	meetBox                 *fyne.Container
	meetChecks              map[string]*widget.Check
	meetOrder               []string
	rmFirst, rmLast, rmProf *widget.Entry
	rmJourney               *widgets.MultiLineField
	addRMBtn                *widget.Button
	rmErr                   *widget.Label
	// 6 practical matters
	bring, travel, lunch *widgets.MultiLineField
	// 7 safety
	risk, gear, intro, adult2, emergency *widget.Check
	adultErr2                            *widget.Label
	ra                                   *riskForm // the written risk assessment

	filling bool // fields are being filled by code: no live checks

	// shownPeriod is the period the day rows were made for, so they move
	// with a change of period.
	shownPeriod *data.Period
	// refusalLive says what the refusal below lists, so that check keeps
	// it true as the form changes: refusalNone, refusalFields or
	// refusalProblems (under refusalHeading).
	refusalLive    int
	refusalHeading string
	relayouts      int    // times the whole form was laid out again (a test counts them)
	shown          string // state() when filled or last saved (dirty)
	// safetyShown are the safety boxes whose "missing" line has shown: the
	// line then keeps its place, so ticking does not move the rows below.
	safetyShown map[string]bool
}

// dayRow is one day of the programme on page 4.
type dayRow struct {
	id              string // the stored block's key, kept when its times change
	date            *widgets.DateField
	start, end, brk *widget.Entry
	activities      *widgets.MultiLineField
	info            *widget.Label // weekday and hours of work
	warn            *widget.Label // the broken rules, in the rules' words
	remove          *widget.Button
	box             fyne.CanvasObject
	block           *blockParts // a week's fields, hidden for a classic period
}

// hostStepTitle names page i (0-based) of the host form.
func hostStepTitle(i int) string {
	switch i {
	case 0:
		return lang.X("hostform.step.workplace", "Företaget och arbetsplatsen")
	case 1:
		return lang.X("hostform.step.supervisor", "Handledaren")
	case 2:
		return lang.X("hostform.step.capacity", "Antal platser och ålder")
	case 3:
		return lang.X("hostform.step.days", "Dagarna")
	case 4:
		return lang.X("hostform.step.people", "Personerna eleverna möter")
	case 5:
		return lang.X("hostform.step.practical", "Att ta med, resa och lunch")
	}
	return lang.X("hostform.step.safety", "Säkerhet")
}

// hostWeekday names a weekday in the user's language.
func hostWeekday(d time.Weekday) string { return uikit.WeekdayName(d) }

// hostFieldName names a field of the offer, for the refusal's list.
func hostFieldName(field string) string {
	switch field {
	case "title":
		return lang.X("hostform.field.title", "Rubrik")
	case "period":
		return lang.X("hostform.field.period", "Praoperiod")
	case "visiting_address":
		return lang.X("hostform.field.address", "Besöksadress")
	case "supervisor":
		return lang.X("hostform.field.supervisor", "Handledare")
	case "capacity":
		return lang.X("hostform.field.capacity", "Antal platser")
	case "min_age":
		return lang.X("hostform.field.min_age", "Lägsta ålder")
	case "days":
		return lang.X("hostform.field.days", "Dagar")
	}
	if strings.HasPrefix(field, "safety") {
		return lang.X("hostform.field.safety", "Säkerhet")
	}
	if strings.HasPrefix(field, "days[") {
		return lang.X("hostform.field.days", "Dagar")
	}
	return field
}

// hostFieldStep is the page (0-based) where a field is filled in.
func hostFieldStep(field string) int {
	switch {
	case field == "title" || field == "description" || field == "visiting_address" || field == "period":
		return 0
	case field == "supervisor":
		return 1
	case field == "capacity" || field == "min_age":
		return 2
	case strings.HasPrefix(field, "days"):
		return 3
	case strings.HasPrefix(field, "safety"):
		return 6
	}
	return 0
}

// coFixedWidth gives its one object a fixed width.
type coFixedWidth struct{ w float32 }

func (l coFixedWidth) MinSize(o []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.w, o[0].MinSize().Height)
}

func (l coFixedWidth) Layout(o []fyne.CanvasObject, s fyne.Size) {
	o[0].Move(fyne.NewPos(0, 0))
	o[0].Resize(s)
}

func fixedWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(coFixedWidth{w}, o)
}

func newHostForm(s *Screen, company data.Organisation, o data.Offer, people []data.Person, periods []data.Period) *hostForm {
	h := &hostForm{screen: s, company: company, offer: o, periods: periods, errs: map[string]*widget.Label{},
		meetChecks: map[string]*widget.Check{}}
	h.people = append([]data.Person(nil), people...)
	sortPeople(h.people)
	for _, k := range []string{"title", "description", "visiting_address", "period", "supervisor", "supervisor_adult",
		"capacity", "min_age", "days", "safety_risk_assessment", "safety_protective_gear", "safety_introduction",
		"safety_emergency_routine"} {
		h.errs[k] = widgets.NewErrLabel()
	}
	h.pages = []fyne.CanvasObject{h.pageWorkplace(), h.pageSupervisor(), h.pageCapacity(), h.pageDays(),
		h.pagePeople(), h.pagePractical(), h.pageSafety()}
	for i, p := range h.pages {
		h.pages[i] = container.NewVScroll(container.NewPadded(p))
	}
	h.stack = container.NewStack(h.pages...)

	name := company.Name
	head := widget.NewLabelWithStyle(lang.X("hostform.title", "Värdformulär · {{.Company}}", map[string]string{"Company": name}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	head.Wrapping = fyne.TextWrapWord
	h.backBtn = widget.NewButtonWithIcon(lang.X("hostform.back", "Till företaget"), theme.NavigateBackIcon(), s.closeHostForm)
	h.stepLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.stepLabel.Wrapping = fyne.TextWrapWord
	h.statusLabel = widget.NewLabel("")
	h.statusLabel.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, nil, h.backBtn, head), h.statusLabel, h.stepLabel, widget.NewSeparator())

	h.prevBtn = widget.NewButtonWithIcon(lang.X("hostform.prev", "Föregående"), theme.NavigateBackIcon(), func() { h.showStep(h.step - 1) })
	h.nextBtn = widget.NewButtonWithIcon(lang.X("hostform.next", "Nästa"), theme.NavigateNextIcon(), func() { h.showStep(h.step + 1) })
	h.nextBtn.IconPlacement = widget.ButtonIconTrailingText
	h.saveBtn = widget.NewButtonWithIcon(lang.X("hostform.save", "Spara"), theme.DocumentSaveIcon(), func() { h.save() })
	h.saveBtn.Importance = widget.HighImportance
	h.submitBtn = widget.NewButtonWithIcon(lang.X("hostform.submit", "Skicka in"), theme.MailSendIcon(), h.onSubmit)
	h.approveBtn = widget.NewButtonWithIcon(lang.X("hostform.approve", "Godkänn"), theme.ConfirmIcon(), h.onApprove)
	h.draftBtn = widget.NewButtonWithIcon(lang.X("hostform.to_draft", "Tillbaka till utkast"), theme.ContentUndoIcon(), h.onToDraft)
	// On the host's own laptop (it read the coordinator's form for this
	// company) the host does not approve its own offer: approval is the
	// coordinator's or the school's (issue #15, case 3). One small read.
	h.hostOwn, _ = s.main.Store().IsHostLaptop(context.Background(), company.ID)
	h.summary = widgets.WrapLabel("")
	h.refusal = widgets.NewErrLabel()
	h.saved = widgets.NewSavedLabel()
	bottom := container.NewVBox(widget.NewSeparator(), container.New(coMaxHeight{140}, container.NewVScroll(h.refusal)), h.summary,
		container.NewBorder(nil, nil, h.prevBtn, h.nextBtn),
		widgets.SavedRow(h.saved, h.saveBtn, h.submitBtn, h.approveBtn, h.draftBtn,
			widget.NewButtonWithIcon(lang.X("exchange.hostform_button", "Spara som fil för e-post …"), theme.MailComposeIcon(), h.saveThenFile)))
	h.root = container.NewBorder(top, bottom, nil, nil, h.stack)
	h.content = container.NewPadded(h.root)

	h.fill()
	h.showStep(0)
	h.shown = h.state()
	return h
}

// state is what the form holds (the offer read from its fields, what
// could not be read, and the risk assessment), to tell whether it was
// edited since it was filled or saved.
func (h *hostForm) state() string {
	c := h.collect()
	return fmt.Sprintf("%#v\x00%v\x00%v\x00%s", c.offer, c.fieldErr, c.dayErr, h.ra.state())
}

// dirty says whether the form holds edits that are not saved.
func (h *hostForm) dirty() bool { return h.state() != h.shown }

// fill puts h.offer into the fields.
func (h *hostForm) fill() {
	h.filling = true
	defer func() { h.filling = false }()
	o := h.offer
	h.title.SetText(o.Title)
	h.description.SetText(o.Description)
	h.address.SetText(o.VisitingAddress)
	h.period.ClearSelected()
	for i, p := range h.periods {
		if p.ID == o.PeriodID {
			h.period.SetSelectedIndex(i)
		}
	}
	if o.ID == "" && o.PeriodID == "" {
		h.selectNextOpenPeriod() // a new offer: the next period not yet over
	}
	h.fillSupervisors()
	h.adult.SetChecked(o.Safety.SupervisorAdult)
	h.capacity.SetText(strconv.Itoa(o.Capacity))
	h.minAge.SetText(strconv.Itoa(o.MinAge))
	h.setDays(o.Days)
	if len(o.Days) == 0 && o.ID == "" {
		h.fillFromPeriod()
	}
	h.meetOrder = append([]string(nil), o.RoleModelIDs...)
	h.fillPeople()
	h.bring.SetText(o.WhatToBring)
	h.travel.SetText(o.TravelInfo)
	h.lunch.SetText(o.LunchInfo)
	h.risk.SetChecked(o.Safety.RiskAssessment)
	h.gear.SetChecked(o.Safety.ProtectiveGear)
	h.intro.SetChecked(o.Safety.Introduction)
	h.adult2.SetChecked(o.Safety.SupervisorAdult)
	h.emergency.SetChecked(o.Safety.EmergencyRoutine)
	h.ra.load(h.screen.main.Store(), o.ID)
	h.filling = false
	h.shownPeriod = h.selectedPeriod()
	h.showStatus()
	h.check()
}

func (h *hostForm) entry(placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { h.onChanged() }
	e.OnSubmitted = func(string) { h.save() }
	return e
}

func (h *hostForm) multiEntry(placeholder string, rows int) *widgets.MultiLineField {
	e := widgets.NewMultiLineField()
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder(placeholder)
	e.SetMinRowsVisible(rows)
	e.OnChanged = func(string) { h.onChanged() }
	return e
}

func (h *hostForm) hint(text string) *widget.Label {
	l := widgets.WrapLabel(text)
	l.Importance = widget.LowImportance
	return l
}

func (h *hostForm) pageWorkplace() fyne.CanvasObject {
	h.title = h.entry(lang.X("hostform.title_placeholder", "t.ex. Bygg och programmera en robot"))
	h.description = h.multiEntry(lang.X("hostform.description_placeholder", "Vad får eleven se, göra och uppleva?"), 5)
	h.address = h.entry(lang.X("companies.address_placeholder", "Gata 1, 652 24 Karlstad"))
	var names []string
	for _, p := range h.periods {
		names = append(names, p.Name)
	}
	h.period = widgets.NewSelect(names, func(string) {
		if h.filling {
			return
		}
		if len(h.days) == 0 {
			h.fillFromPeriod()
		} else {
			h.moveDaysToPeriod()
		}
		h.shownPeriod = h.selectedPeriod()
		h.showWeekParts()
		h.onChanged()
	})
	h.period.PlaceHolder = lang.X("hostform.choose_period", "Välj praoperiod")
	h.noPeriods = widgets.WrapLabel(lang.X("hostform.no_periods", "Det finns inga praoperioder ännu. Skapa en under Praoperioder först."))
	h.noPeriods.Importance = widget.WarningImportance
	if len(h.periods) > 0 {
		h.noPeriods.Hide()
	}
	return container.NewVBox(
		h.hint(lang.X("hostform.workplace_intro", "Berätta om praoplatsen: vad eleven ska få göra och var ni finns.")),
		widgets.FormGrid(
			widgets.Field(hostFieldName("title"), h.title, h.errs["title"]),
			widgets.Field(lang.X("hostform.field.description", "Beskrivning"), h.description, h.errs["description"]),
			widgets.Field(hostFieldName("visiting_address"), h.address, h.errs["visiting_address"]),
			widgets.Field(hostFieldName("period"), container.NewVBox(h.period, h.noPeriods), h.errs["period"]),
		))
}

// fillSupervisors lists the company's people in the supervisor picker.
func (h *hostForm) fillSupervisors() {
	var names []string
	h.supervisorIDs = nil
	for _, p := range h.people {
		n := p.Name()
		if p.Title != "" {
			n += " (" + p.Title + ")"
		}
		names = append(names, n)
		h.supervisorIDs = append(h.supervisorIDs, p.ID)
	}
	was := h.filling
	h.filling = true
	h.supervisor.Options = names
	h.supervisor.ClearSelected()
	for i, id := range h.supervisorIDs {
		if id == h.offer.SupervisorID {
			h.supervisor.SetSelectedIndex(i)
		}
	}
	h.supervisor.Refresh()
	h.filling = was
}

func (h *hostForm) pageSupervisor() fyne.CanvasObject {
	h.supervisor = widgets.NewSelect(nil, func(string) { h.onChanged() })
	h.supervisor.PlaceHolder = lang.X("hostform.choose_supervisor", "Välj en person")
	h.adult = widget.NewCheck(lang.X("hostform.adult", "Handledaren är minst 18 år"), func(b bool) {
		if h.adult2 != nil && h.adult2.Checked != b {
			h.adult2.SetChecked(b)
		}
		h.onChanged()
	})
	h.supFirst = widget.NewEntry()
	h.supLast = widget.NewEntry()
	h.supTitle = widget.NewEntry()
	h.supPhone = widget.NewEntry()
	h.supEmail = widget.NewEntry()
	h.supEmail.SetPlaceHolder("namn@foretag.se")
	h.supErr = widgets.NewErrLabel()
	h.addSupBtn = widget.NewButtonWithIcon(lang.X("hostform.add_supervisor", "Lägg till som handledare"), theme.ContentAddIcon(), h.onAddSupervisor)
	return container.NewVBox(
		h.hint(lang.X("hostform.supervisor_intro", "Handledaren tar emot eleven, finns på plats och är den skolan ringer.")),
		widgets.FormGrid(widgets.Field(hostFieldName("supervisor"), h.supervisor, h.errs["supervisor"])),
		h.adult, h.errs["supervisor_adult"],
		widget.NewSeparator(),
		widgets.HeadingLabel(lang.X("hostform.new_supervisor", "Eller lägg till en ny person")),
		widgets.FormGrid(
			widgets.Field(lang.X("companies.field.first_name", "Förnamn"), h.supFirst, nil),
			widgets.Field(lang.X("companies.field.last_name", "Efternamn"), h.supLast, nil),
			widgets.Field(lang.X("companies.field.title", "Titel/yrke"), h.supTitle, nil),
			widgets.Field(lang.X("companies.field.phone", "Telefon"), h.supPhone, nil),
			widgets.Field(lang.X("companies.field.email", "E-post"), h.supEmail, nil),
		),
		h.supErr,
		container.NewHBox(h.addSupBtn))
}

// savePersonInline saves a new person of the company and reports errors in
// errLabel.
func (h *hostForm) savePersonInline(p *data.Person, errLabel *widget.Label) bool {
	widgets.ShowErr(errLabel, "")
	if err := h.screen.main.Store().SavePerson(context.Background(), p); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			var msgs []string
			for _, f := range ve.Fields {
				msgs = append(msgs, widgets.FieldMessage(f))
			}
			widgets.ShowErr(errLabel, strings.Join(msgs, " "))
		} else {
			widgets.ShowErr(errLabel, err.Error())
		}
		return false
	}
	h.people = append(h.people, *p)
	sortPeople(h.people)
	return true
}

func (h *hostForm) onAddSupervisor() {
	p := data.Person{OrganisationID: h.company.ID, FirstName: h.supFirst.Text, LastName: h.supLast.Text,
		Title: h.supTitle.Text, Phone: strings.TrimSpace(h.supPhone.Text), Email: strings.TrimSpace(h.supEmail.Text),
		Roles: []data.Role{data.RoleSupervisor}}
	if !h.savePersonInline(&p, h.supErr) {
		return
	}
	for _, e := range []*widget.Entry{h.supFirst, h.supLast, h.supTitle, h.supPhone, h.supEmail} {
		e.SetText("")
	}
	h.offer.SupervisorID = p.ID
	sel := h.selectedSupervisor()
	h.fillSupervisors()
	if sel != "" && sel != p.ID {
		h.selectSupervisor(p.ID)
	}
	h.fillPeople()
	h.onChanged()
}

func (h *hostForm) selectSupervisor(id string) {
	for i, x := range h.supervisorIDs {
		if x == id {
			h.supervisor.SetSelectedIndex(i)
		}
	}
}

func (h *hostForm) selectedSupervisor() string {
	if i := h.supervisor.SelectedIndex(); i >= 0 && i < len(h.supervisorIDs) {
		return h.supervisorIDs[i]
	}
	return ""
}

func (h *hostForm) pageCapacity() fyne.CanvasObject {
	h.capacity = h.entry("2")
	h.minAge = h.entry("0")
	h.capHint = h.hint(lang.X("hostform.capacity_intro", "Hur många elever kan ni ta emot samtidigt (minst 1), och behöver de ha fyllt en viss ålder? För åldern betyder 0 ingen gräns."))
	grid := widgets.FormGrid(
		widgets.Field(hostFieldName("capacity"), fixedWidth(h.capacity, 120), h.errs["capacity"]),
		widgets.Field(hostFieldName("min_age"), fixedWidth(h.minAge, 120), h.errs["min_age"]),
	)
	h.capRow = grid.Objects[0:2]
	return container.NewVBox(h.capHint, grid)
}

// showCapacityFor shows the capacity page for a week or a classic period:
// in a week the host takes teams in blocks, counted on the next page, so
// Antal platser is not asked twice (found by use).
func (h *hostForm) showCapacityFor(week bool) {
	for _, o := range h.capRow {
		if week {
			o.Hide()
		} else {
			o.Show()
		}
	}
	if week {
		h.capHint.SetText(lang.X("hostform.week.capacity_intro", "Behöver eleverna ha fyllt en viss ålder? 0 betyder ingen gräns. Hur många team ni tar emot anger ni för varje block på nästa sida."))
	} else {
		h.capHint.SetText(lang.X("hostform.capacity_intro", "Hur många elever kan ni ta emot samtidigt (minst 1), och behöver de ha fyllt en viss ålder? För åldern betyder 0 ingen gräns."))
	}
}

// Column widths of the day rows.
const (
	hostDateWidth  = 176
	hostClockWidth = 84
	hostBreakWidth = 96
)

func (h *hostForm) pageDays() fyne.CanvasObject {
	h.daysBox = container.NewVBox()
	h.copyBtn = widget.NewButtonWithIcon(lang.X("hostform.copy_days", "Kopiera till alla dagar"), theme.ContentCopyIcon(), h.onCopyToAll)
	h.addDayBtn = widget.NewButtonWithIcon(lang.X("hostform.add_day", "Lägg till dag"), theme.ContentAddIcon(), h.onAddDay)
	h.fillBtn = widget.NewButtonWithIcon(lang.X("hostform.fill_days", "Periodens vardagar"), theme.CalendarIcon(), h.onFillFromPeriod)
	h.classicDaysHint = lang.X("hostform.days_intro",
		"En rad per dag. Skriv tider som 08:00 och rasten i minuter. Eleven får arbeta högst 7 timmar om dagen, mellan 06:00 och 20:00, bara vardagar, med minst 30 minuters rast senast efter 4,5 timmar. Knappen Kopiera till alla dagar kopierar första dagens tider och aktiviteter.")
	h.daysHint = h.hint(h.classicDaysHint)
	return container.NewVBox(h.daysHint, h.errs["days"], h.daysBox, container.NewHBox(h.addDayBtn, h.copyBtn, h.fillBtn))
}

func (h *hostForm) dayHeader() fyne.CanvasObject {
	l := func(text string, w float32) fyne.CanvasObject {
		return fixedWidth(widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w)
	}
	return container.NewHBox(
		l(lang.X("hostform.col.date", "Datum"), hostDateWidth),
		l(lang.X("hostform.col.start", "Start"), hostClockWidth),
		l(lang.X("hostform.col.end", "Slut"), hostClockWidth),
		l(lang.X("hostform.col.break", "Rast (min)"), hostBreakWidth))
}

func (h *hostForm) newDayRow(d data.OfferDay) *dayRow {
	r := &dayRow{id: d.ID}
	r.date = widgets.NewDateField(h.screen.main.Window())
	r.date.Entry.OnSubmitted = func(string) { h.save() }
	onDate := r.date.Entry.OnChanged
	r.date.Entry.OnChanged = func(t string) {
		if onDate != nil {
			onDate(t)
		}
		h.onChanged()
	}
	r.start = h.entry("08:00")
	r.end = h.entry("15:00")
	r.brk = h.entry("60")
	r.activities = h.multiEntry(lang.X("hostform.activities_placeholder", "Vad eleven gör och vilka hen träffar den här dagen"), 2)
	r.date.SetDate(d.Date)
	if d.Start != 0 || d.End != 0 {
		r.start.SetText(d.Start.String())
		r.end.SetText(d.End.String())
	}
	r.brk.SetText(strconv.Itoa(d.BreakMinutes))
	r.activities.SetText(d.Activities)
	r.info = widget.NewLabel("")
	r.info.Importance = widget.LowImportance
	r.warn = widgets.NewErrLabel()
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { h.onRemoveDay(r) })
	times := container.NewHBox(fixedWidth(r.date, hostDateWidth), fixedWidth(r.start, hostClockWidth),
		fixedWidth(r.end, hostClockWidth), fixedWidth(r.brk, hostBreakWidth))
	r.block = h.newBlockParts(d)
	if !h.isWeek() {
		r.block.box.Hide()
	}
	r.box = container.NewVBox(container.NewBorder(nil, nil, times, r.remove, r.info), r.activities, r.block.box, r.warn)
	return r
}

// setDays replaces the day rows.
func (h *hostForm) setDays(days []data.OfferDay) {
	was := h.filling
	h.filling = true
	h.days = nil
	for _, d := range days {
		h.days = append(h.days, h.newDayRow(d))
	}
	h.filling = was
	h.layoutDays()
}

func (h *hostForm) layoutDays() {
	objs := []fyne.CanvasObject{}
	if len(h.days) > 0 {
		objs = append(objs, h.dayHeader())
	}
	for i, r := range h.days {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, r.box)
	}
	h.daysBox.Objects = objs
	h.showWeekParts()
	h.daysBox.Refresh()
	if len(h.days) > 1 {
		h.copyBtn.Enable()
	} else {
		h.copyBtn.Disable()
	}
}

func (h *hostForm) selectedPeriod() *data.Period {
	if i := h.period.SelectedIndex(); i >= 0 && i < len(h.periods) {
		p := h.periods[i]
		return &p
	}
	return nil
}

// fillFromPeriod makes one day per weekday of the chosen period.
func (h *hostForm) fillFromPeriod() {
	p := h.selectedPeriod()
	if p == nil {
		return
	}
	start, _ := data.ParseClock(hostDefaultStart)
	end, _ := data.ParseClock(hostDefaultEnd)
	brk, _ := strconv.Atoi(hostDefaultBreak)
	dates := data.Weekdays(p.Start, p.End)
	if p.Format == data.FormatWeek {
		start, _ = data.ParseClock(weekDefaultStart)
		end, _ = data.ParseClock(weekDefaultEnd)
		brk, dates = 0, weekDays(*p)
	}
	var days []data.OfferDay
	for _, d := range dates {
		days = append(days, data.OfferDay{Date: d, Start: start, End: end, BreakMinutes: brk})
	}
	h.setDays(days)
}

func (h *hostForm) onFillFromPeriod() {
	if h.selectedPeriod() == nil {
		widgets.ShowErr(h.errs["days"], lang.X("hostform.choose_period_first", "Välj praoperiod på sidan 1 först."))
		return
	}
	if len(h.days) == 0 {
		h.fillFromPeriod()
		h.onChanged()
		return
	}
	dialog.ShowConfirm(lang.X("hostform.fill_days", "Periodens vardagar"),
		lang.X("hostform.fill_days_confirm", "Ersätta dagarna med periodens vardagar? Tider och aktiviteter du skrivit försvinner."),
		func(yes bool) {
			if yes {
				h.fillFromPeriod()
				h.onChanged()
			}
		}, h.screen.main.Window())
}

func (h *hostForm) onAddDay() {
	d := data.OfferDay{}
	if n := len(h.days); n > 0 {
		last, _ := data.ParseDate(h.days[n-1].date.Entry.Text)
		if !last.IsZero() {
			next := last.AddDate(0, 0, 1)
			for next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
				next = next.AddDate(0, 0, 1)
			}
			d.Date = next
		}
	}
	d.Start, _ = data.ParseClock(hostDefaultStart)
	d.End, _ = data.ParseClock(hostDefaultEnd)
	d.BreakMinutes, _ = strconv.Atoi(hostDefaultBreak)
	if h.isWeek() {
		d.Start, _ = data.ParseClock(weekDefaultStart)
		d.End, _ = data.ParseClock(weekDefaultEnd)
		d.BreakMinutes = 0
	}
	h.filling = true
	h.days = append(h.days, h.newDayRow(d))
	h.filling = false
	h.layoutDays()
	h.onChanged()
}

func (h *hostForm) onRemoveDay(r *dayRow) {
	for i, x := range h.days {
		if x == r {
			h.days = append(h.days[:i], h.days[i+1:]...)
			break
		}
	}
	h.layoutDays()
	h.onChanged()
}

// onCopyToAll copies the first day's times, break and activities to every day.
func (h *hostForm) onCopyToAll() {
	if len(h.days) < 2 {
		return
	}
	first := h.days[0]
	h.filling = true
	for _, r := range h.days[1:] {
		r.start.SetText(first.start.Text)
		r.end.SetText(first.end.Text)
		r.brk.SetText(first.brk.Text)
		r.activities.SetText(first.activities.Text)
		if h.isWeek() {
			r.block.teamsMax.SetText(first.block.teamsMax.Text)
			r.block.rmOrder = first.block.chosen()
			h.fillBlockPeople(r.block)
		}
	}
	h.filling = false
	h.onChanged()
}

// fillPeople lists the company's people as people pupils may meet.
func (h *hostForm) fillPeople() {
	chosen := map[string]bool{}
	for _, id := range h.meetOrder {
		chosen[id] = true
	}
	h.meetChecks = map[string]*widget.Check{}
	var objs []fyne.CanvasObject
	if len(h.people) == 0 {
		objs = append(objs, widgets.WrapLabel(lang.X("hostform.no_people", "Företaget har inga kontakter ännu. Lägg till personer nedan.")))
	}
	for _, p := range h.people {
		id := p.ID
		label := p.Name()
		if p.Title != "" {
			label += " – " + p.Title
		}
		c := widget.NewCheck(label, func(b bool) {
			h.setMeets(id, b)
			h.onChanged()
		})
		c.SetChecked(chosen[id])
		h.meetChecks[id] = c
		col := container.NewVBox(c)
		if p.Journey != "" {
			j := widgets.WrapLabel(p.Journey)
			j.TextStyle = fyne.TextStyle{Italic: true}
			col.Add(container.NewPadded(j))
		}
		objs = append(objs, col)
	}
	h.meetBox.Objects = objs
	h.meetBox.Refresh()
}

func (h *hostForm) setMeets(id string, on bool) {
	for i, x := range h.meetOrder {
		if x == id {
			if on {
				return
			}
			h.meetOrder = append(h.meetOrder[:i], h.meetOrder[i+1:]...)
			return
		}
	}
	if on {
		h.meetOrder = append(h.meetOrder, id)
	}
}

func (h *hostForm) pagePeople() fyne.CanvasObject {
	h.meetBox = container.NewVBox()
	h.rmFirst = widget.NewEntry()
	h.rmLast = widget.NewEntry()
	h.rmProf = widget.NewEntry()
	h.rmProf.SetPlaceHolder(lang.X("hostform.profession_placeholder", "t.ex. automationstekniker"))
	h.rmJourney = widgets.NewMultiLineField()
	h.rmJourney.Wrapping = fyne.TextWrapWord
	h.rmJourney.SetMinRowsVisible(4)
	h.rmJourney.SetPlaceHolder(lang.X("companies.journey_placeholder", "Vägen från skolan till jobbet: utbildning, vägval, första jobbet …"))
	h.rmErr = widgets.NewErrLabel()
	h.addRMBtn = widget.NewButtonWithIcon(lang.X("hostform.add_person", "Lägg till person"), theme.ContentAddIcon(), h.onAddRoleModel)
	return container.NewVBox(
		h.hint(lang.X("hostform.people_intro", "Vilka personer i olika yrken får eleven träffa? Kryssa i dem och berätta deras väg från skolan till jobbet.")),
		h.meetBox,
		widget.NewSeparator(),
		widgets.HeadingLabel(lang.X("hostform.new_person", "Ny person eleverna möter")),
		widgets.FormGrid(
			widgets.Field(lang.X("companies.field.first_name", "Förnamn"), h.rmFirst, nil),
			widgets.Field(lang.X("companies.field.last_name", "Efternamn"), h.rmLast, nil),
			widgets.Field(lang.X("hostform.field.profession", "Yrke"), h.rmProf, nil),
			widgets.Field(lang.X("hostform.field.journey", "Från skola till jobb"), h.rmJourney, nil),
		),
		h.rmErr,
		container.NewHBox(h.addRMBtn))
}

func (h *hostForm) onAddRoleModel() {
	p := data.Person{OrganisationID: h.company.ID, FirstName: h.rmFirst.Text, LastName: h.rmLast.Text,
		Title: strings.TrimSpace(h.rmProf.Text), Journey: h.rmJourney.Text, Roles: []data.Role{data.RoleRoleModel}}
	if !h.savePersonInline(&p, h.rmErr) {
		return
	}
	for _, e := range []*widget.Entry{h.rmFirst, h.rmLast, h.rmProf, &h.rmJourney.Entry} {
		e.SetText("")
	}
	h.meetOrder = append(h.meetOrder, p.ID)
	sel := h.selectedSupervisor()
	h.fillSupervisors()
	h.selectSupervisor(sel)
	h.fillPeople()
	h.refreshBlockPeople()
	h.onChanged()
}

func (h *hostForm) pagePractical() fyne.CanvasObject {
	h.bring = h.multiEntry(lang.X("hostform.bring_placeholder", "t.ex. oömma kläder, inneskor, matsäck första dagen"), 3)
	h.travel = h.multiEntry(lang.X("hostform.travel_placeholder", "Buss, tåg, parkering, var entrén är"), 3)
	h.lunch = h.multiEntry(lang.X("hostform.lunch_placeholder", "Var och hur eleven äter lunch, och vad den kostar"), 3)
	return container.NewVBox(
		h.hint(lang.X("hostform.practical_intro", "Det här står i elevens praoschema.")),
		widgets.FormGrid(
			widgets.Field(lang.X("hostform.field.bring", "Att ta med"), h.bring, nil),
			widgets.Field(lang.X("hostform.field.travel", "Resa"), h.travel, nil),
			widgets.Field(lang.X("hostform.field.lunch", "Lunch"), h.lunch, nil),
		))
}

func (h *hostForm) pageSafety() fyne.CanvasObject {
	check := func(text string) *widget.Check {
		return widget.NewCheck(text, func(bool) { h.onChanged() })
	}
	h.risk = check(lang.X("hostform.safety.risk", "Riskbedömningen för elevens arbetsuppgifter är gjord"))
	h.gear = check(lang.X("hostform.safety.gear", "Skyddsutrustning finns och är gratis för eleven"))
	h.intro = check(lang.X("hostform.safety.intro", "En introduktion första dagen är planerad"))
	h.adult2 = widget.NewCheck(lang.X("hostform.adult", "Handledaren är minst 18 år"), func(b bool) {
		if h.adult.Checked != b {
			h.adult.SetChecked(b)
		}
		h.onChanged()
	})
	h.emergency = check(lang.X("hostform.safety.emergency", "Eleven får veta nödrutinen: utrymning, första hjälpen, vem hen ringer"))
	h.adultErr2 = widgets.NewErrLabel()
	h.ra = newRiskForm(func() { h.onChanged() })
	// Check labels do not wrap; keep the long ones readable in a narrow pane.
	return container.NewVBox(
		h.hint(lang.X("hostform.safety_intro", "Alla punkter måste vara uppfyllda innan praoplatsen kan godkännas.")),
		h.risk, h.errs["safety_risk_assessment"],
		h.gear, h.errs["safety_protective_gear"],
		h.intro, h.errs["safety_introduction"],
		h.adult2, h.adultErr2,
		h.emergency, h.errs["safety_emergency_routine"], h.ra.content)
}

// showStep shows page i (0-based).
func (h *hostForm) showStep(i int) {
	if i < 0 || i >= hostSteps {
		return
	}
	h.step = i
	for j, p := range h.pages {
		if j == i {
			p.Show()
		} else {
			p.Hide()
		}
	}
	title := hostStepTitle(i)
	if i == 3 && h.isWeek() {
		title = lang.X("hostform.week.step_blocks", "Blocken")
	}
	if i == 2 {
		h.showCapacityFor(h.isWeek())
		if h.isWeek() {
			title = lang.X("hostform.week.step_age", "Ålder")
		}
	}
	h.stepLabel.SetText(lang.X("hostform.step", "Steg {{.N}} av {{.Total}}: {{.Title}}",
		map[string]string{"N": strconv.Itoa(i + 1), "Total": strconv.Itoa(hostSteps), "Title": title}))
	if i == 0 {
		h.prevBtn.Disable()
	} else {
		h.prevBtn.Enable()
	}
	if i == hostSteps-1 {
		h.nextBtn.Disable()
	} else {
		h.nextBtn.Enable()
	}
	if i == 3 && len(h.days) == 0 && h.selectedPeriod() != nil {
		// The period's days, filled in for the host to change, are no
		// edit of theirs.
		clean := h.shown != "" && !h.dirty()
		h.fillFromPeriod()
		h.check()
		if clean {
			h.shown = h.state()
		}
	}
	h.stack.Refresh()
}

func (h *hostForm) showStatus() {
	defer func() {
		if h.hostOwn {
			h.approveBtn.Hide()
			h.statusLabel.SetText(h.statusLabel.Text + "\n" + lang.X("xsync.host_no_approve",
				"Godkännandet görs av samordnaren eller skolan, inte av värden själv. Skicka in praoplatsen så godkänner de den."))
		}
	}()
	h.statusLabel.SetText(lang.X("hostform.status", "Status: {{.Status}}", map[string]string{"Status": offerStatusText(h.offer.Status)}))
	switch h.offer.Status {
	case data.OfferApproved:
		h.approveBtn.Disable()
		h.submitBtn.Disable()
		h.draftBtn.Enable()
	case data.OfferSubmitted:
		h.approveBtn.Enable()
		h.submitBtn.Disable()
		h.draftBtn.Enable()
	default:
		h.approveBtn.Enable()
		h.submitBtn.Enable()
		h.draftBtn.Disable()
	}
}

// onChanged runs the live checks after the host typed or ticked something.
func (h *hostForm) onChanged() {
	if h.filling {
		return
	}
	h.saved.SetText("")
	h.check()
}

// collected is the form read into an offer, with what could not be read.
type collected struct {
	offer    data.Offer
	period   *data.Period
	fieldErr map[string]string // field → message: typing the UI itself checks
	dayErr   map[int]string    // day row → message
}

// collect reads the fields into an offer based on the saved one.
func (h *hostForm) collect() collected {
	c := collected{offer: h.offer, fieldErr: map[string]string{}, dayErr: map[int]string{}}
	o := &c.offer
	o.HostID = h.company.ID
	o.Title = strings.TrimSpace(h.title.Text)
	o.Description = h.description.Text
	o.VisitingAddress = strings.TrimSpace(h.address.Text)
	c.period = h.selectedPeriod()
	o.PeriodID = ""
	if c.period != nil {
		o.PeriodID = c.period.ID
	}
	o.SupervisorID = h.selectedSupervisor()
	num := func(e *widget.Entry, field string) int {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return 0
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			c.fieldErr[field] = lang.X("hostform.bad_number", "Skriv ett heltal, t.ex. 2.")
		}
		return n
	}
	o.Capacity = num(h.capacity, "capacity")
	o.MinAge = num(h.minAge, "min_age")
	o.Days = nil
	week := c.period != nil && c.period.Format == data.FormatWeek
	for i, r := range h.days {
		d := data.OfferDay{ID: r.id}
		var bad []string
		var err error
		if d.Date, err = data.ParseDate(r.date.Entry.Text); err != nil || d.Date.IsZero() {
			bad = append(bad, lang.X("companies.bad_date", "Skriv datumet som 2026-11-09."))
		}
		if d.Start, err = data.ParseClock(r.start.Text); err != nil {
			bad = append(bad, lang.X("hostform.bad_start", "Skriv starttiden som 08:00."))
		}
		if d.End, err = data.ParseClock(r.end.Text); err != nil {
			bad = append(bad, lang.X("hostform.bad_end", "Skriv sluttiden som 15:00."))
		}
		if t := strings.TrimSpace(r.brk.Text); t != "" {
			if d.BreakMinutes, err = strconv.Atoi(t); err != nil || d.BreakMinutes < 0 {
				bad = append(bad, lang.X("hostform.bad_break", "Skriv rasten i minuter, t.ex. 45."))
			}
		}
		d.Activities = r.activities.Text
		if week {
			if msg := h.collectBlock(r, &d); msg != "" {
				bad = append(bad, msg)
			}
		}
		if len(bad) > 0 {
			c.dayErr[i] = strings.Join(bad, " ")
		}
		o.Days = append(o.Days, d)
	}
	o.RoleModelIDs = append([]string(nil), h.meetOrder...)
	o.WhatToBring, o.TravelInfo, o.LunchInfo = h.bring.Text, h.travel.Text, h.lunch.Text
	o.Safety = data.Safety{RiskAssessment: h.risk.Checked, ProtectiveGear: h.gear.Checked, Introduction: h.intro.Checked,
		SupervisorAdult: h.adult.Checked, EmergencyRoutine: h.emergency.Checked}
	return c
}

// violationText is a broken rule in the rule's words, with its date.
func violationText(v data.Violation) string {
	msg := lang.X(v.Key, v.Text, v.Data)
	if v.Day >= 0 && !v.Date.IsZero() {
		return data.FormatDate(v.Date) + ": " + msg
	}
	return msg
}

// check runs the working-time rules and the required fields on what the
// form holds now, and shows each broken rule beside its day.
func (h *hostForm) check() ([]data.Violation, []data.FieldError, collected) {
	before := h.shownSignature()
	c := h.collect()
	vs, missing := data.ApprovalProblems(c.offer, c.period)
	perDay := map[int][]string{}
	var whole []string
	week := c.period != nil && c.period.Format == data.FormatWeek
	for _, v := range vs {
		if v.Day >= 0 {
			if _, bad := c.dayErr[v.Day]; !bad {
				msg := lang.X(v.Key, v.Text, v.Data)
				if week { // a week's block names the rule it breaks
					msg = ruleName(v.Rule) + ": " + msg
				}
				perDay[v.Day] = append(perDay[v.Day], msg)
			}
		} else {
			whole = append(whole, lang.X(v.Key, v.Text, v.Data))
		}
	}
	for i, r := range h.days {
		msgs := perDay[i]
		if e, bad := c.dayErr[i]; bad {
			msgs = []string{e}
		}
		widgets.ShowErr(r.warn, strings.Join(msgs, "\n"))
		d := c.offer.Days[i]
		var info []string
		if !d.Date.IsZero() {
			info = append(info, hostWeekday(d.Date.Weekday())+" v. "+strconv.Itoa(data.ISOWeek(d.Date)))
		}
		if _, bad := c.dayErr[i]; !bad {
			info = append(info, lang.X("hostform.work_hours", "{{.Hours}} h arbete", map[string]string{"Hours": hostHours(d.WorkMinutes())}))
		}
		r.info.SetText(strings.Join(info, " · "))
	}
	widgets.ShowErr(h.errs["supervisor_adult"], strings.Join(whole, "\n"))
	widgets.ShowErr(h.adultErr2, strings.Join(whole, "\n"))

	// Fields the UI reads itself, always; empty required ones after an approval attempt.
	for _, k := range []string{"title", "visiting_address", "period", "supervisor", "capacity", "min_age", "days",
		"safety_risk_assessment", "safety_protective_gear", "safety_introduction", "safety_emergency_routine"} {
		widgets.ShowErr(h.errs[k], c.fieldErr[k])
	}
	if h.showMissing {
		for _, f := range missing {
			if l, ok := h.errs[f.Field]; ok && c.fieldErr[f.Field] == "" {
				widgets.ShowErr(l, widgets.FieldMessage(f))
			}
		}
		if c.period == nil {
			widgets.ShowErr(h.errs["period"], lang.X("err.required", "Måste fyllas i."))
		}
	}

	h.keepSafetyLines()
	h.updateLiveRefusal(vs, missing, c)
	defer func() {
		// Laid out again only when a message came, went or changed: found
		// by use, typing in a day's activities took half a second a key,
		// each key refreshing every field of the form.
		if h.shownSignature() != before {
			h.relayout()
		}
	}()
	broken := len(vs)
	switch {
	case broken == 0 && len(missing) == 0 && len(c.fieldErr) == 0 && len(c.dayErr) == 0:
		h.summary.Importance = widget.SuccessImportance
		h.summary.SetText(lang.X("hostform.summary_ok", "Alla regler för arbetstid följs och allt som behövs är ifyllt."))
	default:
		h.summary.Importance = widget.WarningImportance
		h.summary.SetText(summaryText(vs, missing, c))
	}
	return vs, missing, c
}

// summaryText says what stands between the form and an approval: the
// number of broken rules (only when there are any) and which fields are
// missing or wrong, by name, so that the host knows where to go before
// pressing Godkänn.
func summaryText(vs []data.Violation, missing []data.FieldError, c collected) string {
	broken := len(vs)
	var fields []string
	for _, f := range missing {
		fields = append(fields, f.Field)
	}
	fields = append(fields, slices.Sorted(maps.Keys(c.fieldErr))...)
	if len(c.dayErr) > 0 {
		fields = append(fields, "days")
	}
	// Named in the order of the form's pages, each name once (the four
	// safety boxes are one "Säkerhet").
	slices.SortStableFunc(fields, func(a, b string) int { return cmp.Compare(hostFieldStep(a), hostFieldStep(b)) })
	var names []string
	for _, f := range fields {
		if n := hostFieldName(f); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	rules := uikit.Plural(broken, "hostform.rules.one", "{{.N}} regelbrott", "hostform.rules.other", "{{.N}} regelbrott", nil)
	if broken > 0 {
		// The first broken rule in its words (found by use: "1 regelbrott"
		// alone sent the host looking through seven pages).
		rules += " – " + strings.TrimSuffix(violationText(vs[0]), ".")
		if broken > 1 {
			rules += " …"
		}
	}
	list := strings.Join(names, ", ")
	switch {
	case len(names) == 0:
		return lang.X("hostform.summary_rules", "Innan praoplatsen kan godkännas: {{.Rules}}.", map[string]string{"Rules": rules})
	case broken == 0:
		return lang.X("hostform.summary_fields", "Innan praoplatsen kan godkännas saknas eller är fel: {{.Fields}}.", map[string]string{"Fields": list})
	}
	return lang.X("hostform.summary_both", "Innan praoplatsen kan godkännas: {{.Rules}}; saknas eller är fel: {{.Fields}}.",
		map[string]string{"Rules": rules, "Fields": list})
}

// setRefusal shows why the offer was not saved or approved ("" hides it).
// Such a refusal stays as it is until the next save; setLiveRefusal's
// follows the form.
func (h *hostForm) setRefusal(text string) {
	h.refusalLive, h.refusalHeading = refusalNone, ""
	widgets.ShowErr(h.refusal, text)
	h.relayout()
}

// shownSignature is what the form's messages show: each one's text and
// whether it is visible. check lays the form out again when it changed.
func (h *hostForm) shownSignature() string {
	var b strings.Builder
	add := func(l *widget.Label) {
		if l == nil {
			return
		}
		if l.Visible() {
			b.WriteString("1")
		} else {
			b.WriteString("0")
		}
		b.WriteString(l.Text)
		b.WriteByte(0)
	}
	for _, k := range slices.Sorted(maps.Keys(h.errs)) {
		add(h.errs[k])
	}
	for _, r := range h.days {
		add(r.warn)
		add(r.info)
	}
	add(h.adultErr2)
	add(h.summary)
	add(h.refusal)
	return b.String()
}

// relayout lays the page and the bottom out again after labels beside the
// fields appeared, vanished or changed their number of lines.
func (h *hostForm) relayout() {
	if h.root == nil {
		return
	}
	h.relayouts++
	h.pages[h.step].Refresh()
	h.root.Refresh()
}

// coMaxHeight caps the height of its one object (a scroll container).
type coMaxHeight struct{ max float32 }

func (l coMaxHeight) MinSize(o []fyne.CanvasObject) fyne.Size {
	if !o[0].Visible() {
		return fyne.Size{}
	}
	in := o[0].(*container.Scroll).Content
	if !in.Visible() {
		return fyne.Size{}
	}
	s := in.MinSize()
	if s.Height > l.max {
		s.Height = l.max
	}
	return s
}

func (l coMaxHeight) Layout(o []fyne.CanvasObject, s fyne.Size) {
	o[0].Move(fyne.NewPos(0, 0))
	o[0].Resize(s)
}

// hostHours writes minutes as hours with a decimal comma: 390 → "6,5".
func hostHours(min int) string {
	s := strconv.FormatFloat(float64(min)/60, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.ReplaceAll(s, ".", ",")
}

// save stores the form as it is, keeping the status; it reports success.
func (h *hostForm) save() bool {
	h.setRefusal("")
	_, _, c := h.check()
	if len(c.fieldErr) > 0 || len(c.dayErr) > 0 {
		h.setRefusal(lang.X("hostform.fix_fields", "Rätta de markerade fälten först."))
		h.refusalLive = refusalFields
		h.gotoFirstProblem(c.fieldErr, c.dayErr, nil)
		return false
	}
	o := c.offer
	isNew := o.ID == ""
	err := h.screen.main.Store().SaveOffer(context.Background(), &o)
	if err != nil {
		var ve *data.ValidationError
		var ae *data.ApprovalError
		switch {
		case errors.As(err, &ve):
			fields := map[string]string{}
			for _, f := range ve.Fields {
				if l, ok := h.errs[f.Field]; ok {
					widgets.ShowErr(l, widgets.FieldMessage(f))
				}
				fields[f.Field] = widgets.FieldMessage(f)
			}
			h.setRefusal(h.problemText(nil, ve.Fields, lang.X("hostform.not_saved", "Inte sparat:")))
			h.gotoFirstProblem(fields, nil, nil)
		case errors.As(err, &ae):
			h.setLiveRefusal(ae.Violations, ae.Missing,
				lang.X("hostform.approved_not_saved", "Inte sparat: en godkänd praoplats måste följa reglerna. Välj Tillbaka till utkast för att spara ändringen."))
		default:
			dialog.ShowError(err, h.screen.main.Window())
		}
		return false
	}
	h.offer = o
	for i, r := range h.days { // new blocks got their keys: keep them for the next save
		if i < len(o.Days) {
			r.id = o.Days[i].ID
		}
	}
	h.ensureSupervisorRole(o.SupervisorID)
	if !h.ra.save(h.screen.main.Store(), o.ID, h.screen.main.Now()) {
		return false
	}
	h.saved.SetText(lang.X("companies.saved", "Sparat."))
	h.shown = h.state()
	h.showStatus()
	if isNew { // the list beside counts the host's offers
		h.screen.refreshList()
	}
	return true
}

// ensureSupervisorRole gives the chosen supervisor the supervisor role.
func (h *hostForm) ensureSupervisorRole(id string) {
	if id == "" {
		return
	}
	for i, p := range h.people {
		if p.ID == id && !p.HasRole(data.RoleSupervisor) {
			p.Roles = append(p.Roles, data.RoleSupervisor)
			if err := h.screen.main.Store().SavePerson(context.Background(), &p); err == nil {
				h.people[i] = p
			}
		}
	}
}

// problemText lists violations and missing fields under a heading.
func (h *hostForm) problemText(vs []data.Violation, missing []data.FieldError, heading string) string {
	lines := []string{heading}
	for _, v := range vs {
		lines = append(lines, "• "+violationText(v))
	}
	for _, f := range missing {
		lines = append(lines, "• "+hostFieldName(f.Field)+": "+widgets.FieldMessage(f))
	}
	return strings.Join(lines, "\n")
}

func (h *hostForm) gotoFirstProblem(fields map[string]string, days map[int]string, vs []data.Violation) {
	step := hostSteps
	for f := range fields {
		if s := hostFieldStep(f); s < step {
			step = s
		}
	}
	if len(days) > 0 && step > 3 {
		step = 3
	}
	for _, v := range vs {
		s := 3
		if v.Day < 0 {
			s = 1
		}
		if s < step {
			step = s
		}
	}
	if step < hostSteps && step != h.step {
		h.showStep(step)
	}
}

func (h *hostForm) onSubmit() {
	if !h.save() {
		return
	}
	h.setStatus(data.OfferSubmitted)
}

func (h *hostForm) onToDraft() {
	was := h.offer.Status
	h.offer.Status = data.OfferDraft
	if !h.save() {
		h.offer.Status = was
		return
	}
	h.showStatus()
}

// onApprove saves the form and asks the Store to approve it; a refusal lists
// every broken rule and every empty required field.
func (h *hostForm) onApprove() {
	if h.hostOwn {
		return // not the host's to do; the button is hidden
	}
	h.showMissing = true
	if !h.save() {
		return
	}
	h.setStatus(data.OfferApproved)
}

func (h *hostForm) setStatus(st data.OfferStatus) {
	err := h.screen.main.Store().SetOfferStatus(context.Background(), h.offer.ID, st)
	var ae *data.ApprovalError
	switch {
	case errors.As(err, &ae):
		h.saved.SetText("")
		h.setLiveRefusal(ae.Violations, ae.Missing, lang.X("hostform.refused", "Praoplatsen kan inte godkännas än:"))
		fields := map[string]string{}
		for _, f := range ae.Missing {
			fields[f.Field] = f.Text
		}
		h.check()
		h.gotoFirstProblem(fields, nil, ae.Violations)
	case err != nil:
		dialog.ShowError(err, h.screen.main.Window())
	default:
		clean := !h.dirty()
		h.offer.Status = st
		if clean { // the status is saved; the fields are as they were
			h.shown = h.state()
		}
		h.setRefusal("")
		h.saved.SetText(offerStatusText(st))
		h.showStatus()
	}
}

// saveThenFile saves the host form and opens the export dialog for its
// company, so the file holds what is on the screen.
func (h *hostForm) saveThenFile() {
	if h.save() {
		h.screen.main.ShowHostFormFile(h.company.ID)
	}
}
