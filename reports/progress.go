package reports

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"techniqual/data"
)

// Progress is told, after each unit (pupil, or offer for host
// confirmations), how many of total are done. It is called on the goroutine
// that prints.
type Progress func(done, total int)

// plan is how one kind of document is printed: its title, the number of
// units and how to lay out unit i (false: the unit prints nothing). err,
// when set, tells why a unit could not be laid out (its documents could
// not be read); the print stops there.
type plan struct {
	name  func(*lang) string
	n     int
	build func(i int, u *unit) bool
	err   func() error
}

// Source gives the documents of a print in order, a batch at a time, so
// that a print holds one batch of them and not the whole list (issue #16,
// goal 5). *data.DocumentList is one. For host confirmations the documents
// of one offer must be next to each other (data.DocumentList.ByOffer).
type Source interface {
	Len() int
	OfferID(i int) string // the offer of document i, without loading it
	Load(ctx context.Context, from, to int) ([]data.ScheduleDoc, error)
}

// docSlice is a Source of documents already in memory.
type docSlice []data.ScheduleDoc

func (d docSlice) Len() int             { return len(d) }
func (d docSlice) OfferID(i int) string { return d[i].Offer.ID }
func (d docSlice) Load(_ context.Context, from, to int) ([]data.ScheduleDoc, error) {
	return d[from:to], nil
}

// batchSize is how many documents a print reads from its Source at a time.
const batchSize = 256

// cursor reads a Source a batch at a time as a print goes through it in
// order; the first error stops it and stays.
type cursor struct {
	ctx   context.Context
	src   Source
	from  int
	batch []data.ScheduleDoc
	err   error
}

// at returns document i, reading its batch when it is not the one held;
// false when it could not be read (see err).
func (c *cursor) at(i int) (data.ScheduleDoc, bool) {
	if c.err != nil {
		return data.ScheduleDoc{}, false
	}
	if i < c.from || i >= c.from+len(c.batch) {
		c.batch = nil // the last batch may go before the next is read
		to := min(c.src.Len(), i+batchSize)
		c.batch, c.err = c.src.Load(c.ctx, i, to)
		if c.err == nil && len(c.batch) != to-i {
			c.err = fmt.Errorf("reports: %d documents read of %d", len(c.batch), to-i)
		}
		if c.err != nil {
			return data.ScheduleDoc{}, false
		}
		c.from = i
	}
	return c.batch[i-c.from], true
}

func planFor(kind Kind, docs []data.ScheduleDoc, o Options) (plan, error) {
	if kind == KindHosts { // grouped as the confirmations are printed
		flat := make([]data.ScheduleDoc, 0, len(docs))
		for _, h := range data.GroupByOffer(docs) {
			flat = append(flat, h.Pupils...)
		}
		docs = flat
	}
	return planSource(context.Background(), kind, docSlice(docs), o)
}

// planSource is how the documents of src are printed as kind.
func planSource(ctx context.Context, kind Kind, src Source, o Options) (plan, error) {
	c := &cursor{ctx: ctx, src: src}
	one := func(name func(*lang) string, lay func(u *unit, d data.ScheduleDoc) bool) plan {
		return plan{name, src.Len(), func(i int, u *unit) bool {
			d, ok := c.at(i)
			return ok && lay(u, d)
		}, func() error { return c.err }}
	}
	switch kind {
	case KindSchedules:
		return one(func(l *lang) string { return l.scheduleTitle }, func(u *unit, d data.ScheduleDoc) bool {
			layoutSchedule(u, d)
			return true
		}), nil
	case KindHosts:
		var starts []int // where each offer's run of documents begins
		for i := range src.Len() {
			if i == 0 || src.OfferID(i) != src.OfferID(i-1) {
				starts = append(starts, i)
			}
		}
		starts = append(starts, src.Len())
		return plan{func(l *lang) string { return l.hostTitle }, len(starts) - 1, func(k int, u *unit) bool {
			var h data.HostDoc
			for i := starts[k]; i < starts[k+1]; i++ {
				d, ok := c.at(i)
				if !ok {
					return false
				}
				if i == starts[k] {
					h = data.HostDoc{Period: d.Period, Offer: d.Offer, Host: d.Host, Supervisor: d.Supervisor}
				}
				h.Pupils = append(h.Pupils, d)
			}
			layoutHost(u, h, o.IncludeProtected, o.Coordinator)
			return true
		}, func() error { return c.err }}, nil
	case KindAttendance:
		return one(func(l *lang) string { return l.cardTitle }, func(u *unit, d data.ScheduleDoc) bool {
			layoutCard(u, d, o.IncludeProtected, o.Coordinator)
			return true
		}), nil
	case KindCertificates:
		return one(func(l *lang) string { return l.certTitle }, func(u *unit, d data.ScheduleDoc) bool {
			if len(Attended(d)) == 0 {
				return false
			}
			layoutCertificate(u, d)
			return true
		}), nil
	}
	return plan{}, fmt.Errorf("reports: unknown document %q", kind)
}

