package statistics

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// topCompanies is how many companies or professions a chart shows by name;
// the rest are merged into one bar.
const topCompanies = 10

// companyCharts are the bar charts of Statistik's Företag section.
type companyCharts struct {
	members, hosted, roleModels, journey *widgets.BarChart
}

func newCompanyCharts() companyCharts {
	return companyCharts{members: widgets.NewBarChart(), hosted: widgets.NewBarChart(), roleModels: widgets.NewBarChart(), journey: widgets.NewBarChart()}
}

func (c companyCharts) clear() {
	for _, ch := range []*widgets.BarChart{c.members, c.hosted, c.roleModels, c.journey} {
		ch.SetRows(nil)
	}
}

// showCompanies adds the Företag section: member companies over time,
// pupils hosted per company, role models per profession, journey entries
// per year and attendance at events.
func (s *Screen) showCompanies() {
	co := s.company
	if co == nil {
		s.companies.clear()
		return
	}
	s.body.Add(widgets.HeadingLabel(lang.X("statistics.companies", "Företag")))
	note := widgets.WrapLabel(lang.X("statistics.companies_note", "Gäller hela regionen, oavsett vald skola eller kommun."))
	note.Importance = widget.LowImportance
	s.body.Add(note)

	s.body.Add(boldLabel(lang.X("statistics.members", "Medlemsföretag vid årets slut")))
	s.companies.members.SetRows(memberBars(co.Members))
	s.body.Add(s.companies.members)

	s.body.Add(boldLabel(uikit.Message("statistics.hosted", "Elever per värdföretag ({{.N}} elever)",
		map[string]string{"N": co.HostedTotal.String()})))
	if len(co.Hosted) == 0 {
		s.body.Add(widgets.WrapLabel(lang.X("statistics.hosted_none", "Inga elever är placerade hos företag under den valda tiden.")))
	}
	s.companies.hosted.SetRows(hostedBars(co))
	s.body.Add(s.companies.hosted)

	s.body.Add(boldLabel(uikit.Message("statistics.role_models", "Förebilder per yrke ({{.N}} personer)",
		map[string]string{"N": fmt.Sprint(co.RoleModelCount)})))
	s.companies.roleModels.SetRows(roleModelBars(co))
	s.body.Add(s.companies.roleModels)

	s.body.Add(boldLabel(lang.X("statistics.journey", "Steg mot en jämställd arbetsplats (resan) per år")))
	s.companies.journey.SetRows(journeyBars(co.Journey))
	s.body.Add(s.companies.journey)

	s.body.Add(boldLabel(uikit.Message("statistics.events", "Närvaro på evenemang ({{.N}} evenemang)",
		map[string]string{"N": fmt.Sprint(co.EventCount)})))
	if len(co.Events) == 0 {
		s.body.Add(widgets.WrapLabel(lang.X("statistics.events_none", "Inga företag har varit med på ett evenemang under den valda tiden.")))
		return
	}
	var rows [][]string
	for i, e := range co.Events {
		if i == topCompanies {
			rows = append(rows, []string{uikit.Message("statistics.more_companies", "… och {{.N}} företag till",
				map[string]string{"N": fmt.Sprint(len(co.Events) - i)}), "", "", ""})
			break
		}
		rows = append(rows, []string{e.Company.Name, fmt.Sprint(e.Visits), fmt.Sprint(e.Events), fmt.Sprint(e.People)})
	}
	s.body.Add(table([]string{lang.X("statistics.company", "Företag"), lang.X("statistics.visits", "Besök"),
		lang.X("statistics.event_count", "Evenemang"), lang.X("statistics.people", "Personer")}, rows))
}

// noteLabel is a note under a table or chart: wrapped, less prominent.
func noteLabel(text string) *widget.Label {
	l := widgets.WrapLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// boldLabel is a sub-heading within a section.
func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}

