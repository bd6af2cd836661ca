package ops

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
)

// ErrNoPlan is returned when a week's documents are asked for before its
// plan is saved: there are no teams to print. Message says it in Swedish too.
var ErrNoPlan error = noPlan{}

type noPlan struct{}

func (noPlan) Error() string { return "no plan saved yet (run: techniqual rotation plan --save)" }

// Swedish says it in Swedish.
func (noPlan) Swedish() string {
	return "ingen planering är sparad ännu (kör: techniqual rotation plan --save)"
}

// FeedbackQuestions are the four 1–5 questions pupils answer about a
// block, in the order of data.BlockFeedback's scores, in lang ("sv" or "en").
func FeedbackQuestions(lang string) []string {
	if lang == "en" {
		return []string{"It was fun", "I learned something new", "I met people in different professions",
			"I became more interested in technology"}
	}
	return []string{"Det var roligt", "Jag lärde mig något nytt", "Jag fick träffa människor i olika yrken",
		"Jag blev mer intresserad av teknik"}
}

// WeekDocuments fills the documents of a teknikprao week from the Store:
// every pupil's week (schedules and certificates), every team's sheet,
// every host's run-sheet and attendance list, and every host's feedback,
// for the pupils that match f (SchoolID, ClassName; the feedback, which
// names nobody, is the whole week's). Pupils are in Swedish order by
// school, class and name; teams in the plan's order; hosts by name.
// ErrNoPlan means the week's plan is not saved; ErrClassic that the
// period is not a week.
func WeekDocuments(ctx context.Context, st *data.Store, periodID string, f data.DocFilter, lang string) (reports.WeekDocs, error) {
	var d reports.WeekDocs
	per, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return d, err
	}
	if per.Format != data.FormatWeek {
		return d, fmt.Errorf("%s: %w", per.Name, ErrClassic)
	}
	teams, err := st.ListTeams(ctx, periodID)
	if err != nil {
		return d, err
	}
	if len(teams) == 0 {
		return d, ErrNoPlan
	}
	l := weekLoader{st: st, per: per}
	if err := l.load(ctx, f); err != nil {
		return d, err
	}

	// Teams and pupils.
	inTeams := map[string][]reports.RunsheetTeam{} // block → teams in it
	for _, t := range teams {
		wt := reports.WeekTeam{Name: t.Name, Group: l.groupName[t.GroupID], Period: per, Closing: l.closing}
		for _, bid := range t.BlockIDs {
			if b, ok := l.block(bid, ""); ok {
				wt.Route = append(wt.Route, b)
			}
		}
		var members []reports.WeekMember
		for _, pid := range t.PupilIDs {
			pu, ok := l.pupils[pid] // only the pupils f chooses were loaded
			if !ok || (f.PupilID != "" && pid != f.PupilID) {
				continue
			}
			school := l.orgs[pu.SchoolID]
			members = append(members, reports.WeekMember{Pupil: pu, School: school, Contact: l.counsellor[pu.SchoolID]})
			wp := reports.WeekPupil{Pupil: pu, School: school, Counsellor: l.counsellor[pu.SchoolID], Period: per,
				Team: t.Name, Group: l.groupName[t.GroupID], Closing: l.closing, ClosingAttended: l.atClosing[pid]}
			for _, bid := range t.BlockIDs {
				if b, ok := l.block(bid, pid); ok {
					wp.Route = append(wp.Route, b)
				}
			}
			d.Pupils = append(d.Pupils, wp)
		}
		if len(members) == 0 {
			continue
		}
		sortMembers(members)
		wt.Members = members
		d.Teams = append(d.Teams, wt)
		for _, bid := range t.BlockIDs {
			inTeams[bid] = append(inTeams[bid], reports.RunsheetTeam{Name: t.Name, Members: members})
		}
	}
	sortPupils(d.Pupils)

	// Hosts: the approved offers' blocks and the teams that come.
	filtered := f.SchoolID != "" || f.ClassName != ""
	byHost := map[string]*reports.HostRunsheet{}
	coord, err := st.NetworkContact(ctx)
	if err != nil {
		return d, err
	}
	blocksOf := map[string][]data.WeekBlock{} // host → its approved blocks
	var hostIDs []string
	for _, b := range l.approved {
		h := byHost[b.HostID]
		if h == nil {
			h = &reports.HostRunsheet{Host: l.block0(b).Host, Period: per, Group: l.groupName[l.groupOf[b.OfferID]], Closing: l.closing,
				Coordinator: coord}
			byHost[b.HostID] = h
			hostIDs = append(hostIDs, b.HostID)
		}
		h.Blocks = append(h.Blocks, reports.RunsheetBlock{Block: l.block0(b), Teams: inTeams[b.ID]})
		blocksOf[b.HostID] = append(blocksOf[b.HostID], b)
	}
	sort.SliceStable(hostIDs, func(i, j int) bool {
		return l.coll.CompareString(l.orgs[hostIDs[i]].Name, l.orgs[hostIDs[j]].Name) < 0
	})
	for _, id := range hostIDs {
		h := byHost[id]
		if filtered && !anyTeam(h) {
			continue // the chosen pupils do not come here
		}
		d.Hosts = append(d.Hosts, *h)
	}

	// Feedback: every answer of the week, by host; nothing names a pupil.
	fb, err := st.ListBlockFeedback(ctx, periodID)
	if err != nil {
		return d, err
	}
	answers := map[string][]reports.FeedbackAnswer{} // block → answers
	var week reports.FeedbackTally
	groupAll := map[string]*reports.FeedbackTally{}
	for _, a := range fb {
		b, ok := l.blocks[a.BlockID]
		if !ok {
			continue
		}
		ans := reports.FeedbackAnswer{Scores: []int{a.Fun, a.Learned, a.People, a.Interest}, Comment: a.Comment}
		answers[a.BlockID] = append(answers[a.BlockID], ans)
		week.Add(ans)
		g := l.groupOf[b.OfferID]
		if groupAll[g] == nil {
			groupAll[g] = &reports.FeedbackTally{}
		}
		groupAll[g].Add(ans)
	}
	for _, id := range hostIDs {
		h := byHost[id]
		hf := reports.HostFeedback{Host: h.Host, Period: per, Group: h.Group, Questions: FeedbackQuestions(lang), WeekAll: week}
		var g string
		for _, b := range blocksOf[id] {
			g = l.groupOf[b.OfferID]
			var names []string
			for _, t := range inTeams[b.ID] {
				names = append(names, t.Name)
			}
			hf.Blocks = append(hf.Blocks, reports.FeedbackBlock{Date: b.Date, Start: b.Start, End: b.End,
				Teams: strings.Join(names, ", "), Answers: answers[b.ID]})
		}
		if t := groupAll[g]; t != nil {
			hf.GroupAll = *t
		}
		d.Feedback = append(d.Feedback, hf)
	}
	return d, nil
}

