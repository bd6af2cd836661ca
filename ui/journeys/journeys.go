// Package journeys is the *Jämställdhetsresor* screen, the coordinator's
// view of the members' equality journeys (issue 18): the members by how far
// they have come, how many stand at each step in each area, the network's
// key figures over the years, the anonymous benchmark, and who meets whom
// at a network event. From here a member's journey is edited and its
// report, the journey book and an event's table plan are printed.
package journeys

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/peers"
	"techniqual/data/stats"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// Shell is what the screen needs from the window.
type Shell interface {
	uikit.Base
}

// Screen is *Jämställdhetsresor*.
type Screen struct {
	main Shell
	root fyne.CanvasObject

	year   *widget.Select
	years  []int
	status *widget.Label

	j       *stats.Journeys
	members []stats.JourneyMember // of the chosen year, furthest first
	// steps counts, per area and step, the members with it in place and
	// under way: counted once when a year is shown, not at every cell.
	steps     map[stepKey][2]int
	events    []data.Event // the chosen year's network events, newest first
	allEvents []data.Event // every network event, newest first
	// stories counts each member's steps under Företag och praoplatser
	// (its stories): a member with steps and no yearly figures has begun.
	stories map[string]int
	pairWhy *widget.Label // the selected table's whole reason
	noEvent *widget.Label // the hint when the year has no network event
	plan    *peers.EventPlan

	memberTable, stepTable, networkTable, benchTable, pairsTable *widget.Table
	selected                                                     int // selected member row, -1 for none
	scope                                                        *widget.Select
	scopes                                                       []stats.BenchmarkScope
	event                                                        *widget.Select
	editBtn, reportBtn, bookBtn, tablesBtn                       *widget.Button
	tabs                                                         *container.AppTabs

	// loaded is closed when the latest load has landed (tests wait on it).
	loaded chan struct{}
}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, selected: -1}
	title := widget.NewLabelWithStyle(lang.X("jr.nav", "Jämställdhetsresor"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	s.year = widgets.NewSelect(nil, func(string) {
		s.show()
		s.showEvents()
	})
	s.status = widgets.WrapLabel("")
	s.status.Hide()
	about := widgets.WrapLabel(lang.X("jr.about",
		"Medlemmarnas arbete med aktiva åtgärder enligt diskrimineringslagen, deras nyckeltal och vilka som kan dela med sig. Listan över medlemmar syns bara för samordnaren; jämförelsen visar bara grupper med minst fem medlemmar."))
	about.Importance = widget.LowImportance

	s.memberTable = s.newTable(func() (int, int) { return len(s.members) + 1, 6 }, s.memberCell, []float32{280, 130, 120, 80, 150, 100})
	s.memberTable.OnSelected = func(id widget.TableCellID) {
		s.selected = id.Row - 1
		s.sync()
	}
	s.editBtn = widget.NewButtonWithIcon(lang.X("jr.edit", "Redigera resan …"), theme.DocumentCreateIcon(), s.onEdit)
	s.reportBtn = widget.NewButtonWithIcon(lang.X("jr.report", "Resrapport (PDF) …"), theme.DocumentPrintIcon(), s.onReport)
	s.bookBtn = widget.NewButtonWithIcon(lang.X("jr.book", "Resebok (PDF) …"), theme.DocumentPrintIcon(), s.onBook)
	membersTab := container.NewBorder(container.NewHBox(s.editBtn, s.reportBtn, s.bookBtn), nil, nil, nil, s.memberTable)

	s.stepTable = s.newTable(func() (int, int) { return len(data.Areas) + 1, len(data.Steps) + 1 }, s.stepCell, []float32{300, 150, 150, 150, 150})
	s.networkTable = s.newTable(func() (int, int) {
		if s.j == nil {
			return 1, 1
		}
		return len(networkRows) + 1, len(s.j.Years) + 1
	}, s.networkCell, []float32{300, 140, 140, 140})

	s.scope = widgets.NewSelect(nil, func(string) { s.benchTable.Refresh() })
	s.benchTable = s.newTable(func() (int, int) { return len(stats.FigureMetrics) + len(stats.StepMetrics) + 1, 5 }, s.benchCell,
		[]float32{300, 60, 110, 110, 110})
	privacy := widgets.WrapLabel(lang.X("jr.bench_privacy",
		"Median och kvartiler visas bara när minst fem medlemmar bidrar och ingen jämförelse mellan år, storleksklasser och branscher skiljer sig med färre än fem medlemmar."))
	privacy.Importance = widget.LowImportance
	benchTab := container.NewBorder(container.NewVBox(widgets.Labelled(lang.X("jr.scope", "Jämför"), s.scope), privacy), nil, nil, nil, s.benchTable)

	s.event = widgets.NewSelect(nil, func(string) { s.loadPairs() })
	s.pairsTable = s.newTable(func() (int, int) { return len(s.pairRows()) + 1, 4 }, s.pairCell, []float32{60, 260, 260, 300})
	// The reason is long ("Förena förvärvsarbete och föräldraskap: … vill
	// börja, … kan dela"): its column is as wide as its widest cell, and
	// the selected row's reason is written out in full under the table.
	s.pairWhy = widgets.WrapLabel("")
	s.pairsTable.OnSelected = func(id widget.TableCellID) { s.showPairWhy(id.Row - 1) }
	s.noEvent = widgets.WrapLabel("")
	s.noEvent.Importance = widget.LowImportance
	s.noEvent.Hide()
	s.tablesBtn = widget.NewButtonWithIcon(lang.X("jr.tables", "Bordsplacering och lappar (PDF) …"), theme.DocumentPrintIcon(), s.onTables)
	pairsTab := container.NewBorder(container.NewVBox(widgets.Labelled(lang.X("jr.event", "Träff"), s.event), s.noEvent, s.tablesBtn),
		s.pairWhy, nil, nil, s.pairsTable)

	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("jr.tab.members", "Medlemmar"), membersTab),
		container.NewTabItem(lang.X("jr.tab.steps", "Steg per område"), s.stepTable),
		container.NewTabItem(lang.X("jr.tab.network", "Nätverket över åren"), s.networkTable),
		container.NewTabItem(lang.X("jr.tab.benchmark", "Jämförelse"), benchTab),
		container.NewTabItem(lang.X("jr.tab.peers", "Träffar"), pairsTab),
	)
	top := container.NewVBox(title, about, container.NewBorder(nil, nil, widget.NewLabel(lang.X("jr.year", "År")), nil, s.year), s.status)
	s.root = container.NewBorder(top, nil, nil, nil, s.tabs)
	s.sync()
	return s
}

