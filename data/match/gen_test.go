package match

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// generateInstance builds a deterministic benchmark instance: one period and
// region, offers with capacities 1–7 (mean 4) until total capacity ≈ 1.2 ×
// pupils, a few unapproved or age-limited offers, and five distinct choices
// per pupil drawn with Zipf-like popularity so some offers are hugely
// over-chosen.
func generateInstance(seed uint64, pupils int) *Instance {
	r := rand.New(rand.NewPCG(seed, 0x7ec4))
	period := "Åk 8 v. 46 2026"
	first := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	in := &Instance{}
	total := 0
	for total < pupils*6/5 {
		c := 1 + r.IntN(7)
		o := Offer{Key: "o", Period: period, Capacity: c, Approved: r.IntN(50) != 0, FirstDay: first}
		if r.IntN(20) == 0 {
			o.MinAge = 14
		}
		if r.IntN(10) == 0 {
			o.Grade = 8
		}
		in.Offers = append(in.Offers, o)
		total += c
	}
	no := len(in.Offers)
	// Popularity ∝ 1/(rank+1)^0.9, in a random order of offers.
	cum := make([]float64, no)
	acc := 0.0
	for k := range cum {
		acc += 1 / math.Pow(float64(k+1), 0.9)
		cum[k] = acc
	}
	perm := r.Perm(no)
	in.Pupils = make([]Pupil, pupils)
	for i := range in.Pupils {
		p := Pupil{Key: "p", Period: period, Grade: 8, Locked: NoOffer,
			Gender:    Gender(r.IntN(3)),
			BirthDate: time.Date(2012, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)}
		for len(p.Choices) < 5 {
			k, _ := slices.BinarySearch(cum, r.Float64()*acc)
			o := perm[min(k, no-1)]
			if !slices.Contains(p.Choices, o) {
				p.Choices = append(p.Choices, o)
			}
		}
		in.Pupils[i] = p
	}
	return in
}
