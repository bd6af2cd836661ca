package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"techniqual/data"
	"techniqual/data/peers"
	"techniqual/data/stats"
	"techniqual/data/text"
)

// JourneyReport is what a member's journey report shows: its figures over
// the years, its position against the anonymous network in the year, its
// active measures and pay survey, its next steps and its stories.
type JourneyReport struct {
	Org       data.Organisation
	Year      int
	History   []stats.JourneyMember // the member's years up to Year, oldest first
	Positions []stats.Position      // Year's figures against the benchmark
	Measures  []data.Measure        // Year's
	Figures   *data.JourneyYear     // Year's, nil when none entered
	Progress  data.Progress
	Stories   []data.JourneyEntry
}

// NewJourneyReport gathers a member's report from the journeys.
func NewJourneyReport(j *stats.Journeys, org data.Organisation, year int, stories []data.JourneyEntry) (JourneyReport, error) {
	m, ok := j.Member(org.ID, year)
	if !ok {
		return JourneyReport{}, fmt.Errorf("%s has no journey recorded for %d", org.Name, year)
	}
	d := JourneyReport{Org: org, Year: year, Measures: m.Measures, Figures: m.Figures, Progress: m.Progress, Stories: stories}
	for _, y := range j.Years {
		if h, ok := j.Member(org.ID, y); ok && y <= year {
			d.History = append(d.History, h)
		}
	}
	var err error
	d.Positions, err = j.Positions(org.ID, year)
	return d, err
}

