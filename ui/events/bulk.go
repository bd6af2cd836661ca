package events

import (
	"context"
	"errors"
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
	s        *Screen
	contacts *picker       // Kontakter, the same tab for every kind of event
	pupils   *picker       // nil unless the event is for pupils
	search   *widget.Entry // the first tab's search, focused when the dialog opens
	pasted   *widget.Entry
	// listErr names the pasted lines that match nobody, or several, in
	// the dialog, which stays open with the list (found by use: the
	// dialog closed and the pasted list was gone).
	listErr *widget.Label
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
	orgName, onList := s.orgNames(), s.onList()
	s.main.Background(func() func() {
		ctx := context.Background()
		people, err := st.ListPeople(ctx, data.PersonFilter{})
		contacts := newContactRows(people, orgName, onList)
		var rows *pickRows
		if err == nil && forPupils {
			var pupils []data.Pupil
			pupils, err = st.ListPupils(ctx, data.PupilFilter{})
			rows = newPupilRows(pupils, orgName, onList)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.lastBulk = s.newBulkDialog(contacts, rows)
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

// onList says where each person or pupil on the event's list stands, by
// their id (the cancelled left out).
func (s *Screen) onList() map[string]string {
	out := map[string]string{}
	for _, r := range s.rows {
		if r.reg.Status != data.RegCancelled {
			out[r.reg.PersonID+r.reg.PupilID] = regStatusText(r.reg.Status)
		}
	}
	return out
}

// newBulkDialog makes Anmäl flera with contacts to pick from and, for a
// pupil event, pupils (nil: not a pupil event).
func (s *Screen) newBulkDialog(contacts, pupils *pickRows) *bulkDialog {
	b := &bulkDialog{s: s}
	if contacts == nil {
		contacts = &pickRows{}
	}
	b.contacts = newPicker(contacts, lang.X("eventday.bulk_filter", "Sök …"),
		lang.X("eventday.bulk_no_contacts", "Det finns inga kontakter här ännu. Lägg till dem under Kontakter."))
	b.search = b.contacts.search
	b.pasted = widget.NewMultiLineEntry()
	b.pasted.SetPlaceHolder(lang.X("eventday.bulk_paste_hint", "En person per rad: e-postadress, eller Förnamn Efternamn, Organisation"))
	b.pasted.SetMinRowsVisible(10)
	b.listErr = widget.NewLabel("")
	b.listErr.Wrapping = fyne.TextWrapWord
	b.listErr.Importance = widget.DangerImportance
	b.listErr.Hide()
	contactsTab := container.NewTabItem(lang.X("eventday.bulk_contacts", "Kontakter"), b.contacts.content)
	b.listTab = container.NewTabItem(lang.X("eventday.bulk_list", "Klistra in en lista"), container.NewBorder(
		container.NewVBox(widget.NewLabel(lang.X("eventday.bulk_list_help", "Kopiera kolumnen ur ett kalkylark eller ett e-postmeddelande.")), b.listErr),
		nil, nil, nil, b.pasted))
	if pupils == nil {
		b.tabs = container.NewAppTabs(contactsTab, b.listTab)
	} else {
		b.pupils = newPicker(pupils, lang.X("eventday.bulk_pupil_filter", "Sök namn, klass eller skola …"),
			lang.X("eventday.bulk_no_pupils", "Det finns inga elever här ännu. Läs in en klasslista under Elever."))
		b.tabs = container.NewAppTabs(container.NewTabItem(lang.X("eventday.bulk_pupils", "Elever"), b.pupils.content), contactsTab, b.listTab)
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
	st, id := s.main.Store(), s.current.ID
	ids := b.contacts.selectedIDs()
	var pupilIDs []string
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
				// The dialog opens again on the list as pasted, saying
				// which lines to mend; nobody was registered.
				b.listErr.SetText(listErrorText(le, lines))
				b.listErr.Show()
				b.tabs.Select(b.listTab)
				b.dlg.Show()
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

// listErrorText names the lines of a pasted list that match nobody, or
// several people, with what they say.
func listErrorText(le *data.ListLineError, lines []string) string {
	var out []string
	line := func(key, sv string, n int) {
		t := ""
		if n-1 < len(lines) {
			t = strings.TrimSpace(lines[n-1])
		}
		out = append(out, lang.X(key, sv, map[string]string{"Line": strconv.Itoa(n), "Text": t}))
	}
	for _, n := range le.Unknown {
		line("eventday.bulk_line_unknown", "Rad {{.Line}} (”{{.Text}}”): ingen person hittades.", n)
	}
	for _, n := range le.Ambiguous {
		line("eventday.bulk_line_ambiguous", "Rad {{.Line}} (”{{.Text}}”): flera personer passar. Skriv e-postadressen i stället.", n)
	}
	out = append(out, lang.X("eventday.bulk_list_fix", "Ingen anmäldes. Rätta eller ta bort raderna och tryck Anmäl igen."))
	return strings.Join(out, "\n")
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
