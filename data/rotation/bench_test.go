package rotation

import (
	"fmt"
	"math/rand"
	"testing"
)

// regionInstance is a whole region's week: 150 groups of four hosts with
// a block each morning Monday–Thursday 08:30–12:00, and 3,000 pupils in 30
// areas of five groups (one school each, four classes) who rank three
// groups of their area (one in ten ranks none; first wishes spread evenly,
// so every group gets twenty pupils: 600 teams of five), with friend pairs
// within their class.
func regionInstance(seed int64) Instance {
	r := rand.New(rand.NewSource(seed))
	in := Instance{Options: Defaults()}
	in.Options.KeepClass = true
	const areas, groupsPerArea, pupilsPerArea = 30, 5, 100
	for a := range areas {
		for k := range groupsPerArea {
			addGroup(&in, fmt.Sprintf("Ring %d-%d", a+1, k+1), fmt.Sprintf("Kommun %d", a+1), 4, []int{0, 1, 2, 3})
		}
		first := len(in.Pupils)
		for i := range pupilsPerArea {
			p := Pupil{Key: fmt.Sprintf("p%d", len(in.Pupils)), Gender: Girl, School: fmt.Sprintf("Skola %d", a+1), Class: fmt.Sprintf("9%c", 'A'+i%4), LockedTeam: NoTeam}
			switch x := r.Intn(100); {
			case x >= 94:
				p.Gender = []Gender{Other, Unspecified}[x%2]
			case x >= 47:
				p.Gender = Boy
			}
			if r.Intn(10) > 0 {
				// First wishes spread over the area's groups, the
				// other two at random.
				first := i % groupsPerArea
				p.Groups = append(p.Groups, a*groupsPerArea+first)
				for _, g := range r.Perm(groupsPerArea) {
					if g != first && len(p.Groups) < 3 {
						p.Groups = append(p.Groups, a*groupsPerArea+g)
					}
				}
			}
			in.Pupils = append(in.Pupils, p)
		}
		for range pupilsPerArea / 2 {
			x, y := first+r.Intn(pupilsPerArea), first+r.Intn(pupilsPerArea)
			if x != y && in.Pupils[x].Class == in.Pupils[y].Class {
				in.Friends = append(in.Friends, [2]int{x, y})
			}
		}
	}
	return in
}

func TestRegion(t *testing.T) {
	in := regionInstance(1)
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if len(res.Unteamed) != 0 || len(res.Shortages) != 0 || len(res.Teams) != 600 {
		t.Errorf("teams %d, unteamed %d, shortages %v", len(res.Teams), len(res.Unteamed), res.Shortages)
	}
	firsts, apart := 0, 0
	teamOf := make([]int, len(in.Pupils))
	for k, tm := range res.Teams {
		for _, i := range tm.Pupils {
			teamOf[i] = k
			if ws := in.Pupils[i].Groups; len(ws) > 0 && ws[0] == tm.Group {
				firsts++
			}
		}
	}
	for _, f := range in.Friends {
		if teamOf[f[0]] != teamOf[f[1]] {
			apart++
		}
	}
	t.Logf("%d pupils in %d teams, %d break the composition rule, %d at their first wish, %d of %d friend pairs apart",
		len(in.Pupils), len(res.Teams), breaks(&in, res), firsts, apart, len(in.Friends))
}

// BenchmarkPlanRegion plans a whole region's week: 3,000 pupils, 150
// groups of four hosts. Budget: under 1 s and 200 MB.
func BenchmarkPlanRegion(b *testing.B) {
	in := regionInstance(1)
	b.ReportAllocs()
	for b.Loop() {
		res, err := Plan(in)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Teams) == 0 {
			b.Fatal("no teams")
		}
	}
}

// BenchmarkPlanRegionStrict is the region with teams of exactly five: most
// group counts are impossible, so the branch and bound works hardest.
func BenchmarkPlanRegionStrict(b *testing.B) {
	in := regionInstance(1)
	in.Options.TeamMin, in.Options.TeamMax = 5, 5
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(in); err != nil {
			b.Fatal(err)
		}
	}
}
