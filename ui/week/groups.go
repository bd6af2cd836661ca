package week

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/rotation"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// offer is one host's offer in the week, as Värdgrupper lists it.
type offer struct {
	id, hostID, host, municipality string
	blocks                         int
}

// groupsTab is Värdgrupper: the host groups being edited (saved together,
// all or nothing), the hosts in no group, and the week's problems.
type groupsTab struct {
	s       *Screen
	content fyne.CanvasObject

	groups  []data.HostGroup // being edited
	offers  []offer          // the week's offers by host name
	dirty   bool
	sel     int    // selected group, -1 none
	selHost string // selected offer, "" none
	shown   []int  // groups shown (after the search)

	toCompanies                        *widget.Button // the way to a host, when the week has none
	search                             *widget.Entry
	groupList                          *widget.List
	members, loose                     *widget.List
	memberIDs, looseIDs                []string
	problems                           *widget.List
	problemText                        []string
	state                              *widget.Label
	groupTitle                         *widget.Label
	proposeBtn, newBtn, renameBtn      *widget.Button
	deleteBtn, moveBtn, saveBtn, undoB *widget.Button
}

func newGroupsTab(s *Screen) *groupsTab {
	t := &groupsTab{s: s, sel: -1}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.X("wk.group_search", "Sök grupp eller värd"))
	t.search.OnChanged = func(string) { t.refresh() }
	t.groupList = widgets.NewTwoLineList(func() int { return len(t.shown) }, func(i int) (string, string) {
		g := t.groups[t.shown[i]]
		var names []string
		for _, o := range g.OfferIDs {
			names = append(names, t.offerName(o))
		}
		return g.Name + " (" + fmt.Sprint(len(g.OfferIDs)) + ")", strings.Join(names, " · ")
	})
	t.groupList.OnSelected = func(i widget.ListItemID) {
		if i < len(t.shown) {
			t.sel = t.shown[i]
			t.selHost = ""
			t.refreshMembers()
		}
	}
	hostList := func(ids *[]string) *widget.List {
		l := widget.NewList(func() int { return len(*ids) }, func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(*ids) {
				o.(*widget.Label).SetText(t.offerLine((*ids)[i]))
			}
		})
		l.OnSelected = func(i widget.ListItemID) {
			if i < len(*ids) {
				t.selHost = (*ids)[i]
				t.updateButtons()
			}
		}
		return l
	}
	t.members = hostList(&t.memberIDs)
	t.loose = hostList(&t.looseIDs)
	t.problems = widget.NewList(func() int { return len(t.problemText) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(t.problemText) {
			o.(*widget.Label).SetText(t.problemText[i])
		}
	})
	t.problems.OnSelected = func(i widget.ListItemID) {
		if i < len(t.problemText) {
			dialog.ShowInformation(lang.X("wk.problem", "Problem"), t.problemText[i], s.main.Window())
		}
		t.problems.UnselectAll()
	}
	t.state = widgets.WrapLabel("")
	t.groupTitle = widgets.HeadingLabel(lang.X("wk.pick_group", "Välj en grupp"))
	t.proposeBtn = widget.NewButtonWithIcon(lang.X("wk.propose", "Föreslå grupper"), theme.ViewRefreshIcon(), t.onPropose)
	t.newBtn = widget.NewButtonWithIcon(lang.X("wk.new_group", "Ny grupp"), theme.ContentAddIcon(), t.onNew)
	t.renameBtn = widget.NewButtonWithIcon(lang.X("wk.rename", "Byt namn"), theme.DocumentCreateIcon(), t.onRename)
	t.deleteBtn = widget.NewButtonWithIcon(lang.X("wk.delete_group", "Ta bort grupp"), theme.DeleteIcon(), t.onDelete)
	t.moveBtn = widget.NewButtonWithIcon(lang.X("wk.move_host", "Flytta värd …"), theme.NavigateNextIcon(), t.onMove)
	t.saveBtn = widget.NewButtonWithIcon(lang.X("wk.save_groups", "Spara grupperna"), theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.undoB = widget.NewButtonWithIcon(lang.X("wk.discard", "Släpp ändringarna"), theme.ContentUndoIcon(), func() { t.show() })

	// With no host yet, the way to one (found by use: "0 värdar" and
	// nothing to do).
	t.toCompanies = widget.NewButtonWithIcon(lang.X("wk.to_companies", "Öppna Företag och praoplatser"), theme.NavigateNextIcon(),
		func() { s.main.Show("companies") })
	t.toCompanies.Hide()
	tools := container.NewBorder(nil, nil, container.NewHBox(t.proposeBtn, t.newBtn, t.renameBtn, t.deleteBtn, t.moveBtn, t.toCompanies), nil)
	left := container.NewBorder(t.search, nil, nil, nil, t.groupList)
	right := container.NewVSplit(
		container.NewBorder(t.groupTitle, nil, nil, nil, t.members),
		container.NewBorder(widgets.HeadingLabel(lang.X("wk.loose", "Värdar utan grupp")), nil, nil, nil, t.loose))
	right.Offset = 0.65 // a group has about four hosts; few are left over
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	problems := container.NewBorder(widgets.HeadingLabel(lang.X("wk.problems", "Problem i veckan")), nil, nil, nil,
		container.New(widgets.FixedHeight{H: 110}, t.problems))
	t.content = container.NewBorder(
		container.NewVBox(container.NewHScroll(tools),
			container.NewBorder(nil, nil, nil, container.NewHBox(t.undoB, t.saveBtn), t.state)),
		problems, nil, nil, split)
	return t
}