// anyTeam reports whether a team comes to any of the host's blocks.
func anyTeam(h *reports.HostRunsheet) bool {
	for _, b := range h.Blocks {
		if len(b.Teams) > 0 {
			return true
		}
	}
	return false
}

// weekLoader holds what a week's documents are filled from.
type weekLoader struct {
	st         *data.Store
	per        data.Period
	coll       interface{ CompareString(a, b string) int }
	blocks     map[string]data.WeekBlock // every live offer's blocks
	approved   []data.WeekBlock          // the approved offers' blocks, in time order
	offers     map[string]data.Offer
	orgs       map[string]data.Organisation
	people     map[string]*data.Person
	counsellor map[string]*data.Person // school → its first counsellor
	pupils     map[string]data.Pupil
	groupName  map[string]string // group id → name
	groupOf    map[string]string // offer → group id
	attendance map[string]map[string]data.AttendanceStatus
	atClosing  map[string]bool
	closing    reports.WeekClosing
}

func (l *weekLoader) load(ctx context.Context, f data.DocFilter) error {
	st := l.st
	l.coll = text.Collator()
	all, err := st.ListWeekBlocks(ctx, l.per.ID, true)
	if err != nil {
		return err
	}
	l.blocks = map[string]data.WeekBlock{}
	for _, b := range all {
		l.blocks[b.ID] = b
		if b.Approved {
			l.approved = append(l.approved, b)
		}
	}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: l.per.ID})
	if err != nil {
		return err
	}
	l.offers = map[string]data.Offer{}
	for _, o := range offers {
		l.offers[o.ID] = o
	}
	orgs, err := st.ListOrganisations(ctx, "")
	if err != nil {
		return err
	}
	l.orgs = map[string]data.Organisation{}
	for _, o := range orgs {
		l.orgs[o.ID] = o
	}
	people, err := st.ListPeople(ctx, data.PersonFilter{})
	if err != nil {
		return err
	}
	l.people, l.counsellor = map[string]*data.Person{}, map[string]*data.Person{}
	for i := range people {
		p := &people[i]
		l.people[p.ID] = p
		if p.HasRole(data.RoleCounsellor) && p.OrganisationID != "" && l.counsellor[p.OrganisationID] == nil {
			l.counsellor[p.OrganisationID] = p
		}
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: f.SchoolID, ClassName: f.ClassName})
	if err != nil {
		return err
	}
	l.pupils = map[string]data.Pupil{}
	for _, p := range pupils {
		l.pupils[p.ID] = p
	}
	groups, err := st.ListHostGroups(ctx, l.per.ID)
	if err != nil {
		return err
	}
	l.groupName, l.groupOf = map[string]string{}, map[string]string{}
	for _, g := range groups {
		l.groupName[g.ID] = g.Name
		for _, o := range g.OfferIDs {
			l.groupOf[o] = g.ID
		}
	}
	att, err := st.ListBlockAttendance(ctx, l.per.ID)
	if err != nil {
		return err
	}
	l.attendance = map[string]map[string]data.AttendanceStatus{}
	for _, a := range att {
		if l.attendance[a.PupilID] == nil {
			l.attendance[a.PupilID] = map[string]data.AttendanceStatus{}
		}
		l.attendance[a.PupilID][a.BlockID] = a.Status
	}
	l.atClosing = map[string]bool{}
	if l.per.ClosingEventID != "" {
		e, err := st.GetEvent(ctx, l.per.ClosingEventID)
		switch {
		case errors.Is(err, data.ErrNotFound):
		case err != nil:
			return err
		default:
			s, en := e.Start.In(data.Stockholm), e.End.In(data.Stockholm)
			l.closing = reports.WeekClosing{Title: e.Title, Date: s, Start: data.Clock(s.Hour()*60 + s.Minute()),
				Venue: e.Venue, Programme: e.Description}
			if !e.End.IsZero() && en.Format(data.DateLayout) == s.Format(data.DateLayout) {
				l.closing.End = data.Clock(en.Hour()*60 + en.Minute())
			}
			regs, err := st.ListRegistrations(ctx, e.ID)
			if err != nil {
				return err
			}
			for _, r := range regs {
				if r.PupilID != "" && r.Status == data.RegAttended {
					l.atClosing[r.PupilID] = true
				}
			}
		}
	}
	return nil
}