// Content is the screen's root.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

func (s *Screen) newTable(size func() (int, int), cell func(id widget.TableCellID, l *widget.Label), widths []float32) *widget.Table {
	t := widget.NewTable(size,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle = fyne.TextStyle{Bold: id.Row == 0 || id.Col == 0}
			l.SetText("")
			cell(id, l)
		})
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// Reload reads the journeys and the network events off the UI goroutine.
func (s *Screen) Reload() {
	st := s.main.Store()
	done := make(chan struct{})
	s.loaded = done
	s.main.Background(func() func() {
		ctx := context.Background()
		j, err := stats.LoadJourneys(ctx, st)
		var events []data.Event
		stories := map[string]int{}
		if err == nil {
			var es []data.JourneyEntry
			es, err = st.ListJourneyEntries(ctx, "")
			for _, e := range es {
				stories[e.OrganisationID]++
			}
		}
		if err == nil {
			var all []data.Event
			all, err = st.ListEvents(ctx)
			for _, e := range all {
				if e.Kind == data.EventNetwork {
					events = append(events, e)
				}
			}
			sort.SliceStable(events, func(a, b int) bool { return events[a].Start.After(events[b].Start) })
		}
		return func() {
			defer close(done)
			if err != nil {
				s.showStatus(lang.X("jr.load_failed", "Kunde inte läsa resorna: {{.Error}}", map[string]string{"Error": err.Error()}))
				return
			}
			s.status.Hide()
			s.j, s.allEvents, s.stories = j, events, stories
			chosen := s.chosenYear()
			s.years, s.year.Options = nil, nil
			years := j.Years
			if len(years) == 0 && len(j.All) > 0 {
				// Nothing recorded yet: this year, so that the members are
				// listed and one can be chosen to begin with.
				years = []int{s.main.Now().Year()}
			}
			for i := len(years) - 1; i >= 0; i-- {
				s.years = append(s.years, years[i])
				s.year.Options = append(s.year.Options, strconv.Itoa(years[i]))
			}
			if len(j.All) == 0 {
				s.showStatus(lang.X("jr.no_members", "Inga medlemsföretag ännu. Skriv in ”Medlem sedan” för ett företag under Företag och praoplatser, så kommer det med här."))
			} else if len(j.Years) == 0 {
				begun := 0
				for _, o := range j.All {
					if stories[o.ID] > 0 {
						begun++
					}
				}
				if begun > 0 {
					// Found by use: a member with steps under Företag was
					// told nobody had a journey.
					s.showStatus(lang.X("jr.only_stories_status", "{{.N}} av {{.All}} medlemmar har steg under Företag och praoplatser, men ingen har ännu nyckeltal eller aktiva åtgärder. Välj en medlem under Medlemmar och sedan Redigera resan … för att lägga in årets.",
						map[string]string{"N": strconv.Itoa(begun), "All": strconv.Itoa(len(j.All))}))
				} else {
					s.showStatus(lang.X("jr.empty", "Ingen medlem har registrerat någon resa än. Välj en medlem under Medlemmar och sedan Redigera resan … för att lägga in årets nyckeltal och aktiva åtgärder."))
				}
			}
			idx := 0
			for i, y := range s.years {
				if y == chosen {
					idx = i
				}
			}
			if len(s.years) > 0 {
				s.year.SetSelectedIndex(idx) // calls show and showEvents
			} else {
				s.show()
				s.showEvents()
			}
		}
	})
}

