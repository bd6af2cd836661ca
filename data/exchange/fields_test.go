package exchange

import (
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
