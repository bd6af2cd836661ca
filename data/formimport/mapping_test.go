package formimport

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// unknownChoices has headers DetectField does not know (a form where the
// counsellor wrote her own questions), apart from the timestamp.
const unknownChoices = "Tidsstämpel;Vem är du?;Avdelning;Bästa praoplatsen;Reserv\n" +
	"2026-10-05 09:00;Åsa Ek;8A;Karlstads Energi – Elnät;Pappersbruket\n" +
	"2026-10-05 09:01;Kim Larsson;8B;Stora Enso – Pappersbruket;\n"

func fileKey(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Key
	}
	return ""
}

func TestMappedChoicesPreviewAndImport(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	for _, h := range []string{"Vem är du?", "Avdelning", "Bästa praoplatsen", "Reserv"} {
		if f, _ := DetectField(h, KindChoices); f != FieldIgnore {
			t.Fatalf("DetectField knows %q as %q: the test needs unknown headers", h, f)
		}
	}
	f, err := ReadChoices([]byte(unknownChoices))
	if fileKey(err) != msgNoNameColumn.Key || f == nil {
		t.Fatalf("read: %v, file %v", err, f)
	}
	if f.HeaderRow != 1 || len(f.Records) != 2 || f.Columns[0].Field != FieldTimestamp || f.Columns[3].Header != "Bästa praoplatsen" {
		t.Fatalf("file %+v", f)
	}
	opts := Options{PeriodID: fx.p8.ID}
	if _, err := PreviewChoices(ctx, fx.st, f, opts); fileKey(err) != msgNoNameColumn.Key {
		t.Fatalf("preview without a name column: %v", err)
	}
	if _, err := ImportChoices(ctx, fx.st, f, opts, true); fileKey(err) != msgNoNameColumn.Key {
		t.Fatalf("import without a name column: %v", err)
	}
	steps := []struct {
		col   int
		field Field
		rank  int
		check string // the key Check gives after the step, "" for none
	}{
		{1, FieldName, 0, msgNoChoiceColumn.Key},
		{2, FieldClass, 0, msgNoChoiceColumn.Key},
		{3, FieldChoice, 1, ""},
		{4, FieldChoice, 2, ""},
	}
	for _, s := range steps {
		if err := f.SetField(s.col, s.field, s.rank); err != nil {
			t.Fatalf("SetField(%d, %s, %d): %v", s.col, s.field, s.rank, err)
		}
		if got := fileKey(f.Check()); got != s.check {
			t.Fatalf("after column %d: Check %q, want %q", s.col, got, s.check)
		}
	}
	pv, err := PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Set != 2 || pv.BadRows != 0 {
		t.Fatalf("preview set %d, bad %d:\n%s", pv.Set, pv.BadRows, joinErrs(pv.Errors))
	}
	if fx.countPrefs(t) != 0 {
		t.Fatal("the preview wrote choices")
	}
	res, err := ImportChoices(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 2 {
		t.Fatalf("import %+v, %v", res, err)
	}
	for key, want := range map[string][]string{"Åsa Ek 8A": {"Elnät", "Pappersbruket"}, "Kim Larsson 8B": {"Pappersbruket"}, "Kim Larsson 8A": nil} {
		if got := fx.prefs(t, key, fx.p8); !slices.Equal(got, want) {
			t.Errorf("%s chose %v, want %v", key, got, want)
		}
	}
}

func TestMappedEvaluationsPreviewAndImport(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	text := "Vem är du?;Avdelning;Hur kul var det innan?;Hur kul var det?;Tips till oss\n" +
		"Kim Larsson;8B;2;5;Roligt att löda\n"
	for _, h := range strings.Split(strings.SplitN(text, "\n", 2)[0], ";") {
		if f, _ := DetectField(h, KindEvaluations); f != FieldIgnore {
			t.Fatalf("DetectField knows %q as %q", h, f)
		}
	}
	f, err := ReadEvaluations([]byte(text))
	if fileKey(err) != msgNoNameColumn.Key || f == nil {
		t.Fatalf("read: %v", err)
	}
	opts := Options{PeriodID: fx.p8.ID}
	for _, s := range []struct {
		col   int
		field Field
	}{{0, FieldName}, {1, FieldClass}, {2, FieldInterestBefore}, {3, FieldInterestAfter}, {4, FieldComment}} {
		// The preview refuses what Check refuses, with the same message.
		if _, err := PreviewEvaluations(ctx, fx.st, f, opts); fileKey(err) != fileKey(f.Check()) || (s.col <= 2) != (err != nil) {
			t.Fatalf("preview before column %d is mapped: %v, Check %v", s.col, err, f.Check())
		}
		if err := f.SetField(s.col, s.field, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Check(); err != nil {
		t.Fatal(err)
	}
	res, err := ImportEvaluations(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 1 {
		t.Fatalf("import %+v, %v", res, err)
	}
	es, _ := fx.st.ListEvaluations(ctx, fx.p8.ID)
	if len(es) != 1 || es[0].PupilID != fx.pupils["Kim Larsson 8B"].ID || es[0].InterestBefore != 2 || es[0].InterestAfter != 5 ||
		es[0].Comment != "Roligt att löda" || es[0].WouldRecommend != nil {
		t.Fatalf("evaluations %+v", es)
	}
}

func TestSetFieldRefuses(t *testing.T) {
	tests := []struct {
		name  string
		col   int
		field Field
		rank  int
		want  string // the message key; "" when allowed
	}{
		{"duplicate rank", 4, FieldChoice, 1, msgColumnTaken.Key},
		{"duplicate class", 4, FieldClass, 0, msgColumnTaken.Key},
		{"the same column again", 3, FieldChoice, 1, ""},
		{"rank 0", 4, FieldChoice, 0, msgBadRank.Key},
		{"rank 6", 4, FieldChoice, 6, msgBadRank.Key},
		{"an evaluation field", 4, FieldComment, 0, msgFieldKind.Key},
		{"an unknown field", 4, Field("pnr"), 0, msgFieldKind.Key},
		{"no such column", 5, FieldClass, 0, msgNoSuchColumn.Key},
		{"negative column", -1, FieldClass, 0, msgNoSuchColumn.Key},
		{"a second name", 4, FieldName, 0, ""},
		{"a second timestamp", 4, FieldTimestamp, 0, ""},
		{"rank ignored for a class", 4, FieldSchool, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := ReadChoices([]byte(unknownChoices))
			for _, s := range []struct {
				col   int
				field Field
				rank  int
			}{{1, FieldName, 0}, {2, FieldClass, 0}, {3, FieldChoice, 1}} {
				if err := f.SetField(s.col, s.field, s.rank); err != nil {
					t.Fatal(err)
				}
			}
			before := slices.Clone(f.Columns)
			err := f.SetField(tt.col, tt.field, tt.rank)
			if got := fileKey(err); got != tt.want {
				t.Fatalf("SetField(%d, %q, %d) = %v, want %q", tt.col, tt.field, tt.rank, err, tt.want)
			}
			if err != nil {
				var fe *FileError
				if !errors.As(err, &fe) || fe.Swedish() == "" || strings.Contains(fe.Swedish(), "{{") || fe.Error() == "" {
					t.Errorf("message %v", err)
				}
				if !slices.Equal(f.Columns, before) {
					t.Errorf("a refused SetField changed the columns: %+v", f.Columns)
				}
				return
			}
			if c := f.Columns[tt.col]; c.Field != tt.field || (tt.field != FieldChoice && c.Rank != 0) {
				t.Errorf("column %+v", c)
			}
		})
	}
	f, _ := ReadChoices([]byte(unknownChoices))
	f.SetField(3, FieldChoice, 1)
	err := f.SetField(4, FieldChoice, 1)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Swedish() != "Kolumnen ”Bästa praoplatsen” har redan det innehållet. Ändra den kolumnen först." {
		t.Errorf("duplicate rank: %v", err)
	}
}

func TestFieldsOfKind(t *testing.T) {
	ch, ev := Fields(KindChoices), Fields(KindEvaluations)
	if ch[0] != FieldIgnore || !slices.Contains(ch, FieldChoice) || slices.Contains(ch, FieldComment) {
		t.Errorf("choices %v", ch)
	}
	if ev[0] != FieldIgnore || slices.Contains(ev, FieldChoice) || !slices.Contains(ev, FieldRecommend) {
		t.Errorf("evaluations %v", ev)
	}
	ch[0] = FieldComment
	if Fields(KindChoices)[0] != FieldIgnore {
		t.Error("Fields shares its slice")
	}
}

func TestSamplesMaskPersonnummer(t *testing.T) {
	f, _ := ReadChoices([]byte("Vem är du?;Nummer;Bästa praoplatsen\nÅsa Ek;20120304-1234;Elnät\n;;\nKim Larsson;201203041234;Pappersbruket\nNoa Öberg;x;Elnät\n"))
	tests := []struct {
		col, n int
		want   []string
	}{
		{0, 2, []string{"Åsa Ek", "Kim Larsson"}},
		{1, 3, []string{"20120304-****", "20120304****", "x"}},
		{2, 1, []string{"Elnät"}},
		{3, 2, nil},
		{-1, 2, nil},
	}
	for _, tt := range tests {
		if got := f.Samples(tt.col, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("Samples(%d, %d) = %q, want %q", tt.col, tt.n, got, tt.want)
		}
	}
}
