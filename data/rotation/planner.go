package rotation

import (
	"cmp"
	"fmt"
	"slices"
)

// planner holds one run of Plan.
type planner struct {
	in      *Instance
	opt     Options
	w       *week
	left    []int   // block capacity left after locked routes
	fixed   []int   // per pupil: the instance team they stay in, or NoTeam
	members [][]int // per instance team: its fixed pupils, sorted
	groups  []groupState
	group   []int   // per free pupil: its group after assignGroups, or -1
	friends [][]int // per pupil: friends, sorted, no repeats
	offCost int64
	// trimmed[g] > 0: the group had that many pupils, who could not form
	// teams, and was bounded below it.
	trimmed []int
	res     Result
}

// groupState is what planning knows about one group before splitting.
type groupState struct {
	locked []int // locked instance teams
	seeded []int // unlocked instance teams with locked pupils
	cap    groupCap
	// need and room are the free pupils the seeded teams need to reach
	// TeamMin and can take up to TeamMax.
	need, room int
	seats      int // free pupils the group can take
}

func newPlanner(in *Instance) *planner {
	p := &planner{in: in, opt: in.Options}
	np := len(in.Pupils)
	p.w = newWeek(len(in.Hosts), in.Blocks, p.opt.TravelMinutes)
	p.w.maxTeams = np/p.opt.TeamMin + len(in.Teams) + 1
	p.fixed = make([]int, np)
	for i := range p.fixed {
		p.fixed[i] = NoTeam
	}
	p.members = make([][]int, len(in.Teams))
	for t, tm := range in.Teams {
		if tm.Locked {
			for _, i := range tm.Pupils {
				p.fixed[i] = t
			}
		}
	}
	for i, pu := range in.Pupils {
		if pu.LockedTeam != NoTeam && p.fixed[i] == NoTeam {
			p.fixed[i] = pu.LockedTeam
		}
	}
	for i, t := range p.fixed {
		if t != NoTeam {
			p.members[t] = append(p.members[t], i)
		}
	}
	p.friends = make([][]int, np)
	for _, f := range in.Friends {
		p.friends[f[0]] = append(p.friends[f[0]], f[1])
		p.friends[f[1]] = append(p.friends[f[1]], f[0])
	}
	for i := range p.friends {
		slices.Sort(p.friends[i])
		p.friends[i] = slices.Compact(p.friends[i])
	}
	p.left = p.w.capacities()
	for _, tm := range in.Teams {
		if tm.Locked {
			for _, b := range tm.Route {
				p.left[b]--
			}
		}
	}
	p.groups = make([]groupState, len(in.Groups))
	for t, tm := range in.Teams {
		gs := &p.groups[tm.Group]
		switch {
		case tm.Locked:
			gs.locked = append(gs.locked, t)
		case len(p.members[t]) > 0:
			gs.seeded = append(gs.seeded, t)
			f := len(p.members[t])
			gs.need += max(0, p.opt.TeamMin-f)
			gs.room += max(0, p.opt.TeamMax-f)
		}
	}
	for g := range p.groups {
		gs := &p.groups[g]
		gs.cap = p.w.capacity(in.Groups[g].Hosts, p.left)
		// A locked team without a route gets one: it takes a slot.
		for _, t := range gs.locked {
			if len(in.Teams[t].Route) == 0 {
				gs.cap.slots = max(0, gs.cap.slots-1)
			}
		}
		gs.seats = gs.room + max(0, gs.cap.slots-len(gs.seeded))*p.opt.TeamMax
	}
	return p
}

// teamCounts returns the numbers of teams (seeded teams included) into
// which group g can split m free pupils, smallest first.
func (p *planner) teamCounts(g, m int) []int {
	gs := &p.groups[g]
	s := len(gs.seeded)
	var ks []int
	for k := s; k <= max(s, gs.cap.slots); k++ {
		if k == 0 {
			if m == 0 {
				ks = append(ks, 0)
			}
			continue
		}
		extra := k - s
		if gs.need+extra*p.opt.TeamMin <= m && m <= gs.room+extra*p.opt.TeamMax {
			ks = append(ks, k)
		}
	}
	return ks
}

func (p *planner) run() (Result, error) {
	if err := p.assignGroups(); err != nil {
		return Result{}, err
	}
	if p.opt.MixRule || p.opt.FriendsTogether {
		p.improveGroups()
	}
	p.res.Teams = []PlannedTeam{}
	p.res.Unteamed = []Unteamed{}
	p.res.Shortages = []Shortage{}
	for g := range p.in.Groups {
		p.planGroup(g)
	}
	p.weekShortages()
	slices.SortFunc(p.res.Unteamed, func(a, b Unteamed) int { return cmp.Compare(a.Pupil, b.Pupil) })
	// The same fact can be found twice (a group's plan and the week's).
	seen := map[Shortage]bool{}
	p.res.Shortages = slices.DeleteFunc(p.res.Shortages, func(s Shortage) bool {
		dup := seen[s]
		seen[s] = true
		return dup
	})
	return p.res, nil
}

