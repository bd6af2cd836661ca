package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"techniqual/data/stats"
	"techniqual/reports/charts"
)

// Impact is what the impact report (effektrapport) for the network's board
// shows: one calendar year's prao periods (those starting in the year) and
// events (those held in it), against the year before. Every count is a
// suppressed stats figure: small groups print as "<5" and are left out of
// (or merged in) the charts.
type Impact struct {
	// Year is the calendar year reported.
	Year int
	// This is the year's figures; Last the year before's, nil when nothing
	// was recorded then (the changes print "–").
	This ImpactFigures
	Last *ImpactFigures
	// Municipalities get a page each, in order.
	Municipalities []ImpactMunicipality
	// Companies is the page on the member and host companies.
	Companies ImpactCompanies
	// Week is the page on the year's teknikprao weeks; nil when the year
	// has none.
	Week *ImpactWeek
	// Survey is the page on the questionnaire before and after; nil when
	// no period of the year has answers (impact_survey.go).
	Survey *stats.SurveyYear
}

// empty reports whether d has nothing to report: no period, no week and
// no event.
func (d *Impact) empty() bool { return d.This.Empty() && d.Week == nil }

// ImpactFigures are the key numbers of a year, of all schools or of one
// municipality (whose events and companies are left zero).
type ImpactFigures struct {
	// PeriodNames are the prao periods counted.
	PeriodNames []string
	// LeftOutNames are the year's periods not counted: nobody is placed in
	// them yet (their pupils would all count as not placed).
	LeftOutNames []string
	// Pupils are the pupils of the periods (a pupil in two periods counts twice).
	Pupils stats.Cell
	// Placed per group: stats.Girls, stats.Boys, stats.Other and in all (stats.NumGroups).
	Placed [stats.NumGroups + 1]stats.Cell
	// Outcome is how many got their 1st … 5th choice, an offer they did not
	// choose, or no place (the rows of stats.Figures.Outcome, totals).
	Outcome     []stats.Cell
	FirstChoice stats.Share // of the placed
	GirlsShare  stats.Share // girls among the placed
	// InterestBefore and InterestAfter are the mean interest in technology
	// (1–5) per group and in all, from the pupils' evaluations.
	InterestBefore, InterestAfter [stats.NumGroups + 1]stats.Mean
	Recommend                     stats.Share // would recommend prao, of those who answered
	Answered                      stats.Cell  // evaluations answered
	// AloneGirls counts the offers where a girl was the only girl among
	// two or more pupils, of GroupOffers such offers.
	AloneGirls  stats.Cell
	GroupOffers int

	// Events held in the year and the visits of the companies' people to
	// them (attended registrations); Members is the member companies at
	// the end of the year; Hosts the companies that hosted pupils.
	Events    int
	Attendees stats.Cell
	Members   int
	Hosts     int
}

// ImpactMunicipality is one municipality's page.
type ImpactMunicipality struct {
	Name    string
	Figures ImpactFigures
	// Last is the municipality's figures the year before, nil when it had
	// none (the changes print nothing then).
	Last    *ImpactFigures
	Schools []ImpactSchool
}

// ImpactSchool is one school's line on its municipality's page.
type ImpactSchool struct {
	Name        string
	Pupils      stats.Cell
	Placed      stats.Cell
	FirstChoice stats.Share
	GirlsShare  stats.Share
}

// NamedCount is a count of something named (a company, a profession).
type NamedCount struct {
	Name string
	N    stats.Cell
}

// YearCount is a count of a year.
type YearCount struct {
	Year int
	N    int
}

// ImpactCompanies are the companies' figures.
type ImpactCompanies struct {
	Hosted     []NamedCount // pupils hosted per company in the year
	RoleModels []NamedCount // role models per profession ("" when not given)
	Journey    []YearCount  // entries in the companies' journeys per year
	Attendance []NamedCount // event attendances per company in the year
	Members    []YearCount  // member companies at the end of each year
}

// impactWords are the impact report's words in one language.
type impactWords struct {
	title, subject, lead, noData, compared, noPrevious                         string
	keyNumbers, pupils, placed, firstChoice, girlsPlaced, boysPlaced           string
	girlsShare, girlsInterest, recommend, events, attendees, members, hosts    string
	periods, suppression, change, figure, none                                 string
	genderTitle, placedByGender, interestTitle, outcomeTitle, aloneGirls       string
	girls, boys, others, all, before, after                                    string
	choice, unchosen, notPlaced, municipalities, municipality, schools, school string
	placedByMunicipality, companies, hostedTitle, roleModelsTitle              string
	journeyTitle, attendanceTitle, membersTitle, otherCompanies, pp, points    string
	companiesLead, interestNote, noMunicipality, answered                      string
	leftOut                                                                    string
	colPupils, colPlaced, colFirst, colGirls, noProfession, largest            string
}

