package imports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"techniqual/data"
	"techniqual/data/classlist"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// maxErrorLines bounds the errors the preview lists; the count says the rest.
const maxErrorLines = 200

// classListImport is the open "Importera klasslista" wizard: file → the
// detected settings with the column mapping → preview → import → result.
// Nothing is written before Importera; reading, previewing and writing run
// off the UI goroutine.
type classListImport struct {
	m      Shell
	d      *dialog.CustomDialog
	onDone func()

	path     string
	table    *classlist.Table
	mapping  []classlist.Field
	preview  *classlist.Preview
	result   *classlist.Result
	detected *classlist.Table      // the file as read with nothing overridden
	override classlist.ReadOptions // what the user chose instead
	reads    int                   // reads started, so a slower older one is dropped
	quiet    bool                  // the reading selects are being set, not chosen
	// handMapped is the field the user chose by hand for a column header,
	// kept across re-reads of the same file.
	handMapped map[string]classlist.Field

	// step 1: the file
	fileLabel *widget.Label
	chooseBtn *widget.Button
	// step 2: settings and mapping
	settings   *widget.Label
	detectedL  *widget.Label
	sepSel     *widget.Select
	encSel     *widget.Select
	headerSel  *widget.Select
	sepBox     fyne.CanvasObject // hidden for an Excel file
	encBox     fyne.CanvasObject
	resetBtn   *widget.Button
	readingAcc *widget.Accordion
	firstLines *widget.Label
	schoolSel  *widget.SelectEntry
	schoolNote *widget.Label
	mapSelects []*widget.Select
	mapBox     *fyne.Container
	// ignoreUnknown is the answer to the question the mapping step asks
	// when columns whose header is unknown are left unmapped: may they be
	// left out? Without it, Förhandsgranska names them and stops.
	ignoreUnknown *widget.Check
	// genderCheck asks to take the legal sex from the personnummer; it is
	// offered only when a column is mapped to the personnummer.
	genderCheck *widget.Check
	genderHelp  *widget.Label
	// step 3: preview
	schools *widget.Label
	notesL  *widget.Label // what the import changes in rows (not errors)
	// changeHead and changeList name who the import adds or updates.
	changeHead *widget.Label
	changeList *widget.Label
	// step 4: result

	wizardFrame
	mapStep  fyne.CanvasObject
	prevStep fyne.CanvasObject
	doneStep fyne.CanvasObject
}

// ShowClassListImport opens the wizard and asks for the class list file
// with the file dialog; onDone runs after an import (to reload the list).
func ShowClassListImport(m Shell, onDone func()) {
	w := newClassListImport(m, onDone)
	w.onChooseFile()
}

// openClassListImport opens the wizard on the file at path (tests use it to
// bypass the native file dialog).
func openClassListImport(m Shell, path string, onDone func()) *classListImport {
	w := newClassListImport(m, onDone)
	w.load(path)
	return w
}

