package data

import (
	"errors"
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

func TestFileErrorAndCountLines(t *testing.T) {
	sentinel := errors.New("not a list")
	e := &FileError{Message: Message{Text: "Filen har {{.N}} rader.", Reason: "the file has {{.N}} rows"}, Data: Pairs("N", "0"), Kind: sentinel}
	if e.Error() != "the file has 0 rows" || e.Swedish() != "Filen har 0 rader." {
		t.Errorf("FileError says %q / %q", e.Error(), e.Swedish())
	}
	if !errors.Is(e, sentinel) {
		t.Error("a FileError does not wrap its Kind")
	}
	cases := []struct {
		lines []int
		want  int
	}{
		{nil, 0}, {[]int{4}, 1}, {[]int{4, 4, 5}, 2}, {[]int{2, 3, 2, 9}, 3},
	}
	for _, c := range cases {
		if got := CountLines(len(c.lines), func(i int) int { return c.lines[i] }); got != c.want {
			t.Errorf("CountLines(%v) = %d, want %d", c.lines, got, c.want)
		}
	}
}
