package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"techniqual/data"
	"techniqual/data/demo"
)

// fixture is example data in which some placed, attending and registered
// pupils have protected identity and names that appear nowhere else.
type fixture struct {
	st        *data.Store
	period    data.Period // has placements and attendance
	event     data.Event  // has pupils among its participants
	protected []data.Pupil
	formula   data.Pupil // a pupil whose details look like formulas
}

const secretFirst, secretLast = "Hemligaxq", "Skyddadssonzq"

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "x.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st}
	f.period, err = st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.DocumentsForPeriod(ctx, f.period.ID, data.DocFilter{})
	if err != nil || len(docs) < 3 {
		t.Fatalf("%d placed pupils: %v", len(docs), err)
	}
	var hide []data.Pupil
	// Every pupil who already had protected identity gets a secret name too.
	all, _ := st.ListPupils(ctx, data.PupilFilter{})
	for _, p := range all {
		if p.Protected {
			hide = append(hide, p)
		}
	}
	hide = append(hide, docs[0].Pupil, docs[len(docs)-1].Pupil)
	evs, _ := st.ListEvents(ctx)
	for _, e := range evs {
		regs, _ := st.ListRegistrations(ctx, e.ID)
		for _, r := range regs {
			if r.PupilID != "" {
				p, err := st.GetPupil(ctx, r.PupilID)
				if err != nil {
					t.Fatal(err)
				}
				f.event = e
				hide = append(hide, p)
				break
			}
		}
		if f.event.ID != "" {
			break
		}
	}
	if f.event.ID == "" {
		t.Fatal("no event with pupils in the example data")
	}
	for i, p := range hide {
		p.Protected = true
		p.FirstName, p.LastName = secretFirst, secretLast+string(rune('a'+i))
		p.GuardianName = "Vårdnadshavare " + secretLast
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
		f.protected = append(f.protected, p)
	}
	f.formula = docs[1].Pupil
	f.formula.LastName, f.formula.FirstName = "=1+1", "@SUM(A1)"
	f.formula.GuardianPhone, f.formula.ClassName, f.formula.ExternalID = "+46701234567", "08", "0012"
	f.formula.GuardianName = "-3"
	if err := st.SavePupil(ctx, &f.formula); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) options(k Kind) Options {
	o := Options{Kind: k}
	if k.NeedsPeriod() {
		o.PeriodID = f.period.ID
	}
	if k.NeedsEvent() {
		o.EventID = f.event.ID
	}
	return o
}

// readBack reads an exported file as rows (the header first).
func readBack(t *testing.T, path string) [][]string {
	t.Helper()
	switch filepath.Ext(path) {
	case ".csv":
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("%s has no byte order mark", path)
		}
		if i := bytes.IndexByte(b, '\n'); i < 1 || b[i-1] != '\r' {
			t.Fatalf("%s: the first line does not end in CRLF", path)
		}
		r := csv.NewReader(bytes.NewReader(b[3:]))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return rows
	case ".xlsx":
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheets := x.GetSheetList()
		if len(sheets) != 1 {
			t.Fatalf("%s has sheets %v", path, sheets)
		}
		rows, err := x.GetRows(sheets[0])
		if err != nil {
			t.Fatal(err)
		}
		// GetRows drops trailing empty cells; pad to the header's width.
		for i := range rows {
			for len(rows[i]) < len(rows[0]) {
				rows[i] = append(rows[i], "")
			}
		}
		return rows
	}
	t.Fatalf("unknown file %s", path)
	return nil
}

// fileBytes is every byte a person could read from the file: the file itself
// and, for XLSX (a zip), every part inflated.
func fileBytes(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := [][]byte{b}
	if filepath.Ext(path) == ".xlsx" {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range z.File {
			r, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, part)
		}
	}
	return out
}

func neutralised(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = Neutralise(c)
		}
	}
	return out
}

func TestEveryKindInBothFormatsReadsBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	for _, k := range Kinds {
		for _, format := range []Format{FormatXLSX, FormatCSV} {
			t.Run(string(k)+"."+string(format), func(t *testing.T) {
				o := f.options(k)
				want, err := Build(ctx, f.st, o)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Rows) == 0 {
					t.Fatalf("the fixture gives an empty %s list", k)
				}
				path := filepath.Join(dir, FileName(k, want.Scope, "sv", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), format))
				res, e, err := Export(ctx, f.st, path, o)
				if err != nil {
					t.Fatal(err)
				}
				if res.Rows != len(want.Rows) || res.LeftOut == 0 && k != KindHosts {
					t.Errorf("result %+v", res)
				}
				if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("file mode %v (%v), want 0600", fi.Mode().Perm(), err)
				}
				got := readBack(t, path)
				if !reflect.DeepEqual(got[0], want.Header) {
					t.Errorf("header %q, want %q", got[0], want.Header)
				}
				wantRows := neutralised(want.Rows)
				if format == FormatXLSX {
					wantRows = want.Rows // typed cells: nothing to neutralise
					checkTypes(t, path, want)
				}
				if !reflect.DeepEqual(got[1:], wantRows) {
					t.Errorf("rows differ:\n got %q\nwant %q", got[1:min(4, len(got))], wantRows[:min(3, len(wantRows))])
				}
				if e.Action != "export "+string(k) || e.What != path || !reflect.DeepEqual(e.RecordIDs, want.RecordIDs()) ||
					e.Records != len(want.RecordIDs()) || !strings.Contains(e.Detail, "utelämnade") && k != KindHosts {
					t.Errorf("audit entry %+v", e)
				}
			})
		}
	}
}

