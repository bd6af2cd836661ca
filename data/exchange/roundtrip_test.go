package exchange

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"techniqual/data"
)

// TestHostFormRoundTrip: the coordinator's host form file gives the HR
// person's empty database the company, its people with roles and journeys,
// its offers with days and role models, under the same keys and with the
// same timestamps; importing it again changes nothing.
func TestHostFormRoundTrip(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	p, err := ExportHostForm(ctx, coord, w.company.ID, Options{AppVersion: "1.2.3"})
	must(t, err)
	path := save(t, coord, p)
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file mode: %v, %v", st, err)
	}
	res, err := importFile(t, hr, path, pass, Decisions{}, KindHostForm)
	must(t, err)
	if c := count(res.Plan, data.XOffers); c.New != 2 {
		t.Fatalf("offers: %+v", c)
	}
	if c := count(res.Plan, data.XPeople); c.New != 3 {
		t.Fatalf("people: %+v", c)
	}
	got, err := hr.GetOffer(ctx, w.offer.ID)
	must(t, err)
	want, err := coord.GetOffer(ctx, w.offer.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("offer:\n got %+v\nwant %+v", got, want)
	}
	sup, err := hr.GetPerson(ctx, w.supervisor.ID)
	must(t, err)
	if !sup.HasRole(data.RoleSupervisor) || !sup.HasRole(data.RoleRoleModel) || sup.Phone != w.supervisor.Phone {
		t.Fatalf("supervisor: %+v", sup)
	}
	hanna, err := hr.GetPerson(ctx, w.hr.ID)
	must(t, err)
	org, err := hr.GetOrganisation(ctx, w.company.ID)
	must(t, err)
	if hanna.Notes != "" || org.Notes != "" {
		t.Fatalf("internal notes left the coordinator: %q %q", hanna.Notes, org.Notes)
	}
	per, err := hr.GetPeriod(ctx, w.period.ID)
	must(t, err)
	if per.Name != w.period.Name {
		t.Fatalf("period: %+v", per)
	}
	if pu, _ := hr.ListPupils(ctx, data.PupilFilter{}); len(pu) != 0 {
		t.Fatalf("a host form carried pupils: %d", len(pu))
	}

	before := checksum(t, hr)
	again, err := importFile(t, hr, path, pass, Decisions{})
	must(t, err)
	if tot := again.Plan.Total(); tot.New+tot.Changed+tot.Conflicts != 0 || again.Written != 0 {
		t.Fatalf("second import: %+v, %d written", tot, again.Written)
	}
	if checksum(t, hr) != before {
		t.Fatal("a second import of the same file changed the database")
	}
}

// TestSchoolThenResultsRoundTrip: a school file brings the school's
// pupils of the period's grade with their choices and friends to the
// coordinator; the results file brings their placements back, and only
// those of that school.
func TestSchoolThenResultsRoundTrip(t *testing.T) {
	school, coord := openStore(t, "school"), openStore(t, "coord")
	w := newWorld(t, school)
	// The coordinator knows the period and the offers (here from the
	// company's host form): a school file cannot add them.
	hf, err := ExportHostForm(ctx, school, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, coord, save(t, school, hf), pass, Decisions{})
	must(t, err)
	p, err := ExportSchool(ctx, school, w.school.ID, w.period.ID, Options{IncludeProtected: true})
	must(t, err)
	res, err := importFile(t, coord, save(t, school, p), pass, Decisions{}, KindSchool)
	must(t, err)
	if c := count(res.Plan, data.XPupils); c.New != 3 {
		t.Fatalf("pupils: %+v (grade 8 must stay home)", c)
	}
	pupils, err := coord.ListPupils(ctx, data.PupilFilter{})
	must(t, err)
	for _, pu := range pupils {
		if pu.GuardianName != "" || pu.ExternalID != "" || pu.Notes != "" {
			t.Fatalf("guardian, id or notes left the school: %+v", pu)
		}
		if pu.ID == w.sam.ID && pu.Needs != "" {
			t.Fatalf("needs that may not be shared left the school: %q", pu.Needs)
		}
		if pu.ID == w.alva.ID && pu.Needs != "Nötallergi" {
			t.Fatalf("shareable needs missing: %q", pu.Needs)
		}
	}
	prefs, err := coord.PupilPreferences(ctx, w.alva.ID, w.period.ID)
	must(t, err)
	if len(prefs) != 2 || prefs[0].OfferID != w.offer.ID || prefs[1].OfferID != w.offer2.ID {
		t.Fatalf("choices: %+v", prefs)
	}
	fr, err := coord.ListFriendPairs(ctx, w.period.ID)
	must(t, err)
	if len(fr) != 1 {
		t.Fatalf("friends: %+v", fr)
	}
	if as, _ := coord.ListAssignments(ctx, ""); len(as) != 0 {
		t.Fatalf("a school file carried placements: %+v", as)
	}

	// The coordinator matches (here: moves Alva) and sends the results back.
	moved := data.Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer2.ID, Source: data.SourceManual, Locked: true}
	must(t, coord.SaveAssignment(ctx, &moved))
	r, err := ExportResults(ctx, coord, w.school.ID, w.period.ID, Options{})
	must(t, err)
	res, err = importFile(t, school, save(t, coord, r), pass, Decisions{}, KindResults)
	must(t, err)
	as, err := school.ListAssignments(ctx, w.period.ID)
	must(t, err)
	// Alva's placement made at the school is replaced by the coordinator's;
	// Noor's, which the coordinator never had, stays.
	if len(as) != 2 || res.Written != 1 {
		t.Fatalf("placements at school after results: %+v, %d written", as, res.Written)
	}
	for _, a := range as {
		if a.PupilID == w.alva.ID && (a.ID != moved.ID || a.OfferID != w.offer2.ID || !a.Locked) {
			t.Fatalf("Alva's placement: %+v", a)
		}
	}
	// The school's own pupil rows are untouched by the results.
	alva, err := school.GetPupil(ctx, w.alva.ID)
	must(t, err)
	if alva.GuardianName != w.alva.GuardianName {
		t.Fatalf("results changed a pupil: %+v", alva)
	}
}

