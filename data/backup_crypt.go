package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"
)

// Backups made by hand can be encrypted with a passphrase: found by use, a
// copy taken to a USB stick or a shared folder held the personal data of
// minors in the clear, while exchange files had a passphrase. The file is
// an age file (scrypt, the same as exchange files), named ".db.age".

// EncryptedBackupExt ends the name of an encrypted backup.
const EncryptedBackupExt = ".db.age"

// MinBackupPassphrase is the shortest passphrase an encrypted backup takes
// (as for exchange files).
const MinBackupPassphrase = 10

// ErrWrongPassphrase: the passphrase does not open the encrypted backup
// (or the file's key was changed, which looks the same). Nothing changed.
var ErrWrongPassphrase = errors.New("the passphrase does not open the backup")

// ErrEncryptedBackup: the backup is encrypted; it is read after
// DecryptBackup with its passphrase.
var ErrEncryptedBackup = errors.New("the backup is encrypted with a passphrase")

// ageMagic starts every age file.
const ageMagic = "age-encryption.org/v1\n"

// backupWorkFactor is the log2 scrypt work factor used when encrypting (0:
// age's default, about a second); tests lower it.
var backupWorkFactor = 0

// IsEncryptedBackup reports whether the file at path is an encrypted
// backup (an age file), reading only its first line.
func IsEncryptedBackup(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	n, _ := io.ReadFull(f, head)
	return n == len(head) && string(head) == ageMagic, nil
}

// EncryptBackup encrypts the backup at plain into out with passphrase.
// out must not hold anything; it is written through a temporary file,
// mode 0600, so a failure leaves nothing behind. plain is not changed.
func EncryptBackup(plain, out, passphrase string) error {
	if len([]rune(passphrase)) < MinBackupPassphrase {
		return fmt.Errorf("the passphrase must be at least %d characters", MinBackupPassphrase)
	}
	if fi, err := os.Stat(out); err == nil && fi.Size() > 0 {
		return fmt.Errorf("%s already exists", out)
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	if backupWorkFactor > 0 {
		r.SetWorkFactor(backupWorkFactor)
	}
	in, err := os.Open(plain)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeThrough(out, func(w io.Writer) error {
		aw, err := age.Encrypt(w, r)
		if err != nil {
			return err
		}
		if _, err := io.Copy(aw, bufio.NewReader(in)); err != nil {
			return err
		}
		return aw.Close()
	})
}

// DecryptBackup decrypts the encrypted backup at src into out (mode 0600,
// through a temporary file). ErrWrongPassphrase when the passphrase does
// not open it; ErrNotDatabase when it is no encrypted backup or is damaged.
func DecryptBackup(src, out, passphrase string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return fmt.Errorf("%s: %w", src, ErrWrongPassphrase)
	}
	r, err := age.Decrypt(bufio.NewReader(in), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return fmt.Errorf("%s: %w", src, ErrWrongPassphrase)
		}
		return fmt.Errorf("%s: %v: %w", src, err, ErrNotDatabase)
	}
	// A file cut short or changed fails its authentication while it is
	// read; an error writing out is the disk's.
	tr := &trackedReader{r: r}
	err = writeThrough(out, func(w io.Writer) error {
		_, err := io.Copy(w, tr)
		return err
	})
	if tr.err != nil {
		return fmt.Errorf("%s: %v: %w", src, tr.err, ErrNotDatabase)
	}
	return err
}

// trackedReader keeps the error its reader gave (io.EOF aside).
type trackedReader struct {
	r   io.Reader
	err error
}

func (t *trackedReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// writeThrough writes out through a temporary file beside it (mode 0600),
// renamed into place when write succeeds and removed when it fails.
func writeThrough(out string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
