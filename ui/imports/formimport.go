package imports

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/classlist"
	"techniqual/data/formimport"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// mapHeaderWidth is the width of the column headers in the mapping grid.
const mapHeaderWidth = 260

// maxPreviewLines bounds the rows each list of the preview shows; a count
// says the rest.
const maxPreviewLines = 200

// formImport is the open "Importera val" or "Importera utvärderingar"
// wizard: file → period and what each column holds (the user may change it,
// and must where a needed column was not recognised) → preview
// with the problems, where a suggestion can be picked for each unknown or
// ambiguous name → import → result. Nothing is written before Importera;
// reading, previewing and writing run off the UI goroutine.
type formImport struct {
	m      Shell
	kind   formimport.Kind
	d      *dialog.CustomDialog
	onDone func()

	path        string
	file        *formimport.File
	periods     []data.Period
	preview     *formimport.Preview
	previewOpts formimport.Options // what preview was worked out with: Importera writes exactly that
	resolutions map[string]string  // Problem.Key → chosen id, for this import only
	previews    int                // previews (and reads) started, so a slower older one is dropped

	// step 1: the file
	fileLabel *widget.Label
	chooseBtn *widget.Button
	// step 2: the period and the columns
	settings   *widget.Label
	columns    *widget.Label
	periodSel  *widget.Select
	mapBox     *fyne.Container
	mapSelects []*widget.Select // by position in file.Columns
	mapOptions []formMapOption  // what each option of a mapSelect means
	mapping    bool             // a select is being set by code, not by the user
	// step 3: preview
	problemBox     *fyne.Container
	problemSelects []*widget.Select // by index of preview.Problems
	problemHead    *widget.Label
	errHead        *widget.Label
	changeList     *widget.Label
	noteList       *widget.Label
	// step 4: result

	wizardFrame
	setupStep fyne.CanvasObject
	prevStep  fyne.CanvasObject
	doneStep  fyne.CanvasObject
	// skippedBox lists, after an import that skipped rows, which and why.
	skippedBox  *fyne.Container
	skippedList *widget.Label
}

// ShowChoicesImport opens the wizard for pupils' choices from a form tool's
// export, asking for the file; onDone runs after an import.
func ShowChoicesImport(m Shell, onDone func()) {
	newFormImport(m, formimport.KindChoices, onDone).onChooseFile()
}

// ShowEvaluationsImport opens the wizard for pupils' evaluations from a form
// tool's export, asking for the file; onDone runs after an import.
func ShowEvaluationsImport(m Shell, onDone func()) {
	newFormImport(m, formimport.KindEvaluations, onDone).onChooseFile()
}

// openFormImport opens the wizard on the file at path (tests use it to
// bypass the native file dialog).
func openFormImport(m Shell, kind formimport.Kind, path string, onDone func()) *formImport {
	w := newFormImport(m, kind, onDone)
	w.load(path)
	return w
}

