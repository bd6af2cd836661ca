package exchange

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// refused imports p into st with every conflict taken from the file and
// checks that it is refused for problems and changes nothing.
func refused(t *testing.T, st *data.Store, p *Payload) {
	t.Helper()
	path := save(t, st, p)
	before := checksum(t, st)
	_, err := importFile(t, st, path, pass, Decisions{Default: Theirs})
	if CodeOf(err) != CodeProblems {
		t.Fatalf("got %v, want problems", err)
	}
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) == 0 || e.Swedish() == "" {
		t.Fatalf("no message: %+v", err)
	}
	if checksum(t, st) != before {
		t.Fatal("a refused import changed the database")
	}
}

// rowOf reads one row of st as a file row.
func rowOf(t *testing.T, st *data.Store, table, id string) Row {
	t.Helper()
	rows, err := st.ExchangeRows(ctx, table, "id", []string{id})
	must(t, err)
	if len(rows) != 1 {
		t.Fatalf("%s %s: %d rows", table, id, len(rows))
	}
	return Row{ExchangeRow: rows[0]}
}

// TestOwnerCannotBeTakenOver: a file cannot take over a row that belongs
// to someone else by writing the sender's key into the row's owner field
// (review 1a), nor slip rows past the scope check as references, nor claim
// to come from an organisation of the wrong kind.
func TestOwnerCannotBeTakenOver(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(t *testing.T, st *data.Store, w *world) *Payload
	}{
		{"host form moves the school's counsellor to the company", func(t *testing.T, st *data.Store, w *world) *Payload {
			p, err := ExportHostForm(ctx, st, w.company.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XPeople, w.counsellor.ID)
			r.Fields["organisation_id"] = w.company.ID
			r.Fields["phone"] = "000"
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"host form deletes the school's counsellor", func(t *testing.T, st *data.Store, w *world) *Payload {
			p, err := ExportHostForm(ctx, st, w.company.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XPeople, w.counsellor.ID)
			r.Fields, r.DeletedAt = nil, "2026-01-01T00:00:00.000Z"
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"host form takes another company's offer", func(t *testing.T, st *data.Store, w *world) *Payload {
			other := data.Organisation{Kind: data.KindCompany, Name: "Klarälvens Kraft AB"}
			must(t, st.SaveOrganisation(ctx, &other))
			of := data.Offer{HostID: other.ID, PeriodID: w.period.ID, Title: "Vattenkraft", Capacity: 2}
			must(t, st.SaveOffer(ctx, &of))
			p, err := ExportHostForm(ctx, st, w.company.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XOffers, of.ID)
			r.Fields["host_id"] = w.company.ID
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"school file pulls another school's pupil", func(t *testing.T, st *data.Store, w *world) *Payload {
			other := data.Organisation{Kind: data.KindSchool, Name: "Norra skolan"}
			must(t, st.SaveOrganisation(ctx, &other))
			kim := data.Pupil{SchoolID: other.ID, FirstName: "Kim", LastName: "Berg", ClassName: "9C", Grade: 9}
			must(t, st.SavePupil(ctx, &kim))
			p, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XPupils, kim.ID)
			r.Fields["school_id"] = w.school.ID
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"school file changes another school's pupil's choices through a reference row", func(t *testing.T, st *data.Store, w *world) *Payload {
			other := data.Organisation{Kind: data.KindSchool, Name: "Norra skolan"}
			must(t, st.SaveOrganisation(ctx, &other))
			kim := data.Pupil{SchoolID: other.ID, FirstName: "Kim", LastName: "Berg", ClassName: "9C", Grade: 9}
			must(t, st.SavePupil(ctx, &kim))
			p, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XPupils, kim.ID)
			r.Ref = true
			p.Rows = append(p.Rows, r, Row{ExchangeRow: data.ExchangeRow{Table: data.XChoices, ID: data.ChoiceKey(kim.ID, w.period.ID),
				Fields: map[string]string{"pupil_id": kim.ID, "period_id": w.period.ID, "offers": w.offer.ID}}})
			return p
		}},
		{"school file pairs a pupil with another school's pupil", func(t *testing.T, st *data.Store, w *world) *Payload {
			other := data.Organisation{Kind: data.KindSchool, Name: "Norra skolan"}
			must(t, st.SaveOrganisation(ctx, &other))
			kim := data.Pupil{SchoolID: other.ID, FirstName: "Kim", LastName: "Berg", ClassName: "9C", Grade: 9}
			must(t, st.SavePupil(ctx, &kim))
			p, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
			must(t, err)
			for i := range p.Rows {
				if p.Rows[i].Table == data.XChoices && p.Rows[i].Fields["pupil_id"] == w.sam.ID {
					p.Rows[i].Fields["friends"] = kim.ID
				}
			}
			return p
		}},
		{"results file changes the school's counsellor", func(t *testing.T, st *data.Store, w *world) *Payload {
			p, err := ExportResults(ctx, st, w.school.ID, w.period.ID, Options{})
			must(t, err)
			r := rowOf(t, st, data.XPeople, w.counsellor.ID)
			r.Fields["phone"] = "000"
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"host form that says it comes from the school", func(t *testing.T, st *data.Store, w *world) *Payload {
			p, err := ExportHostForm(ctx, st, w.company.ID, Options{})
			must(t, err)
			p.Source = Source{ID: w.school.ID, Kind: data.KindSchool, Name: w.school.Name}
			org := rowOf(t, st, data.XOrganisations, w.school.ID)
			org.Fields["name"] = "Kapad skola"
			r := rowOf(t, st, data.XPeople, w.counsellor.ID)
			r.Fields["phone"] = "000"
			p.Rows = append(p.Rows, org, r)
			return p
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t, "coord")
			w := newWorld(t, st)
			refused(t, st, tc.build(t, st, w))
			got, err := st.GetPerson(ctx, w.counsellor.ID)
			must(t, err)
			if got.OrganisationID != w.school.ID || got.Phone != w.counsellor.Phone {
				t.Fatalf("counsellor: %+v", got)
			}
		})
	}
}

// schoolAndCoordinator: the coordinator knows the company's offers and the
// period (from the host form) and the school's pupils (from the school
// file); both have the world's placements of the school's pupils only at
// the school.
func schoolAndCoordinator(t *testing.T) (school, coord *data.Store, w *world) {
	t.Helper()
	school, coord = openStore(t, "school"), openStore(t, "coord")
	w = newWorld(t, school)
	hf, err := ExportHostForm(ctx, school, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, coord, save(t, school, hf), pass, Decisions{})
	must(t, err)
	sf, err := ExportSchool(ctx, school, w.school.ID, w.period.ID, Options{IncludeProtected: true})
	must(t, err)
	_, err = importFile(t, coord, save(t, school, sf), pass, Decisions{})
	must(t, err)
	return school, coord, w
}

// TestLockedPlacementIsAConflict: a results file that would replace a
// placement the school made by hand or locked is a conflict, not a silent
// replacement (review 1c); keeping it leaves the school's placement live,
// taking the file's moves it to the bin.
func TestLockedPlacementIsAConflict(t *testing.T) {
	for _, tc := range []struct {
		name     string
		locked   bool
		source   data.AssignmentSource
		decide   Side
		conflict bool
	}{
		{"locked, keep mine", true, data.SourceManual, Mine, true},
		{"locked, take theirs", true, data.SourceManual, Theirs, true},
		{"by hand, keep mine", false, data.SourceManual, Mine, true},
		{"automatic: replaced without asking", false, data.SourceAuto, Undecided, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			school, coord, w := schoolAndCoordinator(t)
			theirs := data.Assignment{PeriodID: w.period.ID, PupilID: w.sam.ID, OfferID: w.offer2.ID, Source: data.SourceAuto}
			must(t, coord.SaveAssignment(ctx, &theirs))
			mine := data.Assignment{PeriodID: w.period.ID, PupilID: w.sam.ID, OfferID: w.offer.ID, Locked: tc.locked, Source: tc.source}
			must(t, school.SaveAssignment(ctx, &mine))
			rp, err := ExportResults(ctx, coord, w.school.ID, w.period.ID, Options{})
			must(t, err)
			path := save(t, coord, rp)

			plan := mustPlan(t, school, path)
			cs := plan.Conflicts()
			if !tc.conflict {
				if len(cs) != 0 {
					t.Fatalf("conflicts: %+v", cs)
				}
			} else {
				if len(cs) != 1 || cs[0].Field != supersedeField || cs[0].ID != theirs.ID || cs[0].Mine != w.offer.ID ||
					cs[0].Theirs != w.offer2.ID {
					t.Fatalf("conflicts: %+v", cs)
				}
				if c := count(plan, data.XAssignments); c.Conflicts != 1 {
					t.Fatalf("placements: %+v", c)
				}
				if got := plan.Display(cs[0].Field, cs[0].Mine, false); got != w.offer.Title {
					t.Fatalf("shown as %q", got)
				}
				before := checksum(t, school)
				if _, err := importFile(t, school, path, pass, Decisions{}); CodeOf(err) != CodeConflicts {
					t.Fatalf("undecided: %v", err)
				}
				if checksum(t, school) != before {
					t.Fatal("an import with an open conflict changed the database")
				}
			}
			_, err = importFile(t, school, path, pass, Decisions{Default: tc.decide})
			must(t, err)
			as, err := school.ListAssignments(ctx, w.period.ID)
			must(t, err)
			want := theirs
			if tc.decide == Mine {
				want = mine
			}
			n := 0
			for _, a := range as {
				if a.PupilID != w.sam.ID {
					continue
				}
				n++
				if a.ID != want.ID || a.OfferID != want.OfferID || a.Locked != want.Locked {
					t.Fatalf("Sam's placement: %+v, want %+v", a, want)
				}
			}
			if n != 1 {
				t.Fatalf("Sam has %d live placements", n)
			}
		})
	}
}

