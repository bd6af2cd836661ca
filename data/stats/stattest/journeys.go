package stattest

import (
	"context"
	"fmt"
	"time"

	"techniqual/data"
)

// JourneyFixture is what BuildJourneys made: member companies by name.
type JourneyFixture struct {
	Members map[string]string // name → key
	Names   []string          // in the order made
}

// BuildJourneys fills st with 14 fictitious member companies and their
// equality journeys of 2025 and 2026: 8 in sector "IT" and 6 in "Energi";
// head counts from 6 to 320 (every size band); in 2025 the first 12 report,
// in 2026 all 14 (two joined, a difference of 2 between the years).
// Measures grow with the member's number; members 1–3 may share their
// stories, and peer marks: odd members can share "pay", even ones want to
// start it; members 5+ want to start "recruitment", members 1–2 can share it.
func BuildJourneys(ctx context.Context, st *data.Store) (JourneyFixture, error) {
	fx := JourneyFixture{Members: map[string]string{}}
	sizes := []int{6, 8, 12, 15, 22, 30, 45, 60, 80, 120, 180, 250, 320, 9}
	for i := 0; i < 14; i++ {
		name := fmt.Sprintf("Resa %02d AB", i+1)
		sector := "IT"
		if i >= 8 {
			sector = "Energi"
		}
		o := data.Organisation{Kind: data.KindCompany, Name: name, Sector: sector, Municipality: "Karlstad",
			MemberSince: time.Date(2020+i%5, 3, 1, 0, 0, 0, 0, time.UTC)}
		if err := st.SaveOrganisation(ctx, &o); err != nil {
			return fx, err
		}
		fx.Members[name], fx.Names = o.ID, append(fx.Names, name)
		for _, year := range []int{2025, 2026} {
			if year == 2025 && i >= 12 {
				continue
			}
			n := sizes[i] + (year-2025)*i/3
			tw := (n * (15 + 2*i)) / 100
			y := data.JourneyYear{OrganisationID: o.ID, Year: year, Employees: n, PaySurvey: i%3 != 0 || year == 2026,
				Tech: data.Split{Women: tw, Men: n/2 - tw + 1}, Management: data.Split{Women: 1 + i%3, Men: 2 + i%4},
				Hires: data.Split{Women: i % 4, Men: 1 + i%5}, Apprentices: data.Split{Women: i % 2, Men: 1},
				Interns: data.Split{Women: 1, Men: i % 3}, RoleModels: data.Split{Women: 1 + i%2, Men: 1}}
			if err := st.SaveJourneyYear(ctx, &y); err != nil {
				return fx, fmt.Errorf("%s %d: %w", name, year, err)
			}
			done := i + (year - 2025) + 2
			k := 0
			for _, s := range data.Steps {
				for _, a := range data.Areas {
					state := data.StateNotStarted
					switch {
					case k < done:
						state = data.StateInPlace
						if s == data.StepFollowUp {
							state = data.StateFollowedUp
						}
					case k < done+3:
						state = data.StateUnderWay
					}
					k++
					m := data.Measure{OrganisationID: o.ID, Year: year, Area: a, Step: s, State: state}
					if state != data.StateNotStarted {
						m.Done = fmt.Sprintf("%s: %s", a, s)
						m.Date = time.Date(year, time.Month(1+k%12), 10, 0, 0, 0, 0, time.UTC)
					}
					if err := st.SaveMeasure(ctx, &m); err != nil {
						return fx, err
					}
				}
			}
		}
		story := data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, 4, 1+i, 0, 0, 0, 0, time.UTC),
			Title: fmt.Sprintf("Berättelse från %s", name), Text: "Vi började med en lönekartläggning.", Shareable: i < 3,
			Area: data.Areas[i%len(data.Areas)]}
		if err := st.SaveJourneyEntry(ctx, &story); err != nil {
			return fx, err
		}
		marks := []data.PeerMark{{OrganisationID: o.ID, Area: data.AreaPay, CanShare: i%2 == 0, WantStart: i%2 == 1}}
		if i < 2 {
			marks = append(marks, data.PeerMark{OrganisationID: o.ID, Area: data.AreaRecruitment, CanShare: true})
		} else if i >= 4 {
			marks = append(marks, data.PeerMark{OrganisationID: o.ID, Area: data.AreaRecruitment, WantStart: true})
		}
		for i := range marks {
			if err := st.SavePeerMark(ctx, &marks[i]); err != nil {
				return fx, err
			}
		}
	}
	return fx, nil
}
