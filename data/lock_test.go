package data

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// The subprocess side of the tests below: with TECHNIQUAL_TEST_CHILD set,
// the test binary runs one action on a database instead of the tests.
func init() {
	action := os.Getenv("TECHNIQUAL_TEST_CHILD")
	if action == "" {
		return
	}
	path := os.Getenv("TECHNIQUAL_TEST_DB")
	ctx := context.Background()
	switch action {
	case "hold":
		// Open the database, write to it, say so, and keep it open until
		// the parent closes stdin.
		st, err := Open(ctx, path, Options{NoBackup: true})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		if err := st.SaveOrganisation(ctx, &Organisation{Kind: KindSchool, Name: "Barrskogens skola"}); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		bufio.NewReader(os.Stdin).ReadString('\n')
		st.Close()
		os.Exit(0)
	case "backup":
		fmt.Println("ready")
		if err := BackupFile(ctx, path, os.Getenv("TECHNIQUAL_TEST_OUT")); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// child starts the test binary as a subprocess doing action on db and
// waits for it to say "ready".
func child(t *testing.T, action, db string, env ...string) (*exec.Cmd, *os.File) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "TECHNIQUAL_TEST_CHILD="+action, "TECHNIQUAL_TEST_DB="+db), env...)
	in, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin = in
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in.Close()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child %s: %q %v", action, line, err)
	}
	return cmd, w
}

// TestTheSameFileUnderAnotherNameIsLocked: a database reached through a hard
// link or a symbolic link is the same file, and a second Techniqual on it is
// refused (each name would get its own write-ahead log, and two logs written
// into one file corrupt it), in this process and from another one.
func TestTheSameFileUnderAnotherNameIsLocked(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("hard links on Windows are tested by hand")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "techniqual.db")
	st, err := Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "annan", "kopia.db")
	os.MkdirAll(filepath.Dir(hard), 0o700)
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(dir, "genvag.db")
	if err := os.Symlink(path, sym); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, hard, sym} {
		if other, err := Open(ctx, name, Options{NoBackup: true}); !errors.Is(err, ErrInUse) {
			if other != nil {
				other.Close()
			}
			t.Errorf("open %s while open: %v, want ErrInUse", name, err)
		}
	}
	st.Close()

	// Another process holds the file through the hard link: this one is told.
	cmd, stdin := child(t, "hold", hard)
	if other, err := Open(ctx, path, Options{NoBackup: true}); !errors.Is(err, ErrInUse) {
		if other != nil {
			other.Close()
		}
		t.Errorf("open while another process holds the hard link: %v, want ErrInUse", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	st, err = Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatalf("open after the other process closed: %v", err)
	}
	defer st.Close()
	if got := schoolNames(t, st); got != "Barrskogens skola" {
		t.Errorf("schools after the other process wrote: %q", got)
	}
	var check string
	if err := st.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity: %q %v", check, err)
	}
}

// TestABackupKilledHalfWayLeavesNoFile kills the backup at many moments;
// the destination is then either absent or a whole, checked backup, never
// a half file under the name the user chose.
func TestABackupKilledHalfWayLeavesNoFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "techniqual.db")
	st, err := Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	// Enough bytes that copying takes a while.
	if _, err := st.db.ExecContext(ctx, `CREATE TABLE ballast (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000)
		INSERT INTO ballast SELECT randomblob(8000) FROM n`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	complete, absent := 0, 0
	for i := range 12 {
		out := filepath.Join(dir, fmt.Sprintf("kopia-%d.db", i))
		cmd, stdin := child(t, "backup", path, "TECHNIQUAL_TEST_OUT="+out)
		time.Sleep(time.Duration(i*i*4) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		stdin.Close()
		if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
			absent++
			continue
		}
		if _, err := CheckBackup(ctx, out); err != nil {
			t.Errorf("killed after %d ms: %s is there but not a whole backup: %v", i*i*4, out, err)
		}
		complete++
	}
	t.Logf("killed 12 backups: %d left nothing, %d had finished", absent, complete)
	// A later backup to a name whose copy was killed works.
	out := filepath.Join(dir, "kopia-0.db")
	os.Remove(out)
	if err := BackupFile(ctx, path, out); err != nil {
		t.Fatalf("backup after a killed one: %v", err)
	}
	if _, err := CheckBackup(ctx, out); err != nil {
		t.Error(err)
	}
}

// TestOpenRemovesWhatAKilledRestoreLeft: a restore killed before its rename
// leaves "<db>.restoring"; the next open removes it and the database is
// what it was.
func TestOpenRemovesWhatAKilledRestoreLeft(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "techniqual.db")
	st, err := Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	saveSchool(t, st, "Granbackens skola")
	st.Close()
	if err := os.WriteFile(path+".restoring", []byte("SQLite format 3\x00half"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := os.Stat(path + ".restoring"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed restore's file is still there: %v", err)
	}
	if got := schoolNames(t, st); got != "Granbackens skola" {
		t.Errorf("schools: %q", got)
	}
}
