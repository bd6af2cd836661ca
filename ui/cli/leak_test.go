package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/exchange"
)

// luhnPNR makes a fictitious personnummer (YYMMDD-NNNC) with a valid check
// digit, so that the import takes it as a real one.
func luhnPNR(yymmdd, nnn string) string {
	digits := yymmdd + nnn
	sum := 0
	for i, r := range digits {
		d := int(r - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprintf("%s-%s%d", yymmdd, nnn, (10-sum%10)%10)
}

// pnrPattern finds anything shaped like a personnummer or samordningsnummer
// (with or without century, with or without separator).
var pnrPattern = regexp.MustCompile(`\b(?:19|20)?\d{6}[-+ ]?\d{4}\b`)

// TestNothingLeavesTheSchoolThatPointsToAProtectedPupil imports class lists
// with personnummer and a pupil with protected identity (the only pupil of
// her school at the host), makes every output that leaves the school, and
// scans them for her name, her class, her school and its counsellor, and
// every file (database, write-ahead log, backup, outputs) for personnummer.
func TestNothingLeavesTheSchoolThatPointsToAProtectedPupil(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "techniqual.db")
	st, err := data.Open(ctx, db, data.Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	open := data.Organisation{Kind: data.KindSchool, Name: "Björkdalsskolan", Municipality: "Kil"}
	must(st.SaveOrganisation(ctx, &open))
	hidden := data.Organisation{Kind: data.KindSchool, Name: "Tallstrandskolan", Municipality: "Hammarö"}
	must(st.SaveOrganisation(ctx, &hidden))
	must(st.SavePerson(ctx, &data.Person{OrganisationID: open.ID, FirstName: "Ines", LastName: "Lindqvist",
		Roles: []data.Role{data.RoleCounsellor}, Phone: "0554-11 22 33"}))
	must(st.SavePerson(ctx, &data.Person{OrganisationID: hidden.ID, FirstName: "Bence", LastName: "Wójcik",
		Roles: []data.Role{data.RoleCounsellor}, Phone: "054-98 76 54", Email: "bence@tallstrand.example"}))
	must(st.SetNetworkContact(ctx, data.Person{FirstName: "Saga", LastName: "Nätverksson", Phone: "054-100 20 30"}))
	host := data.Organisation{Kind: data.KindCompany, Name: "Alsters Kodverkstad AB", Municipality: "Karlstad",
		VisitingAddress: "Kodgränd 1, Karlstad"}
	must(st.SaveOrganisation(ctx, &host))
	sup := data.Person{OrganisationID: host.ID, FirstName: "Aino", LastName: "Berg", Roles: []data.Role{data.RoleSupervisor}}
	must(st.SavePerson(ctx, &sup))
	per := data.Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC),
		End: time.Date(2027, 3, 19, 0, 0, 0, 0, time.UTC), Status: data.PeriodChoosing, SchoolIDs: []string{open.ID, hidden.ID}}
	must(st.SavePeriod(ctx, &per))
	var days []data.OfferDay
	for _, d := range data.Weekdays(per.Start, per.End) {
		days = append(days, data.OfferDay{Date: d, Start: 8 * 60, End: 14 * 60, BreakMinutes: 40, Activities: "Programmering"})
	}
	offer := data.Offer{HostID: host.ID, PeriodID: per.ID, Title: "Spelprogrammering", Capacity: 5,
		SupervisorID: sup.ID, Days: days, Status: data.OfferApproved, VisitingAddress: host.VisitingAddress,
		Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true}}
	must(st.SaveOffer(ctx, &offer))
	st.Close()

	// The class lists, as Skola24 exports them, with personnummer.
	pnrs := []string{luhnPNR("130412", "238"), luhnPNR("130907", "162"), luhnPNR("131120", "384")}
	listA := filepath.Join(dir, "8A.csv")
	must(os.WriteFile(listA, []byte("Förnamn;Efternamn;Klass;Personnummer\nOlle;Sund;8A;"+pnrs[0]+"\nMaja;Frost;8A;"+pnrs[1]+"\n"), 0o600))
	listB := filepath.Join(dir, "8Ö.csv")
	must(os.WriteFile(listB, []byte("Förnamn;Efternamn;Klass;Personnummer;Skyddad identitet\nZelda;Kvistberg;8Ö;"+pnrs[2]+";Ja\n"), 0o600))
	for _, c := range [][]string{{"--school", "Björkdalsskolan", listA}, {"--school", "Tallstrandskolan", listB}} {
		var stdout, stderr bytes.Buffer
		if code := runWords([]string{"import", "pupils"}, append([]string{"--db", db}, c...), &stdout, &stderr); code != exitOK {
			t.Fatalf("import %v: exit %d: %s", c, code, stderr.String())
		}
	}
	st, err = data.Open(ctx, db, data.Options{NoBackup: true})
	must(err)
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	must(err)
	if len(pupils) != 3 {
		t.Fatalf("%d pupils imported", len(pupils))
	}
	for _, p := range pupils {
		if p.FirstName == "Zelda" && !p.Protected {
			t.Fatal("the protected pupil was imported unprotected")
		}
		must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: per.ID, PupilID: p.ID, OfferID: offer.ID}))
	}
	st.Close()

	pass := filepath.Join(dir, "lösen.txt")
	must(os.WriteFile(pass, []byte("korrekt häst batteri häftklammer\n"), 0o600))
	out := filepath.Join(dir, "ut")
	must(os.MkdirAll(out, 0o700))
	leaving := map[string][]string{ // what leaves the school: name → command
		"hosts.pdf":      {"pdf", "hosts", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "hosts.pdf")},
		"attendance.pdf": {"pdf", "attendance", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "attendance.pdf")},
		"offer.ics":      {"ics", "--db", db, "--period", per.Name, "--offer", offer.Title, "--out", filepath.Join(out, "offer.ics")},
		"host.techniqual": {"exchange", "export", "host", "--db", db, "--org", host.Name, "--period", per.Name,
			"--passphrase-file", pass, "--out", filepath.Join(out, "host.techniqual")},
		"placements.xlsx": {"export", "placements", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "placements.xlsx")},
		"placements.csv":  {"export", "placements", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "placements.csv")},
		"hosts.xlsx":      {"export", "hosts", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "hosts.xlsx")},
		"attendance.csv":  {"export", "attendance", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "attendance.csv")},
	}
	staying := map[string][]string{ // what stays at the school (or with the pupil)
		"schedules.pdf": {"pdf", "schedules", "--db", db, "--period", per.Name, "--out", filepath.Join(out, "schedules.pdf")},
		"pupils.xlsx":   {"export", "pupils", "--db", db, "--out", filepath.Join(out, "pupils.xlsx")},
		"backup.db":     {"backup", "--db", db, "--out", filepath.Join(out, "backup.db")},
	}
	for _, cmds := range []map[string][]string{leaving, staying} {
		for name, args := range cmds {
			var stdout, stderr bytes.Buffer
			if code := Run(args, &stdout, &stderr, nil); code != exitOK {
				t.Fatalf("%s: exit %d: %s", name, code, stderr.String())
			}
		}
	}

	forbidden := []string{"Zelda", "Kvistberg", "8Ö", "Tallstrand", "Bence", "Wójcik", "98 76 54", "tallstrand.example"}
	for name := range leaving {
		body := readOutput(t, filepath.Join(out, name), pass)
		for _, f := range forbidden {
			if strings.Contains(body, f) {
				t.Errorf("%s (leaves the school) contains %q, which points to the protected pupil:\n%s", name, f, excerpt(body, f))
			}
		}
		if !strings.Contains(body, "Olle") && !strings.HasSuffix(name, ".xlsx") && name != "attendance.csv" {
			t.Errorf("%s does not name the other pupils; the scan would prove nothing:\n%.400s", name, body)
		}
	}
	files := []string{db, db + "-wal", filepath.Join(out, "backup.db")}
	for name := range leaving {
		files = append(files, filepath.Join(out, name))
	}
	for name := range staying {
		files = append(files, filepath.Join(out, name))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue // no write-ahead log after a clean close
		}
		must(err)
		body := string(raw)
		if strings.HasSuffix(f, ".pdf") || strings.HasSuffix(f, ".xlsx") || strings.HasSuffix(f, ".techniqual") {
			body = readOutput(t, f, pass)
		}
		for _, p := range pnrs {
			for _, form := range []string{p, strings.ReplaceAll(p, "-", ""), "20" + p, "20" + strings.ReplaceAll(p, "-", "")} {
				if strings.Contains(body, form) {
					t.Errorf("%s holds the personnummer %s", filepath.Base(f), form)
				}
			}
		}
		if m := pnrPattern.FindString(body); m != "" && !strings.HasSuffix(f, ".db") && !strings.HasSuffix(f, "-wal") {
			t.Errorf("%s holds something shaped like a personnummer: %q", filepath.Base(f), m)
		}
	}
}

