package reports

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"techniqual/data"
)

// FeedbackMinAnswers is the least number of answers printed as figures: a
// block, group or question with fewer is printed as "<5", so that no single
// pupil's answer can be told from the report.
const FeedbackMinAnswers = 5

// fewAnswers is what is printed instead of figures under FeedbackMinAnswers.
var fewAnswers = "<" + strconv.Itoa(FeedbackMinAnswers)

// FeedbackAnswer is one pupil's feedback on one block, with nothing that
// says who gave it.
type FeedbackAnswer struct {
	// Scores holds the answer to each question, in HostFeedback.Questions
	// order: 1–5, or 0 when the question was not answered. A missing
	// score at the end counts as not answered.
	Scores  []int
	Comment string // free text; blank when none
}

// FeedbackTally sums feedback answers: the number of answers and, per
// question, how many scored it and the sum of their scores.
type FeedbackTally struct {
	N     int
	Count []int
	Sum   []int
}

// Add counts one answer. Scores outside 1–5 count as not answered
// (HostFeedbackReports refuses them in a host's own blocks).
func (t *FeedbackTally) Add(a FeedbackAnswer) {
	t.N++
	for q, s := range a.Scores {
		if s < 1 || s > 5 {
			continue
		}
		for len(t.Count) <= q {
			t.Count = append(t.Count, 0)
			t.Sum = append(t.Sum, 0)
		}
		t.Count[q]++
		t.Sum[q] += s
	}
}

// TallyFeedback sums answers (see FeedbackTally.Add).
func TallyFeedback(answers []FeedbackAnswer) FeedbackTally {
	var t FeedbackTally
	for _, a := range answers {
		t.Add(a)
	}
	return t
}

// Mean is the mean score of question q, and false when fewer than
// FeedbackMinAnswers scored it (the mean must then not be shown).
func (t FeedbackTally) Mean(q int) (float64, bool) {
	if q < 0 || q >= len(t.Count) || q >= len(t.Sum) || t.Count[q] < FeedbackMinAnswers {
		return 0, false
	}
	return float64(t.Sum[q]) / float64(t.Count[q]), true
}

// FeedbackBlock is one of a host's blocks with the feedback given on it.
type FeedbackBlock struct {
	Date       time.Time
	Start, End data.Clock
	Teams      string // the names of the teams that came, e.g. "Team 3"
	Answers    []FeedbackAnswer
}

// HostFeedback is one host's feedback report: the input of
// HostFeedbackReports. Group and Week are the tallies of every answer given
// in the host's group (all its hosts' blocks, this host's included) and in
// the whole week (TallyFeedback over them, or FeedbackTally.Add one by one).
type HostFeedback struct {
	Host      data.Organisation
	Period    data.Period
	Group     string   // the host group's name
	Questions []string // the 1–5 questions, in the order of the scores
	Blocks    []FeedbackBlock
	GroupAll  FeedbackTally
	WeekAll   FeedbackTally
}

// HostFeedbackReports writes one feedback report per host into one PDF:
// for each question the number of answers and the mean score of each of
// the host's blocks, of all its blocks, of its group and of the whole
// week. Where fewer than FeedbackMinAnswers answered, "<5" is printed
// instead of a figure (and the summary of all the host's blocks leaves such
// answers out unless they reach FeedbackMinAnswers together, so that it
// cannot be used to work them out), and a block's comments (sorted, without
// names) are printed only from FeedbackMinAnswers answers. A host without blocks gets
// no report. A score outside 0–5 in a host's block is refused with an
// error naming the host, the block and the question, and nothing is
// written.
func HostFeedbackReports(w io.Writer, hosts []HostFeedback, o Options) error {
	return WriteWeek(w, KindHostFeedback, WeekDocs{Feedback: hosts}, o)
}

// checkFeedback refuses scores outside 0–5, naming where they are.
func checkFeedback(hosts []HostFeedback) error {
	var errs []error
	for _, h := range hosts {
		for _, b := range h.Blocks {
			for i, a := range b.Answers {
				for q, s := range a.Scores {
					if s < 0 || s > 5 {
						errs = append(errs, fmt.Errorf("reports: feedback for %s, block %s %s, answer %d: question %d has score %d, want 1–5 (0 for no answer)",
							h.Host.Name, data.FormatDate(b.Date), swedish.clocks(b.Start, b.End), i+1, q+1, s))
					}
				}
			}
		}
	}
	return errors.Join(errs...)
}

