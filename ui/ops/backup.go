package ops

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"techniqual/data"
)

// ErrNoDatabase is returned by BackupFile when there is no database to copy.
var ErrNoDatabase = errors.New("no such database")

// ErrBackupExists is returned by BackupFile when the target already holds
// something: a backup never overwrites a file.
var ErrBackupExists = errors.New("the backup file already exists")

// BackupFile writes a consistent copy of the database file at dbPath to
// out, also while the window has it open (it reads without the lock). It
// refuses an out that holds something (ErrBackupExists) and a dbPath that
// does not exist (ErrNoDatabase).
func BackupFile(ctx context.Context, dbPath, out string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("%s: %w", dbPath, ErrNoDatabase)
	}
	if fi, err := os.Stat(out); err == nil && (fi.IsDir() || fi.Size() > 0) {
		return ErrBackupExists
	}
	if err := data.BackupFile(ctx, dbPath, out); err != nil {
		return err
	}
	// A backup copies every pupil: it is on record like any export, and a
	// copy whose entry cannot be written is not kept.
	if err := data.LogExportToFile(ctx, dbPath, backupEntry(out), time.Now(), uuid.NewString()); err != nil {
		os.Remove(out)
		return err
	}
	return nil
}

// backupEntry is the audit log's line for a backup to out.
func backupEntry(out string) *data.AuditEntry {
	return &data.AuditEntry{Action: "backup", What: out, Detail: "hela databasen"}
}

// BackupStore writes a consistent copy of the open database st to out;
// a failed copy leaves no half file behind.
func BackupStore(ctx context.Context, st *data.Store, out string) error {
	if err := st.Backup(ctx, out); err != nil {
		os.Remove(out)
		return err
	}
	if err := st.LogExport(ctx, backupEntry(out)); err != nil {
		os.Remove(out)
		return err
	}
	return nil
}

// Restore replaces the database file at dbPath with the backup at from,
// after checking that it is a Techniqual database this version can open,
// and keeps a safety copy of the current file (its path is returned). The
// database must not be open.
func Restore(ctx context.Context, from, dbPath string) (safety string, err error) {
	return data.Restore(ctx, from, dbPath, time.Now())
}

// RestoreOpen restores the backup at from over the database that old has
// open, closing old, and opens the result. When the restored file does not
// open, the previous file is put back and opened. A backup that is not a
// Techniqual database is refused before old is closed (st is nil then and
// old stays usable). Otherwise st is the store to use from now on (nil only
// when nothing could be opened).
func RestoreOpen(ctx context.Context, old *data.Store, from string) (st *data.Store, safety string, err error) {
	if _, err := data.CheckBackup(ctx, from); err != nil {
		return nil, "", err
	}
	dbPath := old.Path()
	old.Close()
	safety, err = Restore(ctx, from, dbPath)
	st, openErr := data.Open(ctx, dbPath, data.Options{})
	if openErr != nil && safety != "" { // the restored file does not open: put the old one back
		// The restore failed even when the old file opens again: found by
		// use, a backup whose migration failed was reported restored
		// while the old data stayed.
		err = errors.Join(err, openErr)
		if _, e := Restore(ctx, safety, dbPath); e != nil {
			err = errors.Join(err, e) // the old file is not back: said, not dropped (review)
		} else {
			var reopenErr error
			if st, reopenErr = data.Open(ctx, dbPath, data.Options{}); reopenErr != nil {
				err = errors.Join(err, reopenErr)
			}
		}
	}
	if st == nil && err == nil {
		err = openErr
	}
	return st, safety, err
}

// BackupFileEncrypted is BackupFile with the copy encrypted with
// passphrase (data.EncryptBackup): the plain copy is made in the
// database's private backups folder and removed once encrypted, so that
// nothing readable reaches out's folder (a USB stick, a shared drive).
func BackupFileEncrypted(ctx context.Context, dbPath, out, passphrase string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("%s: %w", dbPath, ErrNoDatabase)
	}
	return encrypted(dbPath, out, passphrase, func(plain string) error { return data.BackupFile(ctx, dbPath, plain) },
		func() error {
			return data.LogExportToFile(ctx, dbPath, encryptedEntry(out), time.Now(), uuid.NewString())
		})
}

// BackupStoreEncrypted is BackupStore with the copy encrypted with
// passphrase, as BackupFileEncrypted.
func BackupStoreEncrypted(ctx context.Context, st *data.Store, out, passphrase string) error {
	return encrypted(st.Path(), out, passphrase, func(plain string) error { return st.Backup(ctx, plain) },
		func() error { return st.LogExport(ctx, encryptedEntry(out)) })
}

// encryptedEntry is the audit log's line for an encrypted backup to out.
func encryptedEntry(out string) *data.AuditEntry {
	e := backupEntry(out)
	e.Detail += ", krypterad med lösenfras"
	return e
}

// encrypted makes a plain backup with backup into the private backups
// folder of dbPath, encrypts it into out, removes the plain copy and
// records the export with record; out is removed when recording fails.
func encrypted(dbPath, out, passphrase string, backup func(plain string) error, record func() error) error {
	if len([]rune(passphrase)) < data.MinBackupPassphrase {
		return fmt.Errorf("the passphrase must be at least %d characters", data.MinBackupPassphrase)
	}
	if fi, err := os.Stat(out); err == nil && (fi.IsDir() || fi.Size() > 0) {
		return ErrBackupExists
	}
	plain, err := privateTemp(dbPath, "kryptering")
	if err != nil {
		return err
	}
	defer os.Remove(plain)
	if err := backup(plain); err != nil {
		return err
	}
	if err := data.EncryptBackup(plain, out, passphrase); err != nil {
		return err
	}
	if err := record(); err != nil {
		os.Remove(out)
		return err
	}
	return nil
}

// privateTemp is a free file name in the private backups folder of
// dbPath (made if need be), for a plain copy that must not lie about.
func privateTemp(dbPath, what string) (string, error) {
	dir := data.BackupFolder(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "."+what+"-"+uuid.NewString()+".db"), nil
}

// SweepPlainCopies removes the plain copies an encrypted backup or restore
// left in the private backups folder of dbPath when the app was stopped
// half-way (they are removed as soon as they have served otherwise). It
// is run when the window opens the database, which nothing else has open
// then (the database's lock).
func SweepPlainCopies(dbPath string) error {
	var errs []error
	for _, what := range []string{"kryptering", "dekryptering"} {
		left, err := filepath.Glob(filepath.Join(data.BackupFolder(dbPath), "."+what+"-*.db"))
		if err != nil {
			return err
		}
		for _, f := range left {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// DecryptForRestore decrypts the encrypted backup at from into the
// private backups folder of dbPath and returns that file, to restore from
// and then remove (done removes it). data.ErrWrongPassphrase when the
// passphrase does not open it.
func DecryptForRestore(from, dbPath, passphrase string) (plain string, done func(), err error) {
	plain, err = privateTemp(dbPath, "dekryptering")
	if err != nil {
		return "", func() {}, err
	}
	done = func() { os.Remove(plain) }
	if err := data.DecryptBackup(from, plain, passphrase); err != nil {
		done()
		return "", func() {}, err
	}
	return plain, done, nil
}