// Units is how many documents of kind docs make: one per pupil, one per
// offer for host confirmations, one per pupil with attendance for
// certificates.
func Units(kind Kind, docs []data.ScheduleDoc) int {
	switch kind {
	case KindHosts:
		return len(data.GroupByOffer(docs))
	case KindCertificates:
		n := 0
		for _, d := range docs {
			if len(Attended(d)) > 0 {
				n++
			}
		}
		return n
	}
	return len(docs)
}

// WriteContext is Write for big batches: it stops between units when ctx is
// done (returning ctx's error and writing nothing to w), tells progress
// after each unit, and returns the number of pages printed. The PDF is the
// same as Write's.
func WriteContext(ctx context.Context, w io.Writer, kind Kind, docs []data.ScheduleDoc, o Options, progress Progress) (pages int, err error) {
	p, err := planFor(kind, docs, o)
	if err != nil {
		return 0, err
	}
	return writePlan(ctx, w, p, o, progress, true)
}

// writePlan prints the units of p into one PDF, as WriteContext describes
// (the documents of a classic period and of a week share it). A big
// document is printed in parts (see partPages) and streamed to w; spool
// keeps a cancelled print from writing anything to w (see newDocument).
func writePlan(ctx context.Context, w io.Writer, p plan, o Options, progress Progress, spool bool) (pages int, err error) {
	l, err := languageFor(o.Lang)
	if err != nil {
		return 0, err
	}
	title := p.name(l)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reports: %s: internal error: %v", title, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	// A cancellable print to a writer that is not a temporary file of ours
	// merges a big document in a spool file first: "nothing written on
	// cancel" holds whatever the size.
	doc, err := newDocument(o, title, w, spool && ctx.Done() != nil)
	if err != nil {
		return 0, err
	}
	defer doc.close()
	u := &unit{m: doc.wr.m, l: doc.wr.l}
	units := 0
	for i := range p.n {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		built := p.build(i, u)
		if p.err != nil {
			if err := p.err(); err != nil {
				return 0, fmt.Errorf("reports: %s: %w", title, err)
			}
		}
		if built {
			if err := doc.emit(u); err != nil {
				return 0, fmt.Errorf("reports: %s: %w", title, err)
			}
			units++
			pages += len(u.pages)
		}
		if progress != nil {
			progress(i+1, p.n)
		}
	}
	if units == 0 {
		return 0, ErrNothing
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := doc.finish(); err != nil {
		return 0, fmt.Errorf("reports: write %s: %w", title, err)
	}
	return pages, nil
}

// WriteFileContext prints docs into one PDF at path (mode 0600, through a
// temporary file), cancellable and with progress as WriteContext. When ctx
// is cancelled or printing fails, no file is left at path and an earlier
// file there is kept.
func WriteFileContext(ctx context.Context, path string, kind Kind, docs []data.ScheduleDoc, o Options, progress Progress) (pages int, err error) {
	p, err := planFor(kind, docs, o)
	if err != nil {
		return 0, err
	}
	return writePlanFile(ctx, path, p, o, progress)
}

// WriteSourceFileContext is WriteFileContext for documents read from src a
// batch at a time: a print of any size holds one batch of documents and one
// part of the PDF (see partPages). The PDF is the same as WriteFileContext
// makes of the same documents in the same order.
func WriteSourceFileContext(ctx context.Context, path string, kind Kind, src Source, o Options, progress Progress) (pages int, err error) {
	p, err := planSource(ctx, kind, src, o)
	if err != nil {
		return 0, err
	}
	return writePlanFile(ctx, path, p, o, progress)
}

// writePlanFile prints p straight into a temporary file beside path, which
// becomes path only when the document is whole: the document never is in
// memory as a whole (see partPages).
func writePlanFile(ctx context.Context, path string, p plan, o Options, progress Progress) (pages int, err error) {
	var printErr error
	err = data.WritePrivateFile(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		pages, printErr = writePlan(ctx, bw, p, o, progress, false)
		if printErr != nil {
			return printErr
		}
		return bw.Flush()
	})
	if printErr != nil {
		return 0, printErr
	}
	if err != nil {
		return 0, fmt.Errorf("reports: write %s: %w", path, err)
	}
	return pages, nil
}

