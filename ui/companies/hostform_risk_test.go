package companies

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestHostFormSavesTheRiskAssessment writes the risk assessment on the
// safety page, saves, and reads it back from the store and into a new form.
func TestHostFormSavesTheRiskAssessment(t *testing.T) {
	st, s, h, _ := hfSetup(t)
	ctx := context.Background()
	hfType(h.title, "Mät ljus i fiber")
	h.supervisor.SetSelectedIndex(0)
	hfType(h.capacity, "2")
	for _, c := range []struct {
		e interface {
			SetText(string)
			TypedRune(rune)
		}
		text string
	}{{h.ra.tasks, "Skarva fiber under uppsikt"}, {h.ra.machines, "Skarvsvets"}, {h.ra.substances, "Isopropanol i små mängder"},
		{h.ra.gear, "Skyddsglasögon"}, {h.ra.supervision, "Handledaren är med hela tiden"}, {h.ra.by, "Märta Åkesson"}} {
		hfType(c.e, c.text)
	}
	if !h.save() {
		t.Fatalf("not saved: %q", h.refusal.Text)
	}
	got, err := st.RiskAssessment(ctx, h.offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Tasks != "Skarva fiber under uppsikt" || got.Supervision != "Handledaren är med hela tiden" || got.AssessedBy != "Märta Åkesson" {
		t.Errorf("stored %+v", got)
	}
	if got.AssessedOn.IsZero() || got.AssessedOn.After(time.Now().Add(24*time.Hour)) {
		t.Errorf("assessed on %v", got.AssessedOn)
	}
	h2 := s.openHostForm(h.offer)
	if h2.ra.substances.Text != "Isopropanol i små mängder" {
		t.Errorf("a reopened form shows %q", h2.ra.substances.Text)
	}
	// Too long an answer is refused beside the fields and the form says not saved.
	h2.ra.tasks.SetText(strings.Repeat("x ", 2001))
	if h2.save() {
		t.Error("a 4,002-character answer was saved")
	}
	if !h2.ra.err.Visible() {
		t.Error("the refusal is not shown")
	}
}
