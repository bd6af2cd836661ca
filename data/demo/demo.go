// Package demo fills a Store with believable, fictitious example data: a
// Värmland of real municipalities with invented schools, companies and
// people, three classic prao periods (grade 8 choosing; grade 9 placed and
// done; and last school year's grade 8, taken by today's grade-9 pupils,
// done), three teknikprao weeks (one in each school year done, one to
// come; see weeks.go), role models with their journeys, events and
// evaluations. The same seed
// always gives the same database, keys and timestamps included.
package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"techniqual/data"
	"techniqual/data/match"
	"techniqual/data/text"
)

// Config says how much to make.
type Config struct {
	Pupils int    // pupils in all, split between grade 8 and 9 (default 600)
	Seed   uint64 // same seed, same data
	// Progress, when set, is told how far generation has come (0..1).
	Progress func(done float64)
	// Planner plans the example teknikprao weeks; nil uses the package's
	// Planner (see there).
	Planner PlanFunc
}

// Now is the fixed "today" of the example data: timestamps use it so that the
// same seed gives byte-identical content.
var Now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// Summary counts what Generate made.
type Summary struct {
	Schools, Companies, People, Pupils, Periods, Offers, Preferences, Placed, Events, Registrations int
}

// Municipalities are the real municipalities the example data uses.
var Municipalities = data.Municipalities

// municipalityWeight roughly follows population, so Karlstad gets most schools.
var municipalityWeight = []float64{95, 26, 24, 15, 11, 10, 13, 11, 12, 9, 11, 16, 3.6, 4, 10, 8.5}

var (
	girlNames = []string{"Alva", "Elsa", "Maja", "Ebba", "Wilma", "Saga", "Agnes", "Freja", "Alice", "Ella", "Signe",
		"Linnéa", "Märta", "Amira", "Yasmin", "Zeynep", "Şebnem", "Ayşe", "Małgorzata", "Zuzanna", "Chloé", "Zoë",
		"Noemí", "Ngọc Ánh", "Thảo", "Réka", "Eszter", "Hawa", "Fatima", "Sara", "Hanna", "Ida", "Nour", "Åsa-Li",
		"Siri", "Tuva", "Lejla", "Anaïs", "Dilara", "Gülşen"}
	boyNames = []string{"Elias", "William", "Noah", "Hugo", "Lucas", "Oscar", "Liam", "Ali", "Omar", "Mehmet", "Oğuz",
		"Ömer", "Jakub", "Łukasz", "Paweł", "Bartłomiej", "José", "Iñigo", "Dũng", "Quốc Bảo", "Bence", "Levente",
		"Ádám", "Björn", "Måns", "Gustav", "Anton", "Adam", "Yusuf", "Abdi", "Emil", "Viktor", "Nils", "Olle",
		"Mattéo", "Kerem", "Tobiasz", "Ludvig", "Jöns", "Rafał"}
	otherNames = []string{"Kim", "Robin", "Alex", "Charlie", "Sam", "Eli"}
	lastNames  = []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
		"Svensson", "Gustafsson", "Lindqvist", "Åberg", "Öberg", "Sjöberg", "Bergström", "Lindström", "Hassan",
		"Mohamed", "Yılmaz", "Şahin", "Doğan", "Öztürk", "Kowalski", "Wiśniewski", "Wójcik", "Nowak", "Nguyễn",
		"Trần", "Phạm", "Lê", "Nagy", "Szőke", "Kovács", "García", "Muñoz", "Peña", "Jönsson", "Ek", "Hansson",
		"Åkesson", "Ståhl", "Güneş", "Abdullahi", "Mäkinen", "Ramírez", "Dahlén"}
	schoolA = []string{"Tall", "Björk", "Rönn", "Ek", "Lind", "Sjö", "Älv", "Mo", "Ås", "Hed", "Sälg", "Gran", "Lärk", "Hassel", "Al"}
	schoolB = []string{"backe", "dal", "vik", "lund", "mo", "kulle", "ängs", "strand", "bergs", "hags"}
	compA   = []string{"Vänerns", "Klarälvens", "Fryksdals", "Glaskogens", "Alsters", "Nordmarks", "Gillbergs", "Jösse",
		"Älvdals", "Värmlandsnäs", "Finnskogs", "Lurö", "Borgviks", "Rottne", "Ölme", "Brattfors"}
	compB = []string{"Kodverkstad", "Automation", "Energiteknik", "Mekatronik", "Elektronik", "Systemhus", "Robotik",
		"Pappersteknik", "Mätteknik", "Digitalbyrå", "Kraftteknik", "Spelstudio", "Vattenteknik", "Fiberoptik",
		"Drönarlabb", "Verkstäder"}
	sectors     = []string{"IT och mjukvara", "Tillverkning", "Energi", "Skog och papper", "Elektronik", "Bygg och anläggning", "Spel och media"}
	professions = []string{"mjukvaruutvecklare", "elektronikkonstruktör", "processingenjör", "automationstekniker",
		"UX-designer", "projektledare", "drifttekniker", "civilingenjör i energiteknik", "dataanalytiker", "CNC-operatör",
		"svetsare", "produktionsledare", "kvalitetsingenjör", "IT-säkerhetsspecialist", "systemarkitekt",
		"elektriker", "spelutvecklare", "underhållstekniker", "hållbarhetsstrateg", "testingenjör"}
	schoolsBefore = []string{"teknikprogrammet", "naturvetenskapsprogrammet", "el- och energiprogrammet",
		"samhällsvetenskapsprogrammet", "estetiska programmet", "industritekniska programmet", "ekonomiprogrammet"}
	afterwards = []string{"en yrkeshögskoleutbildning i automation", "civilingenjörsprogrammet i Karlstad",
		"ett år som lärling", "en kvällskurs i programmering", "högskoleingenjörsutbildningen i elektroteknik",
		"ett sommarjobb som blev ett fast jobb", "tre år som undersköterska och sedan en omskolning"}
	activities = []string{
		"Välkommen, rundvandring och säkerhetsgenomgång. Lunch med handledaren.",
		"Följ med en utvecklare: bygg en liten app och testa den.",
		"Besök i produktionen: se hur en robotcell programmeras.",
		"Mät och logga data från en sensor, rita ett diagram av resultatet.",
		"Intervjua två förebilder om deras väg från skolan till jobbet.",
		"Eget miniprojekt i grupp, redovisning för avdelningen på eftermiddagen.",
		"Studiebesök på kundens anläggning tillsammans med serviceteknikerna.",
	}
	offerTitles = []string{"Mjukvaruutveckling", "Elektronik och mätteknik", "Automation och robotar", "Energi och miljö",
		"Design och användbarhet", "Produktion och kvalitet", "IT-drift och säkerhet", "Spelutveckling", "Underhåll och service"}
)

