// Package text holds what every part of Techniqual needs to write for
// people in their language, each written once: the language value (Lang)
// chosen once and passed everywhere, weekday and month names, the Swedish
// collator and accent folding. It imports nothing of ours, so data,
// reports, the operations and both front ends can all use it.
package text

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Lang is the language of every text a user reads: Swedish (the default)
// or English. Its value is the code the documents and settings use.
type Lang string

// The languages there are.
const (
	Swedish Lang = "sv"
	English Lang = "en"
)

// Parse reads a language code ("sv", "en"); ok is false for anything else.
func Parse(code string) (l Lang, ok bool) {
	switch Lang(strings.ToLower(strings.TrimSpace(code))) {
	case Swedish:
		return Swedish, true
	case English:
		return English, true
	}
	return Swedish, false
}

// Code is the language's code, "sv" or "en".
func (l Lang) Code() string {
	if l == English {
		return "en"
	}
	return "sv"
}

// Pick returns sv or en in the language l (Swedish unless l is English).
func (l Lang) Pick(sv, en string) string {
	if l == English {
		return en
	}
	return sv
}

// FromLocale reads the language of the system locale from the environment
// (getenv is os.Getenv in production): the first of LC_ALL, LC_MESSAGES and
// LANG that is set, then LANGUAGE. ok is false when the locale says nothing
// this app speaks: unset, the POSIX/C locale (which falls back to Swedish
// quietly) or another language.
func FromLocale(getenv func(string) string) (l Lang, ok bool) {
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	if IsPOSIXLocale(loc) {
		return Swedish, false
	}
	if all := getenv("LANGUAGE"); all != "" {
		loc = strings.Split(all, ":")[0]
	}
	base := strings.ToLower(loc)
	if i := strings.IndexAny(base, "_.@-"); i >= 0 {
		base = base[:i]
	}
	return Parse(base)
}

// IsPOSIXLocale reports whether loc is the C or POSIX locale, with or
// without a code set ("C", "C.UTF-8", "POSIX").
func IsPOSIXLocale(loc string) bool {
	base, _, _ := strings.Cut(loc, ".")
	return base == "C" || base == "POSIX"
}

var weekdays = map[Lang][7]string{
	Swedish: {"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
	English: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

var months = map[Lang][12]string{
	Swedish: {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
		"november", "december"},
	English: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		"November", "December"},
}

// Weekday names d in l: lower case in Swedish ("måndag"), capitalised in
// English ("Monday"), as each language writes it inside a sentence.
func Weekday(l Lang, d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return weekdays[l.norm()][d]
}

// Weekdays are the seven weekday names in l, Sunday first (time.Weekday's
// order).
func Weekdays(l Lang) [7]string { return weekdays[l.norm()] }

// Month names m in l: "november" in Swedish, "November" in English.
func Month(l Lang, m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return months[l.norm()][m-1]
}

// Months are the twelve month names in l, January first.
func Months(l Lang) [12]string { return months[l.norm()] }

func (l Lang) norm() Lang {
	if l == English {
		return English
	}
	return Swedish
}

// Collator compares names the way a Swedish list is sorted (å, ä, ö last;
// case ignored). A Collator is not safe for concurrent use, so each caller
// gets its own.
func Collator() *collate.Collator { return collate.New(language.Swedish, collate.IgnoreCase) }

// strokeLetters are letters whose mark is part of the letter, so NFD does
// not take it off: a pupil typing "Lukasz" or "Bjorn" on a phone means
// "Łukasz" and "Bjørn".
var strokeLetters = map[rune]rune{'ł': 'l', 'ø': 'o', 'đ': 'd', 'ı': 'i', 'ħ': 'h', 'ŧ': 't'}

// baseLetters caches FoldRune's answers: folding is called for every name
// of a 10,000-row file, and a transform chain per call is slow.
var baseLetters sync.Map

// FoldRune is r in lower case without its accents ("Å" → 'a', "Ł" → 'l');
// r in lower case when it has none.
func FoldRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	if v, ok := baseLetters.Load(r); ok {
		return v.(rune)
	}
	out := unicode.ToLower(r)
	if b, ok := strokeLetters[out]; ok {
		baseLetters.Store(r, b)
		return b
	}
	if s, _, err := transform.String(accents(), string(out)); err == nil {
		if rs := []rune(s); len(rs) == 1 {
			out = rs[0]
		}
	}
	baseLetters.Store(r, out)
	return out
}

// Fold is s in lower case without accents ("Kön" → "kon", "Åsa-Lena" →
// "asa-lena"): the form in which names and column headers are compared.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(FoldRune(r))
	}
	return b.String()
}

// accents is the transform that takes combining marks off.
func accents() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}
