package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/reports/charts"
)

func cell(n int) stats.Cell { return stats.NewCell(n) }

func share(part, whole int) stats.Share { return stats.NewShare(part, whole) }

func mean(v float64, n int) stats.Mean {
	return stats.Mean{N: n, Value: v, Suppressed: n > 0 && n < stats.MinGroup}
}

// sampleFigures are a year's figures; the numbers are made up and chosen so
// that each one is easy to find in the text.
func sampleFigures(scale int) ImpactFigures {
	f := ImpactFigures{
		PeriodNames: []string{"Åk 9 v. 46 2026", "Åk 8 v. 11 2026"},
		Pupils:      cell(412 * scale / 10),
		Outcome:     []stats.Cell{cell(251), cell(60), cell(31), cell(12), cell(3), cell(20), cell(35)},
		FirstChoice: share(251, 377),
		GirlsShare:  share(171, 377),
		Recommend:   share(233, 270),
		Answered:    cell(270),
		AloneGirls:  cell(7), GroupOffers: 88,
		Events: 9, Attendees: cell(318), Members: 41, Hosts: 57,
	}
	f.Placed = [stats.NumGroups + 1]stats.Cell{cell(171), cell(203), {N: 3, Suppressed: true}, cell(377 * scale / 10)}
	f.InterestBefore = [stats.NumGroups + 1]stats.Mean{mean(2.9, 120), mean(3.4, 140), mean(3, 3), mean(3.2, 263)}
	f.InterestAfter = [stats.NumGroups + 1]stats.Mean{mean(3.6, 121), mean(3.7, 142), mean(4, 3), mean(3.6, 266)}
	return f
}

const longMunicipality = "Gunnarskogs och Brunskogs gemensamma skolkommun med ett namn som inte tar slut"

func sampleImpact() Impact {
	this := sampleFigures(10)
	last := sampleFigures(8)
	last.Placed[stats.Girls] = cell(120)
	last.GirlsShare = share(120, 301)
	last.InterestAfter[stats.Girls] = mean(3.1, 100)
	last.Events = 6
	muni := func(name string, schools ...ImpactSchool) ImpactMunicipality {
		f := sampleFigures(5)
		f.Events, f.Members, f.Hosts = 0, 0, 0
		return ImpactMunicipality{Name: name, Figures: f, Schools: schools}
	}
	return Impact{
		Year: 2026, This: this, Last: &last,
		Municipalities: []ImpactMunicipality{
			muni("Arvika", ImpactSchool{Name: "Solbergaskolan", Pupils: cell(61), Placed: cell(58),
				FirstChoice: share(40, 58), GirlsShare: share(27, 58)}),
			muni("Karlstad", ImpactSchool{Name: "Norrstrandsskolan", Pupils: cell(90), Placed: cell(84),
				FirstChoice: share(60, 84), GirlsShare: share(41, 84)},
				ImpactSchool{Name: "Lilla skolan", Pupils: cell(3), Placed: stats.Cell{N: 3, Suppressed: true},
					FirstChoice: share(2, 3), GirlsShare: share(1, 3)}),
			muni(longMunicipality),
		},
		Companies: ImpactCompanies{
			Hosted: []NamedCount{{"Exempelteknik AB", cell(24)}, {"Värmlands Kraft & Ljus AB", cell(17)},
				{"Liten Verkstad HB", cell(2)}, {"Annan Liten AB", cell(4)}},
			RoleModels: []NamedCount{{"Ingenjör", cell(12)}, {"Programmerare", cell(9)}, {"Svetsare", cell(1)}},
			Journey:    []YearCount{{2024, 14}, {2025, 22}, {2026, 31}},
			Attendance: []NamedCount{{"Exempelteknik AB", cell(12)}, {"Värmlands Kraft & Ljus AB", cell(8)}},
			Members:    []YearCount{{2024, 30}, {2025, 36}, {2026, 41}},
		},
	}
}

