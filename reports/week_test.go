package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"techniqual/data"
)

// weekPages renders a week document and reads it back as one flat string
// per page.
func weekPages(t *testing.T, kind WeekKind, d WeekDocs, o Options) []string {
	t.Helper()
	if o.Fixed.IsZero() {
		o.Fixed = fixed
	}
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return WriteWeek(b, kind, d, o) })
	return layoutPages(t, pdf)
}

// layoutPages reads a PDF back with pdftotext -layout, which keeps a label
// and its value, and the cells of a table row, on one line; each page is
// flattened to single spaces.
func layoutPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	pdfPages(t, pdf) // checks the file with qpdf
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	for i := range pages {
		pages[i] = flat(pages[i])
	}
	return pages
}

func TestWeekScheduleNamesEveryHostAndTheClosing(t *testing.T) {
	w := newWeek()
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"sv", []string{"Schema för teknikpraoveckan", "Alva Şahin", "Klass 8B", "Älvkulleskolan", "Team Röd", weekGroup,
			"Teknikprao v. 46 2026", "måndag 9 november – fredag 13 november 2026 (v. 46)", "Din vecka",
			"måndag 9 november, 08:30–12:00 · Fryksdals Mekatronik AB", "tisdag 10 november, 08:30–12:00 · Sunne Elkraft AB",
			"onsdag 11 november, 08:30–12:00 · Klarälvens Kod AB", "torsdag 12 november, 08:30–12:00 · Rottneros Verkstad AB",
			"Industrivägen 3, 686 30 Sunne", "Buss 302 till Sunne.", "Lunch i skolan efter blocket.", "Oömma kläder.",
			"Program hos Klarälvens Kod AB: prova på och bygg något.", "Handledare Nummer2, tekniker, tel. 070-000 00 02",
			"Du kommer att träffa", "Ngọc Ánh Nguyễn4", "elektronikkonstruktör", "Sven Åkesson3", "produktionschef",
			journeyA, journeyB,
			closingTitle, "fredag 13 november 2026", "09:00–12:00", closingVenue, closingProg,
			"Om du blir sjuk", "Ring skolan innan dagen börjar.", "Älvkulleskolan – Märta Öberg, tel. 054-540 11 22", "Sida 1 av"}},
		{"en", []string{"Teknikprao week schedule", "Alva Şahin", "Class 8B", "Your week", "Host group",
			"Monday 9 November, 08:30–12:00 · Fryksdals Mekatronik AB", "Thursday 12 November, 08:30–12:00 · Rottneros Verkstad AB",
			"You will meet", "Closing session · " + closingTitle, "Friday 13 November 2026", closingVenue,
			"If you are ill", "Call the school before the day starts.", "Page 1 of"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			p := w.pupil(w.alva)
			pages := weekPages(t, KindWeekSchedules, WeekDocs{Pupils: []WeekPupil{p}}, Options{Lang: c.lang})
			text := strings.Join(pages, " ")
			if m := missing(text, c.want...); len(m) > 0 {
				t.Errorf("schedule lacks %q\n--- text:\n%s", m, text)
			}
			// Every host of the route is named, on the overview and in its own section.
			for _, b := range p.Route {
				if n := strings.Count(text, b.Host.Name); n < 2 {
					t.Errorf("%s is named %d times, want the overview and its section", b.Host.Name, n)
				}
			}
			if strings.Contains(text, "Sjövikskolan") || strings.Contains(text, "Zuzanna") {
				t.Error("a pupil's schedule names another team's pupil")
			}
		})
	}
}

func TestWeekSchedulesOneUnitPerPupil(t *testing.T) {
	w := newWeek()
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return WeekSchedules(b, w.pupils(), Options{Fixed: fixed}) })
	pages := pdfPages(t, pdf)
	starts := 0
	for _, p := range pages {
		if strings.Contains(p, "Sida 1 av") {
			starts++
		}
	}
	if starts != 6 {
		t.Errorf("%d schedules start a page, want one per pupil (6), in %d pages", starts, len(pages))
	}
	// The protected pupil gets her own schedule by name: it goes to her.
	if !strings.Contains(flat(strings.Join(pages, " ")), "Zuzanna Wójcik") {
		t.Error("the protected pupil's own schedule lacks her name")
	}
}

