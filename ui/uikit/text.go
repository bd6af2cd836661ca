package uikit

import (
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/unicode/norm"

	"techniqual/data"
	"techniqual/data/text"
)

// Fold makes text comparable the way people type it: lower case, NFC.
func Fold(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// Collator is data/text's Swedish collator (case ignored, å, ä, ö last);
// it is not safe for concurrent use, so each caller gets its own.
func Collator() *collate.Collator { return text.Collator() }

// SortSwedish sorts names in Swedish order.
func SortSwedish(names []string) { slices.SortFunc(names, text.Collator().CompareString) }

// ContainsAll reports whether text holds every one of words: a search of
// several words, each folded (Fold) on both sides by the caller.
func ContainsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// JoinDot joins the non-blank parts with " · ".
func JoinDot(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " · ")
}

// CurrentPeriod is the period to record attendance in first: one running
// today (in Swedish time, as the app keeps its dates), the latest begun of
// them; else the last one held, since attendance is often typed in after
// the week; else, when every period lies ahead, the first to come (found
// by use: with one period ahead, Närvaro opened on none); "" when there
// are none.
func CurrentPeriod(ps []data.Period, today time.Time) string {
	t := today.In(data.Stockholm)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	running := func(p data.Period) bool { return !p.Start.After(day) && !p.End.Before(day) }
	best := -1
	for i, p := range ps {
		switch {
		case p.Start.After(day):
			continue
		case best < 0:
			best = i
		case running(p) != running(ps[best]):
			if running(p) {
				best = i
			}
		case p.Start.After(ps[best].Start):
			best = i
		}
	}
	if best < 0 {
		for i, p := range ps { // all ahead: the first to come
			if best < 0 || p.Start.Before(ps[best].Start) {
				best = i
			}
		}
	}
	if best < 0 {
		return ""
	}
	return ps[best].ID
}

// DefaultPeriod is the period to show first: the latest one with placed
// pupils, else the latest one; "" when there are none.
func DefaultPeriod(ps []data.Period, placed map[string]int) string {
	best := -1
	for i, p := range ps {
		if best < 0 || (placed[p.ID] > 0) != (placed[ps[best].ID] > 0) && placed[p.ID] > 0 ||
			(placed[p.ID] > 0) == (placed[ps[best].ID] > 0) && p.Start.After(ps[best].Start) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return ps[best].ID
}
