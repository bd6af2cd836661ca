package printing

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
)

// a4Ratio is an A4 page's width over its height.
const a4Ratio = 210.0 / 297.0

// a4Layout centres its objects in the largest A4-shaped box that fits.
type a4Layout struct{}

func (a4Layout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(140, 140/a4Ratio) }

func (a4Layout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w, h := size.Width, size.Height
	if w/h > a4Ratio {
		w = h * a4Ratio
	} else {
		h = w / a4Ratio
	}
	pos := fyne.NewPos((size.Width-w)/2, (size.Height-h)/2)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, h))
		o.Move(pos)
	}
}

// pageLayout places the items of a reports.Page, in millimetres, scaled to
// the size it is given (objs[i] draws page.Items[i], after a white sheet).
type pageLayout struct{ page reports.Page }

func (pageLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(140, 140/a4Ratio) }

func (l pageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	k := size.Width / float32(l.page.Width) // pixels per millimetre
	objs[0].Resize(size)                    // the sheet
	objs[0].Move(fyne.NewPos(0, 0))
	for i, it := range l.page.Items {
		o := objs[i+1]
		x, y, w, h := float32(it.X)*k, float32(it.Y)*k, float32(it.W)*k, float32(it.H)*k
		switch it.Kind {
		case reports.ItemText:
			t := o.(*canvas.Text)
			t.TextSize = float32(it.Size) * 0.3528 * k // points → mm → pixels
			// Fyne puts the baseline of Noto Sans about 1.1 of its size below the top.
			t.Move(fyne.NewPos(x, y-t.TextSize*1.1))
			t.Resize(t.MinSize())
		case reports.ItemLine:
			ln := o.(*canvas.Line)
			ln.StrokeWidth = max(1, float32(it.LineWidth)*k)
			ln.Position1, ln.Position2 = fyne.NewPos(x, y), fyne.NewPos(w, h)
		case reports.ItemBox:
			r := o.(*canvas.Rectangle)
			r.StrokeWidth = max(1, float32(it.LineWidth)*k)
			r.Move(fyne.NewPos(x, y))
			r.Resize(fyne.NewSize(w, h))
		default:
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(max(w, 1), max(h, 1)))
		}
	}
}

// drawnPage is a Fyne drawing of a laid-out page: the honest preview when no
// PDF rasteriser is installed. Text is set in the theme's font, which is the
// same Noto Sans the PDF embeds.
func drawnPage(p reports.Page) fyne.CanvasObject {
	sheet := canvas.NewRectangle(color.White)
	sheet.StrokeColor = color.NRGBA{R: 0xBB, G: 0xBB, B: 0xC2, A: 0xFF}
	sheet.StrokeWidth = 1
	objs := []fyne.CanvasObject{sheet}
	for _, it := range p.Items {
		switch it.Kind {
		case reports.ItemText:
			t := canvas.NewText(it.Text, it.Color)
			t.TextStyle.Bold = it.Bold
			objs = append(objs, t)
		case reports.ItemRect:
			objs = append(objs, canvas.NewRectangle(it.Color))
		case reports.ItemBox:
			r := canvas.NewRectangle(color.Transparent)
			r.StrokeColor = it.Color
			objs = append(objs, r)
		case reports.ItemLine:
			objs = append(objs, canvas.NewLine(it.Color))
		case reports.ItemLogo:
			img := canvas.NewImageFromResource(uikit.Icon())
			img.FillMode = canvas.ImageFillContain
			objs = append(objs, img)
		default:
			objs = append(objs, canvas.NewRectangle(color.Transparent))
		}
	}
	return container.New(pageLayout{p}, objs...)
}

// rasterisedPage shows a PNG of a page on a thin frame.
func rasterisedPage(img image.Image) fyne.CanvasObject {
	frame := canvas.NewRectangle(color.White)
	frame.StrokeColor = color.NRGBA{R: 0xBB, G: 0xBB, B: 0xC2, A: 0xFF}
	frame.StrokeWidth = 1
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScaleSmooth
	return container.NewStack(frame, ci)
}

// pdftoppm is the rasteriser of poppler-utils when it is installed ("" if
// not); it is a screen's rasteriser unless a test gives another.
func pdftoppm() string {
	p, _ := exec.LookPath("pdftoppm")
	return p
}

// rasterFirstPage prints docs' first document into a private temporary
// folder and renders its first page to an image with pdftoppm; the folder
// (it holds personal data) is removed before returning.
func rasterFirstPage(tool string, kind reports.Kind, docs []data.ScheduleDoc, o reports.Options) (image.Image, error) {
	dir, err := os.MkdirTemp("", "techniqual-preview-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var buf bytes.Buffer
	if err := reports.Write(&buf, kind, reports.FirstUnit(kind, docs), o); err != nil {
		return nil, err
	}
	in := filepath.Join(dir, "first.pdf")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	out := filepath.Join(dir, "first")
	if err := exec.CommandContext(ctx, tool, "-f", "1", "-l", "1", "-r", "110", "-png", "-singlefile", in, out).Run(); err != nil {
		return nil, err
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}