func newFormImport(m Shell, kind formimport.Kind, onDone func()) *formImport {
	w := &formImport{m: m, kind: kind, onDone: onDone, resolutions: map[string]string{}}
	w.fileLabel = widgets.WrapLabel(lang.X("formimport.no_file", "Ingen fil vald."))
	w.chooseBtn = widget.NewButtonWithIcon(lang.X("formimport.choose", "Välj fil …"), theme.FolderOpenIcon(), w.onChooseFile)
	w.settings = widgets.WrapLabel("")
	w.columns = widgets.WrapLabel("")
	w.periodSel = widgets.NewSelect(nil, func(string) { w.preview = nil; w.updateButtons() })
	w.mapBox = container.New(layout.NewFormLayout())
	w.mapOptions = formMapOptions(kind)
	w.problemHead = widgets.HeadingLabel(lang.X("formimport.problems", "Okända eller otydliga namn: välj vad som menas"))
	w.problemBox = container.New(layout.NewFormLayout())
	w.errHead = widgets.HeadingLabel(lang.X("formimport.errors", "Rader med fel"))
	w.changeList = widgets.WrapLabel("")
	w.noteList = widgets.WrapLabel("")
	w.noteList.Importance = widget.LowImportance
	w.wizardFrame = newWizardFrame(w.updateButtons, w.onPreview, w.onImport, w.onBack, w.onClose)
	w.win = m.Window()

	help := lang.X("formimport.help_choices", "Filen ska ha elevens namn, gärna klass, och valen i kolumner som Val 1, Val 2 … (praoplatsens titel, företagets namn eller ”Företag – titel”). Har en elev svarat flera gånger gäller det senaste svaret.")
	title := lang.X("formimport.title_choices", "Importera val")
	if kind == formimport.KindEvaluations {
		help = lang.X("formimport.help_evaluations", "Filen ska ha elevens namn, gärna klass, och svaren: intresse för teknik före och efter praon (1–5), om eleven skulle rekommendera praon (Ja/Nej) och en kommentar.")
		title = lang.X("formimport.title_evaluations", "Importera utvärderingar")
	}
	fileRow := container.NewBorder(nil, nil, nil, w.chooseBtn, w.fileLabel)
	// One scroll for the whole step: a form with many questions has more
	// columns than the dialog is tall.
	w.setupStep = container.NewVScroll(container.NewVBox(
		widgets.HeadingLabel(lang.X("formimport.settings", "Så här lästes filen")), w.settings, w.columns,
		widgets.FormGrid(widgets.FormField{Label: lang.X("formimport.period", "Praoperiod"), Input: w.periodSel}),
		widgets.HeadingLabel(lang.X("formimport.columns", "Kolumner")),
		widgets.WrapLabel(lang.X("formimport.columns_help", "Kontrollera vad varje kolumn innehåller och ändra där det blev fel. Kolumner som inte används importeras inte.")),
		w.mapBox))
	w.prevStep = container.NewBorder(
		container.NewVBox(widgets.HeadingLabel(lang.X("formimport.preview", "Förhandsgranskning")), w.counts, w.skipBad),
		nil, nil, nil,
		container.NewVScroll(container.NewVBox(w.problemHead, w.problemBox, w.errHead, w.errList,
			widgets.HeadingLabel(lang.X("formimport.changes", "Det här importeras")), w.changeList, w.noteList)))
	w.skippedList = widgets.WrapLabel("")
	w.skippedBox = container.NewVBox(widgets.HeadingLabel(lang.X("formimport.skipped_rows", "Raderna som hoppades över:")), w.skippedList)
	w.skippedBox.Hide()
	w.doneStep = container.NewBorder(
		container.NewVBox(widgets.HeadingLabel(lang.X("formimport.done_title", "Importen är klar")), w.resultLabel),
		nil, nil, nil, container.NewVScroll(w.skippedBox))
	content := container.NewBorder(
		container.NewVBox(widgets.WrapLabel(help), fileRow, widget.NewSeparator()),
		w.bottom(), nil, nil, w.steps)
	w.d = dialog.NewCustomWithoutButtons(title, content, m.Window())
	w.d.Resize(fyne.NewSize(880, 640))
	w.showStep(nil)
	uikit.ShowEscapable(m.Window(), w.d, w.closeBtn)
	w.popup = m.Window().Canvas().Overlays().Top()
	return w
}

func (w *formImport) updateButtons() {
	cur := w.current()
	showIf(w.previewBtn, cur == w.setupStep)
	showIf(w.backBtn, cur == w.prevStep)
	showIf(w.importBtn, cur == w.prevStep)
	if cur == w.doneStep {
		w.chooseBtn.Hide()
		w.closeBtn.SetText(lang.X("formimport.close", "Stäng"))
	}
	w.enableIf(w.previewBtn, w.file != nil && w.file.Check() == nil && w.periodSel.SelectedIndex() >= 0)
	w.enableIf(w.backBtn, true)
	p := w.preview
	w.enableIf(w.importBtn, p != nil && p.Set+p.Replaced > 0 && (p.BadRows == 0 || w.skipBad.Checked))
	w.enableIf(w.chooseBtn, cur != w.doneStep)
	// What the preview is worked out from stays put while it runs.
	enableSelect(w.periodSel, !w.busy())
	for _, sel := range w.mapSelects {
		enableSelect(sel, !w.busy())
	}
	for _, sel := range w.problemSelects {
		enableSelect(sel, !w.busy())
	}
	w.enterCloses(w.current() == w.doneStep)
}

