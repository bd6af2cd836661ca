package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
)

// journeyReportFixture is a member's report whose position table has n
// rows, so that Aktiva åtgärder begins at another height on page 1 for
// each n.
func journeyReportFixture(n int, pay data.JourneyYear) JourneyReport {
	d := JourneyReport{Org: data.Organisation{Name: "Ölme Kodverkstad AB", Sector: "IT"}, Year: 2026, Figures: &pay}
	for i := range n {
		d.Positions = append(d.Positions, stats.Position{Metric: stats.FigureMetrics[i%len(stats.FigureMetrics)], Value: float64(i), Has: true})
	}
	for _, a := range data.Areas {
		for _, s := range data.Steps {
			d.Measures = append(d.Measures, data.Measure{Area: a, Step: s, State: data.StateInPlace,
				Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Done: "Medarbetarenkät med frågor om arbetsmiljö"})
		}
	}
	return d
}

// TestJourneyReportKeepsHeadingsWithRows: no page ends with a heading or a
// table header without a row under it (found by use: "Aktiva åtgärder"
// and an empty header stood at the foot of page 1, the rows on page 2);
// the pay survey's date is printed.
func TestJourneyReportKeepsHeadingsWithRows(t *testing.T) {
	pay := data.JourneyYear{Year: 2026, Employees: 48, PaySurvey: true, PaySurveyDate: time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)}
	for n := 0; n <= 30; n++ {
		pages := pdfPages(t, renderBytes(t, func(b *bytes.Buffer) error {
			return WriteJourneyReport(b, journeyReportFixture(n, pay), Options{Fixed: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)})
		}))
		all := flat(strings.Join(pages, " "))
		if !strings.Contains(all, "Gjord 2026-04-30") {
			t.Fatalf("%d positions: no pay survey date in %q", n, all)
		}
		for i, p := range pages {
			f := flat(p)
			at := strings.LastIndex(f, "Aktiva åtgärder")
			if at >= 0 && !strings.Contains(f[at:], "På plats 2026-03-01") {
				t.Errorf("%d positions: page %d ends with Aktiva åtgärder and no row: %q", n, i+1, f[at:])
			}
			if h := strings.LastIndex(f, "Krav efter antal anställda"); h >= 0 && !strings.Contains(f[h:], "Diskrimineringslagen") && !strings.Contains(f[h:], "Direktiv") {
				t.Errorf("%d positions: page %d ends with a table header and no row: %q", n, i+1, f[h:])
			}
		}
	}
}

// TestJourneyReportPaySurveyText: the date whenever one is given, and a
// done survey without one says so.
func TestJourneyReportPaySurveyText(t *testing.T) {
	d430 := time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		pay  data.JourneyYear
		want string
	}{
		{data.JourneyYear{PaySurvey: true, PaySurveyDate: d430}, "2026 Gjord 2026-04-30"},
		{data.JourneyYear{PaySurvey: true}, "2026 Gjord (inget datum angivet)"},
		{data.JourneyYear{}, "2026 Inte gjord"},
	} {
		pages := pdfPages(t, renderBytes(t, func(b *bytes.Buffer) error {
			return WriteJourneyReport(b, journeyReportFixture(0, c.pay), Options{Fixed: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)})
		}))
		if all := flat(strings.Join(pages, " ")); !strings.Contains(all, c.want) {
			t.Errorf("%+v: no %q in %s", c.pay, c.want, fmt.Sprint(all[strings.Index(all, "Lönekartläggning"):][:80]))
		}
	}
}
