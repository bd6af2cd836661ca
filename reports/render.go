package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"techniqual/assets"
	"techniqual/data"
)

// Options tune how documents are printed; the zero value prints Swedish
// documents dated today.
type Options struct {
	// Lang is "sv" (default) or "en".
	Lang string
	// Fixed, when set, is the printing time: the date in the footer and the
	// PDF's creation and modification dates. The same input and Fixed give
	// byte-identical output. Zero means now.
	Fixed time.Time
	// IncludeProtected prints pupils with protected identity by name and
	// school in documents that leave the school (host confirmations and
	// attendance cards). Off by default: they appear as "elev via skolan"
	// (README, "Personal data and rules"); only the counsellor may choose otherwise.
	IncludeProtected bool
	// Coordinator is whom a host asks about a pupil with protected identity
	// (the network's contact, Inställningar). Never the pupil's counsellor:
	// beside the named pupils of the same school, that would point to the
	// pupil's school. Nil prints "ask whoever sent you this list".
	Coordinator *data.Person
}

// ErrNothing is returned when there is no document to print.
var ErrNothing = errors.New("reports: nothing to print")

// writer turns laid-out units into one PDF file.
type writer struct {
	pdf     *fpdf.Fpdf
	m       *metrics
	l       *lang
	printed string
	font    struct {
		st   style
		size float64
		set  bool
	}
	col, fill, draw rgb
	lw              float64
	added           [8]bool // fallback fonts added to this PDF, by index in fonts
}

// newWriter starts a PDF with the fonts and the logo registered.
func newWriter(o Options, title string) (*writer, error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	l, err := languageFor(o.Lang)
	if err != nil {
		return nil, err
	}
	now := o.Fixed
	if now.IsZero() {
		now = time.Now()
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginL, contentTop, marginR)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false) // compressPages deflates the pages afterwards, faster
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetTitle(m.oneLine(title), true)
	pdf.SetAuthor("TechniQual", true)
	pdf.SetCreator("Techniqual", true)
	pdf.SetLang(l.code)
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(assets.IconPNG))
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("reports: start PDF: %w", err)
	}
	return &writer{pdf: pdf, m: m, l: l, printed: fmt.Sprintf(l.printed, now.In(data.Stockholm).Format(data.DateLayout))}, nil
}

func (w *writer) setFont(st style, size float64) {
	if w.font.set && w.font.st == st && w.font.size == size {
		return
	}
	w.pdf.SetFont(fontFamily, st.fpdf(), size)
	w.font.st, w.font.size, w.font.set = st, size, true
}

// textColor sets the colour of text. The fill colour is set to the same:
// PDF has one colour for both, and fpdf wraps every piece of text in a
// save/restore of the graphics state while they differ.
func (w *writer) textColor(c rgb) {
	if c != w.col {
		w.pdf.SetTextColor(int(c.r), int(c.g), int(c.b))
		w.col = c
	}
	w.fillColor(c)
}

func (w *writer) fillColor(c rgb) {
	if c != w.fill {
		w.pdf.SetFillColor(int(c.r), int(c.g), int(c.b))
		w.fill = c
	}
}

func (w *writer) drawColor(c rgb, lw float64) {
	if c != w.draw {
		w.pdf.SetDrawColor(int(c.r), int(c.g), int(c.b))
		w.draw = c
	}
	if lw != w.lw {
		w.pdf.SetLineWidth(lw)
		w.lw = lw
	}
}

// emit writes a unit's pages with the page header and footer.
func (w *writer) emit(u *unit) {
	n := len(u.pages)
	for i, ops := range u.pages {
		w.pdf.AddPage() // carries font, colours and line width over, so the cached state stays true
		w.chrome(u, i+1, n)
		for _, o := range ops {
			w.draw1(o)
		}
	}
}

func (w *writer) draw1(o op) {
	switch o.kind {
	case opText:
		w.textColor(o.col)
		w.text(o)
	case opRect:
		w.fillColor(o.col)
		w.pdf.Rect(o.x, o.y, o.w, o.h, "F")
	case opBox:
		w.drawColor(o.col, o.lw)
		w.pdf.Rect(o.x, o.y, o.w, o.h, "D")
	case opLine:
		w.drawColor(o.col, o.lw)
		w.pdf.Line(o.x, o.y, o.w, o.h)
	}
}

// chrome draws the page header (logo, document name, subject) and footer
// (network, printing date, "Sida x av y").
func (w *writer) chrome(u *unit, page, pages int) {
	w.pdf.ImageOptions("logo", marginL, 11, 15, 15, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	x := marginL + 19
	width := pageW - marginR - x
	w.draw1(op{kind: opText, st: bold, size: 17, col: purple, x: x, y: 18.5,
		text: w.m.truncate(u.title, bold, 17, width)})
	w.draw1(op{kind: opText, st: regular, size: 10, col: grey, x: x, y: 24.5,
		text: w.m.truncate(u.subject, regular, 10, width)})
	w.draw1(op{kind: opRect, x: marginL, y: 29, w: contentW, h: 1.1, col: teal})

	w.draw1(op{kind: opLine, x: marginL, y: 283, w: pageW - marginR, h: 283, col: rule, lw: 0.2})
	pageText := fmt.Sprintf(w.l.page, page, pages)
	pw := w.m.textWidth(pageText, bold, 8.5)
	w.draw1(op{kind: opText, st: bold, size: 8.5, col: purple, x: pageW - marginR - pw, y: 288, text: pageText})
	left := w.m.truncate(w.l.brand+" · "+w.printed, regular, 8, contentW-pw-6)
	w.draw1(op{kind: opText, st: regular, size: 8, col: grey, x: marginL, y: 288, text: left})
}

// render lays out n units with build and writes them as one PDF to out;
// name gives the document's title in the chosen language.
// Build must not keep the unit. A panic in layout or fpdf becomes an error:
// input is sanitised first, so this is a last line of defence only. A big
// document is printed in parts and streamed to out (see partPages).
func render(out io.Writer, o Options, name func(*lang) string, n int, build func(i int, u *unit) bool) error {
	_, err := writePlan(context.Background(), out, plan{name, n, build, nil}, o, nil, false)
	return err
}

// keep takes what fpdf's Output writes without copying it: Output hands over
// its whole buffer in one Write and never touches it again, so holding on to
// the slice is safe here (and saves a copy of the uncompressed file).
type keep struct{ b []byte }

func (k *keep) Write(p []byte) (int, error) {
	if k.b == nil {
		k.b = p
	} else {
		k.b = append(k.b, p...)
	}
	return len(p), nil
}
