package match

import (
	"context"
	"slices"
)

// SoftReport says what the soft goals achieved and what they cost.
//
// "Before" is the plain optimum (most pupils placed, best choices); "after"
// is the final placement. The number of pupils placed is never changed by
// the soft goals.
type SoftReport struct {
	RankCostBefore, RankCostAfter int64
	RankCountsBefore              []int
	// FriendsApart counts friend pairs placed at different offers.
	FriendsApartBefore, FriendsApartAfter int
	// Lone counts lone pupils: a girl who is the only girl at an offer
	// that also has boys, or a boy who is the only boy among girls.
	LoneBefore, LoneAfter int
	// FriendsCost and LoneCost are the rise in rank cost when that goal
	// alone is pursued from the plain optimum (−1 if the goal is off).
	// With both goals on, the final rise is RankCostAfter − RankCostBefore.
	FriendsCost, LoneCost int64
	// Moves is the number of moves the improvement made.
	Moves int
}

// improveSoft runs the local search of the soft goals on res.Assign.
//
// The goals are not linear in the flow, so they are pursued by a local
// search that starts from the optimal flow and only makes moves that keep
// every placed pupil placed: moving a pupil to another eligible choice with
// a free seat, swapping two pupils who chose each other's offers, and moving
// a pair of friends together to an offer both chose. A move is made when it
// lowers rank cost + FriendsWeight·(pairs apart) + NoLoneWeight·(lone
// pupils). With RankMaximal only moves that keep the number of 1st, 2nd, …
// choices unchanged are allowed. It is a heuristic: it stops in a local
// optimum, not necessarily the best placement for the soft goals.
func (md *model) improveSoft(ctx context.Context, res *Result) error {
	opt := md.in.Options
	wF, wL := opt.FriendsWeight, opt.NoLoneWeight
	if wF == 0 {
		wF = defaultSoftWeight
	}
	if wL == 0 {
		wL = defaultSoftWeight
	}
	plain := slices.Clone(res.Assign)
	rep := &SoftReport{FriendsCost: -1, LoneCost: -1}
	base := newSoftState(md, plain, 0, 0)
	rep.RankCostBefore = base.rankCost()
	rep.RankCountsBefore = base.rankCounts()
	rep.FriendsApartBefore, rep.LoneBefore = base.apartPairs(), base.lonePupils()

	if opt.FriendsTogether {
		st := newSoftState(md, slices.Clone(plain), wF, 0)
		if err := st.run(ctx); err != nil {
			return err
		}
		rep.FriendsCost = st.rankCost() - rep.RankCostBefore
		if !opt.NoLoneGender {
			copy(res.Assign, st.assign)
			rep.Moves = st.moves
		}
	}
	if opt.NoLoneGender {
		st := newSoftState(md, slices.Clone(plain), 0, wL)
		if err := st.run(ctx); err != nil {
			return err
		}
		rep.LoneCost = st.rankCost() - rep.RankCostBefore
		if !opt.FriendsTogether {
			copy(res.Assign, st.assign)
			rep.Moves = st.moves
		}
	}
	if opt.FriendsTogether && opt.NoLoneGender {
		st := newSoftState(md, slices.Clone(plain), wF, wL)
		if err := st.run(ctx); err != nil {
			return err
		}
		copy(res.Assign, st.assign)
		rep.Moves = st.moves
	}
	final := newSoftState(md, res.Assign, 0, 0)
	rep.RankCostAfter = final.rankCost()
	rep.FriendsApartAfter, rep.LoneAfter = final.apartPairs(), final.lonePupils()
	res.Soft = rep
	return nil
}

// softState is a placement being improved.
type softState struct {
	md           *model
	assign       []int
	occ          [][]int32 // pupils at each offer
	unlocked     []int     // unlocked pupils at each offer
	girls, boys  []int
	wF, wL       int64
	moves        int
	rankMaximal  bool
	touchedOffer []int32
	touchedPupil []int32
	rankBuf      [2]int
	rankBuf2     [2]int
	pair         [2]int32
	dest         [2]int
	occBuf       []int32
}

