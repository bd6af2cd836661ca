package cli

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

func TestCmdBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	db, _ := demoDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database, only some text here"), 0o600)
	newer := filepath.Join(dir, "newer.db")
	if err := data.BackupFile(ctx, db, newer); err != nil {
		t.Fatal(err)
	}
	if h, err := sql.Open("sqlite3", newer); err == nil {
		h.Exec("PRAGMA user_version = 999")
		h.Close()
	}

	// The app has the database open while the backup is made.
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(f func(context.Context, []string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
		return runShim(ctx, f, args...)
	}
	for _, c := range []struct {
		name string
		f    func(context.Context, []string, io.Writer, io.Writer) int
		args []string
		code int
		msg  string
	}{
		{"backup usage", callBackup, []string{"--db", db}, exitUsage, "usage"},
		{"backup missing db", callBackup, []string{"--db", db + ".x", "--out", out}, exitFailure, "no such database"},
		{"backup while open", callBackup, []string{"--db", db, "--out", out}, exitOK, ""},
		{"backup never overwrites", callBackup, []string{"--db", db, "--out", out}, exitFailure, "already exists"},
		{"backup of junk", callBackup, []string{"--db", junk, "--out", filepath.Join(dir, "j2.db")}, exitFailure, "not a Techniqual database"},
		{"restore usage", callRestore, []string{"--db", db}, exitUsage, "usage"},
		{"restore while open", callRestore, []string{"--db", db, "--from", out}, exitFailure, "open in another"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(c.f, c.args...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, c.code, stderr, c.msg)
			}
		})
	}
	o := data.Organisation{Kind: data.KindSchool, Name: "Skolan efter kopian"}
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before, _ := os.ReadFile(db)
	for _, c := range []struct {
		name, from, msg string
	}{{"junk", junk, "not a Techniqual database"}, {"newer", newer, "newer version"}, {"missing", filepath.Join(dir, "none.db"), "no such file"}} {
		code, _, stderr := run(callRestore, "--db", db, "--from", c.from)
		if code != exitFailure || !strings.Contains(stderr, c.msg) {
			t.Errorf("restore %s: exit %d, %q", c.name, code, stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	code, stdout, stderr := run(callRestore, "--db", db, "--from", out)
	if code != exitOK || !strings.Contains(stdout, "previous file is kept in") {
		t.Fatalf("restore: exit %d, %q %q", code, stdout, stderr)
	}
	restoredWithout(t, db, "Skolan efter kopian")
}

// TestEncryptedBackupAndRestore: with --passphrase-file the copy is
// encrypted (no name readable in it); restoring it needs the passphrase,
// and a wrong one changes nothing.
func TestEncryptedBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := data.Organisation{Kind: data.KindSchool, Name: "Qvarnbyskolan"}
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	st.Close()
	run := func(f func(context.Context, []string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
		return runShim(ctx, f, args...)
	}
	pf, wrong, short := filepath.Join(dir, "pass.txt"), filepath.Join(dir, "wrong.txt"), filepath.Join(dir, "short.txt")
	os.WriteFile(pf, []byte("tre ord som hänger ihop\n"), 0o600)
	os.WriteFile(wrong, []byte("fel fras men lång nog\n"), 0o600)
	os.WriteFile(short, []byte("kort\n"), 0o600)
	out := filepath.Join(dir, "kopia.db.age")
	if code, _, stderr := run(callBackup, "--db", db, "--out", out, "--passphrase-file", short); code != exitFailure ||
		!strings.Contains(stderr, "fewer than 10 characters") {
		t.Fatalf("short passphrase: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a short passphrase wrote a file")
	}
	code, stdout, stderr := run(callBackup, "--db", db, "--out", out, "--passphrase-file", pf)
	if code != exitOK || !strings.Contains(stdout, "encrypted backup of") {
		t.Fatalf("encrypted backup: exit %d, %q %q", code, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	if bytes.Contains(b, []byte("Qvarnbyskolan")) || bytes.Contains(b, []byte("SQLite format")) {
		t.Error("the encrypted backup is readable")
	}
	if left, _ := filepath.Glob(filepath.Join(data.BackupFolder(db), ".*")); len(left) != 0 {
		t.Errorf("plain copies left behind: %v", left)
	}

	st, _ = data.Open(ctx, db, data.Options{})
	later := data.Organisation{Kind: data.KindSchool, Name: "Skolan efter kopian"}
	st.SaveOrganisation(ctx, &later)
	st.Close()
	before, _ := os.ReadFile(db)
	t.Setenv(passphraseEnv, "")
	for _, c := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no passphrase", []string{"--db", db, "--from", out}, "is encrypted"},
		{"wrong passphrase", []string{"--db", db, "--from", out, "--passphrase-file", wrong}, "the passphrase does not open"},
	} {
		code, _, stderr := run(callRestore, c.args...)
		if code != exitFailure || !strings.Contains(stderr, c.msg) || !strings.Contains(stderr, "was not changed") {
			t.Errorf("%s: exit %d, %q", c.name, code, stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the database")
	}
	code, stdout, stderr = run(callRestore, "--db", db, "--from", out, "--passphrase-file", pf)
	if code != exitOK || !strings.Contains(stdout, "restored") {
		t.Fatalf("restore: exit %d, %q %q", code, stdout, stderr)
	}
	restoredWithout(t, db, "Skolan efter kopian")
	if left, _ := filepath.Glob(filepath.Join(data.BackupFolder(db), ".*")); len(left) != 0 {
		t.Errorf("decrypted copies left behind: %v", left)
	}
}

// runShim runs a command's shim and returns its exit code and output.
func runShim(ctx context.Context, f func(context.Context, []string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := f(ctx, args, &o, &e)
	return code, o.String(), e.String()
}

// restoredWithout checks that the database at db, restored from a backup,
// does not hold the school added after the backup was made.
func restoredWithout(t *testing.T, db, school string) {
	t.Helper()
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.FindOrganisation(context.Background(), data.KindSchool, school); err == nil {
		t.Error("the restored database holds what was added after the backup")
	}
}
