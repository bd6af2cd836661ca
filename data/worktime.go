package data

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"techniqual/data/text"
	"text/template"
	"time"
)

// Clock is a time of day in minutes after midnight, written "HH:MM".
type Clock int

// ParseClock reads "8:00", "08:00" or "0800".
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		if len(s) != 4 {
			return 0, fmt.Errorf("time %q: want HH:MM", s)
		}
		h, m = s[:2], s[2:]
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("time %q: want HH:MM between 00:00 and 23:59", s)
	}
	return Clock(hh*60 + mm), nil
}

// String writes the time as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Rule names one of the minors' working-time rules.
type Rule string

// The working-time rules for minors (README, "Personal data and rules").
const (
	RuleTimesInOrder   Rule = "times_in_order"
	RuleMaxWork        Rule = "max_work"
	RuleDaytime        Rule = "daytime"
	RuleWeekday        Rule = "weekday"
	RuleBreak          Rule = "break"
	RuleSupervisorAge  Rule = "supervisor_age"
	RuleBreakTooLong   Rule = "break_too_long"
	RuleDayOutOfPeriod Rule = "day_out_of_period"
)

// WorkingTimeRule is one row of the rules table: the limit, and the message a
// host reads when a day breaks it. Text is Swedish and a template over
// Violation.Data; Key is its translation key.
type WorkingTimeRule struct {
	Rule  Rule
	Limit int // minutes, a clock time, or years, as the rule says
	Key   string
	Text  string
}

// WorkingTimeRules is the one table of minors' working-time rules for prao
// (AFS 2012:3 as summarised by municipal prao guides). Change limits here.
var WorkingTimeRules = []WorkingTimeRule{
	{RuleTimesInOrder, 0, "rule.times_in_order", "Sluttiden ({{.End}}) måste vara efter starttiden ({{.Start}})."},
	{RuleMaxWork, 7 * 60, "rule.max_work", "Eleven får arbeta högst {{.Limit}} timmar per dag. Den här dagen blir det {{.Actual}} timmar (utan rast)."},
	{RuleDaytime, 0, "rule.daytime", "Eleven får bara vara på plats mellan 06:00 och 20:00. Den här dagen är {{.Start}}–{{.End}}."},
	{RuleWeekday, 0, "rule.weekday", "Prao är bara på vardagar. {{.Date}} är en {{.Weekday}}."},
	{RuleBreak, 30, "rule.break", "En dag längre än 4,5 timmar behöver minst {{.Limit}} minuters rast senast efter 4,5 timmar. Den här dagen har {{.Actual}} minuters rast."},
	{RuleBreakTooLong, 0, "rule.break_too_long", "Rasten ({{.Actual}} minuter) är lika lång som eller längre än hela dagen."},
	{RuleDayOutOfPeriod, 0, "rule.day_out_of_period", "{{.Date}} ligger utanför praoperioden ({{.PeriodStart}} – {{.PeriodEnd}})."},
	{RuleSupervisorAge, 18, "rule.supervisor_age", "Handledaren måste vara minst {{.Limit}} år."},
}

// Limits of the rules table that the checks below use.
var (
	earliestStart  = Clock(6 * 60)
	latestEnd      = Clock(20 * 60)
	breakAfter     = 4*60 + 30 // a break is due no later than after 4.5 hours
	maxWorkMinutes = ruleLimit(RuleMaxWork)
	minBreak       = ruleLimit(RuleBreak)
)

func ruleLimit(r Rule) int {
	for _, x := range WorkingTimeRules {
		if x.Rule == r {
			return x.Limit
		}
	}
	return 0 // every rule is in the table; TestRulesTableComplete checks it
}

func ruleFor(r Rule) WorkingTimeRule {
	for _, x := range WorkingTimeRules {
		if x.Rule == r {
			return x
		}
	}
	return WorkingTimeRule{Rule: r, Key: "rule." + string(r), Text: string(r)}
}

