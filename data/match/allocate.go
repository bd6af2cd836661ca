package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// NoOffer marks "no offer": an unlocked pupil's Locked field and an unplaced
// pupil's entry in Result.Assign.
const NoOffer = -1

// Gender of a pupil, used only by the NoLoneGender goal.
type Gender int

// Genders. Unspecified and Other never make a group "lone".
const (
	Unspecified Gender = iota
	Girl
	Boy
	Other
)

// Pupil is one pupil to place. Offers are referred to by index into
// Instance.Offers.
type Pupil struct {
	Key       string    // caller's id, used in error messages
	Period    string    // must equal the offer's Period
	Grade     int       // must equal the offer's Grade unless that is 0
	BirthDate time.Time // zero = unknown (never too young)
	Gender    Gender
	// Choices lists offer indices, best first; at most len(RankCosts).
	Choices []int
	// Locked is the offer index the pupil is locked to, or NoOffer (-1).
	// Note that the zero value 0 locks the pupil to offer 0: set NoOffer
	// for pupils who are not locked. A lock is always kept, even into a
	// full or unapproved offer (reported in Result.LockIssues), and takes
	// its seat before anyone else is placed.
	Locked int
}

// Offer is one host's offer (praoplats) in one period.
type Offer struct {
	Key      string
	Period   string
	Grade    int // 0 = any grade
	Capacity int // seats
	Approved bool
	MinAge   int       // minimum age on FirstDay; 0 = none
	FirstDay time.Time // zero = unknown (age not checked)
}

// Instance is one allocation problem.
type Instance struct {
	Pupils []Pupil
	Offers []Offer
	// Friends lists pairs of pupil indices who would like the same offer
	// (used by Options.FriendsTogether).
	Friends [][2]int
	Options Options
}

// Options tune the objective. The zero value means: convex rank costs
// 0, 1, 4, 9, 16 and no soft goals.
type Options struct {
	// RankCosts[r] is the cost of placing a pupil at their (r+1)-th choice.
	// Empty means DefaultRankCosts(). Values must be 0..2^30.
	RankCosts []int64
	// RankMaximal replaces the rank costs by strict rank-maximal order: as
	// many 1st choices as possible, then as many 2nd choices, and so on
	// (after placing as many pupils as possible).
	RankMaximal bool
	// FriendsTogether tries to put each pair in Instance.Friends at the
	// same offer; one pair apart costs FriendsWeight (default 5) in units
	// of rank cost.
	FriendsTogether bool
	FriendsWeight   int64
	// NoLoneGender tries to avoid a single girl among boys, or a single boy
	// among girls, at an offer; each such lone pupil costs NoLoneWeight
	// (default 5) in units of rank cost.
	NoLoneGender bool
	NoLoneWeight int64
}

// DefaultRankCosts returns the convex rank costs used when
// Options.RankCosts is empty, 0, 1, 4, 9, 16 (the square of the rank): many
// second choices beat a few fifth ones.
func DefaultRankCosts() []int64 { return []int64{0, 1, 4, 9, 16} }

// defaultSoftWeight is the weight of a soft goal whose weight is left 0:
// a little more than moving one pupil from 2nd to 3rd choice (4−1).
const defaultSoftWeight = 5

// Reason says why a choice was removed (a hard rule) or why a lock is odd.
type Reason int

// Reasons, in the order they are tested; a choice counts under the first
// rule it breaks.
const (
	WrongPeriod Reason = iota
	WrongGrade
	NotApproved
	TooYoung
	OfferFull // only for locks: more locked pupils than seats
	numReasons
)

