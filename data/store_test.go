package data

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// newStore opens a fresh database file in t.TempDir().
func newStore(t testing.TB) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestOpenCreatesCurrentSchemaPrivately(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "new.db")
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var version int
	if err := st.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 1 {
		t.Errorf("user_version = %d, want %d", version, SchemaVersion())
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2"} {
		var got string
		if err := st.db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v, want 0600", fi.Mode().Perm())
	}
	// Re-open: nothing to migrate, still fine.
	st2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("re-open: %v", err)
	}
	st2.Close()
}

func TestOpenRefusesBadFilesAndLeavesThemUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	st, err := Open(ctx, newer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, "PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	os.Remove(newer + "-wal")
	os.Remove(newer + "-shm")
	// A database whose schema page is broken: SQLite calls it "database
	// disk image is malformed"; the user is told it is damaged.
	damaged := filepath.Join(dir, "skadad.db")
	st, err = Open(ctx, damaged, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveOrganisation(ctx, &Organisation{Kind: KindSchool, Name: "Björkskolan"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	os.Remove(damaged + "-wal")
	os.Remove(damaged + "-shm")
	b, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[100:4000], make([]byte, 3900))
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name    string
		path    string
		content []byte
		want    error
	}{
		{"text file", filepath.Join(dir, "notes.txt"), []byte("Det här är inga elever.\n"), ErrNotDatabase},
		{"short binary", filepath.Join(dir, "short.db"), []byte{0x53, 0x51, 0x00}, ErrNotDatabase},
		{"zip file", filepath.Join(dir, "list.db"), append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 200)...), ErrNotDatabase},
		{"newer version", newer, nil, ErrNewerVersion},
		{"damaged", damaged, nil, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.content != nil {
				if err := os.WriteFile(c.path, c.content, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(c.path)
			_, err := Open(ctx, c.path, Options{})
			if !errors.Is(err, c.want) {
				t.Fatalf("Open = %v, want %v", err, c.want)
			}
			after, _ := os.ReadFile(c.path)
			if !bytes.Equal(before, after) {
				t.Errorf("the file was changed")
			}
		})
	}
}

func TestSecondOpenIsToldTheFileIsInUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	first, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open = %v, want ErrInUse", err)
	}
	first.Close()
	again, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open after Close = %v", err)
	}
	again.Close()
}

func TestUpgradeKeepsDataAndBacksUp(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	school := Organisation{Kind: KindSchool, Name: "Rönnbackeskolan", Municipality: "Kil"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	st.Close()

	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]migration(nil), saved...),
		migration{name: "9999_test.sql", sql: "ALTER TABLE organisations ADD COLUMN website TEXT NOT NULL DEFAULT '';"})

	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	got, err := st.GetOrganisation(ctx, school.ID)
	if err != nil || got.Name != school.Name {
		t.Fatalf("after upgrade: %+v, %v", got, err)
	}
	var website string
	if err := st.db.QueryRowContext(ctx, "SELECT website FROM organisations WHERE id = ?", school.ID).Scan(&website); err != nil {
		t.Fatalf("new column missing: %v", err)
	}
	backups, _ := filepath.Glob(path + ".v*.bak")
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	fi, _ := os.Stat(backups[0])
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", fi.Mode().Perm())
	}
	bk, err := Open(ctx, backups[0], Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bk.Close()
	if o, err := bk.GetOrganisation(ctx, school.ID); err != nil || o.Name != school.Name {
		t.Errorf("backup holds %+v, %v", o, err)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]migration(nil), saved...),
		migration{name: "9999_bad.sql", sql: "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;"})
	if _, err := Open(ctx, path, Options{NoBackup: true}); err == nil || !strings.Contains(err.Error(), "9999_bad.sql") {
		t.Fatalf("Open = %v, want the failing migration named", err)
	}
	migrations = saved
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	st.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&n)
	if n != 0 {
		t.Errorf("the failed migration left its table behind")
	}
}

func TestBackupWhileOpen(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	p := Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustDate("2027-03-15"), End: mustDate("2027-03-19")}
	if err := st.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := st.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, out); err == nil {
		t.Errorf("a second backup over an existing file should fail")
	}
	cp, err := Open(ctx, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if got, err := cp.FindPeriod(ctx, p.Name); err != nil || got.ID != p.ID {
		t.Errorf("backup holds %+v, %v", got, err)
	}
}

// crashChildEnv makes the test binary act as the writer that gets killed.
const crashChildEnv = "TECHNIQUAL_CRASH_CHILD_DB"

// TestCrashChild is not a test on its own: TestKilledWriterLeavesConsistentDatabase
// runs the test binary with crashChildEnv set, and this writes until killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("only runs as the child of TestKilledWriterLeavesConsistentDatabase")
	}
	ctx := context.Background()
	st, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	school := Organisation{Kind: KindSchool, Name: "Hedvikskolan"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for i := 1; ; i++ {
		err := st.InTx(ctx, func(tx *Store) error {
			for k := 0; k < 20; k++ {
				p := Pupil{SchoolID: school.ID, FirstName: "Elev", LastName: strconv.Itoa(i*100 + k), ClassName: "9A", Grade: 9,
					Notes: strings.Repeat("anteckning ", 50)}
				if err := tx.SavePupil(ctx, &p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("committed", i) // after Commit returned: this one must survive
	}
}

func TestKilledWriterLeavesConsistentDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lastCommitted := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		if n, ok := strings.CutPrefix(line, "committed "); ok {
			lastCommitted, _ = strconv.Atoi(n)
			if lastCommitted == 150 {
				cmd.Process.Signal(syscall.SIGKILL) // in the middle of the next transaction
				break
			}
		}
	}
	cmd.Wait()
	if lastCommitted < 150 {
		t.Fatalf("child committed only %d transactions", lastCommitted)
	}
	ctx := context.Background()
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("re-open after SIGKILL: %v", err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	pupils, err := st.ListPupils(ctx, PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pupils)%20 != 0 {
		t.Errorf("%d pupils: a transaction landed in part", len(pupils))
	}
	if len(pupils) < lastCommitted*20 {
		t.Errorf("%d pupils, but %d transactions of 20 were committed", len(pupils), lastCommitted)
	}
}

func TestDefaultPathIsLocalNotRoaming(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG rule is for Linux")
	}
	t.Setenv("XDG_DATA_HOME", "/home/syv/.local/share")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := "/home/syv/.local/share/Techniqual/techniqual.db"; p != want {
		t.Errorf("DefaultPath = %s, want %s", p, want)
	}
}
