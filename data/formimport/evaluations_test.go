package formimport

import (
	"context"
	"errors"
	"strings"
	"testing"

	"techniqual/data"
)

func TestImportEvaluations(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	fx.place(t, "Åsa Ek 8A", "Kundtjänst")
	text := "Tidsstämpel;Vad heter du?;Klass;Hur intresserad av teknik var du före praon?;Hur intresserad av teknik är du efter praon?;" +
		"Skulle du rekommendera teknikprao till en kompis?;Vill du säga något mer?\n" +
		"2026-11-20 10:00;Kim Larsson;8B;2 – Lite intresserad;5 – Mycket intresserad;Ja;Roligt att få löda!\n" +
		"2026-11-20 10:05;Åsa Ek;8A;3;4;Nej;\n" +
		"2026-11-20 10:06;Émile Sjöström;8C;;;;\n"
	f, err := ReadEvaluations([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{PeriodID: fx.p8.ID}
	pv, err := PreviewEvaluations(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Set != 2 || pv.BadRows != 0 || len(pv.Changes) != 2 {
		t.Fatalf("preview set %d, bad %d:\n%s", pv.Set, pv.BadRows, joinErrs(pv.Errors))
	}
	notes := joinErrs(pv.Notes)
	if want := "rad 4: Émile Sjöström har inga svar ifyllda"; !strings.Contains(notes, want) {
		t.Errorf("notes lack %q:\n%s", want, notes)
	}
	res, err := ImportEvaluations(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	es, _ := fx.st.ListEvaluations(ctx, fx.p8.ID)
	got := map[string]data.Evaluation{}
	for _, e := range es {
		got[e.PupilID] = e
	}
	kim, asa := got[fx.pupils["Kim Larsson 8B"].ID], got[fx.pupils["Åsa Ek 8A"].ID]
	if kim.InterestBefore != 2 || kim.InterestAfter != 5 || kim.WouldRecommend == nil || !*kim.WouldRecommend || kim.Comment != "Roligt att få löda!" {
		t.Errorf("Kim %+v", kim)
	}
	if asa.InterestBefore != 3 || asa.InterestAfter != 4 || asa.WouldRecommend == nil || *asa.WouldRecommend {
		t.Errorf("Åsa %+v", asa)
	}
	if len(es) != 2 {
		t.Errorf("%d evaluations", len(es))
	}
	// The same file again changes nothing.
	if res, err := ImportEvaluations(ctx, fx.st, f, opts, false); err != nil || res.Unchanged != 2 || res.Set+res.Replaced != 0 {
		t.Errorf("again: %+v %v", res, err)
	}
}

func TestEvaluationErrorsChangeNothing(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	text := "Name,Class,Interest before,Interest after,Would recommend,Comment\n" +
		"Åsa Ek,8A,3,7,Yes,\n" +
		"Kim Larsson,8B,Ganska,4,Blå,\n" +
		"Björn Ångström,9A,3,4,Yes,\n" +
		"Åsa Ek,8A,3,4,Yes," + strings.Repeat("x", 5001) + "\n"
	f, err := ReadEvaluations([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ImportEvaluations(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, false)
	var re *RowErrors
	if !errors.As(err, &re) {
		t.Fatalf("error %v", err)
	}
	all := joinErrs(re.Errors)
	for _, want := range []string{
		"rad 3, kolumn Interest before: ”Ganska” är inget svar 1–5",
		"rad 3, kolumn Would recommend: ”Blå” ska vara Ja eller Nej",
		"rad 4, kolumn Name: Björn Ångström går i årskurs 9",
		"rad 5, kolumn Comment: kommentaren är för lång (högst 5000 tecken)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	// Line 2 is superseded by line 5 (Åsa again): its bad answer 7 is no error.
	if strings.Contains(all, "rad 2") {
		t.Errorf("the superseded line has errors:\n%s", all)
	}
	if es, _ := fx.st.ListEvaluations(ctx, ""); len(es) != 0 {
		t.Fatalf("%d evaluations written", len(es))
	}
}

// place assigns the pupil to the offer in the grade-8 period.
func (fx *fixture) place(t testing.TB, pupilKey, offerTitle string) {
	t.Helper()
	if err := fx.st.SaveAssignment(context.Background(), &data.Assignment{PeriodID: fx.p8.ID, PupilID: fx.pupils[pupilKey].ID,
		OfferID: fx.offers[offerTitle].ID, Source: data.SourceManual}); err != nil {
		t.Fatal(err)
	}
}
