package text

import (
	"slices"
	"testing"
	"time"
)

func TestParseAndPick(t *testing.T) {
	cases := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"sv", Swedish, true}, {"EN", English, true}, {" en ", English, true}, {"de", Swedish, false}, {"", Swedish, false},
	}
	for _, c := range cases {
		if got, ok := Parse(c.in); got != c.want || ok != c.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if English.Pick("ja", "yes") != "yes" || Swedish.Pick("ja", "yes") != "ja" || Lang("").Pick("ja", "yes") != "ja" {
		t.Error("Pick chose the wrong language")
	}
}

func TestFromLocale(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
		ok   bool
	}{
		{map[string]string{"LANG": "sv_SE.UTF-8"}, Swedish, true},
		{map[string]string{"LANG": "en_GB.UTF-8"}, English, true},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, English, true},
		{map[string]string{"LANG": "C"}, Swedish, false},
		{map[string]string{"LC_ALL": "C.UTF-8", "LANGUAGE": "en"}, Swedish, false},
		{map[string]string{"LANG": "POSIX"}, Swedish, false},
		{map[string]string{"LANG": "sv_SE.UTF-8", "LANGUAGE": "en:sv"}, English, true},
		{map[string]string{"LANG": "de_DE.UTF-8"}, Swedish, false},
		{map[string]string{}, Swedish, false},
	}
	for _, c := range cases {
		got, ok := FromLocale(func(k string) string { return c.env[k] })
		if got != c.want || ok != c.ok {
			t.Errorf("FromLocale(%v) = %q, %v; want %q, %v", c.env, got, ok, c.want, c.ok)
		}
	}
}

func TestNames(t *testing.T) {
	day := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC) // a Monday
	cases := []struct {
		l            Lang
		weekday, mon string
	}{
		{Swedish, "måndag", "november"}, {English, "Monday", "November"}, {"", "måndag", "november"},
	}
	for _, c := range cases {
		if got := Weekday(c.l, day.Weekday()); got != c.weekday {
			t.Errorf("Weekday(%q) = %q, want %q", c.l, got, c.weekday)
		}
		if got := Month(c.l, day.Month()); got != c.mon {
			t.Errorf("Month(%q) = %q, want %q", c.l, got, c.mon)
		}
	}
	if Weekday(Swedish, 9) != "" || Month(English, 0) != "" {
		t.Error("an out-of-range day or month must give an empty name, not panic")
	}
}

func TestCollatorAndFold(t *testing.T) {
	names := []string{"Östen", "Adam", "åsa", "Ärla", "Zelda", "bo"}
	slices.SortFunc(names, Collator().CompareString)
	if want := []string{"Adam", "bo", "Zelda", "åsa", "Ärla", "Östen"}; !slices.Equal(names, want) {
		t.Errorf("sorted %v, want %v", names, want)
	}
	for in, want := range map[string]string{"Kön": "kon", "Åsa-Lena ÖST": "asa-lena ost", "Łukasz Bjørn": "lukasz bjorn", "": ""} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
