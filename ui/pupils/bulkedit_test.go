package pupils

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// TestBulkEditSetsGenderOnTheTickedPupils narrows the list to a class,
// sets "flicka" on all its pupils but one, and checks the store.
func TestBulkEditSetsGenderOnTheTickedPupils(t *testing.T) {
	st := uitest.OpenStore(t)
	_, pupils := classFixture(t, st)
	m, s := openPupils(t, st)
	test.Type(s.search, "9C")
	if len(s.model.shown) != len(pupils) {
		t.Fatalf("search shows %d pupils, want %d", len(s.model.shown), len(pupils))
	}
	s.onShowBulkEdit()
	b := s.bulk
	if b.apply() {
		t.Error("applied with nothing chosen")
	}
	b.gender.SetSelected("flicka")
	test.Type(b.class, "9D")
	b.ticked[0] = false
	left := b.pupils[0]
	if !b.apply() {
		t.Fatalf("not applied: %q", b.msg.Text)
	}
	m.Wait(t)
	ctx := context.Background()
	for _, p := range pupils {
		got, err := st.GetPupil(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.ID == left.ID {
			if got.Gender != data.GenderUnspecified || got.ClassName != "9C" {
				t.Errorf("the unticked pupil changed: %s %s", got.Gender, got.ClassName)
			}
			continue
		}
		if got.Gender != data.GenderGirl || got.ClassName != "9D" {
			t.Errorf("%s is %s in %s, want girl in 9D", got.Name(), got.Gender, got.ClassName)
		}
	}
	// All or nothing: one missing pupil changes nobody.
	g := data.GenderBoy
	if _, err := st.UpdatePupils(ctx, []string{pupils[1].ID, "no-such-pupil"}, data.PupilChanges{Gender: &g}); err == nil {
		t.Error("a missing pupil was accepted")
	}
	if got, _ := st.GetPupil(ctx, pupils[1].ID); got.Gender != data.GenderGirl {
		t.Errorf("a failed bulk edit changed %s to %s", got.Name(), got.Gender)
	}
	bad := data.Gender("x")
	if _, err := st.UpdatePupils(ctx, []string{pupils[1].ID}, data.PupilChanges{Gender: &bad}); err == nil {
		t.Error("an unknown gender was accepted")
	}
	counts, err := st.GenderCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u, total, most := data.MostWithoutGender(counts); u != 1 || total != 25 || most {
		t.Errorf("MostWithoutGender = %d, %d, %v", u, total, most)
	}
}
