package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// AddAttendance records what SetAttendance records, many days at once,
// replaces a day already recorded, and refuses a bad day saving nothing.
func TestAddAttendanceIsSetAttendanceForMany(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	days := Weekdays(w.period.Start, w.period.End)
	var all []Attendance
	for _, p := range []Pupil{w.alva, w.lukasz} {
		for i, d := range days {
			a := Attendance{PupilID: p.ID, OfferID: w.offer.ID, Date: d, Status: AttendancePresent}
			if i == 2 {
				a.Status, a.Note = AttendanceAbsent, "Tandläkarbesök"
			}
			all = append(all, a)
		}
	}
	bad := []struct {
		name string
		day  Attendance
		key  string
	}{
		{"no status", Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: days[0]}, "err.attendance_status"},
		{"no date", Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Status: AttendanceSick}, "err.required"},
		{"no pupil", Attendance{OfferID: w.offer.ID, Date: days[0], Status: AttendanceSick}, "err.required"},
	}
	for _, c := range bad {
		err := st.AddAttendance(ctx, append(all[:len(all):len(all)], c.day), nil)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Key != c.key {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.key)
		}
		if got, _ := st.ListAttendance(ctx, ""); len(got) != 0 {
			t.Errorf("%s: %d days recorded", c.name, len(got))
		}
	}
	if err := st.AddAttendance(ctx, all, []string{"k"}); err == nil {
		t.Error("one key for ten days was accepted")
	}
	if err := st.AddAttendance(ctx, all, nil); err != nil {
		t.Fatal(err)
	}
	// A day recorded again is replaced, as with SetAttendance.
	sick := Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: days[0], Status: AttendanceSick}
	if err := st.AddAttendance(ctx, []Attendance{sick}, []string{"ny-nyckel"}); err != nil {
		t.Fatal(err)
	}
	want := append([]Attendance{}, all...)
	want[0] = sick
	got, err := st.ListAttendance(ctx, w.offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	byDay := func(as []Attendance) map[string]Attendance {
		m := map[string]Attendance{}
		for _, a := range as {
			m[a.PupilID+FormatDate(a.Date)] = a
		}
		return m
	}
	if !reflect.DeepEqual(byDay(got), byDay(want)) {
		t.Errorf("recorded\n%+v\nwant\n%+v", got, want)
	}
}
