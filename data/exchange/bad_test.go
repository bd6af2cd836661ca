package exchange

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// TestBadFiles: every way a file can be wrong gives its own message, in
// Swedish and English, and the database stays exactly as it was.
func TestBadFiles(t *testing.T) {
	coord := openStore(t, "coord")
	w := newWorld(t, coord)
	p, err := ExportSchool(ctx, coord, w.school.ID, w.period.ID, Options{})
	must(t, err)
	var good bytes.Buffer
	must(t, Write(&good, p, pass))
	header, _, _ := bytes.Cut(good.Bytes(), []byte("\n"))

	newer := *p
	newer.Version = 3
	var newerPayload bytes.Buffer
	must(t, Write(&newerPayload, &newer, pass))
	older := *p
	older.Version = 1
	var olderPayload bytes.Buffer
	must(t, Write(&olderPayload, &older, pass))

	flip := func(at int) []byte {
		b := bytes.Clone(good.Bytes())
		b[at] ^= 0x01
		return b
	}
	mid := len(header) + 1 + (good.Len()-len(header))/2
	for _, tc := range []struct {
		name    string
		file    []byte
		pass    string
		want    []Kind
		code    Code
		swedish string
	}{
		{"tampered byte in the payload", flip(good.Len() - 20), pass, nil, CodeDamaged, "skadad eller har ändrats"},
		{"tampered byte in the middle", flip(mid), pass, nil, CodeDamaged, "skadad"},
		{"tampered age header", flip(len(header) + 30), pass, nil, CodeDamaged, "skadad"},
		{"kind edited in the header", bytes.Replace(good.Bytes(), []byte("kind=school"), []byte("kind=host  "), 1), pass, nil, CodeDamaged, "skadad"},
		{"truncated", good.Bytes()[:good.Len()-100], pass, nil, CodeTruncated, "ofullständig"},
		{"truncated to the header", good.Bytes()[:len(header)/2], pass, nil, CodeTruncated, "ofullständig"},
		{"extra bytes", append(bytes.Clone(good.Bytes()), "\r\n"...), pass, nil, CodeDamaged, "skadad"},
		{"wrong passphrase", good.Bytes(), "fel lösenfras helt och hållet", nil, CodeWrongPassphrase, "Lösenfrasen stämmer inte"},
		{"newer header", bytes.Replace(good.Bytes(), []byte(Magic+" v2 "), []byte(Magic+" v3 "), 1), pass, nil, CodeNewerVersion,
			"Filen kommer från en nyare version av Techniqual (v3). Uppdatera först."},
		{"newer payload", newerPayload.Bytes(), pass, nil, CodeNewerVersion, "(v3)"},
		// Format v1 had no version vectors (issue #15): refused, never guessed at.
		{"v1 header", bytes.Replace(good.Bytes(), []byte(Magic+" v2 "), []byte(Magic+" v1 "), 1), pass, nil, CodeOldFormat,
			"Filen skrevs av en äldre version av Techniqual (format v1)"},
		{"v1 payload", olderPayload.Bytes(), pass, nil, CodeOldFormat, "uppdatera Techniqual och skicka filen igen"},
		{"wrong kind", good.Bytes(), pass, []Kind{KindHostForm}, CodeWrongKind, "skolfil med elever och önskemål, men här behövs en fil med värdformulär"},
		{"a PDF", []byte("%PDF-1.7\n1 0 obj\n"), pass, nil, CodeNotExchange, "inte en utbytesfil"},
		{"empty", nil, pass, nil, CodeNotExchange, "inte en utbytesfil"},
		{"plain age file", []byte("age-encryption.org/v1\n-> scrypt abc 10\n"), pass, nil, CodeNotExchange, "inte en utbytesfil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := openStore(t, "target")
			newWorld(t, target)
			before := checksum(t, target)
			path := filepath.Join(t.TempDir(), "in.techniqual")
			must(t, os.WriteFile(path, tc.file, 0o600))
			_, err := importFile(t, target, path, tc.pass, Decisions{Default: Theirs}, tc.want...)
			if CodeOf(err) != tc.code {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
			e := err.(*Error)
			if !strings.Contains(e.Swedish(), tc.swedish) || !strings.Contains(e.Swedish(), "Ingenting har ändrats") {
				t.Errorf("Swedish message %q lacks %q", e.Swedish(), tc.swedish)
			}
			if e.English() == "" || strings.Contains(e.English(), "{{") || strings.Contains(e.Swedish(), "{{") {
				t.Errorf("messages: %q / %q", e.Swedish(), e.English())
			}
			if checksum(t, target) != before {
				t.Fatal("database changed")
			}
		})
	}
}

