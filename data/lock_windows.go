//go:build windows

package data

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// fileLock is held while a database is open, so that a second Techniqual on
// the same file is told so. It is two locks: an exclusive lock on
// "<path>.lock" beside the database (which also guards creating and
// replacing the file), and a byte-range lock on the database file itself,
// which follows the file's identity, so that the same file reached through
// a hard link is locked too (each name would get its own write-ahead log,
// and two logs written into one file corrupt it). The byte locked lies far
// beyond SQLite's own lock bytes (at 1 GiB) and beyond any real database,
// so it never blocks SQLite's reads or writes.
type fileLock struct{ files []*os.File }

// identityLockOffsetHigh places the database file's byte-range lock at
// offset 0x7FFF0000_00000000.
const identityLockOffsetHigh = 0x7FFF0000

// acquireLock takes the lock beside the database, and with identity also the
// one on the file itself (restore takes only the first: it replaces the
// file by renaming, which Windows refuses for a file held open).
func acquireLock(dbPath string, identity bool) (*fileLock, error) {
	l := &fileLock{}
	paths := []string{dbPath + ".lock"}
	if identity {
		paths = append(paths, dbPath)
	}
	for i, p := range paths {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			l.release()
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		ol := new(windows.Overlapped)
		if i == 1 {
			ol.OffsetHigh = identityLockOffsetHigh
		}
		err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
		if err != nil {
			f.Close()
			l.release()
			if err == windows.ERROR_LOCK_VIOLATION {
				return nil, ErrInUse
			}
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		l.files = append(l.files, f)
	}
	return l, nil
}

func (l *fileLock) release() {
	for i, f := range l.files {
		ol := new(windows.Overlapped)
		if i == 1 {
			ol.OffsetHigh = identityLockOffsetHigh
		}
		windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
		f.Close()
	}
	l.files = nil
}
