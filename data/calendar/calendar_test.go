package calendar

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"techniqual/data"
)

// fixed is the DTSTAMP of every test calendar.
var fixed = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// docs is a period across the October change from summer time: Friday 23
// October (CEST, +02:00) and Monday 26 October (CET, +01:00), 09:00–15:00.
// Alva is an ordinary pupil, Zuzanna has protected identity.
func docs() []data.ScheduleDoc {
	per := data.Period{ID: "per-1", Name: "Åk 8 v. 43–44 2026", Start: day("2026-10-23"), End: day("2026-10-26")}
	host := data.Organisation{ID: "org-h", Name: "Fryksdals Mekatronik AB", VisitingAddress: "Verkstadsvägen 3, 686 30 Sunne"}
	school := data.Organisation{ID: "org-s", Name: "Älvkulleskolan"}
	other := data.Organisation{ID: "org-o", Name: "Sjövikskolan"}
	sup := &data.Person{ID: "p-sup", FirstName: "Paweł", LastName: "Wiśniewski", Title: "automationstekniker", Phone: "070-111 22 33"}
	syv := &data.Person{ID: "p-syv", FirstName: "Märta", LastName: "Öberg", Phone: "054-540 11 22"}
	syv2 := &data.Person{ID: "p-syv2", FirstName: "Gülşen", LastName: "Doğan", Phone: "0570-333 44"}
	off := data.Offer{ID: "off-1", HostID: host.ID, PeriodID: per.ID, Title: "Automation, robotar; och ström",
		TravelInfo: "Buss 300 till Sunne", WhatToBring: "Oömma kläder", LunchInfo: "Personalmatsalen",
		Days: []data.OfferDay{
			{Date: day("2026-10-23"), Start: 9 * 60, End: 15 * 60, BreakMinutes: 45,
				Activities: "Välkommen; säkerhet, skydd\nsedan robotar \\ verktyg"},
			{Date: day("2026-10-26"), Start: 9 * 60, End: 15 * 60, BreakMinutes: 30, Activities: "Eget projekt"},
		}}
	alva := data.Pupil{ID: "pu-alva", SchoolID: school.ID, FirstName: "Alva", LastName: "Şahin", ClassName: "8B"}
	zuza := data.Pupil{ID: "pu-zuza", SchoolID: other.ID, FirstName: "Zuzanna", LastName: "Wójcik", ClassName: "8C", Protected: true}
	return []data.ScheduleDoc{
		{Pupil: alva, School: school, Counsellor: syv, Period: per, Offer: off, Host: host, Supervisor: sup,
			Assignment: data.Assignment{ID: "as-alva", PupilID: alva.ID, OfferID: off.ID}},
		{Pupil: zuza, School: other, Counsellor: syv2, Period: per, Offer: off, Host: host, Supervisor: sup,
			Assignment: data.Assignment{ID: "as-zuza", PupilID: zuza.ID, OfferID: off.ID}},
	}
}

// parse reads a calendar back with the library, after checking the lines
// of the file: CRLF ends and at most 75 octets each (RFC 5545 §3.1).
func parse(t *testing.T, b []byte) *ics.Calendar {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("the file does not end with END:VCALENDAR CRLF:\n%s", b)
	}
	for i, ln := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if len(ln) > 75 {
			t.Errorf("line %d is %d octets (> 75): %q", i+1, len(ln), ln)
		}
		if strings.ContainsAny(ln, "\r\n") {
			t.Errorf("line %d has a bare line end: %q", i+1, ln)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	return cal
}

func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if x := ev.GetProperty(p); x != nil {
		return x.Value
	}
	return ""
}

// wall is a time as a Stockholm wall clock, "2006-01-02 15:04".
func wall(t *testing.T, ev *ics.VEvent, end bool) string {
	t.Helper()
	get := ev.GetStartAt
	if end {
		get = ev.GetEndAt
	}
	v, err := get()
	if err != nil {
		t.Fatal(err)
	}
	return v.In(data.Stockholm).Format("2006-01-02 15:04")
}

