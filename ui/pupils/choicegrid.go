package pupils

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// choiceGrid is the choices of a whole class on one grid: a row a pupil,
// five cells for their choices and a column with their friends' choices.
// In a cell one types an offer's code (from the printed catalogue) or a few
// letters of its host or title and Enter; only offers the pupil may take
// are found, and the cursor moves on to the next cell, so a class is
// entered by keyboard alone.
type choiceGrid struct {
	s *Screen

	periods []data.Period
	schools []data.Organisation
	classes []string
	sheet   *data.ChoiceSheet
	buf     []rune // what is typed in the selected cell, not yet taken

	periodSel, schoolSel, classSel *widget.Select
	table                          *widgets.KeyTable
	input, status                  *widget.Label
	content                        fyne.CanvasObject
	dlg                            dialog.Dialog
	quiet                          bool // the selects are being filled, not chosen
}

// The grid's columns: the pupil, the five choices, the friends' choices.
const (
	gridFriendsCol = data.MaxChoices + 1
	gridCols       = data.MaxChoices + 2
)

func newChoiceGrid(s *Screen) *choiceGrid {
	g := &choiceGrid{s: s}
	g.periodSel = widgets.NewSelect(nil, func(string) { g.onScopeChanged() })
	g.schoolSel = widgets.NewSelect(nil, func(string) { g.onSchoolChanged() })
	g.classSel = widgets.NewSelect(nil, func(string) { g.onScopeChanged() })
	g.table = widgets.NewKeyTable()
	g.table.Tabs = true
	g.table.Limits = func() (int, int) {
		if g.sheet == nil {
			return 1, gridCols
		}
		return len(g.sheet.Pupils) + 1, gridCols
	}
	g.table.Length = g.table.Limits
	g.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("12 Värmlandsnäs Fiberoptik AB")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	g.table.UpdateCell = g.updateCell
	g.table.OnSelected = g.onSelected
	g.table.OnKey = g.onKey
	g.table.OnRune = g.onRune
	g.table.Canvas = func() fyne.Canvas { return s.main.Window().Canvas() }
	g.table.SetColumnWidth(0, 190)
	for k := 1; k <= data.MaxChoices; k++ {
		g.table.SetColumnWidth(k, 158)
	}
	g.table.SetColumnWidth(gridFriendsCol, 250)
	g.input = widget.NewLabel("")
	g.input.TextStyle = fyne.TextStyle{Bold: true}
	g.status = widgets.WrapLabel("")
	help := widgets.WrapLabel(lang.X("choicegrid.help",
		"Skriv praoplatsens kod från katalogen, eller några bokstäver av värdens namn eller titeln, och tryck Enter. "+
			"Bara platser som eleven kan välja visas. Tab och piltangenterna flyttar, Backsteg tar bort, Esc ångrar det skrivna."))
	top := container.NewVBox(container.NewGridWithColumns(3,
		widgets.Labelled(lang.X("filter.period", "Praoperiod"), g.periodSel),
		widgets.Labelled(lang.X("filter.school", "Skola"), g.schoolSel),
		widgets.Labelled(lang.X("filter.class", "Klass"), g.classSel)), help)
	g.content = container.NewBorder(top, container.NewVBox(g.input, g.status), nil, nil, g.table)
	return g
}

// onShowChoiceGrid opens the grid for the school, class and period chosen
// in Elever's filters, or the first ones there are.
func (s *Screen) onShowChoiceGrid() {
	g := newChoiceGrid(s)
	s.grid = g
	g.periods, g.schools = s.periods, s.schools
	pi := -1
	for i, p := range g.periods {
		if s.filter.period != nil && p.ID == s.filter.period.ID {
			pi = i
			break
		}
		if pi < 0 && (p.Status == data.PeriodChoosing || p.Status == data.PeriodPlanning) {
			pi = i
		}
	}
	if pi < 0 {
		pi = len(g.periods) - 1
	}
	si := 0
	for i, o := range g.schools {
		if o.ID == s.filter.schoolID {
			si = i
		}
	}
	g.quiet = true
	g.periodSel.Options = periodNames(g.periods)
	g.schoolSel.Options = orgNames(g.schools)
	if pi >= 0 {
		g.periodSel.SetSelectedIndex(pi)
	}
	if len(g.schools) > 0 {
		g.schoolSel.SetSelectedIndex(si)
	}
	g.fillClasses(s.filter.class)
	g.quiet = false
	w := s.main.Window()
	g.dlg = dialog.NewCustom(lang.X("choicegrid.title", "Val för en klass"), lang.X("action.close", "Stäng"), g.content, w)
	g.dlg.SetOnClosed(s.Reload)
	size := w.Canvas().Size()
	g.dlg.Resize(fyne.NewSize(size.Width-40, size.Height-40))
	g.dlg.Show()
	g.load()
}

