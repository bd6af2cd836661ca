package exchange

import (
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// Issue #15, "Silent loss between laptops": each case as the issue
// reproduced it. Before format v2 each of them lost or leaked a value
// without a word.

// pair is the coordinator's database and HR's, HR having read the
// coordinator's host form.
func pair(t *testing.T) (coord, hr *data.Store, w *world, send func(from, to *data.Store, d Decisions) (*Result, error)) {
	t.Helper()
	coord, hr = openStore(t, "coord"), openStore(t, "hr")
	w = newWorld(t, coord)
	send = func(from, to *data.Store, d Decisions) (*Result, error) {
		t.Helper()
		p, err := ExportHostForm(ctx, from, w.company.ID, Options{})
		must(t, err)
		return importFile(t, to, save(t, from, p), pass, d)
	}
	_, err := send(coord, hr, Decisions{})
	must(t, err)
	return coord, hr, w, send
}

func setCapacity(t *testing.T, st *data.Store, id string, n int) {
	t.Helper()
	o, err := st.GetOffer(ctx, id)
	must(t, err)
	o.Capacity = n
	must(t, st.SaveOffer(ctx, &o))
}

func capacity(t *testing.T, st *data.Store, id string) int {
	t.Helper()
	o, err := st.GetOffer(ctx, id)
	must(t, err)
	return o.Capacity
}

// TestCase1ChangeNotLostAfterRefusedFile: HR sets capacity 4 and the
// coordinator imports; HR sets 6 and sends while the coordinator's copy
// says 3: a conflict, refused while undecided. HR sends again: the
// conflict is still reported and counted, and --prefer theirs takes HR's
// 6 (v1 said "0 conflicts" and kept 3: the base had been recorded when the
// refused file was sent). --prefer mine keeps 3, and the decision travels
// on to HR without coming back as a new conflict.
func TestCase1ChangeNotLostAfterRefusedFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		side Side
		want int
	}{{"prefer theirs", Theirs, 6}, {"prefer mine", Mine, 3}} {
		t.Run(tc.name, func(t *testing.T) {
			coord, hr, w, send := pair(t)
			setCapacity(t, hr, w.offer.ID, 4)
			_, err := send(hr, coord, Decisions{})
			must(t, err)
			if capacity(t, coord, w.offer.ID) != 4 {
				t.Fatal("the coordinator did not take HR's 4")
			}
			setCapacity(t, coord, w.offer.ID, 3)
			setCapacity(t, hr, w.offer.ID, 6)
			before := checksum(t, coord)
			if _, err := send(hr, coord, Decisions{}); CodeOf(err) != CodeConflicts {
				t.Fatalf("first file: %v, want a conflict", err)
			}
			if checksum(t, coord) != before {
				t.Fatal("a refused file changed the database")
			}
			// HR sends again.
			p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
			must(t, err)
			plan, err := Prepare(ctx, coord, p)
			must(t, err)
			cs := plan.Conflicts()
			if len(cs) != 1 || cs[0].Field != "capacity" || cs[0].Mine != "3" || cs[0].Theirs != "6" || plan.Total().Conflicts != 1 {
				t.Fatalf("second file: conflicts %+v, total %+v", cs, plan.Total())
			}
			res, err := Apply(ctx, coord, p, Decisions{Default: tc.side})
			must(t, err)
			if res.Plan.Total().Conflicts != 1 {
				t.Fatalf("--prefer reported %d conflicts", res.Plan.Total().Conflicts)
			}
			if got := capacity(t, coord, w.offer.ID); got != tc.want {
				t.Fatalf("capacity %d, want %d", got, tc.want)
			}
			// The decision travels on: the coordinator's next form reaches
			// HR without a conflict; HR's next edit reaches the coordinator.
			res, err = send(coord, hr, Decisions{})
			if err != nil && CodeOf(err) != CodeOlder {
				t.Fatal(err)
			}
			if got := capacity(t, hr, w.offer.ID); got != tc.want || (res != nil && res.Plan.Total().Conflicts != 0) {
				t.Fatalf("HR: capacity %d, want %d", got, tc.want)
			}
			setCapacity(t, hr, w.offer.ID, 5)
			res, err = send(hr, coord, Decisions{})
			must(t, err)
			if capacity(t, coord, w.offer.ID) != 5 || res.Plan.Total().Conflicts != 0 {
				t.Fatalf("capacity %d, %+v", capacity(t, coord, w.offer.ID), res.Plan.Total())
			}
		})
	}
}