var impactSV = impactWords{
	title: "Effektrapport", subject: "Praoperioder och evenemang %d",
	lead:       "Teknikprao och evenemang under %d: praoperioder som började under året och evenemang som hölls under året, jämfört med %d.",
	noData:     "Inga praoperioder eller evenemang finns registrerade för %d.",
	compared:   "mot %d",
	noPrevious: "Inget att jämföra med: %d har inga registrerade praoperioder eller evenemang.",
	keyNumbers: "Nyckeltal", pupils: "Elever i praoperioderna", placed: "Placerade elever",
	firstChoice: "Fick sitt förstahandsval", girlsPlaced: "Flickor placerade", boysPlaced: "Pojkar placerade",
	girlsShare: "Andel flickor av de placerade", girlsInterest: "Flickors intresse för teknik, före och efter",
	recommend: "Skulle rekommendera praon", events: "Evenemang", attendees: "Besök från företagen på evenemang",
	members: "Medlemsföretag", hosts: "Företag som tog emot elever",
	periods:     "Praoperioder: %s.",
	leftOut:     "Inte med i siffrorna: %s (ingen elev är placerad ännu).",
	suppression: "Inga grupper med färre än 5 elever visas: små tal står som <5, tal som skulle avslöja dem som .., och de lämnas utanför diagrammen.",
	change:      "Förändring", figure: "Nyckeltal", none: "–",
	genderTitle: "Flickor och pojkar", placedByGender: "Placerade elever efter kön",
	interestTitle: "Intresse för teknik före och efter praon (1–5)", outcomeTitle: "Vilket val eleverna fick",
	aloneGirls: "Praoplatser där en flicka var ensam flicka bland flera elever",
	girls:      "Flickor", boys: "Pojkar", others: "Annat/okänt", all: "Alla", before: "Före", after: "Efter",
	choice: "%d:a hand", unchosen: "Ej önskat", notPlaced: "Ej placerad",
	municipalities: "Kommunerna", municipality: "Kommun", schools: "Skolor", school: "Skola",
	placedByMunicipality: "Placerade elever per kommun och kön",
	companies:            "Företagen", hostedTitle: "Elever per värdföretag", roleModelsTitle: "Förebilder per yrke",
	journeyTitle: "Inlägg i företagens resa per år", attendanceTitle: "Besök på evenemang per företag",
	membersTitle: "Medlemsföretag per år", otherCompanies: "Övriga (%d st.)",
	pp: "p.e.", points: "%s enheter",
	companiesLead:  "Företagen i nätverket: hur många elever de tog emot, vilka yrken eleverna mötte och hur företagen deltog.",
	interestNote:   "Elevernas egen bedömning i utvärderingen, från 1 (inte alls intresserad) till 5 (mycket intresserad).",
	noMunicipality: "Utan kommun", answered: "Besvarade utvärderingar",
	colPupils: "Elever", colPlaced: "Placerade", colFirst: "Förstahandsval", colGirls: "Andel flickor",
	noProfession: "Yrke ej angivet", largest: "De %d största av %d visas.",
}

var impactEN = impactWords{
	title: "Impact report", subject: "Work experience periods and events %d",
	lead:       "Technology work experience and events in %d: periods that started during the year and events held during the year, compared with %d.",
	noData:     "No work experience periods or events are recorded for %d.",
	compared:   "vs %d",
	noPrevious: "Nothing to compare with: %d has no recorded periods or events.",
	keyNumbers: "Key numbers", pupils: "Pupils in the periods", placed: "Pupils placed",
	firstChoice: "Got their first choice", girlsPlaced: "Girls placed", boysPlaced: "Boys placed",
	girlsShare: "Share of girls among the placed", girlsInterest: "Girls' interest in technology, before and after",
	recommend: "Would recommend the placement", events: "Events", attendees: "Company visits to events",
	members: "Member companies", hosts: "Companies hosting pupils",
	periods:     "Periods: %s.",
	leftOut:     "Not in the figures: %s (no pupil is placed yet).",
	suppression: "No group of fewer than 5 pupils is shown: small numbers read <5, numbers that would give them away read .., and they are left out of the charts.",
	change:      "Change", figure: "Key number", none: "–",
	genderTitle: "Girls and boys", placedByGender: "Pupils placed by gender",
	interestTitle: "Interest in technology before and after the placement (1–5)", outcomeTitle: "Which choice pupils got",
	aloneGirls: "Placements where a girl was the only girl among several pupils",
	girls:      "Girls", boys: "Boys", others: "Other/unknown", all: "All", before: "Before", after: "After",
	choice: "choice %d", unchosen: "Not chosen", notPlaced: "Not placed",
	municipalities: "Municipalities", municipality: "Municipality", schools: "Schools", school: "School",
	placedByMunicipality: "Pupils placed by municipality and gender",
	companies:            "Companies", hostedTitle: "Pupils per host company", roleModelsTitle: "Role models by profession",
	journeyTitle: "Company journey entries per year", attendanceTitle: "Visits to events per company",
	membersTitle: "Member companies per year", otherCompanies: "Others (%d)",
	pp: "pp", points: "%s points",
	companiesLead:  "The network's companies: how many pupils they hosted, which professions pupils met and how the companies took part.",
	interestNote:   "The pupils' own rating in the evaluation, from 1 (not at all interested) to 5 (very interested).",
	noMunicipality: "No municipality", answered: "Evaluations answered",
	colPupils: "Pupils", colPlaced: "Placed", colFirst: "First choice", colGirls: "Share of girls",
	noProfession: "Profession not given", largest: "The %d largest of %d are shown.",
}

func (l *lang) impact() *impactWords {
	if l.code == "en" {
		return &impactEN
	}
	return &impactSV
}

// ImpactFileName is the file name the report is saved under by default,
// e.g. "Effektrapport 2026.pdf".
func ImpactFileName(year int, langCode string) string {
	l, err := languageFor(langCode)
	if err != nil {
		l = &swedish
	}
	return SafeFileName(fmt.Sprintf("%s %d", l.impact().title, year)) + ".pdf"
}

// Empty reports whether the year has nothing to report: no period and no
// event.
func (f ImpactFigures) Empty() bool {
	return len(f.PeriodNames) == 0 && len(f.LeftOutNames) == 0 && f.Pupils.N == 0 && f.Events == 0
}