// block is the printed form of block id, with pupilID's attendance when
// given; false when the block is gone.
func (l *weekLoader) block(id, pupilID string) (reports.WeekBlock, bool) {
	b, ok := l.blocks[id]
	if !ok {
		return reports.WeekBlock{}, false
	}
	wb := l.block0(b)
	if pupilID != "" {
		wb.Attendance = l.attendance[pupilID][id]
	}
	return wb, true
}

// block0 is the printed form of b: the host, the offer's address and
// information, the programme, the role models and the supervisor.
func (l *weekLoader) block0(b data.WeekBlock) reports.WeekBlock {
	o := l.offers[b.OfferID]
	wb := reports.WeekBlock{Host: l.orgs[b.HostID], Address: o.VisitingAddress, Date: b.Date, Start: b.Start, End: b.End,
		Activities: b.Activities, TravelInfo: o.TravelInfo, LunchInfo: o.LunchInfo, WhatToBring: o.WhatToBring,
		Supervisor: l.people[o.SupervisorID]}
	if wb.Host.ID == "" {
		wb.Host = data.Organisation{ID: b.HostID, Name: b.HostName, Municipality: b.Municipality}
	}
	for _, rid := range b.RoleModelIDs {
		if p := l.people[rid]; p != nil {
			wb.RoleModels = append(wb.RoleModels, *p)
		}
	}
	return wb
}

// sortPupils sorts pupils' weeks by school, class, last and first name,
// in Swedish order.
func sortPupils(ps []reports.WeekPupil) {
	c := text.Collator()
	sort.SliceStable(ps, func(i, j int) bool {
		return lessPupil(c, ps[i].School.Name, ps[i].Pupil, ps[j].School.Name, ps[j].Pupil)
	})
}

