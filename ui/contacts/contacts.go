// Package contacts is the Kontakter screen: everyone at every organisation
// with role and organisation, a quick search, and copying the e-mail
// addresses of the people ticked.
package contacts

import (
	"context"
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

// Shell is what Kontakter needs from the window: the store, dialogs, the
// clipboard (through the app), background loads, and Företag to edit a
// contact in.
type Shell interface {
	uikit.Base
	// EditContact shows Företag with the person's organisation and their
	// contact dialog open.
	EditContact(orgID, personID string)
}

// Screen is Kontakter: everyone at every organisation with role and
// organisation, a quick search, and copying the e-mail addresses of the
// people ticked (to paste into a mail program).
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	people   []contactRow
	shown    []int
	selected map[string]bool

	search  *widget.Entry
	roleSel *widget.Select
	list    *widget.List
	count   *widget.Label
	copyBtn *widget.Button
	newBtn  *widget.Button
	orgPick *widgets.PickButton // "Ny kontakt …" asks at which organisation
	empty   *widget.Label       // shown over the list when there is nobody
}

// contactRow is a person with their organisation's name and a search key.
type contactRow struct {
	p   data.Person
	org string
	key string
}

// New builds Kontakter; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, selected: map[string]bool{}}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("contacts.search", "Sök på namn, organisation, titel eller e-post …"))
	s.search.OnChanged = func(string) { s.applyFilter() }
	opts := []string{lang.X("contacts.all_roles", "Alla roller")}
	for _, r := range data.Roles {
		opts = append(opts, uikit.RoleText(r))
	}
	s.roleSel = widgets.NewSelect(opts, func(string) { s.applyFilter() })
	s.list = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			info.Truncation = fyne.TextTruncateEllipsis
			// Ändra opens the contact where it is edited, in Företag
			// (found by use: Kontakter only listed).
			edit := widget.NewButtonWithIcon(lang.X("contacts.edit", "Ändra …"), theme.DocumentCreateIcon(), nil)
			edit.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), container.NewCenter(edit), container.NewVBox(name, info))
		},
		s.updateRow)
	s.count = widget.NewLabel("")
	s.copyBtn = widget.NewButtonWithIcon(lang.X("contacts.copy", "Kopiera e-postadresser"), theme.ContentCopyIcon(), s.onCopy)
	s.copyBtn.Importance = widget.HighImportance
	all := widget.NewButton(lang.X("contacts.select_shown", "Markera alla som visas"), s.onSelectShown)
	none := widget.NewButton(lang.X("contacts.select_none", "Avmarkera alla"), func() {
		s.selected = map[string]bool{}
		s.updateCount()
		s.list.Refresh()
	})
	s.empty = widgets.WrapLabel(lang.X("contacts.empty",
		"Inga kontakter ännu. En kontakt hör till ett företag, en skola eller en organisation: Ny kontakt … frågar vilken, och öppnar den under Företag och praoplatser."))
	s.empty.Hide()
	s.roleSel.SetSelectedIndex(0)
	// A contact belongs to an organisation and is made there, in Företag;
	// found by use: Kontakter had no way to add one, and said nothing of
	// where. "Ny kontakt …" asks at which organisation and opens it there.
	s.orgPick = widgets.NewPickButton(m.Window(), lang.X("contacts.new_at", "Ny kontakt hos …"),
		lang.X("contacts.org_search", "Sök företag, skola eller organisation …"),
		func(id string) { s.main.EditContact(id, uikit.NewContactID) })
	s.newBtn = widget.NewButtonWithIcon(lang.X("contacts.new", "Ny kontakt …"), theme.ContentAddIcon(), s.onNew)
	// Wide enough for "studie- och yrkesvägledare" (found by use: "Alla …").
	top := container.NewBorder(nil, nil, nil, container.NewHBox(container.New(widgets.FixedWidth{W: 260}, s.roleSel), s.newBtn), s.search)
	bottom := container.NewBorder(nil, nil, s.count, container.NewHBox(all, none, s.copyBtn))
	s.content = container.NewBorder(top, bottom, nil, nil, container.NewStack(s.list, container.NewVBox(s.empty)))
	return s
}