// showEvents lists the chosen year's network events in Träff (found by
// use: 2027's were listed under 2026), with a hint where there is none.
func (s *Screen) showEvents() {
	year := s.chosenYear()
	s.events = nil
	var names []string
	for _, e := range s.allEvents {
		if year == 0 || e.Start.Year() == year {
			s.events = append(s.events, e)
			names = append(names, e.Title)
		}
	}
	prev := s.event.Selected
	s.event.Options = names
	s.event.ClearSelected()
	s.event.Refresh()
	if len(names) == 0 {
		s.plan = nil
		s.pairsTable.Refresh()
		s.showPairWhy(-1)
		s.noEvent.SetText(lang.X("jr.no_event", "Ingen nätverksträff {{.Year}}. Skapa ett evenemang av typen nätverksträff för företag under Evenemang, så kan bord föreslås här.",
			map[string]string{"Year": strconv.Itoa(year)}))
		s.noEvent.Show()
		s.sync()
		return
	}
	s.noEvent.Hide()
	if prev != "" && slices.Contains(names, prev) {
		s.event.SetSelected(prev)
	} else {
		s.event.SetSelectedIndex(defaultEvent(s.events, s.main.Now()))
	}
}

// defaultEvent is the next network event from today, else the newest.
func defaultEvent(newestFirst []data.Event, now interface{ Unix() int64 }) int {
	best := 0
	for i, e := range newestFirst {
		if e.Start.Unix() >= now.Unix() {
			best = i
		}
	}
	return best
}

func (s *Screen) showStatus(text string) {
	s.status.SetText(text)
	s.status.Show()
}

func (s *Screen) chosenYear() int {
	if i := s.year.SelectedIndex(); i >= 0 && i < len(s.years) {
		return s.years[i]
	}
	return 0
}

// show fills the tables for the chosen year.
func (s *Screen) show() {
	year := s.chosenYear()
	s.members = nil
	if s.j != nil {
		s.members = append(s.members, s.j.Members[year]...)
	}
	c := uikit.Collator()
	sort.SliceStable(s.members, func(a, b int) bool {
		pa, pb := s.members[a].Progress, s.members[b].Progress
		if pa.Done != pb.Done {
			return pa.Done > pb.Done
		}
		return c.CompareString(s.members[a].Org.Name, s.members[b].Org.Name) < 0
	})
	// Then the members with nothing recorded for the year, by name: each
	// can be chosen and its journey begun (found by use: with no journey
	// at all the list was empty, and nothing could be opened).
	if s.j != nil && year > 0 {
		have := map[string]bool{}
		for _, m := range s.members {
			have[m.Org.ID] = true
		}
		for _, o := range s.j.All {
			if !have[o.ID] {
				s.members = append(s.members, stats.JourneyMember{Org: o, Year: year})
			}
		}
	}
	s.scopes = nil
	var names []string
	if s.j != nil && year > 0 {
		s.scopes = s.j.Benchmark(year)
		for _, sc := range s.scopes {
			names = append(names, scopeText(sc))
		}
	}
	s.scope.Options = names
	if len(names) > 0 {
		s.scope.SetSelectedIndex(0)
	}
	s.steps = countSteps(s.members)
	// Har kommit is as wide as its longest text ("Inget registrerat för
	// året" was cut off at 130).
	s.memberTable.SetColumnWidth(1, s.fitWidth(s.memberCell, 1, len(s.members)+1, 130))
	s.selected = -1
	s.memberTable.UnselectAll()
	for c, w := range s.stepWidths() {
		s.stepTable.SetColumnWidth(c+1, w)
	}
	for _, t := range []*widget.Table{s.memberTable, s.stepTable, s.networkTable, s.benchTable} {
		t.Refresh()
	}
	s.sync()
}

