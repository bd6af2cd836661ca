package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
)

// statisticsScreen is Statistik: one period's figures, for all its schools,
// one municipality or one school, by gender, with groups smaller than 5
// hidden (DESIGN §4; the suppression is done in data/stats).
type statisticsScreen struct {
	main      *MainWindow
	periodSel *widget.Select
	scopeSel  *widget.Select
	periods   []data.Period
	scopes    []figures.Filter // parallel to scopeSel.Options
	report    *figures.Report
	body      *fyne.Container
	status    *widget.Label
	choices   *barChart
	interest  *barChart
	content   fyne.CanvasObject
	loads     int  // the newest load; older ones are dropped
	quiet     bool // the code is setting the selects: their callbacks do nothing
}

// newStatisticsScreen builds Statistik; its data comes with Reload.
func newStatisticsScreen(m *MainWindow) *statisticsScreen {
	s := &statisticsScreen{main: m}
	s.periodSel = newSelect(nil, func(string) {
		if !s.quiet {
			s.scopes = nil
			s.load()
		}
	})
	s.periodSel.PlaceHolder = lang.X("statistics.pick_period", "Välj praoperiod")
	s.scopeSel = newSelect(nil, func(string) { s.load() })
	s.scopeSel.PlaceHolder = lang.X("statistics.all_schools", "Alla skolor")
	s.status = wrapLabel("")
	s.choices = newBarChart()
	s.interest = newBarChart()
	s.body = container.NewVBox()
	legend := wrapLabel(lang.X("statistics.legend",
		"<5 = färre än 5 elever. .. = dolt för att en liten grupp inte ska kunna räknas fram. Alla praoplatser räknas som teknikplatser: alla värdar i nätverket är teknikföretag."))
	legend.Importance = widget.LowImportance
	top := container.NewVBox(container.NewGridWithColumns(2, s.periodSel, s.scopeSel), legend, s.status)
	s.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body)))
	return s
}

// Content is part of screen.
func (s *statisticsScreen) Content() fyne.CanvasObject { return s.content }

// Reload reads the periods and the chosen (else the newest) period's report
// off the UI goroutine, in one load, so no second load starts while the
// first is being shown.
func (s *statisticsScreen) Reload() {
	st, name, f := s.main.store, s.periodSel.Selected, s.filter()
	s.loads++
	n := s.loads
	s.main.background(func() func() {
		ctx := context.Background()
		ps, err := st.ListPeriods(ctx)
		var r *figures.Report
		if err == nil && len(ps) > 0 {
			p := ps[len(ps)-1]
			for _, x := range ps {
				if x.Name == name {
					p = x
				}
			}
			if p.Name != name {
				f = figures.Filter{}
			}
			r, err = figures.Compute(ctx, st, p.ID, f)
		}
		return func() {
			if n != s.loads {
				return
			}
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			s.periods = ps
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			s.quiet = true
			s.periodSel.Options = names
			if r != nil {
				s.periodSel.SetSelected(r.Period.Name)
			}
			s.periodSel.Refresh()
			s.quiet = false
			if r != nil && r.Period.Name != name {
				s.scopes = nil
			}
			s.status.SetText("")
			s.apply(r)
		}
	})
}

// filter is the chosen school or municipality.
func (s *statisticsScreen) filter() figures.Filter {
	i := s.scopeSel.SelectedIndex()
	if i < 0 || i >= len(s.scopes) {
		return figures.Filter{}
	}
	return s.scopes[i]
}

// load computes the chosen report off the UI goroutine (after the user
// chose a period or a school).
func (s *statisticsScreen) load() {
	if s.quiet {
		return
	}
	i := s.periodSel.SelectedIndex()
	if i < 0 || i >= len(s.periods) {
		s.show(nil)
		return
	}
	id, f, st := s.periods[i].ID, s.filter(), s.main.store
	s.loads++
	n := s.loads
	s.status.SetText(lang.X("statistics.loading", "Räknar …"))
	s.main.background(func() func() {
		r, err := figures.Compute(context.Background(), st, id, f)
		return func() {
			if n != s.loads {
				return
			}
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			s.status.SetText("")
			s.apply(r)
		}
	})
}

// apply shows a report, first filling the school filter when the period
// is new (r may be nil: no period yet).
func (s *statisticsScreen) apply(r *figures.Report) {
	if r != nil && s.scopes == nil {
		s.setScopes(r)
	}
	s.show(r)
}

// setScopes fills the filter with the period's municipalities and schools.
func (s *statisticsScreen) setScopes(r *figures.Report) {
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
		out = append(out, message("statistics.choice_n", "Fick sitt {{.N}}:a val", map[string]string{"N": fmt.Sprint(k)}))
	}
	return append(out, lang.X("statistics.unchosen", "Annan plats än sina val"), lang.X("statistics.not_placed", "Inte placerad"))
}

// percent is a share as "62 %".
func percent(x float64) string { return fmt.Sprintf("%.0f %%", 100*x) }

// decimal is x with one decimal in the user's language ("3,8").
func decimal(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", x), ".", lang.X("statistics.decimal_sep", ","), 1)
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
	return container.NewGridWithColumns(len(header), objs...)
}

// cellsRow is a label, the cells and their total as text.
func cellsRow(label string, cs []figures.Cell, total figures.Cell) []string {
	out := []string{label}
	for _, c := range cs {
		out = append(out, c.String())
	}
	return append(out, total.String())
}