func TestProtectedNeverLeavesWithoutOptIn(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	needles := [][]byte{[]byte(secretFirst), []byte(secretLast)}
	for _, p := range f.protected {
		needles = append(needles, []byte(p.ID))
	}
	for _, k := range Kinds {
		for _, ext := range []string{".xlsx", ".csv"} {
			for _, lang := range []string{"sv", "en"} {
				o := f.options(k)
				o.Lang = lang
				path := filepath.Join(dir, string(k)+"-"+lang+ext)
				if _, _, err := Export(ctx, f.st, path, o); err != nil {
					t.Fatal(err)
				}
				for _, b := range fileBytes(t, path) {
					for _, n := range needles {
						if bytes.Contains(b, n) {
							t.Errorf("%s holds %q of a protected pupil", filepath.Base(path), n)
						}
					}
				}
			}
		}
	}
	// The same list with the opt-in names them, and the log says so.
	o := f.options(KindPlacements)
	o.IncludeProtected = true
	path := filepath.Join(dir, "with.csv")
	res, e, err := Export(ctx, f.st, path, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Included == 0 || res.LeftOut != 0 {
		t.Errorf("result %+v", res)
	}
	b, _ := os.ReadFile(path)
	if !bytes.Contains(b, []byte(secretLast)) {
		t.Error("protected pupils missing although included")
	}
	if !strings.Contains(e.Detail, "skyddad identitet medtagen") {
		t.Errorf("audit detail %q does not say protected pupils were included", e.Detail)
	}
}

func TestNeutralise(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+46701234567", "'+46701234567"},
		{"-3", "'-3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"", ""},
		{"08", "08"},
		{"0701234567", "0701234567"},
		{"Anna-Karin", "Anna-Karin"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
		{"Åsa", "Åsa"},
	} {
		if got := Neutralise(c.in); got != c.want {
			t.Errorf("Neutralise(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFormulasAndLeadingZerosInFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, ext := range []string{".csv", ".xlsx"} {
		path := filepath.Join(t.TempDir(), "p"+ext)
		if _, _, err := Export(ctx, f.st, path, Options{Kind: KindPupils}); err != nil {
			t.Fatal(err)
		}
		var row []string
		for _, r := range readBack(t, path) {
			if r[12] == f.formula.ID {
				row = r
			}
		}
		want := []string{"'=1+1", "'@SUM(A1)", "08", "'-3", "'+46701234567", "0012"}
		if ext == ".xlsx" { // typed text cells: no apostrophe shows
			want = []string{"=1+1", "@SUM(A1)", "08", "-3", "+46701234567", "0012"}
		}
		got := []string{row[0], row[1], row[3], row[8], row[9], row[11]}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", ext, got, want)
		}
	}
}

// TestPupilListRoundTrip reads the exported pupil list back into pupils and
// compares them with the Store, and checks that exporting again gives the
// same file.
func TestPupilListRoundTrip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	pupils, _ := f.st.ListPupils(ctx, data.PupilFilter{})
	schools, _ := f.st.ListOrganisations(ctx, data.KindSchool)
	schoolName := map[string]string{}
	for _, s := range schools {
		schoolName[s.ID] = s.Name
	}
	for _, ext := range []string{".csv", ".xlsx"} {
		path := filepath.Join(dir, "a"+ext)
		if _, _, err := Export(ctx, f.st, path, Options{Kind: KindPupils}); err != nil {
			t.Fatal(err)
		}
		rows := readBack(t, path)[1:]
		byID := map[string][]string{}
		for _, r := range rows {
			byID[r[12]] = r
		}
		n := 0
		for _, p := range pupils {
			r, ok := byID[p.ID]
			if p.Protected {
				if ok {
					t.Errorf("protected pupil %s exported", p.ID)
				}
				continue
			}
			n++
			if !ok {
				t.Errorf("pupil %s missing", p.ID)
				continue
			}
			un := func(s string) string { return strings.TrimPrefix(s, "'") }
			birth, err := data.ParseDate(r[5])
			if err != nil {
				t.Fatal(err)
			}
			back := data.Pupil{ID: r[12], LastName: un(r[0]), FirstName: un(r[1]), SchoolID: p.SchoolID, ClassName: r[3],
				Grade: p.Grade, BirthDate: birth, Gender: p.Gender, GuardianName: un(r[8]), GuardianPhone: un(r[9]),
				GuardianEmail: r[10], ExternalID: r[11]}
			if r[2] != schoolName[p.SchoolID] || r[4] != map[int]string{8: "8", 9: "9"}[p.Grade] || r[7] != "nej" {
				t.Errorf("row %q for %+v", r, p)
			}
			if !back.BirthDate.Equal(p.BirthDate) {
				t.Errorf("birth date %v, want %v", back.BirthDate, p.BirthDate)
			}
			back.BirthDate = p.BirthDate
			keep := data.Pupil{ID: p.ID, LastName: p.LastName, FirstName: p.FirstName, SchoolID: p.SchoolID, ClassName: p.ClassName,
				Grade: p.Grade, BirthDate: p.BirthDate, Gender: p.Gender, GuardianName: p.GuardianName,
				GuardianPhone: p.GuardianPhone, GuardianEmail: p.GuardianEmail, ExternalID: p.ExternalID}
			if !reflect.DeepEqual(back, keep) {
				t.Errorf("round trip:\n got %+v\nwant %+v", back, keep)
			}
		}
		if len(rows) != n {
			t.Errorf("%d rows, want %d", len(rows), n)
		}
	}
	// CSV is byte for byte the same the second time.
	a, b := filepath.Join(dir, "1.csv"), filepath.Join(dir, "2.csv")
	for _, p := range []string{a, b} {
		if _, _, err := Export(ctx, f.st, p, Options{Kind: KindPupils}); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) {
		t.Error("two exports of the same pupils differ")
	}
}

func TestFormatAndScope(t *testing.T) {
	for _, c := range []struct {
		path string
		want Format
		ok   bool
	}{{"a.xlsx", FormatXLSX, true}, {"A.XLSX", FormatXLSX, true}, {"b.csv", FormatCSV, true}, {"c.xls", "", false},
		{"d", "", false}, {"e.pdf", "", false}} {
		got, err := FormatOf(c.path)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("FormatOf(%q) = %q, %v", c.path, got, err)
		}
	}
	day := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if got := FileName(KindPupils, "", "sv", day, FormatXLSX); got != "Elever 2026-11-25.xlsx" {
		t.Errorf("file name %q", got)
	}
	if got := FileName(KindPlacements, "Åk 9 v. 46 2026/27", "sv", day, FormatCSV); got != "Placeringar Åk 9 v. 46 2026-27 2026-11-25.csv" {
		t.Errorf("file name %q", got)
	}
	if got := FileName(KindParticipants, "Teknikdag", "en", day, FormatCSV); got != "Participants Teknikdag 2026-11-25.csv" {
		t.Errorf("file name %q", got)
	}
	f := newFixture(t)
	ctx := context.Background()
	for _, k := range []Kind{KindPlacements, KindHosts, KindAttendance, KindParticipants} {
		if _, err := Build(ctx, f.st, Options{Kind: k}); err != ErrScope {
			t.Errorf("%s without a period or event: %v", k, err)
		}
	}
	path := filepath.Join(t.TempDir(), "x.txt")
	if _, _, err := Export(ctx, f.st, path, Options{Kind: KindPupils}); err == nil {
		t.Error("a .txt export worked")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written for an unknown format")
	}
}
