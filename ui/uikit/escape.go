package uikit

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// DismissTopDialog closes the dialog on top of c as its first button
// would, and says whether there was one to close. The window calls it on
// Escape: Fyne's dialogs do not answer keys, and a user who presses Escape
// on a question expects "Avbryt", not nothing.
//
// The first button of every dialog in this app is the one that changes
// nothing: Fyne puts dismiss before confirm (Avbryt, OK, Stäng), and our
// own button rows start with Avbryt. A dialog without a button row (a
// progress dialog while a backup is restored, or a wizard with its buttons
// in its content) is left open, and so is anything on top that is not a
// dialog.
func DismissTopDialog(c fyne.Canvas) bool {
	b := topDialogFirstButton(c)
	if b == nil || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// topDialogFirstButton finds the first button of the button row of the
// dialog on top of c, or nil (also when that button is hidden or
// disabled). Fyne's dialog is a modal pop-up over a container of five
// parts (icon, background, content, buttons, title) laid out by its own
// layout; the layout's type tells it from other pop-ups, and
// TestDismissTopDialog notices if a later Fyne builds its dialogs
// otherwise.
func topDialogFirstButton(c fyne.Canvas) *widget.Button {
	pop, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || !pop.Visible() {
		return nil
	}
	box, ok := pop.Content.(*fyne.Container)
	if !ok || len(box.Objects) != 5 || fmt.Sprintf("%T", box.Layout) != "*dialog.dialogLayout" {
		return nil
	}
	row, ok := box.Objects[3].(*fyne.Container)
	if !ok {
		return nil
	}
	// Only the first button will do: when it is hidden or disabled, the
	// next one may well be the one that confirms.
	for _, o := range row.Objects {
		if b, ok := o.(*widget.Button); ok {
			if !b.Visible() || b.Disabled() {
				return nil
			}
			return b
		}
	}
	return nil
}

// ShowEscapable shows d, a dialog with its buttons in its content (where
// DismissTopDialog does not look), and makes Escape tap cancel, its Stäng
// or Avbryt, while d is on top and cancel is shown and enabled: a wizard
// that is importing keeps its Avbryt disabled, and so Escape waits too.
func ShowEscapable(win fyne.Window, d dialog.Dialog, cancel *widget.Button) {
	ShowEscapableFunc(win, d, func() {
		if cancel.Visible() && !cancel.Disabled() && cancel.OnTapped != nil {
			cancel.OnTapped()
		}
	})
}

// ShowEscapableFunc shows d and runs cancel on Escape while d is the
// dialog on top; other keys, and Escape over another dialog on top of d
// (an error, a file chooser), go to the window's handler as before, which
// is put back when d closes.
//
// Escape reaches the window only when nothing in the dialog has the
// keyboard: an entry keeps Escape to itself (the companies' forms use
// entries that pass it on).
func ShowEscapableFunc(win fyne.Window, d dialog.Dialog, cancel func()) {
	c := win.Canvas()
	before := c.Overlays().Top()
	d.Show()
	top := c.Overlays().Top()
	if top == nil || top == before {
		return // shown outside the window (a system file chooser), or not at all
	}
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && c.Overlays().Top() == top {
			cancel()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// ShowFileDialog shows a file chooser with Escape as its Avbryt (Fyne's
// file dialog answers no keys either): the chooser closes and its callback
// gets nothing, as when Avbryt is pressed. While the file name entry of a
// save dialog has the keyboard, Escape stays with the entry.
func ShowFileDialog(win fyne.Window, fd *dialog.FileDialog) {
	ShowEscapableFunc(win, fd, fd.Dismiss)
}
