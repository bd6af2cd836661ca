package exchange

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzRead feeds the reader arbitrary bytes: it must never panic, and
// whatever it refuses it refuses with an *Error that has a message.
func FuzzRead(f *testing.F) {
	old := readWorkFactor
	readWorkFactor = 12 // a mutated work factor must not cost seconds
	defer func() { readWorkFactor = old }()
	f.Add([]byte(Magic + " v1 kind=school size=0\n"))
	f.Add([]byte(Magic + " v2 kind=results size=10\n0123456789"))
	f.Add([]byte(Magic + " v1 kind=host size=99999999999\n"))
	f.Add([]byte("%PDF-1.7"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadHeader(b)
		p, err := Read(b, pass)
		if err != nil {
			var e *Error
			if !asError(err, &e) || e.Swedish() == "" || e.English() == "" {
				t.Fatalf("refused without a message: %v", err)
			}
			return
		}
		if p.Kind == "" || !p.Kind.Valid() {
			t.Fatalf("accepted a payload of kind %q", p.Kind)
		}
	})
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

// TestV1FilesRefused: files written by format v1 (the committed seeds
// v1-school and v1-host-form, made by the previous Techniqual) are refused
// with a message to update, and change nothing: v1 carried a "common
// version" recorded at sending, which is what lost edits (issue #15), and
// guessing versions for its rows could overwrite newer values.
func TestV1FilesRefused(t *testing.T) {
	st := openStore(t, "coord")
	newWorld(t, st)
	before := checksum(t, st)
	for _, name := range []string{"v1-school", "v1-host-form"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzRead", name))
		must(t, err)
		_, quoted, _ := bytes.Cut(bytes.TrimSpace(raw), []byte("[]byte("))
		b, err := strconv.Unquote(string(bytes.TrimSuffix(quoted, []byte(")"))))
		must(t, err)
		if !bytes.HasPrefix([]byte(b), []byte(Magic+" v1 ")) {
			t.Fatalf("%s is not a v1 file", name)
		}
		p, err := Read([]byte(b), pass)
		if CodeOf(err) != CodeOldFormat || p != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e := err.(*Error)
		if !strings.Contains(e.Swedish(), "äldre version av Techniqual (format v1)") ||
			!strings.Contains(e.English(), "written by an older version of Techniqual (format v1)") {
			t.Fatalf("%s: %q / %q", name, e.Swedish(), e.English())
		}
	}
	if checksum(t, st) != before {
		t.Fatal("database changed")
	}
}

// TestWriteFuzzCorpus rewrites the committed seed corpus of FuzzRead under
// testdata/fuzz when run with TECHNIQUAL_WRITE_CORPUS=1 (a developer's
// helper): a real file of every kind (work factor 2^10, the test
// passphrase), and cut and changed ones.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("TECHNIQUAL_WRITE_CORPUS") == "" {
		t.Skip("set TECHNIQUAL_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzRead")
	}
	st := openStore(t, "corpus")
	w := newWorld(t, st)
	seeds := map[string][]byte{}
	for _, k := range Kinds {
		var p *Payload
		var err error
		switch k {
		case KindHostForm:
			p, err = ExportHostForm(ctx, st, w.company.ID, Options{AppVersion: "corpus"})
		case KindSchool:
			p, err = ExportSchool(ctx, st, w.school.ID, w.period.ID, Options{AppVersion: "corpus"})
		case KindResults:
			p, err = ExportResults(ctx, st, w.school.ID, w.period.ID, Options{AppVersion: "corpus"})
		case KindHost:
			p, err = ExportHost(ctx, st, w.company.ID, w.period.ID, Options{AppVersion: "corpus"})
		}
		must(t, err)
		var buf bytes.Buffer
		must(t, Write(&buf, p, pass))
		seeds[string(k)] = buf.Bytes()
	}
	school := seeds[string(KindSchool)]
	seeds["truncated"] = school[:len(school)*2/3]
	flipped := bytes.Clone(school)
	flipped[len(flipped)-10] ^= 0x80
	seeds["flipped"] = flipped
	seeds["newer"] = bytes.Replace(school, []byte(fmt.Sprintf(" v%d ", FormatVersion)), []byte(" v7 "), 1)
	seeds["not-exchange"] = []byte("Förnamn;Efternamn\nAda;Berg\n")
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	must(t, os.MkdirAll(dir, 0o755))
	for name, b := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b)))
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
}
