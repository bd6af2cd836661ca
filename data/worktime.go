package data

import (
	"bytes"
	"fmt"
	"sort"
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
	RuleNightRest      Rule = "night_rest"
	RuleMaxWeek        Rule = "max_week"
	RuleOverlap        Rule = "overlap"
)

// WorkingTimeRule is one row of the rules table: the limit, and the message a
// host reads when a day breaks it. Text is Swedish and a template over
// Violation.Data; Key is its translation key.
type WorkingTimeRule struct {
	Rule  Rule
	Limit int // minutes, a clock time, or years, as the rule says
	Key   string
	Text  string
	// Until is the second limit of a rule that has two (the latest end of
	// the working day); 0 for the others.
	Until int
}

// WorkingTimeSource says where the rules table comes from and when it was
// last checked. AFS 2012:3 (Minderårigas arbetsmiljö) was replaced on
// 1 January 2025 by Arbetsmiljöverket's new structure; the rules on minors
// now sit in AFS 2023:2. The chapter and paragraph of each rule in AFS
// 2023:2 have not been verified here: check them against the Swedish Work
// Environment Authority's paragraph key (paragrafnyckeln) before quoting
// them. The limits are those Arbetsmiljöverket states for "äldre barn"
// (13–15, and pupils of compulsory school who turn 16) on its page
// "Arbetstider för minderåriga" (av.se, read 2026-12-05): no work between
// 20:00 and 06:00, at least 14 hours' continuous night rest, a break of at
// least 30 minutes no later than after 4.5 hours, at most 7 hours a day and
// 35 a week in a school holiday of at least a week (which prao counts as).
const WorkingTimeSource = "AFS 2023:2 (ersätter AFS 2012:3 från 2025-01-01; kapitel och paragraf ska kontrolleras mot Arbetsmiljöverkets paragrafnyckel). Gränserna enligt av.se, Arbetstider för minderåriga, läst 2026-12-05."

// WorkingTimeRules is the one table of minors' working-time rules for prao,
// used by both formats (a classic offer's days and a week pupil's blocks at
// several hosts); see WorkingTimeSource. Change limits here.
var WorkingTimeRules = []WorkingTimeRule{
	{Rule: RuleTimesInOrder, Key: "rule.times_in_order", Text: "Sluttiden ({{.End}}) måste vara efter starttiden ({{.Start}})."},
	{Rule: RuleMaxWork, Limit: 7 * 60, Key: "rule.max_work", Text: "Eleven får arbeta högst {{.Limit}} timmar per dag. Den här dagen blir det {{.Actual}} timmar (utan rast)."},
	{Rule: RuleDaytime, Limit: 6 * 60, Until: 20 * 60, Key: "rule.daytime", Text: "Eleven får bara vara på plats mellan 06:00 och 20:00. Den här dagen är {{.Start}}–{{.End}}."},
	{Rule: RuleWeekday, Key: "rule.weekday", Text: "Prao är bara på vardagar. {{.Date}} är en {{.Weekday}}."},
	{Rule: RuleBreak, Limit: 30, Key: "rule.break", Text: "En dag längre än 4,5 timmar behöver minst {{.Limit}} minuters rast senast efter 4,5 timmar. Den här dagen har {{.Actual}} minuters rast."},
	{Rule: RuleBreakTooLong, Key: "rule.break_too_long", Text: "Rasten ({{.Actual}} minuter) är lika lång som eller längre än hela dagen."},
	{Rule: RuleDayOutOfPeriod, Key: "rule.day_out_of_period", Text: "{{.Date}} ligger utanför praoperioden ({{.PeriodStart}} – {{.PeriodEnd}})."},
	{Rule: RuleSupervisorAge, Limit: 18, Key: "rule.supervisor_age", Text: "Handledaren måste vara minst {{.Limit}} år."},
	{Rule: RuleNightRest, Limit: 14 * 60, Key: "rule.night_rest", Text: "Eleven ska ha minst {{.Limit}} timmars sammanhängande nattvila. Mellan {{.Date}} ({{.Host}}, slutar {{.End}}) och {{.NextDate}} ({{.NextHost}}, börjar {{.NextStart}}) blir det bara {{.Actual}} timmar."},
	{Rule: RuleMaxWeek, Limit: 35 * 60, Key: "rule.max_week", Text: "Eleven får arbeta högst {{.Limit}} timmar per vecka under prao. Vecka {{.Week}} blir det {{.Actual}} timmar (utan rast)."},
	{Rule: RuleOverlap, Key: "rule.overlap", Text: "Eleven kan inte vara på två ställen samtidigt: {{.Date}} {{.Start}}–{{.End}} ({{.Host}}) överlappar {{.NextStart}}–{{.NextEnd}} ({{.NextHost}})."},
}

