package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestBlockAttendance(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	p := w.pupils[0].ID
	mustT(t)(st.SetBlockAttendance(ctx, BlockAttendance{PupilID: p, BlockID: w.block(0, 1), Status: AttendancePresent}))
	mustT(t)(st.SetBlockAttendance(ctx, BlockAttendance{PupilID: p, BlockID: w.block(1, 0), Status: AttendanceSick}))
	// A second record for the same block replaces the first.
	mustT(t)(st.SetBlockAttendance(ctx, BlockAttendance{PupilID: p, BlockID: w.block(0, 1), Status: AttendanceAbsent, Note: "Tandläkare"}))
	got, err := st.ListBlockAttendance(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 2 || got[0].BlockID != w.block(1, 0) || got[1].Status != AttendanceAbsent || got[1].Note != "Tandläkare" {
		t.Fatalf("attendance = %+v", got)
	}
	mustT(t)(st.ClearBlockAttendance(ctx, p, w.block(1, 0)))
	if got, _ := st.ListBlockAttendance(ctx, w.period.ID); len(got) != 1 {
		t.Errorf("after clearing: %+v", got)
	}
	cases := []struct {
		name string
		a    BlockAttendance
		err  error
	}{
		{"unknown status", BlockAttendance{PupilID: p, BlockID: w.block(0, 0), Status: "late"}, nil},
		{"no block", BlockAttendance{PupilID: p, Status: AttendancePresent}, nil},
		{"block that does not exist", BlockAttendance{PupilID: p, BlockID: "no-such-block", Status: AttendancePresent}, ErrReferenced},
	}
	for _, c := range cases {
		err := st.SetBlockAttendance(ctx, c.a)
		var ve *ValidationError
		if (c.err == nil && !errors.As(err, &ve)) || (c.err != nil && !errors.Is(err, c.err)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// A block with attendance cannot be removed from the host's offer.
	o := w.offers[0]
	o.Days = o.Days[2:]
	err = st.SaveOffer(ctx, &o)
	if !errors.Is(err, ErrReferenced) {
		t.Errorf("removing a block with attendance = %v, want ErrReferenced", err)
	}
	// ... and the message names the block in words.
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Key != "err.block_in_use" ||
		!strings.Contains(ve.Fields[0].Message(), "kan inte tas bort") || ve.Fields[0].Data["Date"] == "" {
		t.Errorf("removing a block with attendance: %#v", err)
	}
}