// Chart geometry: charts are drawn at print resolution, their width in the
// PDF divided by 25.4 mm times chartDPI pixels.
const (
	chartDPI  = 300
	chartFont = 8.5 // points, the size of category names in a chart
)

var registerChartFont = sync.OnceValue(func() error {
	return charts.RegisterFont("Noto Sans", fontRegular, fontBold)
})

// chartTheme is the light theme in Noto Sans at print resolution.
func chartTheme() charts.Theme {
	th := charts.Light()
	if registerChartFont() == nil {
		th.Typeface = "Noto Sans"
	}
	th.DPI = chartDPI
	th.FontSize = chartFont
	return th
}

// placedImage is a chart placed on a page, rendered after layout.
type placedImage struct {
	page       int
	x, y, w, h float64
	chart      charts.Chart
	png        []byte
	err        error
}

// impactLayout lays out the report: a unit and the charts on its pages.
type impactLayout struct {
	u      *unit
	w      *impactWords
	imgs   []placedImage
	lang   string
	d      *Impact
	ofYear string // "mot 2025"
}

// WriteImpact writes the impact report for d to w. A year without data
// still gives a valid PDF saying so.
func WriteImpact(w io.Writer, d Impact, o Options) error {
	_, err := WriteImpactContext(context.Background(), w, d, o, nil)
	return err
}

// WriteImpactFile writes the impact report to path (mode 0600, through a
// temporary file: a failure leaves no half file, and an earlier file stays).
func WriteImpactFile(ctx context.Context, path string, d Impact, o Options, progress Progress) (pages int, err error) {
	var buf bytes.Buffer
	pages, err = WriteImpactContext(ctx, &buf, d, o, progress)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, fmt.Errorf("reports: write %s: %w", path, err)
	}
	return pages, writePrivate(path, buf.Bytes())
}

