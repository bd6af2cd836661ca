package formimport

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// choicesFile is a Google Forms export in Swedish, with every kind of row
// the import must handle.
const choicesFile = "Tidsstämpel;Namn;Klass;Val 1;Val 2;Val 3\r\n" +
	"2026-10-05 09:00:00;Åsa Ek;8A;Stora Enso – Pappersbruket;Elnät;\r\n" + // line 2: clean, host – title and title
	"2026-10-05 09:01:00;Kim Larsson;8B;karlstads energi kundtjänst;  PAPPERSBRUKET ;\r\n" + // 3: the 8B Kim, case and spaces
	"2026-10-05 09:02:00;Ek, Åsa;8 a;Valmet;;\r\n" + // 4: Åsa again, later: wins (Valmet has one offer)
	"2026-10-05 09:03:00;Emile Sjostrom;8C;Volvo Cars;Elnät;\r\n" + // 5: no accents; unknown offer
	"2026-10-05 09:04:00;Noa Öberg;8A;Elnät;;\r\n" + // 6: two Noa Öberg in 8A
	"2026-10-05 09:05:00;Björn Ångström;9A;Elnät;;\r\n" + // 7: grade 9
	"2026-10-05 09:06:00;Lisa Nyström;8A;Elnät;;\r\n" + // 8: school not in the period
	"2026-10-05 09:07:00;Lova Åström Lind;8C;Automation;Elnät;Elnät\r\n" + // 9: other period; twice the same
	"2026-10-05 09:08:00;Kim Larson;8A;Elnät;;\r\n" + // 10: misspelt name
	"2026-10-05 09:09:00;Volvo;8A;;;\r\n" // 11: nothing chosen, unknown name: left out

func readChoices(t *testing.T, s string) *File {
	t.Helper()
	f, err := ReadChoices([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func errorAt(p *Preview, line int) []RowError {
	var out []RowError
	for _, e := range p.Errors {
		if e.Line == line {
			out = append(out, e)
		}
	}
	return out
}

func TestPreviewChoicesFindsEveryProblem(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	f := readChoices(t, choicesFile)
	pv, err := PreviewChoices(ctx, fx.st, f, Options{PeriodID: fx.p8.ID})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Set != 2 || pv.Replaced != 0 || pv.BadRows != 6 {
		t.Fatalf("set %d, replaced %d, bad %d; errors:\n%s", pv.Set, pv.Replaced, pv.BadRows, joinErrs(pv.Errors))
	}
	tests := []struct {
		line     int
		column   string
		sv       string
		problem  bool
		suggests []string
	}{
		{5, "Val 1", "rad 5, kolumn Val 1: okänd praoplats ”Volvo Cars” — menade du ”Volvo Car Corporation – Lagerlogistik”?", true,
			[]string{"Volvo Car Corporation – Lagerlogistik", "Volvo Car Corporation – Målning"}},
		{6, "Namn", "2 elever passar ”Noa Öberg”", true,
			[]string{"Noa Öberg, 8A, Solbackens skola, född 2012-02-03", "Noa Öberg, 8A, Solbackens skola, född 2012-09-30"}},
		{7, "Namn", "Björn Ångström går i årskurs 9, men praoperioden är för årskurs 8", false, nil},
		{8, "Namn", "Lisa Nyström går på Älvkullens skola, som inte är med i praoperioden", false, nil},
		// An offer name is a problem even with nothing to suggest: it can be left out.
		{9, "Val 1", "praoplatsen ”Automation” hör till en annan praoperiod (Åk 9 v. 11 2027)", true, nil},
		{9, "Val 3", "samma praoplats som i Val 2", false, nil},
		{10, "Namn", "okänd elev ”Kim Larson” — menade du ”Kim Larsson, 8A, Solbackens skola”?", true,
			[]string{"Kim Larsson, 8A, Solbackens skola"}},
	}
	for _, tt := range tests {
		errs := errorAt(pv, tt.line)
		i := slices.IndexFunc(errs, func(e RowError) bool { return e.Column == tt.column && strings.Contains(e.Swedish(), tt.sv) })
		if i < 0 {
			t.Errorf("line %d: no error %q in column %s; got:\n%s", tt.line, tt.sv, tt.column, joinErrs(errs))
			continue
		}
		e := errs[i]
		if e.Error() == "" || strings.Contains(e.Error(), "menade") {
			t.Errorf("line %d: English %q", tt.line, e.Error())
		}
		if (e.Problem != "") != tt.problem {
			t.Errorf("line %d: problem %q", tt.line, e.Problem)
		}
		if tt.problem {
			p := problem(pv, e.Problem)
			if p == nil {
				t.Fatalf("line %d: problem %q not listed", tt.line, e.Problem)
			}
			var texts []string
			for _, s := range p.Suggestions {
				texts = append(texts, s.Text)
			}
			if !slices.Equal(texts[:min(len(texts), len(tt.suggests))], tt.suggests) {
				t.Errorf("line %d: suggestions %q, want %q", tt.line, texts, tt.suggests)
			}
		}
	}
	// Åsa's two answers: the later one counts, and the preview says so.
	var asa *Change
	for i := range pv.Changes {
		if pv.Changes[i].Pupil.ID == fx.pupils["Åsa Ek 8A"].ID {
			asa = &pv.Changes[i]
		}
	}
	if asa == nil || asa.Line != 4 || !slices.Equal(asa.OfferNames, []string{"Valmet AB – Service och underhåll"}) {
		t.Errorf("Åsa's change %+v", asa)
	}
	notes := joinErrs(pv.Notes)
	if !strings.Contains(notes, "rad 2: Åsa Ek har svarat flera gånger; det senaste svaret (rad 4) gäller") {
		t.Errorf("notes lack the superseded answer:\n%s", notes)
	}
	if len(errorAt(pv, 11)) != 0 {
		t.Errorf("a row with no choices has errors: %v", errorAt(pv, 11))
	}
	if fx.countPrefs(t) != 0 {
		t.Fatal("the preview wrote choices")
	}
}

func problem(p *Preview, key string) *Problem {
	for i := range p.Problems {
		if p.Problems[i].Key == key {
			return &p.Problems[i]
		}
	}
	return nil
}

func joinErrs(errs []RowError) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Swedish() + "\n")
	}
	return b.String()
}