func enableSelect(s *widget.Select, on bool) {
	if on && s.Disabled() {
		s.Enable()
	} else if !on && !s.Disabled() {
		s.Disable()
	}
}

func (w *formImport) onChooseFile() { chooseSpreadsheet(w.m.Window(), w.load) }

// load reads the file and the periods off the UI goroutine and shows what
// was found.
func (w *formImport) load(path string) {
	w.path = path
	w.fileLabel.SetText(path)
	w.file, w.preview = nil, nil
	w.previews++
	w.resolutions = map[string]string{}
	w.showStep(nil)
	w.setBusy(lang.X("formimport.reading", "Läser filen …"))
	st, kind := w.m.Store(), w.kind
	w.m.Background(func() func() {
		read := formimport.ReadChoicesFile
		if kind == formimport.KindEvaluations {
			read = formimport.ReadEvaluationsFile
		}
		f, err := read(path)
		// With only columns missing the File comes along: the user says
		// what the columns hold.
		missing := err
		if f != nil {
			err = nil
		}
		var periods []data.Period
		if err == nil {
			periods, err = st.ListPeriods(context.Background())
		}
		return func() {
			if err != nil {
				w.setIdle(formReadErrorText(err), true)
				return
			}
			w.file, w.periods = f, periods
			w.fillSetup()
			w.showStep(w.setupStep)
			if missing != nil {
				w.setIdle(formReadErrorText(missing)+" "+lang.X("formimport.map_missing", "Välj under Kolumner vad kolumnerna innehåller."), true)
				return
			}
			w.setIdle(lang.X("formimport.read_ok", "{{.Rows}} svar lästa.", map[string]any{"Rows": len(f.Records)}), false)
		}
	})
}

// formReadErrorText says in the user's words why a file cannot be read.
func formReadErrorText(err error) string {
	var fe *formimport.FileError
	if errors.As(err, &fe) {
		return lang.X(fe.Key, fe.Text, fe.Data)
	}
	return lang.X("formimport.read_failed", "Filen kunde inte läsas: {{.Error}}", map[string]string{"Error": err.Error()})
}

// fieldNames are the Swedish names of what a column may hold.
var formFieldNames = map[formimport.Field]struct{ key, sv string }{
	formimport.FieldName:           {"formimport.field.name", "namn"},
	formimport.FieldFirstName:      {"formimport.field.first_name", "förnamn"},
	formimport.FieldLastName:       {"formimport.field.last_name", "efternamn"},
	formimport.FieldClass:          {"formimport.field.class", "klass"},
	formimport.FieldSchool:         {"formimport.field.school", "skola"},
	formimport.FieldTimestamp:      {"formimport.field.timestamp", "tidpunkt"},
	formimport.FieldChoice:         {"formimport.field.choice", "val {{.Rank}}"},
	formimport.FieldChoiceList:     {"formimport.field.choice_list", "alla val i rangordning"},
	formimport.FieldInterestBefore: {"formimport.field.interest_before", "intresse före"},
	formimport.FieldInterestAfter:  {"formimport.field.interest_after", "intresse efter"},
	formimport.FieldRecommend:      {"formimport.field.recommend", "rekommenderar"},
	formimport.FieldComment:        {"formimport.field.comment", "kommentar"},
}

