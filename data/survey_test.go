package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestSurveyCodesAreRandomStableAndSplitIntoGroups(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	must := mustT(t)
	// A class of grade 9 at the same school that does prao later: comparison.
	later := Pupil{SchoolID: w.school.ID, FirstName: "Ebba", LastName: "Lind", ClassName: "9C", Grade: 9, Gender: GenderGirl}
	must(st.SavePupil(ctx, &later))
	// Another grade is neither in the period nor in a comparison class.
	eighth := Pupil{SchoolID: w.school.ID, FirstName: "Ida", LastName: "Berg", ClassName: "8A", Grade: 8}
	must(st.SavePupil(ctx, &eighth))
	must(st.AddComparisonClass(ctx, ComparisonClass{PeriodID: w.period.ID, SchoolID: w.school.ID, ClassName: "9C"}))

	n, err := st.EnsureSurveyCodes(ctx, w.period.ID)
	must(err)
	if n != 3 {
		t.Fatalf("added %d codes, want 3", n)
	}
	codes, err := st.ListSurveyCodes(ctx, w.period.ID)
	must(err)
	byPupil := map[string]SurveyCode{}
	for _, c := range codes {
		byPupil[c.PupilID] = c
		if _, ok := NormalizeSurveyCode(c.Code); !ok {
			t.Errorf("code %q is not well formed", c.Code)
		}
		// Nothing of the pupil: these names and "9B" hold letters the code
		// alphabet leaves out, so no code can hold them by chance. ("9C"
		// is not asked: two symbols of the alphabet side by side are in
		// about one random code in 80; CI once drew "PNVY9CJT".)
		for _, part := range []string{strings.ToUpper(c.FirstName), strings.ToUpper(c.LastName), "9B"} {
			if strings.Contains(c.Code, part) {
				t.Errorf("code %q holds %q of the pupil", c.Code, part)
			}
		}
	}
	if _, ok := byPupil[eighth.ID]; ok {
		t.Error("a grade 8 pupil got a code for a grade 9 period")
	}
	if !byPupil[later.ID].Comparison || byPupil[w.alva.ID].Comparison {
		t.Errorf("groups: later %v, alva %v", byPupil[later.ID].Comparison, byPupil[w.alva.ID].Comparison)
	}
	// Running again keeps every code: the same code before and after.
	n, err = st.EnsureSurveyCodes(ctx, w.period.ID)
	must(err)
	again, _ := st.ListSurveyCodes(ctx, w.period.ID)
	if n != 0 || len(again) != len(codes) {
		t.Fatalf("second run added %d, has %d codes", n, len(again))
	}
	for _, c := range again {
		if byPupil[c.PupilID].Code != c.Code {
			t.Errorf("%s's code changed from %s to %s", c.Name(), byPupil[c.PupilID].Code, c.Code)
		}
	}
	// Taking 9C out of the comparison group moves its pupil (same code) to the period.
	must(st.RemoveComparisonClass(ctx, ComparisonClass{PeriodID: w.period.ID, SchoolID: w.school.ID, ClassName: "9C"}))
	_, err = st.EnsureSurveyCodes(ctx, w.period.ID)
	must(err)
	again, _ = st.ListSurveyCodes(ctx, w.period.ID)
	for _, c := range again {
		if c.PupilID == later.ID && (c.Comparison || c.Code != byPupil[later.ID].Code) {
			t.Errorf("after removing the class: %+v", c)
		}
	}
}

func TestSurveyAnswersAreAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	must := mustT(t)
	_, err := st.EnsureSurveyCodes(ctx, w.period.ID)
	must(err)
	codes, _ := st.ListSurveyCodes(ctx, w.period.ID)
	good := SurveyEntry{Code: strings.ToLower(FormatSurveyCode(codes[0].Code)), Answer: SurveyAnswer{Items: [4]int{3, 4, 3, 2}, Work: 4, Programme: "Teknikprogrammet"}}
	tests := []struct {
		name    string
		entries []SurveyEntry
		want    string
	}{
		{"unknown code", []SurveyEntry{good, {Code: "ACDE-FGHJ", Answer: SurveyAnswer{Work: 2}}}, "entry 2"},
		{"out of range", []SurveyEntry{good, {Code: codes[1].Code, Answer: SurveyAnswer{Items: [4]int{6}}}}, "entry 2"},
		{"unknown programme", []SurveyEntry{good, {Code: codes[1].Code, Answer: SurveyAnswer{Programme: "Trolleri"}}}, "programme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.SaveSurveyAnswers(ctx, w.period.ID, WaveBefore, tt.entries)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one naming %q", err, tt.want)
			}
			got, _ := st.SurveyAnswers(ctx, w.period.ID, WaveBefore)
			if len(got) != 0 {
				t.Fatalf("a refused save wrote %d answers", len(got))
			}
		})
	}
	var unknown *UnknownCodeError
	_, err = st.SaveSurveyAnswers(ctx, w.period.ID, WaveBefore, []SurveyEntry{{Code: "ACDE-FGHJ"}})
	if !errors.As(err, &unknown) {
		t.Errorf("err = %v, want an UnknownCodeError", err)
	}
	n, err := st.SaveSurveyAnswers(ctx, w.period.ID, WaveBefore, []SurveyEntry{good})
	must(err)
	got, _ := st.SurveyAnswers(ctx, w.period.ID, WaveBefore)
	want := good.Answer
	want.Programme = "TE"
	if n != 1 || got[codes[0].Code] != want {
		t.Fatalf("saved %d: %+v, want %+v", n, got, want)
	}
	// An entry with nothing answered clears the wave's answers of the code.
	_, err = st.SaveSurveyAnswers(ctx, w.period.ID, WaveBefore, []SurveyEntry{{Code: codes[0].Code}})
	must(err)
	if got, _ := st.SurveyAnswers(ctx, w.period.ID, WaveBefore); len(got) != 0 {
		t.Errorf("cleared answers remain: %+v", got)
	}
}

func TestSurveyCodeNormalisation(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"acde-fghj", "ACDEFGHJ", true},
		{" ACDE FGHJ ", "ACDEFGHJ", true},
		{"ACDE-FGH", "ACDEFGH", false},
		{"ACDE-FGH0", "ACDEFGH0", false}, // 0 is never in a code
	}
	for _, tt := range tests {
		got, ok := NormalizeSurveyCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeSurveyCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		c, err := NewSurveyCode()
		if err != nil || seen[c] {
			t.Fatalf("code %d: %q, %v (repeated: %v)", i, c, err, seen[c])
		}
		seen[c] = true
	}
}

func TestSurveyExposuresOfAClassicPeriod(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	must := mustT(t)
	must(st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}))
	ex, err := st.SurveyExposures(ctx, w.period.ID)
	must(err)
	got := ex[w.alva.ID]
	if len(got.Hosts) != 1 || got.Hosts[0] != w.company.Name || len(got.RoleModels) != 2 {
		t.Errorf("exposure = %+v", got)
	}
}

func TestSurveyExposuresOfATeknikpraoWeek(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, sunneTeams(w, gs[0].ID), nil))
	ex, err := st.SurveyExposures(ctx, w.period.ID)
	mustT(t)(err)
	got := ex[w.pupils[0].ID]
	// Lag 1 meets hosts 0–3 of Ring Sunne and each host's supervisor as role model.
	if got.Group != "Ring Sunne" || len(got.Hosts) != 4 || len(got.RoleModels) != 4 {
		t.Errorf("exposure = %+v", got)
	}
	for _, h := range w.hosts[:4] {
		found := false
		for _, n := range got.Hosts {
			found = found || n == h.Name
		}
		if !found {
			t.Errorf("host %s missing from %v", h.Name, got.Hosts)
		}
	}
}