var fixedTime = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func TestImpactReadsBack(t *testing.T) {
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, sampleImpact(), Options{Fixed: fixedTime}) })
	pages := pdfPages(t, b)
	if len(pages) < 6 {
		t.Fatalf("%d pages, want cover, gender, municipalities, one per municipality, companies", len(pages))
	}
	all := flat(strings.Join(pages, " "))
	cover := flat(pages[0])
	for _, want := range []string{"Effektrapport 2026", "Praoperioder och evenemang 2026", "Nyckeltal",
		"Åk 9 v. 46 2026", "412", "377", "Fick sitt förstahandsval", "67 %", // 251 of 377
		"Flickor placerade", "171", "+43 % mot 2025", // 171 against 120
		"Andel flickor av de placerade", "45 %", "+5 p.e. mot 2025", // 45 % against 40 %
		"Flickors intresse för teknik, före och efter", "2,9", "3,6", "+0,5 mot 2025",
		"Skulle rekommendera praon", "86 %", "Evenemang", "9", "+50 % mot 2025", "Medlemsföretag", "41",
		"Inga grupper med färre än 5 elever visas", "Sida 1 av"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	for _, want := range []string{"Flickor och pojkar", "Förändring", "Kommunerna", "Kommun: Arvika",
		"Kommun: Karlstad", "Norrstrandsskolan", "Lilla skolan", "<5", "Företagen", "Gunnarskogs och Brunskogs"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The small group of other-gender pupils (3) is never printed as a number.
	if strings.Contains(all, "Annat/okänt 3") {
		t.Error("a small group is shown")
	}
	if n := bytes.Count(b, []byte("/Subtype /Image")); n < 8 {
		t.Errorf("%d images, want the charts embedded", n)
	}
}

func TestImpactInEnglish(t *testing.T) {
	b := renderBytes(t, func(w *bytes.Buffer) error {
		return WriteImpact(w, sampleImpact(), Options{Lang: "en", Fixed: fixedTime})
	})
	text := flat(strings.Join(pdfPages(t, b), " "))
	if m := missing(text, "Impact report 2026", "Key numbers", "Girls placed", "67%", "+43% vs 2025",
		"+5 pp vs 2025", "Municipality: Arvika", "Page 1 of"); len(m) > 0 {
		t.Errorf("missing %q", m)
	}
}

func TestImpactOfAnEmptyYearSaysSo(t *testing.T) {
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, Impact{Year: 2031}, Options{}) })
	pages := pdfPages(t, b)
	if len(pages) != 1 {
		t.Errorf("%d pages for an empty year", len(pages))
	}
	if m := missing(flat(pages[0]), "Effektrapport 2031", "Inga praoperioder eller evenemang finns registrerade för 2031.",
		"Sida 1 av 1"); len(m) > 0 {
		t.Errorf("missing %q in %q", m, pages[0])
	}
}

func TestImpactWithoutAPreviousYear(t *testing.T) {
	d := sampleImpact()
	d.Last = nil
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{}) })
	text := flat(strings.Join(pdfPages(t, b), " "))
	if m := missing(text, "Inget att jämföra med: 2025 har inga registrerade praoperioder eller evenemang."); len(m) > 0 {
		t.Error(m)
	}
	if strings.Contains(text, "mot 2025") {
		t.Error("a change against a year without data")
	}
}

func TestImpactIsDeterministic(t *testing.T) {
	o := Options{Fixed: fixedTime}
	a := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, sampleImpact(), o) })
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, sampleImpact(), o) })
	if !bytes.Equal(a, b) {
		t.Error("the same report printed twice differs")
	}
}

func TestImpactLayoutStaysInsideTheMargins(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	d := sampleImpact()
	d.Municipalities[0].Schools[0].Name = strings.Repeat("Mycket långt skolnamn ", 8)
	lay := &impactLayout{u: &unit{m: m, l: &swedish}, w: &impactSV, lang: "sv", d: &d}
	lay.build()
	checkLayout(t, lay.u)
	for _, im := range lay.imgs {
		if im.x < marginL || im.x+im.w > pageW-marginR+0.01 || im.y < contentTop || im.y+im.h > contentBottom+0.01 {
			t.Errorf("chart on page %d outside the content: %+v", im.page+1, im)
		}
	}
}

func TestImpactFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ut", ImpactFileName(2026, "sv"))
	calls := 0
	pages, err := WriteImpactFile(context.Background(), path, sampleImpact(), Options{}, func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || pages < 6 || calls < 8 {
		t.Errorf("file %v %v, %d pages, %d progress calls", fi, err, pages, calls)
	}
	if filepath.Base(path) != "Effektrapport 2026.pdf" {
		t.Errorf("file name %q", filepath.Base(path))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	other := filepath.Join(t.TempDir(), "x.pdf")
	if _, err := WriteImpactFile(ctx, other, sampleImpact(), Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Error("a cancelled report left a file")
	}
}

func TestImpactChanges(t *testing.T) {
	lay := &impactLayout{w: &impactSV, lang: "sv", ofYear: "mot 2025"}
	hidden := stats.Cell{N: 3, Suppressed: true}
	counts := []struct {
		c, last stats.Cell
		has     bool
		want    string
		dir     int
	}{
		{cell(120), cell(100), true, "+20\u00a0% mot 2025", 1},
		{cell(90), cell(100), true, "–10\u00a0% mot 2025", -1},
		{cell(100), cell(100), true, "±0\u00a0% mot 2025", 0},
		{cell(100), cell(100), false, "–", 0},
		{hidden, cell(100), true, "–", 0},
		{cell(100), hidden, true, "–", 0},
		{cell(7), cell(0), true, "–", 0},
	}
	for _, c := range counts {
		if got, dir := lay.countChange(c.c, c.last, c.has); got != c.want || dir != c.dir {
			t.Errorf("countChange(%v, %v) = %q %d, want %q %d", c.c, c.last, got, dir, c.want, c.dir)
		}
	}
	if got, _ := lay.shareChange(share(30, 60), share(20, 50), true); got != "+10\u00a0p.e. mot 2025" {
		t.Errorf("shareChange %q", got)
	}
	if got, _ := lay.shareChange(share(3, 60), share(20, 50), true); got != "–" {
		t.Errorf("shareChange of a hidden share %q", got)
	}
	if got, _ := lay.meanChange(mean(3.1, 20), mean(3.4, 20), true); got != "–0,3 mot 2025" {
		t.Errorf("meanChange %q", got)
	}
	if got := countText(cell(12345)); got != "12\u00a0345" {
		t.Errorf("countText %q", got)
	}
}

func TestNamedChartMergesOrLeavesOutSmallGroups(t *testing.T) {
	lay := &impactLayout{w: &impactSV, lang: "sv"}
	hidden := func(n int) stats.Cell { return stats.Cell{N: n, Suppressed: true} }
	cases := []struct {
		name string
		in   []NamedCount
		cats []string
		vals []charts.Value
	}{
		{"two small ones merged", []NamedCount{{"A", cell(9)}, {"B", hidden(2)}, {"C", hidden(4)}, {"D", cell(12)}},
			[]string{"D", "A", "Övriga (2 st.)"}, []charts.Value{charts.Count(12), charts.Count(9), charts.Count(6)}},
		{"one small one never drawn", []NamedCount{{"A", cell(9)}, {"B", hidden(3)}},
			[]string{"A", "Övriga (1 st.)"}, []charts.Value{charts.Count(9), charts.Hide()}},
		{"two adding to under 5", []NamedCount{{"A", cell(9)}, {"B", hidden(1)}, {"C", hidden(2)}},
			[]string{"A", "Övriga (2 st.)"}, []charts.Value{charts.Count(9), charts.Hide()}},
		{"zeros left out", []NamedCount{{"A", cell(0)}, {"B", cell(5)}}, []string{"B"}, []charts.Value{charts.Count(5)}},
	}
	var many []NamedCount
	for i := range maxBars + 3 {
		many = append(many, NamedCount{Name: strings.Repeat("x", i+1), N: cell(100 - i)})
	}
	if got := lay.namedChart(many); len(got.Categories) != maxBars || got.Note != "De 15 största av 18 visas." {
		t.Errorf("%d bars of 18, note %q", len(got.Categories), got.Note)
	}
	for _, c := range cases {
		got := lay.namedChart(c.in)
		if !reflect.DeepEqual(got.Categories, c.cats) || !reflect.DeepEqual(got.Series[0].Values, c.vals) {
			t.Errorf("%s: %q %v, want %q %v", c.name, got.Categories, got.Series[0].Values, c.cats, c.vals)
		}
	}
}

func TestImpactWordsInBothLanguages(t *testing.T) {
	for _, w := range []impactWords{impactSV, impactEN} {
		v := reflect.ValueOf(w)
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).String() == "" {
				t.Errorf("%s is empty", v.Type().Field(i).Name)
			}
		}
	}
}

func BenchmarkImpact(b *testing.B) {
	d := sampleImpact()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteImpact(&buf, d, Options{Fixed: fixedTime}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

// A period of the year nobody is placed in yet is not counted, and the
// report says so under the periods it counts.
func TestImpactNamesPeriodsLeftOut(t *testing.T) {
	d := NewImpact(2027, stats.YearSummary{LeftOut: []data.Period{{Name: "Åk 8 v. 11 2027"}},
		Periods: []data.Period{{Name: "Åk 9 v. 2 2027"}}}, stats.YearSummary{})
	if got := strings.Join(d.This.LeftOutNames, ","); got != "Åk 8 v. 11 2027" || d.This.Empty() {
		t.Fatalf("left out %q, empty %v", got, d.This.Empty())
	}
	for lang, want := range map[string]string{"sv": "Inte med i siffrorna: Åk 8 v. 11 2027 (ingen elev är placerad ännu).",
		"en": "Not in the figures: Åk 8 v. 11 2027 (no pupil is placed yet)."} {
		b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{Lang: lang, Fixed: fixedTime}) })
		if text := flat(pdfPages(t, b)[0]); !strings.Contains(text, want) {
			t.Errorf("%s: the cover lacks %q:\n%s", lang, want, text)
		}
	}
}

// A municipality's page compares with its own year before when it had one,
// and prints no change when it had none.
func TestImpactMunicipalityPageComparesWithItsYearBefore(t *testing.T) {
	d := sampleImpact()
	last := sampleFigures(4)
	last.Events, last.Members, last.Hosts = 0, 0, 0
	d.Municipalities[0].Last = &last // Arvika; Karlstad had no figures in 2025
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{Fixed: fixedTime}) })
	page := func(name string) string {
		for _, p := range pdfPages(t, b) {
			if p := flat(p); strings.Contains(p, "Kommun: "+name) {
				return p
			}
		}
		t.Fatalf("no page for %s", name)
		return ""
	}
	// Pupils 206 against 164 (sampleFigures(5) against (4)): +26 %.
	if arvika := page("Arvika"); !strings.Contains(arvika, "+26 % mot 2025") {
		t.Errorf("Arvika's page has no change against 2025:\n%s", arvika)
	}
	if karlstad := page("Karlstad"); strings.Contains(karlstad, "mot 2025") {
		t.Errorf("Karlstad's page compares with a year it has no figures for:\n%s", karlstad)
	}
}
