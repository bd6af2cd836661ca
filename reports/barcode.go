package reports

import (
	"image/color"
	"unicode"
	"unicode/utf8"

	"github.com/boombuler/barcode/code128"
)

// barModule is the width of one Code 128 module in millimetres: 0.3 mm
// (about 12 mil) is read by any USB hand scanner from a printed A4 sheet.
const barModule = 0.3

// barcode128 draws s as a Code 128 barcode of height h, its right edge at
// right and top at y, as filled rectangles (sharp at any zoom and a few
// hundred bytes, where an image would be blurred and larger). A scanner
// reads it back as the text s followed by Enter. Text Code 128 cannot hold
// draws nothing.
func barcode128(u *unit, right, y, h float64, s string) {
	bars, ok := code128Bars(s)
	if !ok {
		return
	}
	x0 := right - float64(len(bars))*barModule
	for i := 0; i < len(bars); {
		if !bars[i] {
			i++
			continue
		}
		j := i
		for j < len(bars) && bars[j] {
			j++
		}
		u.rect(x0+float64(i)*barModule, y, float64(j-i)*barModule, h, ink)
		i = j
	}
}

// code128Bars is s encoded as Code 128 modules, true for a dark one.
func code128Bars(s string) ([]bool, bool) {
	bc, err := code128.Encode(s)
	if err != nil {
		return nil, false
	}
	b := bc.Bounds()
	out := make([]bool, b.Dx())
	for x := range out {
		r, _, _, _ := color.GrayModel.Convert(bc.At(b.Min.X+x, b.Min.Y)).RGBA()
		out[x] = r < 0x8000
	}
	return out, true
}

// capitalise puts the first letter of s in upper case.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
