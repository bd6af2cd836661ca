package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"techniqual/data"
)

// QuestionnaireClass is one class's questionnaire print: a page of slips,
// one per pupil with their name and code (the pupil keeps the slip and
// writes the code on the form both times), then one blank questionnaire
// per pupil with a box for the code and no name.
type QuestionnaireClass struct {
	Period, School, Class string
	Slips                 []QuestionnaireSlip
}

// QuestionnaireSlip is one pupil's slip.
type QuestionnaireSlip struct {
	Name, Code string
	Comparison bool
}

// questionnaireWords are the questionnaire's words in one language.
type questionnaireWords struct {
	title, slipsTitle, slipsIntro, keep, formTitle, intro, codeBox, wave, before, after string
	scaleLow, scaleHigh, programmeHint, source, thanks                                  string
}

var questionnaireSV = questionnaireWords{
	title: "Enkät om teknik", slipsTitle: "Kodlappar", formTitle: "Enkät om teknik",
	slipsIntro: "Klipp isär lapparna och ge varje elev sin. Eleven skriver koden på enkäten, aldrig sitt namn. Samma kod används före och efter prao.",
	keep:       "Spara lappen: samma kod före och efter.",
	intro:      "Det finns inga rätta eller felaktiga svar. Ringa in eller kryssa det som stämmer bäst för dig. Skriv inte ditt namn, bara koden från din lapp.",
	codeBox:    "Din kod", wave: "Jag svarar", before: "före prao", after: "efter prao",
	scaleLow: "1 = stämmer inte alls", scaleHigh: "5 = stämmer helt",
	programmeHint: "Kryssa ett program.",
	source:        "Frågorna 1–4 mäter intresse för teknik (efter PATT-SQ, Ardies m.fl. 2013, svensk version Svenningsson m.fl. 2018; ordalydelsen här är nätverkets).",
	thanks:        "Tack för dina svar!",
}

var questionnaireEN = questionnaireWords{
	title: "Questionnaire about technology", slipsTitle: "Code slips", formTitle: "Questionnaire about technology",
	slipsIntro: "Cut the slips apart and give each pupil theirs. The pupil writes the code on the questionnaire, never their name. The same code is used before and after prao.",
	keep:       "Keep this slip: the same code before and after.",
	intro:      "There are no right or wrong answers. Circle or tick what fits you best. Do not write your name, only the code from your slip.",
	codeBox:    "Your code", wave: "I am answering", before: "before prao", after: "after prao",
	scaleLow: "1 = not true at all", scaleHigh: "5 = completely true",
	programmeHint: "Tick one programme.",
	source:        "Questions 1–4 measure interest in technology (after PATT-SQ, Ardies et al. 2013, Swedish version Svenningsson et al. 2018; the wording here is the network's).",
	thanks:        "Thank you for your answers!",
}

// QuestionnaireFileName is the default file name of a period's questionnaires.
func QuestionnaireFileName(period, langCode string) string {
	if langCode == "en" {
		return safeFileName("Questionnaires " + period + ".pdf")
	}
	return safeFileName("Enkäter " + period + ".pdf")
}

// safeFileName replaces what a file system may refuse.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, s)
}

// WriteQuestionnaires writes one PDF with each class's slips and
// questionnaires; ErrNothing when no class has a pupil.
func WriteQuestionnaires(w io.Writer, classes []QuestionnaireClass, o Options) error {
	qw := &questionnaireSV
	if o.Lang == "en" {
		qw = &questionnaireEN
	}
	return render(w, o, func(*lang) string { return qw.title }, len(classes), func(i int, u *unit) bool {
		c := classes[i]
		if len(c.Slips) == 0 {
			return false
		}
		subject := c.Period + " · " + c.School + " · " + c.Class
		u.reset(qw.title, subject)
		questionnaireSlips(u, qw, c)
		u.endSection() // the slips' heading is not continued on the forms
		for range c.Slips {
			u.newPage()
			questionnaireForm(u, qw, o.Lang)
		}
		return true
	})
}

// WriteQuestionnairesFile writes the questionnaires to path (mode 0600:
// the slips hold names).
func WriteQuestionnairesFile(path string, classes []QuestionnaireClass, o Options) error {
	var buf bytes.Buffer
	if err := WriteQuestionnaires(&buf, classes, o); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("reports: write %s: %w", path, err)
	}
	return writePrivate(path, buf.Bytes())
}

// Slip geometry: two columns of slips, cut along the dashed lines.
const (
	slipW = contentW / 2
	slipH = 27.0
)

// questionnaireSlips draws the class's slips, two to a row.
func questionnaireSlips(u *unit, qw *questionnaireWords, c QuestionnaireClass) {
	u.heading(qw.slipsTitle + " – " + c.Class)
	u.para(marginL, contentW, qw.slipsIntro, regular, 9, 4.6, grey, nil)
	u.space(3)
	for i := 0; i < len(c.Slips); i += 2 {
		u.keep(slipH)
		top := u.y
		for j := 0; j < 2 && i+j < len(c.Slips); j++ {
			s := c.Slips[i+j]
			x := marginL + float64(j)*slipW
			dashedBox(u, x, top, slipW, slipH)
			name := u.m.truncate(u.m.oneLine(s.Name), bold, 10.5, slipW-8)
			u.text(x+4, top+6.5, name, bold, 10.5, ink)
			u.text(x+4, top+11.5, u.m.truncate(u.m.oneLine(c.School+" · "+c.Class), regular, 8.5, slipW-8), regular, 8.5, grey)
			u.text(x+4, top+20, data.FormatSurveyCode(s.Code), bold, 17, purple)
			u.text(x+4, top+24.5, qw.keep, regular, 7.5, grey)
		}
		u.y = top + slipH
	}
}

