package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarRow is one bar of a BarChart: a label, a count and the share it is of
// the whole, shown as text after the bar.
type BarRow struct {
	Label string  // what the bar counts
	Count int     // how many
	Share float64 // 0..1
	Text  string  // e.g. "62 % (124)"
	Muted bool    // drawn in the disabled colour (e.g. "not placed")
}

// BarChart is a small horizontal bar chart drawn with canvas rectangles:
// one row per bar with its label on the left and its value on the right.
// Colours come from the theme when it is refreshed, so it reads in light
// and dark themes.
type BarChart struct {
	widget.BaseWidget
	rows []BarRow
}

// NewBarChart makes an empty bar chart; SetRows fills it.
func NewBarChart() *BarChart {
	c := &BarChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows shows rows instead of the present ones.
func (c *BarChart) SetRows(rows []BarRow) {
	c.rows = rows
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart  *BarChart
	labels []*canvas.Text
	values []*canvas.Text
	tracks []*canvas.Rectangle
	bars   []*canvas.Rectangle
	objs   []fyne.CanvasObject
}

const barMinWidth = 160

func (r *barChartRenderer) textSize() float32 { return theme.TextSize() }

func (r *barChartRenderer) rowHeight() float32 {
	return fyne.MeasureText("Åg", r.textSize(), fyne.TextStyle{}).Height + theme.Padding()*2
}

func (r *barChartRenderer) columns() (labelW, valueW float32) {
	for _, l := range r.labels {
		labelW = max(labelW, l.MinSize().Width)
	}
	for _, v := range r.values {
		valueW = max(valueW, v.MinSize().Width)
	}
	return labelW, valueW
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	labelW, valueW := r.columns()
	pad := theme.Padding()
	inner := theme.InnerPadding()
	h := r.rowHeight()
	barX := inner + labelW + 2*pad
	barW := max(0, size.Width-barX-valueW-2*pad)
	for i := range r.labels {
		y := float32(i) * h
		r.labels[i].Move(fyne.NewPos(inner, y+pad))
		r.labels[i].Resize(fyne.NewSize(labelW, h-2*pad))
		r.tracks[i].Move(fyne.NewPos(barX, y+pad))
		r.tracks[i].Resize(fyne.NewSize(barW, h-2*pad))
		share := r.chart.rows[i].Share
		if share < 0 {
			share = 0
		} else if share > 1 {
			share = 1
		}
		w := barW * float32(share)
		if r.chart.rows[i].Count > 0 && w < 2 {
			w = 2 // a few pupils still show
		}
		r.bars[i].Move(fyne.NewPos(barX, y+pad))
		r.bars[i].Resize(fyne.NewSize(w, h-2*pad))
		r.values[i].Move(fyne.NewPos(barX+barW+pad, y+pad))
		r.values[i].Resize(fyne.NewSize(valueW, h-2*pad))
	}
}

func (r *barChartRenderer) MinSize() fyne.Size {
	labelW, valueW := r.columns()
	return fyne.NewSize(theme.InnerPadding()+labelW+valueW+barMinWidth+4*theme.Padding(), float32(len(r.labels))*r.rowHeight())
}

func (r *barChartRenderer) Refresh() {
	rows := r.chart.rows
	for len(r.labels) < len(rows) {
		r.labels = append(r.labels, canvas.NewText("", color.Black))
		r.values = append(r.values, canvas.NewText("", color.Black))
		r.tracks = append(r.tracks, canvas.NewRectangle(color.Transparent))
		r.bars = append(r.bars, canvas.NewRectangle(color.Transparent))
	}
	r.labels, r.values, r.tracks, r.bars = r.labels[:len(rows)], r.values[:len(rows)], r.tracks[:len(rows)], r.bars[:len(rows)]
	fg := theme.Color(theme.ColorNameForeground)
	track := theme.Color(theme.ColorNameInputBackground)
	primary := theme.Color(theme.ColorNamePrimary)
	muted := theme.Color(theme.ColorNameDisabled)
	r.objs = r.objs[:0]
	for i, row := range rows {
		r.labels[i].Text, r.labels[i].Color, r.labels[i].TextSize = row.Label, fg, r.textSize()
		r.values[i].Text, r.values[i].Color, r.values[i].TextSize = row.Text, fg, r.textSize()
		r.tracks[i].FillColor = track
		r.tracks[i].CornerRadius = 2
		r.bars[i].FillColor = primary
		if row.Muted {
			r.bars[i].FillColor = muted
		}
		r.bars[i].CornerRadius = 2
		r.objs = append(r.objs, r.tracks[i], r.bars[i], r.labels[i], r.values[i])
	}
	r.Layout(r.chart.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *barChartRenderer) Destroy() {}

// Rows are the bars shown now.
func (c *BarChart) Rows() []BarRow { return c.rows }
