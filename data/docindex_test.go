package data_test

import (
	"context"
	"slices"
	"testing"

	"techniqual/data"
)

// TestDocumentIndexIsTheDocumentsInBrief: DocumentIndex gives the rows of
// exactly the documents DocumentsForPeriod loads, in the same order, with
// the same names, offers, protection and certificates, and OfferGroups
// orders them as GroupByOffer does; for every period of the example data,
// with attendance recorded present, sick, and at another offer.
func TestDocumentIndexIsTheDocumentsInBrief(t *testing.T) {
	ctx := context.Background()
	w := newLoadWorld(t)
	st := w.st
	docs, err := st.DocumentsForPeriod(ctx, w.matched.ID, data.DocFilter{})
	if err != nil || len(docs) < 10 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	day := w.matched.Start
	for k, status := range []data.AttendanceStatus{data.AttendancePresent, data.AttendanceSick, data.AttendancePresent} {
		d := docs[k]
		a := data.Attendance{PupilID: d.Pupil.ID, OfferID: d.Offer.ID, Date: day, Status: status}
		if k == 2 { // present, but at another offer of the period
			a.OfferID = docs[len(docs)-1].Offer.ID
		}
		if err := st.SetAttendance(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	periods, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range periods {
		t.Run(per.Name, func(t *testing.T) {
			docs, err := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
			if err != nil {
				t.Fatal(err)
			}
			x, err := st.DocumentIndex(ctx, per.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(x.Rows) != len(docs) {
				t.Fatalf("%d rows for %d documents", len(x.Rows), len(docs))
			}
			attended := 0
			for i, d := range docs {
				r := x.Rows[i]
				want := data.DocRow{PupilID: d.Pupil.ID, FirstName: d.Pupil.FirstName, LastName: d.Pupil.LastName,
					ClassName: d.Pupil.ClassName, SchoolID: d.School.ID, OfferID: d.Offer.ID, Protected: d.Pupil.Protected,
					Attended: slices.ContainsFunc(d.Attendance, func(a data.Attendance) bool {
						return a.Status == data.AttendancePresent && (a.OfferID == "" || a.OfferID == d.Offer.ID)
					})}
				if r != want {
					t.Fatalf("row %d = %+v, want %+v", i, r, want)
				}
				if r.Attended {
					attended++
				}
				if x.Schools[r.SchoolID] != d.School.Name {
					t.Errorf("school %q, want %q", x.Schools[r.SchoolID], d.School.Name)
				}
				if o := x.Offers[r.OfferID]; o != (data.DocOffer{Title: d.Offer.Title, HostID: d.Host.ID, HostName: d.Host.Name}) {
					t.Errorf("offer %+v, want %q at %q", o, d.Offer.Title, d.Host.Name)
				}
			}
			if per.ID == w.matched.ID && attended == 0 {
				t.Error("no row has a certificate")
			}
			groups, hosts := x.OfferGroups(x.Rows), data.GroupByOffer(docs)
			if len(groups) != len(hosts) {
				t.Fatalf("%d offer groups, %d host confirmations", len(groups), len(hosts))
			}
			for i, g := range groups {
				if g.OfferID != hosts[i].Offer.ID || len(g.Rows) != len(hosts[i].Pupils) || g.Rows[0].PupilID != hosts[i].Pupils[0].Pupil.ID {
					t.Fatalf("offer group %d is %s with %d pupils, want %s with %d", i, g.OfferID, len(g.Rows),
						hosts[i].Offer.ID, len(hosts[i].Pupils))
				}
			}
		})
	}
	if _, err := st.DocumentIndex(ctx, "no-such-period"); err == nil {
		t.Error("an unknown period gave no error")
	}
}
