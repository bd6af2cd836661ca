package reports

import (
	"image/color"

	"techniqual/assets"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW         = 210.0
	marginL       = 18.0
	marginR       = 18.0
	contentW      = pageW - marginL - marginR
	contentTop    = 36.0  // below the page header
	contentBottom = 279.0 // above the page footer

	bodySize = 10.0 // points
	bodyLH   = 5.0  // line height of body text
	labelW   = 36.0 // label column of a field
)

// rgb is a colour of text, lines or fills.
type rgb struct{ r, g, b uint8 }

func fromNRGBA(c color.NRGBA) rgb { return rgb{c.R, c.G, c.B} }

var (
	purple   = fromNRGBA(assets.Purple)
	teal     = fromNRGBA(assets.Teal)
	darkTeal = rgb{0x16, 0x7D, 0x74} // the teal darkened to be readable as text
	ink      = rgb{0x22, 0x22, 0x22}
	grey     = rgb{0x5F, 0x5F, 0x66}
	rule     = rgb{0xBB, 0xBB, 0xC2}
	tint     = rgb{0xF3, 0xEE, 0xF8} // light purple for alternate rows
	white    = rgb{0xFF, 0xFF, 0xFF}
)

// opKind is what an op draws.
type opKind uint8

const (
	opText opKind = iota
	opRect        // filled rectangle x, y, w, h
	opBox         // stroked rectangle x, y, w, h
	opLine        // line from x, y to w, h
)

// op is one drawing operation, recorded while a document unit is laid out
// and replayed into the PDF once the unit's page count is known.
type op struct {
	kind opKind
	st   style
	size float64
	col  rgb
	x, y float64 // text: left end of the baseline
	w, h float64
	lw   float64
	text string
}

// unit lays out one document unit (one pupil's schedule, one offer's
// confirmation): content flows from page to page, and what is registered in
// cont is drawn again at the top of each further page.
type unit struct {
	m       *metrics
	l       *lang
	title   string // the document's name, in the page header
	subject string // who it is for, in the page header
	pages   [][]op
	spare   [][]op // page buffers kept from earlier units
	y       float64
	fresh   bool     // nothing but repeated headings on this page yet
	cont    []func() // headings repeated on a continuation page
	inCont  bool     // drawing them now
	wraps   map[wrapKey][]string
}

// wrapKey identifies a wrapped text; the host's texts (journeys, activities,
// addresses) recur for every pupil at an offer and are wrapped once.
type wrapKey struct {
	s     string
	st    style
	size  float64
	width float64
}

// wrap is metrics.wrap with a cache; the lines returned must not be changed.
func (u *unit) wrap(s string, st style, size, width float64) []string {
	k := wrapKey{s, st, size, width}
	if lines, ok := u.wraps[k]; ok {
		return lines
	}
	lines := u.m.wrap(s, st, size, width)
	if u.wraps == nil || len(u.wraps) > 20000 {
		u.wraps = map[wrapKey][]string{}
	}
	u.wraps[k] = lines
	return lines
}

// reset starts a new unit, keeping the page buffers.
func (u *unit) reset(title, subject string) {
	for _, p := range u.pages {
		u.spare = append(u.spare, p[:0])
	}
	u.pages = u.pages[:0]
	u.title = u.m.oneLine(title)
	u.subject = u.m.oneLine(subject)
	u.cont = u.cont[:0]
	u.newPage()
}

func (u *unit) newPage() {
	var p []op
	if n := len(u.spare); n > 0 {
		p, u.spare = u.spare[n-1], u.spare[:n-1]
	}
	u.pages = append(u.pages, p)
	u.y = contentTop
	if !u.inCont { // a repeated heading that itself fills a page must not recurse
		u.inCont = true
		for _, f := range u.cont {
			f()
		}
		u.inCont = false
	}
	u.fresh = true
}

func (u *unit) add(o op) {
	p := &u.pages[len(u.pages)-1]
	*p = append(*p, o)
	u.fresh = false
}

// room is the height left on the current page.
func (u *unit) room() float64 { return contentBottom - u.y }

// keep starts a new page unless h more millimetres fit on this one.
func (u *unit) keep(h float64) {
	if h > u.room() && !u.fresh {
		u.newPage()
	}
}

// pushCont registers a heading to repeat on continuation pages; popCont
// removes the last one.
func (u *unit) pushCont(f func()) { u.cont = append(u.cont, f) }
func (u *unit) popCont() {
	if len(u.cont) > 0 {
		u.cont = u.cont[:len(u.cont)-1]
	}
}