// show puts the saved groups of the week in the editor.
func (t *groupsTab) show() { t.showKeeping(false) }

// showKeeping is show; with keep, groups edited but not saved stay as they
// are (the same week read again after its settings were saved: review,
// they were replaced while a question about them was open), and only the
// hosts and problems are read anew.
func (t *groupsTab) showKeeping(keep bool) {
	w := t.s.w
	keep = keep && t.dirty && w != nil
	if !keep {
		t.groups, t.dirty = nil, false
	}
	t.offers, t.problemText = nil, nil
	if w == nil {
		t.refresh()
		return
	}
	for _, g := range w.groups {
		if keep {
			break
		}
		g.OfferIDs = slices.Clone(g.OfferIDs)
		t.groups = append(t.groups, g)
	}
	byOffer := map[string]*offer{}
	for _, b := range w.blocks {
		o, ok := byOffer[b.OfferID]
		if !ok {
			o = &offer{id: b.OfferID, hostID: b.HostID, host: b.HostName, municipality: b.Municipality}
			byOffer[b.OfferID] = o
		}
		o.blocks++
	}
	for _, o := range byOffer {
		t.offers = append(t.offers, *o)
	}
	c := uikit.Collator()
	slices.SortFunc(t.offers, func(a, b offer) int { return c.CompareString(a.host, b.host) })
	for _, p := range w.problems {
		t.problemText = append(t.problemText, problemLine(p))
	}
	if len(t.problemText) == 0 {
		t.problemText = []string{lang.X("wk.no_problems", "Inga problem hittades.")}
	}
	if t.sel >= len(t.groups) || (t.sel < 0 && len(t.groups) > 0) {
		t.sel = min(0, len(t.groups)-1) // the first group, so its hosts show
	}
	t.refresh()
	t.problems.Refresh()
}

// problemLine is a problem in the user's language, marked when a warning.
func problemLine(p data.WeekProblem) string {
	msg := uikit.Message(p.Key, p.Text, p.Data)
	if p.Warning {
		return lang.X("wk.warning", "Varning: {{.Text}}", map[string]string{"Text": msg})
	}
	return msg
}

func (t *groupsTab) offerName(id string) string {
	for _, o := range t.offers {
		if o.id == id {
			return o.host
		}
	}
	return "?"
}

func (t *groupsTab) offerLine(id string) string {
	for _, o := range t.offers {
		if o.id == id {
			// JoinDot: a host without a municipality had read "AB ·  · 4 pass" (then "pass", now "block").
			return uikit.JoinDot(o.host, o.municipality, uikit.Plural(o.blocks, "wk.host_blocks.one", "{{.N}} block",
				"wk.host_blocks.other", "{{.N}} block", nil))
		}
	}
	return "?"
}