func newClassListImport(m Shell, onDone func()) *classListImport {
	w := &classListImport{m: m, onDone: onDone}
	w.fileLabel = widgets.WrapLabel(lang.X("import.no_file", "Ingen fil vald."))
	w.chooseBtn = widget.NewButtonWithIcon(lang.X("import.choose", "Välj fil …"), theme.FolderOpenIcon(), w.onChooseFile)
	w.settings = widgets.WrapLabel("")
	w.settings.Importance = widget.LowImportance
	w.detectedL = widgets.WrapLabel("")
	seps := make([]string, len(classlist.Separators))
	for i, r := range classlist.Separators {
		seps[i] = separatorText(r)
	}
	w.sepSel = widgets.NewSelect(seps, func(string) {
		if i := w.sepSel.SelectedIndex(); !w.quiet && i >= 0 {
			w.override.Separator = classlist.Separators[i]
			w.reread()
		}
	})
	encs := make([]string, len(classlist.Encodings))
	for i, e := range classlist.Encodings {
		encs[i] = string(e)
	}
	w.encSel = widgets.NewSelect(encs, func(string) {
		if i := w.encSel.SelectedIndex(); !w.quiet && i >= 0 {
			w.override.Encoding = classlist.Encodings[i]
			w.reread()
		}
	})
	w.headerSel = widgets.NewSelect(nil, func(string) {
		if i := w.headerSel.SelectedIndex(); !w.quiet && i >= 0 {
			w.override.HeaderRow = i + 1
			w.reread()
		}
	})
	w.resetBtn = widget.NewButtonWithIcon(lang.X("import.use_detected", "Använd det upptäckta"), theme.ViewRefreshIcon(), func() {
		w.override = classlist.ReadOptions{}
		w.reread()
	})
	w.firstLines = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	w.firstLines.Truncation = fyne.TextTruncateEllipsis
	w.schoolSel = widget.NewSelectEntry(nil)
	w.schoolSel.SetPlaceHolder(lang.X("import.school_placeholder", "Skolans namn (skapas om den inte finns)"))
	w.schoolNote = widgets.WrapLabel("")
	w.schoolNote.Importance = widget.LowImportance
	w.mapBox = container.New(layout.NewFormLayout())
	w.ignoreUnknown = widget.NewCheck("", func(bool) { w.preview = nil })
	w.ignoreUnknown.Hide()
	w.genderCheck = widget.NewCheck(lang.X("listcheck.gender_check", "Ta juridiskt kön från personnumret för elever utan angivet kön (för statistik)"),
		func(bool) { w.preview = nil })
	w.genderHelp = widgets.WrapLabel(lang.X("listcheck.gender_help", "Personnumrets näst sista siffra är udda för män och jämn för kvinnor i folkbokföringen. Det är det juridiska könet, inte nödvändigtvis elevens egen könsidentitet. Det används bara för statistik, bara för elever som saknar kön, och går att ändra per elev. Personnumret sparas inte."))
	w.genderHelp.Importance = widget.LowImportance
	w.schools = widgets.WrapLabel("")
	w.notesL = widgets.WrapLabel("")
	w.notesL.Importance = widget.LowImportance
	w.changeHead = widgets.HeadingLabel(lang.X("import.changes", "Det här importeras"))
	w.changeList = widgets.WrapLabel("")
	w.wizardFrame = newWizardFrame(w.updateButtons, w.onPreview, w.onImport, w.onBack, w.onClose)
	w.win = m.Window()

	fileRow := container.NewBorder(nil, nil, nil, w.chooseBtn, w.fileLabel)
	labeled := func(label string, in fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), in)
	}
	w.sepBox = labeled(lang.X("import.separator_label", "Avgränsare"), w.sepSel)
	w.encBox = labeled(lang.X("import.encoding_label", "Teckenkodning"), w.encSel)
	reading := container.NewGridWithColumns(4, w.sepBox, w.encBox,
		labeled(lang.X("import.header_label", "Rubrikrad"), w.headerSel), container.NewVBox(layout.NewSpacer(), w.resetBtn))
	// The reading choices fold away so the mapping keeps its room; they
	// open by themselves when the file looks misread (see misread).
	w.readingAcc = widget.NewAccordion(widget.NewAccordionItem(
		lang.X("import.change_reading", "Ändra avgränsare, teckenkodning eller rubrikrad"),
		container.NewVBox(
			widgets.WrapLabel(lang.X("import.override_help", "Ser namnen konstiga ut eller hamnar kolumnerna fel? Välj en annan avgränsare, teckenkodning eller rubrikrad, så läses filen om.")),
			reading, w.firstLines)))
	// One scroll for the whole step: with the reading choices unfolded it
	// is taller than the dialog.
	w.mapStep = container.NewVScroll(container.NewVBox(
		widgets.HeadingLabel(lang.X("import.settings", "Så här lästes filen")), w.detectedL, w.settings, w.readingAcc,
		widgets.FormGrid(widgets.FormField{Label: lang.X("import.school", "Skola"), Input: container.NewVBox(w.schoolSel, w.schoolNote)}),
		widgets.HeadingLabel(lang.X("import.columns", "Kolumner")),
		widgets.WrapLabel(lang.X("import.columns_help", "Kontrollera vad varje kolumn innehåller. Okända kolumner importeras inte förrän du väljer ett fält för dem.")),
		w.mapBox, w.ignoreUnknown, w.genderCheck, w.genderHelp))
	w.prevStep = container.NewBorder(
		container.NewVBox(widgets.HeadingLabel(lang.X("import.preview", "Förhandsgranskning")), w.counts, w.schools, w.skipBad),
		nil, nil, nil, container.NewVScroll(container.NewVBox(w.errList, w.notesL, w.changeHead, w.changeList)))
	w.doneStep = container.NewVBox(widgets.HeadingLabel(lang.X("import.done_title", "Importen är klar")), w.resultLabel)
	content := container.NewBorder(
		container.NewVBox(fileRow, widget.NewSeparator()),
		w.bottom(), nil, nil, w.steps)
	w.d = dialog.NewCustomWithoutButtons(lang.X("import.title", "Importera klasslista"), content, m.Window())
	w.d.Resize(fyne.NewSize(860, 620))
	w.showStep(nil)
	uikit.ShowEscapable(m.Window(), w.d, w.closeBtn)
	w.popup = m.Window().Canvas().Overlays().Top()
	return w
}

