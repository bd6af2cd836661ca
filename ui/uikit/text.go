package uikit

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"techniqual/data"
)

// Fold makes text comparable the way people type it: lower case, NFC.
func Fold(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// Collator is a Swedish collator that ignores case: å, ä, ö sort last.
// A collator is not safe for concurrent use, so each caller makes its own.
func Collator() *collate.Collator { return collate.New(language.Swedish, collate.IgnoreCase) }

// SortSwedish sorts names in Swedish order (case counts only to break ties).
func SortSwedish(names []string) {
	slices.SortFunc(names, collate.New(language.Swedish).CompareString)
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
