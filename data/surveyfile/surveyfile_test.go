package surveyfile

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	gotime "time"

	"github.com/xuri/excelize/v2"

	"techniqual/data"
	"techniqual/data/text"
)

// fixture is a store with one period and three pupils with codes.
func fixture(t *testing.T) (*data.Store, data.Period, []data.SurveyCode) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "s.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	must(st.SaveOrganisation(ctx, &school))
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: date(t, "2026-11-09"), End: date(t, "2026-11-13"), SchoolIDs: []string{school.ID}}
	must(st.SavePeriod(ctx, &per))
	for _, n := range []string{"Alva", "Ebba", "Omar"} {
		p := data.Pupil{SchoolID: school.ID, FirstName: n, LastName: "Testsson", ClassName: "8A", Grade: 8}
		must(st.SavePupil(ctx, &p))
	}
	_, err = st.EnsureSurveyCodes(ctx, per.ID)
	must(err)
	codes, err := st.ListSurveyCodes(ctx, per.ID)
	must(err)
	return st, per, codes
}

func TestImportCSVFromAFormTool(t *testing.T) {
	st, per, codes := fixture(t)
	ctx := context.Background()
	csv := "Tidsstämpel;Din kod;1. Jag tycker att teknik är intressant.;2. Jag ser fram emot tekniklektionerna i skolan.;" +
		"3. Jag vill lära mig mer om teknik.;4. Jag tycker om att ta reda på hur tekniska saker fungerar.;" +
		"5. Kan du tänka dig att arbeta med teknik?;6. Vilket gymnasieprogram funderar du på?\n" +
		"2026-11-02 08:10;" + strings.ToLower(data.FormatSurveyCode(codes[0].Code)) + ";4;3;4 = stämmer ganska bra;5;3;Teknikprogrammet\n" +
		"2026-11-02 08:11;" + codes[1].Code + ";2;2;3;2;;EE\n"
	f, err := Read([]byte(csv))
	if err != nil || len(f.Problems) > 0 {
		t.Fatalf("read: %v %v", err, f.Problems)
	}
	res, err := Import(ctx, st, per.ID, data.WaveBefore, f)
	if err != nil {
		t.Fatal(err)
	}
	if res.Answers != 2 || res.Unpaired != 2 {
		t.Errorf("result = %+v, want 2 answers, 2 unpaired", res)
	}
	got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	want := data.SurveyAnswer{Items: [4]int{4, 3, 4, 5}, Work: 3, Programme: "TE"}
	if got[codes[0].Code] != want || got[codes[1].Code].Programme != "EE" || got[codes[1].Code].Work != 0 {
		t.Errorf("answers = %+v", got)
	}
}