// gen carries the seeded randomness and the Store.
type gen struct {
	rng   *rand.Rand
	st    *data.Store
	ctx   context.Context
	n     Summary
	clock time.Time
	ids   func() string // the Store's source of keys, for rows saved in batches
}

// IDs returns a seeded source of UUIDs (version 4 layout).
func IDs(seed uint64) func() string {
	r := rand.New(rand.NewPCG(seed, 0x7e57ca1))
	return func() string {
		var b [16]byte
		for i := 0; i < 16; i += 8 {
			v := r.Uint64()
			for j := 0; j < 8; j++ {
				b[i+j] = byte(v >> (8 * j))
			}
		}
		b[6] = (b[6] & 0x0f) | 0x40
		b[8] = (b[8] & 0x3f) | 0x80
		return uuid.UUID(b).String()
	}
}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

// weighted picks an index with probability proportional to w.
func (g *gen) weighted(cum []float64) int {
	x := g.rng.Float64() * cum[len(cum)-1]
	return sort.SearchFloat64s(cum, x)
}

func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += x
		out[i] = sum
	}
	return out
}

// Generate fills st with example data; everything lands in one transaction.
func Generate(ctx context.Context, st *data.Store, cfg Config) (Summary, error) {
	if cfg.Pupils <= 0 {
		cfg.Pupils = 600
	}
	if cfg.Pupils > 500000 {
		return Summary{}, fmt.Errorf("example data: at most 500000 pupils, got %d", cfg.Pupils)
	}
	progress := cfg.Progress
	if progress == nil {
		progress = func(float64) {}
	}
	g := &gen{rng: rand.New(rand.NewPCG(cfg.Seed, 0xd3a0)), ctx: ctx, clock: Now, ids: IDs(cfg.Seed)}
	err := st.With(data.Options{Now: func() time.Time { return g.clock }, NewID: g.ids}).InTx(ctx, func(tx *data.Store) error {
		g.st = tx
		plan := cfg.Planner
		if plan == nil {
			plan = Planner
		}
		return g.run(cfg.Pupils, progress, plan)
	})
	return g.n, err
}

