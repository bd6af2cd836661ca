package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/png"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// MaxSide is the largest width or height, in pixels, Render draws.
const MaxSide = 10000

// Render draws c into an image of exactly w×h pixels with theme th (the
// zero Theme is Light). Empty or fully hidden data gives an image saying
// so; only a size out of 1…MaxSide is an error.
func Render(c Chart, w, h int, th Theme) (img image.Image, err error) {
	if w < 1 || h < 1 || w > MaxSide || h > MaxSide {
		return nil, fmt.Errorf("charts: cannot draw a chart of %d×%d pixels (1–%d each way)", w, h, MaxSide)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("charts: %q: internal error: %v", c.Title, r)
		}
	}()
	th = th.complete()
	cv := vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, w, h))), vgimg.UseDPI(int(math.Round(th.DPI))))
	dc := draw.New(cv)
	dc.SetColor(th.Background)
	dc.Fill(dc.Rectangle.Path())
	r := newRenderer(prepare(c), th, dc)
	if err := r.draw(); err != nil {
		return nil, err
	}
	return cv.Image(), nil
}

// PNG is Render encoded as PNG (opaque, so a PDF embeds it without a mask).
func PNG(c Chart, w, h int, th Theme) ([]byte, error) {
	img, err := Render(c, w, h, th)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("charts: encode %q: %w", c.Title, err)
	}
	return b.Bytes(), nil
}

// renderer draws one prepared chart.
type renderer struct {
	p    *prepared
	th   Theme
	dc   draw.Canvas
	base vg.Length // the size of category names
	pad  vg.Length

	hdl                                     text.Handler
	title, cat, tick, value, legend, noteSt text.Style
}

func newRenderer(p *prepared, th Theme, dc draw.Canvas) *renderer {
	_, hdl := fontCache()
	size := dc.Size()
	// A small image gets smaller type, so the bars keep some room.
	k := min(1, float64(size.X)/240, float64(size.Y)/100)
	base := vg.Length(max(th.FontSize*k, 4))
	r := &renderer{p: p, th: th, dc: dc, base: base, pad: base * 0.8, hdl: hdl}
	st := func(scale float64, bold bool, col color.Color) text.Style {
		return text.Style{Color: col, Font: th.fontOf(float64(base)*scale, bold), Handler: hdl,
			XAlign: draw.XLeft, YAlign: draw.YTop}
	}
	r.title = st(1.2, true, th.Foreground)
	r.cat = st(1, false, th.Foreground)
	r.tick = st(0.85, false, th.Muted)
	r.value = st(0.85, true, th.Foreground)
	r.legend = st(0.9, false, th.Foreground)
	r.noteSt = st(0.8, false, th.Muted)
	return r
}

// lineHeight is the distance between lines of a style.
func lineHeight(st text.Style) vg.Length { return st.FontExtents().Height }

