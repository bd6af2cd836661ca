package match

import (
	"context"
	"testing"
)

func TestExplanationString(t *testing.T) {
	tests := []struct {
		name string
		e    Explanation
		want string
	}{
		{"no choices", Explanation{}, "Du har inte gjort några val."},
		{"hall set", Explanation{Choices: 5, Offers: make([]int, 12), PupilsInSet: 42, Seats: 35},
			"Du och 41 andra valde bara dessa 12 praoplatser, som har 35 platser."},
		{"one other, one offer, one seat", Explanation{Choices: 1, Offers: []int{3}, PupilsInSet: 2, Seats: 1},
			"Du och 1 annan valde bara denna praoplats, som har 1 plats."},
		{"alone, no seats", Explanation{Choices: 2, Offers: []int{1, 2}, PupilsInSet: 1, Seats: 0},
			"Du valde bara dessa 2 praoplatser, som har 0 platser."},
		{"hall set and rules", Explanation{Choices: 5, Removed: map[Reason]int{TooYoung: 2}, Offers: make([]int, 3), PupilsInSet: 9, Seats: 8},
			"Du och 8 andra valde bara dessa 3 praoplatser, som har 8 platser. För ung för 2 av dina 5 val."},
		{"nothing eligible", Explanation{Choices: 3, Removed: map[Reason]int{TooYoung: 1, NotApproved: 1, WrongGrade: 1}},
			"Inget av dina 3 val var möjligt: fel årskurs för 1, ej godkänd praoplats för 1 och för ung för 1."},
		{"some removed", Explanation{Choices: 5, Removed: map[Reason]int{TooYoung: 2, WrongPeriod: 1}, Offers: []int{1}, PupilsInSet: 3, Seats: 2},
			"Du och 2 andra valde bara denna praoplats, som har 2 platser. Fel praoperiod för 1 och för ung för 2 av dina 5 val."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.String(); got != tc.want {
				t.Fatalf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestExplanationsFromAllocation(t *testing.T) {
	// Three pupils want offer A (1 seat) or B (1 seat); the third also
	// chose C, which is unapproved. One is left: a Hall set {A, B} of 2
	// seats for 3 pupils. The fourth pupil's only choice is too young.
	born := day.AddDate(-13, 0, 0)
	in := &Instance{
		Offers: []Offer{
			{Key: "A", Capacity: 1, Approved: true},
			{Key: "B", Capacity: 1, Approved: true},
			{Key: "C", Capacity: 5},
			{Key: "D", Capacity: 5, Approved: true, MinAge: 14, FirstDay: day},
		},
		Pupils: []Pupil{
			{Key: "x", Choices: []int{0, 1}, Locked: NoOffer},
			{Key: "y", Choices: []int{1, 0}, Locked: NoOffer},
			{Key: "z", Choices: []int{2, 0, 1}, Locked: NoOffer},
			{Key: "w", Choices: []int{3}, BirthDate: born, Locked: NoOffer},
		},
	}
	res := allocChecked(t, in)
	if res.Unplaced != 2 {
		t.Fatalf("unplaced %d, want 2", res.Unplaced)
	}
	w := res.Explanations[3]
	if w.Removed[TooYoung] != 1 || len(w.Offers) != 0 {
		t.Fatalf("w: %+v", w)
	}
	if got, want := w.String(), "Ditt enda val var inte möjligt: för ung."; got != want {
		t.Fatalf("w: got %q, want %q", got, want)
	}
	for i, e := range res.Explanations {
		if i == 3 {
			continue
		}
		if len(e.Offers) != 2 || e.Seats != 2 || e.PupilsInSet != 3 {
			t.Fatalf("pupil %d: %+v", i, e)
		}
	}
}

// TestExplanationLimits checks that the cheaper explanations used on huge
// instances are still Hall sets: full, closed under the residual reach,
// holding the pupil's choices, with more pupils than seats.
func TestExplanationLimits(t *testing.T) {
	defer func(o, w int) { maxExplainOffers, maxExplainWork = o, w }(maxExplainOffers, maxExplainWork)
	maxExplainOffers, maxExplainWork = 50, 1
	in := generateInstance(4, 2000)
	res, err := Allocate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	md, _ := newModel(in)
	unlocked := make([]int, len(in.Offers))
	for i, o := range res.Assign {
		if o != NoOffer && in.Pupils[i].Locked == NoOffer {
			unlocked[o]++
		}
	}
	unions := 0
	for i, e := range res.Explanations {
		if len(md.elig[i]) == 0 {
			continue
		}
		set := map[int]bool{}
		seats := 0
		for _, o := range e.Offers {
			set[o] = true
			seats += in.Offers[o].Capacity
			if unlocked[o] != md.free[o] {
				t.Fatalf("pupil %d: offer %d not full", i, o)
			}
		}
		if len(e.Offers) > 100 {
			unions++
		}
		for _, o := range md.elig[i] {
			if !set[int(o)] {
				t.Fatalf("pupil %d: own choice %d missing", i, o)
			}
		}
		for j, o := range res.Assign {
			if o != NoOffer && set[o] && in.Pupils[j].Locked == NoOffer {
				for _, c := range md.elig[j] {
					if !set[int(c)] {
						t.Fatalf("pupil %d: set not closed: pupil %d at %d also chose %d", i, j, o, c)
					}
				}
			}
		}
		if e.Seats != seats || e.PupilsInSet <= seats {
			t.Fatalf("pupil %d: %d pupils, %d seats (recount %d)", i, e.PupilsInSet, e.Seats, seats)
		}
	}
	if unions == 0 {
		t.Fatal("the limit never switched to the union set")
	}
}