func (w *classListImport) updateButtons() {
	cur := w.current()
	showIf(w.previewBtn, cur == w.mapStep)
	showIf(w.backBtn, cur == w.prevStep)
	showIf(w.importBtn, cur == w.prevStep)
	w.chooseBtn.Show()
	if cur == w.doneStep {
		w.chooseBtn.Hide()
		w.closeBtn.SetText(lang.X("import.close", "Stäng"))
	}
	w.enableIf(w.previewBtn, w.table != nil)
	w.enableIf(w.backBtn, true)
	p := w.preview
	w.enableIf(w.importBtn, p != nil && p.Added+p.Updated > 0 && (p.BadRows == 0 || w.skipBad.Checked))
	w.enableIf(w.chooseBtn, cur != w.doneStep)
	w.enterCloses(w.current() == w.doneStep)
}

func (w *classListImport) onChooseFile() { chooseSpreadsheet(w.m.Window(), w.load) }

// load reads the file off the UI goroutine and shows the detected settings
// and the mapping.
func (w *classListImport) load(path string) {
	w.path = path
	w.fileLabel.SetText(path)
	w.table, w.preview, w.detected, w.override, w.handMapped = nil, nil, nil, classlist.ReadOptions{}, nil
	w.reads++
	w.showStep(nil)
	w.setBusy(lang.X("import.reading", "Läser filen …"))
	st := w.m.Store()
	w.m.Background(func() func() {
		t, err := classlist.ReadFile(path, classlist.ReadOptions{})
		var schools []data.Organisation
		var lines []string
		if err == nil {
			schools, err = st.ListOrganisations(context.Background(), data.KindSchool)
			lines = firstLinesOf(path, t, firstLinesShown)
		}
		return func() {
			if errors.Is(err, classlist.ErrMixedEncoding) {
				w.askEncoding(err)
				return
			}
			if err != nil {
				w.setIdle(readErrorText(err), true)
				return
			}
			w.table, w.mapping, w.detected = t, t.Mapping(), t
			w.showFirstLines(lines)
			if misread(t) {
				w.readingAcc.Open(0)
			} else {
				w.readingAcc.Close(0)
			}
			var names []string
			for _, o := range schools {
				names = append(names, o.Name)
			}
			w.schoolSel.SetOptions(names)
			if len(names) == 1 && w.schoolSel.Text == "" {
				w.schoolSel.SetText(names[0])
			}
			w.fillMapping()
			w.fillSettings()
			w.showStep(w.mapStep)
			unknown := len(t.Unknown())
			msg := lang.X("import.read_ok", "{{.Rows}} rader lästa.", map[string]any{"Rows": len(t.Records)})
			if unknown > 0 {
				msg += " " + uikit.Plural(unknown, "import.unknown_columns.one", "{{.N}} kolumn är okänd: välj vad den innehåller eller låt den vara.",
					"import.unknown_columns.other", "{{.N}} kolumner är okända: välj vad de innehåller eller låt dem vara.", nil)
			}
			w.setIdle(msg, false)
		}
	})
}

