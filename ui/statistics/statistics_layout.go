package statistics

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columnsLayout lays out cells row by row in cols columns, each as wide as
// its widest cell, so a table of short numbers beside one long label column
// stays narrow (a grid of equal columns made the municipality table wider
// than the window). Spare width widens every column a little, up to
// maxSpare each, and the rest stays empty on the right.
type columnsLayout struct{ cols int }

const maxSpare = 48

func (l columnsLayout) sizes(objs []fyne.CanvasObject) (widths, heights []float32) {
	widths = make([]float32, l.cols)
	heights = make([]float32, (len(objs)+l.cols-1)/l.cols)
	for i, o := range objs {
		m := o.MinSize()
		c, r := i%l.cols, i/l.cols
		widths[c] = max(widths[c], m.Width)
		heights[r] = max(heights[r], m.Height)
	}
	return widths, heights
}

// MinSize is the sum of the widest cells and of the highest, with padding.
func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widths, heights := l.sizes(objs)
	pad := theme.Padding()
	var s fyne.Size
	for _, w := range widths {
		s.Width += w
	}
	for _, h := range heights {
		s.Height += h
	}
	s.Width += pad * float32(max(len(widths)-1, 0))
	s.Height += pad * float32(max(len(heights)-1, 0))
	return s
}

// Layout places the cells.
func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	widths, heights := l.sizes(objs)
	spare := size.Width - l.MinSize(objs).Width
	if spare > 0 {
		for c := range widths {
			widths[c] += min(spare/float32(l.cols), maxSpare)
		}
	}
	pad := theme.Padding()
	x := make([]float32, l.cols)
	for c := 1; c < l.cols; c++ {
		x[c] = x[c-1] + widths[c-1] + pad
	}
	var y float32
	for r, h := range heights {
		for c := 0; c < l.cols; c++ {
			i := r*l.cols + c
			if i >= len(objs) {
				break
			}
			objs[i].Move(fyne.NewPos(x[c], y))
			objs[i].Resize(fyne.NewSize(widths[c], h))
		}
		y += h + pad
	}
}
