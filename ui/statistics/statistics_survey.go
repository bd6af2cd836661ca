package statistics

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/data/text"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// The questionnaire before and after in Statistik: per period (and, for a
// year, per school year pooled) the paired change of interest in
// technology by gender with its 95 % interval, the comparison classes'
// difference, and — for the coordinator, who is the one who uses
// Statistik — what worked: the change by host, host group and role model
// met by at least 5 pupils, in alphabetical order, never a ranking.

// surveyResult is one table of the survey section.
type surveyResult struct {
	title  string
	effect figures.Effect
	worked []figures.Worked // nil for a pooled school year
}

// surveyBox is the section's container, kept across redraws of the body.
func (s *Screen) surveyBox() *fyne.Container {
	if s.survey == nil {
		s.survey = container.NewVBox()
	}
	return s.survey
}

// loadSurvey computes the chosen scope's questionnaire off the UI
// goroutine and swaps it into the section.
func (s *Screen) loadSurvey(c scopeChoice) {
	st, code := s.main.Store(), s.main.Language()
	s.surveyLoads++
	n := s.surveyLoads
	s.main.Background(func() func() {
		res, err := computeSurvey(st, c)
		return func() {
			if n != s.surveyLoads {
				return
			}
			s.showSurvey(res, err, text.Lang(code))
		}
	})
}

// computeSurvey reads the questionnaire of a period or of the periods of a
// year.
func computeSurvey(st *data.Store, c scopeChoice) ([]surveyResult, error) {
	ctx := context.Background()
	if c.kind == statPeriod {
		d, err := figures.LoadSurvey(ctx, st, c.period)
		if err != nil {
			return nil, err
		}
		for _, p := range d.Pupils {
			if p.Before != nil || p.After != nil {
				return []surveyResult{{title: c.period.Name, effect: figures.ComputeEffect(d.Pupils, c.period.Name),
					worked: figures.WhatWorked(d.Pupils, c.period.Name)}}, nil
			}
		}
		return nil, nil
	}
	y, err := figures.LoadSurveyYear(ctx, st, c.from, c.to)
	if err != nil {
		return nil, err
	}
	var out []surveyResult
	for _, p := range y.Periods {
		out = append(out, surveyResult{title: p.Period.Name, effect: p.Effect})
	}
	for _, g := range y.Grades {
		out = append(out, surveyResult{title: uikit.Message("survey.grade_pooled", "Årskurs {{.Grade}}, alla perioder",
			map[string]string{"Grade": fmt.Sprint(g.Grade)}), effect: g.Effect})
	}
	return out, nil
}

// showSurvey fills the section.
func (s *Screen) showSurvey(res []surveyResult, err error, l text.Lang) {
	box := s.surveyBox()
	box.Objects = nil
	box.Add(widgets.HeadingLabel(lang.X("survey.heading", "Intresse för teknik före och efter (enkät)")))
	switch {
	case err != nil:
		box.Add(widgets.WrapLabel(err.Error()))
	case len(res) == 0:
		box.Add(widgets.WrapLabel(lang.X("survey.none", "Ingen har svarat på enkäten före och efter för det här valet ännu.")))
	default:
		note := widgets.WrapLabel(lang.X("survey.method",
			"Medelvärdet av fyra intressefrågor (1–5, efter PATT-SQ). Bara elever som svarade både före och efter räknas (parade på koden). 95 % konfidensintervall med bootstrap; samma svar ger samma intervall. Enkäten räknas för alla skolor."))
		note.Importance = widget.LowImportance
		box.Add(note)
		for _, r := range res {
			s.surveyTable(box, r, l)
		}
	}
	box.Refresh()
}

// changeRow is a group's row of the table.
func changeRow(name string, c figures.Change, l text.Lang) []string {
	switch {
	case c.Hidden:
		h := figures.Cell{N: c.N, Suppressed: true}.String()
		return []string{name, h, h, h, h, h, h}
	case c.N == 0:
		return []string{name, "0", "–", "–", "–", "–", "–"}
	}
	up := figures.Hidden
	if !c.Up.Hidden() {
		up = uikit.Percent(c.Up.Ratio())
	}
	return []string{name, fmt.Sprint(c.N), figures.Decimal(l, c.Before), figures.Decimal(l, c.After),
		figures.Signed(l, c.Change), figures.Interval(l, c.CILow, c.CIHigh), up}
}