func TestTeamSheets(t *testing.T) {
	w := newWeek()
	pages := weekPages(t, KindTeamSheets, WeekDocs{Teams: w.teams}, Options{})
	if len(pages) < 2 {
		t.Fatalf("%d pages, want a sheet per team", len(pages))
	}
	all := strings.Join(pages, " ")
	for _, want := range []string{"Teamblad", "Team Röd", "Team Blå", "Teamets elever (3)", "Alva Şahin", "Bo Lindqvist",
		"Cem Yılmaz", "8A", "Älvkulleskolan", "Rutt genom veckan", "Elev via skolan",
		"måndag 9 november", "08:30–12:00", "Fryksdals Mekatronik AB", "Rottneros Verkstad AB",
		closingTitle, "Karlstads universitet, Aulan", "Buss 300 till Sunne.",
		"Handledare Nummer4, tel. 070-000 00 04"} {
		if !strings.Contains(all, want) {
			t.Errorf("team sheets lack %q", want)
		}
	}
	for _, never := range []string{"Zuzanna", "Wójcik", "Sjövikskolan", "8C"} {
		if strings.Contains(all, never) {
			t.Errorf("team sheet shows the protected pupil's %q", never)
		}
	}
	with := strings.Join(weekPages(t, KindTeamSheets, WeekDocs{Teams: w.teams}, Options{IncludeProtected: true}), " ")
	if m := missing(with, "Zuzanna Wójcik", "Sjövikskolan"); len(m) > 0 {
		t.Errorf("with IncludeProtected the sheet lacks %q", m)
	}
}

func TestRunsheetNamesEachTeamsBlockAndNeverAProtectedPupil(t *testing.T) {
	w := newWeek()
	hosts := w.runsheets()
	for _, h := range hosts {
		t.Run(h.Host.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := HostRunsheets(&b, []HostRunsheet{h}, Options{Fixed: fixed}); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(layoutPages(t, b.Bytes()), " ")
			if m := missing(text, "Körschema för värden", h.Host.Name, weekGroup, "Team i blocket",
				"Förnamn", "Skola och kontakt", closingTitle, "Linnea Berglöf"); len(m) > 0 {
				t.Errorf("run-sheet lacks %q:\n%s", m, text)
			}
			// Each block of each team: its day and times, the team's name, its programme.
			for k, rb := range h.Blocks {
				head := swedish.when(rb.Block.Date, rb.Block.Start, rb.Block.End)
				if m := missing(text, head, "Team i blocket "+w.teams[k].Name, rb.Block.Activities); len(m) > 0 {
					t.Errorf("block %d lacks %q:\n%s", k+1, m, text)
				}
			}
			// First names and class, the school's contact; never last names.
			if m := missing(text, "Alva", "Bo", "Ebba", "Cem", "Dana", "8B", "8A",
				"Älvkulleskolan – Märta Öberg, tel. 054-540 11 22", "Elev via skolan"); len(m) > 0 {
				t.Errorf("run-sheet lacks %q", m)
			}
			for _, never := range []string{"Şahin", "Lindqvist", "Yılmaz",
				"Zuzanna", "Wójcik", "Sjövikskolan", "Gülşen", "Doğan", "0570-333 44", "8C"} {
				if strings.Contains(text, never) {
					t.Errorf("run-sheet shows %q", never)
				}
			}
			if bytes.Contains(b.Bytes(), []byte("Zuzanna")) || bytes.Contains(b.Bytes(), []byte("Sj\xc3\xb6vik")) {
				t.Error("the protected pupil's name or school is in the PDF bytes")
			}
			// Shareable needs only: first name, or "Elev via skolan".
			if m := missing(text, "Bra att veta", "Team Röd Alva Nötallergi", "Team Blå Elev via skolan Glutenfri kost"); len(m) > 0 {
				t.Errorf("run-sheet lacks %q:\n%s", m, text)
			}
			if strings.Contains(text, "Diabetes") {
				t.Error("run-sheet shows needs the pupil did not agree to share")
			}
			if !strings.Contains(text, "Frågor om en sådan elev går till Linnea Berglöf, tel. 070-999 88 77.") {
				t.Errorf("run-sheet does not say whom to ask about the protected pupil:\n%s", text)
			}
		})
	}
	with := strings.Join(weekPages(t, KindHostRunsheets, WeekDocs{Hosts: hosts[:1]}, Options{IncludeProtected: true}), " ")
	if m := missing(with, "Zuzanna", "8C", "Sjövikskolan – Gülşen Doğan"); len(m) > 0 {
		t.Errorf("with IncludeProtected the run-sheet lacks %q", m)
	}
	en := strings.Join(weekPages(t, KindHostRunsheets, WeekDocs{Hosts: hosts[:1]}, Options{Lang: "en"}), " ")
	if m := missing(en, "Host run-sheet", "Teams in the block", "First name", "Pupil via the school",
		"Monday 9 November, 08:30–12:00", "Role models"); len(m) > 0 {
		t.Errorf("English run-sheet lacks %q:\n%s", m, en)
	}
}

