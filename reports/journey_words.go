package reports

import (
	"techniqual/data"
	"techniqual/data/stats"
)

// journeyWords are the words of the journey documents in one language.
type journeyWords struct {
	reportTitle, bookTitle, planTitle, slipTitle                      string
	figuresOverTime, position, measures, paySurvey, nextSteps, rules  string
	stories, year, figure, you, network, band, sector, hidden, noData string
	done, notDone, step, area, what, when, source, verified, notVer   string
	noDate                                                            string
	nextIntro, allDone, positionIntro, bookIntro, noStories           string
	table, host, guests, meet, why, wantsStart, canShare, alone       string
	slipIntro, previous, nobody, women, men, employees, progress      string
	members, whyAlone                                                 map[string]string
	areas                                                             map[data.Area]string
	steps                                                             map[data.Step]string
	states                                                            map[data.MeasureState]string
	metrics                                                           map[stats.Metric]string
	stages                                                            map[string]string
}

var journeySV = journeyWords{
	reportTitle: "Jämställdhetsresa", bookTitle: "Resebok", planTitle: "Bordsplacering", slipTitle: "Vem du möter",
	figuresOverTime: "Nyckeltal över tid", position: "Er position i nätverket", measures: "Aktiva åtgärder",
	paySurvey: "Lönekartläggning", nextSteps: "Nästa steg", rules: "Krav efter antal anställda",
	stories: "Berättelser", year: "År", figure: "Nyckeltal", you: "Ni", network: "Nätverket", band: "Storleksklass",
	sector: "Bransch", hidden: "dold (<5)", noData: "–", done: "Gjord", notDone: "Inte gjord", noDate: "inget datum angivet", step: "Steg", area: "Område",
	what: "Vad som gjorts", when: "När", source: "Källa", verified: "kontrollerad", notVer: "ej kontrollerad här",
	nextIntro: "Det första steget som ännu inte är på plats i varje område:",
	allDone:   "Alla steg är på plats eller uppföljda. Följ upp igen nästa år.",
	positionIntro: "Median och kvartiler (Q1–Q3) för nätverket, er storleksklass och er bransch. " +
		"En jämförelse visas bara när minst fem medlemmar bidrar och ingen medlems siffra kan räknas fram.",
	bookIntro: "Berättelser som medlemmarna har valt att dela i nätverket, ordnade efter område.",
	noStories: "Inga delade berättelser.",
	table:     "Bord", host: "Värd", guests: "Gäster", meet: "Ni möter", why: "Varför", wantsStart: "vill börja med",
	canShare: "har gjort och kan dela", alone: "Utan partner", slipIntro: "Vid träffen sitter ni vid bord %d.",
	previous: "Ingen träffar samma partner som vid %s.", nobody: "Ingen partner kunde hittas den här gången.",
	women: "kvinnor", men: "män", employees: "anställda", progress: "Steg på plats",
	members: map[string]string{"one": "medlem", "many": "medlemmar"},
	whyAlone: map[string]string{"no_marks": "har inte markerat några områden", "no_link": "ingen annan delar eller vill börja med samma område",
		"no_seat": "alla möjliga partner är upptagna eller möttes vid förra träffen"},
	areas: map[data.Area]string{data.AreaWorkingConditions: "Arbetsförhållanden", data.AreaPay: "Löner och andra anställningsvillkor",
		data.AreaRecruitment: "Rekrytering och befordran", data.AreaTraining: "Utbildning och kompetensutveckling",
		data.AreaParenthood: "Förena förvärvsarbete och föräldraskap", data.AreaHarassment: "Trakasserier och repressalier"},
	steps: map[data.Step]string{data.StepInvestigate: "Undersöka", data.StepAnalyse: "Analysera", data.StepAct: "Åtgärda",
		data.StepFollowUp: "Följa upp"},
	states: map[data.MeasureState]string{data.StateNotStarted: "Ej påbörjad", data.StateUnderWay: "Pågår",
		data.StateInPlace: "På plats", data.StateFollowedUp: "Uppföljd"},
	metrics: map[stats.Metric]string{stats.MetricEmployees: "Anställda", stats.MetricTechWomen: "Kvinnor i tekniska roller (%)",
		stats.MetricMgmtWomen: "Kvinnor i ledningen (%)", stats.MetricHiresWomen: "Kvinnor bland nyanställda (%)",
		stats.MetricApprenticesWomen: "Kvinnor bland lärlingar (%)", stats.MetricInternsWomen: "Kvinnor bland praktikanter (%)",
		stats.MetricRoleModelsWomen: "Kvinnor bland förebilder (%)", stats.MetricPraoPupils: "Praoelever",
		stats.MetricPraoGirls: "Flickor bland praoelever (%)", stats.MetricTeams: "Teknikpraoteam",
		stats.MetricTeamGirls: "Flickor i teknikpraoteam (%)", stats.MetricRoleModels: "Förebilder i registret",
		stats.MetricStepInvestigate: "Undersöka: områden på plats", stats.MetricStepAnalyse: "Analysera: områden på plats",
		stats.MetricStepAct: "Åtgärda: områden på plats", stats.MetricStepFollowUp: "Följa upp: områden på plats",
		stats.MetricStepsTotal: "Steg på plats av 24"},
	stages: map[string]string{"not_started": "Ej påbörjad", "started": "Har börjat", "halfway": "Halvvägs", "far": "Långt kommen"},
}