func scopeText(sc stats.BenchmarkScope) string {
	switch sc.Kind {
	case stats.ScopeSize:
		return lang.X("jr.scope.size", "Storleksklass {{.Name}} anställda", map[string]string{"Name": sc.Name})
	case stats.ScopeSector:
		return lang.X("jr.scope.sector", "Bransch: {{.Name}}", map[string]string{"Name": sc.Name})
	}
	return lang.X("jr.scope.network", "Hela nätverket")
}

// sync enables the buttons that have something to act on.
func (s *Screen) sync() {
	if s.selected >= 0 && s.selected < len(s.members) && s.members[s.selected].Progress.Recorded {
		s.reportBtn.Enable()
	} else {
		s.reportBtn.Disable()
	}
	if s.plan != nil && len(s.plan.Plan.Tables) > 0 {
		s.tablesBtn.Enable()
	} else {
		s.tablesBtn.Disable()
	}
	if s.chosenYear() > 0 {
		s.bookBtn.Enable()
	} else {
		s.bookBtn.Disable()
	}
}

func (s *Screen) memberCell(id widget.TableCellID, l *widget.Label) {
	if id.Row == 0 {
		l.SetText([]string{lang.X("jr.col.member", "Medlem"), lang.X("jr.col.stage", "Har kommit"), lang.X("jr.col.done", "Steg på plats"),
			lang.X("jr.col.under_way", "Pågår"), lang.X("jr.col.pay_survey", "Lönekartläggning"), lang.X("jr.col.employees", "Anställda")}[id.Col])
		return
	}
	if id.Row-1 >= len(s.members) {
		return
	}
	m := s.members[id.Row-1]
	if !m.Progress.Recorded { // listed so that its journey can be begun
		switch id.Col {
		case 0:
			l.SetText(m.Org.Name)
		case 1:
			if n := s.stories[m.Org.ID]; n > 0 {
				l.SetText(lang.X("jr.only_stories", "{{.N}} steg under Företag, inga nyckeltal för året", map[string]string{"N": strconv.Itoa(n)}))
			} else {
				l.SetText(lang.X("jr.no_journey_year", "Inget registrerat för året"))
			}
		default:
			l.SetText("")
		}
		return
	}
	switch id.Col {
	case 0:
		l.SetText(m.Org.Name)
	case 1:
		l.SetText(StageText(m.Progress.Stage()))
	case 2:
		l.SetText(fmt.Sprintf("%d / %d", m.Progress.Done, data.Cells))
	case 3:
		l.SetText(strconv.Itoa(m.Progress.UnderWay))
	case 4:
		if m.Progress.PaySurvey {
			l.SetText(lang.X("jr.done", "Gjord"))
		} else {
			l.SetText(lang.X("jr.not_done", "Inte gjord"))
		}
	case 5:
		if m.Figures != nil && m.Figures.Employees > 0 {
			l.SetText(strconv.Itoa(m.Figures.Employees))
		}
	}
}

// StageText names how far a member has come (data.Progress.Stage).
func StageText(stage string) string {
	return map[string]string{
		"not_started": lang.X("jr.stage.not_started", "ej påbörjad"),
		"started":     lang.X("jr.stage.started", "har börjat"),
		"halfway":     lang.X("jr.stage.halfway", "halvvägs"),
		"far":         lang.X("jr.stage.far", "långt kommen"),
	}[stage]
}

