package stats_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"techniqual/data/stats"
)

func members(ms []stats.MemberYear) string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprintf("%d:%d+%d@%s", m.Year, m.Members, m.Joined, m.At.Format("2006-01-02")))
	}
	return strings.Join(s, " ")
}

// The company figures of stattest.BuildYears, counted by hand there.
func TestCompanyFigures(t *testing.T) {
	st, _ := buildYears(t)
	ctx := context.Background()
	type want struct {
		members, hosted, other, total, journey, events string
		eventCount                                     int
	}
	for _, c := range []struct {
		name     string
		from, to time.Time
		years    int
		want     want
	}{
		// Hosted: Alfa 7, Beta 2, Gamma 1: the two small ones are hidden,
		// and they add up to 3, itself a small group, that the total would
		// give away (10 − 7), and so would the placed pupils of the
		// statistics (the same 10). So Alfa's 7 is hidden too: "other
		// companies" is 10 and the total may show (before, the 7 showed and
		// the total was hidden, but the placed pupils still gave the 3).
		{"läsår 2025/26", day(2025, 7, 1), day(2026, 7, 1), 3, want{
			members: "2024:1+0@2025-01-01 2025:2+1@2026-01-01 2026:3+1@2026-07-01",
			hosted:  "Alfa Robotik AB .. (1), Beta Energi AB <5 (1), Gamma Kod AB <5 (1)", other: "10", total: "10",
			// 2026 up to the range's end (1 July): Beta 2026-01-20 and Alfa
			// 2026-05-10; Alfa's 2026-09-01 is after it (it counted before).
			journey: "2024:1/1 2025:1/1 2026:2/2",
			// E2 and E1: Alfa Anna twice and Bo once; Beta Dan at E2 (a
			// no-show at E1); Gamma Fia; the teknikcentrum is no company.
			events: "Alfa Robotik AB 3/2/2, Beta Energi AB 1/1/1, Gamma Kod AB 1/1/1", eventCount: 2}},
		{"calendar 2026", day(2026, 1, 1), day(2027, 1, 1), 3, want{
			members: "2024:1+0@2025-01-01 2025:2+1@2026-01-01 2026:3+1@2027-01-01",
			// As above: Alfa joins the other companies (10), 23 + 10 = 33.
			hosted: "Exempelteknik AB 23 (5), Alfa Robotik AB .. (1), Beta Energi AB <5 (1), Gamma Kod AB <5 (1)", other: "10", total: "33",
			journey: "2024:1/1 2025:1/1 2026:3/2",
			events:  "Alfa Robotik AB 2/1/2, Beta Energi AB 1/1/1, Gamma Kod AB 1/1/1", eventCount: 2}},
		// Läsår 2026/27: Exempelteknik's 23 alone; Delta joins in 2027.
		{"läsår 2026/27", day(2026, 7, 1), day(2027, 7, 1), 2, want{
			members: "2026:3+1@2027-01-01 2027:4+1@2027-07-01",
			hosted:  "Exempelteknik AB 23 (5)", other: "0", total: "23",
			journey: "2026:3/2 2027:0/0",
			events:  "Beta Energi AB 1/1/1", eventCount: 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := stats.ComputeCompanies(ctx, st, c.from, c.to, c.years)
			if err != nil {
				t.Fatal(err)
			}
			var hosted, journey, events []string
			for _, h := range f.Hosted {
				hosted = append(hosted, fmt.Sprintf("%s %s (%d)", h.Company.Name, h.Pupils, h.Offers))
			}
			for _, j := range f.Journey {
				journey = append(journey, fmt.Sprintf("%d:%d/%d", j.Year, j.Entries, j.Companies))
			}
			for _, e := range f.Events {
				events = append(events, fmt.Sprintf("%s %d/%d/%d", e.Company.Name, e.Visits, e.Events, e.People))
			}
			got := want{members: members(f.Members), hosted: strings.Join(hosted, ", "), other: f.HostedOther.String(),
				total: f.HostedTotal.String(), journey: strings.Join(journey, " "), events: strings.Join(events, ", "), eventCount: f.EventCount}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			// Role models: today's, the same for every range.
			var roles []string
			for _, r := range f.RoleModels {
				roles = append(roles, fmt.Sprintf("%q:%d", r.Profession, r.People))
			}
			if s := strings.Join(roles, " "); s != `"Mjukvaruutvecklare":2 "Svetsare":2 "":1` || f.RoleModelCount != 5 {
				t.Errorf("role models %s (%d)", s, f.RoleModelCount)
			}
		})
	}
}
