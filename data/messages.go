package data

import (
	"fmt"
	"strings"
)

// Message is one reason a reader of files (a class list, a form export)
// gives, in Swedish (Text, a template over the error's data, shown through
// the ui's translations under Key) and English (Reason, for logs and the
// command line).
type Message struct {
	Key    string
	Text   string
	Reason string
}

// Pairs makes a message's data from keys and values in turn ("Line", "4",
// …); nil when there are none.
func Pairs(kv ...string) map[string]string {
	if len(kv) == 0 {
		return nil
	}
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// AtRow places a reason at its line (and column, when there is one) of an
// imported file: "rad 14, kolumn Klass: …" in Swedish, "line 14, column
// Klass: …" in English.
func AtRow(line int, column, why string, swedish bool) string {
	row, col := "line", "column"
	if swedish {
		row, col = "rad", "kolumn"
	}
	if column == "" {
		return fmt.Sprintf("%s %d: %s", row, line, why)
	}
	return fmt.Sprintf("%s %d, %s %s: %s", row, line, col, column, why)
}

// RowErrorsText sums up the row errors of an import that wrote nothing:
// how many, and the first three of them.
func RowErrorsText(n int, first func(i int) string) string {
	parts := make([]string, 0, 4)
	for i := 0; i < n; i++ {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, first(i))
	}
	return fmt.Sprintf("%d errors, nothing imported: %s", n, strings.Join(parts, "; "))
}

// FileError says why a whole imported file cannot be read: a Message with
// its data. Kind is the sentinel it wraps (classlist.ErrNotClassList,
// formimport.ErrNotFormExport), so errors.Is tells the readers apart.
type FileError struct {
	Message
	Data map[string]string
	Kind error
}

func (e *FileError) Error() string { return RenderTemplate(e.Reason, e.Data) }

// Unwrap makes errors.Is(err, e.Kind) true.
func (e *FileError) Unwrap() error { return e.Kind }

// Swedish is the reason in Swedish.
func (e *FileError) Swedish() string { return RenderTemplate(e.Text, e.Data) }

// CountLines is how many different lines n row errors are on; line(i) is
// the line of the i-th.
func CountLines(n int, line func(i int) int) int {
	seen := map[int]bool{}
	for i := range n {
		seen[line(i)] = true
	}
	return len(seen)
}
