package posixlocale

import "testing"

func TestIsPOSIX(t *testing.T) {
	cases := map[string]bool{
		"C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true,
		// Fyne skips these itself; nothing to do.
		"C": false, "POSIX": false,
		"sv_SE.UTF-8": false, "": false, "Ca_ES": false,
	}
	for loc, want := range cases {
		if got := isPOSIX(loc); got != want {
			t.Errorf("isPOSIX(%q) = %v, want %v", loc, got, want)
		}
	}
}

func TestFirstSet(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "C.UTF-8")
	t.Setenv("LANG", "sv_SE.UTF-8")
	if got := firstSet("LC_ALL", "LC_MESSAGES", "LANG"); got != "C.UTF-8" {
		t.Errorf("firstSet = %q, want the first one set", got)
	}
}
