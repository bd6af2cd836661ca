package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"techniqual/data"
	"techniqual/data/rotation"
)

// PlanFunc plans a teknikprao week from the planner's input. The example
// data calls it for every week it makes and stores the result with
// Store.SaveRotation.
type PlanFunc func(ctx context.Context, in rotation.Instance) (rotation.Result, error)

// Planner is the planner the example weeks use when Config.Planner is nil:
// the real one, rotation.Plan, so every example week has a saved plan,
// block attendance and team feedback. Tests may set Config.Planner to
// exercise other plans.
var Planner PlanFunc = func(_ context.Context, in rotation.Instance) (rotation.Result, error) {
	return rotation.Plan(in)
}

// week describes one example teknikprao week.
type week struct {
	name   string
	grade  int // the grade in the week's school year
	start  time.Time
	status data.PeriodStatus
	school int // index of the school that takes part
}

// exampleWeeks are the teknikprao weeks: one in school year 2025/26 (taken
// by today's grade-9 pupils in grade 8) and two in 2026/27, a past one with
// feedback and a coming one where pupils have ranked the groups.
var exampleWeeks = []week{
	{"Teknikprao åk 8 v. 17 2026", 8, date(2026, 4, 20), data.PeriodDone, 0},
	{"Teknikprao åk 9 v. 41 2026", 9, date(2026, 10, 5), data.PeriodDone, 1},
	{"Teknikprao åk 8 v. 20 2027", 8, date(2027, 5, 17), data.PeriodChoosing, 0},
}

var feedbackComments = []string{"Roligast var att få bygga något själv.", "Bra att vi fick prata med dem som jobbar där.",
	"Lite för mycket prat i början.", "Jag vill göra mer sånt här!", "Förebilden berättade om sin väg, det var intressant.",
	"Vi hann inte klart med projektet.", "Bäst av alla morgnar!"}

// weeks makes the example teknikprao weeks: for each, a period in the week
// format with one school's pupils of the grade, groups of four hosts near
// each other with blocks Monday–Thursday 08:30–12:00 (one or two teams
// each), a closing session on the Friday at Karlstads universitet, the
// pupils' group choices, and, for a past week, feedback on the mornings
// (and, when a planner is wired, the plan, block attendance and named
// feedback).
func (g *gen) weeks(schools []data.Organisation, companies []company, plan PlanFunc) error {
	for wi, wk := range exampleWeeks {
		school := schools[wk.school%len(schools)]
		friday := wk.start.AddDate(0, 0, 4)
		closing := data.Event{Title: "Avslutning – " + wk.name, Kind: data.EventPupil,
			Start: time.Date(friday.Year(), friday.Month(), friday.Day(), 9, 0, 0, 0, data.Stockholm),
			End:   time.Date(friday.Year(), friday.Month(), friday.Day(), 12, 0, 0, 0, data.Stockholm),
			Venue: "Karlstads universitet",
			Description: "Veckan avslutas tillsammans: elever, företag och studenter från universitetet berättar om " +
				"utbildningar och framtiden. Program: 09.00 välkomna, 09.20 studenter berättar, 10.15 fika och mingel med företagen, 11.30 avslut."}
		if err := g.st.SaveEvent(g.ctx, &closing); err != nil {
			return err
		}
		g.n.Events++
		p := data.Period{Name: wk.name, Grade: wk.grade, Start: wk.start, End: friday, Status: wk.status,
			SchoolIDs: []string{school.ID}, Format: data.FormatWeek, Week: data.DefaultWeekSettings(), ClosingEventID: closing.ID}
		if err := g.st.SavePeriod(g.ctx, &p); err != nil {
			return err
		}
		g.n.Periods++
		in, _, err := g.st.RotationInput(g.ctx, p.ID)
		if err != nil {
			return err
		}
		pupils := len(in.Pupils)
		teams := (pupils + 4) / 5
		nGroups := max(1, min((teams+3)/4, len(companies)/4))
		hosts := make([]company, 0, 4*nGroups)
		for k := 0; k < 4*nGroups; k++ {
			hosts = append(hosts, companies[(wi*7+k)%len(companies)])
		}
		// Hosts near each other share a group.
		sort.SliceStable(hosts, func(i, j int) bool {
			if hosts[i].org.Municipality != hosts[j].org.Municipality {
				return hosts[i].org.Municipality < hosts[j].org.Municipality
			}
			return hosts[i].org.Name < hosts[j].org.Name
		})
		var groups []data.HostGroup
		var blocks []string
		for gi := 0; gi < nGroups; gi++ {
			grp := data.HostGroup{Name: fmt.Sprintf("Ring %d – %s", gi+1, hosts[4*gi].org.Municipality)}
			for _, c := range hosts[4*gi : 4*gi+4] {
				o, err := g.weekOffer(p, c)
				if err != nil {
					return err
				}
				grp.OfferIDs = append(grp.OfferIDs, o.ID)
				for _, d := range o.Days {
					blocks = append(blocks, d.ID)
				}
			}
			groups = append(groups, grp)
		}
		if err := g.st.SaveHostGroups(g.ctx, p.ID, groups); err != nil {
			return err
		}
		in, idx, err := g.st.RotationInput(g.ctx, p.ID)
		if err != nil {
			return err
		}
		for _, pid := range idx.PupilIDs {
			if g.rng.IntN(10) < 3 {
				continue // no wish: any group will do
			}
			order := g.rng.Perm(len(groups))[:min(len(groups), 1+g.rng.IntN(3))]
			var ids []string
			for _, k := range order {
				ids = append(ids, groups[k].ID)
			}
			if err := g.st.SetGroupPreferences(g.ctx, pid, p.ID, ids); err != nil {
				return err
			}
		}
		past := wk.status == data.PeriodDone
		if plan != nil {
			in, idx, err = g.st.RotationInput(g.ctx, p.ID)
			if err != nil {
				return err
			}
			res, err := plan(g.ctx, in)
			if err != nil {
				return fmt.Errorf("example week %s: %w", p.Name, err)
			}
			if err := g.st.SaveRotation(g.ctx, p.ID, in, idx, res); err != nil {
				return fmt.Errorf("example week %s: %w", p.Name, err)
			}
			if past {
				if err := g.teamFeedback(p); err != nil {
					return err
				}
			}
		} else if past {
			if err := g.paperFeedback(blocks); err != nil {
				return err
			}
		}
	}
	return nil
}

