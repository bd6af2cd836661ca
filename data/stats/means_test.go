package stats

import "testing"

// When one gender's answers are too few to show, the mean of all is hidden
// instead of the other gender's: girls' and boys' interest stays visible,
// and without the total neither gives the small group's mean away.
func TestSmallGroupHidesTheMeanOfAllNotAGender(t *testing.T) {
	for _, c := range []struct {
		name                  string
		girls, boys, other    int // answers, each 3 before and 4 after
		girlsShown, boysShown bool
		allShown              bool
	}{
		{"every group big enough", 30, 28, 6, true, true, true},
		{"other small", 30, 28, 2, true, true, false},
		{"nobody other", 30, 28, 0, true, true, true},
		{"girls small", 3, 28, 0, false, true, false},
		{"two small groups", 3, 28, 2, false, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var tl tally
			for k, n := range []int{c.girls, c.boys, c.other} {
				for range n {
					tl.before[k].add(3)
					tl.after[k].add(4)
					tl.before[NumGroups].add(3)
					tl.after[NumGroups].add(4)
				}
			}
			f := finish(&tl)
			for _, ms := range [][NumGroups + 1]Mean{f.InterestBefore, f.InterestAfter} {
				if ms[Girls].Shown() != c.girlsShown || ms[Boys].Shown() != c.boysShown || ms[NumGroups].Shown() != c.allShown {
					t.Errorf("girls %v, boys %v, all %v shown; want %v, %v, %v", ms[Girls].Shown(), ms[Boys].Shown(),
						ms[NumGroups].Shown(), c.girlsShown, c.boysShown, c.allShown)
				}
				if ms[Other].Shown() && c.other > 0 && c.other < MinGroup {
					t.Error("the small group's mean is shown")
				}
			}
		})
	}
}