// TestReferencesAreNotAdded: a school file cannot add offers (or hosts, or
// periods) at the coordinator by carrying them as references (review 1d),
// and a reference a file may add never brings its status.
func TestReferencesAreNotAdded(t *testing.T) {
	t.Run("school file with an unknown offer", func(t *testing.T) {
		st := openStore(t, "coord")
		w := newWorld(t, st)
		p, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
		must(t, err)
		for _, r := range p.Rows {
			if r.Table == data.XOffers {
				n := r
				n.ID = "00000000-injected"
				n.Fields = map[string]string{}
				for k, v := range r.Fields {
					n.Fields[k] = v
				}
				n.Fields["title"], n.Fields["status"] = "Injicerad praoplats", string(data.OfferApproved)
				p.Rows = append(p.Rows, n)
				break
			}
		}
		refused(t, st, p)
		if _, err := st.GetOffer(ctx, "00000000-injected"); !errors.Is(err, data.ErrNotFound) {
			t.Fatalf("offer: %v", err)
		}
	})
	t.Run("school file into a coordinator without the period and offers", func(t *testing.T) {
		school, coord := openStore(t, "school"), openStore(t, "coord")
		w := newWorld(t, school)
		p, err := ExportSchool(ctx, school, w.school.ID, w.period.ID, Options{})
		must(t, err)
		refused(t, coord, p)
	})
	t.Run("host form period reference keeps its status at home", func(t *testing.T) {
		coord, hr := openStore(t, "coord"), openStore(t, "hr")
		w := newWorld(t, coord)
		p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
		must(t, err)
		for i := range p.Rows {
			if p.Rows[i].Table == data.XPeriods {
				p.Rows[i].Fields["status"] = string(data.PeriodArchived)
			}
		}
		_, err = importFile(t, hr, save(t, coord, p), pass, Decisions{})
		must(t, err)
		per, err := hr.GetPeriod(ctx, w.period.ID)
		must(t, err)
		if per.Status == data.PeriodArchived {
			t.Fatalf("the reference brought its status: %+v", per)
		}
	})
}

