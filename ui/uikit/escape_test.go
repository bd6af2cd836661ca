package uikit

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestDismissTopDialog: Escape answers every kind of dialog the app shows
// with its first button (the one that changes nothing), and leaves alone
// what has no such button or is not a dialog.
func TestDismissTopDialog(t *testing.T) {
	test.NewTempApp(t)
	type answer struct {
		called   bool
		response bool
	}
	tests := []struct {
		name string
		// show opens something on w and returns what its buttons did.
		show        func(w fyne.Window) *answer
		wantClosed  bool
		wantCalled  bool
		wantConfirm bool
	}{
		{"confirm", func(w fyne.Window) *answer {
			a := &answer{}
			dialog.ShowConfirm("Godkänna?", "30 elever är inte placerade.", func(ok bool) { a.called, a.response = true, ok }, w)
			return a
		}, true, true, false},
		{"information", func(w fyne.Window) *answer {
			a := &answer{}
			d := dialog.NewInformation("Klart", "Sparat.", w)
			d.SetOnClosed(func() { a.called = true })
			d.Show()
			return a
		}, true, true, false},
		{"error", func(w fyne.Window) *answer {
			a := &answer{}
			d := dialog.NewError(errors.New("rad 3: datum saknas"), w)
			d.SetOnClosed(func() { a.called = true })
			d.Show()
			return a
		}, true, true, false},
		{"form with an entry", func(w fyne.Window) *answer {
			a := &answer{}
			dialog.ShowForm("Ny period", "Spara", "Avbryt", []*widget.FormItem{widget.NewFormItem("Namn", widget.NewEntry())},
				func(ok bool) { a.called, a.response = true, ok }, w)
			return a
		}, true, true, false},
		{"custom confirm", func(w fyne.Window) *answer {
			a := &answer{}
			dialog.ShowCustomConfirm("Ta bort?", "Ta bort", "Avbryt", widget.NewLabel("Eleven flyttas till papperskorgen."),
				func(ok bool) { a.called, a.response = true, ok }, w)
			return a
		}, true, true, false},
		{"our own button row", func(w fyne.Window) *answer {
			a := &answer{}
			var d *dialog.CustomDialog
			cancel := widget.NewButton("Avbryt", func() { a.called = true; d.Hide() })
			save := widget.NewButton("Spara", func() { a.called, a.response = true, true; d.Hide() })
			d = dialog.NewCustomWithoutButtons("Ändra flera elever", widget.NewLabel("3 elever"), w)
			d.SetButtons([]fyne.CanvasObject{cancel, save})
			d.Show()
			return a
		}, true, true, false},
		{"a disabled first button: not the next one", func(w fyne.Window) *answer {
			a := &answer{}
			var d *dialog.CustomDialog
			cancel := widget.NewButton("Avbryt", func() { a.called = true; d.Hide() })
			cancel.Disable()
			save := widget.NewButton("Spara", func() { a.called, a.response = true, true; d.Hide() })
			d = dialog.NewCustomWithoutButtons("Sparar …", widget.NewLabel("3 elever"), w)
			d.SetButtons([]fyne.CanvasObject{cancel, save})
			d.Show()
			return a
		}, false, false, false},
		{"no button row (progress)", func(w fyne.Window) *answer {
			a := &answer{}
			d := dialog.NewCustomWithoutButtons("Återställer …", widget.NewProgressBarInfinite(), w)
			d.SetOnClosed(func() { a.called = true })
			d.Show()
			return a
		}, false, false, false},
		{"a pop-up that is not a dialog", func(w fyne.Window) *answer {
			widget.ShowModalPopUp(widget.NewLabel("Förhandsgranskning"), w.Canvas())
			return &answer{}
		}, false, false, false},
		{"nothing open", func(fyne.Window) *answer { return &answer{} }, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := test.NewWindow(widget.NewLabel("Översikt"))
			defer w.Close()
			w.Resize(fyne.NewSize(800, 600))
			a := tc.show(w)
			before := len(w.Canvas().Overlays().List())
			closed := DismissTopDialog(w.Canvas())
			after := len(w.Canvas().Overlays().List())
			if closed != tc.wantClosed {
				t.Errorf("closed = %v, want %v", closed, tc.wantClosed)
			}
			if tc.wantClosed && after != before-1 {
				t.Errorf("overlays %d -> %d, want one fewer", before, after)
			}
			if !tc.wantClosed && after != before {
				t.Errorf("overlays %d -> %d, want them left", before, after)
			}
			if a.called != tc.wantCalled || a.response != tc.wantConfirm {
				t.Errorf("answered %v with %v, want %v with %v", a.called, a.response, tc.wantCalled, tc.wantConfirm)
			}
		})
	}
}

