package data

import (
	"reflect"
	"strings"
	"testing"
)

func day(date string, start, end string, brk int) OfferDay {
	s, _ := ParseClock(start)
	e, _ := ParseClock(end)
	return OfferDay{Date: mustDate(date), Start: s, End: e, BreakMinutes: brk}
}

func rules(vs []Violation) []Rule {
	var out []Rule
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

func TestCheckDay(t *testing.T) {
	cases := []struct {
		name string
		day  OfferDay
		want []Rule
	}{
		{"ordinary day", day("2026-11-09", "08:00", "15:00", 45), nil},
		{"exactly 7 hours of work", day("2026-11-09", "08:00", "15:30", 30), nil},
		{"8 hours of work", day("2026-11-09", "08:00", "16:30", 30), []Rule{RuleMaxWork}},
		{"7 h 1 min of work", day("2026-11-09", "08:00", "15:31", 30), []Rule{RuleMaxWork}},
		{"starts before 06:00", day("2026-11-09", "05:30", "11:00", 30), []Rule{RuleDaytime}},
		{"ends after 20:00", day("2026-11-09", "14:00", "20:15", 30), []Rule{RuleDaytime}},
		{"06:00 to 20:00 is the edge, but too long", day("2026-11-09", "06:00", "20:00", 60), []Rule{RuleMaxWork}},
		{"Saturday", day("2026-11-14", "09:00", "13:00", 0), []Rule{RuleWeekday}},
		{"Sunday and too long", day("2026-11-15", "08:00", "17:00", 30), []Rule{RuleWeekday, RuleMaxWork}},
		{"4.5 hours without a break is fine", day("2026-11-09", "08:00", "12:30", 0), nil},
		{"5 hours without a break", day("2026-11-09", "08:00", "13:00", 0), []Rule{RuleBreak}},
		{"5 hours with a 20 min break", day("2026-11-09", "08:00", "13:00", 20), []Rule{RuleBreak}},
		{"end before start", day("2026-11-09", "15:00", "08:00", 30), []Rule{RuleTimesInOrder}},
		{"end equals start", day("2026-11-09", "08:00", "08:00", 0), []Rule{RuleTimesInOrder}},
		{"break as long as the day", day("2026-11-09", "08:00", "09:00", 60), []Rule{RuleBreakTooLong}},
		{"night shift breaks three rules", day("2026-11-09", "18:00", "23:59", 0), []Rule{RuleDaytime, RuleBreak}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := CheckDay(3, c.day)
			if got := rules(vs); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("rules = %v, want %v", got, c.want)
			}
			for _, v := range vs {
				msg := v.Message()
				if v.Day != 3 || v.Key == "" || msg == "" || strings.Contains(msg, "{{") || strings.Contains(msg, "<no value>") {
					t.Errorf("bad violation %+v: %q", v, msg)
				}
			}
		})
	}
}

func TestRuleMessagesSpeakToAHost(t *testing.T) {
	vs := CheckDay(0, day("2026-11-14", "08:00", "17:00", 30))
	want := []string{
		"Prao är bara på vardagar. 2026-11-14 är en lördag.",
		"Eleven får arbeta högst 7 timmar per dag. Den här dagen blir det 8,5 timmar (utan rast).",
	}
	if len(vs) != len(want) {
		t.Fatalf("violations = %v", vs)
	}
	for i, v := range vs {
		if v.Message() != want[i] {
			t.Errorf("message %d = %q, want %q", i, v.Message(), want[i])
		}
	}
}

func TestCheckProgramme(t *testing.T) {
	p := Period{Start: mustDate("2026-11-09"), End: mustDate("2026-11-13")}
	o := Offer{Safety: Safety{SupervisorAdult: false}, Days: []OfferDay{
		day("2026-11-09", "08:00", "15:00", 45),
		day("2026-11-16", "08:00", "15:00", 45),
	}}
	got := rules(CheckProgramme(o, &p))
	if want := []Rule{RuleDayOutOfPeriod, RuleSupervisorAge}; !reflect.DeepEqual(got, want) {
		t.Errorf("rules = %v, want %v", got, want)
	}
}

func TestRulesTableComplete(t *testing.T) {
	seen := map[Rule]bool{}
	for _, r := range WorkingTimeRules {
		if seen[r.Rule] || r.Key == "" || r.Text == "" {
			t.Errorf("bad or duplicate rule %+v", r)
		}
		seen[r.Rule] = true
	}
	for _, r := range []Rule{RuleTimesInOrder, RuleMaxWork, RuleDaytime, RuleWeekday, RuleBreak, RuleSupervisorAge, RuleBreakTooLong, RuleDayOutOfPeriod} {
		if !seen[r] {
			t.Errorf("rule %s missing from WorkingTimeRules", r)
		}
	}
	if maxWorkMinutes != 420 || minBreak != 30 {
		t.Errorf("limits read from the table: max work %d, min break %d", maxWorkMinutes, minBreak)
	}
}

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want Clock
		ok   bool
	}{
		{"08:00", 480, true}, {"8:05", 485, true}, {"0930", 570, true}, {"23:59", 1439, true},
		{"24:00", 0, false}, {"12:60", 0, false}, {"8", 0, false}, {"ab:cd", 0, false}, {"", 0, false}, {"12:5", 0, false},
	}
	for _, c := range cases {
		got, err := ParseClock(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseClock(%q) = %v, %v", c.in, got, err)
		}
		if c.ok && got.String() != strings.Repeat("0", 5-len(c.in))+c.in && len(c.in) == 5 {
			t.Errorf("String() = %s", got)
		}
	}
}