// groupOf is the index of the group holding an offer, or -1.
func (t *groupsTab) groupOf(offerID string) int {
	for i, g := range t.groups {
		if slices.Contains(g.OfferIDs, offerID) {
			return i
		}
	}
	return -1
}

// refresh shows the groups (narrowed by the search), the selected group's
// hosts and the hosts in no group.
func (t *groupsTab) refresh() {
	words := strings.Fields(uikit.Fold(t.search.Text))
	t.shown = t.shown[:0]
	for i, g := range t.groups {
		text := g.Name
		for _, o := range g.OfferIDs {
			text += " " + t.offerName(o)
		}
		if uikit.ContainsAll(uikit.Fold(text), words) {
			t.shown = append(t.shown, i)
		}
	}
	t.groupList.UnselectAll()
	t.groupList.Refresh()
	if i := slices.Index(t.shown, t.sel); i >= 0 {
		t.groupList.Select(i)
		t.groupList.ScrollTo(i)
	}
	t.refreshMembers()
}

func (t *groupsTab) refreshMembers() {
	t.memberIDs, t.looseIDs = nil, nil
	if t.sel >= 0 && t.sel < len(t.groups) {
		g := t.groups[t.sel]
		t.groupTitle.SetText(lang.X("wk.group_hosts", "Värdar i {{.Name}}", map[string]string{"Name": g.Name}))
		t.memberIDs = slices.Clone(g.OfferIDs)
	} else {
		t.groupTitle.SetText(lang.X("wk.pick_group", "Välj en grupp"))
	}
	for _, o := range t.offers {
		if t.groupOf(o.id) < 0 {
			t.looseIDs = append(t.looseIDs, o.id)
		}
	}
	t.members.UnselectAll()
	t.loose.UnselectAll()
	t.members.Refresh()
	t.loose.Refresh()
	t.toCompanies.Hidden = len(t.offers) > 0
	t.toCompanies.Refresh()
	switch {
	case t.dirty:
		t.state.SetText(lang.X("wk.groups_dirty", "Grupperna är ändrade men inte sparade."))
	case len(t.offers) == 0 && t.s.w != nil:
		t.state.SetText(lang.X("wk.groups_no_hosts",
			"Ingen värd har en praoplats i veckan än. En värd kommer hit när dess värdformulär för veckan är sparat: under Företag och praoplatser, eller inläst från en fil som företaget skickat."))
	default:
		t.state.SetText(lang.X("wk.groups_state", "{{.Groups}} · {{.Loose}} utan grupp",
			map[string]string{"Groups": uikit.HostGroupCount(len(t.groups)), "Loose": uikit.HostCount(len(t.looseIDs))}))
	}
	t.updateButtons()
}

