package exchange

import (
	"database/sql"
	"path/filepath"
	"testing"

	"techniqual/data"
)

// TestACopiedDatabaseIsALaptopOfItsOwn: found by use, a second laptop set
// up from a copy of the first's file shared its laptop id, so both edits of
// one field carried the same version and the import said "0 ändrade, 0
// konflikter", losing one without a word. A database opened somewhere else
// than where it was gets an id of its own (data.Store.keepHome), and the
// two edits are a conflict, shown and decided. A reopen in place keeps the
// id; a restored backup gets a new one.
func TestACopiedDatabaseIsALaptopOfItsOwn(t *testing.T) {
	dir := t.TempDir()
	aPath := filepath.Join(dir, "a.db")
	a, err := data.Open(ctx, aPath, data.Options{})
	must(t, err)
	t.Cleanup(func() { a.Close() })
	w := newWorld(t, a)
	idA, err := a.LaptopID(ctx)
	must(t, err)
	// The second laptop is a copy of the file.
	bPath := filepath.Join(dir, "b.db")
	must(t, a.Backup(ctx, bPath))
	b, err := data.Open(ctx, bPath, data.Options{})
	must(t, err)
	t.Cleanup(func() { b.Close() })
	idB, err := b.LaptopID(ctx)
	must(t, err)
	if idB == idA || len(idB) != 16 {
		t.Fatalf("the copy's laptop id %q (the first's %q)", idB, idA)
	}
	// Both change the same offer's capacity; B sends to A.
	setCapacity(t, a, w.offer.ID, 3)
	setCapacity(t, b, w.offer.ID, 7)
	p, err := ExportHostForm(ctx, b, w.company.ID, Options{})
	must(t, err)
	plan, err := Prepare(ctx, a, p)
	must(t, err)
	if cs := plan.Conflicts(); len(cs) != 1 || cs[0].Field != "capacity" || cs[0].Mine != "3" || cs[0].Theirs != "7" {
		t.Fatalf("conflicts %+v, total %+v", cs, plan.Total())
	}
	_, err = Apply(ctx, a, p, Decisions{Default: Theirs})
	must(t, err)
	if capacity(t, a, w.offer.ID) != 7 {
		t.Errorf("Ta deras did not take 7: %d", capacity(t, a, w.offer.ID))
	}

	// Reopened where it is, a database keeps its id.
	b.Close()
	b, err = data.Open(ctx, bPath, data.Options{})
	must(t, err)
	if id, _ := b.LaptopID(ctx); id != idB {
		t.Errorf("a reopen changed the id %q to %q", idB, id)
	}
	// A restored backup gets a new one.
	backup := filepath.Join(dir, "kopia.db")
	must(t, b.Backup(ctx, backup))
	b.Close()
	if _, err := data.Restore(ctx, backup, bPath, date("2026-12-06")); err != nil {
		t.Fatal(err)
	}
	b, err = data.Open(ctx, bPath, data.Options{})
	must(t, err)
	if id, _ := b.LaptopID(ctx); id == idB || id == idA {
		t.Errorf("a restored database kept an id in use: %q", id)
	}
	// A backup made before places were recorded gets a new id too (review).
	idNow, _ := b.LaptopID(ctx)
	old := filepath.Join(dir, "gammal.db")
	must(t, b.Backup(ctx, old))
	b.Close()
	db, err := sql.Open("sqlite3", old)
	must(t, err)
	_, err = db.Exec(`DELETE FROM meta WHERE key = 'laptop_home'`)
	must(t, err)
	db.Close()
	if _, err := data.Restore(ctx, old, bPath, date("2026-12-07")); err != nil {
		t.Fatal(err)
	}
	b, err = data.Open(ctx, bPath, data.Options{})
	must(t, err)
	t.Cleanup(func() { b.Close() })
	if id, _ := b.LaptopID(ctx); id == idNow {
		t.Errorf("a backup from before places were recorded kept its id %q", id)
	}
}
