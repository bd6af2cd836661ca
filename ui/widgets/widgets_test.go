package widgets

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// assertGolden draws o in a window of the given size and compares it with
// testdata/name; with -update it writes the image first.
func assertGolden(t *testing.T, name string, o fyne.CanvasObject, size fyne.Size) {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.Resize(size)
	img := w.Canvas().Capture()
	if *update {
		writePNG(t, filepath.Join("testdata", name), img)
	}
	test.AssertImageMatches(t, name, img)
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// labelTexts lists the texts of every label below o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestDateField(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	f := NewDateField(w)
	var got time.Time
	f.OnChanged = func(d time.Time) { got = d }
	cases := []struct {
		typed   string
		ok      bool
		want    string
		problem string // what Problem says
	}{
		{"2026-11-09", true, "2026-11-09", ""},
		{"", true, "", ""},
		{"2026-13-01", false, "", "Datumet 2026-13-01 finns inte."},
		{"2027-02-30", false, "", "Datumet 2027-02-30 finns inte."},
		{" 2028-02-29 ", true, "2028-02-29", ""},
		{"9 nov", false, "", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2012-05-04."},
		{"2026-1-09", false, "", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2012-05-04."},
	}
	for _, c := range cases {
		got = time.Time{}
		f.Entry.SetText(c.typed)
		if p := f.Problem(); p != c.problem {
			t.Errorf("%q: Problem() = %q, want %q", c.typed, p, c.problem)
		}
		d, ok := f.Date()
		if ok != c.ok {
			t.Errorf("%q: ok = %v, want %v", c.typed, ok, c.ok)
			continue
		}
		if ok && !d.IsZero() && data.FormatDate(d) != c.want {
			t.Errorf("%q: date %s, want %s", c.typed, data.FormatDate(d), c.want)
		}
		if ok && c.want != "" && data.FormatDate(got) != c.want {
			t.Errorf("%q: OnChanged got %v", c.typed, got)
		}
	}
	f.SetDate(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC))
	assertGolden(t, "datefield.png", f, fyne.NewSize(240, 60))
}

func TestMonthView(t *testing.T) {
	test.NewTempApp(t)
	var picked time.Time
	mv := newMonthView(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), func(d time.Time) { picked = d })
	texts := labelTexts(mv.content)
	if !slices.Contains(texts, "februari 2027") || texts[0] != "v." || texts[1] != "mån" || texts[7] != "sön" {
		t.Fatalf("calendar header %v: want Swedish month, week column, Monday first", texts)
	}
	// February 2027 starts on a Monday in week 5 and ends on a Sunday in week 8.
	if !slices.Contains(texts, "5") || !slices.Contains(texts, "8") || slices.Contains(texts, "9") {
		t.Errorf("calendar week numbers: %v", texts)
	}
	mv.onPick(time.Date(2027, 2, 3, 0, 0, 0, 0, time.UTC))
	if data.FormatDate(picked) != "2027-02-03" {
		t.Errorf("picked %v", picked)
	}
	assertGolden(t, "monthview.png", mv.content, fyne.NewSize(360, 300))
}

func TestBarChart(t *testing.T) {
	test.NewTempApp(t)
	c := NewBarChart()
	rows := []BarRow{
		{Label: "Förstahandsval", Count: 62, Share: 0.62, Text: "62 % (62)"},
		{Label: "Andrahandsval", Count: 30, Share: 0.30, Text: "30 % (30)"},
		{Label: "Ej placerade", Count: 8, Share: 0.08, Text: "8 % (8)", Muted: true},
	}
	c.SetRows(rows)
	if got := c.Rows(); len(got) != 3 || got[2].Label != "Ej placerade" {
		t.Fatalf("Rows() = %v", got)
	}
	assertGolden(t, "barchart.png", c, fyne.NewSize(400, 120))
}

func TestSearchPicker(t *testing.T) {
	test.NewTempApp(t)
	var picked string
	p := NewSearchPicker("Sök elev …", func(id string) { picked = id })
	p.SetItems([]PickItem{{ID: "a", Text: "Åsa Ek 8A"}, {ID: "b", Text: "Bo Berg 8B"}, {ID: "c", Text: "Cia Al 8A"}}, "b")
	cases := []struct {
		typed string
		want  int
	}{{"", 3}, {"8a", 2}, {"åsa", 1}, {"berg 8b", 1}, {"xyz", 0}}
	for _, c := range cases {
		p.entry.SetText(c.typed)
		if len(p.shown) != c.want {
			t.Errorf("%q shows %d, want %d", c.typed, len(p.shown), c.want)
		}
	}
	p.entry.SetText("")
	if p.chosen.Text != "Vald: Bo Berg 8B" {
		t.Errorf("chosen = %q", p.chosen.Text)
	}
	p.list.Select(2)
	if picked != "c" {
		t.Errorf("picked %q, want c", picked)
	}
	assertGolden(t, "searchpicker.png", p.Content, fyne.NewSize(300, 260))
}