// askEncoding shows the reading choices for a file whose lines are partly
// UTF-8, partly not: the file is not read until the user says which
// encoding it is in (whichever is chosen, the other lines show as such).
func (w *classListImport) askEncoding(err error) {
	w.table = nil
	w.mapBox.Objects = nil
	w.mapBox.Refresh()
	w.sepBox.Show()
	w.encBox.Show()
	w.quiet = true
	w.encSel.ClearSelected()
	w.quiet = false
	w.detectedL.SetText("")
	w.settings.Hide()
	w.readingAcc.Open(0)
	w.showStep(w.mapStep)
	w.setIdle(readErrorText(err)+" "+lang.X("listcheck.choose_encoding", "Välj teckenkodning under ”Ändra avgränsare, teckenkodning eller rubrikrad”."), true)
}

// readErrorText says in the user's words why a file cannot be read.
func readErrorText(err error) string {
	var fe *classlist.FileError
	if errors.As(err, &fe) {
		return lang.X(fe.Key, fe.Text, fe.Data)
	}
	return lang.X("import.read_failed", "Filen kunde inte läsas: {{.Error}}", map[string]string{"Error": err.Error()})
}

// fillSettings shows what was detected, sets the reading selects to how
// the file is read now, and notes what the user should know about it.
func (w *classListImport) fillSettings() {
	t := w.table
	w.detectedL.SetText(detectedText(w.detected))
	xlsx := t.Format == classlist.FormatXLSX
	var notes []string
	if xlsx {
		notes = append(notes, lang.X("import.format_xlsx", "Excel-fil, blad {{.Sheet}}", map[string]string{"Sheet": t.Sheet}))
		w.sepBox.Hide()
		w.encBox.Hide()
		w.firstLines.Hide()
	} else {
		w.sepBox.Show()
		w.encBox.Show()
		w.firstLines.Show()
	}
	if !t.HeaderFound {
		notes = append(notes, lang.X("import.header_guessed", "(inga kända kolumnnamn hittades: första raden används som rubriker)"))
	}
	w.settings.SetText(strings.Join(notes, " · "))
	if len(notes) == 0 {
		w.settings.Hide()
	} else {
		w.settings.Show()
	}
	// Only what changed is set: the select the user just chose is left alone.
	w.quiet = true
	setIndex := func(sel *widget.Select, i int) {
		if sel.SelectedIndex() != i {
			sel.SetSelectedIndex(i)
		}
	}
	if !xlsx {
		setIndex(w.sepSel, slices.Index(classlist.Separators, t.Separator))
		setIndex(w.encSel, slices.Index(classlist.Encodings, t.Encoding))
	}
	last := t.HeaderRow
	for _, d := range []*classlist.Table{w.detected, t} {
		if d != nil && len(d.Records) > 0 {
			last = max(last, d.Records[len(d.Records)-1].Line)
		}
	}
	rows := make([]string, min(max(last, t.HeaderRow), maxHeaderChoice))
	for i := range rows {
		rows[i] = strconv.Itoa(i + 1)
	}
	if !slices.Equal(w.headerSel.Options, rows) {
		w.headerSel.Options = rows
		w.headerSel.Refresh()
	}
	setIndex(w.headerSel, t.HeaderRow-1)
	w.quiet = false
	if w.override == (classlist.ReadOptions{}) {
		w.resetBtn.Disable()
	} else {
		w.resetBtn.Enable()
	}
	w.onMappingChanged()
}

// misread reports whether a table looks read the wrong way: no header it
// knows, columns it does not know, or text with the marks of a wrong
// encoding ("Ã¥" for "å", or characters that could not be decoded).
func misread(t *classlist.Table) bool {
	if !t.HeaderFound || len(t.Unknown()) > 0 {
		return true
	}
	odd := func(v string) bool { return strings.ContainsAny(v, "\uFFFDÃÂ") }
	for _, c := range t.Columns {
		if odd(c.Header) {
			return true
		}
	}
	for i, r := range t.Records {
		if i == 50 {
			break
		}
		if slices.ContainsFunc(r.Cells, odd) {
			return true
		}
	}
	return false
}

// maxHeaderChoice bounds the lines offered as the header row.
const maxHeaderChoice = 40

// detectedText says how the file looked to the reader: "Upptäckt: semikolon
// (;), Windows-1252, rubrikrad 1".
func detectedText(t *classlist.Table) string {
	if t == nil {
		return ""
	}
	var parts []string
	if t.Format == classlist.FormatXLSX {
		parts = append(parts, lang.X("import.format_xlsx", "Excel-fil, blad {{.Sheet}}", map[string]string{"Sheet": t.Sheet}))
	} else {
		parts = append(parts, separatorText(t.Separator), string(t.Encoding))
	}
	parts = append(parts, lang.X("import.detected_header", "rubrikrad {{.Row}}", map[string]string{"Row": strconv.Itoa(t.HeaderRow)}))
	return lang.X("import.detected", "Upptäckt: {{.What}}", map[string]string{"What": strings.Join(parts, ", ")})
}

