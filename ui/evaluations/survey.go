package evaluations

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/surveyfile"
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// The tab "Enkät före/efter": the questionnaire the pupils answer under a
// code before the period and at its end (issue #19). The grid shows codes
// only, never names, in code order, so typing the paper forms in does not
// put a name next to answers; the slips that link a name to a code are
// printed once, from here (Skriv ut enkäter …), and handed to the pupils.

// Columns of the survey grid.
const (
	svColCode      = 0
	svColItem1     = 1 // the interest items, data.NumInterestItems of them
	svColWork      = svColItem1 + data.NumInterestItems
	svColProgramme = svColWork + 1
	svColState     = svColProgramme + 1
	svColumns      = svColState + 1
)

// surveyRow is one code's answers in the chosen wave.
type surveyRow struct {
	code  data.SurveyCode
	ans   data.SurveyAnswer
	typed string // letters typed into the programme cell so far
	err   string // the last save's error
}

// surveyTab is the tab's state.
type surveyTab struct {
	main      uikit.Base
	content   fyne.CanvasObject
	periodSel *widget.Select
	waveSel   *widget.Select
	classSel  *widget.Select
	codeEntry *widget.Entry
	table     *widgets.KeyTable
	status    *widget.Label
	compLabel *widget.Label

	periods []data.Period
	classes []classKey // parallel to classSel.Options after the first, "all"
	codes   []data.SurveyCode
	answers map[string]data.SurveyAnswer
	rows    []*surveyRow // shown
	cur     widget.TableCellID
	loads   int
	quiet   bool
}

// classKey is a school's class.
type classKey struct{ schoolID, school, class string }

func (k classKey) label() string { return uikit.JoinDot(k.school, k.class) }

func newSurveyTab(m uikit.Base) *surveyTab {
	t := &surveyTab{main: m, cur: widget.TableCellID{Row: -1, Col: svColItem1}}
	t.periodSel = widgets.NewSelect(nil, func(string) {
		if !t.quiet {
			t.reload()
		}
	})
	t.periodSel.PlaceHolder = lang.X("survey.pick_period", "Välj praoperiod")
	t.waveSel = widgets.NewSelect([]string{lang.X("survey.wave_before", "Före"), lang.X("survey.wave_after", "Efter")}, func(string) {
		if !t.quiet {
			t.reload()
		}
	})
	t.quiet = true
	t.waveSel.SetSelectedIndex(0)
	t.quiet = false
	t.classSel = widgets.NewSelect(nil, func(string) {
		if !t.quiet {
			t.applyClass()
		}
	})
	t.codeEntry = widget.NewEntry()
	t.codeEntry.SetPlaceHolder(lang.X("survey.find_code", "Gå till kod, t.ex. ACDE-FGHJ"))
	t.codeEntry.OnSubmitted = t.onFindCode

	t.table = widgets.NewKeyTable()
	t.table.Tabs = true
	t.table.Canvas = func() fyne.Canvas { return t.main.Window().Canvas() }
	t.table.Length = func() (int, int) { return len(t.rows), svColumns }
	t.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("ACDE-FGHJ")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.table.UpdateCell = t.updateCell
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if l := o.(*widget.Label); id.Row < 0 && id.Col >= 0 && l.Text != surveyColumnTitle(id.Col) {
			l.SetText(surveyColumnTitle(id.Col))
		}
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.cur = id
		t.table.Sel = id
	}
	t.table.OnKey = t.onKey
	t.table.OnRune = t.onRune
	for col, w := range map[int]float32{svColCode: 120, svColWork: 80, svColProgramme: 220, svColState: 140} {
		t.table.SetColumnWidth(col, w)
	}
	for i := 0; i < data.NumInterestItems; i++ {
		t.table.SetColumnWidth(svColItem1+i, 60)
	}
	t.status = widgets.WrapLabel("")
	t.compLabel = widgets.WrapLabel("")
	t.compLabel.Importance = widget.LowImportance
	help := widgets.WrapLabel(lang.X("survey.help",
		"Skriv av enkäterna: frågorna 1–5 och arbeta med teknik 1–5 med en siffra, gymnasieprogrammet med dess två bokstäver (TE, NA, EE …, VI = vet inte). Varje rad sparas direkt. Tab och pilarna flyttar, Delete tömmer rutan. Rutnätet visar bara koder, aldrig namn."))
	help.Importance = widget.LowImportance
	printBtn := widget.NewButtonWithIcon(lang.X("survey.print", "Skriv ut enkäter …"), theme.DocumentPrintIcon(), t.onPrint)
	importBtn := widget.NewButtonWithIcon(lang.X("survey.import", "Importera svar …"), theme.UploadIcon(), t.onImport)
	compBtn := widget.NewButtonWithIcon(lang.X("survey.add_comparison", "Jämförelseklass …"), theme.ContentAddIcon(), t.onAddComparison)
	top := container.NewVBox(
		widgets.HeadingLabel(lang.X("survey.tab", "Enkät före/efter")),
		container.NewGridWithColumns(4, t.periodSel, t.waveSel, t.classSel, t.codeEntry),
		help,
		container.NewBorder(nil, nil, nil, container.NewHBox(compBtn, printBtn, importBtn), t.status),
		t.compLabel)
	t.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, t.table))
	return t
}

