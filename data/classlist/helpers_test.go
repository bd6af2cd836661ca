package classlist

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"techniqual/data"
)

// today is the fixed "now" of the tests.
var today = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// pnr makes a valid personnummer (12 digits, no separator) for a birth date
// "YYYYMMDD" and a three-digit serial, computing the Luhn check digit.
func pnr(t testing.TB, date, serial string) string {
	t.Helper()
	c := LuhnDigit(date[2:] + serial)
	if c < 0 {
		t.Fatalf("bad test number %s %s", date, serial)
	}
	return date + serial + strconv.Itoa(c)
}

// letterIDs makes row keys without digits, so that a search of the database
// file for the digits of a personnummer cannot hit a key by chance.
func letterIDs() func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		var b strings.Builder
		b.WriteString("id-")
		for x := n; x > 0; x /= 26 {
			b.WriteByte(byte('a' + x%26))
		}
		return b.String()
	}
}

// openStore opens a database in a temporary folder with a fixed clock.
func openStore(t testing.TB) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "import.db")
	st, err := data.Open(context.Background(), path, data.Options{
		Now: func() time.Time { return today }, NewID: letterIDs(), NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func win1252(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func latin1(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(s string) []byte {
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

func pupils(t testing.TB, st *data.Store) []data.Pupil {
	t.Helper()
	ps, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func byName(t testing.TB, ps []data.Pupil, first, last string) data.Pupil {
	t.Helper()
	for _, p := range ps {
		if p.FirstName == first && p.LastName == last {
			return p
		}
	}
	t.Fatalf("no pupil %s %s among %d", first, last, len(ps))
	return data.Pupil{}
}

// leakForms are the ways a personnummer could sit in a database file: as
// text in every usual form, as UTF-16 text, as a SQLite integer (big-endian
// two's complement, as the record format stores it) and, most telling, its
// last four digits on their own — the part that is not the birth date.
func leakForms(num12 string) map[string][]byte {
	short := num12[2:]
	last4 := num12[8:]
	forms := map[string][]byte{
		"12 digits":    []byte(num12),
		"10 digits":    []byte(short),
		"with dash":    []byte(short[:6] + "-" + last4),
		"with plus":    []byte(short[:6] + "+" + last4),
		"long dash":    []byte(num12[:8] + "-" + last4),
		"utf16 12":     utf16le(num12),
		"utf16 10":     utf16le(short),
		"last four":    []byte(last4),
		"utf16 last 4": utf16le(last4),
	}
	for name, s := range map[string]string{"int 12": num12, "int 10": short} {
		v, _ := strconv.ParseInt(s, 10, 64)
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(v))
		forms[name] = bytes.TrimLeft(b[:], "\x00") // SQLite stores the shortest big-endian form
	}
	return forms
}

// leaks lists where any form of the numbers appears in the database file
// and its -wal and -shm companions.
func leaks(t testing.TB, dbPath string, nums []string) []string {
	t.Helper()
	files, _ := filepath.Glob(dbPath + "*")
	var found []string
	for _, f := range files {
		if strings.HasSuffix(f, ".lock") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nums {
			for form, needle := range leakForms(n) {
				if len(needle) > 0 && bytes.Contains(b, needle) {
					found = append(found, fmt.Sprintf("%s: %s (%s)", filepath.Base(f), MaskPersonnummer(n), form))
				}
			}
		}
	}
	return found
}
