package classlist

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// bigList is a class list of n pupils in the Swedish form (';',
// Windows-1252, personnummer).
func bigList(b testing.TB, n int) []byte {
	var sb strings.Builder
	sb.WriteString("Klasslista hela kommunen\r\n\r\nElev-ID;Efternamn;Förnamn;Klass;Personnummer;Kön;Sekretessmarkering;Vårdnadshavare;E-post;Telefon\r\n")
	for i := 0; i < n; i++ {
		grade := 8 + i%2
		date := fmt.Sprintf("%d%02d%02d", 2013-grade+8-1, 1+i%12, 1+i%28)
		num := pnr(b, date, fmt.Sprintf("%03d", i%1000))
		fmt.Fprintf(&sb, "E%05d;Ström%d;Åsa%d;%d%c;%s-%s;%s;%s;Vårdnadshavare %d;vh%d@example.se;070-%07d\r\n",
			i, i, i, grade, 'A'+rune(i%6), num[:8], num[8:], []string{"F", "P", ""}[i%3], []string{"", "", "", "Ja"}[i%4], i, i, i)
	}
	return win1252(b, sb.String())
}

// BenchmarkImport10000 reads, previews and writes a list of 10,000 pupils
// into an empty database (budget: 1 s).
func BenchmarkImport10000(b *testing.B) {
	ctx := context.Background()
	list := bigList(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, _ := openStore(b)
		b.StartTimer()
		tb, err := Read(list, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		opts := Options{School: "Kommunskolan", Today: today}
		pv, err := BuildPreview(ctx, st, tb, opts)
		if err != nil || pv.Added != 10000 {
			b.Fatalf("preview %+v %v", pv != nil, err)
		}
		res, err := Import(ctx, st, tb, opts, false)
		if err != nil || res.Added != 10000 {
			b.Fatalf("import %+v %v", res, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// TestBigListReimport: the whole list again changes nothing.
func TestBigListReimport(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	ctx := context.Background()
	st, _ := openStore(t)
	tb, err := Read(bigList(t, 2000), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{School: "Kommunskolan", Today: today}
	if r, err := Import(ctx, st, tb, opts, false); err != nil || r.Added != 2000 {
		t.Fatalf("%+v %v", r, err)
	}
	if r, err := Import(ctx, st, tb, opts, false); err != nil || r.Unchanged != 2000 {
		t.Fatalf("%+v %v", r, err)
	}
}

// TestParseInHalves: a long list read in two halves at once gives the same
// rows, errors and notes as one pass, and the first unreadable protection
// mark in the list refuses it, whichever half it is in.
func TestParseInHalves(t *testing.T) {
	base := strings.Split(windows1252.decode(bigList(t, 3000)), "\r\n")
	// base[3] is the first pupil (line 4); lines are index+1.
	edit := func(lines map[int]string) *Table {
		t.Helper()
		ls := append([]string(nil), base...)
		for l, v := range lines {
			ls[l-1] = v
		}
		tb, err := Read([]byte(strings.Join(ls, "\r\n")), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	opts := Options{School: "Kommunskolan", Today: today, GenderFromPersonnummer: true}
	parse := func(tb *Table, threshold int) ([]Row, error) {
		defer func(old int) { parallelRows = old }(parallelRows)
		parallelRows = threshold
		rows, _, err := parseRows(tb, opts)
		return rows, err
	}
	// Errors and notes in both halves: duplicates across the halves, a
	// name without its last name, a personnummer in a name, a bad grade.
	tb := edit(map[int]string{
		2000: base[9],
		2900: base[2600],
		100:  "E99999;;Bo;8A;;;;;;",
		2500: "E99998;Berg;Bo " + pnr(t, "20120304", "471") + ";8A;;;;;;",
		2700: "E99997;Berg;Bo;7A;;;;;;",
	})
	one, err := parse(tb, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	two, err := parse(tb, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != len(two) {
		t.Fatalf("%d rows in one pass, %d in halves", len(one), len(two))
	}
	errs := 0
	for i := range one {
		if !reflect.DeepEqual(one[i], two[i]) {
			t.Fatalf("row %d differs:\none pass %+v\nhalves   %+v", i, one[i], two[i])
		}
		errs += len(one[i].Errors) + len(one[i].Notes)
	}
	if errs < 5 {
		t.Errorf("only %d errors and notes: the test list lost its faults", errs)
	}
	for _, c := range []struct {
		bad  []int
		want string
	}{{[]int{2800, 2500}, "2500"}, {[]int{100, 2500}, "100"}, {[]int{2999}, "2999"}} {
		lines := map[int]string{}
		for _, l := range c.bad {
			cells := strings.Split(base[l-1], ";")
			cells[6] = "Kanske" // Sekretessmarkering
			lines[l] = strings.Join(cells, ";")
		}
		_, err := parse(edit(lines), 2)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Message.Key != msgProtectedFile.Key || fe.Data["Line"] != c.want {
			t.Errorf("bad marks on lines %v: %v, want the one on line %s", c.bad, err, c.want)
		}
	}
}