// surveyColumnTitle is a column's header.
func surveyColumnTitle(col int) string {
	switch {
	case col == svColCode:
		return lang.X("survey.col.code", "Kod")
	case col >= svColItem1 && col < svColWork:
		return uikit.Message("survey.col.item", "Fråga {{.N}}", map[string]string{"N": fmt.Sprint(col - svColItem1 + 1)})
	case col == svColWork:
		return lang.X("survey.col.work", "Arbeta")
	case col == svColProgramme:
		return lang.X("survey.col.programme", "Program")
	case col == svColState:
		return lang.X("survey.col.state", "Sparad")
	}
	return ""
}

// wave is the chosen wave.
func (t *surveyTab) wave() data.Wave {
	if t.waveSel.SelectedIndex() == 1 {
		return data.WaveAfter
	}
	return data.WaveBefore
}

// period is the chosen period, ok false when none.
func (t *surveyTab) period() (data.Period, bool) {
	i := t.periodSel.SelectedIndex()
	if i < 0 || i >= len(t.periods) {
		return data.Period{}, false
	}
	return t.periods[i], true
}

// reload reads the periods, the chosen period's codes and the wave's
// answers off the UI goroutine.
func (t *surveyTab) reload() {
	st, chosen, wave := t.main.Store(), t.periodSel.Selected, t.wave()
	t.loads++
	n := t.loads
	t.main.Background(func() func() {
		ctx := context.Background()
		ps, err := st.ListPeriods(ctx)
		var codes []data.SurveyCode
		var answers map[string]data.SurveyAnswer
		var comps []string
		idx := -1
		for i, p := range ps {
			if p.Name == chosen {
				idx = i
			}
		}
		if idx < 0 && len(ps) > 0 {
			idx = 0
		}
		if err == nil && idx >= 0 {
			codes, err = st.ListSurveyCodes(ctx, ps[idx].ID)
			if err == nil {
				answers, err = st.SurveyAnswers(ctx, ps[idx].ID, wave)
			}
			if err == nil {
				var cs []data.ComparisonClass
				cs, err = st.ListComparisonClasses(ctx, ps[idx].ID)
				for _, c := range cs {
					name := c.ClassName
					if o, e := st.GetOrganisation(ctx, c.SchoolID); e == nil {
						name = uikit.JoinDot(o.Name, c.ClassName)
					}
					comps = append(comps, name)
				}
			}
		}
		return func() {
			if n != t.loads {
				return
			}
			if err != nil {
				t.status.SetText(err.Error())
				return
			}
			t.periods, t.codes, t.answers = ps, codes, answers
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			t.quiet = true
			t.periodSel.Options = names
			if idx >= 0 {
				t.periodSel.SetSelectedIndex(idx)
			}
			t.fillClasses()
			t.quiet = false
			t.compLabel.SetText("")
			if len(comps) > 0 {
				t.compLabel.SetText(lang.X("survey.comparisons", "Jämförelseklasser") + ": " + strings.Join(comps, ", "))
			}
			t.applyClass()
		}
	})
}