// TestConfirmTopDialog: Enter answers a dialog with its default button,
// the only one or the one shown blue, and leaves alone a dialog where that
// is not clear.
func TestConfirmTopDialog(t *testing.T) {
	test.NewTempApp(t)
	row := func(w fyne.Window, a *[]string, buttons ...*widget.Button) {
		var d *dialog.CustomDialog
		var objs []fyne.CanvasObject
		for _, b := range buttons {
			b := b
			text := b.Text
			b.OnTapped = func() { *a = append(*a, text); d.Hide() }
			objs = append(objs, b)
		}
		d = dialog.NewCustomWithoutButtons("Fråga", widget.NewLabel("?"), w)
		d.SetButtons(objs)
		d.Show()
	}
	blue := func(text string) *widget.Button {
		b := widget.NewButton(text, nil)
		b.Importance = widget.HighImportance
		return b
	}
	disabled := func(b *widget.Button) *widget.Button { b.Disable(); return b }
	tests := []struct {
		name string
		show func(w fyne.Window, a *[]string)
		want string // the button answered, "" for none
	}{
		{"confirm: yes", func(w fyne.Window, a *[]string) {
			dialog.ShowConfirm("Godkänna?", "30 elever är inte placerade.", func(ok bool) { *a = append(*a, fmt.Sprint(ok)) }, w)
		}, "true"},
		{"information: closed", func(w fyne.Window, a *[]string) {
			d := dialog.NewInformation("Klart", "Veckoscheman sparade.", w)
			d.SetOnClosed(func() { *a = append(*a, "closed") })
			d.Show()
		}, "closed"},
		{"custom confirm: yes", func(w fyne.Window, a *[]string) {
			dialog.ShowCustomConfirm("Ta bort?", "Ta bort", "Avbryt", widget.NewLabel("Eleven flyttas."),
				func(ok bool) { *a = append(*a, fmt.Sprint(ok)) }, w)
		}, "true"},
		{"a deletion: no default", func(w fyne.Window, a *[]string) {
			ConfirmDelete("Ta bort praoperiod", "Ta bort Åk 8 v. 11 2027?", func(ok bool) { *a = append(*a, fmt.Sprint(ok)) }, w)
		}, ""},
		{"a row with one blue button", func(w fyne.Window, a *[]string) {
			row(w, a, widget.NewButton("Avbryt", nil), widget.NewButton("Släng ändringarna", nil), blue("Spara"))
		}, "Spara"},
		{"a row with no blue button", func(w fyne.Window, a *[]string) {
			row(w, a, widget.NewButton("Avbryt", nil), widget.NewButton("Släng", nil))
		}, ""},
		{"a row with two blue buttons", func(w fyne.Window, a *[]string) {
			row(w, a, widget.NewButton("Avbryt", nil), blue("Spara"), blue("Spara och stäng"))
		}, ""},
		{"the blue button disabled", func(w fyne.Window, a *[]string) {
			row(w, a, widget.NewButton("Avbryt", nil), disabled(blue("Spara")))
		}, ""},
		{"no button row (progress)", func(w fyne.Window, a *[]string) {
			dialog.NewCustomWithoutButtons("Återställer …", widget.NewProgressBarInfinite(), w).Show()
		}, ""},
		{"a pop-up that is not a dialog", func(w fyne.Window, a *[]string) {
			widget.ShowModalPopUp(widget.NewLabel("Förhandsgranskning"), w.Canvas())
		}, ""},
		{"nothing open", func(fyne.Window, *[]string) {}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := test.NewWindow(widget.NewLabel("Översikt"))
			defer w.Close()
			w.Resize(fyne.NewSize(800, 600))
			var answered []string
			tc.show(w, &answered)
			before := len(w.Canvas().Overlays().List())
			did := ConfirmTopDialog(w.Canvas())
			got := strings.Join(answered, ",")
			if did != (tc.want != "") || got != tc.want {
				t.Errorf("Enter answered %q (reported %v), want %q", got, did, tc.want)
			}
			if after := len(w.Canvas().Overlays().List()); tc.want != "" && after != before-1 || tc.want == "" && after != before {
				t.Errorf("overlays %d -> %d", before, after)
			}
		})
	}
}