func (g *gen) run(pupils int, progress func(float64), plan PlanFunc) error {
	schools, counsellors, err := g.schools(pupils)
	if err != nil {
		return err
	}
	grade9 := pupils / 2
	grade8 := pupils - grade9
	offersPerPeriod := int(math.Ceil(1.2 * float64(max(grade8, grade9)) / 4.0))
	companies, err := g.companies(max(6, offersPerPeriod/2))
	if err != nil {
		return err
	}
	progress(0.05)
	p9 := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date(2026, 11, 9), End: date(2026, 11, 13), Status: data.PeriodDone}
	p8 := data.Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: date(2027, 3, 15), End: date(2027, 3, 19), Status: data.PeriodChoosing}
	for _, p := range []*data.Period{&p9, &p8} {
		for _, s := range schools {
			p.SchoolIDs = append(p.SchoolIDs, s.ID)
		}
		if err := g.st.SavePeriod(g.ctx, p); err != nil {
			return err
		}
		g.n.Periods++
	}
	offers9, err := g.offers(p9, companies, int(math.Ceil(1.2*float64(grade9))), true)
	if err != nil {
		return err
	}
	offers8, err := g.offers(p8, companies, int(math.Ceil(1.2*float64(grade8))), false)
	if err != nil {
		return err
	}
	progress(0.25)
	pu9, err := g.pupils(schools, 9, grade9, 2011)
	if err != nil {
		return err
	}
	pu8, err := g.pupils(schools, 8, grade8, 2012)
	if err != nil {
		return err
	}
	progress(0.45)
	if err := g.choices(p9, pu9, offers9); err != nil {
		return err
	}
	if err := g.choices(p8, pu8, offers8); err != nil {
		return err
	}
	progress(0.7)
	if err := g.place(p9, pu9, offers9, p9.Grade, interestNow); err != nil {
		return err
	}
	progress(0.8)
	if err := g.events(companies, counsellors, pu8); err != nil {
		return err
	}
	progress(0.85)
	// Made last, so that the data above is the same as before there was a
	// previous year (same seed, same rows).
	if err := g.previousYear(schools, companies, pu9); err != nil {
		return err
	}
	progress(0.9)
	// The teknikprao weeks come after everything else for the same reason.
	if err := g.weeks(schools, companies, plan); err != nil {
		return err
	}
	if err := g.journeys(); err != nil {
		return err
	}
	if err := g.survey(pu8); err != nil { // the questionnaire before and after (survey.go)
		return err
	}
	progress(1)
	return nil
}

// previousYear adds last year's grade-8 period, "Åk 8 v. 46 2025", done:
// today's grade-9 pupils took it in grade 8, so the statistics and the
// impact report can show the change from läsår 2025/26 to 2026/27 and from
// 2025 to 2026 alike. The register holds each
// pupil's grade now (9), so they are matched as the grade-8 pupils they
// were then: the engine's grade rule compares the pupil's grade with the
// period's, and the honest grade for that period is 8.
func (g *gen) previousYear(schools []data.Organisation, companies []company, pupils []data.Pupil) error {
	p := data.Period{Name: "Åk 8 v. 46 2025", Grade: 8, Start: date(2025, 11, 10), End: date(2025, 11, 14), Status: data.PeriodDone}
	for _, s := range schools {
		p.SchoolIDs = append(p.SchoolIDs, s.ID)
	}
	if err := g.st.SavePeriod(g.ctx, &p); err != nil {
		return err
	}
	g.n.Periods++
	offers, err := g.offers(p, companies, int(math.Ceil(1.2*float64(len(pupils)))), true)
	if err != nil {
		return err
	}
	if err := g.choices(p, pupils, offers); err != nil {
		return err
	}
	if err := g.place(p, pupils, offers, p.Grade, interestBefore); err != nil {
		return err
	}
	return g.lastYearsMeeting(companies)
}

