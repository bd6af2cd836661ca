package pupils

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// choicesEditor edits a pupil's ranked choices (up to data.MaxChoices offers
// of one period) and their friend pair, saving each change at once.
type choicesEditor struct {
	d       *pupilDetail
	pupil   data.Pupil
	periods []data.Period // the periods the pupil takes part in
	period  *data.Period
	offers  map[string]data.Offer
	hosts   map[string]data.Organisation
	taken   map[string]int
	chosen  []string // offer ids by rank
	friends []data.Pupil
	friend  string // the friend's id in this period

	periodSel *widget.Select
	rows      *fyne.Container
	addBtn    *widget.Button
	msg       *widget.Label
	friendSel *widget.Select
	placed    *widget.Label         // where the pupil is placed in the period, when they are
	addPick   *widgets.SearchPicker // the offer search of the open add dialog
	content   fyne.CanvasObject
}

func newChoicesEditor(d *pupilDetail) *choicesEditor {
	c := &choicesEditor{d: d}
	title := widget.NewLabelWithStyle(lang.X("choices.title", "Önskemål"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.periodSel = widgets.NewSelect(nil, func(string) { c.onPeriodChanged() })
	c.rows = container.NewVBox()
	c.addBtn = widget.NewButtonWithIcon(lang.X("choices.add", "Lägg till val"), theme.ContentAddIcon(), c.onAdd)
	c.msg = widget.NewLabel("")
	c.msg.Wrapping = fyne.TextWrapWord
	c.msg.Importance = widget.WarningImportance
	c.friendSel = widgets.NewSelect(nil, func(string) { c.onFriendChanged() })
	c.placed = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.placed.Wrapping = fyne.TextWrapWord
	c.placed.Hide()
	c.content = container.NewVBox(title, widgets.Labelled(lang.X("filter.period", "Praoperiod"), c.periodSel), c.placed, c.rows,
		container.NewHBox(c.addBtn), c.msg,
		widgets.Labelled(lang.X("choices.friend", "Kompis (placeras gärna ihop)"), c.friendSel))
	return c
}

// show loads the choices of p for the period that fits them best.
func (c *choicesEditor) show(p data.Pupil) {
	c.pupil = p
	c.msg.SetText("")
	var mine []data.Period
	for _, per := range c.d.screen.periods {
		if inPeriod(p, &per) && p.ID != "" {
			mine = append(mine, per)
		}
	}
	c.periods = mine
	var names []string
	for _, per := range mine {
		names = append(names, per.Name)
	}
	c.periodSel.Options = names
	if len(mine) == 0 {
		c.period = nil
		c.periodSel.ClearSelected()
		// Wrapped: found by use, the line made the form wider than its
		// pane, with the fields cut off at the right.
		c.rows.Objects = []fyne.CanvasObject{widgets.WrapLabel(lang.X("choices.no_period",
			"Eleven är inte med i någon praoperiod ännu (perioden måste ha elevens skola och årskurs)."))}
		c.rows.Refresh()
		c.addBtn.Disable()
		c.friendSel.Disable()
		c.placed.Hide()
		return
	}
	// Prefer a period where choices are being made.
	best := len(mine) - 1
	for i, per := range mine {
		if per.Status == data.PeriodChoosing || per.Status == data.PeriodPlanning {
			best = i
			break
		}
	}
	if c.periodSel.SelectedIndex() != best {
		c.periodSel.SetSelectedIndex(best) // calls onPeriodChanged
	} else {
		c.onPeriodChanged()
	}
}

func (c *choicesEditor) onPeriodChanged() {
	i := c.periodSel.SelectedIndex()
	if i < 0 || i >= len(c.periods) || c.pupil.ID == "" {
		return
	}
	per := c.periods[i]
	c.period = &per
	st, pupil := c.d.screen.main.Store(), c.pupil
	c.d.screen.main.Background(func() func() {
		ctx := context.Background()
		offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID})
		var orgs []data.Organisation
		var taken map[string]int
		var prefs []data.Preference
		var pairs []data.FriendPair
		var mates []data.Pupil
		var placement data.Assignment
		var isPlaced bool
		if err == nil {
			orgs, err = st.ListOrganisations(ctx, data.KindCompany)
		}
		if err == nil {
			placement, isPlaced, err = st.PupilAssignment(ctx, pupil.ID, per.ID)
		}
		if err == nil {
			taken, err = st.TakenSeats(ctx, per.ID)
		}
		if err == nil {
			prefs, err = st.PupilPreferences(ctx, pupil.ID, per.ID)
		}
		if err == nil {
			pairs, err = st.ListFriendPairs(ctx, per.ID)
		}
		if err == nil {
			mates, err = st.ListPupils(ctx, data.PupilFilter{SchoolID: pupil.SchoolID, Grade: pupil.Grade})
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, c.d.screen.main.Window())
				return
			}
			if c.pupil.ID != pupil.ID {
				return // another pupil was chosen meanwhile
			}
			c.offers = map[string]data.Offer{}
			for _, o := range offers {
				c.offers[o.ID] = o
			}
			c.hosts = map[string]data.Organisation{}
			for _, o := range orgs {
				c.hosts[o.ID] = o
			}
			c.taken = taken
			c.chosen = c.chosen[:0]
			for _, p := range prefs {
				c.chosen = append(c.chosen, p.OfferID)
			}
			// Found by use: the pupil's card said nowhere where they were placed.
			if isPlaced {
				text := lang.X("choices.placed", "Placerad: {{.Offer}}", map[string]string{"Offer": c.offerText(placement.OfferID)})
				if placement.Locked {
					text += " · " + lang.X("choices.placed_locked", "låst")
				}
				c.placed.SetText(text)
				c.placed.Show()
			} else {
				c.placed.Hide()
			}
			c.friends = slices.DeleteFunc(mates, func(m data.Pupil) bool { return m.ID == pupil.ID })
			c.friend = ""
			for _, fp := range pairs {
				if fp.PupilA == pupil.ID {
					c.friend = fp.PupilB
				} else if fp.PupilB == pupil.ID {
					c.friend = fp.PupilA
				}
			}
			c.render()
		}
	})
}

