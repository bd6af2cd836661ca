package rotation

import (
	"slices"
	"strings"
	"testing"
)

// TestMixWeightAgainstWishes: a girl who wished group A first would be the
// only girl there. With the default weight (5) she is swapped with a boy
// for her second wish (two rank steps in all); with weight 1 she stays and
// her team says why.
func TestMixWeightAgainstWishes(t *testing.T) {
	build := func(weight int) Instance {
		in := Instance{Options: Defaults()}
		in.Options.MixWeight = weight
		in.Options.FriendsTogether = false
		addGroup(&in, "A", "Karlstad", 2, []int{0, 1})
		addGroup(&in, "B", "Karlstad", 2, []int{0, 1})
		addPupils(&in, 1, "Skola", "9A", []int{0, 1}, Girl) // 0
		addPupils(&in, 5, "Skola", "9A", []int{0}, Boy)     // 1–5
		addPupils(&in, 2, "Skola", "9A", []int{1}, Girl)    // 6–7
		addPupils(&in, 3, "Skola", "9A", []int{1, 0}, Boy)  // 8–10
		return in
	}
	groupOf := func(res Result, i int) int {
		for _, tm := range res.Teams {
			if slices.Contains(tm.Pupils, i) {
				return tm.Group
			}
		}
		return -1
	}
	in := build(5)
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if groupOf(res, 0) != 1 || breaks(&in, res) != 0 {
		t.Errorf("weight 5: the girl is in group %d, %d teams break the rule: %+v", groupOf(res, 0), breaks(&in, res), res.Teams)
	}
	in = build(1)
	res, err = Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if groupOf(res, 0) != 0 {
		t.Errorf("weight 1: the girl moved to group %d", groupOf(res, 0))
	}
	for _, tm := range res.Teams {
		if slices.Contains(tm.Pupils, 0) && tm.Why != "1 flicka i teamet: gruppen har bara 1 flicka." {
			t.Errorf("weight 1: why %q", tm.Why)
		}
	}
}

func TestClassesAndSchools(t *testing.T) {
	tests := []struct {
		name string
		opt  func(o *Options)
		ok   func(schools, classes map[string]int) bool
	}{
		{"keep class", func(o *Options) { o.KeepClass = true }, func(s, c map[string]int) bool { return len(c) == 1 }},
		{"mix schools", func(o *Options) { o.MixSchools = true }, func(s, c map[string]int) bool { return len(s) == 2 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Instance{Options: Defaults()}
			tc.opt(&in.Options)
			addGroup(&in, "Ring", "Karlstad", 4, []int{0, 1, 2, 3})
			// Listed so that the first split mixes classes and keeps
			// schools apart: the swaps must fix it.
			for k := range 20 {
				school, class := "Norra", "9A"
				if k%2 == 1 {
					class = "9B"
				}
				if k >= 10 {
					school = "Södra"
				}
				addPupils(&in, 1, school, class, nil, []Gender{Girl, Boy}[k/2%2])
			}
			res, err := Plan(in)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, in, res)
			for _, tm := range res.Teams {
				schools, classes := map[string]int{}, map[string]int{}
				for _, i := range tm.Pupils {
					schools[in.Pupils[i].School]++
					classes[in.Pupils[i].School+in.Pupils[i].Class]++
				}
				if !tc.ok(schools, classes) {
					t.Errorf("team %s: schools %v, classes %v", tm.Name, schools, classes)
				}
			}
			if n := breaks(&in, res); n != 0 {
				t.Errorf("%d teams break the composition rule", n)
			}
		})
	}
}

// TestTravelTime: two hosts with blocks on the same morning, 08:30–10:00
// and 10:15–12:00. With 15 minutes' travel a team takes both; with 30 it
// cannot, and the shortage says the blocks clash.
func TestTravelTime(t *testing.T) {
	for _, tc := range []struct {
		travel, teams int
	}{{0, 1}, {15, 1}, {30, 0}} {
		in := Instance{Options: Options{TeamMin: 4, TeamMax: 6, TravelMinutes: tc.travel}}
		in.Hosts = []Host{{Name: "Tidig AB", Group: 0}, {Name: "Sen AB", Group: 0}}
		in.Groups = []Group{{Name: "Ring", Hosts: []int{0, 1}}}
		in.Blocks = []Block{
			{Host: 0, Date: "2026-03-02", Start: 8*60 + 30, End: 10 * 60, TeamsMax: 1},
			{Host: 1, Date: "2026-03-02", Start: 10*60 + 15, End: 12 * 60, TeamsMax: 1},
		}
		addPupils(&in, 5, "Skola", "9A", nil, Girl, Boy)
		res, err := Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, in, res)
		complete := 0
		for _, tm := range res.Teams {
			if len(tm.Route) == 2 {
				complete++
			}
		}
		if complete != tc.teams {
			t.Errorf("travel %d: %d complete routes, want %d: %+v", tc.travel, complete, tc.teams, res.Teams)
		}
		if tc.teams == 0 {
			text := ""
			for _, s := range res.Shortages {
				text += s.Text + "\n"
			}
			if !strings.Contains(text, "blocken krockar") {
				t.Errorf("travel %d: shortages %q", tc.travel, text)
			}
		}
	}
}