// TestResultsOnlyThatSchool: placements of another school's pupils never
// reach a school's results file.
func TestResultsOnlyThatSchool(t *testing.T) {
	st := openStore(t, "coord")
	w := newWorld(t, st)
	other := data.Organisation{Kind: data.KindSchool, Name: "Norra skolan"}
	must(t, st.SaveOrganisation(ctx, &other))
	kim := data.Pupil{SchoolID: other.ID, FirstName: "Kim", LastName: "Berg", ClassName: "9C", Grade: 9}
	must(t, st.SavePupil(ctx, &kim))
	must(t, st.SaveAssignment(ctx, &data.Assignment{PeriodID: w.period.ID, PupilID: kim.ID, OfferID: w.offer.ID}))
	p, err := ExportResults(ctx, st, w.school.ID, w.period.ID, Options{})
	must(t, err)
	n := 0
	for _, r := range p.Rows {
		if r.Table == data.XAssignments {
			n++
			if r.Fields["pupil_id"] == kim.ID {
				t.Fatal("another school's placement is in the file")
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d placements, want Alva's and Noor's", n)
	}
}

// TestHostFileIsReadOnly: a host file shows the host's offers and pupils
// and the school's contact (the network's for a protected pupil), and
// cannot be imported.
func TestHostFileIsReadOnly(t *testing.T) {
	coord, host := openStore(t, "coord"), openStore(t, "host")
	w := newWorld(t, coord)
	must(t, coord.SetNetworkContact(ctx, data.Person{FirstName: "Saga", LastName: "Nätverksson", Phone: "054-100 20 30"}))
	p, err := ExportHost(ctx, coord, w.company.ID, w.period.ID, Options{})
	must(t, err)
	path := save(t, coord, p)
	got, err := ReadFile(path, pass, KindHost)
	must(t, err)
	if got.Host == nil || len(got.Host.Offers) != 2 {
		t.Fatalf("sheet: %+v", got.Host)
	}
	var names []string
	for _, o := range got.Host.Offers {
		for _, pu := range o.Pupils {
			names = append(names, pu.Name)
			if pu.ViaSchool {
				// Nothing on a protected pupil's row points to the school:
				// the network's contact passes questions on.
				if pu.Contact != "Saga Nätverksson, 054-100 20 30" || pu.School != "" || pu.Class != "" {
					t.Errorf("protected pupil's row: %+v", pu)
				}
			} else if !strings.Contains(pu.Contact, "Märta Öberg") {
				t.Errorf("contact of %s: %q", pu.Name, pu.Contact)
			}
		}
	}
	if strings.Join(names, ",") != "Alva Şahin,"+ViaSchoolName {
		t.Fatalf("pupils: %v", names)
	}
	if n := got.ViaSchoolWithoutContact(); n != 0 {
		t.Errorf("%d protected pupils without a contact, with the network's contact set", n)
	}
	// Without the network's contact, the protected pupil's row has nobody
	// to ask, and the file says so to whoever makes it.
	must(t, coord.SetNetworkContact(ctx, data.Person{}))
	bare, err := ExportHost(ctx, coord, w.company.ID, w.period.ID, Options{})
	must(t, err)
	if n := bare.ViaSchoolWithoutContact(); n != 1 {
		t.Errorf("without the network's contact: %d protected pupils without a contact, want 1", n)
	}
	before := checksum(t, host)
	if _, err := Apply(ctx, host, got, Decisions{Default: Theirs}); err == nil {
		t.Fatal("a host file was imported")
	}
	if checksum(t, host) != before {
		t.Fatal("database changed")
	}
	audit, err := coord.ListAudit(ctx)
	must(t, err)
	if len(audit) != 1 || audit[0].Action != "exchange host" || audit[0].Records != 2 {
		t.Fatalf("audit: %+v", audit)
	}
}

// TestHostFormCarriesWeekBlocks: a week host's blocks travel with their
// keys, teams_max and their own role models; a team's route planned on the
// coordinator's laptop survives the host sending the form back; a file
// written before the week (no keys, no teams_max) still reads, keeping the
// keys of the blocks it matches by date and start.
func TestHostFormCarriesWeekBlocks(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	w.offer.Days = []data.OfferDay{
		{Date: date("2026-11-09"), Start: 8*60 + 30, End: 12 * 60, TeamsMax: 2, RoleModelIDs: []string{w.model.ID}},
		{Date: date("2026-11-09"), Start: 13 * 60, End: 16 * 60, RoleModelIDs: []string{w.supervisor.ID, w.model.ID}},
		{Date: date("2026-11-10"), Start: 8*60 + 30, End: 12 * 60},
	}
	must(t, coord.SaveOffer(ctx, &w.offer))
	p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	path := save(t, coord, p)
	_, err = importFile(t, hr, path, pass, Decisions{}, KindHostForm)
	must(t, err)
	got, err := hr.GetOffer(ctx, w.offer.ID)
	must(t, err)
	want, err := coord.GetOffer(ctx, w.offer.ID)
	must(t, err)
	if !reflect.DeepEqual(got.Days, want.Days) {
		t.Fatalf("blocks:\n got %+v\nwant %+v", got.Days, want.Days)
	}
	if got.Days[0].TeamsMax != 2 || len(got.Days[1].RoleModelIDs) != 2 || got.Days[2].TeamsMax != 1 {
		t.Fatalf("teams_max and role models: %+v", got.Days)
	}
	before := checksum(t, hr)
	again, err := importFile(t, hr, path, pass, Decisions{})
	must(t, err)
	if again.Written != 0 || checksum(t, hr) != before {
		t.Fatalf("a second import changed something: %d written", again.Written)
	}

	// The host changes the afternoon's teams_max and sends the form back:
	// the blocks keep their keys at the coordinator.
	got.Days[1].TeamsMax = 3
	must(t, hr.SaveOffer(ctx, &got))
	back, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, coord, save(t, hr, back), pass, Decisions{Default: Theirs}, KindHostForm)
	must(t, err)
	after, err := coord.GetOffer(ctx, w.offer.ID)
	must(t, err)
	for i := range after.Days {
		if after.Days[i].ID != want.Days[i].ID {
			t.Errorf("block %d changed key: %s → %s", i, want.Days[i].ID, after.Days[i].ID)
		}
	}
	if after.Days[1].TeamsMax != 3 {
		t.Errorf("teams_max not updated: %+v", after.Days[1])
	}
}

// TestOldDaysFieldStillReads: a days field from before the teknikprao week
// (no id, teams_max or role_models) parses, and teams_max 1 and no role
// models are written the same way as absent, so old and new compare equal.
func TestOldDaysFieldStillReads(t *testing.T) {
	old := `[{"date":"2026-11-09","start":"08:00","end":"15:00","break":45,"activities":"Robotcell"}]`
	ds, err := data.ParseExchangeDays(old)
	must(t, err)
	if len(ds) != 1 || ds[0].ID != "" || ds[0].TeamsMax != 0 || ds[0].RoleModels != nil || ds[0].Break != 45 {
		t.Fatalf("old days: %+v", ds)
	}
	same := `[{"date":"2026-11-09","start":"08:00","end":"15:00","break":45,"activities":"Robotcell","teams_max":1,"role_models":[]}]`
	a, err := data.NormaliseExchangeField(data.XOffers, "days", old)
	must(t, err)
	b, err := data.NormaliseExchangeField(data.XOffers, "days", same)
	must(t, err)
	if a != b {
		t.Errorf("normalised:\n%s\n%s", a, b)
	}
	if _, err := data.ParseExchangeDays(`[{"date":"2026-11-09","start":"08:00","end":"12:00","break":0,"teams_max":99}]`); err == nil {
		t.Error("teams_max 99 was accepted")
	}
}

// TestHostFormCarriesThePeriodFormat: the host's laptop learns that a
// period is a teknikprao week, so its checks treat the offer's days as
// blocks for different teams.
func TestHostFormCarriesThePeriodFormat(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	w.period.Format = data.FormatWeek
	must(t, coord.SavePeriod(ctx, &w.period))
	p, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, hr, save(t, coord, p), pass, Decisions{}, KindHostForm)
	must(t, err)
	got, err := hr.GetPeriod(ctx, w.period.ID)
	must(t, err)
	if got.Format != data.FormatWeek {
		t.Errorf("format at the host: %q", got.Format)
	}
}
