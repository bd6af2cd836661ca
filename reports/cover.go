package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Unprintable returns the characters of s, each once and in order, that the
// PDFs' embedded fonts (Latin, Greek, Cyrillic, Arabic, Hebrew, Chinese and
// Japanese) cannot draw: they print as "�". Korean and Thai names and
// emoji are the common cases. Marks
// that only steer drawing (joiners, direction marks) and controls do not
// count; invalid UTF-8 counts as U+FFFD.
func Unprintable(s string) []rune {
	m, err := loadMetrics()
	if err != nil {
		return nil
	}
	var out []rune
	seen := map[rune]bool{}
	for _, r := range norm.NFC.String(s) {
		if r == '\n' || r == '\t' || unicode.IsSpace(r) || unicode.IsControl(r) || invisible(r) || (r != utf8.RuneError && m.hasRune(r)) {
			continue
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// UnprintableNames returns the names, each once and in order, that hold a
// character the PDFs cannot draw: what a warning before printing lists.
func UnprintableNames(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] || len(Unprintable(n)) == 0 {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}