// fillClasses lists the classes that have codes, keeping the chosen one.
func (t *surveyTab) fillClasses() {
	was := t.classSel.Selected
	seen := map[classKey]bool{}
	t.classes = nil
	for _, c := range t.codes {
		k := classKey{c.SchoolID, c.SchoolName, c.ClassName}
		if !seen[k] {
			seen[k] = true
			t.classes = append(t.classes, k)
		}
	}
	opts := []string{lang.X("survey.all_classes", "Alla klasser")}
	for _, k := range t.classes {
		opts = append(opts, k.label())
	}
	t.classSel.Options = opts
	t.classSel.SetSelected(was)
	if t.classSel.SelectedIndex() < 0 {
		t.classSel.SetSelectedIndex(0)
	}
}

// class is the chosen class, ok false for all classes.
func (t *surveyTab) class() (classKey, bool) {
	i := t.classSel.SelectedIndex() - 1
	if i < 0 || i >= len(t.classes) {
		return classKey{}, false
	}
	return t.classes[i], true
}

// applyClass shows the chosen class's codes, in code order.
func (t *surveyTab) applyClass() {
	k, one := t.class()
	t.rows = nil
	for _, c := range t.codes {
		if one && (c.SchoolID != k.schoolID || c.ClassName != k.class) {
			continue
		}
		t.rows = append(t.rows, &surveyRow{code: c, ans: t.answers[c.Code]})
	}
	sort.Slice(t.rows, func(i, j int) bool { return t.rows[i].code.Code < t.rows[j].code.Code })
	answered := 0
	for _, r := range t.rows {
		if !r.ans.Empty() {
			answered++
		}
	}
	switch {
	case len(t.periods) == 0:
		t.status.SetText(lang.X("survey.no_periods", "Det finns inga praoperioder ännu."))
	case len(t.codes) == 0:
		t.status.SetText(lang.X("survey.no_codes", "Eleverna har inga koder ännu: skriv ut enkäterna, så får varje elev sin kod på en lapp."))
	default:
		t.status.SetText(uikit.Message("survey.count", "{{.Answered}} av {{.All}} koder har svar.",
			map[string]string{"Answered": fmt.Sprint(answered), "All": fmt.Sprint(len(t.rows))}))
	}
	t.table.Refresh()
}

func (t *surveyTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(t.rows) {
		l.SetText("")
		return
	}
	r := t.rows[id.Row]
	s := ""
	switch {
	case id.Col == svColCode:
		s = data.FormatSurveyCode(r.code.Code)
	case id.Col >= svColItem1 && id.Col < svColWork:
		s = digit(r.ans.Items[id.Col-svColItem1])
	case id.Col == svColWork:
		s = digit(r.ans.Work)
	case id.Col == svColProgramme:
		s = r.ans.Programme
		if p, ok := data.FindProgramme(s); ok {
			s = p.Code + " " + p.SV
			if t.main.Language() == "en" {
				s = p.Code + " " + p.EN
			}
		}
		if r.typed != "" {
			s = r.typed + "…"
		}
	case id.Col == svColState:
		switch {
		case r.err != "":
			s = r.err
		case !r.ans.Empty():
			s = "✓"
		}
	}
	if l.Text != s {
		l.SetText(s)
	}
}

func digit(x int) string {
	if x == 0 {
		return ""
	}
	return fmt.Sprint(x)
}