// TestNewerLocalChangeIsKept: the coordinator sends the form (capacity 3),
// HR changes it to 4 and sends it back, then changes it back to 3; the
// coordinator's next file (4, as received) must not overwrite HR's newer
// 3 (review 1b). A change on both sides since the last exchange is still
// a conflict, and a change only there is still taken.
func TestNewerLocalChangeIsKept(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	send := func(from, to *data.Store) *Result {
		t.Helper()
		p, err := ExportHostForm(ctx, from, w.company.ID, Options{})
		must(t, err)
		res, err := importFile(t, to, save(t, from, p), pass, Decisions{})
		must(t, err)
		return res
	}
	setCap := func(st *data.Store, n int) {
		t.Helper()
		o, err := st.GetOffer(ctx, w.offer.ID)
		must(t, err)
		o.Capacity = n
		must(t, st.SaveOffer(ctx, &o))
	}
	capOf := func(st *data.Store) int {
		t.Helper()
		o, err := st.GetOffer(ctx, w.offer.ID)
		must(t, err)
		return o.Capacity
	}
	send(coord, hr)
	setCap(hr, 4)
	send(hr, coord)
	if capOf(coord) != 4 {
		t.Fatalf("coordinator: capacity %d, want 4", capOf(coord))
	}
	setCap(hr, 3) // HR changes its mind after sending
	// The coordinator's file holds nothing newer than HR's: since format v2
	// (issue #15) it is refused as older than what is here, naming the field.
	before := checksum(t, hr)
	p0, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, hr, save(t, coord, p0), pass, Decisions{Default: Theirs})
	if CodeOf(err) != CodeOlder || !strings.Contains(err.(*Error).Swedish(), "äldre än det som redan finns här") {
		t.Fatalf("older file: %v", err)
	}
	if checksum(t, hr) != before {
		t.Fatal("an older file changed the database")
	}
	if capOf(hr) != 3 {
		t.Fatalf("HR: capacity %d, want HR's newer 3", capOf(hr))
	}
	// HR's 3 reaches the coordinator, who has not changed it since.
	send(hr, coord)
	if capOf(coord) != 3 {
		t.Fatalf("coordinator: capacity %d, want 3", capOf(coord))
	}
	// Both change it: a conflict.
	setCap(hr, 5)
	setCap(coord, 6)
	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	plan, err := Prepare(ctx, coord, p)
	must(t, err)
	if cs := plan.Conflicts(); len(cs) != 1 || cs[0].Field != "capacity" || cs[0].Mine != "6" || cs[0].Theirs != "5" {
		t.Fatalf("conflicts: %+v", cs)
	}
}

