package data

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
)

// placedWorld is newWorld with both pupils placed, a second school with a
// pupil at the same offer, and some attendance recorded. Everyone is made up.
func placedWorld(t *testing.T) (*Store, *world, Pupil) {
	t.Helper()
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	other := Organisation{Kind: KindSchool, Name: "Åsdalsskolan", Municipality: "Arvika"}
	must(st.SaveOrganisation(ctx, &other))
	later := Person{OrganisationID: other.ID, FirstName: "Örjan", LastName: "Ek", Roles: []Role{RoleCounsellor}}
	first := Person{OrganisationID: other.ID, FirstName: "Anna", LastName: "Berg", Roles: []Role{RoleCounsellor}}
	must(st.SavePerson(ctx, &later))
	must(st.SavePerson(ctx, &first))
	zoe := Pupil{SchoolID: other.ID, FirstName: "Zoë", LastName: "Åkesson", ClassName: "9A", Grade: 9}
	must(st.SavePupil(ctx, &zoe))
	for _, p := range []Pupil{w.alva, w.lukasz, zoe} {
		a := Assignment{PeriodID: w.period.ID, PupilID: p.ID, OfferID: w.offer.ID, Source: SourceAuto}
		if p.ID == w.alva.ID {
			a.SupervisorComment = "Nyfiken och frågade mycket."
		}
		must(st.SaveAssignment(ctx, &a))
	}
	for i, d := range Weekdays(w.period.Start, w.period.End) {
		status := AttendancePresent
		if i == 2 {
			status = AttendanceSick
		}
		must(st.SetAttendance(ctx, Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: d, Status: status}))
	}
	return st, w, zoe
}

func TestDocumentsForPeriodLoadsEverythingAPupilsPapersNeed(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	docs, err := st.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Swedish order: Älvkulleskolan after Åsdalsskolan (å before ä), then class and last name.
	var got []string
	for _, d := range docs {
		got = append(got, d.Pupil.Name())
	}
	want := []string{zoe.Name(), w.lukasz.Name(), w.alva.Name()}
	if len(got) != len(want) {
		t.Fatalf("pupils = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pupils = %q, want %q", got, want)
		}
	}
	alva := docs[2]
	if alva.School.Name != w.school.Name || alva.Host.Name != w.company.Name || alva.Period.Name != w.period.Name {
		t.Errorf("school/host/period = %q/%q/%q", alva.School.Name, alva.Host.Name, alva.Period.Name)
	}
	if alva.Counsellor == nil || alva.Counsellor.Name() != w.counsellor.Name() {
		t.Errorf("counsellor = %+v, want %s", alva.Counsellor, w.counsellor.Name())
	}
	if docs[0].Counsellor == nil || docs[0].Counsellor.FirstName != "Anna" {
		t.Errorf("a school with two counsellors gives the first by name, got %+v", docs[0].Counsellor)
	}
	if alva.Supervisor == nil || alva.Supervisor.ID != w.supervisor.ID {
		t.Errorf("supervisor = %+v", alva.Supervisor)
	}
	if len(alva.RoleModels) != 2 || alva.RoleModels[0].ID != w.rolemodel.ID || alva.RoleModels[1].ID != w.supervisor.ID {
		t.Errorf("role models not in the host's order: %+v", alva.RoleModels)
	}
	if alva.RoleModels[0].Journey != w.rolemodel.Journey {
		t.Errorf("journey = %q", alva.RoleModels[0].Journey)
	}
	if len(alva.Offer.Days) != 5 || alva.Assignment.SupervisorComment != "Nyfiken och frågade mycket." {
		t.Errorf("days = %d, comment = %q", len(alva.Offer.Days), alva.Assignment.SupervisorComment)
	}
	if len(alva.Attendance) != 5 || alva.Attendance[2].Status != AttendanceSick || !alva.Attendance[0].Date.Equal(w.period.Start) {
		t.Errorf("attendance = %+v", alva.Attendance)
	}
	if len(docs[1].Attendance) != 0 {
		t.Errorf("Łukasz has no attendance recorded, got %+v", docs[1].Attendance)
	}
	if !docs[1].Pupil.Protected {
		t.Error("the protected flag must reach the documents")
	}
}

