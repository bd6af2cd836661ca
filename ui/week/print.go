package week

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/reports"
	"techniqual/ui/widgets"
)

// weekDoc is one of the week's documents as Skriv ut offers it.
type weekDoc struct {
	kind      reports.WeekKind
	key, sv   string
	hint, hsv string
}

var weekDocs = []weekDoc{
	{reports.KindWeekSchedules, "wk.doc_schedules", "Veckoscheman", "wk.doc_schedules_hint", "En sida per elev: dagarna, värdarna, tider, förebilder och avslutningen."},
	{reports.KindTeamSheets, "wk.doc_teams", "Teamblad", "wk.doc_teams_hint", "Ett blad per team med elever och rutt."},
	{reports.KindHostRunsheets, "wk.doc_runsheets", "Körschema för värdar", "wk.doc_runsheets_hint", "Vilket team som kommer vilket block, förnamn och klass."},
	{reports.KindWeekAttendance, "wk.doc_attendance", "Närvarolistor", "wk.doc_attendance_hint", "En lista per block och team; handledaren skriver under."},
	{reports.KindWeekCertificates, "wk.doc_certificates", "Intyg", "wk.doc_certificates_hint", "Varje värd eleven besökte och avslutningen."},
	{reports.KindHostFeedback, "wk.doc_feedback", "Återkoppling till värdar", "wk.doc_feedback_hint", "Elevernas omdömen per värd, små grupper dolda."},
}

// printTab is Skriv ut: the week's documents and calendars, printed by the
// shell with the operations package.
type printTab struct {
	s       *Screen
	content fyne.CanvasObject

	buttons []*widget.Button
	note    *widget.Label
	team    *widget.Select
	// host chooses the host of a host calendar by typing a few letters of
	// its name (Enter takes the first found).
	host     *widgets.SearchPicker
	pupilCal *widget.Button
	teamCal  *widget.Button
	hostCal  *widget.Button
}

func newPrintTab(s *Screen) *printTab {
	t := &printTab{s: s}
	t.note = widgets.WrapLabel("")
	grid := container.NewGridWithColumns(2)
	for _, d := range weekDocs {
		b := widget.NewButtonWithIcon(lang.X(d.key, d.sv), theme.DocumentPrintIcon(), func() {
			if id := s.periodID(); id != "" {
				s.main.PrintWeek(id, d.kind)
			}
		})
		t.buttons = append(t.buttons, b)
		hint := widget.NewLabel(lang.X(d.hint, d.hsv))
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		grid.Add(container.NewVBox(b, hint))
	}
	t.team = widgets.NewSelect(nil, nil)
	t.host = widgets.NewSearchPicker(lang.X("wk.host_search", "Sök värd"), func(string) {})
	t.pupilCal = widget.NewButtonWithIcon(lang.X("wk.cal_pupils", "Elevernas kalendrar"), theme.CalendarIcon(), func() {
		if id := s.periodID(); id != "" {
			s.main.SaveWeekCalendar(id, "pupils", "")
		}
	})
	t.teamCal = widget.NewButtonWithIcon(lang.X("wk.cal_team", "Teamets kalender"), theme.CalendarIcon(), func() {
		if id := s.periodID(); id != "" && t.team.Selected != "" {
			s.main.SaveWeekCalendar(id, "team", t.team.Selected)
		}
	})
	t.hostCal = widget.NewButtonWithIcon(lang.X("wk.cal_host", "Värdens kalender"), theme.CalendarIcon(), func() {
		if id := t.host.Selected(); s.periodID() != "" && id != "" {
			s.main.SaveWeekCalendar(s.periodID(), "host", id)
		}
	})
	cals := widgets.FormGrid(
		widgets.Field(lang.X("wk.cal_all", "Alla elever"), container.NewHBox(t.pupilCal), nil),
		widgets.Field(lang.X("wk.cal_a_team", "Ett team"), container.NewBorder(nil, nil, nil, t.teamCal, t.team), nil),
		widgets.Field(lang.X("wk.cal_a_host", "En värd"), container.NewBorder(nil, nil, nil, t.hostCal, t.host.Content), nil),
	)
	t.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		t.note,
		widget.NewCard(lang.X("wk.documents", "Dokument (PDF)"), lang.X("wk.documents_sub", "Veckans sparade plan skrivs ut. Du väljer var filen sparas."), grid),
		widget.NewCard(lang.X("wk.calendars", "Kalendrar (.ics)"), "", cals))))
	return t
}

// show offers the saved plan's teams and the week's hosts.
func (t *printTab) show() {
	w := t.s.w
	var teams []string
	var hosts []widgets.PickItem
	saved := false
	if w != nil {
		for _, tm := range w.saved.teams {
			teams = append(teams, tm.name)
		}
		saved = len(w.saved.teams) > 0
		seen := map[string]bool{}
		for _, b := range w.blocks {
			if !seen[b.HostID] {
				seen[b.HostID] = true
				hosts = append(hosts, widgets.PickItem{ID: b.HostID, Text: b.HostName})
			}
		}
	}
	t.team.Options = teams
	t.team.ClearSelected()
	widgets.SortPickItems(hosts)
	t.host.SetItems(hosts, "")
	t.note.Hide()
	if saved {
		t.note.SetText("")
		if t.s.draft != nil && w != nil {
			if p, tm := changes(w.saved, t.s.draft); p+tm > 0 {
				t.note.Show()
				t.note.SetText(lang.X("wk.print_unsaved", "Planen har ändringar som inte är sparade; utskrifterna visar den sparade planen. Tryck Godkänn under Team och rutter först."))
			}
		}
	} else {
		t.note.Show()
		t.note.SetText(lang.X("wk.print_no_plan", "Veckan har ingen sparad plan än. Planera och godkänn under Team och rutter först."))
	}
	for _, b := range append(t.buttons, t.pupilCal, t.teamCal, t.hostCal) {
		if saved {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