// TestSaveIsAllOrNothing: when the audit entry cannot be written, no file
// is left behind (review 1f).
func TestSaveIsAllOrNothing(t *testing.T) {
	st := openStore(t, "coord")
	w := newWorld(t, st)
	p, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
	must(t, err)
	path := filepath.Join(t.TempDir(), "skola"+Extension)
	must(t, st.Close())
	if err := Save(ctx, st, path, p, pass, logExport); err == nil {
		t.Fatal("saved without a database")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file without an audit entry: %v", err)
	}
}

// TestPrepareLeavesPayloadAlone: matching by name maps keys inside the
// plan, not in the caller's payload, which the window keeps and imports
// again (review 1f).
func TestPrepareLeavesPayloadAlone(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	own := data.Organisation{Kind: data.KindCompany, Name: w.company.Name}
	must(t, hr.SaveOrganisation(ctx, &own))
	per := data.Period{Name: w.period.Name, Grade: 9, Start: w.period.Start, End: w.period.End}
	must(t, hr.SavePeriod(ctx, &per))
	must(t, hr.SaveOffer(ctx, &data.Offer{HostID: own.ID, PeriodID: per.ID, Title: "Elektronik", Capacity: 2}))
	p, err := ExportHostForm(ctx, hr, own.ID, Options{})
	must(t, err)
	p.Period = &PeriodInfo{ID: per.ID, Name: per.Name}
	plan, err := Prepare(ctx, coord, p)
	must(t, err)
	if plan.Matched[own.ID] != w.company.ID {
		t.Fatalf("matched: %+v", plan.Matched)
	}
	if p.Source.ID != own.ID || p.Period.ID != per.ID {
		t.Fatalf("the payload was changed: %+v %+v", p.Source, p.Period)
	}
}
