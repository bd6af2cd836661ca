package uikit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestAskThen: nothing unsaved goes on at once; edits ask, naming what
// was edited, or the unnamed word for a blank name.
func TestAskThen(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewWindow(widget.NewLabel("Översikt"))
	defer win.Close()
	win.Resize(fyne.NewSize(800, 600))
	went := 0
	AskThen(win, false, "Åk 8", "den nya praoperioden", func() bool { return true }, nil, func() { went++ }, nil)
	if went != 1 || win.Canvas().Overlays().Top() != nil {
		t.Fatalf("nothing unsaved: went %d, asked %v", went, win.Canvas().Overlays().Top() != nil)
	}
	for _, c := range []struct{ name, want string }{{"Åk 8 v. 11", "Du har ändrat Åk 8 v. 11 utan att spara."}, {"  ", "Du har ändrat den nya praoperioden utan att spara."}} {
		AskThen(win, true, c.name, "den nya praoperioden", func() bool { return true }, nil, func() { went++ }, nil)
		top := win.Canvas().Overlays().Top()
		if top == nil || went != 1 {
			t.Fatalf("%q: no question (went %d)", c.name, went)
		}
		if got := strings.Join(labelTexts(top), " "); !strings.Contains(got, c.want) {
			t.Errorf("%q: asked %q", c.name, got)
		}
		top.Hide()
		win.Canvas().Overlays().Remove(top)
	}
}
