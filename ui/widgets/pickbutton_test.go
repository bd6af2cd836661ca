package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// TestPickButtonChoosesBySearch: a tap opens the dialog with the search
// box focused; a few letters and Enter choose the first found, close the
// dialog and tell onChanged; Escape changes nothing; an id that is not
// there is none. Found by use: Arrangör was a dropdown of every
// organisation.
func TestPickButtonChoosesBySearch(t *testing.T) {
	test.NewTempApp(t)
	var changed []string
	items := []PickItem{{ID: "", Text: "(ingen)"}, {ID: "a", Text: "Alsters Kodverkstad AB"},
		{ID: "f", Text: "Forshaga Fiber AB"}, {ID: "k", Text: "Karlstads universitet"}}
	w := test.NewTempWindow(t, container.NewVBox())
	b := NewPickButton(w, "Arrangör", "Sök organisation …", func(id string) { changed = append(changed, id) })
	w.SetContent(container.NewVBox(b.Button))
	w.Resize(fyne.NewSize(480, 420))
	b.SetItems(items[1:])
	if b.Button.Text != "(välj)" || b.Selected() != "" {
		t.Fatalf("nothing chosen: %q %q", b.Button.Text, b.Selected())
	}
	b.SetItems(items) // with an explicit "(ingen)"
	if b.Button.Text != "(ingen)" || b.Selected() != "" {
		t.Fatalf("none chosen: %q %q", b.Button.Text, b.Selected())
	}
	b.SetSelected("f")
	if b.Button.Text != "Forshaga Fiber AB" || len(changed) != 0 {
		t.Fatalf("SetSelected: %q, onChanged %v", b.Button.Text, changed)
	}

	test.Tap(b.Button)
	if w.Canvas().Overlays().Top() == nil || w.Canvas().Focused() != b.picker.SearchBox() {
		t.Fatal("the dialog is not open with the search box focused")
	}
	test.Type(b.picker.SearchBox(), "karl")
	b.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.Selected() != "k" || b.Button.Text != "Karlstads universitet" || len(changed) != 1 || changed[0] != "k" {
		t.Fatalf("Enter chose %q (%q), onChanged %v", b.Selected(), b.Button.Text, changed)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stays open after choosing")
	}

	test.Tap(b.Button)
	test.Type(b.picker.SearchBox(), "als")
	b.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil || b.Selected() != "k" || len(changed) != 1 {
		t.Errorf("Escape: open %v, chosen %q, onChanged %v", w.Canvas().Overlays().Top() != nil, b.Selected(), changed)
	}

	b.SetItems(items[:2]) // the one chosen is gone
	if b.Selected() != "" || b.Button.Text != "(ingen)" {
		t.Errorf("after its item went: %q %q", b.Selected(), b.Button.Text)
	}
	// An item gone while the dialog was open is not chosen (review).
	b.SetItems(items)
	b.SetSelected("a")
	test.Tap(b.Button)
	b.SetItems(items[:3]) // Karlstads universitet goes
	test.Type(b.picker.SearchBox(), "karl")
	b.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.Selected() != "a" || len(changed) != 1 {
		t.Errorf("a gone item was chosen: %q, onChanged %v", b.Selected(), changed)
	}
	b.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assertGolden(t, "pickbutton.png", container.NewVBox(b.Button), fyne.NewSize(300, 60))
}
