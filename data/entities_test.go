package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// world is a small fixture: one school, one company with people, one period
// with one approved offer, and two pupils. Everyone in it is made up.
type world struct {
	school, company       Organisation
	counsellor, rolemodel Person
	supervisor            Person
	period                Period
	offer                 Offer
	alva, lukasz          Pupil
}

func goodDays(p Period) []OfferDay {
	var out []OfferDay
	for _, d := range Weekdays(p.Start, p.End) {
		out = append(out, OfferDay{Date: d, Start: 8 * 60, End: 15 * 60, BreakMinutes: 45, Activities: "Rundvandring och eget projekt"})
	}
	return out
}

func newWorld(t testing.TB, st *Store) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.school = Organisation{Kind: KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	must(st.SaveOrganisation(ctx, &w.school))
	w.company = Organisation{Kind: KindCompany, Name: "Fryksdals Mekatronik AB", Municipality: "Sunne",
		VisitingAddress: "Verkstadsvägen 3, Sunne", MemberSince: mustDate("2021-03-01"), Sector: "Tillverkning"}
	must(st.SaveOrganisation(ctx, &w.company))
	w.counsellor = Person{OrganisationID: w.school.ID, FirstName: "Märta", LastName: "Öberg", Roles: []Role{RoleCounsellor}, Phone: "054-00 00 00"}
	must(st.SavePerson(ctx, &w.counsellor))
	w.supervisor = Person{OrganisationID: w.company.ID, FirstName: "Paweł", LastName: "Wiśniewski",
		Roles: []Role{RoleSupervisor, RoleRoleModel}, Title: "automationstekniker", Email: "pawel@example.se",
		Journey: "Jag gick el- och energiprogrammet och blev lärling."}
	must(st.SavePerson(ctx, &w.supervisor))
	w.rolemodel = Person{OrganisationID: w.company.ID, FirstName: "Ngọc Ánh", LastName: "Trần", Roles: []Role{RoleRoleModel},
		Title: "mjukvaruutvecklare", Journey: "Jag trodde aldrig att jag skulle bli programmerare – ễ ł ş."}
	must(st.SavePerson(ctx, &w.rolemodel))
	w.period = Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"),
		SchoolIDs: []string{w.school.ID}}
	must(st.SavePeriod(ctx, &w.period))
	w.offer = Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: "Automation och robotar", Capacity: 3,
		VisitingAddress: w.company.VisitingAddress, SupervisorID: w.supervisor.ID, MinAge: 14,
		Safety: Safety{true, true, true, true, true}, Status: OfferApproved, Days: goodDays(w.period),
		RoleModelIDs: []string{w.rolemodel.ID, w.supervisor.ID}}
	must(st.SaveOffer(ctx, &w.offer))
	w.alva = Pupil{SchoolID: w.school.ID, FirstName: "Alva", LastName: "Şahin", ClassName: "9B", Grade: 9,
		BirthDate: mustDate("2011-05-04"), Gender: GenderGirl, Needs: "Nötallergi", NeedsShareable: true}
	must(st.SavePupil(ctx, &w.alva))
	w.lukasz = Pupil{SchoolID: w.school.ID, FirstName: "Łukasz", LastName: "Nowak", ClassName: "9B", Grade: 9,
		Gender: GenderBoy, Protected: true}
	must(st.SavePupil(ctx, &w.lukasz))
	return w
}

// clearStamps zeroes what the Store sets, so values can be compared.
func clearStamps[T any](v T) T {
	rv := reflect.ValueOf(&v).Elem()
	for _, f := range []string{"CreatedAt", "UpdatedAt"} {
		if fv := rv.FieldByName(f); fv.IsValid() {
			fv.Set(reflect.Zero(fv.Type()))
		}
	}
	return v
}

