package shell

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's own theme with one colour changed: the colour of
// disabled text, which Fyne also gives a Label of LowImportance, and the
// app uses that for its help texts, notes and privacy notices. Fyne's
// is #39393a on the dark background (1.6:1) and #e3e3e3 on the light one's
// white (1.3:1): found by use, the hints could hardly be read. These keep
// a disabled button dimmer than an enabled one and pass 4.5:1 (WCAG AA)
// on either background (TestHintsCanBeRead).
func Theme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

type appTheme struct{ fyne.Theme }

var (
	hintDark  = color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}
	hintLight = color.NRGBA{R: 0x73, G: 0x73, B: 0x73, A: 0xff}
)

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return hintLight
		}
		return hintDark
	}
	return t.Theme.Color(n, v)
}
