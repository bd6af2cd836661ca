// Package pupils is the Elever screen: the table of pupils with search,
// filters and sorting, one pupil's form with their choices, the bin of
// deleted pupils, and the imports and exports started from it.
package pupils

import (
	"context"
	"strconv"

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

// Shell is what Elever needs from the window besides the Base: the imports,
// the export, printing and the calendar it starts.
type Shell interface {
	uikit.Base
	// ShowClassListImport opens the class-list import; onDone runs after it.
	ShowClassListImport(onDone func())
	// ShowChoicesImport opens the import of choices; onDone runs after it.
	ShowChoicesImport(onDone func())
	// ShowExport opens the spreadsheet export with that kind chosen.
	ShowExport(kind string)
	// PrintFor opens Utskrifter with that choice made.
	PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string)
	// SavePupilCalendar asks where to save a pupil's calendar and writes it.
	SavePupilCalendar(pupilID, periodID string)
	// ShowHostFormFile opens the exchange export of one company's host form
	// (sent to the host of a pupil's own-found placement).
	ShowHostFormFile(companyID string)
}

// Screen is Elever: a table of every pupil with search as you type,
// filters and sorting, and the chosen pupil's details and choices beside it.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	model   *pupilModel
	filter  pupilFilter
	schools []data.Organisation
	periods []data.Period

	search                          *uikit.SearchEntry
	schoolSel, classSel, gradeSel   *widget.Select
	periodSel, choicesSel, placeSel *widget.Select
	table                           *widget.Table
	count                           *widget.Label
	detail                          *pupilDetail
	// keptHidden is the pupil the form keeps with unsaved edits although
	// the search hides them (the user chose to stay), not asked again.
	keptHidden string
	grid       *choiceGrid // the choices grid last opened
	bulk       *bulkEdit   // the bulk edit last opened
}

var pupilHeaders = [pupilColumnCount]struct{ key, sv string }{
	{"pupils.col.name", "Namn"}, {"pupils.col.class", "Klass"}, {"pupils.col.school", "Skola"},
	{"pupils.col.grade", "Åk"}, {"pupils.col.birth", "Född"}, {"pupils.col.gender", "Kön"},
	{"pupils.col.choices", "Val"}, {"pupils.col.placement", "Placering"},
}