// text draws clean, one-line s with its baseline at y.
func (u *unit) text(x, y float64, s string, st style, size float64, col rgb) {
	if s == "" {
		return
	}
	u.add(op{kind: opText, st: st, size: size, col: col, x: x, y: y, text: s})
}

func (u *unit) rect(x, y, w, h float64, col rgb) {
	u.add(op{kind: opRect, x: x, y: y, w: w, h: h, col: col})
}

func (u *unit) box(x, y, w, h float64, col rgb, lw float64) {
	u.add(op{kind: opBox, x: x, y: y, w: w, h: h, col: col, lw: lw})
}

func (u *unit) line(x1, y1, x2, y2 float64, col rgb, lw float64) {
	u.add(op{kind: opLine, x: x1, y: y1, w: x2, h: y2, col: col, lw: lw})
}

// baseline is where text of size sits in a line box of height lh at top.
func baseline(top, lh, size float64) float64 { return top + (lh+size*ptToMM*0.72)/2 }

// para wraps s into width w at x and flows it line by line; deco, when set,
// decorates each line's box (e.g. a coloured bar). It returns the number of
// lines drawn.
func (u *unit) para(x, w float64, s string, st style, size, lh float64, col rgb, deco func(top float64)) int {
	lines := u.wrap(s, st, size, w)
	for i, l := range lines {
		left := len(lines) - i
		switch {
		case lh > u.room():
			u.newPage()
		case i == 0 && left >= 2 && 2*lh > u.room() && !u.fresh:
			u.newPage() // no first line alone at the foot of a page
		case i >= 2 && left == 2 && 2*lh > u.room():
			u.newPage() // no last line alone at the top of the next
		}
		if deco != nil {
			deco(u.y)
		}
		u.text(x, baseline(u.y, lh, size), l, st, size, col)
		u.y += lh
	}
	return len(lines)
}

// body is a paragraph of body text across the content width.
func (u *unit) body(s string) {
	if n := len(u.wrap(s, regular, bodySize, contentW)); n > 0 {
		u.keep(float64(min(n, 2)) * bodyLH)
	}
	u.para(marginL, contentW, s, regular, bodySize, bodyLH, ink, nil)
}

// space moves down h millimetres (not past the page end).
func (u *unit) space(h float64) {
	if !u.fresh {
		u.y = min(u.y+h, contentBottom)
	}
}

const headingSize = 12.5

// endSection ends the section the last heading began: a page begun before
// the next heading repeats nothing. Keeping room for a section before its
// heading had repeated the section before with "(forts.)" and nothing
// under it.
func (u *unit) endSection() { u.cont = u.cont[:0] }

// heading starts a section: kept together with the first lines after it and
// repeated with "(forts.)" at the top of the section's further pages.
func (u *unit) heading(s string) {
	s = u.m.oneLine(s)
	u.endSection()
	u.space(3)
	u.keep(9 + 3*bodyLH)
	for _, l := range u.wrap(s, bold, headingSize, contentW) {
		u.drawHeading(l)
	}
	cont := u.m.truncate(s+" "+u.l.cont, bold, headingSize, contentW)
	u.pushCont(func() { u.drawHeading(cont) })
}

// headingTable starts a section whose first thing is a table: the heading
// moves to the next page with the table's header and first row when they
// do not fit under it (found by use: "Aktiva åtgärder" and an empty table
// header stood alone at the foot of a page).
func (u *unit) headingTable(s string, cols []column, rows [][]string, minH float64) {
	u.endSection() // a new page here repeats nothing of the section before
	u.keep(3 + 9.2 + u.tableLead(cols, rows, minH))
	u.heading(s)
}

// tableLead is the height of a table's header and its first row (or as
// much of a long first row as the table puts on a page before splitting
// it): what must fit for the table to begin on a page.
func (u *unit) tableLead(cols []column, rows [][]string, minH float64) float64 {
	const pad, lh = tablePad, 4.6
	h := 0.0
	for _, c := range cols {
		h = max(h, float64(len(u.wrap(c.title, bold, 9, c.w-2*pad)))*4.2)
	}
	h += 2 * pad
	if len(rows) == 0 {
		return h + minH
	}
	n := 0
	for i, c := range cols {
		if i < len(rows[0]) {
			n = max(n, len(u.wrap(rows[0][i], c.st, tableSize, c.w-2*pad)))
		}
	}
	if n > 5 {
		n = 3 // a long row is split with at least three lines on each page
	}
	return h + max(float64(n)*lh+2*pad, minH)
}

