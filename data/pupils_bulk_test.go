package data

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"testing"
	"time"
)

// TestInsertPupils: the bulk insert writes what SavePupil would (cleaned
// names, ids, stamps) over several statements, and refuses what SavePupil
// refuses, naming the pupil, so that the transaction writes nothing.
func TestInsertPupils(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	var ps []*Pupil
	for i := 0; i < 2*insertBatch+7; i++ {
		ps = append(ps, &Pupil{SchoolID: w.school.ID, FirstName: fmt.Sprintf("\u202EElev%d", i), LastName: "Berg", ClassName: "8A", Grade: 8})
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
	bad := []*Pupil{
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
	// What SQLite refuses (a school that does not exist) names the first
	// pupil of its statement, through the driver as through database/sql,
	// and the transaction writes nothing.
	var orphans []*Pupil
	for i := 0; i < insertBatch+3; i++ {
		school := w.school.ID
		if i == insertBatch+1 {
			school = "no-such-school"
		}
		orphans = append(orphans, &Pupil{SchoolID: school, FirstName: fmt.Sprintf("Orphan%d", i), LastName: "C", Grade: 9})
	}
	err = st.InTx(ctx, func(tx *Store) error { return tx.InsertPupils(ctx, orphans) })
	if !errors.As(err, &be) || be.Index != insertBatch {
		t.Fatalf("a missing school in a bulk insert: %v", err)
	}
	if got, _ := st.ListPupils(ctx, PupilFilter{}); len(got) != len(ps)+2 {
		t.Errorf("%d pupils after a bulk insert SQLite refused", len(got))
	}
	// Outside a transaction it writes through database/sql, statement by
	// statement.
	loose := []*Pupil{{SchoolID: w.school.ID, FirstName: "Lös", LastName: "D", Grade: 9, Protected: true}}
	if err := st.InsertPupils(ctx, loose); err != nil {
		t.Fatal(err)
	}
	if back, err := st.GetPupil(ctx, loose[0].ID); err != nil || !back.Protected || back.Grade != 9 || !back.CreatedAt.Equal(back.UpdatedAt) {
		t.Errorf("outside a transaction: %+v %v", back, err)
	}
}

// TestPlainAddress: the shortcut says yes only where net/mail reads the
// address as itself, and the check as a whole says what net/mail says.
func TestPlainAddress(t *testing.T) {
	cases := []struct {
		e     string
		plain bool
	}{
		{"vh1@example.se", true},
		{"anna.berg+skola@skola.kommun.se", true},
		{"a_b-c@x-y.se", true},
		{"a@b", true},
		{"A1@B2.SE", true},
		{".anna@example.se", false},
		{"anna.@example.se", false},
		{"an..na@example.se", false},
		{"anna@.example.se", false},
		{"anna@example.se.", false},
		{"anna@exa..mple.se", false},
		{"anna@", false},
		{"@example.se", false},
		{"anna", false},
		{"anna@b@c.se", false},
		{"anna berg@example.se", false},
		{"Anna <anna@example.se>", false},
		{"anna@example.se (mamma)", false},
		{"åsa@example.se", false},
		{"anna@[127.0.0.1]", false},
		{`"anna"@example.se`, false},
		{"anna!#$%&'*/=?^`{|}~@example.se", false},
		{"anna@exam_ple.se", false},
		{"anna;berg@example.se", false},
		{"anna@example.se\x00", false},
	}
	for _, c := range cases {
		if got := plainAddress(c.e); got != c.plain {
			t.Errorf("plainAddress(%q) = %v, want %v", c.e, got, c.plain)
		}
		a, err := mail.ParseAddress(c.e)
		want := err == nil && a.Address == c.e
		if c.plain && !want {
			t.Errorf("%q: plain, but net/mail does not read it as itself", c.e)
		}
		if got := validAddress(c.e); got != want {
			t.Errorf("validAddress(%q) = %v, net/mail says %v", c.e, got, want)
		}
	}
}

// FuzzPlainAddress: the shortcut never accepts what net/mail refuses.
func FuzzPlainAddress(f *testing.F) {
	for _, s := range []string{"vh1@example.se", "a.b@c", "a..b@c", "a@b.", "x@y@z", "a+b_c-d@e-f.g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, e string) {
		if !plainAddress(e) {
			return
		}
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			t.Fatalf("plainAddress(%q) but net/mail: %v %v", e, a, err)
		}
	})
}

// TestInTxPanic: a panic inside a transaction (after a bulk write) reaches
// the caller, the transaction is rolled back, and the Store goes on
// working: the transaction's connection is not left waiting for ever.
func TestInTxPanic(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	before, err := st.ListPupils(ctx, PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		st.InTx(ctx, func(tx *Store) error {
			ps := []*Pupil{{SchoolID: w.school.ID, FirstName: "Panik", LastName: "E", Grade: 8}}
			if err := tx.InsertPupils(ctx, ps); err != nil {
				t.Error(err)
			}
			panic("boom")
		})
	}()
	select {
	case v := <-done:
		if v != "boom" {
			t.Fatalf("recovered %v, want the panic", v)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("InTx did not return after a panic")
	}
	after, err := st.ListPupils(ctx, PupilFilter{})
	if err != nil || len(after) != len(before) {
		t.Fatalf("%d pupils after a panicking transaction, %d before, %v", len(after), len(before), err)
	}
	if err := st.InTx(ctx, func(tx *Store) error {
		return tx.InsertPupils(ctx, []*Pupil{{SchoolID: w.school.ID, FirstName: "Sedan", LastName: "F", Grade: 9}})
	}); err != nil {
		t.Fatal(err)
	}
}