// Sorted the Swedish way, the first match of a search is the one a reader
// expects at the top; Enter takes it and says which.
func TestSortPickItemsAndEnter(t *testing.T) {
	test.NewTempApp(t)
	items := []PickItem{{ID: "o", Text: "Örebro Verkstad"}, {ID: "a", Text: "Åkers Verkstad"},
		{ID: "z", Text: "Zeta verkstad"}, {ID: "ae", Text: "Ängby Verkstad"}, {ID: "b", Text: "bergs verkstad"}}
	SortPickItems(items)
	var got []string
	for _, it := range items {
		got = append(got, it.ID)
	}
	if strings.Join(got, " ") != "b z a ae o" {
		t.Fatalf("order %v, want b z a ae o (å ä ö after z, case ignored)", got)
	}
	for _, c := range []struct{ typed, want string }{
		{"VERKSTAD", "b"}, {"verkstad å", "a"}, {"ö", "o"}, {"zeta", "z"},
	} {
		var picked string
		p := NewSearchPicker("Sök …", func(id string) { picked = id })
		p.SetItems(items, "")
		test.Type(p.SearchBox(), c.typed)
		p.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if picked != c.want || p.Selected() != c.want {
			t.Errorf("%q and Enter picked %q (selected %q), want %q", c.typed, picked, p.Selected(), c.want)
		}
	}
}

func TestKeyTable(t *testing.T) {
	test.NewTempApp(t)
	k := NewKeyTable()
	k.Length = func() (int, int) { return 4, 5 }
	k.CreateCell = func() fyne.CanvasObject { return widget.NewLabel("00") }
	k.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(string(rune('A'+id.Col)) + string(rune('0'+id.Row)))
	}
	k.Limits = func() (int, int) { return 4, 5 }
	k.OnSelected = func(id widget.TableCellID) { k.Sel = id }
	var runes []rune
	deleted := 0
	k.OnRune = func(r rune) { runes = append(runes, r) }
	k.OnDel = func() { deleted++ }
	cases := []struct {
		key  fyne.KeyName
		want widget.TableCellID
	}{
		{fyne.KeyDown, widget.TableCellID{Row: 2, Col: 1}},
		{fyne.KeyRight, widget.TableCellID{Row: 2, Col: 2}},
		{fyne.KeyRight, widget.TableCellID{Row: 2, Col: 3}},
		{fyne.KeyRight, widget.TableCellID{Row: 2, Col: 3}}, // the last column is not a day
		{fyne.KeyDown, widget.TableCellID{Row: 3, Col: 3}},
		{fyne.KeyDown, widget.TableCellID{Row: 3, Col: 3}},
		{fyne.KeyUp, widget.TableCellID{Row: 2, Col: 3}},
		{fyne.KeyLeft, widget.TableCellID{Row: 2, Col: 2}},
	}
	for i, c := range cases {
		k.TypedKey(&fyne.KeyEvent{Name: c.key})
		if k.Sel != c.want {
			t.Fatalf("step %d (%s): selected %v, want %v", i, c.key, k.Sel, c.want)
		}
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	k.TypedRune('s')
	if deleted != 1 || string(runes) != "s" {
		t.Errorf("deleted %d, runes %q", deleted, string(runes))
	}
	assertGolden(t, "keytable.png", k, fyne.NewSize(300, 160))
	if k.AcceptsTab() {
		t.Error("Tab stays in a grid that did not ask for it")
	}

	// Utvärderingar's way: every key to OnKey first, Shift noted, Tab kept,
	// a paste handed over.
	var keys []string
	k.Tabs = true
	k.OnKey = func(e *fyne.KeyEvent, shift bool) bool {
		keys = append(keys, fmt.Sprintf("%s/%v", e.Name, shift))
		return e.Name == fyne.KeyTab
	}
	var pasted string
	k.OnPaste = func(text string) { pasted = text }
	k.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	k.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	sel := k.Sel
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) // not used by OnKey: the arrows still move
	if !k.AcceptsTab() || strings.Join(keys, " ") != "Tab/true Up/false" || k.Sel == sel {
		t.Errorf("keys %v, selection %v after %v", keys, k.Sel, sel)
	}
	clip := test.NewClipboard()
	clip.SetContent("bra praktik")
	k.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if pasted != "bra praktik" {
		t.Errorf("pasted %q", pasted)
	}
}