func (w *formImport) fillSetup() {
	f := w.file
	var parts []string
	if f.Format == classlist.FormatXLSX {
		parts = append(parts, lang.X("formimport.format_xlsx", "Excel-fil, blad {{.Sheet}}", map[string]string{"Sheet": f.Sheet}))
	} else {
		parts = append(parts,
			lang.X("formimport.separator", "Avgränsare: {{.Sep}}", map[string]string{"Sep": separatorText(f.Separator)}),
			lang.X("formimport.encoding", "Teckenkodning: {{.Enc}}", map[string]string{"Enc": string(f.Encoding)}))
	}
	parts = append(parts, lang.X("formimport.header_row", "Rubrikrad: {{.Row}}", map[string]string{"Row": strconv.Itoa(f.HeaderRow)}))
	w.settings.SetText(strings.Join(parts, " · "))
	w.fillColumnsText()
	w.fillMapping()
	names := make([]string, len(w.periods))
	best := -1
	for i, p := range w.periods {
		names[i] = p.Name
		// The latest that fits: found by use, evaluations went by default
		// to last year's period, not the one just held.
		if w.fits(p) && (best < 0 || p.Start.After(w.periods[best].Start)) {
			best = i
		}
	}
	if best < 0 {
		best = len(names) - 1
	}
	w.periodSel.SetOptions(names)
	if best >= 0 {
		w.periodSel.SetSelectedIndex(best)
	}
}

// fillColumnsText says in short what each column is taken to be.
func (w *formImport) fillColumnsText() {
	var used, ignored []string
	for _, c := range w.file.Columns {
		n, ok := formFieldNames[c.Field]
		if !ok {
			ignored = append(ignored, c.Header)
			continue
		}
		used = append(used, c.Header+" → "+lang.X(n.key, n.sv, map[string]any{"Rank": c.Rank}))
	}
	text := lang.X("formimport.columns_used", "Kolumner som används: {{.Cols}}", map[string]string{"Cols": strings.Join(used, ", ")})
	if len(ignored) > 0 {
		text += "\n" + lang.X("formimport.columns_ignored", "Kolumner som inte används: {{.Cols}}", map[string]string{"Cols": strings.Join(ignored, ", ")})
	}
	w.columns.SetText(text)
}

// formMapOption is one choice of what a column holds.
type formMapOption struct {
	field formimport.Field
	rank  int
}

// formMapOptions are the choices of the kind, in the order the package
// gives them, with one option per choice rank.
func formMapOptions(kind formimport.Kind) []formMapOption {
	var out []formMapOption
	for _, f := range formimport.Fields(kind) {
		if f != formimport.FieldChoice {
			out = append(out, formMapOption{field: f})
			continue
		}
		for r := 1; r <= data.MaxChoices; r++ {
			out = append(out, formMapOption{field: f, rank: r})
		}
	}
	return out
}

// formMapText is an option's name in the user's language.
func formMapText(o formMapOption) string {
	switch o.field {
	case formimport.FieldIgnore:
		return lang.X("formimport.map.ignore", "Används inte")
	case formimport.FieldName:
		return lang.X("formimport.map.name", "Namn")
	case formimport.FieldFirstName:
		return lang.X("formimport.map.first_name", "Förnamn")
	case formimport.FieldLastName:
		return lang.X("formimport.map.last_name", "Efternamn")
	case formimport.FieldClass:
		return lang.X("formimport.map.class", "Klass")
	case formimport.FieldSchool:
		return lang.X("formimport.map.school", "Skola")
	case formimport.FieldTimestamp:
		return lang.X("formimport.map.timestamp", "Tidsstämpel")
	case formimport.FieldChoice:
		return lang.X("formimport.map.choice", "Val {{.Rank}}", map[string]any{"Rank": o.rank})
	case formimport.FieldChoiceList:
		return lang.X("formimport.map.choice_list", "Alla val i en cell")
	case formimport.FieldInterestBefore:
		return lang.X("formimport.map.interest_before", "Intresse före")
	case formimport.FieldInterestAfter:
		return lang.X("formimport.map.interest_after", "Intresse efter")
	case formimport.FieldRecommend:
		return lang.X("formimport.map.recommend", "Skulle rekommendera")
	case formimport.FieldComment:
		return lang.X("formimport.map.comment", "Kommentar")
	}
	return string(o.field)
}