// surveyTable adds one period's (or school year's) table, words and what
// worked.
func (s *Screen) surveyTable(box *fyne.Container, r surveyResult, l text.Lang) {
	e := r.effect
	box.Add(boldLabel(r.title))
	header := []string{lang.X("survey.group", "Grupp"), "n", lang.X("survey.before", "Före"), lang.X("survey.after", "Efter"),
		lang.X("survey.change", "Förändring"), lang.X("survey.ci", "95 % KI"), lang.X("survey.rose", "Ökade")}
	names := groupNames()
	var rows [][]string
	for k, c := range e.Interest {
		if k == int(figures.Other) && c.N == 0 {
			continue
		}
		rows = append(rows, changeRow(names[k], c, l))
	}
	if e.HasComparison {
		rows = append(rows, changeRow(lang.X("survey.comparison", "Jämförelseklasser"), e.ComparisonInterest[figures.NumGroups], l))
	}
	box.Add(table(header, rows))
	box.Add(widgets.WrapLabel(names[figures.NumGroups] + ": " + e.Interest[figures.NumGroups].Words(l)))
	if e.HasComparison {
		box.Add(boldLabel(lang.X("survey.versus", "Jämfört med jämförelseklasserna (skillnad i förändring)")))
		for _, g := range []figures.Group{figures.NumGroups, figures.Girls, figures.Boys} {
			if v := e.Versus[g]; !v.Hidden || g == figures.NumGroups {
				box.Add(widgets.WrapLabel(names[g] + ": " + v.Words(l)))
			}
		}
	}
	unpaired := widgets.WrapLabel(uikit.Message("survey.unpaired", "Svarade bara före: {{.Before}}, bara efter: {{.After}} (inte med i förändringen).",
		map[string]string{"Before": e.Unpaired.BeforeOnly.String(), "After": e.Unpaired.AfterOnly.String()}))
	unpaired.Importance = widget.LowImportance
	box.Add(unpaired)
	if r.worked == nil {
		return
	}
	box.Add(boldLabel(lang.X("survey.worked", "Vad fungerade? (bara för samordnaren)")))
	note := widgets.WrapLabel(lang.X("survey.worked_note",
		"Förändringen bland eleverna som mötte varje värdgrupp, värdföretag och förebild, där minst 5 elever svarade båda gångerna. I bokstavsordning: ingen rangordning, och det visas aldrig för värdarna. Grupperna är små och eleverna valde själva, så skillnader säger inte vad som orsakade dem, och bland många rader blir ungefär var tjugonde ”mätbar” av en slump."))
	note.Importance = widget.LowImportance
	box.Add(note)
	if len(r.worked) == 0 {
		box.Add(widgets.WrapLabel(lang.X("survey.worked_none", "Ingen värd eller förebild mötte minst 5 elever som svarade båda gångerna.")))
		return
	}
	kinds := map[string]string{"group": lang.X("survey.kind_group", "Värdgrupp"), "host": lang.X("survey.kind_host", "Värdföretag"),
		"role_model": lang.X("survey.kind_role_model", "Förebild")}
	var wrows [][]string
	for _, w := range r.worked {
		c := w.Change
		verdict := lang.X("survey.no_measurable", "ingen mätbar förändring")
		if c.Measurable() {
			verdict = lang.X("survey.measurable", "mätbar förändring")
		}
		wrows = append(wrows, []string{kinds[w.Kind], w.Name, fmt.Sprint(c.N), figures.Signed(l, c.Change), figures.Interval(l, c.CILow, c.CIHigh), verdict})
	}
	box.Add(table([]string{lang.X("survey.kind", "Vad"), lang.X("survey.name", "Namn"), "n", lang.X("survey.change", "Förändring"),
		lang.X("survey.ci", "95 % KI"), ""}, wrows))
}