// wrap breaks s (cleaned for the style's font) into at most maxLines lines
// no wider than width; what does not fit ends the last line with "…".
func wrap(st text.Style, s string, width vg.Length, maxLines int) []string {
	s = newCleaner(st.Font).clean(s)
	if s == "" || maxLines < 1 {
		return nil
	}
	if width <= 0 {
		return []string{"…"}
	}
	var lines []string
	line := ""
	words := strings.Fields(s)
	for wi, w := range words {
		cand := w
		if line != "" {
			cand = line + " " + w
		}
		if st.Width(cand) <= width {
			line = cand
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for st.Width(w) > width { // a word longer than the line: break it
			cut := fitRunes(st, w, width)
			lines = append(lines, w[:cut])
			w = w[cut:]
			if len(lines) >= maxLines {
				break
			}
		}
		line = w
		if len(lines) >= maxLines {
			rest := strings.Join(append([]string{line}, words[wi+1:]...), " ")
			return ellipsis(st, lines[:maxLines], rest, width)
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > maxLines {
		return ellipsis(st, lines[:maxLines], strings.Join(lines[maxLines:], " "), width)
	}
	return lines
}

// ellipsis ends the last of lines with "…" (the text went on with rest).
func ellipsis(st text.Style, lines []string, rest string, width vg.Length) []string {
	if strings.TrimSpace(rest) == "" {
		return lines
	}
	last := lines[len(lines)-1] + "…"
	for st.Width(last) > width && len([]rune(last)) > 1 {
		rs := []rune(strings.TrimSuffix(last, "…"))
		last = strings.TrimRight(string(rs[:len(rs)-1]), " ") + "…"
	}
	lines[len(lines)-1] = last
	return lines
}

// fitRunes is how many bytes of w fit in width (at least one character).
func fitRunes(st text.Style, w string, width vg.Length) int {
	prev := 0
	for i := range w {
		if i > 0 && st.Width(w[:i]) > width {
			return prev
		}
		prev = i
	}
	if st.Width(w) <= width {
		return len(w)
	}
	if prev == 0 {
		for i := range w {
			if i > 0 {
				return i
			}
		}
		return len(w)
	}
	return prev
}

// textBlock draws lines top-down from the top left corner at x, y and
// returns the height used.
func (r *renderer) textBlock(st text.Style, lines []string, x, y vg.Length) vg.Length {
	lh := lineHeight(st)
	for i, l := range lines {
		r.dc.FillText(st, vg.Point{X: x, Y: y - vg.Length(i)*lh}, l)
	}
	return vg.Length(len(lines)) * lh
}

func (r *renderer) draw() error {
	p := r.p
	area := draw.Crop(r.dc, r.pad, -r.pad, r.pad*0.6, -r.pad*0.6)
	width := area.Size().X
	if width <= 0 || area.Size().Y <= 0 {
		return nil
	}
	top := area.Max.Y
	if lines := wrap(r.title, p.Title, width, 2); len(lines) > 0 {
		top -= r.textBlock(r.title, lines, area.Min.X, top) + r.pad*0.5
	}
	if p.Kind != KindBars && !p.empty() {
		top -= r.drawLegend(area.Min.X, top, width) + r.pad*0.4
	}
	bottom := area.Min.Y
	note := p.note()
	if p.empty() && p.anyHidden {
		note = strings.TrimSpace(p.Note) // the message says it
	}
	if lines := wrap(r.noteSt, note, width, 3); len(lines) > 0 {
		h := vg.Length(len(lines)) * lineHeight(r.noteSt)
		r.textBlock(r.noteSt, lines, area.Min.X, bottom+h)
		bottom += h + r.pad*0.4
	}
	plotArea := area
	plotArea.Min.Y, plotArea.Max.Y = bottom, top
	if !p.Horizontal {
		plotArea.Max.Y -= lineHeight(r.tick) / 2 // the top tick's label is centred on its line
	}
	if plotArea.Size().Y < 2*r.base || plotArea.Size().X < 4*r.base {
		return nil // no room left for bars: the title and note are all there is
	}
	if p.empty() {
		msg := p.EmptyText
		if strings.TrimSpace(msg) == "" {
			msg = p.w.empty
			if p.anyHidden {
				msg = p.w.hidden
			}
		}
		st := r.legend
		st.Color = r.th.Muted
		st.XAlign = draw.XCenter
		lines := wrap(st, msg, plotArea.Size().X, 3)
		h := vg.Length(len(lines)) * lineHeight(st)
		c := plotArea.Center()
		r.textBlock(st, lines, c.X, c.Y+h/2)
		return nil
	}
	return r.drawPlot(plotArea)
}

// drawLegend writes a swatch and the name of each series, in rows, from
// the top left corner at x, y, and returns the height used.
func (r *renderer) drawLegend(x, y, width vg.Length) vg.Length {
	st := r.legend
	lh := lineHeight(st)
	sw := st.Font.Size * 0.8
	gap := st.Font.Size * 0.4
	cx, rowTop := x, y
	for i, s := range r.p.Series {
		name := wrap(st, s.Name, width-sw-gap, 1)
		if len(name) == 0 {
			continue
		}
		w := sw + gap + st.Width(name[0])
		if cx > x && cx+w > x+width {
			cx, rowTop = x, rowTop-lh
		}
		ext := st.FontExtents()
		mid := rowTop - ext.Ascent/2 - (lh-ext.Ascent-ext.Descent)/2
		box := vg.Rectangle{Min: vg.Point{X: cx, Y: mid - sw/2}, Max: vg.Point{X: cx + sw, Y: mid + sw/2}}
		r.dc.FillPolygon(r.th.seriesColor(i), []vg.Point{box.Min, {X: box.Min.X, Y: box.Max.Y}, box.Max, {X: box.Max.X, Y: box.Min.Y}})
		r.dc.FillText(st, vg.Point{X: cx + sw + gap, Y: rowTop}, name[0])
		cx += w + st.Font.Size*1.4
	}
	if cx == x && rowTop == y {
		return 0
	}
	return y - rowTop + lh
}

// valueTicks marks the value axis every step from 0 to top.
type valueTicks struct {
	step, top float64
	label     func(float64) string
}

func (t valueTicks) Ticks(_, _ float64) []plot.Tick {
	var ts []plot.Tick
	for i := 0; i <= 50; i++ {
		v := float64(i) * t.step
		if v > t.top*(1+1e-9) {
			break
		}
		ts = append(ts, plot.Tick{Value: v, Label: t.label(v)})
	}
	return ts
}

// tickDecimals is how many decimals the ticks of a step need.
func tickDecimals(step float64) int {
	for d := 0; d < 3; d++ {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-9 {
			return d
		}
	}
	return 3
}

// invisible ticks give the tick labels a gap from the axis without drawing
// tick marks (gonum counts a tick's length only when it is drawn).
func (r *renderer) gapTicks(a *plot.Axis) {
	a.Tick.Length = r.base * 0.35
	a.Tick.LineStyle = draw.LineStyle{Color: r.th.Background, Width: 0.1}
}

// drawPlot draws the bars, grid, axes and values into c.
func (r *renderer) drawPlot(c draw.Canvas) error {
	p, th := r.p, r.th
	n, k := len(p.Categories), len(p.Series)
	top, tickTop, step := p.axis()
	dec := tickDecimals(step)
	tickLabel := func(v float64) string {
		s := formatNumber(v, dec, p.w.decimal)
		if p.Percent {
			s += p.w.percent
		}
		return s
	}

	if !p.Horizontal {
		// Names that would not get three letters' room go down the side instead.
		tw := r.tick.Width(tickLabel(tickTop)) + r.base
		if (c.Size().X-tw)/vg.Length(n) < r.base*3 {
			p.Horizontal = true
			top, _, _ = p.axis()
		}
	}
	pl := plot.New()
	pl.BackgroundColor = nil
	pl.TextHandler = r.hdl
	catAx, valAx := &pl.X, &pl.Y
	if p.Horizontal {
		catAx, valAx = &pl.Y, &pl.X
	}
	valAx.Min, valAx.Max = 0, top
	valAx.Padding = 0
	valAx.LineStyle.Width = 0
	valAx.Tick.Marker = valueTicks{step: step, top: tickTop, label: tickLabel}
	valAx.Tick.Label = r.tick
	r.gapTicks(valAx)
	catAx.Min, catAx.Max = -0.5, float64(n)-0.5
	catAx.Padding = 0
	catAx.LineStyle = draw.LineStyle{Color: th.Muted, Width: vg.Length(0.8)}
	catAx.Tick.Label = r.cat
	r.gapTicks(catAx)

	// Category names, wrapped to the room they have.
	size := c.Size()
	ticks := valAx.Tick.Marker.Ticks(0, top)
	names := make([]string, n)
	if !p.Horizontal {
		valAx.Tick.Label.XAlign, valAx.Tick.Label.YAlign = draw.XRight, draw.YCenter
		catAx.Tick.Label.XAlign, catAx.Tick.Label.YAlign = draw.XCenter, draw.YTop
		tw := vg.Length(0)
		for _, t := range ticks {
			tw = max(tw, r.tick.Width(t.Label))
		}
		room := (size.X - tw - r.base) / vg.Length(n) * 0.96
		lines := 3
		if n > 6 {
			lines = 2
		}
		for i, cat := range p.Categories {
			names[i] = strings.Join(wrap(r.cat, cat, room, lines), "\n")
		}
	} else {
		valAx.Tick.Label.XAlign, valAx.Tick.Label.YAlign = draw.XCenter, draw.YTop
		catAx.Tick.Label.XAlign, catAx.Tick.Label.YAlign = draw.XRight, draw.YCenter
		rowH := (size.Y - lineHeight(r.tick) - r.base) / vg.Length(n)
		st := r.cat
		if lh := lineHeight(st); rowH < lh*1.05 { // many rows: smaller names
			f := st.Font
			f.Size = max(f.Size*rowH/(lh*1.05), 3)
			st.Font = f
			catAx.Tick.Label.Font = f
		}
		lines := max(1, min(2, int(rowH/lineHeight(st))))
		for i, cat := range p.Categories {
			names[n-1-i] = strings.Join(wrap(st, cat, size.X*0.36, lines), "\n")
		}
	}
	cticks := make([]plot.Tick, n)
	for i, name := range names {
		cticks[i] = plot.Tick{Value: float64(i), Label: name}
	}
	catAx.Tick.Marker = plot.ConstantTicks(cticks)

	grid := plotter.NewGrid()
	line := draw.LineStyle{Color: th.Grid, Width: vg.Length(0.6)}
	if p.Horizontal {
		grid.Horizontal.Color = nil
		grid.Vertical = line
	} else {
		grid.Vertical.Color = nil
		grid.Horizontal = line
	}
	pl.Add(grid)

	// Bar widths from the room each category really has.
	data := pl.DataCanvas(c)
	spacing := data.Size().X / vg.Length(n)
	if p.Horizontal {
		spacing = data.Size().Y / vg.Length(n)
	}
	if spacing <= 0 {
		return nil
	}
	barW := min(spacing*0.62, r.base*7)
	offsets := make([]vg.Length, k)
	if p.Kind == KindGrouped {
		group := min(spacing*0.8, r.base*4.5*vg.Length(k))
		barW = group / vg.Length(k)
		for s := range k {
			offsets[s] = -group/2 + (vg.Length(s)+0.5)*barW
			if p.Horizontal {
				offsets[s] = -offsets[s] // the first series on top
			}
		}
	}
	var below *plotter.BarChart
	for s := range k {
		vals := make(plotter.Values, n)
		for i, cl := range p.cells[s] {
			at := i
			if p.Horizontal {
				at = n - 1 - i
			}
			vals[at] = cl.v
		}
		bc, err := plotter.NewBarChart(vals, max(barW*0.92, 0.01))
		if err != nil {
			return fmt.Errorf("charts: %q: %w", p.Title, err)
		}
		bc.Color = th.seriesColor(s)
		bc.LineStyle = draw.LineStyle{Width: 0}
		bc.Horizontal = p.Horizontal
		bc.Offset = offsets[s]
		if p.Kind == KindStacked && below != nil {
			bc.StackOn(below)
		}
		below = bc
		pl.Add(bc)
	}
	if !p.NoValues {
		pl.Add(&valueLabels{r: r, barW: barW, spacing: spacing, offsets: offsets})
	}
	pl.Draw(c)
	return nil
}

// valueLabels writes the values at the bars: over (or after) each bar,
// inside the segments of a stack where they fit with the total over it,
// and the hidden mark where a value is left out.
type valueLabels struct {
	r       *renderer
	barW    vg.Length
	spacing vg.Length // between categories
	offsets []vg.Length
}

func (vl *valueLabels) Plot(c draw.Canvas, plt *plot.Plot) {
	r, p := vl.r, vl.r.p
	n := len(p.Categories)
	trX, trY := plt.Transforms(&c)
	trCat, trVal := trX, trY
	if p.Horizontal {
		trCat, trVal = trY, trX
	}
	gap := r.base * 0.25
	st := r.value
	if p.Horizontal {
		st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
		if lh := lineHeight(st); lh > vl.spacing { // dense rows: smaller values
			st.Font.Size = max(st.Font.Size*vl.spacing/lh, 3)
		}
	} else {
		st.XAlign, st.YAlign = draw.XCenter, draw.YBottom
	}
	// Values too wide for their bars would run into each other: leave them
	// all off rather than some.
	if !p.Horizontal && p.Kind == KindGrouped {
		widest := vg.Length(0)
		for s := range p.cells {
			for _, cl := range p.cells[s] {
				widest = max(widest, st.Width(p.format(cl.v)))
			}
		}
		if widest > vl.barW*1.6 {
			return
		}
	}
	at := func(catPos, off, val vg.Length, s string, sty text.Style) {
		if p.Horizontal {
			c.FillText(sty, vg.Point{X: val + gap, Y: catPos + off}, s)
		} else {
			c.FillText(sty, vg.Point{X: catPos + off, Y: val + gap}, s)
		}
	}
	muted := st
	muted.Color = r.th.Muted
	muted.Font.Weight = r.cat.Font.Weight
	for i := range n {
		pos := float64(i)
		if p.Horizontal {
			pos = float64(n - 1 - i)
		}
		cp := trCat(pos)
		if p.Kind != KindStacked {
			for s := range p.cells {
				cl := p.cells[s][i]
				switch {
				case cl.drawn:
					at(cp, vl.offsets[s], trVal(cl.v), p.format(cl.v), st)
				case cl.hidden:
					stub := vl.hiddenStub(c, s, cp+vl.offsets[s], trVal(0))
					at(cp, vl.offsets[s], trVal(0)+stub, p.markOf(cl), st)
				}
			}
			continue
		}
		total, hidden, drawn := 0.0, false, 0
		for s := range p.cells {
			cl := p.cells[s][i]
			hidden = hidden || cl.hidden
			if cl.drawn {
				drawn++
			}
			if !cl.drawn || cl.v <= 0 {
				continue
			}
			lo, hi := trVal(total), trVal(total+cl.v)
			total += cl.v
			label := p.format(cl.v)
			in := st
			in.Color = contrast(r.th.seriesColor(s))
			in.XAlign, in.YAlign = draw.XCenter, draw.YCenter
			w, h := in.Width(label), lineHeight(in)
			if p.Horizontal {
				if hi-lo >= w+gap*2 && vl.barW >= h {
					c.FillText(in, vg.Point{X: (lo + hi) / 2, Y: cp}, label)
				}
			} else if hi-lo >= h+gap && vl.barW >= w+gap {
				c.FillText(in, vg.Point{X: cp, Y: (lo + hi) / 2}, label)
			}
		}
		switch {
		case hidden && drawn == 0:
			stub := vl.hiddenStub(c, 0, cp, trVal(0))
			at(cp, 0, trVal(0)+stub, p.hiddenMark(), st)
		case !hidden && drawn > 0:
			at(cp, 0, trVal(total), p.format(total), st)
		}
	}
}

// hiddenStub draws where a hidden value stands: a short box in series s's
// colour, outlined and hatched, at the bar's place (centre at catPos, base
// at base), so the value is seen as hidden rather than missing. It returns
// the stub's length along the value axis.
func (vl *valueLabels) hiddenStub(c draw.Canvas, s int, catPos, base vg.Length) vg.Length {
	r := vl.r
	w, h := max(vl.barW*0.92, 0.01), r.base*1.1
	col := r.th.seriesColor(s)
	ls := draw.LineStyle{Color: col, Width: max(r.base*0.08, 0.5)}
	box := func(a, b vg.Point) []vg.Point { // a: the base's corner
		if r.p.Horizontal {
			return []vg.Point{{X: a.X, Y: a.Y}, {X: b.X, Y: a.Y}, {X: b.X, Y: b.Y}, {X: a.X, Y: b.Y}, {X: a.X, Y: a.Y}}
		}
		return []vg.Point{{X: a.X, Y: a.Y}, {X: a.X, Y: b.Y}, {X: b.X, Y: b.Y}, {X: b.X, Y: a.Y}, {X: a.X, Y: a.Y}}
	}
	var a, b vg.Point
	if r.p.Horizontal {
		a, b = vg.Point{X: base, Y: catPos - w/2}, vg.Point{X: base + h, Y: catPos + w/2}
	} else {
		a, b = vg.Point{X: catPos - w/2, Y: base}, vg.Point{X: catPos + w/2, Y: base + h}
	}
	c.StrokeLines(ls, box(a, b))
	// Diagonal hatching across the box.
	step := h / 3
	for d := vg.Length(0); d < (b.X-a.X)+(b.Y-a.Y); d += step {
		x0, y0 := a.X+d, a.Y
		x1, y1 := a.X, a.Y+d
		if x0 > b.X {
			y0 += x0 - b.X
			x0 = b.X
		}
		if y1 > b.Y {
			x1 += y1 - b.Y
			y1 = b.Y
		}
		c.StrokeLine2(ls, x0, y0, x1, y1)
	}
	return h
}

// markOf is what stands in for a hidden cell: its own mark, else the
// chart's.
func (p *prepared) markOf(cl cell) string {
	if cl.mark != "" {
		return cl.mark
	}
	return p.hiddenMark()
}

// contrast is white or near-black, whichever reads better on bg.
func contrast(bg color.Color) color.Color {
	r, g, b, _ := bg.RGBA()
	lum := (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
	if lum < 0.55 {
		return color.White
	}
	return color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xFF}
}

// CompactPNG is Render encoded as a small PNG for a printed document: the
// chart's 256 most used colours as a palette (a chart has a few flat
// colours and the shades of their anti-aliased edges; every pixel takes the
// nearest palette colour, exact when the chart has no more than 256), at
// the best compression. About a third of PNG's size; the PDF embeds the
// data as it is.
func CompactPNG(c Chart, w, h int, th Theme) ([]byte, error) {
	img, err := Render(c, w, h, th)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, paletted(img)); err != nil {
		return nil, fmt.Errorf("charts: encode %q: %w", c.Title, err)
	}
	return b.Bytes(), nil
}

// paletted maps img onto its 256 most used colours (ties by colour value,
// so the same chart always gives the same bytes).
func paletted(img image.Image) *image.Paletted {
	b := img.Bounds()
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(b)
		stddraw.Draw(rgba, b, img, b.Min, stddraw.Src)
	}
	// Runs of one colour (background, bars) are counted once a run: a map
	// lookup a pixel would be most of the time spent.
	count := map[uint32]int{}
	for y := 0; y < b.Dy(); y++ {
		row := rgba.Pix[y*rgba.Stride : y*rgba.Stride+4*b.Dx()]
		last, run := uint32(1<<31), 0
		for i := 0; i < len(row); i += 4 {
			c := uint32(row[i])<<16 | uint32(row[i+1])<<8 | uint32(row[i+2])
			if c != last {
				if run > 0 {
					count[last] += run
				}
				last, run = c, 0
			}
			run++
		}
		if run > 0 {
			count[last] += run
		}
	}
	cs := make([]uint32, 0, len(count))
	for c := range count {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if count[cs[i]] != count[cs[j]] {
			return count[cs[i]] > count[cs[j]]
		}
		return cs[i] < cs[j]
	})
	if len(cs) > 256 {
		cs = cs[:256]
	}
	pal := make(color.Palette, len(cs))
	for i, c := range cs {
		pal[i] = color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xFF}
	}
	// Each colour's nearest palette entry, looked up once per colour (a
	// chart has hundreds of colours, not millions of pixels' worth).
	index := make(map[uint32]uint8, len(count))
	for c := range count {
		index[c] = uint8(pal.Index(color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xFF}))
	}
	out := image.NewPaletted(b, pal)
	for y := 0; y < b.Dy(); y++ {
		row := rgba.Pix[y*rgba.Stride : y*rgba.Stride+4*b.Dx()]
		dst := out.Pix[y*out.Stride : y*out.Stride+b.Dx()]
		last, li := uint32(1<<31), uint8(0)
		for i := range dst {
			c := uint32(row[4*i])<<16 | uint32(row[4*i+1])<<8 | uint32(row[4*i+2])
			if c != last {
				last, li = c, index[c]
			}
			dst[i] = li
		}
	}
	return out
}
