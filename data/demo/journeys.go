package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"techniqual/data"
)

// journeys gives every member company a believable equality journey for
// 2025 and 2026 (issue 18): head counts and staff by gender, active
// measures that grow with the years of membership, the pay survey, peer
// marks for the network's events, and its stories marked shareable or
// not, with an area. It draws from its own generator, so the example data
// made before it stays row for row the same.
func (g *gen) journeys() error {
	rng := rand.New(rand.NewPCG(uint64(g.rng.Uint32()), 0x1018))
	orgs, err := g.st.ListOrganisations(g.ctx, data.KindCompany)
	if err != nil {
		return err
	}
	whatDone := map[data.Area][4]string{
		data.AreaWorkingConditions: {"Medarbetarenkät med frågor om arbetsmiljö per kön", "Skillnader i övertid och skiftarbete analyserade",
			"Ny rutin för anpassade arbetsplatser", "Enkäten upprepad, skillnaden halverad"},
		data.AreaPay: {"Lönekartläggning av alla befattningar", "Likvärdiga arbeten jämförda, tre osakliga skillnader",
			"Lönejusteringar i årets revision", "Kartläggningen upprepad, inga osakliga skillnader kvar"},
		data.AreaRecruitment: {"Genomgång av annonser och urvalsprocess", "Få kvinnliga sökande till tekniska roller",
			"Könsneutrala annonser och blandade intervjupaneler", "Andelen kvinnliga sökande följd varje kvartal"},
		data.AreaTraining: {"Vem fick utbildning senaste året, per kön", "Kortare kurser gick oftare till män",
			"Utbildningsplan för alla medarbetare", "Planen följd upp i medarbetarsamtalen"},
		data.AreaParenthood: {"Föräldraledighet och karriärutveckling kartlagd", "Föräldralediga missade lönerevisionen",
			"Föräldralön och kontakt under ledigheten", "Alla föräldralediga med i lönerevisionen"},
		data.AreaHarassment: {"Riktlinjer och rutiner mot trakasserier granskade", "Rutinen var okänd för nyanställda",
			"Ny rutin och utbildning för chefer", "Uppföljande enkät om trygghet"},
	}
	for _, o := range orgs {
		if o.MemberSince.IsZero() {
			continue
		}
		size := []int{7, 12, 18, 25, 35, 48, 60, 85, 120, 160, 240, 310}[rng.IntN(12)]
		seniority := max(0, 2026-o.MemberSince.Year()) // years in the network
		for _, year := range []int{2025, 2026} {
			if o.MemberSince.Year() > year {
				continue
			}
			n := size + rng.IntN(1+size/10)
			tech := n * (50 + rng.IntN(30)) / 100
			techW := tech * (10 + rng.IntN(20) + 2*seniority) / 100
			mgmt := max(2, n/12)
			hires := max(1, n/8)
			y := data.JourneyYear{OrganisationID: o.ID, Year: year, Employees: n,
				Tech:        data.Split{Women: techW, Men: tech - techW},
				Management:  data.Split{Women: mgmt * (15 + rng.IntN(30)) / 100, Men: 0},
				Hires:       data.Split{Women: hires * (20 + rng.IntN(30)) / 100, Men: 0},
				Apprentices: data.Split{Women: rng.IntN(2), Men: rng.IntN(3)},
				Interns:     data.Split{Women: rng.IntN(3), Men: rng.IntN(3)},
				RoleModels:  data.Split{Women: 1 + rng.IntN(3), Men: 1 + rng.IntN(3)}}
			y.Management.Men = mgmt - y.Management.Women
			y.Hires.Men = hires - y.Hires.Women
			y.PaySurvey = seniority >= 2 || rng.IntN(3) > 0
			if y.PaySurvey {
				y.PaySurveyDate = time.Date(year, time.Month(3+rng.IntN(6)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
			}
			if err := g.st.SaveJourneyYear(g.ctx, &y); err != nil {
				return fmt.Errorf("journey of %s %d: %w", o.Name, year, err)
			}
			// How far it has come: further the longer it has been a member.
			reach := min(data.Cells, 1+2*seniority+rng.IntN(7)-2*(2026-year))
			doneIn := map[data.Area]int{}
			for ai, a := range data.Areas {
				for si, s := range data.Steps {
					// Members take the steps in order, the pay survey area first.
					rank := si*len(data.Areas) + (ai+len(data.Areas)-1)%len(data.Areas)
					m := data.Measure{OrganisationID: o.ID, Year: year, Area: a, Step: s, State: data.StateNotStarted}
					switch {
					case rank < reach && s == data.StepFollowUp:
						m.State = data.StateFollowedUp
					case rank < reach:
						m.State = data.StateInPlace
					case rank < reach+3:
						m.State = data.StateUnderWay
					}
					if m.State.Done() {
						doneIn[a]++
					}
					if m.State != data.StateNotStarted {
						m.Done = whatDone[a][si]
						m.Date = time.Date(year, time.Month(1+(rank%11)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
					}
					if err := g.st.SaveMeasure(g.ctx, &m); err != nil {
						return err
					}
				}
			}
			if year == 2026 {
				for _, a := range data.Areas {
					pm := data.PeerMark{OrganisationID: o.ID, Area: a}
					switch {
					case doneIn[a] >= 3 && rng.IntN(3) > 0:
						pm.CanShare = true // analysed and acted: can tell how
					case doneIn[a] <= 1 && rng.IntN(4) > 0, doneIn[a] == 2 && rng.IntN(3) == 0:
						pm.WantStart = true
					default:
						continue
					}
					if err := g.st.SavePeerMark(g.ctx, &pm); err != nil {
						return err
					}
				}
			}
		}
	}
	// Stories: the entries made with the companies get an area from their
	// title and most may be shared; one story of 2026 each for a few
	// members, so that the year's journey book has pages.
	entries, err := g.st.ListJourneyEntries(g.ctx, "")
	if err != nil {
		return err
	}
	for i := range entries {
		e := &entries[i]
		e.Area = areaOfTitle(e.Title)
		e.Shareable = rng.IntN(10) < 7
		if err := g.st.SaveJourneyEntry(g.ctx, e); err != nil {
			return err
		}
	}
	stories := []struct {
		area  data.Area
		title string
		text  string
	}{
		{data.AreaPay, "Vår första lönekartläggning", "Vi trodde att vi var för små för en lönekartläggning. Med nätverkets mall tog den två dagar, och vi hittade två osakliga skillnader som vi rättade i lönerevisionen."},
		{data.AreaRecruitment, "Blandade intervjupaneler", "Sedan vi alltid har minst en kvinna och en man i intervjupanelen har andelen kvinnliga sökande till utvecklarjobben ökat från 12 till 27 procent."},
		{data.AreaParenthood, "Föräldralediga med i lönerevisionen", "Vi upptäckte att föräldralediga missade lönerevisionen. Nu får alla föräldralediga ett samtal och är med i revisionen som alla andra."},
		{data.AreaHarassment, "En rutin alla känner till", "Rutinen mot trakasserier fanns, men ingen nyanställd kände till den. Nu går vi igenom den första dagen och i varje medarbetarsamtal."},
		{data.AreaTraining, "Utbildning för alla, inte bara de som frågar", "Kortare kurser gick oftast till dem som frågade först. En gemensam utbildningsplan gjorde fördelningen jämn."},
		{data.AreaWorkingConditions, "Verkstaden för alla", "Vi bytte arbetskläder och skyddsutrustning så att de passar alla storlekar, och byggde om omklädningsrummen."},
	}
	k := 0
	for _, o := range orgs {
		if o.MemberSince.IsZero() || o.MemberSince.Year() > 2025 || k >= len(stories) {
			continue
		}
		s := stories[k]
		e := data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, time.Month(2+k), 10+k, 0, 0, 0, 0, time.UTC),
			Title: s.title, Text: s.text, Area: s.area, Shareable: true}
		if err := g.st.SaveJourneyEntry(g.ctx, &e); err != nil {
			return err
		}
		k++
	}
	return nil
}

// areaOfTitle guesses the area of an example story from its title.
func areaOfTitle(title string) data.Area {
	t := strings.ToLower(title)
	switch {
	case strings.Contains(t, "lön"):
		return data.AreaPay
	case strings.Contains(t, "annons") || strings.Contains(t, "ledning"):
		return data.AreaRecruitment
	case strings.Contains(t, "föräld"):
		return data.AreaParenthood
	case strings.Contains(t, "mentor"):
		return data.AreaTraining
	}
	return ""
}
