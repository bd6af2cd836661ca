package data

import (
	"context"
	"testing"
)

// TestOwnPlacementFromProposalToLockedPlacement follows an own-found
// placement: proposed, host form sent, the host answers with an offer,
// the offer is approved, the placement approved and locked.
func TestOwnPlacementFromProposalToLockedPlacement(t *testing.T) {
	st, per, p, offers := schoolFixture(t)
	ctx := context.Background()
	host := Organisation{Kind: KindCompany, Name: "Mormors verkstad"}
	if err := st.SaveOrganisation(ctx, &host); err != nil {
		t.Fatal(err)
	}
	school, _ := st.GetOrganisation(ctx, p.SchoolID)
	if err := st.ProposeOwnPlacement(ctx, &OwnPlacement{PupilID: p.ID, PeriodID: per.ID, HostID: school.ID}); err == nil {
		t.Error("a school was accepted as host")
	}
	op := OwnPlacement{PupilID: p.ID, PeriodID: per.ID, HostID: host.ID, Note: "Mormor äger verkstaden"}
	if err := st.ProposeOwnPlacement(ctx, &op); err != nil {
		t.Fatal(err)
	}
	if op.Status != OwnProposed {
		t.Fatalf("status %q", op.Status)
	}
	if err := st.ApproveOwnPlacement(ctx, p.ID, per.ID); err == nil {
		t.Error("approved before the host answered")
	}
	if err := st.MarkOwnFormSent(ctx, p.ID, per.ID); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.OwnPlacementFor(ctx, p.ID, per.ID); got.Status != OwnFormSent {
		t.Errorf("after sending: %q", got.Status)
	}
	// The host answers: an offer in the period, first submitted.
	o := offers[1] // a copy of an approvable offer, at the new host
	o.ID, o.HostID, o.Title, o.Status, o.Days[0].ID = "", host.ID, "Snickeri", OfferSubmitted, ""
	if err := st.SaveOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.OwnPlacementFor(ctx, p.ID, per.ID); got.Status != OwnAnswered || got.OfferID != o.ID {
		t.Errorf("after the answer: %+v", got)
	}
	if err := st.ApproveOwnPlacement(ctx, p.ID, per.ID); err == nil {
		t.Error("approved with the host's offer not approved")
	}
	if as, _ := st.ListAssignments(ctx, per.ID); len(as) != 0 {
		t.Errorf("a refused approval placed the pupil: %+v", as)
	}
	if err := st.SetOfferStatus(ctx, o.ID, OfferApproved); err != nil {
		t.Fatal(err)
	}
	if err := st.ApproveOwnPlacement(ctx, p.ID, per.ID); err != nil {
		t.Fatal(err)
	}
	as, err := st.ListAssignments(ctx, per.ID)
	if err != nil || len(as) != 1 || as[0].OfferID != o.ID || !as[0].Locked {
		t.Fatalf("placements %+v, %v", as, err)
	}
	// The matching keeps the pupil there.
	a, err := st.LoadAllocation(ctx, per.ID)
	if err != nil {
		t.Fatal(err)
	}
	i, _ := a.PupilIndex(p.ID)
	if j, _ := a.OfferIndex(o.ID); a.Instance.Pupils[i].Locked != j {
		t.Errorf("the pupil is not locked for the matching: %d, want %d", a.Instance.Pupils[i].Locked, j)
	}
	if err := st.ProposeOwnPlacement(ctx, &OwnPlacement{PupilID: p.ID, PeriodID: per.ID, HostID: host.ID}); err == nil {
		t.Error("an approved own placement was replaced")
	}
}
