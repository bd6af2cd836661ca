package reports

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

func TestSchedulesReadBack(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"sv", []string{"Praoschema", "Alva Şahin", "Klass 9B", "Älvkulleskolan", "Fryksdals Mekatronik AB",
			"Automation och robotar", "Verkstadsvägen 3, 686 30 Sunne", "Buss 300 till Sunne busstation",
			"Paweł Wiśniewski, automationstekniker, tel. 070-111 22 33",
			"måndag 9 november – fredag 13 november 2026 (v. 46)",
			"måndag 9 november", "tisdag 10 november", "onsdag 11 november", "torsdag 12 november", "fredag 13 november",
			"08:30–15:00", "45 min", "Programmera en robot", "Redovisning för avdelningen",
			"Du kommer att träffa", "Ngọc Ánh Nguyễn", "elektronikkonstruktör", "Vägen från skolan till jobbet",
			modelJourney, supJourney, "Ta med", "Oömma kläder", "Om du blir sjuk",
			"Ring både skolan och din handledare innan dagen börjar.",
			"Märta Öberg, tel. 054-540 11 22", "marta.oberg@example.se", "Sida 1 av"}},
		{"en", []string{"Work experience schedule", "Alva Şahin", "Class 9B",
			"Monday 9 November – Friday 13 November 2026 (week 46)", "Wednesday 11 November", "You will meet",
			"Ngọc Ánh Nguyễn", modelJourney, "If you are ill", "Page 1 of"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			pdf := renderBytes(t, func(b *bytes.Buffer) error {
				return Schedules(b, []data.ScheduleDoc{w.doc(t, w.alva)}, Options{Lang: c.lang, Fixed: fixed})
			})
			text := flat(strings.Join(pdfPages(t, pdf), " "))
			if m := missing(text, c.want...); len(m) > 0 {
				t.Errorf("schedule lacks %q\n--- text:\n%s", m, text)
			}
		})
	}
}

func TestHostConfirmationNeverNamesAProtectedPupil(t *testing.T) {
	w := newWorld(t)
	hosts := data.GroupByOffer(w.docs(t, data.DocFilter{}))
	if len(hosts) != 1 || len(hosts[0].Pupils) != 3 {
		t.Fatalf("want one offer with three pupils, got %+v", hosts)
	}
	for _, c := range []struct {
		name    string
		include bool
		coord   *data.Person
		want    []string
		never   []string
	}{
		// The protected pupil's school contact (Gülşen Doğan) would point to
		// her school: her row names the network's contact, after the others.
		{"default", false, &data.Person{FirstName: "Saga", LastName: "Nätverksson", Phone: "054-100 20 30"},
			[]string{"Värdbekräftelse", "Alva Şahin", "Bartłomiej Nowak", "Älvkulleskolan", "9B",
				"Märta Öberg", "9–13 nov", "Nötallergi", "Glutenfri kost",
				"Elever som kommer (3)", "måndag 9 november", "08:30–15:00", "3 av 4", "Paweł Wiśniewski",
				"Märta Öberg, tel. 054-540 11 22 Elev via skolan – – 9–13 nov Saga Nätverksson, tel. 054-100 20 30"},
			[]string{"Zuzanna", "Wójcik", "Sjövikskolan", "9C", "Diabetes", "Gülşen", "0570-333 44"}},
		{"no network contact set", false, nil,
			[]string{"Elev via skolan – – 9–13 nov Den som skickade listan"},
			[]string{"Zuzanna", "Wójcik", "Sjövikskolan", "9C", "Gülşen", "0570-333 44"}},
		{"counsellor includes them", true, nil,
			[]string{"Zuzanna Wójcik", "Sjövikskolan", "9C", "Glutenfri kost"},
			[]string{"Elev via skolan", "Diabetes"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pdf := renderBytes(t, func(b *bytes.Buffer) error {
				return HostConfirmations(b, hosts, Options{Fixed: fixed, IncludeProtected: c.include, Coordinator: c.coord})
			})
			text := flat(strings.Join(pdfPages(t, pdf), " "))
			if m := missing(text, c.want...); len(m) > 0 {
				t.Errorf("confirmation lacks %q\n--- text:\n%s", m, text)
			}
			for _, s := range c.never {
				if strings.Contains(text, s) {
					t.Errorf("confirmation shows %q\n--- text:\n%s", s, text)
				}
			}
			// Nor in the file's metadata or anywhere else in the bytes.
			if !c.include && bytes.Contains(pdf, []byte("Zuzanna")) {
				t.Error("the protected pupil's name is in the PDF bytes")
			}
		})
	}
}

