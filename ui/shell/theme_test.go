package shell

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestHintsCanBeRead: the help texts (disabled colour) pass WCAG AA on
// either background, stay less prominent than ordinary text, and every
// other colour is Fyne's.
func TestHintsCanBeRead(t *testing.T) {
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		bg := th.Color(theme.ColorNameBackground, v)
		hint := th.Color(theme.ColorNameDisabled, v)
		fg := th.Color(theme.ColorNameForeground, v)
		if c := contrast(hint, bg); c < 4.5 {
			t.Errorf("variant %d: hints %.2f:1 on the background, want at least 4.5:1", v, c)
		}
		if contrast(hint, bg) >= contrast(fg, bg) {
			t.Errorf("variant %d: hints as strong as ordinary text", v)
		}
		if c := contrast(hint, th.Color(theme.ColorNameDisabledButton, v)); c < 3 {
			t.Errorf("variant %d: a disabled button's text %.2f:1 on it", v, c)
		}
		for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePrimary, theme.ColorNameButton, theme.ColorNamePlaceHolder} {
			if th.Color(n, v) != theme.DefaultTheme().Color(n, v) {
				t.Errorf("variant %d: %s changed", v, n)
			}
		}
	}
}
