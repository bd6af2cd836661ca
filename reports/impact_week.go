package reports

import (
	"fmt"
	"strconv"
	"strings"

	"techniqual/data/stats"
)

// ImpactWeek is the impact report's page on the year's teknikprao weeks:
// teams of pupils that go round a group of hosts. Every count is a
// suppressed stats figure; a hidden one prints as "<5" (or ".." where it
// is hidden so that a small group cannot be worked out), never as blank.
type ImpactWeek struct {
	// PeriodNames are the weeks counted; LeftOutNames the year's weeks
	// with no team yet (not counted).
	PeriodNames, LeftOutNames []string
	// Key is the weeks' key figures (pupils in teams by gender, teams,
	// hosts and role models met per pupil, block attendance); Last the
	// year before's, nil when it had no week.
	Key  stats.WeekKey
	Last *stats.WeekKey
	// HostsMet counts the pupils by the number of hosts they met: 0, 1, …,
	// the last column "or more" (stats.HostBuckets columns).
	HostsMet []stats.Cell
	// RoleModels are the role models the pupils met, per profession.
	// (People have no gender in the register: role models are counted by
	// profession, not by gender.)
	RoleModels []NamedCount
	// AllPupils, AllGirls and AllBoys are the year's pupils in prao of
	// either format, each pupil once; BothFormats those who did both a
	// classic period and a week. Zero cells when not computed.
	AllPupils, AllGirls, AllBoys, BothFormats stats.Cell
	// Feedback is the pupils' feedback on the blocks (nil: none counted).
	Feedback *stats.WeekFeedback
}

// weekWords are the words of the week page in one language.
type weekWords struct {
	title, lead, periods, leftOut, figure, value, cover             string
	pupils, girls, boys, others, teams, ruleBroken, hostsCount      string
	hostsPerPupil, roleModelsPerPupil, roleModels, attendance       string
	allTitle, allPupils, allGirls, allBoys, bothFormats, allNote    string
	hostsTitle, hosts, orMore, pupilsCol                            string
	professionTitle, profession, people, noProfession, noGender     string
	feedbackTitle, group, answers, noGroup, allGroups, feedbackNote string
	questions                                                       [stats.NumQuestions]string
}

var weekSV = weekWords{
	title:   "Teknikpraoveckorna",
	lead:    "Teknikprao i veckoformat: team om 4–6 elever går runt hos en grupp värdföretag, en halvdag hos varje, och veckan avslutas tillsammans.",
	periods: "Veckor: %s.", leftOut: "Inte med i siffrorna: %s (inga team ännu).",
	cover:  "Teknikpraoveckor (eget avsnitt): %s.",
	figure: "Nyckeltal", value: "Antal",
	pupils: "Elever i team", girls: "Flickor i team", boys: "Pojkar i team", others: "Annat/okänt kön i team",
	teams: "Team", hostsCount: "Värdföretag som tog emot team", ruleBroken: "Team med en ensam flicka eller en ensam pojke",
	hostsPerPupil: "Värdföretag som varje elev mötte (medel)", roleModelsPerPupil: "Förebilder som varje elev mötte (medel)",
	roleModels: "Olika förebilder som eleverna mötte", attendance: "Närvaro på blocken (registrerade block)",
	allTitle:  "Elever i prao under året, båda formerna",
	allPupils: "Elever i prao (varje elev en gång)", allGirls: "Flickor", allBoys: "Pojkar",
	bothFormats: "Av dem både klassisk prao och teknikpraovecka",
	allNote:     "En elev som både var placerad i en klassisk praoperiod och gick i ett team under en vecka räknas en gång här (samma elev i registret).",
	hostsTitle:  "Elever efter hur många värdföretag de mötte", hosts: "Värdföretag", orMore: "%d eller fler", pupilsCol: "Elever",
	professionTitle: "Förebilder som eleverna mötte, per yrke", profession: "Yrke", people: "Förebilder",
	noProfession:  "Yrke ej angivet",
	noGender:      "Registret har inget kön för förebilder, så de räknas per yrke.",
	feedbackTitle: "Elevernas omdömen om blocken (1–5)", group: "Grupp", answers: "Svar",
	noGroup: "Utan grupp", allGroups: "Alla grupper",
	feedbackNote: "Medelvärden med färre än 5 svar visas som <5; .. döljer ett tal som annars skulle avslöja en liten grupp.",
	questions:    [stats.NumQuestions]string{"Roligt", "Lärde mig nytt", "Mötte yrken", "Mer intresserad av teknik"},
}

