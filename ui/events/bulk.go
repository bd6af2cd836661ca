package events

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
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/ui/uikit"
)

// bulkDialog is Anmäl flera: pick many contacts, or paste a list (one a
// line: an e-mail address, or "Förnamn Efternamn, Organisation"), and
// register them all at once, with the waitlist's rules. For a pupil event
// it picks pupils too (found by use: a teknikdag for pupils could only
// take company contacts).
type bulkDialog struct {
	s       *Screen
	picks   *widget.CheckGroup
	byOpt   map[string]string
	pupils  *pupilPicker  // nil unless the event is for pupils
	search  *widget.Entry // the first tab's search, focused when the dialog opens
	pasted  *widget.Entry
	listTab *container.TabItem
	tabs    *container.AppTabs
	dlg     *dialog.ConfirmDialog
}

// onRegisterMany opens Anmäl flera for the chosen event.
func (s *Screen) onRegisterMany() {
	if s.current.ID == "" {
		return
	}
	st, forPupils := s.main.Store(), s.current.Kind == data.EventPupil
	// What the labels need of the screen is taken here, on the UI
	// goroutine; the labels of tens of thousands of pupils are made off it
	// (review: the window froze while they were made).
	schoolName, onList := s.orgNames(), s.pupilsOnList()
	s.main.Background(func() func() {
		ctx := context.Background()
		people, err := st.ListPeople(ctx, data.PersonFilter{})
		var rows *pupilRows
		if err == nil && forPupils {
			var pupils []data.Pupil
			pupils, err = st.ListPupils(ctx, data.PupilFilter{})
			rows = newPupilRows(pupils, schoolName, onList)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.lastBulk = s.newBulkDialog(people, rows)
			s.lastBulk.dlg.Show()
			// The search takes the typing at once.
			s.main.Window().Canvas().Focus(s.lastBulk.search)
		}
	})
}

// orgNames are the organisations' names by id.
func (s *Screen) orgNames() map[string]string {
	out := map[string]string{}
	for _, o := range s.orgs {
		out[o.ID] = o.Name
	}
	return out
}

// pupilsOnList says where each pupil on the event's list stands (the
// cancelled left out).
func (s *Screen) pupilsOnList() map[string]string {
	out := map[string]string{}
	for _, r := range s.rows {
		if r.reg.PupilID != "" && r.reg.Status != data.RegCancelled {
			out[r.reg.PupilID] = regStatusText(r.reg.Status)
		}
	}
	return out
}

// newBulkDialog makes Anmäl flera with people to pick from and, for a
// pupil event, pupils (nil: not a pupil event).
func (s *Screen) newBulkDialog(people []data.Person, pupils *pupilRows) *bulkDialog {
	b := &bulkDialog{s: s, byOpt: map[string]string{}}
	orgName := s.orgNames()
	var opts []string
	for _, p := range people {
		label := uikit.JoinDot(p.Name(), orgName[p.OrganisationID])
		if _, dup := b.byOpt[label]; dup {
			label += " (" + p.Email + ")"
		}
		opts = append(opts, label)
		b.byOpt[label] = p.ID
	}
	b.picks = widget.NewCheckGroup(opts, nil)
	filter := widget.NewEntry()
	b.search = filter
	filter.SetPlaceHolder(lang.X("eventday.bulk_filter", "Sök …"))
	filter.OnChanged = func(q string) {
		words := strings.Fields(uikit.Fold(q))
		var shown []string
		for _, o := range opts {
			ok := true
			for _, w := range words {
				ok = ok && strings.Contains(uikit.Fold(o), w)
			}
			if ok || slices.Contains(b.picks.Selected, o) {
				shown = append(shown, o)
			}
		}
		b.picks.Options = shown
		b.picks.Refresh()
	}
	all := widget.NewButton(lang.X("eventday.bulk_all", "Markera alla som visas"), func() {
		b.picks.SetSelected(append([]string(nil), b.picks.Options...))
	})
	b.pasted = widget.NewMultiLineEntry()
	b.pasted.SetPlaceHolder(lang.X("eventday.bulk_paste_hint", "En person per rad: e-postadress, eller Förnamn Efternamn, Organisation"))
	b.pasted.SetMinRowsVisible(10)
	pick := container.NewTabItem(lang.X("eventday.bulk_pick", "Välj"), container.NewBorder(container.NewBorder(nil, nil, nil, all, filter), nil, nil, nil,
		container.NewVScroll(b.picks)))
	b.listTab = container.NewTabItem(lang.X("eventday.bulk_list", "Klistra in en lista"), container.NewBorder(
		widget.NewLabel(lang.X("eventday.bulk_list_help", "Kopiera kolumnen ur ett kalkylark eller ett e-postmeddelande.")), nil, nil, nil, b.pasted))
	if pupils == nil {
		b.tabs = container.NewAppTabs(pick, b.listTab)
	} else {
		pick.Text = lang.X("eventday.bulk_contacts", "Kontakter")
		b.pupils = newPupilPicker(pupils)
		b.tabs = container.NewAppTabs(container.NewTabItem(lang.X("eventday.bulk_pupils", "Elever"), b.pupils.content), pick, b.listTab)
		b.search = b.pupils.search
	}
	b.dlg = dialog.NewCustomConfirm(lang.X("eventday.bulk_title", "Anmäl flera till {{.Title}}", map[string]string{"Title": s.current.Title}),
		lang.X("eventday.bulk_ok", "Anmäl"), lang.X("events.walk_cancel", "Avbryt"), b.tabs, func(ok bool) {
			if ok {
				b.submit()
			}
		}, s.main.Window())
	b.dlg.Resize(fyne.NewSize(620, 540))
	return b
}