// AreaText names an area of active measures.
func AreaText(a data.Area) string { return lang.X("jr.area."+string(a), reports.AreaName(a)) }

// StepText names a step of active measures.
func StepText(st data.Step) string { return lang.X("jr.step."+string(st), reports.StepName(st)) }

// StateText names a measure's state.
func StateText(st data.MeasureState) string {
	return lang.X("jr.state."+string(st), reports.StateName(st))
}

// stepWidths are the widths of the step columns: each as wide as its
// widest cell, and no narrower than 150. A network of thousands of members
// has cells such as "2947 på plats · 229 pågår" that a fixed width cut off.
func (s *Screen) stepWidths() []float32 {
	l := widget.NewLabel("") // not truncated: its MinSize is the whole text
	widths := make([]float32, len(data.Steps))
	for c := range widths {
		widths[c] = 150
		for r := 0; r <= len(data.Areas); r++ {
			l.TextStyle = fyne.TextStyle{Bold: r == 0}
			s.stepCell(widget.TableCellID{Row: r, Col: c + 1}, l)
			// A little more than the text and its padding: a label cuts
			// its text at whole pixels and measures the ellipsis too.
			widths[c] = max(widths[c], float32(math.Ceil(float64(l.MinSize().Width+2*theme.Padding()))))
		}
	}
	return widths
}

// stepCell: how many members have each step in place (of those with a
// journey that year), and how many have it under way.
func (s *Screen) stepCell(id widget.TableCellID, l *widget.Label) {
	switch {
	case id.Row == 0 && id.Col == 0:
		l.SetText(lang.X("jr.col.area", "Område"))
	case id.Row == 0:
		l.SetText(StepText(data.Steps[id.Col-1]))
	case id.Col == 0:
		l.SetText(AreaText(data.Areas[id.Row-1]))
	default:
		n := s.steps[stepKey{data.Areas[id.Row-1], data.Steps[id.Col-1]}]
		l.SetText(lang.X("jr.step_cell", "{{.Done}} på plats · {{.Way}} pågår", map[string]string{
			"Done": strconv.Itoa(n[0]), "Way": strconv.Itoa(n[1])}))
	}
}

// stepKey is an area and a step of it.
type stepKey struct {
	area data.Area
	step data.Step
}

// countSteps counts, per area and step, the members that have it in place
// ([0]) and under way ([1]).
func countSteps(members []stats.JourneyMember) map[stepKey][2]int {
	out := map[stepKey][2]int{}
	for _, m := range members {
		for _, x := range m.Measures {
			k := stepKey{x.Area, x.Step}
			n := out[k]
			switch {
			case x.State.Done():
				n[0]++
			case x.State == data.StateUnderWay:
				n[1]++
			}
			out[k] = n
		}
	}
	return out
}

// networkRows are the network's figures per year: totals of what members
// entered (the coordinator's view; never printed). Each value says how many
// members it is made of: under stats.MinGroup it is hidden, as in
// Jämförelse (found by use: one member's exact figures showed here).
var networkRows = []struct {
	key, sv string
	value   func(j *stats.Journeys, year int, ms []stats.JourneyMember) (string, int)
}{
	{"jr.net.members", "Medlemmar med resa", func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		return strconv.Itoa(len(ms)), stats.MinGroup // a count of members singles nobody out
	}},
	{"jr.net.employees", "Anställda", sumOf(func(y *data.JourneyYear) int { return y.Employees })},
	{"jr.net.tech", "Kvinnor i tekniska roller", shareOf(func(y *data.JourneyYear) data.Split { return y.Tech })},
	{"jr.net.mgmt", "Kvinnor i ledningen", shareOf(func(y *data.JourneyYear) data.Split { return y.Management })},
	{"jr.net.hires", "Kvinnor bland nyanställda", shareOf(func(y *data.JourneyYear) data.Split { return y.Hires })},
	{"jr.net.apprentices", "Kvinnor bland lärlingar", shareOf(func(y *data.JourneyYear) data.Split { return y.Apprentices })},
	{"jr.net.interns", "Kvinnor bland praktikanter", shareOf(func(y *data.JourneyYear) data.Split { return y.Interns })},
	{"jr.net.pay_survey", "Lönekartläggning gjord", func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		n := 0
		for _, m := range ms {
			if m.Progress.PaySurvey {
				n++
			}
		}
		return fmt.Sprintf("%d / %d", n, len(ms)), len(ms)
	}},
	{"jr.net.pupils", "Praoelever (flickor)", func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		p, g := 0, 0
		for _, m := range ms {
			p, g = p+m.Hosted.Pupils, g+m.Hosted.PupilGirls
		}
		return fmt.Sprintf("%d (%d)", p, g), len(ms)
	}},
	// Distinct teams: a team meets every host of its group, so adding up
	// the hosts' counts counted it once per host.
	{"jr.net.teams", "Teknikpraoteam", func(j *stats.Journeys, year int, ms []stats.JourneyMember) (string, int) {
		return strconv.Itoa(j.Teams[year]), len(ms)
	}},
	{"jr.net.steps", "Steg på plats (median)", func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		var xs []int
		for _, m := range ms {
			xs = append(xs, m.Progress.Done)
		}
		if len(xs) == 0 {
			return "–", 0
		}
		sort.Ints(xs)
		return strconv.Itoa(xs[len(xs)/2]), len(xs)
	}},
}