// Limits of the rules table that the checks below use.
var (
	earliestStart  = Clock(ruleLimit(RuleDaytime))
	latestEnd      = Clock(ruleFor(RuleDaytime).Until)
	breakAfter     = 4*60 + 30 // a break is due no later than after 4.5 hours
	maxWorkMinutes = ruleLimit(RuleMaxWork)
	minBreak       = ruleLimit(RuleBreak)
	minNightRest   = ruleLimit(RuleNightRest)
	maxWeekMinutes = ruleLimit(RuleMaxWeek)
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
// the supervisor's age from the safety checklist. A classic offer is one
// pupil's whole prao, so its days are also checked together (night rest,
// hours a week, several spans on one day); a week's offer is a host's
// blocks, each for another team, so only each block is checked here and
// the week per pupil by CheckPupilWeek.
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
	if p == nil || p.Format != FormatWeek {
		spans := make([]WorkSpan, len(o.Days))
		for i, d := range o.Days {
			spans[i] = WorkSpan{Date: d.Date, Start: d.Start, End: d.End, BreakMinutes: d.BreakMinutes}
		}
		out = append(out, checkAcross(spans)...)
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

// WorkSpan is one stretch of a pupil's prao on one day at one host: a
// classic offer's day, or a block of a teknikprao week.
type WorkSpan struct {
	Date         time.Time
	Start, End   Clock
	BreakMinutes int
	Host         string // the host's name, for messages
}

// work is the span's working time: its length less its break.
func (w WorkSpan) work() int {
	return OfferDay{Start: w.Start, End: w.End, BreakMinutes: w.BreakMinutes}.WorkMinutes()
}

// CheckPupilWeek returns every working-time rule that one pupil's week
// breaks, across all the hosts the pupil visits: each span on its own (as
// CheckDay), the spans of one day together (no overlap, at most 7 hours,
// a break no later than after 4.5 hours), the night rest between two days
// and the hours of each week. Violation.Day is the index into spans of the
// span the rule is about (the first of the day for a day's rule, the later
// one for the night rest); Data names the host and the date.
func CheckPupilWeek(spans []WorkSpan) []Violation {
	var out []Violation
	for i, w := range spans {
		for _, v := range CheckDay(i, OfferDay{Date: w.Date, Start: w.Start, End: w.End, BreakMinutes: w.BreakMinutes}) {
			v.Data["Host"] = w.Host
			out = append(out, v)
		}
	}
	return append(out, checkAcross(spans)...)
}

// checkAcross checks what no single span shows: several spans on one day,
// the night rest between days and the hours of a week.
func checkAcross(spans []WorkSpan) []Violation {
	order := make([]int, 0, len(spans))
	for i, w := range spans {
		if !w.Date.IsZero() && w.End > w.Start {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := spans[order[a]], spans[order[b]]
		if !x.Date.Equal(y.Date) {
			return x.Date.Before(y.Date)
		}
		return x.Start < y.Start
	})
	var out []Violation
	add := func(r Rule, at int, data map[string]string) {
		w := ruleFor(r)
		data["Limit"] = strconv.Itoa(w.Limit)
		if r == RuleMaxWork || r == RuleNightRest || r == RuleMaxWeek {
			data["Limit"] = hours(w.Limit)
		}
		out = append(out, Violation{Rule: r, Day: at, Date: spans[at].Date, Key: w.Key, Text: w.Text, Data: data})
	}
	base := func(i int) map[string]string {
		w := spans[i]
		return map[string]string{"Date": FormatDate(w.Date), "Start": w.Start.String(), "End": w.End.String(), "Host": w.Host}
	}
	// Days: the spans of one date, in time order.
	type dayRun struct{ idx []int }
	var days []dayRun
	for _, i := range order {
		if n := len(days); n > 0 && spans[days[n-1].idx[0]].Date.Equal(spans[i].Date) {
			days[n-1].idx = append(days[n-1].idx, i)
		} else {
			days = append(days, dayRun{idx: []int{i}})
		}
	}
	weekWork := map[int]int{}
	weekFirst := map[int]int{}
	var weeks []int
	for di, d := range days {
		first := d.idx[0]
		total := 0
		for _, i := range d.idx {
			total += spans[i].work()
		}
		yr, wk := spans[first].Date.ISOWeek()
		key := yr*100 + wk
		if _, ok := weekWork[key]; !ok {
			weekFirst[key] = first
			weeks = append(weeks, key)
		}
		weekWork[key] += total
		if len(d.idx) > 1 {
			// Several spans on one day: they may not overlap, and together
			// they count against the day's limits.
			for k := 1; k < len(d.idx); k++ {
				a, b := spans[d.idx[k-1]], spans[d.idx[k]]
				if b.Start < a.End {
					data := base(d.idx[k-1])
					data["NextStart"], data["NextEnd"], data["NextHost"] = b.Start.String(), b.End.String(), b.Host
					add(RuleOverlap, d.idx[k-1], data)
				}
			}
			// A span that breaks a rule on its own is reported by CheckDay;
			// the day is reported only when the spans break it together.
			alone := map[Rule]bool{}
			for _, i := range d.idx {
				w := spans[i]
				if w.work() > maxWorkMinutes {
					alone[RuleMaxWork] = true
				}
				if int(w.End-w.Start) > breakAfter && w.BreakMinutes < minBreak {
					alone[RuleBreak] = true
				}
			}
			if total > maxWorkMinutes && !alone[RuleMaxWork] {
				data := base(first)
				data["Actual"] = hours(total)
				add(RuleMaxWork, first, data)
			}
			if brk, ok := dayBreakOK(spans, d.idx); !ok && !alone[RuleBreak] {
				data := base(first)
				data["Actual"] = strconv.Itoa(brk)
				add(RuleBreak, first, data)
			}
		}
		if di == 0 {
			continue
		}
		prev := days[di-1]
		last := spans[prev.idx[len(prev.idx)-1]]
		for _, i := range prev.idx { // the latest end of the day before
			if spans[i].End > last.End {
				last = spans[i]
			}
		}
		next := spans[first]
		gapDays := int(next.Date.Sub(last.Date).Hours()/24 + 0.5)
		rest := gapDays*24*60 - int(last.End) + int(next.Start)
		if rest < minNightRest {
			data := map[string]string{"Date": FormatDate(last.Date), "End": last.End.String(), "Host": last.Host,
				"NextDate": FormatDate(next.Date), "NextStart": next.Start.String(), "NextHost": next.Host,
				"Start": next.Start.String(), "Actual": hours(rest)}
			add(RuleNightRest, first, data)
		}
	}
	for _, key := range weeks {
		if weekWork[key] > maxWeekMinutes {
			first := weekFirst[key]
			data := base(first)
			data["Week"] = strconv.Itoa(key % 100)
			data["Actual"] = hours(weekWork[key])
			add(RuleMaxWeek, first, data)
		}
	}
	return out
}

// dayBreakOK walks one day's spans in time order and reports whether the
// pupil gets a break of at least minBreak no later than after 4.5 hours of
// continuous work. A gap of at least minBreak between two spans is such a
// break; a span's own break of at least minBreak is taken to lie as late as
// the rule allows. It returns the longest break the day has, for the
// message.
func dayBreakOK(spans []WorkSpan, idx []int) (longest int, ok bool) {
	run := 0 // minutes of work since the last break
	ok = true
	for k, i := range idx {
		w := spans[i]
		if k > 0 {
			gap := int(w.Start - spans[idx[k-1]].End)
			longest = max(longest, gap)
			if gap >= minBreak {
				run = 0
			}
		}
		longest = max(longest, w.BreakMinutes)
		length := int(w.End - w.Start)
		if w.BreakMinutes < minBreak {
			run += length // a short pause is not a break
			if run > breakAfter {
				ok = false
			}
			continue
		}
		work := w.work()
		before := breakAfter - run // work that fits before the break
		if before < 0 {
			ok = false
			before = 0
		}
		after := work - before
		if after <= 0 {
			run = 0 // the break comes at the end of the span
			continue
		}
		run = after
		if run > breakAfter {
			ok = false
		}
	}
	return max(longest, 0), ok
}
