package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

// fixed is the printing time of every test document.
var fixed = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// world is a small period printed in the tests. Everyone in it is made up.
type world struct {
	st                   *data.Store
	period               data.Period
	school, other        data.Organisation
	host                 data.Organisation
	counsellor, otherSYV data.Person
	supervisor, model    data.Person
	offer                data.Offer
	alva, bartek, zuza   data.Pupil
}

const (
	modelJourney = "Jag växte upp i Hagfors och tyckte mest om att rita. Efter el- och energiprogrammet " +
		"blev jag lärling hos en elektriker – i dag leder jag ett team på tolv personer. Ingen väg är fel!"
	supJourney = "Jag läste teknikprogrammet i Karlstad och fick sommarjobb här; nu programmerar jag robotceller."
	comment    = "Nyfiken och frågade mycket – välkommen tillbaka!"
)

func date(s string) time.Time {
	t, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// newWorld builds the fixture in a real Store on a file in t.TempDir().
func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &world{st: st}
	w.school = data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	w.other = data.Organisation{Kind: data.KindSchool, Name: "Sjövikskolan", Municipality: "Arvika"}
	w.host = data.Organisation{Kind: data.KindCompany, Name: "Fryksdals Mekatronik AB", Municipality: "Sunne",
		VisitingAddress: "Verkstadsvägen 3, 686 30 Sunne"}
	for _, o := range []*data.Organisation{&w.school, &w.other, &w.host} {
		must(st.SaveOrganisation(ctx, o))
	}
	w.counsellor = data.Person{OrganisationID: w.school.ID, FirstName: "Märta", LastName: "Öberg",
		Roles: []data.Role{data.RoleCounsellor}, Phone: "054-540 11 22", Email: "marta.oberg@example.se"}
	w.otherSYV = data.Person{OrganisationID: w.other.ID, FirstName: "Gülşen", LastName: "Doğan",
		Roles: []data.Role{data.RoleCounsellor}, Phone: "0570-333 44"}
	w.supervisor = data.Person{OrganisationID: w.host.ID, FirstName: "Paweł", LastName: "Wiśniewski",
		Roles: []data.Role{data.RoleSupervisor, data.RoleRoleModel}, Title: "automationstekniker",
		Phone: "070-111 22 33", Journey: supJourney}
	w.model = data.Person{OrganisationID: w.host.ID, FirstName: "Ngọc Ánh", LastName: "Nguyễn",
		Roles: []data.Role{data.RoleRoleModel}, Title: "elektronikkonstruktör", Journey: modelJourney}
	for _, p := range []*data.Person{&w.counsellor, &w.otherSYV, &w.supervisor, &w.model} {
		must(st.SavePerson(ctx, p))
	}
	w.period = data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date("2026-11-09"), End: date("2026-11-13"),
		SchoolIDs: []string{w.school.ID, w.other.ID}}
	must(st.SavePeriod(ctx, &w.period))
	w.offer = data.Offer{HostID: w.host.ID, PeriodID: w.period.ID, Title: "Automation och robotar", Capacity: 4,
		Description:     "Du bygger och programmerar en liten robotcell tillsammans med våra tekniker.",
		VisitingAddress: w.host.VisitingAddress, SupervisorID: w.supervisor.ID,
		WhatToBring: "Oömma kläder och skor med tå-skydd om du har.",
		TravelInfo:  "Buss 300 till Sunne busstation, sedan 10 minuters promenad.",
		LunchInfo:   "Lunch i personalmatsalen, betalas av oss.",
		Safety:      data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
		Status:      data.OfferApproved, RoleModelIDs: []string{w.model.ID, w.supervisor.ID}}
	for i, d := range data.Weekdays(w.period.Start, w.period.End) {
		w.offer.Days = append(w.offer.Days, data.OfferDay{Date: d, Start: 8*60 + 30, End: 15 * 60, BreakMinutes: 45,
			Activities: []string{"Välkommen och säkerhetsgenomgång", "Programmera en robot", "Besök i produktionen",
				"Eget projekt", "Redovisning för avdelningen"}[i]})
	}
	must(st.SaveOffer(ctx, &w.offer))
	w.alva = data.Pupil{SchoolID: w.school.ID, FirstName: "Alva", LastName: "Şahin", ClassName: "9B", Grade: 9,
		Needs: "Nötallergi", NeedsShareable: true}
	w.bartek = data.Pupil{SchoolID: w.school.ID, FirstName: "Bartłomiej", LastName: "Nowak", ClassName: "9B", Grade: 9,
		Needs: "Diabetes, har med sig insulin", NeedsShareable: false}
	w.zuza = data.Pupil{SchoolID: w.other.ID, FirstName: "Zuzanna", LastName: "Wójcik", ClassName: "9C", Grade: 9,
		Protected: true, Needs: "Glutenfri kost", NeedsShareable: true}
	for _, p := range []*data.Pupil{&w.alva, &w.bartek, &w.zuza} {
		must(st.SavePupil(ctx, p))
		a := data.Assignment{PeriodID: w.period.ID, PupilID: p.ID, OfferID: w.offer.ID}
		if p.ID == w.alva.ID {
			a.SupervisorComment = comment
		}
		must(st.SaveAssignment(ctx, &a))
	}
	for i, d := range data.Weekdays(w.period.Start, w.period.End) {
		status := data.AttendancePresent
		if i == 2 {
			status = data.AttendanceSick
		}
		must(st.SetAttendance(ctx, data.Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: d, Status: status}))
		must(st.SetAttendance(ctx, data.Attendance{PupilID: w.zuza.ID, OfferID: w.offer.ID, Date: d, Status: data.AttendancePresent}))
	}
	return w
}

// docs loads the documents of the fixture's period.
func (w *world) docs(t testing.TB, f data.DocFilter) []data.ScheduleDoc {
	t.Helper()
	ds, err := w.st.DocumentsForPeriod(context.Background(), w.period.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// doc is one pupil's documents.
func (w *world) doc(t testing.TB, p data.Pupil) data.ScheduleDoc {
	t.Helper()
	ds := w.docs(t, data.DocFilter{PupilID: p.ID})
	if len(ds) != 1 {
		t.Fatalf("%d documents for %s", len(ds), p.Name())
	}
	return ds[0]
}

// needTool skips the test when a command-line tool is missing.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
}

// pdfPages reads a PDF back with pdftotext, one string per page, and checks
// it with qpdf when that is installed.
func pdfPages(t testing.TB, pdf []byte) []string {
	t.Helper()
	needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// flat joins text with single spaces, so wrapped lines read as one.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// render runs a document function into memory.
func renderBytes(t testing.TB, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// containsAll reports the wanted strings that text lacks.
func missing(text string, want ...string) []string {
	var out []string
	for _, w := range want {
		if !strings.Contains(text, w) {
			out = append(out, w)
		}
	}
	return out
}
