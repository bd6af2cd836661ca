package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func saveSchool(t *testing.T, st *Store, name string) {
	t.Helper()
	o := Organisation{Kind: KindSchool, Name: name}
	if err := st.SaveOrganisation(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
}

func schoolNames(t *testing.T, st *Store) string {
	t.Helper()
	os, err := st.ListOrganisations(context.Background(), KindSchool)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range os {
		names = append(names, o.Name)
	}
	return strings.Join(names, ",")
}

func TestAutoBackupOncePerDayKeepsSeven(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	saveSchool(t, st, "Älvkulleskolan")
	dir := BackupFolder(st.Path())
	// Someone's own file in the folder is never touched.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "test-min-egen.db")
	if err := os.WriteFile(own, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 1, 8, 30, 0, 0, time.Local)
	path, made, err := AutoBackup(ctx, st, day, AutoBackupKeep)
	if err != nil || !made || filepath.Base(path) != "test-2026-11-01.db" {
		t.Fatalf("first backup: %s %v %v", path, made, err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := CheckBackup(ctx, path); err != nil {
		t.Errorf("the backup is not a good database: %v", err)
	}
	// Later the same day: nothing new.
	before, _ := os.ReadFile(path)
	saveSchool(t, st, "Sundsta")
	if _, made, err := AutoBackup(ctx, st, day.Add(5*time.Hour), AutoBackupKeep); made || err != nil {
		t.Fatalf("second backup the same day: made=%v %v", made, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the day's backup was rewritten")
	}
	for i := 1; i < 7; i++ {
		if _, made, err := AutoBackup(ctx, st, day.AddDate(0, 0, i), AutoBackupKeep); !made || err != nil {
			t.Fatalf("day %d: made=%v %v", i+1, made, err)
		}
	}
	bs, _ := ListBackups(st.Path())
	if len(bs) != 7 || bs[0].Day.Format(DateLayout) != "2026-11-07" || bs[6].Day.Format(DateLayout) != "2026-11-01" {
		t.Fatalf("after 7 days: %+v", bs)
	}
	// The 8th day deletes the oldest.
	if _, made, err := AutoBackup(ctx, st, day.AddDate(0, 0, 7), AutoBackupKeep); !made || err != nil {
		t.Fatalf("day 8: made=%v %v", made, err)
	}
	bs, _ = ListBackups(st.Path())
	if len(bs) != 7 || bs[0].Day.Format(DateLayout) != "2026-11-08" || bs[6].Day.Format(DateLayout) != "2026-11-02" {
		t.Fatalf("after 8 days: %+v", bs)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("the oldest backup was kept")
	}
	if _, err := os.Stat(own); err != nil {
		t.Error("a file that is not a daily backup was removed")
	}
	// A half backup left by a crash does not count as the day's.
	next := day.AddDate(0, 0, 8)
	half := filepath.Join(dir, dailyName(st.Path(), next))
	os.WriteFile(half, nil, 0o600)
	os.WriteFile(half+".partial", []byte("junk"), 0o600)
	if _, made, err := AutoBackup(ctx, st, next, AutoBackupKeep); !made || err != nil {
		t.Fatalf("after a crash: made=%v %v", made, err)
	}
	if _, err := os.Stat(half + ".partial"); err == nil {
		t.Error("the partial file stayed")
	}
}

// TestAutoBackupSkipsAnEmptyDatabase: found by use, a new database's first
// start kept its empty copy as the day's backup; the day's work was in
// none. An empty file gets none, and the same day, once there is work, the
// next call makes it.
func TestAutoBackupSkipsAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	day := time.Date(2026, 11, 1, 8, 30, 0, 0, time.Local)
	if empty, err := st.IsEmpty(ctx); err != nil || !empty {
		t.Fatalf("a new database: empty %v, %v", empty, err)
	}
	if _, made, err := AutoBackup(ctx, st, day, AutoBackupKeep); made || err != nil {
		t.Fatalf("an empty database: made=%v %v", made, err)
	}
	if bs, _ := ListBackups(st.Path()); len(bs) != 0 {
		t.Fatalf("backups of an empty database: %+v", bs)
	}
	saveSchool(t, st, "Älvkulleskolan")
	if empty, _ := st.IsEmpty(ctx); empty {
		t.Fatal("a database with a school is empty")
	}
	path, made, err := AutoBackup(ctx, st, day.Add(8*time.Hour), AutoBackupKeep)
	if !made || err != nil {
		t.Fatalf("after the day's work: made=%v %v", made, err)
	}
	if _, err := CheckBackup(ctx, path); err != nil {
		t.Errorf("the backup is not a good database: %v", err)
	}
}

func TestAutoBackupInABrokenFolderFailsWithoutPanic(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	// "backups" is a file, not a folder.
	if err := os.WriteFile(BackupFolder(st.Path()), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, made, err := AutoBackup(ctx, st, time.Now(), AutoBackupKeep); err == nil || made {
		t.Errorf("made=%v err=%v, want an error", made, err)
	}
	// A database folder we may not write to (root may write anyway).
	if os.Geteuid() != 0 {
		st2 := newStore(t)
		dir := filepath.Dir(st2.Path())
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		if _, made, err := AutoBackup(ctx, st2, time.Now(), AutoBackupKeep); err == nil || made {
			t.Errorf("read-only folder: made=%v err=%v, want an error", made, err)
		}
	}
}

func TestBackupFileWhileOpen(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	saveSchool(t, st, "Älvkulleskolan")
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := BackupFile(ctx, st.Path(), out); err != nil {
		t.Fatal(err)
	}
	if err := BackupFile(ctx, st.Path(), out); err == nil {
		t.Error("a second backup overwrote the first")
	}
	st.Close()
	out2 := filepath.Join(t.TempDir(), "copy2.db")
	if err := BackupFile(ctx, st.Path(), out2); err != nil {
		t.Fatalf("backup of a closed database: %v", err)
	}
	for _, p := range []string{out, out2} {
		c, err := Open(ctx, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := schoolNames(t, c); got != "Älvkulleskolan" {
			t.Errorf("%s holds %q", p, got)
		}
		c.Close()
	}
	if err := BackupFile(ctx, filepath.Join(t.TempDir(), "none.db"), filepath.Join(t.TempDir(), "x.db")); err == nil {
		t.Error("a backup of a missing file worked")
	}
}

// newerVersion writes a Techniqual database that claims a schema version
// this build does not know.
func newerVersion(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "newer.db")
	st, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite3", dsn(p, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRestoreRefusesBadBackupsAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	st, err := Open(ctx, dbPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	saveSchool(t, st, "Nuvarande skolan")
	st.Close()
	text := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(text, []byte("detta är ingen databas, bara text som är längre än sexton byte"), 0o600)
	empty := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(empty, nil, 0o600)
	other := filepath.Join(t.TempDir(), "other.db")
	if db, err := sql.Open("sqlite3", dsn(other, false)); err == nil {
		db.Exec("CREATE TABLE recipes (name TEXT)")
		db.Close()
	}
	snapshot := func() map[string][]byte {
		m := map[string][]byte{}
		filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				b, _ := os.ReadFile(p)
				m[p] = b
			}
			return nil
		})
		return m
	}
	before := snapshot()
	for _, c := range []struct {
		name, path string
		want       error
	}{
		{"text", text, ErrNotDatabase},
		{"empty", empty, ErrNotDatabase},
		{"another program's SQLite", other, ErrNotDatabase},
		{"newer version", newerVersion(t), ErrNewerVersion},
		{"missing", filepath.Join(dir, "none.db"), os.ErrNotExist},
		{"folder", t.TempDir(), ErrNotDatabase},
	} {
		t.Run(c.name, func(t *testing.T) {
			safety, err := Restore(ctx, c.path, dbPath, time.Now())
			if !errors.Is(err, c.want) || safety != "" {
				t.Fatalf("Restore = %q, %v; want %v", safety, err, c.want)
			}
		})
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s changed", p)
		}
	}
	if _, err := os.Stat(BackupFolder(dbPath)); err == nil {
		t.Error("a refused restore made a backups folder")
	}
}