// weekOffer is a host's participation in a week: one offer whose days are
// its blocks, Monday–Thursday 08:30–12:00, for one or two teams at once,
// each block with one or two of the host's role models.
func (g *gen) weekOffer(p data.Period, c company) (data.Offer, error) {
	teamsMax := 2
	if g.rng.IntN(4) == 0 {
		teamsMax = 1
	}
	o := data.Offer{HostID: c.org.ID, PeriodID: p.ID, Title: "Teknikmorgon: " + g.pick(offerTitles), Capacity: 6 * 4 * teamsMax,
		Description:     "Två välplanerade morgnar där laget får prova på och träffa människor i olika yrken hos " + c.org.Name + ".",
		VisitingAddress: c.org.VisitingAddress, SupervisorID: c.supervisors[0].ID,
		WhatToBring: "Oömma kläder och skor.", TravelInfo: "Buss till hållplatsen vid huvudentrén, 5 minuters promenad.",
		LunchInfo: "Ingen lunch: eftermiddagen är i skolan.",
		Safety:    data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
		Status:    data.OfferApproved}
	for k := 0; k < 2 && k < len(c.roleModels); k++ {
		o.RoleModelIDs = append(o.RoleModelIDs, c.roleModels[k].ID)
	}
	for k, d := range data.Weekdays(p.Start, p.Start.AddDate(0, 0, 3)) {
		day := data.OfferDay{Date: d, Start: 8*60 + 30, End: 12 * 60, TeamsMax: teamsMax, Activities: activities[(k+g.rng.IntN(3))%len(activities)]}
		for m := 0; m < 1+g.rng.IntN(2); m++ {
			rm := c.roleModels[(k+m)%len(c.roleModels)].ID
			if len(day.RoleModelIDs) == 0 || day.RoleModelIDs[0] != rm {
				day.RoleModelIDs = append(day.RoleModelIDs, rm)
			}
		}
		o.Days = append(o.Days, day)
	}
	if err := g.st.SaveOffer(g.ctx, &o); err != nil {
		return o, err
	}
	g.n.Offers++
	return o, nil
}

// score draws an answer 1–5 leaning to the good side, or 0 (unanswered).
func (g *gen) score() int {
	if g.rng.IntN(15) == 0 {
		return 0
	}
	return min(5, 2+g.rng.IntN(3)+g.rng.IntN(2))
}

func (g *gen) answer(f *data.BlockFeedback) error {
	f.Fun, f.Learned, f.People, f.Interest = g.score(), g.score(), g.score(), g.score()
	if g.rng.IntN(4) == 0 {
		f.Comment = g.pick(feedbackComments)
	}
	return g.st.SaveBlockFeedback(g.ctx, f)
}

// paperFeedback is a past week's feedback entered from paper, without
// names: a few answers per block.
func (g *gen) paperFeedback(blocks []string) error {
	for _, b := range blocks {
		for k := 0; k < 3+g.rng.IntN(6); k++ {
			if err := g.answer(&data.BlockFeedback{BlockID: b}); err != nil {
				return err
			}
		}
	}
	return nil
}

// teamFeedback is a past week's attendance and named feedback: every
// member of a team in every block of its route.
func (g *gen) teamFeedback(p data.Period) error {
	teams, err := g.st.ListTeams(g.ctx, p.ID)
	if err != nil {
		return err
	}
	for _, t := range teams {
		for _, b := range t.BlockIDs {
			for _, pid := range t.PupilIDs {
				a := data.BlockAttendance{PupilID: pid, BlockID: b, Status: data.AttendancePresent}
				if g.rng.IntN(25) == 0 {
					a.Status = data.AttendanceSick
				}
				if err := g.st.SetBlockAttendance(g.ctx, a); err != nil {
					return err
				}
				if a.Status == data.AttendancePresent && g.rng.IntN(10) < 7 {
					if err := g.answer(&data.BlockFeedback{PupilID: pid, BlockID: b, TeamID: t.ID}); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
