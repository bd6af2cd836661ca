package exchange

import (
	"errors"
	"testing"

	"techniqual/data"
)

// hostFormScenario: the coordinator sends the host form to HR, both
// change things, and HR sends it back. It returns the coordinator's
// database and HR's file.
func hostFormScenario(t *testing.T) (*data.Store, *world, string, data.Person) {
	t.Helper()
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, hr, save(t, coord, p), pass, Decisions{})
	must(t, err)

	// HR: capacity 3 → 4, a new title for the CAD offer, a new person,
	// Hanna leaves, the role model is removed.
	o, err := hr.GetOffer(ctx, w.offer.ID)
	must(t, err)
	o.Capacity = 4
	must(t, hr.SaveOffer(ctx, &o))
	o2, err := hr.GetOffer(ctx, w.offer2.ID)
	must(t, err)
	o2.Title = "CAD och 3D-skrivare"
	must(t, hr.SaveOffer(ctx, &o2))
	newbie := data.Person{OrganisationID: w.company.ID, FirstName: "Olle", LastName: "Nyström", Roles: []data.Role{data.RoleHR}}
	must(t, hr.SavePerson(ctx, &newbie))
	must(t, hr.DeletePerson(ctx, w.hr.ID))
	must(t, hr.DeletePerson(ctx, w.model.ID))

	// Coordinator meanwhile: a new visiting address, another title for
	// the CAD offer, a new title for the role model.
	c := w.company
	c.VisitingAddress = "Nya vägen 1, Sunne"
	must(t, coord.SaveOrganisation(ctx, &c))
	co2, err := coord.GetOffer(ctx, w.offer2.ID)
	must(t, err)
	co2.Title = "Konstruktion med CAD"
	must(t, coord.SaveOffer(ctx, &co2))
	m := w.model
	m.Title = "teamledare"
	must(t, coord.SavePerson(ctx, &m))

	back, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	return coord, w, save(t, hr, back), newbie
}

// TestMergeHostForm: new, changed, unchanged, kept and conflicting rows,
// deletions and a delete of a changed row, each resolved both ways.
func TestMergeHostForm(t *testing.T) {
	coord, w, path, newbie := hostFormScenario(t)
	plan := mustPlan(t, coord, path)
	wantStatus := map[string]Status{
		w.company.ID:    StatusUnchanged, // only the coordinator changed it: kept
		w.offer.ID:      StatusChanged,
		w.offer2.ID:     StatusConflict,
		newbie.ID:       StatusNew,
		w.hr.ID:         StatusChanged, // deleted there, untouched here
		w.model.ID:      StatusConflict,
		w.supervisor.ID: StatusUnchanged,
	}
	for _, c := range plan.Changes {
		if want, ok := wantStatus[c.ID]; ok && c.Status != want {
			t.Errorf("%s %s: %s, want %s (%+v)", c.Table, c.Label, c.Status, want, c.Fields)
		}
	}
	conflicts := plan.Conflicts()
	if len(conflicts) != 2 || conflicts[0].Field != "deleted" && conflicts[0].Field != "title" {
		t.Fatalf("conflicts: %+v", conflicts)
	}
	if got := count(plan, data.XPeople); got != (Count{New: 1, Changed: 1, Unchanged: 1, Conflicts: 1}) {
		t.Fatalf("people counts: %+v", got)
	}

	// Undecided: refused, nothing changed.
	before := checksum(t, coord)
	_, err := importFile(t, coord, path, pass, Decisions{})
	if CodeOf(err) != CodeConflicts {
		t.Fatalf("undecided conflicts: %v", err)
	}
	if checksum(t, coord) != before {
		t.Fatal("a refused import changed the database")
	}

	for _, tc := range []struct {
		name      string
		d         Decisions
		mineTitle bool // keep this database's title, take theirs otherwise
		wantTitle string
		modelGone bool
	}{
		{"keep mine", Decisions{Default: Mine}, false, "Konstruktion med CAD", false},
		{"take theirs", Decisions{Default: Theirs}, false, "CAD och 3D-skrivare", true},
		{"one each", Decisions{Default: Theirs}, true, "Konstruktion med CAD", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			coord, w, path, newbie := hostFormScenario(t)
			if tc.mineTitle {
				tc.d.Each = map[string]Side{ConflictKey(data.XOffers, w.offer2.ID, "title"): Mine}
			}
			_, err := importFile(t, coord, path, pass, tc.d)
			must(t, err)
			o, err := coord.GetOffer(ctx, w.offer.ID)
			must(t, err)
			if o.Capacity != 4 {
				t.Errorf("capacity %d, want HR's 4", o.Capacity)
			}
			o2, err := coord.GetOffer(ctx, w.offer2.ID)
			must(t, err)
			if o2.Title != tc.wantTitle {
				t.Errorf("title %q, want %q", o2.Title, tc.wantTitle)
			}
			org, err := coord.GetOrganisation(ctx, w.company.ID)
			must(t, err)
			if org.VisitingAddress != "Nya vägen 1, Sunne" || org.Notes == "" {
				t.Errorf("the coordinator's own changes were lost: %+v", org)
			}
			if _, err := coord.GetPerson(ctx, newbie.ID); err != nil {
				t.Errorf("new person: %v", err)
			}
			if _, err := coord.GetPerson(ctx, w.hr.ID); !errors.Is(err, data.ErrNotFound) {
				t.Errorf("the person HR removed is still live: %v", err)
			}
			_, err = coord.GetPerson(ctx, w.model.ID)
			if gone := errors.Is(err, data.ErrNotFound); gone != tc.modelGone {
				t.Errorf("role model removed: %v, want %v", gone, tc.modelGone)
			}
			// Importing the same file again: everything is settled.
			again := mustPlan(t, coord, path)
			if n := len(again.Conflicts()); n != 0 && tc.d.Default == Theirs && tc.d.Each == nil {
				t.Errorf("after taking theirs, %d conflicts remain", n)
			}
		})
	}
}