// offerText is "Title — Host, Municipality · 3 lediga platser".
func (c *choicesEditor) offerText(id string) string {
	o, ok := c.offers[id]
	if !ok {
		return lang.X("choices.unknown_offer", "(borttagen praoplats)")
	}
	h := c.hosts[o.HostID]
	free := o.Capacity - c.taken[o.ID]
	where := h.Name // a host without a municipality had read "AB,  · 2 lediga"
	if m := strings.TrimSpace(h.Municipality); m != "" {
		where += ", " + m
	}
	return lang.X("choices.offer_line", "{{.Title}} — {{.Where}} · {{.Free}} lediga av {{.Capacity}}",
		map[string]string{"Title": o.Title, "Where": where, "Free": strconv.Itoa(max(0, free)), "Capacity": strconv.Itoa(o.Capacity)})
}

func (c *choicesEditor) render() {
	c.rows.Objects = nil
	if len(c.chosen) == 0 {
		c.rows.Add(widgets.WrapLabel(lang.X("choices.none", "Inga val ännu.")))
	}
	for i, id := range c.chosen {
		i := i
		label := widget.NewLabel(strconv.Itoa(i+1) + ". " + c.offerText(id))
		label.Wrapping = fyne.TextWrapWord
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { c.move(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { c.move(i, 1) })
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { c.remove(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(c.chosen)-1 {
			down.Disable()
		}
		c.rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, remove), label))
	}
	c.rows.Refresh()
	c.addBtn.Enable()
	if len(c.chosen) >= data.MaxChoices {
		c.addBtn.Disable()
	}
	names := []string{lang.X("choices.no_friend", "Ingen")}
	sel := 0
	for i, m := range c.friends {
		names = append(names, m.Name()+" · "+m.ClassName)
		if m.ID == c.friend {
			sel = i + 1
		}
	}
	c.friendSel.Enable()
	c.friendSel.Options = names
	c.friendSel.OnChanged = nil // setting the selection is not a change by the user
	c.friendSel.SetSelectedIndex(sel)
	c.friendSel.OnChanged = func(string) { c.onFriendChanged() }
}

// errChoice explains why a choice was refused.
type errChoice struct{ msg string }

func (e errChoice) Error() string { return e.msg }

