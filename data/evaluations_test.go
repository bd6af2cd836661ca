package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestEvaluationsUpsertListAndDelete(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	w := newWorld(t, st)
	yes, no := true, false

	// Saving twice for the same pupil and period replaces the answers.
	steps := []struct {
		name string
		e    Evaluation
	}{
		{"first answers", Evaluation{InterestBefore: 2, InterestAfter: 4, WouldRecommend: &yes, Comment: "Kul att få bygga!"}},
		{"changed answers", Evaluation{InterestBefore: 3, InterestAfter: 0, WouldRecommend: &no, Comment: ""}},
		{"only a comment", Evaluation{Comment: "Ångrar inget – ễ"}},
	}
	for _, s := range steps {
		s.e.PupilID, s.e.PeriodID = w.alva.ID, w.period.ID
		if err := st.SaveEvaluation(ctx, s.e); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		evs, err := st.ListEvaluations(ctx, w.period.ID)
		if err != nil || len(evs) != 1 {
			t.Fatalf("%s: %d evaluations, %v", s.name, len(evs), err)
		}
		got := evs[0]
		if got.InterestBefore != s.e.InterestBefore || got.InterestAfter != s.e.InterestAfter || got.Comment != s.e.Comment ||
			(got.WouldRecommend == nil) != (s.e.WouldRecommend == nil) ||
			(got.WouldRecommend != nil && *got.WouldRecommend != *s.e.WouldRecommend) {
			t.Errorf("%s: stored %+v, want %+v", s.name, got, s.e)
		}
	}

	// A second pupil's answers stay apart; deleting one leaves the other.
	if err := st.SaveEvaluation(ctx, Evaluation{PupilID: w.lukasz.ID, PeriodID: w.period.ID, InterestAfter: 5}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteEvaluation(ctx, w.alva.ID, w.period.ID); err != nil {
		t.Fatal(err)
	}
	evs, err := st.ListEvaluations(ctx, "")
	if err != nil || len(evs) != 1 || evs[0].PupilID != w.lukasz.ID || evs[0].InterestAfter != 5 {
		t.Errorf("after delete: %+v, %v", evs, err)
	}
	// Deleting what is not there is no error.
	if err := st.DeleteEvaluation(ctx, w.alva.ID, w.period.ID); err != nil {
		t.Errorf("second delete: %v", err)
	}
}

func TestEvaluationRefusesBadAnswers(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	w := newWorld(t, st)
	cases := []struct {
		name  string
		e     Evaluation
		field string
	}{
		{"before above 5", Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, InterestBefore: 6}, "interest_before"},
		{"after below 0", Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, InterestAfter: -1}, "interest_after"},
		{"no pupil", Evaluation{PeriodID: w.period.ID, InterestAfter: 3}, "pupil"},
		{"no period", Evaluation{PupilID: w.alva.ID, InterestAfter: 3}, "period"},
		{"comment too long", Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, Comment: strings.Repeat("å", 5001)}, "comment"},
	}
	for _, c := range cases {
		err := st.SaveEvaluation(ctx, c.e)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err %v, want a validation error", c.name, err)
			continue
		}
		found := false
		for _, f := range ve.Fields {
			found = found || f.Field == c.field
		}
		if !found {
			t.Errorf("%s: fields %+v lack %q", c.name, ve.Fields, c.field)
		}
	}
	if evs, _ := st.ListEvaluations(ctx, ""); len(evs) != 0 {
		t.Errorf("refused answers were stored: %+v", evs)
	}
}

func TestEvaluationAnswered(t *testing.T) {
	yes := false
	cases := []struct {
		e    Evaluation
		want bool
	}{
		{Evaluation{}, false},
		{Evaluation{Comment: "  \n"}, false},
		{Evaluation{InterestBefore: 1}, true},
		{Evaluation{InterestAfter: 5}, true},
		{Evaluation{WouldRecommend: &yes}, true},
		{Evaluation{Comment: "Bra"}, true},
	}
	for _, c := range cases {
		if got := c.e.Answered(); got != c.want {
			t.Errorf("%+v.Answered() = %v, want %v", c.e, got, c.want)
		}
	}
}
