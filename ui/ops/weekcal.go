package ops

import (
	"context"
	"fmt"
	"strings"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/data/text"
	"techniqual/reports"
)

// WeekCalendar says which calendar of a teknikprao week to write: the
// pupils' weeks (those Filter chooses), one team's (Team, by name) or one
// host's blocks with the teams coming (HostID).
type WeekCalendar struct {
	PeriodID string
	Filter   data.DocFilter
	Team     string
	HostID   string
}

// NotFoundError names what a week's calendar was asked for and the week
// does not have: a team or a host.
type NotFoundError struct {
	What, Name string // "team" or "host", and its name
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("there is no %s %q in the week's plan", e.What, e.Name)
}

// Swedish says it in Swedish.
func (e *NotFoundError) Swedish() string {
	what := map[string]string{"team": "inget team", "host": "ingen värd"}[e.What]
	return fmt.Sprintf("veckans planering har %s som heter %q", what, e.Name)
}

// SaveWeekCalendar writes the calendar c of a teknikprao week to path: for
// pupils and a team one entry per block of the route and one for the
// closing session, for a host one per block with the teams coming (a
// pupil with protected identity as "Elev via skolan" unless
// o.IncludeProtected). The file is recorded in the audit log with the
// pupils it names. It returns how many pupils the file lists. ErrNoPlan
// means the week has no saved plan, calendar.ErrNothing that there was
// nothing to write, *NotFoundError that the team or host is not in the plan.
func SaveWeekCalendar(ctx context.Context, st *data.Store, c WeekCalendar, path string, o calendar.Options) (int, error) {
	d, err := WeekDocuments(ctx, st, c.PeriodID, c.Filter, o.Lang)
	if err != nil {
		return 0, err
	}
	l := text.Swedish
	if o.Lang == "en" {
		l = text.English
	}
	var entries []calendar.WeekEntry
	var ids []string
	var name, action string
	closing := func(key string, cl reports.WeekClosing) {
		if cl.Date.IsZero() {
			return
		}
		entries = append(entries, calendar.WeekEntry{Key: key, Date: cl.Date, Start: cl.Start, End: cl.End,
			Summary: joinNonEmpty(": ", l.Pick("Teknikprao", "Technology work experience"), cl.Title), Location: cl.Venue, Description: cl.Programme})
	}
	switch {
	case c.Team != "":
		var team *reports.WeekTeam
		for i := range d.Teams {
			if strings.EqualFold(strings.TrimSpace(d.Teams[i].Name), strings.TrimSpace(c.Team)) {
				team = &d.Teams[i]
				break
			}
		}
		if team == nil {
			return 0, &NotFoundError{What: "team", Name: c.Team}
		}
		var members []string
		for _, m := range team.Members {
			if m.Pupil.Protected && !o.IncludeProtected {
				members = append(members, l.Pick("Elev via skolan", "Pupil via the school"))
				continue
			}
			members = append(members, m.Pupil.FirstName+" "+m.Pupil.LastName)
			ids = append(ids, m.Pupil.ID)
		}
		who := l.Pick("Teamet: ", "The team: ") + strings.Join(members, ", ")
		for _, b := range team.Route {
			entries = append(entries, blockEntry(l, team.Name+"-"+b.Host.ID, team.Name+": "+b.Host.Name, b, who))
		}
		closing(team.Name+"-closing", team.Closing)
		name, action = team.Name+" – "+team.Period.Name, "ics team"
	case c.HostID != "":
		var host *reports.HostRunsheet
		for i := range d.Hosts {
			if d.Hosts[i].Host.ID == c.HostID {
				host = &d.Hosts[i]
			}
		}
		if host == nil {
			return 0, &NotFoundError{What: "host", Name: c.HostID}
		}
		seen := map[string]bool{}
		for _, rb := range host.Blocks {
			var lines []string
			for _, t := range rb.Teams {
				var who []string
				for _, m := range t.Members {
					if m.Pupil.Protected && !o.IncludeProtected {
						who = append(who, l.Pick("Elev via skolan", "Pupil via the school"))
						continue
					}
					who = append(who, joinNonEmpty(" ", m.Pupil.FirstName, paren(m.Pupil.ClassName)))
					if !seen[m.Pupil.ID] {
						seen[m.Pupil.ID] = true
						ids = append(ids, m.Pupil.ID)
					}
				}
				lines = append(lines, t.Name+": "+strings.Join(who, ", "))
			}
			teams := l.Pick("Inget team", "No team")
			if len(lines) > 0 {
				teams = strings.Join(lines, "\n")
			}
			summary := l.Pick("Teknikprao", "Technology work experience")
			if n := len(rb.Teams); n > 0 {
				names := make([]string, n)
				for i, t := range rb.Teams {
					names[i] = t.Name
				}
				summary += ": " + strings.Join(names, ", ")
			}
			entries = append(entries, blockEntry(l, host.Host.ID, summary, rb.Block, teams))
		}
		name, action = host.Host.Name+" – "+host.Period.Name, "ics host"
	default:
		several := len(d.Pupils) > 1
		for _, p := range d.Pupils {
			for _, b := range p.Route {
				summary := l.Pick("Teknikprao hos ", "Technology work experience at ") + b.Host.Name
				if several {
					summary = p.Pupil.Name() + ": " + summary
				}
				entries = append(entries, blockEntry(l, p.Pupil.ID+"-"+b.Host.ID, summary, b, ""))
			}
			closing(p.Pupil.ID+"-closing", p.Closing)
			ids = append(ids, p.Pupil.ID)
		}
		if len(d.Pupils) == 1 {
			name = d.Pupils[0].Pupil.Name() + " – " + d.Pupils[0].Period.Name
		} else if len(d.Pupils) > 1 {
			name = d.Pupils[0].Period.Name
		}
		action = "ics pupils"
	}
	if len(entries) == 0 {
		return 0, calendar.ErrNothing
	}
	if err := calendar.SaveWeek(path, name, entries, o); err != nil {
		return 0, err
	}
	if len(ids) > 0 {
		if err := record(ctx, st, &data.AuditEntry{Action: action, What: path, RecordIDs: ids, Detail: name}, path); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// blockEntry is a block as a calendar entry: where, what to bring and do,
// and extra (the team, or the teams coming).
func blockEntry(l text.Lang, key, summary string, b reports.WeekBlock, extra string) calendar.WeekEntry {
	addr := strings.TrimSpace(b.Address)
	if addr == "" {
		addr = b.Host.VisitingAddress
	}
	var sup string
	if b.Supervisor != nil {
		sup = joinNonEmpty(", ", b.Supervisor.Name(), b.Supervisor.Phone)
	}
	lines := []string{
		field(l.Pick("Program", "Programme"), b.Activities),
		field(l.Pick("Handledare", "Supervisor"), sup),
		field(l.Pick("Hitta hit", "Getting there"), b.TravelInfo),
		field(l.Pick("Lunch", "Lunch"), b.LunchInfo),
		field(l.Pick("Ta med", "What to bring"), b.WhatToBring),
		extra,
	}
	return calendar.WeekEntry{Key: key, Date: b.Date, Start: b.Start, End: b.End, Summary: summary, Location: joinNonEmpty(", ", b.Host.Name, addr),
		Description: joinNonEmpty("\n", lines...)}
}

// field is "label: value", or "" without a value.
func field(label, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return label + ": " + strings.TrimSpace(value)
}

// paren is "(s)", or "" when s is blank.
func paren(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "(" + s + ")"
}

// joinNonEmpty joins the parts that are not blank.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
