package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data/text"
	"techniqual/ui/uikit"
)

// PickItem is one entry of a SearchPicker.
type PickItem struct{ ID, Text string } // the id handed to onPick, the text shown

// SearchPicker is a search box over a list, for choosing among many (pupils,
// offers): typing narrows the list, a tap or Enter (the first found) chooses.
type SearchPicker struct {
	Content  fyne.CanvasObject // the box, list and choice, to place in a form
	entry    *uikit.EscEntry
	list     *widget.List
	chosen   *widget.Label
	items    []PickItem
	shown    []PickItem
	selected string
	onPick   func(id string)
	quiet    bool
}

// NewSearchPicker makes a picker with an empty list; onPick gets the id of
// the entry tapped. Show its Content.
func NewSearchPicker(placeholder string, onPick func(id string)) *SearchPicker {
	p := &SearchPicker{onPick: onPick}
	// Escape in the box reaches the dialog the picker is in (Fyne's entry
	// keeps the key), when one is set (SetOnEscape).
	p.entry = uikit.NewEscEntry(nil)
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = func(string) { p.filter() }
	// Enter takes the first entry found: a few letters and Enter choose
	// without the pointer.
	p.entry.OnSubmitted = func(string) {
		if len(p.shown) == 0 {
			return
		}
		it := p.shown[0]
		p.quiet = true
		p.list.Select(0)
		p.quiet = false
		p.selected = it.ID
		p.showChosen()
		p.onPick(it.ID)
	}
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i].Text) })
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.quiet || i >= len(p.shown) {
			return
		}
		p.selected = p.shown[i].ID
		p.showChosen()
		p.onPick(p.selected)
	}
	p.chosen = widget.NewLabel("")
	p.chosen.Wrapping = fyne.TextWrapWord
	p.chosen.Importance = widget.HighImportance
	p.Content = container.NewVBox(p.entry, container.New(FixedHeight{170}, p.list), p.chosen)
	return p
}

// NewTallSearchPicker is a picker whose list takes all the height it is
// given, for a column beside a grid (Närvaro, Återkoppling): the short
// list of a form showed four rows of a week's thirty blocks.
func NewTallSearchPicker(placeholder string, onPick func(id string)) *SearchPicker {
	p := NewSearchPicker(placeholder, onPick)
	p.Content = container.NewBorder(p.entry, p.chosen, nil, nil, p.list)
	return p
}

// SetItems replaces the entries and marks the one with id chosen.
func (p *SearchPicker) SetItems(items []PickItem, id string) {
	p.items = items
	p.selected = ""
	if slices.ContainsFunc(items, func(it PickItem) bool { return it.ID == id }) {
		p.selected = id
	}
	p.filter()
	p.showChosen()
}

// Clear empties the search box and chooses no entry (for the next of
// several things picked for, as a pupil after another).
func (p *SearchPicker) Clear() {
	p.selected = ""
	p.entry.SetText("") // which filters
	p.filter()
	p.showChosen()
}

// Items are the entries, as set.
func (p *SearchPicker) Items() []PickItem { return p.items }

// Selected is the id of the entry chosen, "" when none.
func (p *SearchPicker) Selected() string { return p.selected }

// SortPickItems orders items by their text the Swedish way (å, ä, ö after
// z; case ignored), so the first match of a search is the one a reader
// expects at the top.
func SortPickItems(items []PickItem) {
	c := text.Collator()
	slices.SortStableFunc(items, func(a, b PickItem) int { return c.CompareString(a.Text, b.Text) })
}

// SearchBox is the picker's search box (to focus it, or to type in a test).
func (p *SearchPicker) SearchBox() *uikit.EscEntry { return p.entry }

// SetOnEscape runs f when Escape is pressed in the search box.
func (p *SearchPicker) SetOnEscape(f func()) { p.entry.OnEscape = f }

// filter shows the entries whose text holds every word typed, in any case
// (and a decomposed "å" typed is the composed one).
func (p *SearchPicker) filter() {
	words := strings.Fields(uikit.Fold(p.entry.Text))
	p.shown = p.shown[:0]
	for _, it := range p.items {
		if uikit.ContainsAll(uikit.Fold(it.Text), words) {
			p.shown = append(p.shown, it)
		}
	}
	// The list learns its new length before anything is selected: Select
	// scrolls to the entry, and scrolling a list that still thinks it is
	// empty left it blank until the user scrolled (Närvaro, first shown).
	p.list.Refresh()
	p.quiet = true
	p.list.UnselectAll()
	if i := slices.IndexFunc(p.shown, func(it PickItem) bool { return it.ID == p.selected }); i >= 0 {
		p.list.Select(i)
	}
	p.quiet = false
}

func (p *SearchPicker) showChosen() {
	for _, it := range p.items {
		if it.ID == p.selected {
			p.chosen.SetText(lang.X("printing.chosen", "Vald: {{.Name}}", map[string]string{"Name": it.Text}))
			return
		}
	}
	p.chosen.SetText("")
}

// FixedHeight gives its objects a fixed height and the width they are given.
type FixedHeight struct{ H float32 }

// MinSize is the widest object at the fixed height.
func (f FixedHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, f.H)
}

// Layout gives every object the whole size.
func (f FixedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// FixedWidth gives its objects a fixed width and the height they are given
// (a SearchPicker beside a table).
type FixedWidth struct{ W float32 }

// MinSize is the fixed width at the tallest object's height.
func (f FixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.W, h)
}

// Layout gives every object the whole size.
func (f FixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
