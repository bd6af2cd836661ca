package widgets

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestSavedRowKeepsItsButtons: the saved label's text does not change the
// row's width or move its buttons.
func TestSavedRowKeepsItsButtons(t *testing.T) {
	test.NewTempApp(t)
	saved := NewSavedLabel()
	a, b := widget.NewButton("Spara", nil), widget.NewButton("Ta bort", nil)
	row := SavedRow(saved, a, b)
	row.Resize(row.MinSize().AddWidthHeight(200, 0))
	width, at := row.MinSize().Width, b.Position()
	saved.SetText("Sparat. Godkänd och skickad till värden, med en lång förklaring efter.")
	row.Refresh()
	if w := row.MinSize().Width; w != width {
		t.Errorf("width %v with the text, %v without", w, width)
	}
	if b.Position() != at {
		t.Errorf("a button moved from %v to %v", at, b.Position())
	}
}
