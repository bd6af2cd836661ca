package evaluations

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/surveyfile"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// surveyStore is a period of grade 8 with six pupils of class 8A, who have
// codes. Everyone in it is made up.
func surveyStore(t *testing.T) (*data.Store, data.Period) {
	t.Helper()
	ctx := context.Background()
	st := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), SchoolIDs: []string{school.ID}}
	if err := st.SavePeriod(ctx, &per); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		p := data.Pupil{SchoolID: school.ID, FirstName: fmt.Sprint("Elev", i), LastName: "Provsson", ClassName: "8A", Grade: 8}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.EnsureSurveyCodes(ctx, per.ID); err != nil {
		t.Fatal(err)
	}
	return st, per
}

func TestSurveyAnswersFromTheKeyboard(t *testing.T) {
	st, per := surveyStore(t)
	ctx := context.Background()
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	s.tabs.SelectIndex(2)
	tab := s.survey
	if len(tab.rows) != 6 {
		t.Fatalf("%d rows, want the 6 codes", len(tab.rows))
	}
	// The grid shows codes, never names.
	for r := range tab.rows {
		for col := 0; col < svColumns; col++ {
			l := widget.NewLabel("")
			tab.updateCell(widget.TableCellID{Row: r, Col: col}, l)
			if strings.Contains(l.Text, "Elev") || strings.Contains(l.Text, "Provsson") {
				t.Fatalf("a name in the grid: %q", l.Text)
			}
		}
	}
	codes, _ := st.ListSurveyCodes(ctx, per.ID)
	target := codes[3].Code
	tab.onFindCode(strings.ToLower(target[:4] + " " + target[4:]))
	if tab.cur.Col != svColItem1 || tab.rows[tab.cur.Row].code.Code != target {
		t.Fatalf("find code selected %+v", tab.cur)
	}
	c := m.Window().Canvas()
	c.Focus(tab.table)
	for _, r := range "43255te" { // four items, work, then the programme's letters
		c.Focused().TypedRune(r)
		m.Wait(t)
	}
	got, err := st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	if err != nil {
		t.Fatal(err)
	}
	want := data.SurveyAnswer{Items: [4]int{4, 3, 2, 5}, Work: 5, Programme: "TE"}
	if got[target] != want {
		t.Fatalf("saved %+v, want %+v", got[target], want)
	}
	if tab.cur.Row == 0 && tab.rows[0].code.Code == target {
		t.Error("after the programme the next row should be selected")
	}
	// Delete clears a cell; the "after" wave is separate.
	tab.table.Select(widget.TableCellID{Row: indexOf(tab, target), Col: svColItem1})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	m.Wait(t)
	got, _ = st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	if got[target].Items[0] != 0 || got[target].Items[1] != 3 {
		t.Errorf("after Delete: %+v", got[target])
	}
	tab.waveSel.SetSelectedIndex(1)
	m.Wait(t)
	for _, r := range tab.rows {
		if !r.ans.Empty() {
			t.Errorf("the after wave shows %s's before answers", r.code.Code)
		}
	}
	// A wrong digit is not an answer.
	tab.table.Select(widget.TableCellID{Row: 0, Col: svColItem1})
	c.Focused().TypedRune('7')
	m.Wait(t)
	if got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveAfter); len(got) != 0 {
		t.Errorf("a 7 was saved: %+v", got)
	}
}

func indexOf(tab *surveyTab, code string) int {
	for i, r := range tab.rows {
		if r.code.Code == code {
			return i
		}
	}
	return -1
}

// TestSurveyImportSaysWhatItWillDo: found by use, an import wrote at once
// into whatever wave was shown, over the answers there, and said nothing.
// It now names the wave, how many answers it replaces and the columns it
// does not read, writes only on Importera, and says when done.
func TestSurveyImportSaysWhatItWillDo(t *testing.T) {
	st, per := surveyStore(t)
	ctx := context.Background()
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	s.tabs.SelectIndex(2)
	tab := s.survey
	codes, _ := st.ListSurveyCodes(ctx, per.ID)
	if _, err := st.SaveSurveyAnswers(ctx, per.ID, data.WaveBefore, []data.SurveyEntry{{Code: codes[0].Code,
		Answer: data.SurveyAnswer{Items: [4]int{3, 2, 4, 3}, Work: 4, Programme: "TE"}}}); err != nil {
		t.Fatal(err)
	}
	f, err := surveyfile.Read([]byte("Kod;1;2;3;4;Favoritfärg\n" + codes[0].Code + ";5;5;5;5;blå\n" + codes[1].Code + ";1;1;1;1;grön\n"))
	if err != nil {
		t.Fatal(err)
	}
	pv, err := surveyfile.PreviewImport(ctx, st, per.ID, data.WaveBefore, f)
	if err != nil {
		t.Fatal(err)
	}
	c := m.Window().Canvas()
	tab.askImport(per, data.WaveBefore, f, pv)
	texts := strings.Join(uitest.LabelTexts(c.Overlays().Top()), "\n")
	for _, want := range []string{"2 svar läses in i omgången ”före” av Åk 8 v. 46 2026.", "1 av dem ersätter svar som redan finns",
		"Kolumner som inte läses: Favoritfärg."} {
		if !strings.Contains(texts, want) {
			t.Errorf("the question lacks %q:\n%s", want, texts)
		}
	}
	uikit.DismissTopDialog(c) // Avbryt: nothing written
	m.Wait(t)
	if got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveBefore); got[codes[0].Code].Items[0] != 3 || len(got) != 1 {
		t.Fatalf("Avbryt wrote: %+v", got)
	}
	tab.askImport(per, data.WaveBefore, f, pv)
	uikit.ConfirmTopDialog(c)
	m.Wait(t)
	got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	if got[codes[0].Code] != (data.SurveyAnswer{Items: [4]int{5, 5, 5, 5}, Work: 4, Programme: "TE"}) || len(got) != 2 {
		t.Errorf("after Importera: %+v", got)
	}
	if texts := strings.Join(uitest.LabelTexts(c.Overlays().Top()), "\n"); !strings.Contains(texts, "2 svar importerade") {
		t.Errorf("no word when done: %q", texts)
	}
}
