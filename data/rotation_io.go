package data

import (
	"context"
	"fmt"
	"sort"
	"time"

	"techniqual/data/rotation"
)

// RotationIndex maps the indices of a rotation.Instance built by
// RotationInput back to database keys (and the keys to indices).
type RotationIndex struct {
	PeriodID string
	PupilIDs []string // Instance.Pupils[i]
	HostIDs  []string // Instance.Hosts[i]: organisations
	OfferIDs []string // Instance.Hosts[i]: the host's offer in the period ("" when it has none live)
	BlockIDs []string // Instance.Blocks[i]: offer_days rows
	GroupIDs []string // Instance.Groups[i]
	TeamIDs  []string // Instance.Teams[i]

	pupil, host, block, group map[string]int
}

// Pupil returns the index of a pupil's key, or -1.
func (x *RotationIndex) Pupil(id string) int { return lookup(x.pupil, id) }

// Host returns the index of a host organisation's key, or -1.
func (x *RotationIndex) Host(id string) int { return lookup(x.host, id) }

// Block returns the index of a block's key, or -1.
func (x *RotationIndex) Block(id string) int { return lookup(x.block, id) }

// Group returns the index of a host group's key, or -1.
func (x *RotationIndex) Group(id string) int { return lookup(x.group, id) }

func lookup(m map[string]int, id string) int {
	if i, ok := m[id]; ok {
		return i
	}
	return -1
}

// ErrNotWeek is returned for a period that is not in the teknikprao-week format.
var ErrNotWeek = fmt.Errorf("the period is not a teknikprao week")

var rotationGender = map[Gender]rotation.Gender{GenderGirl: rotation.Girl, GenderBoy: rotation.Boy, GenderOther: rotation.Other}