// move selects the cell dr rows and dc columns away, within the answers.
func (t *surveyTab) move(dr, dc int) {
	if len(t.rows) == 0 {
		return
	}
	id := t.cur
	if id.Row < 0 {
		id = widget.TableCellID{Row: 0, Col: svColItem1}
	}
	id.Row, id.Col = id.Row+dr, id.Col+dc
	if id.Col > svColProgramme {
		id.Col, id.Row = svColItem1, id.Row+1
	}
	if id.Col < svColItem1 {
		id.Col, id.Row = svColProgramme, id.Row-1
	}
	id.Row = max(0, min(len(t.rows)-1, id.Row))
	t.table.Select(id)
}

// onKey moves with the arrows, Tab and Enter and clears with Delete.
func (t *surveyTab) onKey(k *fyne.KeyEvent, shift bool) bool {
	switch k.Name {
	case fyne.KeyUp:
		t.move(-1, 0)
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		t.move(1, 0)
	case fyne.KeyLeft:
		t.move(0, -1)
	case fyne.KeyRight:
		t.move(0, 1)
	case fyne.KeyTab:
		if shift {
			t.move(0, -1)
		} else {
			t.move(0, 1)
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		t.set(func(r *surveyRow, col int) bool {
			switch {
			case col >= svColItem1 && col < svColWork:
				r.ans.Items[col-svColItem1] = 0
			case col == svColWork:
				r.ans.Work = 0
			case col == svColProgramme:
				r.ans.Programme, r.typed = "", ""
			default:
				return false
			}
			return true
		})
	default:
		return false
	}
	return true
}

// onRune types a digit into a question or letters into the programme.
func (t *surveyTab) onRune(ch rune) {
	col := t.cur.Col
	switch {
	case col >= svColItem1 && col <= svColWork && ch >= '1' && ch <= '5':
		if t.set(func(r *surveyRow, col int) bool {
			if col == svColWork {
				r.ans.Work = int(ch - '0')
			} else {
				r.ans.Items[col-svColItem1] = int(ch - '0')
			}
			return true
		}) {
			t.move(0, 1)
		}
	case col == svColProgramme && (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'):
		if t.cur.Row < 0 || t.cur.Row >= len(t.rows) {
			return
		}
		r := t.rows[t.cur.Row]
		r.typed = strings.ToUpper(r.typed + string(ch))
		if p, ok := data.FindProgramme(r.typed); ok {
			t.set(func(r *surveyRow, _ int) bool { r.ans.Programme, r.typed = p.Code, ""; return true })
			t.move(1, 0)
			return
		}
		if len(r.typed) >= 2 {
			r.err = uikit.Message("survey.unknown_programme", "{{.Code}}: inget program", map[string]string{"Code": r.typed})
			r.typed = ""
		}
		t.table.RefreshItem(t.cur)
	}
}

// set changes the selected row with f (which reports whether it changed
// something) and saves the row off the UI goroutine.
func (t *surveyTab) set(f func(r *surveyRow, col int) bool) bool {
	per, ok := t.period()
	if !ok || t.cur.Row < 0 || t.cur.Row >= len(t.rows) {
		return false
	}
	r := t.rows[t.cur.Row]
	if !f(r, t.cur.Col) {
		return false
	}
	r.err = ""
	t.answers[r.code.Code] = r.ans
	entry := data.SurveyEntry{Code: r.code.Code, Answer: r.ans}
	st, wave := t.main.Store(), t.wave()
	t.table.Refresh()
	t.main.Background(func() func() {
		_, err := st.SaveSurveyAnswers(context.Background(), per.ID, wave, []data.SurveyEntry{entry})
		return func() {
			if err != nil {
				r.err = err.Error()
				t.table.Refresh()
			}
		}
	})
	return true
}

// onFindCode selects the row of a typed code.
func (t *surveyTab) onFindCode(s string) {
	c, ok := data.NormalizeSurveyCode(s)
	for i, r := range t.rows {
		if ok && r.code.Code == c {
			t.table.Select(widget.TableCellID{Row: i, Col: svColItem1})
			t.codeEntry.SetText("")
			t.main.Window().Canvas().Focus(t.table)
			return
		}
	}
	t.status.SetText(uikit.Message("survey.code_not_found", "Koden {{.Code}} finns inte bland de visade.", map[string]string{"Code": s}))
}

// onPrint saves the questionnaires of the chosen class (or all) as a PDF.
func (t *surveyTab) onPrint() {
	per, ok := t.period()
	if !ok {
		return
	}
	k, one := t.class()
	f := data.DocFilter{}
	scope := ops.Scope{}
	if one {
		f, scope = data.DocFilter{SchoolID: k.schoolID, ClassName: k.class}, ops.Scope{School: k.school, Class: k.class}
	}
	code := t.main.Language()
	d := uikit.NewSaveDialog(t.main.Window(), reports.QuestionnaireFileName(per.Name, code), ".pdf", func(path string) {
		st := t.main.Store()
		t.status.SetText(lang.X("survey.printing", "Skriver ut …"))
		t.main.Background(func() func() {
			res, err := ops.PrintQuestionnaires(context.Background(), st, per, f, scope, path, reports.Options{Lang: code})
			return func() {
				if err != nil {
					t.status.SetText(ops.Message(text.Lang(code), err))
					return
				}
				t.status.SetText(uikit.Message("survey.printed", "{{.Pupils}} enkäter och kodlappar sparade i {{.Path}}.",
					map[string]string{"Pupils": fmt.Sprint(res.Pupils), "Path": path}))
				t.reload()
			}
		})
	})
	uikit.ShowFileDialog(t.main.Window(), d)
}

// onImport reads a form tool's export and, after saying what it will do
// to which wave, writes it. Found by use: it wrote at once into the wave
// the screen happened to show, over the answers already there, and said
// nothing when done.
func (t *surveyTab) onImport() {
	per, ok := t.period()
	if !ok {
		return
	}
	wave := t.wave()
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		st := t.main.Store()
		t.main.Background(func() func() {
			f, err := surveyfile.ReadFile(path)
			var pv surveyfile.Preview
			if err == nil && len(f.Problems) == 0 {
				pv, err = surveyfile.PreviewImport(context.Background(), st, per.ID, wave, f)
			}
			return func() {
				switch {
				case err != nil:
					t.importDone(surveyfile.Result{}, err)
				case len(f.Problems) > 0:
					t.importFile(per, wave, f) // refused, with every problem listed
				default:
					t.askImport(per, wave, f, pv)
				}
			}
		})
	}, t.main.Window())
	fd.SetTitleText(lang.X("file.open_title", "Öppna fil")) // Fyne says "Öppna Fil"
	uikit.ShowFileDialog(t.main.Window(), fd)
}

