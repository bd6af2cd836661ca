package exchange

import (
	"strings"
	"testing"

	"techniqual/data"
)

// Every field that travels has a Swedish and an English name, so a preview
// or a conflict never shows a column name.
func TestEveryFieldHasAName(t *testing.T) {
	for _, tb := range data.ExchangeTables() {
		for _, f := range tb.Fields {
			n, ok := fieldNames[f]
			if !ok || n[0] == "" || n[1] == "" {
				t.Errorf("%s.%s has no name", tb.Name, f)
			}
		}
	}
	for _, c := range []struct {
		field string
		en    bool
		want  string
	}{
		{"capacity", false, "antal platser"},
		{"capacity", true, "seats"},
		{deletedField, false, "borttagen"},
		{"no_such_field", false, "no_such_field"},
	} {
		if got := FieldName(c.field, c.en); got != c.want {
			t.Errorf("FieldName(%q, %v) = %q, want %q", c.field, c.en, got, c.want)
		}
	}
}

// TestFileName: a file's name says what it is, who sent it and when, and
// nothing in a sender's name can make it a path or hide a part of it.
func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		who  string
		en   bool
		want string
	}{
		{KindHostForm, "Alsters Kodverkstad AB", false, "Värdformulär Alsters Kodverkstad AB 2026-12-05.techniqual"},
		{KindSchool, "Älvkulleskolan", true, "School file Älvkulleskolan 2026-12-05.techniqual"},
		{KindResults, "../../etc/passwd", false, "Resultat etc passwd 2026-12-05.techniqual"},
		{KindHost, "A\\B:C*D?\"E<F>G|H\x00\n\u202eI\u200bJ", false, "Värdfil A B C D E F G H I J 2026-12-05.techniqual"},
		{KindHostForm, "...", false, "Värdformulär 2026-12-05.techniqual"},
	} {
		if got := FileName(tc.kind, tc.who, "2026-12-05", tc.en); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.who, got, tc.want)
		}
	}
	if n := []rune(FileName(KindHostForm, strings.Repeat("Å", 300), "2026-12-05", false)); len(n) > 120 {
		t.Errorf("name of %d characters", len(n))
	}
}
