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
	for _, r := range []Rule{RuleTimesInOrder, RuleMaxWork, RuleDaytime, RuleWeekday, RuleBreak, RuleSupervisorAge, RuleBreakTooLong, RuleDayOutOfPeriod, RuleNightRest, RuleMaxWeek, RuleOverlap} {
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

func span(date, start, end string, brk int, host string) WorkSpan {
	d := day(date, start, end, brk)
	return WorkSpan{Date: d.Date, Start: d.Start, End: d.End, BreakMinutes: brk, Host: host}
}

// TestCheckPupilWeek: one case per rule over a pupil's week at several hosts.
// 2026-11-09 is a Monday.
func TestCheckPupilWeek(t *testing.T) {
	mornings := []WorkSpan{
		span("2026-11-09", "08:30", "12:00", 0, "Fryksdals Mekatronik AB"),
		span("2026-11-10", "08:30", "12:00", 0, "Klarälvens Kraft AB"),
		span("2026-11-11", "08:30", "12:00", 0, "Vänerns Data AB"),
		span("2026-11-12", "08:30", "12:00", 0, "Glasbruket i Sunne"),
	}
	cases := []struct {
		name  string
		spans []WorkSpan
		want  []Rule
	}{
		{"a teknikprao week of mornings", mornings, nil},
		{"no spans", nil, nil},
		{"night rest: Monday 13:30–20:00, Tuesday 06:00–12:30 at another host", []WorkSpan{
			span("2026-11-09", "13:30", "20:00", 30, "Fryksdals Mekatronik AB"),
			span("2026-11-10", "06:00", "12:30", 30, "Klarälvens Kraft AB"),
		}, []Rule{RuleNightRest}},
		{"night rest of exactly 14 hours is fine", []WorkSpan{
			span("2026-11-09", "12:00", "18:00", 30, "A"),
			span("2026-11-10", "08:00", "12:00", 0, "B"),
		}, nil},
		{"night rest counted from the day's last end", []WorkSpan{
			span("2026-11-09", "08:30", "12:00", 0, "A"),
			span("2026-11-09", "13:00", "17:30", 0, "B"),
			span("2026-11-10", "07:00", "11:00", 0, "C"),
		}, []Rule{RuleMaxWork, RuleNightRest}},
		{"morning and afternoon at two hosts within 7 hours", []WorkSpan{
			span("2026-11-09", "08:30", "12:00", 0, "A"),
			span("2026-11-09", "12:45", "16:00", 0, "B"),
		}, nil},
		{"two blocks of one day over 7 hours", []WorkSpan{
			span("2026-11-09", "08:00", "12:00", 0, "A"),
			span("2026-11-09", "12:30", "16:30", 0, "B"),
		}, []Rule{RuleMaxWork}},
		{"two blocks without a break between them", []WorkSpan{
			span("2026-11-09", "08:00", "11:00", 0, "A"),
			span("2026-11-09", "11:15", "14:00", 0, "B"),
		}, []Rule{RuleBreak}},
		{"two blocks that overlap", []WorkSpan{
			span("2026-11-09", "08:30", "12:00", 0, "A"),
			span("2026-11-09", "11:30", "13:00", 0, "B"),
		}, []Rule{RuleOverlap, RuleBreak}},
		{"35 hours a week is the edge", []WorkSpan{
			span("2026-11-09", "08:00", "15:30", 30, "A"), span("2026-11-10", "08:00", "15:30", 30, "A"),
			span("2026-11-11", "08:00", "15:30", 30, "B"), span("2026-11-12", "08:00", "15:30", 30, "B"),
			span("2026-11-13", "08:00", "15:30", 30, "C"),
		}, nil},
		{"more than 35 hours in one week", []WorkSpan{
			span("2026-11-09", "08:00", "15:30", 30, "A"), span("2026-11-10", "08:00", "15:30", 30, "A"),
			span("2026-11-11", "08:00", "15:30", 30, "B"), span("2026-11-12", "08:00", "15:30", 30, "B"),
			span("2026-11-13", "08:00", "15:30", 30, "C"), span("2026-11-13", "16:00", "17:00", 0, "D"),
		}, []Rule{RuleMaxWork, RuleMaxWeek}},
		{"a span before 06:00 at one host", []WorkSpan{span("2026-11-09", "05:30", "09:00", 0, "A")}, []Rule{RuleDaytime}},
		{"a Saturday block", []WorkSpan{span("2026-11-14", "09:00", "12:00", 0, "A")}, []Rule{RuleWeekday}},
		{"one long span without break", []WorkSpan{span("2026-11-09", "08:00", "13:00", 0, "A")}, []Rule{RuleBreak}},
		{"one span too long", []WorkSpan{span("2026-11-09", "08:00", "16:00", 30, "A")}, []Rule{RuleMaxWork}},
		{"end before start", []WorkSpan{span("2026-11-09", "12:00", "08:30", 0, "A")}, []Rule{RuleTimesInOrder}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := CheckPupilWeek(c.spans)
			if got := rules(vs); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("rules = %v, want %v (%v)", got, c.want, vs)
			}
			for _, v := range vs {
				msg := v.Message()
				if v.Key == "" || msg == "" || strings.Contains(msg, "{{") || strings.Contains(msg, "<no value>") {
					t.Errorf("bad violation %+v: %q", v, msg)
				}
				if v.Day < 0 || v.Day >= len(c.spans) || v.Data["Host"] == "" {
					t.Errorf("violation does not point at a span with its host: %+v", v)
				}
			}
		})
	}
}