// String returns an English name of the reason.
func (r Reason) String() string {
	switch r {
	case WrongPeriod:
		return "wrong period"
	case WrongGrade:
		return "wrong grade"
	case NotApproved:
		return "offer not approved"
	case TooYoung:
		return "too young"
	case OfferFull:
		return "offer full"
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// LockIssue reports a lock that was kept although it breaks a rule.
type LockIssue struct {
	Pupil, Offer int
	Reason       Reason
}

// Solve is one min-cost flow problem solved during Allocate, with its
// optimal flow. Allocate has verified Flow.CheckCertificate(Network).
//
// Node layout: one node per pupil in the flow, each with supply 1 (Pupils
// gives their pupil indices; locked pupils and pupils without an eligible
// choice are left out), then one node per offer (in offer order), then the
// "unplaced" node, then the sink with the matching demand. Arcs: pupil →
// offer for each eligible choice (cost by rank), pupil → unplaced, offer →
// sink (capacity: seats left after locks), and unplaced → sink, whose large
// cost makes placing pupils come first. The first Solve holds them all; a
// later stage holds only the arcs still free after the earlier ones, with
// supplies adjusted for the arcs they fixed full.
type Solve struct {
	Stage   string // the criteria this solve optimised
	Network *Network
	Flow    *Flow
	Pupils  []int // pupil index of node k, for k < len(Pupils)
}

// Result is the outcome of Allocate.
type Result struct {
	// Assign holds the offer index per pupil, or NoOffer.
	Assign   []int
	Placed   int // includes locked pupils
	Unplaced int
	// RankCounts[r] counts pupils placed at their (r+1)-th choice.
	RankCounts []int
	// OffChoice counts pupils placed (by a lock) at an offer they did not
	// choose.
	OffChoice int
	// RankCost is Σ RankCosts[rank] over pupils placed at a choice.
	RankCost int64
	// Explanations has one entry per unplaced pupil, by pupil index.
	Explanations map[int]Explanation
	LockIssues   []LockIssue
	// Soft reports the soft goals; nil when none is on.
	Soft *SoftReport
	// Solves lists every flow problem solved, each with its certificate.
	Solves []Solve
}

// model is an Instance checked and prepared for solving.
type model struct {
	in      *Instance
	costs   []int64
	elig    [][]int32 // eligible choices per pupil, in rank order
	rank    [][]int8  // rank of each eligible choice
	removed [][numReasons]int
	locked  []int // locked pupils per offer
	free    []int // seats left after locks
	friends [][]int32
}

// Allocate places pupils at offers: as many as possible, then the best
// choices (rank costs or rank-maximal), then the soft goals. See the package
// documentation for the model.
func Allocate(ctx context.Context, in *Instance) (*Result, error) {
	md, err := newModel(in)
	if err != nil {
		return nil, err
	}
	res := &Result{Assign: make([]int, len(in.Pupils))}
	for i := range res.Assign {
		res.Assign[i] = NoOffer
	}
	res.LockIssues = md.lockIssues()
	for i, p := range in.Pupils {
		if p.Locked != NoOffer {
			res.Assign[i] = p.Locked
		}
	}
	if err := md.solveFlow(ctx, res); err != nil {
		return nil, err
	}
	if in.Options.FriendsTogether || in.Options.NoLoneGender {
		if err := md.improveSoft(ctx, res); err != nil {
			return nil, err
		}
	}
	md.summarize(res)
	res.Explanations = md.explain(res.Assign)
	return res, nil
}

func newModel(in *Instance) (*model, error) {
	if in == nil {
		return nil, errors.New("match: nil instance")
	}
	opt := in.Options
	md := &model{in: in, costs: opt.RankCosts}
	if len(md.costs) == 0 {
		md.costs = DefaultRankCosts()
	}
	if len(md.costs) > 127 {
		return nil, fmt.Errorf("match: %d rank costs, at most 127", len(md.costs))
	}
	for r, c := range md.costs {
		if c < 0 || c > 1<<30 {
			return nil, fmt.Errorf("match: rank cost %d for choice %d out of range 0..2^30", c, r+1)
		}
	}
	if opt.FriendsWeight < 0 || opt.FriendsWeight > 1<<30 || opt.NoLoneWeight < 0 || opt.NoLoneWeight > 1<<30 {
		return nil, errors.New("match: soft goal weights must be in 0..2^30")
	}
	if len(in.Pupils) > math.MaxInt32/4 || len(in.Offers) > math.MaxInt32/4 {
		return nil, errors.New("match: instance too large")
	}
	no := len(in.Offers)
	for j, o := range in.Offers {
		if o.Capacity < 0 {
			return nil, fmt.Errorf("match: offer %d (%s): negative capacity %d", j, o.Key, o.Capacity)
		}
	}
	md.locked = make([]int, no)
	md.elig = make([][]int32, len(in.Pupils))
	md.rank = make([][]int8, len(in.Pupils))
	md.removed = make([][numReasons]int, len(in.Pupils))
	for i := range in.Pupils {
		p := &in.Pupils[i]
		if len(p.Choices) > len(md.costs) {
			return nil, fmt.Errorf("match: pupil %d (%s): %d choices, at most %d", i, p.Key, len(p.Choices), len(md.costs))
		}
		if p.Locked < NoOffer || p.Locked >= no {
			return nil, fmt.Errorf("match: pupil %d (%s): locked to offer %d, out of range 0..%d (or -1)", i, p.Key, p.Locked, no-1)
		}
		if p.Locked != NoOffer {
			md.locked[p.Locked]++
		}
		for r, o := range p.Choices {
			if o < 0 || o >= no {
				return nil, fmt.Errorf("match: pupil %d (%s): choice %d is offer %d, out of range 0..%d", i, p.Key, r+1, o, no-1)
			}
			for _, prev := range p.Choices[:r] {
				if prev == o {
					return nil, fmt.Errorf("match: pupil %d (%s): choice %d repeats offer %d", i, p.Key, r+1, o)
				}
			}
			if reason, ok := eligible(p, &in.Offers[o]); !ok {
				md.removed[i][reason]++
				continue
			}
			if p.Locked == NoOffer {
				md.elig[i] = append(md.elig[i], int32(o))
				md.rank[i] = append(md.rank[i], int8(r))
			}
		}
	}
	md.free = make([]int, no)
	for j, o := range in.Offers {
		md.free[j] = max(0, o.Capacity-md.locked[j])
	}
	md.friends = make([][]int32, len(in.Pupils))
	seen := make(map[[2]int]bool, len(in.Friends))
	for k, f := range in.Friends {
		a, b := f[0], f[1]
		if a < 0 || a >= len(in.Pupils) || b < 0 || b >= len(in.Pupils) || a == b {
			return nil, fmt.Errorf("match: friend pair %d (%d, %d): not two different pupils", k, a, b)
		}
		if a > b {
			a, b = b, a
		}
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		md.friends[a] = append(md.friends[a], int32(b))
		md.friends[b] = append(md.friends[b], int32(a))
	}
	return md, nil
}

// eligible applies the hard rules to one choice.
func eligible(p *Pupil, o *Offer) (Reason, bool) {
	switch {
	case p.Period != o.Period:
		return WrongPeriod, false
	case o.Grade != 0 && o.Grade != p.Grade:
		return WrongGrade, false
	case !o.Approved:
		return NotApproved, false
	case o.MinAge > 0 && !p.BirthDate.IsZero() && !o.FirstDay.IsZero() && ageOn(p.BirthDate, o.FirstDay) < o.MinAge:
		return TooYoung, false
	}
	return 0, true
}

// ageOn returns the age in whole years on day. Someone born on 29 February
// turns a year older on 28 February in common years (as Swedish law counts).
func ageOn(birth, day time.Time) int {
	by, bm, bd := birth.Date()
	dy, dm, dd := day.Date()
	age := dy - by
	if bm == time.February && bd == 29 && !isLeap(dy) {
		bd = 28
	}
	if dm < bm || (dm == bm && dd < bd) {
		age--
	}
	return age
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func (md *model) lockIssues() []LockIssue {
	var out []LockIssue
	seated := make([]int, len(md.in.Offers))
	for i := range md.in.Pupils {
		p := &md.in.Pupils[i]
		if p.Locked == NoOffer {
			continue
		}
		o := &md.in.Offers[p.Locked]
		if r, ok := eligible(p, o); !ok {
			out = append(out, LockIssue{i, p.Locked, r})
		}
		seated[p.Locked]++
		if seated[p.Locked] > o.Capacity {
			out = append(out, LockIssue{i, p.Locked, OfferFull})
		}
	}
	return out
}

// summarize fills the counts of res from res.Assign.
func (md *model) summarize(res *Result) {
	res.RankCounts = make([]int, len(md.costs))
	res.Placed, res.Unplaced, res.OffChoice, res.RankCost = 0, 0, 0, 0
	for i, o := range res.Assign {
		if o == NoOffer {
			res.Unplaced++
			continue
		}
		res.Placed++
		r := rankOf(md.in.Pupils[i].Choices, o)
		if r < 0 {
			res.OffChoice++
			continue
		}
		res.RankCounts[r]++
		res.RankCost += md.costs[r]
	}
}

func rankOf(choices []int, o int) int {
	for r, c := range choices {
		if c == o {
			return r
		}
	}
	return -1
}
