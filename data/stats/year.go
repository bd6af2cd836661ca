package stats

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"techniqual/data"
)

// SchoolYear is the school year (läsår) that starts in the autumn of y:
// from 1 July y up to (not including) 1 July y+1, so that a prao period in
// March 2027 belongs to läsår 2026/27.
func SchoolYear(y int) (from, to time.Time) {
	return time.Date(y, time.July, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, time.July, 1, 0, 0, 0, 0, time.UTC)
}

// SchoolYearOf is the first calendar year of the school year of day d:
// 2026 for 2026-11-09 and for 2027-03-15.
func SchoolYearOf(d time.Time) int {
	if d.Month() < time.July {
		return d.Year() - 1
	}
	return d.Year()
}

// SchoolYearLabel is how a school year is written: "2026/27".
func SchoolYearLabel(y int) string { return fmt.Sprintf("%d/%02d", y, (y+1)%100) }

// CalendarYear is the calendar year y: from 1 January y up to 1 January y+1.
func CalendarYear(y int) (from, to time.Time) {
	return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// ComputeRange computes the report of every classic period whose start
// date is in [from, to), for f, summed: the figures, and a row per municipality and
// per school, suppressed together (see Figures). A figure hidden in one of
// the periods' own reports is hidden in the sum too. Periods nobody is
// placed in yet are left out (Report.LeftOut).
//
// Figures over several periods count placements, not people: a pupil in
// two periods of the range (say grade 8 in March and grade 9 in November of
// one calendar year) counts once in each, as two pupils, two placements,
// two evaluations. Within one school year the periods are usually of
// different grades and so of different pupils.
//
// Teknikprao weeks (data.FormatWeek) have no placements: they are counted
// by ComputeWeekRange, not here (nor listed as left out), and named in
// Report.Weeks.
func ComputeRange(ctx context.Context, st *data.Store, from, to time.Time, f Filter) (*Report, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("statistics: the range %s – %s is empty", data.FormatDate(from), data.FormatDate(to))
	}
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	var in, weeks []data.Period
	for _, p := range ps {
		if p.Start.Before(from) || !p.Start.Before(to) {
			continue
		}
		if p.Format == data.FormatWeek {
			weeks = append(weeks, p)
		} else {
			in = append(in, p)
		}
	}
	r, err := computePeriods(ctx, st, in, f, true)
	if err != nil {
		return nil, err
	}
	r.From, r.To, r.Weeks = from, to, weeks
	return r, nil
}

// YearSummary is a year's key numbers for the whole region, as the impact
// report shows them. Every count is a Cell or Share and must be shown
// through its String or Hidden (groups under 5 stay hidden).
type YearSummary struct {
	Label    string // e.g. "läsåret 2026/27" or "2026", as the caller named it
	From, To time.Time
	Periods  []data.Period // the periods summed, earliest first
	// LeftOut are the periods of the range not summed: nobody is placed in
	// them yet (see Report.LeftOut).
	LeftOut []data.Period

	Pupils      Cell  // pupils (placements: one per pupil and period)
	Placed      Cell  // placed pupils
	GirlsPlaced Cell  // placed girls
	BoysPlaced  Cell  // placed boys
	FirstChoice Share // placed who got their first choice, of the placed
	GirlsShare  Share // girls of the placed
	Attendance  Attendance
	// AloneGirls counts the offers with exactly one girl among two or more
	// pupils, of GroupOffers offers with two or more.
	AloneGirls  Cell
	GroupOffers int
	// Answered counts the evaluations; the interest means are per group
	// (Girls, Boys, Other) and in all (index NumGroups).
	Answered                      Cell
	InterestBefore, InterestAfter [NumGroups + 1]Mean
	Recommend                     Share // would recommend, of those who answered it
	CommentCount                  Cell

	// Municipalities are the rows per municipality (each with its own
	// Figures for a page of its own).
	Municipalities []MunicipalityRow
	// Companies are the company figures of the same range (nil when not
	// computed).
	Companies *CompanyFigures
	// Report is the full report the summary was taken from (classic
	// periods only).
	Report *Report

	// Week is the report of the teknikprao weeks of the range (nil when
	// not computed: Summarize alone); see AddWeeks.
	Week *WeekReport
	// AllPupils counts each pupil of the range once across both formats
	// (rows RowClassicOnly, RowWeekOnly, RowBothFormats; see
	// CombinePupils). Its Total is the year's pupils in prao of either
	// format; empty (no cells) when Week is nil.
	AllPupils Table

	// Survey is the questionnaire before and after of the range's periods
	// (nil when not computed: Summarize alone); see LoadSurveyYear.
	Survey *SurveyYear
}