// sortMembers sorts a team's pupils the same way.
func sortMembers(ms []reports.WeekMember) {
	c := text.Collator()
	sort.SliceStable(ms, func(i, j int) bool {
		return lessPupil(c, ms[i].School.Name, ms[i].Pupil, ms[j].School.Name, ms[j].Pupil)
	})
}

func lessPupil(c interface{ CompareString(a, b string) int }, sa string, a data.Pupil, sb string, b data.Pupil) bool {
	for _, k := range [][2]string{{sa, sb}, {a.ClassName, b.ClassName}, {a.LastName, b.LastName}, {a.FirstName, b.FirstName}, {a.ID, b.ID}} {
		if r := c.CompareString(k[0], k[1]); r != 0 {
			return r < 0
		}
	}
	return false
}

// WeekPrint is a print of a teknikprao week's documents: which kind, for
// whom, how and where.
type WeekPrint struct {
	Kind    reports.WeekKind
	Period  data.Period
	Filter  data.DocFilter // SchoolID, ClassName: whose documents
	Scope   Scope          // the same, in words, for the audit log
	Options reports.Options
	// Path is the PDF to write, or with PerUnit the folder that gets one
	// file per unit (pupil, team or host).
	Path     string
	PerUnit  bool
	Progress reports.Progress
}

// PrintWeek fills a week's documents from the Store (WeekDocuments),
// writes them (whole or not at all) and records them in the audit log like
// Print. ErrNoPlan means the week has no saved plan; reports.ErrNothing
// that there was nothing to print (for certificates: nobody recorded
// present); *AuditError that the log failed and the files were removed.
func PrintWeek(ctx context.Context, st *data.Store, p WeekPrint) (Printed, error) {
	d, err := WeekDocuments(ctx, st, p.Period.ID, p.Filter, p.Options.Lang)
	if err != nil {
		return Printed{}, err
	}
	out := Printed{Units: reports.WeekUnits(p.Kind, d)}
	if out.Units == 0 {
		return Printed{}, reports.ErrNothing
	}
	if p.PerUnit {
		out.Paths, err = reports.WriteWeekFilesContext(ctx, p.Path, p.Kind, d, p.Options, p.Progress)
	} else {
		out.Pages, err = writeWeekFile(ctx, p.Path, p.Kind, d, p.Options, p.Progress)
		if err == nil {
			out.Paths = []string{p.Path}
		}
	}
	if err != nil {
		return Printed{}, err
	}
	out.PupilIDs, out.Skipped = weekPupilIDs(p.Kind, d)
	out.Unprintable = d.Unprintable(p.Kind, p.Options.IncludeProtected)
	if p.Kind == reports.KindWeekCertificates {
		out.Units = len(out.PupilIDs) // a certificate for each pupil present
	}
	e := &data.AuditEntry{Action: "pdf " + string(p.Kind), What: p.Path, RecordIDs: out.PupilIDs,
		Detail: describe(p.Period, p.Scope, p.Options)}
	if err := record(ctx, st, e, out.Paths...); err != nil {
		return Printed{}, err
	}
	return out, nil
}

// weekPupilIDs are the pupils whose data went into the documents of kind,
// each once, and how many pupils certificates left out (none present).
func weekPupilIDs(kind reports.WeekKind, d reports.WeekDocs) ([]string, int) {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	skipped := 0
	switch kind {
	case reports.KindWeekSchedules:
		for _, p := range d.Pupils {
			add(p.Pupil.ID)
		}
	case reports.KindWeekCertificates:
		for _, p := range d.Pupils {
			present := false
			for _, b := range p.Route {
				present = present || b.Attendance == data.AttendancePresent
			}
			if present {
				add(p.Pupil.ID)
			} else {
				skipped++
			}
		}
	case reports.KindTeamSheets:
		for _, t := range d.Teams {
			for _, m := range t.Members {
				add(m.Pupil.ID)
			}
		}
	case reports.KindHostRunsheets, reports.KindWeekAttendance:
		for _, h := range d.Hosts {
			for _, b := range h.Blocks {
				for _, t := range b.Teams {
					for _, m := range t.Members {
						add(m.Pupil.ID)
					}
				}
			}
		}
	}
	return ids, skipped
}

// writeWeekFile writes one PDF of kind to path, whole or not at all.
func writeWeekFile(ctx context.Context, path string, kind reports.WeekKind, d reports.WeekDocs, o reports.Options, progress reports.Progress) (int, error) {
	return reports.WriteWeekFileContext(ctx, path, kind, d, o, progress)
}
