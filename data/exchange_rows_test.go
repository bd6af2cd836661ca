package data

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExchangeRowsRoundTrip copies the fixture world row by row into an
// empty database through ExchangeRows and UpsertExchangeRow: keys,
// timestamps, roles, days, role models, choices and friends come out equal.
func TestExchangeRowsRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := newStore(t)
	w := newWorld(t, src)
	if err := src.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID}); err != nil {
		t.Fatal(err)
	}
	if err := src.AddFriendPair(ctx, FriendPair{PeriodID: w.period.ID, PupilA: w.alva.ID, PupilB: w.lukasz.ID}); err != nil {
		t.Fatal(err)
	}
	a := Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}
	if err := src.SaveAssignment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := src.DeletePerson(ctx, w.counsellor.ID); err != nil {
		t.Fatal(err)
	}
	read := func(st *Store) map[string][]ExchangeRow {
		t.Helper()
		out := map[string][]ExchangeRow{}
		keys := map[string][]string{
			XOrganisations: {w.school.ID, w.company.ID},
			XPeople:        {w.counsellor.ID, w.supervisor.ID, w.rolemodel.ID},
			XPeriods:       {w.period.ID},
			XOffers:        {w.offer.ID},
			XPupils:        {w.alva.ID, w.lukasz.ID},
			XChoices:       {ChoiceKey(w.alva.ID, w.period.ID), ChoiceKey(w.lukasz.ID, w.period.ID)},
			XAssignments:   {a.ID},
		}
		for _, tb := range ExchangeTables() {
			rows, err := st.ExchangeRows(ctx, tb.Name, "id", keys[tb.Name])
			if err != nil {
				t.Fatal(err)
			}
			out[tb.Name] = rows
		}
		return out
	}
	want := read(src)
	if got := want[XPeople]; len(got) != 3 || !got[0].Deleted() && !got[1].Deleted() && !got[2].Deleted() {
		t.Fatalf("people rows: %+v", got)
	}
	if off := want[XOffers][0]; off.Fields["role_models"] != w.rolemodel.ID+","+w.supervisor.ID || !strings.Contains(off.Fields["days"], `"2026-11-13"`) {
		t.Fatalf("offer synthetic fields: %+v", off.Fields)
	}
	if ch := want[XChoices]; len(ch) != 2 || ch[0].Fields["friends"] == "" {
		t.Fatalf("choices: %+v", ch)
	}

	dst, err := Open(ctx, filepath.Join(t.TempDir(), "dst.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	err = dst.InTx(ctx, func(tx *Store) error {
		for _, tb := range ExchangeTables() {
			for _, r := range want[tb.Name] {
				if err := tx.UpsertExchangeRow(ctx, r); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := read(dst)
	for _, tb := range ExchangeTables() {
		if len(got[tb.Name]) != len(want[tb.Name]) {
			t.Fatalf("%s: %d rows, want %d", tb.Name, len(got[tb.Name]), len(want[tb.Name]))
		}
		for i := range want[tb.Name] {
			g, w := got[tb.Name][i], want[tb.Name][i]
			if tb.Name == XChoices {
				g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = "", "", "", ""
			}
			if !equalRows(g, w) {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", tb.Name, i, g, w)
			}
		}
	}
	// The typed API agrees.
	o, err := dst.GetOffer(ctx, w.offer.ID)
	if err != nil || len(o.Days) != 5 || len(o.RoleModelIDs) != 2 || !o.UpdatedAt.Equal(w.offer.UpdatedAt.Truncate(time.Millisecond)) {
		t.Fatalf("offer in copy: %+v, %v", o, err)
	}
}

func equalRows(a, b ExchangeRow) bool {
	if a.Table != b.Table || a.ID != b.ID || a.CreatedAt != b.CreatedAt || a.UpdatedAt != b.UpdatedAt || a.DeletedAt != b.DeletedAt {
		return false
	}
	if len(a.Fields) != len(b.Fields) {
		return false
	}
	for k, v := range a.Fields {
		if b.Fields[k] != v {
			return false
		}
	}
	return true
}

// TestUpsertExchangeRowRules: an update touches only the given fields, a
// missing optional reference becomes empty, an imported live placement
// replaces the pupil's other one, unknown tables and fields are refused.
func TestUpsertExchangeRowRules(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	mine := Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}
	if err := st.SaveAssignment(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	err := st.InTx(ctx, func(tx *Store) error {
		if err := tx.UpsertExchangeRow(ctx, ExchangeRow{Table: XOffers, ID: w.offer.ID, UpdatedAt: "2026-12-01T10:00:00.000Z",
			Fields: map[string]string{"capacity": "7", "supervisor_id": "no-such-person"}}); err != nil {
			return err
		}
		return tx.UpsertExchangeRow(ctx, ExchangeRow{Table: XAssignments, ID: "imported-1", CreatedAt: "2026-12-01T10:00:00.000Z",
			UpdatedAt: "2026-12-01T10:00:00.000Z", Fields: map[string]string{"period_id": w.period.ID, "pupil_id": w.alva.ID,
				"offer_id": w.offer.ID, "locked": "1", "source": "manual"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	o, err := st.GetOffer(ctx, w.offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Capacity != 7 || o.SupervisorID != "" || o.Title != w.offer.Title || len(o.Days) != 5 {
		t.Fatalf("offer after partial update: %+v", o)
	}
	as, err := st.ListAssignments(ctx, w.period.ID)
	if err != nil || len(as) != 1 || as[0].ID != "imported-1" || !as[0].Locked {
		t.Fatalf("placements: %+v, %v", as, err)
	}
	for _, bad := range []ExchangeRow{
		{Table: "audit_log", ID: "x"},
		{Table: XPupils, ID: "x", Fields: map[string]string{"school_id = 1; --": "x"}},
		{Table: XPupils, ID: ""},
	} {
		if err := st.UpsertExchangeRow(ctx, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if _, err := st.ExchangeRows(ctx, XPupils, "first_name", []string{"Alva"}); err == nil {
		t.Error("selecting by a non-reference column was allowed")
	}
}

// TestContentChecksumAndBase: the checksum moves with any change and
// snapshots read back.
func TestContentChecksumAndBase(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	before, err := st.ContentChecksum(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := st.ContentChecksum(ctx)
	if before != again {
		t.Fatal("checksum is not stable")
	}
	if err := st.SetExchangeVersions(ctx, XPupils, w.alva.ID, `{"first_name":{"v":"Alva","vv":{"a1":1}}}`); err != nil {
		t.Fatal(err)
	}
	b, err := st.ExchangeVersions(ctx, XPupils, []string{w.alva.ID, w.lukasz.ID})
	if err != nil || !strings.Contains(b[w.alva.ID], `"Alva"`) {
		t.Fatalf("versions: %v, %v", b, err)
	}
	if _, ok := b[w.lukasz.ID]; ok {
		t.Fatalf("versions of a row never exchanged: %v", b)
	}
	if id, err := st.LaptopID(ctx); err != nil || len(id) != 16 {
		t.Fatalf("laptop id %q, %v", id, err)
	}
	after, _ := st.ContentChecksum(ctx)
	if after == before {
		t.Fatal("checksum did not change")
	}
}

// TestOldDaysKeepBlockKeys: an offer row from a file written before the
// teknikprao week (days without keys or teams_max) updates the offer's
// blocks in place: each keeps its key when date and start match, so teams'
// routes survive; teams_max is one team again and per-block role models
// the file does not name are gone, as the file says.
func TestOldDaysKeepBlockKeys(t *testing.T) {
	ctx := context.Background()
	st := newWeekStore(t)
	w := newWeekWorld(t, st)
	o := w.offers[0]
	o.Days[0].TeamsMax, o.Days[0].RoleModelIDs = 2, o.RoleModelIDs
	mustT(t)(st.SaveOffer(ctx, &o))
	rows, err := st.ExchangeRows(ctx, XOffers, "id", []string{o.ID})
	mustT(t)(err)
	if !strings.Contains(rows[0].Fields["days"], `"teams_max":2`) || !strings.Contains(rows[0].Fields["days"], `"id":"`+o.Days[0].ID+`"`) ||
		!strings.Contains(rows[0].Fields["days"], `"role_models":["`+o.RoleModelIDs[0]+`"]`) {
		t.Fatalf("days field: %s", rows[0].Fields["days"])
	}
	old := ExchangeRow{Table: XOffers, ID: o.ID, CreatedAt: rows[0].CreatedAt, UpdatedAt: "2026-12-01T10:00:00.000Z",
		Fields: map[string]string{"days": `[{"date":"2026-11-09","start":"08:30","end":"12:00","break":0},` +
			`{"date":"2026-11-10","start":"08:30","end":"11:30","break":0}]`}}
	mustT(t)(st.UpsertExchangeRow(ctx, old))
	got, err := st.GetOffer(ctx, o.ID)
	mustT(t)(err)
	if len(got.Days) != 2 || got.Days[0].ID != o.Days[0].ID || got.Days[1].ID != o.Days[1].ID || got.Days[1].End != 11*60+30 {
		t.Fatalf("blocks after an old file: %+v (had %s, %s)", got.Days, o.Days[0].ID, o.Days[1].ID)
	}
	if got.Days[0].TeamsMax != 1 || len(got.Days[0].RoleModelIDs) != 0 {
		t.Errorf("teams_max and role models after an old file: %+v", got.Days[0])
	}
}