var weekEN = weekWords{
	title:   "The teknikprao weeks",
	lead:    "Teknikprao as a week: teams of 4–6 pupils go round a group of host companies, a half day at each, and the week closes together.",
	periods: "Weeks: %s.", leftOut: "Not in the figures: %s (no teams yet).",
	cover:  "Teknikprao weeks (a section of their own): %s.",
	figure: "Key number", value: "Count",
	pupils: "Pupils in teams", girls: "Girls in teams", boys: "Boys in teams", others: "Other/unknown gender in teams",
	teams: "Teams", hostsCount: "Host companies that took teams", ruleBroken: "Teams with a girl alone or a boy alone",
	hostsPerPupil: "Host companies each pupil met (mean)", roleModelsPerPupil: "Role models each pupil met (mean)",
	roleModels: "Different role models the pupils met", attendance: "Attendance at the blocks (recorded blocks)",
	allTitle:  "Pupils in prao during the year, both formats",
	allPupils: "Pupils in prao (each pupil once)", allGirls: "Girls", allBoys: "Boys",
	bothFormats: "Of them both classic prao and a teknikprao week",
	allNote:     "A pupil who was both placed in a classic prao period and in a team during a week counts once here (the same pupil in the register).",
	hostsTitle:  "Pupils by the number of host companies they met", hosts: "Host companies", orMore: "%d or more", pupilsCol: "Pupils",
	professionTitle: "Role models the pupils met, by profession", profession: "Profession", people: "Role models",
	noProfession:  "Profession not given",
	noGender:      "The register holds no gender for role models, so they are counted by profession.",
	feedbackTitle: "The pupils' ratings of the blocks (1–5)", group: "Group", answers: "Answers",
	noGroup: "No group", allGroups: "All groups",
	feedbackNote: "Means of fewer than 5 answers show as <5; .. hides a figure that would give a small group away.",
	questions:    [stats.NumQuestions]string{"Fun", "Learned something new", "Met professions", "More interested in technology"},
}

func (lay *impactLayout) weekWords() *weekWords {
	if lay.lang == "en" {
		return &weekEN
	}
	return &weekSV
}

// newImpactWeek takes the week page's figures from a year's summary; nil
// when the year has no week.
func newImpactWeek(s stats.YearSummary) *ImpactWeek {
	w := s.Week
	if w == nil || len(w.Periods)+len(w.LeftOut) == 0 {
		return nil
	}
	d := &ImpactWeek{Key: w.Key(), Feedback: w.Feedback}
	for _, p := range w.Periods {
		d.PeriodNames = append(d.PeriodNames, p.Name)
	}
	for _, p := range w.LeftOut {
		d.LeftOutNames = append(d.LeftOutNames, p.Name)
	}
	if len(w.HostsMet.Cells) > 0 {
		d.HostsMet = append([]stats.Cell(nil), w.HostsMet.Cells[0]...)
	}
	// Role models are adults at work: not suppressed.
	for _, p := range w.ByProfession {
		d.RoleModels = append(d.RoleModels, NamedCount{Name: p.Profession, N: stats.Cell{N: p.People}})
	}
	if t := s.AllPupils; len(t.ColTotals) == int(stats.NumGroups) && len(t.RowTotals) > stats.RowBothFormats {
		d.AllPupils, d.AllGirls, d.AllBoys = t.Total, t.ColTotals[stats.Girls], t.ColTotals[stats.Boys]
		d.BothFormats = t.RowTotals[stats.RowBothFormats]
	}
	return d
}

// weekMean is a mean with one decimal: "<5" when fewer than 5 answered,
// ".." when hidden to protect another group, "–" when nobody answered.
func (lay *impactLayout) weekMean(m stats.Mean) string {
	switch {
	case m.N == 0:
		return lay.w.none
	case m.Suppressed:
		return stats.Cell{N: m.N, Suppressed: true}.String()
	}
	return lay.decimal(m.Value, 1)
}

// weekAttendance is the share of recorded blocks attended: "<5" when
// fewer than 5 pupils have attendance recorded, ".." when masked.
func (lay *impactLayout) weekAttendance(a stats.Attendance) string {
	switch {
	case a.Pupils.N == 0 || a.Planned == 0:
		return lay.w.none
	case !a.Shown():
		return stats.Cell{N: a.Pupils.N, Suppressed: true}.String()
	}
	return lay.percent(a.Ratio())
}

