package reports

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

//go:embed fonts/NotoSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/NotoSans-Bold.ttf
var fontBold []byte

// fontFamily is the name the fonts are registered under in every PDF.
const fontFamily = "noto"

// Replacement stands in for a character the embedded fonts cannot draw (an
// emoji, a script none of them covers). A run of such characters becomes
// one Replacement.
const Replacement = '\uFFFD'

// style is a weight of the embedded font.
type style uint8

const (
	regular style = iota
	bold
)

func (s style) fpdf() string {
	if s == bold {
		return "B"
	}
	return ""
}

// metrics knows which characters the embedded fonts have, which font draws
// each, and how wide they are, in thousandths of the font size, exactly as
// fpdf measures them. Noto Sans draws Latin, Greek and Cyrillic; the
// fallbacks (fallback.go) draw Arabic, Hebrew and Chinese, Japanese and
// Korean names.
type metrics struct {
	font  [1 << 16]uint8 // which font draws the character (noFont: none); Basic Multilingual Plane only
	width [2][1 << 16]uint16
}

// noFont marks a character no embedded font draws.
const noFont = 0xFF

var loadMetrics = sync.OnceValues(func() (*metrics, error) {
	m := &metrics{}
	for i := range m.font {
		m.font[i] = noFont
	}
	// A character counts for a font when both of its weights have it.
	var buf sfnt.Buffer
	for fi, fd := range fonts {
		var cover [2]*sfnt.Font
		for st, b := range [][]byte{fd.regular, fd.bold} {
			f, err := sfnt.Parse(b)
			if err != nil {
				return nil, fmt.Errorf("embedded font %s: %w", fd.family, err)
			}
			cover[st] = f
		}
		for r := rune(1); r < 1<<16; r++ {
			if (r >= 0xD800 && r <= 0xDFFF) || m.font[r] != noFont {
				continue // surrogates are not characters; an earlier font has it
			}
			ok := true
			for _, f := range cover {
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					ok = false
					break
				}
			}
			if ok {
				m.font[r] = uint8(fi)
			}
		}
	}
	// Widths come from fpdf itself so that measuring here and drawing there agree.
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, fd := range fonts {
		pdf.AddUTF8FontFromBytes(fd.family, "", fd.regular)
		pdf.AddUTF8FontFromBytes(fd.family, "B", fd.bold)
	}
	var one [utf8.UTFMax]byte
	for st := regular; st <= bold; st++ {
		for fi, fd := range fonts {
			pdf.SetFont(fd.family, st.fpdf(), 10)
			for r := rune(1); r < 1<<16; r++ {
				if int(m.font[r]) == fi {
					n := utf8.EncodeRune(one[:], r)
					m.width[st][r] = uint16(pdf.GetStringSymbolWidth(string(one[:n])))
				}
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	return m, nil
})

func (m *metrics) hasRune(r rune) bool {
	return r > 0 && r < 1<<16 && m.font[r] != noFont
}

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// textWidth is the width of s in millimetres; s must be clean.
func (m *metrics) textWidth(s string, st style, size float64) float64 {
	w := 0
	tab := &m.width[st]
	for _, r := range s {
		if r < 1<<16 {
			w += int(tab[r])
		}
	}
	return float64(w) * size / 1000 * ptToMM
}

// invisible reports characters that are dropped rather than replaced: they
// only steer how neighbours are drawn (joiners, variation selectors, skin
// tones, tags, direction marks, soft hyphens) and mean nothing on paper.
func invisible(r rune) bool {
	switch {
	case r == '\u00AD', r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060', r == '\uFEFF',
		r >= '\u200E' && r <= '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069',
		r >= '\uFE00' && r <= '\uFE0F', r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0000 && r <= 0xE007F,
		r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// clean makes s safe to draw: NFC normalised, controls removed, tabs and
// (unless multiline) line breaks turned into spaces, and every character the
// font lacks replaced by one Replacement per run. Invalid UTF-8 counts as
// lacking. The result only holds characters the font draws (and '\n').
func (m *metrics) clean(s string, multiline bool) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii || m.drawable(s, multiline) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = shapeArabic(norm.NFC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	replaced := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			replaced = false
			continue
		case r == '\t' || (unicode.IsSpace(r) && !m.hasRune(r)):
			b.WriteByte(' ')
			replaced = false
			continue
		case unicode.IsControl(r) || invisible(r):
			continue
		case r == utf8.RuneError || !m.hasRune(r):
			if !replaced {
				b.WriteRune(Replacement)
			}
			replaced = true
			continue
		}
		replaced = false
		b.WriteRune(r)
	}
	return b.String()
}

// drawable reports whether s is clean already: NFC, and every character
// one the font draws (or a line break where allowed).
func (m *metrics) drawable(s string, multiline bool) bool {
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if r == utf8.RuneError || r < 0x20 || (r >= 0x7F && r < 0xA0) || r == '\u2028' || r == '\u2029' ||
			invisible(r) || !m.hasRune(r) {
			return false
		}
		if r >= 0x0621 && r <= 0x06FF {
			if _, ok := arabicForms[r]; ok {
				return false // not shaped yet
			}
		}
	}
	return norm.NFC.IsNormalString(s)
}

// oneLine cleans s for a single line and trims it.
func (m *metrics) oneLine(s string) string { return strings.TrimSpace(m.clean(s, false)) }

// wrap cleans s and breaks it into lines no wider than width millimetres.
// Line breaks in s are kept; a word wider than a line is split between
// characters. An empty s gives no lines.
func (m *metrics) wrap(s string, st style, size, width float64) []string {
	s = strings.TrimSpace(m.clean(s, true))
	if s == "" {
		return nil
	}
	space := m.textWidth(" ", st, size)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.FieldsFunc(para, func(r rune) bool { return r == ' ' }) // a no-break space holds
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for _, w := range words {
			ww := m.textWidth(w, st, size)
			if line.Len() > 0 && lineW+space+ww <= width {
				line.WriteByte(' ')
				line.WriteString(w)
				lineW += space + ww
				continue
			}
			if line.Len() > 0 {
				flush()
			}
			for ww > width { // a word longer than the line: break it between characters
				cut, cw := m.fit(w, st, size, width)
				lines = append(lines, w[:cut])
				w = w[cut:]
				ww -= cw
			}
			if w == "" {
				continue
			}
			line.WriteString(w)
			lineW = ww
		}
		flush()
	}
	// Drop blank lines at the end (a trailing empty paragraph).
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// fit returns how many bytes of w fit in width (at least one character) and
// their width.
func (m *metrics) fit(w string, st style, size, width float64) (int, float64) {
	total := 0.0
	for i, r := range w {
		cw := m.textWidth(string(r), st, size)
		if i > 0 && total+cw > width {
			return i, total
		}
		total += cw
	}
	return len(w), total
}

// truncate cleans s to one line and shortens it with "…" to fit width.
func (m *metrics) truncate(s string, st style, size, width float64) string {
	s = m.oneLine(s)
	if m.textWidth(s, st, size) <= width {
		return s
	}
	ell := "…"
	room := width - m.textWidth(ell, st, size)
	if room <= 0 {
		return ell
	}
	n, _ := m.fit(s, st, size, room)
	if n >= len(s) {
		return s
	}
	return strings.TrimSpace(s[:n]) + ell
}
