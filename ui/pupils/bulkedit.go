package pupils

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// bulkEdit sets gender, class or grade on many pupils at once: the pupils
// the table shows now (narrow it with the search and the filters first),
// each ticked to be changed, and one value per field ("Ändra inte" keeps
// each pupil's own).
type bulkEdit struct {
	s       *Screen
	pupils  []data.Pupil
	ticked  []bool
	list    *widget.List
	gender  *widget.Select
	grade   *widget.Select
	class   *widget.Entry
	msg     *widget.Label
	content fyne.CanvasObject
	dlg     dialog.Dialog
}

// bulkGenders are the gender choices after "Ändra inte".
var bulkGenders = []data.Gender{data.GenderGirl, data.GenderBoy, data.GenderOther, data.GenderUnspecified}

func (s *Screen) newBulkEdit() *bulkEdit {
	b := &bulkEdit{s: s}
	for _, i := range s.model.shown {
		b.pupils = append(b.pupils, s.model.rows[i].p)
		b.ticked = append(b.ticked, true)
	}
	keep := lang.X("bulk.keep", "Ändra inte")
	genders := []string{keep}
	for _, g := range bulkGenders {
		genders = append(genders, genderText(g))
	}
	b.gender = widgets.NewSelect(genders, nil)
	b.gender.SetSelectedIndex(0)
	b.grade = widgets.NewSelect([]string{keep, "8", "9"}, nil)
	b.grade.SetSelectedIndex(0)
	b.class = widget.NewEntry()
	b.class.SetPlaceHolder(lang.X("bulk.class_hint", "tomt: ändra inte"))
	b.list = widget.NewList(func() int { return len(b.pupils) },
		func() fyne.CanvasObject { return widget.NewCheck("Värmlandsnäs Fiberoptik", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			p := b.pupils[i]
			c.OnChanged = nil
			c.SetText(p.Name() + " · " + p.ClassName + " · " + genderText(p.Gender))
			c.SetChecked(b.ticked[i])
			c.OnChanged = func(on bool) { b.ticked[i] = on; b.showCount() }
		})
	b.msg = widgets.WrapLabel("")
	all := widget.NewButton(lang.X("bulk.all", "Markera alla"), func() { b.tickAll(true) })
	none := widget.NewButton(lang.X("bulk.none", "Avmarkera alla"), func() { b.tickAll(false) })
	fields := container.NewGridWithColumns(3,
		widgets.Labelled(lang.X("pupils.col.gender", "Kön"), b.gender),
		widgets.Labelled(lang.X("filter.grade", "Årskurs"), b.grade),
		widgets.Labelled(lang.X("filter.class", "Klass"), b.class))
	b.content = container.NewBorder(container.NewVBox(widgets.WrapLabel(lang.X("bulk.intro",
		"Ändringen gäller de markerade eleverna nedan: de som listan visar nu. Begränsa listan med sök och filter först.")),
		fields, container.NewHBox(all, none)), b.msg, nil, nil, b.list)
	b.showCount()
	return b
}

func (b *bulkEdit) tickAll(on bool) {
	for i := range b.ticked {
		b.ticked[i] = on
	}
	b.list.Refresh()
	b.showCount()
}

func (b *bulkEdit) showCount() {
	n := 0
	for _, t := range b.ticked {
		if t {
			n++
		}
	}
	b.msg.SetText(lang.X("bulk.count", "{{.N}} av {{.Total}} elever markerade.",
		map[string]string{"N": strconv.Itoa(n), "Total": strconv.Itoa(len(b.pupils))}))
}

// changes are the fields chosen.
func (b *bulkEdit) changes() data.PupilChanges {
	var c data.PupilChanges
	if i := b.gender.SelectedIndex(); i > 0 {
		g := bulkGenders[i-1]
		c.Gender = &g
	}
	if i := b.grade.SelectedIndex(); i > 0 {
		g, _ := strconv.Atoi(b.grade.Selected)
		c.Grade = &g
	}
	if b.class.Text != "" {
		cl := b.class.Text
		c.ClassName = &cl
	}
	return c
}

// apply saves the changes on the ticked pupils, all or none; it reports
// whether they were saved.
func (b *bulkEdit) apply() bool {
	var ids []string
	for i, t := range b.ticked {
		if t {
			ids = append(ids, b.pupils[i].ID)
		}
	}
	c := b.changes()
	if c.Empty() || len(ids) == 0 {
		b.msg.SetText(lang.X("bulk.nothing", "Välj vad som ska ändras och minst en elev."))
		return false
	}
	n, err := b.s.main.Store().UpdatePupils(context.Background(), ids, c)
	if err != nil {
		b.msg.SetText(errText(err))
		return false
	}
	b.s.count.SetText(lang.X("bulk.done", "{{.N}} elever ändrade.", map[string]string{"N": strconv.Itoa(n)}))
	return true
}

// onShowBulkEdit opens the bulk edit for the pupils shown.
func (s *Screen) onShowBulkEdit() {
	b := s.newBulkEdit()
	s.bulk = b
	w := s.main.Window()
	var d *dialog.CustomDialog
	save := widget.NewButton(lang.X("bulk.apply", "Ändra markerade"), func() {
		if b.apply() {
			d.Hide()
			s.Reload()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("events.walk_cancel", "Avbryt"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(lang.X("bulk.title", "Ändra flera elever"), b.content, w)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	size := w.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width-40), size.Height-60))
	b.dlg = d
	d.Show()
}