func TestEventStaysAtNineAcrossTheChangeFromSummerTime(t *testing.T) {
	for _, c := range []struct {
		start, end string
		utc        int // the hour in UTC: 07 in summer time, 08 after
	}{
		{"2026-10-24 09:00", "2026-10-24 12:00", 7},
		{"2026-10-26 09:00", "2026-10-26 16:30", 8},
		{"2026-03-30 09:00", "2026-03-30 10:00", 7}, // the Monday after the change to summer time
	} {
		start, _ := time.ParseInLocation("2006-01-02 15:04", c.start, data.Stockholm)
		end, _ := time.ParseInLocation("2006-01-02 15:04", c.end, data.Stockholm)
		e := data.Event{ID: "ev-" + c.start[:10], Title: "Teknikdag, för alla; välkomna", Kind: data.EventPupil,
			Start: start, End: end, Venue: "Karlstad CCC, Tage Erlandergatan 8", Description: "Rad ett\nRad två; med, tecken"}
		var b bytes.Buffer
		if err := Event(&b, e, Options{Now: fixed}); err != nil {
			t.Fatal(err)
		}
		raw := b.String()
		if want := "DTSTART;TZID=Europe/Stockholm:" + strings.NewReplacer("-", "", " ", "T", ":", "").Replace(c.start) + "00"; !strings.Contains(raw, want) {
			t.Errorf("%s: no %q in\n%s", c.start, want, raw)
		}
		for _, want := range []string{"BEGIN:VTIMEZONE", "TZID:Europe/Stockholm", "BEGIN:DAYLIGHT", "BEGIN:STANDARD",
			"TZOFFSETTO:+0100", "TZOFFSETTO:+0200", "DTSTAMP:20261001T120000Z", `SUMMARY:Teknikdag\, för alla\; välkomna`,
			`DESCRIPTION:Rad ett\nRad två\; med\, tecken`, "UID:ev-" + c.start[:10] + "-event@techniqual"} {
			if !strings.Contains(raw, want) {
				t.Errorf("%s: no %q in\n%s", c.start, want, raw)
			}
		}
		cal := parse(t, b.Bytes())
		evs := cal.Events()
		if len(evs) != 1 {
			t.Fatalf("%d events", len(evs))
		}
		if got := wall(t, evs[0], false); got != c.start {
			t.Errorf("start %s, want %s", got, c.start)
		}
		if got := wall(t, evs[0], true); got != c.end {
			t.Errorf("end %s, want %s", got, c.end)
		}
		if s, _ := evs[0].GetStartAt(); s.UTC().Hour() != c.utc {
			t.Errorf("%s is %s in UTC, want %02d:00", c.start, s.UTC().Format("15:04"), c.utc)
		}
		if got := prop(evs[0], ics.ComponentPropertyLocation); got != e.Venue {
			t.Errorf("location %q", got)
		}
		if got := prop(evs[0], ics.ComponentPropertyDescription); got != e.Description {
			t.Errorf("description %q, want %q", got, e.Description)
		}
		if got := prop(evs[0], ics.ComponentPropertySummary); got != e.Title {
			t.Errorf("summary %q", got)
		}
	}
}

