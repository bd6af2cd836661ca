package uikit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// AskUnsaved asks what to do with unsaved edits before leaving them, with
// text saying what was edited: Avbryt runs stay (when not nil) and keeps
// the edits; "Släng ändringarna" runs discard and then next; Spara runs
// save, and next only when save says it succeeded (a failed save shows
// its errors, and the user stays with them). Avbryt comes first and is
// what Escape does: a confirm dialog would have had "Släng ändringarna" as
// its first button, and no way to stay.
func AskUnsaved(win fyne.Window, text string, save func() bool, discard, next, stay func()) {
	var dl *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon(lang.X("action.cancel", "Avbryt"), theme.CancelIcon(), func() {
		dl.Hide()
		if stay != nil {
			stay()
		}
	})
	drop := widget.NewButtonWithIcon(lang.X("action.discard", "Släng ändringarna"), theme.DeleteIcon(), func() {
		dl.Hide()
		if discard != nil {
			discard()
		}
		next()
	})
	keep := widget.NewButtonWithIcon(lang.X("action.save", "Spara"), theme.DocumentSaveIcon(), func() {
		dl.Hide()
		if save() {
			next()
		} else if stay != nil {
			stay() // the edits stay, and so does what points at them (review)
		}
	})
	keep.Importance = widget.HighImportance
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	dl = dialog.NewCustomWithoutButtons(lang.X("action.unsaved_title", "Osparade ändringar"), msg, win)
	dl.SetButtons([]fyne.CanvasObject{cancel, drop, keep})
	dl.Resize(fyne.NewSize(440, 0))
	dl.Show()
}

// ConfirmDelete asks before removing something, with its confirm button
// shown as dangerous rather than as the default: Enter, which answers a
// question with its blue button (ConfirmTopDialog), then leaves it open,
// and removing takes a click (review: Enter had deleted a period).
func ConfirmDelete(title, message string, callback func(bool), win fyne.Window) {
	d := dialog.NewConfirm(title, message, callback, win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// AskThen runs next at once when nothing is unsaved; else it asks with
// AskUnsaved, naming what was edited ("Du har ändrat Åk 8 v. 11 2027 utan
// att spara."; unnamed, "den nya praoperioden", when the name is blank).
// The screens with a form beside a list (Praoperioder, Evenemang, the host
// form) ask this one way.
func AskThen(win fyne.Window, unsaved bool, name, unnamed string, save func() bool, discard, next, stay func()) {
	if !unsaved {
		next()
		return
	}
	if strings.TrimSpace(name) == "" {
		name = unnamed
	}
	AskUnsaved(win, lang.X("action.unsaved_named", "Du har ändrat {{.Name}} utan att spara.", map[string]string{"Name": strings.TrimSpace(name)}),
		save, discard, next, stay)
}
