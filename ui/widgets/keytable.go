package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeyTable is a table driven from the keyboard (Närvaro's grid): arrows
// move the selected cell within the first row and column of headers and the
// last column of totals, Enter moves down a row (or calls OnEnter), Delete
// or Backspace clears, any other rune goes to OnRune (Närvaro marks N/P, S,
// F/A with it).
type KeyTable struct {
	widget.Table
	Sel    widget.TableCellID // the selected cell, kept by the owner's OnSelected
	OnRune func(r rune)       // a typed rune
	OnDel  func()             // Delete or Backspace
	// OnEnter, when set, handles Enter or Return instead of moving down.
	OnEnter func()
	Limits  func() (rows, cols int) // the table's size now
}

// NewKeyTable makes a keyboard-driven table with nothing selected; set its
// Length, CreateCell, UpdateCell, Limits and the handlers.
func NewKeyTable() *KeyTable {
	t := &KeyTable{Sel: widget.TableCellID{Row: -1, Col: -1}}
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey moves the selection with the arrows and clears with Delete.
func (t *KeyTable) TypedKey(k *fyne.KeyEvent) {
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
		if t.OnEnter != nil {
			t.OnEnter()
			return
		}
		id.Row++
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

// TypedRune marks the selected cell.
func (t *KeyTable) TypedRune(r rune) {
	if t.OnRune != nil {
		t.OnRune(r)
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
