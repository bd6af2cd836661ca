package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"techniqual/assets"
)

// kinds are a chart of each kind over the same categories.
func kinds(cats []string, a, b, c []Value) map[string]Chart {
	stacked := StackedBars("Placerade per kommun", cats,
		Series{Name: "Flickor", Values: a}, Series{Name: "Pojkar", Values: b}, Series{Name: "Annat/okänt", Values: c})
	grouped := BeforeAfter("Intresse för teknik före och efter", cats,
		Series{Name: "Före", Values: a}, Series{Name: "Efter", Values: b})
	horiz := Bars("Elever per företag", cats, a)
	horiz.Horizontal = true
	hstack := stacked
	hstack.Horizontal = true
	return map[string]Chart{
		"bars":             Bars("Elever per kommun", cats, a),
		"stacked":          stacked,
		"grouped":          grouped,
		"horizontal":       horiz,
		"horizontal-stack": hstack,
	}
}

func vals(xs ...float64) []Value {
	out := make([]Value, len(xs))
	for i, x := range xs {
		out[i] = Value{V: x}
	}
	return out
}

var longName = "Arvika kommuns grundskolor och Gunnarskogs skolområde med en ovanligt lång Å-Ä-Ö-benämning"

// datasets are the cases every kind must draw at the size asked for.
var datasets = []struct {
	name    string
	cats    []string
	a, b, c []Value
}{
	{"normal", []string{"Karlstad", "Arvika", "Säffle", "Kristinehamn"},
		vals(34, 12, 7, 20), vals(40, 15, 9, 18), []Value{Count(5), Hide(), {}, Count(6)}},
	{"empty", nil, nil, nil, nil},
	{"no values", []string{"Karlstad", "Arvika"}, nil, nil, nil},
	{"single bar", []string{"Karlstad"}, vals(12), vals(9), vals(5)},
	{"all zero", []string{"Karlstad", "Arvika", "Säffle"}, vals(0, 0, 0), vals(0, 0, 0), vals(0, 0, 0)},
	{"all hidden", []string{"Karlstad", "Arvika"}, []Value{Hide(), Hide()}, []Value{Hide(), Hide()}, nil},
	{"long names", []string{longName, "Torsby", strings.Repeat("Ö", 80), "Filipstads kommun – Lesjöfors"},
		vals(12, 30, 8, 9), vals(10, 0, 5, 11), vals(0, 5, 0, 5)},
	{"NaN, Inf and negative", []string{"a", "b", "c", "d"},
		vals(math.NaN(), math.Inf(1), -3, 7), vals(math.Inf(-1), 2, math.NaN(), math.Copysign(0, -1)), vals(1e300, 5, 5, 5)},
	{"emoji and controls", []string{"Teknik 🚀 AB", "Rad\nbrytning\t", "\u200dnoll"}, vals(5, 6, 7), vals(8, 9, 10), nil},
	{"many categories", manyNames(40), manyVals(40, 3), manyVals(40, 7), nil},
}

func manyNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Företag nummer " + strings.Repeat("x", i%7) + string(rune('A'+i%26))
	}
	return out
}

func manyVals(n, k int) []Value {
	out := make([]Value, n)
	for i := range out {
		out[i] = Count((i*k)%23 + 5)
	}
	return out
}

func TestRenderIsTheSizeAskedForWhateverTheData(t *testing.T) {
	sizes := [][2]int{{640, 360}, {1800, 900}, {120, 80}, {1, 1}}
	themes := map[string]Theme{"light": Light(), "dark": Dark(), "zero": {}}
	out := os.Getenv("CHARTS_OUT") // set to a folder to look at the images
	for _, ds := range datasets {
		for kind, c := range kinds(ds.cats, ds.a, ds.b, ds.c) {
			for tn, th := range themes {
				for _, sz := range sizes {
					img, err := Render(c, sz[0], sz[1], th)
					if err != nil {
						t.Fatalf("%s/%s/%s %v: %v", ds.name, kind, tn, sz, err)
					}
					if b := img.Bounds(); b.Dx() != sz[0] || b.Dy() != sz[1] {
						t.Fatalf("%s/%s/%s: %v, want %v", ds.name, kind, tn, b, sz)
					}
					if out != "" && sz[0] == 640 && tn != "zero" {
						writePNG(t, filepath.Join(out, strings.ReplaceAll(ds.name, " ", "_")+"-"+kind+"-"+tn+".png"), img)
					}
				}
			}
		}
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenderRejectsImpossibleSizes(t *testing.T) {
	c := Bars("x", []string{"a"}, vals(1))
	for _, sz := range [][2]int{{0, 10}, {10, 0}, {-5, 10}, {MaxSide + 1, 10}} {
		if _, err := Render(c, sz[0], sz[1], Light()); err == nil || !strings.Contains(err.Error(), "pixels") {
			t.Errorf("%v: err %v", sz, err)
		}
	}
}

func TestPNGDecodesBack(t *testing.T) {
	c := kinds(datasets[0].cats, datasets[0].a, datasets[0].b, datasets[0].c)["stacked"]
	b, err := PNG(c, 700, 400, Dark())
	if err != nil {
		t.Fatal(err)
	}
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil || format != "png" {
		t.Fatalf("decode: %v %q", err, format)
	}
	if img.Bounds().Dx() != 700 || img.Bounds().Dy() != 400 {
		t.Errorf("size %v", img.Bounds())
	}
	// The corner is the theme's background, and the bars are in the series' colours.
	if got := color.NRGBAModel.Convert(img.At(1, 1)).(color.NRGBA); got != Dark().Background.(color.NRGBA) {
		t.Errorf("corner %v, want the dark background", got)
	}
	if n := countColor(img, color.NRGBA{R: 0xB3, G: 0x8B, B: 0xDB, A: 0xFF}); n < 500 {
		t.Errorf("%d pixels of the first series' colour; the bars are missing", n)
	}
}

func countColor(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) == c {
				n++
			}
		}
	}
	return n
}

