// Package printing is the Utskrifter screen: a period's documents
// (schedules, host confirmations, attendance cards, certificates) chosen
// for a school, a class, a pupil or an offer, previewed, and saved as PDF;
// for a teknikprao week, the week's documents (week schedules, team
// sheets, host run-sheets, attendance lists, certificates, feedback to the
// hosts) for the week, a school or a class.
package printing

import (
	"context"
	"errors"
	"image"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// printScope is how much of a period is printed.
type printScope int

const (
	scopePeriod printScope = iota // every placed pupil of the period
	scopeSchool                   // one school
	scopeClass                    // one class of one school
	scopePupil                    // one pupil
	scopeOffer                    // the pupils at one offer
)

// prefPrintFolder remembers where documents were last saved.
const prefPrintFolder = "printing_folder"

// printChoice is what is to be printed.
type printChoice struct {
	kind                                        reports.Kind
	week                                        reports.WeekKind // the document when the period is a week
	scope                                       printScope
	periodID, schoolID, class, pupilID, offerID string
	lang                                        string
	include                                     bool // protected pupils by name in documents for hosts
	perUnit                                     bool // one file per pupil (offer) in a folder
}

// Shell is what Utskrifter needs from the window: only the Base (the other
// screens Preset it through the shell, which calls Preset).
type Shell interface {
	uikit.Base
}

// Screen is Utskrifter: choose a document, whom it is for, the
// language and the form of the output, see its first page, and save it as
// PDF. Printing runs off the UI goroutine with a progress bar and can be
// cancelled; every save is recorded in the audit log.
type Screen struct {
	main    Shell
	content fyne.CanvasObject
	// rasteriser finds the PDF rasteriser for the preview ("" for none);
	// pdftoppm in the app, a stub in tests.
	rasteriser func() string

	periods []data.Period
	placed  map[string]int      // period id → placed pupils
	index   *data.DocIndex      // every placed pupil of the period shown, in brief
	docsFor string              // the period index belongs to
	c       printChoice         // the choice; the widgets show it
	syncing bool                // widgets are being set from c
	loadGen int                 // the latest load of docs
	prevGen int                 // the latest preview
	cancel  context.CancelFunc  // stops the running save, nil when idle
	lastDir string              // folder of the last save, for "Öppna mappen"
	onUnit  func(done, all int) // tests: told after each unit, on the printing goroutine

	// A week's documents: for the choice, and for the whole week (its
	// schools and classes); weekLoading while a load runs.
	week, weekAll weekLoad
	weekLoading   bool

	kindRadio, langRadio, outRadio *widget.RadioGroup
	scopeSel, periodSel            *widget.Select
	schoolSel, classSel            *widget.Select
	schoolOpts                     []data.Organisation
	classOpts                      []string
	pupilPick, offerPick           *widgets.SearchPicker
	schoolRow, classRow            *fyne.Container
	pupilRow, offerRow             *fyne.Container
	protected                      *widget.Check
	protectedNote                  *widget.Label
	summary                        *widget.Label
	saveBtn, cancelBtn, openBtn    *widget.Button
	// openFileBtn opens the PDF just saved (one file, not one a unit).
	openFileBtn *widget.Button
	lastFile    string
	progress    *widget.ProgressBar
	progressBox *fyne.Container
	status      *widget.Label
	docStatus   *widget.Label // what a school document did, under its buttons

	previewHead *widget.Label
	previewNote *widget.Label
	previewBox  *fyne.Container
	preview     *fyne.Container
	form        *fyne.Container
	scroll      *container.Scroll
	actions     *fyne.Container
}

// kindNames are the documents as the window names them.
var kindNames = []struct{ key, sv string }{
	{"printing.kind.schedules", "Praoschema (till eleven)"},
	{"printing.kind.hosts", "Värdbekräftelse (till värden)"},
	{"printing.kind.attendance", "Närvarokort (till handledaren)"},
	{"printing.kind.certificates", "Praointyg (efter praon)"},
}

var scopeNames = []struct{ key, sv string }{
	{"printing.scope.period", "Hela perioden"},
	{"printing.scope.school", "En skola"},
	{"printing.scope.class", "En klass"},
	{"printing.scope.pupil", "En elev"},
	{"printing.scope.offer", "En praoplats"},
}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, placed: map[string]int{}, rasteriser: pdftoppm}
	s.c = printChoice{kind: reports.KindSchedules, week: reports.KindWeekSchedules, lang: m.Language()}

	var kinds []string
	for _, k := range kindNames {
		kinds = append(kinds, lang.X(k.key, k.sv))
	}
	s.kindRadio = widget.NewRadioGroup(kinds, func(string) {
		if i := slices.Index(s.kindRadio.Options, s.kindRadio.Selected); i >= 0 && !s.syncing {
			if s.isWeek() {
				s.c.week = reports.WeekKinds[i]
			} else {
				s.c.kind = reports.Kinds[i]
			}
			s.changed()
		}
	})
	s.kindRadio.Required = true

	var scopes []string
	for _, sc := range scopeNames {
		scopes = append(scopes, lang.X(sc.key, sc.sv))
	}
	s.scopeSel = widgets.NewSelect(scopes, func(string) {
		if !s.syncing {
			s.c.scope = printScope(s.scopeSel.SelectedIndex())
			s.changed()
		}
	})
	s.periodSel = widgets.NewSelect(nil, func(string) {
		if i := s.periodSel.SelectedIndex(); i >= 0 && !s.syncing && s.periods[i].ID != s.c.periodID {
			s.c.periodID = s.periods[i].ID
			s.loadDocs()
		}
	})
	s.periodSel.PlaceHolder = lang.X("printing.choose_period", "Välj praoperiod")
	s.schoolSel = widgets.NewSelect(nil, func(string) {
		if i := s.schoolSel.SelectedIndex(); i >= 0 && !s.syncing {
			s.c.schoolID = s.schoolOpts[i].ID
			s.changed()
		}
	})
	s.schoolSel.PlaceHolder = lang.X("printing.choose_school", "Välj skola")
	s.classSel = widgets.NewSelect(nil, func(string) {
		if i := s.classSel.SelectedIndex(); i >= 0 && !s.syncing {
			s.c.class = s.classOpts[i]
			s.changed()
		}
	})
	s.classSel.PlaceHolder = lang.X("printing.choose_class", "Välj klass")
	s.pupilPick = widgets.NewSearchPicker(lang.X("printing.search_pupil", "Sök elev på namn, klass eller skola …"), func(id string) {
		if !s.syncing {
			s.c.pupilID = id
			s.changed()
		}
	})
	s.offerPick = widgets.NewSearchPicker(lang.X("printing.search_offer", "Sök praoplats på företag eller titel …"), func(id string) {
		if !s.syncing {
			s.c.offerID = id
			s.changed()
		}
	})

	s.langRadio = widget.NewRadioGroup([]string{"Svenska", "English"}, func(string) {
		if !s.syncing {
			s.c.lang = uikit.LangSwedish
			if s.langRadio.Selected == "English" {
				s.c.lang = uikit.LangEnglish
			}
			s.changed()
		}
	})
	s.langRadio.Required = true

	s.protected = widget.NewCheck(lang.X("printing.include_protected", "Skriv ut elever med skyddad identitet med namn och skola"), func(on bool) {
		if !s.syncing {
			s.c.include = on
			s.changed()
		}
	})
	s.protectedNote = widget.NewLabel("")
	s.protectedNote.Wrapping = fyne.TextWrapWord

	s.outRadio = widget.NewRadioGroup([]string{"", ""}, func(string) {
		if !s.syncing {
			s.c.perUnit = s.outRadio.Selected == s.outRadio.Options[1]
			s.changed()
		}
	})
	s.outRadio.Required = true

	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.saveBtn = widget.NewButtonWithIcon(lang.X("printing.save", "Spara PDF …"), theme.DocumentSaveIcon(), s.onSave)
	s.saveBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButtonWithIcon(lang.X("printing.cancel", "Avbryt"), theme.CancelIcon(), s.onCancel)
	s.progress = widget.NewProgressBar()
	s.progressBox = container.NewBorder(nil, nil, nil, s.cancelBtn, s.progress)
	s.progressBox.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.openBtn = widget.NewButtonWithIcon(lang.X("printing.open_folder", "Öppna mappen"), theme.FolderOpenIcon(), s.onOpenFolder)
	s.openFileBtn = widget.NewButtonWithIcon(lang.X("printing.open_file", "Öppna PDF:en"), theme.DocumentIcon(), s.onOpenFile)
	s.openBtn.Hide()
	s.openFileBtn.Hide()

	caption := func(text string, w ...fyne.CanvasObject) *fyne.Container {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return container.NewVBox(append([]fyne.CanvasObject{l}, w...)...)
	}
	s.schoolRow = caption(lang.X("printing.school", "Skola"), s.schoolSel)
	s.classRow = caption(lang.X("printing.class", "Klass"), s.classSel)
	s.pupilRow = caption(lang.X("printing.pupil", "Elev"), s.pupilPick.Content)
	s.offerRow = caption(lang.X("printing.offer", "Praoplats"), s.offerPick.Content)

	title := widget.NewLabelWithStyle(lang.X("nav.printing", "Utskrifter"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	s.form = container.NewVBox(title,
		caption(lang.X("printing.document", "Dokument"), s.kindRadio),
		caption(lang.X("printing.period", "Praoperiod"), s.periodSel),
		caption(lang.X("printing.scope", "Vilka"), s.scopeSel),
		s.schoolRow, s.classRow, s.pupilRow, s.offerRow,
		container.NewGridWithColumns(2,
			caption(lang.X("printing.language", "Språk i dokumenten"), s.langRadio),
			caption(lang.X("printing.output", "Som"), s.outRadio)),
		caption(lang.X("printing.protected", "Skyddad identitet"), s.protected, s.protectedNote),
		s.schoolDocsBox(),
	)
	// What saving gives and the buttons stay in sight below the choices.
	s.actions = container.NewVBox(widget.NewSeparator(), s.summary,
		container.NewHBox(s.saveBtn, s.openFileBtn, s.openBtn), s.progressBox, s.status)
	s.scroll = container.NewVScroll(container.NewPadded(s.form))
	left := container.NewBorder(nil, container.NewPadded(s.actions), nil, nil, s.scroll)

	s.previewHead = widget.NewLabelWithStyle(lang.X("printing.preview", "Förhandsgranskning av första sidan"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.previewNote = widget.NewLabel("")
	s.previewNote.Wrapping = fyne.TextWrapWord
	s.previewNote.SizeName = theme.SizeNameCaptionText
	s.previewBox = container.New(a4Layout{})
	s.preview = container.NewBorder(container.NewVBox(s.previewHead, s.previewNote), nil, nil, nil, s.previewBox)

	split := container.NewHSplit(left, container.NewPadded(s.preview))
	split.Offset = 0.5
	s.content = split
	s.sync()
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches the periods and how many pupils each has placed, then the
// documents of the chosen period.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		periods, err := st.ListPeriods(ctx)
		placed := map[string]int{}
		for _, p := range periods {
			if err != nil {
				break
			}
			var o data.PeriodOverview
			o, err = st.PeriodOverview(ctx, p)
			placed[p.ID] = o.Placed
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.periods, s.placed = periods, placed
			if !slices.ContainsFunc(periods, func(p data.Period) bool { return p.ID == s.c.periodID }) {
				s.c.periodID = uikit.DefaultPeriod(periods, placed)
			}
			s.loadDocs()
		}
	})
}

// loadDocs reads the placed pupils of the chosen period, in brief, off the
// UI goroutine; a later load wins over an earlier one.
func (s *Screen) loadDocs() {
	s.loadGen++
	gen, periodID, st := s.loadGen, s.c.periodID, s.main.Store()
	if s.isWeek() { // the week's documents load from sync
		s.index, s.docsFor = nil, ""
		s.sync()
		return
	}
	s.sync()
	if periodID == "" {
		s.index, s.docsFor = nil, ""
		s.sync()
		return
	}
	s.summary.SetText(lang.X("printing.loading", "Läser placeringarna …"))
	s.main.Background(func() func() {
		// Rows, not the documents: a region's period would hold hundreds of
		// MB of documents; they are read when printed (issue #16, goal 5).
		x, err := st.DocumentIndex(context.Background(), periodID)
		return func() {
			if gen != s.loadGen {
				return
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.index, s.docsFor = x, periodID
			s.sync()
		}
	})
}

// Preset chooses a document and whom it is for, as when printing is
// started from a pupil, an offer or a period: the most specific of pupilID,
// offerID, class (with schoolID) and schoolID sets the scope; all empty
// prints the whole period. Protected pupils are left out again.
func (s *Screen) Preset(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string) {
	if !kind.Valid() {
		kind = reports.KindSchedules
	}
	c := printChoice{kind: kind, periodID: periodID, schoolID: schoolID, class: class, pupilID: pupilID,
		offerID: offerID, lang: s.c.lang}
	switch {
	case pupilID != "":
		c.scope = scopePupil
	case offerID != "":
		c.scope = scopeOffer
	case class != "":
		c.scope = scopeClass
	case schoolID != "":
		c.scope = scopeSchool
	}
	if c.periodID == "" {
		c.periodID = s.c.periodID
	}
	s.c = c
	s.status.SetText("")
	s.openBtn.Hide()
	s.openFileBtn.Hide()
	if s.docsFor != c.periodID {
		s.loadDocs()
		return
	}
	s.sync()
}

// changed is called when the user changed the choice.
func (s *Screen) changed() {
	s.status.SetText("")
	s.sayDoc("")
	s.openBtn.Hide()
	s.openFileBtn.Hide()
	s.sync()
}

// sync sets every widget from the choice and the loaded documents, and
// starts a new preview.
func (s *Screen) sync() {
	s.syncing = true
	defer func() { s.syncing = false }()
	c := &s.c

	week := s.isWeek()
	kinds, scopes := kindNames, scopeNames
	kindAt := max(0, slices.Index(reports.Kinds, c.kind))
	if week {
		if !c.week.Valid() { // preset from another screen with a classic document
			c.week = reports.KindWeekSchedules
		}
		kinds, scopes = weekKindNames, scopeNames[:weekScopes]
		kindAt = max(0, slices.Index(reports.WeekKinds, c.week))
		if int(c.scope) >= weekScopes {
			c.scope = scopePeriod
		}
	}
	setOptions := func(current []string, names []struct{ key, sv string }) ([]string, bool) {
		var out []string
		for _, k := range names {
			out = append(out, lang.X(k.key, k.sv))
		}
		return out, !slices.Equal(out, current)
	}
	if opts, changed := setOptions(s.kindRadio.Options, kinds); changed {
		s.kindRadio.Options = opts
		s.kindRadio.Refresh()
	}
	if opts, changed := setOptions(s.scopeSel.Options, scopes); changed {
		s.scopeSel.SetOptions(opts)
	}
	s.kindRadio.SetSelected(s.kindRadio.Options[kindAt])
	s.scopeSel.SetSelectedIndex(int(c.scope))
	var names []string
	for _, p := range s.periods {
		names = append(names, p.Name)
	}
	s.periodSel.SetOptions(names)
	if i := slices.IndexFunc(s.periods, func(p data.Period) bool { return p.ID == c.periodID }); i >= 0 {
		s.periodSel.SetSelectedIndex(i)
	} else {
		s.periodSel.ClearSelected()
	}
	lang0 := "Svenska"
	if c.lang == uikit.LangEnglish {
		lang0 = "English"
	}
	s.langRadio.SetSelected(lang0)
	if week {
		s.syncWeek()
		return
	}

	// Schools and classes with placed pupils.
	docs, x := s.periodDocs(), s.docIndex()
	s.schoolOpts = s.schoolOpts[:0]
	seen := map[string]bool{}
	for _, d := range docs { // sorted by school already
		if !seen[d.SchoolID] {
			seen[d.SchoolID] = true
			s.schoolOpts = append(s.schoolOpts, data.Organisation{ID: d.SchoolID, Name: x.Schools[d.SchoolID]})
		}
	}
	names = nil // a new list: the period select holds the old one
	for _, o := range s.schoolOpts {
		names = append(names, o.Name)
	}
	s.schoolSel.SetOptions(names)
	if i := slices.IndexFunc(s.schoolOpts, func(o data.Organisation) bool { return o.ID == c.schoolID }); i >= 0 {
		s.schoolSel.SetSelectedIndex(i)
	} else {
		s.schoolSel.ClearSelected()
	}
	s.classOpts = s.classOpts[:0]
	for _, d := range docs {
		if d.SchoolID == c.schoolID && !slices.Contains(s.classOpts, d.ClassName) {
			s.classOpts = append(s.classOpts, d.ClassName)
		}
	}
	uikit.SortSwedish(s.classOpts)
	s.classSel.SetOptions(s.classOpts)
	if i := slices.Index(s.classOpts, c.class); i >= 0 && c.class != "" {
		s.classSel.SetSelectedIndex(i)
	} else {
		s.classSel.ClearSelected()
	}
	var pupils, offers []widgets.PickItem
	for _, d := range docs {
		pupils = append(pupils, widgets.PickItem{ID: d.PupilID, Text: uikit.JoinDot(d.Name(), d.ClassName, x.Schools[d.SchoolID])})
	}
	for _, g := range x.OfferGroups(docs) {
		o := x.Offers[g.OfferID]
		offers = append(offers, widgets.PickItem{ID: g.OfferID, Text: uikit.JoinDot(o.HostName, o.Title,
			lang.X("printing.n_pupils", "elever: {{.N}}", map[string]string{"N": strconv.Itoa(len(g.Rows))}))})
	}
	s.pupilPick.SetItems(pupils, c.pupilID)
	s.offerPick.SetItems(offers, c.offerID)

	show(s.schoolRow, c.scope == scopeSchool || c.scope == scopeClass)
	show(s.classRow, c.scope == scopeClass)
	show(s.pupilRow, c.scope == scopePupil)
	show(s.offerRow, c.scope == scopeOffer)

	// Protected identity matters only in documents that leave the school.
	sel := s.selected()
	nProtected := 0
	for _, d := range sel {
		if d.Protected {
			nProtected++
		}
	}
	leaves := c.kind == reports.KindHosts || c.kind == reports.KindAttendance
	s.protected.SetChecked(c.include && leaves)
	s.protectedNote.Importance = widget.MediumImportance
	switch {
	case !leaves:
		s.protected.Disable()
		s.protectedNote.SetText(lang.X("printing.protected_na",
			"Gäller bara dokument som lämnar skolan: värdbekräftelser och närvarokort."))
	case c.include:
		s.protected.Enable()
		s.protectedNote.Importance = widget.DangerImportance
		s.protectedNote.SetText(lang.X("printing.protected_warning",
			"Varning: elever med skyddad identitet skrivs ut med namn, klass och skola i ett dokument som lämnar skolan (i urvalet: {{.N}}). Gör det bara om du vet att det är rätt för varje elev.",
			map[string]string{"N": strconv.Itoa(nProtected)}))
	case nProtected == 0:
		s.protected.Enable()
		s.protectedNote.SetText(lang.X("printing.protected_none",
			"Ingen av de valda eleverna har skyddad identitet. Annars visas de som ”Elev via skolan” med skolans kontakt."))
	default:
		s.protected.Enable()
		s.protectedNote.SetText(lang.X("printing.protected_hidden",
			"Elever med skyddad identitet (i urvalet: {{.N}}) visas som ”Elev via skolan” med skolans kontakt.",
			map[string]string{"N": strconv.Itoa(nProtected)}))
	}
	s.protectedNote.Refresh()

	perUnit := lang.X("printing.out_files", "En fil per elev i en mapp")
	if c.kind == reports.KindHosts {
		perUnit = lang.X("printing.out_files_hosts", "En fil per praoplats i en mapp")
	}
	s.outRadio.Options = []string{lang.X("printing.out_one", "En PDF med sidbrytningar"), perUnit}
	out := 0
	if c.perUnit {
		out = 1
	}
	s.outRadio.SetSelected(s.outRadio.Options[out])
	s.outRadio.Refresh()

	s.summary.SetText(s.summaryText(sel))
	s.form.Refresh() // rows shown, hidden or grown: lay them out again
	s.actions.Refresh()
	if len(sel) == 0 || docUnits(c.kind, sel, x) == 0 || s.cancel != nil {
		s.saveBtn.Disable()
	} else {
		s.saveBtn.Enable()
	}
	s.updatePreview(sel)
}

// periodDocs is the loaded rows when they belong to the chosen period.
func (s *Screen) periodDocs() []data.DocRow {
	if s.docsFor != s.c.periodID || s.index == nil {
		return nil
	}
	return s.index.Rows
}

// docIndex is the loaded index, or an empty one.
func (s *Screen) docIndex() *data.DocIndex {
	if s.index == nil {
		return &data.DocIndex{}
	}
	return s.index
}

// selected is the documents the choice prints: nil while a picker is empty.
func (s *Screen) selected() []data.DocRow {
	return filterDocs(s.periodDocs(), s.c)
}

// docUnits is how many documents of kind sel gives, as reports.Units
// counts them: host confirmations per offer, certificates for the pupils
// with a present day.
func docUnits(kind reports.Kind, sel []data.DocRow, x *data.DocIndex) int {
	switch kind {
	case reports.KindHosts:
		return len(x.OfferGroups(sel))
	case reports.KindCertificates:
		n := 0
		for _, d := range sel {
			if d.Attended {
				n++
			}
		}
		return n
	}
	return len(sel)
}

// filter is the choice's scope as ListDocuments takes it: the documents
// filterDocs keeps (with the scope's school, class, pupil or offer set).
func (c printChoice) filter() data.DocFilter {
	switch c.scope {
	case scopeSchool:
		return data.DocFilter{SchoolID: c.schoolID}
	case scopeClass:
		return data.DocFilter{SchoolID: c.schoolID, ClassName: c.class}
	case scopePupil:
		return data.DocFilter{PupilID: c.pupilID}
	case scopeOffer:
		return data.DocFilter{OfferID: c.offerID}
	}
	return data.DocFilter{}
}

// filterDocs keeps the documents of c's scope.
func filterDocs(docs []data.DocRow, c printChoice) []data.DocRow {
	keep := func(d data.DocRow) bool {
		switch c.scope {
		case scopeSchool:
			return c.schoolID != "" && d.SchoolID == c.schoolID
		case scopeClass:
			return c.class != "" && d.SchoolID == c.schoolID && d.ClassName == c.class
		case scopePupil:
			return c.pupilID != "" && d.PupilID == c.pupilID
		case scopeOffer:
			return c.offerID != "" && d.OfferID == c.offerID
		}
		return true
	}
	var out []data.DocRow
	for _, d := range docs {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// summaryText says what saving would print, or what is still to choose.
func (s *Screen) summaryText(sel []data.DocRow) string {
	c := s.c
	switch {
	case len(s.periods) == 0:
		return lang.X("printing.no_periods", "Det finns inga praoperioder ännu. Skapa en under Praoperioder.")
	case c.periodID == "":
		return lang.X("printing.pick_period", "Välj en praoperiod.")
	case s.docsFor != c.periodID:
		return lang.X("printing.loading", "Läser placeringarna …")
	case len(s.periodDocs()) == 0:
		return lang.X("printing.none_placed", "Ingen elev är placerad i perioden ännu. Fördela eleverna under Matchning först.")
	case c.scope == scopeSchool && c.schoolID == "":
		return lang.X("printing.pick_school", "Välj en skola.")
	case c.scope == scopeClass && (c.schoolID == "" || c.class == ""):
		return lang.X("printing.pick_class", "Välj skola och klass.")
	case c.scope == scopePupil && c.pupilID == "":
		return lang.X("printing.pick_pupil", "Sök fram och välj en elev.")
	case c.scope == scopeOffer && c.offerID == "":
		return lang.X("printing.pick_offer", "Sök fram och välj en praoplats.")
	case len(sel) == 0:
		return lang.X("printing.none_selected", "Ingen placerad elev stämmer med valet.")
	}
	units := docUnits(c.kind, sel, s.docIndex())
	if c.kind == reports.KindCertificates && units == 0 {
		return lang.X("printing.no_attendance", "Ingen av eleverna har närvaro registrerad, så det blir inga praointyg.")
	}
	v := map[string]string{"Docs": strconv.Itoa(units), "Pupils": strconv.Itoa(len(sel)),
		"Offers": strconv.Itoa(len(s.docIndex().OfferGroups(sel)))}
	var text string
	switch c.kind {
	case reports.KindHosts:
		text = lang.X("printing.summary_hosts", "Värdbekräftelser, en per praoplats: {{.Docs}} · Elever: {{.Pupils}}", v)
	default:
		text = lang.X("printing.summary", "Dokument, ett per elev: {{.Docs}} · Elever: {{.Pupils}}", v)
	}
	if skipped := len(sel) - units; c.kind == reports.KindCertificates && skipped > 0 {
		text += " " + lang.X("printing.skipped", "· Utan registrerad närvaro och därför utan intyg: {{.N}}",
			map[string]string{"N": strconv.Itoa(skipped)})
	}
	return text
}

// options are the reports options of the choice.
func (c printChoice) options() reports.Options {
	return reports.Options{Lang: c.lang, IncludeProtected: c.include &&
		(c.kind == reports.KindHosts || c.kind == reports.KindAttendance)}
}

// updatePreview lays out the first page of the first document off the UI
// goroutine: rasterised from the real PDF when pdftoppm is installed,
// drawn from the layout otherwise. Only the first unit's documents are
// read (one pupil's, or one offer's pupils for a host confirmation).
func (s *Screen) updatePreview(sel []data.DocRow) {
	s.prevGen++
	gen, kind, o := s.prevGen, s.c.kind, s.c.options()
	x := s.docIndex()
	if len(sel) == 0 || docUnits(kind, sel, x) == 0 {
		s.clearPreview()
		return
	}
	f := firstUnit(s.c, sel, x)
	tool, st, periodID := s.rasteriser(), s.main.Store(), s.c.periodID
	s.main.Background(func() func() {
		first, err := st.DocumentsForPeriod(context.Background(), periodID, f)
		if err == nil && len(first) == 0 {
			err = errors.New(lang.X("printing.preview_gone", "dokumentet finns inte längre – välj igen"))
		}
		var page reports.Page
		if err == nil {
			page, err = reports.FirstPage(kind, first, o)
		}
		var img image.Image
		if err == nil && tool != "" {
			img, _ = rasterFirstPage(tool, kind, first, o) // the drawing stands in when it fails
		}
		return func() {
			if gen == s.prevGen {
				s.showPreview(page, img, err)
			}
		}
	})
}

// firstUnit is the filter of the documents of the first unit of sel: for
// host confirmations the first offer's pupils in the choice's scope, for
// certificates the first pupil with a present day, else the first pupil.
func firstUnit(c printChoice, sel []data.DocRow, x *data.DocIndex) data.DocFilter {
	switch c.kind {
	case reports.KindHosts:
		f := c.filter()
		f.OfferID = x.OfferGroups(sel)[0].OfferID
		return f
	case reports.KindCertificates:
		for _, d := range sel {
			if d.Attended {
				return data.DocFilter{PupilID: d.PupilID}
			}
		}
	}
	return data.DocFilter{PupilID: sel[0].PupilID}
}

// clearPreview says the first page shows when there is something to print.
func (s *Screen) clearPreview() {
	s.previewBox.Objects = nil
	s.previewBox.Refresh()
	s.previewNote.SetText(lang.X("printing.preview_none", "Här visas första sidan när det finns något att skriva ut."))
	s.preview.Refresh()
}

// showPreview shows the first page: rasterised (img) or drawn from the
// layout, or why it could not be made.
func (s *Screen) showPreview(page reports.Page, img image.Image, err error) {
	if err != nil {
		s.previewBox.Objects = nil
		s.previewBox.Refresh()
		s.previewNote.SetText(lang.X("printing.preview_failed", "Förhandsgranskningen gick inte att göra: {{.Error}}",
			map[string]string{"Error": err.Error()}))
		s.preview.Refresh()
		return
	}
	v := map[string]string{"Pages": strconv.Itoa(page.Pages)}
	if img != nil {
		s.previewBox.Objects = []fyne.CanvasObject{rasterisedPage(img)}
		s.previewNote.SetText(lang.X("printing.preview_pdf",
			"Första sidan av den PDF som sparas. Sidor i det första dokumentet: {{.Pages}}.", v))
	} else {
		s.previewBox.Objects = []fyne.CanvasObject{drawnPage(page)}
		s.previewNote.SetText(lang.X("printing.preview_drawn",
			"Första sidan ritad ur dokumentets layout – PDF:en kan skilja sig i små detaljer. Sidor i det första dokumentet: {{.Pages}}.", v))
	}
	s.previewBox.Refresh()
	s.preview.Refresh()
}

// show shows or hides o.
func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// widgetImportance is the protected note's colour: a warning when protected
// pupils are printed by name.
func widgetImportance(warn bool) widget.Importance {
	if warn {
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// pluralTitles and singleTitles name the documents in file names, in the
// documents' language.
var fileTitles = map[string]map[reports.Kind][2]string{
	uikit.LangSwedish: {
		reports.KindSchedules: {"Praoschema", "Praoscheman"}, reports.KindHosts: {"Värdbekräftelse", "Värdbekräftelser"},
		reports.KindAttendance: {"Närvarokort", "Närvarokort"}, reports.KindCertificates: {"Praointyg", "Praointyg"},
	},
	uikit.LangEnglish: {
		reports.KindSchedules: {"Schedule", "Schedules"}, reports.KindHosts: {"Host confirmation", "Host confirmations"},
		reports.KindAttendance: {"Attendance card", "Attendance cards"}, reports.KindCertificates: {"Certificate", "Certificates"},
	},
}

// suggestedName is the file name offered when saving: the document, whom
// it is for and the period's week, e.g. "Praoscheman 8B Solbackaskolan
// v46.pdf". A pupil
// with protected identity is not named in the file name of a document that
// leaves the school.
func suggestedName(c printChoice, per data.Period, sel []data.DocRow, x *data.DocIndex) string {
	words := fileTitles[uikit.LangEnglish]
	grade, week := "Year", "w"
	if c.lang != uikit.LangEnglish {
		words, grade, week = fileTitles[uikit.LangSwedish], "Åk", "v"
	}
	units := docUnits(c.kind, sel, x)
	title := words[c.kind][1]
	if units == 1 {
		title = words[c.kind][0]
	}
	var who string
	switch c.scope {
	case scopePeriod:
		who = per.Name
		if per.Grade > 0 {
			who = grade + " " + strconv.Itoa(per.Grade)
		}
	case scopeSchool, scopeClass:
		if len(sel) > 0 {
			who = x.Schools[sel[0].SchoolID]
			if c.scope == scopeClass {
				// The school too: two schools' 8B would share a file name
				// (found by use).
				who = c.class + " " + who
			}
		}
	case scopePupil:
		if len(sel) > 0 {
			p := sel[0]
			who = p.Name() + " " + p.ClassName
			if p.Protected && !c.options().IncludeProtected && c.kind != reports.KindSchedules && c.kind != reports.KindCertificates {
				who = "Elev via skolan"
				if c.lang == uikit.LangEnglish {
					who = "Pupil via the school"
				}
			}
		}
	case scopeOffer:
		if len(sel) > 0 {
			o := x.Offers[sel[0].OfferID]
			who = o.HostName + " - " + o.Title
		}
	}
	return reports.SafeFileName(strings.Join(strings.Fields(title+" "+who+" "+fileWeek(per, week)), " ")) + ".pdf"
}

// fileWeek is a period's weeks in a file name, "v46" or "v46-47" (w for
// English), "" without dates.
func fileWeek(per data.Period, word string) string {
	if per.Start.IsZero() {
		return ""
	}
	a, b := data.ISOWeek(per.Start), data.ISOWeek(per.End)
	week := word + strconv.Itoa(a)
	if !per.End.IsZero() && b != a {
		week += "-" + strconv.Itoa(b)
	}
	return week
}

// period is the chosen period.
func (s *Screen) period() data.Period {
	for _, p := range s.periods {
		if p.ID == s.c.periodID {
			return p
		}
	}
	return data.Period{}
}

// onSave asks where to save: a file, or a folder for one file each;
// certificates are first checked against the calendar and attendance.
func (s *Screen) onSave() {
	if s.isCertificates() {
		s.confirmCertificates(s.chooseFile)
		return
	}
	s.chooseFile()
}

// chooseFile asks where to save and prints there.
func (s *Screen) chooseFile() {
	sel := s.selected()
	var name string
	save := s.saveTo
	if s.isWeek() {
		units := s.weekUnits()
		if units == 0 {
			return
		}
		name, save = weekFileName(s.c, s.period(), s.weekSchoolName(), units), s.saveWeekTo
	} else {
		if len(sel) == 0 {
			return
		}
		name = suggestedName(s.c, s.period(), sel, s.docIndex())
	}
	var loc fyne.ListableURI
	if dir := s.main.App().Preferences().String(prefPrintFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			loc = l
		}
	}
	if s.c.perUnit {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			save(weekPerUnitDir(u.Path(), name))
		}, s.main.Window())
		if loc != nil {
			d.SetLocation(loc)
		}
		d.SetTitleText(lang.X("file.folder_title", "Välj mapp")) // Fyne says "Öppna Mapp"
		uikit.ShowFileDialog(s.main.Window(), d)
		return
	}
	d := uikit.NewSaveDialog(s.main.Window(), name, ".pdf", save)
	if loc != nil {
		d.SetLocation(loc)
	}
	uikit.ShowFileDialog(s.main.Window(), d)
}

// saveTo prints the chosen documents off the UI goroutine into the PDF at
// path, or with one file each into the folder path, and records the export
// in the audit log. Cancelling, or a failure, leaves no file behind.
func (s *Screen) saveTo(path string) {
	c := s.c
	sel := s.selected()
	if len(sel) == 0 || s.cancel != nil {
		return
	}
	per := s.period()
	ctx, cancel := context.WithCancel(context.Background())
	s.startSaving(cancel)
	st, hook := s.main.Store(), s.onUnit
	scope := s.scope(c, sel)
	s.main.Background(func() func() {
		progress := func(done, all int) {
			if hook != nil {
				hook(done, all)
			}
			fyne.Do(func() { s.progress.SetValue(float64(done) / float64(max(all, 1))) })
		}
		// The documents are read a batch at a time as they are printed,
		// from one snapshot: a region's period never sits in memory whole.
		var res ops.Printed
		l, err := st.ListDocuments(ctx, per.ID, c.filter())
		if err == nil {
			res, err = ops.Print(ctx, st, ops.PrintPeriod{Kind: c.kind, Period: per, List: l, Scope: scope,
				Options: c.options(), Path: path, PerUnit: c.perUnit, Progress: progress})
			l.Close()
		}
		var logErr *ops.AuditError // the print was written, but not its log entry: the files are gone
		if errors.As(err, &logErr) {
			err = nil
		}
		return func() {
			cancel()
			s.finishSaving(c, path, res, err, logErr)
		}
	})
}

// startSaving shows the progress bar and its cancel button.
func (s *Screen) startSaving(cancel context.CancelFunc) {
	s.cancel = cancel
	s.status.SetText(lang.X("printing.working", "Skriver ut …"))
	s.openBtn.Hide()
	s.openFileBtn.Hide()
	s.progress.SetValue(0)
	s.progressBox.Show()
	s.cancelBtn.Enable()
	s.saveBtn.Disable()
	s.actions.Refresh()
}

// finishSaving says what a save wrote, or why it did not.
func (s *Screen) finishSaving(c printChoice, path string, res ops.Printed, err error, logErr *ops.AuditError) {
	pages, paths, ids := res.Pages, res.Paths, res.PupilIDs
	s.cancel = nil
	s.progressBox.Hide()
	s.sync()
	switch {
	case errors.Is(err, context.Canceled):
		s.status.SetText(lang.X("printing.cancelled", "Avbrutet. Ingen fil sparades."))
	case err != nil:
		s.status.SetText(lang.X("printing.failed", "Det gick inte att spara: {{.Error}}", map[string]string{"Error": err.Error()}))
	case logErr != nil:
		s.status.SetText(lang.X("printing.log_failed",
			"Utskriften kunde inte föras in i loggen över utlämnade personuppgifter, så filen togs bort: {{.Error}}",
			map[string]string{"Error": logErr.Err.Error()}))
	default:
		dir := path
		if !c.perUnit {
			dir = filepath.Dir(path)
		}
		s.lastDir = dir
		s.main.App().Preferences().SetString(prefPrintFolder, filepath.Dir(path))
		v := map[string]string{"Path": path, "Pages": strconv.Itoa(pages), "Pupils": strconv.Itoa(len(ids)),
			"Files": strconv.Itoa(len(paths)), "Docs": strconv.Itoa(res.Units)}
		if c.perUnit {
			s.status.SetText(lang.X("printing.saved_files", "Sparat i mappen {{.Path}} · Filer: {{.Files}} · Elever: {{.Pupils}}", v))
		} else {
			s.status.SetText(lang.X("printing.saved", "Sparat i {{.Path}} · Dokument: {{.Docs}} · Elever: {{.Pupils}} · Sidor: {{.Pages}}", v))
		}
		l, _ := text.Parse(s.main.Language())
		if msg := ops.UnprintableMessage(l, res.Unprintable); msg != "" {
			s.status.SetText(s.status.Text + "\n" + msg)
		}
		s.openBtn.Show()
		if !c.perUnit {
			s.lastFile = path
			s.openFileBtn.Show()
		}
	}
	s.actions.Refresh()
}

// scope says which part of the period is printed, for the audit log.
func (s *Screen) scope(c printChoice, sel []data.DocRow) ops.Scope {
	if len(sel) == 0 {
		return ops.Scope{}
	}
	d, x := sel[0], s.docIndex()
	switch c.scope {
	case scopeSchool:
		return ops.Scope{School: x.Schools[d.SchoolID]}
	case scopeClass:
		return ops.Scope{School: x.Schools[d.SchoolID], Class: c.class}
	case scopePupil:
		return ops.Scope{Pupil: d.Name()}
	case scopeOffer:
		o := x.Offers[d.OfferID]
		return ops.Scope{Offer: o.HostName + " – " + o.Title}
	}
	return ops.Scope{}
}

// onCancel stops the running save between two documents.
func (s *Screen) onCancel() {
	if s.cancel != nil {
		s.cancel()
		s.cancelBtn.Disable()
		s.status.SetText(lang.X("printing.cancelling", "Avbryter …"))
		s.actions.Refresh()
	}
}

// onOpenFile opens the PDF just saved in the system's viewer, to look at
// it or print it on paper.
func (s *Screen) onOpenFile() {
	if s.lastFile == "" {
		return
	}
	if err := s.main.App().OpenURL(&url.URL{Scheme: "file", Path: s.lastFile}); err != nil {
		dialog.ShowError(err, s.main.Window())
	}
}

// onOpenFolder shows the folder of the last save in the file manager.
func (s *Screen) onOpenFolder() {
	if s.lastDir == "" {
		return
	}
	if err := s.main.App().OpenURL(&url.URL{Scheme: "file", Path: s.lastDir}); err != nil {
		dialog.ShowError(err, s.main.Window())
	}
}
