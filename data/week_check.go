package data

import (
	"context"
	"fmt"
	"sort"
	"strconv"
)

// WeekProblem is one thing wrong with a teknikprao week's input or plan,
// named so that a counsellor can find it: the host, block, group, team or
// pupil. Text is Swedish and a template over Data; Key is its translation
// key. A warning lets the week be planned; an error means the plan cannot
// be complete (or breaks a rule) until it is fixed.
type WeekProblem struct {
	Key     string
	Text    string
	Data    map[string]string
	Warning bool
	// The keys of what the problem is about ("" when not about one).
	HostID, BlockID, GroupID, TeamID, PupilID string
	// Violation is the working-time rule broken, when it is one.
	Violation *Violation
}

// Message renders the Swedish text with its data.
func (p WeekProblem) Message() string { return RenderTemplate(p.Text, p.Data) }

// CheckWeek lists what is wrong with a week: a host without a block in the
// week, a host in no group, a group whose hosts have fewer blocks than it
// has teams (or the week fewer places than pupils), a class smaller than
// the least team, a pupil in no team of the saved plan, a team larger or
// smaller than the week's team sizes, a block or a
// team's route that breaks the working-time rules, and a closing session
// that is missing or outside the week. Empty means nothing is wrong.
func (s *Store) CheckWeek(ctx context.Context, periodID string) ([]WeekProblem, error) {
	p, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if p.Format != FormatWeek {
		return nil, fmt.Errorf("%s: %w", p.Name, ErrNotWeek)
	}
	var out []WeekProblem
	add := func(wp WeekProblem) { out = append(out, wp) }
	offers, err := s.periodOffers(ctx, periodID)
	if err != nil {
		return nil, err
	}
	all, err := s.ListWeekBlocks(ctx, periodID, true)
	if err != nil {
		return nil, err
	}
	groups, err := s.ListHostGroups(ctx, periodID)
	if err != nil {
		return nil, err
	}
	teams, err := s.ListTeams(ctx, periodID)
	if err != nil {
		return nil, err
	}
	week := map[string]WeekBlock{}
	inWeek := map[string]int{} // offer → blocks in the week
	capacity := map[string]int{}
	for _, b := range all {
		week[b.ID] = b
		if b.Date.Before(p.Start) || b.Date.After(p.End) {
			add(WeekProblem{Key: "week.block_outside", Text: "Blocket {{.Block}} ligger utanför veckan ({{.Start}} – {{.End}}).",
				Data: map[string]string{"Block": b.Label(), "Start": FormatDate(p.Start), "End": FormatDate(p.End)}, HostID: b.HostID, BlockID: b.ID})
			continue
		}
		inWeek[b.OfferID]++
		capacity[b.OfferID] += b.TeamsMax
		for _, v := range CheckDay(0, OfferDay{Date: b.Date, Start: b.Start, End: b.End, BreakMinutes: b.BreakMinutes}) {
			v := v
			add(WeekProblem{Key: "week.block_rule", Text: "Blocket {{.Block}} bryter mot arbetstidsreglerna: {{.Rule}}",
				Data: map[string]string{"Block": b.Label(), "Rule": v.Message()}, HostID: b.HostID, BlockID: b.ID, Violation: &v})
		}
	}
	// Hosts, by name so that the list reads well.
	ids := make([]string, 0, len(offers))
	for id := range offers {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return offers[ids[i]].host+ids[i] < offers[ids[j]].host+ids[j] })
	grouped := map[string]bool{}
	for _, g := range groups {
		for _, o := range g.OfferIDs {
			grouped[o] = true
		}
	}
	for _, id := range ids {
		o := offers[id]
		if o.status != OfferApproved {
			add(WeekProblem{Key: "week.host_not_approved", Text: "{{.Host}} är inte godkänd ännu: dess block kommer inte med när veckan planeras.",
				Warning: true, Data: map[string]string{"Host": o.host}, HostID: o.hostID})
		}
		if inWeek[id] == 0 {
			add(WeekProblem{Key: "week.host_no_block", Text: "{{.Host}} har inget block under veckan.",
				Data: map[string]string{"Host": o.host}, HostID: o.hostID})
		}
		if len(groups) > 0 && !grouped[id] {
			add(WeekProblem{Key: "week.host_no_group", Text: "{{.Host}} är inte med i någon grupp.", Warning: true,
				Data: map[string]string{"Host": o.host}, HostID: o.hostID})
		}
	}
	// Groups: each host must have room for every team of the group.
	teamsOf := map[string]int{}
	for _, t := range teams {
		teamsOf[t.GroupID]++
	}
	places := 0
	for _, g := range groups {
		if len(g.OfferIDs) == 0 {
			add(WeekProblem{Key: "week.group_empty", Text: "Gruppen {{.Group}} har inga värdar.",
				Data: map[string]string{"Group": g.Name}, GroupID: g.ID})
			continue
		}
		least := -1
		for _, oid := range g.OfferIDs {
			c := capacity[oid]
			if offers[oid].status != OfferApproved {
				c = 0
			}
			if least < 0 || c < least {
				least = c
			}
			if n := teamsOf[g.ID]; n > c {
				add(WeekProblem{Key: "week.group_short", Text: "Gruppen {{.Group}} har {{.Teams}} team, men {{.Host}} har bara block för {{.Blocks}} team. Det saknas {{.Missing}}.",
					Data: map[string]string{"Group": g.Name, "Teams": strconv.Itoa(n), "Host": offers[oid].host,
						"Blocks": strconv.Itoa(c), "Missing": strconv.Itoa(n - c)}, GroupID: g.ID, HostID: offers[oid].hostID})
			}
		}
		places += least * p.Week.TeamMax
	}
	pupils, err := s.weekPupils(ctx, p)
	if err != nil {
		return nil, err
	}
	if len(groups) > 0 && places < len(pupils) {
		add(WeekProblem{Key: "week.too_few_places", Text: "Veckan har plats för {{.Places}} elever (med högst {{.Max}} per team) men {{.Pupils}} elever ska med.",
			Data: map[string]string{"Places": strconv.Itoa(places), "Max": strconv.Itoa(p.Week.TeamMax), "Pupils": strconv.Itoa(len(pupils))}})
	}
	// Classes smaller than the least team.
	type class struct{ school, name string }
	size := map[class]int{}
	var classes []class
	for _, pu := range pupils {
		c := class{pu.SchoolID, pu.ClassName}
		if size[c] == 0 {
			classes = append(classes, c)
		}
		size[c]++
	}
	schoolName := map[string]string{}
	if len(classes) > 0 {
		orgs, err := s.ListOrganisations(ctx, KindSchool)
		if err != nil {
			return nil, err
		}
		for _, o := range orgs {
			schoolName[o.ID] = o.Name
		}
	}
	for _, c := range classes {
		if size[c] < p.Week.TeamMin {
			wp := WeekProblem{Key: "week.class_small", Data: map[string]string{"Class": c.name, "School": schoolName[c.school],
				"Count": strconv.Itoa(size[c]), "Min": strconv.Itoa(p.Week.TeamMin)}}
			if p.Week.TeamMode == TeamModeClass {
				wp.Text = "Klassen {{.Class}} på {{.School}} har bara {{.Count}} elever, färre än minsta teamstorleken {{.Min}}, och teamen ska hålla ihop klassen."
			} else {
				wp.Key, wp.Text, wp.Warning = "week.class_small_mixed", "Klassen {{.Class}} på {{.School}} har bara {{.Count}} elever, färre än minsta teamstorleken {{.Min}}: de blandas med andra klasser.", true
			}
			add(wp)
		}
	}
	// Pupils of a saved plan who are in no team, and routes that break a rule.
	if len(teams) > 0 {
		teamed := map[string]bool{}
		for _, t := range teams {
			for _, pid := range t.PupilIDs {
				teamed[pid] = true
			}
		}
		why := map[string]string{}
		un, err := s.ListUnteamed(ctx, periodID)
		if err != nil {
			return nil, err
		}
		for _, u := range un {
			why[u.PupilID] = u.Why
		}
		for _, pu := range pupils {
			if !teamed[pu.ID] {
				add(WeekProblem{Key: "week.pupil_no_team", Text: "{{.Pupil}} ({{.Class}}) är inte med i något team. {{.Why}}",
					Data: map[string]string{"Pupil": pu.Name(), "Class": pu.ClassName, "Why": why[pu.ID]}, PupilID: pu.ID})
			}
		}
	}
	// Teams of a size outside the week's bounds, as a move by hand can
	// leave them: a host has room for TeamMax pupils a team.
	for _, t := range teams {
		n := len(t.PupilIDs)
		d := map[string]string{"Team": t.Name, "Count": strconv.Itoa(n), "Min": strconv.Itoa(p.Week.TeamMin), "Max": strconv.Itoa(p.Week.TeamMax)}
		switch {
		case n > p.Week.TeamMax:
			add(WeekProblem{Key: "week.team_big", Text: "Teamet {{.Team}} har {{.Count}} elever, fler än största teamstorleken {{.Max}}: värdarna har plats för {{.Max}} elever per team.",
				Data: d, TeamID: t.ID, GroupID: t.GroupID})
		case n < p.Week.TeamMin:
			wp := WeekProblem{Key: "week.team_small", Text: "Teamet {{.Team}} har bara {{.Count}} elever, färre än minsta teamstorleken {{.Min}}.",
				Warning: true, Data: d, TeamID: t.ID, GroupID: t.GroupID}
			if n == 1 { // not "1 elever" (review)
				wp.Key, wp.Text = "week.team_small_one", "Teamet {{.Team}} har bara 1 elev, färre än minsta teamstorleken {{.Min}}."
			}
			add(wp)
		}
	}
	closing, hasClosing := Event{}, false
	if p.ClosingEventID != "" {
		if e, err := s.GetEvent(ctx, p.ClosingEventID); err == nil {
			closing, hasClosing = e, true
		}
	}
	for _, t := range teams {
		var spans []WorkSpan
		for _, bid := range t.BlockIDs {
			if b, ok := week[bid]; ok {
				spans = append(spans, b.Span())
			}
		}
		if hasClosing {
			spans = append(spans, closingSpan(closing))
		}
		for _, v := range CheckPupilWeek(spans) {
			v := v
			add(WeekProblem{Key: "week.route_rule", Text: "Teamet {{.Team}} bryter mot arbetstidsreglerna: {{.Rule}}",
				Data: map[string]string{"Team": t.Name, "Rule": v.Message()}, TeamID: t.ID, GroupID: t.GroupID, Violation: &v})
		}
	}
	switch {
	case p.ClosingEventID == "":
		add(WeekProblem{Key: "week.no_closing", Text: "Veckan har ingen gemensam avslutning.", Warning: true, Data: map[string]string{}})
	case !hasClosing:
		add(WeekProblem{Key: "week.closing_missing", Text: "Avslutningen finns inte längre bland evenemangen.", Data: map[string]string{}})
	default:
		day := closing.Start.In(Stockholm)
		d := mustDate(day.Format(DateLayout))
		if d.Before(p.Start) || d.After(p.End) {
			add(WeekProblem{Key: "week.closing_outside", Text: "Avslutningen {{.Title}} ({{.Date}}) ligger utanför veckan ({{.Start}} – {{.End}}).",
				Data: map[string]string{"Title": closing.Title, "Date": FormatDate(d), "Start": FormatDate(p.Start), "End": FormatDate(p.End)}})
		}
	}
	return out, nil
}

// closingSpan is the closing session as time at prao, for the checks.
func closingSpan(e Event) WorkSpan {
	st, en := e.Start.In(Stockholm), e.End.In(Stockholm)
	d := mustDate(st.Format(DateLayout))
	end := Clock(en.Hour()*60 + en.Minute())
	if FormatDate(mustDate(en.Format(DateLayout))) != FormatDate(d) {
		end = 23*60 + 59
	}
	return WorkSpan{Date: d, Start: Clock(st.Hour()*60 + st.Minute()), End: end, Host: e.Title}
}