func TestRoundTrips(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)

	cases := []struct {
		name  string
		saved any
		load  func() (any, error)
	}{
		{"organisation", w.company, func() (any, error) { return st.GetOrganisation(ctx, w.company.ID) }},
		{"person with two roles", w.supervisor, func() (any, error) { return st.GetPerson(ctx, w.supervisor.ID) }},
		{"pupil", w.alva, func() (any, error) { return st.GetPupil(ctx, w.alva.ID) }},
		{"protected pupil", w.lukasz, func() (any, error) { return st.GetPupil(ctx, w.lukasz.ID) }},
		{"period with schools", w.period, func() (any, error) { return st.GetPeriod(ctx, w.period.ID) }},
		{"offer with days and role models", w.offer, func() (any, error) { return st.GetOffer(ctx, w.offer.ID) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.load()
			if err != nil {
				t.Fatal(err)
			}
			g := reflect.ValueOf(got)
			if g.FieldByName("CreatedAt").Interface().(time.Time).IsZero() {
				t.Errorf("created_at not set")
			}
			gz := reflect.ValueOf(clearStampsAny(got)).Interface()
			sz := reflect.ValueOf(clearStampsAny(c.saved)).Interface()
			if !reflect.DeepEqual(gz, sz) {
				t.Errorf("read back\n got %+v\nwant %+v", gz, sz)
			}
		})
	}

	// The tables without a Get: write, list, compare.
	j := JourneyEntry{OrganisationID: w.company.ID, Date: mustDate("2024-02-01"), Title: "Könsneutrala platsannonser", Text: "Vi skrev om alla annonser."}
	if err := st.SaveJourneyEntry(ctx, &j); err != nil {
		t.Fatal(err)
	}
	js, err := st.ListJourneyEntries(ctx, w.company.ID)
	if err != nil || len(js) != 1 || clearStamps(js[0]) != clearStamps(j) {
		t.Errorf("journey entries = %+v, %v", js, err)
	}

	if err := st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID}); err != nil {
		t.Fatal(err)
	}
	prefs, err := st.ListPreferences(ctx, w.period.ID)
	if err != nil || len(prefs) != 1 || prefs[0] != (Preference{w.alva.ID, w.period.ID, w.offer.ID, 1}) {
		t.Errorf("preferences = %+v, %v", prefs, err)
	}

	if err := st.AddFriendPair(ctx, FriendPair{PeriodID: w.period.ID, PupilA: w.lukasz.ID, PupilB: w.alva.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddFriendPair(ctx, FriendPair{PeriodID: w.period.ID, PupilA: w.alva.ID, PupilB: w.lukasz.ID}); !errors.Is(err, ErrConflict) {
		t.Errorf("the same pair the other way round = %v, want ErrConflict", err)
	}
	fps, err := st.ListFriendPairs(ctx, w.period.ID)
	if err != nil || len(fps) != 1 {
		t.Errorf("friend pairs = %+v, %v", fps, err)
	}

	a := Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID, Locked: true, Source: SourceManual, SupervisorComment: "Nyfiken!"}
	if err := st.SaveAssignment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	as, err := st.ListAssignments(ctx, w.period.ID)
	if err != nil || len(as) != 1 || clearStamps(as[0]) != clearStamps(a) {
		t.Errorf("assignments = %+v, %v", as, err)
	}

	at := Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: mustDate("2026-11-10"), Status: AttendanceAbsent, Note: "Tandläkare"}
	if err := st.SetAttendance(ctx, at); err != nil {
		t.Fatal(err)
	}
	ats, err := st.ListAttendance(ctx, w.offer.ID)
	if err != nil || len(ats) != 1 || ats[0] != at {
		t.Errorf("attendance = %+v, %v", ats, err)
	}

	e := Event{Title: "Nätverksträff", Kind: EventNetwork, Start: time.Date(2026, 10, 22, 15, 0, 0, 0, Stockholm),
		End: time.Date(2026, 10, 22, 18, 0, 0, 0, Stockholm), Venue: "Stadshotellet", Capacity: 2, OrganiserID: w.company.ID}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	ge, err := st.GetEvent(ctx, e.ID)
	if err != nil || !ge.Start.Equal(e.Start) || !ge.End.Equal(e.End) || ge.Title != e.Title || ge.OrganiserID != e.OrganiserID {
		t.Errorf("event = %+v, %v", ge, err)
	}

	r := Registration{EventID: e.ID, PersonID: w.rolemodel.ID, Status: RegAttended,
		RegisteredAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), CheckedInAt: time.Date(2026, 10, 22, 13, 5, 0, 0, time.UTC)}
	if err := st.SaveRegistration(ctx, &r); err != nil {
		t.Fatal(err)
	}
	rs, err := st.ListRegistrations(ctx, e.ID)
	if err != nil || len(rs) != 1 || clearStamps(rs[0]) != clearStamps(r) {
		t.Errorf("registrations = %+v, %v", rs, err)
	}

	yes := true
	ev := Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, InterestBefore: 2, InterestAfter: 4, WouldRecommend: &yes, Comment: "Kul!"}
	if err := st.SaveEvaluation(ctx, ev); err != nil {
		t.Fatal(err)
	}
	evs, err := st.ListEvaluations(ctx, w.period.ID)
	if err != nil || len(evs) != 1 || evs[0].InterestAfter != 4 || evs[0].WouldRecommend == nil || !*evs[0].WouldRecommend || evs[0].Comment != "Kul!" {
		t.Errorf("evaluations = %+v, %v", evs, err)
	}

	log := AuditEntry{Action: "export pupils", What: "elever.xlsx", RecordIDs: []string{w.alva.ID, w.lukasz.ID}}
	if err := st.LogExport(ctx, &log); err != nil {
		t.Fatal(err)
	}
	logs, err := st.ListAudit(ctx)
	if err != nil || len(logs) != 1 || logs[0].Records != 2 || !reflect.DeepEqual(logs[0].RecordIDs, log.RecordIDs) {
		t.Errorf("audit = %+v, %v", logs, err)
	}

	if err := st.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.Meta(ctx, "k"); v != "v" {
		t.Errorf("meta = %q", v)
	}
}