// drawHeading draws one line of a heading, underlined in teal.
func (u *unit) drawHeading(line string) {
	u.text(marginL, u.y+5.2, line, bold, headingSize, purple)
	u.y += 6.2
	u.rect(marginL, u.y, 14, 0.8, teal)
	u.y += 3
}

// field writes "label   value" with the value wrapped in the column beside
// the label; an empty value writes nothing.
func (u *unit) field(label, value string) {
	lines := u.wrap(value, regular, bodySize, contentW-labelW)
	if len(lines) == 0 {
		return
	}
	u.keep(float64(min(len(lines), 2)) * bodyLH)
	label = u.m.truncate(label, regular, 9, labelW-2)
	for i, l := range lines {
		if bodyLH > u.room() {
			u.newPage()
		}
		if i == 0 {
			u.text(marginL, baseline(u.y, bodyLH, 9), label, regular, 9, grey)
		}
		u.text(marginL+labelW, baseline(u.y, bodyLH, bodySize), l, regular, bodySize, ink)
		u.y += bodyLH
	}
}

// Table cells: padding (mm) and font size (pt).
const (
	tablePad  = 1.6
	tableSize = 9.5
)

// column is one column of a table.
type column struct {
	title string
	w     float64
	st    style
}

// table draws rows under a coloured header row. Cells wrap; a row that does
// not fit moves to the next page (the header row repeated), and a long row
// is split between pages. minH is the least height of a row
// (room to write by hand); cell draws extra content of a row (e.g. tick
// boxes) and may be nil.
func (u *unit) table(cols []column, rows [][]string, minH float64, cell func(row int, top, h float64)) {
	const pad, size, lh = tablePad, tableSize, 4.6
	drawHeader := func() {
		h := 0.0
		wrapped := make([][]string, len(cols))
		for i, c := range cols {
			wrapped[i] = u.wrap(c.title, bold, 9, c.w-2*pad)
			h = max(h, float64(len(wrapped[i]))*4.2)
		}
		h += 2 * pad
		u.rect(marginL, u.y, contentW, h, purple)
		x := marginL
		for i, c := range cols {
			for k, l := range wrapped[i] {
				u.text(x+pad, baseline(u.y+pad+float64(k)*4.2, 4.2, 9), l, bold, 9, white)
			}
			x += c.w
		}
		u.y += h
	}
	u.keep(u.tableLead(cols, rows, minH))
	drawHeader()
	u.pushCont(drawHeader)
	defer u.popCont()
	for r, row := range rows {
		left := make([][]string, len(cols))
		for i, c := range cols {
			if i < len(row) {
				left[i] = u.wrap(row[i], c.st, size, c.w-2*pad)
			}
		}
		first := true
		for first || anyLeft(left) {
			n := 0
			for _, l := range left {
				n = max(n, len(l))
			}
			need := max(float64(n)*lh+2*pad, minH)
			if need > u.room() {
				fit := int((u.room() - 2*pad) / lh)
				// Split a long row (at least three lines on each side);
				// move a short one whole.
				if !u.fresh && (fit < 3 || n-fit < 3) {
					u.newPage()
					continue
				}
				fit = min(fit, n-1)
				n = max(fit, 1)
				need = float64(n)*lh + 2*pad
			}
			if r%2 == 1 {
				u.rect(marginL, u.y, contentW, need, tint)
			}
			x := marginL
			for i, c := range cols {
				k := min(n, len(left[i]))
				for j, l := range left[i][:k] {
					u.text(x+pad, baseline(u.y+pad+float64(j)*lh, lh, size), l, c.st, size, ink)
				}
				left[i] = left[i][k:]
				x += c.w
			}
			if first && cell != nil {
				cell(r, u.y, need)
			}
			u.line(marginL, u.y+need, marginL+contentW, u.y+need, rule, 0.2)
			u.y += need
			first = false
		}
	}
}

func anyLeft(ls [][]string) bool {
	for _, l := range ls {
		if len(l) > 0 {
			return true
		}
	}
	return false
}

// signature draws a line to sign on with a caption and, when given, the
// name printed under it.
func (u *unit) signature(x, w float64, caption, name string) {
	top := u.y
	u.line(x, top+12, x+w, top+12, ink, 0.3)
	u.text(x, top+16, u.m.truncate(caption, regular, 8.5, w), regular, 8.5, grey)
	if name != "" {
		u.text(x, top+20.5, u.m.truncate(name, regular, bodySize, w), regular, bodySize, ink)
	}
}
