package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
)

const pass = "korv med bröd och senap"

func TestMain(m *testing.M) {
	scryptWorkFactor = 10 // about a millisecond; production uses age's default
	os.Exit(m.Run())
}

var ctx = context.Background()

func openStore(t testing.TB, name string) *data.Store {
	t.Helper()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), name+".db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func date(s string) time.Time {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// world is the coordinator's database: one school, one company, one period.
// Everyone in it is made up.
type world struct {
	school, company            data.Organisation
	counsellor, hr, supervisor data.Person
	model                      data.Person
	period                     data.Period
	offer, offer2              data.Offer
	alva, sam, noor            data.Pupil // noor has protected identity
	placed                     data.Assignment
}

func newWorld(t testing.TB, st *data.Store) *world {
	t.Helper()
	w := &world{}
	w.school = data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	must(t, st.SaveOrganisation(ctx, &w.school))
	w.company = data.Organisation{Kind: data.KindCompany, Name: "Fryksdals Mekatronik AB", Municipality: "Sunne",
		VisitingAddress: "Verkstadsvägen 3, Sunne", Notes: "Intern anteckning: ring i mars"}
	must(t, st.SaveOrganisation(ctx, &w.company))
	w.counsellor = data.Person{OrganisationID: w.school.ID, FirstName: "Märta", LastName: "Öberg",
		Roles: []data.Role{data.RoleCounsellor}, Phone: "054-00 00 00", Email: "marta@example.se"}
	must(t, st.SavePerson(ctx, &w.counsellor))
	w.hr = data.Person{OrganisationID: w.company.ID, FirstName: "Hanna", LastName: "Lind", Roles: []data.Role{data.RoleHR},
		Email: "hanna@example.se", Notes: "Intern: föredrar telefon"}
	must(t, st.SavePerson(ctx, &w.hr))
	w.supervisor = data.Person{OrganisationID: w.company.ID, FirstName: "Paweł", LastName: "Wiśniewski",
		Roles: []data.Role{data.RoleSupervisor, data.RoleRoleModel}, Title: "automationstekniker", Phone: "070-000 00 01"}
	must(t, st.SavePerson(ctx, &w.supervisor))
	w.model = data.Person{OrganisationID: w.company.ID, FirstName: "Ngọc Ánh", LastName: "Trần", Roles: []data.Role{data.RoleRoleModel},
		Title: "mjukvaruutvecklare", Journey: "Natur, sedan civilingenjör i Karlstad."}
	must(t, st.SavePerson(ctx, &w.model))
	w.period = data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date("2026-11-09"), End: date("2026-11-13"),
		Status: data.PeriodChoosing, SchoolIDs: []string{w.school.ID}}
	must(t, st.SavePeriod(ctx, &w.period))
	var days []data.OfferDay
	for _, d := range data.Weekdays(w.period.Start, w.period.End) {
		days = append(days, data.OfferDay{Date: d, Start: 8 * 60, End: 15 * 60, BreakMinutes: 45, Activities: "Robotcell"})
	}
	w.offer = data.Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: "Automation och robotar", Capacity: 3,
		VisitingAddress: w.company.VisitingAddress, SupervisorID: w.supervisor.ID, Days: days,
		RoleModelIDs: []string{w.model.ID, w.supervisor.ID}}
	must(t, st.SaveOffer(ctx, &w.offer))
	w.offer2 = data.Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: "Konstruktion i CAD", Capacity: 2, Days: days[:2]}
	must(t, st.SaveOffer(ctx, &w.offer2))
	w.alva = data.Pupil{SchoolID: w.school.ID, FirstName: "Alva", LastName: "Şahin", ClassName: "9B", Grade: 9,
		BirthDate: date("2011-05-04"), Gender: data.GenderGirl, Needs: "Nötallergi", NeedsShareable: true,
		GuardianName: "Ayşe Şahin", GuardianPhone: "070-111 11 11", ExternalID: "EXT-77", Notes: "Elevhälsan vet"}
	must(t, st.SavePupil(ctx, &w.alva))
	w.sam = data.Pupil{SchoolID: w.school.ID, FirstName: "Sam", LastName: "Ek", ClassName: "9A", Grade: 9,
		Needs: "Rullstol – hemlig uppgift", NeedsShareable: false}
	must(t, st.SavePupil(ctx, &w.sam))
	w.noor = data.Pupil{SchoolID: w.school.ID, FirstName: "Noor", LastName: "Qasemi", ClassName: "9B", Grade: 9,
		BirthDate: date("2011-08-19"), Protected: true}
	must(t, st.SavePupil(ctx, &w.noor))
	eighth := data.Pupil{SchoolID: w.school.ID, FirstName: "Lille", LastName: "Bror", ClassName: "8A", Grade: 8}
	must(t, st.SavePupil(ctx, &eighth))
	must(t, st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID, w.offer2.ID}))
	must(t, st.SetPreferences(ctx, w.noor.ID, w.period.ID, []string{w.offer2.ID}))
	must(t, st.AddFriendPair(ctx, data.FriendPair{PeriodID: w.period.ID, PupilA: w.alva.ID, PupilB: w.noor.ID}))
	w.placed = data.Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID, Source: data.SourceAuto}
	must(t, st.SaveAssignment(ctx, &w.placed))
	noorAt := data.Assignment{PeriodID: w.period.ID, PupilID: w.noor.ID, OfferID: w.offer2.ID}
	must(t, st.SaveAssignment(ctx, &noorAt))
	return w
}

// save writes p to a file in a temporary folder.
func save(t testing.TB, st *data.Store, p *Payload) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("%s%s", p.Kind, Extension))
	must(t, Save(ctx, st, path, p, pass, logExport))
	return path
}

// importFile reads and applies a file, as the window and the command do.
func importFile(t testing.TB, st *data.Store, path, passphrase string, d Decisions, want ...Kind) (*Result, error) {
	t.Helper()
	p, err := ReadFile(path, passphrase, want...)
	if err != nil {
		return nil, err
	}
	return Apply(ctx, st, p, d)
}

func checksum(t testing.TB, st *data.Store) string {
	t.Helper()
	s, err := st.ContentChecksum(ctx)
	must(t, err)
	return s
}

func mustPlan(t testing.TB, st *data.Store, path string) *Plan {
	t.Helper()
	p, err := ReadFile(path, pass)
	must(t, err)
	plan, err := Prepare(ctx, st, p)
	must(t, err)
	return plan
}

func count(pl *Plan, table string) Count {
	if c := pl.Counts[table]; c != nil {
		return *c
	}
	return Count{}
}

// logExport records like ops does, for the tests of this package.
func logExport(ctx context.Context, tx *data.Store, e *data.AuditEntry) error {
	return tx.LogExport(ctx, e)
}
