package formimport

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"techniqual/data"
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
			// An offer name can always be left out (SkipChoice); a pupil's
			// problem needs someone to pick.
			if len(p.Lines) == 0 || (len(p.Suggestions) == 0 && p.Kind != ProblemOffer) {
				t.Fatalf("problem without rows or suggestions: %+v", p)
			}
		}
		if pv.Set+pv.Replaced+pv.Unchanged != len(pv.Changes) {
			t.Fatalf("counts %d+%d+%d for %d changes", pv.Set, pv.Replaced, pv.Unchanged, len(pv.Changes))
		}
	})
}

// FuzzEvaluations feeds the evaluations reader and the preview arbitrary
// bytes (the answers' scales, yes/no and comments included): they must
// never panic, every error must say where and why, and what a change
// would store must be what data.SaveEvaluation accepts.
func FuzzEvaluations(f *testing.F) {
	for _, s := range []string{
		"Namn;Klass;Intresse före;Intresse efter;Rekommendera;Kommentar\nKim Larsson;8B;2 – Lite;5/5;Ja;Kul!\n",
		"Name,Interest before,Interest after,Would recommend\n\"Ek, Åsa\",\"3,5\",99,Maybe\n",
		"Namn\tKommentar\nNoa Öberg\t" + strings.Repeat("å", 5001) + "\n",
		"Namn;Intresse efter;Intresse efter\n;;\n",
	} {
		f.Add([]byte(s))
	}
	fx := newFixture(f)
	fx.place(f, "Kim Larsson 8B", "Elnät")
	fx.place(f, "Åsa Ek 8A", "Kundtjänst")
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := ReadEvaluations(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a reason")
			}
			return
		}
		pv, err := PreviewEvaluations(ctx, fx.st, file, Options{PeriodID: fx.p8.ID})
		if err != nil {
			t.Fatalf("preview of a read file: %v", err)
		}
		for _, e := range append(pv.Errors, pv.Notes...) {
			if e.Line < 1 || e.Swedish() == "" || e.Error() == "" {
				t.Fatalf("error without a place: %+v", e)
			}
		}
		if pv.Set+pv.Replaced+pv.Unchanged != len(pv.Changes) {
			t.Fatalf("counts %d+%d+%d for %d changes", pv.Set, pv.Replaced, pv.Unchanged, len(pv.Changes))
		}
		for _, c := range pv.Changes {
			e := c.Evaluation
			if e.InterestBefore < 0 || e.InterestBefore > 5 || e.InterestAfter < 0 || e.InterestAfter > 5 ||
				utf8.RuneCountInString(e.Comment) > data.MaxComment || strings.ContainsRune(e.Comment, 0) || e.PupilID == "" || e.PeriodID != fx.p8.ID {
				t.Fatalf("line %d: an evaluation the store refuses: %+v", c.Line, e)
			}
		}
	})
}
