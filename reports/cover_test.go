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
		{"علي محمد", []rune("عليمحد")},
		{"李小龍", []rune("李小龍")},
		{"דוד כהן", []rune("דוכהן")},
		{"Ali\u202Eevil\u200B", nil}, // direction and zero-width marks are dropped, not boxes
		{"Anna 🚀", []rune("🚀")},
		{"bad \xff byte", []rune{'\uFFFD'}},
	} {
		if got := Unprintable(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Unprintable(%q) = %q, want %q", c.in, string(got), string(c.want))
		}
	}
	got := UnprintableNames([]string{"Åsa Berg", "李小龍", "علي محمد", "李小龍", ""})
	if !reflect.DeepEqual(got, []string{"李小龍", "علي محمد"}) {
		t.Errorf("UnprintableNames = %q", got)
	}
}
