package reports

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

func eventDoc(n int) EventDoc {
	e := data.Event{ID: "ev", Title: "Teknikdag för tjejer i Värmland", Kind: data.EventPupil,
		Start: time.Date(2026, 10, 24, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 10, 24, 12, 30, 0, 0, data.Stockholm),
		Venue: "Karlstad CCC, Tage Erlandergatan 8", Description: "Workshoppar, robotar och möten med förebilder."}
	names := []string{"Paweł Wiśniewski", "Gülşen Doğan", "Ngọc Ánh Nguyễn", "Alva Şahin", "Bartłomiej Nowak",
		"Märta Öberg", "Zuzanna Wójcik", "Åsa Ängström", "Maria-Magdalena Abrahamsson-Östergren von Hallwyl"}
	d := EventDoc{Event: e}
	for i := range n {
		d.Participants = append(d.Participants, Participant{Name: names[i%len(names)],
			Organisation: fmt.Sprintf("Företag %d AB", i+1), Status: data.RegAttended, Code: fmt.Sprintf("TQ%08X", 0xA1B2C300+i)})
	}
	return d
}

// withCounts sets the document's count from its participants, as NewEventDoc does.
func withCounts(d EventDoc) EventDoc {
	var rs []data.Registration
	for _, p := range d.Participants {
		rs = append(rs, data.Registration{Status: p.Status})
	}
	d.Counts = data.CountRegistrations(rs)
	return d
}

func TestParticipantList(t *testing.T) {
	d := eventDoc(9)
	d.Participants[1].Status = data.RegRegistered
	d.Participants[2].Status = data.RegCancelled
	d.Participants[3].Status = data.RegWaitlisted
	d.Event.Capacity = 8
	d = withCounts(d)
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return ParticipantList(b, d, Options{Fixed: fixed}) })
	text := flat(strings.Join(pdfPages(t, pdf), " "))
	if m := missing(text, "Deltagarlista", "Teknikdag för tjejer i Värmland", "lördag 24 oktober 2026, 09:00–12:30",
		"Karlstad CCC", "Namn", "Organisation", "Status", "Signatur", "Paweł Wiśniewski", "Gülşen Doğan",
		"anmäld", "närvarande", "reserv", "Anmälda 7 av 8 · reserver 1 · närvarande 6", "Sida 1 av 1"); len(m) > 0 {
		t.Errorf("list lacks %q:\n%s", m, text)
	}
	if strings.Contains(text, "Ngọc Ánh") {
		t.Error("a cancelled registration is on the list")
	}

	// Those with a seat come first, then each other group under its own
	// heading: the reserves in their turn (not by name), the invited,
	// those who did not come (found by use: all mixed by name).
	d = eventDoc(9)
	at := func(h int) time.Time { return time.Date(2026, 10, 1, h, 0, 0, 0, data.Stockholm) }
	d.Participants[0].Status = data.RegRegistered                                         // Paweł
	d.Participants[5].Status, d.Participants[5].RegisteredAt = data.RegWaitlisted, at(9)  // Märta, first in turn
	d.Participants[3].Status, d.Participants[3].RegisteredAt = data.RegWaitlisted, at(12) // Alva, second
	d.Participants[7].Status = data.RegInvited                                            // Åsa
	d.Participants[6].Status = data.RegNoShow                                             // Zuzanna
	d = withCounts(d)
	text = flat(strings.Join(pdfPages(t, renderBytes(t, func(b *bytes.Buffer) error { return ParticipantList(b, d, Options{Fixed: fixed}) })), " "))
	order := []string{"Paweł Wiśniewski", "Reserver, i turordning (2)", "Märta Öberg", "Alva Şahin",
		"Inbjudna som inte har anmält sig (1)", "Åsa Ängström", "Anmälda som inte kom (1)", "Zuzanna Wójcik"}
	last := -1
	for _, w := range order {
		i := strings.Index(text, w)
		if i <= last {
			t.Fatalf("%q is not after %q (at %d):\n%s", w, order[max(0, slices.Index(order, w)-1)], i, text)
		}
		last = i
	}
}