// TestCase2OlderFileRefused: HR writes F1 (address "Väg 1"), then F2
// ("Väg 2"); the coordinator imports F2, then F1: refused as older than
// what is here, the address stays "Väg 2" (v1: exit 0, back to "Väg 1").
// A file with one older and one newer field takes the newer and reports
// the older.
func TestCase2OlderFileRefused(t *testing.T) {
	coord, hr, w, _ := pair(t)
	form := func(addr string) string {
		org, err := hr.GetOrganisation(ctx, w.company.ID)
		must(t, err)
		org.VisitingAddress = addr
		must(t, hr.SaveOrganisation(ctx, &org))
		p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
		must(t, err)
		return save(t, hr, p)
	}
	f1 := form("Väg 1")
	f2 := form("Väg 2")
	_, err := importFile(t, coord, f2, pass, Decisions{})
	must(t, err)
	before := checksum(t, coord)
	for _, d := range []Decisions{{}, {Default: Theirs}} {
		_, err = importFile(t, coord, f1, pass, d)
		if CodeOf(err) != CodeOlder {
			t.Fatalf("older file: %v", err)
		}
		e := err.(*Error)
		for _, want := range []string{"äldre än det som redan finns här", "besöksadress", "Väg 2", "Väg 1", "Ingenting har ändrats"} {
			if !strings.Contains(e.Swedish(), want) {
				t.Errorf("message %q lacks %q", e.Swedish(), want)
			}
		}
		if !strings.Contains(e.English(), "older than what is here") {
			t.Errorf("English: %q", e.English())
		}
	}
	if checksum(t, coord) != before {
		t.Fatal("the older file changed the database")
	}
	org, err := coord.GetOrganisation(ctx, w.company.ID)
	must(t, err)
	if org.VisitingAddress != "Väg 2" {
		t.Fatalf("address %q, want Väg 2", org.VisitingAddress)
	}
	// F3 has a newer capacity but F1's address: the capacity is taken, the
	// address is reported as older and kept.
	setCapacity(t, hr, w.offer.ID, 5)
	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	// Simulate F1's address arriving with F3's capacity: take the address
	// and its vector from F1.
	old, err := ReadFile(f1, pass)
	must(t, err)
	for i, r := range p.Rows {
		if r.Table == data.XOrganisations && r.ID == w.company.ID {
			for _, o := range old.Rows {
				if o.Table == r.Table && o.ID == r.ID {
					p.Rows[i].Fields["visiting_address"] = o.Fields["visiting_address"]
					p.Rows[i].V["visiting_address"] = o.V["visiting_address"]
				}
			}
		}
	}
	res, err := Apply(ctx, coord, p, Decisions{})
	must(t, err)
	if capacity(t, coord, w.offer.ID) != 5 {
		t.Fatal("the newer capacity was not taken")
	}
	if len(res.Plan.Older) != 1 || res.Plan.Older[0].Field != "visiting_address" || res.Plan.Total().Older != 1 {
		t.Fatalf("older: %+v", res.Plan.Older)
	}
	if org, _ := coord.GetOrganisation(ctx, w.company.ID); org.VisitingAddress != "Väg 2" {
		t.Fatalf("address %q", org.VisitingAddress)
	}
}

// TestCase3HostCannotApproveItsOwnOffer: HR's laptop is the host's own
// copy after reading the coordinator's form; an offer approved there
// reaches the coordinator with its status refused, named, and the rest of
// the form imported. Sending it in ("submitted") is the host's to do.
func TestCase3HostCannotApproveItsOwnOffer(t *testing.T) {
	coord, hr, w, send := pair(t)
	if host, err := hr.IsHostLaptop(ctx, w.company.ID); err != nil || !host {
		t.Fatalf("HR's laptop is not the host's own copy: %v", err)
	}
	if host, err := coord.IsHostLaptop(ctx, w.company.ID); err != nil || host {
		t.Fatalf("the coordinator's laptop counts as the host's: %v", err)
	}
	// HR answers the safety checklist (on both laptops, so that the offer
	// could be approved anywhere) and sends the offer in.
	for _, st := range []*data.Store{coord, hr} {
		o, err := st.GetOffer(ctx, w.offer.ID)
		must(t, err)
		o.Safety = data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true}
		must(t, st.SaveOffer(ctx, &o))
	}
	must(t, hr.SetOfferStatus(ctx, w.offer2.ID, data.OfferSubmitted))
	_, err := send(hr, coord, Decisions{})
	must(t, err)
	if o, _ := coord.GetOffer(ctx, w.offer2.ID); o.Status != data.OfferSubmitted {
		t.Fatalf("submitted by the host: status %s", o.Status)
	}

	// Approved on HR's laptop (as the host form's Godkänn allowed before).
	must(t, hr.SetOfferStatus(ctx, w.offer.ID, data.OfferApproved))
	setCapacity(t, hr, w.offer.ID, 5)
	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	if p.Role != RoleHost {
		t.Fatalf("HR's form speaks for %q", p.Role)
	}
	res, err := importFile(t, coord, save(t, hr, p), pass, Decisions{Default: Theirs})
	must(t, err)
	o, err := coord.GetOffer(ctx, w.offer.ID)
	must(t, err)
	if o.Status == data.OfferApproved || o.Capacity != 5 {
		t.Fatalf("offer after HR's form: status %s, capacity %d", o.Status, o.Capacity)
	}
	if len(res.Plan.Refused) != 1 || res.Plan.Refused[0].Field != "status" || res.Plan.Total().Refused != 1 {
		t.Fatalf("refused: %+v", res.Plan.Refused)
	}
	msg := res.Plan.Refused[0].Problem
	for _, want := range []string{"status", "Automation och robotar", "samordnaren eller skolan", "värden"} {
		if !strings.Contains(msg.Swedish, want) {
			t.Errorf("Swedish %q lacks %q", msg.Swedish, want)
		}
	}
	if !strings.Contains(msg.English, "may only be changed by the coordinator or the school") {
		t.Errorf("English %q", msg.English)
	}
	// A new offer approved on HR's laptop arrives as a draft, the status refused.
	n := data.Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: "Ny plats", Capacity: 1}
	must(t, hr.SaveOffer(ctx, &n))
	p, err = ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	for i, r := range p.Rows {
		if r.ID == n.ID {
			p.Rows[i].Fields["status"] = string(data.OfferApproved) // as a tampered or old laptop would
		}
	}
	res, err = Apply(ctx, coord, p, Decisions{Default: Theirs})
	must(t, err)
	// Both approvals are refused again, each named: nothing is refused silently.
	refusedNew := false
	for _, r := range res.Plan.Refused {
		refusedNew = refusedNew || (r.ID == n.ID && r.Field == "status" && strings.Contains(r.Problem.Swedish, "Ny plats"))
	}
	if got, _ := coord.GetOffer(ctx, n.ID); got.Status != data.OfferDraft || !refusedNew || len(res.Plan.Refused) != 2 {
		t.Fatalf("new offer: status %s, refused %+v", got.Status, res.Plan.Refused)
	}
	// The coordinator's approval reaches HR: the coordinator may.
	must(t, coord.SetOfferStatus(ctx, w.offer.ID, data.OfferApproved))
	res, err = send(coord, hr, Decisions{Default: Theirs})
	must(t, err)
	if len(res.Plan.Refused) != 0 {
		t.Fatalf("refused at HR: %+v", res.Plan.Refused)
	}
}