var pupilColumnWidths = [pupilColumnCount]float32{230, 60, 200, 40, 100, 90, 50, 200}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, model: &pupilModel{}}
	s.search = uikit.NewSearchEntry() // Ctrl+N works from it too
	s.search.SetPlaceHolder(lang.X("pupils.search", "Sök på namn eller klass …"))
	s.search.OnChanged = s.onSearchChanged

	all := lang.X("filter.all", "Alla")
	s.schoolSel = widgets.NewSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.classSel = widgets.NewSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.gradeSel = widgets.NewSelect([]string{all, "8", "9"}, func(string) { s.onFilterChanged() })
	s.periodSel = widgets.NewSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.choicesSel = widgets.NewSelect([]string{all, lang.X("pupils.with_choices", "Med val"), lang.X("pupils.without_choices", "Utan val")},
		func(string) { s.onFilterChanged() })
	s.placeSel = widgets.NewSelect([]string{all, lang.X("pupils.placed", "Placerade"), lang.X("pupils.unplaced", "Ej placerade")},
		func(string) { s.onFilterChanged() })
	for _, sel := range []*widget.Select{s.schoolSel, s.classSel, s.gradeSel, s.periodSel, s.choicesSel, s.placeSel} {
		sel.SetSelectedIndex(0)
	}

	s.table = widget.NewTable(s.tableSize, s.newCell, s.updateCell)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	s.table.UpdateHeader = s.updateHeader
	for i, w := range pupilColumnWidths {
		s.table.SetColumnWidth(i, w)
	}
	s.table.OnSelected = s.onRowSelected
	s.count = widget.NewLabel("")

	newBtn := widget.NewButtonWithIcon(lang.X("pupils.new", "Ny elev"), theme.ContentAddIcon(), s.OnNew)
	// The less frequent actions live behind one button, so the search box
	// keeps its width beside the table.
	var moreBtn *widget.Button
	moreBtn = widget.NewButtonWithIcon(lang.X("pupils.more", "Mer"), theme.MoreVerticalIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(lang.X("pupils.import", "Importera klasslista …"), func() { m.ShowClassListImport(s.Reload) }),
			fyne.NewMenuItem(lang.X("pupils.import_choices", "Importera val …"), func() { m.ShowChoicesImport(s.Reload) }),
			fyne.NewMenuItem(lang.X("choicegrid.open", "Val för en klass …"), s.onShowChoiceGrid),
			fyne.NewMenuItem(lang.X("bulk.open", "Ändra flera elever …"), s.onShowBulkEdit),
			fyne.NewMenuItem(lang.X("export.button", "Exportera …"), func() { m.ShowExport("pupils") }),
			fyne.NewMenuItem(lang.X("pupils.bin", "Papperskorg"), s.onShowBin))
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(moreBtn)
		widget.ShowPopUpMenuAtPosition(menu, m.Window().Canvas(), pos.AddXY(0, moreBtn.Size().Height))
	})
	filters := container.NewGridWithColumns(2,
		widgets.Labelled(lang.X("filter.school", "Skola"), s.schoolSel), widgets.Labelled(lang.X("filter.class", "Klass"), s.classSel),
		widgets.Labelled(lang.X("filter.grade", "Årskurs"), s.gradeSel), widgets.Labelled(lang.X("filter.period", "Praoperiod"), s.periodSel),
		widgets.Labelled(lang.X("filter.choices", "Val"), s.choicesSel), widgets.Labelled(lang.X("filter.placement", "Placering"), s.placeSel))
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, moreBtn), s.search),
		filters)
	left := container.NewBorder(top, s.count, nil, nil, s.table)
	s.detail = newPupilDetail(s)
	split := container.NewHSplit(left, s.detail.content)
	split.Offset = 0.46
	s.content = split
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches every pupil off the UI goroutine and swaps the list in.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.count.SetText(lang.X("pupils.loading", "Läser elever …"))
	s.main.Background(func() func() {
		ctx := context.Background()
		model, err := loadPupilModel(ctx, st)
		var schools []data.Organisation
		var periods []data.Period
		if err == nil {
			schools, err = st.ListOrganisations(ctx, data.KindSchool)
		}
		if err == nil {
			periods, err = st.ListPeriods(ctx)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			model.sortBy(s.model.sortCol, s.model.desc)
			s.model, s.schools, s.periods = model, schools, periods
			s.fillFilterOptions()
			s.applyFilter()
			s.detail.refreshChoices()
		}
	})
}

func (s *Screen) fillFilterOptions() {
	all := lang.X("filter.all", "Alla")
	keep := func(sel *widget.Select, opts []string) {
		cur := sel.Selected
		sel.Options = opts
		sel.SetSelected(cur)
		if sel.SelectedIndex() < 0 {
			sel.SetSelectedIndex(0)
		}
	}
	schools := []string{all}
	for _, o := range s.schools {
		schools = append(schools, o.Name)
	}
	keep(s.schoolSel, schools)
	periods := []string{all}
	for _, p := range s.periods {
		periods = append(periods, p.Name)
	}
	keep(s.periodSel, periods)
	s.fillClasses()
}

func (s *Screen) fillClasses() {
	schoolID := ""
	if i := s.schoolSel.SelectedIndex(); i > 0 && i-1 < len(s.schools) {
		schoolID = s.schools[i-1].ID
	}
	opts := append([]string{lang.X("filter.all", "Alla")}, s.model.classes(schoolID)...)
	cur := s.classSel.Selected
	s.classSel.Options = opts
	s.classSel.SetSelected(cur)
	if s.classSel.SelectedIndex() < 0 {
		s.classSel.SetSelectedIndex(0)
	}
}

