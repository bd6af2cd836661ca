package reports

import (
	"fmt"
	"slices"

	"techniqual/data"
)

// week is a small teknikprao week printed in the tests: four hosts of one
// group, two teams that each visit every host once, and a closing session.
// Everyone in it is made up.
type week struct {
	period           data.Period
	school, other    data.Organisation
	counsellor, syv2 data.Person
	coordinator      data.Person
	hosts            [4]data.Organisation
	blocks           [4][2]WeekBlock // per host: Monday–Thursday morning, two blocks each
	closing          WeekClosing
	alva, bo, ebba   data.Pupil // team Röd, Älvkulleskolan
	cem, dana        data.Pupil // team Blå, Älvkulleskolan
	zuza             data.Pupil // team Blå, protected, the only pupil from Sjövikskolan
	teams            []WeekTeam
}

const (
	weekGroup    = "Ring Fryksdalen"
	closingTitle = "Avslutning med studenter"
	closingVenue = "Karlstads universitet, Aulan, Universitetsgatan 2"
	closingProg  = "Möt studenter från ingenjörsprogrammen och prata om utbildning och framtid."
	journeyA     = "Jag gick naturprogrammet i Arvika och trodde aldrig att jag skulle bli ingenjör. Nu konstruerar jag elbilsladdare."
	journeyB     = "Efter industriprogrammet började jag som operatör; i dag är jag produktionschef."
)

func newWeek() *week {
	w := &week{}
	w.period = data.Period{ID: "p1", Name: "Teknikprao v. 46 2026", Grade: 8, Start: date("2026-11-09"), End: date("2026-11-13")}
	w.school = data.Organisation{ID: "s1", Kind: data.KindSchool, Name: "Älvkulleskolan"}
	w.other = data.Organisation{ID: "s2", Kind: data.KindSchool, Name: "Sjövikskolan"}
	w.counsellor = data.Person{ID: "c1", FirstName: "Märta", LastName: "Öberg", Phone: "054-540 11 22"}
	w.syv2 = data.Person{ID: "c2", FirstName: "Gülşen", LastName: "Doğan", Phone: "0570-333 44"}
	w.coordinator = data.Person{ID: "k1", FirstName: "Linnea", LastName: "Berglöf", Title: "samordnare TechniQual",
		Phone: "070-999 88 77", Email: "linnea@example.se"}
	names := [4]string{"Fryksdals Mekatronik AB", "Sunne Elkraft AB", "Klarälvens Kod AB", "Rottneros Verkstad AB"}
	for i := range w.hosts {
		w.hosts[i] = data.Organisation{ID: fmt.Sprintf("h%d", i+1), Kind: data.KindCompany, Name: names[i],
			VisitingAddress: fmt.Sprintf("Industrivägen %d, 686 30 Sunne", i+1)}
		sup := &data.Person{FirstName: "Handledare", LastName: fmt.Sprintf("Nummer%d", i+1), Title: "tekniker",
			Phone: fmt.Sprintf("070-000 00 0%d", i+1)}
		for k := range 2 {
			day := date("2026-11-09").AddDate(0, 0, (i+2*k)%4)
			w.blocks[i][k] = WeekBlock{Host: w.hosts[i], Date: day, Start: 8*60 + 30, End: 12 * 60,
				Activities:  fmt.Sprintf("Program hos %s: prova på och bygg något.", names[i]),
				TravelInfo:  fmt.Sprintf("Buss %d till Sunne.", 300+i),
				LunchInfo:   "Lunch i skolan efter blocket.",
				WhatToBring: "Oömma kläder.",
				Supervisor:  sup,
				RoleModels: []data.Person{
					{FirstName: "Ngọc Ánh", LastName: fmt.Sprintf("Nguyễn%d", i+1), Title: "elektronikkonstruktör", Journey: journeyA},
					{FirstName: "Sven", LastName: fmt.Sprintf("Åkesson%d", i+1), Title: "produktionschef", Journey: journeyB},
				},
			}
		}
	}
	w.closing = WeekClosing{Title: closingTitle, Date: date("2026-11-13"), Start: 9 * 60, End: 12 * 60,
		Venue: closingVenue, Programme: closingProg}
	pupil := func(id, first, last, class string, school data.Organisation) data.Pupil {
		return data.Pupil{ID: id, SchoolID: school.ID, FirstName: first, LastName: last, ClassName: class, Grade: 8}
	}
	w.alva = pupil("a1", "Alva", "Şahin", "8B", w.school)
	w.bo = pupil("a2", "Bo", "Lindqvist", "8B", w.school)
	w.ebba = pupil("a3", "Ebba", "Holm", "8A", w.school)
	w.cem = pupil("a4", "Cem", "Yılmaz", "8A", w.school)
	w.dana = pupil("a5", "Dana", "Eriksson", "8B", w.school)
	w.zuza = pupil("a6b7c8d9-0000-4000-8000-000000000001", "Zuzanna", "Wójcik", "8C", w.other)
	w.zuza.Protected = true
	w.zuza.Needs, w.zuza.NeedsShareable = "Glutenfri kost", true
	w.alva.Needs, w.alva.NeedsShareable = "Nötallergi", true
	w.bo.Needs = "Diabetes, har med sig insulin" // not to be shared

	mine := func(p data.Pupil) WeekMember {
		if p.SchoolID == w.other.ID {
			return WeekMember{Pupil: p, School: w.other, Contact: &w.syv2}
		}
		return WeekMember{Pupil: p, School: w.school, Contact: &w.counsellor}
	}
	// Röd goes to each host's first block, Blå to each host's second.
	for k, team := range []struct {
		name   string
		pupils []data.Pupil
	}{{"Team Röd", []data.Pupil{w.alva, w.bo, w.ebba}}, {"Team Blå", []data.Pupil{w.cem, w.dana, w.zuza}}} {
		t := WeekTeam{Name: team.name, Group: weekGroup, Period: w.period, Closing: w.closing}
		for _, p := range team.pupils {
			t.Members = append(t.Members, mine(p))
		}
		for i := range w.hosts {
			t.Route = append(t.Route, w.blocks[i][k])
		}
		w.teams = append(w.teams, t)
	}
	return w
}