func periodNames(ps []data.Period) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func orgNames(os []data.Organisation) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.Name
	}
	return out
}

// fillClasses lists the chosen school's classes and chooses want, else the first.
func (g *choiceGrid) fillClasses(want string) {
	schoolID := ""
	if i := g.schoolSel.SelectedIndex(); i >= 0 && i < len(g.schools) {
		schoolID = g.schools[i].ID
	}
	g.classes = g.s.model.classes(schoolID)
	g.classSel.Options = g.classes
	g.classSel.ClearSelected()
	for i, c := range g.classes {
		if c == want {
			g.classSel.SetSelectedIndex(i)
		}
	}
	if g.classSel.SelectedIndex() < 0 && len(g.classes) > 0 {
		g.classSel.SetSelectedIndex(0)
	}
}

func (g *choiceGrid) onSchoolChanged() {
	if g.quiet {
		return
	}
	g.quiet = true
	g.fillClasses("")
	g.quiet = false
	g.load()
}

func (g *choiceGrid) onScopeChanged() {
	if !g.quiet {
		g.load()
	}
}

// load reads the sheet of the chosen period, school and class off the UI
// goroutine, then gives the grid the keyboard at the first pupil's first
// choice.
func (g *choiceGrid) load() {
	pi, si, ci := g.periodSel.SelectedIndex(), g.schoolSel.SelectedIndex(), g.classSel.SelectedIndex()
	if pi < 0 || si < 0 || pi >= len(g.periods) || si >= len(g.schools) {
		g.status.SetText(lang.X("choicegrid.pick", "Välj praoperiod, skola och klass."))
		return
	}
	class := ""
	if ci >= 0 && ci < len(g.classes) {
		class = g.classes[ci]
	}
	st, per, school := g.s.main.Store(), g.periods[pi], g.schools[si]
	g.status.SetText(lang.X("choicegrid.loading", "Läser klassen …"))
	g.s.main.Background(func() func() {
		sheet, err := st.LoadChoiceSheet(context.Background(), per.ID, school.ID, class)
		return func() {
			if err != nil {
				g.status.SetText(errText(err))
				return
			}
			g.sheet, g.buf = sheet, nil
			g.table.Refresh()
			// Another class starts at the top: found by use, 8B kept the
			// place 8A was scrolled to, with the header row out of sight.
			g.table.ScrollToTop()
			g.showCounts()
			if len(sheet.Pupils) > 0 {
				g.table.Select(widget.TableCellID{Row: 1, Col: 1})
				g.s.main.Window().Canvas().Focus(g.table)
			}
		}
	})
}

// showCounts says how many pupils of the class have chosen all they can:
// five, or every offer they may choose when there are fewer (found by use:
// "0 av 13 elever har fem val" in a period of four offers).
func (g *choiceGrid) showCounts() {
	full, some := 0, 0
	most, fewest := 0, data.MaxChoices
	for _, p := range g.sheet.Pupils {
		can := min(data.MaxChoices, g.sheet.Eligible(p))
		most, fewest = max(most, can), min(fewest, can)
		switch n := len(g.sheet.Choices[p.ID]); {
		case n >= can && can > 0:
			full++
		case n > 0:
			some++
		}
	}
	args := map[string]string{"Full": strconv.Itoa(full), "Total": strconv.Itoa(len(g.sheet.Pupils)),
		"Some": strconv.Itoa(some), "N": strconv.Itoa(most)}
	switch {
	case len(g.sheet.Pupils) == 0 || fewest == data.MaxChoices:
		g.status.SetText(lang.X("choicegrid.counts", "{{.Full}} av {{.Total}} elever har fem val, {{.Some}} har färre.", args))
	case most == 0:
		g.status.SetText(lang.X("choicegrid.counts_none", "Det finns inga praoplatser som klassens elever kan välja i perioden."))
	case most == fewest:
		g.status.SetText(lang.X("choicegrid.counts_all", "{{.Full}} av {{.Total}} elever har valt alla {{.N}} praoplatser som finns, {{.Some}} har färre.", args))
	default:
		g.status.SetText(lang.X("choicegrid.counts_mixed", "{{.Full}} av {{.Total}} elever har fem val eller alla val som finns för dem, {{.Some}} har färre.", args))
	}
}