// TestHiddenValuesAreNeverDrawn draws a single series where one bar is a
// hidden small group: only the shown bars take the series' colour, and a
// chart of only hidden values has no bar at all.
func TestHiddenValuesAreNeverDrawn(t *testing.T) {
	purple := assets.Purple
	area := func(c Chart) int {
		c.NoValues = true
		img, err := Render(c, 600, 300, Light())
		if err != nil {
			t.Fatal(err)
		}
		return countColor(img, purple)
	}
	cats := []string{"A", "B", "C"}
	same := Bars("", cats, []Value{Count(10), Count(0), Count(0)})
	same.Note = "Grupper under 5 visas inte." // the hidden value's note takes the same room
	shown := area(same)
	withHidden := area(Bars("", cats, []Value{Count(10), {V: 4, Hidden: true}, Count(0)}))
	if shown == 0 || withHidden != shown {
		t.Errorf("bar area %d with a hidden value, %d without: the hidden value was drawn", withHidden, shown)
	}
	if n := area(Bars("", cats, []Value{Hide(), Hide(), Hide()})); n != 0 {
		t.Errorf("only hidden values, yet %d purple pixels", n)
	}
}

func TestPrepare(t *testing.T) {
	c := StackedBars("", []string{"a", "b", "c"},
		Series{Name: "x", Values: []Value{{V: 3}, Hide(), {V: math.NaN()}}},
		Series{Name: "y", Values: []Value{{V: -2}, {V: 4}}}) // shorter than the categories
	p := prepare(c)
	want := [][]cell{
		{{v: 3, drawn: true}, {hidden: true}, {}},
		{{v: 0, drawn: true}, {v: 4, drawn: true}, {}},
	}
	for s := range want {
		for i := range want[s] {
			if p.cells[s][i] != want[s][i] {
				t.Errorf("cell %d,%d = %+v, want %+v", s, i, p.cells[s][i], want[s][i])
			}
		}
	}
	if !p.anyHidden || p.maxEnd != 4 || p.empty() {
		t.Errorf("anyHidden %v maxEnd %v empty %v", p.anyHidden, p.maxEnd, p.empty())
	}
	if got := p.note(); got != "Grupper under 5 visas inte." {
		t.Errorf("note %q", got)
	}
	en := c
	en.Lang, en.Note = "en", "Source: evaluations."
	if got := prepare(en).note(); got != "Source: evaluations. Groups under 5 are not shown." {
		t.Errorf("English note %q", got)
	}
}

func TestFormatAndAxis(t *testing.T) {
	cases := []struct {
		c    Chart
		v    float64
		want string
	}{
		{Chart{}, 12, "12"},
		{Chart{Decimals: 1}, 3.456, "3,5"},
		{Chart{Decimals: 1, Lang: "en"}, 3.456, "3.5"},
		{Chart{Percent: true}, 62.4, "62\u00a0%"},
		{Chart{Percent: true, Lang: "en"}, 62.6, "63%"},
		{Chart{Decimals: 1}, -0.01, "0,0"},
	}
	for _, c := range cases {
		if got := prepare(c.c).format(c.v); got != c.want {
			t.Errorf("format(%v) with %+v = %q, want %q", c.v, c.c, got, c.want)
		}
	}
	axes := []struct {
		c                   Chart
		top, tickTop, step  float64
		hiddenMark, tickLbl string
	}{
		{Bars("", []string{"a"}, vals(37)), 41.44, 40, 10, "<5", ""},
		{Bars("", []string{"a"}, vals(0)), 1, 1, 1, "<5", ""},
		{Chart{Kind: KindBars, Categories: []string{"a"}, Series: []Series{{Values: vals(4.6)}}, Max: 5, Decimals: 1},
			5.152, 5, 1, "–", ""},
		{Chart{Kind: KindBars, Categories: []string{"a"}, Series: []Series{{Values: vals(0.97)}}, Percent: true},
			108.64, 100, 25, "–", ""},
	}
	for i, a := range axes {
		p := prepare(a.c)
		top, tickTop, step := p.axis()
		if math.Abs(top-a.top) > 1e-9 || tickTop != a.tickTop || step != a.step {
			t.Errorf("axis %d = %v %v %v, want %v %v %v", i, top, tickTop, step, a.top, a.tickTop, a.step)
		}
		if p.hiddenMark() != a.hiddenMark {
			t.Errorf("axis %d: hidden mark %q", i, p.hiddenMark())
		}
	}
}

