// Package companies is the Företag och praoplatser screen: organisations
// with their people, offers and journey, and the host form through which a
// company offers prao places.
package companies

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// Shell is what Företag och praoplatser needs from the window besides the
// Base: printing, an offer's calendar and the host form as an exchange file.
type Shell interface {
	uikit.Base
	// PrintFor opens Utskrifter with that choice made.
	PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string)
	// SaveOfferCalendar asks where to save an offer's calendar and writes it.
	SaveOfferCalendar(offerID string)
	// ShowHostFormFile opens the exchange export of one company's host form.
	ShowHostFormFile(companyID string)
}

// Screen is "Företag och praoplatser": schools and companies in a
// searchable list on the left; on the right the chosen one's form, its
// contacts, its offers per period and its journey toward an equal workplace.
// The host form opens in the right-hand pane as well.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	search *widget.Entry
	kind   *widget.Select
	list   *widget.List
	newBtn *widget.Button
	count  *widget.Label
	head   *widget.Label // the shown organisation's name above its form
	// openFound opens the organisation found by ShowFound once the list
	// has it.
	openFound bool
	kindRow   *fyne.Container
	status    *widget.Label

	undoBar   *fyne.Container
	undoLabel *widget.Label
	undoBtn   *widget.Button
	undoFn    func() error

	detail *fyne.Container // holds the right-hand side
	// detailScroll scrolls the organisation shown (detailScrollOrg).
	detailScroll    *container.Scroll
	detailScrollOrg string

	all         []data.Organisation
	offerCounts map[string]int
	journeys    map[string]data.Progress // each member's latest journey year
	shown       []data.Organisation
	selectedID  string
	selecting   bool // the list selection is being set by code

	// The organisation on the right and what belongs to it.
	org     data.Organisation
	people  []data.Person
	offers  []data.Offer
	periods []data.Period
	journey []data.JourneyEntry
	form    *orgForm
	host    *hostForm // the open host form, nil when none

	// listLoaded and detailLoaded are closed when the latest load has
	// landed (tests wait on them).
	listLoaded   chan struct{}
	detailLoaded chan struct{}

	// editAfterLoad is the person whose contact dialog opens once their
	// organisation is shown (EditContact); lastPerson the dialog opened.
	editAfterLoad string
	lastPerson    *personDialog
}

// The kind filter's choices, in display order.
var companyKindFilter = []data.OrgKind{"", data.KindCompany, data.KindSchool, data.KindOther}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, offerCounts: map[string]int{}}
	title := widget.NewLabelWithStyle(lang.X("nav.companies", "Företag och praoplatser"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("companies.search", "Sök namn, kommun, bransch …"))
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.kind = widgets.NewSelect(companyKindOptions(), nil)
	s.kind.SetSelectedIndex(0)
	s.kind.OnChanged = func(string) { s.applyFilter() }
	s.newBtn = widget.NewButtonWithIcon(lang.X("companies.new", "Ny"), theme.ContentAddIcon(), s.OnNew)
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()

	s.list = widget.NewList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("Värmlandsnäs Fiberoptik Kristinehamn 2 AB", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Wrapping = fyne.TextWrapWord
			name.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.SizeName = theme.SizeNameCaptionText
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.New(&companyRowLayout{}, name, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.shown) {
				return
			}
			org := s.shown[i]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(org.Name)
			row.Objects[1].(*widget.Label).SetText(s.orgSubtitle(org))
		})
	s.list.OnSelected = s.onListSelected

	s.undoLabel = widget.NewLabel("")
	s.undoLabel.Wrapping = fyne.TextWrapWord
	s.undoBtn = widget.NewButtonWithIcon(lang.X("companies.undo", "Ångra"), theme.ContentUndoIcon(), s.onUndo)
	s.undoBar = container.NewBorder(nil, nil, nil, s.undoBtn, s.undoLabel)
	s.undoBar.Hide()

	s.kindRow = container.NewBorder(nil, nil, widget.NewLabel(lang.X("companies.show", "Visa")), s.count, s.kind)
	top := container.NewVBox(title,
		container.NewBorder(nil, nil, nil, s.newBtn, s.search),
		s.kindRow,
		s.status, s.undoBar)
	left := container.NewBorder(top, nil, nil, nil, s.list)

	s.detail = container.NewStack(s.emptyDetail())
	split := container.NewHSplit(container.NewPadded(left), s.detail)
	split.Offset = 0.34
	s.content = split
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches the list again (and the chosen organisation).
func (s *Screen) Reload() {
	s.refreshList()
	if s.selectedID != "" && s.host == nil {
		s.loadDetail(s.selectedID)
	}
	if s.host != nil {
		s.reloadHostPeriods(s.host)
	}
}

// reloadHostPeriods gives the open host form the periods as they are now:
// one may have been created under Praoperioder, or a week under
// Teknikprao, since the company was read.
func (s *Screen) reloadHostPeriods(h *hostForm) {
	st := s.main.Store()
	s.main.Background(func() func() {
		periods, err := st.ListPeriods(context.Background())
		return func() {
			if err != nil || s.host != h || slices.EqualFunc(periods, h.periods, samePeriod) {
				return
			}
			s.periods = periods
			h.setPeriods(periods)
		}
	})
}

// companyRowLayout lays out a list row: the name on up to two lines, the
// subtitle below it.
type companyRowLayout struct{}

func (companyRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	sub := objs[1].MinSize()
	line := fyne.MeasureText("Åg", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
	h := 2*line + 2*theme.InnerPadding() + sub.Height - theme.InnerPadding()
	return fyne.NewSize(sub.Width, h)
}

func (companyRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	sub := objs[1].MinSize()
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, size.Height-sub.Height+theme.InnerPadding()))
	// The subtitle follows the name directly, whether it took one line or two.
	nameH := fyne.Min(objs[0].MinSize().Height, size.Height-sub.Height+theme.InnerPadding())
	objs[0].Resize(fyne.NewSize(size.Width, nameH))
	objs[1].Move(fyne.NewPos(0, nameH-theme.InnerPadding()))
	objs[1].Resize(fyne.NewSize(size.Width, sub.Height))
}