// JourneyFileName is the report's file name, e.g. "jamstalldhetsresa-2026-alfa-robotik-ab.pdf".
func JourneyFileName(org string, year int, code string) string {
	base := "jamstalldhetsresa"
	if code == "en" {
		base = "equality-journey"
	}
	return fmt.Sprintf("%s-%d-%s.pdf", base, year, slug(org))
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range text.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// num writes a figure with at most one decimal, a decimal comma in Swedish.
func num(code string, v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if code != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// quart writes "median (Q1–Q3)", or hidden.
func quart(code string, w *journeyWords, q stats.Quartiles) string {
	if q.Hidden {
		return w.hidden
	}
	return fmt.Sprintf("%s (%s–%s)", num(code, q.Median), num(code, q.Q1), num(code, q.Q3))
}

// WriteJourneyReport writes a member's journey report.
func WriteJourneyReport(out io.Writer, d JourneyReport, o Options) error {
	return render(out, o, func(l *lang) string { return journeyWordsFor(l.code).reportTitle }, 1, func(_ int, u *unit) bool {
		code := u.l.code
		w := journeyWordsFor(code)
		u.reset(w.reportTitle, fmt.Sprintf("%s · %d", d.Org.Name, d.Year))
		u.para(marginL, contentW, fmt.Sprintf("%s %d", d.Org.Name, d.Year), bold, 16, 7.5, ink, nil)
		u.space(2)
		u.field(w.progress, fmt.Sprintf("%d / %d · %s", d.Progress.Done, data.Cells, w.stages[d.Progress.Stage()]))
		u.field(w.sector, d.Org.Sector)

		cols := []column{{w.year, 18, bold}, {w.metrics[stats.MetricEmployees], 24, regular}, {w.metrics[stats.MetricTechWomen], 36, regular},
			{w.metrics[stats.MetricMgmtWomen], 30, regular}, {w.metrics[stats.MetricPraoPupils], 22, regular},
			{w.metrics[stats.MetricTeams], 22, regular}, {w.progress, contentW - 152, regular}}
		var rows [][]string
		for _, h := range d.History {
			row := []string{strconv.Itoa(h.Year)}
			for _, m := range []stats.Metric{stats.MetricEmployees, stats.MetricTechWomen, stats.MetricMgmtWomen, stats.MetricPraoPupils, stats.MetricTeams} {
				if v, ok := h.Values[m]; ok {
					row = append(row, num(code, v))
				} else {
					row = append(row, w.noData)
				}
			}
			rows = append(rows, append(row, fmt.Sprintf("%d / %d", h.Progress.Done, data.Cells)))
		}
		u.headingTable(w.figuresOverTime, cols, rows, 0)
		u.table(cols, rows, 0, nil)

		u.heading(w.position)
		u.body(w.positionIntro)
		u.space(2)
		rows = nil
		for _, p := range d.Positions {
			you := w.noData
			if p.Has {
				you = num(code, p.Value)
			}
			rows = append(rows, []string{w.metrics[p.Metric], you, quart(code, w, p.Network), quart(code, w, p.Band), quart(code, w, p.Sector)})
		}
		u.table([]column{{w.figure, 52, regular}, {w.you, 16, bold}, {w.network, 34, regular}, {w.band, 36, regular},
			{w.sector, contentW - 138, regular}}, rows, 0, nil)

		byCell := map[string]data.Measure{}
		for _, m := range d.Measures {
			byCell[string(m.Area)+"/"+string(m.Step)] = m
		}
		cols = []column{{w.area, 46, bold}}
		for _, s := range data.Steps {
			cols = append(cols, column{w.steps[s], (contentW - 46) / 4, regular})
		}
		rows = nil
		for _, a := range data.Areas {
			row := []string{w.areas[a]}
			for _, s := range data.Steps {
				m, ok := byCell[string(a)+"/"+string(s)]
				state := data.StateNotStarted
				if ok {
					state = m.State
				}
				cell := w.states[state]
				if ok && !m.Date.IsZero() {
					cell += " " + data.FormatDate(m.Date)
				}
				if ok && m.Done != "" {
					cell += "\n" + m.Done
				}
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
		u.headingTable(w.measures, cols, rows, 0)
		u.table(cols, rows, 0, nil)

		u.heading(w.paySurvey)
		status := w.notDone
		if d.Figures != nil && d.Figures.PaySurvey {
			status = w.done
		}
		// The survey's date whenever one is given, and a done survey
		// without one says so (found by use: no date was printed).
		switch {
		case d.Figures != nil && !d.Figures.PaySurveyDate.IsZero():
			status += " " + data.FormatDate(d.Figures.PaySurveyDate)
		case d.Figures != nil && d.Figures.PaySurvey:
			status += " (" + w.noDate + ")"
		}
		u.field(strconv.Itoa(d.Year), status)
		if d.Figures != nil && d.Figures.Employees > 0 {
			u.field(w.metrics[stats.MetricEmployees], strconv.Itoa(d.Figures.Employees))
			u.space(2)
			rows = nil
			for _, t := range data.ThresholdsFor(d.Figures.Employees) {
				what, ver := t.Sv, w.notVer
				if code == "en" {
					what = t.En
				}
				if t.Verified != "" {
					ver = w.verified + " " + t.Verified
				}
				rows = append(rows, []string{what, t.Source + " (" + ver + ")"})
			}
			u.table([]column{{w.rules, 90, regular}, {w.source, contentW - 90, regular}}, rows, 0, nil)
		}

		u.heading(w.nextSteps)
		var next []string
		for _, a := range data.Areas {
			for _, s := range data.Steps {
				if m, ok := byCell[string(a)+"/"+string(s)]; !ok || !m.State.Done() {
					next = append(next, fmt.Sprintf("%s: %s", w.areas[a], w.steps[s]))
					break
				}
			}
		}
		if len(next) == 0 {
			u.body(w.allDone)
		} else {
			u.body(w.nextIntro)
			for _, n := range next {
				u.body("• " + n)
			}
		}
		if len(d.Stories) > 0 {
			u.heading(w.stories)
			for _, s := range d.Stories {
				u.para(marginL, contentW, data.FormatDate(s.Date)+" · "+s.Title, bold, bodySize, bodyLH, ink, nil)
				u.body(s.Text)
				u.space(2)
			}
		}
		return true
	})
}

// JourneyBook is the shared stories of a year for a network event.
type JourneyBook struct {
	Year    int
	Stories []BookStory
}

// BookStory is one shared story with its member's name.
type BookStory struct {
	Org   string
	Entry data.JourneyEntry
}

// NewJourneyBook keeps the shareable stories dated in year, by area (in
// the law's order, stories without an area last), then date and member.
func NewJourneyBook(year int, entries []data.JourneyEntry, orgs map[string]data.Organisation) JourneyBook {
	b := JourneyBook{Year: year}
	for _, e := range entries {
		if e.Shareable && e.Date.Year() == year {
			b.Stories = append(b.Stories, BookStory{Org: orgs[e.OrganisationID].Name, Entry: e})
		}
	}
	order := func(a data.Area) int {
		for i, x := range data.Areas {
			if x == a {
				return i
			}
		}
		return len(data.Areas)
	}
	sort.SliceStable(b.Stories, func(i, j int) bool {
		a, c := b.Stories[i], b.Stories[j]
		if order(a.Entry.Area) != order(c.Entry.Area) {
			return order(a.Entry.Area) < order(c.Entry.Area)
		}
		if !a.Entry.Date.Equal(c.Entry.Date) {
			return a.Entry.Date.Before(c.Entry.Date)
		}
		return a.Org < c.Org
	})
	return b
}

// WriteJourneyBook writes the journey book; ErrNothing when no story is
// shared.
func WriteJourneyBook(out io.Writer, b JourneyBook, o Options) error {
	if len(b.Stories) == 0 {
		return ErrNothing
	}
	return render(out, o, func(l *lang) string { return journeyWordsFor(l.code).bookTitle }, 1, func(_ int, u *unit) bool {
		w := journeyWordsFor(u.l.code)
		u.reset(w.bookTitle, strconv.Itoa(b.Year))
		u.para(marginL, contentW, fmt.Sprintf("%s %d", w.bookTitle, b.Year), bold, 16, 7.5, ink, nil)
		u.body(w.bookIntro)
		area := data.Area("-")
		for _, s := range b.Stories {
			if s.Entry.Area != area {
				area = s.Entry.Area
				name := w.areas[area]
				if area == "" {
					name = w.stories
				}
				u.heading(name)
			}
			u.para(marginL, contentW, s.Entry.Title, bold, 11, 5.6, ink, nil)
			u.para(marginL, contentW, s.Org+" · "+data.FormatDate(s.Entry.Date), regular, 9, bodyLH, grey, nil)
			u.body(s.Entry.Text)
			u.space(3)
		}
		return true
	})
}

// WriteTablePlan writes an event's table plan on the first page and then
// one slip per seated member: whom it meets and why.
func WriteTablePlan(out io.Writer, p *peers.EventPlan, o Options) error {
	if len(p.Plan.Tables) == 0 {
		return ErrNothing
	}
	type slip struct {
		table     int
		member    string
		meet, why []string
	}
	var slips []slip
	name := func(id string) string { return p.Members[id].Name }
	n := 1
	for _, t := range p.Plan.Tables {
		n += 1 + len(t.Guests) // the host's slip and each guest's
	}
	return render(out, o, func(l *lang) string { return journeyWordsFor(l.code).planTitle }, n, func(i int, u *unit) bool {
		w := journeyWordsFor(u.l.code)
		reason := func(learner, sharer string, a data.Area) string {
			return fmt.Sprintf("%s %s %s; %s %s.", name(learner), w.wantsStart, strings.ToLower(w.areas[a]), name(sharer), w.canShare)
		}
		if i == 0 {
			slips = slips[:0]
			u.reset(w.planTitle, p.Event.Title)
			u.para(marginL, contentW, p.Event.Title, bold, 16, 7.5, ink, nil)
			if p.Previous.ID != "" {
				u.body(fmt.Sprintf(w.previous, p.Previous.Title))
			}
			u.space(2)
			var rows [][]string
			for k, t := range p.Plan.Tables {
				var gs, why []string
				host := slip{table: k + 1, member: t.Host}
				for _, g := range t.Guests {
					gs = append(gs, name(g.Member))
					learner, sharer := g.Member, t.Host
					if !g.Learner {
						learner, sharer = sharer, learner
					}
					r := reason(learner, sharer, g.Area)
					why = append(why, r)
					host.meet, host.why = append(host.meet, name(g.Member)), append(host.why, r)
					slips = append(slips, slip{table: k + 1, member: g.Member, meet: []string{name(t.Host)}, why: []string{r}})
				}
				slips = append(slips, host)
				rows = append(rows, []string{strconv.Itoa(k + 1), name(t.Host), strings.Join(gs, "\n"), strings.Join(why, "\n")})
			}
			u.table([]column{{w.table, 14, bold}, {w.host, 40, bold}, {w.guests, 40, regular}, {w.why, contentW - 94, regular}}, rows, 0, nil)
			if len(p.Plan.Alone) > 0 {
				u.heading(w.alone)
				for _, a := range p.Plan.Alone {
					u.body(fmt.Sprintf("%s: %s", name(a.Member), w.whyAlone[a.Why]))
				}
			}
			sort.SliceStable(slips, func(a, b int) bool {
				return text.Collator().CompareString(name(slips[a].member), name(slips[b].member)) < 0
			})
			return true
		}
		if i-1 >= len(slips) {
			return false
		}
		s := slips[i-1]
		u.reset(w.slipTitle, p.Event.Title)
		u.para(marginL, contentW, name(s.member), bold, 16, 7.5, ink, nil)
		u.space(2)
		u.body(fmt.Sprintf(w.slipIntro, s.table))
		u.heading(w.meet)
		for k, m := range s.meet {
			u.para(marginL, contentW, m, bold, 11, 5.6, ink, nil)
			u.body(s.why[k])
			u.space(2)
		}
		return true
	})
}

// WriteJourneyFile writes one of the journey documents to path (mode 0600,
// through a temporary file).
func WriteJourneyFile(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writePrivate(path, buf.Bytes())
}
