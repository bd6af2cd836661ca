package formimport

import (
	"context"
	"testing"
)

// FuzzChoices feeds the choices reader and the preview arbitrary bytes:
// they must never panic, and every error must say where and why.
func FuzzChoices(f *testing.F) {
	f.Add([]byte(choicesFile))
	f.Add([]byte("Namn,Klass,Val 1\n\"Ek, Åsa\",8A,\"Stora Enso – Pappersbruket\"\n"))
	f.Add([]byte("Namn\tRangordna\nÅsa Ek\t\"Elnät;;Volvo\"\n"))
	f.Add([]byte("Namn;Val 1;Val 1;Val 9\n;;;\n"))
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("PK\x03\x04"))
	fx := newFixture(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := ReadChoices(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a reason")
			}
			return
		}
		pv, err := PreviewChoices(ctx, fx.st, file, Options{PeriodID: fx.p8.ID})
		if err != nil {
			t.Fatalf("preview of a read file: %v", err)
		}
		for _, e := range append(pv.Errors, pv.Notes...) {
			if e.Line < 1 || e.Swedish() == "" || e.Error() == "" {
				t.Fatalf("error without a place: %+v", e)
			}
		}
		for _, p := range pv.Problems {
			if len(p.Lines) == 0 || len(p.Suggestions) == 0 {
				t.Fatalf("problem without rows or suggestions: %+v", p)
			}
		}
		if pv.Set+pv.Replaced+pv.Unchanged != len(pv.Changes) {
			t.Fatalf("counts %d+%d+%d for %d changes", pv.Set, pv.Replaced, pv.Unchanged, len(pv.Changes))
		}
	})
}