// TestCase4PlaceholderNeverOverwritesRealName: a school reads its own
// school file back with --prefer theirs: the protected pupil keeps the
// real first name (v1 wrote "Elev via skolan" over it). The file marks the
// minimised fields. A pupil given protected identity later is forgotten
// at the coordinator's.
func TestCase4PlaceholderNeverOverwritesRealName(t *testing.T) {
	school := openStore(t, "school")
	w := newWorld(t, school)
	p, err := ExportSchool(ctx, school, w.school.ID, w.period.ID, Options{})
	must(t, err)
	var noorRow Row
	for _, r := range p.Rows {
		if r.ID == w.noor.ID {
			noorRow = r
		}
	}
	if noorRow.Fields["first_name"] != ViaSchoolName || !noorRow.minimised("first_name") || !noorRow.minimised("birth_date") {
		t.Fatalf("Noor's row: %+v", noorRow)
	}
	path := save(t, school, p)
	for _, d := range []Decisions{{}, {Default: Theirs}} {
		_, err = importFile(t, school, path, pass, d)
		if err != nil && CodeOf(err) != CodeOlder {
			t.Fatal(err)
		}
		pu, err := school.GetPupil(ctx, w.noor.ID)
		must(t, err)
		if pu.FirstName != "Noor" || pu.LastName != "Qasemi" || pu.BirthDate.IsZero() {
			t.Fatalf("the school's own pupil became %+v", pu)
		}
	}
	// The coordinator (a copy of the school's database made before any
	// exchange) reads the school file: names it had stay, Noor's included
	// (it never had a placeholder to write over them).
	coord := laptopCopy(t, school, "coord")
	_, err = importFile(t, coord, path, pass, Decisions{Default: Theirs})
	must(t, err)
	if pu, _ := coord.GetPupil(ctx, w.noor.ID); pu.FirstName != "Noor" {
		t.Fatalf("coordinator: %+v", pu)
	}
	// Alva is given protected identity at the school: the coordinator,
	// which had her name, forgets it.
	alva, err := school.GetPupil(ctx, w.alva.ID)
	must(t, err)
	alva.Protected = true
	must(t, school.SavePupil(ctx, &alva))
	p2, err := ExportSchool(ctx, school, w.school.ID, w.period.ID, Options{})
	must(t, err)
	_, err = Apply(ctx, coord, p2, Decisions{})
	must(t, err)
	if pu, _ := coord.GetPupil(ctx, w.alva.ID); pu.FirstName != ViaSchoolName || pu.LastName != "" || !pu.Protected {
		t.Fatalf("coordinator still names the newly protected pupil: %+v", pu)
	}
	if pu, _ := school.GetPupil(ctx, w.alva.ID); pu.FirstName != "Alva" {
		t.Fatalf("school: %+v", pu)
	}
}

// laptopCopy copies st into a new database with a laptop id of its own.
func laptopCopy(t *testing.T, st *data.Store, name string) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".db")
	must(t, st.Backup(ctx, path))
	c, err := data.Open(ctx, path, data.Options{})
	must(t, err)
	t.Cleanup(func() { c.Close() })
	must(t, c.SetMeta(ctx, "laptop_id", name))
	return c
}