// TestDismissTopDialogClosesOnlyTheTop: an error shown over a form closes
// first, and the form stays until Escape is pressed again.
func TestDismissTopDialogClosesOnlyTheTop(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("Elever"))
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	var formAnswered bool
	dialog.ShowForm("Ny elev", "Spara", "Avbryt", []*widget.FormItem{widget.NewFormItem("Namn", widget.NewEntry())},
		func(bool) { formAnswered = true }, w)
	dialog.ShowError(errors.New("namnet saknas"), w)
	if !DismissTopDialog(w.Canvas()) || formAnswered || len(w.Canvas().Overlays().List()) != 1 {
		t.Fatalf("first Escape: form answered %v, %d overlays", formAnswered, len(w.Canvas().Overlays().List()))
	}
	if !DismissTopDialog(w.Canvas()) || !formAnswered || len(w.Canvas().Overlays().List()) != 0 {
		t.Fatalf("second Escape: form answered %v, %d overlays", formAnswered, len(w.Canvas().Overlays().List()))
	}
}

// TestShowEscapable: a dialog with its buttons in its content closes on
// the window's Escape through its own Stäng, only when it is on top and
// Stäng can be pressed; the window's key handler stays as it was, and a
// closed dialog leaves nothing behind, also when hidden twice.
func TestShowEscapable(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("Inställningar"))
	defer w.Close()
	w.Resize(fyne.NewSize(900, 700))
	c := w.Canvas()
	BindEscape(c)
	handler := reflect.ValueOf(c.OnTypedKey()).Pointer()
	key := func(k fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: k}) }

	var d *dialog.CustomDialog
	closed := 0
	closeBtn := widget.NewButton("Stäng", func() { closed++; d.Hide() })
	d = dialog.NewCustomWithoutButtons("Läs in utbytesfil", container.NewVBox(widget.NewLabel("Välj en fil."), closeBtn), w)
	ShowEscapable(w, d, closeBtn)
	if reflect.ValueOf(c.OnTypedKey()).Pointer() != handler {
		t.Error("showing the dialog replaced the window's key handler")
	}
	key(fyne.KeyDown)
	closeBtn.Disable() // importing: Avbryt waits, and so does Escape
	key(fyne.KeyEscape)
	if closed != 0 || len(c.Overlays().List()) != 1 {
		t.Fatalf("Escape with Stäng disabled closed it (%d, %d overlays)", closed, len(c.Overlays().List()))
	}
	closeBtn.Enable()
	dialog.ShowError(errors.New("fel lösenord"), w)
	key(fyne.KeyEscape) // the error on top goes first
	if closed != 0 || len(c.Overlays().List()) != 1 {
		t.Fatalf("Escape over an error: closed %d, %d overlays", closed, len(c.Overlays().List()))
	}
	key(fyne.KeyEscape)
	if closed != 1 || len(c.Overlays().List()) != 0 {
		t.Fatalf("Escape on the dialog: closed %d, %d overlays", closed, len(c.Overlays().List()))
	}
	d.Hide() // a second hide, as some dialogs do
	escapes.Lock()
	left := len(escapes.m)
	escapes.Unlock()
	if left != 0 {
		t.Errorf("%d closed dialogs still answer Escape", left)
	}
	key(fyne.KeyEscape) // nothing open: nothing happens
	if closed != 1 {
		t.Errorf("Escape with nothing open pressed Stäng again")
	}
}

