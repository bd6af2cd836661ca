package widgets

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
)

// Checklist shows a period's "Att göra" (data.Store.PeriodChecklist): one
// line a step with its state, what it stands at or waits for, and a button
// that opens the place to do it. Översikt and Praoperioder both show it.
type Checklist struct {
	// OnOpen is called with the step whose button was tapped.
	OnOpen func(data.ChecklistStep)

	heading *widget.Label
	rows    *fyne.Container
	content fyne.CanvasObject
	steps   []data.ChecklistStep
	buttons []*widget.Button
	text    string
}

// NewChecklist makes an empty checklist; Set fills it.
func NewChecklist(onOpen func(data.ChecklistStep)) *Checklist {
	c := &Checklist{OnOpen: onOpen}
	c.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.heading.Wrapping = fyne.TextWrapWord
	c.rows = container.NewVBox()
	c.content = container.NewVBox(c.heading, c.rows)
	return c
}

// Content is the checklist's root object.
func (c *Checklist) Content() fyne.CanvasObject { return c.content }

// Steps are the steps shown now.
func (c *Checklist) Steps() []data.ChecklistStep { return c.steps }

// Button is the button of the step with that id (nil when not shown).
func (c *Checklist) Button(id string) *widget.Button {
	for i, s := range c.steps {
		if s.ID == id {
			return c.buttons[i]
		}
	}
	return nil
}

// Set shows the steps of period p.
func (c *Checklist) Set(p data.Period, steps []data.ChecklistStep) {
	c.steps, c.buttons = steps, nil
	done := 0
	byID := map[string]data.ChecklistStep{}
	for _, s := range steps {
		byID[s.ID] = s
		if s.State == data.StepDone {
			done++
		}
	}
	c.heading.SetText(lang.X("way.checklist.heading", "Att göra – {{.Period}}: {{.Done}} av {{.Steps}} steg klara",
		map[string]string{"Period": p.Name, "Done": strconv.Itoa(done), "Steps": strconv.Itoa(len(steps))}))
	var objs []fyne.CanvasObject
	var lines []string
	for _, s := range steps {
		title, detail := StepTitle(s, p), StepDetail(s, p, byID)
		lines = append(lines, title+": "+detail)
		titleLabel := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		detailLabel := WrapLabel(detail)
		switch s.State {
		case data.StepWarn:
			detailLabel.Importance = widget.WarningImportance
		case data.StepBlocked, data.StepWaiting:
			detailLabel.Importance = widget.LowImportance
		}
		// Title and detail close together: the labels' own padding is enough.
		text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), titleLabel, detailLabel)
		step := s
		btn := widget.NewButton(stepAction(s, p), func() {
			if c.OnOpen != nil {
				c.OnOpen(step)
			}
		})
		if s.State == data.StepTodo || s.State == data.StepWarn {
			btn.Importance = widget.HighImportance
		}
		c.buttons = append(c.buttons, btn)
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(stateIcon(s.State)), container.NewCenter(btn), text))
	}
	c.rows.Objects = objs
	c.rows.Refresh()
	c.text = c.heading.Text + "\n" + strings.Join(lines, "\n")
}

// Text is everything the checklist says, one line a step ("title:
// detail") under its heading.
func (c *Checklist) Text() string { return c.text }

// stateIcon is the mark before a step: a tick, a warning, an open circle,
// a clock (waiting for the calendar) or a pause (waiting for a step).
func stateIcon(st data.StepState) fyne.Resource {
	switch st {
	case data.StepDone:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case data.StepWarn:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	case data.StepWaiting:
		return theme.NewDisabledResource(theme.HistoryIcon())
	case data.StepBlocked:
		return theme.NewDisabledResource(theme.MediaPauseIcon())
	}
	return theme.NewPrimaryThemedResource(theme.RadioButtonIcon())
}

// StepTitle names a step in the window's language.
func StepTitle(s data.ChecklistStep, p data.Period) string {
	week := p.Format == data.FormatWeek
	switch s.ID {
	case data.StepClassLists:
		return lang.X("way.step.classlists", "Klasslistor inlästa")
	case data.StepGender:
		return lang.X("way.step.gender", "Elevernas kön angivet")
	case data.StepMunicipality:
		return lang.X("way.step.municipality", "Skolornas kommun angiven")
	case data.StepSchoolContacts:
		return lang.X("way.step.school_contacts", "Skolans kontakt med telefonnummer")
	case data.StepOffers:
		return lang.X("way.step.offers", "Praoplatser godkända")
	case data.StepHostGroups:
		return lang.X("way.step.host_groups", "Värdgrupper bildade")
	case data.StepChoices:
		if week {
			return lang.X("way.step.group_choices", "Önskemål om värdgrupp insamlade")
		}
		return lang.X("way.step.choices", "Önskemål insamlade")
	case data.StepMatching:
		return lang.X("way.step.matching", "Matchning körd och godkänd")
	case data.StepTeams:
		return lang.X("way.step.teams", "Team och rutter planerade")
	case data.StepDocuments:
		return lang.X("way.step.documents", "Scheman och värdbekräftelser utskrivna")
	case data.StepAttendance:
		return lang.X("way.step.attendance", "Närvaro registrerad")
	case data.StepCertificates:
		return lang.X("way.step.certificates", "Praointyg utskrivna")
	case data.StepEvaluations:
		if week {
			return lang.X("way.step.feedback", "Återkoppling insamlad")
		}
		return lang.X("way.step.evaluations", "Utvärderingar insamlade")
	}
	return s.ID
}