func TestDocumentsForPeriodFilters(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	for _, c := range []struct {
		name string
		f    DocFilter
		want int
	}{
		{"whole period", DocFilter{}, 3},
		{"school", DocFilter{SchoolID: w.school.ID}, 2},
		{"class in every school", DocFilter{ClassName: "9B"}, 2},
		{"class of a school", DocFilter{SchoolID: zoe.SchoolID, ClassName: "9B"}, 0},
		{"pupil", DocFilter{PupilID: zoe.ID}, 1},
		{"offer", DocFilter{OfferID: w.offer.ID}, 3},
		{"other offer", DocFilter{OfferID: "no-such-offer"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := st.DocumentsForPeriod(ctx, w.period.ID, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != c.want {
				t.Errorf("%d documents, want %d", len(docs), c.want)
			}
		})
	}
}

func TestDocumentsForPeriodLeavesOutWhatIsGone(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	if err := st.DeletePupil(ctx, zoe.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DeletePerson(ctx, w.rolemodel.ID); err != nil {
		t.Fatal(err)
	}
	docs, err := st.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2 (the deleted pupil left out)", len(docs))
	}
	if len(docs[0].RoleModels) != 1 || docs[0].RoleModels[0].ID != w.supervisor.ID {
		t.Errorf("a deleted role model must be left out: %+v", docs[0].RoleModels)
	}
	if _, err := st.DocumentsForPeriod(ctx, "no-such-period", DocFilter{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown period: err = %v, want ErrNotFound", err)
	}
	empty := Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustDate("2027-03-15"), End: mustDate("2027-03-19")}
	if err := st.SavePeriod(ctx, &empty); err != nil {
		t.Fatal(err)
	}
	if docs, err := st.DocumentsForPeriod(ctx, empty.ID, DocFilter{}); err != nil || len(docs) != 0 {
		t.Errorf("period without placements: %d documents, err %v", len(docs), err)
	}
}

func TestGroupByOffer(t *testing.T) {
	mk := func(offer, host, title, pupil string) ScheduleDoc {
		return ScheduleDoc{Offer: Offer{ID: offer, Title: title}, Host: Organisation{Name: host}, Pupil: Pupil{FirstName: pupil}}
	}
	docs := []ScheduleDoc{
		mk("o2", "Örnäs Data AB", "IT", "Ali"),
		mk("o1", "Alster Energi AB", "Energi", "Bea"),
		mk("o2", "Örnäs Data AB", "IT", "Cem"),
		mk("o3", "Älvdals Robotik AB", "Robotar", "Dan"),
	}
	got := GroupByOffer(docs)
	if len(got) != 3 {
		t.Fatalf("%d groups, want 3", len(got))
	}
	for i, want := range []string{"Alster Energi AB", "Älvdals Robotik AB", "Örnäs Data AB"} {
		if got[i].Host.Name != want {
			t.Errorf("group %d host = %q, want %q (Swedish order)", i, got[i].Host.Name, want)
		}
	}
	if n := len(got[2].Pupils); n != 2 || got[2].Pupils[0].Pupil.FirstName != "Ali" || got[2].Pupils[1].Pupil.FirstName != "Cem" {
		t.Errorf("pupils of o2 = %+v", got[2].Pupils)
	}
	if len(GroupByOffer(nil)) != 0 {
		t.Error("no documents, no groups")
	}
}

// TestDocumentListLoadsWhatDocumentsForPeriodLoads: the documents built a
// batch at a time, whatever the batches, are the ones DocumentsForPeriod
// builds at once, for every filter; ByOffer gives host order.
func TestDocumentListLoadsWhatDocumentsForPeriodLoads(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	// A second offer at another host, first in host order, for ByOffer.
	host := Organisation{Kind: KindCompany, Name: "Alsters Kodverkstad AB", Municipality: "Karlstad", VisitingAddress: "Verkstadsgatan 1"}
	if err := st.SaveOrganisation(ctx, &host); err != nil {
		t.Fatal(err)
	}
	second := w.offer
	second.ID, second.HostID, second.Title, second.RoleModelIDs, second.Days = "", host.ID, "Kod och kaffe", nil, goodDays(w.period)
	if err := st.SaveOffer(ctx, &second); err != nil {
		t.Fatal(err)
	}
	if err := st.ClearAssignment(ctx, w.period.ID, w.lukasz.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.lukasz.ID, OfferID: second.ID, Source: SourceManual}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []DocFilter{{}, {SchoolID: w.school.ID}, {ClassName: "9B"}, {PupilID: zoe.ID}, {OfferID: second.ID}} {
		want, err := st.DocumentsForPeriod(ctx, w.period.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 2, 3} {
			l, err := st.ListDocuments(ctx, w.period.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			if l.Len() != len(want) || l.Period().ID != w.period.ID {
				t.Fatalf("%+v: %d documents listed, want %d", f, l.Len(), len(want))
			}
			var got []ScheduleDoc
			for from := 0; from < l.Len(); from += size {
				ds, err := l.Load(ctx, from, min(from+size, l.Len()))
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ds...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v in batches of %d: %+v\nwant %+v", f, size, got, want)
			}
			if f == (DocFilter{}) {
				if err := l.ByOffer(ctx); err != nil {
					t.Fatal(err)
				}
				var order, byOffer []string
				for i := range l.Len() {
					order = append(order, l.OfferID(i))
				}
				for _, h := range GroupByOffer(want) {
					for range h.Pupils {
						byOffer = append(byOffer, h.Offer.ID)
					}
				}
				if !slices.Equal(order, byOffer) || order[0] != second.ID {
					t.Errorf("ByOffer: %q, want %q", order, byOffer)
				}
			}
			l.Close()
			l.Close() // twice does nothing
			if _, err := l.Load(ctx, 0, 0); err == nil {
				t.Error("a closed list must not load")
			}
		}
	}
	l, err := st.ListDocuments(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, r := range [][2]int{{-1, 1}, {0, 4}, {2, 1}} {
		if _, err := l.Load(ctx, r[0], r[1]); err == nil {
			t.Errorf("Load(%d, %d) of 3 must fail", r[0], r[1])
		}
	}
}

// TestDocumentListReadsOneSnapshot: what is saved while a list is open
// (and saving is not blocked by it) does not change what it loads.
func TestDocumentListReadsOneSnapshot(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	l, err := st.ListDocuments(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := st.DeletePupil(ctx, zoe.ID); err != nil {
		t.Fatalf("saving while a list is open: %v", err)
	}
	if err := st.SetAttendance(ctx, Attendance{PupilID: w.lukasz.ID, OfferID: w.offer.ID, Date: w.period.Start, Status: AttendancePresent}); err != nil {
		t.Fatalf("saving while a list is open: %v", err)
	}
	docs, err := l.Load(ctx, 0, l.Len())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[0].Pupil.ID != zoe.ID || len(docs[1].Attendance) != 0 {
		t.Errorf("the list must load its snapshot: %d documents, first %s, Łukasz's days %d", len(docs), docs[0].Pupil.Name(), len(docs[1].Attendance))
	}
	l.Close()
	now, err := st.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(now) != 2 || len(now[0].Attendance) != 1 {
		t.Errorf("after Close the saved changes show: %d documents, %d days", len(now), len(now[0].Attendance))
	}
}

// TestDocumentsInsideATransaction: inside a transaction the documents are
// read in it, with its own changes, and the same as outside.
func TestDocumentsInsideATransaction(t *testing.T) {
	ctx := context.Background()
	st, w, zoe := placedWorld(t)
	want, err := st.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.InTx(ctx, func(tx *Store) error {
		got, err := tx.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("inside a transaction: %d documents, want the %d outside", len(got), len(want))
		}
		if err := tx.DeletePupil(ctx, zoe.ID); err != nil {
			return err
		}
		got, err = tx.DocumentsForPeriod(ctx, w.period.ID, DocFilter{})
		if err == nil && len(got) != 2 {
			t.Errorf("the transaction's own change must show: %d documents, want 2", len(got))
		}
		return errors.New("roll back")
	})
	if err == nil || err.Error() != "roll back" {
		t.Fatalf("err = %v", err)
	}
	if got, _ := st.DocumentsForPeriod(ctx, w.period.ID, DocFilter{}); len(got) != 3 {
		t.Errorf("after the rollback: %d documents, want 3", len(got))
	}
}
