package match

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// softCounts recounts friend pairs apart and lone pupils of a placement.
func softCounts(in *Instance, assign []int) (apart, lone int) {
	seen := map[[2]int]bool{}
	for _, f := range in.Friends {
		a, b := min(f[0], f[1]), max(f[0], f[1])
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		if assign[a] != NoOffer && assign[b] != NoOffer && assign[a] != assign[b] {
			apart++
		}
	}
	girls, boys := make([]int, len(in.Offers)), make([]int, len(in.Offers))
	for i, o := range assign {
		if o == NoOffer {
			continue
		}
		switch in.Pupils[i].Gender {
		case Girl:
			girls[o]++
		case Boy:
			boys[o]++
		}
	}
	for o := range in.Offers {
		if girls[o] == 1 && boys[o] >= 1 {
			lone++
		}
		if boys[o] == 1 && girls[o] >= 1 {
			lone++
		}
	}
	return apart, lone
}

func TestSoftGoalsExamples(t *testing.T) {
	t.Run("friends together", func(t *testing.T) {
		in := &Instance{
			Offers:  []Offer{{Key: "A", Capacity: 2, Approved: true}, {Key: "B", Capacity: 2, Approved: true}},
			Pupils:  []Pupil{{Key: "x", Choices: []int{0, 1}, Locked: NoOffer}, {Key: "y", Choices: []int{1, 0}, Locked: NoOffer}},
			Friends: [][2]int{{0, 1}},
			Options: Options{FriendsTogether: true},
		}
		res := allocChecked(t, in)
		if res.Assign[0] != res.Assign[1] || res.RankCost != 1 {
			t.Fatalf("assign %v cost %d, want friends together at cost 1", res.Assign, res.RankCost)
		}
		s := res.Soft
		if s.FriendsApartBefore != 1 || s.FriendsApartAfter != 0 || s.FriendsCost != 1 || s.LoneCost != -1 || s.RankCostBefore != 0 || s.RankCostAfter != 1 {
			t.Fatalf("report %+v", *s)
		}
	})
	t.Run("friends not worth it", func(t *testing.T) {
		in := &Instance{
			Offers:  []Offer{{Key: "A", Capacity: 2, Approved: true}, {Key: "B", Capacity: 2, Approved: true}},
			Pupils:  []Pupil{{Key: "x", Choices: []int{0}, Locked: NoOffer}, {Key: "y", Choices: []int{1, 0}, Locked: NoOffer}},
			Friends: [][2]int{{0, 1}},
			Options: Options{FriendsTogether: true, FriendsWeight: 1, RankCosts: []int64{0, 3}},
		}
		if res := allocChecked(t, in); res.Assign[0] == res.Assign[1] {
			t.Fatalf("assign %v: moving y costs 3 > weight 1", res.Assign)
		}
	})
	t.Run("no lone girl", func(t *testing.T) {
		in := &Instance{
			Offers: []Offer{{Key: "A", Capacity: 3, Approved: true}, {Key: "B", Capacity: 3, Approved: true}},
			Pupils: []Pupil{
				{Key: "g1", Gender: Girl, Choices: []int{0, 1}, Locked: NoOffer},
				{Key: "b1", Gender: Boy, Choices: []int{0, 1}, Locked: NoOffer},
				{Key: "b2", Gender: Boy, Choices: []int{0, 1}, Locked: NoOffer},
				{Key: "g2", Gender: Girl, Choices: []int{1, 0}, Locked: NoOffer},
				{Key: "b3", Gender: Boy, Choices: []int{1, 0}, Locked: NoOffer},
			},
			Options: Options{NoLoneGender: true},
		}
		res := allocChecked(t, in)
		s := res.Soft
		if s.LoneBefore != 3 || s.LoneAfter >= s.LoneBefore {
			t.Fatalf("lone %d → %d, want fewer than 3", s.LoneBefore, s.LoneAfter)
		}
		if _, lone := softCounts(in, res.Assign); lone != s.LoneAfter {
			t.Fatalf("report says %d lone, recount %d", s.LoneAfter, lone)
		}
	})
}

func TestSoftGoalsNeverLowerPlacement(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for iter := 0; iter < 300; iter++ {
		in := randomInstance(r, 5+r.IntN(40), 2+r.IntN(10))
		in.Options.RankMaximal = iter%4 == 3
		plain := allocChecked(t, in)
		in.Options.FriendsTogether = iter%3 != 1
		in.Options.NoLoneGender = iter%3 != 0
		in.Options.FriendsWeight = int64(r.IntN(8))
		in.Options.NoLoneWeight = int64(r.IntN(8))
		res := allocChecked(t, in)
		s := res.Soft
		if res.Placed != plain.Placed {
			t.Fatalf("iter %d: soft goals changed placed from %d to %d", iter, plain.Placed, res.Placed)
		}
		if in.Options.RankMaximal && !slices.Equal(res.RankCounts, plain.RankCounts) {
			t.Fatalf("iter %d: soft goals changed the rank-maximal profile %v → %v", iter, plain.RankCounts, res.RankCounts)
		}
		apart0, lone0 := softCounts(in, plain.Assign)
		apart1, lone1 := softCounts(in, res.Assign)
		if s.RankCostBefore != plain.RankCost || s.RankCostAfter != res.RankCost ||
			s.FriendsApartBefore != apart0 || s.FriendsApartAfter != apart1 || s.LoneBefore != lone0 || s.LoneAfter != lone1 {
			t.Fatalf("iter %d: report %+v, recount cost %d→%d apart %d→%d lone %d→%d", iter, *s, plain.RankCost, res.RankCost, apart0, apart1, lone0, lone1)
		}
		wF, wL := in.Options.FriendsWeight, in.Options.NoLoneWeight
		if wF == 0 {
			wF = defaultSoftWeight
		}
		if wL == 0 {
			wL = defaultSoftWeight
		}
		if !in.Options.FriendsTogether {
			wF = 0
		}
		if !in.Options.NoLoneGender {
			wL = 0
		}
		before := plain.RankCost + wF*int64(apart0) + wL*int64(lone0)
		after := res.RankCost + wF*int64(apart1) + wL*int64(lone1)
		if after > before {
			t.Fatalf("iter %d: soft objective rose from %d to %d", iter, before, after)
		}
		if in.Options.FriendsTogether != in.Options.NoLoneGender { // one goal only
			if (in.Options.FriendsTogether && apart1 > apart0) || (in.Options.NoLoneGender && lone1 > lone0) {
				t.Fatalf("iter %d: goal got worse: apart %d→%d lone %d→%d", iter, apart0, apart1, lone0, lone1)
			}
		}
	}
}