// pupils are the week's pupils as the schedules and certificates take them.
func (w *week) pupils() []WeekPupil {
	var out []WeekPupil
	for _, t := range w.teams {
		for _, m := range t.Members {
			out = append(out, WeekPupil{Pupil: m.Pupil, School: m.School, Counsellor: m.Contact, Period: w.period,
				Team: t.Name, Group: t.Group, Route: slices.Clone(t.Route), Closing: w.closing})
		}
	}
	return out
}

// pupil is one pupil's week.
func (w *week) pupil(p data.Pupil) WeekPupil {
	for _, x := range w.pupils() {
		if x.Pupil.ID == p.ID {
			return x
		}
	}
	panic("no such pupil " + p.ID)
}

// runsheets are the hosts' weeks: each block with the team that comes.
func (w *week) runsheets() []HostRunsheet {
	var out []HostRunsheet
	for i, h := range w.hosts {
		rs := HostRunsheet{Host: h, Period: w.period, Group: weekGroup, Coordinator: &w.coordinator, Closing: w.closing}
		for k, t := range w.teams {
			rs.Blocks = append(rs.Blocks, RunsheetBlock{Block: w.blocks[i][k],
				Teams: []RunsheetTeam{{Name: t.Name, Members: t.Members}}})
		}
		out = append(out, rs)
	}
	return out
}

// docs are all the week's documents' input.
func (w *week) docs() WeekDocs {
	return WeekDocs{Pupils: w.pupils(), Teams: w.teams, Hosts: w.runsheets(), Feedback: w.feedback()}
}

var feedbackQuestions = []string{"Hur roligt var blocket?", "Lärde du dig något nytt?", "Vill du veta mer om yrkena?"}

// feedback gives host 1 six answers on its first block and three on its
// second, the other hosts five each.
func (w *week) feedback() []HostFeedback {
	var group, all FeedbackTally
	var out []HostFeedback
	for i, h := range w.hosts {
		hf := HostFeedback{Host: h, Period: w.period, Group: weekGroup, Questions: feedbackQuestions}
		for k, t := range w.teams {
			b := w.blocks[i][k]
			fb := FeedbackBlock{Date: b.Date, Start: b.Start, End: b.End, Teams: t.Name}
			n := 5
			if i == 0 {
				n = []int{6, 3}[k]
			}
			for a := range n {
				ans := FeedbackAnswer{Scores: []int{5 - a%2, 4, 3 + a%3}}
				if i == 0 && k == 0 {
					ans.Comment = fmt.Sprintf("Kommentar %c om robotarna", 'F'-a)
				}
				if i == 0 && k == 1 {
					ans.Comment = "Hemlig kommentar från ett litet block"
				}
				fb.Answers = append(fb.Answers, ans)
				group.Add(ans)
				all.Add(ans)
			}
			hf.Blocks = append(hf.Blocks, fb)
		}
		out = append(out, hf)
	}
	for i := range out {
		out[i].GroupAll, out[i].WeekAll = group, all
	}
	return out
}