// addChoice adds an offer as the next choice; a sixth choice and an offer
// chosen twice are refused with a message.
func (c *choicesEditor) addChoice(offerID string) error {
	switch {
	case len(c.chosen) >= data.MaxChoices:
		return c.refuse(lang.X("choices.too_many", "Högst {{.Max}} val – ta bort ett först.", map[string]string{"Max": strconv.Itoa(data.MaxChoices)}))
	case slices.Contains(c.chosen, offerID):
		return c.refuse(lang.X("choices.duplicate", "Den praoplatsen är redan vald."))
	}
	return c.save(append(slices.Clone(c.chosen), offerID))
}

func (c *choicesEditor) refuse(msg string) error {
	c.msg.SetText(msg)
	return errChoice{msg}
}

func (c *choicesEditor) move(i, by int) {
	j := i + by
	if j < 0 || j >= len(c.chosen) {
		return
	}
	next := slices.Clone(c.chosen)
	next[i], next[j] = next[j], next[i]
	c.save(next)
}

func (c *choicesEditor) remove(i int) {
	c.save(slices.Delete(slices.Clone(c.chosen), i, i+1))
}

// save stores the ranked choices; on error nothing changes.
func (c *choicesEditor) save(ids []string) error {
	if c.period == nil {
		return errors.New("no period")
	}
	err := c.d.screen.main.Store().SetPreferences(context.Background(), c.pupil.ID, c.period.ID, ids)
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		f := ve.Fields[0]
		return c.refuse(uikit.Message(f.Key, f.Text, f.Data))
	}
	if err != nil {
		dialog.ShowError(err, c.d.screen.main.Window())
		return err
	}
	c.msg.SetText("")
	c.chosen = ids
	c.render()
	return nil
}

// onAdd opens a searchable list of the period's offers.
func (c *choicesEditor) onAdd() {
	var d dialog.Dialog
	// A few letters of title, host or municipality and Enter add the first
	// offer found: thousands of offers, no pointer needed.
	c.addPick = widgets.NewSearchPicker(lang.X("choices.search", "Sök på praoplats, företag eller kommun …"), func(id string) {
		if c.addChoice(id) == nil {
			d.Hide()
			return
		}
		c.addPick.SetItems(c.addItems(), "") // refused: the reason shows, nothing stays chosen
	})
	c.addPick.SetItems(c.addItems(), "")
	body := container.NewBorder(container.NewVBox(c.msg), nil, nil, nil, c.addPick.Content)
	d = dialog.NewCustom(lang.X("choices.add", "Lägg till val"), lang.X("action.close", "Stäng"), body, c.d.screen.main.Window())
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
	c.d.screen.main.Window().Canvas().Focus(c.addPick.SearchBox())
}

// addItems are the offers a choice may name (all but drafts), in Swedish
// order, those already chosen marked.
func (c *choicesEditor) addItems() []widgets.PickItem {
	var items []widgets.PickItem
	for id, o := range c.offers {
		if o.Status != data.OfferDraft {
			items = append(items, widgets.PickItem{ID: id, Text: c.offerText(id)})
		}
	}
	widgets.SortPickItems(items)
	for i, it := range items {
		if slices.Contains(c.chosen, it.ID) {
			items[i].Text = lang.X("choices.chosen_mark", "(vald)") + " " + it.Text
		}
	}
	return items
}

func (c *choicesEditor) onFriendChanged() {
	if c.period == nil {
		return
	}
	i := c.friendSel.SelectedIndex()
	next := ""
	if i > 0 && i-1 < len(c.friends) {
		next = c.friends[i-1].ID
	}
	if next == c.friend {
		return
	}
	ctx := context.Background()
	st := c.d.screen.main.Store()
	err := st.InTx(ctx, func(tx *data.Store) error {
		if c.friend != "" {
			if err := tx.RemoveFriendPair(ctx, data.FriendPair{PeriodID: c.period.ID, PupilA: c.pupil.ID, PupilB: c.friend}); err != nil {
				return err
			}
		}
		if next != "" {
			return tx.AddFriendPair(ctx, data.FriendPair{PeriodID: c.period.ID, PupilA: c.pupil.ID, PupilB: next})
		}
		return nil
	})
	if err != nil {
		dialog.ShowError(err, c.d.screen.main.Window())
		c.render()
		return
	}
	c.friend = next
}