// weekPage is the section on the year's teknikprao weeks.
func (lay *impactLayout) weekPage() {
	u, ww, d := lay.u, lay.weekWords(), lay.d.Week
	lay.section(ww.title)
	u.body(ww.lead)
	if len(d.PeriodNames) > 0 {
		u.space(1)
		u.para(marginL, contentW, fmt.Sprintf(ww.periods, strings.Join(d.PeriodNames, ", ")), regular, 9, 4.6, grey, nil)
	}
	if len(d.LeftOutNames) > 0 {
		u.para(marginL, contentW, fmt.Sprintf(ww.leftOut, strings.Join(d.LeftOutNames, ", ")), regular, 9, 4.6, grey, nil)
	}
	keyRows := func(k stats.WeekKey) []string {
		return []string{countText(k.Pupils), countText(k.Girls), countText(k.Boys), countText(k.Other),
			groupDigits(k.Teams), countText(k.RuleBroken), groupDigits(k.Hosts), lay.weekMean(k.HostsPerPupil),
			lay.weekMean(k.RoleModelsPerPupil), groupDigits(k.RoleModels), lay.weekAttendance(k.Attendance)}
	}
	labels := []string{ww.pupils, ww.girls, ww.boys, ww.others, ww.teams, ww.ruleBroken, ww.hostsCount, ww.hostsPerPupil,
		ww.roleModelsPerPupil, ww.roleModels, ww.attendance}
	this := keyRows(d.Key)
	cols := []column{{ww.figure, contentW - 40, regular}, {strconv.Itoa(lay.d.Year), 40, bold}}
	var prev []string
	if d.Last != nil {
		prev = keyRows(*d.Last)
		cols = []column{{ww.figure, contentW - 64, regular}, {strconv.Itoa(lay.d.Year - 1), 32, regular},
			{strconv.Itoa(lay.d.Year), 32, bold}}
	}
	var rows [][]string
	for i, l := range labels {
		if prev != nil {
			rows = append(rows, []string{l, prev[i], this[i]})
		} else {
			rows = append(rows, []string{l, this[i]})
		}
	}
	u.space(2)
	u.table(cols, rows, 0, nil)

	if d.AllPupils.N > 0 || d.AllPupils.Suppressed {
		u.heading(ww.allTitle)
		u.table([]column{{ww.figure, contentW - 40, regular}, {ww.value, 40, bold}}, [][]string{
			{ww.allPupils, countText(d.AllPupils)},
			{ww.allGirls, countText(d.AllGirls)},
			{ww.allBoys, countText(d.AllBoys)},
			{ww.bothFormats, countText(d.BothFormats)},
		}, 0, nil)
		u.space(1)
		u.para(marginL, contentW, ww.allNote, regular, 8.5, 4.3, grey, nil)
	}

	if len(d.HostsMet) > 0 {
		u.heading(ww.hostsTitle)
		var rows [][]string
		for i, c := range d.HostsMet {
			label := strconv.Itoa(i)
			if i == len(d.HostsMet)-1 {
				label = fmt.Sprintf(ww.orMore, i)
			}
			rows = append(rows, []string{label, countText(c)})
		}
		u.table([]column{{ww.hosts, contentW - 40, regular}, {ww.pupilsCol, 40, bold}}, rows, 0, nil)
	}

	if len(d.RoleModels) > 0 {
		u.heading(ww.professionTitle)
		var rows [][]string
		for _, r := range d.RoleModels {
			name := r.Name
			if strings.TrimSpace(name) == "" {
				name = ww.noProfession
			}
			rows = append(rows, []string{name, countText(r.N)})
		}
		u.table([]column{{ww.profession, contentW - 40, regular}, {ww.people, 40, bold}}, rows, 0, nil)
		u.space(1)
		u.para(marginL, contentW, ww.noGender, regular, 8.5, 4.3, grey, nil)
	}

	if fb := d.Feedback; fb != nil && (fb.Answers.N > 0 || fb.Answers.Suppressed) {
		u.heading(ww.feedbackTitle)
		qw := (contentW - 70 - 18) / float64(stats.NumQuestions)
		cols := []column{{ww.group, 70, regular}, {ww.answers, 18, regular}}
		for _, q := range ww.questions {
			cols = append(cols, column{q, qw, regular})
		}
		row := func(name string, answers stats.Cell, qs [stats.NumQuestions]stats.Mean) []string {
			r := []string{name, countText(answers)}
			for _, m := range qs {
				r = append(r, lay.weekMean(m))
			}
			return r
		}
		multi := len(d.PeriodNames) > 1
		var rows [][]string
		for _, g := range fb.Groups {
			if g.Answers.N == 0 && !g.Answers.Suppressed {
				continue // a coming week: nothing answered yet
			}
			name := g.Group
			if name == "" {
				name = ww.noGroup
			}
			if multi {
				name += " (" + g.Period + ")"
			}
			rows = append(rows, row(name, g.Answers, g.Questions))
		}
		rows = append(rows, row(ww.allGroups, fb.Answers, fb.Questions))
		u.table(cols, rows, 0, nil)
		u.space(1)
		u.para(marginL, contentW, ww.feedbackNote, regular, 8.5, 4.3, grey, nil)
	}
}
