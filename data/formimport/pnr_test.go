package formimport

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"techniqual/data/classlist"
)

// TestNoPersonnummerFromAForm (issue #15, case 7): a personnummer written
// into an answer is hidden with a note, all but the birth date; the answer
// is kept and nothing of the number reaches the database.
func TestNoPersonnummerFromAForm(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	num := "20120304471"
	num += strconv.Itoa(classlist.LuhnDigit(num[2:]))
	text := "Vad heter du?;Klass;Hur intresserad av teknik var du före praon?;Vill du säga något mer?\n" +
		"Kim Larsson;8B;3;Mitt personnummer är " + num[:8] + "-" + num[8:] + ", ring mig\n"
	f, err := ReadEvaluations([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ImportEvaluations(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, false)
	if err != nil || res.Set != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if notes := joinErrs(res.Notes); !strings.Contains(notes, "rad 2, kolumn Vill du säga något mer?: ett personnummer i svaret doldes") {
		t.Errorf("notes:\n%s", notes)
	}
	es, _ := fx.st.ListEvaluations(ctx, fx.p8.ID)
	if len(es) != 1 || es[0].Comment != "Mitt personnummer är "+num[:8]+"-****, ring mig" {
		t.Errorf("evaluations %+v", es)
	}
}

// TestFormNamesLoseDirectionCharacters (issue #15, case 15): a name typed
// into a form with a direction override or a zero-width character still
// finds its pupil.
func TestFormNamesLoseDirectionCharacters(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.place(t, "Kim Larsson 8B", "Elnät")
	f, err := ReadEvaluations([]byte("Vad heter du?;Klass;Hur intresserad av teknik var du före praon?\n\u202EKim Lar\u200Bsson;8B;3\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ImportEvaluations(ctx, fx.st, f, Options{PeriodID: fx.p8.ID}, false)
	if err != nil || res.Set != 1 {
		t.Fatalf("%+v %v", res, err)
	}
}
