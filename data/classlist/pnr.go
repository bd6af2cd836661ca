package classlist

import (
	"errors"
	"strings"
	"time"
)

// Why a personnummer is refused.
var (
	ErrPnrFormat   = errors.New("not a personnummer")
	ErrPnrDate     = errors.New("the personnummer holds no valid date")
	ErrPnrChecksum = errors.New("the check digit of the personnummer is wrong")
)

// BirthDateFromPersonnummer validates a personnummer or samordningsnummer in
// any of the forms ÅÅÅÅMMDD-XXXX, ÅÅÅÅMMDDXXXX, ÅÅMMDD-XXXX, ÅÅMMDDXXXX and
// ÅÅMMDD+XXXX (+: the person is 100 or older) and returns only the birth
// date; today decides the century of the short forms. A samordningsnummer
// has 60 added to the day. The number itself is not kept anywhere.
func BirthDateFromPersonnummer(s string, today time.Time) (time.Time, error) {
	d, _, err := parsePersonnummer(s, today)
	return d, err
}

// parsePersonnummer is BirthDateFromPersonnummer that also gives the
// second-to-last digit (odd for a man, even for a woman in the register).
func parsePersonnummer(s string, today time.Time) (time.Time, int, error) {
	s = strings.TrimSpace(s)
	var digits [12]byte
	n, sep, sepAt := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(digits) {
				return time.Time{}, 0, ErrPnrFormat
			}
			digits[n] = c - '0'
			n++
		case (c == '-' || c == '+' || c == ' ') && sep == 0 && (n == 6 || n == 8):
			sep, sepAt = c, n
		default:
			return time.Time{}, 0, ErrPnrFormat
		}
	}
	if n != 10 && n != 12 {
		return time.Time{}, 0, ErrPnrFormat
	}
	if sep != 0 && !(n == 10 && sepAt == 6) && !(n == 12 && sepAt == 8) {
		return time.Time{}, 0, ErrPnrFormat
	}
	d := digits[:n]
	short := d
	if n == 12 {
		short = d[2:]
	}
	num := func(a ...byte) int {
		v := 0
		for _, x := range a {
			v = v*10 + int(x)
		}
		return v
	}
	yy, month, day := num(short[0], short[1]), num(short[2], short[3]), num(short[4], short[5])
	if day > 60 {
		day -= 60 // samordningsnummer
	}
	var year int
	if n == 12 {
		year = num(d[0], d[1], d[2], d[3])
	} else {
		year = today.Year()/100*100 + yy
		for year > today.Year() || (year == today.Year() && !dateOK(year, month, day, today)) {
			year -= 100
		}
		if sep == '+' {
			year -= 100
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return time.Time{}, 0, ErrPnrDate
	}
	birth := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if birth.After(today) {
		return time.Time{}, 0, ErrPnrDate
	}
	if !luhn(short) {
		return time.Time{}, 0, ErrPnrChecksum
	}
	return birth, int(short[8]), nil
}

// dateOK reports whether year-month-day is not after today (an invalid
// date counts as not after).
func dateOK(year, month, day int, today time.Time) bool {
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return true
	}
	return !time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).After(today)
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// luhn checks the last of ten digits against the first nine.
func luhn(d []byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		v := int(d[i])
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return (10-sum%10)%10 == int(d[9])
}

// LuhnDigit is the check digit of nine digits ("YYMMDDNNN"), for making
// test numbers. It returns -1 when s is not nine digits.
func LuhnDigit(s string) int {
	if len(s) != 9 {
		return -1
	}
	var d [10]byte
	for i := 0; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		d[i] = s[i] - '0'
	}
	for c := byte(0); c < 10; c++ {
		d[9] = c
		if luhn(d[:]) {
			return int(c)
		}
	}
	return -1
}

// MaskPersonnummer hides the part of a personnummer that is not the birth
// date: "20120304-1234" → "20120304-****". Every digit after the eighth (or
// after all but the last four) is replaced, so nothing beyond the date can
// be read from it whatever the input looks like.
func MaskPersonnummer(s string) string {
	s = strings.TrimSpace(s)
	nd := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			nd++
		}
	}
	keep := max(nd-4, 0)
	if keep > 8 {
		keep = 8
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if seen >= keep {
				b.WriteByte('*')
			} else {
				b.WriteRune(r)
			}
			seen++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// looksLikePersonnummer reports whether a cell holds something shaped like a
// personnummer (10 or 12 digits, maybe with - or +), so that samples shown
// for an unknown column can be masked.
func looksLikePersonnummer(s string) bool {
	nd, other := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			nd++
		case c == '-' || c == '+' || c == ' ':
		default:
			other++
		}
	}
	return other == 0 && (nd == 10 || nd == 12)
}
