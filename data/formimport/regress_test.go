package formimport

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"techniqual/data"
)

// TestNamesakesAreResolvedRowByRow: two rows "Noa Öberg;8A" are two pupils
// of the same name, each picked on its own; picking the same Noa for both
// is an error, never one answer silently superseding the other (B1).
func TestNamesakesAreResolvedRowByRow(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	f := readChoices(t, "Namn;Klass;Val 1\nNoa Öberg;8A;Elnät\nNoa Öberg;8A;Kundtjänst\n")
	opts := Options{PeriodID: fx.p8.ID}
	pv, err := PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Problems) != 2 || pv.Problems[0].Key == pv.Problems[1].Key ||
		!slices.Equal(pv.Problems[0].Lines, []int{2}) || !slices.Equal(pv.Problems[1].Lines, []int{3}) {
		t.Fatalf("want one problem per row, got %+v", pv.Problems)
	}
	noa1, noa2 := fx.pupils["Noa Öberg 8A#1"].ID, fx.pupils["Noa Öberg 8A#2"].ID

	// The same Noa for both rows: an error on both, nothing written.
	opts.Resolutions = map[string]string{pv.Problems[0].Key: noa2, pv.Problems[1].Key: noa2}
	_, err = ImportChoices(ctx, fx.st, f, opts, false)
	var re *RowErrors
	if !errors.As(err, &re) || re.Lines() != 2 {
		t.Fatalf("same pupil for two namesake rows: %v", err)
	}
	all := joinErrs(re.Errors)
	for _, want := range []string{"rad 2, kolumn Namn: Noa Öberg, 8A, Solbackens skola, född 2012-09-30 är vald även för rad 3",
		"rad 3, kolumn Namn: Noa Öberg, 8A, Solbackens skola, född 2012-09-30 är vald även för rad 2"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	if n := fx.countPrefs(t); n != 0 {
		t.Fatalf("%d choices written", n)
	}
	// With skipping, neither row is imported (which one is right is unknown).
	if res, err := ImportChoices(ctx, fx.st, f, opts, true); err != nil || res.Skipped != 2 || res.Set != 0 {
		t.Fatalf("skip: %+v %v", res, err)
	}

	// One Noa each: both get their own choice.
	opts.Resolutions = map[string]string{pv.Problems[0].Key: noa1, pv.Problems[1].Key: noa2}
	res, err := ImportChoices(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 2 || len(res.Notes) != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	if strings.Contains(joinErrs(res.Notes), "flera gånger") {
		t.Errorf("a namesake's answer was taken as superseded:\n%s", joinErrs(res.Notes))
	}
	for key, want := range map[string][]string{"Noa Öberg 8A#1": {"Elnät"}, "Noa Öberg 8A#2": {"Kundtjänst"}} {
		if got := fx.prefs(t, key, fx.p8); !slices.Equal(got, want) {
			t.Errorf("%s chose %q, want %q", key, got, want)
		}
	}
}

// TestEvaluationsKeepAnswersTheFileHasNoColumnFor: a form that asked only
// about afterwards replaces those answers and leaves the others (B3).
func TestEvaluationsKeepAnswersTheFileHasNoColumnFor(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	yes := true
	kim := fx.pupils["Kim Larsson 8B"].ID
	if err := fx.st.SaveEvaluation(ctx, data.Evaluation{PupilID: kim, PeriodID: fx.p8.ID, InterestBefore: 2, InterestAfter: 3,
		WouldRecommend: &yes, Comment: "Skrivet i rutnätet"}); err != nil {
		t.Fatal(err)
	}
	f, err := ReadEvaluations([]byte("Namn;Klass;Intresse efter praon;Kommentar\nKim Larsson;8B;5;Roligt att löda\n"))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{PeriodID: fx.p8.ID}
	res, err := ImportEvaluations(ctx, fx.st, f, opts, false)
	if err != nil || res.Replaced != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	es, err := fx.st.ListEvaluations(ctx, fx.p8.ID)
	if err != nil || len(es) != 1 {
		t.Fatalf("%+v %v", es, err)
	}
	e := es[0]
	if e.InterestBefore != 2 || e.WouldRecommend == nil || !*e.WouldRecommend {
		t.Errorf("answers without a column were wiped: %+v", e)
	}
	if e.InterestAfter != 5 || e.Comment != "Roligt att löda" {
		t.Errorf("answers of the file not saved: %+v", e)
	}
	// Importing the same file again changes nothing.
	if res, err := ImportEvaluations(ctx, fx.st, f, opts, false); err != nil || res.Unchanged != 1 {
		t.Errorf("again: %+v %v", res, err)
	}
}

// TestEvaluationOfAPupilWithoutPlacementIsAnError: such an answer would be
// counted by the statistics but never shown in Utvärderingar (B8).
func TestEvaluationOfAPupilWithoutPlacementIsAnError(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	f, err := ReadEvaluations([]byte("Namn;Klass;Intresse efter praon\nKim Larsson;8B;4\nÅsa Ek;8A;5\n"))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{PeriodID: fx.p8.ID}
	_, err = ImportEvaluations(ctx, fx.st, f, opts, false)
	var re *RowErrors
	if !errors.As(err, &re) || re.Lines() != 1 ||
		!strings.Contains(joinErrs(re.Errors), "rad 3, kolumn Namn: Åsa Ek har ingen placering i praoperioden") {
		t.Fatalf("error %v", err)
	}
	if es, _ := fx.st.ListEvaluations(ctx, ""); len(es) != 0 {
		t.Fatalf("%d evaluations written by a refused import", len(es))
	}
	res, err := ImportEvaluations(ctx, fx.st, f, opts, true)
	if err != nil || res.Set != 1 || res.Skipped != 1 {
		t.Fatalf("skip: %+v %v", res, err)
	}
	es, _ := fx.st.ListEvaluations(ctx, "")
	if len(es) != 1 || es[0].PupilID != fx.pupils["Kim Larsson 8B"].ID || es[0].InterestAfter != 4 {
		t.Errorf("stored %+v", es)
	}
}

// TestChoiceListOfNothingKeepsTheChoices: a ranking cell "Inget;Inget" is
// no answer, and must not erase what the pupil chose before (B7).
func TestChoiceListOfNothingKeepsTheChoices(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	opts := Options{PeriodID: fx.p8.ID}
	first := readChoices(t, "Namn;Klass;Val 1;Val 2\nÅsa Ek;8A;Elnät;Pappersbruket\n")
	if res, err := ImportChoices(ctx, fx.st, first, opts, false); err != nil || res.Set != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	for _, cell := range []string{"Inget;Inget", "Inget val;\nvet ej", "none; -"} {
		f := readChoices(t, "Namn;Klass;Rangordna praoplatserna\nÅsa Ek;8A;\""+cell+"\"\nKim Larsson;8B;Elnät\n")
		res, err := ImportChoices(ctx, fx.st, f, opts, false)
		if err != nil || res.Replaced != 0 || res.Set+res.Unchanged != 1 || len(res.Notes) != 1 ||
			!strings.Contains(res.Notes[0].Swedish(), "rad 2: Åsa Ek har inga val ifyllda") {
			t.Fatalf("%q: %+v %v (only Kim's row is imported)", cell, res, err)
		}
		if got := fx.prefs(t, "Åsa Ek 8A", fx.p8); !slices.Equal(got, []string{"Elnät", "Pappersbruket"}) {
			t.Errorf("%q: Åsa's choices became %q", cell, got)
		}
	}
}