func TestRunsheetOfAnEmptyBlock(t *testing.T) {
	w := newWeek()
	h := w.runsheets()[0]
	h.Blocks[1].Teams = nil
	text := strings.Join(weekPages(t, KindHostRunsheets, WeekDocs{Hosts: []HostRunsheet{h}}, Options{}), " ")
	if m := missing(text, "Inget team i det här blocket.", "Team i blocket –", "onsdag 11 november, 08:30–12:00"); len(m) > 0 {
		t.Errorf("run-sheet lacks %q:\n%s", m, text)
	}
	err := HostRunsheets(&bytes.Buffer{}, []HostRunsheet{{Host: w.hosts[0]}}, Options{})
	if !errors.Is(err, ErrNothing) {
		t.Errorf("a host without blocks: err = %v, want ErrNothing", err)
	}
}

func TestWeekAttendanceLists(t *testing.T) {
	w := newWeek()
	pages := weekPages(t, KindWeekAttendance, WeekDocs{Hosts: w.runsheets()}, Options{})
	all := strings.Join(pages, " ")
	for _, h := range w.runsheets() {
		for _, rb := range h.Blocks {
			head := swedish.when(rb.Block.Date, rb.Block.Start, rb.Block.End) + " · " + rb.Teams[0].Name
			if !strings.Contains(all, head) {
				t.Errorf("no list for %s at %s", head, h.Host.Name)
			}
		}
	}
	if m := missing(all, "Närvarolista", "Närvarande", "Frånvarande", "Kommentar", "Handledarens underskrift",
		"Namnförtydligande", "Alva Şahin", "Dana Eriksson", "Elev via skolan · Ref. a6b7c8d9", "Handledare Nummer1"); len(m) > 0 {
		t.Errorf("attendance lists lack %q", m)
	}
	if strings.Contains(all, "Zuzanna") || strings.Contains(all, "Sjövikskolan") {
		t.Error("an attendance list names the protected pupil")
	}
	// One list per host, each numbered from page 1.
	starts := 0
	for _, p := range pages {
		if strings.Contains(p, "Sida 1 av") {
			starts++
		}
	}
	if starts != 4 {
		t.Errorf("%d lists, want one per host (4)", starts)
	}
}

// TestWeekAttendanceListsKeepATeamTogether: a team's list, table and
// signatures, stays on one page when it fits one. Found by use: a page
// began with the team's heading "(forts.)" and only the signatures under
// it, since the room kept for the team was short of what it took.
func TestWeekAttendanceListsKeepATeamTogether(t *testing.T) {
	w := newWeek()
	base := w.runsheets()[0]
	for teams := 1; teams <= 7; teams++ {
		for members := 1; members <= 6; members++ {
			h := base
			h.Blocks = nil
			for _, rb := range base.Blocks {
				tm := rb.Teams[0]
				var all []RunsheetTeam
				for k := range teams {
					x := tm
					x.Name = fmt.Sprintf("Team %d", k+1)
					x.Members = nil
					for len(x.Members) < members {
						x.Members = append(x.Members, tm.Members[len(x.Members)%len(tm.Members)])
					}
					all = append(all, x)
				}
				rb.Teams = all
				h.Blocks = append(h.Blocks, rb)
			}
			pages := weekPages(t, KindWeekAttendance, WeekDocs{Hosts: []HostRunsheet{h}}, Options{})
			// "(forts.)" continues a team's table on a new page, and only
			// that: its header row comes next.
			for i, pg := range pages {
				for rest := pg; strings.Contains(rest, "(forts.)"); {
					rest = strings.TrimSpace(rest[strings.Index(rest, "(forts.)")+len("(forts.)"):])
					if !strings.HasPrefix(rest, "Elev Klass Närvarande") {
						t.Errorf("%d teams of %d: page %d continues a team with no table: %.80q", teams, members, i+1, rest)
					}
				}
			}
		}
	}
}

