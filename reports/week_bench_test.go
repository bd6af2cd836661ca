package reports

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"techniqual/data"
)

// bigWeek is a whole region's teknikprao weeks as the issue sizes them:
// 3,000 pupils in 600 teams of 5 and 150 groups of 4 hosts, every team
// visiting the 4 hosts of its group (two role models each, with journeys)
// and a closing session. Everyone in it is made up.
var bigWeek = sync.OnceValue(func() WeekDocs {
	per := data.Period{ID: "p", Name: "Teknikprao v. 46 2026", Grade: 8, Start: date("2026-11-09"), End: date("2026-11-13")}
	closing := WeekClosing{Title: closingTitle, Date: date("2026-11-13"), Start: 9 * 60, End: 12 * 60,
		Venue: closingVenue, Programme: closingProg}
	schools := make([]data.Organisation, 20)
	contacts := make([]data.Person, len(schools))
	for i := range schools {
		schools[i] = data.Organisation{ID: fmt.Sprintf("s%d", i), Kind: data.KindSchool, Name: fmt.Sprintf("Skola %d i Värmland", i+1)}
		contacts[i] = data.Person{FirstName: "Syv", LastName: fmt.Sprintf("Nummer%d", i+1), Phone: fmt.Sprintf("054-100 %03d", i)}
	}
	var d WeekDocs
	first := []string{"Alva", "Bo", "Cem", "Dana", "Ebba", "Filip", "Göran", "Hanna", "Ingrid", "Jamal"}
	last := []string{"Şahin", "Lindqvist", "Yılmaz", "Eriksson", "Holm", "Nguyễn", "Öberg", "Wiśniewski"}
	for g := range 150 {
		var blocks [4][4]WeekBlock // host, slot
		for h := range 4 {
			host := data.Organisation{ID: fmt.Sprintf("h%d-%d", g, h), Kind: data.KindCompany,
				Name: fmt.Sprintf("Värd %d-%d Teknik AB", g+1, h+1), VisitingAddress: fmt.Sprintf("Industrivägen %d, 652 %02d Karlstad", h+1, g%100)}
			sup := &data.Person{FirstName: "Handledare", LastName: fmt.Sprintf("H%d-%d", g, h), Title: "ingenjör", Phone: "070-123 45 67"}
			for s := range 4 {
				blocks[h][s] = WeekBlock{Host: host, Date: per.Start.AddDate(0, 0, s), Start: 8*60 + 30, End: 12 * 60,
					Activities: fmt.Sprintf("Välkommen till %s. Vi visar produktionen och ni bygger en egen krets.", host.Name),
					TravelInfo: "Buss 1 till Drottninggatan, sedan 5 minuters promenad.", LunchInfo: "Lunch i skolan.",
					WhatToBring: "Oömma kläder.", Supervisor: sup,
					RoleModels: []data.Person{
						{FirstName: "Ngọc Ánh", LastName: fmt.Sprintf("Nguyễn %d", h), Title: "elektronikkonstruktör", Journey: journeyA + " " + journeyB},
						{FirstName: "Sven", LastName: fmt.Sprintf("Åkesson %d", h), Title: "produktionschef", Journey: journeyB},
					}}
			}
		}
		for t := range 4 {
			team := WeekTeam{Name: fmt.Sprintf("Team %d", g*4+t+1), Group: fmt.Sprintf("Ring %d", g+1), Period: per, Closing: closing}
			for h := range 4 { // slot s is day s: team t is at host h on day (t-h) mod 4
				team.Route = append(team.Route, blocks[h][(t+4-h)%4])
			}
			for k := range 5 {
				n := len(d.Pupils)
				s := n % len(schools)
				p := data.Pupil{ID: fmt.Sprintf("pupil-%d", n), FirstName: first[n%len(first)], LastName: last[(n/7)%len(last)],
					ClassName: fmt.Sprintf("8%c", 'A'+k%3), Grade: 8, SchoolID: schools[s].ID, Protected: n%97 == 0}
				team.Members = append(team.Members, WeekMember{Pupil: p, School: schools[s], Contact: &contacts[s]})
				d.Pupils = append(d.Pupils, WeekPupil{Pupil: p, School: schools[s], Counsellor: &contacts[s], Period: per,
					Team: team.Name, Group: team.Group, Route: team.Route, Closing: closing})
			}
			d.Teams = append(d.Teams, team)
		}
	}
	return d
})

// BenchmarkWeekSchedules3000 prints the week schedules of 3,000 pupils
// into one PDF. Budget (issue 14): under 5 s.
func BenchmarkWeekSchedules3000(b *testing.B) {
	d := bigWeek()
	if len(d.Pupils) != 3000 {
		b.Fatalf("%d pupils", len(d.Pupils))
	}
	var out bytes.Buffer
	runtime.GC()
	stop := watchHeap()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		out.Reset()
		if err := WeekSchedules(&out, d.Pupils, Options{Fixed: fixed}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(stop()/1e6, "peak-heap-MB")
	pages := bytes.Count(out.Bytes(), []byte("<</Type /Page\n"))
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(out.Len())/1e6, "MB/file")
}

// BenchmarkTeamSheets600 prints the sheets of the same 600 teams.
func BenchmarkTeamSheets600(b *testing.B) {
	d := bigWeek()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := TeamSheets(&bytes.Buffer{}, d.Teams, Options{Fixed: fixed}); err != nil {
			b.Fatal(err)
		}
	}
}