// sumOf adds up an entered figure over the members who gave it.
func sumOf(f func(*data.JourneyYear) int) func(*stats.Journeys, int, []stats.JourneyMember) (string, int) {
	return func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		n, by := 0, 0
		for _, m := range ms {
			if m.Figures != nil && f(m.Figures) > 0 {
				n, by = n+f(m.Figures), by+1
			}
		}
		return strconv.Itoa(n), by
	}
}

// shareOf is the share of women in an entered split over the members who
// gave one.
func shareOf(f func(*data.JourneyYear) data.Split) func(*stats.Journeys, int, []stats.JourneyMember) (string, int) {
	return func(_ *stats.Journeys, _ int, ms []stats.JourneyMember) (string, int) {
		var s data.Split
		by := 0
		for _, m := range ms {
			if m.Figures != nil && f(m.Figures).Total() > 0 {
				x := f(m.Figures)
				s.Women, s.Men, by = s.Women+x.Women, s.Men+x.Men, by+1
			}
		}
		if s.Total() == 0 {
			return "–", stats.MinGroup // nothing to single out
		}
		return lang.X("jr.share_of", "{{.Pct}} ({{.Part}} av {{.Whole}})", map[string]string{
			"Pct": uikit.Percent(float64(s.Women) / float64(s.Total())), "Part": strconv.Itoa(s.Women), "Whole": strconv.Itoa(s.Total())}), by
	}
}

func (s *Screen) networkCell(id widget.TableCellID, l *widget.Label) {
	if s.j == nil {
		return
	}
	switch {
	case id.Row == 0 && id.Col == 0:
		l.SetText(lang.X("jr.col.figure", "Nyckeltal"))
	case id.Row == 0:
		l.SetText(strconv.Itoa(s.j.Years[id.Col-1]))
	case id.Col == 0:
		r := networkRows[id.Row-1]
		l.SetText(lang.X(r.key, r.sv))
	default:
		year := s.j.Years[id.Col-1]
		v, by := networkRows[id.Row-1].value(s.j, year, s.j.Members[year])
		if by < stats.MinGroup {
			v = lang.X("jr.hidden_few", "dold (<5)")
		}
		l.SetText(v)
	}
}

func (s *Screen) benchCell(id widget.TableCellID, l *widget.Label) {
	if id.Row == 0 {
		l.SetText([]string{lang.X("jr.col.figure", "Nyckeltal"), "n", "Q1", lang.X("jr.col.median", "Median"), "Q3"}[id.Col])
		return
	}
	i := s.scope.SelectedIndex()
	if i < 0 || i >= len(s.scopes) {
		return
	}
	rows := append(append([]stats.BenchmarkRow{}, s.scopes[i].Figures...), s.scopes[i].Steps...)
	if id.Row-1 >= len(rows) {
		return
	}
	r := rows[id.Row-1]
	switch id.Col {
	case 0:
		l.SetText(MetricText(r.Metric))
	case 1:
		l.SetText(strconv.Itoa(r.N))
	default:
		if r.Hidden {
			l.SetText(lang.X("jr.hidden", "dold"))
			return
		}
		l.SetText(uikit.Decimal([]float64{r.Q1, r.Median, r.Q3}[id.Col-2]))
	}
}

