package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestEncryptedBackupRoundTrip: a backup encrypted with a passphrase holds
// no readable name, opens only with its passphrase, and a damaged or cut
// file is said to be no backup; CheckBackup says an encrypted one is
// encrypted. Nothing is left behind by a failure.
func TestEncryptedBackupRoundTrip(t *testing.T) {
	backupWorkFactor = 10 // fast in tests; the format is the same
	t.Cleanup(func() { backupWorkFactor = 0 })
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, filepath.Join(dir, "live.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	saveSchool(t, st, "Björkskolan")
	// A made-up pupil whose name must not be readable in the file.
	p := Pupil{FirstName: "Ingrid-Maj", LastName: "Qvarnström", ClassName: "8A", Grade: 8, SchoolID: mustSchoolID(t, st, "Björkskolan")}
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.db")
	if err := st.Backup(ctx, plain); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "kopia"+EncryptedBackupExt)
	const pass = "tre ord som hänger ihop"
	if err := EncryptBackup(plain, enc, "kort"); err == nil {
		t.Fatal("a short passphrase was taken")
	}
	if err := EncryptBackup(plain, enc, pass); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(enc)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(enc); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	for _, secret := range []string{"Qvarnström", "Ingrid-Maj", "Björkskolan", "SQLite format"} {
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the encrypted backup holds %q", secret)
		}
	}
	if ok, _ := IsEncryptedBackup(enc); !ok {
		t.Error("not seen as encrypted")
	}
	if ok, _ := IsEncryptedBackup(plain); ok {
		t.Error("a plain backup seen as encrypted")
	}
	if _, err := CheckBackup(ctx, enc); !errors.Is(err, ErrEncryptedBackup) {
		t.Errorf("CheckBackup of an encrypted backup: %v", err)
	}
	if err := EncryptBackup(plain, enc, pass); err == nil {
		t.Error("an existing file was overwritten")
	}

	cut := filepath.Join(dir, "cut"+EncryptedBackupExt)
	if err := os.WriteFile(cut, b[:len(b)-100], 0o600); err != nil {
		t.Fatal(err)
	}
	changed := append([]byte(nil), b...)
	changed[len(changed)-500] ^= 0xff
	bad := filepath.Join(dir, "changed"+EncryptedBackupExt)
	if err := os.WriteFile(bad, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, src, pass string
		want            error
	}{
		{"wrong passphrase", enc, "fel fras men lång nog", ErrWrongPassphrase},
		{"empty passphrase", enc, "", ErrWrongPassphrase},
		{"cut short", cut, pass, ErrNotDatabase},
		{"a byte changed", bad, pass, ErrNotDatabase},
		{"a plain database", plain, pass, ErrNotDatabase},
	} {
		out := filepath.Join(dir, c.name+".db")
		if err := DecryptBackup(c.src, out, c.pass); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: left %s behind", c.name, out)
		}
	}
	out := filepath.Join(dir, "back.db")
	if err := DecryptBackup(enc, out, pass); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckBackup(ctx, out); err != nil {
		t.Fatalf("the decrypted backup: %v", err)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(plain)
	if !bytes.Equal(got, want) {
		t.Error("the decrypted backup differs from the backup")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func mustSchoolID(t *testing.T, st *Store, name string) string {
	t.Helper()
	orgs, err := st.ListOrganisations(context.Background(), KindSchool)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.Name == name {
			return o.ID
		}
	}
	t.Fatalf("no school %q", name)
	return ""
}