func TestImportRefusesTheWholeFileWithLineNumbers(t *testing.T) {
	st, per, codes := fixture(t)
	ctx := context.Background()
	csv := "Kod;q1;q2;q3;q4;work;programme\n" +
		codes[0].Code + ";4;3;4;5;3;TE\n" + // line 2: good
		"ACDE-FGHJ;1;1;1;1;1;\n" + // line 3: not the period's code
		codes[1].Code + ";7;3;3;3;3;\n" + // line 4: 7 is out of range
		codes[0].Code + ";2;2;2;2;2;\n" + // line 5: the same code again
		codes[2].Code + ";3;3;3;3;3;Trolleri\n" + // line 6: unknown programme
		"XYZ;3;3;3;3;3;\n" + // line 7: not a code
		"ZZZO-ZZZZ;3;3;3;3;3;\n" // line 8: eight characters no code holds
	f, err := Read([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(ctx, st, per.ID, data.WaveAfter, f)
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want *Error", err)
	}
	msg := fe.Text(text.English)
	for _, want := range []string{`line 3, column "Kod": the code ACDE-FGHJ is not one of the period's`,
		`line 4, column "q1": "7" is not an answer 1–5`, `line 5, column "Kod": the code`, "already on line 2",
		`line 6, column "programme": "Trolleri" is not a programme`, `line 7, column "Kod": "XYZ" is not a code: a code has eight characters`,
		`line 8, column "Kod": "ZZZO-ZZZZ" is not a code: codes never hold Z, O (they leave out`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the errors lack %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(fe.Text(text.Swedish), "rad 3") {
		t.Errorf("Swedish: %s", fe.Text(text.Swedish))
	}
	if got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveAfter); len(got) != 0 {
		t.Errorf("a refused file wrote %d answers", len(got))
	}
}

func TestImportXLSXAndMissingCodeColumn(t *testing.T) {
	st, per, codes := fixture(t)
	ctx := context.Background()
	x := excelize.NewFile()
	rows := [][]any{{"Enkät om teknik, svar"}, {}, {"Code", "Question 1", "Question 2", "Question 3", "Question 4", "Question 5", "Question 6"},
		{codes[2].Code, 5, 5, 4, 4, 5, "Technology"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "svar.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(path)
	if err != nil || len(f.Problems) > 0 {
		t.Fatalf("read: %v %v", err, f)
	}
	if _, err := Import(ctx, st, per.ID, data.WaveAfter, f); err != nil {
		t.Fatal(err)
	}
	got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveAfter)
	if got[codes[2].Code] != (data.SurveyAnswer{Items: [4]int{5, 5, 4, 4}, Work: 5, Programme: "TE"}) {
		t.Errorf("answers = %+v", got)
	}
	_, err = Read([]byte("Namn;Svar\nAlva;4\n"))
	var fe *Error
	if !errors.As(err, &fe) || !strings.Contains(fe.Error(), "no column of the pupils' codes") {
		t.Errorf("no code column: err = %v", err)
	}
}

func date(t *testing.T, s string) gotime.Time {
	t.Helper()
	d, err := gotime.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestImportKeepsTheAnswersOfAbsentQuestions: found by use, a second file
// without a recognised "arbeta" column emptied the stored answers to it.
// A question the file has a column for is replaced (even by a blank); one
// it has no column for keeps its answer. PreviewImport says as much first.
func TestImportKeepsTheAnswersOfAbsentQuestions(t *testing.T) {
	st, per, codes := fixture(t)
	ctx := context.Background()
	first := "Kod;1;2;3;4;Arbeta med teknik?;Gymnasieprogram\n" +
		codes[0].Code + ";3;2;4;3;3;HT\n" + codes[1].Code + ";2;2;2;2;4;EE\n"
	f, err := Read([]byte(first))
	if err != nil || len(f.Problems) > 0 {
		t.Fatalf("read: %v %v", err, f.Problems)
	}
	if _, err := Import(ctx, st, per.ID, data.WaveBefore, f); err != nil {
		t.Fatal(err)
	}
	// The second file has the items and an unread column, no work or
	// programme.
	second := "Kod;1;2;3;4;Favoritfärg\n" + codes[0].Code + ";5;5;5;5;blå\n" + codes[2].Code + ";1;1;1;1;grön\n"
	g, err := Read([]byte(second))
	if err != nil || len(g.Problems) > 0 {
		t.Fatalf("read: %v %v", err, g.Problems)
	}
	pv, err := PreviewImport(ctx, st, per.ID, data.WaveBefore, g)
	if err != nil || pv.Answers != 2 || pv.Replaced != 1 || strings.Join(pv.Ignored, ",") != "Favoritfärg" {
		t.Fatalf("preview %+v, %v", pv, err)
	}
	if _, err := Import(ctx, st, per.ID, data.WaveBefore, g); err != nil {
		t.Fatal(err)
	}
	got, _ := st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	for _, c := range []struct {
		code string
		want data.SurveyAnswer
	}{
		{codes[0].Code, data.SurveyAnswer{Items: [4]int{5, 5, 5, 5}, Work: 3, Programme: "HT"}}, // items new, the rest kept
		{codes[1].Code, data.SurveyAnswer{Items: [4]int{2, 2, 2, 2}, Work: 4, Programme: "EE"}}, // not in the file
		{codes[2].Code, data.SurveyAnswer{Items: [4]int{1, 1, 1, 1}}},                           // new
	} {
		if got[c.code] != c.want {
			t.Errorf("%s: %+v, want %+v", c.code, got[c.code], c.want)
		}
	}
}
