package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/ui/uikit"
)

// PickButton chooses one of many in a form where a dropdown would be a
// long list to scroll (found by use: Arrangör was a dropdown of every
// organisation): it looks like a dropdown, and a tap opens a dialog with a
// SearchPicker, where a few letters and Enter choose. Its Button goes in
// the form.
type PickButton struct {
	Button    *widget.Button
	win       fyne.Window
	title     string
	search    string // the picker's placeholder
	items     []PickItem
	selected  string // the id chosen, "" for none
	onChanged func(id string)
	dlg       dialog.Dialog
	picker    *SearchPicker // the open dialog's picker (tests reach in)
}

// NewPickButton makes a PickButton over win: title heads the dialog,
// search is the search box's placeholder, onChanged (may be nil) gets the
// id chosen in the dialog (not one set by SetSelected).
func NewPickButton(win fyne.Window, title, search string, onChanged func(id string)) *PickButton {
	b := &PickButton{win: win, title: title, search: search, onChanged: onChanged}
	b.Button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), b.open)
	b.Button.Alignment = widget.ButtonAlignLeading
	b.Button.IconPlacement = widget.ButtonIconTrailingText
	b.showChosen()
	return b
}

// SetItems sets what can be chosen, in the order shown; a chosen id that
// is no longer there is let go.
func (b *PickButton) SetItems(items []PickItem) {
	b.items = items
	if b.find(b.selected) < 0 {
		b.selected = ""
	}
	b.showChosen()
}

// SetSelected chooses id (or none, for "" or an id not among the items)
// without calling onChanged.
func (b *PickButton) SetSelected(id string) {
	b.selected = ""
	if b.find(id) >= 0 {
		b.selected = id
	}
	b.showChosen()
}

// Selected is the id chosen, "" for none.
func (b *PickButton) Selected() string { return b.selected }

// SelectedText is the text of the item chosen ("(ingen)" when an item of
// id "" says so), "" for none.
func (b *PickButton) SelectedText() string {
	if k := b.find(b.selected); k >= 0 {
		return b.items[k].Text
	}
	return ""
}

// find is the index of the item with id, -1 when none: an item of id ""
// is an explicit "none" ("(ingen)"), shown when nothing is chosen.
func (b *PickButton) find(id string) int {
	for k, it := range b.items {
		if it.ID == id {
			return k
		}
	}
	return -1
}

// showChosen puts the chosen text on the button, or the placeholder.
func (b *PickButton) showChosen() {
	t := b.SelectedText()
	if t == "" {
		t = lang.X("select.placeholder", "(välj)")
	}
	b.Button.SetText(t)
}

// Open shows the dialog, as a tap on Button does: for a command that
// asks one thing first ("Ny kontakt …": at which organisation).
func (b *PickButton) Open() { b.open() }

// open shows the dialog: the search box takes the typing, Enter takes the
// first found, a tap takes any, Escape or Avbryt changes nothing.
func (b *PickButton) open() {
	p := NewSearchPicker(b.search, nil)
	p.onPick = func(id string) {
		if b.find(id) < 0 {
			return // gone from the items since the dialog opened (review)
		}
		b.selected = id
		b.showChosen()
		if b.dlg != nil {
			b.dlg.Hide()
		}
		if b.onChanged != nil {
			b.onChanged(id)
		}
	}
	p.SetItems(b.items, b.selected)
	b.picker = p
	cancel := widget.NewButton(lang.X("action.cancel", "Avbryt"), nil)
	d := dialog.NewCustomWithoutButtons(b.title, p.Content, b.win)
	cancel.OnTapped = d.Hide
	d.SetButtons([]fyne.CanvasObject{cancel})
	d.Resize(fyne.NewSize(440, 360))
	b.dlg = d
	p.SetOnEscape(d.Hide)
	uikit.ShowEscapable(b.win, d, cancel)
	b.win.Canvas().Focus(p.SearchBox())
}
