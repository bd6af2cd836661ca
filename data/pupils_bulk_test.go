package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestInsertPupils: the bulk insert writes what SavePupil would (cleaned
// names, ids, stamps) over several statements, and refuses what SavePupil
// refuses, naming the pupil, so that the transaction writes nothing.
func TestInsertPupils(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	var ps []Pupil
	for i := 0; i < 2*insertBatch+7; i++ {
		ps = append(ps, Pupil{SchoolID: w.school.ID, FirstName: fmt.Sprintf("\u202EElev%d", i), LastName: "Berg", ClassName: "8A", Grade: 8})
	}
	if err := st.InTx(ctx, func(tx *Store) error { return tx.InsertPupils(ctx, ps) }); err != nil {
		t.Fatal(err)
	}
	got, err := st.ListPupils(ctx, PupilFilter{ClassName: "8A"})
	if err != nil || len(got) != len(ps) {
		t.Fatalf("%d pupils, %v", len(got), err)
	}
	back, err := st.GetPupil(ctx, ps[len(ps)-1].ID)
	if err != nil || back.FirstName != fmt.Sprintf("Elev%d", len(ps)-1) || back.Gender != GenderUnspecified || back.CreatedAt.IsZero() {
		t.Errorf("read back %+v %v", back, err)
	}
	bad := []Pupil{
		{SchoolID: w.school.ID, FirstName: "Ok", LastName: "A", Grade: 8},
		{SchoolID: w.school.ID, FirstName: "Anna " + fakePnr(t, "120210", "964"), LastName: "B", Grade: 8},
	}
	err = st.InTx(ctx, func(tx *Store) error { return tx.InsertPupils(ctx, bad) })
	var be *BulkError
	var ve *ValidationError
	if !errors.As(err, &be) || be.Index != 1 || !errors.As(err, &ve) || ve.Fields[0].Key != "privacy.err.pnr" {
		t.Fatalf("a personnummer in a bulk insert: %v", err)
	}
	if got, _ := st.ListPupils(ctx, PupilFilter{}); len(got) != len(ps)+2 { // Alva and Łukasz of the world
		t.Errorf("%d pupils after a refused bulk insert", len(got))
	}
}