func TestFormPieces(t *testing.T) {
	test.NewTempApp(t)
	errName := NewErrLabel()
	errs := map[string]*widget.Label{"name": errName}
	name := widget.NewEntry()
	name.SetText("Brukets verkstad")
	kind := NewSelect([]string{"Företag", "Skola"}, nil)
	if kind.PlaceHolder != "(välj)" {
		t.Errorf("select placeholder %q", kind.PlaceHolder)
	}
	if errName.Visible() {
		t.Error("an empty error label shows")
	}
	ve := &data.ValidationError{Fields: []data.FieldError{{Field: "org_number", Key: "err.required", Text: "Fältet måste fyllas i."}}}
	if !ShowFieldErrors(ve, errs, "name") {
		t.Fatal("a validation error was not shown")
	}
	if !errName.Visible() || errName.Text != "Fältet måste fyllas i." {
		t.Errorf("fallback error label %q visible %v", errName.Text, errName.Visible())
	}
	if ShowFieldErrors(os.ErrNotExist, errs, "name") {
		t.Error("another error counted as a validation error")
	}
	ShowErr(errName, "")
	if errName.Visible() {
		t.Error("ShowErr with no text leaves the label visible")
	}
	ShowErr(errName, "Namnet saknas.")
	list := NewTwoLineList(func() int { return 2 }, func(i int) (string, string) {
		return []string{"Åk 9 v. 46", "Åk 8 v. 12"}[i], "planeras"
	})
	form := container.NewVBox(HeadingLabel("Organisation"), WrapLabel("Fyll i namnet."),
		FormGrid(Field("Namn", name, errName), Field("Typ", kind, nil)),
		Labelled("Period", widget.NewLabel("Åk 9")), container.New(FixedHeight{90}, list))
	assertGolden(t, "forms.png", form, fyne.NewSize(420, 380))
}

// TestSearchPickerFirstFilledShowsTheChosen: the first items of a picker
// shown empty, with one chosen far down, show at once, scrolled to the
// chosen (Närvaro's list of classes and offers had stayed blank until the
// user scrolled).
func TestSearchPickerFirstFilledShowsTheChosen(t *testing.T) {
	test.NewTempApp(t)
	p := NewSearchPicker("Sök klass eller praoplats …", func(string) {})
	w := test.NewTempWindow(t, p.Content)
	w.Resize(fyne.NewSize(300, 300))
	var items []PickItem
	for i := range 60 {
		items = append(items, PickItem{ID: fmt.Sprint(i), Text: fmt.Sprintf("Klass 9%c · Skola %02d", 'A'+rune(i%5), i)})
	}
	p.SetItems(items, "20")
	if p.Selected() != "20" {
		t.Fatalf("chosen %q, want 20", p.Selected())
	}
	// The rows the list shows: labels below its renderers, in its box.
	var shown []string
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(p.list).Y
	uitest.Walk(p.list, func(o fyne.CanvasObject) {
		x, ok := o.(*widget.Label)
		if !ok || !strings.HasPrefix(x.Text, "Klass") || !x.Visible() {
			return
		}
		if y := d.AbsolutePositionForObject(x).Y; y >= top && y+x.Size().Height <= top+p.list.Size().Height+1 {
			shown = append(shown, x.Text)
		}
	})
	if !slices.Contains(shown, items[20].Text) {
		t.Errorf("the list shows %q, not the chosen %q", shown, items[20].Text)
	}
	assertGolden(t, "searchpicker_first.png", p.Content, fyne.NewSize(300, 300))
}

// TestTallSearchPickerFillsItsColumn: beside a grid, the list takes the
// column's height; in a form it keeps its short fixed height.
func TestTallSearchPickerFillsItsColumn(t *testing.T) {
	for _, c := range []struct {
		name    string
		make    func(string, func(string)) *SearchPicker
		minList float32
		maxList float32
	}{
		{"tall", NewTallSearchPicker, 400, 600},
		{"form", NewSearchPicker, 170, 170},
	} {
		p := c.make("Sök", func(string) {})
		var items []PickItem
		for i := range 40 {
			items = append(items, PickItem{ID: fmt.Sprint(i), Text: fmt.Sprint("Block ", i)})
		}
		p.SetItems(items, "")
		w := test.NewWindow(container.NewStack(p.Content))
		w.Resize(fyne.NewSize(240, 600))
		if h := p.list.Size().Height; h < c.minList || h > c.maxList {
			t.Errorf("%s: the list is %v high in a 600 high column, want %v–%v", c.name, h, c.minList, c.maxList)
		}
		w.Close()
	}
}

// TestMultiLineFieldLetsTabMoveOn: the desktop driver gives Tab to a
// focused widget that accepts it, else moves the keyboard on; a form's
// multi-line field lets it move on, and still takes several lines.
func TestMultiLineFieldLetsTabMoveOn(t *testing.T) {
	f := NewMultiLineField()
	next := widget.NewEntry()
	w := test.NewWindow(container.NewVBox(f, next))
	defer w.Close()
	c := w.Canvas()
	c.Focus(f)
	var tabbable fyne.Tabbable = f
	if tabbable.AcceptsTab() {
		t.Fatal("the field takes Tab as a character")
	}
	if !widget.NewMultiLineEntry().AcceptsTab() {
		t.Fatal("Fyne's multi-line entry no longer takes Tab: this type may go")
	}
	test.Type(f, "rad ett")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(f, "rad två")
	if f.Text != "rad ett\nrad två" || !f.MultiLine || f.Wrapping != fyne.TextWrapWord {
		t.Errorf("text %q, multi-line %v, wrapping %v", f.Text, f.MultiLine, f.Wrapping)
	}
	c.FocusNext() // what the driver does with a Tab the field does not take
	if c.Focused() != next {
		t.Errorf("Tab left the keyboard with %T", c.Focused())
	}
}