func newSoftState(md *model, assign []int, wF, wL int64) *softState {
	no := len(md.in.Offers)
	st := &softState{md: md, assign: assign, wF: wF, wL: wL,
		occ: make([][]int32, no), unlocked: make([]int, no),
		girls: make([]int, no), boys: make([]int, no),
		rankMaximal: md.in.Options.RankMaximal}
	for i, o := range assign {
		if o != NoOffer {
			st.add(int32(i), o)
		}
	}
	return st
}

func (st *softState) add(p int32, o int) {
	st.assign[p] = o
	st.occ[o] = append(st.occ[o], p)
	if st.md.in.Pupils[p].Locked == NoOffer {
		st.unlocked[o]++
	}
	switch st.md.in.Pupils[p].Gender {
	case Girl:
		st.girls[o]++
	case Boy:
		st.boys[o]++
	}
}

func (st *softState) remove(p int32) {
	o := st.assign[p]
	st.occ[o] = slices.DeleteFunc(st.occ[o], func(q int32) bool { return q == p })
	if st.md.in.Pupils[p].Locked == NoOffer {
		st.unlocked[o]--
	}
	switch st.md.in.Pupils[p].Gender {
	case Girl:
		st.girls[o]--
	case Boy:
		st.boys[o]--
	}
	st.assign[p] = NoOffer
}

// rankOf returns the rank of offer o among p's eligible choices, or -1.
func (st *softState) rankOf(p int32, o int) int {
	for k, c := range st.md.elig[p] {
		if int(c) == o {
			return int(st.md.rank[p][k])
		}
	}
	return -1
}

func (st *softState) lone(o int) int64 {
	g, b := st.girls[o], st.boys[o]
	var n int64
	if g == 1 && b >= 1 {
		n++
	}
	if b == 1 && g >= 1 {
		n++
	}
	return n
}

func (st *softState) rankCost() int64 {
	var c int64
	for i, o := range st.assign {
		if o == NoOffer {
			continue
		}
		if r := rankOf(st.md.in.Pupils[i].Choices, o); r >= 0 {
			c += st.md.costs[r]
		}
	}
	return c
}

func (st *softState) rankCounts() []int {
	counts := make([]int, len(st.md.costs))
	for i, o := range st.assign {
		if o != NoOffer {
			if r := rankOf(st.md.in.Pupils[i].Choices, o); r >= 0 {
				counts[r]++
			}
		}
	}
	return counts
}

func (st *softState) apartPairs() int {
	n := 0
	for p, fs := range st.md.friends {
		for _, f := range fs {
			if int(f) > p && st.assign[p] != NoOffer && st.assign[f] != NoOffer && st.assign[p] != st.assign[f] {
				n++
			}
		}
	}
	return n
}

func (st *softState) lonePupils() int {
	n := 0
	for o := range st.occ {
		n += int(st.lone(o))
	}
	return n
}

// local returns the part of the objective that a move of the pupils in
// st.touchedPupil between the offers in st.touchedOffer can change.
func (st *softState) local() int64 {
	var c int64
	for _, p := range st.touchedPupil {
		if o := st.assign[p]; o != NoOffer {
			if r := st.rankOf(p, o); r >= 0 {
				c += st.md.costs[r]
			}
		}
		if st.wF > 0 {
			for _, f := range st.md.friends[p] {
				if slices.Contains(st.touchedPupil, f) && f < p {
					continue // counted from the other side
				}
				if st.assign[p] != NoOffer && st.assign[f] != NoOffer && st.assign[p] != st.assign[f] {
					c += st.wF
				}
			}
		}
	}
	if st.wL > 0 {
		for _, o := range st.touchedOffer {
			c += st.wL * st.lone(int(o))
		}
	}
	return c
}

// ranksOf returns the ranks the touched pupils hold, sorted.
func (st *softState) ranksOf(buf []int) []int {
	buf = buf[:0]
	for _, p := range st.touchedPupil {
		buf = append(buf, st.rankOf(p, st.assign[p]))
	}
	slices.Sort(buf)
	return buf
}