// lastYearsMeeting is last year's autumn network meeting, so that the
// company figures of 2025 (and läsår 2025/26) have event attendance too.
func (g *gen) lastYearsMeeting(companies []company) error {
	start := time.Date(2025, 10, 23, 15, 0, 0, 0, data.Stockholm)
	e := data.Event{Title: "Nätverksträff hösten 2025", Kind: data.EventNetwork, Start: start, End: start.Add(3 * time.Hour),
		Venue: "Teknikparken, Karlstad", Capacity: 70,
		Description: "Välkommen till en träff i nätverket TechniQual. Vi bjuder på fika och delar erfarenheter."}
	if err := g.st.SaveEvent(g.ctx, &e); err != nil {
		return err
	}
	g.n.Events++
	came := 0
	for i := 0; i < len(companies) && came < e.Capacity; i += 1 + g.rng.IntN(4) {
		r := data.Registration{EventID: e.ID, PersonID: companies[i].supervisors[0].ID,
			RegisteredAt: start.AddDate(0, 0, -30).Add(time.Duration(came) * time.Hour), Status: data.RegAttended}
		if g.rng.IntN(8) == 0 {
			r.Status = data.RegNoShow
		} else {
			r.CheckedInAt = start.Add(time.Duration(g.rng.IntN(20)) * time.Minute)
		}
		if err := g.st.SaveRegistration(g.ctx, &r); err != nil {
			return err
		}
		g.n.Registrations++
		came++
	}
	return nil
}

// interestNow is the answers of this year's pupils: interest in technology
// 1–4 before, the same or up to two more after; 8 in 10 would recommend
// prao. (Drawn in the order the first example data drew them.)
func interestNow(g *gen, _ data.Pupil) (before int, rec bool, after int) {
	before = 1 + g.rng.IntN(4)
	rec = g.rng.IntN(10) < 8
	return before, rec, min(5, before+g.rng.IntN(3))
}

// interestBefore is last year's answers: girls start lower than boys and
// gain a little more (about one step), boys about half a step.
func interestBefore(g *gen, p data.Pupil) (before int, rec bool, after int) {
	rec = g.rng.IntN(10) < 8
	if p.Gender == data.GenderGirl {
		before = 1 + g.rng.IntN(3)
		return before, rec, min(5, before+g.rng.IntN(3))
	}
	before = 2 + g.rng.IntN(3)
	return before, rec, min(5, before+g.rng.IntN(2))
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func (g *gen) person(orgID string, roles []data.Role, title string) (data.Person, error) {
	var first string
	if g.rng.IntN(2) == 0 {
		first = g.pick(girlNames)
	} else {
		first = g.pick(boyNames)
	}
	last := g.pick(lastNames)
	p := data.Person{OrganisationID: orgID, FirstName: first, LastName: last, Roles: roles, Title: title,
		Email: strings.ToLower(asciiFold(first)+"."+asciiFold(last)) + fmt.Sprintf("%d@example.se", g.rng.IntN(100)),
		Phone: fmt.Sprintf("070-%03d %02d %02d", g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100))}
	if slices.Contains(roles, data.RoleRoleModel) {
		p.Journey = g.journey(title)
	}
	err := g.st.SavePerson(g.ctx, &p)
	g.n.People++
	return p, err
}

func (g *gen) journey(profession string) string {
	s := fmt.Sprintf("I nian visste jag inte alls vad jag ville bli – jag tyckte mest om %s. Jag valde %s i %s, "+
		"och efter gymnasiet gick jag %s. ", g.pick([]string{"idrott och bild", "matte men inte fysik", "att laga saker hemma",
		"att spela spel och rita", "språk och musik"}), g.pick(schoolsBefore), g.pick(Municipalities), g.pick(afterwards))
	s += fmt.Sprintf("Nu jobbar jag som %s. En vanlig dag %s. ", profession, g.pick([]string{
		"löser jag problem tillsammans med kollegor från fem länder",
		"börjar med ett kort möte och sedan bygger vi vidare på det vi testade i går",
		"är jag ute hos kunder och ser till att maskinerna går",
		"skriver jag kod, granskar andras kod och fikar ganska mycket"}))
	if g.rng.IntN(3) == 0 {
		s += "Det jag vill säga till dig: du behöver inte vara bäst i klassen på matte. Nyfikenhet räcker långt, " +
			"och ingen väg är fel – min gick via omvägar och det var de som gjorde mig bra på det jag gör."
	}
	return s
}

