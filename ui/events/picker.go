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

// picker is a tab of Anmäl flera: a search, a list with a tick per row,
// "mark all shown", "unmark all" and the "n valda" count, the same for
// the pupils (a whole class is two steps: "8A Åsdal", then mark all) and
// the contacts (found by use: a network event's tab had neither the
// count nor "Avmarkera alla"). The list draws only the rows in sight: a
// region's database has tens of thousands of pupils, far too many for a
// CheckGroup's one widget each.
type picker struct {
	ids     []string
	labels  []string // what a row says
	folded  []string // labels, folded for the search
	shown   []int    // indices into ids, in the listings' order
	picked  map[string]bool
	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	all     *widget.Button // ticks every row shown
	none    *widget.Button // unticks every row
	content fyne.CanvasObject
}

// pickRows are the rows a picker lists, with their labels and search
// keys, made off the UI goroutine (newPupilRows, newContactRows).
type pickRows struct {
	ids, labels, folded []string
}

func (r *pickRows) add(id, label string) {
	r.ids = append(r.ids, id)
	r.labels = append(r.labels, label)
	r.folded = append(r.folded, uikit.Fold(label))
}

// newPupilRows labels pupils (in the listings' order: school, class, name)
// with their schools' names from schoolName, and says beside a pupil
// already on the event's list where they stand there (onList, by pupil
// id): ticking them again changes nothing.
func newPupilRows(pupils []data.Pupil, schoolName, onList map[string]string) *pickRows {
	r := &pickRows{}
	for _, pu := range pupils {
		label := uikit.JoinDot(pu.Name(), pu.ClassName, schoolName[pu.SchoolID])
		if st, ok := onList[pu.ID]; ok {
			label += " – " + st
		}
		r.add(pu.ID, label)
	}
	return r
}

// newContactRows labels the contacts with their organisations' names
// (namesakes at one organisation told apart by e-mail address), and says
// beside a contact already on the event's list where they stand there.
func newContactRows(people []data.Person, orgName, onList map[string]string) *pickRows {
	r := &pickRows{}
	seen := map[string]bool{}
	for _, p := range people {
		label := uikit.JoinDot(p.Name(), orgName[p.OrganisationID])
		if seen[label] && p.Email != "" {
			label += " (" + p.Email + ")"
		}
		seen[label] = true
		if st, ok := onList[p.ID]; ok {
			label += " – " + st
		}
		r.add(p.ID, label)
	}
	return r
}

// newPicker lists rows; hint is the search's placeholder and empty what
// the tab says when there is nobody to list.
func newPicker(rows *pickRows, hint, empty string) *picker {
	p := &picker{ids: rows.ids, labels: rows.labels, folded: rows.folded, picked: map[string]bool{}}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(hint)
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
			c.SetChecked(p.picked[p.ids[k]])
			id := p.ids[k]
			c.OnChanged = func(on bool) { p.set(id, on) }
		})
	p.all = widget.NewButton(lang.X("eventday.bulk_all", "Markera alla som visas"), func() {
		for _, k := range p.shown {
			p.picked[p.ids[k]] = true
		}
		p.refresh()
	})
	p.none = widget.NewButton(lang.X("eventday.bulk_none", "Avmarkera alla"), func() {
		clear(p.picked)
		p.refresh()
	})
	top := container.NewBorder(nil, nil, nil, container.NewHBox(p.all, p.none), p.search)
	var body fyne.CanvasObject = p.list
	if len(p.ids) == 0 {
		body = widget.NewLabel(empty)
	}
	p.content = container.NewBorder(top, p.count, nil, nil, body)
	p.filter()
	return p
}

// filter shows the rows whose label has every word of the search.
func (p *picker) filter() {
	words := strings.Fields(uikit.Fold(p.search.Text))
	p.shown = p.shown[:0]
	for k, f := range p.folded {
		if uikit.ContainsAll(f, words) {
			p.shown = append(p.shown, k)
		}
	}
	p.refresh()
}

// set ticks or unticks one row.
func (p *picker) set(id string, on bool) {
	if on {
		p.picked[id] = true
	} else {
		delete(p.picked, id)
	}
	p.showCount()
}

// refresh redraws the list and the count.
func (p *picker) refresh() {
	p.list.Refresh()
	p.showCount()
}

// showCount says how many are ticked and how many are shown.
func (p *picker) showCount() {
	p.count.SetText(lang.X("eventday.bulk_pupil_count", "{{.Picked}} valda · {{.Shown}} av {{.All}} visas",
		map[string]string{"Picked": strconv.Itoa(len(p.picked)), "Shown": strconv.Itoa(len(p.shown)), "All": strconv.Itoa(len(p.ids))}))
}

// selectedIDs are the ticked rows' ids, in the listings' order.
func (p *picker) selectedIDs() []string {
	var ids []string
	for _, id := range p.ids {
		if p.picked[id] {
			ids = append(ids, id)
		}
	}
	return ids
}