func (t *groupsTab) updateButtons() {
	on := func(b *widget.Button, ok bool) {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	have := t.s.w != nil
	on(t.proposeBtn, have && len(t.offers) > 0)
	on(t.newBtn, have)
	on(t.renameBtn, t.sel >= 0)
	on(t.deleteBtn, t.sel >= 0)
	on(t.moveBtn, len(t.offers) > 0)
	on(t.saveBtn, t.dirty)
	on(t.undoB, t.dirty)
}

func (t *groupsTab) changed() {
	t.dirty = true
	t.refresh()
}

// proposal is what rotation.ProposeGroups makes of the week's hosts and
// blocks, as groups of offers named "Grupp 1", "Grupp 2", … (keeping the
// keys of the present groups in order, so their teams are not removed).
func (t *groupsTab) proposal() []data.HostGroup {
	w := t.s.w
	var hosts []rotation.Host
	index := map[string]int{} // offer → host index
	for _, o := range t.offers {
		index[o.id] = len(hosts)
		hosts = append(hosts, rotation.Host{Key: o.id, Name: o.host, Municipality: o.municipality, Group: -1})
	}
	var blocks []rotation.Block
	for _, b := range w.blocks {
		blocks = append(blocks, rotation.Block{Key: b.ID, Host: index[b.OfferID], Day: int(b.Date.Sub(w.period.Start).Hours()/24 + 0.5),
			Date: data.FormatDate(b.Date), Start: int(b.Start), End: int(b.End), TeamsMax: max(1, b.TeamsMax)})
	}
	var out []data.HostGroup
	for i, g := range rotation.ProposeGroups(hosts, blocks, 4) {
		hg := data.HostGroup{Name: g.Name, PeriodID: w.period.ID}
		if i < len(t.groups) {
			hg.ID = t.groups[i].ID
		}
		for _, h := range g.Hosts {
			if h >= 0 && h < len(hosts) {
				hg.OfferIDs = append(hg.OfferIDs, hosts[h].Key)
			}
		}
		out = append(out, hg)
	}
	return out
}

// onPropose shows the proposed groups and asks before replacing the present
// ones (nothing is saved until Spara).
func (t *groupsTab) onPropose() {
	prop := t.proposal()
	var lines []string
	placed := 0
	for _, g := range prop {
		var names []string
		for _, o := range g.OfferIDs {
			names = append(names, t.offerName(o))
		}
		placed += len(g.OfferIDs)
		lines = append(lines, g.Name+": "+strings.Join(names, ", "))
	}
	if left := len(t.offers) - placed; left > 0 {
		lines = append(lines, lang.X("wk.propose_left", "{{.N}} värdar utan giltigt block blir utan grupp.", map[string]string{"N": fmt.Sprint(left)}))
	}
	text := widgets.WrapLabel(strings.Join(lines, "\n"))
	body := container.NewBorder(widgets.WrapLabel(lang.X("wk.propose_ask", "Ersätta grupperna med det här förslaget? Inget sparas förrän du trycker Spara grupperna.")),
		nil, nil, nil, container.NewVScroll(text))
	d := dialog.NewCustomConfirm(lang.X("wk.propose", "Föreslå grupper"), lang.X("wk.propose_yes", "Använd förslaget"),
		lang.X("wk.cancel", "Avbryt"), body, func(ok bool) {
			if !ok {
				return
			}
			t.groups = prop
			t.sel = -1
			t.changed()
		}, t.s.main.Window())
	d.Resize(fyne.NewSize(620, 440))
	t.s.groupConfirm = d
	d.Show()
}

// askName asks for a group name; onOK gets it trimmed and not empty.
// self is the group being renamed (-1 for a new one): its own name is free.
func (t *groupsTab) askName(title, initial string, self int, onOK func(string)) {
	e := uikit.NewEscEntry(nil)
	e.SetText(initial)
	msg := widgets.NewErrLabel()
	var d dialog.Dialog
	done := func() {
		name := strings.TrimSpace(e.Text)
		if name == "" {
			widgets.ShowErr(msg, lang.X("err.required", "Måste fyllas i."))
			return
		}
		for i, g := range t.groups {
			if i != self && strings.EqualFold(g.Name, name) {
				widgets.ShowErr(msg, lang.X("err.group_name_taken", "Det finns redan en grupp som heter {{.Name}}.", map[string]string{"Name": name}))
				return
			}
		}
		d.Hide()
		onOK(name)
	}
	e.OnSubmitted = func(string) { done() }
	ok := widget.NewButtonWithIcon(lang.X("wk.ok", "OK"), theme.ConfirmIcon(), done)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("wk.cancel", "Avbryt"), theme.CancelIcon(), func() { d.Hide() })
	e.OnEscape = func() { uikit.Tap(cancel) }
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(e, msg, container.NewCenter(container.NewHBox(cancel, ok))), t.s.main.Window())
	d.Resize(fyne.NewSize(380, 160))
	uikit.ShowEscapable(t.s.main.Window(), d, cancel)
	t.s.main.Window().Canvas().Focus(e)
}

