package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// KeyTable is the keyboard-driven grid of Närvaro and Utvärderingar. Every
// key goes first to OnKey when it is set (with whether Shift is held), so a
// screen can take Tab, Enter or digits; otherwise, when Limits is set, the
// arrows move the selected cell inside the first row and column of headers
// and the last column of totals, Enter moves down a row, and Delete or
// Backspace goes to OnDel.
// Runes go to OnRune, a paste to OnPaste, other shortcuts (Ctrl+F …) on to
// the window's canvas as if the grid did not know them.
type KeyTable struct {
	widget.Table
	Sel     widget.TableCellID                      // the selected cell, kept by the owner's OnSelected
	OnKey   func(k *fyne.KeyEvent, shift bool) bool // a key; reports whether it used it
	OnRune  func(r rune)                            // a typed rune
	OnDel   func()                                  // Delete or Backspace, when Limits is set
	OnPaste func(text string)                       // Ctrl+V
	Limits  func() (rows, cols int)                 // the table's size now, for the arrows
	Canvas  func() fyne.Canvas                      // where other shortcuts go
	Tabs    bool                                    // Tab stays in the grid (for OnKey)

	shift bool
}

// NewKeyTable makes a keyboard-driven table with nothing selected; set its
// Length, CreateCell, UpdateCell and the handlers it needs.
func NewKeyTable() *KeyTable {
	t := &KeyTable{Sel: widget.TableCellID{Row: -1, Col: -1}}
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab keeps Tab in the grid when Tabs is set.
func (t *KeyTable) AcceptsTab() bool { return t.Tabs }

// KeyDown notes Shift, so that Shift+Tab can go back.
func (t *KeyTable) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp notes Shift let go.
func (t *KeyTable) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// FocusLost forgets Shift, whose release another widget may get.
func (t *KeyTable) FocusLost() {
	t.shift = false
	t.Table.FocusLost()
}

// TypedKey hands the key to OnKey, else moves the selection with the
// arrows, Enter, Home and End (the row's first and last cell) and clears
// with Delete.
func (t *KeyTable) TypedKey(k *fyne.KeyEvent) {
	if t.OnKey != nil && t.OnKey(k, t.shift) {
		return
	}
	if t.Limits == nil {
		t.Table.TypedKey(k)
		return
	}
	rows, cols := t.Limits()
	id := t.Sel
	if id.Row < 1 || id.Col < 1 {
		id = widget.TableCellID{Row: 1, Col: 1}
	}
	switch k.Name {
	case fyne.KeyUp:
		id.Row--
	case fyne.KeyDown:
		id.Row++
	case fyne.KeyLeft:
		id.Col--
	case fyne.KeyRight:
		id.Col++
	case fyne.KeyReturn, fyne.KeyEnter:
		id.Row++
	case fyne.KeyHome: // the row's first cell, End its last (as in a spreadsheet)
		id.Col = 1
	case fyne.KeyEnd:
		id.Col = cols - 2
	case fyne.KeyDelete, fyne.KeyBackspace:
		if t.OnDel != nil {
			t.OnDel()
		}
		return
	default:
		t.Table.TypedKey(k)
		return
	}
	id.Row = max(1, min(rows-1, id.Row))
	id.Col = max(1, min(cols-2, id.Col))
	t.Select(id)
}

// TypedRune marks or types into the selected cell.
func (t *KeyTable) TypedRune(r rune) {
	if t.OnRune != nil {
		t.OnRune(r)
	}
}

// TypedShortcut pastes with OnPaste; other shortcuts (Ctrl+F …) go on to
// the canvas as if the grid did not know them.
func (t *KeyTable) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil && t.OnPaste != nil {
		t.OnPaste(p.Clipboard.Content())
		return
	}
	if t.Canvas == nil {
		return
	}
	if c, ok := t.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		c.TypedShortcut(s)
	}
}

// Tapped selects the tapped cell and gives the table the keyboard. The
// embedded Table focuses itself through the canvas of its own pointer,
// which the running window does not know (it knows the KeyTable), so
// without this a tap never let the keys reach the grid (Fyne's test
// driver has one canvas for everything and hid it).
func (t *KeyTable) Tapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != fyne.Focusable(t) {
		c.Focus(t)
	}
}