// WriteFilesContext is WriteFiles for big batches: it stops between files
// when ctx is done, tells progress after each file, and on cancellation or
// failure removes the files it wrote, so no partial batch is left behind.
func WriteFilesContext(ctx context.Context, dir string, kind Kind, docs []data.ScheduleDoc, o Options, progress Progress) (paths []string, err error) {
	if !kind.Valid() {
		return nil, fmt.Errorf("reports: unknown document %q", kind)
	}
	l, err := languageFor(o.Lang)
	if err != nil {
		return nil, err
	}
	type job struct {
		name string
		docs []data.ScheduleDoc
	}
	var jobs []job
	if kind == KindHosts {
		for _, h := range data.GroupByOffer(docs) {
			jobs = append(jobs, job{joinNonEmpty(" - ", h.Host.Name, h.Offer.Title), h.Pupils})
		}
	} else {
		for _, d := range docs {
			if kind == KindCertificates && len(Attended(d)) == 0 {
				continue
			}
			who := joinNonEmpty(" ", d.Pupil.ClassName, d.Pupil.LastName, d.Pupil.FirstName)
			if kind == KindAttendance && hidden(d.Pupil, o.IncludeProtected) {
				who = l.viaSchool + " " + ref(d.Pupil)
			}
			jobs = append(jobs, job{who, []data.ScheduleDoc{d}})
		}
	}
	if len(jobs) == 0 {
		return nil, ErrNothing
	}
	return writeUnitFiles(ctx, dir, fileTitle(kind, l), jobs, func(j job) string { return j.name },
		func(ctx context.Context, w io.Writer, j job) error {
			_, err := WriteContext(ctx, w, kind, j.docs, o, nil)
			return err
		}, progress)
}

// FirstUnit returns the pupils' documents that make the first document of
// kind printed from docs (one pupil, or one offer's pupils for host
// confirmations), for a preview; nil when nothing would be printed.
func FirstUnit(kind Kind, docs []data.ScheduleDoc) []data.ScheduleDoc {
	switch kind {
	case KindHosts:
		for _, h := range data.GroupByOffer(docs) {
			if len(h.Pupils) > 0 {
				return h.Pupils
			}
		}
		return nil
	case KindCertificates:
		for _, d := range docs {
			if len(Attended(d)) > 0 {
				return []data.ScheduleDoc{d}
			}
		}
		return nil
	}
	if len(docs) == 0 {
		return nil
	}
	return docs[:1]
}

// ItemKind is what a PageItem draws.
type ItemKind uint8

// The items of a page.
const (
	ItemText ItemKind = iota // Text at X, Y (left end of the baseline)
	ItemRect                 // filled rectangle X, Y, W, H
	ItemBox                  // stroked rectangle X, Y, W, H
	ItemLine                 // line from X, Y to W, H
	ItemLogo                 // the logo (assets.IconPNG) in X, Y, W, H
)

// PageItem is one thing drawn on a page, in millimetres from the top left
// corner; font sizes are in points.
type PageItem struct {
	Kind      ItemKind
	X, Y      float64
	W, H      float64
	Text      string
	Bold      bool
	Size      float64
	Color     color.NRGBA
	LineWidth float64
}

// Page is the first page of a document as it is laid out for the PDF: what
// a preview can draw without a PDF rasteriser.
type Page struct {
	Width, Height float64 // millimetres (A4)
	Pages         int     // pages of the document this page starts
	Items         []PageItem
}