func TestWeekCertificatesCountOnlyBlocksPresent(t *testing.T) {
	w := newWeek()
	alva := w.pupil(w.alva)
	alva.ClosingAttended = true
	for i := range alva.Route {
		alva.Route[i].Attendance = data.AttendancePresent
	}
	alva.Route[2].Attendance = data.AttendanceSick // Klarälvens Kod AB, Wednesday
	bo := w.pupil(w.bo)                            // nothing recorded
	pages := weekPages(t, KindWeekCertificates, WeekDocs{Pupils: []WeekPupil{alva, bo}}, Options{})
	if len(pages) != 1 {
		t.Fatalf("%d pages, want 1: Bo was present at no block", len(pages))
	}
	text := pages[0]
	if m := missing(text, "Intyg om teknikprao", "Härmed intygas att", "Alva Şahin", "Klass 8B, Älvkulleskolan",
		"har genomfört teknikprao och besökt", "Fryksdals Mekatronik AB, Sunne Elkraft AB, Rottneros Verkstad AB",
		"3 av 4 block och avslutningen", "Besökta värdar", "måndag 9 november", "tisdag 10 november",
		"torsdag 12 november", "fredag 13 november", closingTitle+", "+closingVenue, "Team Röd · "+weekGroup,
		"Märta Öberg, Älvkulleskolan", "Ort och datum"); len(m) > 0 {
		t.Errorf("certificate lacks %q:\n%s", m, text)
	}
	if strings.Contains(text, "Klarälvens") || strings.Contains(text, "onsdag 11 november") {
		t.Errorf("the sick block must be left out:\n%s", text)
	}
	if alva.Route[2].Attendance != data.AttendanceSick || w.pupil(w.alva).Route[0].Attendance != "" {
		t.Error("the input changed")
	}
	err := WeekCertificates(&bytes.Buffer{}, []WeekPupil{bo}, Options{})
	if !errors.Is(err, ErrNothing) {
		t.Errorf("only pupils without attendance: err = %v, want ErrNothing", err)
	}
	en := strings.Join(weekPages(t, KindWeekCertificates, WeekDocs{Pupils: []WeekPupil{alva}}, Options{Lang: "en"}), " ")
	if m := missing(en, "Teknikprao certificate", "has completed teknikprao and visited", "3 of 4 blocks and the closing session",
		"Hosts visited"); len(m) > 0 {
		t.Errorf("English certificate lacks %q", m)
	}
}

func TestFeedbackTally(t *testing.T) {
	for _, c := range []struct {
		name    string
		answers []FeedbackAnswer
		q       int
		mean    float64
		shown   bool
	}{
		{"five answers", []FeedbackAnswer{{Scores: []int{5}}, {Scores: []int{4}}, {Scores: []int{4}}, {Scores: []int{3}}, {Scores: []int{5}}}, 0, 4.2, true},
		{"four answers", []FeedbackAnswer{{Scores: []int{5}}, {Scores: []int{4}}, {Scores: []int{4}}, {Scores: []int{3}}}, 0, 0, false},
		{"unanswered do not count", []FeedbackAnswer{{Scores: []int{5, 0}}, {Scores: []int{4, 0}}, {Scores: []int{4}}, {Scores: []int{3, 2}}, {Scores: []int{5, 9}}}, 1, 0, false},
		{"no such question", []FeedbackAnswer{{Scores: []int{5}}}, 3, 0, false},
		{"negative question", nil, -1, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tally := TallyFeedback(c.answers)
			if tally.N != len(c.answers) {
				t.Errorf("N = %d, want %d", tally.N, len(c.answers))
			}
			m, ok := tally.Mean(c.q)
			if ok != c.shown || (ok && fmt.Sprintf("%.3f", m) != fmt.Sprintf("%.3f", c.mean)) {
				t.Errorf("Mean(%d) = %v, %v; want %v, %v", c.q, m, ok, c.mean, c.shown)
			}
		})
	}
}

func TestHostFeedbackHidesFewAnswers(t *testing.T) {
	w := newWeek()
	fb := w.feedback()
	text := strings.Join(weekPages(t, KindHostFeedback, WeekDocs{Feedback: fb[:1]}, Options{}), " ")
	if m := missing(text, "Återkoppling från eleverna", "Fryksdals Mekatronik AB", weekGroup, "Sammanfattning",
		"Era block", "Värdgruppen", "Hela veckan", "Antal svar", "1. Hur roligt var blocket?",
		"måndag 9 november, 08:30–12:00 · Team Röd", "onsdag 11 november, 08:30–12:00 · Team Blå",
		// The big block: 6 answers, means 4,5 4,0 4,0; the group and week have 39.
		"Antal svar 6 39 39", "4,5", "Kommentarer",
		// The summary leaves out the small block: with it, 9 minus 6 would tell its count. "”Kommentar A om robotarna”",
		// The small block: 3 answers, shown as <5 with no figures and no comments.
		"Antal svar <5 39 39", "Kommentarerna visas när minst 5 elever har svarat."); len(m) > 0 {
		t.Errorf("feedback lacks %q:\n%s", m, text)
	}
	if strings.Count(text, "Antal svar 6 39 39") != 2 {
		t.Errorf("the summary should count the shown block only:\n%s", text)
	}
	if strings.Contains(text, "Antal svar 3") || strings.Contains(text, "Antal svar 9") || strings.Contains(text, "Hemlig kommentar") {
		t.Errorf("a block with 3 answers shows its figures or comments:\n%s", text)
	}
	// The small block's rows hold "<5" for every question, not a mean.
	small := text[strings.Index(text, "onsdag 11 november, 08:30–12:00 · Team Blå"):]
	for q := range feedbackQuestions {
		row := fmt.Sprintf("%d. %s <5", q+1, feedbackQuestions[q])
		if !strings.Contains(small, row) {
			t.Errorf("small block lacks %q:\n%s", row, small)
		}
	}
	// Comments are sorted, so their order says nothing about who wrote them.
	if a, f := strings.Index(text, "Kommentar A"), strings.Index(text, "Kommentar F"); a < 0 || f < 0 || a > f {
		t.Errorf("comments not sorted: A at %d, F at %d", a, f)
	}
	en := strings.Join(weekPages(t, KindHostFeedback, WeekDocs{Feedback: fb[:1]}, Options{Lang: "en"}), " ")
	if m := missing(en, "Feedback from the pupils", "Your blocks", "Whole week", "Answers 6 39 39", "4.5",
		"Comments are shown once at least 5 pupils have answered."); len(m) > 0 {
		t.Errorf("English feedback lacks %q:\n%s", m, en)
	}
}