func TestNightRestMessageNamesDaysAndHosts(t *testing.T) {
	vs := CheckPupilWeek([]WorkSpan{
		span("2026-11-09", "13:30", "20:00", 30, "Fryksdals Mekatronik AB"),
		span("2026-11-10", "06:00", "12:30", 30, "Klarälvens Kraft AB"),
	})
	if len(vs) != 1 {
		t.Fatalf("violations = %v", vs)
	}
	want := "Eleven ska ha minst 14 timmars sammanhängande nattvila. Mellan 2026-11-09 (Fryksdals Mekatronik AB, slutar 20:00) " +
		"och 2026-11-10 (Klarälvens Kraft AB, börjar 06:00) blir det bara 10 timmar."
	if got := vs[0].Message(); got != want {
		t.Errorf("message = %q\nwant %q", got, want)
	}
	if vs[0].Key != "rule.night_rest" || vs[0].Day != 1 {
		t.Errorf("violation = %+v", vs[0])
	}
}

func TestClassicProgrammeIsCheckedAcrossDays(t *testing.T) {
	o := Offer{Safety: Safety{SupervisorAdult: true}, Days: []OfferDay{
		day("2026-11-09", "13:30", "20:00", 30),
		day("2026-11-10", "06:00", "12:30", 30),
	}}
	classic := Period{Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"), Format: FormatClassic}
	if got := rules(CheckProgramme(o, &classic)); !reflect.DeepEqual(got, []Rule{RuleNightRest}) {
		t.Errorf("classic: rules = %v, want the night rest", got)
	}
	// A week's offer is a host's blocks, each for another team.
	week := classic
	week.Format = FormatWeek
	if got := rules(CheckProgramme(o, &week)); got != nil {
		t.Errorf("week: rules = %v, want none", got)
	}
}

func TestRulesTableCitesItsSource(t *testing.T) {
	for _, want := range []string{"AFS 2023:2", "AFS 2012:3", "2025-01-01", "paragrafnyckel"} {
		if !strings.Contains(WorkingTimeSource, want) {
			t.Errorf("WorkingTimeSource does not mention %q", want)
		}
	}
	if earliestStart != 6*60 || latestEnd != 20*60 || minNightRest != 14*60 || maxWeekMinutes != 35*60 {
		t.Errorf("limits read from the table: %v %v %d %d", earliestStart, latestEnd, minNightRest, maxWeekMinutes)
	}
}
