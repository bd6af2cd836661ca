package peers

import (
	"context"
	"sort"

	"techniqual/data"
)

// EventPlan is the proposal for one network event with the members by key.
type EventPlan struct {
	Event   data.Event
	Plan    Plan
	Members map[string]data.Organisation
	// Previous is the network event before it whose pairs were avoided;
	// zero when there was none.
	Previous data.Event
}

// ForEvent proposes the tables of a network event. "Consecutive events"
// are the network events in order of start: the proposal of each is worked
// out from the first one on, every one avoiding the pairs of the one
// before, so that the plan of an event is the same whichever event is
// asked for first.
func ForEvent(ctx context.Context, st *data.Store, eventID string) (*EventPlan, error) {
	target, err := st.GetEvent(ctx, eventID)
	if err != nil {
		return nil, err
	}
	all, err := st.ListEvents(ctx)
	if err != nil {
		return nil, err
	}
	var chain []data.Event
	for _, e := range all {
		if e.Kind == data.EventNetwork && (e.Start.Before(target.Start) || (e.Start.Equal(target.Start) && e.ID < target.ID)) {
			chain = append(chain, e)
		}
	}
	sort.SliceStable(chain, func(a, b int) bool {
		if !chain[a].Start.Equal(chain[b].Start) {
			return chain[a].Start.Before(chain[b].Start)
		}
		return chain[a].ID < chain[b].ID
	})
	chain = append(chain, target)
	marks, err := st.ListPeerMarks(ctx, "")
	if err != nil {
		return nil, err
	}
	byOrg := map[string][]data.PeerMark{}
	for _, m := range marks {
		byOrg[m.OrganisationID] = append(byOrg[m.OrganisationID], m)
	}
	var prev map[Pair]bool
	var last data.Event
	out := &EventPlan{Event: target}
	for i, e := range chain {
		orgs, err := st.EventMembers(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		members := make([]Member, 0, len(orgs))
		named := map[string]data.Organisation{}
		for _, o := range orgs {
			m := Member{ID: o.ID, Name: o.Name}
			for _, pm := range byOrg[o.ID] {
				if pm.CanShare {
					m.Share = append(m.Share, pm.Area)
				}
				if pm.WantStart {
					m.Start = append(m.Start, pm.Area)
				}
			}
			members = append(members, m)
			named[o.ID] = o
		}
		if len(members) == 0 && i < len(chain)-1 {
			continue // nobody registered: not an event anyone met at
		}
		p, err := Propose(ctx, members, prev)
		if err != nil {
			return nil, err
		}
		if i == len(chain)-1 {
			out.Plan, out.Members, out.Previous = p, named, last
		}
		prev, last = p.Pairs(), e
	}
	return out, nil
}