func TestHostFeedbackRefusesBadScores(t *testing.T) {
	w := newWeek()
	fb := w.feedback()
	fb[2].Blocks[1].Answers[3].Scores[1] = 7
	var b bytes.Buffer
	err := HostFeedbackReports(&b, fb, Options{Fixed: fixed})
	if err == nil {
		t.Fatal("a score of 7 was accepted")
	}
	for _, want := range []string{"Klarälvens Kod AB", "2026-11-09", "08:30–12:00", "answer 4", "question 2", "score 7"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if b.Len() != 0 {
		t.Error("something was written")
	}
	if _, err := WriteWeekFiles(filepath.Join(t.TempDir(), "ut"), KindHostFeedback, WeekDocs{Feedback: fb}, Options{}); err == nil {
		t.Error("WriteWeekFiles accepted a score of 7")
	}
}

func TestWeekHostileTextNeverPanicsOrFails(t *testing.T) {
	for i, s := range hostile {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			w := newWeek()
			w.alva.FirstName, w.alva.LastName, w.alva.ClassName = s, s, s
			w.zuza.FirstName = "زوزانا " + s
			w.school.Name, w.period.Name = s, s
			for i := range w.blocks {
				for k := range w.blocks[i] {
					b := &w.blocks[i][k]
					b.Host.Name, b.Activities, b.TravelInfo, b.Address, b.WhatToBring = s, s, s, s, s
					b.RoleModels[0].FirstName, b.RoleModels[0].Journey = s, s+" "+s
				}
			}
			w.closing.Title, w.closing.Venue, w.closing.Programme = s, s, s
			w.counsellor.Phone = s
			d := docsOf(w)
			d.Pupils[0].Pupil.Protected = i%2 == 0
			d.Pupils[0].ClosingAttended = true
			d.Pupils[0].Route[0].Attendance = data.AttendancePresent
			d.Feedback[0].Blocks[0].Answers[0].Comment = s
			d.Feedback[0].Questions = []string{s, s, s}
			for _, k := range WeekKinds {
				for _, lang := range []string{"sv", "en"} {
					var b bytes.Buffer
					if err := WriteWeek(&b, k, d, Options{Lang: lang, Fixed: fixed}); err != nil {
						t.Fatalf("%s/%s: %v", k, lang, err)
					}
					if i == 0 && k == KindWeekSchedules && lang == "sv" {
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

// docsOf rebuilds the week's documents after the fixture was changed.
func docsOf(w *week) WeekDocs {
	fresh := newWeek()
	// Re-run the team building with the changed pupils and blocks.
	for k := range fresh.teams {
		fresh.teams[k].Route = nil
		for i := range w.blocks {
			fresh.teams[k].Route = append(fresh.teams[k].Route, w.blocks[i][k])
		}
		fresh.teams[k].Closing = w.closing
		fresh.teams[k].Period = w.period
		for j, m := range fresh.teams[k].Members {
			for _, p := range []data.Pupil{w.alva, w.bo, w.ebba, w.cem, w.dana, w.zuza} {
				if p.ID == m.Pupil.ID {
					fresh.teams[k].Members[j].Pupil = p
				}
			}
			if m.School.ID == w.school.ID {
				fresh.teams[k].Members[j].School = w.school
				fresh.teams[k].Members[j].Contact = &w.counsellor
			}
		}
	}
	fresh.blocks, fresh.closing, fresh.period, fresh.school = w.blocks, w.closing, w.period, w.school
	for i := range fresh.hosts {
		fresh.hosts[i] = w.blocks[i][0].Host
	}
	return fresh.docs()
}

func TestWeekLayoutStaysInsideTheMarginsAndNeverOverlaps(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	long := "Bartłomiej-Þórunn Ştefănescu-Nguyễn von Åkerhielm af Margaretelund " + strings.Repeat("Superkalifragilistisk", 8)
	addr := strings.Repeat("Industrigatan 12, uppgång C, plan 4, 686 30 Sunne, ", 6)
	w := newWeek()
	w.alva.FirstName, w.alva.LastName = long, long
	w.school.Name = long
	for i := range w.blocks {
		for k := range w.blocks[i] {
			b := &w.blocks[i][k]
			b.Host.Name, b.Address, b.TravelInfo = long, addr, addr
			b.Activities = strings.Repeat("Programmera en robot, testa och mät. ", 60)
			b.RoleModels[0].Journey = strings.Repeat(journeyA+" ", 25)
		}
	}
	w.closing.Venue, w.closing.Title = addr, long
	d := docsOf(w)
	d.Pupils[0].ClosingAttended = true
	for i := range d.Pupils[0].Route {
		d.Pupils[0].Route[i].Attendance = data.AttendancePresent
	}
	d.Feedback[0].Questions = []string{long + " " + long, "Kort?", addr}
	for _, lang := range []*lang{&swedish, &english} {
		for name, layout := range map[string]func(u *unit){
			"schedule":    func(u *unit) { layoutWeekSchedule(u, d.Pupils[0]) },
			"team":        func(u *unit) { layoutTeamSheet(u, d.Teams[1], false) },
			"runsheet":    func(u *unit) { layoutRunsheet(u, d.Hosts[0], false) },
			"attendance":  func(u *unit) { layoutAttendanceList(u, d.Hosts[0], false) },
			"certificate": func(u *unit) { layoutWeekCertificate(u, d.Pupils[0]) },
			"feedback":    func(u *unit) { layoutFeedback(u, d.Feedback[0]) },
		} {
			t.Run(lang.code+"/"+name, func(t *testing.T) {
				u := &unit{m: m, l: lang}
				layout(u)
				checkLayout(t, u)
			})
		}
	}
}

func TestWeekSameInputGivesTheSameBytes(t *testing.T) {
	d := newWeek().docs()
	for _, p := range d.Pupils {
		for i := range p.Route {
			p.Route[i].Attendance = data.AttendancePresent
		}
	}
	for _, k := range WeekKinds {
		var a, b, c bytes.Buffer
		if err := WriteWeek(&a, k, d, Options{Fixed: fixed}); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if err := WriteWeek(&b, k, newWeekDocsPresent(), Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ", k)
		}
		if err := WriteWeek(&c, k, d, Options{Fixed: fixed.AddDate(0, 0, 1)}); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("%s: another printing date must show", k)
		}
	}
}

// newWeekDocsPresent is the fixture's documents with every block attended,
// built afresh.
func newWeekDocsPresent() WeekDocs {
	d := newWeek().docs()
	for _, p := range d.Pupils {
		for i := range p.Route {
			p.Route[i].Attendance = data.AttendancePresent
		}
	}
	return d
}

func TestWeekBlocksPrintInTimeOrder(t *testing.T) {
	w := newWeek()
	p := w.pupil(w.alva)
	p.Route = []WeekBlock{p.Route[3], p.Route[1], p.Route[0], p.Route[2]}
	text := strings.Join(weekPages(t, KindWeekSchedules, WeekDocs{Pupils: []WeekPupil{p}}, Options{}), " ")
	last := -1
	for _, day := range []string{"måndag 9 november, 08:30", "tisdag 10 november, 08:30", "onsdag 11 november, 08:30", "torsdag 12 november, 08:30"} {
		i := strings.Index(text, day)
		if i < last {
			t.Errorf("%s comes before an earlier day", day)
		}
		last = i
	}
}

func TestWriteWeekFiles(t *testing.T) {
	w := newWeek()
	d := newWeekDocsPresent()
	dir := filepath.Join(t.TempDir(), "ut")
	for _, c := range []struct {
		kind  WeekKind
		names []string
	}{
		{KindWeekSchedules, []string{"Schema för teknikpraoveckan 8B Şahin Alva.pdf", "Schema för teknikpraoveckan 8B Lindqvist Bo.pdf",
			"Schema för teknikpraoveckan 8A Holm Ebba.pdf", "Schema för teknikpraoveckan 8A Yılmaz Cem.pdf",
			"Schema för teknikpraoveckan 8B Eriksson Dana.pdf", "Schema för teknikpraoveckan 8C Wójcik Zuzanna.pdf"}},
		{KindTeamSheets, []string{"Teamblad Team Röd - Ring Fryksdalen.pdf", "Teamblad Team Blå - Ring Fryksdalen.pdf"}},
		{KindHostRunsheets, []string{"Körschema för värden Fryksdals Mekatronik AB.pdf", "Körschema för värden Sunne Elkraft AB.pdf",
			"Körschema för värden Klarälvens Kod AB.pdf", "Körschema för värden Rottneros Verkstad AB.pdf"}},
		{KindWeekAttendance, []string{"Närvarolista Fryksdals Mekatronik AB.pdf", "Närvarolista Sunne Elkraft AB.pdf",
			"Närvarolista Klarälvens Kod AB.pdf", "Närvarolista Rottneros Verkstad AB.pdf"}},
		{KindHostFeedback, []string{"Återkoppling från eleverna Fryksdals Mekatronik AB.pdf", "Återkoppling från eleverna Sunne Elkraft AB.pdf",
			"Återkoppling från eleverna Klarälvens Kod AB.pdf", "Återkoppling från eleverna Rottneros Verkstad AB.pdf"}},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			paths, err := WriteWeekFiles(dir, c.kind, d, Options{Fixed: fixed})
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
	// Cancelled half-way: no files left.
	ctx, cancel := context.WithCancel(context.Background())
	cdir := filepath.Join(t.TempDir(), "avbrutet")
	if _, err := WriteWeekFilesContext(ctx, cdir, KindWeekSchedules, d, Options{}, func(int, int) { cancel() }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	if es, _ := os.ReadDir(cdir); len(es) != 0 {
		t.Errorf("%d files left after cancel", len(es))
	}
	// Two teams of one name get two files.
	twins := WeekDocs{Teams: []WeekTeam{w.teams[0], w.teams[0]}}
	paths, err := WriteWeekFiles(filepath.Join(t.TempDir(), "tvillingar"), KindTeamSheets, twins, Options{Fixed: fixed})
	if err != nil || len(paths) != 2 || !strings.HasSuffix(paths[1], "Ring Fryksdalen (2).pdf") {
		t.Errorf("twins: %q, %v", paths, err)
	}
}

func TestWeekNothingToPrint(t *testing.T) {
	for _, k := range WeekKinds {
		if err := WriteWeek(&bytes.Buffer{}, k, WeekDocs{}, Options{}); !errors.Is(err, ErrNothing) {
			t.Errorf("%s of nothing: err = %v, want ErrNothing", k, err)
		}
		if _, err := WriteWeekFiles(t.TempDir(), k, WeekDocs{}, Options{}); !errors.Is(err, ErrNothing) {
			t.Errorf("%s files of nothing: err = %v, want ErrNothing", k, err)
		}
		if !k.Valid() {
			t.Errorf("%s is not valid", k)
		}
	}
	if WeekKind("schedules").Valid() {
		t.Error("a classic kind is a week kind")
	}
	if err := WriteWeek(&bytes.Buffer{}, "badges", WeekDocs{}, Options{}); err == nil {
		t.Error("unknown kind accepted")
	}
	if _, err := WriteWeekFiles(t.TempDir(), "badges", WeekDocs{}, Options{}); err == nil {
		t.Error("unknown kind accepted by WriteWeekFiles")
	}
	if err := WeekSchedules(&bytes.Buffer{}, []WeekPupil{{}}, Options{Lang: "de"}); err == nil {
		t.Error("unknown language accepted")
	}
}

func TestBareWeekDocumentsPrint(t *testing.T) {
	// Nothing recorded but a pupil, a team, a host and one empty block.
	bare := WeekDocs{
		Pupils:   []WeekPupil{{}, {Pupil: data.Pupil{FirstName: "Ida"}, Period: data.Period{Start: date("2026-11-09"), End: date("2026-11-13")}}},
		Teams:    []WeekTeam{{}},
		Hosts:    []HostRunsheet{{Blocks: []RunsheetBlock{{}}}},
		Feedback: []HostFeedback{{Blocks: []FeedbackBlock{{}}}},
	}
	for _, k := range WeekKinds {
		err := WriteWeek(&bytes.Buffer{}, k, bare, Options{Fixed: fixed})
		if k == KindWeekCertificates || k == KindWeekAttendance {
			if !errors.Is(err, ErrNothing) {
				t.Errorf("%s: err = %v, want ErrNothing", k, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	text := strings.Join(weekPages(t, KindWeekSchedules, WeekDocs{Pupils: bare.Pupils[1:]}, Options{}), " ")
	if m := missing(text, "Ida", "måndag 9 november – fredag 13 november 2026", "Inga block är planerade ännu."); len(m) > 0 {
		t.Errorf("bare schedule lacks %q:\n%s", m, text)
	}
}

func TestFeedbackSummaryNeverTellsAHiddenBlock(t *testing.T) {
	answers := func(n int, score int) []FeedbackAnswer {
		var out []FeedbackAnswer
		for range n {
			out = append(out, FeedbackAnswer{Scores: []int{score, score}})
		}
		return out
	}
	for _, c := range []struct {
		name   string
		blocks []FeedbackBlock
		n      int
		mean   string // of question 1, "" when hidden
	}{
		{"one big, one small: the small one is left out", []FeedbackBlock{{Answers: answers(6, 5)}, {Answers: answers(3, 1)}}, 6, "5.00"},
		{"two small that reach five together", []FeedbackBlock{{Answers: answers(3, 5)}, {Answers: answers(2, 1)}, {Answers: answers(6, 3)}}, 11, "3.18"},
		{"only small", []FeedbackBlock{{Answers: answers(2, 5)}, {Answers: answers(2, 1)}}, 0, ""},
		{"none", nil, 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := summaryTally(c.blocks)
			if s.N != c.n {
				t.Errorf("N = %d, want %d", s.N, c.n)
			}
			m, ok := s.Mean(0)
			if got := map[bool]string{true: fmt.Sprintf("%.2f", m), false: ""}[ok]; got != c.mean {
				t.Errorf("mean = %q, want %q", got, c.mean)
			}
		})
	}
}

func TestWriteWeekContextIsWriteWeekWithProgressAndCancel(t *testing.T) {
	d := newWeekDocsPresent()
	for _, k := range WeekKinds {
		var a, b bytes.Buffer
		if err := WriteWeek(&a, k, d, Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		var calls, total int
		pages, err := WriteWeekContext(context.Background(), &b, k, d, Options{Fixed: fixed}, func(done, n int) { calls, total = done, n })
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: WriteWeekContext differs from WriteWeek", k)
		}
		if got := len(pdfPages(t, b.Bytes())); got != pages {
			t.Errorf("%s: %d pages reported, the PDF has %d", k, pages, got)
		}
		if calls != total || total == 0 {
			t.Errorf("%s: progress ended at %d of %d", k, calls, total)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var b bytes.Buffer
	_, err := WriteWeekContext(ctx, &b, KindWeekSchedules, d, Options{}, func(done, _ int) { cancel() })
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes written", err, b.Len())
	}
}

func TestWeekFirstPageAndUnits(t *testing.T) {
	d := newWeekDocsPresent()
	for i := range d.Pupils[0].Route { // the first pupil gets no certificate
		d.Pupils[0].Route[i].Attendance = ""
	}
	want := map[WeekKind]int{KindWeekSchedules: 6, KindTeamSheets: 2, KindHostRunsheets: 4, KindWeekAttendance: 4,
		KindWeekCertificates: 5, KindHostFeedback: 4}
	for _, k := range WeekKinds {
		if got := WeekUnits(k, d); got != want[k] {
			t.Errorf("WeekUnits(%s) = %d, want %d", k, got, want[k])
		}
		pg, err := WeekFirstPage(k, d, Options{Fixed: fixed})
		if err != nil {
			t.Fatal(err)
		}
		pdf := renderBytes(t, func(b *bytes.Buffer) error { return WriteWeek(b, k, d, Options{Fixed: fixed}) })
		first := flat(pdfPages(t, pdf)[0])
		n := 0
		for _, it := range pg.Items {
			if it.Kind != ItemText {
				continue
			}
			n++
			if !strings.Contains(first, flat(it.Text)) {
				t.Errorf("%s: preview text %q is not on the PDF's first page", k, it.Text)
			}
		}
		if n < 5 || pg.Pages < 1 {
			t.Errorf("%s: preview has %d texts, %d pages", k, n, pg.Pages)
		}
	}
	if _, err := WeekFirstPage(KindWeekCertificates, WeekDocs{}, Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("preview of nothing: %v", err)
	}
}

// TestClosingName: the word for the closing session is not said twice.
func TestClosingName(t *testing.T) {
	cases := []struct{ title, want string }{
		{"Teknikdag på universitetet", "Avslutning · Teknikdag på universitetet"},
		{"Avslutning – Teknikprao åk 8 v. 51", "Avslutning – Teknikprao åk 8 v. 51"},
		{"avslutning i aulan", "avslutning i aulan"},
		{"", "Avslutning"},
		{"Avsl", "Avslutning · Avsl"},
		{"Åk 8 avslutar", "Avslutning · Åk 8 avslutar"},
	}
	for _, c := range cases {
		if got := closingName(&swedish, " · ", c.title); got != c.want {
			t.Errorf("closingName(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}
