package data

import (
	"context"
	"errors"
	"testing"
)

func TestBlockFeedback(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	teams := sunneTeams(w, gs[0].ID)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, teams, nil))
	named := BlockFeedback{PupilID: w.pupils[0].ID, BlockID: w.block(0, 0), TeamID: teams[0].ID, Fun: 5, Learned: 4, People: 5, Comment: "Roligt att löda!"}
	mustT(t)(st.SaveBlockFeedback(ctx, &named))
	anon := BlockFeedback{BlockID: w.block(0, 0), Fun: 3}
	mustT(t)(st.SaveBlockFeedback(ctx, &anon))
	// The same pupil answering again replaces the first answer.
	again := BlockFeedback{PupilID: w.pupils[0].ID, BlockID: w.block(0, 0), Fun: 4}
	mustT(t)(st.SaveBlockFeedback(ctx, &again))
	if again.ID != named.ID {
		t.Errorf("a second answer made a new row: %s vs %s", again.ID, named.ID)
	}
	got, err := st.ListBlockFeedback(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 2 {
		t.Fatalf("feedback = %+v", got)
	}
	for _, f := range got {
		if f.ID == named.ID && (f.Fun != 4 || f.Learned != 0 || f.TeamID != "") {
			t.Errorf("replaced answer = %+v", f)
		}
		if f.ID == anon.ID && (f.PupilID != "" || f.Fun != 3) {
			t.Errorf("anonymous answer = %+v", f)
		}
	}
	mustT(t)(st.DeleteBlockFeedback(ctx, anon.ID))
	if got, _ := st.ListBlockFeedback(ctx, w.period.ID); len(got) != 1 {
		t.Errorf("after delete: %+v", got)
	}
	for _, bad := range []BlockFeedback{{BlockID: w.block(0, 0), Fun: 6}, {BlockID: w.block(0, 0), Interest: -1}, {Fun: 3}} {
		var ve *ValidationError
		if err := st.SaveBlockFeedback(ctx, &bad); !errors.As(err, &ve) {
			t.Errorf("save %+v = %v, want a ValidationError", bad, err)
		}
	}
}
