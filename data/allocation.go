package data

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"techniqual/data/match"
)

// Allocation is one period's allocation problem loaded from the Store (see
// LoadAllocation), with the mapping between the rows and the indices the
// match engine uses.
//
// Pupils[i] is Instance.Pupils[i] and Offers[j] is Instance.Offers[j].
// Current[i] is pupil i's live placement when it was loaded.
//
// Locked placements are binding: the pupil keeps the offer (Instance's
// Locked). A placement that was made by hand but is not locked is only a
// suggestion: the solver may move it like any other, so lock a pupil to
// keep them where they are.
type Allocation struct {
	Period Period
	Pupils []Pupil
	Offers []Offer
	// Instance is the problem with the locks of the database and zero
	// Options; see WithLocks for another set of locks.
	Instance *match.Instance
	// Current holds the live placement per pupil at load time.
	Current []Placement

	pupilIndex map[string]int
	offerIndex map[string]int
}

// Placement is where a pupil stands in an Allocation: an offer index (or
// match.NoOffer), whether the placement is locked, and where it came from.
type Placement struct {
	Offer  int
	Locked bool
	Source AssignmentSource
}

// LoadAllocation loads the allocation problem of a period.
//
// Its pupils are those of the period's grade at its schools (every school
// when the period names none), together with every live pupil who has
// choices or a placement in the period (so that a pupil of another grade is
// explained, not forgotten). Choices come in rank order; the offers are all
// the period's live offers, of the period's grade, approved or not (the
// engine removes the unapproved ones and says so), each starting on its
// first programme day or else the period's first day. Friend pairs join
// two pupils of the problem.
//
// A pupil locked to an offer that is no longer live is left out of the
// problem altogether: their placement stays as it is.
func (s *Store) LoadAllocation(ctx context.Context, periodID string) (*Allocation, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	offers, err := s.ListOffers(ctx, OfferFilter{PeriodID: per.ID})
	if err != nil {
		return nil, err
	}
	prefs, err := s.ListPreferences(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.ListAssignments(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	friends, err := s.ListFriendPairs(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	// The period's grade is read in one go; the few pupils of other grades
	// who have choices or a placement in the period are fetched one by one.
	all, err := s.ListPupils(ctx, PupilFilter{Grade: per.Grade})
	if err != nil {
		return nil, err
	}
	a := &Allocation{Period: per, Offers: offers, pupilIndex: map[string]int{}, offerIndex: make(map[string]int, len(offers))}
	for j, o := range offers {
		a.offerIndex[o.ID] = j
	}
	involved := map[string]bool{}
	for _, p := range prefs {
		involved[p.PupilID] = true
	}
	for _, r := range rows {
		involved[r.PupilID] = true
	}
	lockedAway := map[string]bool{}
	for _, r := range rows {
		if _, ok := a.offerIndex[r.OfferID]; r.Locked && !ok {
			lockedAway[r.PupilID] = true
		}
	}
	have := make(map[string]bool, len(all))
	for _, p := range all {
		have[p.ID] = true
	}
	var others []string
	for id := range involved {
		if !have[id] {
			others = append(others, id)
		}
	}
	slices.Sort(others) // a stable order of pupils, run after run
	for _, id := range others {
		p, err := s.GetPupil(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since they chose
		}
		if err != nil {
			return nil, err
		}
		all = append(all, p)
	}
	schools := map[string]bool{}
	for _, id := range per.SchoolIDs {
		schools[id] = true
	}
	for _, p := range all {
		ofPeriod := p.Grade == per.Grade && (len(schools) == 0 || schools[p.SchoolID])
		if (ofPeriod || involved[p.ID]) && !lockedAway[p.ID] {
			a.pupilIndex[p.ID] = len(a.Pupils)
			a.Pupils = append(a.Pupils, p)
		}
	}

	in := &match.Instance{Pupils: make([]match.Pupil, len(a.Pupils)), Offers: make([]match.Offer, len(offers))}
	for j, o := range offers {
		first := per.Start
		if len(o.Days) > 0 && !o.Days[0].Date.IsZero() {
			first = o.Days[0].Date
		}
		in.Offers[j] = match.Offer{Key: o.ID, Period: per.ID, Grade: per.Grade, Capacity: o.Capacity,
			Approved: o.Status == OfferApproved, MinAge: o.MinAge, FirstDay: first}
	}
	a.Current = make([]Placement, len(a.Pupils))
	for i, p := range a.Pupils {
		in.Pupils[i] = match.Pupil{Key: p.ID, Period: per.ID, Grade: p.Grade, BirthDate: p.BirthDate,
			Gender: matchGender(p.Gender), Locked: match.NoOffer}
		a.Current[i] = Placement{Offer: match.NoOffer}
	}
	for _, pr := range prefs { // ordered by pupil and rank
		i, ok := a.pupilIndex[pr.PupilID]
		j, ok2 := a.offerIndex[pr.OfferID]
		if !ok || !ok2 || len(in.Pupils[i].Choices) >= MaxChoices || slices.Contains(in.Pupils[i].Choices, j) {
			continue
		}
		in.Pupils[i].Choices = append(in.Pupils[i].Choices, j)
	}
	for _, r := range rows {
		i, ok := a.pupilIndex[r.PupilID]
		j, ok2 := a.offerIndex[r.OfferID]
		if !ok || !ok2 {
			continue
		}
		a.Current[i] = Placement{Offer: j, Locked: r.Locked, Source: r.Source}
		if r.Locked {
			in.Pupils[i].Locked = j
		}
	}
	for _, f := range friends {
		i, ok := a.pupilIndex[f.PupilA]
		k, ok2 := a.pupilIndex[f.PupilB]
		if ok && ok2 && i != k {
			in.Friends = append(in.Friends, [2]int{i, k})
		}
	}
	a.Instance = in
	return a, nil
}

func matchGender(g Gender) match.Gender {
	switch g {
	case GenderGirl:
		return match.Girl
	case GenderBoy:
		return match.Boy
	case GenderOther:
		return match.Other
	}
	return match.Unspecified
}

// PupilIndex returns the index of the pupil with that id.
func (a *Allocation) PupilIndex(id string) (int, bool) {
	i, ok := a.pupilIndex[id]
	return i, ok
}

// OfferIndex returns the index of the offer with that id.
func (a *Allocation) OfferIndex(id string) (int, bool) {
	j, ok := a.offerIndex[id]
	return j, ok
}

// CurrentAssign returns the offer index of every pupil's placement at load
// time (match.NoOffer for none), in the form of match.Result.Assign.
func (a *Allocation) CurrentAssign() []int {
	out := make([]int, len(a.Current))
	for i, p := range a.Current {
		out[i] = p.Offer
	}
	return out
}

// WithLocks returns the problem with other locks and options: locked[i] is
// the offer pupil i is locked to, or match.NoOffer. Allocation.Instance is
// not changed, so the result can be solved on another goroutine while the
// caller goes on editing its own locks.
func (a *Allocation) WithLocks(locked []int, opts match.Options) *match.Instance {
	in := *a.Instance
	in.Pupils = slices.Clone(a.Instance.Pupils)
	for i := range in.Pupils {
		in.Pupils[i].Locked = locked[i]
	}
	in.Options = opts
	return &in
}

// Run solves the problem with the locks of the database and opts.
func (a *Allocation) Run(ctx context.Context, opts match.Options) (*match.Result, error) {
	return match.Allocate(ctx, a.WithLocks(a.CurrentLocks(), opts))
}

// CurrentLocks gives, per pupil, the offer index they are locked to in the
// database, or match.NoOffer.
func (a *Allocation) CurrentLocks() []int {
	locked := make([]int, len(a.Current))
	for i, p := range a.Current {
		locked[i] = match.NoOffer
		if p.Locked {
			locked[i] = p.Offer
		}
	}
	return locked
}

// Plan turns a result into placements to save: locked pupils (those locked
// in the instance that was solved) keep their offer, lock and source; every
// other placed pupil is placed by the solver (source auto).
func (a *Allocation) Plan(in *match.Instance, res *match.Result) []Placement {
	plan := make([]Placement, len(res.Assign))
	for i, o := range res.Assign {
		switch {
		case in.Pupils[i].Locked != match.NoOffer:
			src := SourceManual
			if a.Current[i].Offer == in.Pupils[i].Locked && a.Current[i].Source != "" {
				src = a.Current[i].Source
			}
			plan[i] = Placement{Offer: in.Pupils[i].Locked, Locked: true, Source: src}
		case o == match.NoOffer:
			plan[i] = Placement{Offer: match.NoOffer}
		default:
			plan[i] = Placement{Offer: o, Source: SourceAuto}
		}
	}
	return plan
}

// Rank returns the rank (1 = first choice) of offer j among pupil i's
// choices, or 0 when the pupil did not choose it.
func (a *Allocation) Rank(i, j int) int {
	if j < 0 {
		return 0
	}
	if r := slices.Index(a.Instance.Pupils[i].Choices, j); r >= 0 {
		return r + 1
	}
	return 0
}

// Broken lists the hard rules pupil i breaks at offer j (approved, grade,
// old enough on the first day), in the engine's order. A person may still
// place the pupil there by hand.
func (a *Allocation) Broken(i, j int) []match.Reason {
	p, o := a.Instance.Pupils[i], a.Instance.Offers[j]
	var out []match.Reason
	if o.Grade != 0 && o.Grade != p.Grade {
		out = append(out, match.WrongGrade)
	}
	if !o.Approved {
		out = append(out, match.NotApproved)
	}
	if o.MinAge > 0 && !o.FirstDay.IsZero() {
		if age := a.Pupils[i].AgeOn(o.FirstDay); age >= 0 && age < o.MinAge {
			out = append(out, match.TooYoung)
		}
	}
	return out
}

// OfferCount is one offer's seats in a placement.
type OfferCount struct {
	Taken, Girls, Boys int
}

// AllocationStats sums up a placement of an Allocation.
type AllocationStats struct {
	Placed, Unplaced int
	// RankCounts[r] counts pupils placed at their (r+1)-th choice.
	RankCounts []int
	// OffChoice counts pupils placed at an offer they did not choose.
	OffChoice int
	// PerOffer has the seats taken, girls and boys per offer index.
	PerOffer []OfferCount
}

// Stats sums up assign (an offer index per pupil, or match.NoOffer).
func (a *Allocation) Stats(assign []int) AllocationStats {
	st := AllocationStats{RankCounts: make([]int, MaxChoices), PerOffer: make([]OfferCount, len(a.Offers))}
	for i, j := range assign {
		if j == match.NoOffer {
			st.Unplaced++
			continue
		}
		st.Placed++
		if r := a.Rank(i, j); r > 0 && r <= len(st.RankCounts) {
			st.RankCounts[r-1]++
		} else {
			st.OffChoice++
		}
		c := &st.PerOffer[j]
		c.Taken++
		switch a.Pupils[i].Gender {
		case GenderGirl:
			c.Girls++
		case GenderBoy:
			c.Boys++
		}
	}
	return st
}

// PlacementChange is one pupil whose offer differs between two placements.
type PlacementChange struct {
	Pupil    int // pupil index
	From, To int // offer indices, match.NoOffer for none
}

// Kind says "new" (placed now, not before), "removed" (the other way round)
// or "moved".
func (c PlacementChange) Kind() string {
	switch {
	case c.From == match.NoOffer:
		return "new"
	case c.To == match.NoOffer:
		return "removed"
	}
	return "moved"
}

// DiffPlacements lists the pupils whose offer differs between before and
// after (each an offer index per pupil), in pupil order.
func DiffPlacements(before, after []int) []PlacementChange {
	var out []PlacementChange
	for i := range min(len(before), len(after)) {
		if before[i] != after[i] {
			out = append(out, PlacementChange{Pupil: i, From: before[i], To: after[i]})
		}
	}
	return out
}

// AllocationUndo is what SaveAllocation changed, so that UndoAllocation can
// put it back.
type AllocationUndo struct {
	PeriodID string
	// Before holds the live placements of the changed pupils before the
	// save, and After the rows the save left live for them.
	Before, After []Assignment
	// Touched lists the pupils whose placement the save changed.
	Touched []string
	// Status is the period's status before the save.
	Status PeriodStatus
}

// SaveAllocation makes plan (one Placement per pupil of a) the period's
// placements, in one transaction: all of it lands, or nothing. A pupil
// whose live placement already has the plan's offer keeps that row (and the
// supervisor's comment), with the lock and source of the plan; any other
// changed placement is moved to the bin and a new row is written. Pupils
// outside the allocation are not touched. With setMatched the period's
// status becomes matched.
//
// The returned AllocationUndo lets UndoAllocation restore the previous
// placements and status.
func (s *Store) SaveAllocation(ctx context.Context, a *Allocation, plan []Placement, setMatched bool) (*AllocationUndo, error) {
	if len(plan) != len(a.Pupils) {
		return nil, fmt.Errorf("save placements: %d placements for %d pupils", len(plan), len(a.Pupils))
	}
	for i, p := range plan {
		if p.Offer != match.NoOffer && (p.Offer < 0 || p.Offer >= len(a.Offers)) {
			return nil, fmt.Errorf("save placements: pupil %d: offer %d out of range", i, p.Offer)
		}
	}
	undo := &AllocationUndo{PeriodID: a.Period.ID}
	err := s.InTx(ctx, func(tx *Store) error {
		per, err := tx.GetPeriod(ctx, a.Period.ID)
		if err != nil {
			return err
		}
		undo.Status = per.Status
		rows, err := tx.ListAssignments(ctx, a.Period.ID)
		if err != nil {
			return err
		}
		live := make(map[string]Assignment, len(rows))
		for _, r := range rows {
			live[r.PupilID] = r
		}
		offers, err := tx.ListOffers(ctx, OfferFilter{PeriodID: a.Period.ID})
		if err != nil {
			return err
		}
		liveOffer := make(map[string]bool, len(offers))
		for _, o := range offers {
			liveOffer[o.ID] = true
		}
		now := tx.now()
		ts := formatTS(now)
		for i, p := range plan {
			pupil := a.Pupils[i].ID
			old, had := live[pupil]
			want := ""
			if p.Offer != match.NoOffer {
				want = a.Offers[p.Offer].ID
				if p.Source == "" {
					p.Source = SourceAuto
				}
			}
			switch {
			case !had && want == "":
				continue
			case had && old.OfferID == want && old.Locked == p.Locked && old.Source == p.Source:
				continue
			}
			if want != "" && !liveOffer[want] {
				return &ValidationError{Fields: []FieldError{{Entity: "assignment", Field: "offer", Key: "err.offer_not_in_period",
					Text: "Praoplatsen hör inte till praoperioden.", Reason: "offer " + want + " is not in the period"}}}
			}
			undo.Touched = append(undo.Touched, pupil)
			if had {
				undo.Before = append(undo.Before, old)
			}
			if had && old.OfferID == want {
				if _, err := tx.exec(ctx, `UPDATE assignments SET locked = ?, source = ?, updated_at = ? WHERE id = ?`,
					boolInt(p.Locked), string(p.Source), ts, old.ID); err != nil {
					return err
				}
				old.Locked, old.Source, old.UpdatedAt = p.Locked, p.Source, now
				undo.After = append(undo.After, old)
				continue
			}
			if had {
				if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE id = ?`, ts, ts, old.ID); err != nil {
					return err
				}
			}
			if want == "" {
				continue
			}
			n := Assignment{ID: tx.newID(), PeriodID: a.Period.ID, PupilID: pupil, OfferID: want, Locked: p.Locked,
				Source: p.Source, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.exec(ctx, `INSERT INTO assignments (id, period_id, pupil_id, offer_id, locked, source,
				supervisor_comment, created_at, updated_at) VALUES (?,?,?,?,?,?,'',?,?)`,
				n.ID, n.PeriodID, n.PupilID, n.OfferID, boolInt(n.Locked), string(n.Source), ts, ts); err != nil {
				return err
			}
			undo.After = append(undo.After, n)
		}
		if setMatched && per.Status != PeriodMatched {
			return tx.SetPeriodStatus(ctx, per.ID, PeriodMatched)
		}
		return nil
	})
	if err != nil {
		return nil, translate("save placements", err)
	}
	return undo, nil
}

// UndoAllocation puts back what SaveAllocation changed, in one transaction:
// the rows it wrote go to the bin, the rows it replaced come back with
// their ids, offers, locks, sources and comments (their updated_at is now),
// and the period gets its earlier status.
func (s *Store) UndoAllocation(ctx context.Context, u *AllocationUndo) error {
	if u == nil {
		return nil
	}
	err := s.InTx(ctx, func(tx *Store) error {
		ts := formatTS(tx.now())
		for _, pupil := range u.Touched {
			if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND pupil_id = ?
				AND deleted_at IS NULL`, ts, ts, u.PeriodID, pupil); err != nil {
				return err
			}
		}
		for _, b := range u.Before {
			if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = NULL, offer_id = ?, locked = ?, source = ?,
				supervisor_comment = ?, updated_at = ? WHERE id = ?`, b.OfferID, boolInt(b.Locked), string(b.Source),
				b.SupervisorComment, ts, b.ID); err != nil {
				return err
			}
		}
		if u.Status != "" {
			return tx.SetPeriodStatus(ctx, u.PeriodID, u.Status)
		}
		return nil
	})
	return translate("undo placements", err)
}
