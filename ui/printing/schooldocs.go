package printing

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
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
)

// schoolDocsBox is the school's own documents of the chosen period (the
// same as pdf catalogue|guardian-letters|risk-assessments): the offer
// catalogue, the guardian letters and the risk assessments, for the school
// and class chosen above, in the language chosen.
func (s *Screen) schoolDocsBox() fyne.CanvasObject {
	button := func(doc ops.SchoolDoc) *widget.Button {
		return widget.NewButton(schoolDocName(doc)+" …", func() { s.onSchoolDoc(doc) })
	}
	// Their messages stand under their own buttons (found by use: a
	// guardian letter's "Sparat" stood under the certificates' Spara, as
	// if the certificates had been saved).
	s.docStatus = widget.NewLabel("")
	s.docStatus.Wrapping = fyne.TextWrapWord
	s.docStatus.Hide()
	return container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("schooldocs.title", "Skolans dokument"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3,
			button(ops.DocCatalogue), button(ops.DocGuardianLetters), button(ops.DocRiskAssessments)),
		widget.NewButton(lang.X("schooldocs.letter_text", "Skolans text i brevet …"), s.onLetterText),
		s.docStatus)
}

// sayDoc shows what a school document did under its buttons ("" hides it).
func (s *Screen) sayDoc(text string) {
	if s.docStatus == nil {
		return // not built yet
	}
	s.docStatus.SetText(text)
	if text == "" {
		s.docStatus.Hide()
	} else {
		s.docStatus.Show()
	}
}

// onLetterText edits the chosen school's own text of the guardian letter,
// in Swedish and English; a blank text gives the built-in one.
func (s *Screen) onLetterText() {
	schoolID := s.c.schoolID
	if schoolID == "" && len(s.schoolOpts) > 0 {
		schoolID = s.schoolOpts[0].ID
	}
	if schoolID == "" {
		return
	}
	st := s.main.Store()
	ctx := context.Background()
	entries := map[string]*uikit.EscEntry{} // Escape in them is Avbryt
	for _, l := range []string{"sv", "en"} {
		e := uikit.NewEscMultiLineEntry(nil)
		e.SetMinRowsVisible(6)
		text, err := st.GuardianLetterText(ctx, schoolID, l)
		if err != nil {
			s.sayDoc(err.Error())
			return
		}
		e.SetText(text)
		e.SetPlaceHolder(lang.X("schooldocs.builtin", "Tomt: den inbyggda texten"))
		entries[l] = e
	}
	name := ""
	for _, o := range s.schoolOpts {
		if o.ID == schoolID {
			name = o.Name
		}
	}
	form := []*widget.FormItem{widget.NewFormItem(lang.X("schooldocs.swedish", "Svenska"), entries["sv"]),
		widget.NewFormItem(lang.X("schooldocs.english", "Engelska"), entries["en"])}
	d := dialog.NewForm(lang.X("schooldocs.letter_title", "Brevtext för {{.School}}", map[string]string{"School": name}),
		lang.X("action.save", "Spara"), lang.X("events.walk_cancel", "Avbryt"), form, func(ok bool) {
			if !ok {
				return
			}
			for _, l := range []string{"sv", "en"} {
				if err := st.SetGuardianLetterText(ctx, schoolID, l, entries[l].Text); err != nil {
					s.sayDoc(err.Error())
					return
				}
			}
			s.sayDoc(lang.X("companies.saved", "Sparat."))
		}, s.main.Window())
	for _, e := range entries {
		e.OnEscape = d.Hide
	}
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// schoolDocFilter is the school and class chosen above, for the school's
// documents (a pupil or an offer chosen counts as the whole period).
func (s *Screen) schoolDocFilter() (data.DocFilter, ops.Scope) {
	var f data.DocFilter
	var sc ops.Scope
	if s.c.scope == scopeSchool || s.c.scope == scopeClass {
		f.SchoolID = s.c.schoolID
		for _, o := range s.schoolOpts {
			if o.ID == s.c.schoolID {
				sc.School = o.Name
			}
		}
	}
	if s.c.scope == scopeClass {
		f.ClassName, sc.Class = s.c.class, s.c.class
	}
	return f, sc
}

// schoolDocFileName is the file name offered for a school document, in the
// pattern of Utskrifter's: the document, whom it is for and the weeks,
// "Brev till vårdnadshavare 8B Solbackaskolan v46.pdf" (found by use: it was "… Åk 8 v.
// 46 2026.pdf" beside "Praoscheman Åk 8 v46.pdf").
func schoolDocFileName(doc ops.SchoolDoc, per data.Period, sc ops.Scope, code string) string {
	grade, week := "Åk", "v"
	if code == uikit.LangEnglish {
		grade, week = "Year", "w"
	}
	who := strings.TrimSpace(sc.Class + " " + sc.School) // two schools may each have an 8B
	if who == "" && per.Grade > 0 {
		who = grade + " " + strconv.Itoa(per.Grade)
	}
	return reports.SafeFileName(strings.Join(strings.Fields(schoolDocName(doc)+" "+who+" "+fileWeek(per, week)), " ")) + ".pdf"
}

// schoolDocName names a school document in the user's language, on its
// button and in its file's name (found by use: the file had been called
// "guardian-letters Åk 8 v. 11 2027.pdf" beside "Praoscheman …").
func schoolDocName(doc ops.SchoolDoc) string {
	switch doc {
	case ops.DocCatalogue:
		return lang.X("schooldocs.file.catalogue", "Praoplatskatalog")
	case ops.DocGuardianLetters:
		return lang.X("schooldocs.file.letters", "Brev till vårdnadshavare")
	}
	return lang.X("schooldocs.file.risks", "Riskbedömningar")
}

// onSchoolDoc asks where to save one of the school's documents and prints it.
func (s *Screen) onSchoolDoc(doc ops.SchoolDoc) {
	if s.c.periodID == "" {
		s.sayDoc(lang.X("printing.choose_period", "Välj praoperiod"))
		return
	}
	per := s.period()
	_, sc := s.schoolDocFilter()
	d := uikit.NewSaveDialog(s.main.Window(), schoolDocFileName(doc, per, sc, s.c.lang), ".pdf",
		func(path string) { s.saveSchoolDoc(doc, per, path) })
	uikit.ShowFileDialog(s.main.Window(), d)
}

// saveSchoolDoc prints off the UI goroutine and says what it wrote.
func (s *Screen) saveSchoolDoc(doc ops.SchoolDoc, per data.Period, path string) {
	f, sc := s.schoolDocFilter()
	st, code := s.main.Store(), s.c.lang
	s.sayDoc(lang.X("printing.working", "Skriver ut …"))
	s.main.Background(func() func() {
		res, err := ops.PrintSchool(context.Background(), st, ops.SchoolPrint{Doc: doc, Period: per, Filter: f, Scope: sc,
			Options: reports.Options{Lang: code}, Path: path})
		return func() {
			switch {
			case errors.Is(err, reports.ErrNothing):
				s.sayDoc(lang.X("schooldocs.nothing", "Inget att skriva ut för de valda."))
			case err != nil:
				s.sayDoc(err.Error())
			default:
				s.sayDoc(lang.X("schooldocs.saved", "Sparat: {{.Path}} ({{.N}} st.)",
					map[string]string{"Path": path, "N": strconv.Itoa(res.Units)}))
			}
		}
	})
}
