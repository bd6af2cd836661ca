//go:build !windows

package data

import (
	"fmt"
	"os"
	"syscall"
)

// fileLock is held while a database is open, so that a second Techniqual on
// the same file is told so instead of writing too. It is two locks:
//
//   - an advisory lock on "<path>.lock" beside the database, which also
//     guards the moments when the database file is being created or
//     replaced (restore);
//   - a lock on the database file itself, that is on its identity (device
//     and inode), so that the same file reached through a hard link or a
//     second name is locked too. SQLite's own locks cannot stop that case:
//     each name gets its own write-ahead log ("<name>-wal"), and two
//     processes writing two logs into one file corrupt it.
//
// flock(2) locks belong to the open file description, not the process, so
// SQLite closing its own descriptors of the file (which drops POSIX fcntl
// locks) does not release them.
type fileLock struct{ files []*os.File }

// acquireLock takes the lock beside the database, and with identity also the
// one on the file itself (restore takes only the first: it replaces the
// file by renaming, which Windows refuses for a file held open).
func acquireLock(dbPath string, identity bool) (*fileLock, error) {
	l := &fileLock{}
	paths := []string{dbPath + ".lock"}
	if identity {
		paths = append(paths, dbPath)
	}
	for _, p := range paths {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			l.release()
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			l.release()
			if err == syscall.EWOULDBLOCK {
				return nil, ErrInUse
			}
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		l.files = append(l.files, f)
	}
	return l, nil
}

func (l *fileLock) release() {
	for _, f := range l.files {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
	l.files = nil
}