// TestSecondRoundUsesNewBase: after a merge, HR's next file starts from
// what HR last received, so a further change by HR is taken without a
// conflict even though the coordinator took HR's earlier value.
func TestSecondRoundUsesNewBase(t *testing.T) {
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
		o, err := st.GetOffer(ctx, w.offer.ID)
		must(t, err)
		o.Capacity = n
		must(t, st.SaveOffer(ctx, &o))
	}
	send(coord, hr)
	setCap(hr, 4)
	send(hr, coord)
	setCap(hr, 5) // HR has not received anything since
	res := send(hr, coord)
	if c := count(res.Plan, data.XOffers); c.Conflicts != 0 || c.Changed != 1 {
		t.Fatalf("second round: %+v", c)
	}
	o, err := coord.GetOffer(ctx, w.offer.ID)
	must(t, err)
	if o.Capacity != 5 {
		t.Fatalf("capacity %d, want 5", o.Capacity)
	}
	// The same file sent twice (the first may have been lost) loses nothing.
	setCap(hr, 6)
	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	path := save(t, hr, p)
	for range 2 {
		_, err := importFile(t, coord, path, pass, Decisions{})
		must(t, err)
	}
	if o, _ := coord.GetOffer(ctx, w.offer.ID); o.Capacity != 6 {
		t.Fatalf("capacity %d, want 6", o.Capacity)
	}
}

