package reports

import (
	"reflect"
	"testing"
)

func TestUnprintable(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []rune
	}{
		{"Åsa Öberg-Şahin", nil},
		{"Zoë Ångström Wiśniewski Ђорђе Σοφία", nil},
		{"علي محمد", nil}, // Noto Sans Arabic
		{"דוד כהן", nil},  // Noto Sans Hebrew
		{"李小龍", nil},      // Droid Sans Fallback
		{"สมชาย", []rune("สมชาย")},
		{"김민준", []rune("김민준")},
		{"Ali\u202Eevil\u200B", nil}, // direction and zero-width marks are dropped, not boxes
		{"Anna 🚀", []rune("🚀")},
		{"bad \xff byte", []rune{'\uFFFD'}},
	} {
		if got := Unprintable(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Unprintable(%q) = %q, want %q", c.in, string(got), string(c.want))
		}
	}
	got := UnprintableNames([]string{"Åsa Berg", "김민준", "علي محمد", "สมชาย", "김민준", ""})
	if !reflect.DeepEqual(got, []string{"김민준", "สมชาย"}) {
		t.Errorf("UnprintableNames = %q", got)
	}
}