func (t *groupsTab) onNew() {
	n := len(t.groups) + 1
	name := fmt.Sprintf("Grupp %d", n)
	for slices.ContainsFunc(t.groups, func(g data.HostGroup) bool { return strings.EqualFold(g.Name, name) }) {
		n++
		name = fmt.Sprintf("Grupp %d", n)
	}
	t.askName(lang.X("wk.new_group", "Ny grupp"), name, -1, func(n string) {
		t.groups = append(t.groups, data.HostGroup{Name: n})
		t.sel = len(t.groups) - 1
		t.changed()
	})
}

func (t *groupsTab) onRename() {
	if t.sel < 0 {
		return
	}
	t.askName(lang.X("wk.rename", "Byt namn"), t.groups[t.sel].Name, t.sel, func(n string) {
		t.groups[t.sel].Name = n
		t.changed()
	})
}

func (t *groupsTab) onDelete() {
	if t.sel < 0 {
		return
	}
	g := t.groups[t.sel]
	uikit.ConfirmDelete(lang.X("wk.delete_group", "Ta bort grupp"),
		lang.X("wk.delete_group_ask", "Ta bort {{.Name}}? Dess värdar blir utan grupp och dess team tas bort när du sparar.", map[string]string{"Name": g.Name}),
		func(ok bool) {
			if !ok {
				return
			}
			t.groups = slices.Delete(t.groups, t.sel, t.sel+1)
			t.sel = -1
			t.changed()
		}, t.s.main.Window())
}

// onMove moves a host to another group: the host selected in a list, or
// one chosen in a searchable picker, then the group in another.
func (t *groupsTab) onMove() {
	if t.selHost != "" {
		t.pickGroupFor(t.selHost)
		return
	}
	var items []widgets.PickItem
	for _, o := range t.offers {
		where := lang.X("wk.no_group", "ingen grupp")
		if g := t.groupOf(o.id); g >= 0 {
			where = t.groups[g].Name
		}
		items = append(items, widgets.PickItem{ID: o.id, Text: o.host + " · " + o.municipality + " · " + where})
	}
	t.s.picker = openPicker(t.s.main.Window(), lang.X("wk.move_host", "Flytta värd …"), lang.X("wk.host_search", "Sök värd"), items, t.pickGroupFor)
}

func (t *groupsTab) pickGroupFor(offerID string) {
	items := []widgets.PickItem{{ID: "-1", Text: lang.X("wk.no_group_item", "(ingen grupp)")}}
	for i, g := range t.groups {
		items = append(items, widgets.PickItem{ID: fmt.Sprint(i), Text: g.Name})
	}
	t.s.picker = openPicker(t.s.main.Window(), lang.X("wk.move_host_to", "Flytta {{.Host}} till", map[string]string{"Host": t.offerName(offerID)}),
		lang.X("wk.group_pick", "Sök grupp"), items, func(id string) {
			var to int
			fmt.Sscan(id, &to)
			t.moveHost(offerID, to)
		})
}

// moveHost puts an offer in group to (-1: in no group).
func (t *groupsTab) moveHost(offerID string, to int) {
	for i := range t.groups {
		t.groups[i].OfferIDs = slices.DeleteFunc(t.groups[i].OfferIDs, func(o string) bool { return o == offerID })
	}
	if to >= 0 && to < len(t.groups) {
		t.groups[to].OfferIDs = append(t.groups[to].OfferIDs, offerID)
	}
	t.selHost = ""
	t.changed()
}

// onSave stores the groups, all or nothing, and reloads the week.
func (t *groupsTab) onSave() { t.save() }

// save is onSave, reporting whether the groups were stored.
func (t *groupsTab) save() bool {
	w := t.s.w
	if w == nil {
		return false
	}
	gs := slices.Clone(t.groups)
	if err := t.s.main.Store().SaveHostGroups(context.Background(), w.period.ID, gs); err != nil {
		t.s.showErr(err)
		return false
	}
	t.dirty = false
	if len(w.saved.teams) > 0 {
		t.s.planTab.setMessage(lang.X("wk.replan_after_groups", "Grupperna är sparade. Planera om veckan så att teamen följer dem."))
	}
	t.s.loadWeek(w.period.ID, true)
	return true
}
