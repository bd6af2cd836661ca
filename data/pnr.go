package data

import (
	"strings"
	"unicode"
)

// A personnummer (or samordningsnummer) must never reach the database, in
// any field, by any path. The functions below are the one place that finds
// one in text; the class-list, form and exchange imports call them to say
// what they dropped, and the Store's own checks (Pupil.Validate,
// Person.Validate, SaveEvaluation, UpsertExchangeRow) refuse what is left,
// so that no path can bypass them.

// PnrSpan is where a personnummer stands in a string: s[Start:End].
type PnrSpan struct{ Start, End int }

// FindPersonnummer returns where personnummer and samordningsnummer stand
// in s: ten or twelve digits, not part of a longer number, in the forms
// ÅÅÅÅMMDD-XXXX, ÅÅÅÅMMDDXXXX, ÅÅMMDD-XXXX, ÅÅMMDD+XXXX, ÅÅMMDD XXXX and
// ÅÅMMDDXXXX, with a date that exists (day + 60 for a samordningsnummer)
// and a right check digit. Ten digits in a row that begin with 0 and a
// digit 1–9 are taken for a Swedish telephone number (070…, 08…), which is
// what they almost always are in a school's lists; only people born in
// 2001–2009 write their number that way, none of them a pupil in grade 8
// or 9.
func FindPersonnummer(s string) []PnrSpan {
	var out []PnrSpan
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) || hyphenated(s, i-1, i-2) {
			continue
		}
		if end, ok := pnrAt(s, i); ok && !hyphenated(s, end, end+1) {
			out = append(out, PnrSpan{i, end})
			i = end - 1
		}
	}
	return out
}

// HasPersonnummer reports whether s holds a personnummer (see FindPersonnummer).
func HasPersonnummer(s string) bool {
	if len(s) < 10 {
		return false
	}
	return len(FindPersonnummer(s)) > 0
}

// RemovePersonnummer takes every personnummer out of s and closes the gap
// ("Anna 120210-9649" → "Anna"); removed says whether there was one.
func RemovePersonnummer(s string) (clean string, removed bool) {
	spans := FindPersonnummer(s)
	if len(spans) == 0 {
		return s, false
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteByte(' ')
		last = sp.End
	}
	b.WriteString(s[last:])
	return strings.Join(strings.Fields(b.String()), " "), true
}

// MaskPersonnummerIn replaces what follows the birth date of every
// personnummer in s with stars ("född 20120304-1234" → "född
// 20120304-****"), for free text where the rest of the sentence matters.
func MaskPersonnummerIn(s string) (masked string, found bool) {
	spans := FindPersonnummer(s)
	if len(spans) == 0 {
		return s, false
	}
	b := []byte(s)
	for _, sp := range spans {
		digits := 0
		for i := sp.Start; i < sp.End; i++ {
			if isDigit(b[i]) {
				digits++
			}
		}
		n := 0
		for i := sp.Start; i < sp.End; i++ {
			if isDigit(b[i]) {
				if n >= digits-4 {
					b[i] = '*'
				}
				n++
			}
		}
	}
	return string(b), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// hyphenated reports a hyphen at s[h] joined to a letter or digit at s[o]:
// digits between such hyphens are a group of a longer code, such as a UUID
// ("cf201209-1234-4abc-…"), whose hex groups can look like a personnummer
// by chance.
func hyphenated(s string, h, o int) bool {
	if h < 0 || o < 0 || h >= len(s) || o >= len(s) || s[h] != '-' {
		return false
	}
	c := s[o]
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// pnrAt reads a personnummer starting at s[i] (a digit after a non-digit)
// and returns where it ends.
func pnrAt(s string, i int) (int, bool) {
	var d [12]int
	n, sepAt, j := 0, -1, i
	for j < len(s) && n < 12 {
		c := s[j]
		switch {
		case isDigit(c):
			d[n] = int(c - '0')
			n++
		case (c == '-' || c == '+' || c == ' ') && sepAt < 0 && (n == 6 || n == 8) && j+1 < len(s) && isDigit(s[j+1]):
			sepAt = n
		default:
			goto done
		}
		j++
	}
done:
	if j < len(s) && isDigit(s[j]) {
		return 0, false // part of a longer number
	}
	// A separator seen after six digits of a twelve-digit run, or the
	// reverse, is not the form of a personnummer: try the shorter reading.
	switch {
	case n == 12 && (sepAt < 0 || sepAt == 8):
		if valid(d[:], 12) {
			return j, true
		}
	case n == 10 && (sepAt < 0 || sepAt == 6):
		if sepAt < 0 && d[0] == 0 && d[1] != 0 {
			return 0, false // a telephone number (see FindPersonnummer)
		}
		if valid(d[:], 10) {
			return j, true
		}
	}
	return 0, false
}

// valid checks the date and the check digit of n digits (10 or 12).
func valid(d []int, n int) bool {
	short := d[:10]
	year := 2000 // a leap year: 29 February is possible in some century
	if n == 12 {
		c := d[0]*10 + d[1]
		if c != 18 && c != 19 && c != 20 {
			return false
		}
		year = c*100 + d[2]*10 + d[3]
		short = d[2:12]
	}
	month, day := short[2]*10+short[3], short[4]*10+short[5]
	if day > 60 {
		day -= 60 // samordningsnummer
	}
	if month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) {
		return false
	}
	sum := 0
	for k := 0; k < 9; k++ {
		v := short[k]
		if k%2 == 0 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return (10-sum%10)%10 == short[9]
}

func daysInMonth(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// CleanName takes out of a name what must not be in one: characters that
// change the direction of text (U+202A–U+202E, U+2066–U+2069, the marks
// U+200E, U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060,
// U+FEFF) and every other invisible format or control character; tabs and
// line breaks become spaces, and the ends are trimmed. A bidi override in a
// name turns "Anna" into a name that prints backwards on a schedule, or
// hides characters in an exported list.
func CleanName(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			clean = false
			break
		}
		if c >= 0x80 { // a rune beyond ASCII: look at the runes from here
			for _, r := range s[i:] {
				if r >= 0x80 && (unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r)) {
					clean = false
					break
				}
			}
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// noPersonnummer adds an error for every field that holds a personnummer.
func (v *validator) noPersonnummer(fields ...[2]string) {
	for _, f := range fields {
		if HasPersonnummer(f[1]) {
			v.add(f[0], "privacy.err.pnr", "Innehåller ett personnummer, som inte får sparas. Ta bort det.",
				"holds a personnummer, which must not be stored; remove it")
		}
	}
}