func (g *choiceGrid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle = fyne.TextStyle{}
	l.Importance = widget.MediumImportance
	text := ""
	switch {
	case id.Row == 0:
		l.TextStyle.Bold = true
		switch {
		case id.Col == 0:
			text = lang.X("choicegrid.pupil", "Elev")
		case id.Col == gridFriendsCol:
			text = lang.X("choicegrid.friends", "Kompisars val")
		default:
			text = lang.X("choicegrid.choice", "Val {{.N}}", map[string]string{"N": strconv.Itoa(id.Col)})
		}
	case g.sheet == nil || id.Row-1 >= len(g.sheet.Pupils):
	default:
		p := g.sheet.Pupils[id.Row-1]
		switch {
		case id.Col == 0:
			text = p.Name()
			if p.Protected {
				text = lang.X("pupils.protected_mark", "SKYDDAD") + " · " + text
				l.Importance = widget.DangerImportance
			}
		case id.Col == gridFriendsCol:
			text = g.friendsText(p)
		case id == g.table.Sel && len(g.buf) > 0:
			text = "› " + string(g.buf)
			l.Importance = widget.HighImportance
		default:
			if ch := g.sheet.Choices[p.ID]; id.Col-1 < len(ch) {
				if so, ok := g.sheet.Offer(ch[id.Col-1]); ok {
					text = so.Label()
				}
			}
		}
	}
	l.SetText(text)
}

// friendsText writes each friend's first name and choice codes: "Ali 12, 7".
func (g *choiceGrid) friendsText(p data.Pupil) string {
	var parts []string
	for _, fid := range g.sheet.Friends[p.ID] {
		name := "?"
		for _, q := range g.sheet.Pupils {
			if q.ID == fid {
				name = q.FirstName
			}
		}
		if name == "?" {
			name = lang.X("choicegrid.other_class", "annan klass")
		}
		var codes []string
		for _, oid := range g.sheet.Choices[fid] {
			if so, ok := g.sheet.Offer(oid); ok {
				codes = append(codes, strconv.Itoa(so.Code))
			}
		}
		if len(codes) == 0 {
			codes = []string{"–"}
		}
		parts = append(parts, name+" "+strings.Join(codes, ", "))
	}
	return strings.Join(parts, " · ")
}

func (g *choiceGrid) onSelected(id widget.TableCellID) {
	g.table.Sel = id
	if len(g.buf) > 0 {
		g.buf = nil
		g.table.Refresh()
	}
	g.showInput()
}

// pupil is the pupil of the selected row.
func (g *choiceGrid) pupil() (data.Pupil, bool) {
	r := g.table.Sel.Row - 1
	if g.sheet == nil || r < 0 || r >= len(g.sheet.Pupils) {
		return data.Pupil{}, false
	}
	return g.sheet.Pupils[r], true
}

// onRune types into the selected choice cell.
func (g *choiceGrid) onRune(r rune) {
	if _, ok := g.pupil(); !ok {
		return
	}
	if g.table.Sel.Col < 1 || g.table.Sel.Col > data.MaxChoices {
		g.table.Select(widget.TableCellID{Row: g.table.Sel.Row, Col: 1})
	}
	g.buf = append(g.buf, r)
	g.table.RefreshItem(g.table.Sel)
	g.showInput()
}

// showInput shows what is typed and what it finds.
func (g *choiceGrid) showInput() {
	p, ok := g.pupil()
	if !ok {
		g.input.SetText("")
		return
	}
	if len(g.buf) == 0 {
		g.input.SetText(lang.X("choicegrid.eligible", "{{.Name}} kan välja bland {{.N}} praoplatser.",
			map[string]string{"Name": p.Name(), "N": strconv.Itoa(g.sheet.Eligible(p))}))
		return
	}
	found, why := g.sheet.Find(p, string(g.buf), g.cellOffer(p))
	if why != data.RefuseNone {
		g.input.SetText(string(g.buf) + ": " + refusalText(why))
		return
	}
	g.input.SetText(string(g.buf) + ": " + g.foundText(found))
}

func (g *choiceGrid) foundText(found []int) string {
	var names []string
	for _, i := range found[:min(4, len(found))] {
		names = append(names, g.sheet.Offers[i].Label())
	}
	s := strings.Join(names, " · ")
	if len(found) > 4 {
		s += " " + lang.X("choicegrid.more", "och {{.N}} till", map[string]string{"N": strconv.Itoa(len(found) - 4)})
	}
	return s
}

// cellOffer is the offer in the selected cell of p's row, or "".
func (g *choiceGrid) cellOffer(p data.Pupil) string {
	if ch, k := g.sheet.Choices[p.ID], g.table.Sel.Col-1; k >= 0 && k < len(ch) {
		return ch[k]
	}
	return ""
}