// memberBars are the member companies at each year's end; the year still
// running is labelled with the day counted to.
func memberBars(ms []figures.MemberYear) []widgets.BarRow {
	most := 0
	for _, m := range ms {
		most = max(most, m.Members)
	}
	var out []widgets.BarRow
	for _, m := range ms {
		label := fmt.Sprint(m.Year)
		if m.At.Year() == m.Year {
			label = uikit.Message("statistics.until", "{{.Year}} (till {{.Date}})",
				map[string]string{"Year": label, "Date": data.FormatDate(m.At.AddDate(0, 0, -1))})
		}
		row := widgets.BarRow{Label: label, Count: m.Members, Text: uikit.Message("statistics.members_text", "{{.N}} (+{{.New}})",
			map[string]string{"N": fmt.Sprint(m.Members), "New": fmt.Sprint(m.Joined)})}
		if most > 0 {
			row.Share = float64(m.Members) / float64(most)
		}
		out = append(out, row)
	}
	return out
}

// hostedBars are the companies that hosted the most pupils, each shown
// count by name; hidden counts (under 5, or hidden so that one cannot be
// worked out) are merged into one bar of "other companies", itself "<5"
// when small.
func hostedBars(co *figures.CompanyFigures) []widgets.BarRow {
	most := 0
	for _, h := range co.Hosted {
		if !h.Pupils.Suppressed {
			most = max(most, h.Pupils.N)
		}
	}
	most = max(most, co.HostedOther.N)
	var out []widgets.BarRow
	merged, mergedN := 0, 0
	for _, h := range co.Hosted {
		if h.Pupils.Suppressed || len(out) >= topCompanies {
			merged++
			mergedN += h.Pupils.N
			continue
		}
		out = append(out, widgets.BarRow{Label: h.Company.Name, Count: h.Pupils.N, Share: float64(h.Pupils.N) / float64(most), Text: h.Pupils.String()})
	}
	if merged > 0 {
		// Companies past the top ten are shown ones, so their sum with the
		// hidden ones is no smaller than the hidden ones' own.
		c := figures.NewCell(mergedN)
		if mergedN == co.HostedOther.N {
			c = co.HostedOther
		}
		row := widgets.BarRow{Label: uikit.Message("statistics.other_companies", "Övriga företag ({{.N}} st)",
			map[string]string{"N": fmt.Sprint(merged)}), Text: c.String(), Muted: true}
		if !c.Suppressed && most > 0 {
			row.Count, row.Share = c.N, float64(c.N)/float64(max(most, c.N))
		}
		out = append(out, row)
	}
	return out
}

// roleModelBars are the professions with most role models.
func roleModelBars(co *figures.CompanyFigures) []widgets.BarRow {
	most := 0
	if len(co.RoleModels) > 0 {
		most = co.RoleModels[0].People
	}
	var out []widgets.BarRow
	rest, restN := 0, 0
	for i, r := range co.RoleModels {
		if i >= topCompanies {
			rest++
			restN += r.People
			continue
		}
		name := r.Profession
		if name == "" {
			name = lang.X("statistics.no_profession", "Yrke ej angivet")
		}
		out = append(out, widgets.BarRow{Label: name, Count: r.People, Share: float64(r.People) / float64(most), Text: fmt.Sprint(r.People)})
	}
	if rest > 0 {
		out = append(out, widgets.BarRow{Label: uikit.Message("statistics.other_professions", "Övriga yrken ({{.N}} st)",
			map[string]string{"N": fmt.Sprint(rest)}), Count: restN, Share: float64(restN) / float64(max(most, restN)),
			Text: fmt.Sprint(restN), Muted: true})
	}
	return out
}

// journeyBars are the journey entries per year.
func journeyBars(js []figures.JourneyYear) []widgets.BarRow {
	most := 0
	for _, j := range js {
		most = max(most, j.Entries)
	}
	var out []widgets.BarRow
	for _, j := range js {
		row := widgets.BarRow{Label: fmt.Sprint(j.Year), Count: j.Entries, Text: uikit.Message("statistics.journey_text",
			"{{.N}} steg, {{.Companies}} företag", map[string]string{"N": fmt.Sprint(j.Entries), "Companies": fmt.Sprint(j.Companies)})}
		if most > 0 {
			row.Share = float64(j.Entries) / float64(most)
		}
		out = append(out, row)
	}
	return out
}
