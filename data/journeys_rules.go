package data

// Threshold is one rule of law on employers' equality work that depends on
// the number of employees: from which head count it applies, what it asks,
// its source and whether that source was checked when it was written down.
type Threshold struct {
	From     int    // employees, counted as the law says (at the start of the calendar year)
	To       int    // last head count it applies to; 0 for no upper limit
	Applies  string // from when, YYYY-MM-DD; "" when in force
	Sv, En   string // what it asks
	Source   string // the provision
	Verified string // how the source was checked, or "" when it was not
}

// Thresholds are the head-count rules of the pay survey and of written
// documentation, in ONE table (issue 18), with their sources. The Swedish
// rules were checked on 2026-12-05 against the text of the law as
// Diskrimineringsombudsmannen quotes it (e-guide.do.se, "Lagtexter",
// Lag 2016:828). The EU directive's figures are written from the
// directive's Article 9 and 34 as remembered; they were NOT checked
// against EUR-Lex here, and Sweden's transposing act was not yet
// available to check: verify before relying on them.
var Thresholds = []Threshold{
	{From: 1, Sv: "Varje år kartlägga och analysera löner och andra anställningsvillkor (lönekartläggning).",
		En:     "Survey and analyse pay and other terms of employment every year (pay survey).",
		Source: "Diskrimineringslagen (2008:567) 3 kap. 8–10 §§", Verified: "e-guide.do.se, 2026-12-05"},
	{From: 10, To: 24, Sv: "Dokumentera lönekartläggningen skriftligen varje år.",
		En:     "Document the pay survey in writing every year.",
		Source: "Diskrimineringslagen (2008:567) 3 kap. 14 §", Verified: "e-guide.do.se, 2026-12-05"},
	{From: 25, Sv: "Dokumentera hela arbetet med aktiva åtgärder skriftligen varje år, lönekartläggningen inräknad.",
		En:     "Document all work on active measures in writing every year, the pay survey included.",
		Source: "Diskrimineringslagen (2008:567) 3 kap. 13 §", Verified: "e-guide.do.se, 2026-12-05"},
	{From: 1, Applies: "2026-06-07", Sv: "Lönetransparens vid rekrytering och rätt till information om lönenivåer (när lagen genomförts i Sverige).",
		En:     "Pay transparency in recruitment and a right to information on pay levels (once transposed in Sweden).",
		Source: "Direktiv (EU) 2023/970 art. 5–7, genomförande senast 2026-06-07 (art. 34)"},
	{From: 100, To: 149, Applies: "2031-06-07", Sv: "Rapportera löneskillnader mellan kvinnor och män vart tredje år.",
		En: "Report the gender pay gap every three years.", Source: "Direktiv (EU) 2023/970 art. 9"},
	{From: 150, To: 249, Applies: "2027-06-07", Sv: "Rapportera löneskillnader mellan kvinnor och män vart tredje år.",
		En: "Report the gender pay gap every three years.", Source: "Direktiv (EU) 2023/970 art. 9"},
	{From: 250, Applies: "2027-06-07", Sv: "Rapportera löneskillnader mellan kvinnor och män varje år.",
		En: "Report the gender pay gap every year.", Source: "Direktiv (EU) 2023/970 art. 9"},
}

// ThresholdsFor lists the rules that apply to an employer of n employees.
func ThresholdsFor(n int) []Threshold {
	var out []Threshold
	for _, t := range Thresholds {
		if n >= t.From && (t.To == 0 || n <= t.To) {
			out = append(out, t)
		}
	}
	return out
}

// Progress is how far a member has come in one year: of the 24 cells (six
// areas × four steps), how many are done (in place or followed up) and
// how many under way; and whether the pay survey was done.
type Progress struct {
	Year      int
	Done      int
	UnderWay  int
	PaySurvey bool
	Recorded  bool // anything recorded for the year
}

// Cells is the number of area × step cells.
const Cells = 6 * 4

// ProgressOf sums a member's measures and figures of one year.
func ProgressOf(year int, ms []Measure, y *JourneyYear) Progress {
	p := Progress{Year: year}
	for _, m := range ms {
		if m.Year != year {
			continue
		}
		p.Recorded = true
		switch {
		case m.State.Done():
			p.Done++
		case m.State == StateUnderWay:
			p.UnderWay++
		}
	}
	if y != nil && y.Year == year {
		p.Recorded = true
		p.PaySurvey = y.PaySurvey
	}
	return p
}

// Stage is a short word for how far a member has come: not started (none
// done or under way), started, halfway (12 or more done), far (all areas'
// first three steps: 18 or more) — for lists and the coordinator.
func (p Progress) Stage() string {
	switch {
	case !p.Recorded || p.Done+p.UnderWay == 0:
		return "not_started"
	case p.Done >= 18:
		return "far"
	case p.Done >= 12:
		return "halfway"
	}
	return "started"
}
