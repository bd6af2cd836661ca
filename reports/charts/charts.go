// Package charts draws Techniqual's statistics as bar charts — plain bars,
// stacked bars and grouped bars (interest before and after prao, this year
// against last year) — with gonum.org/v1/plot, into images for the window
// and for the PDF documents.
//
// A chart is plain data (Chart: categories, series of Values) drawn by
// Render or PNG at a size in pixels with a Theme (colours, font, resolution);
// Light and Dark give themes that read well on a light and a dark window.
//
// Small groups (stats.MinGroup): a Value marked Hidden — a count of 1–4, or a
// figure hidden so that one cannot be worked out from the others — is never
// drawn as its value. In its place stands a short hatched stub in the
// series' colour with the mark over it — the Value's Mark ("<5", ".."), or
// "<5" (or "–" for shares and means) — so a hidden value is seen as hidden,
// never taken for a missing or zero bar; the chart gets the note "Grupper
// under 5 visas inte". Totals are not written over a stack
// with a hidden segment, as they would not be the total.
//
// Nothing a chart holds makes it fail: no data, only hidden values, NaN,
// infinities and negative numbers (drawn as nothing, nothing and zero),
// very long category names (wrapped and shortened with "…") and characters
// the font lacks all give an image of the size asked for. Only a size that
// is not positive, or absurdly big, is an error.
package charts

import (
	"math"
	"strconv"
	"strings"
)

// Kind is the shape of a chart.
type Kind uint8

// The kinds of chart.
const (
	// KindBars is one bar per category, from the first series.
	KindBars Kind = iota
	// KindStacked stacks the series' values in one bar per category
	// (e.g. girls, boys and others placed per municipality).
	KindStacked
	// KindGrouped puts the series' bars side by side in each category
	// (e.g. interest before and after, by gender; this year and last year).
	KindGrouped
)

// Value is one figure of a chart. A Hidden value is never drawn, whatever V
// holds; a NaN or infinite V is missing and drawn as nothing; a negative V
// is drawn as zero (the charts show counts, shares and means, never below 0).
type Value struct {
	V      float64
	Hidden bool
	// Mark, for a hidden value, is what stands in its place: "<5" for a
	// small group, ".." for a figure hidden only so that a small one
	// cannot be worked out ("<5" would be untrue there). Empty: the
	// chart's own mark ("<5", or "–" for shares and means).
	Mark string
}

// Count is a shown count.
func Count(n int) Value { return Value{V: float64(n)} }

// Hide is a value that must not be shown (a small group).
func Hide() Value { return Value{Hidden: true} }

// Series is one colour of bars: its name in the legend and one value per
// category (missing values at the end count as missing).
type Series struct {
	Name   string
	Values []Value
}

// Chart is what to draw. The zero value of every optional field does the
// usual thing.
type Chart struct {
	Kind       Kind
	Title      string   // drawn above the chart; empty for none (a document's heading)
	Categories []string // one bar or group of bars each, in order
	Series     []Series

	// Horizontal draws bars from the left, categories top to bottom: the
	// choice for long names (companies, municipalities).
	Horizontal bool
	// Percent: the values are shares 0–1, written and scaled as per cent.
	Percent bool
	// Decimals is the number of decimals values are written with (1 for
	// means on the 1–5 scale); counts and per cents use 0.
	Decimals int
	// Max fixes the top of the value axis (5 for the 1–5 scale; 1 for shares
	// that should be seen against 100 %); 0 fits it to the data.
	Max float64
	// NoValues leaves the values off the bars.
	NoValues bool
	// Note is written under the chart (e.g. where the figures come from).
	Note string
	// Lang is "sv" (default) or "en": the decimal mark, the per cent sign
	// and the chart's own words ("Inga uppgifter", "Grupper under 5 visas inte").
	Lang string
	// EmptyText replaces "Inga uppgifter" / "No data" when there is
	// nothing to draw.
	EmptyText string
}

// Bars is a chart of one bar per category.
func Bars(title string, categories []string, values []Value) Chart {
	return Chart{Kind: KindBars, Title: title, Categories: categories, Series: []Series{{Values: values}}}
}

// StackedBars is a chart of one bar per category made of the series'
// values stacked, with a legend.
func StackedBars(title string, categories []string, series ...Series) Chart {
	return Chart{Kind: KindStacked, Title: title, Categories: categories, Series: series}
}

// GroupedBars is a chart of the series' bars side by side per category,
// with a legend.
func GroupedBars(title string, categories []string, series ...Series) Chart {
	return Chart{Kind: KindGrouped, Title: title, Categories: categories, Series: series}
}

// BeforeAfter compares two series per category — interest before and after
// prao by gender, or this year against the last — as grouped bars.
func BeforeAfter(title string, categories []string, before, after Series) Chart {
	return GroupedBars(title, categories, before, after)
}

// words are a chart's own texts in one language.
type words struct {
	empty, hidden, hiddenMark, decimal, percent string
}

var (
	wordsSV = words{empty: "Inga uppgifter", hidden: "Grupper under 5 visas inte", hiddenMark: "<5",
		decimal: ",", percent: "\u00a0%"}
	wordsEN = words{empty: "No data", hidden: "Groups under 5 are not shown", hiddenMark: "<5",
		decimal: ".", percent: "%"}
)