// Violation is one broken rule on one day (Day is -1 for the whole offer).
type Violation struct {
	Rule Rule
	Day  int
	Date time.Time
	Key  string
	Text string // Swedish template; see Message
	Data map[string]string
}

// Message renders the Swedish text with its data.
func (v Violation) Message() string { return RenderTemplate(v.Text, v.Data) }

// Error makes a Violation usable as an error.
func (v Violation) Error() string {
	if v.Day >= 0 {
		return FormatDate(v.Date) + ": " + v.Message()
	}
	return v.Message()
}

// RenderTemplate fills a message template; a broken template is returned as is.
func RenderTemplate(text string, data any) string {
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return text
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
}

// SwedishWeekday names the weekday of d in Swedish, lower case.
func SwedishWeekday(d time.Time) string { return text.Weekday(text.Swedish, d.Weekday()) }

func hours(minutes int) string {
	s := strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.ReplaceAll(s, ".", ",")
}

// CheckDay returns every working-time rule that day i of a programme breaks.
func CheckDay(i int, d OfferDay) []Violation {
	var out []Violation
	add := func(r Rule, data map[string]string) {
		w := ruleFor(r)
		if data == nil {
			data = map[string]string{}
		}
		data["Limit"] = strconv.Itoa(w.Limit)
		if r == RuleMaxWork {
			data["Limit"] = hours(w.Limit)
		}
		data["Date"] = FormatDate(d.Date)
		data["Start"] = d.Start.String()
		data["End"] = d.End.String()
		out = append(out, Violation{Rule: r, Day: i, Date: d.Date, Key: w.Key, Text: w.Text, Data: data})
	}
	if !d.Date.IsZero() {
		if wd := d.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			add(RuleWeekday, map[string]string{"Weekday": SwedishWeekday(d.Date), "WeekdayEn": d.Date.Weekday().String()})
		}
	}
	if d.End <= d.Start {
		add(RuleTimesInOrder, nil)
		return out
	}
	if d.Start < earliestStart || d.End > latestEnd {
		add(RuleDaytime, nil)
	}
	span := int(d.End - d.Start)
	if d.BreakMinutes >= span {
		add(RuleBreakTooLong, map[string]string{"Actual": strconv.Itoa(d.BreakMinutes)})
		return out
	}
	if work := span - d.BreakMinutes; work > maxWorkMinutes {
		add(RuleMaxWork, map[string]string{"Actual": hours(work)})
	}
	if span > breakAfter && d.BreakMinutes < minBreak {
		add(RuleBreak, map[string]string{"Actual": strconv.Itoa(d.BreakMinutes)})
	}
	return out
}

// CheckProgramme returns every broken rule of an offer's day programme: each
// day on its own, days outside the period (when the period is known), and
// the supervisor's age from the safety checklist.
func CheckProgramme(o Offer, p *Period) []Violation {
	var out []Violation
	for i, d := range o.Days {
		out = append(out, CheckDay(i, d)...)
		if p != nil && !d.Date.IsZero() && (d.Date.Before(p.Start) || d.Date.After(p.End)) {
			w := ruleFor(RuleDayOutOfPeriod)
			out = append(out, Violation{Rule: w.Rule, Day: i, Date: d.Date, Key: w.Key, Text: w.Text,
				Data: map[string]string{"Date": FormatDate(d.Date), "PeriodStart": FormatDate(p.Start), "PeriodEnd": FormatDate(p.End)}})
		}
	}
	if !o.Safety.SupervisorAdult {
		w := ruleFor(RuleSupervisorAge)
		out = append(out, Violation{Rule: w.Rule, Day: -1, Key: w.Key, Text: w.Text,
			Data: map[string]string{"Limit": strconv.Itoa(w.Limit)}})
	}
	return out
}

// WorkMinutes is the time worked on a day: the span less the break.
func (d OfferDay) WorkMinutes() int {
	if d.End <= d.Start {
		return 0
	}
	w := int(d.End-d.Start) - d.BreakMinutes
	if w < 0 {
		return 0
	}
	return w
}