// summaryTally sums a host's blocks for its summary without giving away a
// figure that its own rows hide: a block's count, or a question's scores,
// from fewer than FeedbackMinAnswers answers are added only when all such
// hidden figures together reach FeedbackMinAnswers (otherwise the summary
// minus the shown blocks would tell them).
func summaryTally(blocks []FeedbackBlock) FeedbackTally {
	var shown, small FeedbackTally
	questions := 0
	tallies := make([]FeedbackTally, len(blocks))
	for i, b := range blocks {
		tallies[i] = TallyFeedback(b.Answers)
		questions = max(questions, len(tallies[i].Count))
	}
	grow := func(t *FeedbackTally) {
		t.Count = append(t.Count, make([]int, questions-len(t.Count))...)
		t.Sum = append(t.Sum, make([]int, questions-len(t.Sum))...)
	}
	grow(&shown)
	grow(&small)
	for _, t := range tallies {
		if t.N >= FeedbackMinAnswers {
			shown.N += t.N
		} else {
			small.N += t.N
		}
		for q := range t.Count {
			if t.Count[q] >= FeedbackMinAnswers {
				shown.Count[q] += t.Count[q]
				shown.Sum[q] += t.Sum[q]
			} else {
				small.Count[q] += t.Count[q]
				small.Sum[q] += t.Sum[q]
			}
		}
	}
	if small.N >= FeedbackMinAnswers {
		shown.N += small.N
	}
	for q := range questions {
		if small.Count[q] >= FeedbackMinAnswers {
			shown.Count[q] += small.Count[q]
			shown.Sum[q] += small.Sum[q]
		}
	}
	return shown
}

// count writes the number of answers, or "<5" when it is too few to show.
func count(n int) string {
	if n > 0 && n < FeedbackMinAnswers {
		return fewAnswers
	}
	return strconv.Itoa(n)
}

// mean writes the mean of question q as "4,3" ("4.3"), "<5" when too few
// scored it, "–" when nobody did.
func (l *lang) mean(t FeedbackTally, q int) string {
	m, ok := t.Mean(q)
	if !ok {
		if q < len(t.Count) && t.Count[q] > 0 {
			return fewAnswers
		}
		return l.none
	}
	return strings.Replace(strconv.FormatFloat(m, 'f', 1, 64), ".", l.decimal, 1)
}

// feedbackTable is a table of the questions against tallies: a row with the
// number of answers, then a row per question with the means.
func feedbackTable(u *unit, questions []string, titles []string, ts []FeedbackTally) {
	l := u.l
	const colW = 27.0
	cols := []column{{l.question, contentW - colW*float64(len(ts)), regular}}
	for _, t := range titles {
		cols = append(cols, column{t, colW, regular})
	}
	row := []string{l.answers}
	for _, t := range ts {
		row = append(row, count(t.N))
	}
	rows := [][]string{row}
	for q, text := range questions {
		row := []string{fmt.Sprintf("%d. %s", q+1, text)}
		for _, t := range ts {
			row = append(row, l.mean(t, q))
		}
		rows = append(rows, row)
	}
	u.table(cols, rows, 0, nil)
}

func layoutFeedback(u *unit, h HostFeedback) {
	l := u.l
	u.reset(l.feedbackTitle, joinNonEmpty(" · ", h.Host.Name, h.Period.Name))
	blocks := slices.Clone(h.Blocks)
	slices.SortStableFunc(blocks, func(a, b FeedbackBlock) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return int(a.Start) - int(b.Start)
	})

	u.para(marginL, contentW, h.Host.Name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", h.Group, h.Period.Name), regular, 11, 5.6, grey, nil)
	u.space(2)
	u.body(l.feedbackIntro)

	all := summaryTally(blocks)
	u.heading(l.summary)
	feedbackTable(u, h.Questions, []string{l.yourBlocks, l.yourGroup, l.wholeWeek},
		[]FeedbackTally{all, h.GroupAll, h.WeekAll})

	for _, b := range blocks {
		u.heading(joinNonEmpty(" · ", l.when(b.Date, b.Start, b.End), b.Teams))
		if len(b.Answers) == 0 {
			u.body(l.noAnswers)
			continue
		}
		t := TallyFeedback(b.Answers)
		feedbackTable(u, h.Questions, []string{l.thisBlock, l.yourGroup, l.wholeWeek},
			[]FeedbackTally{t, h.GroupAll, h.WeekAll})
		var comments []string
		for _, a := range b.Answers {
			if c := strings.TrimSpace(u.m.clean(a.Comment, true)); c != "" {
				comments = append(comments, c)
			}
		}
		if len(comments) == 0 {
			continue
		}
		u.space(3)
		u.keep(12)
		u.para(marginL, contentW, l.comments, bold, 10.5, 5.6, darkTeal, nil)
		if t.N < FeedbackMinAnswers {
			u.para(marginL, contentW, l.commentsHidden, regular, bodySize, bodyLH, grey, nil)
			continue
		}
		// Sorted, so that the order says nothing about who wrote what.
		slices.Sort(comments)
		for _, c := range comments {
			u.space(1)
			u.para(marginL+6, contentW-6, "”"+c+"”", regular, bodySize, bodyLH, ink,
				func(top float64) { u.rect(marginL, top, 1.4, bodyLH, teal) })
		}
	}
}
