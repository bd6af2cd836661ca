package week

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// picker is a dialog that chooses one entry among many: typing narrows the
// list, Enter chooses the marked (or first) entry, a tap chooses too.
type picker struct {
	entry  *uikit.EscEntry // Escape in it is Avbryt
	list   *widget.List
	items  []widgets.PickItem
	shown  []widgets.PickItem
	mark   int
	dlg    dialog.Dialog
	onPick func(id string)
}

// openPicker shows a picker over items; onPick gets the id chosen.
func openPicker(win fyne.Window, title, placeholder string, items []widgets.PickItem, onPick func(id string)) *picker {
	p := &picker{items: items, onPick: onPick}
	p.entry = uikit.NewEscEntry(nil)
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = func(string) { p.filter() }
	p.entry.OnSubmitted = func(string) { p.choose(p.mark) }
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*widget.Label).SetText(p.shown[i].Text)
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.choose(i) }
	p.filter()
	cancel := widget.NewButtonWithIcon(lang.X("wk.cancel", "Avbryt"), theme.CancelIcon(), func() { p.dlg.Hide() })
	p.entry.OnEscape = func() { uikit.Tap(cancel) }
	hint := widget.NewLabel(lang.X("wk.picker_hint", "Skriv för att söka, Enter väljer den första."))
	hint.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(p.entry, hint), container.NewCenter(cancel), nil, nil, p.list)
	p.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	p.dlg.Resize(fyne.NewSize(480, 420))
	uikit.ShowEscapable(win, p.dlg, cancel)
	win.Canvas().Focus(p.entry)
	return p
}

// filter shows the entries whose text holds every typed word, those whose
// name (the text before the first " · ") holds them all first, so that
// Enter after "team 2" takes team 2 and not a team of five pupils.
func (p *picker) filter() {
	words := strings.Fields(uikit.Fold(p.entry.Text))
	p.shown = p.shown[:0]
	var rest []widgets.PickItem
	for _, it := range p.items {
		text := uikit.Fold(it.Text)
		head, _, _ := strings.Cut(text, " · ")
		switch {
		case uikit.ContainsAll(head, words):
			p.shown = append(p.shown, it)
		case uikit.ContainsAll(text, words):
			rest = append(rest, it)
		}
	}
	p.shown = append(p.shown, rest...)
	p.mark = 0
	p.list.Refresh()
}

// choose picks the shown entry i and closes the dialog.
func (p *picker) choose(i int) {
	if i < 0 || i >= len(p.shown) {
		return
	}
	p.dlg.Hide()
	p.onPick(p.shown[i].ID)
}
