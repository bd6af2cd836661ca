package data

import (
	"fmt"
	"testing"
)

func TestAtRowAndRowErrorsText(t *testing.T) {
	for _, c := range []struct {
		line    int
		column  string
		swedish bool
		want    string
	}{
		{14, "Klass", true, "rad 14, kolumn Klass: fel"},
		{14, "", true, "rad 14: fel"},
		{3, "Val 1", false, "line 3, column Val 1: fel"},
		{3, "", false, "line 3: fel"},
	} {
		if got := AtRow(c.line, c.column, "fel", c.swedish); got != c.want {
			t.Errorf("AtRow = %q, want %q", got, c.want)
		}
	}
	text := func(i int) string { return fmt.Sprint("e", i) }
	if got := RowErrorsText(2, text); got != "2 errors, nothing imported: e0; e1" {
		t.Errorf("two errors: %q", got)
	}
	if got := RowErrorsText(5, text); got != "5 errors, nothing imported: e0; e1; e2; …" {
		t.Errorf("five errors: %q", got)
	}
	if got := Pairs("Line", "4", "Column"); len(got) != 1 || got["Line"] != "4" {
		t.Errorf("Pairs with an odd key left: %v", got)
	}
}
