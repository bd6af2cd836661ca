package overview

import (
	"context"
	"strings"
	"testing"

	"techniqual/data/stats/stattest"
	"techniqual/ui/internal/uitest"
)

// The overview's Jämställdhet cards show the hand-counted figures of the
// statistics fixture, small groups hidden.
func TestOverviewShowsGenderBalanceWithSmallGroupsHidden(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := stattest.Build(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	s, _ := openOverview(t, st)
	b := s.balance
	if !b.grid.Visible() {
		t.Fatal("the balance cards are hidden with a placed period")
	}
	// 9 girls (g1–g7, h1, h2), 13 boys (b1–b7, k1–k6) and one pupil of
	// unspecified gender are placed: the 1 is hidden, and so is the girls'
	// 9, which with the total would give it away. Three offers have one
	// girl (<5 of the 5 offers with two pupils or more); 20 of 23 placed
	// got their first choice, so the 3 others would be a small group and
	// the share is hidden.
	want := map[string]string{"girls": "..", "boys": "13", "alone": "<5 / 5", "first": ".."}
	for id, w := range want {
		if got := b.cards[id].Text; got != w {
			t.Errorf("%s shows %q, want %q", id, got, w)
		}
	}
	if got := b.cards["interest"].Text; !strings.Contains(got, "→") {
		t.Errorf("interest shows %q", got)
	}
	if !strings.Contains(b.note.Text, "Åk 8 v. 46 2026") {
		t.Errorf("note = %q", b.note.Text)
	}
}

func TestOverviewBalanceWaitsForAPlacedPeriod(t *testing.T) {
	s, _ := openOverview(t, uitest.OpenStore(t))
	if s.balance.grid.Visible() {
		t.Error("balance cards shown on an empty database")
	}
	if !strings.Contains(s.balance.note.Text, "placerade elever") {
		t.Errorf("note = %q", s.balance.note.Text)
	}
}