// TestPassphraseRules: too short to write; the message says how long.
func TestPassphraseRules(t *testing.T) {
	st := openStore(t, "st")
	w := newWorld(t, st)
	p, err := ExportHostForm(ctx, st, w.company.ID, Options{})
	must(t, err)
	for _, pw := range []string{"", "kort", "  123456789  "} {
		err := Save(ctx, st, filepath.Join(t.TempDir(), "x.techniqual"), p, pw, logExport)
		if CodeOf(err) != CodeShortPassphrase || !strings.Contains(err.(*Error).Swedish(), "minst 10 tecken") {
			t.Errorf("%q: %v", pw, err)
		}
	}
	must(t, CheckPassphrase("tio tecken"))
}

// TestProtectedIdentityNeverLeaks scans the decrypted payloads: a pupil
// with protected identity is never named in a host file, and in a school
// file only when the counsellor opted in. Guardians, the school system's
// id and internal notes never leave.
func TestProtectedIdentityNeverLeaks(t *testing.T) {
	st := openStore(t, "school")
	w := newWorld(t, st)
	plain := func(p *Payload) string {
		t.Helper()
		var buf bytes.Buffer
		must(t, Write(&buf, p, pass))
		back, err := Read(buf.Bytes(), pass)
		must(t, err)
		b, err := json.Marshal(back)
		must(t, err)
		return string(b)
	}
	never := []string{"Ayşe", "070-111", "EXT-77", "Elevhälsan", "Rullstol", "ring i mars", "föredrar telefon"}
	hidden := []string{w.noor.FirstName, w.noor.LastName, "2011-08-19"}
	host, err := ExportHost(ctx, st, w.company.ID, w.period.ID, Options{IncludeProtected: true})
	must(t, err)
	school, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{})
	must(t, err)
	named, err := ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{IncludeProtected: true})
	must(t, err)
	form, err := ExportHostForm(ctx, st, w.company.ID, Options{})
	must(t, err)
	results, err := ExportResults(ctx, st, w.school.ID, w.period.ID, Options{})
	must(t, err)
	for name, p := range map[string]*Payload{"host": host, "school": school, "named school": named, "host form": form, "results": results} {
		text := plain(p)
		for _, s := range never {
			if strings.Contains(text, s) {
				t.Errorf("%s file holds %q", name, s)
			}
		}
		if name == "named school" {
			continue
		}
		for _, s := range hidden {
			if strings.Contains(text, s) {
				t.Errorf("%s file names the pupil with protected identity: %q", name, s)
			}
		}
	}
	if !strings.Contains(plain(host), ViaSchoolName) || !strings.Contains(plain(school), ViaSchoolName) {
		t.Error("the pupil with protected identity is missing instead of shown as via the school")
	}
	if text := plain(named); !strings.Contains(text, "Qasemi") || named.Named != 1 || named.Protected != 1 {
		t.Errorf("opted in, but not named: %d/%d", named.Named, named.Protected)
	}
	// The opt-in is in the audit log.
	path := filepath.Join(t.TempDir(), "named.techniqual")
	must(t, Save(ctx, st, path, named, pass, logExport))
	audit, err := st.ListAudit(ctx)
	must(t, err)
	if len(audit) != 1 || !strings.Contains(audit[0].Detail, "named: 1 of 1") {
		t.Fatalf("audit: %+v", audit)
	}
	// Noor still gets matched: the pupil is in the school file, by key.
	found := false
	for _, r := range school.Rows {
		found = found || (r.Table == data.XPupils && r.ID == w.noor.ID && r.Fields["protected"] == "1")
	}
	if !found {
		t.Error("the pupil with protected identity is not in the school file at all")
	}
}