// show swaps in a report (nil: nothing chosen).
func (s *statisticsScreen) show(r *figures.Report) {
	s.report = r
	s.body.Objects = nil
	if r == nil {
		s.choices.SetRows(nil)
		s.interest.SetRows(nil)
		s.body.Add(wrapLabel(lang.X("statistics.none", "Välj en praoperiod för att se statistiken.")))
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
		if a.Shown() {
			att = append(att, percent(a.Ratio()))
		} else if a.Pupils.N == 0 {
			att = append(att, "–")
		} else {
			att = append(att, figures.Hidden)
		}
	}
	s.body.Add(headingLabel(lang.X("statistics.key_numbers", "Nyckeltal")))
	s.body.Add(table(header, [][]string{pupils, placed, att}))

	var rows [][]string
	for i, name := range outcomeNames() {
		rows = append(rows, cellsRow(name, o.Cells[i], o.RowTotals[i]))
	}
	s.body.Add(headingLabel(lang.X("statistics.choices", "Vilket val eleverna fick")))
	s.body.Add(table(header, rows))
	s.choices.SetRows(choiceBars(r))
	s.body.Add(s.choices)

	s.body.Add(headingLabel(lang.X("statistics.alone", "Ensam tjej i gruppen")))
	s.body.Add(wrapLabel(message("statistics.alone_text",
		"{{.N}} av {{.Of}} praoplatser med minst två elever har exakt en tjej.",
		map[string]string{"N": r.AloneGirls.String(), "Of": fmt.Sprint(r.GroupOffers)})))

	s.body.Add(headingLabel(lang.X("statistics.evaluation", "Utvärdering")))
	ans := r.Answered
	rec := r.Recommend
	before := []string{lang.X("statistics.before", "Intresse för teknik före (1–5)")}
	after := []string{lang.X("statistics.after", "Intresse för teknik efter (1–5)")}
	for k := range r.InterestBefore {
		before = append(before, meanText(r.InterestBefore[k]))
		after = append(after, meanText(r.InterestAfter[k]))
	}
	s.body.Add(table(header, [][]string{
		cellsRow(lang.X("statistics.answered", "Svarat"), ans.Cells[0], ans.RowTotals[0]),
		cellsRow(lang.X("statistics.recommend_yes", "Skulle rekommendera: ja"), rec.Cells[0], rec.RowTotals[0]),
		cellsRow(lang.X("statistics.recommend_no", "Skulle rekommendera: nej"), rec.Cells[1], rec.RowTotals[1]),
		before, after}))
	s.interest.SetRows(interestBars(r))
	s.body.Add(s.interest)

	s.body.Add(headingLabel(message("statistics.comments", "Kommentarer ({{.N}})", map[string]string{"N": r.CommentCount.String()})))
	if r.Comments == nil {
		s.body.Add(wrapLabel(lang.X("statistics.comments_hidden", "Kommentarerna visas bara när minst 5 elever har skrivit en.")))
	}
	for _, c := range r.Comments {
		s.body.Add(wrapLabel("”" + c + "”"))
	}

	if len(r.BySchool) > 0 {
		s.body.Add(headingLabel(lang.X("statistics.by_school", "Per skola")))
		var rows [][]string
		for _, sr := range r.BySchool {
			first := figures.Hidden
			if !sr.FirstChoice.Hidden() {
				first = percent(sr.FirstChoice.Ratio())
			} else if sr.Placed.N == 0 {
				first = "–"
			}
			rows = append(rows, []string{sr.School.Name, sr.School.Municipality, sr.Pupils.String(), sr.Placed.String(), first})
		}
		s.body.Add(table([]string{lang.X("statistics.school", "Skola"), lang.X("statistics.municipality", "Kommun"),
			lang.X("statistics.pupils", "Elever"), lang.X("statistics.placed", "Placerade"),
			lang.X("statistics.first_choice", "Fick sitt 1:a val")}, rows))
	}
	s.body.Refresh()
}

// meanText is a mean with one decimal, "<5" when hidden, "–" when nobody answered.
func meanText(m figures.Mean) string {
	switch {
	case m.N == 0:
		return "–"
	case !m.Shown():
		return figures.Hidden
	}
	return decimal(m.Value)
}

// choiceBars are the bars of the choice distribution: each outcome's share
// of all pupils, its text "<5" or ".." where the count is hidden.
func choiceBars(r *figures.Report) []barRow {
	o := r.Outcome
	var out []barRow
	for i, name := range outcomeNames() {
		c := o.RowTotals[i]
		row := barRow{label: name, muted: i == figures.RowNotPlaced, text: c.String()}
		if !c.Suppressed && o.Total.N > 0 {
			row.count = c.N
			row.share = float64(c.N) / float64(o.Total.N)
			row.text = fmt.Sprintf("%s (%d)", percent(row.share), c.N)
		}
		out = append(out, row)
	}
	return out
}

// interestBars compare the mean interest before and after, per gender.
func interestBars(r *figures.Report) []barRow {
	g := groupNames()
	var out []barRow
	for k := range r.InterestBefore {
		for i, m := range []figures.Mean{r.InterestBefore[k], r.InterestAfter[k]} {
			label := g[k] + " " + lang.X("statistics.bar_before", "före")
			if i == 1 {
				label = g[k] + " " + lang.X("statistics.bar_after", "efter")
			}
			row := barRow{label: label, text: meanText(m), muted: i == 0}
			if m.Shown() {
				row.count, row.share = m.N, m.Value/5
			}
			out = append(out, row)
		}
	}
	return out
}