func TestAttendanceCards(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return AttendanceCards(b, docs, Options{Fixed: fixed}) })
	pages := pdfPages(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want one card per pupil (3)", len(pages))
	}
	for i, p := range pages {
		p = flat(p)
		if m := missing(p, "Närvarokort", "måndag 9 november", "fredag 13 november", "08:30–15:00", "Närvarande",
			"Frånvarande", "Handledarens signatur", "Kommentar", "Handledarens underskrift", "Namnförtydligande",
			"Fryksdals Mekatronik AB", "Sida 1 av 1"); len(m) > 0 {
			t.Errorf("card %d lacks %q:\n%s", i+1, m, p)
		}
	}
	all := strings.Join(pages, " ")
	if strings.Contains(all, "Zuzanna") || strings.Contains(all, "Sjövikskolan") {
		t.Error("an attendance card goes to the host: the protected pupil must not be named")
	}
	if !strings.Contains(all, "Elev via skolan") || !strings.Contains(flat(all), "Bartłomiej Nowak") {
		t.Errorf("cards: %s", all)
	}
	for _, p := range pages {
		if strings.Contains(p, "Elev via skolan") && strings.Contains(p, "Klass") {
			t.Errorf("the protected pupil's card shows a class line:\n%s", p)
		}
	}
}

func TestCertificatesCountOnlyDaysPresent(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return Certificates(b, docs, Options{Fixed: fixed}) })
	pages := pdfPages(t, pdf)
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2: Bartłomiej has no recorded attendance and gets no certificate", len(pages))
	}
	var alva string
	for _, p := range pages {
		if strings.Contains(p, "Alva") {
			alva = flat(p)
		}
		if strings.Contains(p, "Bartłomiej") {
			t.Error("a certificate without attended days")
		}
	}
	if m := missing(alva, "Praointyg", "Härmed intygas att", "Alva Şahin", "Klass 9B, Älvkulleskolan",
		"har genomfört prao hos", "Fryksdals Mekatronik AB", "4 av 5 dagar",
		"måndag 9 november, tisdag 10 november, torsdag 12 november, fredag 13 november",
		"Det här gjorde eleven", "Du bygger och programmerar en liten robotcell",
		"Handledarens kommentar", comment, "Handledare", "Paweł Wiśniewski", "Skolan", "Märta Öberg", "Ort och datum"); len(m) > 0 {
		t.Errorf("certificate lacks %q:\n%s", m, alva)
	}
	if strings.Contains(alva, "onsdag 11 november") {
		t.Error("the sick day must be left out")
	}
	err := Certificates(&bytes.Buffer{}, []data.ScheduleDoc{w.doc(t, w.bartek)}, Options{})
	if !errors.Is(err, ErrNothing) {
		t.Errorf("only pupils without attendance: err = %v, want ErrNothing", err)
	}
}

func TestNothingToPrint(t *testing.T) {
	for _, k := range Kinds {
		if err := Write(&bytes.Buffer{}, k, nil, Options{}); !errors.Is(err, ErrNothing) {
			t.Errorf("%s of nobody: err = %v, want ErrNothing", k, err)
		}
	}
	if err := Write(&bytes.Buffer{}, "badges", nil, Options{}); err == nil {
		t.Error("unknown kind accepted")
	}
	if err := Schedules(&bytes.Buffer{}, []data.ScheduleDoc{{}}, Options{Lang: "de"}); err == nil {
		t.Error("unknown language accepted")
	}
}

// hostile is text meant to break a document: emoji (with joiners, skin
// tones, flags), decomposed letters, controls, invalid UTF-8, scripts the
// font lacks, right-to-left marks and a word longer than a line.
var hostile = []string{
	"Saga 👩🏽‍💻 Åberg 🇸🇪",
	"Jose\u0301 Mun\u0303oz",            // decomposed: must come out as José Muñoz
	"Ali\x00\x07\tNo\x1bwak\r\nrad två", // controls
	"bad \xff\xfe utf-8",
	"مرحبا שלום 你好 \u202Eevil\u202C",
	strings.Repeat("Lång", 60),
	"a\u0308\u0308\u0308 stacked marks \u0301",
	"\uFEFF\u200B\u00AD",
	"",
	strings.Repeat("Namn ", 3000), // taller than a page: its repeated heading must not recurse
}