// onNew asks at which organisation the new contact is, then opens an
// empty contact dialog there (Företag), or says that one is needed first.
func (s *Screen) onNew() {
	st := s.main.Store()
	s.main.Background(func() func() {
		orgs, err := st.ListOrganisations(context.Background(), "")
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			if len(orgs) == 0 {
				dialog.ShowInformation(lang.X("contacts.new", "Ny kontakt …"), lang.X("contacts.no_orgs",
					"Det finns inga organisationer ännu. Lägg först till företaget eller skolan under Företag och praoplatser."), s.main.Window())
				return
			}
			items := make([]widgets.PickItem, len(orgs))
			for i, o := range orgs {
				items[i] = widgets.PickItem{ID: o.ID, Text: uikit.JoinDot(o.Name, o.Municipality)}
			}
			widgets.SortPickItems(items)
			s.orgPick.SetItems(items)
			s.orgPick.SetSelected("")
			s.orgPick.Open()
		}
	})
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (s *Screen) FocusSearch() { s.main.Window().Canvas().Focus(s.search) }

// Reload fetches every person and organisation off the UI goroutine.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		people, err := st.ListPeople(ctx, data.PersonFilter{})
		var orgs []data.Organisation
		if err == nil {
			orgs, err = st.ListOrganisations(ctx, "")
		}
		names := map[string]string{}
		for _, o := range orgs {
			names[o.ID] = o.Name
		}
		rows := make([]contactRow, len(people))
		for i, p := range people {
			rows[i] = contactRow{p: p, org: names[p.OrganisationID],
				key: uikit.Fold(strings.Join([]string{p.Name(), names[p.OrganisationID], p.Title, p.Email}, " "))}
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.people = rows
			s.applyFilter()
		}
	})
}

func (s *Screen) applyFilter() {
	words := strings.Fields(uikit.Fold(s.search.Text))
	var role data.Role
	if i := s.roleSel.SelectedIndex(); i > 0 {
		role = data.Roles[i-1]
	}
	s.shown = s.shown[:0]
rows:
	for i, r := range s.people {
		if role != "" && !r.p.HasRole(role) {
			continue
		}
		for _, w := range words {
			if !strings.Contains(r.key, w) {
				continue rows
			}
		}
		s.shown = append(s.shown, i)
	}
	s.updateCount()
	if len(s.people) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}

func (s *Screen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.shown) {
		return
	}
	r := s.people[s.shown[i]]
	box := o.(*fyne.Container)
	texts := box.Objects[0].(*fyne.Container)
	check := box.Objects[1].(*widget.Check)
	texts.Objects[0].(*widget.Label).SetText(r.p.Name())
	var roles []string
	for _, x := range r.p.Roles {
		roles = append(roles, uikit.RoleText(x))
	}
	parts := slices.DeleteFunc([]string{strings.Join(roles, ", "), r.p.Title, r.org, r.p.Email, r.p.Phone},
		func(x string) bool { return x == "" })
	texts.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
	id := r.p.ID
	edit := box.Objects[2].(*fyne.Container).Objects[0].(*widget.Button)
	edit.OnTapped = func() { s.main.EditContact(r.p.OrganisationID, id) }
	if r.p.OrganisationID == "" {
		edit.Disable() // nobody's contact: there is no organisation to edit it in
	} else {
		edit.Enable()
	}
	check.OnChanged = nil
	check.SetChecked(s.selected[id])
	check.OnChanged = func(on bool) {
		if on {
			s.selected[id] = true
		} else {
			delete(s.selected, id)
		}
		s.updateCount()
	}
}

func (s *Screen) updateCount() {
	s.count.SetText(lang.X("contacts.count", "{{.Shown}} av {{.Total}} kontakter · {{.Selected}} markerade",
		map[string]string{"Shown": strconv.Itoa(len(s.shown)), "Total": strconv.Itoa(len(s.people)), "Selected": strconv.Itoa(len(s.selected))}))
}

func (s *Screen) onSelectShown() {
	for _, i := range s.shown {
		s.selected[s.people[i].p.ID] = true
	}
	s.updateCount()
	s.list.Refresh()
}

// emails lists the ticked people's addresses, once each, in list order.
func (s *Screen) emails() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.people {
		e := strings.TrimSpace(r.p.Email)
		if s.selected[r.p.ID] && e != "" && !seen[strings.ToLower(e)] {
			seen[strings.ToLower(e)] = true
			out = append(out, e)
		}
	}
	return out
}

// onCopy puts "a@x.se; b@y.se" on the clipboard, the separator Outlook takes.
func (s *Screen) onCopy() {
	emails := s.emails()
	if len(emails) == 0 {
		dialog.ShowInformation(lang.X("contacts.copy", "Kopiera e-postadresser"),
			lang.X("contacts.none_selected", "Markera först de kontakter du vill skriva till."), s.main.Window())
		return
	}
	s.main.App().Clipboard().SetContent(strings.Join(emails, "; "))
	s.count.SetText(lang.X("contacts.copied", "{{.N}} e-postadresser kopierade – klistra in dem i ditt e-postprogram.",
		map[string]string{"N": strconv.Itoa(len(emails))}))
}
