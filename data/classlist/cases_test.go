package classlist

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"techniqual/data"
)

// The cases of issue #15 that a class list must meet: each was a file that
// imported wrongly (or without a word) before.

// swedish says err in Swedish, or "" for none.
func swedish(err error) string {
	var fe *FileError
	var re *RowErrors
	switch {
	case err == nil:
		return ""
	case errors.As(err, &fe):
		return fe.Swedish()
	case errors.As(err, &re):
		var out []string
		for _, e := range re.Errors {
			out = append(out, e.Swedish())
		}
		return strings.Join(out, "\n")
	}
	return err.Error()
}

// TestProtectionInAnyColumn (case 6): every column that marks protected
// identity counts, in any order and under any name that says so; a value
// that cannot be read refuses the file, naming line and column, even when
// bad rows are skipped.
func TestProtectionInAnyColumn(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, text string }{
		{"second of two", "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nAda;Berg;8A;;Ja\n"},
		{"first of two", "Förnamn;Efternamn;Klass;Skyddad identitet;Sekretessmarkering\nAda;Berg;8A;Ja;\n"},
		{"other order", "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nAda;Berg;8A;Ja;Nej\n"},
		{"three columns", "Skyddad;Förnamn;Sekretess;Efternamn;Klass;Skyddade personuppgifter\n;Ada;;Berg;8A;X\n"},
		{"unlisted name", "Förnamn;Efternamn;Klass;Sekretessmarkerad (J/N)\nAda;Berg;8A;J\n"},
		{"value names it", "Förnamn;Efternamn;Klass;Sekretessmarkering\nAda;Berg;8A;Sekretessmarkerad\n"},
	} {
		st, _ := openStore(t)
		tb, err := Read([]byte(c.text), ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if _, err := Import(ctx, st, tb, Options{School: "S", Today: today}, false); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p := pupils(t, st)[0]; !p.Protected {
			t.Errorf("%s: Ada imported unprotected", c.name)
		}
	}
	text := "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nBo;Ek;8A;;Nej\nAda;Berg;8A;;kanske\n"
	tb, err := Read([]byte(text), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := openStore(t)
	for _, skip := range []bool{false, true} {
		_, err := Import(ctx, st, tb, Options{School: "S", Today: today}, skip)
		want := "rad 3, kolumn Skyddad identitet: ”kanske” ska vara Ja eller Nej. Om skyddad identitet inte kan läsas importeras ingenting."
		if got := swedish(err); got != want {
			t.Errorf("skip %v: %q, want %q", skip, got, want)
		}
		if _, err := BuildPreview(ctx, st, tb, Options{School: "S", Today: today}); err == nil {
			t.Error("the preview shows a file whose protection cannot be read")
		}
	}
	if n := len(pupils(t, st)); n != 0 {
		t.Errorf("%d pupils imported from a refused file", n)
	}
}

// TestNoPersonnummerInAnyField (case 7): a personnummer in a name, a class,
// a school or a guardian's phone is taken out with a note; in needs and
// notes all but the date is masked; none reaches the database file.
func TestNoPersonnummerInAnyField(t *testing.T) {
	ctx := context.Background()
	anna, klass, phone, note := pnr(t, "20120210", "964"), pnr(t, "20120128", "626"), pnr(t, "19800101", "123"), pnr(t, "20120305", "111")
	text := "Förnamn;Efternamn;Klass;Vårdnadshavare telefon;Anteckningar;Skola\n" +
		"Anna " + anna[2:8] + "-" + anna[8:] + ";Berg;8A " + klass[:8] + "-" + klass[8:] + ";" + phone + ";född " + note + ";Norra " + note[2:] + "\n"
	tb, err := Read([]byte(text), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, path := openStore(t)
	res, err := Import(ctx, st, tb, Options{School: "S", Today: today}, false)
	if err != nil {
		t.Fatal(err)
	}
	p := pupils(t, st)[0]
	if p.FirstName != "Anna" || p.ClassName != "8A" || p.GuardianPhone != "" || p.Notes != "född "+note[:8]+"****" {
		t.Errorf("pupil %+v", p)
	}
	schools, _ := st.ListOrganisations(ctx, data.KindSchool)
	if len(schools) != 1 || schools[0].Name != "Norra" {
		t.Errorf("schools %+v", schools)
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Swedish())
	}
	want := []string{
		"rad 2, kolumn Förnamn: ett personnummer togs bort ur fältet; bara resten sparas",
		"rad 2, kolumn Klass: ett personnummer togs bort ur fältet; bara resten sparas",
		"rad 2, kolumn Skola: ett personnummer togs bort ur fältet; bara resten sparas",
		"rad 2, kolumn Vårdnadshavare telefon: ett personnummer togs bort ur fältet; bara resten sparas",
		"rad 2, kolumn Anteckningar: ett personnummer togs bort ur fältet; bara resten sparas",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
	st.Close()
	if found := leaks(t, path, []string{anna, klass, phone, note}); len(found) > 0 {
		t.Errorf("leak: %v", found)
	}
}

// TestNamesAndColumns (case 8): a row without a first or a last name is an
// error with its line; an unknown column refuses the file, naming it,
// unless it is named to be ignored.
func TestNamesAndColumns(t *testing.T) {
	ctx := context.Background()
	st, _ := openStore(t)
	tb, err := Read([]byte("Fnamn;Efternamn;Klass\nAda;Berg;8A\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(ctx, st, tb, Options{School: "S", Today: today}, false)
	if got := swedish(err); got != "Okända kolumner: Fnamn. Ange vad de innehåller, eller att de inte ska importeras." {
		t.Errorf("unknown column: %q", got)
	}
	_, err = Import(ctx, st, tb, Options{School: "S", Today: today, IgnoreColumns: []string{"FNAMN"}}, false)
	if got := swedish(err); got != "rad 2: förnamn saknas" {
		t.Errorf("ignored first-name column: %q", got)
	}
	tb, err = Read([]byte("Förnamn;Efternamn;Klass\nAda;Berg;8A\n;Öberg;8C\nBo;;8C\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(ctx, st, tb, Options{School: "S", Today: today}, false)
	if got := swedish(err); got != "rad 3, kolumn Förnamn: förnamn saknas\nrad 4, kolumn Efternamn: efternamn saknas" {
		t.Errorf("missing names: %q", got)
	}
	if n := len(pupils(t, st)); n != 0 {
		t.Errorf("%d pupils imported", n)
	}
}

// TestMixedEncodings (case 9): a file whose lines are partly UTF-8, partly
// Latin-1 is refused naming both lines; told the encoding, it is read.
func TestMixedEncodings(t *testing.T) {
	b := append([]byte("Förnamn;Efternamn;Klass\nAda;Öberg;8A\n"), latin1(t, "Åsa;Ström;8B\n")...)
	_, err := Read(b, ReadOptions{})
	if got := swedish(err); !strings.Contains(got, "rad 1 är UTF-8 men rad 3 är det inte") {
		t.Errorf("mixed: %q", got)
	}
	if !errors.Is(err, ErrMixedEncoding) {
		t.Errorf("mixed: %v is not ErrMixedEncoding", err)
	}
	// Told the encoding, the file is read in it: the user sees the result.
	if tb, err := Read(b, ReadOptions{Encoding: EncodingUTF8}); err != nil || tb.Records[1].Cells[0] != "\uFFFDsa" {
		t.Errorf("told UTF-8: %+v %v", tb, err)
	}
	tb, err := Read(b, ReadOptions{Encoding: EncodingWindows1252})
	if err != nil || len(tb.Records) != 2 || tb.Records[1].Cells[0] != "Åsa" {
		t.Errorf("told Windows-1252: %+v %v", tb, err)
	}
}

// TestMisleadingMessages (case 12): an unterminated quote is named with its
// line, a file too large as such.
func TestMisleadingMessages(t *testing.T) {
	_, err := Read([]byte("Förnamn;Efternamn;Klass\nAda;Berg;8A\n\"Bo;Ek;8A\nCai;Lund;9B\n"), ReadOptions{})
	if got := swedish(err); !strings.HasPrefix(got, "rad 3: ett citattecken (\") öppnar ett fält som aldrig stängs") {
		t.Errorf("unterminated quote: %q", got)
	}
	// Quotes that close, and a quote inside a field, are fine.
	tb, err := Read([]byte("Förnamn;Efternamn;Klass\n\"Ada\";\"Berg; Ek\";8A\nBo \"Nisse\";Ek;8A\n\"Cai \"C\" D\";Lund;9B\n"), ReadOptions{})
	if err != nil || len(tb.Records) != 3 || tb.Records[0].Cells[1] != "Berg; Ek" {
		t.Errorf("quotes: %+v %v", tb, err)
	}
	path := filepath.Join(t.TempDir(), "stor.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Förnamn;Efternamn;Klass\n")
	f.Truncate(70 << 20)
	f.Close()
	_, err = ReadFile(path, ReadOptions{})
	if got := swedish(err); got != "Filen är för stor (70 MB) för att vara en klasslista; högst 32 MB läses." {
		t.Errorf("70 MB: %q", got)
	}
}

// TestCaps (case 11): rows, columns and cells are bounded; a list over them
// is refused.
func TestCaps(t *testing.T) {
	list := func(n int) []byte {
		var b strings.Builder
		b.WriteString("Förnamn;Efternamn;Klass\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "Ada%d;Berg;8A\n", i)
		}
		return []byte(b.String())
	}
	for _, c := range []struct {
		name string
		in   []byte
		opts ReadOptions
		want string
	}{
		{"default cap", list(DefaultMaxRows + 1), ReadOptions{}, "Filen har fler än 20000 rader"},
		{"own cap", list(26), ReadOptions{MaxRows: 25}, "Filen har fler än 25 rader"},
		{"wide", []byte("Förnamn;Efternamn;Klass\nA;B;8A" + strings.Repeat(";x", MaxColumns) + "\n"), ReadOptions{}, "rad 2 har 203 kolumner"},
		{"long cell", []byte("Förnamn;Efternamn;Klass\nA;" + strings.Repeat("x", MaxCellChars+1) + ";8A\n"), ReadOptions{}, "rad 2, kolumn 2: cellen har fler än 10000 tecken"},
	} {
		if got := swedish(func() error { _, err := Read(c.in, c.opts); return err }()); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if tb, err := Read(list(DefaultMaxRows), ReadOptions{}); err != nil || len(tb.Records) != DefaultMaxRows {
		t.Errorf("a list of %d rows: %v", DefaultMaxRows, err)
	}
}

// xlsxWithSheet writes an XLSX file whose first sheet holds a header and n
// copies of row: a zip bomb when n is large. The sheet is deflated once a
// chunk and the chunk's blocks repeated (each is flushed to a byte boundary
// and refers only to itself), so that a bomb is made in milliseconds.
func xlsxWithSheet(t testing.TB, row string, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Förnamn", "Efternamn", "Klass"})
	base, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	deflate := func(b []byte, final bool) []byte {
		var out bytes.Buffer
		w, _ := flate.NewWriter(&out, flate.BestCompression)
		w.Write(b)
		if final {
			w.Close()
		} else {
			w.Flush()
		}
		return out.Bytes()
	}
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row><c t="inlineStr"><is><t>Förnamn</t></is></c><c t="inlineStr"><is><t>Efternamn</t></is></c><c t="inlineStr"><is><t>Klass</t></is></c></row>`)
	tail := []byte(`</sheetData></worksheet>`)
	per := min(n, 10000)
	chunk := []byte(strings.Repeat(row, per))
	var body bytes.Buffer
	body.Write(deflate(head, false))
	packed := deflate(chunk, false)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for i := 0; i < n/per; i++ {
		body.Write(packed)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	body.Write(deflate(tail, true))
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	size := uint64(len(head) + len(tail) + len(chunk)*(n/per))

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: uint64(body.Len()), UncompressedSize64: size})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(body.Bytes())
			continue
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := e.Open()
		io.Copy(w, r)
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestZipBomb (case 11): an XLSX of well under a megabyte that unpacks to
// 1.5 million pupils is refused in under a second, by the sizes its
// directory declares; one under the size cap with too many rows is refused
// as soon as the row cap is passed, without reading the rest.
func TestZipBomb(t *testing.T) {
	row := `<row><c t="inlineStr"><is><t>Ada</t></is></c><c t="inlineStr"><is><t>Berg</t></is></c><c t="inlineStr"><is><t>8A</t></is></c></row>`
	bomb := xlsxWithSheet(t, row, 1500000)
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	start := time.Now()
	_, err := Read(bomb, ReadOptions{})
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing the bomb took %v", d)
	}
	if got := swedish(err); !strings.HasPrefix(got, "Excel-filen skulle packas upp till mer än 128 MB") {
		t.Errorf("bomb: %q", got)
	}
	many := xlsxWithSheet(t, row, 200000)
	start = time.Now()
	_, err = Read(many, ReadOptions{})
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing 200,000 rows took %v", d)
	}
	if got := swedish(err); !strings.HasPrefix(got, "Filen har fler än 20000 rader") {
		t.Errorf("200,000 rows: %q", got)
	}
	tb, err := Read(xlsxWithSheet(t, row, 2000), ReadOptions{})
	if err != nil || len(tb.Records) != 2000 {
		t.Errorf("2,000 rows: %v", err)
	}
}

// TestGenderFromPersonnummer (issue #17): only when asked, the legal sex
// the personnummer records (second-to-last digit: odd a man, even a woman)
// becomes the gender of a pupil whose list states none, with a note; a
// stated or recorded gender is kept; the number is never stored.
func TestGenderFromPersonnummer(t *testing.T) {
	ctx := context.Background()
	odd, even, stated := pnr(t, "20120304", "471"), pnr(t, "20120305", "482"), pnr(t, "20120306", "493")
	text := "Förnamn;Efternamn;Klass;Personnummer;Kön\nAda;Berg;8A;" + even + ";\nBo;Ek;8A;" + odd + ";\nCai;Lund;8A;" + stated + ";F\nDan;Ås;8A;;\n"
	tb, err := Read([]byte(text), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, path := openStore(t)
	if _, err := Import(ctx, st, tb, Options{School: "S", Today: today}, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range pupils(t, st) {
		if (p.FirstName == "Cai") != (p.Gender == data.GenderGirl) || (p.FirstName != "Cai" && p.Gender != data.GenderUnspecified) {
			t.Errorf("not asked: %s is %s", p.FirstName, p.Gender)
		}
	}
	res, err := Import(ctx, st, tb, Options{School: "S", Today: today, GenderFromPersonnummer: true}, false)
	if err != nil || res.GenderFromPnr != 2 || len(res.Notes) != 2 || res.Notes[0].Swedish() != "rad 2, kolumn Personnummer: juridiskt kön taget från personnumret (girl)" {
		t.Fatalf("asked: %+v %v", res, err)
	}
	want := map[string]data.Gender{"Ada": data.GenderGirl, "Bo": data.GenderBoy, "Cai": data.GenderGirl, "Dan": data.GenderUnspecified}
	for _, p := range pupils(t, st) {
		if p.Gender != want[p.FirstName] {
			t.Errorf("asked: %s is %s, want %s", p.FirstName, p.Gender, want[p.FirstName])
		}
	}
	// A gender set by hand is not replaced by the number's.
	bo := byName(t, pupils(t, st), "Bo", "Ek")
	bo.Gender = data.GenderOther
	if err := st.SavePupil(ctx, &bo); err != nil {
		t.Fatal(err)
	}
	if res, err := Import(ctx, st, tb, Options{School: "S", Today: today, GenderFromPersonnummer: true}, false); err != nil || res.GenderFromPnr != 0 {
		t.Fatalf("again: %+v %v", res, err)
	}
	if bo := byName(t, pupils(t, st), "Bo", "Ek"); bo.Gender != data.GenderOther {
		t.Errorf("Bo's gender set by hand became %s", bo.Gender)
	}
	st.Close()
	if found := leaks(t, path, []string{odd, even, stated}); len(found) > 0 {
		t.Errorf("leak: %v", found)
	}
}

// TestDirectionCharactersStripped (case 15): direction overrides and
// zero-width characters do not survive an import.
func TestDirectionCharactersStripped(t *testing.T) {
	ctx := context.Background()
	tb, err := Read([]byte("Förnamn;Efternamn;Klass\n\u202Eanna;Be\u200Brg;8\u2066A\n\u2067علي;محمد;9B\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := openStore(t)
	if _, err := Import(ctx, st, tb, Options{School: "S", Today: today}, false); err != nil {
		t.Fatal(err)
	}
	ps := pupils(t, st)
	byName(t, ps, "anna", "Berg")
	byName(t, ps, "علي", "محمد")
	for _, p := range ps {
		if p.ClassName != "8A" && p.ClassName != "9B" {
			t.Errorf("class %q", p.ClassName)
		}
	}
}