func TestRestoreKeepsASafetyCopyAndBringsTheBackup(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "live.db")
	st, err := Open(ctx, dbPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	saveSchool(t, st, "Gamla skolan")
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	saveSchool(t, st, "Ny skola efter kopian")
	// Open: refused, nothing happens.
	if _, err := Restore(ctx, backup, dbPath, time.Now()); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore into an open database: %v", err)
	}
	if _, err := Restore(ctx, dbPath, dbPath, time.Now()); err == nil {
		t.Fatal("restoring the database onto itself worked")
	}
	st.Close()
	now := time.Date(2026, 11, 25, 10, 15, 0, 0, Stockholm)
	safety, err := Restore(ctx, backup, dbPath, now)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(safety) != BackupFolder(dbPath) || !strings.Contains(filepath.Base(safety), "20261125-101500") {
		t.Errorf("safety copy at %s", safety)
	}
	if fi, err := os.Stat(dbPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("restored file: %v %v", fi, err)
	}
	st, err = Open(ctx, dbPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := schoolNames(t, st); got != "Gamla skolan" {
		t.Errorf("after restore: %q, want the backup's", got)
	}
	st.Close()
	sc, err := Open(ctx, safety, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := schoolNames(t, sc); got != "Gamla skolan,Ny skola efter kopian" {
		t.Errorf("safety copy holds %q", got)
	}
	sc.Close()
	// The safety copy is no daily backup and is never pruned.
	if bs, _ := ListBackups(dbPath); len(bs) != 0 {
		t.Errorf("daily backups: %+v", bs)
	}
	// It is a point to restore from, with its time, newest first beside
	// the daily backups (found by use: a restore could not be undone from
	// the window). The daily backup of that morning came before it.
	for _, day := range []string{"2026-11-24", "2026-11-25"} {
		if err := copyFile(backup, filepath.Join(BackupFolder(dbPath), "live-"+day+".db")); err != nil {
			t.Fatal(err)
		}
	}
	points, err := ListRestorePoints(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range points {
		got = append(got, fmt.Sprintf("%s %v", p.Day.Format("2006-01-02 15:04"), p.SafetyCopy))
	}
	if want := "2026-11-25 10:15 true,2026-11-25 00:00 false,2026-11-24 00:00 false"; strings.Join(got, ",") != want {
		t.Errorf("restore points %v, want %s", got, want)
	}
	if points[0].Path != safety {
		t.Errorf("the first point is %s, want the safety copy %s", points[0].Path, safety)
	}
	// Restore into a place with no database yet: no safety copy.
	fresh := filepath.Join(t.TempDir(), "sub", "new.db")
	if s, err := Restore(ctx, backup, fresh, now); err != nil || s != "" {
		t.Errorf("restore to a new place: %q %v", s, err)
	}
}