// asciiFold is s for an e-mail address: without accents (text.Fold),
// spaces, hyphens or anything else outside ASCII.
func asciiFold(s string) string {
	var b strings.Builder
	for _, c := range text.Fold(s) {
		if c < 128 && c != ' ' && c != '-' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (g *gen) schools(pupils int) ([]data.Organisation, map[string]data.Person, error) {
	n := max(2, int(math.Round(4*float64(pupils)/1000)))
	cum := cumulative(municipalityWeight)
	used := map[string]bool{}
	var out []data.Organisation
	counsellors := map[string]data.Person{}
	for i := 0; i < n; i++ {
		m := Municipalities[g.weighted(cum)]
		base := g.pick(schoolA) + g.pick(schoolB) + "skolan"
		name := base
		for k := 2; used[name]; k++ {
			name = fmt.Sprintf("%s, %s %d", base, m, k)
		}
		used[name] = true
		o := data.Organisation{Kind: data.KindSchool, Name: name, Municipality: m,
			VisitingAddress: fmt.Sprintf("Skolvägen %d, %s", 1+g.rng.IntN(40), m)}
		if err := g.st.SaveOrganisation(g.ctx, &o); err != nil {
			return nil, nil, err
		}
		c, err := g.person(o.ID, []data.Role{data.RoleCounsellor}, "Studie- och yrkesvägledare")
		if err != nil {
			return nil, nil, err
		}
		counsellors[o.ID] = c
		out = append(out, o)
		g.n.Schools++
	}
	return out, counsellors, nil
}

// company is a host with its people.
type company struct {
	org         data.Organisation
	supervisors []data.Person
	roleModels  []data.Person
}

func (g *gen) companies(n int) ([]company, error) {
	cum := cumulative(municipalityWeight)
	used := map[string]bool{}
	var out []company
	for i := 0; i < n; i++ {
		m := Municipalities[g.weighted(cum)]
		base := g.pick(compA) + " " + g.pick(compB)
		name := base + " AB"
		for k := 1; used[name]; k++ {
			// Many hosts in a large region: name the branch by its town, then number it.
			name = fmt.Sprintf("%s %s AB", base, m)
			if k > 1 {
				name = fmt.Sprintf("%s %s %d AB", base, m, k)
			}
		}
		used[name] = true
		o := data.Organisation{Kind: data.KindCompany, Name: name, Municipality: m, Sector: g.pick(sectors),
			OrgNumber:       fmt.Sprintf("55%04d-%04d", g.rng.IntN(10000), g.rng.IntN(10000)),
			VisitingAddress: fmt.Sprintf("%s %d, %s", g.pick([]string{"Industrigatan", "Teknikparken", "Hamngatan", "Verkstadsvägen", "Lagergatan"}), 1+g.rng.IntN(60), m)}
		if g.rng.IntN(10) < 7 {
			o.MemberSince = date(2019+g.rng.IntN(7), time.Month(1+g.rng.IntN(12)), 1)
		}
		if err := g.st.SaveOrganisation(g.ctx, &o); err != nil {
			return nil, err
		}
		g.n.Companies++
		c := company{org: o}
		if _, err := g.person(o.ID, []data.Role{data.RoleHR}, "HR-specialist"); err != nil {
			return nil, err
		}
		for k := 0; k < 2; k++ {
			p, err := g.person(o.ID, []data.Role{data.RoleSupervisor, data.RoleRoleModel}, g.pick(professions))
			if err != nil {
				return nil, err
			}
			c.supervisors = append(c.supervisors, p)
			c.roleModels = append(c.roleModels, p)
		}
		for k := 0; k < 2+g.rng.IntN(3); k++ {
			p, err := g.person(o.ID, []data.Role{data.RoleRoleModel}, g.pick(professions))
			if err != nil {
				return nil, err
			}
			c.roleModels = append(c.roleModels, p)
		}
		if !o.MemberSince.IsZero() {
			for k := 0; k < 1+g.rng.IntN(3); k++ {
				j := data.JourneyEntry{OrganisationID: o.ID, Date: o.MemberSince.AddDate(0, 4*k+g.rng.IntN(4), 0),
					Title: g.pick([]string{"Könsneutrala platsannonser", "Mentorprogram för nyanställda", "Lönekartläggning klar",
						"Första teknikprao-veckan", "Föräldralön för alla", "Jämn fördelning i ledningsgruppen", "Tjejkväll i verkstaden"}),
					Text: "Vi började med en kartläggning av hur vi rekryterar och vilka som söker sig till oss. " +
						"Det ledde till konkreta förändringar i annonser, intervjuer och introduktion."}
				if err := g.st.SaveJourneyEntry(g.ctx, &j); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// offers makes offers in a period until the seats reach the target.
func (g *gen) offers(p data.Period, companies []company, seats int, allApproved bool) ([]data.Offer, error) {
	days := data.Weekdays(p.Start, p.End)
	var out []data.Offer
	used := map[string]bool{} // host id + title: a company offers each title once a period
	for total, i := 0, 0; total < seats; i++ {
		c := companies[i%len(companies)]
		capacity := min(1+g.rng.IntN(8), seats-total)
		start := data.Clock((8 + g.rng.IntN(2)) * 60)
		if g.rng.IntN(2) == 0 {
			start += 30
		}
		end := start + data.Clock((6+g.rng.IntN(2))*60)
		brk := 45
		if end-start > 7*60 {
			brk = 60
		}
		o := data.Offer{HostID: c.org.ID, PeriodID: p.ID, Title: g.pick(offerTitles), Capacity: capacity,
			Description: "Under veckan får du träffa människor i olika yrken och prova på deras arbete. " +
				"Du är med i vardagen på " + c.org.Name + ", gör ett eget litet projekt och får höra hur de som jobbar här hittade hit.",
			VisitingAddress: c.org.VisitingAddress, SupervisorID: c.supervisors[i%2].ID,
			WhatToBring: "Oömma kläder och skor, matlåda behövs inte.",
			TravelInfo:  "Buss " + fmt.Sprint(1+g.rng.IntN(30)) + " till hållplatsen vid huvudentrén, 5 minuters promenad.",
			LunchInfo:   "Lunch i personalrestaurangen, betalas av företaget.",
			Safety:      data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
			Status:      data.OfferApproved}
		// A title the company already has this period moves on to the next
		// one it has not (no random draw, so the rest of the data stays
		// the same): two "IT-drift och säkerhet" at one host could not be
		// told apart in a choices form.
		for k := 0; used[c.org.ID+o.Title] && k < len(offerTitles); k++ {
			o.Title = offerTitles[(slices.Index(offerTitles, o.Title)+1)%len(offerTitles)]
		}
		used[c.org.ID+o.Title] = true
		if g.rng.IntN(8) == 0 {
			o.MinAge = 15
		}
		if !allApproved && g.rng.IntN(20) == 0 {
			o.Status = data.OfferSubmitted
		}
		for k, d := range days {
			o.Days = append(o.Days, data.OfferDay{Date: d, Start: start, End: end, BreakMinutes: brk, Activities: activities[(k+i)%len(activities)]})
		}
		n := 2 + g.rng.IntN(3)
		for k := 0; k < n && k < len(c.roleModels); k++ {
			o.RoleModelIDs = append(o.RoleModelIDs, c.roleModels[(k+i)%len(c.roleModels)].ID)
		}
		if err := g.st.SaveOffer(g.ctx, &o); err != nil {
			return nil, err
		}
		g.n.Offers++
		total += capacity
		out = append(out, o)
	}
	return out, nil
}

func (g *gen) pupils(schools []data.Organisation, grade, n, birthYear int) ([]data.Pupil, error) {
	out := make([]data.Pupil, 0, n)
	inSchool := map[string]int{}
	for i := 0; i < n; i++ {
		s := schools[i*len(schools)/n]
		class := fmt.Sprintf("%d%c", grade, 'A'+rune(min(inSchool[s.ID]/25, 25)))
		inSchool[s.ID]++
		p := data.Pupil{SchoolID: s.ID, ClassName: class, Grade: grade, LastName: g.pick(lastNames)}
		switch r := g.rng.IntN(100); {
		case r < 48:
			p.Gender, p.FirstName = data.GenderGirl, g.pick(girlNames)
		case r < 96:
			p.Gender, p.FirstName = data.GenderBoy, g.pick(boyNames)
		case r < 97:
			p.Gender, p.FirstName = data.GenderOther, g.pick(otherNames)
		default:
			p.Gender, p.FirstName = data.GenderUnspecified, g.pick(append(girlNames[:5:5], boyNames[:5]...))
		}
		if g.rng.IntN(10) > 0 {
			p.BirthDate = date(birthYear, time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28))
		}
		p.Protected = g.rng.IntN(200) == 0
		p.GuardianName = g.pick(girlNames) + " " + p.LastName
		p.GuardianPhone = fmt.Sprintf("073-%03d %02d %02d", g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100))
		if g.rng.IntN(12) == 0 {
			p.Needs = g.pick([]string{"Nötallergi", "Glutenfri kost", "Rullstol – behöver hiss", "Laktosintolerans"})
			p.NeedsShareable = g.rng.IntN(3) > 0
		}
		p.ExternalID = fmt.Sprintf("EX%07d", g.rng.IntN(10000000))
		if err := g.st.SavePupil(g.ctx, &p); err != nil {
			return nil, err
		}
		g.n.Pupils++
		out = append(out, p)
	}
	return out, nil
}

// choices gives every pupil 5 ranked choices with Zipf-like popularity, and
// some friend pairs.
func (g *gen) choices(p data.Period, pupils []data.Pupil, offers []data.Offer) error {
	w := make([]float64, len(offers))
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), 0.8)
	}
	g.rng.Shuffle(len(w), func(i, j int) { w[i], w[j] = w[j], w[i] })
	cum := cumulative(w)
	// The choices are saved a few hundred pupils at a time; their keys are
	// drawn here, in the order one SetPreferences a pupil drew them, so the
	// same seed still gives the same rows.
	var batch []data.PupilChoices
	flush := func() error {
		err := g.st.AddChoices(g.ctx, p.ID, batch)
		batch = batch[:0]
		return err
	}
	for i, pu := range pupils {
		k := min(data.MaxChoices, len(offers))
		picked := make([]string, 0, k)
		seen := map[int]bool{}
		for len(picked) < k {
			j := g.weighted(cum)
			if j >= len(offers) || seen[j] {
				continue
			}
			seen[j] = true
			picked = append(picked, offers[j].ID)
		}
		keys := make([]string, len(picked))
		for n := range keys {
			keys[n] = g.ids()
		}
		batch = append(batch, data.PupilChoices{PupilID: pu.ID, OfferIDs: picked, IDs: keys})
		g.n.Preferences += len(picked)
		if i > 0 && g.rng.IntN(15) == 0 && pupils[i-1].ClassName == pu.ClassName && pupils[i-1].SchoolID == pu.SchoolID {
			if err := g.st.AddFriendPair(g.ctx, data.FriendPair{PeriodID: p.ID, PupilA: pupils[i-1].ID, PupilB: pu.ID}); err != nil {
				return err
			}
		}
		if len(batch) == 200 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// place gives a done period its placements through the allocation
// engine (most pupils placed, then the best choices), with attendance and
// some evaluations.
//
// grade is the pupils' grade in the period (see previousYear), interest
// gives an evaluation's answers.
func (g *gen) place(p data.Period, pupils []data.Pupil, offers []data.Offer, grade int, interest func(*gen, data.Pupil) (int, bool, int)) error {
	prefs, err := g.st.ListPreferences(g.ctx, p.ID)
	if err != nil {
		return err
	}
	offerIndex := make(map[string]int, len(offers))
	in := &match.Instance{Offers: make([]match.Offer, len(offers)), Pupils: make([]match.Pupil, len(pupils))}
	for i, o := range offers {
		offerIndex[o.ID] = i
		in.Offers[i] = match.Offer{Key: o.ID, Period: p.ID, Grade: p.Grade, Capacity: o.Capacity,
			Approved: o.Status == data.OfferApproved, MinAge: o.MinAge, FirstDay: p.Start}
	}
	pupilIndex := make(map[string]int, len(pupils))
	for i, pu := range pupils {
		pupilIndex[pu.ID] = i
		in.Pupils[i] = match.Pupil{Key: pu.ID, Period: p.ID, Grade: grade, BirthDate: pu.BirthDate, Locked: match.NoOffer}
	}
	for _, pr := range prefs {
		if i, ok := pupilIndex[pr.PupilID]; ok {
			in.Pupils[i].Choices = append(in.Pupils[i].Choices, offerIndex[pr.OfferID])
		}
	}
	res, err := match.Allocate(g.ctx, in)
	if err != nil {
		return fmt.Errorf("example placements: %w", err)
	}
	days := data.Weekdays(p.Start, p.End)
	// Attendance is saved a few hundred pupils at a time, with its keys
	// drawn where SetAttendance drew them (same seed, same rows).
	var att []data.Attendance
	var attIDs []string
	flush := func() error {
		err := g.st.AddAttendance(g.ctx, att, attIDs)
		att, attIDs = att[:0], attIDs[:0]
		return err
	}
	for i, pu := range pupils {
		if len(att) >= 1000 {
			if err := flush(); err != nil {
				return err
			}
		}
		if res.Assign[i] == match.NoOffer {
			continue
		}
		offerID := offers[res.Assign[i]].ID
		a := data.Assignment{PeriodID: p.ID, PupilID: pu.ID, OfferID: offerID, Source: data.SourceAuto}
		if g.rng.IntN(4) == 0 {
			a.SupervisorComment = g.pick([]string{"Nyfiken och frågade mycket – välkommen tillbaka!",
				"Tog stort ansvar i gruppens projekt.", "Visade fint intresse för programmering."})
		}
		if err := g.st.SaveAssignment(g.ctx, &a); err != nil {
			return err
		}
		g.n.Placed++
		for _, d := range days {
			at := data.Attendance{PupilID: pu.ID, OfferID: offerID, Date: d, Status: data.AttendancePresent}
			switch r := g.rng.IntN(100); {
			case r < 5:
				at.Status = data.AttendanceSick
			case r < 7:
				at.Status, at.Note = data.AttendanceAbsent, "Tandläkarbesök"
			}
			att, attIDs = append(att, at), append(attIDs, g.ids())
		}
		if g.rng.IntN(10) < 4 {
			before, rec, after := interest(g, pu)
			ev := data.Evaluation{PupilID: pu.ID, PeriodID: p.ID, InterestBefore: before,
				InterestAfter: after, WouldRecommend: &rec}
			if g.rng.IntN(3) == 0 {
				ev.Comment = g.pick([]string{"Roligast var att få bygga något själv.", "Jag trodde inte att teknik var så socialt!",
					"Lite långa dagar men bra handledare.", "Nu vill jag läsa teknikprogrammet."})
			}
			if err := g.st.SaveEvaluation(g.ctx, ev); err != nil {
				return err
			}
		}
	}
	return flush()
}

func (g *gen) events(companies []company, counsellors map[string]data.Person, pupils8 []data.Pupil) error {
	type ev struct {
		title string
		kind  data.EventKind
		start time.Time
		hours int
		cap   int
		venue string
	}
	loc := data.Stockholm
	list := []ev{
		{"Frukostseminarium: Jämställd rekrytering", data.EventNetwork, time.Date(2026, 9, 17, 7, 30, 0, 0, loc), 2, 40, "Teknikparken, Karlstad"},
		{"Nätverksträff hösten 2026", data.EventNetwork, time.Date(2026, 10, 22, 15, 0, 0, 0, loc), 3, 80, "Stadshotellet, Kristinehamn"},
		{"Förebilder berättar – inspirationskväll", data.EventNetwork, time.Date(2026, 12, 3, 17, 30, 0, 0, loc), 2, 60, "Kulturhuset, Arvika"},
		{"Teknikdag för åk 8", data.EventPupil, time.Date(2027, 2, 4, 9, 0, 0, 0, loc), 5, 120, "Universitetet, Karlstad"},
		{"Frukostseminarium: Föräldraskap och karriär", data.EventNetwork, time.Date(2027, 3, 25, 7, 30, 0, 0, loc), 2, 40, "Teknikparken, Karlstad"},
	}
	var contacts []data.Person
	for _, c := range companies {
		contacts = append(contacts, c.supervisors...)
	}
	for _, c := range counsellors {
		contacts = append(contacts, c)
	}
	sort.Slice(contacts, func(i, j int) bool { return contacts[i].ID < contacts[j].ID })
	for _, e := range list {
		event := data.Event{Title: e.title, Kind: e.kind, Start: e.start, End: e.start.Add(time.Duration(e.hours) * time.Hour),
			Venue: e.venue, Capacity: e.cap, OrganiserID: "",
			Description: "Välkommen till en träff i nätverket TechniQual. Vi bjuder på fika och delar erfarenheter."}
		if err := g.st.SaveEvent(g.ctx, &event); err != nil {
			return err
		}
		g.n.Events++
		past := e.start.Before(Now)
		var who []data.Registration
		if e.kind == data.EventPupil {
			for i := 0; i < len(pupils8) && len(who) < e.cap+10; i += 1 + g.rng.IntN(20) {
				who = append(who, data.Registration{PupilID: pupils8[i].ID})
			}
		} else {
			for i := 0; i < len(contacts) && len(who) < e.cap+5; i += 1 + g.rng.IntN(6) {
				who = append(who, data.Registration{PersonID: contacts[i].ID})
			}
		}
		registered := 0
		for k, r := range who {
			r.EventID = event.ID
			r.RegisteredAt = e.start.AddDate(0, 0, -30).Add(time.Duration(k) * time.Hour)
			switch {
			case registered >= e.cap:
				r.Status = data.RegWaitlisted
			case g.rng.IntN(10) == 0:
				r.Status = data.RegCancelled
			case past && g.rng.IntN(8) == 0:
				r.Status, registered = data.RegNoShow, registered+1
			case past:
				r.Status, r.CheckedInAt, registered = data.RegAttended, e.start.Add(time.Duration(g.rng.IntN(20))*time.Minute), registered+1
			default:
				r.Status, registered = data.RegRegistered, registered+1
			}
			if err := g.st.SaveRegistration(g.ctx, &r); err != nil {
				return err
			}
			g.n.Registrations++
		}
	}
	return nil
}