func companyKindOptions() []string {
	return []string{
		lang.X("companies.filter.all", "Alla"),
		lang.X("companies.filter.company", "Företag"),
		lang.X("companies.filter.school", "Skolor"),
		lang.X("companies.filter.other", "Annat"),
	}
}

// companyKindText names a kind of organisation in the user's language.
func companyKindText(k data.OrgKind) string {
	switch k {
	case data.KindCompany:
		return lang.X("companies.kind.company", "Företag")
	case data.KindSchool:
		return lang.X("companies.kind.school", "Skola")
	}
	return lang.X("companies.kind.other", "Annat")
}

// companyRoleText names a person's role in the user's language.
func companyRoleText(r data.Role) string {
	switch r {
	case data.RoleHR:
		return lang.X("companies.role.hr", "HR")
	case data.RoleSupervisor:
		return lang.X("companies.role.supervisor", "Handledare")
	case data.RoleRoleModel:
		return lang.X("companies.role.role_model", "Förebild")
	case data.RoleCounsellor:
		return lang.X("companies.role.counsellor", "SYV")
	}
	return lang.X("companies.role.other", "Annan roll")
}

func (s *Screen) orgSubtitle(o data.Organisation) string {
	parts := []string{companyKindText(o.Kind)}
	if o.Municipality != "" {
		parts = append(parts, o.Municipality)
	}
	if !o.MemberSince.IsZero() {
		parts = append(parts, lang.X("companies.member_short", "medlem"))
	}
	if p, ok := s.journeys[o.ID]; ok {
		parts = append(parts, journeyStateText(p))
	}
	if n := s.offerCounts[o.ID]; n > 0 {
		parts = append(parts, uikit.Plural(n, "companies.offer_count.one", "{{.N}} praoplats", "companies.offer_count.other", "{{.N}} praoplatser", nil))
	}
	return strings.Join(parts, " · ")
}

// listData is what one list load fetches off the UI goroutine.
type listData struct {
	orgs     []data.Organisation
	counts   map[string]int
	journeys map[string]data.Progress
	err      error
}

// refreshList loads the organisations off the UI goroutine and swaps them in.
func (s *Screen) refreshList() {
	st := s.main.Store()
	done := make(chan struct{})
	s.listLoaded = done
	s.main.Background(func() func() {
		ctx := context.Background()
		var d listData
		d.orgs, d.err = st.ListOrganisations(ctx, "")
		if d.err == nil {
			d.counts, d.err = st.OrganisationOfferCounts(ctx)
		}
		if d.err == nil {
			d.journeys, d.err = st.LatestProgress(ctx)
		}
		return func() {
			s.applyList(d)
			close(done)
		}
	})
}

func (s *Screen) applyList(d listData) {
	if d.err != nil {
		s.showStatus(lang.X("companies.load_failed", "Kunde inte läsa databasen: {{.Error}}", map[string]string{"Error": d.err.Error()}))
		return
	}
	s.all, s.offerCounts, s.journeys = d.orgs, d.counts, d.journeys
	s.applyFilter()
}

// companyMatches reports whether o matches every word of the search.
func companyMatches(o data.Organisation, query string) bool {
	hay := strings.ToLower(strings.Join([]string{o.Name, o.Municipality, o.Sector, o.OrgNumber, o.VisitingAddress}, " "))
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// filterKind is the kind the list is narrowed to, "" for every kind.
func (s *Screen) filterKind() data.OrgKind {
	if i := s.kind.SelectedIndex(); i > 0 && i < len(companyKindFilter) {
		return companyKindFilter[i]
	}
	return ""
}

// applyFilter narrows the list to the search and kind, keeping the selection.
func (s *Screen) applyFilter() {
	kind := s.filterKind()
	s.shown = s.shown[:0:0]
	for _, o := range s.all {
		if (kind == "" || o.Kind == kind) && companyMatches(o, s.search.Text) {
			s.shown = append(s.shown, o)
		}
	}
	s.count.SetText(lang.X("companies.count", "{{.N}} st", map[string]string{"N": strconv.Itoa(len(s.shown))}))
	s.kindRow.Refresh()
	s.list.Refresh()
	s.selecting = true
	s.list.UnselectAll()
	for i, o := range s.shown {
		if o.ID == s.selectedID {
			s.list.Select(i)
			s.list.ScrollTo(i)
			break
		}
	}
	s.selecting = false
	if s.openFound && s.all != nil { // once the list is read
		s.openFound = false
		if len(s.shown) == 1 {
			s.openOrganisation(s.shown[0].ID)
		}
	}
}

// ShowFound shows the organisations whose name matches text, of every
// kind, and opens the one when it is the only one: a checklist line names
// the school that lacks a contact or a municipality, and this is where it
// is added.
func (s *Screen) ShowFound(text string) {
	s.openFound = false // the filters below each filter once on their own
	s.kind.SetSelectedIndex(0)
	s.search.SetText(text)
	s.openFound = true
	s.applyFilter()
}

func (s *Screen) onListSelected(i widget.ListItemID) {
	if s.selecting || i >= len(s.shown) {
		return
	}
	id := s.shown[i].ID
	s.askHostThen(func() { s.openOrganisation(id) }, func() {
		// Staying with the host form's edits: its company stays chosen.
		s.selecting = true
		s.list.UnselectAll()
		if k := slices.IndexFunc(s.shown, func(o data.Organisation) bool { return o.ID == s.selectedID }); k >= 0 {
			s.list.Select(k)
		}
		s.selecting = false
	})
}

// AskToLeave asks about the host form's unsaved edits before the window
// shows another screen (uikit.Leaver). Found by use: a changed number of
// seats was lost without a word when the counsellor went to Matchning.
func (s *Screen) AskToLeave(next func()) { s.askHostThen(next, nil) }

// askHostThen runs next at once when the host form shown has no unsaved
// edits; else it asks to save or discard them first (uikit.AskThen),
// and runs stay, when not nil, if the user stays. Discarding shows the
// form again as saved.
func (s *Screen) askHostThen(next, stay func()) {
	h := s.host
	if h == nil {
		next()
		return
	}
	uikit.AskThen(s.main.Window(), h.dirty(), h.title.Text, lang.X("hostform.untitled", "den nya praoplatsen"),
		h.save, func() {
			if s.host == h {
				s.openHostForm(h.offer)
			}
		}, next, stay)
}

// openOrganisation shows an organisation on the right, loading it off the UI
// goroutine.
func (s *Screen) openOrganisation(id string) {
	s.selectedID = id
	s.host = nil
	s.loadDetail(id)
}

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (s *Screen) FocusSearch() { s.main.Window().Canvas().Focus(s.search) }

// OnNew starts a new organisation of the kind the filter shows, a company by
// default (Ctrl+N).
func (s *Screen) OnNew() { s.askHostThen(s.newOrganisation, nil) }

// newOrganisation shows an empty organisation form (OnNew).
func (s *Screen) newOrganisation() {
	kind := data.KindCompany
	if i := s.kind.SelectedIndex(); i > 1 && i < len(companyKindFilter) {
		kind = companyKindFilter[i]
	}
	s.selectedID = ""
	s.host = nil
	s.selecting = true
	s.list.UnselectAll()
	s.selecting = false
	s.org, s.people, s.offers, s.journey = data.Organisation{Kind: kind}, nil, nil, nil
	s.showDetail()
	s.main.Window().Canvas().Focus(s.form.name)
}

func (s *Screen) emptyDetail() fyne.CanvasObject {
	l := widget.NewLabel(lang.X("companies.choose", "Välj en skola eller ett företag i listan, eller skapa ett nytt med Ny."))
	l.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(l))
}

