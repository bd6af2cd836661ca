package uikit

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestSaveAnswer: the answer of the save dialog. A name without the
// extension gets it and the empty file Fyne made under the bare name goes;
// a file Fyne could not make (a whole path typed into the name field) is
// said, not dropped; Avbryt does nothing.
func TestSaveAnswer(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	writer := func(name string) fyne.URIWriteCloser {
		w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, name)))
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	cases := []struct {
		name     string
		w        func() fyne.URIWriteCloser
		err      error
		want     string // path given to save, "" for none
		gone     string // a file that must not be left
		overlays int
	}{
		{"a name with its extension", func() fyne.URIWriteCloser { return writer("Rapport.pdf") }, nil, "Rapport.pdf", "", 0},
		{"a bare name", func() fyne.URIWriteCloser { return writer("Rapport") }, nil, "Rapport.pdf", "Rapport", 0},
		{"another case kept", func() fyne.URIWriteCloser { return writer("Rapport.PDF") }, nil, "Rapport.PDF", "", 0},
		{"a name with a dot of its own", func() fyne.URIWriteCloser { return writer("Åk 8 v. 46 2026") }, nil, "Åk 8 v. 46 2026.pdf", "Åk 8 v. 46 2026", 0},
		{"cancelled", func() fyne.URIWriteCloser { return nil }, nil, "", "", 0},
		{"not made", func() fyne.URIWriteCloser { return nil }, &fs.PathError{Op: "open", Path: "/home/x//tmp/y.pdf", Err: fs.ErrNotExist}, "", "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			win := test.NewWindow(widget.NewLabel("Översikt"))
			defer win.Close()
			win.Resize(fyne.NewSize(800, 600))
			var got string
			saveAnswer(win, ".pdf", func(p string) { got = p })(c.w(), c.err)
			if want := c.want; (want == "" && got != "") || (want != "" && got != filepath.Join(dir, want)) {
				t.Errorf("save got %q, want %q", got, want)
			}
			if c.gone != "" {
				if _, err := os.Stat(filepath.Join(dir, c.gone)); err == nil {
					t.Errorf("the empty %s is left", c.gone)
				}
			}
			ov := win.Canvas().Overlays().List()
			if len(ov) != c.overlays {
				t.Fatalf("%d dialogs shown, want %d", len(ov), c.overlays)
			}
			if c.overlays > 0 {
				texts := strings.Join(labelTexts(ov[0]), " ")
				if !strings.Contains(texts, "Filen kunde inte skapas där: mappen för /home/x//tmp/y.pdf finns inte") || !strings.Contains(texts, "Skriv bara filens namn") {
					t.Errorf("message %q", texts)
				}
			}
		})
	}
}

// labelTexts are the texts of the labels under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