// FirstPage lays out the first document of kind printed from docs and
// returns its first page, header and footer included, exactly where the
// PDF puts them (the text is set in the same Noto Sans). ErrNothing when
// docs print nothing.
func FirstPage(kind Kind, docs []data.ScheduleDoc, o Options) (pg Page, err error) {
	p, err := planFor(kind, FirstUnit(kind, docs), o)
	if err != nil {
		return Page{}, err
	}
	return firstPage(p, o)
}

// firstPage lays out the first unit of p that prints and returns its first
// page, as FirstPage describes.
func firstPage(p plan, o Options) (pg Page, err error) {
	l, err := languageFor(o.Lang)
	if err != nil {
		return Page{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reports: preview: internal error: %v", r)
		}
	}()
	m, err := loadMetrics()
	if err != nil {
		return Page{}, err
	}
	u := &unit{m: m, l: l}
	for i := range p.n {
		if !p.build(i, u) {
			continue
		}
		now := o.Fixed
		if now.IsZero() {
			now = time.Now()
		}
		printed := fmt.Sprintf(l.printed, now.In(data.Stockholm).Format(data.DateLayout))
		pg = Page{Width: pageW, Height: 297, Pages: len(u.pages)}
		add := func(o op) { pg.Items = append(pg.Items, itemOf(o)) }
		// The page chrome, as writer.chrome draws it.
		pg.Items = append(pg.Items, PageItem{Kind: ItemLogo, X: marginL, Y: 11, W: 15, H: 15})
		x := marginL + 19
		width := pageW - marginR - x
		add(op{kind: opText, st: bold, size: 17, col: purple, x: x, y: 18.5, text: m.truncate(u.title, bold, 17, width)})
		add(op{kind: opText, st: regular, size: 10, col: grey, x: x, y: 24.5, text: m.truncate(u.subject, regular, 10, width)})
		add(op{kind: opRect, x: marginL, y: 29, w: contentW, h: 1.1, col: teal})
		add(op{kind: opLine, x: marginL, y: 283, w: pageW - marginR, h: 283, col: rule, lw: 0.2})
		pageText := fmt.Sprintf(l.page, 1, len(u.pages))
		pw := m.textWidth(pageText, bold, 8.5)
		add(op{kind: opText, st: bold, size: 8.5, col: purple, x: pageW - marginR - pw, y: 288, text: pageText})
		add(op{kind: opText, st: regular, size: 8, col: grey, x: marginL, y: 288,
			text: m.truncate(l.brand+" · "+printed, regular, 8, contentW-pw-6)})
		for _, o := range u.pages[0] {
			add(o)
		}
		return pg, nil
	}
	return Page{}, ErrNothing
}

func itemOf(o op) PageItem {
	it := PageItem{X: o.x, Y: o.y, W: o.w, H: o.h, Text: o.text, Bold: o.st == bold, Size: o.size,
		Color: color.NRGBA{R: o.col.r, G: o.col.g, B: o.col.b, A: 0xFF}, LineWidth: o.lw}
	switch o.kind {
	case opText:
		it.Kind = ItemText
	case opRect:
		it.Kind = ItemRect
	case opBox:
		it.Kind = ItemBox
	case opLine:
		it.Kind = ItemLine
	}
	return it
}

// writeUnitFiles writes one PDF per job into dir (created when missing),
// named prefix + the job's name made safe and unique, readable by the owner
// only. It stops between files when ctx is done, tells progress after each
// file, and on cancellation or failure removes every file it wrote, so no
// partial batch is left. Both the period's and the week's documents print
// their per-unit files through it.
func writeUnitFiles[J any](ctx context.Context, dir, prefix string, jobs []J, name func(J) string,
	render func(context.Context, io.Writer, J) error, progress Progress) (paths []string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("reports: create folder %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			for _, p := range paths {
				os.Remove(p)
			}
			paths = nil
		}
	}()
	used := map[string]bool{}
	var buf bytes.Buffer
	for i, j := range jobs {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		base := SafeFileName(prefix + " " + name(j))
		file := base
		for k := 2; used[strings.ToLower(file)]; k++ {
			file = fmt.Sprintf("%s (%d)", base, k)
		}
		used[strings.ToLower(file)] = true
		buf.Reset()
		if err := render(ctx, &buf, j); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, file+".pdf")
		if err := writePrivate(path, buf.Bytes()); err != nil {
			return paths, err
		}
		paths = append(paths, path)
		if progress != nil {
			progress(i+1, len(jobs))
		}
	}
	return paths, nil
}
