package companies

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// riskForm is the host's risk assessment on the safety page of the host
// form: what the pupil does, the machines and substances near them, the
// protective gear and how a minor is supervised, written out (the school
// prints it with pdf risk-assessments and signs it).
type riskForm struct {
	tasks, machines, substances, gear, supervision *widgets.MultiLineField
	by                                             *widget.Entry
	err                                            *widget.Label
	content                                        fyne.CanvasObject
	loaded                                         data.RiskAssessment
}

func newRiskForm(onChanged func()) *riskForm {
	r := &riskForm{}
	multi := func(ph string) *widgets.MultiLineField {
		e := widgets.NewMultiLineField()
		e.SetPlaceHolder(ph)
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		e.OnChanged = func(string) { onChanged() }
		return e
	}
	r.tasks = multi(lang.X("riskform.tasks_hint", "t.ex. montera kretskort, följa med på service, testa programvara"))
	r.machines = multi(lang.X("riskform.machines_hint", "t.ex. pelarborr (bara under uppsikt), lödkolv; inga truckar"))
	r.substances = multi(lang.X("riskform.substances_hint", "t.ex. lödtenn utan bly; inga lösningsmedel"))
	r.gear = multi(lang.X("riskform.gear_hint", "t.ex. skyddsglasögon, skyddsskor som vi lånar ut"))
	r.supervision = multi(lang.X("riskform.supervision_hint", "t.ex. handledaren är med hela tiden i verkstaden"))
	r.by = widget.NewEntry()
	r.by.SetPlaceHolder(lang.X("riskform.by_hint", "namn och titel"))
	r.by.OnChanged = func(string) { onChanged() }
	r.err = widgets.NewErrLabel()
	title := widget.NewLabelWithStyle(lang.X("riskform.title", "Riskbedömning för minderåriga"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widgets.WrapLabel(lang.X("riskform.intro",
		"Beskriv riskerna för en elev under 18 år. Skolan skriver ut bedömningen och skriver under innan eleven börjar."))
	// One column of labels, so that the boxes line up (found by use: each
	// started where its own label ended).
	r.content = container.NewVBox(title, hint, widgets.FormGrid(
		widgets.Field(lang.X("riskform.tasks", "Arbetsuppgifter"), r.tasks, nil),
		widgets.Field(lang.X("riskform.machines", "Maskiner och verktyg"), r.machines, nil),
		widgets.Field(lang.X("riskform.substances", "Ämnen och kemikalier"), r.substances, nil),
		widgets.Field(lang.X("riskform.gear", "Skyddsutrustning"), r.gear, nil),
		widgets.Field(lang.X("riskform.supervision", "Tillsyn av minderåriga"), r.supervision, nil),
		widgets.Field(lang.X("riskform.by", "Bedömd av"), r.by, nil)), r.err)
	return r
}

// value is the assessment in the fields, for offer id.
func (r *riskForm) value(offerID string) data.RiskAssessment {
	v := r.loaded
	v.OfferID = offerID
	v.Tasks, v.Machines, v.Substances = r.tasks.Text, r.machines.Text, r.substances.Text
	v.ProtectiveGear, v.Supervision, v.AssessedBy = r.gear.Text, r.supervision.Text, r.by.Text
	return v
}

// state is what the fields hold, to tell whether they were edited.
func (r *riskForm) state() string {
	return strings.Join([]string{r.tasks.Text, r.machines.Text, r.substances.Text, r.gear.Text, r.supervision.Text, r.by.Text}, "\x00")
}

// load reads the offer's assessment into the fields ("" clears them).
func (r *riskForm) load(st *data.Store, offerID string) {
	r.loaded = data.RiskAssessment{}
	if offerID != "" {
		if a, err := st.RiskAssessment(context.Background(), offerID); err == nil {
			r.loaded = a
		}
	}
	a := r.loaded
	r.tasks.SetText(a.Tasks)
	r.machines.SetText(a.Machines)
	r.substances.SetText(a.Substances)
	r.gear.SetText(a.ProtectiveGear)
	r.supervision.SetText(a.Supervision)
	r.by.SetText(a.AssessedBy)
	widgets.ShowErr(r.err, "")
}

// save stores the assessment of a saved offer when anything is written or
// changed, dated today; it reports success (an error is shown under the fields).
func (r *riskForm) save(st *data.Store, offerID string, now time.Time) bool {
	v := r.value(offerID)
	same := strings.TrimSpace(v.Tasks) == r.loaded.Tasks && strings.TrimSpace(v.Machines) == r.loaded.Machines &&
		strings.TrimSpace(v.Substances) == r.loaded.Substances && strings.TrimSpace(v.ProtectiveGear) == r.loaded.ProtectiveGear &&
		strings.TrimSpace(v.Supervision) == r.loaded.Supervision && strings.TrimSpace(v.AssessedBy) == r.loaded.AssessedBy
	if same {
		return true
	}
	v.AssessedOn, _ = data.ParseDate(now.In(data.Stockholm).Format(data.DateLayout)) // the day it was written
	if err := st.SaveRiskAssessment(context.Background(), v); err != nil {
		widgets.ShowErr(r.err, err.Error())
		return false
	}
	widgets.ShowErr(r.err, "")
	r.load(st, offerID)
	return true
}
