package stats

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/text"
)

// simulate draws n pupils whose interest items start at 2–4 and each move
// −1, 0 or +1 with the given probabilities: the true mean change of the
// scale is up − down, whatever the items start at (no item leaves 1–5).
func simulate(r *rand.Rand, n int, down, up float64, g data.Gender, comparison bool) []SurveyPupil {
	out := make([]SurveyPupil, n)
	for i := range out {
		var b, a data.SurveyAnswer
		for k := range b.Items {
			b.Items[k] = 2 + r.IntN(3)
			a.Items[k] = b.Items[k]
			switch x := r.Float64(); {
			case x < down:
				a.Items[k]--
			case x < down+up:
				a.Items[k]++
			}
		}
		out[i] = SurveyPupil{Gender: g, Grade: 8, Comparison: comparison, Before: &b, After: &a}
	}
	return out
}

// The interval covers the true change in about 95 % of samples: 400
// samples of 40 pupils with a known effect of +0.15.
func TestIntervalCoversTheTrueChange(t *testing.T) {
	const seeds, n, truth = 400, 40, 0.15
	covered := 0
	for s := 0; s < seeds; s++ {
		r := rand.New(rand.NewPCG(uint64(s), 99))
		e := ComputeEffect(simulate(r, n, 0.15, 0.30, data.GenderGirl, false), fmt.Sprint("sample ", s))
		c := e.Interest[NumGroups]
		if c.Hidden || c.N != n {
			t.Fatalf("sample %d: %+v", s, c)
		}
		if c.CILow <= truth && truth <= c.CIHigh {
			covered++
		}
	}
	rate := float64(covered) / seeds
	t.Logf("coverage %.3f over %d samples", rate, seeds)
	if rate < 0.92 || rate > 0.98 {
		t.Errorf("coverage %.3f, want about 0.95 (0.92–0.98)", rate)
	}
}

func TestEffectIsReproducibleAndPairsByCode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pupils := append(simulate(r, 12, 0.1, 0.3, data.GenderGirl, false), simulate(r, 11, 0.1, 0.3, data.GenderBoy, false)...)
	// Three answered only before, two only after: counted, not paired.
	for i := 0; i < 3; i++ {
		pupils[i].After = nil
	}
	pupils[20].Before = nil
	pupils[21].Before = nil
	a, b := ComputeEffect(pupils, "Åk 8 v. 46"), ComputeEffect(pupils, "Åk 8 v. 46")
	if a != b {
		t.Fatal("the same answers gave two results")
	}
	if a.Interest[Girls].N != 9 || a.Interest[Boys].N != 9 || a.Interest[NumGroups].N != 18 {
		t.Errorf("paired n = %d, %d, %d", a.Interest[Girls].N, a.Interest[Boys].N, a.Interest[NumGroups].N)
	}
	if a.Unpaired.BeforeOnly.N != 3 || a.Unpaired.AfterOnly.N != 2 || a.Unpaired.AfterOnly.String() != Hidden {
		t.Errorf("unpaired = %+v", a.Unpaired)
	}
	if a.HasComparison {
		t.Error("a comparison without comparison classes")
	}
}

func TestSmallGroupsAreHidden(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tests := []struct {
		name                string
		girls, boys, other  int
		hideGirls, hideBoys bool
		hideOther, hideAll  bool
	}{
		{"all big", 8, 9, 0, false, false, false, false},
		{"four boys", 8, 4, 0, false, true, false, true},
		{"three others", 8, 9, 3, false, false, true, true},
		{"too few of all", 2, 2, 0, true, true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []SurveyPupil
			ps = append(ps, simulate(r, tt.girls, 0, 0.3, data.GenderGirl, false)...)
			ps = append(ps, simulate(r, tt.boys, 0, 0.3, data.GenderBoy, false)...)
			ps = append(ps, simulate(r, tt.other, 0, 0.3, data.GenderUnspecified, false)...)
			e := ComputeEffect(ps, tt.name)
			got := [4]bool{e.Interest[Girls].Hidden, e.Interest[Boys].Hidden, e.Interest[Other].Hidden, e.Interest[NumGroups].Hidden}
			want := [4]bool{tt.hideGirls, tt.hideBoys, tt.hideOther, tt.hideAll}
			if got != want {
				t.Errorf("hidden (girls, boys, other, all) = %v, want %v", got, want)
			}
			for k, c := range e.Interest {
				if c.Hidden && (c.Change != 0 || c.Before != 0 || c.CILow != 0) {
					t.Errorf("group %d is hidden but carries figures: %+v", k, c)
				}
			}
		})
	}
}

func TestDifferenceInDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ps := simulate(r, 60, 0.05, 0.45, data.GenderGirl, false)
	ps = append(ps, simulate(r, 60, 0.10, 0.10, data.GenderGirl, true)...)
	e := ComputeEffect(ps, "did")
	if !e.HasComparison || e.Interest[NumGroups].N != 60 || e.ComparisonInterest[NumGroups].N != 60 {
		t.Fatalf("effect = %+v", e)
	}
	d := e.Versus[NumGroups]
	if d.Hidden || d.Value < 0.2 || d.CILow > d.Value || d.CIHigh < d.Value || !d.Measurable() {
		t.Errorf("did = %+v, want about +0.4 and measurable", d)
	}
	if !strings.Contains(d.Words(text.Swedish), "mer än i jämförelseklasserna") {
		t.Errorf("words: %s", d.Words(text.Swedish))
	}
}

func TestWordsDoNotOverclaim(t *testing.T) {
	tests := []struct {
		c    Change
		want string
	}{
		{Change{N: 30, Change: 0.1, CILow: -0.05, CIHigh: 0.25}, "Ingen mätbar förändring"},
		{Change{N: 30, Change: 0.3, CILow: 0.1, CIHigh: 0.5}, "högre efter än före, med +0,30 steg (95 % KI 0,10 till 0,50)"},
		{Change{N: 30, Change: -0.3, CILow: -0.5, CIHigh: -0.1}, "lägre efter än före"},
		{Change{N: 3, Hidden: true}, "För få svar"},
		{Change{N: 30, Hidden: true}, "Visas inte: en liten grupp"},
	}
	for _, tt := range tests {
		if got := tt.c.Words(text.Swedish); !strings.Contains(got, tt.want) {
			t.Errorf("Words(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestWhatWorkedNeedsFivePupilsAndIsNotRanked(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ps := simulate(r, 14, 0.1, 0.3, data.GenderGirl, false)
	for i := range ps {
		switch {
		case i < 4:
			ps[i].Met = data.SurveyExposure{Hosts: []string{"Örnbo Verkstad"}, RoleModels: []string{"Few Met"}}
		case i < 9:
			ps[i].Met = data.SurveyExposure{Hosts: []string{"Alfa Teknik"}, Group: "Ring 1", RoleModels: []string{"Ada Ek"}}
		default:
			ps[i].Met = data.SurveyExposure{Hosts: []string{"Bäckens El"}, Group: "Ring 1"}
		}
	}
	got := WhatWorked(ps, "w")
	var names []string
	for _, w := range got {
		names = append(names, w.Kind+":"+w.Name)
		if w.Change.N < MinGroup {
			t.Errorf("%s shown with %d pupils", w.Name, w.Change.N)
		}
	}
	want := "group:Ring 1,host:Alfa Teknik,host:Bäckens El,role_model:Ada Ek"
	if strings.Join(names, ",") != want {
		t.Errorf("what worked = %v, want %s", names, want)
	}
}
