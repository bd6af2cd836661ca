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

// guardianReply records the reply slip of the guardian letter (pdf
// guardian-letters) for the pupil shown: consent, allergies, how the pupil
// travels and a phone number during prao, dated the day it is recorded.
type guardianReply struct {
	d                      *pupilDetail
	periods                []data.Period
	periodSel              *widget.Select
	consent                *widget.RadioGroup
	allergies, travel, tel *widget.Entry
	msg                    *widget.Label
	content                fyne.CanvasObject
}

func newGuardianReply(d *pupilDetail) *guardianReply {
	g := &guardianReply{d: d, periods: d.choices.periods}
	g.periodSel = widgets.NewSelect(periodNames(g.periods), func(string) { g.load() })
	g.consent = widget.NewRadioGroup([]string{lang.X("reply.yes", "Ja"), lang.X("reply.no", "Nej"), lang.X("reply.unanswered", "Inte svarat")}, nil)
	g.consent.Horizontal = true
	g.allergies, g.travel, g.tel = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	g.msg = widgets.WrapLabel("")
	g.content = container.NewVBox(
		widgets.Labelled(lang.X("filter.period", "Praoperiod"), g.periodSel),
		widgets.Labelled(lang.X("reply.consent", "Samtycke"), g.consent),
		widgets.Labelled(lang.X("reply.allergies", "Allergier och annat värden behöver veta"), g.allergies),
		widgets.Labelled(lang.X("reply.travel", "Så tar sig eleven dit"), g.travel),
		widgets.Labelled(lang.X("reply.phone", "Telefon under praon"), g.tel), g.msg)
	if len(g.periods) > 0 {
		g.periodSel.SetSelectedIndex(0)
	}
	return g
}

var consents = []data.Consent{data.ConsentYes, data.ConsentNo, data.ConsentUnanswered}

// load shows the reply recorded for the chosen period.
func (g *guardianReply) load() {
	i := g.periodSel.SelectedIndex()
	if i < 0 || i >= len(g.periods) {
		return
	}
	rs, err := g.d.screen.main.Store().GuardianReplies(context.Background(), g.periods[i].ID)
	if err != nil {
		g.msg.SetText(errText(err))
		return
	}
	r := rs[g.d.pupil.ID]
	for k, c := range consents {
		if c == r.Consent {
			g.consent.SetSelected(g.consent.Options[k])
		}
	}
	g.allergies.SetText(r.Allergies)
	g.travel.SetText(r.Travel)
	g.tel.SetText(r.Phone)
	g.msg.SetText("")
	if !r.ReceivedOn.IsZero() {
		g.msg.SetText(lang.X("reply.received", "Svar registrerat {{.Date}}.", map[string]string{"Date": data.FormatDate(r.ReceivedOn)}))
	}
}

// save records the reply; it reports success.
func (g *guardianReply) save() bool {
	i := g.periodSel.SelectedIndex()
	if i < 0 || i >= len(g.periods) {
		return false
	}
	r := data.GuardianReply{PupilID: g.d.pupil.ID, PeriodID: g.periods[i].ID, Allergies: g.allergies.Text,
		Travel: g.travel.Text, Phone: g.tel.Text}
	for k, o := range g.consent.Options {
		if o == g.consent.Selected {
			r.Consent = consents[k]
		}
	}
	r.ReceivedOn, _ = data.ParseDate(g.d.screen.main.Now().In(data.Stockholm).Format(data.DateLayout))
	if err := g.d.screen.main.Store().SaveGuardianReply(context.Background(), r); err != nil {
		g.msg.SetText(errText(err))
		return false
	}
	g.load()
	return true
}

// onShowGuardianReply opens the reply slip of the pupil shown.
func (d *pupilDetail) onShowGuardianReply() {
	if d.pupil.ID == "" {
		return
	}
	g := newGuardianReply(d)
	d.reply = g
	var dl *dialog.CustomDialog
	save := widget.NewButton(lang.X("action.save", "Spara"), func() {
		if g.save() {
			dl.Hide()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("events.walk_cancel", "Avbryt"), func() { dl.Hide() })
	dl = dialog.NewCustomWithoutButtons(lang.X("reply.title", "Svar från vårdnadshavare"), g.content, d.screen.main.Window())
	dl.SetButtons([]fyne.CanvasObject{cancel, save})
	dl.Resize(fyne.NewSize(560, 460))
	dl.Show()
}
