// Package posixlocale keeps Fyne quiet under the POSIX locale. Fyne's lang
// package reads the locale when the program starts and logs "Fyne error:
// Error parsing user locale C" for C.UTF-8 (C and POSIX alone it skips),
// on every command. Techniqual falls back to Swedish there, so this
// package, imported by main, says so in LANGUAGE before Fyne looks.
//
// It imports nothing of ours and nothing of Fyne; Go initialises it before
// fyne.io/fyne/v2/lang because its import path sorts first among the
// packages ready at that point (both need only the standard library's os
// early on; lang also waits for text/template, which sorts after it).
// TestNoLocaleNoise in ui/cli checks the built binary.
package posixlocale

import "os"

func init() {
	if loc := firstSet("LC_ALL", "LC_MESSAGES", "LANG"); isPOSIX(loc) && loc != "C" && loc != "POSIX" && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "sv")
	}
}

func firstSet(keys ...string) string {
	for _, k := range keys {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// isPOSIX reports whether loc is the C or POSIX locale with a code set
// ("C.UTF-8"); text.IsPOSIXLocale says the same, but this package may
// import nothing that Fyne's lang waits for.
func isPOSIX(loc string) bool {
	for _, p := range []string{"C.", "POSIX."} {
		if len(loc) > len(p) && loc[:len(p)] == p {
			return true
		}
	}
	return false
}
