package overview

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// balance is the overview's "Jämställdhet" section: the gender figures of
// the newest period with placed pupils, with the same small-group
// suppression as Statistik (a figure of fewer than 5 pupils shows "<5").
type balance struct {
	title *widget.Label
	note  *widget.Label
	grid  *fyne.Container
	cards map[string]*canvas.Text
}

// balanceFigures are the cards of the section, in order.
var balanceFigures = []struct{ id, key, title string }{
	{"girls", "overview.balance_girls", "Placerade flickor"},
	{"boys", "overview.balance_boys", "Placerade pojkar"},
	{"first", "overview.balance_first", "Fick sitt 1:a val"},
	{"alone", "overview.balance_alone", "Praoplatser med en ensam tjej"},
	{"interest", "overview.balance_interest", "Flickornas intresse för teknik före → efter (1–5)"},
}

func newBalance() *balance {
	b := &balance{cards: map[string]*canvas.Text{}}
	b.title = widget.NewLabelWithStyle(lang.X("overview.balance_title", "Jämställdhet"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.note = widgets.WrapLabel("")
	var cards []fyne.CanvasObject
	for _, f := range balanceFigures {
		n := canvas.NewText("–", theme.Color(theme.ColorNamePrimary))
		n.TextSize = 28
		n.TextStyle = fyne.TextStyle{Bold: true}
		b.cards[f.id] = n
		cards = append(cards, widget.NewCard("", "", container.NewVBox(n, widgets.WrapLabel(lang.X(f.key, f.title)))))
	}
	b.grid = container.NewGridWrap(fyne.NewSize(190, 140), cards...)
	return b
}

// content is the section's object for the overview's layout.
func (b *balance) content() fyne.CanvasObject { return container.NewVBox(b.title, b.note, b.grid) }

// loadBalance computes the report of the newest period with placed pupils
// (nil when there is none). It runs off the UI goroutine.
func loadBalance(ctx context.Context, st *data.Store, periods []data.Period, per []data.PeriodOverview) (*figures.Report, error) {
	for i := len(periods) - 1; i >= 0; i-- {
		if per[i].Placed > 0 {
			return figures.Compute(ctx, st, periods[i].ID, figures.Filter{})
		}
	}
	return nil, nil
}

// loading says the figures are being counted; what the cards show stays
// until show replaces it.
func (b *balance) loading() {
	b.note.SetText(lang.X("startup.balance_loading", "Räknar jämställdheten för den senaste praoperioden …"))
}

// show swaps in the figures of r.
func (b *balance) show(r *figures.Report) {
	if r == nil {
		b.note.SetText(lang.X("overview.balance_none", "Här visas flickor och pojkar per praoplats när en praoperiod har placerade elever."))
		b.grid.Hide()
		return
	}
	b.note.SetText(uikit.Message("overview.balance_period", "{{.Name}} · alla skolor · <5 = färre än 5 elever",
		map[string]string{"Name": r.Period.Name}))
	// The report's own share: hidden where the placed are, or where the
	// rest of them would be a small group ("<5" or "..", as on Statistik).
	firstText := uikit.ShareText(r.FirstChoice())
	interest := uikit.MeanText(r.InterestBefore[figures.Girls]) + " → " + uikit.MeanText(r.InterestAfter[figures.Girls])
	values := map[string]string{
		"girls":    r.Placed[figures.Girls].String(),
		"boys":     r.Placed[figures.Boys].String(),
		"first":    firstText,
		"alone":    fmt.Sprintf("%s / %d", r.AloneGirls.String(), r.GroupOffers),
		"interest": interest,
	}
	for id, t := range b.cards {
		t.Text = values[id]
		t.Color = theme.Color(theme.ColorNamePrimary)
		t.Refresh()
	}
	b.grid.Show()
}