// onSearchChanged narrows the list as the user types.
func (s *Screen) onSearchChanged(text string) {
	s.filter.text = text
	s.applyFilter()
	s.followSearch()
}

// followSearch keeps the form beside the list on a pupil the list shows:
// found by use, a search for Saga showed her alone in the list and Liam,
// chosen before, in the form. When the search hides the pupil shown, the
// first pupil found is shown, or none when nothing is found. Unsaved edits
// are asked about first, once: staying with them keeps the form as it is
// while the search goes on.
func (s *Screen) followSearch() {
	d := s.detail
	if d.pupil.ID == "" {
		return // nobody, or a new pupil, whom no list shows
	}
	if s.selectShown() {
		s.keptHidden = ""
		return
	}
	if d.pupil.ID == s.keptHidden {
		return
	}
	next := func() {
		s.keptHidden = ""
		if len(s.model.shown) == 0 {
			d.clear()
			return
		}
		s.table.Select(widget.TableCellID{Row: 0, Col: colName}) // which shows them
	}
	// Marked before asking: the search may go on while the question is
	// open, and asks once (staying leaves the mark).
	s.keptHidden = d.pupil.ID
	d.askToLeave(next)
}

func (s *Screen) onFilterChanged() {
	if s.model == nil || s.table == nil {
		return // still being built
	}
	f := pupilFilter{text: s.search.Text}
	if i := s.schoolSel.SelectedIndex(); i > 0 && i-1 < len(s.schools) {
		f.schoolID = s.schools[i-1].ID
	}
	if i := s.classSel.SelectedIndex(); i > 0 {
		f.class = s.classSel.Selected
	}
	if i := s.gradeSel.SelectedIndex(); i > 0 {
		f.grade, _ = strconv.Atoi(s.gradeSel.Selected)
	}
	if i := s.periodSel.SelectedIndex(); i > 0 && i-1 < len(s.periods) {
		p := s.periods[i-1]
		f.period = &p
	}
	f.choices = max(0, s.choicesSel.SelectedIndex())
	f.placed = max(0, s.placeSel.SelectedIndex())
	schoolChanged := f.schoolID != s.filter.schoolID
	s.filter = f
	if schoolChanged {
		s.fillClasses()
		s.filter.class = ""
		if s.classSel.SelectedIndex() > 0 {
			s.filter.class = s.classSel.Selected
		}
	}
	s.applyFilter()
}

func (s *Screen) applyFilter() {
	s.model.filter(s.filter)
	s.count.SetText(lang.X("pupils.count", "{{.Shown}} av {{.Total}} elever",
		map[string]string{"Shown": strconv.Itoa(len(s.model.shown)), "Total": strconv.Itoa(len(s.model.rows))}))
	s.table.UnselectAll()
	s.table.Refresh()
}

func (s *Screen) tableSize() (int, int) { return len(s.model.shown), pupilColumnCount }

func (s *Screen) newCell() fyne.CanvasObject {
	l := widget.NewLabel("Värmlandsnäs Fiberoptik AB")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(s.model.shown) {
		l.SetText("")
		return
	}
	r := &s.model.rows[s.model.shown[id.Row]]
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{}
	text := ""
	switch id.Col {
	case colName:
		text = r.p.Name()
		if r.p.Protected {
			// Protected identity is marked wherever the pupil shows.
			text = lang.X("pupils.protected_mark", "SKYDDAD") + " · " + text
			l.Importance = widget.DangerImportance
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
	case colClass:
		text = r.p.ClassName
	case colSchool:
		text = r.school
	case colGrade:
		text = strconv.Itoa(r.p.Grade)
	case colBirth:
		text = data.FormatDate(r.p.BirthDate)
	case colGender:
		text = genderText(r.p.Gender)
	case colChoices:
		if r.hasChoices(s.filter.period) {
			text = lang.X("pupils.yes", "ja")
		} else {
			text = "–"
		}
	case colPlacement:
		if t, ok := r.placement(s.filter.period); ok {
			text = t
		} else {
			text = "–"
		}
	}
	l.SetText(text)
}

func (s *Screen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= pupilColumnCount {
		return
	}
	h := pupilHeaders[id.Col]
	text := lang.X(h.key, h.sv)
	b.Icon = nil
	if id.Col == s.model.sortCol {
		if s.model.desc {
			b.Icon = theme.MoveDownIcon()
		} else {
			b.Icon = theme.MoveUpIcon()
		}
	}
	b.SetText(text)
	b.Importance = widget.LowImportance
	col := id.Col
	b.OnTapped = func() { s.onSortTapped(col) }
}

// onSortTapped sorts by a column; tapping it again reverses the order.
func (s *Screen) onSortTapped(col int) {
	desc := col == s.model.sortCol && !s.model.desc
	s.model.sortBy(col, desc)
	s.applyFilter()
}

func (s *Screen) onRowSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(s.model.shown) {
		return
	}
	p := s.model.rows[s.model.shown[id.Row]].p
	if p.ID == s.detail.pupil.ID {
		return
	}
	// Staying with the edits puts the selection back on the pupil shown.
	s.detail.askToLeaveOr(func() { s.detail.show(p) }, func() { s.selectShown() })
}

