package reports

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"techniqual/data"
)

func testMetrics(t testing.TB) *metrics {
	t.Helper()
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestClean(t *testing.T) {
	m := testMetrics(t)
	for _, c := range []struct {
		in        string
		multiline bool
		want      string
	}{
		{"Bartłomiej Şahin Nguyễn", false, "Bartłomiej Şahin Nguyễn"},
		{"plain ascii", false, "plain ascii"},
		{"Jose\u0301", false, "José"},
		{"Saga 😀", false, "Saga \uFFFD"},
		{"👩🏽‍💻 kodar", false, "\uFFFD kodar"}, // one cluster, one replacement
		{"🇸🇪🇳🇴", false, "\uFFFD"},
		{"a\tb", false, "a b"},
		{"rad ett\r\nrad två", false, "rad ett rad två"},
		{"rad ett\r\nrad två", true, "rad ett\nrad två"},
		{"noll\x00byte\x1b", false, "nollbyte"},
		{"fel \xff\xfe här", false, "fel \uFFFD här"},
		{"\u202Eevil\u202C", false, "evil"},
		{"mjuk\u00ADbindestreck", false, "mjukbindestreck"},
		{"你好", false, "你好"},                                 // Droid Sans Fallback
		{"김민준 สมชาย", false, "\uFFFD \uFFFD"},               // no font has Hangul or Thai
		{"علي", false, "\uFECB\uFEE0\uFEF2"},                // joined: initial, medial, final
		{"\uFECB\uFEE0\uFEF2", false, "\uFECB\uFEE0\uFEF2"}, // shaped text stays as it is
		{"kr\u00A0100", false, "kr\u00A0100"},
	} {
		got := m.clean(c.in, c.multiline)
		if got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, r := range got {
			if r != '\n' && !m.hasRune(r) {
				t.Errorf("clean(%q) kept %U, which the font lacks", c.in, r)
			}
		}
	}
}

func TestWrapKeepsEveryLineInsideTheWidth(t *testing.T) {
	m := testMetrics(t)
	for _, c := range []struct {
		name  string
		in    string
		width float64
		lines int // 0: do not check
	}{
		{"short", "Hej på dig", 100, 1},
		{"two paragraphs", "Första stycket.\n\nAndra stycket.", 100, 3},
		{"long word", strings.Repeat("Lång", 100), 50, 0},
		{"narrow", "a b c d e f", 1, 6},
		{"empty", "   \n  ", 100, 0},
		{"journey", strings.Repeat(modelJourney+" ", 5), 150, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := m.wrap(c.in, regular, 10, c.width)
			if c.lines > 0 && len(lines) != c.lines {
				t.Errorf("%d lines, want %d: %q", len(lines), c.lines, lines)
			}
			var all []string
			for _, l := range lines {
				if w := m.textWidth(l, regular, 10); w > c.width+0.001 && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %.1f mm wide, more than %.1f", l, w, c.width)
				}
				all = append(all, l)
			}
			if strings.Join(strings.Fields(strings.Join(all, "")), "") != strings.Join(strings.Fields(c.in), "") {
				t.Errorf("wrapping lost or added text: %q", lines)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	m := testMetrics(t)
	s := m.truncate(strings.Repeat("Åberg ", 40), bold, 17, 100)
	if !strings.HasSuffix(s, "…") || m.textWidth(s, bold, 17) > 100 {
		t.Errorf("truncate = %q (%.1f mm)", s, m.textWidth(s, bold, 17))
	}
	if got := m.truncate("Kort", regular, 10, 100); got != "Kort" {
		t.Errorf("short text changed: %q", got)
	}
}

func TestCompressPages(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	var plain bytes.Buffer
	wr, err := newWriter(Options{Fixed: fixed}, "test")
	if err != nil {
		t.Fatal(err)
	}
	u := &unit{m: wr.m, l: wr.l}
	for _, d := range docs {
		layoutSchedule(u, d)
		wr.emit(u)
	}
	if err := wr.pdf.Output(&plain); err != nil {
		t.Fatal(err)
	}
	var small bytes.Buffer
	if err := compressPages(plain.Bytes(), &small); err != nil {
		t.Fatal(err)
	}
	if small.Len() >= plain.Len()*2/3 {
		t.Errorf("compressed %d bytes to %d only", plain.Len(), small.Len())
	}
	a, b := strings.Join(pdfPages(t, plain.Bytes()), "\f"), strings.Join(pdfPages(t, small.Bytes()), "\f")
	if a != b || !strings.Contains(b, "Alva Şahin") {
		t.Errorf("compressed text differs from the original")
	}
	// Anything that is not fpdf's plain layout is copied unchanged.
	for _, in := range [][]byte{nil, []byte("%PDF-1.3\nnot really"), []byte("startxref\n12\n%%EOF\n"), small.Bytes()} {
		var out bytes.Buffer
		if err := compressPages(in, &out); err != nil || !bytes.Equal(out.Bytes(), in) && !bytes.Equal(in, small.Bytes()) {
			t.Errorf("input %.20q was not copied unchanged", in)
		}
	}
}
