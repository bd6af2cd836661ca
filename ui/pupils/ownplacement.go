package pupils

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// ownPlacement is the dialog of a pupil's own-found placement (egen
// praoplats): the host the pupil or a guardian proposed, the host form
// sent to it, and the approval that places the pupil there, locked.
type ownPlacement struct {
	d       *pupilDetail
	periods []data.Period
	hosts   []data.Organisation
	hostID  string

	periodSel *widget.Select
	picker    *widgets.SearchPicker
	newHost   *widget.Entry
	note      *widget.Entry
	status    *widget.Label
	content   fyne.CanvasObject
}

func ownStatusText(s data.OwnStatus) string {
	switch s {
	case data.OwnProposed:
		return lang.X("own.status.proposed", "Föreslagen: skicka värdformuläret till värden.")
	case data.OwnFormSent:
		return lang.X("own.status.form_sent", "Värdformuläret är skickat: väntar på värdens svar.")
	case data.OwnAnswered:
		return lang.X("own.status.answered", "Värden har svarat med en praoplats: godkänn den.")
	case data.OwnApproved:
		return lang.X("own.status.approved", "Godkänd: eleven är placerad och låst för matchningen.")
	}
	return lang.X("own.status.none", "Ingen egen praoplats än.")
}

func newOwnPlacement(d *pupilDetail) *ownPlacement {
	o := &ownPlacement{d: d, periods: d.choices.periods}
	o.periodSel = widgets.NewSelect(periodNames(o.periods), func(string) { o.refresh() })
	o.picker = widgets.NewSearchPicker(lang.X("own.search_host", "Sök värd …"), func(id string) { o.hostID = id })
	o.newHost = widget.NewEntry()
	o.newHost.SetPlaceHolder(lang.X("own.new_host", "eller en ny värd: företagets namn"))
	o.note = widget.NewEntry()
	o.note.SetPlaceHolder(lang.X("own.note_hint", "t.ex. mammans arbetsplats, kontakt via …"))
	o.status = widgets.WrapLabel("")
	o.status.Importance = widget.HighImportance
	propose := widget.NewButton(lang.X("own.propose", "Spara förslaget"), o.onPropose)
	send := widget.NewButton(lang.X("own.send", "Skicka värdformulär …"), o.onSend)
	approve := widget.NewButton(lang.X("own.approve", "Godkänn och placera"), o.onApprove)
	o.content = container.NewVBox(
		widgets.Labelled(lang.X("filter.period", "Praoperiod"), o.periodSel),
		widget.NewLabel(lang.X("own.host", "Värd som eleven har hittat")), o.picker.Content, o.newHost,
		widgets.Labelled(lang.X("own.note", "Anteckning"), o.note), o.status,
		container.NewGridWithColumns(3, propose, send, approve))
	if len(o.periods) > 0 {
		o.periodSel.SetSelectedIndex(0)
	}
	return o
}

func (o *ownPlacement) period() (data.Period, bool) {
	i := o.periodSel.SelectedIndex()
	if i < 0 || i >= len(o.periods) {
		return data.Period{}, false
	}
	return o.periods[i], true
}

// refresh reads the hosts and the pupil's own placement in the period.
func (o *ownPlacement) refresh() {
	st := o.d.screen.main.Store()
	ctx := context.Background()
	hosts, err := st.ListOrganisations(ctx, data.KindCompany)
	if err != nil {
		o.status.SetText(errText(err))
		return
	}
	o.hosts = hosts
	var items []widgets.PickItem
	for _, h := range hosts {
		items = append(items, widgets.PickItem{ID: h.ID, Text: h.Name})
	}
	per, ok := o.period()
	if !ok {
		o.picker.SetItems(items, "")
		o.status.SetText(lang.X("choices.no_period", "Eleven är inte med i någon praoperiod ännu (perioden måste ha elevens skola och årskurs)."))
		return
	}
	op, found, err := st.OwnPlacementFor(ctx, o.d.pupil.ID, per.ID)
	if err != nil {
		o.status.SetText(errText(err))
		return
	}
	o.hostID = op.HostID
	o.picker.SetItems(items, op.HostID)
	o.note.SetText(op.Note)
	if !found {
		o.status.SetText(ownStatusText(""))
		return
	}
	o.status.SetText(ownStatusText(op.Status))
}

// onPropose records the host chosen, or a new company typed.
func (o *ownPlacement) onPropose() {
	per, ok := o.period()
	if !ok {
		return
	}
	st := o.d.screen.main.Store()
	ctx := context.Background()
	if name := o.newHost.Text; name != "" {
		h := data.Organisation{Kind: data.KindCompany, Name: name}
		if err := st.SaveOrganisation(ctx, &h); err != nil {
			o.status.SetText(errText(err))
			return
		}
		o.hostID = h.ID
		o.newHost.SetText("")
	}
	op := data.OwnPlacement{PupilID: o.d.pupil.ID, PeriodID: per.ID, HostID: o.hostID, Note: o.note.Text}
	if err := st.ProposeOwnPlacement(ctx, &op); err != nil {
		o.status.SetText(errText(err))
		return
	}
	o.refresh()
}

// onSend notes the host form as sent and opens its export for the host.
func (o *ownPlacement) onSend() {
	per, ok := o.period()
	if !ok || o.hostID == "" {
		return
	}
	if err := o.d.screen.main.Store().MarkOwnFormSent(context.Background(), o.d.pupil.ID, per.ID); err != nil {
		o.status.SetText(errText(err))
		return
	}
	o.refresh()
	o.d.screen.main.ShowHostFormFile(o.hostID)
}

// onApprove places the pupil at the host's offer, locked.
func (o *ownPlacement) onApprove() {
	per, ok := o.period()
	if !ok {
		return
	}
	if err := o.d.screen.main.Store().ApproveOwnPlacement(context.Background(), o.d.pupil.ID, per.ID); err != nil {
		o.status.SetText(errText(err))
		return
	}
	o.refresh()
}

// onShowOwnPlacement opens the own-found placement of the pupil shown.
func (d *pupilDetail) onShowOwnPlacement() {
	if d.pupil.ID == "" {
		return
	}
	o := newOwnPlacement(d)
	d.own = o
	o.refresh()
	dl := dialog.NewCustom(lang.X("own.title", "Egen praoplats"), lang.X("action.close", "Stäng"), o.content, d.screen.main.Window())
	dl.SetOnClosed(d.screen.Reload)
	dl.Resize(fyne.NewSize(620, 560))
	dl.Show()
}