// docKindName names a document kind of the documents step.
func docKindName(kind string) string {
	switch kind {
	case "schedules":
		return lang.X("way.doc.schedules", "praoscheman")
	case "hosts":
		return lang.X("way.doc.hosts", "värdbekräftelser")
	case "attendance":
		return lang.X("way.doc.attendance", "närvarokort")
	case "week-schedules":
		return lang.X("way.doc.week_schedules", "veckoscheman")
	case "team-sheets":
		return lang.X("way.doc.team_sheets", "teamblad")
	case "host-runsheets":
		return lang.X("way.doc.host_runsheets", "värdarnas körscheman")
	}
	return kind
}

// StepDetail says where a step stands, or what it waits for.
func StepDetail(s data.ChecklistStep, p data.Period, byID map[string]data.ChecklistStep) string {
	n := func(v int) string { return strconv.Itoa(v) }
	names := strings.Join(s.Names, ", ")
	week := p.Format == data.FormatWeek
	if s.State == data.StepBlocked && s.BlockedBy != "" && !(s.ID == data.StepCertificates && s.BlockedBy == data.StepAttendance) {
		return lang.X("way.blocked", "Väntar på: {{.Step}}", map[string]string{"Step": StepTitle(byID[s.BlockedBy], p)})
	}
	switch s.ID {
	case data.StepClassLists:
		if s.Total == 0 {
			return lang.X("way.detail.no_schools", "Inga skolor är valda för perioden. Välj dem under Praoperioder.")
		}
		d := lang.X("way.detail.classlists", "{{.Done}} av {{.Total}} skolor har elever i åk {{.Grade}} ({{.Pupils}} elever).",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total), "Grade": n(p.Grade), "Pupils": n(s.Extra)})
		if names != "" {
			d += " " + lang.X("way.detail.missing", "Saknas: {{.Names}}.", map[string]string{"Names": names})
		}
		return d
	case data.StepGender:
		if s.Extra == 0 {
			return lang.X("way.detail.gender_ok", "Alla {{.Total}} elever har kön angivet.", map[string]string{"Total": n(s.Total)})
		}
		return lang.X("way.detail.gender", "{{.Missing}} av {{.Total}} elever saknar kön; statistiken och blandade grupper behöver det.",
			map[string]string{"Missing": n(s.Extra), "Total": n(s.Total)})
	case data.StepMunicipality:
		if s.Total == 0 {
			return lang.X("way.detail.no_schools", "Inga skolor är valda för perioden. Välj dem under Praoperioder.")
		}
		if s.Extra == 0 {
			return lang.X("way.detail.municipality_ok", "Alla skolor har kommun.")
		}
		return lang.X("way.detail.municipality", "{{.Missing}} av {{.Total}} skolor saknar kommun (statistiken per kommun): {{.Names}}.",
			map[string]string{"Missing": n(s.Extra), "Total": n(s.Total), "Names": names})
	case data.StepSchoolContacts:
		if s.Total == 0 {
			return lang.X("way.detail.no_schools", "Inga skolor är valda för perioden. Välj dem under Praoperioder.")
		}
		if s.Extra == 0 {
			return lang.X("way.detail.contacts_ok", "Varje skola har en studie- och yrkesvägledare med telefonnummer.")
		}
		return lang.X("way.detail.contacts",
			"{{.Missing}} av {{.Total}} skolor saknar studie- och yrkesvägledare med telefonnummer: {{.Names}}. Värdbekräftelsen får då en tom ”Skolans kontakt” och schemat säger ”Ring skolan” utan nummer.",
			map[string]string{"Missing": n(s.Extra), "Total": n(s.Total), "Names": names})
	case data.StepOffers:
		if week {
			return lang.X("way.detail.offers_week", "{{.Done}} av {{.Total}} praoplatser godkända.",
				map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
		}
		return lang.X("way.detail.offers", "{{.Done}} av {{.Total}} praoplatser godkända · {{.Seats}} platser för {{.Pupils}} elever.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total), "Seats": n(s.Extra), "Pupils": n(byID[data.StepClassLists].Extra)})
	case data.StepHostGroups:
		return lang.X("way.detail.host_groups", "{{.Done}} av {{.Total}} godkända praoplatser ingår i en värdgrupp ({{.Groups}} grupper).",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total), "Groups": n(s.Extra)})
	case data.StepChoices:
		if week {
			return lang.X("way.detail.group_choices", "{{.Done}} av {{.Total}} elever har önskat värdgrupp (frivilligt).",
				map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
		}
		return lang.X("way.detail.choices", "{{.Done}} av {{.Total}} elever har lämnat önskemål.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
	case data.StepMatching:
		return lang.X("way.detail.matching", "{{.Done}} av {{.Total}} elever placerade.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
	case data.StepTeams:
		return lang.X("way.detail.teams", "{{.Done}} av {{.Total}} elever i {{.Teams}} team.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total), "Teams": n(s.Extra)})
	case data.StepDocuments:
		if len(s.Names) == 0 {
			return lang.X("way.detail.documents_ok", "Allt är utskrivet.")
		}
		var kinds []string
		for _, k := range s.Names {
			kinds = append(kinds, docKindName(k))
		}
		return lang.X("way.detail.documents", "{{.Done}} av {{.Total}} utskrivna; kvar: {{.Kinds}}.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total), "Kinds": strings.Join(kinds, ", ")})
	case data.StepAttendance:
		if s.State == data.StepWaiting {
			return lang.X("way.detail.not_started", "Perioden börjar {{.Start}}.", map[string]string{"Start": data.FormatDate(p.Start)})
		}
		if week {
			return lang.X("way.detail.attendance_week", "{{.Done}} av {{.Total}} elevpass hittills registrerade.",
				map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
		}
		return lang.X("way.detail.attendance", "{{.Done}} av {{.Total}} elevdagar hittills registrerade.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
	case data.StepCertificates:
		switch {
		case s.State == data.StepWaiting:
			return lang.X("way.detail.cert_wait", "Skrivs ut när perioden är slut, efter {{.End}}.", map[string]string{"End": data.FormatDate(p.End)})
		case s.State == data.StepDone:
			return lang.X("way.detail.cert_done", "Utskrivna.")
		case s.Extra > 0:
			return lang.X("way.detail.cert_unrecorded", "Registrera närvaron först: {{.N}} dagar (block) saknar närvaro och skulle räknas som frånvaro.",
				map[string]string{"N": n(s.Extra)})
		}
		return lang.X("way.detail.cert_todo", "Perioden är slut och närvaron registrerad: intygen kan skrivas ut.")
	case data.StepEvaluations:
		if s.State == data.StepWaiting {
			return lang.X("way.detail.not_started", "Perioden börjar {{.Start}}.", map[string]string{"Start": data.FormatDate(p.Start)})
		}
		return lang.X("way.detail.evaluations", "{{.Done}} av {{.Total}} elever har svarat.",
			map[string]string{"Done": n(s.Done), "Total": n(s.Total)})
	}
	return ""
}

// stepAction is the text of a step's button: what it opens.
func stepAction(s data.ChecklistStep, p data.Period) string {
	if s.ID == data.StepClassLists && s.Target == "pupils" {
		return lang.X("way.action.import_classlist", "Importera klasslista …")
	}
	switch s.Target {
	case "periods":
		return lang.X("way.action.periods", "Öppna Praoperioder")
	case "pupils":
		return lang.X("way.action.pupils", "Öppna Elever")
	case "companies":
		return lang.X("way.action.companies", "Öppna Företag")
	case "contacts":
		return lang.X("way.action.contacts", "Öppna Kontakter")
	case "matching":
		return lang.X("way.action.matching", "Öppna Matchning")
	case "week":
		return lang.X("way.action.week", "Öppna Teknikprao")
	case "printing":
		return lang.X("way.action.printing", "Öppna Utskrifter")
	case "attendance":
		return lang.X("way.action.attendance", "Öppna Närvaro")
	case "evaluations":
		return lang.X("way.action.evaluations", "Öppna Utvärderingar")
	}
	return lang.X("way.action.open", "Öppna")
}

// SchoolToFix is the school a step over the period's schools names first
// (its municipality, or a counsellor with a phone number, missing), for
// Företag to find and open; false for any other step. Found by use: the
// contacts' line led to Kontakter, where no contact can be added.
func SchoolToFix(s data.ChecklistStep) (string, bool) {
	if (s.ID != data.StepMunicipality && s.ID != data.StepSchoolContacts) || s.Target != "companies" || len(s.Names) == 0 {
		return "", false
	}
	return s.Names[0], true
}

// PrintKind is the document Utskrifter should open with for a step whose
// place is there: the first kind not yet printed, or certificates; false
// for any other step.
func PrintKind(s data.ChecklistStep) (reports.Kind, bool) {
	if s.Target != "printing" {
		return "", false
	}
	if s.ID == data.StepCertificates {
		return reports.KindCertificates, true
	}
	for _, k := range s.Names {
		if kind := reports.Kind(k); kind.Valid() {
			return kind, true
		}
	}
	return reports.KindSchedules, true
}