// submit registers the picked people, or the pasted list when that tab is
// open. A list with a line that names nobody registers nobody.
func (b *bulkDialog) submit() {
	s := b.s
	st, id, l := s.main.Store(), s.current.ID, text.Lang(s.main.Language())
	var ids, pupilIDs []string
	for _, o := range b.picks.Selected {
		ids = append(ids, b.byOpt[o])
	}
	if b.pupils != nil {
		pupilIDs = b.pupils.selectedIDs()
	}
	lines := strings.Split(b.pasted.Text, "\n")
	useList := b.tabs.Selected() == b.listTab
	if (useList && strings.TrimSpace(b.pasted.Text) == "") || (!useList && len(ids)+len(pupilIDs) == 0) {
		// Nothing to register: say so and open the dialog again as it was
		// (found by use: "Anmäl" with nothing ticked closed it, silently).
		s.bulkResult = lang.X("eventday.bulk_nothing", "Ingen är vald. Bocka för dem som ska anmälas, eller klistra in en lista.")
		info := dialog.NewInformation(lang.X("eventday.bulk_ok", "Anmäl"), s.bulkResult, s.main.Window())
		info.SetOnClosed(b.dlg.Show)
		info.Show()
		return
	}
	s.main.Background(func() func() {
		ctx := context.Background()
		var res data.BulkRegistered
		var err error
		if useList {
			res, err = st.RegisterList(ctx, id, lines)
		} else {
			res, err = st.RegisterMany(ctx, id, ids, pupilIDs)
		}
		return func() {
			var le *data.ListLineError
			if errors.As(err, &le) {
				dialog.ShowError(errors.New(le.Message(l)), s.main.Window())
				return
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.bulkResult = lang.X("eventday.bulk_done", "{{.R}} anmälda, {{.W}} reserver, {{.A}} fanns redan på listan.",
				map[string]string{"R": strconv.Itoa(res.Registered), "W": strconv.Itoa(res.Waitlisted), "A": strconv.Itoa(res.Already)})
			dialog.ShowInformation(lang.X("eventday.bulk_ok", "Anmäl"), s.bulkResult, s.main.Window())
			s.loadRegs()
			s.Reload()
		}
	})
}

// onPromoted shows the reserves who moved up to a seat, with the letter
// (or e-mail) to send each of them, ready to copy.
func (s *Screen) onPromoted() {
	if s.current.ID == "" {
		return
	}
	st, e := s.main.Store(), s.current
	l := text.Lang(s.main.Language())
	s.main.Background(func() func() {
		ps, err := st.PromotedReserves(context.Background(), e.ID)
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.promoted = ps
			letter := widget.NewMultiLineEntry()
			letter.Wrapping = fyne.TextWrapWord
			letter.SetMinRowsVisible(12)
			var names []string
			for _, p := range ps {
				names = append(names, uikit.JoinDot(p.Name, p.Organisation))
			}
			pick := widget.NewList(func() int { return len(names) }, func() fyne.CanvasObject { return widget.NewLabel("") },
				func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(names[i]) })
			pick.OnSelected = func(i widget.ListItemID) { letter.SetText(data.PromotedLetter(e, ps[i].Name, l)) }
			copyBtn := widget.NewButton(lang.X("eventday.promoted_copy", "Kopiera brevet"), func() {
				s.main.App().Clipboard().SetContent(letter.Text)
			})
			head := widget.NewLabel(lang.X("eventday.promoted_none", "Ingen reserv har fått plats ännu."))
			if len(ps) > 0 {
				head.SetText(lang.X("eventday.promoted_head", "{{.N}} reserver har fått plats. Välj en för att se brevet till hen.",
					map[string]string{"N": strconv.Itoa(len(ps))}))
				letter.SetText(data.PromotedLetter(e, ps[0].Name, l))
			}
			body := container.NewBorder(head, copyBtn, nil, nil, container.NewGridWithColumns(2, pick, letter))
			d := dialog.NewCustom(lang.X("eventday.promoted_title", "Reserver som fått plats"), lang.X("action.close", "Stäng"), body, s.main.Window())
			d.Resize(fyne.NewSize(820, 520))
			s.promotedLetter = letter
			d.Show()
		}
	})
}