// firstLinesShown is how many of a CSV file's first lines are shown, so the
// user can see which line is the header.
const firstLinesShown = 8

// firstLinesOf reads the first n lines of a CSV file in the encoding t was
// read with, numbered as the header row select numbers them (nil for Excel
// or when the file cannot be read).
func firstLinesOf(path string, t *classlist.Table, n int) []string {
	if t == nil || t.Format != classlist.FormatCSV {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return nil
	}
	var text []byte
	switch t.Encoding {
	case classlist.EncodingWindows1252:
		text, err = charmap.Windows1252.NewDecoder().Bytes(b)
	case classlist.EncodingISO88591:
		text, err = charmap.ISO8859_1.NewDecoder().Bytes(b)
	case classlist.EncodingUTF16:
		text, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	default:
		text = bytes.ToValidUTF8(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")), []byte("\uFFFD"))
	}
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	var out []string
	for i := 0; i < len(lines) && i < n; i++ {
		l := strings.NewReplacer("\t", " → ", "\r", "").Replace(lines[i])
		if r := []rune(l); len(r) > 120 {
			l = string(r[:120]) + "…"
		}
		out = append(out, fmt.Sprintf("%2d  %s", i+1, l))
	}
	return out
}

// showFirstLines shows the file's first lines below the reading selects.
func (w *classListImport) showFirstLines(lines []string) {
	if len(lines) == 0 {
		w.firstLines.SetText("")
		return
	}
	w.firstLines.SetText(lang.X("import.first_lines", "Filens första rader:") + "\n" + strings.Join(lines, "\n"))
}

// reread reads the file again with the user's separator, encoding and
// header row (off the UI goroutine), keeping the columns the user mapped by
// hand where their header is still there.
func (w *classListImport) reread() {
	if w.path == "" {
		return
	}
	if w.handMapped == nil {
		w.handMapped = map[string]classlist.Field{}
	}
	if w.table != nil {
		w.onMappingChanged()
		for i, c := range w.table.Columns {
			if i < len(w.mapping) && w.mapping[i] != c.Field {
				w.handMapped[c.Header] = w.mapping[i]
			} else {
				delete(w.handMapped, c.Header)
			}
		}
	}
	mine := maps.Clone(w.handMapped)
	w.reads++
	n, path, opts := w.reads, w.path, w.override
	w.preview = nil
	w.setBusy(lang.X("import.rereading", "Läser filen igen …"))
	w.m.Background(func() func() {
		t, err := classlist.ReadFile(path, opts)
		lines := firstLinesOf(path, t, firstLinesShown)
		return func() {
			if n != w.reads {
				return // a newer choice is being read
			}
			if err != nil {
				w.table = nil
				w.mapBox.Objects = nil
				w.mapBox.Refresh()
				w.setIdle(readErrorText(err), true)
				return
			}
			w.table, w.mapping = t, t.Mapping()
			for i, c := range t.Columns {
				if f, ok := mine[c.Header]; ok {
					w.mapping[i] = f
				}
			}
			w.showFirstLines(lines)
			w.fillMapping()
			w.fillSettings()
			msg := lang.X("import.read_ok", "{{.Rows}} rader lästa.", map[string]any{"Rows": len(t.Records)})
			if unknown := len(t.Unknown()); unknown > 0 {
				msg += " " + uikit.Plural(unknown, "import.unknown_columns.one", "{{.N}} kolumn är okänd: välj vad den innehåller eller låt den vara.",
					"import.unknown_columns.other", "{{.N}} kolumner är okända: välj vad de innehåller eller låt dem vara.", nil)
			}
			w.setIdle(msg, false)
		}
	})
}

func separatorText(r rune) string {
	switch r {
	case ';':
		return lang.X("import.sep.semicolon", "semikolon (;)")
	case ',':
		return lang.X("import.sep.comma", "komma (,)")
	case '\t':
		return lang.X("import.sep.tab", "tabb")
	}
	return string(r)
}

// fieldText is a field's name in the user's language.
func fieldText(f classlist.Field) string {
	if f == classlist.FieldIgnore {
		return lang.X("import.field.ignore", classlist.FieldNames[f])
	}
	return lang.X("import.field."+string(f), classlist.FieldNames[f])
}

// fillMapping makes one row per column: the header (marked when unknown),
// a few values, and the field it goes to.
func (w *classListImport) fillMapping() {
	t := w.table
	options := make([]string, len(classlist.Fields))
	for i, f := range classlist.Fields {
		options[i] = fieldText(f)
	}
	w.mapSelects = make([]*widget.Select, len(t.Columns))
	var objs []fyne.CanvasObject
	for i, c := range t.Columns {
		head := widget.NewLabelWithStyle(c.Header, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		if !c.Known {
			head.Importance = widget.WarningImportance
			head.SetText(c.Header + " (" + lang.X("import.unknown", "okänd") + ")")
		}
		samples := widget.NewLabel(strings.Join(t.Samples(i, 3), ", "))
		samples.Truncation = fyne.TextTruncateEllipsis
		samples.Importance = widget.LowImportance
		sel := widgets.NewSelect(options, nil)
		sel.SetSelectedIndex(fieldIndex(w.mapping[i]))
		sel.OnChanged = func(string) { w.onMappingChanged() }
		w.mapSelects[i] = sel
		objs = append(objs, head, container.NewGridWithColumns(2, sel, samples))
	}
	w.mapBox.Objects = objs
	w.mapBox.Refresh()
}

func fieldIndex(f classlist.Field) int {
	for i, x := range classlist.Fields {
		if x == f {
			return i
		}
	}
	return 0
}

// onMappingChanged reads the selects back into the mapping and says which
// column gives the school.
func (w *classListImport) onMappingChanged() {
	if w.table == nil {
		return
	}
	hasSchool := false
	for i, sel := range w.mapSelects {
		if k := sel.SelectedIndex(); k >= 0 && i < len(w.mapping) {
			w.mapping[i] = classlist.Fields[k]
		}
		if w.mapping[i] == classlist.FieldSchool {
			hasSchool = true
		}
	}
	w.schoolNote.Importance = widget.LowImportance
	if hasSchool {
		w.schoolNote.SetText(lang.X("import.school_column", "Filen har en kolumn Skola: den gäller för varje rad där den är ifylld."))
	} else {
		w.schoolNote.SetText(lang.X("import.school_help", "Alla elever i listan hör till den här skolan."))
	}
	w.preview = nil
	// Ask about the unknown columns that are left out, by name.
	if names := w.unmappedUnknown(); len(names) > 0 {
		w.ignoreUnknown.Text = lang.X("listcheck.ignore_unknown", "Importera inte de okända kolumnerna: {{.Names}}",
			map[string]string{"Names": strings.Join(names, ", ")})
		w.ignoreUnknown.Refresh()
		w.ignoreUnknown.Show()
	} else {
		w.ignoreUnknown.SetChecked(false)
		w.ignoreUnknown.Hide()
	}
	if slices.Contains(w.mapping, classlist.FieldPersonnummer) {
		w.genderCheck.Show()
		w.genderHelp.Show()
	} else {
		w.genderCheck.SetChecked(false)
		w.genderCheck.Hide()
		w.genderHelp.Hide()
	}
}

// unmappedUnknown names the columns whose header is unknown and that are
// mapped to nothing.
func (w *classListImport) unmappedUnknown() []string {
	var out []string
	for i, c := range w.table.Columns {
		if !c.Known && i < len(w.mapping) && w.mapping[i] == classlist.FieldIgnore {
			out = append(out, c.Header)
		}
	}
	return out
}

// onPreview works out, without writing, what the import would do.
func (w *classListImport) onPreview() {
	if w.table == nil {
		return
	}
	if w.current() == w.mapStep {
		w.keepForBack()
	}
	w.onMappingChanged()
	// No school at all: one message at the field, not one a row (found by
	// use: 26 identical "rad N: skola saknas").
	if strings.TrimSpace(w.schoolSel.Text) == "" && !slices.Contains(w.mapping, classlist.FieldSchool) {
		msg := lang.X("import.school_needed", "Välj eller skriv skolan: filen har ingen kolumn Skola.")
		w.schoolNote.SetText(msg)
		w.schoolNote.Importance = widget.DangerImportance
		w.schoolNote.Refresh()
		w.setIdle(msg, true)
		w.m.Window().Canvas().Focus(w.schoolSel)
		return
	}
	if names := w.unmappedUnknown(); len(names) > 0 && !w.ignoreUnknown.Checked {
		// A column headed "Fnamn" left out without a word would leave
		// every pupil without a first name: ask.
		w.setIdle(lang.X("listcheck.unknown_ask", "Okända kolumner: {{.Names}}. Välj vad de innehåller, eller kryssa i att de inte ska importeras.",
			map[string]string{"Names": strings.Join(names, ", ")}), true)
		return
	}
	w.runPreview(w.table, w.options(), "", false)
}

// runPreview previews table t with opts and then says status (in red
// when bad).
func (w *classListImport) runPreview(t *classlist.Table, opts classlist.Options, status string, bad bool) {
	st := w.m.Store()
	w.setBusy(lang.X("import.previewing", "Förhandsgranskar …"))
	w.m.Background(func() func() {
		pv, err := classlist.BuildPreview(context.Background(), st, t, opts)
		return func() {
			if err != nil {
				w.setIdle(readErrorText(err), true)
				return
			}
			w.preview = pv
			w.fillPreview()
			w.showStep(w.prevStep)
			w.setIdle(status, bad)
		}
	})
}

func (w *classListImport) options() classlist.Options {
	return classlist.Options{School: strings.TrimSpace(w.schoolSel.Text), Mapping: append([]classlist.Field(nil), w.mapping...),
		GenderFromPersonnummer: w.genderCheck.Visible() && w.genderCheck.Checked}
}

func (w *classListImport) fillPreview() {
	p := w.preview
	// Each count agrees with its number ("1 ny", found by use).
	w.counts.SetText(lang.X("import.counts", "{{.Add}}, {{.Update}} uppdateras, {{.Same}}, {{.Bad}} med fel",
		map[string]any{"Add": uikit.Plural(p.Added, "import.count_new.one", "{{.N}} ny", "import.count_new.other", "{{.N}} nya", nil),
			"Update": p.Updated,
			"Same":   uikit.Plural(p.Unchanged, "import.count_same.one", "{{.N}} oförändrad", "import.count_same.other", "{{.N}} oförändrade", nil),
			"Bad":    uikit.RowCount(p.BadRows)}))
	// Who is added or changed, by name (found by use: the preview only
	// counted them).
	var changed []classlist.Change
	for _, c := range p.Changes {
		if c.Action == classlist.ActionAdd || c.Action == classlist.ActionUpdate {
			changed = append(changed, c)
		}
	}
	w.changeList.SetText(previewLines(len(changed), func(i int) string {
		c := changed[i]
		what := lang.X("import.change_add", "Ny")
		if c.Action == classlist.ActionUpdate {
			what = lang.X("import.change_update", "Uppdateras")
		}
		// The gender too, to check before importing (found by use: the
		// Kön column was not seen anywhere in the preview).
		g := ""
		if c.Pupil.Gender != "" && c.Pupil.Gender != data.GenderUnspecified {
			g = uikit.GenderText(c.Pupil.Gender)
		}
		return what + ": " + uikit.JoinDot(c.Pupil.Name(), c.Pupil.ClassName, c.School, g)
	}))
	showIf(w.changeHead, len(changed) > 0)
	showIf(w.changeList, len(changed) > 0)
	if len(p.NewSchools) > 0 {
		w.schools.SetText(lang.X("import.new_schools", "Nya skolor skapas: {{.Names}}", map[string]string{"Names": strings.Join(p.NewSchools, ", ")}))
		w.schools.Show()
	} else {
		w.schools.Hide()
	}
	var lines []string
	for i, e := range p.Errors {
		if i == maxErrorLines {
			lines = append(lines, lang.X("import.more_errors", "… och {{.N}} fel till", map[string]any{"N": len(p.Errors) - i}))
			break
		}
		lines = append(lines, rowErrorText(e))
	}
	w.errList.SetText(strings.Join(lines, "\n"))
	var notes []string
	if p.GenderFromPnr > 0 {
		notes = append(notes, lang.X("listcheck.gender_count", "{{.N}} elever får juridiskt kön från personnumret.", map[string]any{"N": p.GenderFromPnr}))
	}
	for i, e := range p.Notes {
		if i == maxErrorLines {
			notes = append(notes, lang.X("listcheck.more_notes", "… och {{.N}} till", map[string]any{"N": len(p.Notes) - i}))
			break
		}
		if e.Key != "listcheck.note.gender_from_pnr" {
			notes = append(notes, rowErrorText(e))
		}
	}
	w.notesL.SetText(strings.Join(notes, "\n"))
	showIf(w.notesL, len(notes) > 0)
	w.skipBad.SetChecked(false)
	if p.BadRows > 0 {
		w.skipBad.Show()
	} else {
		w.skipBad.Hide()
	}
}

// errorLines is how many rows the errors are on (a row may have several).
func errorLines(errs []classlist.RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// rowErrorText is one row error in the user's language: "rad 14, kolumn
// Personnummer: kontrollsiffran stämmer inte (20120304-****)".
func rowErrorText(e classlist.RowError) string {
	why := lang.X(e.Key, e.Text, e.Data)
	if e.Column == "" {
		return lang.X("import.row_error_line", "rad {{.Line}}: {{.Why}}", map[string]any{"Line": e.Line, "Why": why})
	}
	return lang.X("import.row_error", "rad {{.Line}}, kolumn {{.Column}}: {{.Why}}",
		map[string]any{"Line": e.Line, "Column": e.Column, "Why": why})
}

func (w *classListImport) onBack() {
	w.preview = nil
	w.showStep(w.mapStep)
	w.setBack()
}

// onImport writes the list in one transaction off the UI goroutine and
// shows what was done.
func (w *classListImport) onImport() {
	if w.preview == nil {
		return
	}
	t, opts, st, skip := w.table, w.options(), w.m.Store(), w.skipBad.Checked
	w.setBusy(lang.X("import.importing", "Importerar …"))
	w.m.Background(func() func() {
		res, err := ops.ImportClassList(context.Background(), st, t, opts, skip)
		return func() {
			var re *classlist.RowErrors
			switch {
			case errors.As(err, &re):
				// The database changed since the preview: preview again, so
				// that the counts say what is now, not only the errors.
				w.runPreview(t, opts, uikit.Plural(errorLines(re.Errors), "import.err.has_errors.one", "{{.N}} rad har fel; inget har importerats.",
					"import.err.has_errors.other", "{{.N}} rader har fel; inget har importerats.", nil), true)
				return
			case err != nil:
				w.setIdle(lang.X("import.failed", "Importen misslyckades och inget har ändrats: {{.Error}}", map[string]string{"Error": err.Error()}), true)
				return
			}
			w.result = &res
			text := lang.X("import.result", "{{.Add}} nya elever, {{.Update}} uppdaterade, {{.Same}} oförändrade.",
				map[string]any{"Add": res.Added, "Update": res.Updated, "Same": res.Unchanged})
			if res.Skipped > 0 {
				text += " " + uikit.Plural(res.Skipped, "import.result_skipped.one", "{{.N}} rad med fel hoppades över.", "import.result_skipped.other", "{{.N}} rader med fel hoppades över.", nil)
			}
			if res.GenderFromPnr > 0 {
				text += " " + lang.X("listcheck.gender_count", "{{.N}} elever får juridiskt kön från personnumret.", map[string]any{"N": res.GenderFromPnr})
			}
			if len(res.NewSchools) > 0 {
				text += " " + lang.X("import.result_schools", "Nya skolor: {{.Names}}.", map[string]string{"Names": strings.Join(res.NewSchools, ", ")})
			}
			w.resultLabel.SetText(text)
			w.showStep(w.doneStep)
			w.setIdle("", false)
			if w.onDone != nil {
				w.onDone()
			}
		}
	})
}

func (w *classListImport) onClose() { w.d.Hide() }

// String describes the wizard's state (for test failures).
func (w *classListImport) String() string {
	return fmt.Sprintf("file %q, status %q, counts %q", w.path, w.status.Text, w.counts.Text)
}