// weekShortages reports pupils in no group, hosts in no group and blocks
// over their capacity because of locked teams.
func (p *planner) weekShortages() {
	in := p.in
	unplaced, seats, slots := 0, 0, 0
	for i := range in.Pupils {
		if p.fixed[i] == NoTeam && p.group[i] < 0 {
			unplaced++
			p.res.Unteamed = append(p.res.Unteamed, Unteamed{Pupil: i, Why: p.whyNoGroup(i)})
		}
	}
	for g := range p.groups {
		seats += p.groups[g].seats
		slots += p.groups[g].cap.slots
	}
	if unplaced > 0 {
		text := fmt.Sprintf("%s utan team: grupperna har plats för %d elever till i %d team.", count(unplaced, "En elev", "elever"), seats, slots)
		if len(in.Groups) == 0 {
			text = fmt.Sprintf("Veckan har inga värdgrupper: %s utan team.", count(unplaced, "en elev", "elever"))
		}
		p.res.Shortages = append(p.res.Shortages, Shortage{Group: -1, Text: text})
	}
	if unplaced > 0 {
		// What would give a group one more team: only where its blocks
		// are uneven (some host could take more teams than the routes).
		for g, gs := range p.groups {
			most := 0
			for _, h := range in.Groups[g].Hosts {
				c := 0
				for _, b := range p.w.byHost[h] {
					c += teamsMax(&in.Blocks[b])
				}
				most = max(most, c)
			}
			k := len(gs.locked) + gs.cap.complete
			if gs.cap.complete > 0 && most > k {
				for _, text := range p.shortages(g, k+1, k, false) {
					p.res.Shortages = append(p.res.Shortages, Shortage{Group: g, Text: text})
				}
			}
		}
	}
	inGroup := make([]bool, len(in.Hosts))
	for _, gr := range in.Groups {
		for _, h := range gr.Hosts {
			inGroup[h] = true
		}
	}
	for h := range in.Hosts {
		if !inGroup[h] && len(p.w.byHost[h]) > 0 {
			p.res.Shortages = append(p.res.Shortages, Shortage{Group: -1, Text: fmt.Sprintf("Värden %s har block men är inte med i någon grupp.", hostLabel(in, h))})
		}
	}
	for b := range in.Blocks {
		if p.left[b] < 0 {
			used := teamsMax(&in.Blocks[b]) - p.left[b]
			p.res.Shortages = append(p.res.Shortages, Shortage{Group: -1, Text: fmt.Sprintf("%s har %d team men tar %d: låsta team går före.",
				capitalize(blockLabel(in, b)), used, teamsMax(&in.Blocks[b]))})
		}
	}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// whyNoGroup says why a free pupil is in no group.
func (p *planner) whyNoGroup(i int) string {
	in := p.in
	ws := in.Pupils[i].Groups
	if len(in.Groups) == 0 {
		return "Veckan har inga värdgrupper."
	}
	// A group bounded because its pupils could not form teams.
	cands := slices.Clone(ws)
	if len(ws) == 0 || !p.opt.WishesOnly {
		for g := range in.Groups {
			cands = append(cands, g)
		}
	}
	for _, g := range cands {
		if n := p.trimmed[g]; n > 0 {
			if n < p.opt.TeamMin && len(p.groups[g].seeded) == 0 {
				return fmt.Sprintf("Grupp %s fick bara %s, för få för ett team (minst %d).", groupLabel(in, g), count(n, "en elev", "elever"), p.opt.TeamMin)
			}
			return fmt.Sprintf("Grupp %s fick %s, som inte ryms i team om %d–%d elever.", groupLabel(in, g), count(n, "en elev", "elever"), p.opt.TeamMin, p.opt.TeamMax)
		}
	}
	switch {
	case p.opt.WishesOnly && len(ws) > 0:
		names := make([]string, len(ws))
		for k, g := range ws {
			names[k] = groupLabel(in, g)
		}
		return fmt.Sprintf("Grupperna eleven önskat (%s) är fulla.", joinNames(names))
	}
	return "Alla grupper är fulla: blocken räcker inte till fler team."
}

// planGroup splits group g's pupils into teams, gives them routes and
// reports what the group lacks.
func (p *planner) planGroup(g int) {
	in := p.in
	gs := &p.groups[g]
	hosts := in.Groups[g].Hosts
	var free []int
	for i, gi := range p.group {
		if gi == g {
			free = append(free, i)
		}
	}
	// Seeded teams first, then new ones.
	var slots []slot
	for _, t := range gs.seeded {
		slots = append(slots, p.seededSlot(t, false))
	}
	ks := p.teamCounts(g, len(free))
	var dropped []int
	if len(ks) == 0 {
		// No number of teams fits everyone: team as many as fit, the rest
		// get a reason. With too few pupils for the seeded teams, they
		// stay small.
		m := len(free) - 1
		for ; m >= 0 && len(p.teamCounts(g, m)) == 0; m-- {
		}
		if m >= 0 {
			dropped, free = free[m:], free[:m]
			ks = p.teamCounts(g, m)
		} else {
			for k := range slots {
				slots[k] = p.seededSlot(gs.seeded[k], true)
			}
			ks = []int{len(slots)}
		}
	}
	G, B, O := genderCounts(in, free)
	var add [][3]int
	best := -1
	var bestSlots []slot
	// Fewest breaks of the composition rule first; then teams whose mean
	// size is nearest the middle of TeamMin..TeamMax (20 pupils and
	// teams of 4–6: four teams of five, not three of six and seven);
	// then fewer teams.
	n := len(free)
	for _, t := range gs.seeded {
		n += len(p.members[t])
	}
	off := func(k int) int { return abs(2*n-k*(p.opt.TeamMin+p.opt.TeamMax)) * 1000 / max(k, 1) }
	slices.SortStableFunc(ks, func(a, b int) int { return cmp.Compare(off(a), off(b)) })
	for _, k := range ks {
		try := slices.Clone(slots)
		for len(try) < k {
			try = append(try, slot{src: -1, lo: p.opt.TeamMin, hi: p.opt.TeamMax})
		}
		a, breaks, ok := splitCounts(try, G, B, O, p.opt.MixRule)
		if ok && (best < 0 || breaks < best) {
			best, add, bestSlots = breaks, a, try
		}
	}
	if best < 0 {
		// No split at all (seeded teams with too little room): the
		// seeded teams stay as they are and the free pupils get a reason.
		dropped, free = append(dropped, free...), nil
		bestSlots = slots[:0:0]
		for _, t := range gs.seeded {
			bestSlots = append(bestSlots, p.seededSlot(t, true))
		}
		add = make([][3]int, len(bestSlots))
	}
	slots = bestSlots
	teamed := p.placeInTeams(slots, add, free)
	total := len(dropped) + len(free)
	for _, t := range gs.seeded {
		total += len(p.members[t])
	}
	for _, i := range dropped {
		why := fmt.Sprintf("Grupp %s har %s, som inte ryms i team om %d–%d elever (gruppen tar högst %s).",
			groupLabel(in, g), count(total, "en elev", "elever"), p.opt.TeamMin, p.opt.TeamMax, count(max(gs.cap.slots, len(gs.seeded)), "ett team", "team"))
		if len(free) == 0 && len(gs.seeded) == 0 {
			why = fmt.Sprintf("Grupp %s fick bara %s, för få för ett team (minst %d).", groupLabel(in, g), count(len(dropped), "en elev", "elever"), p.opt.TeamMin)
		}
		p.res.Unteamed = append(p.res.Unteamed, Unteamed{Pupil: i, Why: why})
	}

	// Teams of the group: locked ones as they are, then the slots.
	var teams []PlannedTeam
	var needRoute []int // positions in teams
	for _, t := range gs.locked {
		tm := &in.Teams[t]
		pt := PlannedTeam{Key: tm.Key, Name: tm.Name, Group: g, Pupils: slices.Clone(p.members[t]), Route: slices.Clone(tm.Route), Locked: true}
		if len(pt.Route) == 0 {
			needRoute = append(needRoute, len(teams))
		}
		teams = append(teams, pt)
	}
	used := map[string]bool{}
	for _, t := range gs.seeded {
		used[in.Teams[t].Name] = true
	}
	for _, t := range gs.locked {
		used[in.Teams[t].Name] = true
	}
	next := 1
	for k, sl := range slots {
		pt := PlannedTeam{Group: g, Pupils: slices.Concat(sl.fixed, teamed[k])}
		slices.Sort(pt.Pupils)
		if sl.src >= 0 {
			pt.Key, pt.Name = in.Teams[sl.src].Key, in.Teams[sl.src].Name
		} else {
			for {
				pt.Name = fmt.Sprintf("%s team %d", groupLabel(in, g), next)
				next++
				if !used[pt.Name] {
					break
				}
			}
		}
		needRoute = append(needRoute, len(teams))
		teams = append(teams, pt)
	}
	routes := p.w.routes(hosts, p.left, len(needRoute))
	for k, pos := range needRoute {
		teams[pos].Route = routes[k]
	}
	complete := 0
	for k := range teams {
		sortRoute(in, teams[k].Route)
		if len(teams[k].Route) == len(hosts) {
			complete++
		}
		teams[k].Why = p.why(g, &teams[k], G, B, len(slots))
	}
	missing := len(teams) - complete
	for _, text := range p.shortages(g, len(teams), len(teams)-missing, true) {
		p.res.Shortages = append(p.res.Shortages, Shortage{Group: g, Text: text})
	}
	p.res.Teams = append(p.res.Teams, teams...)
}

// seededSlot is the slot of an unlocked team with locked pupils. small
// lets it stay below TeamMin.
func (p *planner) seededSlot(t int, small bool) slot {
	f := p.members[t]
	s := slot{src: t, fixed: f, hi: max(0, p.opt.TeamMax-len(f))}
	s.fg, s.fb, s.fo = genderCounts(p.in, f)
	if !small {
		s.lo = max(0, p.opt.TeamMin-len(f))
	}
	return s
}

func genderCounts(in *Instance, pupils []int) (girls, boys, other int) {
	for _, i := range pupils {
		switch in.Pupils[i].Gender {
		case Girl:
			girls++
		case Boy:
			boys++
		default:
			other++
		}
	}
	return
}

// why says why a team breaks the composition rule or meets fewer hosts
// than its group has (Swedish); "" when neither. G and B are the girls and
// boys the group's split had, on k teams.
func (p *planner) why(g int, pt *PlannedTeam, G, B, k int) string {
	in := p.in
	var parts []string
	if p.opt.MixRule {
		girls, boys, _ := genderCounts(in, pt.Pupils)
		var lone []string
		if girls == 1 {
			lone = append(lone, "1 flicka")
		}
		if boys == 1 {
			lone = append(lone, "1 pojke")
		}
		if len(lone) > 0 {
			var reason string
			switch {
			case pt.Locked:
				reason = "teamet är låst"
			case girls == 1 && G+countLocked(p, pt, Girl) == 1:
				reason = "gruppen har bara 1 flicka"
			case boys == 1 && B+countLocked(p, pt, Boy) == 1:
				reason = "gruppen har bara 1 pojke"
			default:
				reason = fmt.Sprintf("gruppen har %d flickor och %d pojkar på %s om %d–%d elever; färre regelbrott går inte",
					G+countLocked(p, pt, Girl), B+countLocked(p, pt, Boy), count(k, "ett team", "team"), p.opt.TeamMin, p.opt.TeamMax)
			}
			parts = append(parts, fmt.Sprintf("%s i teamet: %s.", joinNames(lone), reason))
		}
	}
	if !pt.Locked {
		switch n := len(pt.Pupils); {
		case n < p.opt.TeamMin:
			parts = append(parts, fmt.Sprintf("För få elever i teamet (%d, minst %d): fler fanns inte att flytta hit.", n, p.opt.TeamMin))
		case n > p.opt.TeamMax:
			parts = append(parts, fmt.Sprintf("För många låsta elever i teamet (%d, högst %d).", n, p.opt.TeamMax))
		}
	}
	hosts := in.Groups[g].Hosts
	if len(pt.Route) < len(hosts) {
		met := make([]bool, len(in.Hosts))
		for _, b := range pt.Route {
			met[in.Blocks[b].Host] = true
		}
		var not []string
		for _, h := range hosts {
			if !met[h] {
				not = append(not, hostLabel(in, h))
			}
		}
		parts = append(parts, fmt.Sprintf("Teamet möter %d av %d värdar (inte %s): blocken räcker inte.", len(pt.Route), len(hosts), joinNames(not)))
	}
	if len(parts) == 0 {
		return ""
	}
	return joinWords(parts)
}

// countLocked counts the locked pupils of gender x in the group's seeded
// teams: they are part of the group's split but not of its free pupils.
func countLocked(p *planner, pt *PlannedTeam, x Gender) int {
	n := 0
	for _, t := range p.groups[pt.Group].seeded {
		for _, i := range p.members[t] {
			if p.in.Pupils[i].Gender == x {
				n++
			}
		}
	}
	return n
}

func joinWords(parts []string) string {
	s := parts[0]
	for _, x := range parts[1:] {
		s += " " + x
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