func TestImportChoicesIsAllOrNothing(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	f := readChoices(t, choicesFile)
	_, err := ImportChoices(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, false)
	var re *RowErrors
	if !errors.As(err, &re) || re.Lines() != 6 {
		t.Fatalf("error %v", err)
	}
	if n := fx.countPrefs(t); n != 0 {
		t.Fatalf("%d choices written by a refused import", n)
	}
	// Skipping the bad rows imports the good ones only.
	res, err := ImportChoices(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, true)
	if err != nil || res.Set != 2 || res.Skipped != 6 || len(res.Errors) == 0 {
		t.Fatalf("result %+v, %v", res, err)
	}
	if got := fx.prefs(t, "Åsa Ek 8A", fx.p8); !slices.Equal(got, []string{"Service och underhåll"}) {
		t.Errorf("Åsa chose %q", got)
	}
	if got := fx.prefs(t, "Kim Larsson 8B", fx.p8); !slices.Equal(got, []string{"Kundtjänst", "Pappersbruket"}) {
		t.Errorf("Kim in 8B chose %q", got)
	}
	if got := fx.prefs(t, "Kim Larsson 8A", fx.p8); len(got) != 0 {
		t.Errorf("Kim in 8A got %q", got)
	}
}

func TestResolutionsFixTheImport(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	text := "Namn;Klass;Förstahandsval;Andrahandsval\n" +
		"Émile Sjöström;8C;Volvo Cars;Pappersbruket\n" +
		"Lova Åström-Lind;8C;Volvo Cars;\n" +
		"Noa Öberg;8A;Elnät;Kundtjänst\n" +
		"Kim Larson;8A;Elnät;\n"
	f := readChoices(t, text)
	opts := Options{PeriodID: fx.p8.ID}
	pv, err := PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Problems) != 3 {
		t.Fatalf("%d problems, want 3 (one for both Volvo Cars): %+v", len(pv.Problems), pv.Problems)
	}
	volvo := pv.Problems[0]
	if volvo.Kind != ProblemOffer || volvo.Value != "Volvo Cars" || !slices.Equal(volvo.Lines, []int{2, 3}) || volvo.Column != "Förstahandsval" {
		t.Fatalf("first problem %+v", volvo)
	}
	// Pick: the Volvo offer, the second Noa, the Kim of 8A.
	noa2 := fx.pupils["Noa Öberg 8A#2"].ID
	opts.Resolutions = map[string]string{volvo.Key: fx.offers["Målning"].ID, pv.Problems[1].Key: noa2,
		pv.Problems[2].Key: pv.Problems[2].Suggestions[0].ID}
	pv, err = PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.BadRows != 0 || pv.Set != 4 {
		t.Fatalf("after resolving: set %d, bad %d:\n%s", pv.Set, pv.BadRows, joinErrs(pv.Errors))
	}
	if len(pv.Problems) != 3 || pv.Problems[0].Chosen != fx.offers["Målning"].ID {
		t.Errorf("resolved problems are not listed with their choice: %+v", pv.Problems)
	}
	if !strings.Contains(joinErrs(pv.Notes), "”Volvo Cars” tolkas som ”Volvo Car Corporation – Målning”") {
		t.Errorf("notes:\n%s", joinErrs(pv.Notes))
	}
	res, err := ImportChoices(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 4 {
		t.Fatalf("import %+v, %v", res, err)
	}
	for key, want := range map[string][]string{
		"Émile Sjöström 8C": {"Målning", "Pappersbruket"}, "Lova Åström-Lind 8C": {"Målning"},
		"Noa Öberg 8A#2": {"Elnät", "Kundtjänst"}, "Noa Öberg 8A#1": nil, "Kim Larsson 8A": {"Elnät"},
	} {
		if got := fx.prefs(t, key, fx.p8); !slices.Equal(got, want) {
			t.Errorf("%s chose %q, want %q", key, got, want)
		}
	}
	// The resolution holds for that import only: without it the file has errors again.
	if pv, _ := PreviewChoices(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}); pv.BadRows != 4 {
		t.Errorf("without resolutions %d bad rows", pv.BadRows)
	}
	// A resolution to an offer of another period does not count.
	opts.Resolutions[volvo.Key] = fx.offers["Automation"].ID
	if pv, _ := PreviewChoices(ctx, fx.st, f, opts); pv.BadRows != 2 {
		t.Errorf("a resolution outside the period was taken: %d bad rows", pv.BadRows)
	}
}

