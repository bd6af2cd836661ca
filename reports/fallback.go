package reports

import (
	_ "embed"
	"strings"
	"unicode"
)

// The fallback fonts draw the names Noto Sans cannot: pupils called علي,
// דוד or 李小龍 print as themselves, not as "�". Each PDF embeds a font
// only when its text needs it, and then only the glyphs it uses.

//go:embed fonts/NotoSansArabic-Regular.ttf
var fontArabicRegular []byte

//go:embed fonts/NotoSansArabic-Bold.ttf
var fontArabicBold []byte

//go:embed fonts/NotoSansHebrew-Regular.ttf
var fontHebrewRegular []byte

//go:embed fonts/NotoSansHebrew-Bold.ttf
var fontHebrewBold []byte

// Droid Sans Fallback has one weight; bold CJK prints in it too.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var fontCJK []byte

// fontData is one embedded font family with its two weights.
type fontData struct {
	family        string
	regular, bold []byte
}

// fonts are the embedded families in the order they are asked for a
// character: the first that has it draws it. fonts[0] is the text font.
var fonts = []fontData{
	{fontFamily, fontRegular, fontBold},
	{"notoarabic", fontArabicRegular, fontArabicBold},
	{"notohebrew", fontHebrewRegular, fontHebrewBold},
	{"droidcjk", fontCJK, fontCJK},
}

// text draws a text operation: right-to-left runs in visual order, each
// run of characters in the font that has them.
func (w *writer) text(o op) {
	s := o.text
	single := true
	for _, r := range s {
		if r >= 0x0590 && (w.fontAt(r) != 0 || isRTL(r)) {
			single = false
			break
		}
	}
	if single {
		w.setFont(o.st, o.size)
		w.pdf.Text(o.x, o.y, s)
		return
	}
	s = visual(s)
	x := o.x
	for len(s) > 0 {
		fi := w.fontAt(firstRune(s))
		n := 0
		for i, r := range s {
			if f := w.fontAt(r); f != fi && !(unicode.IsSpace(r) && f == 0) {
				break
			}
			n = i + len(string(r))
		}
		if n == 0 {
			n = len(string(firstRune(s)))
		}
		run := s[:n]
		s = s[n:]
		if fi == 0 || int(fi) >= len(fonts) {
			w.setFont(o.st, o.size)
		} else {
			fd := fonts[fi]
			if !w.added[fi] {
				w.pdf.AddUTF8FontFromBytes(fd.family, "", fd.regular)
				w.pdf.AddUTF8FontFromBytes(fd.family, "B", fd.bold)
				w.added[fi] = true
			}
			w.pdf.SetFont(fd.family, o.st.fpdf(), o.size)
			w.font.set = false // the cache speaks of the text font only
		}
		w.pdf.Text(x, o.y, run)
		x += w.m.textWidth(run, o.st, o.size)
	}
}