func clearStampsAny(v any) any {
	switch x := v.(type) {
	case Organisation:
		return clearStamps(x)
	case Person:
		return clearStamps(x)
	case Pupil:
		return clearStamps(x)
	case Period:
		return clearStamps(x)
	case Offer:
		return clearStamps(x)
	}
	return v
}

func TestUpdateAndSoftDelete(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)

	w.alva.ClassName = "9C"
	w.alva.Protected = true
	if err := st.SavePupil(ctx, &w.alva); err != nil {
		t.Fatal(err)
	}
	got, _ := st.GetPupil(ctx, w.alva.ID)
	if got.ClassName != "9C" || !got.Protected {
		t.Errorf("update lost: %+v", got)
	}
	if err := st.DeletePupil(ctx, w.alva.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetPupil(ctx, w.alva.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted pupil: %v, want ErrNotFound", err)
	}
	bin, _ := st.ListPupils(ctx, PupilFilter{Deleted: true})
	if len(bin) != 1 || bin[0].ID != w.alva.ID {
		t.Errorf("bin = %+v", bin)
	}
	if err := st.SavePupil(ctx, &w.alva); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving a deleted pupil = %v, want ErrNotFound", err)
	}
	if err := st.RestorePupil(ctx, w.alva.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetPupil(ctx, w.alva.ID); err != nil {
		t.Errorf("restored pupil: %v", err)
	}
	if err := st.DeletePupil(ctx, "no-such-id"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete unknown = %v", err)
	}

	// A name freed by deleting can be used again.
	if err := st.DeletePeriod(ctx, w.period.ID); err != nil {
		t.Fatal(err)
	}
	again := Period{Name: w.period.Name, Grade: 9, Start: w.period.Start, End: w.period.End}
	if err := st.SavePeriod(ctx, &again); err != nil {
		t.Errorf("re-using a deleted period's name: %v", err)
	}
}

