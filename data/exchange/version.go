package exchange

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"techniqual/data"
)

// VV is a version vector: laptop id → how many edits of one field made on
// that laptop this copy has seen. An empty vector is "never edited" and is
// older than any other.
type VV map[string]uint64

// order is how one vector relates to another.
type order int

const (
	same       order = iota // equal vectors
	older                   // every counter ≤ the other's, one <
	newer                   // every counter ≥ the other's, one >
	concurrent              // neither: edited on both sides
)

// compare says how a relates to b.
func compare(a, b VV) order {
	less, more := false, false
	for k, x := range a {
		if y := b[k]; x < y {
			less = true
		} else if x > y {
			more = true
		}
	}
	for k, y := range b {
		if _, ok := a[k]; !ok && y > 0 {
			less = true
		}
	}
	switch {
	case less && more:
		return concurrent
	case less:
		return older
	case more:
		return newer
	}
	return same
}

// leq reports whether a has seen nothing that b has not.
func leq(a, b VV) bool { o := compare(a, b); return o == same || o == older }

// merge is the smallest vector that has seen both.
func merge(a, b VV) VV {
	out := make(VV, len(a)+len(b))
	for k, x := range a {
		out[k] = x
	}
	for k, y := range b {
		if y > out[k] {
			out[k] = y
		}
	}
	return out
}

// clock hands out this laptop's edit counters. They come from one
// counter per laptop (meta "laptop_clock"), not one per field, so that a
// vector may drop this laptop's entry (when it takes the other side's
// version of a field) without a later edit ever reusing a number.
type clock struct {
	me  string
	now uint64
}

// bump is v with one more edit by this laptop.
func (c *clock) bump(v VV) VV {
	c.now++
	out := merge(v, nil)
	out[c.me] = c.now
	return out
}

// loadClock reads this laptop's id and edit counter.
func loadClock(ctx context.Context, st *data.Store) (*clock, error) {
	me, err := st.LaptopID(ctx)
	if err != nil {
		return nil, err
	}
	v, err := st.Meta(ctx, clockKey)
	if err != nil {
		return nil, err
	}
	n, _ := strconv.ParseUint(v, 10, 64)
	return &clock{me: me, now: n}, nil
}

// saveClock stores the counter when it went past the stored one.
func saveClock(ctx context.Context, st *data.Store, now uint64) error {
	c, err := loadClock(ctx, st)
	if err != nil || now <= c.now {
		return err
	}
	return st.SetMeta(ctx, clockKey, strconv.FormatUint(now, 10))
}

const clockKey = "laptop_clock"

func (v VV) String() string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + itoa(v[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func itoa(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// fieldState is one field's value as its vector describes it.
type fieldState struct {
	V  string `json:"v"`
	VV VV     `json:"vv,omitempty"`
}

// rowState is the version state of one row, by field ("deleted" included).
type rowState map[string]fieldState

func (s rowState) clone() rowState {
	out := make(rowState, len(s))
	for k, v := range s {
		out[k] = fieldState{V: v.V, VV: merge(v.VV, nil)}
	}
	return out
}

func parseState(s string) rowState {
	st := rowState{}
	if s != "" && json.Unmarshal([]byte(s), &st) != nil {
		// An unreadable state is treated as never exchanged: every field
		// with a value then counts as edited here, which can only make
		// conflicts, never a silent overwrite.
		st = rowState{}
	}
	return st
}

func (s rowState) json() string {
	b, _ := json.Marshal(s) // strings and numbers always marshal
	return string(b)
}

// carried are the fields each table carries in any kind of file: the
// fields a laptop keeps vectors for.
var carried = func() map[string][]string {
	out := map[string][]string{}
	add := func(table string, lists ...[]string) {
		seen := map[string]bool{}
		for _, l := range lists {
			for _, f := range l {
				if !seen[f] {
					seen[f] = true
					out[table] = append(out[table], f)
				}
			}
		}
	}
	add(data.XOrganisations, orgJourneyFields, orgRefFields)
	add(data.XPeople, personFields)
	add(data.XJourney, journeyFields, data.JourneyStoryFields)
	// A member's structured journey (journey files, journey.go).
	for _, name := range []string{data.XJourneyYears, data.XJourneyMeasures, data.XJourneyPeers} {
		t, _ := data.ExchangeTableOf(name)
		add(name, t.Fields)
	}
	add(data.XPeriods, periodRefFields)
	add(data.XOffers, offerFields, offerRefFields)
	add(data.XRiskAssessments, data.RiskAssessmentFields)
	add(data.XPupils, pupilFields)
	add(data.XChoices, choiceFields)
	add(data.XAssignments, assignmentFields)
	return out
}()

// scan finds this laptop's own edits of a row since its vectors were last
// recorded, as Syncthing's scanner does for files: a field whose value
// differs from the recorded one gets one more edit by this laptop. A field never
// recorded starts with one edit by me, or with no version at all while it
// is empty (an empty field is filled by any value, without a conflict). A
// deletion (or undeletion) covers every field vector of the row: it was
// made having seen them all. stored is not changed.
func scan(table string, r *data.ExchangeRow, stored rowState, c *clock) rowState {
	st := stored.clone()
	if r == nil {
		return st
	}
	for _, f := range carried[table] {
		v := r.Fields[f]
		old, ok := st[f]
		switch {
		case !ok && v == "":
			st[f] = fieldState{}
		case !ok:
			st[f] = fieldState{V: v, VV: c.bump(nil)}
		case old.V != v:
			st[f] = fieldState{V: v, VV: c.bump(old.VV)}
		}
	}
	if t, _ := data.ExchangeTableOf(table); t.Soft {
		del := boolField(r.Deleted())
		old, ok := st[deletedField]
		switch {
		case !ok && del == "":
			st[deletedField] = fieldState{}
		case !ok || old.V != del:
			all := old.VV
			for f, s := range st {
				if f != deletedField {
					all = merge(all, s.VV)
				}
			}
			st[deletedField] = fieldState{V: del, VV: c.bump(all)}
		}
	}
	return st
}