func (s *Screen) showStatus(text string) {
	s.status.SetText(text)
	if text == "" {
		s.status.Hide()
	} else {
		s.status.Show()
	}
}

// offerUndo shows "X togs bort" with an Ångra button that runs restore.
func (s *Screen) offerUndo(text string, restore func() error) {
	s.undoLabel.SetText(text)
	s.undoFn = restore
	s.undoBar.Show()
}

func (s *Screen) onUndo() {
	fn := s.undoFn
	s.undoFn = nil
	s.undoBar.Hide()
	if fn == nil {
		return
	}
	if err := fn(); err != nil {
		dialog.ShowError(err, s.main.Window())
		return
	}
	s.refreshList()
	if s.selectedID != "" {
		s.loadDetail(s.selectedID)
	}
}

// detailData is what one detail load fetches off the UI goroutine.
type detailData struct {
	org     data.Organisation
	people  []data.Person
	offers  []data.Offer
	periods []data.Period
	journey []data.JourneyEntry
	err     error
}

func (s *Screen) loadDetail(id string) {
	st := s.main.Store()
	done := make(chan struct{})
	s.detailLoaded = done
	s.main.Background(func() func() {
		ctx := context.Background()
		var d detailData
		d.org, d.err = st.GetOrganisation(ctx, id)
		if d.err == nil {
			d.people, d.err = st.ListPeople(ctx, data.PersonFilter{OrganisationID: id})
		}
		if d.err == nil {
			d.offers, d.err = st.ListOffers(ctx, data.OfferFilter{HostID: id})
		}
		if d.err == nil {
			d.periods, d.err = st.ListPeriods(ctx)
		}
		if d.err == nil {
			d.journey, d.err = st.ListJourneyEntries(ctx, id)
		}
		return func() {
			if s.selectedID == id && s.host == nil {
				s.applyDetail(d)
			}
			close(done)
		}
	})
}

func (s *Screen) applyDetail(d detailData) {
	if d.err != nil {
		if errors.Is(d.err, data.ErrNotFound) {
			s.selectedID = ""
			s.setDetail(s.emptyDetail())
			return
		}
		s.showStatus(lang.X("companies.load_failed", "Kunde inte läsa databasen: {{.Error}}", map[string]string{"Error": d.err.Error()}))
		return
	}
	s.org, s.people, s.offers, s.periods, s.journey = d.org, d.people, d.offers, d.periods, d.journey
	s.showDetail()
	if id := s.editAfterLoad; id != "" {
		s.editAfterLoad = ""
		if id == uikit.NewContactID {
			s.lastPerson = s.editPerson(data.Person{OrganisationID: s.org.ID})
		}
		for _, p := range s.people {
			if p.ID == id {
				s.lastPerson = s.editPerson(p)
			}
		}
	}
}

// EditContact shows the person's organisation, chosen in the list, and
// opens the contact dialog for them, or an empty one for
// uikit.NewContactID: Kontakter's "Ändra" and "Ny kontakt" (found by use:
// Kontakter only listed, and a wrong e-mail address had to be hunted down
// here by hand).
func (s *Screen) EditContact(orgID, personID string) {
	s.editAfterLoad = personID
	s.selectedID, s.host = orgID, nil
	if s.all != nil && !slices.ContainsFunc(s.shown, func(o data.Organisation) bool { return o.ID == orgID }) {
		// A filter hides it: show every organisation.
		s.kind.SetSelectedIndex(0)
		s.search.SetText("")
	}
	s.applyFilter()
	s.loadDetail(orgID)
}

func (s *Screen) setDetail(o fyne.CanvasObject) {
	s.detail.Objects = []fyne.CanvasObject{o}
	s.detail.Refresh()
}

var orgNumberPattern = regexp.MustCompile(`^\d{6}-?\d{4}$`)

// orgForm is the organisation's form on the right.
type orgForm struct {
	kind         *widget.Select
	name         *widget.Entry
	orgNumber    *widget.Entry
	municipality *widget.SelectEntry
	address      *widget.Entry
	sector       *widget.Entry
	memberSince  *widgets.DateField
	companyRows  []fyne.CanvasObject // Bransch and Medlem sedan, label and field
	notes        *widgets.MultiLineField
	errs         map[string]*widget.Label
	saveBtn      *widget.Button
	deleteBtn    *widget.Button
	saved        *widget.Label
}

var orgKinds = []data.OrgKind{data.KindCompany, data.KindSchool, data.KindOther}