func wordsFor(lang string) words {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en") {
		return wordsEN
	}
	return wordsSV
}

// cell is one value ready to draw.
type cell struct {
	v      float64 // ≥ 0; 0 when not drawn
	drawn  bool
	hidden bool
	mark   string // Value.Mark of a hidden value
}

// prepared is a chart checked and normalised for drawing: every series as
// long as the categories, values in the units of the axis (per cent for
// shares).
type prepared struct {
	Chart
	w         words
	cells     [][]cell // [series][category]
	anyHidden bool
	anyDrawn  bool
	maxEnd    float64 // the largest bar end (stack total for stacked)
}

// prepare sanitises c: it never fails.
func prepare(c Chart) *prepared {
	p := &prepared{Chart: c, w: wordsFor(c.Lang)}
	if p.Kind > KindGrouped {
		p.Kind = KindBars
	}
	if p.Kind == KindBars && len(p.Series) > 1 {
		p.Series = p.Series[:1]
	}
	if p.Decimals < 0 || p.Decimals > 3 {
		p.Decimals = 0
	}
	if math.IsNaN(p.Max) || math.IsInf(p.Max, 0) || p.Max < 0 {
		p.Max = 0
	}
	scale := 1.0
	if p.Percent {
		scale = 100
		p.Max *= 100
	}
	n := len(p.Categories)
	p.cells = make([][]cell, len(p.Series))
	ends := make([]float64, n)
	for s, ser := range p.Series {
		p.cells[s] = make([]cell, n)
		for i := range n {
			if i >= len(ser.Values) {
				continue
			}
			v := ser.Values[i]
			switch {
			case v.Hidden:
				p.cells[s][i].hidden, p.cells[s][i].mark = true, v.Mark
				p.anyHidden = true
			case math.IsNaN(v.V) || math.IsInf(v.V, 0):
			default:
				x := max(v.V*scale, 0)
				if x > 1e12 { // beyond any count; keeps the axis arithmetic finite
					x = 1e12
				}
				p.cells[s][i] = cell{v: x, drawn: true}
				p.anyDrawn = true
				if p.Kind == KindStacked {
					ends[i] += x
				} else {
					ends[i] = max(ends[i], x)
				}
			}
		}
	}
	for _, e := range ends {
		p.maxEnd = max(p.maxEnd, e)
	}
	return p
}

// empty reports whether nothing can be drawn: no categories, no series, or
// every value missing or hidden.
func (p *prepared) empty() bool { return len(p.Categories) == 0 || !p.anyDrawn }

// format writes v (in axis units) as the chart writes values.
func (p *prepared) format(v float64) string {
	dec := p.Decimals
	if p.Percent {
		dec = 0
	}
	s := formatNumber(v, dec, p.w.decimal)
	if p.Percent {
		s += p.w.percent
	}
	return s
}

// formatNumber writes v with dec decimals and the given decimal mark, and a
// minus sign never shows for a value that rounds to zero.
func formatNumber(v float64, dec int, mark string) string {
	pow := math.Pow(10, float64(dec))
	v = math.Round(v*pow) / pow
	if v == 0 {
		v = 0 // no "-0"
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if mark != "." {
		s = strings.Replace(s, ".", mark, 1)
	}
	return s
}

// hiddenMark is what stands in for a hidden value: "<5" for counts, "–"
// for shares and means (a hidden share is not "less than 5").
func (p *prepared) hiddenMark() string {
	if p.Percent || p.Decimals > 0 {
		return "–"
	}
	return p.w.hiddenMark
}

// note is the text under the chart: the caller's note and, when a value
// was left out, why.
func (p *prepared) note() string {
	n := strings.TrimSpace(p.Note)
	if p.anyHidden {
		if n != "" {
			n += " "
		}
		n += p.w.hidden + "."
	}
	return n
}

// niceStep is a round step (1, 2 or 5 times a power of ten) near span/parts.
func niceStep(span float64, parts int) float64 {
	if span <= 0 || parts <= 0 {
		return 1
	}
	raw := span / float64(parts)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// axis works out the value axis: its top (with room for the values written
// over the bars) and the ticks, which stop at tickTop.
func (p *prepared) axis() (top, tickTop, step float64) {
	if p.Max > 0 {
		tickTop = p.Max
		step = niceStep(tickTop, 5)
		if p.Decimals == 0 || p.Percent {
			step = max(step, 1)
		}
		top = max(tickTop, p.maxEnd)
	} else {
		end := p.maxEnd
		if end <= 0 {
			end = 1
		}
		step = niceStep(end, 4)
		if !p.Percent && p.Decimals == 0 {
			step = max(math.Round(step), 1) // counts: whole ticks
		}
		tickTop = step * math.Ceil(end/step)
		if p.Percent && tickTop > 100 && p.maxEnd <= 100 {
			tickTop = 100
		}
		top = tickTop
	}
	room := 1.0
	if !p.NoValues {
		room = 1.12
		if p.Horizontal {
			room = 1.22 // the values are written after the bars, and are wide
		}
	}
	top = max(top, p.maxEnd*room)
	return top, tickTop, step
}
