package reports

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
)

// partPages is how many pages one part of a big document holds. fpdf keeps
// a whole document in memory (and its Output makes one more copy), so a
// document of many units is printed in parts of about this many pages,
// each written as a PDF of its own and merged into the output as soon as
// it is done: memory is bounded by one part, not by the document (issue
// #16, goal 5). Each part embeds its own subset of the two fonts (about
// 25 KB), about 1 % of a part of schedules. A document that fits in one
// part is written exactly as before, byte for byte. A variable so that the
// tests can merge small documents.
var partPages = 1000

// document prints the units of one PDF, part by part.
type document struct {
	o     Options
	title string
	out   io.Writer
	spool bool // merge into a temporary file, copied to out only when whole

	wr    *writer // the part being laid out
	pages int     // pages in wr
	held  []byte  // the first finished part, until a second one shows a merge is needed
	m     *merger // nil while the document is one part

	tmp *os.File // the spool file, when spool
}

// newDocument starts a document titled title that is written to out. With
// spool, a document of several parts is merged into a temporary file
// (mode 0600, removed afterwards) and copied to out only when it is
// complete, so that a cancelled print writes nothing to out.
func newDocument(o Options, title string, out io.Writer, spool bool) (*document, error) {
	wr, err := newWriter(o, title)
	if err != nil {
		return nil, err
	}
	return &document{o: o, title: title, out: out, spool: spool, wr: wr}, nil
}

// emit adds a laid-out unit; a unit never straddles two parts.
func (d *document) emit(u *unit) error {
	if d.pages > 0 && d.pages+len(u.pages) > partPages {
		if err := d.flush(); err != nil {
			return err
		}
	}
	d.wr.emit(u)
	d.pages += len(u.pages)
	return d.wr.pdf.Error()
}

