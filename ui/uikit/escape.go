package uikit

import (
	"fmt"

	"fyne.io/fyne/v2"
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