// mapIndex is the option of a column (-1 for none: a choice rank beyond
// what may be picked, which the preview then reports).
func (w *formImport) mapIndex(c formimport.Column) int {
	for i, o := range w.mapOptions {
		if o.field == c.Field && (o.field != formimport.FieldChoice || o.rank == c.Rank) {
			return i
		}
	}
	return -1
}

// fillMapping makes one row per column: the header, a few of its values,
// and a Select of what it holds.
func (w *formImport) fillMapping() {
	f := w.file
	texts := make([]string, len(w.mapOptions))
	for i, o := range w.mapOptions {
		texts[i] = formMapText(o)
	}
	w.mapSelects = make([]*widget.Select, len(f.Columns))
	var objs []fyne.CanvasObject
	for i, c := range f.Columns {
		head := widget.NewLabelWithStyle(c.Header, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		// A truncating label asks for almost no width: give the headers
		// (often whole questions) a column of their own that shows most.
		headBox := container.NewGridWrap(fyne.NewSize(mapHeaderWidth, head.MinSize().Height), head)
		samples := widget.NewLabel(strings.Join(f.Samples(c.Index, 2), ", "))
		samples.Truncation = fyne.TextTruncateEllipsis
		samples.Importance = widget.LowImportance
		sel := widgets.NewSelect(texts, nil)
		w.mapping = true
		if k := w.mapIndex(c); k >= 0 {
			sel.SetSelectedIndex(k)
		}
		w.mapping = false
		sel.OnChanged = func(string) { w.onMapChanged(i) }
		w.mapSelects[i] = sel
		objs = append(objs, headBox, container.NewGridWithColumns(2, sel, samples))
	}
	w.mapBox.Objects = objs
	w.mapBox.Refresh()
}

// onMapChanged sets what column i holds from its Select. A second column
// for a one-of field is refused (the Select goes back, and the status
// says which column has it); otherwise the status says what is still
// missing.
func (w *formImport) onMapChanged(i int) {
	if w.mapping || w.file == nil || i >= len(w.file.Columns) {
		return
	}
	sel, c := w.mapSelects[i], w.file.Columns[i]
	k := sel.SelectedIndex()
	if k < 0 || k >= len(w.mapOptions) {
		return
	}
	o := w.mapOptions[k]
	if err := w.file.SetField(c.Index, o.field, o.rank); err != nil {
		w.mapping = true
		if j := w.mapIndex(c); j >= 0 {
			sel.SetSelectedIndex(j)
		} else {
			sel.ClearSelected()
		}
		w.mapping = false
		w.setIdle(formReadErrorText(err), true)
		return
	}
	w.preview = nil
	w.fillColumnsText()
	if err := w.file.Check(); err != nil {
		w.setIdle(formMissingText(err), true)
	} else {
		w.setIdle(lang.X("formimport.map_ok", "Kolumnerna räcker för en import. Förhandsgranska när du är klar."), false)
	}
}

// formMissingText says which column the user is still to pick.
func formMissingText(err error) string {
	var fe *formimport.FileError
	if errors.As(err, &fe) {
		switch fe.Key {
		case "formimport.err.no_name_column":
			return lang.X("formimport.map_need_name", "Välj vilken kolumn som har elevens namn (eller förnamn och efternamn).")
		case "formimport.err.no_choice_column":
			return lang.X("formimport.map_need_choice", "Välj vilken kolumn som har elevens val (Val 1, Val 2 … eller Alla val i en cell).")
		case "formimport.err.no_answer_column":
			return lang.X("formimport.map_need_answer", "Välj minst en kolumn med svar (intresse före eller efter, skulle rekommendera eller kommentar).")
		}
	}
	return formReadErrorText(err)
}

// fits says whether a period is where answers of this kind usually go:
// choices while pupils choose, evaluations after the prao.
func (w *formImport) fits(p data.Period) bool {
	if w.kind == formimport.KindChoices {
		return p.Status == data.PeriodChoosing
	}
	return p.Status == data.PeriodPublished || p.Status == data.PeriodDone
}

func (w *formImport) options() formimport.Options {
	o := formimport.Options{Resolutions: map[string]string{}}
	if i := w.periodSel.SelectedIndex(); i >= 0 && i < len(w.periods) {
		o.PeriodID = w.periods[i].ID
	}
	for k, v := range w.resolutions {
		o.Resolutions[k] = v
	}
	return o
}

// onPreview works out, without writing, what the import would do with
// the period and names picked now.
func (w *formImport) onPreview() {
	if w.current() == w.setupStep { // not a preview again after a pick
		w.keepForBack()
	}
	w.runPreview(w.options(), "", false)
}

// runPreview previews with opts and then says status (in red when bad).
// Only the newest preview is shown, and its options are kept with it.
func (w *formImport) runPreview(opts formimport.Options, status string, bad bool) {
	if w.file == nil {
		return
	}
	w.previews++
	n, f, st, kind := w.previews, w.file, w.m.Store(), w.kind
	w.setBusy(lang.X("formimport.previewing", "Förhandsgranskar …"))
	w.m.Background(func() func() {
		pv, err := previewForm(st, kind, f, opts)
		return func() {
			if n != w.previews {
				return // a newer preview is on its way
			}
			if err != nil {
				w.setIdle(formReadErrorText(err), true)
				return
			}
			w.preview, w.previewOpts = pv, opts
			w.fillPreview()
			w.showStep(w.prevStep)
			w.setIdle(status, bad)
		}
	})
}

func previewForm(st *data.Store, kind formimport.Kind, f *formimport.File, opts formimport.Options) (*formimport.Preview, error) {
	if kind == formimport.KindEvaluations {
		return formimport.PreviewEvaluations(context.Background(), st, f, opts)
	}
	return formimport.PreviewChoices(context.Background(), st, f, opts)
}

func (w *formImport) fillPreview() {
	p := w.preview
	if w.kind == formimport.KindEvaluations {
		w.counts.SetText(lang.X("formimport.counts_evaluations", "{{.Set}} nya utvärderingar, {{.Replaced}} ersätter tidigare svar, {{.Same}} oförändrade, {{.Bad}} med fel",
			map[string]any{"Set": p.Set, "Replaced": p.Replaced, "Same": p.Unchanged, "Bad": uikit.RowCount(p.BadRows)}))
	} else {
		w.counts.SetText(lang.X("formimport.counts_choices", "{{.Set}}, {{.Replaced}}, {{.Same}}, {{.Bad}} med fel",
			map[string]any{"Set": uikit.Plural(p.Set, "formimport.count_set.one", "{{.N}} elev får sina val", "formimport.count_set.other", "{{.N}} elever får sina val", nil),
				"Replaced": uikit.Plural(p.Replaced, "formimport.count_replaced.one", "{{.N}} elevs tidigare val ersätts", "formimport.count_replaced.other", "{{.N}} elevers tidigare val ersätts", nil),
				"Same":     uikit.Plural(p.Unchanged, "import.count_same.one", "{{.N}} oförändrad", "import.count_same.other", "{{.N}} oförändrade", nil),
				"Bad":      uikit.RowCount(p.BadRows)}))
	}
	w.fillProblems()
	w.errList.SetText(formErrorLines(p.Errors))
	showIf(w.errHead, len(p.Errors) > 0)
	showIf(w.errList, len(p.Errors) > 0)
	w.changeList.SetText(previewLines(len(p.Changes), func(i int) string { return w.changeText(p.Changes[i]) }))
	w.noteList.SetText(formErrorLines(p.Notes))
	showIf(w.noteList, len(p.Notes) > 0)
	w.skipBad.SetChecked(false)
	showIf(w.skipBad, p.BadRows > 0)
}

// changeText is one pupil's line: "Åsa Ek, 8A, Solbackens skola (ersätts):
// 1. Stora Enso – Pappersbruket, 2. …".
func (w *formImport) changeText(c formimport.Change) string {
	head := c.Label
	switch c.Action {
	case formimport.ActionReplace:
		head += " " + lang.X("formimport.action.replace", "(ersätter tidigare)")
	case formimport.ActionUnchanged:
		head += " " + lang.X("formimport.action.unchanged", "(oförändrad)")
	}
	if w.kind == formimport.KindChoices {
		parts := make([]string, len(c.OfferNames))
		for i, n := range c.OfferNames {
			parts[i] = fmt.Sprintf("%d. %s", i+1, n)
		}
		return head + ": " + strings.Join(parts, ", ")
	}
	e := c.Evaluation
	score := func(n int) string {
		if n == 0 {
			return "–"
		}
		return strconv.Itoa(n)
	}
	rec := "–"
	if e.WouldRecommend != nil {
		rec = lang.X("formimport.no", "nej")
		if *e.WouldRecommend {
			rec = lang.X("formimport.yes", "ja")
		}
	}
	return head + ": " + lang.X("formimport.evaluation_line", "intresse {{.Before}} → {{.After}}, rekommenderar: {{.Rec}}",
		map[string]string{"Before": score(e.InterestBefore), "After": score(e.InterestAfter), "Rec": rec})
}

// fillProblems makes a Select of suggestions for every unknown or
// ambiguous name; picking one previews again with it.
func (w *formImport) fillProblems() {
	probs := w.preview.Problems
	w.problemSelects = make([]*widget.Select, len(probs))
	var objs []fyne.CanvasObject
	for i, p := range probs {
		lines := make([]string, len(p.Lines))
		for k, l := range p.Lines {
			lines[k] = strconv.Itoa(l)
		}
		where := lang.X("formimport.problem_where", "rad {{.Lines}}, {{.Column}}", map[string]string{"Lines": strings.Join(lines, ", "), "Column": p.Column})
		head := widget.NewLabelWithStyle(where, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		why := widgets.WrapLabel(formWhy(p.Reason))
		why.Importance = widget.WarningImportance
		if p.Chosen != "" {
			why.Importance = widget.LowImportance
		}
		opts := make([]string, 0, len(p.Suggestions)+2)
		for _, s := range p.Suggestions {
			opts = append(opts, s.Text)
		}
		if p.Kind == formimport.ProblemOffer {
			opts = append(opts, lang.X("formimport.skip_choice", "Lämna bort valet (övriga val flyttas upp)"))
		}
		opts = append(opts, lang.X("formimport.leave", "Lämna som fel"))
		sel := widgets.NewSelect(opts, nil)
		for k, s := range p.Suggestions {
			if s.ID == p.Chosen {
				sel.SetSelectedIndex(k)
			}
		}
		if p.Chosen == formimport.SkipChoice {
			sel.SetSelectedIndex(len(p.Suggestions))
		}
		sel.OnChanged = func(string) { w.onResolve(p, sel.SelectedIndex()) }
		w.problemSelects[i] = sel
		objs = append(objs, head, container.NewVBox(why, sel))
	}
	w.problemBox.Objects = objs
	w.problemBox.Refresh()
	showIf(w.problemHead, len(probs) > 0)
	showIf(w.problemBox, len(probs) > 0)
}

// onResolve takes the picked suggestion for a problem (for an offer, the
// one after the suggestions leaves the choice out; the last option drops
// the resolution) and previews again.
func (w *formImport) onResolve(p formimport.Problem, i int) {
	if i >= 0 && i < len(p.Suggestions) {
		w.resolutions[p.Key] = p.Suggestions[i].ID
	} else if i == len(p.Suggestions) && p.Kind == formimport.ProblemOffer {
		w.resolutions[p.Key] = formimport.SkipChoice
	} else {
		delete(w.resolutions, p.Key)
	}
	w.onPreview()
}

// formErrorLines lists row errors (or notes), a line each, at most
// maxPreviewLines.
func formErrorLines(errs []formimport.RowError) string {
	return previewLines(len(errs), func(i int) string { return formRowErrorText(errs[i]) })
}

// previewLines joins the lines of n things, at most maxPreviewLines and
// then how many more.
func previewLines(n int, line func(i int) string) string {
	var lines []string
	for i := range n {
		if i == maxPreviewLines {
			lines = append(lines, lang.X("formimport.more", "… och {{.N}} till", map[string]any{"N": n - i}))
			break
		}
		lines = append(lines, line(i))
	}
	return strings.Join(lines, "\n")
}

// formWhy is the reason of an error in the user's language, with its suggestion.
func formWhy(e formimport.RowError) string {
	why := lang.X(e.Key, e.Text, e.Data)
	if e.Suggestion != "" {
		m := formimport.DidYouMean()
		why += lang.X(m.Key, m.Text, map[string]string{"Suggestion": e.Suggestion})
	}
	return why
}

// formRowErrorText is one row error in the user's language: "rad 12,
// kolumn Val 1: okänd praoplats ”Volvo Cars” — menade du ”…”?".
func formRowErrorText(e formimport.RowError) string {
	if e.Column == "" {
		return lang.X("formimport.row_error_line", "rad {{.Line}}: {{.Why}}", map[string]any{"Line": e.Line, "Why": formWhy(e)})
	}
	return lang.X("formimport.row_error", "rad {{.Line}}, kolumn {{.Column}}: {{.Why}}",
		map[string]any{"Line": e.Line, "Column": e.Column, "Why": formWhy(e)})
}

func (w *formImport) onBack() {
	w.preview = nil
	w.previews++
	w.showStep(w.setupStep)
	w.setBack()
}

// onImport writes everything in one transaction off the UI goroutine, with
// the names picked in the preview, and shows what was done.
func (w *formImport) onImport() {
	if w.preview == nil {
		return
	}
	// The options the shown preview was worked out with, not the widgets'.
	f, opts, st, skip, kind := w.file, w.previewOpts, w.m.Store(), w.skipBad.Checked, w.kind
	w.setBusy(lang.X("formimport.importing", "Importerar …"))
	w.m.Background(func() func() {
		res, err := ops.ImportForm(context.Background(), st, f, opts, skip)
		return func() {
			var re *formimport.RowErrors
			switch {
			case errors.As(err, &re):
				// The database changed since the preview: preview again, so
				// that counts, problems and changes all say what is now.
				w.runPreview(opts, uikit.Plural(re.Lines(), "formimport.err.has_errors.one", "{{.N}} rad har fel; inget har importerats.", "formimport.err.has_errors.other", "{{.N}} rader har fel; inget har importerats.", nil), true)
				return
			case err != nil:
				w.setIdle(lang.X("formimport.failed", "Importen misslyckades och inget har ändrats: {{.Error}}", map[string]string{"Error": err.Error()}), true)
				return
			}
			counts := map[string]any{"Set": res.Set, "Replaced": res.Replaced, "Same": res.Unchanged}
			text := lang.X("formimport.result_choices", "{{.Set}} elever fick sina val, {{.Replaced}} elevers val ersattes, {{.Same}} var oförändrade.", counts)
			if kind == formimport.KindEvaluations {
				text = lang.X("formimport.result_evaluations", "{{.Set}} nya utvärderingar, {{.Replaced}} ersatte tidigare svar, {{.Same}} var oförändrade.", counts)
			}
			if res.Skipped > 0 {
				text += " " + uikit.Plural(res.Skipped, "formimport.result_skipped.one", "{{.N}} rad med fel hoppades över.", "formimport.result_skipped.other", "{{.N}} rader med fel hoppades över.", nil)
			}
			w.resultLabel.SetText(text)
			// Which rows were left out, so that they can be mended and
			// imported again: the preview that named them is gone.
			w.skippedList.SetText(formErrorLines(res.Errors))
			showIf(w.skippedBox, len(res.Errors) > 0)
			w.showStep(w.doneStep)
			w.setIdle("", false)
			if w.onDone != nil {
				w.onDone()
			}
		}
	})
}

func (w *formImport) onClose() { w.d.Hide() }

// String describes the wizard's state (for test failures).
func (w *formImport) String() string {
	return fmt.Sprintf("file %q, status %q, counts %q, errors %q", w.path, w.status.Text, w.counts.Text, w.errList.Text)
}
