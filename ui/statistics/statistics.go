// Package statistics is the Statistik screen: the network's figures for a
// period or a year, with tables and charts, and the Effektrapport dialog
// that prints the impact report.
package statistics

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// The kinds of scope Statistik shows, in the order of its first select.
const (
	statPeriod = iota
	statSchoolYear
	statCalendarYear
)

// memberYears is how many years of member companies Statistik shows.
const memberYears = 5

// Shell is what Statistik needs from the window: only the Base (the
// impact report it prints is its own dialog) and which Statistik the window
// holds now, so that an old one left by a rebuild stops redrawing.
type Shell interface {
	uikit.Base
	// Built is the screen with that id as the window holds it now, nil
	// when it is not built.
	Built(id string) uikit.Screen
}

// Screen is Statistik: the figures of one period, one school
// year or one calendar year, for all schools, one municipality or one
// school, by gender, with groups smaller than 5 hidden (stats.MinGroup; the
// suppression is done in data/stats), and the network's company figures.
type Screen struct {
	main       Shell
	genderWarn *widget.Label  // most pupils have no gender recorded
	kindSel    *widget.Select // period, school year or calendar year
	whenSel    *widget.Select // which period or year
	scopeSel   *widget.Select // all schools, a municipality or a school
	periods    []data.Period
	placed     map[string]bool  // periods with placed pupils, by id
	whens      []scopeChoice    // parallel to whenSel.Options
	scopes     []figures.Filter // parallel to scopeSel.Options
	report     *figures.Report
	week       *figures.WeekReport // a teknikprao week's figures, when one is chosen
	company    *figures.CompanyFigures
	chosen     scopeChoice // what report shows
	body       *fyne.Container
	status     *widget.Label
	choices    *widgets.BarChart
	interest   *plot // interest before and after, by gender
	gender     *plot // girls, boys and others placed per municipality
	companies  companyCharts
	// Actions is where buttons that act on the shown figures go (the
	// impact report's "Skriv ut effektrapport …"); see Range.
	Actions *fyne.Container
	content fyne.CanvasObject
	loads   int  // the newest load; older ones are dropped
	quiet   bool // the code is setting the selects: their callbacks do nothing
	// survey is the questionnaire's section (statistics_survey.go),
	// loaded on its own; surveyLoads drops older loads.
	survey      *fyne.Container
	surveyLoads int
}

// scopeChoice is one option of the second select: a period or a year and
// the dates it covers.
type scopeChoice struct {
	kind     int
	label    string
	period   data.Period // statPeriod
	year     int         // the school year's first year, or the calendar year
	from, to time.Time
}

// New builds Statistik; its data comes with Reload.
func New(m Shell) *Screen {
	s := &Screen{main: m}
	s.kindSel = widgets.NewSelect([]string{lang.X("statistics.kind_period", "Praoperiod"),
		lang.X("statistics.kind_school_year", "Läsår"), lang.X("statistics.kind_calendar_year", "Kalenderår")},
		func(string) { s.onKindChanged() })
	s.quiet = true
	s.kindSel.SetSelectedIndex(statPeriod)
	s.quiet = false
	s.whenSel = widgets.NewSelect(nil, func(string) {
		if !s.quiet {
			s.scopes = nil
			s.load()
		}
	})
	s.whenSel.PlaceHolder = lang.X("statistics.pick_period", "Välj praoperiod")
	s.scopeSel = widgets.NewSelect(nil, func(string) { s.load() })
	s.scopeSel.PlaceHolder = lang.X("statistics.all_schools", "Alla skolor")
	s.status = widgets.WrapLabel("")
	s.choices = widgets.NewBarChart()
	s.interest, s.gender = newPlot(), newPlot()
	// The charts are images in the theme's colours: draw them again when
	// the system switches between light and dark (only while this screen
	// is the window's; a rebuilt window has a new one).
	dark := darkTheme()
	m.App().Settings().AddListener(func(fyne.Settings) {
		fyne.Do(func() {
			if d := darkTheme(); d != dark {
				dark = d
				if cur, ok := m.Built("statistics").(*Screen); ok && cur == s && s.report != nil {
					s.load()
				}
			}
		})
	})
	s.companies = newCompanyCharts()
	s.body = container.NewVBox()
	s.Actions = container.NewHBox(widget.NewButtonWithIcon(lang.X("impact.button", "Effektrapport …"),
		theme.DocumentPrintIcon(), s.printImpact))
	legend := widgets.WrapLabel(lang.X("statistics.legend",
		"<5 = färre än 5 elever. .. = dolt för att en liten grupp inte ska kunna räknas fram. Alla praoplatser räknas som teknikplatser: alla värdar i nätverket är teknikföretag."))
	selects := container.NewGridWithColumns(3, s.kindSel, s.whenSel, s.scopeSel)
	s.genderWarn = widgets.WrapLabel("")
	s.genderWarn.Importance = widget.WarningImportance
	s.genderWarn.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, s.Actions, selects), legend, s.genderWarn, s.status)
	s.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewScroll(s.body)))
	return s
}

