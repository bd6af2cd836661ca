package events

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
)

// pupilPicker picks pupils for a pupil event: a search over name, class
// and school, a list with a tick per pupil, and "mark all shown", so that
// a whole class is two steps ("8A Åsdal", then mark all). The list draws
// only the rows in sight: a region's database has tens of thousands of
// pupils, far too many for a CheckGroup's one widget each.
type pupilPicker struct {
	pupils  []data.Pupil
	labels  []string // "Förnamn Efternamn · 8A · Skola", per pupil
	folded  []string // labels, folded for the search
	shown   []int    // indices into pupils, in the listings' order
	picked  map[string]bool
	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	all     *widget.Button // ticks every pupil shown
	content fyne.CanvasObject
}

// pupilRows are the pupils a pupilPicker lists, with their labels and
// search keys, made off the UI goroutine (newPupilRows).
type pupilRows struct {
	pupils         []data.Pupil
	labels, folded []string
}

// newPupilRows labels pupils (in the listings' order: school, class, name)
// with their schools' names from schoolName, and says beside a pupil
// already on the event's list where they stand there (onList, by pupil
// id): ticking them again changes nothing.
func newPupilRows(pupils []data.Pupil, schoolName, onList map[string]string) *pupilRows {
	r := &pupilRows{pupils: pupils, labels: make([]string, len(pupils)), folded: make([]string, len(pupils))}
	for i, pu := range pupils {
		r.labels[i] = uikit.JoinDot(pu.Name(), pu.ClassName, schoolName[pu.SchoolID])
		if st, ok := onList[pu.ID]; ok {
			r.labels[i] += " – " + st
		}
		r.folded[i] = uikit.Fold(r.labels[i])
	}
	return r
}

// newPupilPicker lists the pupils of rows.
func newPupilPicker(rows *pupilRows) *pupilPicker {
	pupils := rows.pupils
	p := &pupilPicker{pupils: pupils, labels: rows.labels, folded: rows.folded, picked: map[string]bool{}}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.X("eventday.bulk_pupil_filter", "Sök namn, klass eller skola …"))
	p.search.OnChanged = func(string) { p.filter() }
	p.count = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.shown) {
				return
			}
			k := p.shown[i]
			c := o.(*widget.Check)
			c.OnChanged = nil // setting the tick of a reused row is no choice
			c.SetText(p.labels[k])
			c.SetChecked(p.picked[p.pupils[k].ID])
			id := p.pupils[k].ID
			c.OnChanged = func(on bool) { p.set(id, on) }
		})
	p.all = widget.NewButton(lang.X("eventday.bulk_all", "Markera alla som visas"), func() {
		for _, k := range p.shown {
			p.picked[p.pupils[k].ID] = true
		}
		p.refresh()
	})
	none := widget.NewButton(lang.X("eventday.bulk_none", "Avmarkera alla"), func() {
		clear(p.picked)
		p.refresh()
	})
	top := container.NewBorder(nil, nil, nil, container.NewHBox(p.all, none), p.search)
	var body fyne.CanvasObject = p.list
	if len(pupils) == 0 {
		body = widget.NewLabel(lang.X("eventday.bulk_no_pupils", "Det finns inga elever här ännu. Läs in en klasslista under Elever."))
	}
	p.content = container.NewBorder(top, p.count, nil, nil, body)
	p.filter()
	return p
}

// filter shows the pupils whose label has every word of the search.
func (p *pupilPicker) filter() {
	words := strings.Fields(uikit.Fold(p.search.Text))
	p.shown = p.shown[:0]
	for k, f := range p.folded {
		if uikit.ContainsAll(f, words) {
			p.shown = append(p.shown, k)
		}
	}
	p.refresh()
}

// set ticks or unticks one pupil.
func (p *pupilPicker) set(id string, on bool) {
	if on {
		p.picked[id] = true
	} else {
		delete(p.picked, id)
	}
	p.showCount()
}

// refresh redraws the list and the count.
func (p *pupilPicker) refresh() {
	p.list.Refresh()
	p.showCount()
}

// showCount says how many are ticked and how many are shown.
func (p *pupilPicker) showCount() {
	p.count.SetText(lang.X("eventday.bulk_pupil_count", "{{.Picked}} valda · {{.Shown}} av {{.All}} visas",
		map[string]string{"Picked": strconv.Itoa(len(p.picked)), "Shown": strconv.Itoa(len(p.shown)), "All": strconv.Itoa(len(p.pupils))}))
}

// selectedIDs are the ticked pupils' ids, in the listings' order.
func (p *pupilPicker) selectedIDs() []string {
	var ids []string
	for _, pu := range p.pupils {
		if p.picked[pu.ID] {
			ids = append(ids, pu.ID)
		}
	}
	return ids
}