// fontAt is the index in fonts of the font that draws r; the text font for
// anything else (clean has replaced what no font draws).
func (w *writer) fontAt(r rune) uint8 {
	if r < 0 || r >= 1<<16 || w.m.font[r] == noFont {
		return 0
	}
	return w.m.font[r]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// isRTL reports a character of a right-to-left script (Hebrew, Arabic and
// their presentation forms).
func isRTL(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// visual puts each right-to-left stretch of s (right-to-left letters and
// the spaces, marks and punctuation between them) in the order it is drawn
// from left to right, so that "Elev: علي محمد, 8B" shows the Arabic name as
// it is read. Names and short lines are what Techniqual prints: this is the
// Unicode bidirectional algorithm for a left-to-right line, without
// numbers inside right-to-left text (a digit ends the stretch).
func visual(s string) string {
	rs := []rune(s)
	has := false
	for _, r := range rs {
		if isRTL(r) {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	for i := 0; i < len(rs); {
		if !isRTL(rs[i]) {
			i++
			continue
		}
		// The stretch runs to the last right-to-left letter (and its marks)
		// before a left-to-right letter or a digit.
		end := i + 1
		for j := i + 1; j < len(rs); j++ {
			r := rs[j]
			if isRTL(r) || (unicode.Is(unicode.Mn, r) && end == j) {
				end = j + 1
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
		}
		// A closing bracket whose opening one is inside belongs to it.
		if end < len(rs) && strings.ContainsRune(")]}»", rs[end]) && strings.ContainsRune(string(rs[i:end]), mirror(rs[end])) {
			end++
		}
		reverseClusters(rs[i:end])
		i = end
	}
	return string(rs)
}

// reverseClusters reverses rs in place, keeping each letter's marks after
// it, and mirrors brackets.
func reverseClusters(rs []rune) {
	var clusters [][]rune
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && unicode.Is(unicode.Mn, rs[j]) {
			j++
		}
		clusters = append(clusters, append([]rune(nil), rs[i:j]...))
		i = j
	}
	k := 0
	for c := len(clusters) - 1; c >= 0; c-- {
		for _, r := range clusters[c] {
			rs[k] = mirror(r)
			k++
		}
	}
}

func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	}
	return r
}

// arabicForms are an Arabic letter's presentation forms: isolated, final,
// initial, medial (Unicode's Arabic Presentation Forms-A and -B). Letters
// that join only to the letter before them (alef, dal, reh, waw …) have no
// initial or medial form.
var arabicForms = map[rune][4]rune{
	0x0621: {0xFE80, 0, 0, 0}, // hamza: joins neither way
	0x0622: {0xFE81, 0xFE82, 0, 0},
	0x0623: {0xFE83, 0xFE84, 0, 0},
	0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0},
	0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C},
	0x0627: {0xFE8D, 0xFE8E, 0, 0},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92},
	0x0629: {0xFE93, 0xFE94, 0, 0},
	0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C},
	0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8},
	0x062F: {0xFEA9, 0xFEAA, 0, 0},
	0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0},
	0x0632: {0xFEAF, 0xFEB0, 0, 0},
	0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8},
	0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0},
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4},
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8},
	0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0},
	0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC},
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0},
	0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8},
	0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC},
	0x0648: {0xFEED, 0xFEEE, 0, 0},
	0x0649: {0xFEEF, 0xFEF0, 0, 0},
	0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Persian and Urdu letters.
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59},
	0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D},
	0x0698: {0xFB8A, 0xFB8B, 0, 0},
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91},
	0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95},
	0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
}

// lamAlef are the ligatures of lam with a following alef: isolated, final.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6},
	0x0623: {0xFEF7, 0xFEF8},
	0x0625: {0xFEF9, 0xFEFA},
	0x0627: {0xFEFB, 0xFEFC},
}

const tatweel = 0x0640

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := arabicForms[r]
	return ok && f[2] != 0
}

// joinsPrev reports whether r connects to the letter before it.
func joinsPrev(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := arabicForms[r]
	return ok && f[1] != 0
}

// shapeArabic gives each Arabic letter of s the form its neighbours ask for
// (isolated, initial, medial, final) and joins lam and alef, as a text
// shaper would: fpdf draws characters one by one, so without this an Arabic
// name prints as unjoined letters. Marks (harakat) are passed over when
// deciding how letters join. Text without Arabic letters is returned as is;
// shaped text is not changed by shaping it again.
func shapeArabic(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { _, ok := arabicForms[r]; return ok }) {
		return s
	}
	rs := []rune(s)
	// prev and next letter of i, skipping marks.
	letterBefore := func(i int) rune {
		for j := i - 1; j >= 0; j-- {
			if !unicode.Is(unicode.Mn, rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	letterAfter := func(i int) (rune, int) {
		for j := i + 1; j < len(rs); j++ {
			if !unicode.Is(unicode.Mn, rs[j]) {
				return rs[j], j
			}
		}
		return 0, -1
	}
	var out []rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev := letterBefore(i)
		next, nextAt := letterAfter(i)
		joinedBefore := joinsNext(prev) && joinsPrev(r)
		if r == 0x0644 {
			if lig, ok := lamAlef[next]; ok && nextAt == i+1 {
				if joinedBefore {
					out = append(out, lig[1])
				} else {
					out = append(out, lig[0])
				}
				i++ // the alef is in the ligature
				continue
			}
		}
		joinedAfter := joinsNext(r) && joinsPrev(next)
		switch {
		case joinedBefore && joinedAfter:
			out = append(out, f[3])
		case joinedBefore:
			out = append(out, f[1])
		case joinedAfter:
			out = append(out, f[2])
		default:
			out = append(out, f[0])
		}
	}
	return string(out)
}