// Content is part of screen.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Range is the shown scope (ok is false while nothing is shown): its kind
// (statPeriod, statSchoolYear, statCalendarYear), label ("Läsår 2026/27"),
// the dates it covers [from, to), the school year's first year or the
// calendar year, and for a period the period. The impact report's button
// in Actions reads it.
func (s *Screen) Range() (c scopeChoice, ok bool) {
	if s.report == nil {
		return scopeChoice{}, false
	}
	return s.chosen, true
}

// whenChoices lists the options of the second select for a kind of scope:
// the periods, or the school or calendar years that have a period, oldest
// first.
func whenChoices(kind int, ps []data.Period) []scopeChoice {
	var out []scopeChoice
	if kind == statPeriod {
		for _, p := range ps {
			out = append(out, scopeChoice{kind: kind, label: p.Name, period: p, from: p.Start, to: p.End.AddDate(0, 0, 1)})
		}
		return out
	}
	seen := map[int]bool{}
	var years []int
	for _, p := range ps {
		y := p.Start.Year()
		if kind == statSchoolYear {
			y = figures.SchoolYearOf(p.Start)
		}
		if !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	sort.Ints(years)
	for _, y := range years {
		c := scopeChoice{kind: kind, year: y}
		if kind == statSchoolYear {
			c.from, c.to = figures.SchoolYear(y)
			c.label = uikit.Message("statistics.school_year", "Läsår {{.Year}}", map[string]string{"Year": figures.SchoolYearLabel(y)})
		} else {
			c.from, c.to = figures.CalendarYear(y)
			c.label = uikit.Message("statistics.calendar_year", "Kalenderår {{.Year}}", map[string]string{"Year": fmt.Sprint(y)})
		}
		out = append(out, c)
	}
	return out
}

// pickChoice is the option labelled label, else the newest that holds a
// period with placed pupils (placed: by period id; a period still choosing
// has no figures to show yet), else the newest.
func pickChoice(cs []scopeChoice, label string, ps []data.Period, placed map[string]bool) (scopeChoice, bool) {
	if len(cs) == 0 {
		return scopeChoice{}, false
	}
	for _, c := range cs {
		if c.label == label {
			return c, true
		}
	}
	for i := len(cs) - 1; i >= 0; i-- {
		for _, p := range ps {
			if placed[p.ID] && !p.Start.Before(cs[i].from) && p.Start.Before(cs[i].to) {
				return cs[i], true
			}
		}
	}
	return cs[len(cs)-1], true
}

// placedPeriods marks the periods that have placed pupils.
func placedPeriods(ctx context.Context, st *data.Store, ps []data.Period) (map[string]bool, error) {
	placed := map[string]bool{}
	for _, p := range ps {
		o, err := st.PeriodOverview(ctx, p)
		if err != nil {
			return nil, err
		}
		placed[p.ID] = o.Placed > 0
	}
	return placed, nil
}

// compute reads a scope's report and company figures (off the UI goroutine).
func compute(st *data.Store, c scopeChoice, f figures.Filter) (*figures.Report, *figures.WeekReport, *figures.CompanyFigures, error) {
	ctx := context.Background()
	var r *figures.Report
	var wr *figures.WeekReport
	var err error
	switch {
	case c.kind == statPeriod && c.period.Format == data.FormatWeek:
		// A week's pupils are in teams, not placed: its own figures
		// (found by use: a week showed 0 pupils, 0 placed, no answers).
		wr, err = figures.ComputeWeek(ctx, st, c.period.ID, f)
		if err == nil {
			r = &figures.Report{Schools: wr.Schools, Municipalities: wr.Municipalities}
		}
	case c.kind == statPeriod:
		r, err = figures.Compute(ctx, st, c.period.ID, f)
	default:
		r, err = figures.ComputeRange(ctx, st, c.from, c.to, f)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	co, err := figures.ComputeCompanies(ctx, st, c.from, c.to, memberYears)
	return r, wr, co, err
}

// Reload reads the periods and the chosen (else the newest) period's or
// year's report off the UI goroutine, in one load, so no second load starts
// while the first is being shown.
func (s *Screen) Reload() {
	st, kind, when, f := s.main.Store(), s.kindSel.SelectedIndex(), s.whenSel.Selected, s.filter()
	dark, code := darkTheme(), s.main.Language()
	s.loads++
	n := s.loads
	s.main.Background(func() func() {
		ps, err := st.ListPeriods(context.Background())
		var placed map[string]bool
		if err == nil {
			placed, err = placedPeriods(context.Background(), st, ps)
		}
		cs := whenChoices(kind, ps)
		c, ok := pickChoice(cs, when, ps, placed)
		var r *figures.Report
		var wr *figures.WeekReport
		var co *figures.CompanyFigures
		if err == nil && ok {
			if c.label != when {
				f = figures.Filter{}
			}
			r, wr, co, err = compute(st, c, f)
		}
		var p statPlots
		if wr == nil { // a week's figures have no such charts: none drawn
			p = drawPlots(r, dark, code)
		}
		genders, gerr := st.GenderCounts(context.Background())
		return func() {
			if n != s.loads {
				return
			}
			if gerr == nil {
				showGenderWarning(s.genderWarn, genders)
			}
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			s.periods, s.placed = ps, placed
			s.setWhens(cs, c.label)
			if r != nil && c.label != when {
				s.scopes = nil
			}
			s.status.SetText("")
			s.apply(c, r, wr, co, p)
		}
	})
}

// setWhens fills the second select quietly and selects label.
func (s *Screen) setWhens(cs []scopeChoice, label string) {
	s.whens = cs
	var names []string
	for _, c := range cs {
		names = append(names, c.label)
	}
	s.quiet = true
	s.whenSel.Options = names
	if label != "" {
		s.whenSel.SetSelected(label)
	} else {
		s.whenSel.ClearSelected()
	}
	s.whenSel.Refresh()
	s.quiet = false
}

// onKindChanged fills the second select with the periods or years and
// shows the newest.
func (s *Screen) onKindChanged() {
	if s.quiet {
		return
	}
	kind := s.kindSel.SelectedIndex()
	cs := whenChoices(kind, s.periods)
	c, _ := pickChoice(cs, "", s.periods, s.placed)
	s.whenSel.PlaceHolder = lang.X("statistics.pick_period", "Välj praoperiod")
	if kind != statPeriod {
		s.whenSel.PlaceHolder = lang.X("statistics.pick_year", "Välj år")
	}
	s.setWhens(cs, c.label)
	s.scopes = nil
	s.load()
}

// filter is the chosen school or municipality.
func (s *Screen) filter() figures.Filter {
	i := s.scopeSel.SelectedIndex()
	if i < 0 || i >= len(s.scopes) {
		return figures.Filter{}
	}
	return s.scopes[i]
}

// load computes the chosen report off the UI goroutine (after the user
// chose a period, a year or a school).
func (s *Screen) load() {
	if s.quiet {
		return
	}
	i := s.whenSel.SelectedIndex()
	if i < 0 || i >= len(s.whens) {
		s.show(nil)
		return
	}
	c, f, st := s.whens[i], s.filter(), s.main.Store()
	dark, code := darkTheme(), s.main.Language()
	s.loads++
	n := s.loads
	s.status.SetText(lang.X("statistics.loading", "Räknar …"))
	s.main.Background(func() func() {
		r, wr, co, err := compute(st, c, f)
		var p statPlots
		if wr == nil { // a week's figures have no such charts: none drawn
			p = drawPlots(r, dark, code)
		}
		genders, gerr := st.GenderCounts(context.Background())
		return func() {
			if n != s.loads {
				return
			}
			if gerr == nil {
				showGenderWarning(s.genderWarn, genders)
			}
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			s.status.SetText("")
			s.apply(c, r, wr, co, p)
		}
	})
}

// apply shows a report, first filling the school filter when the period
// or year is new (r may be nil: no period yet).
func (s *Screen) apply(c scopeChoice, r *figures.Report, wr *figures.WeekReport, co *figures.CompanyFigures, p statPlots) {
	if r != nil && s.scopes == nil {
		s.setScopes(r)
	}
	s.loadSurvey(c)
	s.chosen, s.company, s.week = c, co, wr
	s.gender.set(p.gender, p.genderImg, p.genderErr)
	s.interest.set(p.interest, p.interestImg, p.interestErr)
	s.show(r)
}

// setScopes fills the filter with the report's municipalities and schools.
func (s *Screen) setScopes(r *figures.Report) {
	s.scopes = []figures.Filter{{}}
	opts := []string{lang.X("statistics.all_schools", "Alla skolor")}
	for _, m := range r.Municipalities {
		s.scopes = append(s.scopes, figures.Filter{Municipality: m})
		opts = append(opts, lang.X("statistics.municipality", "Kommun")+": "+m)
	}
	for _, sc := range r.Schools {
		s.scopes = append(s.scopes, figures.Filter{SchoolID: sc.ID})
		opts = append(opts, sc.Name)
	}
	s.quiet = true
	s.scopeSel.Options = opts
	s.scopeSel.ClearSelected()
	s.scopeSel.Refresh()
	s.quiet = false
}

// groupNames are the gender columns' headings, then the total.
func groupNames() []string {
	return []string{lang.X("statistics.girls", "Flickor"), lang.X("statistics.boys", "Pojkar"),
		lang.X("statistics.other", "Annat/ej angivet"), lang.X("statistics.total", "Totalt")}
}

// outcomeNames are the rows of the outcome table.
func outcomeNames() []string {
	var out []string
	for k := 1; k <= data.MaxChoices; k++ {
		out = append(out, uikit.Message("statistics.choice_n", "Fick sitt {{.N}}:a val", map[string]string{"N": fmt.Sprint(k)}))
	}
	return append(out, lang.X("statistics.unchosen", "Annan plats än sina val"), lang.X("statistics.not_placed", "Inte placerad"))
}

// table lays out a small table of labels with a header row.
func table(header []string, rows [][]string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, h := range header {
		objs = append(objs, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, r := range rows {
		for _, c := range r {
			objs = append(objs, widget.NewLabel(c))
		}
	}
	return container.New(columnsLayout{cols: len(header)}, objs...)
}

// cellsRow is a label, the cells and their total as text.
func cellsRow(label string, cs []figures.Cell, total figures.Cell) []string {
	out := []string{label}
	for _, c := range cs {
		out = append(out, c.String())
	}
	return append(out, total.String())
}

// noneText says why no figures show. Without a prao period there is
// nothing to choose (found by use: a coordinator with events and journey
// figures only was told to choose a period from an empty list).
func (s *Screen) noneText() string {
	if len(s.periods) == 0 {
		return lang.X("statistics.none_no_periods",
			"Statistiken här räknas från praoperioder, och det finns ingen än: skapa en under Praoperioder. Nätverkets evenemang och företagens resor per år finns i Effektrapporten (knappen Effektrapport …).")
	}
	return lang.X("statistics.none", "Välj en praoperiod för att se statistiken.")
}

// show swaps in a report (nil: nothing chosen).
func (s *Screen) show(r *figures.Report) {
	s.report = r
	s.body.Objects = nil
	if r == nil {
		s.choices.SetRows(nil)
		s.companies.clear()
		s.body.Add(widgets.WrapLabel(s.noneText()))
		s.body.Refresh()
		return
	}
	if s.chosen.kind != statPeriod {
		s.showPeriods(r)
	}
	if s.week != nil {
		s.choices.SetRows(nil)
		s.showWeek(s.week)
		s.body.Add(s.surveyBox())
		s.showCompanies()
		s.body.Refresh()
		return
	}
	g := groupNames()
	header := append([]string{""}, g...)
	o := r.Outcome
	pupils := cellsRow(lang.X("statistics.pupils", "Elever"), o.ColTotals, o.Total)
	placed := cellsRow(lang.X("statistics.placed", "Placerade"), r.Placed[:figures.NumGroups], r.Placed[figures.NumGroups])
	att := []string{lang.X("statistics.attendance", "Närvaro (dagar)")}
	for _, a := range r.Attendance {
		att = append(att, attendanceText(a))
	}
	s.body.Add(widgets.HeadingLabel(lang.X("statistics.key_numbers", "Nyckeltal")))
	s.body.Add(table(header, [][]string{pupils, placed, att}))

	s.showMunicipalities(r)

	var rows [][]string
	for i, name := range outcomeNames() {
		rows = append(rows, cellsRow(name, o.Cells[i], o.RowTotals[i]))
	}
	s.body.Add(widgets.HeadingLabel(lang.X("statistics.choices", "Vilket val eleverna fick")))
	s.body.Add(table(header, rows))
	s.choices.SetRows(choiceBars(r))
	s.body.Add(s.choices)

	s.body.Add(widgets.HeadingLabel(lang.X("statistics.alone", "Ensam tjej i gruppen")))
	s.body.Add(widgets.WrapLabel(uikit.Message("statistics.alone_text",
		"{{.N}} av {{.Of}} praoplatser med minst två elever har exakt en tjej.",
		map[string]string{"N": r.AloneGirls.String(), "Of": fmt.Sprint(r.GroupOffers)})))

	s.body.Add(widgets.HeadingLabel(lang.X("statistics.evaluation", "Utvärdering")))
	ans := r.Answered
	rec := r.Recommend
	before := []string{lang.X("statistics.before", "Intresse för teknik före (1–5)")}
	after := []string{lang.X("statistics.after", "Intresse för teknik efter (1–5)")}
	for k := range r.InterestBefore {
		before = append(before, uikit.MeanText(r.InterestBefore[k]))
		after = append(after, uikit.MeanText(r.InterestAfter[k]))
	}
	s.body.Add(table(header, [][]string{
		cellsRow(lang.X("statistics.answered", "Svarat"), ans.Cells[0], ans.RowTotals[0]),
		cellsRow(lang.X("statistics.recommend_yes", "Skulle rekommendera: ja"), rec.Cells[0], rec.RowTotals[0]),
		cellsRow(lang.X("statistics.recommend_no", "Skulle rekommendera: nej"), rec.Cells[1], rec.RowTotals[1]),
		before, after}))
	s.body.Add(boldLabel(lang.X("statistics.interest_chart", "Intresse för teknik före och efter praon (1–5)")))
	s.body.Add(s.interest.img)
	// Found by use: the survey's figures further down differ, and nothing
	// said why; a coordinator got two answers to one question.
	s.body.Add(noteLabel(lang.X("statistics.interest_source",
		"Utvärderingen är elevernas eget omdöme efter praon: i samma formulär anger de hur intresserade de var före och är nu. Enkäten (längre ned, om den används) mäter intresset två gånger, före och efter praon, med fyra frågor och bara för elever som svarat båda gångerna. Därför kan siffrorna skilja sig; enkäten är det säkrare måttet på förändring.")))

	s.body.Add(widgets.HeadingLabel(uikit.Message("statistics.comments", "Kommentarer ({{.N}})", map[string]string{"N": r.CommentCount.String()})))
	if r.Comments == nil {
		s.body.Add(widgets.WrapLabel(lang.X("statistics.comments_hidden", "Kommentarerna visas bara när minst 5 elever har skrivit en.")))
	}
	for _, c := range groupComments(r.Comments) {
		s.body.Add(widgets.WrapLabel(c))
	}

	if len(r.BySchool) > 0 {
		s.body.Add(widgets.HeadingLabel(lang.X("statistics.by_school", "Per skola")))
		var rows [][]string
		for _, sr := range r.BySchool {
			rows = append(rows, []string{sr.School.Name, sr.School.Municipality, sr.Pupils.String(), sr.Placed.String(), uikit.ShareText(sr.FirstChoice)})
		}
		s.body.Add(table([]string{lang.X("statistics.school", "Skola"), lang.X("statistics.municipality", "Kommun"),
			lang.X("statistics.pupils", "Elever"), lang.X("statistics.placed", "Placerade"),
			lang.X("statistics.first_choice", "Fick sitt 1:a val")}, rows))
	}
	s.body.Add(s.surveyBox())
	s.showCompanies()
	s.body.Refresh()
}

// showPeriods names the periods a year's figures are summed over, and
// those left out because nobody is placed in them yet.
func (s *Screen) showPeriods(r *figures.Report) {
	names := func(ps []data.Period) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return strings.Join(out, ", ")
	}
	if len(r.Weeks) > 0 { // found by use: the weeks were left out without a word
		s.body.Add(widgets.WrapLabel(uikit.Message("statistics.weeks_apart",
			"Teknikpraoveckor räknas för sig, i Effektrapporten och under Utvärderingar: {{.Names}}.",
			map[string]string{"Names": names(r.Weeks)})))
	}
	if len(r.Periods) == 0 && len(r.LeftOut) == 0 {
		s.body.Add(widgets.WrapLabel(lang.X("statistics.no_periods", "Inga praoperioder börjar under året.")))
		return
	}
	if len(r.Periods) > 0 {
		s.body.Add(widgets.WrapLabel(uikit.Message("statistics.periods_in_year", "Praoperioder: {{.Names}}.",
			map[string]string{"Names": names(r.Periods)})))
	}
	if len(r.LeftOut) > 0 {
		s.body.Add(widgets.WrapLabel(uikit.Message("statistics.periods_left_out",
			"Inte med i siffrorna: {{.Names}} (ingen elev är placerad ännu, så alla skulle räknas som inte placerade).",
			map[string]string{"Names": names(r.LeftOut)})))
	}
	if len(r.Periods) > 1 {
		note := widgets.WrapLabel(lang.X("statistics.placements_note",
			"Siffrorna räknas per praoperiod: en elev som gör prao i två perioder räknas två gånger."))
		note.Importance = widget.LowImportance
		s.body.Add(note)
	}
}

// showMunicipalities adds the table of key numbers per municipality.
func (s *Screen) showMunicipalities(r *figures.Report) {
	if len(r.ByMunicipality) == 0 {
		return
	}
	s.body.Add(widgets.HeadingLabel(lang.X("statistics.by_municipality", "Per kommun")))
	var rows [][]string
	for _, m := range r.ByMunicipality {
		name := m.Municipality
		if name == "" {
			name = lang.X("statistics.no_municipality", "Kommun saknas")
		}
		rows = append(rows, []string{name, fmt.Sprint(m.Schools), m.Pupils.String(), m.Placed.String(),
			m.Figures.Placed[figures.Girls].String(), uikit.ShareText(m.FirstChoice), uikit.MeanText(m.Figures.InterestAfter[figures.Girls])})
	}
	s.body.Add(table([]string{lang.X("statistics.municipality", "Kommun"), lang.X("statistics.schools", "Skolor"),
		lang.X("statistics.pupils", "Elever"), lang.X("statistics.placed", "Placerade"),
		lang.X("statistics.girls_placed", "Flickor placerade"), lang.X("statistics.first_choice", "Fick sitt 1:a val"),
		lang.X("statistics.girls_after", "Flickors intresse efter")}, rows))
	s.body.Add(boldLabel(lang.X("statistics.placed_by_gender", "Placerade per kommun och kön")))
	s.body.Add(s.gender.img)
}

// attendanceText is a group's share of days attended, "<5" when the group
// is small, ".." when hidden to protect another, "–" when nobody was placed.
func attendanceText(a figures.Attendance) string {
	switch {
	case a.Shown():
		return uikit.Percent(a.Ratio())
	case a.Pupils.N == 0:
		return "–"
	case a.Pupils.N >= figures.MinGroup && a.Planned > 0:
		return figures.Masked
	}
	return figures.Hidden
}

// choiceBars are the bars of the choice distribution: each outcome's share
// of all pupils, its text "<5" or ".." where the count is hidden (and only
// the count where the total of pupils is hidden).
func choiceBars(r *figures.Report) []widgets.BarRow {
	o := r.Outcome
	var out []widgets.BarRow
	for i, name := range outcomeNames() {
		c := o.RowTotals[i]
		row := widgets.BarRow{Label: name, Muted: i == figures.RowNotPlaced, Text: c.String()}
		// No share when the total is hidden: with a shown count, the share
		// would give the total back.
		if !c.Suppressed && !o.Total.Suppressed && o.Total.N > 0 {
			row.Count = c.N
			row.Share = float64(c.N) / float64(o.Total.N)
			row.Text = fmt.Sprintf("%s (%d)", uikit.Percent(row.Share), c.N)
		}
		out = append(out, row)
	}
	return out
}

// groupComments quotes each different comment once (comments is sorted),
// with how many wrote it when more than one did.
func groupComments(comments []string) []string {
	var out []string
	for i := 0; i < len(comments); {
		j := i
		for j < len(comments) && comments[j] == comments[i] {
			j++
		}
		text := "”" + comments[i] + "”"
		if j-i > 1 {
			text = uikit.Message("statistics.comment_times", "{{.Text}} ({{.N}} elever)", map[string]string{"Text": text, "N": figures.NewCell(j - i).String()})
		}
		out = append(out, text)
		i = j
	}
	return out
}