func TestImportChoicesReplacesAndCounts(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	opts := Options{PeriodID: fx.p8.ID}
	first := readChoices(t, "Förnamn;Efternamn;Klass;1:a hand;2:a hand\nÅsa;Ek;8A;Elnät;Pappersbruket\nKim;Larsson;8B;Elnät;\n")
	if res, err := ImportChoices(ctx, fx.st, first, opts, false); err != nil || res.Set != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	second := readChoices(t, "Förnamn;Efternamn;Klass;1:a hand;2:a hand\nÅsa;Ek;8A;Elnät;Pappersbruket\nKim;Larsson;8B;Kundtjänst;Elnät\n")
	res, err := ImportChoices(ctx, fx.st, second, opts, false)
	if err != nil || res.Set != 0 || res.Replaced != 1 || res.Unchanged != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := fx.prefs(t, "Kim Larsson 8B", fx.p8); !slices.Equal(got, []string{"Kundtjänst", "Elnät"}) {
		t.Errorf("Kim chose %q", got)
	}
}

func TestChoicesRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		sv   string // an error of line 2, "" for none
		want []string
	}{
		{"six choices", "Namn;Klass;Val 1;Val 2;Val 3;Val 4;Val 5;Val 6\nÅsa Ek;8A;Elnät;Kundtjänst;Pappersbruket;Målning;Lagerlogistik;Valmet\n",
			"rad 2, kolumn Val 6: fler än 5 val", nil},
		{"ranking list", "Namn;Klass;Rangordna praoplatserna\nEk, Åsa;8A;\"Elnät;Pappersbruket;\"\n", "", []string{"Elnät", "Pappersbruket"}},
		{"list of six", "Namn\tKlass\tDina val\nÅsa Ek\t8A\tElnät;Kundtjänst;Pappersbruket;Målning;Lagerlogistik;Valmet\n",
			"fler än 5 val", nil},
		{"gap is closed", "Namn;Klass;Val 1;Val 2;Val 3\nÅsa Ek;8A;;Elnät;Inget val\n", "", []string{"Elnät"}},
		{"host with two offers", "Namn;Klass;Val 1\nÅsa Ek;8A;Volvo Car Corporation\n",
			"”Volvo Car Corporation” passar 2 praoplatser (Volvo Car Corporation – Lagerlogistik; Volvo Car Corporation – Målning)", nil},
		{"title then host", "Namn;Klass;Val 1\nÅsa Ek;8A;Pappersbruket (Stora Enso)\n", "", []string{"Pappersbruket"}},
		{"no class given", "Namn;Val 1\nÅsa Ek;Elnät\n", "", []string{"Elnät"}},
		{"same name, no class", "Namn;Val 1\nKim Larsson;Elnät\n", "2 elever passar ”Kim Larsson”", nil},
		{"wrong class", "Namn;Klass;Val 1\nÅsa Ek;8B;Elnät\n", "ingen elev ”Åsa Ek” i klass 8B — menade du ”Åsa Ek, 8A, Solbackens skola”?", nil},
		{"school narrows", "Namn;Skola;Val 1\nKim Larsson;Solbacken;Elnät\n", "2 elever passar", nil},
		{"name missing", "Namn;Klass;Val 1\n;8A;Elnät\n", "rad 2, kolumn Namn: namn saknas", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			ctx := context.Background()
			f := readChoices(t, tt.text)
			res, err := ImportChoices(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, false)
			if tt.sv != "" {
				var re *RowErrors
				if !errors.As(err, &re) || !strings.Contains(joinErrs(re.Errors), tt.sv) {
					t.Fatalf("error %v, want %q", err, tt.sv)
				}
				if fx.countPrefs(t) != 0 {
					t.Fatal("choices written despite errors")
				}
				return
			}
			if err != nil || res.Set != 1 {
				t.Fatalf("%+v %v", res, err)
			}
			if got := fx.prefs(t, "Åsa Ek 8A", fx.p8); !slices.Equal(got, tt.want) {
				t.Errorf("Åsa chose %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLatestAnswerWinsByTimestamp(t *testing.T) {
	fx := newFixture(t)
	// The later answer is on the earlier line (a sorted export).
	f := readChoices(t, "Timestamp,Name,Class,Choice 1\n10/6/2026 08:00:00,Åsa Ek,8A,Kundtjänst\n10/5/2026 08:00:00,Åsa Ek,8A,Elnät\n")
	pv, err := PreviewChoices(context.Background(), fx.st, f, Options{PeriodID: fx.p8.ID})
	if err != nil || len(pv.Changes) != 1 || pv.Changes[0].Line != 2 || pv.Changes[0].OfferNames[0] != "Karlstads Energi – Kundtjänst" {
		t.Fatalf("%+v %v", pv, err)
	}
	if len(pv.Notes) != 1 || pv.Notes[0].Line != 3 || !strings.Contains(pv.Notes[0].Error(), "line 2") {
		t.Errorf("notes %v", pv.Notes)
	}
}

func TestPreviewNeedsAPeriodAndTheRightKind(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	f := readChoices(t, "Namn;Val 1\nÅsa Ek;Elnät\n")
	for _, opts := range []Options{{}, {PeriodID: "no-such-id"}} {
		if _, err := PreviewChoices(ctx, fx.st, f, opts); !errors.Is(err, ErrNotFormExport) || !strings.Contains(err.Error(), "period") {
			t.Errorf("period %q: %v", opts.PeriodID, err)
		}
	}
	if _, err := PreviewEvaluations(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}); err == nil {
		t.Error("a choices file previewed as evaluations")
	}
}

func TestImportChoicesFromAnXLSXExport(t *testing.T) {
	fx := newFixture(t)
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"ID", "Starttid", "Sluttid", "E-post", "Namn", "Förnamn", "Efternamn", "Klass", "Förstahandsval", "Andrahandsval"})
	// Microsoft Forms' own "Namn" is the account; the questions give the name.
	x.SetSheetRow("Sheet1", "A2", &[]any{1, 46300.40, 46300.41, "", "Anonym", "Émile", "Sjöström", "8C", "Karlstads Energi – Elnät", "Målning"})
	x.SetSheetRow("Sheet1", "A3", &[]any{2, 46299.40, 46299.41, "", "Anonym", "Emile", "Sjostrom", "8c", "Pappersbruket", ""})
	b, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	f, err := ReadChoices(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	res, err := ImportChoices(context.Background(), fx.st, f, Options{PeriodID: fx.p8.ID}, false)
	if err != nil || res.Set != 1 || len(res.Notes) != 1 || res.Notes[0].Line != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := fx.prefs(t, "Émile Sjöström 8C", fx.p8); !slices.Equal(got, []string{"Elnät", "Målning"}) {
		t.Errorf("Émile chose %q", got)
	}
}

// TestSkipChoiceLeavesTheOthers: an offer name that is not in the period,
// like or unlike one that is, can be left out; the pupil's other choices
// move up, and a pupil left with none is left as is.
func TestSkipChoiceLeavesTheOthers(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	text := "Namn;Klass;Val 1;Val 2;Val 3\n" +
		"Émile Sjöström;8C;Spotify;Elnät;Pappersbruket\n" +
		"Lova Åström-Lind;8C;Spotify;;\n" +
		"Åsa Ek;8A;Elnät;Volvo Cars;Kundtjänst\n"
	// Lova answered before too: her later row, all left out, is still her
	// answer, and the earlier one is not taken instead (review).
	text = strings.Replace(text, "Namn;Klass;Val 1;Val 2;Val 3\n", "Namn;Klass;Val 1;Val 2;Val 3\nLova Åström-Lind;8C;Elnät;;\n", 1)
	f := readChoices(t, text)
	opts := Options{PeriodID: fx.p8.ID}
	pv, err := PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Problems) != 2 || pv.BadRows != 3 {
		t.Fatalf("%d problems, %d bad rows; want 2 and 3:\n%s", len(pv.Problems), pv.BadRows, joinErrs(pv.Errors))
	}
	keys := map[string]string{}
	for _, p := range pv.Problems {
		if p.Kind != ProblemOffer {
			t.Errorf("problem %q is of kind %s", p.Value, p.Kind)
		}
		keys[p.Value] = p.Key
	}
	if keys["Spotify"] == "" || keys["Volvo Cars"] == "" {
		t.Fatalf("problems %+v: an unknown offer with nothing like it must be one too", pv.Problems)
	}
	// Lova's later row names only Spotify, so its errors
	// point to the problem even with no suggestion.
	for _, e := range errorAt(pv, 4) {
		if e.Problem != keys["Spotify"] || e.Suggestion != "" {
			t.Errorf("line 4: %+v", e)
		}
	}

	opts.Resolutions = map[string]string{keys["Spotify"]: SkipChoice, keys["Volvo Cars"]: SkipChoice}
	pv, err = PreviewChoices(ctx, fx.st, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.BadRows != 0 || pv.Set != 2 {
		t.Fatalf("after leaving out: set %d, bad %d:\n%s", pv.Set, pv.BadRows, joinErrs(pv.Errors))
	}
	for _, p := range pv.Problems {
		if p.Chosen != SkipChoice {
			t.Errorf("problem %q chosen %q; want it listed as left out", p.Value, p.Chosen)
		}
	}
	notes := joinErrs(pv.Notes)
	for _, want := range []string{
		"rad 2: Lova Åström-Lind har svarat flera gånger; det senaste svaret (rad 4) gäller",
		"rad 3, kolumn Val 1: valet ”Spotify” lämnas bort; övriga val flyttas upp ett steg",
		"rad 4: Lova Åström-Lind har inga val kvar; raden hoppas över",
		"rad 5, kolumn Val 2: valet ”Volvo Cars” lämnas bort",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}

	// Lova had chosen before: leaving out her only choice keeps that.
	if err := fx.st.SetPreferences(ctx, fx.pupils["Lova Åström-Lind 8C"].ID, fx.p8.ID, []string{fx.offers["Kundtjänst"].ID}); err != nil {
		t.Fatal(err)
	}
	res, err := ImportChoices(ctx, fx.st, f, opts, false)
	if err != nil || res.Set != 2 || res.Skipped != 0 {
		t.Fatalf("import %+v, %v", res, err)
	}
	for _, tt := range []struct {
		key  string
		want []string
	}{
		{"Émile Sjöström 8C", []string{"Elnät", "Pappersbruket"}},
		{"Åsa Ek 8A", []string{"Elnät", "Kundtjänst"}},
		{"Lova Åström-Lind 8C", []string{"Kundtjänst"}},
	} {
		if got := fx.prefs(t, tt.key, fx.p8); !slices.Equal(got, tt.want) {
			t.Errorf("%s chose %q, want %q", tt.key, got, tt.want)
		}
	}
}