func TestPupilDays(t *testing.T) {
	ds := docs()
	var b bytes.Buffer
	if err := Pupils(&b, ds[:1], Options{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	cal := parse(t, b.Bytes())
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events, want one per day (2)", len(evs))
	}
	wantStart := []string{"2026-10-23 09:00", "2026-10-26 09:00"}
	wantUTC := []int{7, 8}
	for i, ev := range evs {
		if got := wall(t, ev, false); got != wantStart[i] {
			t.Errorf("day %d starts %s, want %s", i+1, got, wantStart[i])
		}
		if got := wall(t, ev, true); got != wantStart[i][:11]+"15:00" {
			t.Errorf("day %d ends %s", i+1, got)
		}
		if s, _ := ev.GetStartAt(); s.UTC().Hour() != wantUTC[i] {
			t.Errorf("day %d is %s UTC", i+1, s.UTC())
		}
		if got, want := ev.Id(), "as-alva-"+strings.ReplaceAll(wantStart[i][:10], "-", "")+"@techniqual"; got != want {
			t.Errorf("UID %q, want %q", got, want)
		}
		if got := prop(ev, ics.ComponentPropertyLocation); got != "Verkstadsvägen 3, 686 30 Sunne" {
			t.Errorf("location %q", got)
		}
		if got := prop(ev, ics.ComponentPropertySummary); got != "Prao hos Fryksdals Mekatronik AB" {
			t.Errorf("summary %q", got)
		}
		desc := prop(ev, ics.ComponentPropertyDescription)
		for _, want := range []string{"Fryksdals Mekatronik AB – Automation, robotar; och ström",
			"Handledare: Paweł Wiśniewski, automationstekniker, tel. 070-111 22 33", "Hitta hit: Buss 300 till Sunne",
			"Ta med: Oömma kläder", "Om du blir sjuk: Ring både skolan och din handledare innan dagen börjar.",
			"Skolan: Älvkulleskolan – Märta Öberg, tel. 054-540 11 22", "Dag " + string(rune('1'+i)) + " av 2"} {
			if !strings.Contains(desc, want) {
				t.Errorf("day %d: description lacks %q:\n%s", i+1, want, desc)
			}
		}
	}
	// ; , \ and a line break survive escaping and folding exactly.
	if desc := prop(evs[0], ics.ComponentPropertyDescription); !strings.Contains(desc,
		"Det här gör du: Välkommen; säkerhet, skydd\nsedan robotar \\ verktyg\n") {
		t.Errorf("activities changed on the way:\n%q", desc)
	}
	raw := b.String()
	if !strings.Contains(raw, `\;`) || !strings.Contains(raw, `\,`) || !strings.Contains(raw, `\n`) || !strings.Contains(raw, `\\`) {
		t.Errorf("text is not escaped:\n%s", raw)
	}
	if !strings.Contains(raw, "X-WR-CALNAME:Prao – Alva Şahin") {
		t.Errorf("calendar name:\n%s", raw)
	}
}

func TestSeveralPupilsAreNamedInTheSummary(t *testing.T) {
	var b bytes.Buffer
	if err := Pupils(&b, docs(), Options{Now: fixed, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	evs := parse(t, b.Bytes()).Events()
	if len(evs) != 4 {
		t.Fatalf("%d events, want 4", len(evs))
	}
	if got := prop(evs[0], ics.ComponentPropertySummary); got != "Alva Şahin: work experience at Fryksdals Mekatronik AB" {
		t.Errorf("summary %q", got)
	}
	if got := prop(evs[3], ics.ComponentPropertyDescription); !strings.Contains(got, "If you are ill") {
		t.Errorf("English description %q", got)
	}
	seen := map[string]bool{}
	for _, ev := range evs {
		if seen[ev.Id()] {
			t.Errorf("UID %s twice", ev.Id())
		}
		seen[ev.Id()] = true
	}
}

func TestOfferCalendarHidesProtectedPupils(t *testing.T) {
	ds := docs()
	h := data.GroupByOffer(ds)[0]
	for _, include := range []bool{false, true} {
		var b bytes.Buffer
		coord := &data.Person{FirstName: "Saga", LastName: "Nätverksson", Phone: "054-100 20 30"}
		if err := Offer(&b, h, Options{Now: fixed, IncludeProtected: include, Coordinator: coord}); err != nil {
			t.Fatal(err)
		}
		evs := parse(t, b.Bytes()).Events()
		if len(evs) != 2 {
			t.Fatalf("%d events", len(evs))
		}
		if got := evs[1].Id(); got != "off-1-20261026@techniqual" {
			t.Errorf("UID %q", got)
		}
		if got := wall(t, evs[1], false); got != "2026-10-26 09:00" {
			t.Errorf("start %s", got)
		}
		desc := prop(evs[0], ics.ComponentPropertyDescription)
		if got := prop(evs[0], ics.ComponentPropertySummary); got != "Prao: Automation, robotar; och ström · 2 elever" {
			t.Errorf("summary %q", got)
		}
		for _, want := range []string{"Elever (2):", "– Alva Şahin, 8B, Älvkulleskolan", "Handledare: Paweł Wiśniewski",
			"Aktiviteter: Välkommen; säkerhet"} {
			if !strings.Contains(desc, want) {
				t.Errorf("include=%v: description lacks %q:\n%s", include, want, desc)
			}
		}
		hidden := !bytes.Contains(b.Bytes(), []byte("Zuzanna")) && !bytes.Contains(b.Bytes(), []byte("Wójcik")) &&
			!bytes.Contains(b.Bytes(), []byte("Sjövikskolan")) && !strings.Contains(desc, "8C") &&
			!bytes.Contains(b.Bytes(), []byte("Gülşen")) // the school's counsellor points to the school
		if hidden == include {
			t.Errorf("include=%v: the protected pupil hidden=%v:\n%s", include, hidden, desc)
		}
		if !include && !strings.Contains(desc, "– Elev via skolan (kontakt: Saga Nätverksson, tel. 054-100 20 30)") {
			t.Errorf("no 'Elev via skolan' line:\n%s", desc)
		}
	}
}

func TestSameInputGivesTheSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	if err := Pupils(&a, docs(), Options{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	if err := Pupils(&b, docs(), Options{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs differ")
	}
}

func TestWithoutTimesTheDaysAreAllDay(t *testing.T) {
	d := docs()[0]
	d.Offer.Days = nil
	var b bytes.Buffer
	if err := Pupils(&b, []data.ScheduleDoc{d}, Options{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	// 23 October 2026 is a Friday, 26 a Monday: two weekdays.
	for _, want := range []string{"DTSTART;VALUE=DATE:20261023", "DTEND;VALUE=DATE:20261024", "DTSTART;VALUE=DATE:20261026",
		"Tider meddelas av värden."} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in\n%s", want, raw)
		}
	}
	if n := len(parse(t, b.Bytes()).Events()); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
}

func TestHostileTextStaysValid(t *testing.T) {
	d := docs()[0]
	long := strings.Repeat("Långt ord utan slut ", 30) + strings.Repeat("ễ", 100)
	d.Offer.Days[0].Activities = "a\r\nb\rc\x00d\x1be\tf \xff 👩🏽‍💻 ; , \\ " + long
	d.Host.Name = "Företag\nmed radbrytning"
	d.Offer.VisitingAddress = "Gatan 1;\r\n2, Ort"
	var b bytes.Buffer
	if err := Pupils(&b, []data.ScheduleDoc{d}, Options{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	evs := parse(t, b.Bytes()).Events()
	desc := prop(evs[0], ics.ComponentPropertyDescription)
	if !strings.Contains(desc, "a\nb\ncd") || !strings.Contains(desc, "👩🏽‍💻 ; , \\ "+long) {
		t.Errorf("description %q", desc)
	}
	if got := prop(evs[0], ics.ComponentPropertySummary); got != "Prao hos Företag med radbrytning" {
		t.Errorf("summary %q", got)
	}
	if got := prop(evs[0], ics.ComponentPropertyLocation); got != "Gatan 1;\n2, Ort" {
		t.Errorf("location %q", got)
	}
}

func TestNothingAndBadLanguage(t *testing.T) {
	if err := Pupils(&bytes.Buffer{}, nil, Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("no pupils: %v", err)
	}
	h := data.HostDoc{Offer: data.Offer{ID: "x", Title: "Tom"}}
	if err := Offer(&bytes.Buffer{}, h, Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("offer without days or period: %v", err)
	}
	if err := Event(&bytes.Buffer{}, data.Event{ID: "e"}, Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("event without a time: %v", err)
	}
	if err := Pupils(&bytes.Buffer{}, docs(), Options{Lang: "de"}); err == nil {
		t.Error("unknown language accepted")
	}
}

// The VTIMEZONE's rule (last Sunday of March 02:00 → +02:00, last Sunday
// of October 03:00 → +01:00) must agree with the Go time zone database.
func TestTimeZoneRuleAgreesWithTZData(t *testing.T) {
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		return d
	}
	offset := func(t time.Time) int { _, o := t.In(data.Stockholm).Zone(); return o / 3600 }
	for y := 2025; y <= 2035; y++ {
		spring, autumn := lastSunday(y, time.March), lastSunday(y, time.October)
		// 01:00 UTC is 02:00 CET in spring and 03:00 CEST in autumn: the moment of change.
		if offset(spring.Add(59*time.Minute)) != 1 || offset(spring.Add(61*time.Minute)) != 2 {
			t.Errorf("%d: summer time does not start %s", y, spring.Format("2006-01-02"))
		}
		if offset(autumn.Add(59*time.Minute)) != 2 || offset(autumn.Add(61*time.Minute)) != 1 {
			t.Errorf("%d: summer time does not end %s", y, autumn.Format("2006-01-02"))
		}
	}
}

// TestSaveWritesPrivateFilesAndLogs runs the Store-backed savers on a real
// database.
func TestSaveWritesPrivateFilesAndLogs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := data.Open(ctx, filepath.Join(dir, "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"}
	host := data.Organisation{Kind: data.KindCompany, Name: "Fryksdals Mekatronik AB", VisitingAddress: "Verkstadsvägen 3"}
	must(st.SaveOrganisation(ctx, &school))
	must(st.SaveOrganisation(ctx, &host))
	per := data.Period{Name: "Åk 8 v. 43–44 2026", Grade: 8, Start: day("2026-10-23"), End: day("2026-10-26"),
		SchoolIDs: []string{school.ID}}
	must(st.SavePeriod(ctx, &per))
	off := data.Offer{HostID: host.ID, PeriodID: per.ID, Title: "Robotar", Capacity: 2, Days: docs()[0].Offer.Days}
	empty := data.Offer{HostID: host.ID, PeriodID: per.ID, Title: "Ingen här än", Capacity: 2, Days: docs()[0].Offer.Days}
	must(st.SaveOffer(ctx, &off))
	must(st.SaveOffer(ctx, &empty))
	alva := data.Pupil{SchoolID: school.ID, FirstName: "Alva", LastName: "Şahin", ClassName: "8B", Grade: 8}
	must(st.SavePupil(ctx, &alva))
	must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: per.ID, PupilID: alva.ID, OfferID: off.ID}))
	ev := data.Event{Title: "Teknikdag", Kind: data.EventPupil, Start: time.Date(2026, 10, 24, 9, 0, 0, 0, data.Stockholm),
		End: time.Date(2026, 10, 24, 12, 0, 0, 0, data.Stockholm), Venue: "Karlstad"}
	must(st.SaveEvent(ctx, &ev))

	pupils := filepath.Join(dir, "out", "elever.ics")
	n, pe, err := SavePupils(ctx, st, per.ID, data.DocFilter{SchoolID: school.ID}, pupils, Options{Now: fixed})
	if err != nil || n != 1 {
		t.Fatalf("SavePupils = %d, %v", n, err)
	}
	offer := filepath.Join(dir, "out", "värd.ics")
	n, oe, err := SaveOffer(ctx, st, off.ID, offer, Options{Now: fixed})
	if err != nil || n != 1 {
		t.Fatalf("SaveOffer = %d, %v", n, err)
	}
	none := filepath.Join(dir, "out", "tom.ics")
	n, ne, err := SaveOffer(ctx, st, empty.ID, none, Options{Now: fixed})
	if err != nil || n != 0 {
		t.Fatalf("SaveOffer of an offer without pupils = %d, %v", n, err)
	}
	event := filepath.Join(dir, "out", "event.ics")
	must(SaveEvent(ctx, st, ev.ID, event, Options{Now: fixed}))
	for _, p := range []string{pupils, offer, none, event} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, fi.Mode().Perm())
		}
		b, _ := os.ReadFile(p)
		if len(parse(t, b).Events()) == 0 {
			t.Errorf("%s has no events", p)
		}
	}
	if pe == nil || pe.Action != "ics pupils" || len(pe.RecordIDs) != 1 || pe.RecordIDs[0] != alva.ID || pe.What != pupils {
		t.Errorf("pupils' audit entry %+v", pe)
	}
	if oe == nil || oe.Action != "ics offer" || oe.What != offer {
		t.Errorf("offer's audit entry %+v", oe)
	}
	if ne != nil {
		t.Errorf("an offer without pupils holds no personal data, yet has the audit entry %+v", ne)
	}
	if _, _, err := SavePupils(ctx, st, per.ID, data.DocFilter{ClassName: "9Z"}, filepath.Join(dir, "x.ics"), Options{}); !errors.Is(err, ErrNothing) {
		t.Errorf("nobody in the filter: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.ics")); err == nil {
		t.Error("a file was written for nobody")
	}
}