// RotationInput builds the planner's input for a week from the database:
// the pupils of the period's schools and grade (with their group choices),
// the hosts (organisations of the period's approved offers and of its
// groups, with municipality), the blocks of the approved offers, the host
// groups, the teams of the saved plan with their locks, the friend pairs
// and the period's options.
func (s *Store) RotationInput(ctx context.Context, periodID string) (rotation.Instance, *RotationIndex, error) {
	var in rotation.Instance
	p, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	if p.Format != FormatWeek {
		return in, nil, fmt.Errorf("%s: %w", p.Name, ErrNotWeek)
	}
	x := &RotationIndex{PeriodID: periodID, pupil: map[string]int{}, host: map[string]int{}, block: map[string]int{}, group: map[string]int{}}

	offers, err := s.periodOffers(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	groups, err := s.ListHostGroups(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	blocks, err := s.ListWeekBlocks(ctx, periodID, false)
	if err != nil {
		return in, nil, err
	}
	// Hosts: every host with an approved block or a place in a group, by name.
	hostOffer := map[string]string{}
	for _, b := range blocks {
		hostOffer[b.HostID] = b.OfferID
	}
	for _, g := range groups {
		for _, oid := range g.OfferIDs {
			if o, ok := offers[oid]; ok {
				if _, seen := hostOffer[o.hostID]; !seen {
					hostOffer[o.hostID] = oid
				}
			}
		}
	}
	hostIDs := make([]string, 0, len(hostOffer))
	for h := range hostOffer {
		hostIDs = append(hostIDs, h)
	}
	name := func(h string) (string, string) {
		o := offers[hostOffer[h]]
		return o.host, o.municipality
	}
	sort.Slice(hostIDs, func(i, j int) bool {
		a, _ := name(hostIDs[i])
		b, _ := name(hostIDs[j])
		if a != b {
			return a < b
		}
		return hostIDs[i] < hostIDs[j]
	})
	for i, h := range hostIDs {
		n, m := name(h)
		x.host[h] = i
		x.HostIDs = append(x.HostIDs, h)
		x.OfferIDs = append(x.OfferIDs, hostOffer[h])
		in.Hosts = append(in.Hosts, rotation.Host{Key: h, Name: n, Municipality: m, Group: -1})
	}
	for gi, g := range groups {
		x.group[g.ID] = gi
		x.GroupIDs = append(x.GroupIDs, g.ID)
		rg := rotation.Group{Key: g.ID, Name: g.Name}
		for _, oid := range g.OfferIDs {
			o, ok := offers[oid]
			if !ok {
				continue
			}
			h := x.host[o.hostID]
			rg.Hosts = append(rg.Hosts, h)
			in.Hosts[h].Group = gi
		}
		in.Groups = append(in.Groups, rg)
	}
	for _, b := range blocks {
		x.block[b.ID] = len(in.Blocks)
		x.BlockIDs = append(x.BlockIDs, b.ID)
		in.Blocks = append(in.Blocks, rotation.Block{Key: b.ID, Host: x.host[b.HostID], Day: int(b.Date.Sub(p.Start).Hours()/24 + 0.5),
			Date: FormatDate(b.Date), Start: int(b.Start), End: int(b.End), TeamsMax: max(b.TeamsMax, 1)})
	}

	pupils, err := s.weekPupils(ctx, p)
	if err != nil {
		return in, nil, err
	}
	for i, pu := range pupils {
		x.pupil[pu.ID] = i
		x.PupilIDs = append(x.PupilIDs, pu.ID)
		in.Pupils = append(in.Pupils, rotation.Pupil{Key: pu.ID, Name: pu.Name(), Gender: rotationGender[pu.Gender],
			School: pu.SchoolID, Class: pu.ClassName, LockedTeam: rotation.NoTeam})
	}
	prefs, err := s.ListGroupPreferences(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	for _, gp := range prefs { // by pupil and rank
		pi, gi := x.Pupil(gp.PupilID), x.Group(gp.GroupID)
		if pi >= 0 && gi >= 0 {
			in.Pupils[pi].Groups = append(in.Pupils[pi].Groups, gi)
		}
	}

	teams, err := s.ListTeams(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	for _, t := range teams {
		gi := x.Group(t.GroupID)
		if gi < 0 {
			continue
		}
		ti := len(in.Teams)
		rt := rotation.Team{Key: t.ID, Name: t.Name, Group: gi, Locked: t.Locked}
		for _, pid := range t.PupilIDs {
			if pi := x.Pupil(pid); pi >= 0 {
				rt.Pupils = append(rt.Pupils, pi)
			}
		}
		if t.Locked {
			for _, pid := range t.LockedPupilIDs {
				if pi := x.Pupil(pid); pi >= 0 {
					in.Pupils[pi].LockedTeam = ti
				}
			}
		}
		for _, bid := range t.BlockIDs {
			if bi := x.Block(bid); bi >= 0 {
				rt.Route = append(rt.Route, bi)
			}
		}
		x.TeamIDs = append(x.TeamIDs, t.ID)
		in.Teams = append(in.Teams, rt)
	}

	friends, err := s.ListFriendPairs(ctx, periodID)
	if err != nil {
		return in, nil, err
	}
	for _, f := range friends {
		a, b := x.Pupil(f.PupilA), x.Pupil(f.PupilB)
		if a >= 0 && b >= 0 {
			in.Friends = append(in.Friends, [2]int{a, b})
		}
	}
	w := p.Week
	in.Options = rotation.Options{TeamMin: w.TeamMin, TeamMax: w.TeamMax, MixRule: w.MixRule, MixWeight: w.MixWeight,
		KeepClass: w.TeamMode == TeamModeClass, MixSchools: w.TeamMode == TeamModeMixSchools,
		FriendsTogether: w.FriendsTogether, TravelMinutes: w.TravelMinutes}
	return in, x, nil
}

// schoolYear is the year a school year starts in (it starts in July).
func schoolYear(t time.Time) int {
	if t.Month() >= time.July {
		return t.Year()
	}
	return t.Year() - 1
}

// weekPupils returns the live pupils of the period's schools and grade, by
// school, class and name. The register holds each pupil's grade now, so
// a week of an earlier school year takes the pupils who were in its grade
// then (grade 8 last year is grade 9 now).
func (s *Store) weekPupils(ctx context.Context, p Period) ([]Pupil, error) {
	grade := p.Grade + max(0, schoolYear(s.now())-schoolYear(p.Start))
	if grade > 9 {
		return nil, nil // they have left compulsory school
	}
	var out []Pupil
	for _, sid := range sortedCopy(p.SchoolIDs) {
		ps, err := s.ListPupils(ctx, PupilFilter{SchoolID: sid, Grade: grade})
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// SaveRotation stores the planner's result for the week, all or nothing,
// through SaveWeekPlan (locks kept). in and idx must be what RotationInput
// gave for the period; an index out of range is refused, never followed.
// Once saved, every res.Teams[i].Key holds the team's key in the database
// (a new team's fresh key, a kept team's old one).
func (s *Store) SaveRotation(ctx context.Context, periodID string, in rotation.Instance, idx *RotationIndex, res rotation.Result) error {
	if idx == nil || idx.PeriodID != periodID {
		return fmt.Errorf("save rotation: the index is not the period's")
	}
	bad := func(what string, i int) error {
		return fmt.Errorf("save rotation: %s index %d out of range", what, i)
	}
	teams := make([]Team, 0, len(res.Teams))
	for _, pt := range res.Teams {
		if pt.Group < 0 || pt.Group >= len(idx.GroupIDs) {
			return bad("group", pt.Group)
		}
		t := Team{ID: pt.Key, PeriodID: periodID, GroupID: idx.GroupIDs[pt.Group], Name: pt.Name, Locked: pt.Locked, Why: pt.Why}
		for _, pi := range pt.Pupils {
			if pi < 0 || pi >= len(idx.PupilIDs) || pi >= len(in.Pupils) {
				return bad("pupil", pi)
			}
			t.PupilIDs = append(t.PupilIDs, idx.PupilIDs[pi])
			if lt := in.Pupils[pi].LockedTeam; lt >= 0 && lt < len(in.Teams) && in.Teams[lt].Key == pt.Key && pt.Key != "" {
				t.LockedPupilIDs = append(t.LockedPupilIDs, idx.PupilIDs[pi])
			}
		}
		for _, bi := range pt.Route {
			if bi < 0 || bi >= len(idx.BlockIDs) {
				return bad("block", bi)
			}
			t.BlockIDs = append(t.BlockIDs, idx.BlockIDs[bi])
		}
		teams = append(teams, t)
	}
	unteamed := make([]Unteamed, 0, len(res.Unteamed))
	for _, u := range res.Unteamed {
		if u.Pupil < 0 || u.Pupil >= len(idx.PupilIDs) {
			return bad("pupil", u.Pupil)
		}
		unteamed = append(unteamed, Unteamed{PupilID: idx.PupilIDs[u.Pupil], Why: u.Why})
	}
	if err := s.SaveWeekPlan(ctx, periodID, teams, unteamed); err != nil {
		return err
	}
	// The caller shares res.Teams: it learns the keys of the new teams.
	for i := range teams {
		res.Teams[i].Key = teams[i].ID
	}
	return nil
}