// readOutput is an output file as text: a PDF through pdftotext, an XLSX's
// XML parts, an exchange file decrypted to its JSON, anything else as is.
func readOutput(t *testing.T, path, passFile string) string {
	t.Helper()
	switch {
	case strings.HasSuffix(path, ".pdf"):
		return pdfText(t, path)
	case strings.HasSuffix(path, ".xlsx"):
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		var b strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(&b, rc)
			rc.Close()
		}
		return b.String()
	case strings.HasSuffix(path, ".techniqual"):
		pass, err := os.ReadFile(passFile)
		if err != nil {
			t.Fatal(err)
		}
		p, err := exchange.ReadFile(path, strings.TrimSpace(string(pass)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// excerpt is the text around the first f in s.
func excerpt(s, f string) string {
	i := strings.Index(s, f)
	return s[max(0, i-120):min(len(s), i+len(f)+120)]
}

// TestPrintingWarnsOfNamesTheFontCannotShow: a Korean and a Thai name
// print as "�" (no embedded font covers them); the command says which
// names, instead of printing boxes without a word. An Arabic name prints.
func TestPrintingWarnsOfNamesTheFontCannotShow(t *testing.T) {
	ctx := context.Background()
	db, docs := demoDB(t)
	st, err := data.Open(ctx, db, data.Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"김민준", "สมชาย", "علي"} {
		p := docs[i].Pupil
		p.FirstName = name
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "s.pdf")
	if code := callPDF(ctx, []string{"schedules", "--db", db, "--period", "Åk 9 v. 46 2026", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"2 namn har tecken som PDF-typsnittet inte kan visa", "김민준 " + docs[0].Pupil.LastName, "สมชาย " + docs[1].Pupil.LastName} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "علي") {
		t.Errorf("an Arabic name is warned of, though it prints:\n%s", stderr.String())
	}
}