func (s *Screen) newOrgForm(o data.Organisation) (*orgForm, fyne.CanvasObject) {
	f := &orgForm{errs: map[string]*widget.Label{}}
	for _, k := range []string{"kind", "name", "org_number", "municipality", "visiting_address", "sector", "member_since", "notes"} {
		f.errs[k] = widgets.NewErrLabel()
	}
	var kinds []string
	for _, k := range orgKinds {
		kinds = append(kinds, companyKindText(k))
	}
	f.kind = widgets.NewSelect(kinds, func(string) { widgets.ShowErr(f.errs["kind"], "") })
	for i, k := range orgKinds {
		if o.Kind == k {
			f.kind.SetSelectedIndex(i)
		}
	}
	entry := func(text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { s.onSaveOrganisation() }
		return e
	}
	f.name = entry(o.Name, lang.X("companies.name_placeholder", "t.ex. Klarälvens Robotik AB"))
	// A "Måste fyllas i" from the last save goes as soon as it is untrue,
	// not at the next save.
	f.name.OnChanged = func(t string) {
		if strings.TrimSpace(t) != "" {
			widgets.ShowErr(f.errs["name"], "")
		}
	}
	f.orgNumber = entry(o.OrgNumber, "556677-8899")
	f.municipality = widget.NewSelectEntry(data.Municipalities)
	f.municipality.SetText(o.Municipality)
	f.municipality.OnSubmitted = func(string) { s.onSaveOrganisation() }
	f.address = entry(o.VisitingAddress, lang.X("companies.address_placeholder", "Gata 1, 652 24 Karlstad"))
	f.sector = entry(o.Sector, lang.X("companies.sector_placeholder", "t.ex. IT och mjukvara"))
	f.memberSince = widgets.NewDateField(s.main.Window())
	f.memberSince.SetDate(o.MemberSince)
	f.memberSince.Entry.OnSubmitted = func(string) { s.onSaveOrganisation() }
	onDate := f.memberSince.Entry.OnChanged
	f.memberSince.Entry.OnChanged = func(t string) {
		if onDate != nil {
			onDate(t)
		}
		if _, err := data.ParseDate(t); err != nil {
			widgets.ShowErr(f.errs["member_since"], lang.X("companies.bad_date", "Skriv datumet som 2026-11-09."))
		} else {
			widgets.ShowErr(f.errs["member_since"], "")
		}
	}
	f.notes = widgets.NewMultiLineField()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetText(o.Notes)
	f.notes.SetMinRowsVisible(3)

	grid := widgets.FormGrid(
		widgets.Field(lang.X("companies.field.kind", "Typ"), f.kind, f.errs["kind"]),
		widgets.Field(lang.X("companies.field.name", "Namn"), f.name, f.errs["name"]),
		widgets.Field(lang.X("companies.field.org_number", "Organisationsnummer"), f.orgNumber, f.errs["org_number"]),
		widgets.Field(lang.X("companies.field.municipality", "Kommun"), f.municipality, f.errs["municipality"]),
		widgets.Field(lang.X("companies.field.address", "Besöksadress"), f.address, f.errs["visiting_address"]),
		widgets.Field(lang.X("companies.field.sector", "Bransch"), f.sector, f.errs["sector"]),
		widgets.Field(lang.X("companies.field.member_since", "Medlem sedan"), f.memberSince, f.errs["member_since"]),
		widgets.Field(lang.X("companies.field.notes", "Anteckningar"), f.notes, f.errs["notes"]),
	)
	// Bransch and Medlem sedan are a company's: a school's form leaves
	// them out (found by use). Their label and field are the grid's
	// objects 10–13; the form layout skips a row whose both are hidden.
	f.companyRows = grid.Objects[10:14]
	f.showKindFields(o.Kind)
	onKind := f.kind.OnChanged
	f.kind.OnChanged = func(v string) {
		if onKind != nil {
			onKind(v)
		}
		if i := f.kind.SelectedIndex(); i >= 0 && i < len(orgKinds) {
			f.showKindFields(orgKinds[i])
		}
	}
	f.saveBtn = widget.NewButtonWithIcon(lang.X("companies.save", "Spara"), theme.DocumentSaveIcon(), s.onSaveOrganisation)
	f.saveBtn.Importance = widget.HighImportance
	f.deleteBtn = widget.NewButtonWithIcon(lang.X("companies.delete", "Ta bort"), theme.DeleteIcon(), s.onDeleteOrganisation)
	if o.ID == "" {
		f.deleteBtn.Hide()
	}
	f.saved = widgets.NewSavedLabel()
	return f, container.NewVBox(grid, widgets.SavedRow(f.saved, f.saveBtn, f.deleteBtn))
}

// showKindFields shows the fields that kind of organisation has.
func (f *orgForm) showKindFields(kind data.OrgKind) {
	for _, o := range f.companyRows {
		if kind == data.KindSchool {
			o.Hide()
		} else {
			o.Show()
		}
	}
}

// read collects the form into an organisation; a field the UI itself can
// check (date, organisation number) returns its error.
func (f *orgForm) read(base data.Organisation) (data.Organisation, bool) {
	o := base
	ok := true
	if i := f.kind.SelectedIndex(); i >= 0 && i < len(orgKinds) {
		o.Kind = orgKinds[i]
	} else {
		o.Kind = ""
	}
	o.Name = strings.TrimSpace(f.name.Text)
	o.OrgNumber = strings.TrimSpace(f.orgNumber.Text)
	o.Municipality = strings.TrimSpace(f.municipality.Text)
	o.VisitingAddress = strings.TrimSpace(f.address.Text)
	o.Sector = strings.TrimSpace(f.sector.Text)
	o.Notes = f.notes.Text
	for _, l := range f.errs {
		widgets.ShowErr(l, "")
	}
	if o.OrgNumber != "" && !orgNumberPattern.MatchString(o.OrgNumber) {
		widgets.ShowErr(f.errs["org_number"], lang.X("companies.bad_org_number", "Skriv organisationsnumret som 556677-8899."))
		ok = false
	}
	d, err := data.ParseDate(f.memberSince.Entry.Text)
	if err != nil {
		widgets.ShowErr(f.errs["member_since"], lang.X("companies.bad_date", "Skriv datumet som 2026-11-09."))
		ok = false
	}
	o.MemberSince = d
	return o, ok
}