// part writes the current part as a compressed PDF of its own.
func (d *document) part() ([]byte, error) {
	var plain keep
	if err := d.wr.pdf.Output(&plain); err != nil {
		return nil, err
	}
	d.wr.pdf = nil // the part's pages may go before its compressed copy is made
	var b bytes.Buffer
	b.Grow(len(plain.b) / 3)
	if err := compressPages(plain.b, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// flush ends the current part, merges it (or holds it while it is the
// first) and starts the next.
func (d *document) flush() error {
	b, err := d.part()
	if err != nil {
		return err
	}
	if d.m == nil && d.held == nil {
		d.held = b
	} else if err := d.merge(b); err != nil {
		return err
	}
	// What the finished part left behind goes now, before the next part
	// grows: this is what keeps the peak near one part.
	runtime.GC()
	d.wr, err = newWriter(d.o, d.title)
	d.pages = 0
	return err
}

// merge adds a finished part to the merged output, starting it with the
// held first part.
func (d *document) merge(b []byte) error {
	if d.m == nil {
		w := d.out
		if d.spool {
			f, err := os.CreateTemp("", "techniqual-print-*.pdf") // mode 0600
			if err != nil {
				return err
			}
			d.tmp, w = f, f
		}
		d.m = newMerger(w)
		if err := d.m.add(d.held); err != nil {
			return err
		}
		d.held = nil
	}
	return d.m.add(b)
}

// finish writes what is left: the one part as it is, or the last part and
// the merged document's page tree, catalog and cross-reference table.
func (d *document) finish() error {
	if d.m == nil && d.held == nil {
		var plain keep
		if err := d.wr.pdf.Output(&plain); err != nil {
			return err
		}
		d.wr.pdf = nil
		return compressPages(plain.b, d.out)
	}
	b, err := d.part()
	if err != nil {
		return err
	}
	if err := d.merge(b); err != nil {
		return err
	}
	if err := d.m.finish(); err != nil {
		return err
	}
	if d.tmp == nil {
		return nil
	}
	if _, err := d.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(d.out, d.tmp)
	return err
}

// close removes the spool file, if any; call it whatever happened.
func (d *document) close() {
	if d.tmp != nil {
		d.tmp.Close()
		os.Remove(d.tmp.Name())
		d.tmp = nil
	}
}

// merger writes several PDFs, as compressPages leaves fpdf's output, as
// one: every part's objects are renumbered into one sequence, its pages
// join one page tree, and the first part's catalog and document
// information are kept. The parts are read as splitObjects reads them
// (fpdf's classic cross-reference table); anything else is an error, never
// a broken file.
type merger struct {
	w       *bufio.Writer
	out     io.Writer
	pos     int64
	offsets []int64 // by new object number; 0 and 1 (the page tree) are set last
	kids    []int
	first   bool
	tree    []byte // the first part's page tree without /Kids and /Count
	catalog []byte // the first part's catalog, renumbered
	info    []byte // the first part's document information
	catNum  int
	infoNum int
}

func newMerger(out io.Writer) *merger {
	return &merger{w: bufio.NewWriterSize(out, 1<<16), out: out, offsets: make([]int64, 2), first: true}
}

var errPart = errors.New("reports: internal error: a part of the document is not as fpdf writes it")

func (m *merger) write(b []byte) {
	n, _ := m.w.Write(b) // a write error is kept by bufio and returned by Flush
	m.pos += int64(n)
}

// newObject reserves the next object number.
func (m *merger) newObject() int {
	m.offsets = append(m.offsets, 0)
	return len(m.offsets) - 1
}

// add appends one part.
func (m *merger) add(part []byte) error {
	objs, xref, trailer, ok := splitObjects(part)
	if !ok {
		return errPart
	}
	root, ok1 := trailerRef(trailer, "/Root ")
	info, ok2 := trailerRef(trailer, "/Info ")
	if !ok1 || !ok2 || root < 2 || info < 2 || root >= len(xref) || info >= len(xref) {
		return errPart
	}
	renum := make([]int, len(xref))
	renum[1] = 1
	for k := 2; k < len(xref); k++ {
		if k != root && k != info {
			renum[k] = m.newObject()
		}
	}
	if m.first {
		m.write(part[:objs[0].start]) // the header
		m.catNum, m.infoNum = m.newObject(), m.newObject()
		renum[root], renum[info] = m.catNum, m.infoNum
	}
	for _, o := range objs {
		chunk := part[o.start:o.end]
		nl := bytes.IndexByte(chunk, '\n')
		if nl < 0 {
			return errPart
		}
		body := chunk[nl+1:]
		switch o.num {
		case 1:
			if err := m.pages(body, renum); err != nil {
				return err
			}
			continue
		case root, info:
			if m.first {
				b, err := renumber(body, renum)
				if err != nil {
					return err
				}
				if o.num == root {
					m.catalog = b
				} else {
					m.info = b
				}
			}
			continue
		}
		m.offsets[renum[o.num]] = m.pos
		m.write([]byte(strconv.Itoa(renum[o.num]) + " 0 obj\n"))
		head, stream := body, []byte(nil)
		if i := bytes.Index(body, []byte(">>\nstream\n")); i >= 0 {
			head, stream = body[:i], body[i:]
		}
		b, err := renumber(head, renum)
		if err != nil {
			return err
		}
		m.write(b)
		m.write(stream)
	}
	m.first = false
	return nil
}

// pages takes the kids of a part's page tree; the first part's tree gives
// the merged tree its other entries (the media box).
func (m *merger) pages(body []byte, renum []int) error {
	i := bytes.Index(body, []byte("/Kids ["))
	if i < 0 {
		return errPart
	}
	j := bytes.IndexByte(body[i:], ']')
	if j < 0 {
		return errPart
	}
	kids := bytes.Fields(body[i+len("/Kids [") : i+j])
	if len(kids)%3 != 0 {
		return errPart
	}
	for k := 0; k < len(kids); k += 3 {
		n, err := strconv.Atoi(string(kids[k]))
		if err != nil || n < 2 || n >= len(renum) || renum[n] == 0 || string(kids[k+1]) != "0" || string(kids[k+2]) != "R" {
			return errPart
		}
		m.kids = append(m.kids, renum[n])
	}
	if m.first {
		rest := body[i+j+1:]
		if bytes.HasPrefix(rest, []byte("\n/Count ")) {
			nl := bytes.IndexByte(rest[1:], '\n')
			if nl < 0 {
				return errPart
			}
			rest = rest[1+nl:]
		}
		m.tree = append(append([]byte{}, body[:i]...), rest...)
	}
	return nil
}

// finish writes the page tree, the catalog, the document information, the
// cross-reference table and the trailer.
func (m *merger) finish() error {
	if m.catalog == nil || m.info == nil || m.tree == nil {
		return errPart
	}
	m.offsets[1] = m.pos
	var b bytes.Buffer
	b.WriteString("1 0 obj\n")
	b.Write(m.tree[:bytes.Index(m.tree, []byte("/Type /Pages\n"))+len("/Type /Pages\n")])
	b.WriteString("/Kids [")
	for _, k := range m.kids {
		b.WriteString(strconv.Itoa(k))
		b.WriteString(" 0 R ")
	}
	fmt.Fprintf(&b, "]\n/Count %d", len(m.kids))
	b.Write(m.tree[bytes.Index(m.tree, []byte("/Type /Pages\n"))+len("/Type /Pages\n"):])
	m.write(b.Bytes())
	m.offsets[m.infoNum] = m.pos
	m.write([]byte(strconv.Itoa(m.infoNum) + " 0 obj\n"))
	m.write(m.info)
	m.offsets[m.catNum] = m.pos
	m.write([]byte(strconv.Itoa(m.catNum) + " 0 obj\n"))
	m.write(m.catalog)
	start := m.pos
	m.write(fmt.Appendf(nil, "xref\n0 %d\n0000000000 65535 f \n", len(m.offsets)))
	for _, off := range m.offsets[1:] {
		m.write(fmt.Appendf(nil, "%010d 00000 n \n", off))
	}
	m.write(fmt.Appendf(nil, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(m.offsets), m.catNum, m.infoNum, start))
	return m.w.Flush()
}

// trailerRef reads "key N 0 R" from a trailer dictionary.
func trailerRef(trailer []byte, key string) (int, bool) {
	i := bytes.Index(trailer, []byte(key))
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(trailer[i+len(key):])
	if len(f) < 3 || string(f[1]) != "0" || string(f[2]) != "R" {
		return 0, false
	}
	n, err := strconv.Atoi(string(f[0]))
	return n, err == nil
}

// renumber rewrites the indirect references "N 0 R" in the dictionary part
// of an object (never inside a string) to their new numbers.
func renumber(b []byte, renum []int) ([]byte, error) {
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '(': // a literal string, copied as it is
			depth, j := 0, i
			for ; j < len(b); j++ {
				if b[j] == '\\' {
					j++
					continue
				}
				if b[j] == '(' {
					depth++
				} else if b[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(b) {
				return nil, errPart
			}
			out = append(out, b[i:j+1]...)
			i = j + 1
		case c >= '0' && c <= '9' && (i == 0 || isDelim(b[i-1])):
			j := i
			for j < len(b) && b[j] >= '0' && b[j] <= '9' {
				j++
			}
			if bytes.HasPrefix(b[j:], []byte(" 0 R")) && (j+4 == len(b) || isDelim(b[j+4])) {
				n, err := strconv.Atoi(string(b[i:j]))
				if err != nil || n >= len(renum) || renum[n] == 0 {
					return nil, errPart
				}
				out = strconv.AppendInt(out, int64(renum[n]), 10)
				out = append(out, " 0 R"...)
				i = j + 4
				continue
			}
			out = append(out, b[i:j]...)
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
	return out, nil
}

// isDelim reports whether c ends a PDF token (white space or a delimiter).
func isDelim(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0, '[', ']', '<', '>', '(', ')', '/', '{', '}', '%':
		return true
	}
	return false
}
