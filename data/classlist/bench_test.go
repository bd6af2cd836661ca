package classlist

import (
	"context"
	"fmt"
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
