package uikit

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// DismissTopDialog answers the dialog on top of c as its Avbryt would,
// and says whether there was one. The window calls it on Escape: Fyne's
// dialogs do not answer keys, and a user who presses Escape on a question
// expects "Avbryt", not nothing.
//
// A dialog shown through ShowEscapableFunc runs the cancel it was given.
// Of a Fyne dialog with a button row, the first button is tapped: Fyne
// puts dismiss before confirm (Avbryt, OK, Stäng), and the app's own rows
// start with Avbryt (TestDialogsStartWithAvbryt). A dialog without either
// (a progress dialog while a backup is restored) is left open, and so is
// anything on top that is not a dialog.
func DismissTopDialog(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	if cancel := escapeOf(top); cancel != nil {
		cancel()
		return true
	}
	b := topDialogFirstButton(c)
	if b == nil || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// escapes holds what Escape does for the dialogs shown through
// ShowEscapableFunc, by their pop-up, while they are open. A table rather
// than a key handler per dialog: handlers chained and put back on close
// went stale when dialogs closed out of order or were hidden twice.
var escapes = struct {
	sync.Mutex
	m map[fyne.CanvasObject]func()
}{m: map[fyne.CanvasObject]func(){}}

// escapeOf returns what Escape does for the pop-up o, or nil.
func escapeOf(o fyne.CanvasObject) func() { return actionOf(escapes.m, o) }

// actionOf returns m's action for the pop-up o, or nil; m is escapes' or
// enters', both guarded by escapes' lock.
func actionOf(m map[fyne.CanvasObject]func(), o fyne.CanvasObject) func() {
	if o == nil {
		return nil
	}
	escapes.Lock()
	defer escapes.Unlock()
	return m[o]
}

// topDialogFirstButton finds the first button of the button row of the
// dialog on top of c, or nil (also when that button is hidden or
// disabled). Fyne's dialog is a modal pop-up over a container of five
// parts (icon, background, content, buttons, title) laid out by its own
// layout; the layout's type tells it from other pop-ups, and
// TestDismissTopDialog notices if a later Fyne builds its dialogs
// otherwise.
func topDialogFirstButton(c fyne.Canvas) *widget.Button {
	row := topDialogRow(c)
	if row == nil {
		return nil
	}
	// Only the first item will do: when it is not a button, or is hidden
	// or disabled, the next one may well be the one that confirms.
	if len(row.Objects) == 0 {
		return nil
	}
	b, ok := row.Objects[0].(*widget.Button)
	if !ok || !b.Visible() || b.Disabled() {
		return nil
	}
	return b
}

// topDialogRow is the button row of the Fyne dialog on top of c, or nil
// when the top is not one (see topDialogFirstButton).
func topDialogRow(c fyne.Canvas) *fyne.Container {
	pop, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || !pop.Visible() {
		return nil
	}
	box, ok := pop.Content.(*fyne.Container)
	if !ok || len(box.Objects) != 5 || fmt.Sprintf("%T", box.Layout) != "*dialog.dialogLayout" {
		return nil
	}
	row, _ := box.Objects[3].(*fyne.Container)
	return row
}

// ShowEscapable shows d, a dialog with its buttons in its content (where
// DismissTopDialog does not look), and makes Escape tap cancel, its Stäng
// or Avbryt, while d is on top and cancel is shown and enabled: a wizard
// that is importing keeps its Avbryt disabled, and so Escape waits too.
func ShowEscapable(win fyne.Window, d dialog.Dialog, cancel *widget.Button) {
	ShowEscapableFunc(win, d, func() { Tap(cancel) })
}

// Tap presses b as a click would, when it is shown and enabled.
func Tap(b *widget.Button) {
	if b.Visible() && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// ShowEscapableFunc shows d and has DismissTopDialog (the window's Escape)
// run cancel while d is the dialog on top; a dialog on top of d (an error,
// a file chooser) is answered first. A dialog shown outside the window (a
// system file chooser) gets nothing.
//
// Escape reaches the window only when nothing in the dialog has the
// keyboard: an entry keeps Escape to itself, unless it is an EscEntry.
func ShowEscapableFunc(win fyne.Window, d dialog.Dialog, cancel func()) {
	c := win.Canvas()
	before := c.Overlays().Top()
	d.Show()
	top := c.Overlays().Top()
	if top == nil || top == before {
		return
	}
	escapes.Lock()
	escapes.m[top] = cancel
	escapes.Unlock()
	// Fyne calls this on every hide; deleting twice is harmless.
	d.SetOnClosed(func() {
		escapes.Lock()
		delete(escapes.m, top)
		delete(enters.m, top)
		escapes.Unlock()
	})
}

// enters holds what Enter does for dialogs shown through ShowEscapableFunc
// whose buttons are in their content (SetEnter), by their pop-up; guarded
// by escapes' lock.
var enters = struct{ m map[fyne.CanvasObject]func() }{m: map[fyne.CanvasObject]func(){}}

// SetEnter makes Enter in the window run f while the pop-up o (of a dialog
// shown through ShowEscapable) is on top and no field has the keys; nil
// takes it away. Found by use: "Importen är klar" did not close on Enter,
// its Stäng being in the dialog's content, where ConfirmTopDialog does not
// look.
func SetEnter(o fyne.CanvasObject, f func()) {
	if o == nil {
		return
	}
	escapes.Lock()
	defer escapes.Unlock()
	if f == nil {
		delete(enters.m, o)
		return
	}
	if _, open := escapes.m[o]; open { // not after it closed
		enters.m[o] = f
	}
}

// enterOf returns what Enter does for the pop-up o, or nil.
func enterOf(o fyne.CanvasObject) func() { return actionOf(enters.m, o) }

// EscEntry is an entry that passes Escape on (to close its dialog, as a
// rule): Fyne's entry keeps every key it is sent, and while it has the
// cursor the window never hears of Escape.
type EscEntry struct {
	widget.Entry
	// OnEscape runs when Escape is pressed in the entry.
	OnEscape func()
}

// NewEscEntry makes a one-line entry that runs onEscape on Escape.
func NewEscEntry(onEscape func()) *EscEntry {
	e := &EscEntry{OnEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// NewEscPasswordEntry makes a passphrase entry (its text hidden) that runs
// onEscape on Escape.
func NewEscPasswordEntry(onEscape func()) *EscEntry {
	e := NewEscEntry(onEscape)
	e.Password = true
	return e
}

// NewEscMultiLineEntry makes a multi-line entry that wraps words and runs
// onEscape on Escape.
func NewEscMultiLineEntry(onEscape func()) *EscEntry {
	e := NewEscEntry(onEscape)
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	return e
}

// TypedKey runs OnEscape on Escape and otherwise types as usual.
func (e *EscEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// ShowFileDialog shows a file chooser with Escape as its Avbryt (Fyne's
// file dialog answers no keys either): the chooser closes and its callback
// gets nothing, as when Avbryt is pressed. While the file name entry of a
// save dialog has the keyboard, Escape stays with the entry.
//
// The dialog takes most of the window (found by use: Fyne's own size,
// about 480×330 in a 1366-wide window, showed a handful of files).
func ShowFileDialog(win fyne.Window, fd *dialog.FileDialog) {
	if c := win.Canvas(); c != nil {
		size := c.Size()
		fd.Resize(fyne.NewSize(max(640, size.Width*0.8), max(420, size.Height*0.8)))
	}
	ShowEscapableFunc(win, fd, fd.Dismiss)
}

// BindEscape makes Escape in the window of c answer the dialog on top
// (DismissTopDialog). The app's window and the test shell bind it alike.
func BindEscape(c fyne.Canvas) {
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			DismissTopDialog(c)
		case fyne.KeyReturn, fyne.KeyEnter:
			ConfirmTopDialog(c)
		}
	})
}

// ConfirmTopDialog answers the Fyne dialog on top of c as its default
// button would, and says whether it did: the only button of its row (OK,
// Stäng), or the one shown as the default (blue: Spara, Ja, Godkänn). The
// window calls it on Enter, which users press to close a message or to
// say yes; Fyne's dialogs answer no keys. A dialog with two blue buttons,
// or none, is left open, and so are the dialogs with their buttons in
// their content (ShowEscapable), unless they said what Enter does
// (SetEnter).
func ConfirmTopDialog(c fyne.Canvas) bool {
	if f := enterOf(c.Overlays().Top()); f != nil {
		f()
		return true
	}
	row := topDialogRow(c)
	if row == nil {
		return false
	}
	var buttons, blue []*widget.Button
	for _, o := range row.Objects {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			buttons = append(buttons, b)
			if b.Importance == widget.HighImportance {
				blue = append(blue, b)
			}
		}
	}
	var b *widget.Button
	switch {
	case len(buttons) == 1:
		b = buttons[0]
	case len(blue) == 1:
		b = blue[0]
	}
	if b == nil || b.Disabled() || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}