func TestHostileTextNeverPanicsOrFails(t *testing.T) {
	w := newWorld(t)
	for i, s := range hostile {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			d := w.doc(t, w.alva)
			d.Pupil.FirstName, d.Pupil.LastName, d.Pupil.ClassName = s, s, s
			d.School.Name, d.Host.Name, d.Offer.Title, d.Offer.Description = s, s, s, s
			d.Offer.VisitingAddress, d.Offer.TravelInfo, d.Offer.WhatToBring, d.Offer.LunchInfo = s, s, s, s
			d.Assignment.SupervisorComment, d.Pupil.Needs = s, s
			d.Offer.Days[0].Activities = s
			d.RoleModels[0].FirstName, d.RoleModels[0].Title, d.RoleModels[0].Journey = s, s, s+" "+s
			d.Supervisor.Phone, d.Counsellor.FirstName = s, s
			d.Pupil.Protected = i%2 == 0
			docs := []data.ScheduleDoc{d}
			for _, k := range Kinds {
				for _, lang := range []string{"sv", "en"} {
					var b bytes.Buffer
					if err := Write(&b, k, docs, Options{Lang: lang, Fixed: fixed}); err != nil {
						t.Fatalf("%s/%s: %v", k, lang, err)
					}
					if i == 1 && k == KindSchedules && lang == "sv" {
						text := strings.Join(pdfPages(t, b.Bytes()), " ")
						if !strings.Contains(text, "José Muñoz") {
							t.Errorf("decomposed letters were not composed (NFC):\n%s", text)
						}
					}
					if i == 0 && k == KindSchedules && lang == "sv" {
						text := strings.Join(pdfPages(t, b.Bytes()), " ")
						if !strings.Contains(text, "Saga \uFFFD Åberg \uFFFD") {
							t.Errorf("emoji should each become one %q:\n%s", Replacement, text)
						}
					}
				}
			}
		})
	}
}