// dashedBox is a cut line around a slip.
func dashedBox(u *unit, x, y, w, h float64) {
	const dash, gap = 2.0, 1.5
	for _, s := range [][4]float64{{x, y, x + w, y}, {x, y + h, x + w, y + h}, {x, y, x, y + h}, {x + w, y, x + w, y + h}} {
		length := s[2] - s[0] + s[3] - s[1]
		for t := 0.0; t < length; t += dash + gap {
			e := min(t+dash, length)
			if s[1] == s[3] {
				u.line(s[0]+t, s[1], s[0]+e, s[1], rule, 0.25)
			} else {
				u.line(s[0], s[1]+t, s[0], s[1]+e, rule, 0.25)
			}
		}
	}
}

// questionnaireForm draws one blank questionnaire on the current page.
func questionnaireForm(u *unit, qw *questionnaireWords, langCode string) {
	u.para(marginL, contentW, qw.formTitle, bold, 15, 7, purple, nil)
	u.para(marginL, contentW, qw.intro, regular, 9.5, 4.8, ink, nil)
	u.space(3)
	// The code box: eight squares, a hyphen between the fours.
	top := u.y
	u.text(marginL, top+6.5, qw.codeBox, bold, 11, ink)
	x := marginL + 26
	for i := 0; i < data.SurveyCodeLen; i++ {
		if i == 4 {
			u.text(x+1.2, top+6.5, "–", bold, 12, ink)
			x += 6
		}
		u.box(x, top, 8, 9.5, ink, 0.35)
		x += 9
	}
	// Before or after: the same form serves both waves.
	wx := x + 8
	u.text(wx, top+3.8, qw.wave+":", regular, 8.5, grey)
	u.box(wx, top+5.5, 3.6, 3.6, ink, 0.3)
	u.text(wx+5, top+8.6, qw.before, regular, 9, ink)
	bx := wx + 7 + u.m.textWidth(qw.before, regular, 9)
	u.box(bx, top+5.5, 3.6, 3.6, ink, 0.3)
	u.text(bx+5, top+8.6, qw.after, regular, 9, ink)
	u.y = top + 15

	items := make([]data.SurveyItem, 0, data.NumInterestItems+1)
	items = append(items, data.InterestItems[:]...)
	items = append(items, data.WorkItem)
	u.para(marginL, contentW, qw.scaleLow+" · "+qw.scaleHigh, regular, 8.5, 4.4, grey, nil)
	u.space(1)
	const boxesW = 5 * 9.0
	textW := contentW - boxesW - 10
	for n, it := range items {
		lines := u.wrap(fmt.Sprintf("%d. %s", n+1, it.Text(langCode)), regular, 10, textW)
		h := max(float64(len(lines))*5+3, 10)
		u.keep(h)
		rowTop := u.y
		if n%2 == 0 {
			u.rect(marginL, rowTop, contentW, h, tint)
		}
		for k, l := range lines {
			u.text(marginL+2, baseline(rowTop+1.5+float64(k)*5, 5, 10), l, regular, 10, ink)
		}
		bx := marginL + contentW - boxesW - 2
		for v := 1; v <= 5; v++ {
			cx := bx + float64(v-1)*9
			u.box(cx+1.5, rowTop+(h-6)/2, 6, 6, ink, 0.3)
			u.text(cx+3.3, rowTop+(h-6)/2+4.4, fmt.Sprint(v), regular, 8, grey)
		}
		u.y = rowTop + h
	}
	u.space(4)
	u.para(marginL, contentW, fmt.Sprintf("%d. %s", len(items)+1, data.ProgrammeItem.Text(langCode)), bold, 10.5, 5.4, ink, nil)
	u.para(marginL, contentW, qw.programmeHint, regular, 8.5, 4.4, grey, nil)
	u.space(1)
	half := (len(data.Programmes) + 1) / 2
	colTop := u.y
	for i, p := range data.Programmes {
		col, row := i/half, i%half
		x := marginL + float64(col)*contentW/2
		y := colTop + float64(row)*5.2
		u.box(x, y+0.8, 3.6, 3.6, ink, 0.3)
		name := p.SV
		if langCode == "en" {
			name = p.EN
		}
		u.text(x+5.5, y+3.9, u.m.truncate(name, regular, 9, contentW/2-8), regular, 9, ink)
	}
	u.y = colTop + float64(half)*5.2 + 4
	u.para(marginL, contentW, qw.thanks, bold, 10, 5, darkTeal, nil)
	u.space(2)
	u.para(marginL, contentW, qw.source, regular, 7.5, 3.8, grey, nil)
}
