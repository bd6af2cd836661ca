package charts

import (
	"fmt"
	"image/color"
	"strings"
	"sync"
	"unicode"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"

	"techniqual/assets"
)

// Theme is how a chart looks: its colours, font and resolution.
type Theme struct {
	Foreground color.Color   // text and the category axis
	Muted      color.Color   // tick labels and the note
	Background color.Color   // the whole image
	Grid       color.Color   // the value grid lines
	Series     []color.Color // one per series, repeated when there are more series

	// Typeface is a font registered with RegisterFont; empty (or unknown)
	// is Liberation Sans, which gonum ships and which has å, ä and ö.
	Typeface string
	// DPI is the resolution: how many pixels an inch of the chart takes
	// (96 when 0). Text is set in points, so the same chart printed at 300
	// dpi into 1800 pixels looks as it does at 96 dpi in 576.
	DPI float64
	// FontSize is the size of the category names in points (10 when 0).
	FontSize float64
}

// Light is the theme for a light window and for paper: the network's purple
// and teal on white.
func Light() Theme {
	return Theme{
		Foreground: color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xFF},
		Muted:      color.NRGBA{R: 0x5F, G: 0x5F, B: 0x66, A: 0xFF},
		Background: color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF},
		Grid:       color.NRGBA{R: 0xDD, G: 0xDD, B: 0xE3, A: 0xFF},
		Series: []color.Color{assets.Purple, assets.Teal,
			color.NRGBA{R: 0xA3, G: 0x9F, B: 0xB0, A: 0xFF}, // others: a quiet grey
			color.NRGBA{R: 0xE0, G: 0x8E, B: 0x2B, A: 0xFF}},
	}
}

// Dark is the theme for a dark window: the purple lightened so that it
// stands out from the background, the teal as it is.
func Dark() Theme {
	return Theme{
		Foreground: color.NRGBA{R: 0xEE, G: 0xEE, B: 0xF2, A: 0xFF},
		Muted:      color.NRGBA{R: 0xB4, G: 0xB4, B: 0xBE, A: 0xFF},
		Background: color.NRGBA{R: 0x1C, G: 0x1C, B: 0x21, A: 0xFF},
		Grid:       color.NRGBA{R: 0x3A, G: 0x3A, B: 0x44, A: 0xFF},
		Series: []color.Color{color.NRGBA{R: 0xB3, G: 0x8B, B: 0xDB, A: 0xFF}, assets.Teal,
			color.NRGBA{R: 0x8C, G: 0x89, B: 0x99, A: 0xFF},
			color.NRGBA{R: 0xF0, G: 0xB3, B: 0x5A, A: 0xFF}},
	}
}

// complete fills what th leaves empty from Light.
func (th Theme) complete() Theme {
	def := Light()
	if th.Foreground == nil {
		th.Foreground = def.Foreground
	}
	if th.Muted == nil {
		th.Muted = th.Foreground
	}
	if th.Background == nil {
		th.Background = def.Background
	}
	if th.Grid == nil {
		th.Grid = def.Grid
	}
	var series []color.Color
	for _, c := range th.Series {
		if c != nil {
			series = append(series, c)
		}
	}
	if len(series) == 0 {
		series = def.Series
	}
	th.Series = series
	if !(th.DPI >= 24 && th.DPI <= 1200) {
		th.DPI = 96
	}
	if !(th.FontSize >= 4 && th.FontSize <= 48) {
		th.FontSize = 10
	}
	return th
}

// seriesColor is the colour of series i.
func (th Theme) seriesColor(i int) color.Color { return th.Series[i%len(th.Series)] }

// fonts holds Liberation Sans and every typeface registered; the text
// handler of every chart uses it.
var fonts = struct {
	sync.Mutex
	cache   *font.Cache
	handler text.Plain
	known   map[string]bool
}{known: map[string]bool{}}

func fontCache() (*font.Cache, text.Plain) {
	fonts.Lock()
	defer fonts.Unlock()
	if fonts.cache == nil {
		fonts.cache = font.NewCache(liberation.Collection())
		fonts.handler = text.Plain{Fonts: fonts.cache}
	}
	return fonts.cache, fonts.handler
}

// RegisterFont makes a regular and a bold TrueType face (e.g. the Noto Sans
// the documents embed) usable as Theme.Typeface. Registering a typeface
// again does nothing.
func RegisterFont(typeface string, regular, bold []byte) error {
	if strings.TrimSpace(typeface) == "" {
		return fmt.Errorf("charts: register font: no name")
	}
	cache, _ := fontCache()
	fonts.Lock()
	defer fonts.Unlock()
	if fonts.known[typeface] {
		return nil
	}
	var coll font.Collection
	for _, f := range []struct {
		b []byte
		w xfont.Weight
	}{{regular, xfont.WeightNormal}, {bold, xfont.WeightBold}} {
		ttf, err := opentype.Parse(f.b)
		if err != nil {
			return fmt.Errorf("charts: register font %s: %w", typeface, err)
		}
		coll = append(coll, font.Face{Font: font.Font{Typeface: font.Typeface(typeface), Weight: f.w}, Face: ttf})
	}
	cache.Add(coll)
	fonts.known[typeface] = true
	return nil
}

// fontOf is the font of the theme in a size (points) and weight.
func (th Theme) fontOf(size float64, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	fonts.Lock()
	if th.Typeface != "" && fonts.known[th.Typeface] {
		f = font.Font{Typeface: font.Typeface(th.Typeface)}
	}
	fonts.Unlock()
	if bold {
		f.Weight = xfont.WeightBold
	}
	f.Size = font.Length(size)
	return f
}

// cleaner makes text safe to draw with one font: NFC, no control or
// invisible characters, line breaks as spaces, and each run of characters
// the font cannot draw (an emoji) as one "?".
type cleaner struct {
	face *sfnt.Font
	buf  sfnt.Buffer
}

func newCleaner(f font.Font) *cleaner {
	cache, _ := fontCache()
	return &cleaner{face: cache.Lookup(f, f.Size).Face}
}

func (c *cleaner) has(r rune) bool {
	if c.face == nil {
		return r < 0x80
	}
	g, err := c.face.GlyphIndex(&c.buf, r)
	return err == nil && g != 0
}

func (c *cleaner) clean(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	lacking := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
			lacking = false
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || (r >= '\uFE00' && r <= '\uFE0F') ||
			(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0000 && r <= 0xE01EF):
			continue // joiners, direction marks, variation selectors, skin tones, tags
		case r == unicode.ReplacementChar || !c.has(r):
			if unicode.IsSpace(r) {
				b.WriteByte(' ')
				lacking = false
				continue
			}
			if !lacking {
				b.WriteByte('?')
			}
			lacking = true
			continue
		}
		lacking = false
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
