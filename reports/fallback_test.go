package reports

import (
	"bytes"
	"testing"

	"techniqual/data"
)

func TestShapeArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// علي: ain initial, lam medial, yeh final.
		{"علي", "\uFECB\uFEE0\uFEF2"},
		// محمد: meem initial, hah medial, meem medial, dal final.
		{"محمد", "\uFEE3\uFEA4\uFEE4\uFEAA"},
		// سلام: seen initial, lam+alef ligature final, meem isolated.
		{"سلام", "\uFEB3\uFEFC\uFEE1"},
		// دار: dal and alef join only backwards: dal isolated, alef isolated... reh isolated.
		{"دار", "\uFEA9\uFE8D\uFEAD"},
		{"Anna", "Anna"},
	} {
		got := shapeArabic(c.in)
		if got != c.want {
			t.Errorf("shapeArabic(%q) = %U, want %U", c.in, []rune(got), []rune(c.want))
		}
		if again := shapeArabic(got); again != got {
			t.Errorf("shaping %q twice changes it", c.in)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Anna Berg", "Anna Berg"},
		{"דוד כהן", "ןהכ דוד"},
		{"Elev: דוד כהן, 8B", "Elev: ןהכ דוד, 8B"},
		{"(דוד)", "(דוד)"}, // the brackets lie outside the stretch
		{"דוד (כהן)", "(ןהכ) דוד"},
	} {
		if got := visual(c.in); got != c.want {
			t.Errorf("visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNamesInEveryScriptPrint: Arabic, Hebrew and Chinese names print in
// their own letters (read back from the PDF), not as "�".
func TestNamesInEveryScriptPrint(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	names := []string{"李小龍", "דוד", "علي"}
	for i := range docs {
		docs[i].Pupil.FirstName = names[i%len(names)]
		docs[i].Pupil.Protected = false
	}
	pdf := renderBytes(t, func(b *bytes.Buffer) error {
		return HostConfirmations(b, data.GroupByOffer(docs), Options{Fixed: fixed})
	})
	text := flat(string(bytes.Join(func() [][]byte {
		var out [][]byte
		for _, p := range pdfPages(t, pdf) {
			out = append(out, []byte(p))
		}
		return out
	}(), []byte(" "))))
	if bytes.ContainsRune([]byte(text), Replacement) {
		t.Errorf("a name printed as %q:\n%s", Replacement, text)
	}
	for _, want := range []string{"李小龍", "ﻋﻠﻲ"} {
		if !bytes.Contains([]byte(text), []byte(want)) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if !bytes.Contains([]byte(text), []byte("דוד")) {
		t.Errorf("the PDF's text lacks the Hebrew name:\n%s", text)
	}
	for _, font := range []string{"notoarabic", "notohebrew", "droidcjk"} {
		if !bytes.Contains(pdf, []byte(font)) {
			t.Errorf("the PDF does not embed %s", font)
		}
	}
}