func TestLongJourneyFlowsOntoFurtherPages(t *testing.T) {
	w := newWorld(t)
	d := w.doc(t, w.alva)
	var words []string
	for i := 0; len(words) < 1700; i++ {
		words = append(words, fmt.Sprintf("ord%d", i), "från", "skolan", "till", "jobbet.")
		if i%40 == 39 {
			words = append(words, "\n\n")
		}
	}
	journey := strings.Join(words, " ")
	d.RoleModels = []data.Person{{FirstName: "Łucja", LastName: "Ştefănescu-Nguyễn", Title: "processingenjör", Journey: journey}}
	short := w.doc(t, w.bartek)
	pdf := renderBytes(t, func(b *bytes.Buffer) error {
		return Schedules(b, []data.ScheduleDoc{d, short}, Options{Fixed: fixed})
	})
	pages := pdfPages(t, pdf)
	first := 0
	for i, p := range pages {
		if strings.Contains(p, "Bartłomiej Nowak") {
			first = i
			break
		}
	}
	if first < 3 {
		t.Fatalf("the journey should fill at least three pages; the next pupil starts on page %d of %d", first+1, len(pages))
	}
	for i := 0; i < first; i++ {
		want := fmt.Sprintf("Sida %d av %d", i+1, first)
		if !strings.Contains(pages[i], want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if i > 0 && !strings.Contains(pages[i], "Du kommer att träffa (forts.)") {
			t.Errorf("page %d does not repeat the heading:\n%s", i+1, pages[i])
		}
		if i > 0 && !strings.Contains(pages[i], "Łucja Ştefănescu-Nguyễn (forts.)") {
			t.Errorf("page %d does not repeat the role model's name", i+1)
		}
	}
	if !strings.Contains(pages[first], "Sida 1 av") {
		t.Errorf("the next pupil's pages are numbered from 1:\n%s", pages[first])
	}
	// Every word arrives, in order, whatever the page breaks.
	var got []string
	for _, p := range pages[:first] {
		for _, f := range strings.Fields(p) {
			if strings.HasPrefix(f, "ord") {
				got = append(got, f)
			}
		}
	}
	var want []string
	for _, f := range strings.Fields(journey) {
		if strings.HasPrefix(f, "ord") {
			want = append(want, f)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("journey read back has %d words, want %d in order", len(got), len(want))
	}
}

// box is the area a text op covers.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// checkLayout fails when anything lies outside the content area or two
// pieces of text overlap.
func checkLayout(t *testing.T, u *unit) {
	t.Helper()
	const eps = 0.01
	inside := func(b box) bool {
		return b.x0 >= marginL-eps && b.x1 <= pageW-marginR+eps && b.y0 >= contentTop-eps && b.y1 <= contentBottom+eps
	}
	for pi, page := range u.pages {
		var texts []box
		var which []string
		for _, o := range page {
			var b box
			switch o.kind {
			case opText:
				h := o.size * ptToMM
				b = box{o.x, o.y - 0.8*h, o.x + u.m.textWidth(o.text, o.st, o.size), o.y + 0.22*h}
			case opRect, opBox:
				b = box{o.x, o.y, o.x + o.w, o.y + o.h}
			case opLine:
				b = box{min(o.x, o.w), min(o.y, o.h), max(o.x, o.w), max(o.y, o.h)}
			}
			if !inside(b) {
				t.Errorf("page %d: %q lies outside the margins: %+v", pi+1, o.text, b)
			}
			if o.kind != opText {
				continue
			}
			for k, other := range texts {
				if b.overlaps(other) {
					t.Errorf("page %d: %q overlaps %q", pi+1, o.text, which[k])
				}
			}
			texts, which = append(texts, b), append(which, o.text)
		}
	}
}

func TestLongFieldsStayInsideTheMarginsAndNeverOverlap(t *testing.T) {
	w := newWorld(t)
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	long := "Bartłomiej-Þórunn Ştefănescu-Nguyễn von Åkerhielm af Margaretelund " + strings.Repeat("Superkalifragilistisk", 8)
	addr := strings.Repeat("Industrigatan 12, uppgång C, plan 4, 686 30 Sunne, ", 6)
	for _, lang := range []*lang{&swedish, &english} {
		d := w.doc(t, w.alva)
		d.Pupil.FirstName, d.Pupil.LastName = long, long
		d.School.Name, d.Host.Name, d.Offer.Title = long, long, long
		d.Offer.VisitingAddress, d.Offer.TravelInfo = addr, addr
		d.Supervisor.FirstName, d.Counsellor.LastName = long, long
		d.Assignment.SupervisorComment = strings.Repeat(comment+" ", 40)
		d.Offer.Days[1].Activities = strings.Repeat("Programmera en robot, testa och mät. ", 90)
		d.RoleModels[0].Title = long
		d.RoleModels[0].Journey = strings.Repeat(modelJourney+" ", 30)
		for name, layout := range map[string]func(u *unit){
			"schedule":    func(u *unit) { layoutSchedule(u, d) },
			"host":        func(u *unit) { layoutHost(u, data.GroupByOffer([]data.ScheduleDoc{d, d, d})[0], true, nil) },
			"card":        func(u *unit) { layoutCard(u, d, true, nil) },
			"certificate": func(u *unit) { layoutCertificate(u, d) },
		} {
			t.Run(lang.code+"/"+name, func(t *testing.T) {
				u := &unit{m: m, l: lang}
				layout(u)
				checkLayout(t, u)
			})
		}
	}
}

func TestSameInputGivesTheSameBytes(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	for _, k := range Kinds {
		var a, b, c bytes.Buffer
		if err := Write(&a, k, docs, Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b, k, docs, Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ", k)
		}
		if err := Write(&c, k, docs, Options{Fixed: fixed.AddDate(0, 0, 1)}); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("%s: another printing date must show", k)
		}
	}
}

func TestWriteFilesOnePerPupil(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	dir := filepath.Join(t.TempDir(), "ut")
	for _, c := range []struct {
		kind  Kind
		names []string
	}{
		// Sjövikskolan comes before Älvkulleskolan in Swedish order.
		{KindSchedules, []string{"Praoschema 9C Wójcik Zuzanna.pdf", "Praoschema 9B Nowak Bartłomiej.pdf", "Praoschema 9B Şahin Alva.pdf"}},
		{KindAttendance, []string{"Närvarokort Elev via skolan " + ref(w.zuza) + ".pdf", "Närvarokort 9B Nowak Bartłomiej.pdf", "Närvarokort 9B Şahin Alva.pdf"}},
		{KindCertificates, []string{"Praointyg 9C Wójcik Zuzanna.pdf", "Praointyg 9B Şahin Alva.pdf"}},
		{KindHosts, []string{"Värdbekräftelse Fryksdals Mekatronik AB - Automation och robotar.pdf"}},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			paths, err := WriteFiles(dir, c.kind, docs, Options{Fixed: fixed})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range paths {
				names = append(names, filepath.Base(p))
				st, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if st.Mode().Perm() != 0o600 {
					t.Errorf("%s: mode %v, want 0600", p, st.Mode().Perm())
				}
			}
			if !reflect.DeepEqual(names, c.names) {
				t.Errorf("files = %q, want %q", names, c.names)
			}
			one, err := os.ReadFile(paths[len(paths)-1])
			if err != nil {
				t.Fatal(err)
			}
			if text := strings.Join(pdfPages(t, one), ""); !strings.Contains(text, "Sida 1 av") {
				t.Errorf("file does not read back:\n%s", text)
			}
		})
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".techniqual-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Praoschema 9B Şahin Alva", "Praoschema 9B Şahin Alva"},
		{"../../etc/passwd", "etc-passwd"},
		{`a:b*c?d"e<f>g|h\i/j`, "a-b-c-d-e-f-g-h-i-j"},
		{"Saga 👩🏽‍💻 Åberg", "Saga - Åberg"},
		{"Jose\u0301", "José"},
		{"  ..hidden.  ", "hidden"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"\x00\x01", "dokument"},
		{"", "dokument"},
		{strings.Repeat("å", 80), strings.Repeat("å", 50)},
	} {
		if got := SafeFileName(c.in); got != c.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEveryWordInBothLanguages(t *testing.T) {
	for _, l := range []lang{swedish, english} {
		v := reflect.ValueOf(l)
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", l.code, v.Type().Field(i).Name)
				}
			case reflect.Array:
				for k := 0; k < f.Len(); k++ {
					if f.Index(k).String() == "" {
						t.Errorf("%s: %s[%d] is empty", l.code, v.Type().Field(i).Name, k)
					}
				}
			}
		}
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		l          *lang
		start, end string
		want       string
	}{
		{&swedish, "2026-11-09", "2026-11-13", "måndag 9 november – fredag 13 november 2026 (v. 46)"},
		{&swedish, "2026-11-30", "2026-12-04", "måndag 30 november – fredag 4 december 2026 (v. 49)"},
		{&swedish, "2026-12-28", "2027-01-08", "måndag 28 december 2026 – fredag 8 januari 2027 (v. 53–1)"},
		{&swedish, "2027-03-15", "2027-03-15", "måndag 15 mars 2027 (v. 11)"},
		{&english, "2026-11-09", "2026-11-20", "Monday 9 November – Friday 20 November 2026 (weeks 46–47)"},
	} {
		if got := c.l.span(date(c.start), date(c.end)); got != c.want {
			t.Errorf("span(%s, %s) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
	days := []data.OfferDay{{Date: date("2026-11-30")}, {Date: date("2026-12-04")}}
	if got := swedish.shortSpan([]time.Time{days[0].Date, days[1].Date}); got != "30 nov – 4 dec" {
		t.Errorf("shortSpan = %q", got)
	}
}

func TestBareDocumentsPrint(t *testing.T) {
	// Nothing recorded but a pupil: no supervisor, counsellor, days or role models.
	bare := []data.ScheduleDoc{{}, {Pupil: data.Pupil{FirstName: "Ida", Protected: true},
		Period: data.Period{Start: date("2026-11-09"), End: date("2026-11-10")}}}
	for _, k := range Kinds {
		err := Write(&bytes.Buffer{}, k, bare, Options{Fixed: fixed})
		if k == KindCertificates {
			if !errors.Is(err, ErrNothing) {
				t.Errorf("%s: err = %v, want ErrNothing", k, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	var b bytes.Buffer
	if err := Schedules(&b, bare[1:], Options{Fixed: fixed}); err != nil {
		t.Fatal(err)
	}
	text := flat(strings.Join(pdfPages(t, b.Bytes()), " "))
	if m := missing(text, "Ida", "måndag 9 november", "tisdag 10 november", "Tider meddelas av värden."); len(m) > 0 {
		t.Errorf("bare schedule lacks %q:\n%s", m, text)
	}
}