func TestInvalidValuesAreRefusedWithTheField(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	cases := []struct {
		name  string
		save  func() error
		field string
	}{
		{"pupil grade 7", func() error {
			return st.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, FirstName: "Saga", Grade: 7})
		}, "grade"},
		{"pupil without name", func() error { return st.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, Grade: 8}) }, "first_name"},
		{"pupil birth date in the future", func() error {
			return st.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, FirstName: "Saga", Grade: 8, BirthDate: time.Now().AddDate(1, 0, 0)})
		}, "birth_date"},
		{"guardian e-mail", func() error {
			return st.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, FirstName: "Saga", Grade: 8, GuardianEmail: "inte en adress"})
		}, "guardian_email"},
		{"organisation kind", func() error { return st.SaveOrganisation(ctx, &Organisation{Kind: "club", Name: "X"}) }, "kind"},
		{"organisation name", func() error { return st.SaveOrganisation(ctx, &Organisation{Kind: KindSchool, Name: "  "}) }, "name"},
		{"period ends before it starts", func() error {
			return st.SavePeriod(ctx, &Period{Name: "Bakvänd", Grade: 8, Start: mustDate("2027-03-19"), End: mustDate("2027-03-15")})
		}, "end"},
		{"offer capacity", func() error {
			return st.SaveOffer(ctx, &Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: "X", Capacity: -1})
		}, "capacity"},
		{"six choices", func() error {
			return st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{"a", "b", "c", "d", "e", "f"})
		}, "offers"},
		{"the same choice twice", func() error {
			return st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID, w.offer.ID})
		}, "offers"},
		{"attendance status", func() error {
			return st.SetAttendance(ctx, Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: w.period.Start, Status: "late"})
		}, "status"},
		{"evaluation scale", func() error {
			return st.SaveEvaluation(ctx, Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, InterestBefore: 6})
		}, "interest_before"},
		{"registration for nobody", func() error { return st.SaveRegistration(ctx, &Registration{EventID: "x"}) }, "person"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.save()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			f, ok := ve.Field(c.field)
			if !ok {
				t.Fatalf("no error for field %q in %v", c.field, ve)
			}
			if f.Key == "" || f.Message() == "" {
				t.Errorf("field error without key or message: %+v", f)
			}
		})
	}
}

func TestConstraintsEnforcedBySQLite(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	now := formatTS(time.Now())
	cases := []struct {
		name string
		sql  string
		args []any
		want error
	}{
		{"grade 7 bypassing validation", `INSERT INTO pupils (id, school_id, first_name, grade, created_at, updated_at) VALUES ('p1', ?, 'A', 7, ?, ?)`,
			[]any{w.school.ID, now, now}, nil},
		{"bad birth date", `INSERT INTO pupils (id, school_id, first_name, grade, birth_date, created_at, updated_at) VALUES ('p2', ?, 'A', 8, '2012-13-40', ?, ?)`,
			[]any{w.school.ID, now, now}, nil},
		{"bad clock time", `INSERT INTO offer_days (id, offer_id, date, start_time, end_time, created_at, updated_at) VALUES ('d1', ?, '2026-11-16', '25:00', '15:00', ?, ?)`,
			[]any{w.offer.ID, now, now}, nil},
		{"pupil at an unknown school", `INSERT INTO pupils (id, school_id, first_name, grade, created_at, updated_at) VALUES ('p3', 'nope', 'A', 8, ?, ?)`,
			[]any{now, now}, ErrReferenced},
		{"duplicate period name", `INSERT INTO periods (id, name, grade, start_date, end_date, created_at, updated_at) VALUES ('x', ?, 9, '2026-11-09', '2026-11-13', ?, ?)`,
			[]any{w.period.Name, now, now}, ErrConflict},
		{"rank 6", `INSERT INTO preferences (id, pupil_id, period_id, offer_id, rank, created_at, updated_at) VALUES ('r', ?, ?, ?, 6, ?, ?)`,
			[]any{w.alva.ID, w.period.ID, w.offer.ID, now, now}, nil},
		{"registration for both a person and a pupil", `INSERT INTO registrations (id, event_id, person_id, pupil_id, created_at, updated_at) VALUES ('g', 'e', ?, ?, ?, ?)`,
			[]any{w.rolemodel.ID, w.alva.ID, now, now}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.db.ExecContext(ctx, c.sql, c.args...)
			if err == nil {
				t.Fatal("SQLite accepted it")
			}
			terr := translate("insert", err)
			if c.want != nil && !errors.Is(terr, c.want) {
				t.Errorf("translated = %v, want %v", terr, c.want)
			}
		})
	}
	// Through the Store, a conflict says what is taken.
	dup := Period{Name: w.period.Name, Grade: 9, Start: w.period.Start, End: w.period.End}
	if err := st.SavePeriod(ctx, &dup); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate period via Store = %v, want ErrConflict", err)
	}
	bad := Pupil{SchoolID: "no-such-school", FirstName: "Ida", Grade: 8}
	if err := st.SavePupil(ctx, &bad); !errors.Is(err, ErrReferenced) {
		t.Errorf("pupil at unknown school via Store = %v, want ErrReferenced", err)
	}
}

