package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// AutoBackupKeep is how many daily automatic backups are kept.
const AutoBackupKeep = 7

// BackupFolder is the folder of the automatic backups (and the safety copies
// taken before a restore) of the database at dbPath: "backups" beside it.
func BackupFolder(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// backupPrefix is what every automatic backup of dbPath is named by: the
// database's file name without its extension ("techniqual").
func backupPrefix(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// dailyName is the automatic backup's file name for day, e.g.
// "techniqual-2026-11-25.db".
func dailyName(dbPath string, day time.Time) string {
	return backupPrefix(dbPath) + "-" + day.Format(DateLayout) + ".db"
}

// BackupInfo is one automatic backup on disk, or a safety copy taken
// before a restore (ListRestorePoints).
type BackupInfo struct {
	Path string
	Day  time.Time // the day it was made (from its name); for a safety copy, with the time of day
	Size int64
	// SafetyCopy marks the copy of the database Restore took before
	// replacing it: the way back from a restore.
	SafetyCopy bool
}

// safetyInfix names Restore's safety copies: "techniqual-fore-aterstallning-
// 20261206-154501.db".
const safetyInfix = "-fore-aterstallning-"

// safetyLayout is the time in a safety copy's name.
const safetyLayout = "20060102-150405"

// ListRestorePoints lists what the database at dbPath can be restored
// from, newest first: the automatic daily backups and the safety copies
// Restore took before replacing it (found by use: a restore could not be
// undone from the window, its safety copy was not in the list).
func ListRestorePoints(dbPath string) ([]BackupInfo, error) {
	out, err := scanBackups(dbPath, true)
	if err != nil {
		return nil, err
	}
	// A daily backup is made when the app starts: of two on one day, the
	// safety copy is taken as the later.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if da, db := a.Day.Format(DateLayout), b.Day.Format(DateLayout); da != db {
			return da > db
		}
		if a.SafetyCopy != b.SafetyCopy {
			return a.SafetyCopy
		}
		return a.Day.After(b.Day)
	})
	return out, nil
}

// ListBackups lists the automatic daily backups of the database at dbPath,
// newest first. A missing folder gives an empty list.
func ListBackups(dbPath string) ([]BackupInfo, error) {
	out, err := scanBackups(dbPath, false)
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day.After(out[j].Day) })
	return out, nil
}

// scanBackups reads the backups folder of dbPath once: the daily backups
// ("techniqual-2026-11-25.db") and, with safety, the safety copies of
// restores ("techniqual-fore-aterstallning-20261125-101500.db"), in no
// order. Other files are someone else's and left out.
func scanBackups(dbPath string, safety bool) ([]BackupInfo, error) {
	dir := BackupFolder(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	daily, safe := backupPrefix(dbPath)+"-", backupPrefix(dbPath)+safetyInfix
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".db") {
			continue
		}
		var b BackupInfo
		switch {
		case safety && strings.HasPrefix(name, safe):
			b.Day, err = time.ParseInLocation(safetyLayout, strings.TrimSuffix(strings.TrimPrefix(name, safe), ".db"), Stockholm)
			b.SafetyCopy = true
		case strings.HasPrefix(name, daily):
			b.Day, err = time.Parse(DateLayout, strings.TrimSuffix(strings.TrimPrefix(name, daily), ".db"))
		default:
			continue
		}
		if err != nil {
			continue // not named as ours (a safety copy among the daily, or someone's file)
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		b.Path, b.Size = filepath.Join(dir, name), info.Size()
		out = append(out, b)
	}
	return out, nil
}

