package statistics

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	figures "techniqual/data/stats"
	"techniqual/reports"
	"techniqual/reports/charts"
)

// The plotted charts of Statistik are drawn by reports/charts (gonum's
// plot), the same as in the impact report, into an image twice the size
// they show at, so they stay sharp on a high-resolution screen.
const (
	plotWidth  = 720
	plotHeight = 300
	plotScale  = 2
)

// plot is one chart of the screen: what it shows and its image.
type plot struct {
	chart charts.Chart
	img   *canvas.Image
}

func newPlot() *plot {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	img.SetMinSize(fyne.NewSize(plotWidth, plotHeight))
	return &plot{img: img}
}

// statPlots are the charts drawn for a report, off the UI goroutine.
type statPlots struct {
	gender, interest       charts.Chart
	genderImg, interestImg image.Image
	genderErr, interestErr error
}

// chartTheme is the plotting theme that matches the window's light or dark
// theme, at the scale the images are drawn in.
func chartTheme(dark bool) charts.Theme {
	th := charts.Light()
	if dark {
		th = charts.Dark()
	}
	th.DPI = 96 * plotScale
	return th
}

// darkTheme reports whether the window shows the dark theme.
func darkTheme() bool {
	return fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
}

// genderChart stacks girls, boys and others placed per municipality (the
// whole report when it has no municipalities).
func genderChart(r *figures.Report, code string) charts.Chart {
	g := groupNames()
	series := make([]charts.Series, figures.NumGroups)
	for k := range series {
		series[k].Name = g[k]
	}
	var cats []string
	add := func(name string, f *figures.Figures) {
		cats = append(cats, name)
		for k := range series {
			series[k].Values = append(series[k].Values, reports.CellValue(f.Placed[k]))
		}
	}
	for _, m := range r.ByMunicipality {
		if m.Figures == nil {
			continue
		}
		name := m.Municipality
		if name == "" {
			name = lang.X("statistics.no_municipality", "Kommun saknas")
		}
		add(name, m.Figures)
	}
	if len(cats) == 0 {
		add(lang.X("statistics.total", "Totalt"), &r.Figures)
	}
	c := charts.StackedBars("", cats, series...)
	c.Horizontal = true
	c.Lang = code
	return c
}

// interestChart compares the mean interest in technology before and after
// prao, per gender and in all.
func interestChart(r *figures.Report, code string) charts.Chart {
	before := charts.Series{Name: lang.X("statistics.bar_before", "före")}
	after := charts.Series{Name: lang.X("statistics.bar_after", "efter")}
	for k := range r.InterestBefore {
		before.Values = append(before.Values, reports.MeanValue(r.InterestBefore[k]))
		after.Values = append(after.Values, reports.MeanValue(r.InterestAfter[k]))
	}
	c := charts.BeforeAfter("", groupNames(), before, after)
	c.Max, c.Decimals = 5, 1
	c.Lang = code
	return c
}

// drawPlots makes the charts of r and draws them (off the UI goroutine).
func drawPlots(r *figures.Report, dark bool, code string) statPlots {
	var p statPlots
	if r == nil {
		return p
	}
	th := chartTheme(dark)
	p.gender, p.interest = genderChart(r, code), interestChart(r, code)
	p.genderImg, p.genderErr = charts.Render(p.gender, plotWidth*plotScale, plotHeight*plotScale, th)
	p.interestImg, p.interestErr = charts.Render(p.interest, plotWidth*plotScale, plotHeight*plotScale, th)
	return p
}

// set shows a drawn chart (on the UI goroutine).
func (p *plot) set(c charts.Chart, img image.Image, err error) {
	p.chart = c
	if err != nil {
		fyne.LogError("drawing a chart", err)
		img = nil
	}
	p.img.Image = img
	p.img.Refresh()
}