// askImport says what the file will do to the wave, and imports it on Ja.
func (t *surveyTab) askImport(per data.Period, wave data.Wave, f *surveyfile.File, pv surveyfile.Preview) {
	waveName := t.waveSel.Options[0]
	if wave == data.WaveAfter {
		waveName = t.waveSel.Options[1]
	}
	v := map[string]string{"N": fmt.Sprint(pv.Answers), "Wave": strings.ToLower(waveName), "Period": per.Name,
		"Replaced": fmt.Sprint(pv.Replaced)}
	msg := uikit.Message("survey.import_ask", "{{.N}} svar läses in i omgången ”{{.Wave}}” av {{.Period}}.", v)
	if pv.Replaced > 0 {
		msg += "\n" + uikit.Message("survey.import_replaces", "{{.Replaced}} av dem ersätter svar som redan finns; frågor som filen inte har kvar sina svar.", v)
	}
	if len(pv.Ignored) > 0 {
		msg += "\n" + uikit.Message("survey.import_ignored", "Kolumner som inte läses: {{.Names}}.", map[string]string{"Names": strings.Join(pv.Ignored, ", ")})
	}
	d := dialog.NewConfirm(lang.X("survey.import_title", "Importera enkätsvar"), msg, func(yes bool) {
		if yes {
			t.importFile(per, wave, f)
		}
	}, t.main.Window())
	d.SetConfirmText(lang.X("survey.import_confirm", "Importera"))
	d.Show()
}