// privateFolder makes dir (and its parents) and gives it mode 0700: backups
// hold the personal data of minors.
func privateFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// AutoBackup makes the day's automatic backup of the open database: a
// consistent copy (safe while the app runs) in BackupFolder, mode 0600, named
// by now's date. When that day's backup already exists it makes none (made is
// false). Afterwards only the newest keep daily backups are kept; other files
// in the folder are never touched. The copy is written under a temporary name
// and renamed, so a crash never leaves a half file that would count as the
// day's backup. It never panics; the caller shows err to the user and goes on.
//
// A database that holds nothing yet gets no backup (made is false, err nil):
// found by use, a new database's first start kept an empty copy as the
// day's backup, and the day's work was in none. The window makes the day's
// backup again when it closes (a day that began empty gets one then).
func AutoBackup(ctx context.Context, st *Store, now time.Time, keep int) (path string, made bool, err error) {
	dir := BackupFolder(st.Path())
	path = filepath.Join(dir, dailyName(st.Path(), now))
	if err := privateFolder(dir); err != nil {
		return path, false, fmt.Errorf("automatic backup: folder %s: %w", dir, err)
	}
	if empty, err := st.IsEmpty(ctx); err == nil && empty {
		return path, false, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		return path, false, pruneBackups(st.Path(), keep)
	}
	tmp := path + ".partial"
	os.Remove(tmp) // left by a crash
	if err := st.Backup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return path, false, fmt.Errorf("automatic backup: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return path, false, fmt.Errorf("automatic backup: %w", err)
	}
	return path, true, pruneBackups(st.Path(), keep)
}