func TestBadgesEightToAPage(t *testing.T) {
	for _, c := range []struct{ people, pages int }{{8, 1}, {9, 2}, {17, 3}} {
		d := eventDoc(c.people)
		pdf := renderBytes(t, func(b *bytes.Buffer) error { return Badges(b, d, Options{Fixed: fixed}) })
		pages := pdfPages(t, pdf)
		if len(pages) != c.pages {
			t.Errorf("%d people: %d pages, want %d", c.people, len(pages), c.pages)
			continue
		}
		if c.people == 9 {
			first, second := flat(pages[0]), flat(pages[1])
			if m := missing(first, "Paweł Wiśniewski", "Gülşen Doğan", "Ngọc Ánh Nguyễn", "Företag 1 AB", "Företag 8 AB",
				"Sida 1 av 2"); len(m) > 0 {
				t.Errorf("page 1 lacks %q:\n%s", m, first)
			}
			if m := missing(second, "Abrahamsson", "Företag 9 AB", "Sida 2 av 2"); len(m) > 0 || strings.Contains(second, "Företag 8 AB") {
				t.Errorf("page 2 lacks %q:\n%s", m, second)
			}
		}
	}
}

func TestEventCertificatesOnlyForAttended(t *testing.T) {
	d := eventDoc(3)
	d.Participants[1].Status = data.RegNoShow
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return EventCertificates(b, d, Options{Fixed: fixed, Lang: "en"}) })
	pages := pdfPages(t, pdf)
	if len(pages) != 2 {
		t.Fatalf("%d pages, want one per attended person (2)", len(pages))
	}
	if m := missing(flat(pages[1]), "Certificate of participation", "This is to certify that", "Ngọc Ánh Nguyễn",
		"has taken part in", "Teknikdag för tjejer i Värmland", "Saturday 24 October 2026, 09:00–12:30", "Page 1 of 1"); len(m) > 0 {
		t.Errorf("certificate lacks %q:\n%s", m, pages[1])
	}
	d.Participants[0].Status, d.Participants[2].Status = data.RegRegistered, data.RegRegistered
	if err := EventCertificates(&bytes.Buffer{}, d, Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("nobody attended: %v", err)
	}
}