// selectShown selects the row of the pupil the form shows, or none when
// that pupil is not in the list (a new one, or filtered away); it reports
// whether the row is there.
func (s *Screen) selectShown() bool {
	for row, i := range s.model.shown {
		if s.model.rows[i].p.ID == s.detail.pupil.ID && s.detail.pupil.ID != "" {
			s.table.Select(widget.TableCellID{Row: row, Col: colName})
			return true
		}
	}
	s.table.UnselectAll()
	return false
}

// OnNew starts a new pupil in the detail form.
func (s *Screen) OnNew() {
	s.detail.askToLeave(func() {
		p := data.Pupil{Grade: 8, Gender: data.GenderUnspecified}
		if s.filter.schoolID != "" {
			p.SchoolID = s.filter.schoolID
		} else if len(s.schools) > 0 {
			p.SchoolID = s.schools[0].ID
		}
		p.ClassName = s.filter.class
		s.table.UnselectAll()
		s.detail.show(p)
		s.main.Window().Canvas().Focus(s.detail.first)
	})
}

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (s *Screen) FocusSearch() { s.main.Window().Canvas().Focus(s.search) }

// AskToLeave asks about the shown pupil's unsaved edits before the window
// shows another screen (uikit.Leaver).
func (s *Screen) AskToLeave(next func()) { s.detail.askToLeave(next) }

// onShowBin lists deleted pupils so they can be restored.
func (s *Screen) onShowBin() {
	st := s.main.Store()
	s.main.Background(func() func() {
		deleted, err := st.ListPupils(context.Background(), data.PupilFilter{Deleted: true})
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.showBin(deleted)
		}
	})
}

func (s *Screen) showBin(deleted []data.Pupil) {
	if len(deleted) == 0 {
		dialog.ShowInformation(lang.X("pupils.bin", "Papperskorg"), lang.X("pupils.bin_empty", "Papperskorgen är tom."), s.main.Window())
		return
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(deleted) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.X("pupils.restore", "Återställ"), nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			p := deleted[i]
			row.Objects[0].(*widget.Label).SetText(p.Name() + " · " + p.ClassName)
			row.Objects[1].(*widget.Button).OnTapped = func() {
				if err := s.main.Store().RestorePupil(context.Background(), p.ID); err != nil {
					dialog.ShowError(err, s.main.Window())
					return
				}
				d.Hide()
				s.Reload()
			}
		})
	d = dialog.NewCustom(lang.X("pupils.bin", "Papperskorg"), lang.X("action.close", "Stäng"), list, s.main.Window())
	d.Resize(fyne.NewSize(480, 400))
	d.Show()
}

// GenderNames are the Swedish names of the genders (uikit.GenderNames;
// the translation check reads them).
var GenderNames = uikit.GenderNames

// genderText names a gender in the user's language.
func genderText(g data.Gender) string { return uikit.GenderText(g) }