func refusalText(r data.Refusal) string {
	switch r {
	case data.RefuseNoCode:
		return lang.X("choicegrid.no_code", "ingen praoplats har den koden")
	case data.RefuseNotApproved:
		return lang.X("choicegrid.not_approved", "praoplatsen är inte godkänd")
	case data.RefuseGrade:
		return lang.X("choicegrid.grade", "eleven går inte i periodens årskurs")
	case data.RefuseTooYoung:
		return lang.X("choicegrid.too_young", "eleven är för ung för praoplatsen")
	case data.RefuseChosen:
		return lang.X("choicegrid.chosen", "eleven har redan valt den")
	}
	return lang.X("choicegrid.no_match", "ingen praoplats som eleven kan välja passar")
}

// onKey takes Enter, Tab, Backspace, Delete and Esc; the arrows go on to
// the grid.
func (g *choiceGrid) onKey(k *fyne.KeyEvent, shift bool) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if len(g.buf) == 0 {
			g.advance(1)
		} else {
			g.take()
		}
	case fyne.KeyTab:
		g.buf = nil
		if shift {
			g.advance(-1)
		} else {
			g.advance(1)
		}
	case fyne.KeyEscape:
		g.buf = nil
		g.table.RefreshItem(g.table.Sel)
		g.showInput()
	case fyne.KeyBackspace:
		if len(g.buf) > 0 {
			g.buf = g.buf[:len(g.buf)-1]
			g.table.RefreshItem(g.table.Sel)
			g.showInput()
		} else {
			g.clearCell()
		}
	case fyne.KeyDelete:
		g.buf = nil
		g.clearCell()
	default:
		if len(g.buf) > 0 && (k.Name == fyne.KeyUp || k.Name == fyne.KeyDown || k.Name == fyne.KeyLeft || k.Name == fyne.KeyRight) {
			g.buf = nil
			g.table.RefreshItem(g.table.Sel)
		}
		return false
	}
	return true
}

// advance moves to the next (or previous) choice cell, row by row.
func (g *choiceGrid) advance(step int) {
	rows, _ := g.table.Limits()
	id := g.table.Sel
	if id.Row < 1 {
		id = widget.TableCellID{Row: 1, Col: 0}
	}
	id.Col += step
	switch {
	case id.Col > data.MaxChoices:
		id = widget.TableCellID{Row: id.Row + 1, Col: 1}
	case id.Col < 1:
		id = widget.TableCellID{Row: id.Row - 1, Col: data.MaxChoices}
	}
	if id.Row < 1 || id.Row >= rows {
		return
	}
	g.table.Select(id)
}

// take finds what was typed; one offer found goes into the cell (saved at
// once) and the cursor moves on; several are listed to type more.
func (g *choiceGrid) take() {
	p, ok := g.pupil()
	if !ok {
		return
	}
	found, why := g.sheet.Find(p, string(g.buf), g.cellOffer(p))
	if why != data.RefuseNone {
		// Say why and start afresh, so the next code is not typed onto
		// the refused one.
		g.input.SetText(string(g.buf) + ": " + refusalText(why))
		g.buf = nil
		g.table.RefreshItem(g.table.Sel)
		return
	}
	if len(found) != 1 {
		g.showInput() // lists the offers to tell apart: type more
		return
	}
	g.save(p, g.sheet.SetChoice(p.ID, g.table.Sel.Col-1, g.sheet.Offers[found[0]].Offer.ID))
	g.buf = nil
	g.advance(1)
	g.showInput()
}

func (g *choiceGrid) clearCell() {
	p, ok := g.pupil()
	if !ok || g.table.Sel.Col < 1 || g.table.Sel.Col > data.MaxChoices {
		return
	}
	g.save(p, g.sheet.SetChoice(p.ID, g.table.Sel.Col-1, ""))
	g.showInput()
}

// save writes p's choices at once (a few rows in one transaction).
func (g *choiceGrid) save(p data.Pupil, ids []string) {
	if err := g.s.main.Store().SetPreferences(context.Background(), p.ID, g.sheet.Period.ID, ids); err != nil {
		g.status.SetText(errText(err))
		return
	}
	g.sheet.Choices[p.ID] = ids
	// Only this row and its friends' rows change; a whole refresh of a big
	// class after every choice would be slow.
	g.refreshRow(p.ID)
	for _, f := range g.sheet.Friends[p.ID] {
		g.refreshRow(f)
	}
	g.showCounts()
}

// errText is an error in the user's language: a validation error's own
// message, else the error as it is.
func errText(err error) string {
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		f := ve.Fields[0]
		return uikit.Message(f.Key, f.Text, f.Data)
	}
	return err.Error()
}

// refreshRow redraws the row of the pupil with that id, if shown.
func (g *choiceGrid) refreshRow(pupilID string) {
	for i, q := range g.sheet.Pupils {
		if q.ID == pupilID {
			for c := 1; c < gridCols; c++ {
				g.table.RefreshItem(widget.TableCellID{Row: i + 1, Col: c})
			}
			return
		}
	}
}