// showErrors puts each field error beside its field; it reports whether err
// was a validation error.
func (f *orgForm) showErrors(err error) bool { return widgets.ShowFieldErrors(err, f.errs, "name") }

func (s *Screen) onSaveOrganisation() {
	f := s.form
	o, ok := f.read(s.org)
	if !ok {
		return
	}
	if err := s.main.Store().SaveOrganisation(context.Background(), &o); err != nil {
		if !f.showErrors(err) {
			dialog.ShowError(err, s.main.Window())
		}
		return
	}
	isNew := s.org.ID == ""
	s.org = o
	s.selectedID = o.ID
	if kind := s.filterKind(); kind != "" && kind != o.Kind || !companyMatches(o, s.search.Text) {
		// Found by use: a company made while the search held a school's
		// name was saved, but neither listed nor chosen.
		s.kind.SetSelectedIndex(0)
		s.search.SetText("")
	}
	f.saved.SetText(lang.X("companies.saved", "Sparat."))
	if isNew {
		s.showDetail()
		s.form.saved.SetText(lang.X("companies.saved", "Sparat."))
	} else if s.head != nil {
		s.head.SetText(o.Name) // renamed: the heading says so at once
	}
	s.refreshList()
}

func (s *Screen) onDeleteOrganisation() {
	o := s.org
	if o.ID == "" {
		return
	}
	msg := lang.X("companies.delete_confirm", "Ta bort {{.Name}}? Du kan ångra direkt efteråt.", map[string]string{"Name": o.Name})
	uikit.ConfirmDelete(lang.X("companies.delete_title", "Ta bort"), msg, func(yes bool) {
		if yes {
			s.deleteOrganisation(o)
		}
	}, s.main.Window())
}

func (s *Screen) deleteOrganisation(o data.Organisation) {
	st := s.main.Store()
	if err := st.DeleteOrganisation(context.Background(), o.ID); err != nil {
		dialog.ShowError(err, s.main.Window())
		return
	}
	s.selectedID = ""
	s.setDetail(s.emptyDetail())
	s.offerUndo(lang.X("companies.deleted", "{{.Name}} togs bort.", map[string]string{"Name": o.Name}), func() error {
		s.selectedID = o.ID
		return st.RestoreOrganisation(context.Background(), o.ID)
	})
	s.refreshList()
}

// showDetail builds the right-hand side for s.org and what was loaded with it.
func (s *Screen) showDetail() {
	o := s.org
	name := o.Name
	if o.ID == "" {
		name = lang.X("companies.new_title", "Ny organisation")
	}
	head := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	head.Wrapping = fyne.TextWrapWord
	s.head = head
	form, formObj := s.newOrgForm(o)
	s.form = form
	parts := []fyne.CanvasObject{head, formObj}
	if o.ID != "" {
		parts = append(parts, widget.NewSeparator(), s.contactsSection())
		if o.Kind == data.KindCompany {
			parts = append(parts, widget.NewSeparator(), s.offersSection(), widget.NewSeparator(), s.journeySection())
		}
	}
	// The same organisation shown again (a step or a contact saved) keeps
	// its scroll position: found by use, saving a journey step far down
	// the page jumped back to the top.
	var offset fyne.Position
	if s.detailScroll != nil && s.detailScrollOrg == o.ID && o.ID != "" {
		offset = s.detailScroll.Offset
	}
	sc := container.NewVScroll(container.NewPadded(container.NewVBox(parts...)))
	s.detailScroll, s.detailScrollOrg = sc, o.ID
	s.setDetail(sc)
	if offset.Y > 0 {
		sc.ScrollToOffset(offset)
	}
}

// contactsSection lists the organisation's people with their roles.
func (s *Screen) contactsSection() fyne.CanvasObject {
	box := container.NewVBox(widgets.HeadingLabel(lang.X("companies.contacts", "Kontakter")))
	if len(s.people) == 0 {
		box.Add(widgets.WrapLabel(lang.X("companies.no_contacts", "Inga kontakter ännu.")))
	}
	for _, p := range s.people {
		p := p
		name := widget.NewLabelWithStyle(p.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Wrapping = fyne.TextWrapWord
		var roles []string
		for _, r := range p.Roles {
			roles = append(roles, companyRoleText(r))
		}
		var facts []string
		for _, x := range []string{strings.Join(roles, ", "), p.Title, p.Email, p.Phone} {
			if x != "" {
				facts = append(facts, x)
			}
		}
		col := container.NewVBox(name, widgets.WrapLabel(strings.Join(facts, " · ")))
		if p.Journey != "" {
			j := widgets.WrapLabel(p.Journey)
			j.TextStyle = fyne.TextStyle{Italic: true}
			col.Add(j)
		}
		edit := widget.NewButtonWithIcon(lang.X("companies.edit", "Ändra"), theme.DocumentCreateIcon(), func() { s.editPerson(p) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onDeletePerson(p) })
		box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(edit, del)), col))
	}
	add := widget.NewButtonWithIcon(lang.X("companies.add_contact", "Lägg till kontakt"), theme.ContentAddIcon(), func() {
		s.editPerson(data.Person{OrganisationID: s.org.ID})
	})
	box.Add(container.NewHBox(add))
	return box
}

