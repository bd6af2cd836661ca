package pupils

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

// Adding a choice is typing a few letters of title and host and Enter: the
// first offer found becomes the last choice, and the dialog closes.
func TestAddChoiceByTypingAndEnter(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	var pupil data.Pupil
	for _, r := range s.model.rows {
		if r.p.Grade == 8 {
			pupil = r.p
			break
		}
	}
	s.detail.show(pupil)
	c := s.detail.choices
	m.Wait(t)
	if len(c.chosen) == 0 {
		t.Fatal("the example pupil has no choices")
	}
	c.remove(len(c.chosen) - 1)
	var want data.Offer
	for id, o := range c.offers {
		if !contains(c.chosen, id) && o.Status != data.OfferDraft {
			want = o
			break
		}
	}
	test.Tap(c.addBtn)
	if c.addPick == nil {
		t.Fatal("the add dialog has no offer search")
	}
	typed := want.Title + " " + c.hosts[want.HostID].Name
	test.Type(c.addPick.SearchBox(), typed)
	c.addPick.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(c.chosen) == 0 {
		t.Fatal("Enter added no choice")
	}
	got := c.offers[c.chosen[len(c.chosen)-1]]
	if got.Title != want.Title || got.HostID != want.HostID {
		t.Fatalf("typing %q and Enter added %q at %s, want %q at %s", typed, got.Title, got.HostID, want.Title, want.HostID)
	}
	prefs, err := st.PupilPreferences(ctx, pupil.ID, c.period.ID)
	if err != nil || len(prefs) != len(c.chosen) || prefs[len(prefs)-1].OfferID != got.ID {
		t.Errorf("stored choices %+v (%v), want %s last", prefs, err, got.ID)
	}
}
