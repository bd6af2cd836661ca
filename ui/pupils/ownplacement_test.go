package pupils

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// TestOwnPlacementDialogFromProposalToApproval records a host a pupil
// found, sends the host form, lets the host answer with an approved offer,
// and approves: the pupil is placed there, locked.
func TestOwnPlacementDialogFromProposalToApproval(t *testing.T) {
	st := uitest.OpenStore(t)
	per, pupils := classFixture(t, st)
	m, s := openPupils(t, st)
	p := pupils[0]
	s.detail.show(p)
	s.detail.onShowOwnPlacement()
	o := s.detail.own
	if o.periodSel.Selected != per.Name {
		t.Fatalf("period %q", o.periodSel.Selected)
	}
	test.Type(o.newHost, "Mormors verkstad AB")
	test.Type(o.note, "Mormor äger verkstaden")
	o.onPropose()
	if !strings.Contains(o.status.Text, "Föreslagen") {
		t.Fatalf("status %q", o.status.Text)
	}
	o.onSend()
	if !m.HasCall("hostform file " + o.hostID) {
		t.Errorf("the host form was not opened for the host: %v", m.Calls())
	}
	if !strings.Contains(o.status.Text, "skickat") {
		t.Errorf("status %q", o.status.Text)
	}
	o.onApprove()
	if !strings.Contains(o.status.Text, "inte svarat") {
		t.Errorf("approval before the answer: %q", o.status.Text)
	}
	// The host answers with an offer, which the network approves.
	ctx := context.Background()
	offers, _ := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID})
	answer := offers[0]
	answer.ID, answer.HostID, answer.Title, answer.Days[0].ID = "", o.hostID, "Snickeri", ""
	if err := st.SaveOffer(ctx, &answer); err != nil {
		t.Fatal(err)
	}
	o.refresh()
	if !strings.Contains(o.status.Text, "svarat") {
		t.Errorf("status %q", o.status.Text)
	}
	o.onApprove()
	if !strings.Contains(o.status.Text, "Godkänd") {
		t.Fatalf("status %q", o.status.Text)
	}
	as, err := st.ListAssignments(ctx, per.ID)
	if err != nil || len(as) != 1 || as[0].PupilID != p.ID || as[0].OfferID != answer.ID || !as[0].Locked {
		t.Errorf("placements %+v, %v", as, err)
	}
}
