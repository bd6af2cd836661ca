package classlist

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzRead feeds the reader arbitrary bytes: it must never panic, and no
// message it gives may show more digits than a masked personnummer.
func FuzzRead(f *testing.F) {
	f.Add([]byte("Förnamn;Efternamn;Klass;Personnummer\nAda;Berg;8A;20120304-4710\n"))
	f.Add([]byte("Namn,Klass\n\"Berg, Anna\",8A\n\"Ek, \"\"Bo\"\"\",9B\n"))
	f.Add([]byte("sep=\t\nFirst name\tLast name\tClass\nA\tB\t8C\n"))
	f.Add([]byte("\xEF\xBB\xBFElev;Klass;Kön\n\"oavslutad;8A;F\n"))
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read(b, ReadOptions{})
		if err != nil {
			return
		}
		for i := range tb.Columns {
			tb.Samples(i, 3)
		}
		rows, _, err := parseRows(tb, Options{Mapping: tb.Mapping(), School: "Skolan", Today: today})
		if err != nil {
			return
		}
		for _, r := range rows {
			for _, e := range r.Errors {
				for _, v := range e.Data {
					nd := 0
					for i := 0; i < len(v); i++ {
						if v[i] >= '0' && v[i] <= '9' {
							nd++
						}
					}
					if nd >= 10 {
						t.Fatalf("message shows %d digits: %s", nd, e.Error())
					}
				}
			}
		}
	})
}

// FuzzPersonnummer: any string is refused or gives a date; never a panic,
// and the mask never shows more than the date.
func FuzzPersonnummer(f *testing.F) {
	for _, s := range []string{"20120304-4710", "120304+4710", "201205714710", "1203044710", "", "-", "12030-44710"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		BirthDateFromPersonnummer(s, today)
		m := MaskPersonnummer(s)
		nd := 0
		for i := 0; i < len(m); i++ {
			if m[i] >= '0' && m[i] <= '9' {
				nd++
			}
		}
		if nd > 8 {
			t.Fatalf("mask of %q shows %d digits", s, nd)
		}
	})
}

// plainCases are texts without quotes that encoding/csv reads in ways easy
// to get wrong: line ends, empty lines, separators at the ends.
var plainCases = []string{
	"", "\n", "\r\n", "a", "a\n", "a\r\n", "a\r", "a\rb\n", "a;b;c\r\nd;e\r\n\r\n\r\nf",
	";;\n;\n", "x\r\r\n", "\n\n\na;b\n\nc;d", " a ; b \n", "a\tb,c;d\n", "\r", "\r\r", "a\n\r\nb",
	"Förnamn;Efternamn\r\nÅsa;Ström\r\n", "a;b\x00c\n", "last line without end;x",
}

// TestSplitPlain: text without quotes is split as encoding/csv splits it,
// records, cells and lines, with and without a limit.
func TestSplitPlain(t *testing.T) {
	for _, text := range plainCases {
		for _, sep := range []rune{';', ',', '\t'} {
			for _, limit := range []int{-1, 1, 2, 60} {
				comparePlain(t, text, sep, limit)
			}
		}
	}
}

// FuzzSplitPlain holds the fast split of quote-free text to encoding/csv.
func FuzzSplitPlain(f *testing.F) {
	for _, c := range plainCases {
		f.Add(c, 2)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if strings.IndexByte(text, '"') >= 0 || limit > 100 || limit < -1 || limit == 0 {
			return
		}
		for _, sep := range []rune{';', ',', '\t'} {
			comparePlain(t, text, sep, limit)
		}
	})
}

func comparePlain(t *testing.T, text string, sep rune, limit int) {
	t.Helper()
	want, wantLines, err := readRecords(text, sep, limit)
	if err != nil {
		t.Fatalf("%q: encoding/csv: %v", text, err)
	}
	got, gotLines := splitPlain(text, byte(sep), limit)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotLines, wantLines) {
		t.Errorf("%q sep %q limit %d:\n got %q %v\nwant %q %v", text, sep, limit, got, gotLines, want, wantLines)
	}
}