func TestWrapFitsAndShortens(t *testing.T) {
	r := newRenderer(prepare(Chart{}), Light().complete(), drawCanvas(600, 300))
	width := r.cat.Font.Size * 8
	lines := wrap(r.cat, longName, width, 2)
	if len(lines) != 2 || !strings.HasSuffix(lines[1], "…") {
		t.Fatalf("lines %q", lines)
	}
	for _, l := range lines {
		if r.cat.Width(l) > width {
			t.Errorf("line %q is %v wide, room %v", l, r.cat.Width(l), width)
		}
	}
	if got := wrap(r.cat, "Säffle", width, 2); len(got) != 1 || got[0] != "Säffle" {
		t.Errorf("short name %q", got)
	}
	if got := wrap(r.cat, strings.Repeat("Ö", 200), width, 3); len(got) != 3 {
		t.Errorf("a long word in %d lines", len(got))
	}
	if got := wrap(r.cat, "Rocket 🚀\u200d AB", width*3, 1); len(got) != 1 || got[0] != "Rocket ? AB" {
		t.Errorf("emoji: %q", got)
	}
}

func TestRegisterFont(t *testing.T) {
	if err := RegisterFont("", nil, nil); err == nil {
		t.Error("a font without a name was registered")
	}
	if err := RegisterFont("Trasig", []byte("not a font"), nil); err == nil {
		t.Error("a broken font was registered")
	}
	th := Light()
	th.Typeface = "Ingen sådan" // unknown: Liberation Sans
	if _, err := Render(Bars("Åäö", []string{"Ö"}, vals(5)), 300, 200, th); err != nil {
		t.Error(err)
	}
}

func BenchmarkRender(b *testing.B) {
	c := kinds(datasets[0].cats, datasets[0].a, datasets[0].b, datasets[0].c)["stacked"]
	th := Light()
	th.DPI = 300
	for b.Loop() {
		if _, err := PNG(c, 2000, 1000, th); err != nil {
			b.Fatal(err)
		}
	}
}

func drawCanvas(w, h int) draw.Canvas {
	return draw.New(vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, w, h))), vgimg.UseDPI(96)))
}

// A hidden value is seen as hidden, never as a missing bar: a hatched stub
// in the series' colour stands in its place, with its own mark ("..", not
// "<5", for a figure hidden only to protect another).
func TestHiddenValueIsMarkedNotMissing(t *testing.T) {
	th := Light()
	want := th.complete().seriesColor(1)
	count := func(v Value) int {
		c := Chart{Kind: KindGrouped, Categories: []string{"Flickor", "Pojkar"},
			Series: []Series{{Name: "2025", Values: []Value{Count(30), Count(32)}}, {Name: "2026", Values: []Value{v, Count(35)}}}}
		img, err := Render(c, 600, 300, th)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Min.X+b.Dx()/2; x++ { // the Flickor half: no legend there
				// Near the colour: the stub's lines are anti-aliased.
				r, g, bl, _ := img.At(x, y).RGBA()
				wr, wg, wb, _ := want.RGBA()
				d := func(a, b uint32) int { return max(int(a>>8)-int(b>>8), int(b>>8)-int(a>>8)) }
				if d(r, wr)+d(g, wg)+d(bl, wb) < 120 {
					n++
				}
			}
		}
		return n
	}
	missing := count(Value{V: math.NaN()})
	hidden := count(Value{Hidden: true, Mark: ".."})
	if hidden <= missing+20 {
		t.Errorf("a hidden value draws %d pixels of its colour, a missing one %d: it looks missing", hidden, missing)
	}
	p := prepare(Chart{Kind: KindBars, Categories: []string{"a"}, Series: []Series{{Values: []Value{{Hidden: true, Mark: ".."}}}}})
	if got := p.markOf(p.cells[0][0]); got != ".." {
		t.Errorf("mark %q", got)
	}
}
