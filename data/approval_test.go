package data

import (
	"slices"
	"testing"
)

// TestApprovalAsksSeatsOfAClassicOfferOnly: a week's host takes teams,
// counted per block; its seats are not asked for in the host form, so a
// week's offer without seats can be approved (review), a classic one not.
func TestApprovalAsksSeatsOfAClassicOfferOnly(t *testing.T) {
	for _, c := range []struct {
		name   string
		period *Period
		want   bool // capacity among the missing
	}{
		{"classic", &Period{Format: FormatClassic}, true},
		{"no period", nil, true},
		{"week", &Period{Format: FormatWeek}, false},
	} {
		_, missing := ApprovalProblems(Offer{Title: "Robotar"}, c.period)
		got := slices.ContainsFunc(missing, func(f FieldError) bool { return f.Field == "capacity" })
		if got != c.want {
			t.Errorf("%s: seats asked for %v, want %v", c.name, got, c.want)
		}
	}
}