// WriteImpactContext is WriteImpact that stops when ctx is done and tells
// progress after each chart drawn (the slow part); it returns the pages.
func WriteImpactContext(ctx context.Context, out io.Writer, d Impact, o Options, progress Progress) (pages int, err error) {
	l, err := languageFor(o.Lang)
	if err != nil {
		return 0, err
	}
	iw := l.impact()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reports: %s: internal error: %v", iw.title, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	wr, err := newWriter(o, iw.title)
	if err != nil {
		return 0, err
	}
	lay := &impactLayout{u: &unit{m: wr.m, l: wr.l}, w: iw, lang: l.code, d: &d}
	lay.build()
	if err := lay.render(ctx, progress); err != nil {
		return 0, err
	}
	u := lay.u
	n := len(u.pages)
	// fpdf names an image after its content: the same chart twice (two
	// municipalities with the same figures) must be registered once.
	names := map[string]string{}
	for k, im := range lay.imgs {
		if _, ok := names[string(im.png)]; !ok {
			name := "chart" + strconv.Itoa(k)
			names[string(im.png)] = name
			wr.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(im.png))
		}
	}
	for i, ops := range u.pages {
		wr.pdf.AddPage()
		wr.chrome(u, i+1, n)
		for _, op := range ops {
			wr.draw1(op)
		}
		for _, im := range lay.imgs {
			if im.page == i {
				wr.pdf.ImageOptions(names[string(im.png)], im.x, im.y, im.w, im.h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			}
		}
		if err := wr.pdf.Error(); err != nil {
			return 0, fmt.Errorf("reports: %s: %w", iw.title, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var plain keep
	if err := wr.pdf.Output(&plain); err != nil {
		return 0, fmt.Errorf("reports: write %s: %w", iw.title, err)
	}
	wr.pdf = nil
	if err := compressPages(plain.b, out); err != nil {
		return 0, fmt.Errorf("reports: write %s: %w", iw.title, err)
	}
	return n, nil
}

// render draws the charts, two at a time on two cores and more on more.
func (lay *impactLayout) render(ctx context.Context, progress Progress) error {
	th := chartTheme()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(1, min(runtime.NumCPU(), 4)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				im := &lay.imgs[k]
				if ctx.Err() == nil {
					// fpdf orders images by width alone (SetCatalogSort): a
					// pixel less for each chart keeps the output the same
					// from run to run, and cannot be seen.
					wpx, hpx := int(math.Round(im.w/25.4*chartDPI))-k, int(math.Round(im.h/25.4*chartDPI))
					im.png, im.err = charts.CompactPNG(im.chart, wpx, hpx, th)
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(lay.imgs))
				}
				mu.Unlock()
			}
		}()
	}
	for k := range lay.imgs {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, im := range lay.imgs {
		if im.err != nil {
			return im.err
		}
	}
	return nil
}

// chart places c across the content width, h millimetres high, under a
// small title, on a new page when it does not fit.
func (lay *impactLayout) chart(title string, c charts.Chart, h float64) {
	u := lay.u
	c.Lang = lay.lang
	title = u.m.oneLine(title)
	u.keep(h + 9)
	if title != "" {
		u.para(marginL, contentW, title, bold, 10.5, 5.6, ink, nil)
		u.space(1)
	}
	lay.imgs = append(lay.imgs, placedImage{page: len(u.pages) - 1, x: marginL, y: u.y, w: contentW, h: h, chart: c})
	u.y += h
	u.space(4)
}

// section starts a section on a new page.
func (lay *impactLayout) section(title string) {
	lay.u.endSection() // the last section's heading is not continued
	lay.u.newPage()
	lay.u.heading(title)
}

// build lays out every page.
func (lay *impactLayout) build() {
	u, w, d := lay.u, lay.w, lay.d
	u.reset(w.title, fmt.Sprintf(w.subject, d.Year))
	lay.ofYear = fmt.Sprintf(w.compared, d.Year-1)
	lay.cover()
	if d.empty() {
		return
	}
	if len(d.This.PeriodNames) > 0 {
		lay.genderPage()
		lay.municipalityPages()
	}
	if d.Week != nil {
		lay.weekPage()
	}
	if d.Survey != nil {
		lay.surveyPage()
	}
	lay.companiesPage()
}

// cover is the first page: what the report covers and the key numbers with
// their change against the year before.
func (lay *impactLayout) cover() {
	u, w, d := lay.u, lay.w, lay.d
	u.para(marginL, contentW, fmt.Sprintf("%s %d", w.title, d.Year), bold, 24, 11, purple, nil)
	u.para(marginL, contentW, fmt.Sprintf(w.subject, d.Year), regular, 13, 6.5, grey, nil)
	u.space(3)
	if d.empty() {
		u.body(fmt.Sprintf(w.noData, d.Year))
		return
	}
	u.body(fmt.Sprintf(w.lead, d.Year, d.Year-1))
	if len(d.This.PeriodNames) > 0 {
		u.space(1)
		u.para(marginL, contentW, fmt.Sprintf(w.periods, strings.Join(d.This.PeriodNames, ", ")), regular, 9, 4.6, grey, nil)
	}
	if len(d.This.LeftOutNames) > 0 {
		u.para(marginL, contentW, fmt.Sprintf(w.leftOut, strings.Join(d.This.LeftOutNames, ", ")), regular, 9, 4.6, grey, nil)
	}
	if d.Week != nil && len(d.Week.PeriodNames) > 0 {
		u.para(marginL, contentW, fmt.Sprintf(lay.weekWords().cover, strings.Join(d.Week.PeriodNames, ", ")), regular, 9, 4.6, grey, nil)
	}
	if d.Last == nil {
		u.space(1)
		u.para(marginL, contentW, fmt.Sprintf(w.noPrevious, d.Year-1), regular, 9, 4.6, grey, nil)
	}
	u.heading(w.keyNumbers)
	lay.tiles(lay.keyTiles(d.This, d.Last, true))
	u.space(2)
	u.para(marginL, contentW, w.suppression, regular, 8.5, 4.3, grey, nil)
}

// tile is one key number: the figure large, what it is, and its change.
type tile struct {
	value, label, change string
	after                string // set: value → after (an arrow drawn between)
	dir                  int    // the change's arrow: 1 up, -1 down, 0 none
}

// keyTiles are the key numbers of f against last (nil: no previous year);
// network adds the events and companies.
func (lay *impactLayout) keyTiles(f ImpactFigures, last *ImpactFigures, network bool) []tile {
	w := lay.w
	var lf ImpactFigures
	if last != nil {
		lf = *last
	}
	has := last != nil
	t := []tile{
		lay.countTile(w.pupils, f.Pupils, lf.Pupils, has),
		lay.countTile(w.placed, f.Placed[stats.NumGroups], lf.Placed[stats.NumGroups], has),
		lay.shareTile(w.firstChoice, f.FirstChoice, lf.FirstChoice, has),
		lay.countTile(w.girlsPlaced, f.Placed[stats.Girls], lf.Placed[stats.Girls], has),
		lay.countTile(w.boysPlaced, f.Placed[stats.Boys], lf.Placed[stats.Boys], has),
		lay.shareTile(w.girlsShare, f.GirlsShare, lf.GirlsShare, has),
		lay.interestTile(f, lf, has),
		lay.shareTile(w.recommend, f.Recommend, lf.Recommend, has),
	}
	if network {
		t = append(t,
			lay.countTile(w.events, stats.Cell{N: f.Events}, stats.Cell{N: lf.Events}, has),
			lay.countTile(w.attendees, f.Attendees, lf.Attendees, has),
			lay.countTile(w.members, stats.Cell{N: f.Members}, stats.Cell{N: lf.Members}, has),
			lay.countTile(w.hosts, stats.Cell{N: f.Hosts}, stats.Cell{N: lf.Hosts}, has))
	}
	if !has { // no year to compare with: no line of dashes
		for i := range t {
			t[i].change, t[i].dir = "", 0
		}
	}
	return t
}

func (lay *impactLayout) countTile(label string, c, last stats.Cell, has bool) tile {
	t := tile{value: countText(c), label: label}
	t.change, t.dir = lay.countChange(c, last, has)
	return t
}

func (lay *impactLayout) shareTile(label string, s, last stats.Share, has bool) tile {
	t := tile{value: lay.shareText(s), label: label}
	t.change, t.dir = lay.shareChange(s, last, has)
	return t
}

// interestTile is the girls' mean interest before → after, and the change
// of the after against the year before.
func (lay *impactLayout) interestTile(f, last ImpactFigures, has bool) tile {
	b, a := f.InterestBefore[stats.Girls], f.InterestAfter[stats.Girls]
	t := tile{label: lay.w.girlsInterest, value: lay.meanText(b), after: lay.meanText(a)}
	if !b.Shown() && !a.Shown() {
		t.value, t.after = lay.w.none, ""
	}
	t.change, t.dir = lay.meanChange(a, last.InterestAfter[stats.Girls], has)
	return t
}

// tiles draws key numbers three to a row.
func (lay *impactLayout) tiles(ts []tile) {
	u := lay.u
	const cols, gap = 3, 4.0
	h := 21.0 // room for the figure and two lines of label
	for _, t := range ts {
		if t.change != "" {
			h = 27 // and a line for the change
		}
	}
	tw := (contentW - gap*(cols-1)) / cols
	for i := 0; i < len(ts); i += cols {
		u.keep(h + gap)
		for j := 0; j < cols && i+j < len(ts); j++ {
			t := ts[i+j]
			x := marginL + float64(j)*(tw+gap)
			y := u.y
			u.rect(x, y, tw, h, tint)
			u.rect(x, y, 1.2, h, purple)
			value := u.m.truncate(t.value, bold, 19, tw-7)
			u.text(x+4.5, y+9.5, value, bold, 19, purple)
			if t.after != "" {
				ax := x + 4.5 + u.m.textWidth(value, bold, 19) + 2
				u.line(ax, y+7.2, ax+5, y+7.2, purple, 0.5)
				u.line(ax+5, y+7.2, ax+3.6, y+5.8, purple, 0.5)
				u.line(ax+5, y+7.2, ax+3.6, y+8.6, purple, 0.5)
				u.text(ax+7, y+9.5, u.m.truncate(t.after, bold, 19, x+tw-ax-9), bold, 19, purple)
			}
			for k, l := range u.wrap(t.label, regular, 8.5, tw-7) {
				if k == 2 {
					break
				}
				u.text(x+4.5, y+15+float64(k)*3.8, l, regular, 8.5, ink)
			}
			if t.change != "" {
				cx := x + 4.5
				if t.dir != 0 {
					lay.arrow(cx+1.2, y+h-3.3, t.dir)
					cx += 3.6
				}
				u.text(cx, y+h-2.2, u.m.truncate(t.change, regular, 8, tw-10), regular, 8, darkTeal)
			}
		}
		u.y += h + gap
	}
}

// arrow draws a small arrow centred at x, y pointing up (dir 1) or down:
// Noto Sans as embedded has no arrow characters.
func (lay *impactLayout) arrow(x, y float64, dir int) {
	u := lay.u
	d := float64(dir)
	tip, tail := y-1.4*d, y+1.4*d
	u.line(x, tail, x, tip, darkTeal, 0.35)
	u.line(x, tip, x-0.9, tip+0.9*d, darkTeal, 0.35)
	u.line(x, tip, x+0.9, tip+0.9*d, darkTeal, 0.35)
}

// countText is a count as published: "<5", "..", or the number with
// thousands grouped by a no-break space.
func countText(c stats.Cell) string {
	if c.Suppressed {
		return c.String()
	}
	return groupDigits(c.N)
}

func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	if neg {
		return "–" + b.String()
	}
	return b.String()
}