// IsEmpty reports whether the database holds no organisation, person,
// pupil, period or event: a new file nobody has worked in yet.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var any bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM people)
		OR EXISTS (SELECT 1 FROM pupils) OR EXISTS (SELECT 1 FROM periods) OR EXISTS (SELECT 1 FROM events)`).Scan(&any)
	if err != nil {
		return false, fmt.Errorf("is empty: %w", err)
	}
	return !any, nil
}

// pruneBackups deletes all but the newest keep daily backups (keep < 1 keeps
// all).
func pruneBackups(dbPath string, keep int) error {
	if keep < 1 {
		return nil
	}
	bs, err := ListBackups(dbPath)
	if err != nil {
		return err
	}
	var errs []error
	for _, b := range bs[min(keep, len(bs)):] {
		if err := os.Remove(b.Path); err != nil {
			errs = append(errs, fmt.Errorf("remove old backup: %w", err))
		}
	}
	return errors.Join(errs...)
}

// BackupFile writes a consistent copy of the database at dbPath to out (which
// must not exist, or be empty), mode 0600, without taking the database's lock
// or changing it: it works while the app has the file open, and on a file of
// any schema version.
func BackupFile(ctx context.Context, dbPath, out string) error {
	fi, err := os.Stat(dbPath)
	if err != nil {
		return fmt.Errorf("backup %s: %w", dbPath, err)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return fmt.Errorf("backup %s: %w", dbPath, ErrNotDatabase)
	}
	if err := checkHeader(dbPath); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", dsn(dbPath, true))
	if err != nil {
		return fmt.Errorf("backup %s: %w", dbPath, err)
	}
	defer db.Close()
	if err := vacuumInto(ctx, db, out); err != nil {
		return fmt.Errorf("backup %s to %s: %w", dbPath, out, err)
	}
	return nil
}

// coreTables must be in every Techniqual database; a SQLite file without
// them is somebody else's.
var coreTables = []string{"organisations", "pupils", "periods", "offers", "audit_log"}

// CheckBackup tells whether the file at path is a Techniqual database this
// build can open, without changing it: ErrEncryptedBackup for an
// encrypted backup (DecryptBackup it first), ErrNotDatabase for anything
// else (another program's SQLite file, a damaged file), ErrNewerVersion
// for one written by a newer Techniqual. It returns the file's schema
// version.
func CheckBackup(ctx context.Context, path string) (version int, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return 0, fmt.Errorf("%s: %w", path, ErrNotDatabase)
	}
	if enc, _ := IsEncryptedBackup(path); enc {
		return 0, fmt.Errorf("%s: %w", path, ErrEncryptedBackup)
	}
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("%s: %v: %w", path, err, ErrNotDatabase)
	}
	if version > SchemaVersion() {
		return version, fmt.Errorf("%s: version %d, this Techniqual knows up to %d: %w", path, version, SchemaVersion(), ErrNewerVersion)
	}
	for _, t := range coreTables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", t).Scan(&n); err != nil {
			return version, fmt.Errorf("%s: %v: %w", path, err, ErrNotDatabase)
		}
		if n == 0 || version < 1 {
			return version, fmt.Errorf("%s has no table %s: %w", path, t, ErrNotDatabase)
		}
	}
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return version, fmt.Errorf("%s is damaged (%s%v): %w", path, check, err, ErrNotDatabase)
	}
	return version, nil
}

// Restore replaces the database at dbPath with the backup at backupPath. The
// backup is checked first (CheckBackup); if it is not a Techniqual database
// this build can open, nothing is touched. The database must not be open (a
// running window closes its Store first; ErrInUse otherwise). The current
// file is first copied to a safety copy in BackupFolder, whose path is
// returned ("" when there was no current file). A backup of an older version
// is migrated by the next Open, as usual.
func Restore(ctx context.Context, backupPath, dbPath string, now time.Time) (safetyCopy string, err error) {
	backupPath, err = filepath.Abs(backupPath)
	if err != nil {
		return "", err
	}
	dbPath, err = filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	if _, err := CheckBackup(ctx, backupPath); err != nil {
		return "", err
	}
	if a, errA := os.Stat(backupPath); errA == nil {
		if b, errB := os.Stat(dbPath); errB == nil && os.SameFile(a, b) {
			return "", fmt.Errorf("%s is the database itself, not a backup of it", backupPath)
		}
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return "", err
	}
	lock, err := acquireLock(dbPath, false)
	if err != nil {
		return "", err
	}
	defer lock.release()

	// The new file is made first, beside the database, so that nothing
	// changes if it fails.
	tmp := dbPath + ".restoring"
	os.Remove(tmp)
	if err := copyDatabase(ctx, backupPath, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("restore from %s: %w", backupPath, err)
	}
	defer os.Remove(tmp) // gone after the rename; removed after a failure
	if err := markRestored(ctx, tmp); err != nil {
		return "", fmt.Errorf("restore from %s: %w", backupPath, err)
	}

	if fi, err := os.Stat(dbPath); err == nil && fi.Size() > 0 {
		dir := BackupFolder(dbPath)
		if err := privateFolder(dir); err != nil {
			return "", fmt.Errorf("restore: folder %s: %w", dir, err)
		}
		safetyCopy = filepath.Join(dir, backupPrefix(dbPath)+safetyInfix+now.In(Stockholm).Format(safetyLayout)+".db")
		if err := safetyCopyOf(ctx, dbPath, safetyCopy); err != nil {
			return "", fmt.Errorf("restore: copy of the current database: %w", err)
		}
	}
	// The old file's write-ahead log was merged into the safety copy and
	// checkpointed; it must not be applied to the restored file.
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return safetyCopy, fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return safetyCopy, fmt.Errorf("restore: %w", err)
	}
	return safetyCopy, os.Chmod(dbPath, 0o600)
}

// markRestored records in a restored copy that it has left its place, so
// that the next open gives it a laptop id of its own (Store.keepHome): its
// exchange counters are behind the edits this laptop sent out after the
// backup, and edits made from now on must not reuse them. A backup made
// before places were recorded gets the mark too (review: an UPDATE alone
// left such a backup with its old id); one without the meta table (a
// schema before migration 0001 finished) has no laptop id to clash.
func markRestored(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, 'restored')
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, laptopHomeKey)
	if err != nil && strings.Contains(err.Error(), "no such table") {
		return nil
	}
	return err
}

// copyDatabase writes a consistent copy of the database src (with its
// write-ahead log, if any) to out.
func copyDatabase(ctx context.Context, src, out string) error {
	db, err := sql.Open("sqlite3", dsn(src, true))
	if err != nil {
		return err
	}
	defer db.Close()
	return vacuumInto(ctx, db, out)
}

// safetyCopyOf copies the current database before a restore and merges its
// write-ahead log into the file. A database SQLite cannot read (the reason
// for many a restore) is copied byte for byte instead.
func safetyCopyOf(ctx context.Context, dbPath, out string) error {
	db, err := sql.Open("sqlite3", dsn(dbPath, false))
	if err == nil {
		err = vacuumInto(ctx, db, out)
		if err == nil {
			_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		}
		db.Close()
	}
	if err == nil {
		return nil
	}
	os.Remove(out)
	if err := copyFile(dbPath, out); err != nil {
		return err
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		return copyFile(dbPath+"-wal", out+"-wal")
	}
	return nil
}

// copyFile copies src to a new file out, mode 0600, synced to disk.
func copyFile(src, out string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, in)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
	}
	return err
}