func TestEventDocumentsAreDeterministicAndSurviveHostileText(t *testing.T) {
	for _, f := range []func(*bytes.Buffer, EventDoc, Options) error{
		func(b *bytes.Buffer, d EventDoc, o Options) error { return ParticipantList(b, d, o) },
		func(b *bytes.Buffer, d EventDoc, o Options) error { return Badges(b, d, o) },
		func(b *bytes.Buffer, d EventDoc, o Options) error { return EventCertificates(b, d, o) },
	} {
		var a, b bytes.Buffer
		if err := f(&a, eventDoc(9), Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		if err := f(&b, eventDoc(9), Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("two runs differ")
		}
		for _, s := range hostile {
			d := eventDoc(2)
			d.Event.Title, d.Event.Venue, d.Event.Description = s, s, s
			d.Participants[0].Name, d.Participants[0].Organisation = s, s
			if err := f(&bytes.Buffer{}, d, Options{Fixed: fixed}); err != nil {
				t.Errorf("%q: %v", s, err)
			}
		}
	}
}

// Each badge carries its code as text and as a Code 128 barcode that a
// scanner reads back as exactly that code; reserves, the invited and the
// cancelled get no badge.
func TestBadgesCarryAScannableCode(t *testing.T) {
	d := eventDoc(4)
	d.Participants[1].Status = data.RegWaitlisted
	d.Participants[2].Status = data.RegInvited
	pdf := renderBytes(t, func(b *bytes.Buffer) error { return Badges(b, d, Options{Fixed: fixed}) })
	text := flat(strings.Join(pdfPages(t, pdf), " "))
	if m := missing(text, "TQA1B2C300", "TQA1B2C303"); len(m) > 0 || strings.Contains(text, "TQA1B2C301") ||
		strings.Contains(text, "TQA1B2C302") {
		t.Errorf("badge codes: lacks %q in\n%s", m, text)
	}
	bars, ok := code128Bars("TQA1B2C300")
	if !ok || len(bars) == 0 || !bars[0] || !bars[len(bars)-1] || float64(len(bars))*barModule > badgeW/2 {
		t.Fatalf("%d modules", len(bars))
	}
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Skip("zbarimg (zbar-tools) is not installed: the barcode is not read back")
	}
	needTool(t, "pdftoppm")
	dir := t.TempDir()
	path := filepath.Join(dir, "badges.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	out, _ := exec.Command("zbarimg", "--quiet", "--raw", "-Sdisable", "-Scode128.enable", filepath.Join(dir, "p-1.png")).Output()
	got := strings.Fields(string(out))
	sort.Strings(got)
	if strings.Join(got, " ") != "TQA1B2C300 TQA1B2C303" {
		t.Errorf("the scanner reads %q", got)
	}
}

// A pupil event's participant list shows each pupil's class beside the
// school (found by use: the school only); a protected pupil is "Elev via
// skolan", with neither class nor school, unless included on purpose.
func TestParticipantListShowsTheClass(t *testing.T) {
	e := data.Event{ID: "ev", Title: "Teknikdag för elever", Kind: data.EventPupil,
		Start: time.Date(2026, 12, 10, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 12, 10, 14, 0, 0, 0, data.Stockholm)}
	reg := func(id string) data.Registration {
		return data.Registration{ID: id, Status: data.RegRegistered}
	}
	ps := []data.EventParticipant{
		{Registration: reg("a1"), Name: "Alva Andersson", Organisation: "Tingvallaskolan", Class: "8A", Pupil: true},
		{Registration: reg("b2"), Name: "Greta Sjö", Organisation: "Tingvallaskolan", Class: "8B", Pupil: true},
		{Registration: reg("c3"), Name: "Hemlig Elevsson", Organisation: "Sundstaskolan", Class: "9C", Pupil: true, Protected: true},
		{Registration: reg("d4"), Name: "Erik Nilsson", Organisation: "Värmlands Elektronik AB"},
	}
	for _, include := range []bool{false, true} {
		d, ids := NewEventDoc(e, ps, "sv", include)
		text := flat(strings.Join(pdfPages(t, renderBytes(t, func(b *bytes.Buffer) error {
			return ParticipantList(b, d, Options{Fixed: fixed, IncludeProtected: include})
		})), " "))
		// (pdftotext reads table rows in its own order: the cells one by one.)
		if m := missing(text, "Klass", "Alva Andersson 8A Tingvallaskolan", "Greta Sjö", "8B",
			"Erik Nilsson", "Värmlands Elektronik AB"); len(m) > 0 {
			t.Errorf("include %v: list lacks %q:\n%s", include, m, text)
		}
		hidden := !strings.Contains(text, "Hemlig") && !strings.Contains(text, "9C") && !strings.Contains(text, "Sundstaskolan") &&
			strings.Contains(text, "Elev via skolan") && len(ids) == 3
		shown := len(missing(text, "Hemlig Elevsson", "9C", "Sundstaskolan")) == 0 && len(ids) == 4
		if (!include && !hidden) || (include && !shown) {
			t.Errorf("include %v: the protected pupil (ids %v):\n%s", include, ids, text)
		}
	}
	// A network event's list has no class column.
	d, _ := NewEventDoc(data.Event{Title: "Nätverksträff"}, ps[3:], "sv", false)
	text := flat(strings.Join(pdfPages(t, renderBytes(t, func(b *bytes.Buffer) error { return ParticipantList(b, d, Options{Fixed: fixed}) })), " "))
	if strings.Contains(text, "Klass") {
		t.Errorf("a class column without pupils:\n%s", text)
	}
}