// offersSection lists the company's offers, grouped per period.
func (s *Screen) offersSection() fyne.CanvasObject {
	box := container.NewVBox(widgets.HeadingLabel(lang.X("companies.offers", "Praoplatser")))
	newBtn := widget.NewButtonWithIcon(lang.X("companies.new_offer", "Ny praoplats"), theme.ContentAddIcon(), func() {
		s.openHostForm(data.Offer{HostID: s.org.ID, VisitingAddress: s.org.VisitingAddress})
	})
	if len(s.offers) == 0 {
		box.Add(widgets.WrapLabel(lang.X("companies.no_offers", "Inga praoplatser ännu.")))
	}
	byPeriod := map[string][]data.Offer{}
	for _, o := range s.offers {
		byPeriod[o.PeriodID] = append(byPeriod[o.PeriodID], o)
	}
	seen := map[string]bool{}
	group := func(pid, name string) {
		os := byPeriod[pid]
		if len(os) == 0 || seen[pid] {
			return
		}
		seen[pid] = true
		box.Add(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Italic: true}))
		for _, o := range os {
			o := o
			title := widget.NewLabelWithStyle(o.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Wrapping = fyne.TextWrapWord
			fd := map[string]string{"Status": offerStatusText(o.Status), "Capacity": strconv.Itoa(o.Capacity), "Days": strconv.Itoa(len(o.Days))}
			facts := lang.X("companies.offer_facts", "{{.Status}} · {{.Capacity}} platser · {{.Days}} dagar", fd)
			if o.Capacity == 1 {
				facts = lang.X("companies.offer_facts_one", "{{.Status}} · 1 plats · {{.Days}} dagar", fd)
			}
			week := slices.ContainsFunc(s.periods, func(p data.Period) bool { return p.ID == o.PeriodID && p.Format == data.FormatWeek })
			if week {
				// A week's offer takes teams in blocks, not pupils on days
				// (found by use: "4 platser · 4 dagar").
				facts = lang.X("companies.offer_facts_week", "{{.Status}} · {{.Days}} block", fd)
			}
			if len(o.Days) > 0 {
				facts += " (" + data.FormatDate(o.Days[0].Date) + " – " + data.FormatDate(o.Days[len(o.Days)-1].Date) + ")"
			}
			open := widget.NewButtonWithIcon(lang.X("companies.open_host_form", "Öppna värdformulär"), theme.DocumentIcon(), func() { s.openHostForm(o) })
			print := widget.NewButtonWithIcon(lang.X("companies.print_confirmation", "Värdbekräftelse"), theme.DocumentPrintIcon(), func() {
				s.main.PrintFor(reports.KindHosts, o.PeriodID, "", "", "", o.ID)
			})
			if week {
				// A classic period's document; a week's host gets its
				// run-sheet from Teknikprao → Skriv ut (found by use).
				print.Hide()
			}
			cal := widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { s.main.SaveOfferCalendar(o.ID) })
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onDeleteOffer(o) })
			box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(open, print, cal, del)), container.NewVBox(title, widgets.WrapLabel(facts))))
		}
	}
	for _, p := range s.periods {
		group(p.ID, p.Name)
	}
	for _, o := range s.offers { // offers of a period no longer listed
		group(o.PeriodID, lang.X("companies.unknown_period", "Okänd period"))
	}
	box.Add(container.NewHBox(newBtn))
	return box
}

// offerStatusText names an offer status in the user's language.
func offerStatusText(st data.OfferStatus) string {
	switch st {
	case data.OfferSubmitted:
		return lang.X("companies.offer_status.submitted", "inskickad")
	case data.OfferApproved:
		return lang.X("companies.offer_status.approved", "godkänd")
	}
	return lang.X("companies.offer_status.draft", "utkast")
}

// journeySection lists the company's steps toward an equal workplace.
func (s *Screen) journeySection() fyne.CanvasObject {
	// Found by use: a step here was looked for under Jämställdhetsresor,
	// whose figures are the yearly key figures and active measures.
	hint := widgets.WrapLabel(lang.X("companies.journey_hint", "Steg och berättelser att dela i nätverket. Årets nyckeltal och aktiva åtgärder förs under Jämställdhetsresor."))
	hint.Importance = widget.LowImportance
	box := container.NewVBox(widgets.HeadingLabel(lang.X("companies.journey", "Resan mot en jämställd arbetsplats")), hint)
	if len(s.journey) == 0 {
		box.Add(widgets.WrapLabel(lang.X("companies.no_journey", "Inga steg ännu. Vad har företaget gjort för en jämställd arbetsplats?")))
	}
	for i := len(s.journey) - 1; i >= 0; i-- { // newest first
		j := s.journey[i]
		title := widget.NewLabelWithStyle(data.FormatDate(j.Date)+" · "+j.Title+storyMarks(j), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		col := container.NewVBox(title)
		if j.Text != "" {
			col.Add(widgets.WrapLabel(j.Text))
		}
		edit := widget.NewButtonWithIcon(lang.X("companies.edit", "Ändra"), theme.DocumentCreateIcon(), func() { s.editJourney(j) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onDeleteJourney(j) })
		box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(edit, del)), col))
	}
	add := widget.NewButtonWithIcon(lang.X("companies.add_journey", "Lägg till steg"), theme.ContentAddIcon(), func() {
		s.editJourney(data.JourneyEntry{OrganisationID: s.org.ID, Date: s.main.Now()})
	})
	box.Add(container.NewHBox(add))
	return box
}

// formDialog shows content with Avbryt and Spara; onSave returns true when the
// dialog may close (false keeps it open showing the errors). Esc closes it.
type formDialog struct {
	d       *dialog.CustomDialog
	saveBtn *widget.Button
	close   func()
	title   string
	win     fyne.Window
}

func (s *Screen) newFormDialog(title string, onSave func() bool) *formDialog {
	fd := &formDialog{}
	fd.close = func() {
		if fd.d != nil {
			fd.d.Hide()
		}
	}
	fd.saveBtn = widget.NewButtonWithIcon(lang.X("companies.save", "Spara"), theme.DocumentSaveIcon(), func() {
		if onSave() {
			fd.close()
		}
	})
	fd.saveBtn.Importance = widget.HighImportance
	fd.title = title
	fd.win = s.main.Window()
	return fd
}

// show opens the dialog with its content.
func (fd *formDialog) show(content fyne.CanvasObject, size fyne.Size) {
	w := fd.win
	cancel := widget.NewButton(lang.X("companies.cancel", "Avbryt"), fd.close)
	fd.d = dialog.NewCustomWithoutButtons(fd.title, content, w)
	fd.d.SetButtons([]fyne.CanvasObject{cancel, fd.saveBtn})
	fd.d.Resize(size)
	uikit.ShowEscapableFunc(w, fd.d, fd.close)
}

// personDialog is the open contact dialog (tests reach in through it).
type personDialog struct {
	first, last, title, email, phone, notes, journey *uikit.EscEntry
	roles                                            *widget.CheckGroup
	errs                                             map[string]*widget.Label
	fd                                               *formDialog
}