// try moves pupils ps to offers to, keeps the move if it lowers the
// objective (and, with RankMaximal, keeps the rank profile), and reports
// whether it did.
func (st *softState) try(ps []int32, to []int) bool {
	st.touchedPupil = append(st.touchedPupil[:0], ps...)
	st.touchedOffer = st.touchedOffer[:0]
	var fromBuf [2]int
	from := fromBuf[:0]
	for k, p := range ps {
		from = append(from, st.assign[p])
		for _, o := range [2]int{from[k], to[k]} {
			if !slices.Contains(st.touchedOffer, int32(o)) {
				st.touchedOffer = append(st.touchedOffer, int32(o))
			}
		}
	}
	var before []int
	if st.rankMaximal {
		before = st.ranksOf(st.rankBuf[:0])
	}
	old := st.local()
	for _, p := range ps {
		st.remove(p)
	}
	for k, p := range ps {
		st.add(p, to[k])
	}
	ok := st.local() < old
	if ok && st.rankMaximal {
		ok = slices.Equal(before, st.ranksOf(st.rankBuf2[:0]))
	}
	if ok {
		st.moves++
		return true
	}
	for _, p := range ps {
		st.remove(p)
	}
	for k, p := range ps {
		st.add(p, from[k])
	}
	return false
}

func (st *softState) hasSeat(o int, need int) bool {
	return st.unlocked[o]+need <= st.md.free[o]
}

// active reports whether a move of p could lower a soft penalty.
func (st *softState) active(p int32) bool {
	a := st.assign[p]
	if st.wF > 0 {
		for _, f := range st.md.friends[p] {
			if b := st.assign[f]; b != NoOffer && b != a {
				return true
			}
		}
	}
	if st.wL > 0 {
		if st.lone(a) > 0 {
			return true
		}
		for _, o := range st.md.elig[p] {
			if st.lone(int(o)) > 0 {
				return true
			}
		}
	}
	return false
}

// run improves until no move helps (or a pass limit is reached).
func (st *softState) run(ctx context.Context) error {
	const maxPasses = 30
	in := st.md.in
	for pass := 0; pass < maxPasses; pass++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		improved := false
		for i := range in.Pupils {
			p := int32(i)
			if st.assign[p] == NoOffer || in.Pupils[p].Locked != NoOffer || !st.active(p) {
				continue
			}
			if st.improvePupil(p) {
				improved = true
			}
		}
		if !improved {
			return nil
		}
	}
	return nil
}

// improvePupil tries the moves of p and makes the first that helps.
func (st *softState) improvePupil(p int32) bool {
	a := st.assign[p]
	for _, c := range st.md.elig[p] {
		o := int(c)
		if o == a {
			continue
		}
		// Move to a free seat.
		st.pair[0], st.dest[0] = p, o
		if st.hasSeat(o, 1) && st.try(st.pair[:1], st.dest[:1]) {
			return true
		}
		// Swap with someone at o who also chose a. (A copy, since trying
		// a swap reorders st.occ[o].)
		st.occBuf = append(st.occBuf[:0], st.occ[o]...)
		for _, q := range st.occBuf {
			if st.md.in.Pupils[q].Locked != NoOffer || st.rankOf(q, a) < 0 {
				continue
			}
			st.pair, st.dest = [2]int32{p, q}, [2]int{o, a}
			if st.try(st.pair[:], st.dest[:]) {
				return true
			}
		}
	}
	// Move p and a friend together to an offer both chose.
	if st.wF > 0 {
		for _, f := range st.md.friends[p] {
			b := st.assign[f]
			if b == NoOffer || b == a || st.md.in.Pupils[f].Locked != NoOffer {
				continue
			}
			for _, c := range st.md.elig[p] {
				o := int(c)
				if st.rankOf(f, o) < 0 {
					continue
				}
				need := 0
				if a != o {
					need++
				}
				if b != o {
					need++
				}
				st.pair, st.dest = [2]int32{p, f}, [2]int{o, o}
				if st.hasSeat(o, need) && st.try(st.pair[:], st.dest[:]) {
					return true
				}
			}
		}
	}
	return false
}
