package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRestoreJourneyEntryAndOfferAndCounts(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	org := Organisation{Kind: KindCompany, Name: "Klarälvens Robotik AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	j := JourneyEntry{OrganisationID: org.ID, Date: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), Title: "Jämställd rekrytering"}
	if err := st.SaveJourneyEntry(ctx, &j); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteJourneyEntry(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if js, _ := st.ListJourneyEntries(ctx, org.ID); len(js) != 0 {
		t.Fatalf("%d entries after delete", len(js))
	}
	if err := st.RestoreJourneyEntry(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if js, _ := st.ListJourneyEntries(ctx, org.ID); len(js) != 1 {
		t.Fatalf("%d entries after restore", len(js))
	}
	if err := st.RestoreJourneyEntry(ctx, j.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a live entry: %v", err)
	}

	per := Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC)}
	if err := st.SavePeriod(ctx, &per); err != nil {
		t.Fatal(err)
	}
	o := Offer{HostID: org.ID, PeriodID: per.ID, Title: "Bygg en robot", Capacity: 2}
	if err := st.SaveOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	counts, err := st.OrganisationOfferCounts(ctx)
	if err != nil || counts[org.ID] != 1 {
		t.Fatalf("counts %v, %v", counts, err)
	}
	if err := st.DeleteOffer(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if counts, _ := st.OrganisationOfferCounts(ctx); counts[org.ID] != 0 {
		t.Errorf("deleted offer counted: %v", counts)
	}
	if err := st.RestoreOffer(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetOffer(ctx, o.ID); err != nil {
		t.Errorf("restored offer: %v", err)
	}
}
