package data

import (
	"context"
	"testing"
	"time"
)

// The statistics' reads: placements with the rank of their offer and the
// days present there (only "present" days at that offer), live offers with
// their day counts, placements per offer, the pupils who chose, and the
// pupils.
func TestStatisticsQueries(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	host := Organisation{Kind: KindCompany, Name: "Glaskogens Mätteknik AB"}
	school := Organisation{Kind: KindSchool, Name: "Tallbackeskolan"}
	for _, o := range []*Organisation{&host, &school} {
		if err := st.SaveOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	p1 := Period{Name: "Åk 8 v. 11 2026", Grade: 8, Start: day(3, 16), End: day(3, 20)}
	p2 := Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: day(11, 9), End: day(11, 13)}
	for _, p := range []*Period{&p1, &p2} {
		if err := st.SavePeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	o1 := Offer{HostID: host.ID, PeriodID: p1.ID, Title: "Mätteknik", Capacity: 3}
	o1b := Offer{HostID: host.ID, PeriodID: p1.ID, Title: "Borttagen", Capacity: 3}
	o2 := Offer{HostID: host.ID, PeriodID: p2.ID, Title: "Mätteknik igen", Capacity: 3}
	for _, o := range []*Offer{&o1, &o1b, &o2} {
		if err := st.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	a := Pupil{SchoolID: school.ID, FirstName: "Alva", LastName: "Ek", Grade: 9}
	b := Pupil{SchoolID: school.ID, FirstName: "Omar", LastName: "Ek", Grade: 9}
	for _, p := range []*Pupil{&a, &b} {
		if err := st.SavePupil(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	set := func(p Pupil, o Offer, d time.Time, s AttendanceStatus) {
		t.Helper()
		if err := st.SetAttendance(ctx, Attendance{PupilID: p.ID, OfferID: o.ID, Date: d, Status: s}); err != nil {
			t.Fatal(err)
		}
	}
	// Alva: 3 present, 1 sick at o1; Omar: 1 present at o1, 1 at the offer
	// that is then deleted; both present in the other period.
	set(a, o1, day(3, 16), AttendancePresent)
	set(a, o1, day(3, 17), AttendancePresent)
	set(a, o1, day(3, 18), AttendanceSick)
	set(a, o1, day(3, 19), AttendancePresent)
	set(b, o1, day(3, 16), AttendancePresent)
	set(b, o1b, day(3, 17), AttendancePresent)
	set(b, o1, day(3, 18), AttendanceAbsent)
	set(a, o2, day(11, 9), AttendancePresent)
	set(b, o2, day(11, 9), AttendancePresent)
	// Alva is placed at o1 (her 2nd choice), Omar at the deleted offer's
	// sibling o1 without having chosen it; both are grade 9 and choose in p2.
	if err := st.SetPreferences(ctx, a.ID, p1.ID, []string{o1b.ID, o1.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetPreferences(ctx, a.ID, p2.ID, []string{o2.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteOffer(ctx, o1b.ID); err != nil {
		t.Fatal(err)
	}
	for _, x := range []Assignment{{PeriodID: p1.ID, PupilID: a.ID, OfferID: o1.ID}, {PeriodID: p1.ID, PupilID: b.ID, OfferID: o1.ID}} {
		if err := st.SaveAssignment(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.PlacementRanks(ctx, p1.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]PlacementRank{a.ID: {a.ID, o1.ID, 2, 3}, b.ID: {b.ID, o1.ID, 0, 1}}
	if len(got) != len(want) {
		t.Fatalf("placements %+v", got)
	}
	for _, g := range got {
		if g != want[g.PupilID] {
			t.Errorf("placement %+v, want %+v", g, want[g.PupilID])
		}
	}
	if per, err := st.PlacementsPerOffer(ctx, p1.ID); err != nil || len(per) != 1 || per[o1.ID] != 2 {
		t.Errorf("placements per offer %v, %v", per, err)
	}
	if err := st.ClearAssignment(ctx, p1.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if per, _ := st.PlacementsPerOffer(ctx, p1.ID); per[o1.ID] != 1 {
		t.Errorf("a cleared placement is counted: %v", per)
	}
	offers, err := st.PeriodOffers(ctx, p1.ID)
	if err != nil || len(offers) != 1 || offers[0].ID != o1.ID || offers[0].HostID != host.ID || offers[0].Days != 0 {
		t.Errorf("offers %+v, %v", offers, err)
	}
	o2.Days = []OfferDay{{Date: day(11, 9), Start: 8 * 60, End: 15 * 60, BreakMinutes: 45}}
	if err := st.SaveOffer(ctx, &o2); err != nil {
		t.Fatal(err)
	}
	if offers, _ := st.PeriodOffers(ctx, p2.ID); len(offers) != 1 || offers[0].Days != 1 {
		t.Errorf("offers with a day %+v", offers)
	}
	for period, want := range map[string]int{p1.ID: 1, p2.ID: 1, "no such period": 0} {
		if ids, err := st.ChoosingPupils(ctx, period); err != nil || len(ids) != want || (want == 1 && ids[0] != a.ID) {
			t.Errorf("choosing in %s: %v, %v", period, ids, err)
		}
	}
	ps, err := st.StatisticsPupils(ctx)
	if err != nil || len(ps) != 2 || ps[0].Grade != 9 || ps[0].CreatedAt.IsZero() || ps[0].FirstName == "" {
		t.Errorf("pupils %+v, %v", ps, err)
	}
	if err := st.DeletePupil(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.StatisticsPupils(ctx); len(ps) != 1 {
		t.Errorf("a deleted pupil is listed: %+v", ps)
	}
}