// importFile writes the file's answers into wave, off the UI goroutine.
func (t *surveyTab) importFile(per data.Period, wave data.Wave, f *surveyfile.File) {
	st := t.main.Store()
	t.main.Background(func() func() {
		res, err := surveyfile.Import(context.Background(), st, per.ID, wave, f)
		return func() { t.importDone(res, err) }
	})
}

// importDone says how an import went: every problem of a refused file,
// or how many answers were written.
func (t *surveyTab) importDone(res surveyfile.Result, err error) {
	code := text.Lang(t.main.Language())
	var fe *surveyfile.Error
	switch {
	case errors.As(err, &fe):
		msg := fe.Text(code)
		if lines := strings.Split(msg, "\n"); len(lines) > 12 {
			msg = strings.Join(lines[:12], "\n") + "\n…"
		}
		dialog.ShowInformation(lang.X("survey.import_refused", "Inget importerades"), msg, t.main.Window())
	case err != nil:
		t.status.SetText(ops.Message(code, err))
	default:
		msg := uikit.Message("survey.imported", "{{.N}} svar importerade ({{.Unpaired}} saknar ännu svar i den andra omgången).",
			map[string]string{"N": fmt.Sprint(res.Answers), "Unpaired": fmt.Sprint(res.Unpaired)})
		t.status.SetText(msg)
		dialog.ShowInformation(lang.X("survey.import_title", "Importera enkätsvar"), msg, t.main.Window())
		t.reload()
	}
}

// onAddComparison makes a class a comparison class of the period: one that
// does its prao later and answers at the same two moments.
func (t *surveyTab) onAddComparison() {
	per, ok := t.period()
	if !ok {
		return
	}
	st := t.main.Store()
	t.main.Background(func() func() {
		ctx := context.Background()
		pupils, err := st.ListPupils(ctx, data.PupilFilter{})
		names := map[string]string{}
		if err == nil {
			var orgs []data.Organisation
			orgs, err = st.ListOrganisations(ctx, data.KindSchool)
			for _, o := range orgs {
				names[o.ID] = o.Name
			}
		}
		seen := map[classKey]bool{}
		var ks []classKey
		for _, p := range pupils {
			k := classKey{p.SchoolID, names[p.SchoolID], p.ClassName}
			if p.ClassName != "" && !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
		c := uikit.Collator()
		sort.Slice(ks, func(i, j int) bool { return c.CompareString(ks[i].label(), ks[j].label()) < 0 })
		return func() {
			if err != nil {
				t.status.SetText(err.Error())
				return
			}
			var opts []string
			for _, k := range ks {
				opts = append(opts, k.label())
			}
			sel := widget.NewSelect(opts, nil)
			note := widgets.WrapLabel(lang.X("survey.comparison_note",
				"En klass som gör prao senare under året och svarar på enkäten vid samma två tillfällen. Då visar Statistik förändringen hos praoeleverna mot förändringen hos jämförelseklasserna."))
			dialog.ShowCustomConfirm(lang.X("survey.add_comparison", "Jämförelseklass …"), lang.X("survey.add", "Lägg till"),
				lang.X("survey.cancel", "Avbryt"), container.NewVBox(note, sel), func(yes bool) {
					i := sel.SelectedIndex()
					if !yes || i < 0 {
						return
					}
					k := ks[i]
					t.main.Background(func() func() {
						err := st.AddComparisonClass(context.Background(), data.ComparisonClass{PeriodID: per.ID, SchoolID: k.schoolID, ClassName: k.class})
						if err == nil {
							_, err = st.EnsureSurveyCodes(context.Background(), per.ID)
						}
						return func() {
							if err != nil {
								t.status.SetText(err.Error())
								return
							}
							t.reload()
						}
					})
				}, t.main.Window())
		}
	})
}