func TestApprovalIsRefusedWhileARuleIsBroken(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	draft := w.offer
	draft.ID, draft.Status, draft.RoleModelIDs = "", OfferDraft, nil
	draft.Days = append([]OfferDay(nil), w.offer.Days...)
	draft.Days[1].End = 17 * 60 // 08:00–17:00 with 45 min break: 8.25 h
	if err := st.SaveOffer(ctx, &draft); err != nil {
		t.Fatalf("a draft may break rules: %v", err)
	}
	err := st.SetOfferStatus(ctx, draft.ID, OfferApproved)
	var ae *ApprovalError
	if !errors.As(err, &ae) || len(ae.Violations) != 1 || ae.Violations[0].Rule != RuleMaxWork || ae.Violations[0].Day != 1 {
		t.Fatalf("approve = %v, want one max-work violation on day 1", err)
	}
	got, _ := st.GetOffer(ctx, draft.ID)
	if got.Status != OfferDraft {
		t.Errorf("status changed to %s despite the refusal", got.Status)
	}
	got.Days[1].End = 15 * 60
	if err := st.SaveOffer(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOfferStatus(ctx, draft.ID, OfferApproved); err != nil {
		t.Errorf("approve after the fix: %v", err)
	}
	// Saving as approved with a broken rule is refused too.
	got.Status = OfferApproved
	got.Days[0].Date = mustDate("2026-11-14") // a Saturday, outside the period
	if err := st.SaveOffer(ctx, &got); !errors.As(err, &ae) {
		t.Errorf("save approved with a Saturday = %v, want ApprovalError", err)
	}
}

func TestOverviewCounts(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ov, err := st.Overview(ctx)
	if err != nil || !ov.Empty() {
		t.Fatalf("empty database: %+v, %v", ov, err)
	}
	w := newWorld(t, st)
	if err := st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}); err != nil {
		t.Fatal(err)
	}
	ov, err = st.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Overview{Schools: 1, Companies: 1, MemberCompanies: 1, People: 3, RoleModels: 2, Pupils: 2, ProtectedPupils: 1,
		Periods: 1, Offers: 1, ApprovedOffers: 1, Seats: 3, PupilsWithChoices: 1, Placed: 1}
	if ov != want {
		t.Errorf("overview\n got %+v\nwant %+v", ov, want)
	}
	po, err := st.PeriodOverview(ctx, w.period)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PeriodOverview{Pupils: 2, PupilsWithChoices: 1, Offers: 1, Seats: 3, Placed: 1, Days: 5}); po != want {
		t.Errorf("period overview = %+v, want %+v", po, want)
	}
}

func TestInTxIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	err := st.InTx(ctx, func(tx *Store) error {
		if err := tx.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, FirstName: "Wilma", Grade: 8}); err != nil {
			return err
		}
		return tx.SavePupil(ctx, &Pupil{SchoolID: w.school.ID, FirstName: "Omar", Grade: 10})
	})
	if err == nil {
		t.Fatal("the second pupil is invalid; InTx should fail")
	}
	ps, _ := st.ListPupils(ctx, PupilFilter{})
	if len(ps) != 2 {
		t.Errorf("%d pupils after a failed transaction, want the 2 from before", len(ps))
	}
}
