package uikit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// SearchEntry is a screen's search box that passes the window's letter
// shortcuts on (Ctrl+N, Ctrl+F): Fyne's entry is sent every shortcut while
// it has the cursor and drops the ones it does not know, so Ctrl+N did
// nothing in the search box (found by use in Elever).
type SearchEntry struct {
	widget.Entry
}

// NewSearchEntry makes a one-line search box.
func NewSearchEntry() *SearchEntry {
	e := &SearchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut gives a Ctrl+letter shortcut to the window (the entry's
// own are of other kinds: copy, paste, select all, or Ctrl with an arrow,
// Backspace or Delete) and the rest to the entry.
func (e *SearchEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && len(cs.KeyName) == 1 && cs.KeyName >= fyne.KeyA && cs.KeyName <= fyne.KeyZ {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if h, ok := c.(interface{ TypedShortcut(fyne.Shortcut) }); ok {
				h.TypedShortcut(s)
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}
