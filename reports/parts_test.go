package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"techniqual/data"
)

// withPartPages prints in parts of n pages for the rest of the test.
func withPartPages(t *testing.T, n int) {
	t.Helper()
	old := partPages
	partPages = n
	t.Cleanup(func() { partPages = old })
}

// pdfInfo is what pdfinfo says of a PDF, by key.
func pdfInfo(t *testing.T, pdf []byte) map[string]string {
	t.Helper()
	needTool(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "info.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// A document printed in parts reads back page for page as the same
// document printed whole, passes qpdf --check and keeps its title, author
// and page count, for every kind and every size of part.
func TestPartsMergeIntoTheSameDocument(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	wk := newWeek().docs()
	type doc struct {
		name  string
		write func(*bytes.Buffer) error
	}
	var cases []doc
	for _, k := range Kinds {
		cases = append(cases, doc{string(k), func(b *bytes.Buffer) error { return Write(b, k, docs, Options{Fixed: fixed}) }})
	}
	for _, k := range []WeekKind{KindWeekSchedules, KindTeamSheets, KindHostRunsheets} {
		cases = append(cases, doc{string(k), func(b *bytes.Buffer) error { return WriteWeek(b, k, wk, Options{Fixed: fixed, Lang: "en"}) }})
	}
	for _, c := range cases {
		whole := renderBytes(t, c.write)
		want := layoutPages(t, whole)
		wantInfo := pdfInfo(t, whole)
		for _, n := range []int{1, 2, 3} {
			withPartPages(t, n)
			merged := renderBytes(t, c.write)
			if n < len(want) && bytes.Equal(merged, whole) {
				t.Errorf("%s in parts of %d: not merged at all", c.name, n)
			}
			if got := layoutPages(t, merged); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in parts of %d pages reads\n%q\nwant\n%q", c.name, n, got, want)
			}
			info := pdfInfo(t, merged)
			for _, k := range []string{"Title", "Author", "Creator", "Pages", "Page size", "CreationDate"} {
				if info[k] != wantInfo[k] {
					t.Errorf("%s in parts of %d: %s %q, want %q", c.name, n, k, info[k], wantInfo[k])
				}
			}
			if again := renderBytes(t, c.write); !bytes.Equal(again, merged) {
				t.Errorf("%s in parts of %d: two runs differ", c.name, n)
			}
		}
		partPages = 1000
	}
}

// A document that fits in one part is printed as it always was: the same
// bytes whatever the size of a part beyond it.
func TestOnePartIsPrintedAsBefore(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	var a, b bytes.Buffer
	if err := Schedules(&a, docs, Options{Fixed: fixed}); err != nil {
		t.Fatal(err)
	}
	withPartPages(t, 2*len(docs)+10)
	if err := Schedules(&b, docs, Options{Fixed: fixed}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("one part differs from the document printed whole")
	}
}

// A cancelled print of many parts writes nothing to the writer and leaves
// no spool file; one to a file leaves neither the file nor its temporary.
func TestCancelledPartsLeaveNothing(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	withPartPages(t, 1)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var b bytes.Buffer
	_, err := WriteContext(ctx, &b, KindSchedules, docs, Options{}, func(done, _ int) {
		if done == len(docs)-1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes written", err, b.Len())
	}
	if es, _ := os.ReadDir(tmp); len(es) != 0 {
		t.Errorf("%d spool files left", len(es))
	}

	dir := filepath.Join(t.TempDir(), "out")
	path := filepath.Join(dir, "alla.pdf")
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	_, err = WriteFileContext(ctx2, path, KindSchedules, docs, Options{}, func(done, _ int) {
		if done == len(docs)-1 {
			cancel2()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("file: err = %v", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("%d files left in the folder after a cancelled print", len(es))
	}
	// Not cancelled: the spooled copy reaches the writer whole.
	pages, err := WriteContext(context.Background(), &b, KindSchedules, docs, Options{Fixed: fixed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pdfPages(t, b.Bytes())); got != pages || pages < 3 {
		t.Errorf("%d pages printed, the PDF has %d", pages, got)
	}
	if _, err := WriteFileContext(context.Background(), path, KindSchedules, docs, Options{Fixed: fixed}, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v, %v", fi, err)
	}
	written, _ := os.ReadFile(path)
	if !bytes.Equal(written, b.Bytes()) {
		t.Error("the file differs from the PDF written to a writer")
	}
}

// The merger refuses what it cannot read instead of writing a broken file.
func TestMergerRefusesAnUnknownPart(t *testing.T) {
	for _, part := range [][]byte{nil, []byte("not a PDF"), []byte("%PDF-1.3\nxref\n0 1\nstartxref\n9\n%%EOF\n")} {
		var b bytes.Buffer
		if err := newMerger(&b).add(part); !errors.Is(err, errPart) {
			t.Errorf("%q: err = %v", part, err)
		}
	}
}

func TestRenumber(t *testing.T) {
	renum := []int{0, 1, 7, 8, 9}
	cases := []struct{ in, want string }{
		{"<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Contents 4 0 R>>", "<</Type /Page\n/Parent 1 0 R\n/Resources 7 0 R\n/Contents 9 0 R>>"},
		{"/DescendantFonts [3 0 R]", "/DescendantFonts [8 0 R]"},
		{"/F13 0 R", "/F13 0 R"},                                 // a name, not a number
		{"/Title (2 0 R \\) 3 0 R)", "/Title (2 0 R \\) 3 0 R)"}, // inside a string
		{"/W [ 13 13 260 32 [ 260 ] ]", "/W [ 13 13 260 32 [ 260 ] ]"},
		{"/Length 3 0 Rx", "/Length 3 0 Rx"},
	}
	for _, c := range cases {
		got, err := renumber([]byte(c.in), renum)
		if err != nil || string(got) != c.want {
			t.Errorf("renumber(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := renumber([]byte("/X 12 0 R"), renum); !errors.Is(err, errPart) {
		t.Errorf("a reference to an unknown object: err = %v", err)
	}
}