// TestShowFileDialog: Escape over a file chooser is its Avbryt: the
// chooser closes and its callback hears of no file.
func TestShowFileDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("Utvärderingar"))
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 750))
	c := w.Canvas()
	BindEscape(c)
	called, gotFile := 0, false
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		called++
		gotFile = r != nil
	}, w)
	ShowFileDialog(w, fd)
	if n := len(c.Overlays().List()); n != 1 {
		t.Fatalf("%d overlays after showing the chooser", n)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(c.Overlays().List()); n != 0 || called != 1 || gotFile {
		t.Errorf("after Escape: %d overlays, callback called %d times, with a file %v", n, called, gotFile)
	}
}

// TestDialogsStartWithAvbryt reads the app's source: Escape taps a
// dialog's first button, so in every dialog Fyne builds from our texts
// (a custom confirm, a form) the dismiss text must be Avbryt or Stäng, and
// every button row of our own must start with a button named for what it
// is (cancel, closeBtn). "Osparade ändringar" once had "Släng
// ändringarna" there, and Escape threw a pupil's edits away.
func TestDialogsStartWithAvbryt(t *testing.T) {
	safeText := map[string]bool{`"Avbryt"`: true, `"Stäng"`: true}
	safeFirst := map[string]bool{"cancel": true, "closeBtn": true}
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir("..", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, _ := sel.X.(*ast.Ident)
			switch name := sel.Sel.Name; {
			case pkg != nil && pkg.Name == "dialog" && (name == "ShowCustomConfirm" || name == "NewCustomConfirm" ||
				name == "NewForm" || name == "ShowForm"):
				checked++
				// lang.X("key", "Swedish text"): the dismiss text is the third argument.
				text := ""
				if lx, ok := call.Args[2].(*ast.CallExpr); ok && len(lx.Args) >= 2 {
					if lit, ok := lx.Args[1].(*ast.BasicLit); ok {
						text = lit.Value
					}
				}
				if !safeText[text] {
					t.Errorf("%s: dialog.%s dismisses with %q, not Avbryt or Stäng", fset.Position(call.Pos()), name, text)
				}
			case name == "SetButtons":
				checked++
				first := ""
				if lit, ok := call.Args[0].(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
					switch x := lit.Elts[0].(type) {
					case *ast.Ident:
						first = x.Name
					case *ast.SelectorExpr:
						first = x.Sel.Name
					}
				}
				if !safeFirst[first] {
					t.Errorf("%s: a button row starts with %q, not a cancel button", fset.Position(call.Pos()), first)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Errorf("only %d dialogs found: is the walk in the right folder?", checked)
	}
}

// TestEscEntry: Escape in an EscEntry runs its OnEscape (its dialog's
// Avbryt), other keys type as usual.
func TestEscEntry(t *testing.T) {
	test.NewTempApp(t)
	escaped := 0
	e := NewEscEntry(func() { escaped++ })
	w := test.NewWindow(e)
	defer w.Close()
	w.Canvas().Focus(e)
	test.Type(e, "Teknikprao")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escaped != 1 || e.Text != "Teknikpra" {
		t.Errorf("escaped %d times, text %q", escaped, e.Text)
	}
}
