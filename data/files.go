package data

import (
	"io"
	"os"
	"path/filepath"
)

// WritePrivateFile writes a file that holds personal data: write fills a
// temporary file in the same folder (created when missing, mode 0700), which
// gets mode 0600 and is then renamed to path. A failure never leaves half a
// file behind and never replaces a good one.
func WritePrivateFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".techniqual-*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