// Summarize takes the key numbers of a range report (and its company
// figures, which may be nil).
func Summarize(label string, r *Report, c *CompanyFigures) YearSummary {
	s := YearSummary{Label: label, From: r.From, To: r.To, Periods: r.Periods, LeftOut: r.LeftOut, Report: r, Companies: c,
		Pupils: r.Pupils(), Placed: r.Placed[NumGroups], GirlsPlaced: r.Placed[Girls], BoysPlaced: r.Placed[Boys],
		FirstChoice: r.FirstChoice(), GirlsShare: r.GirlsShare(), Attendance: r.Attendance[NumGroups],
		AloneGirls: r.AloneGirls, GroupOffers: r.GroupOffers, Answered: r.Answered.RowTotals[0],
		InterestBefore: r.InterestBefore, InterestAfter: r.InterestAfter, Recommend: r.RecommendShare(),
		CommentCount: r.CommentCount, Municipalities: r.ByMunicipality}
	return s
}

// LoadYear computes the summary of [from, to) for the whole region with
// its company figures (members over memberYears years up to the range),
// its teknikprao weeks and its pupils across both formats (AddWeeks).
func LoadYear(ctx context.Context, st *data.Store, label string, from, to time.Time, memberYears int) (YearSummary, error) {
	r, err := ComputeRange(ctx, st, from, to, Filter{})
	if err != nil {
		return YearSummary{}, err
	}
	c, err := ComputeCompanies(ctx, st, from, to, memberYears)
	if err != nil {
		return YearSummary{}, err
	}
	s := Summarize(label, r, c)
	if err := s.loadWeeks(ctx, st, from, to); err != nil {
		return YearSummary{}, err
	}
	if s.Survey, err = LoadSurveyYear(ctx, st, from, to); err != nil {
		return YearSummary{}, err
	}
	return s, nil
}

// The impact report's years of member companies: five years up to the
// report's year, and the year before's own count.
const (
	impactMemberYears     = 5
	impactLastMemberYears = 1
)

// LoadImpactYears computes the summaries the impact report of calendar
// year compares: the year (members over five years) and the year before.
func LoadImpactYears(ctx context.Context, st *data.Store, year int) (this, last YearSummary, err error) {
	from, to := CalendarYear(year)
	this, err = LoadYear(ctx, st, strconv.Itoa(year), from, to, impactMemberYears)
	if err != nil {
		return YearSummary{}, YearSummary{}, err
	}
	from, to = CalendarYear(year - 1)
	last, err = LoadYear(ctx, st, strconv.Itoa(year-1), from, to, impactLastMemberYears)
	if err != nil {
		return YearSummary{}, YearSummary{}, err
	}
	return this, last, nil
}

// Delta is the change of a figure from the year before to this year. It is
// known (Shown) only when both years' figures may be shown.
type Delta struct {
	Prev, Cur float64
	Shown     bool
}

// Diff is Cur − Prev (for shares: in parts of 1; ×100 for percentage points).
func (d Delta) Diff() float64 { return d.Cur - d.Prev }

// CountChange is the change of a count.
func CountChange(prev, cur Cell) Delta {
	return Delta{Prev: float64(prev.N), Cur: float64(cur.N), Shown: !prev.Suppressed && !cur.Suppressed}
}

// ShareChange is the change of a share (its ratio).
func ShareChange(prev, cur Share) Delta {
	return Delta{Prev: prev.Ratio(), Cur: cur.Ratio(), Shown: !prev.Hidden() && !cur.Hidden()}
}

// MeanChange is the change of a mean.
func MeanChange(prev, cur Mean) Delta {
	return Delta{Prev: prev.Value, Cur: cur.Value, Shown: prev.Shown() && cur.Shown()}
}

// AttendanceChange is the change of the share of planned days attended.
func AttendanceChange(prev, cur Attendance) Delta {
	return Delta{Prev: prev.Ratio(), Cur: cur.Ratio(), Shown: prev.Shown() && cur.Shown()}
}