var journeyEN = journeyWords{
	reportTitle: "Equality journey", bookTitle: "Journey book", planTitle: "Table plan", slipTitle: "Who you meet",
	figuresOverTime: "Key figures over time", position: "Your position in the network", measures: "Active measures",
	paySurvey: "Pay survey", nextSteps: "Next steps", rules: "Requirements by number of employees",
	stories: "Stories", year: "Year", figure: "Key figure", you: "You", network: "Network", band: "Size band",
	sector: "Sector", hidden: "hidden (<5)", noData: "–", done: "Done", notDone: "Not done", noDate: "no date given", step: "Step", area: "Area",
	what: "What was done", when: "When", source: "Source", verified: "checked", notVer: "not checked here",
	nextIntro: "The first step not yet in place in each area:",
	allDone:   "Every step is in place or followed up. Follow up again next year.",
	positionIntro: "Median and quartiles (Q1–Q3) of the network, your size band and your sector. " +
		"A comparison is shown only when at least five members contribute and no member's figure can be worked out.",
	bookIntro: "Stories the members chose to share in the network, by area.",
	noStories: "No shared stories.",
	table:     "Table", host: "Host", guests: "Guests", meet: "You meet", why: "Why", wantsStart: "wants to start",
	canShare: "has done and can share", alone: "Without a partner", slipIntro: "At the event you sit at table %d.",
	previous: "Nobody meets the same partner as at %s.", nobody: "No partner could be found this time.",
	women: "women", men: "men", employees: "employees", progress: "Steps in place",
	members: map[string]string{"one": "member", "many": "members"},
	whyAlone: map[string]string{"no_marks": "has marked no areas", "no_link": "nobody else shares or wants to start the same area",
		"no_seat": "every possible partner is taken or was met at the last event"},
	areas: map[data.Area]string{data.AreaWorkingConditions: "Working conditions", data.AreaPay: "Pay and other terms of employment",
		data.AreaRecruitment: "Recruitment and promotion", data.AreaTraining: "Training and skills development",
		data.AreaParenthood: "Combining work and parenthood", data.AreaHarassment: "Harassment and reprisals"},
	steps: map[data.Step]string{data.StepInvestigate: "Investigate", data.StepAnalyse: "Analyse", data.StepAct: "Act",
		data.StepFollowUp: "Follow up"},
	states: map[data.MeasureState]string{data.StateNotStarted: "Not started", data.StateUnderWay: "Under way",
		data.StateInPlace: "In place", data.StateFollowedUp: "Followed up"},
	metrics: map[stats.Metric]string{stats.MetricEmployees: "Employees", stats.MetricTechWomen: "Women in technical roles (%)",
		stats.MetricMgmtWomen: "Women in management (%)", stats.MetricHiresWomen: "Women among new hires (%)",
		stats.MetricApprenticesWomen: "Women among apprentices (%)", stats.MetricInternsWomen: "Women among interns (%)",
		stats.MetricRoleModelsWomen: "Women among role models (%)", stats.MetricPraoPupils: "Prao pupils",
		stats.MetricPraoGirls: "Girls among prao pupils (%)", stats.MetricTeams: "Teknikprao teams",
		stats.MetricTeamGirls: "Girls in teknikprao teams (%)", stats.MetricRoleModels: "Role models registered",
		stats.MetricStepInvestigate: "Investigate: areas in place", stats.MetricStepAnalyse: "Analyse: areas in place",
		stats.MetricStepAct: "Act: areas in place", stats.MetricStepFollowUp: "Follow up: areas in place",
		stats.MetricStepsTotal: "Steps in place of 24"},
	stages: map[string]string{"not_started": "Not started", "started": "Started", "halfway": "Halfway", "far": "Far along"},
}

func journeyWordsFor(code string) *journeyWords {
	if code == "en" {
		return &journeyEN
	}
	return &journeySV
}

// MetricLabel names a benchmark figure in a language ("sv" or "en").
func MetricLabel(code string, m stats.Metric) string { return journeyWordsFor(code).metrics[m] }

// AreaLabel names an area of active measures in a language.
func AreaLabel(code string, a data.Area) string { return journeyWordsFor(code).areas[a] }

// StepLabel names a step of active measures in a language.
func StepLabel(code string, s data.Step) string { return journeyWordsFor(code).steps[s] }

// StateLabel names a measure's state in a language.
func StateLabel(code string, s data.MeasureState) string { return journeyWordsFor(code).states[s] }

// StageLabel names how far a member has come (data.Progress.Stage).
func StageLabel(code, stage string) string { return journeyWordsFor(code).stages[stage] }

// AloneLabel says why a member got no partner (peers.Alone.Why).
func AloneLabel(code, why string) string { return journeyWordsFor(code).whyAlone[why] }

// AreaName is an area of active measures in Swedish, as the journey
// reports print it; the window's journey screen falls back on these names
// so that the two never drift apart.
func AreaName(a data.Area) string { return journeySV.areas[a] }

// StepName is a step of active measures in Swedish (see AreaName).
func StepName(s data.Step) string { return journeySV.steps[s] }

// StateName is a measure's state in Swedish (see AreaName).
func StateName(s data.MeasureState) string { return journeySV.states[s] }

// MetricName is a benchmark figure in Swedish (see AreaName).
func MetricName(m stats.Metric) string { return journeySV.metrics[m] }

// AloneReason says in Swedish why a member sits without a partner at an
// event's tables ("no_marks", "no_link", "no_seat"; see AreaName).
func AloneReason(why string) string { return journeySV.whyAlone[why] }
