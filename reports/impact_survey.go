package reports

import (
	"fmt"
	"strings"

	"techniqual/data/stats"
	"techniqual/data/text"
)

// The impact report's page on the questionnaire before and after: per
// period and per school year, by gender, the paired change of interest in
// technology with its 95 % interval, and the difference against the
// comparison classes where there are some. Small groups print as "<5";
// what worked (by host or role model) is never on this page: the report
// goes to the board and its member companies, and hosts are not ranked.

// surveyWords are the page's words in one language.
type surveyWords struct {
	title, lead, method, group, n, before, after, change, ci, up  string
	girls, boys, other, all, grade, comparison, unpaired, noneYet string
	versus, tech                                                  string
}

var surveySV = surveyWords{
	title:  "Intresse för teknik före och efter",
	lead:   "Eleverna svarade på samma enkät före prao (innan val och team) och i slutet av perioden, under en kod i stället för namn. Förändringen räknas bara för elever som svarade båda gångerna (parade på koden).",
	method: "Intresseskala: medelvärdet av fyra intressefrågor (1–5) efter PATT-SQ (Ardies m.fl. 2013; svensk version Svenningsson m.fl. 2018, ordalydelsen är nätverkets och inte kontrollerad mot originalet). 95 % konfidensintervall med bootstrap (2 000 omdragningar, fast frö: samma svar ger samma intervall). Grupper med färre än 5 elever visas som <5. En förändring säger inte vad som orsakade den; jämförelseklasserna visar hur intresset ändrades utan prao under samma tid.",
	group:  "Grupp", n: "n", before: "Före", after: "Efter", change: "Förändring", ci: "95 % KI", up: "Ökade",
	girls: "Flickor", boys: "Pojkar", other: "Annat/okänt", all: "Alla", grade: "Årskurs %d, alla perioder (en elev i två perioder räknas två gånger)",
	comparison: "Jämförelseklasser (alla)", unpaired: "Svarade bara en gång (räknas inte i förändringen): %s före, %s efter.",
	noneYet: "–", versus: "Jämfört med jämförelseklasserna (skillnad i förändring):", tech: "Tänker på ett teknikprogram (TE, EE, IN, NA): %s före, %s efter.",
}

var surveyEN = surveyWords{
	title:  "Interest in technology before and after",
	lead:   "The pupils answered the same questionnaire before prao (before choices and teams) and at the end of the period, under a code instead of their name. The change counts only pupils who answered both times (paired by the code).",
	method: "Interest scale: the mean of four interest items (1–5) after PATT-SQ (Ardies et al. 2013; Swedish version Svenningsson et al. 2018; the wording is the network's and not checked against the original). 95% confidence interval by bootstrap (2,000 resamples, fixed seed: the same answers give the same interval). Groups of fewer than 5 pupils show as <5. A change does not say what caused it; the comparison classes show how interest changed without prao over the same time.",
	group:  "Group", n: "n", before: "Before", after: "After", change: "Change", ci: "95% CI", up: "Rose",
	girls: "Girls", boys: "Boys", other: "Other/unknown", all: "All", grade: "Grade %d, all periods (a pupil in two periods counts twice)",
	comparison: "Comparison classes (all)", unpaired: "Answered only once (not in the change): %s before, %s after.",
	noneYet: "–", versus: "Against the comparison classes (difference in change):", tech: "Thinking of a technology programme (TE, EE, IN, NA): %s before, %s after.",
}

func (lay *impactLayout) surveyWords() *surveyWords {
	if lay.lang == "en" {
		return &surveyEN
	}
	return &surveySV
}

// minus draws the minus sign (U+2212) of the figures as an en dash, which
// the embedded font has and which Swedish print uses for minus.
func minus(s string) string { return strings.ReplaceAll(s, "\u2212", "\u2013") }

// surveyPage is the section on the questionnaire.
func (lay *impactLayout) surveyPage() {
	u, sw, y := lay.u, lay.surveyWords(), lay.d.Survey
	l := text.Lang(lay.lang)
	lay.section(sw.title)
	u.body(sw.lead)
	u.space(1)
	u.para(marginL, contentW, sw.method, regular, 8.5, 4.3, grey, nil)
	for _, p := range y.Periods {
		lay.surveyTable(p.Period.Name, p.Effect, sw, l)
	}
	for _, g := range y.Grades {
		lay.surveyTable(fmt.Sprintf(sw.grade, g.Grade), g.Effect, sw, l)
	}
}

// surveyTable is one period's (or school year's) table and its words.
func (lay *impactLayout) surveyTable(title string, e stats.Effect, sw *surveyWords, l text.Lang) {
	u := lay.u
	u.heading(title)
	cols := []column{{sw.group, 40, regular}, {sw.n, 12, regular}, {sw.before, 18, regular}, {sw.after, 18, regular},
		{sw.change, 22, bold}, {sw.ci, contentW - 40 - 12 - 18 - 18 - 22 - 22, regular}, {sw.up, 22, regular}}
	row := func(name string, c stats.Change) []string {
		if c.N == 0 && !c.Hidden {
			return []string{name, "0", sw.noneYet, sw.noneYet, sw.noneYet, sw.noneYet, sw.noneYet}
		}
		if c.Hidden {
			h := stats.Cell{N: c.N, Suppressed: true}.String()
			return []string{name, h, h, h, h, h, h}
		}
		up := stats.Hidden // the ones who rose, or the rest, are a small group
		if !c.Up.Hidden() {
			up = lay.percent(c.Up.Ratio())
		}
		return []string{name, fmt.Sprint(c.N), stats.Decimal(l, c.Before), stats.Decimal(l, c.After),
			minus(stats.Signed(l, c.Change)), minus(stats.Interval(l, c.CILow, c.CIHigh)), up}
	}
	names := [stats.NumGroups + 1]string{sw.girls, sw.boys, sw.other, sw.all}
	var rows [][]string
	for k, c := range e.Interest {
		if k == int(stats.Other) && c.N == 0 {
			continue
		}
		rows = append(rows, row(names[k], c))
	}
	if e.HasComparison {
		rows = append(rows, row(sw.comparison, e.ComparisonInterest[stats.NumGroups]))
	}
	u.table(cols, rows, 0, nil)
	u.space(1)
	all := e.Interest[stats.NumGroups]
	u.para(marginL, contentW, sw.all+": "+minus(all.Words(l)), bold, 9.5, 4.8, ink, nil)
	if e.HasComparison {
		u.para(marginL, contentW, sw.versus, bold, 9.5, 4.8, ink, nil)
		// Girls' and boys' own comparisons, where both sides are shown:
		// the network follows the girls above all.
		for _, g := range []stats.Group{stats.NumGroups, stats.Girls, stats.Boys} {
			if v := e.Versus[g]; !v.Hidden || g == stats.NumGroups {
				u.para(marginL, contentW, names[g]+": "+minus(v.Words(l)), regular, 9.5, 4.8, ink, nil)
			}
		}
	}
	if !e.TechBefore.Hidden() && !e.TechAfter.Hidden() {
		u.para(marginL, contentW, fmt.Sprintf(sw.tech, lay.percent(e.TechBefore.Ratio()), lay.percent(e.TechAfter.Ratio())), regular, 9, 4.6, ink, nil)
	}
	u.para(marginL, contentW, fmt.Sprintf(sw.unpaired, e.Unpaired.BeforeOnly.String(), e.Unpaired.AfterOnly.String()), regular, 8.5, 4.3, grey, nil)
}
