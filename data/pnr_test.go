package data

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// fakePnr makes a personnummer with a right check digit for a date
// "YYMMDD" and a three-digit serial (fictitious people only).
func fakePnr(t testing.TB, date, serial string) string {
	t.Helper()
	var d [10]int
	for i, c := range date + serial {
		d[i] = int(c - '0')
	}
	for c := 0; c < 10; c++ {
		d[9] = c
		if valid(d[:], 10) {
			return date + serial + strconv.Itoa(c)
		}
	}
	t.Fatalf("no check digit for %s%s", date, serial)
	return ""
}

func TestFindPersonnummer(t *testing.T) {
	p := fakePnr(t, "120210", "964") // 1202109649
	long := "20" + fakePnr(t, "120128", "626")
	bad := p[:9] + strconv.Itoa((int(p[9]-'0')+1)%10)
	samord := fakePnr(t, "120262", "123") // day 2 + 60
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Anna " + p[:6] + "-" + p[6:], true},
		{"8A " + long[:8] + "-" + long[8:], true},
		{"8A" + long, true},
		{p[:6] + "+" + p[6:], true},
		{p[:6] + " " + p[6:], true},
		{"tel " + p, true},
		{samord, true},
		{bad[:6] + "-" + bad[6:], false}, // wrong check digit
		{"0701234567", false},            // a mobile number
		{"070-123 45 67", false},
		{"+46701234567", false},
		{"Anna", false},
		{"20120304-****", false}, // already masked
		{"1" + p, false},         // part of a longer number
		{"556123-4567", false},   // an organisation number: no such month
		{"991332-1234", false},   // no such date
	} {
		if got := HasPersonnummer(c.in); got != c.want {
			t.Errorf("HasPersonnummer(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	if got, ok := RemovePersonnummer("Anna " + p[:6] + "-" + p[6:] + " Maria"); !ok || got != "Anna Maria" {
		t.Errorf("RemovePersonnummer = %q %v", got, ok)
	}
	if got, ok := MaskPersonnummerIn("född " + long[:8] + "-" + long[8:] + "."); !ok || got != "född "+long[:8]+"-****." {
		t.Errorf("MaskPersonnummerIn = %q %v", got, ok)
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"Anna":                     "Anna",
		" Anna\u202E ":             "Anna",
		"An\u200Bna":               "Anna",
		"\u2067علي محمد\u2069":     "علي محمد",
		"李小龍\u200D":                "李小龍",
		"Nils\u200E-Erik\uFEFF":    "Nils-Erik",
		"Anna\tMaria\x00":          "Anna Maria",
		"Ö\u202Dberg\u202C\u2066x": "Öbergx",
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoPersonnummerReachesTheStore: every Save of a pupil, a person, an
// evaluation and every exchange row refuses a personnummer in any field,
// naming the field; names are cleaned of direction overrides.
func TestNoPersonnummerReachesTheStore(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	p := fakePnr(t, "120210", "964")
	dashed := p[:6] + "-" + p[6:]
	pupil := func(f func(*Pupil)) Pupil {
		x := Pupil{SchoolID: w.school.ID, FirstName: "Anna", LastName: "Berg", ClassName: "8A", Grade: 8}
		f(&x)
		return x
	}
	person := func(f func(*Person)) Person {
		x := Person{OrganisationID: w.company.ID, FirstName: "Bo", LastName: "Ek"}
		f(&x)
		return x
	}
	cases := []struct {
		name, field string
		save        func() error
	}{
		{"pupil first name", "first_name", func() error {
			x := pupil(func(x *Pupil) { x.FirstName = "Anna " + dashed })
			return st.SavePupil(ctx, &x)
		}},
		{"pupil class", "class_name", func() error {
			x := pupil(func(x *Pupil) { x.ClassName = "8A 20" + dashed })
			return st.SavePupil(ctx, &x)
		}},
		{"guardian phone", "guardian_phone", func() error { x := pupil(func(x *Pupil) { x.GuardianPhone = dashed }); return st.SavePupil(ctx, &x) }},
		{"guardian name", "guardian_name", func() error { x := pupil(func(x *Pupil) { x.GuardianName = "Eva " + p }); return st.SavePupil(ctx, &x) }},
		{"pupil notes", "notes", func() error { x := pupil(func(x *Pupil) { x.Notes = "pnr " + dashed }); return st.SavePupil(ctx, &x) }},
		{"pupil id", "external_id", func() error { x := pupil(func(x *Pupil) { x.ExternalID = p }); return st.SavePupil(ctx, &x) }},
		{"person last name", "last_name", func() error {
			x := person(func(x *Person) { x.LastName = "Ek " + dashed })
			return st.SavePerson(ctx, &x)
		}},
		{"person phone", "phone", func() error { x := person(func(x *Person) { x.Phone = dashed }); return st.SavePerson(ctx, &x) }},
		{"evaluation", "comment", func() error {
			return st.SaveEvaluation(ctx, Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, Comment: "jag är " + dashed})
		}},
		{"exchange pupil", "first_name", func() error {
			return st.UpsertExchangeRow(ctx, ExchangeRow{Table: XPupils, ID: w.alva.ID, Fields: map[string]string{"first_name": "Alva " + dashed}})
		}},
		{"exchange person", "phone", func() error {
			return st.UpsertExchangeRow(ctx, ExchangeRow{Table: XPeople, ID: w.supervisor.ID, Fields: map[string]string{"phone": p}})
		}},
	}
	for _, c := range cases {
		err := c.save()
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != c.field || ve.Fields[0].Key != "privacy.err.pnr" {
			t.Errorf("%s: %v, want a refusal of %s", c.name, err, c.field)
		}
	}
	got, err := st.GetPupil(ctx, w.alva.ID)
	if err != nil || got.FirstName != "Alva" {
		t.Errorf("Alva after the refused exchange row: %+v %v", got, err)
	}
	// Names lose direction overrides and zero-width characters, by Save
	// and by an exchange row.
	x := pupil(func(x *Pupil) { x.FirstName, x.LastName = "\u202EAnna", "Be\u200Brg" })
	if err := st.SavePupil(ctx, &x); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.GetPupil(ctx, x.ID); got.FirstName != "Anna" || got.LastName != "Berg" {
		t.Errorf("saved names %q %q", got.FirstName, got.LastName)
	}
	if err := st.UpsertExchangeRow(ctx, ExchangeRow{Table: XPupils, ID: x.ID, Fields: map[string]string{"first_name": "An\u2066na"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.GetPupil(ctx, x.ID); got.FirstName != "Anna" {
		t.Errorf("exchanged name %q", got.FirstName)
	}
}

// TestKeysAreNotPersonnummer: the hex groups of a UUID can look like a
// personnummer by chance ("cf201209-1234-…" holds 201209-1234, a valid
// one); a group of a hyphenated code is not one.
func TestKeysAreNotPersonnummer(t *testing.T) {
	valid := "120210-9649" // fictitious, with a right check digit
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"cf" + valid + "-4abc-8def-0123456789ab", false},
		{"a8b7c6d5-1e2f-4a3b-8c4d-20" + strings.ReplaceAll(valid, "-", "")[:10], false},
		{`{"id":"0f` + valid + `-4a1b-9c2d-3e4f5a6b7c8d","date":"2026-11-09"}`, false},
		{"Anna " + valid, true},
		{"8A" + strings.ReplaceAll(valid, "-", ""), true},
		{"pnr: " + valid + ".", true},
	} {
		if got := HasPersonnummer(c.in); got != c.want {
			t.Errorf("HasPersonnummer(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