// TestMatchByName: a company HR created on their own laptop (another key,
// same name) merges into the coordinator's: blanks are filled, different
// values are conflicts, and no second company appears.
func TestMatchByName(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	own := data.Organisation{Kind: data.KindCompany, Name: w.company.Name, OrgNumber: "556000-0000", Municipality: "Torsby"}
	must(t, hr.SaveOrganisation(ctx, &own))
	per := data.Period{Name: w.period.Name, Grade: 9, Start: w.period.Start, End: w.period.End}
	must(t, hr.SavePeriod(ctx, &per))
	o := data.Offer{HostID: own.ID, PeriodID: per.ID, Title: "Elektronik", Capacity: 2}
	must(t, hr.SaveOffer(ctx, &o))
	p, err := ExportHostForm(ctx, hr, own.ID, Options{})
	must(t, err)
	path := save(t, hr, p)
	plan := mustPlan(t, coord, path)
	if plan.Matched[own.ID] != w.company.ID || plan.Matched[per.ID] != w.period.ID {
		t.Fatalf("matched: %+v", plan.Matched)
	}
	cs := plan.Conflicts()
	if len(cs) != 1 || cs[0].Field != "municipality" || cs[0].Mine != "Sunne" || cs[0].Theirs != "Torsby" {
		t.Fatalf("conflicts: %+v", cs)
	}
	_, err = importFile(t, coord, path, pass, Decisions{Default: Mine})
	must(t, err)
	orgs, err := coord.ListOrganisations(ctx, data.KindCompany)
	must(t, err)
	if len(orgs) != 1 || orgs[0].OrgNumber != "556000-0000" || orgs[0].Municipality != "Sunne" {
		t.Fatalf("companies: %+v", orgs)
	}
	got, err := coord.GetOffer(ctx, o.ID)
	must(t, err)
	if got.HostID != w.company.ID || got.PeriodID != w.period.ID {
		t.Fatalf("offer not moved to the coordinator's keys: %+v", got)
	}

	// The match is remembered: after the company renames itself, its next
	// host form still lands on the coordinator's company, renamed.
	own.Name = "Nytt Namn Teknik AB"
	must(t, hr.SaveOrganisation(ctx, &own))
	p, err = ExportHostForm(ctx, hr, own.ID, Options{})
	must(t, err)
	plan = mustPlan(t, coord, save(t, hr, p))
	if plan.Matched[own.ID] != w.company.ID {
		t.Fatalf("the renamed company is not matched: %+v", plan.Matched)
	}
	_, err = importFile(t, coord, save(t, hr, p), pass, Decisions{Default: Mine})
	must(t, err)
	orgs, err = coord.ListOrganisations(ctx, data.KindCompany)
	must(t, err)
	if len(orgs) != 1 || orgs[0].ID != w.company.ID || orgs[0].Name != "Nytt Namn Teknik AB" {
		t.Fatalf("after the rename: %+v", orgs)
	}
}

// TestScopeIsEnforced: a host form file that would change another
// organisation's contact, or a school file with another school's pupil,
// is refused as a whole.
func TestScopeIsEnforced(t *testing.T) {
	coord := openStore(t, "coord")
	w := newWorld(t, coord)
	for _, tc := range []struct {
		name  string
		build func() *Payload
	}{
		{"host form touching the school's counsellor", func() *Payload {
			p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
			must(t, err)
			rows, err := coord.ExchangeRows(ctx, data.XPeople, "id", []string{w.counsellor.ID})
			must(t, err)
			r := Row{ExchangeRow: rows[0]}
			r.Fields["phone"] = "000"
			p.Rows = append(p.Rows, r)
			return p
		}},
		{"host form with pupils", func() *Payload {
			p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
			must(t, err)
			rows, err := coord.ExchangeRows(ctx, data.XPupils, "id", []string{w.alva.ID})
			must(t, err)
			p.Rows = append(p.Rows, Row{ExchangeRow: rows[0]})
			return p
		}},
		{"school file with another school's pupil", func() *Payload {
			p, err := ExportSchool(ctx, coord, w.school.ID, w.period.ID, Options{})
			must(t, err)
			for i := range p.Rows {
				if p.Rows[i].Table == data.XPupils {
					p.Rows[i].Fields["school_id"] = w.company.ID
					break
				}
			}
			return p
		}},
		{"offer of a period nobody has", func() *Payload {
			p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
			must(t, err)
			for i := range p.Rows {
				if p.Rows[i].Table == data.XOffers {
					p.Rows[i].ID = "brand-new-offer"
					p.Rows[i].Fields["period_id"] = "no-such-period"
					break
				}
			}
			return p
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := save(t, coord, tc.build())
			before := checksum(t, coord)
			_, err := importFile(t, coord, path, pass, Decisions{Default: Theirs})
			if CodeOf(err) != CodeProblems {
				t.Fatalf("got %v, want problems", err)
			}
			var e *Error
			errors.As(err, &e)
			if e.Swedish() == "" || len(e.Problems) == 0 {
				t.Fatalf("no message: %+v", e)
			}
			if checksum(t, coord) != before {
				t.Fatal("database changed")
			}
		})
	}
}