// MetricText names a benchmark figure.
func MetricText(m stats.Metric) string { return lang.X("jr.metric."+string(m), reports.MetricName(m)) }

// pairRow is one guest at a table, or a member alone.
type pairRow struct {
	table       int
	host, guest string
	why         string
}

func (s *Screen) pairRows() []pairRow {
	if s.plan == nil {
		return nil
	}
	name := func(id string) string { return s.plan.Members[id].Name }
	var out []pairRow
	for i, t := range s.plan.Plan.Tables {
		for _, g := range t.Guests {
			learner, sharer := name(g.Member), name(t.Host)
			if !g.Learner {
				learner, sharer = sharer, learner
			}
			out = append(out, pairRow{table: i + 1, host: name(t.Host), guest: name(g.Member),
				why: lang.X("jr.pair_why", "{{.Area}}: {{.Learner}} vill börja, {{.Sharer}} kan dela", map[string]string{
					"Area": AreaText(g.Area), "Learner": learner, "Sharer": sharer})})
		}
	}
	for _, a := range s.plan.Plan.Alone {
		out = append(out, pairRow{host: name(a.Member), why: AloneText(a.Why)})
	}
	return out
}

// AloneText says why a member sits without a partner.
func AloneText(why string) string { return lang.X("jr.alone."+why, reports.AloneReason(why)) }

func (s *Screen) pairCell(id widget.TableCellID, l *widget.Label) {
	if id.Row == 0 {
		l.SetText([]string{lang.X("jr.col.table", "Bord"), lang.X("jr.col.host", "Värd"), lang.X("jr.col.guest", "Gäst"),
			lang.X("jr.col.why", "Varför")}[id.Col])
		return
	}
	rows := s.pairRows()
	if id.Row-1 >= len(rows) {
		return
	}
	r := rows[id.Row-1]
	switch id.Col {
	case 0:
		if r.table > 0 {
			l.SetText(strconv.Itoa(r.table))
		} else {
			l.SetText("–")
		}
	case 1:
		l.SetText(r.host)
	case 2:
		l.SetText(r.guest)
	case 3:
		l.SetText(r.why)
	}
}

// showPairWhy writes out the reason of the pair in row i (-1: none).
func (s *Screen) showPairWhy(i int) {
	rows := s.pairRows()
	if i < 0 || i >= len(rows) {
		s.pairWhy.SetText("")
		s.pairWhy.Hide()
		return
	}
	r := rows[i]
	text := r.host
	if r.guest != "" {
		text += " – " + r.guest
	}
	s.pairWhy.SetText(text + ": " + r.why)
	s.pairWhy.Show()
}

// fitWidth is the width column col needs to show each of its cells in
// rows whole, and no less than least.
func (s *Screen) fitWidth(cell func(widget.TableCellID, *widget.Label), col, rows int, least float32) float32 {
	l := widget.NewLabel("") // not truncated: its MinSize is the whole text
	w := least
	for r := 0; r < rows; r++ {
		l.TextStyle = fyne.TextStyle{Bold: r == 0 || col == 0}
		l.SetText("")
		cell(widget.TableCellID{Row: r, Col: col}, l)
		w = max(w, float32(math.Ceil(float64(l.MinSize().Width+2*theme.Padding()))))
	}
	return w
}

// loadPairs proposes the tables of the chosen event off the UI goroutine.
func (s *Screen) loadPairs() {
	i := s.event.SelectedIndex()
	if i < 0 || i >= len(s.events) {
		return
	}
	st, id := s.main.Store(), s.events[i].ID
	s.main.Background(func() func() {
		p, err := peers.ForEvent(context.Background(), st, id)
		return func() {
			if err != nil {
				s.showStatus(lang.X("jr.pairs_failed", "Kunde inte föreslå bord: {{.Error}}", map[string]string{"Error": err.Error()}))
				return
			}
			s.plan = p
			s.pairsTable.SetColumnWidth(3, s.fitWidth(s.pairCell, 3, len(s.pairRows())+1, 300))
			s.pairsTable.UnselectAll()
			s.showPairWhy(-1)
			s.pairsTable.Refresh()
			s.sync()
		}
	})
}