// editPerson opens the contact dialog for p (new when p.ID is empty).
func (s *Screen) editPerson(p data.Person) *personDialog {
	pd := &personDialog{errs: map[string]*widget.Label{}}
	title := lang.X("companies.edit_contact", "Ändra kontakt")
	if p.ID == "" {
		title = lang.X("companies.new_contact", "Ny kontakt")
	}
	save := func() bool { return s.savePerson(pd, p) }
	pd.fd = s.newFormDialog(title, save)
	entry := func(text string) *uikit.EscEntry {
		e := uikit.NewEscEntry(pd.fd.close)
		e.SetText(text)
		e.OnSubmitted = func(string) {
			if save() {
				pd.fd.close()
			}
		}
		return e
	}
	for _, k := range []string{"first_name", "last_name", "roles", "title", "email", "phone", "journey", "notes"} {
		pd.errs[k] = widgets.NewErrLabel()
	}
	pd.first, pd.last = entry(p.FirstName), entry(p.LastName)
	pd.title, pd.email, pd.phone = entry(p.Title), entry(p.Email), entry(p.Phone)
	pd.email.SetPlaceHolder("namn@foretag.se")
	var roleNames []string
	for _, r := range data.Roles {
		roleNames = append(roleNames, companyRoleText(r))
	}
	pd.roles = widget.NewCheckGroup(roleNames, nil)
	pd.roles.Horizontal = true
	var sel []string
	for _, r := range p.Roles {
		sel = append(sel, companyRoleText(r))
	}
	pd.roles.SetSelected(sel)
	pd.journey = uikit.NewEscMultiLineEntry(pd.fd.close)
	pd.journey.SetText(p.Journey)
	pd.journey.SetPlaceHolder(lang.X("companies.journey_placeholder", "Vägen från skolan till jobbet: utbildning, vägval, första jobbet …"))
	pd.journey.SetMinRowsVisible(5)
	pd.notes = uikit.NewEscMultiLineEntry(pd.fd.close)
	pd.notes.SetText(p.Notes)
	pd.notes.SetMinRowsVisible(2)
	form := widgets.FormGrid(
		widgets.Field(lang.X("companies.field.first_name", "Förnamn"), pd.first, pd.errs["first_name"]),
		widgets.Field(lang.X("companies.field.last_name", "Efternamn"), pd.last, pd.errs["last_name"]),
		widgets.Field(lang.X("companies.field.roles", "Roller"), pd.roles, pd.errs["roles"]),
		widgets.Field(lang.X("companies.field.title", "Titel/yrke"), pd.title, pd.errs["title"]),
		widgets.Field(lang.X("companies.field.email", "E-post"), pd.email, pd.errs["email"]),
		widgets.Field(lang.X("companies.field.phone", "Telefon"), pd.phone, pd.errs["phone"]),
		widgets.Field(lang.X("companies.field.journey", "Resa (förebild)"), pd.journey, pd.errs["journey"]),
		widgets.Field(lang.X("companies.field.notes", "Anteckningar"), pd.notes, pd.errs["notes"]),
	)
	pd.fd.show(container.NewVScroll(form), fyne.NewSize(680, 600))
	s.main.Window().Canvas().Focus(pd.first)
	return pd
}

func (s *Screen) savePerson(pd *personDialog, base data.Person) bool {
	p := base
	p.FirstName, p.LastName = pd.first.Text, pd.last.Text
	p.Title, p.Email, p.Phone = strings.TrimSpace(pd.title.Text), strings.TrimSpace(pd.email.Text), strings.TrimSpace(pd.phone.Text)
	p.Journey, p.Notes = pd.journey.Text, pd.notes.Text
	p.Roles = nil
	for _, r := range data.Roles {
		for _, name := range pd.roles.Selected {
			if name == companyRoleText(r) {
				p.Roles = append(p.Roles, r)
			}
		}
	}
	for _, l := range pd.errs {
		widgets.ShowErr(l, "")
	}
	if err := s.main.Store().SavePerson(context.Background(), &p); err != nil {
		if !widgets.ShowFieldErrors(err, pd.errs, "first_name") {
			dialog.ShowError(err, s.main.Window())
		}
		return false
	}
	s.loadDetail(s.org.ID)
	return true
}

func (s *Screen) onDeletePerson(p data.Person) {
	msg := lang.X("companies.delete_confirm", "Ta bort {{.Name}}? Du kan ångra direkt efteråt.", map[string]string{"Name": p.Name()})
	uikit.ConfirmDelete(lang.X("companies.delete_title", "Ta bort"), msg, func(yes bool) {
		if !yes {
			return
		}
		st := s.main.Store()
		if err := st.DeletePerson(context.Background(), p.ID); err != nil {
			dialog.ShowError(err, s.main.Window())
			return
		}
		s.offerUndo(lang.X("companies.deleted", "{{.Name}} togs bort.", map[string]string{"Name": p.Name()}), func() error {
			return st.RestorePerson(context.Background(), p.ID)
		})
		s.loadDetail(s.org.ID)
	}, s.main.Window())
}

// journeyDialog is the open journey-entry dialog (tests reach in through it).
type journeyDialog struct {
	date        *widgets.DateField
	title, text *uikit.EscEntry
	share       *widget.Check  // the story may be shared in the network
	area        *widget.Select // the area of active measures, or none
	errs        map[string]*widget.Label
	fd          *formDialog
}