// decimal writes x with dec decimals and the language's decimal mark.
func (lay *impactLayout) decimal(x float64, dec int) string {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if lay.lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (lay *impactLayout) percent(x float64) string {
	s := strconv.Itoa(int(math.Round(x * 100)))
	if lay.lang == "en" {
		return s + "%"
	}
	return s + "\u00a0%"
}

// shareText is a share in per cent, "–" when hidden or of nothing.
func (lay *impactLayout) shareText(s stats.Share) string {
	if s.Hidden() {
		return lay.w.none
	}
	return lay.percent(s.Ratio())
}

// meanText is a mean on the 1–5 scale with one decimal, "–" when hidden.
func (lay *impactLayout) meanText(m stats.Mean) string {
	if !m.Shown() {
		return lay.w.none
	}
	return lay.decimal(m.Value, 1)
}

// signed writes a change with its sign: "+12", "–3", "±0".
func signed(s string, x float64) string {
	switch {
	case x > 0:
		return "+" + s
	case x < 0:
		return "–" + strings.TrimPrefix(s, "-")
	}
	return "±" + strings.TrimPrefix(s, "-")
}

func direction(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// countChange is the change of a count in per cent: "+12 % mot 2025".
func (lay *impactLayout) countChange(c, last stats.Cell, has bool) (string, int) {
	if !has || c.Suppressed || last.Suppressed {
		return lay.w.none, 0
	}
	if last.N == 0 {
		if c.N == 0 {
			return signed(lay.percent(0), 0) + " " + lay.ofYear, 0
		}
		return lay.w.none, 0 // no base to compare with
	}
	x := float64(c.N-last.N) / float64(last.N)
	if math.Round(x*100) == 0 {
		x = 0
	}
	return signed(lay.percent(math.Abs(x)), x) + " " + lay.ofYear, direction(x)
}

// shareChange is the change of a share in percentage points.
func (lay *impactLayout) shareChange(s, last stats.Share, has bool) (string, int) {
	if !has || s.Hidden() || last.Hidden() {
		return lay.w.none, 0
	}
	x := math.Round((s.Ratio() - last.Ratio()) * 100)
	return signed(strconv.Itoa(int(math.Abs(x)))+"\u00a0"+lay.w.pp, x) + " " + lay.ofYear, direction(x)
}

// meanChange is the change of a mean in points of the scale.
func (lay *impactLayout) meanChange(m, last stats.Mean, has bool) (string, int) {
	if !has || !m.Shown() || !last.Shown() {
		return lay.w.none, 0
	}
	x := math.Round((m.Value-last.Value)*10) / 10
	return signed(lay.decimal(math.Abs(x), 1), x) + " " + lay.ofYear, direction(x)
}

// CellValue is a count for a chart: hidden when suppressed (the window's
// charts use it too).
func CellValue(c stats.Cell) charts.Value {
	if c.Suppressed {
		return charts.Value{Hidden: true, Mark: c.String()} // "<5", or ".." where <5 would be untrue
	}
	return charts.Count(c.N)
}

// MeanValue is a mean for a chart: hidden when it may not be shown.
func MeanValue(m stats.Mean) charts.Value {
	if !m.Shown() {
		return charts.Hide()
	}
	return charts.Value{V: m.Value}
}

// groups are the gender groups' names in column order, and all.
func (lay *impactLayout) groups() []string {
	w := lay.w
	return []string{w.girls, w.boys, w.others, w.all}
}

// interestChart compares the mean interest before and after by gender.
func (lay *impactLayout) interestChart(f ImpactFigures) charts.Chart {
	w := lay.w
	before, after := make([]charts.Value, stats.NumGroups+1), make([]charts.Value, stats.NumGroups+1)
	for k := range before {
		before[k], after[k] = MeanValue(f.InterestBefore[k]), MeanValue(f.InterestAfter[k])
	}
	c := charts.BeforeAfter("", lay.groups(), charts.Series{Name: w.before, Values: before},
		charts.Series{Name: w.after, Values: after})
	c.Max, c.Decimals = 5, 1
	return c
}

// genderPage is the charts of girls and boys: placed this year against
// last, interest before and after, which choice they got, and the table of
// changes.
func (lay *impactLayout) genderPage() {
	u, w, d := lay.u, lay.w, lay.d
	lay.section(w.genderTitle)
	groups := lay.groups()[:stats.NumGroups]
	this := make([]charts.Value, stats.NumGroups)
	for k := range this {
		this[k] = CellValue(d.This.Placed[k])
	}
	var placed charts.Chart
	if d.Last != nil {
		last := make([]charts.Value, stats.NumGroups)
		for k := range last {
			last[k] = CellValue(d.Last.Placed[k])
		}
		placed = charts.GroupedBars("", groups, charts.Series{Name: strconv.Itoa(d.Year - 1), Values: last},
			charts.Series{Name: strconv.Itoa(d.Year), Values: this})
	} else {
		placed = charts.Bars("", groups, this)
	}
	lay.chart(w.placedByGender, placed, 62)
	ic := lay.interestChart(d.This)
	ic.Note = w.interestNote
	lay.chart(w.interestTitle, ic, 66)

	var cats []string
	var vals []charts.Value
	for i, c := range d.This.Outcome {
		switch {
		case i < stats.RowUnchosen:
			cats = append(cats, fmt.Sprintf(w.choice, i+1))
		case i == stats.RowUnchosen:
			cats = append(cats, w.unchosen)
		default:
			cats = append(cats, w.notPlaced)
		}
		vals = append(vals, CellValue(c))
	}
	lay.chart(w.outcomeTitle, charts.Bars("", cats, vals), 58)

	if d.Last != nil {
		u.heading(w.change)
		lay.changeTable()
	}
}

// changeTable lists the key numbers of both years and the change.
func (lay *impactLayout) changeTable() {
	u, w, d := lay.u, lay.w, lay.d
	var lf ImpactFigures
	has := d.Last != nil
	if has {
		lf = *d.Last
	}
	prev := func(s string) string {
		if !has {
			return w.none
		}
		return s
	}
	cnt := func(label string, c, l stats.Cell) []string {
		ch, _ := lay.countChange(c, l, has)
		return []string{label, prev(countText(l)), countText(c), strings.TrimSuffix(ch, " "+lay.ofYear)}
	}
	shr := func(label string, s, l stats.Share) []string {
		ch, _ := lay.shareChange(s, l, has)
		return []string{label, prev(lay.shareText(l)), lay.shareText(s), strings.TrimSuffix(ch, " "+lay.ofYear)}
	}
	mean := func(label string, m, l stats.Mean) []string {
		ch, _ := lay.meanChange(m, l, has)
		return []string{label, prev(lay.meanText(l)), lay.meanText(m), strings.TrimSuffix(ch, " "+lay.ofYear)}
	}
	f := d.This
	rows := [][]string{
		cnt(w.pupils, f.Pupils, lf.Pupils),
		cnt(w.placed, f.Placed[stats.NumGroups], lf.Placed[stats.NumGroups]),
		shr(w.firstChoice, f.FirstChoice, lf.FirstChoice),
		cnt(w.girlsPlaced, f.Placed[stats.Girls], lf.Placed[stats.Girls]),
		cnt(w.boysPlaced, f.Placed[stats.Boys], lf.Placed[stats.Boys]),
		shr(w.girlsShare, f.GirlsShare, lf.GirlsShare),
		mean(w.girls+": "+strings.ToLower(w.before), f.InterestBefore[stats.Girls], lf.InterestBefore[stats.Girls]),
		mean(w.girls+": "+strings.ToLower(w.after), f.InterestAfter[stats.Girls], lf.InterestAfter[stats.Girls]),
		mean(w.boys+": "+strings.ToLower(w.before), f.InterestBefore[stats.Boys], lf.InterestBefore[stats.Boys]),
		mean(w.boys+": "+strings.ToLower(w.after), f.InterestAfter[stats.Boys], lf.InterestAfter[stats.Boys]),
		shr(w.recommend, f.Recommend, lf.Recommend),
		cnt(w.answered, f.Answered, lf.Answered),
		cnt(w.aloneGirls, f.AloneGirls, lf.AloneGirls),
		cnt(w.events, stats.Cell{N: f.Events}, stats.Cell{N: lf.Events}),
		cnt(w.attendees, f.Attendees, lf.Attendees),
		cnt(w.members, stats.Cell{N: f.Members}, stats.Cell{N: lf.Members}),
		cnt(w.hosts, stats.Cell{N: f.Hosts}, stats.Cell{N: lf.Hosts}),
	}
	cols := []column{{w.figure, 84, regular}, {strconv.Itoa(d.Year - 1), 28, regular},
		{strconv.Itoa(d.Year), 28, bold}, {w.change, contentW - 140, regular}}
	u.table(cols, rows, 0, nil)
}

// municipalityName is a municipality's name as printed.
func (lay *impactLayout) municipalityName(name string) string {
	if strings.TrimSpace(name) == "" {
		return lay.w.noMunicipality
	}
	return name
}

// municipalityPages are an overview of the municipalities and a page for
// each.
func (lay *impactLayout) municipalityPages() {
	u, w, d := lay.u, lay.w, lay.d
	if len(d.Municipalities) == 0 {
		return
	}
	lay.section(w.municipalities)
	var names []string
	series := make([]charts.Series, stats.NumGroups)
	for k := range series {
		series[k].Name = lay.groups()[k]
	}
	var rows [][]string
	for _, m := range d.Municipalities {
		name := lay.municipalityName(m.Name)
		names = append(names, name)
		for k := range series {
			series[k].Values = append(series[k].Values, CellValue(m.Figures.Placed[k]))
		}
		rows = append(rows, []string{name, strconv.Itoa(len(m.Schools)), countText(m.Figures.Pupils),
			countText(m.Figures.Placed[stats.NumGroups]), lay.shareText(m.Figures.FirstChoice), lay.shareText(m.Figures.GirlsShare)})
	}
	c := charts.StackedBars("", names, series...)
	c.Horizontal = true
	lay.chart(w.placedByMunicipality, c, min(150, 30+11*float64(len(names))))
	lay.municipalityTable(w.municipality, rows)

	for _, m := range d.Municipalities {
		lay.section(w.municipality + ": " + lay.municipalityName(m.Name))
		lay.tiles(lay.keyTiles(m.Figures, m.Last, false))
		var rows [][]string
		for _, s := range m.Schools {
			rows = append(rows, []string{s.Name, "", countText(s.Pupils), countText(s.Placed),
				lay.shareText(s.FirstChoice), lay.shareText(s.GirlsShare)})
		}
		if len(rows) > 0 {
			u.space(2)
			lay.municipalityTable(w.school, rows)
		}
		if shownMeans(m.Figures) {
			u.space(4)
			lay.chart(w.interestTitle, lay.interestChart(m.Figures), 58)
		}
	}
}

// shownMeans reports whether any mean interest of f may be shown.
func shownMeans(f ImpactFigures) bool {
	for k := range f.InterestBefore {
		if f.InterestBefore[k].Shown() || f.InterestAfter[k].Shown() {
			return true
		}
	}
	return false
}

// municipalityTable draws rows of name, schools, pupils, placed, first
// choice and girls' share; an empty schools column is left out.
func (lay *impactLayout) municipalityTable(first string, rows [][]string) {
	w := lay.w
	withSchools := len(rows) > 0 && rows[0][1] != ""
	cols := []column{{first, 52, bold}, {w.schools, 16, regular}, {w.colPupils, 20, regular}, {w.colPlaced, 22, regular},
		{w.colFirst, 32, regular}, {w.colGirls, 32, regular}}
	if !withSchools {
		cols = append([]column{{first, 68, bold}}, cols[2:]...)
		for i, r := range rows {
			rows[i] = append([]string{r[0]}, r[2:]...)
		}
	}
	lay.u.table(cols, rows, 0, nil)
}

// companiesPage is the companies' figures: pupils hosted, role models by
// profession, journeys, event attendance and members over the years.
func (lay *impactLayout) companiesPage() {
	u, w, d := lay.u, lay.w, lay.d
	co := d.Companies
	if len(co.Hosted)+len(co.RoleModels)+len(co.Journey)+len(co.Attendance)+len(co.Members) == 0 {
		return
	}
	lay.section(w.companies)
	u.body(w.companiesLead)
	u.space(3)
	named := func(title string, ns []NamedCount) {
		if len(ns) == 0 {
			return
		}
		c := lay.namedChart(ns)
		lay.chart(title, c, min(120, 22+7.5*float64(len(c.Categories))))
	}
	yearly := func(title string, ys []YearCount) {
		if len(ys) == 0 {
			return
		}
		var cats []string
		var vals []charts.Value
		for _, y := range ys {
			cats = append(cats, strconv.Itoa(y.Year))
			vals = append(vals, charts.Count(y.N))
		}
		lay.chart(title, charts.Bars("", cats, vals), 50)
	}
	named(w.hostedTitle, co.Hosted)
	named(w.roleModelsTitle, co.RoleModels)
	yearly(w.membersTitle, co.Members)
	yearly(w.journeyTitle, co.Journey)
	named(w.attendanceTitle, co.Attendance)
}

// maxBars is the most bars a chart of named counts draws.
const maxBars = 15

// namedChart draws named counts as horizontal bars, largest first, at most
// maxBars of them (a note says how many there are). Hidden counts (small
// groups) are merged into one bar "Övriga" when there are at least two of
// them with together at least 5, and left out otherwise, so no small group
// is drawn.
func (lay *impactLayout) namedChart(ns []NamedCount) charts.Chart {
	shown := make([]NamedCount, 0, len(ns))
	var rest []NamedCount
	for _, n := range ns {
		switch {
		case n.N.Suppressed:
			rest = append(rest, n)
		case n.N.N > 0:
			shown = append(shown, n)
		}
	}
	sort.SliceStable(shown, func(i, j int) bool { return shown[i].N.N > shown[j].N.N })
	note := ""
	if len(shown) > maxBars {
		// The rest together would dwarf the bars: they are counted in a note.
		note = fmt.Sprintf(lay.w.largest, maxBars, len(shown))
		shown = shown[:maxBars]
	}
	var cats []string
	var vals []charts.Value
	for _, n := range shown {
		if strings.TrimSpace(n.Name) == "" {
			n.Name = lay.w.noProfession
		}
		cats = append(cats, n.Name)
		vals = append(vals, CellValue(n.N))
	}
	sum, k, anyHidden := 0, 0, false
	for _, n := range rest {
		if n.N.N > 0 {
			sum += n.N.N
			k++
		}
		anyHidden = anyHidden || n.N.Suppressed
	}
	c := charts.Bars("", cats, vals)
	switch {
	case k >= 2 && sum >= stats.MinGroup:
		c.Categories = append(c.Categories, fmt.Sprintf(lay.w.otherCompanies, k))
		c.Series[0].Values = append(c.Series[0].Values, charts.Count(sum))
	case anyHidden:
		c.Categories = append(c.Categories, fmt.Sprintf(lay.w.otherCompanies, k))
		c.Series[0].Values = append(c.Series[0].Values, charts.Hide())
	}
	c.Horizontal = true
	c.Note = note
	return c
}

// NewImpact makes the impact report of year from the statistics of the year
// and of the year before (stats.LoadYear over stats.CalendarYear of each).
// A previous year without periods and events gives no comparison.
func NewImpact(year int, this, last stats.YearSummary) Impact {
	d := Impact{Year: year, This: summaryFigures(this), Week: newImpactWeek(this)}
	if !this.Survey.Empty() {
		d.Survey = this.Survey
	}
	if prev := newImpactWeek(last); d.Week != nil && prev != nil && len(prev.PeriodNames) > 0 {
		d.Week.Last = &prev.Key
	}
	if prev := summaryFigures(last); !prev.Empty() {
		d.Last = &prev
	}
	lastOf := map[string]*ImpactFigures{}
	for _, m := range last.Municipalities {
		if f := figuresOf(m.Figures); !f.Empty() {
			lastOf[m.Municipality] = &f
		}
	}
	if r := this.Report; r != nil {
		for _, m := range this.Municipalities {
			im := ImpactMunicipality{Name: m.Municipality, Figures: figuresOf(m.Figures), Last: lastOf[m.Municipality]}
			for _, s := range r.BySchool {
				if s.School.Municipality != m.Municipality {
					continue
				}
				is := ImpactSchool{Name: s.School.Name, Pupils: s.Pupils, Placed: s.Placed, FirstChoice: s.FirstChoice}
				if s.Figures != nil {
					is.GirlsShare = s.Figures.GirlsShare()
				}
				im.Schools = append(im.Schools, is)
			}
			d.Municipalities = append(d.Municipalities, im)
		}
	}
	if c := this.Companies; c != nil {
		for _, h := range c.Hosted {
			d.Companies.Hosted = append(d.Companies.Hosted, NamedCount{Name: h.Company.Name, N: h.Pupils})
		}
		// Role models and visits to events are adults at work: not suppressed.
		for _, p := range c.RoleModels { // "" is printed as "Yrke ej angivet"
			d.Companies.RoleModels = append(d.Companies.RoleModels, NamedCount{Name: p.Profession, N: stats.Cell{N: p.People}})
		}
		for _, e := range c.Events {
			d.Companies.Attendance = append(d.Companies.Attendance, NamedCount{Name: e.Company.Name, N: stats.Cell{N: e.Visits}})
		}
		for _, j := range c.Journey {
			d.Companies.Journey = append(d.Companies.Journey, YearCount{Year: j.Year, N: j.Entries})
		}
		for _, m := range c.Members {
			d.Companies.Members = append(d.Companies.Members, YearCount{Year: m.Year, N: m.Members})
		}
	}
	return d
}

// summaryFigures are the key numbers of a year's summary.
func summaryFigures(s stats.YearSummary) ImpactFigures {
	var f ImpactFigures
	if s.Report != nil {
		f = figuresOf(&s.Report.Figures)
	}
	for _, p := range s.Periods {
		f.PeriodNames = append(f.PeriodNames, p.Name)
	}
	for _, p := range s.LeftOut {
		f.LeftOutNames = append(f.LeftOutNames, p.Name)
	}
	if c := s.Companies; c != nil {
		f.Events = c.EventCount
		visits := 0
		for _, e := range c.Events {
			visits += e.Visits
		}
		f.Attendees = stats.Cell{N: visits}
		if n := len(c.Members); n > 0 {
			f.Members = c.Members[n-1].Members
		}
		f.Hosts = len(c.Hosted)
	}
	return f
}

// figuresOf are the key numbers of one set of figures (all, or a
// municipality's); nil gives zeros.
func figuresOf(f *stats.Figures) ImpactFigures {
	if f == nil || len(f.Outcome.RowTotals) <= stats.RowNotPlaced || len(f.Outcome.ColTotals) < int(stats.NumGroups) {
		return ImpactFigures{}
	}
	out := ImpactFigures{Pupils: f.Pupils(), Placed: f.Placed, FirstChoice: f.FirstChoice(), GirlsShare: f.GirlsShare(),
		InterestBefore: f.InterestBefore, InterestAfter: f.InterestAfter, Recommend: f.RecommendShare(),
		AloneGirls: f.AloneGirls, GroupOffers: f.GroupOffers,
		Outcome: append([]stats.Cell(nil), f.Outcome.RowTotals...)}
	if len(f.Answered.RowTotals) > 0 {
		out.Answered = f.Answered.RowTotals[0]
	}
	return out
}