// editJourney opens the dialog for one step of the company's journey.
func (s *Screen) editJourney(j data.JourneyEntry) *journeyDialog {
	jd := &journeyDialog{errs: map[string]*widget.Label{}}
	title := lang.X("companies.edit_journey", "Ändra steg på resan")
	if j.ID == "" {
		title = lang.X("companies.new_journey", "Nytt steg på resan")
	}
	save := func() bool { return s.saveJourney(jd, j) }
	jd.fd = s.newFormDialog(title, save)
	for _, k := range []string{"date", "title", "text"} {
		jd.errs[k] = widgets.NewErrLabel()
	}
	jd.date = widgets.NewDateField(s.main.Window())
	jd.date.SetDate(j.Date)
	jd.date.Entry.OnSubmitted = func(string) {
		if save() {
			jd.fd.close()
		}
	}
	jd.title = uikit.NewEscEntry(jd.fd.close)
	jd.title.SetPlaceHolder(lang.X("companies.journey_title_placeholder", "t.ex. Könsneutrala platsannonser"))
	jd.title.SetText(j.Title)
	jd.title.OnSubmitted = func(string) {
		if save() {
			jd.fd.close()
		}
	}
	jd.text = uikit.NewEscMultiLineEntry(jd.fd.close)
	jd.text.SetText(j.Text)
	jd.text.SetPlaceHolder(lang.X("companies.journey_text_placeholder", "Vad gjorde ni, och vad blev resultatet?"))
	jd.text.SetMinRowsVisible(6)
	jd.share, jd.area = storyFields(j)
	form := widgets.FormGrid(
		widgets.Field(lang.X("companies.field.date", "Datum"), jd.date, jd.errs["date"]),
		widgets.Field(lang.X("companies.field.journey_title", "Rubrik"), jd.title, jd.errs["title"]),
		widgets.Field(lang.X("companies.field.journey_text", "Vad hände"), jd.text, jd.errs["text"]),
		widgets.Field(lang.X("jr.story.area", "Område"), jd.area, nil),
		widgets.Field("", jd.share, nil),
	)
	jd.fd.show(container.NewVScroll(form), fyne.NewSize(640, 480))
	s.main.Window().Canvas().Focus(jd.title)
	return jd
}

func (s *Screen) saveJourney(jd *journeyDialog, base data.JourneyEntry) bool {
	j := base
	for _, l := range jd.errs {
		widgets.ShowErr(l, "")
	}
	d, err := data.ParseDate(jd.date.Entry.Text)
	if err != nil {
		widgets.ShowErr(jd.errs["date"], lang.X("companies.bad_date", "Skriv datumet som 2026-11-09."))
		return false
	}
	j.Date, j.Title, j.Text = d, jd.title.Text, jd.text.Text
	j.Shareable, j.Area = jd.share.Checked, storyArea(jd.area)
	if err := s.main.Store().SaveJourneyEntry(context.Background(), &j); err != nil {
		if !widgets.ShowFieldErrors(err, jd.errs, "title") {
			dialog.ShowError(err, s.main.Window())
		}
		return false
	}
	s.loadDetail(s.org.ID)
	return true
}

func (s *Screen) onDeleteJourney(j data.JourneyEntry) {
	msg := lang.X("companies.delete_confirm", "Ta bort {{.Name}}? Du kan ångra direkt efteråt.", map[string]string{"Name": j.Title})
	uikit.ConfirmDelete(lang.X("companies.delete_title", "Ta bort"), msg, func(yes bool) {
		if yes {
			s.deleteJourney(j)
		}
	}, s.main.Window())
}

func (s *Screen) deleteJourney(j data.JourneyEntry) {
	st := s.main.Store()
	if err := st.DeleteJourneyEntry(context.Background(), j.ID); err != nil {
		dialog.ShowError(err, s.main.Window())
		return
	}
	s.offerUndo(lang.X("companies.deleted", "{{.Name}} togs bort.", map[string]string{"Name": j.Title}), func() error {
		return st.RestoreJourneyEntry(context.Background(), j.ID)
	})
	s.loadDetail(s.org.ID)
}

func (s *Screen) onDeleteOffer(o data.Offer) {
	st := s.main.Store()
	// What hangs on the offer is read off the UI goroutine, then asked.
	s.main.Background(func() func() {
		u, err := st.OfferUse(context.Background(), o.ID)
		return func() {
			msg := lang.X("companies.delete_confirm", "Ta bort {{.Name}}? Du kan ångra direkt efteråt.", map[string]string{"Name": o.Title})
			if err == nil && u.Placed+u.AttendanceDays > 0 {
				msg = lang.X("companies.delete_offer_used",
					"Ta bort {{.Name}}? {{.Placed}} elever är placerade här och {{.Days}} dagars närvaro är registrerade här; deras placering, närvaro och intyg hör till praoplatsen. Du kan ångra direkt efteråt.",
					map[string]string{"Name": o.Title, "Placed": strconv.Itoa(u.Placed), "Days": strconv.Itoa(u.AttendanceDays)})
			}
			s.confirmDeleteOffer(o, msg)
		}
	})
}

// confirmDeleteOffer asks msg and deletes o, with an undo.
func (s *Screen) confirmDeleteOffer(o data.Offer, msg string) {
	uikit.ConfirmDelete(lang.X("companies.delete_title", "Ta bort"), msg, func(yes bool) {
		if !yes {
			return
		}
		st := s.main.Store()
		if err := st.DeleteOffer(context.Background(), o.ID); err != nil {
			dialog.ShowError(err, s.main.Window())
			return
		}
		s.offerUndo(lang.X("companies.deleted", "{{.Name}} togs bort.", map[string]string{"Name": o.Title}), func() error {
			return st.RestoreOffer(context.Background(), o.ID)
		})
		s.refreshList()
		s.loadDetail(s.org.ID)
	}, s.main.Window())
}

// openHostForm shows the host form for o in the right-hand pane.
func (s *Screen) openHostForm(o data.Offer) *hostForm {
	h := newHostForm(s, s.org, o, s.people, s.periods)
	s.host = h
	s.setDetail(h.content)
	// Found by use: a company created after a new week had the periods
	// of before, and its new offer offered no period at all.
	s.reloadHostPeriods(h)
	return h
}

// samePeriod says whether the form would show a and b alike.
func samePeriod(a, b data.Period) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Status == b.Status && a.Format == b.Format &&
		a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Grade == b.Grade
}

// closeHostForm goes back from the host form to the company, asking
// about unsaved edits first.
func (s *Screen) closeHostForm() { s.askHostThen(s.leaveHostForm, nil) }

// leaveHostForm shows the company again in place of the host form.
func (s *Screen) leaveHostForm() {
	s.host = nil
	s.refreshList()
	if s.selectedID != "" {
		s.loadDetail(s.selectedID)
	}
}

// sortPeople orders people by name for pickers.
func sortPeople(ps []data.Person) {
	sort.SliceStable(ps, func(i, j int) bool { return strings.ToLower(ps[i].Name()) < strings.ToLower(ps[j].Name()) })
}
