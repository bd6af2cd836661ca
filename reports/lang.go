package reports

import (
	"fmt"
	"strings"
	"techniqual/data/text"
	"time"

	"techniqual/data"
)

// lang holds the words of the documents in one language. Swedish is the
// default; every field has a value in both.
type lang struct {
	code                                       string
	weekdays                                   [7]string // Sunday first, as time.Weekday
	months                                     [12]string
	week, weeks                                string // "v. %d", "v. %d–%d"
	page, printed, cont, brand                 string
	class, school, host, placement, period     string
	address, travel, supervisor, lunch, phone  string
	day, timeOfDay, breakCol, activities, days string
	minutes, noTimes                           string
	viaSchool, ref, protectedNote, none        string
	askSender                                  string
	pupil, hostActivities                      string

	// Praoschema
	scheduleTitle, yourPlacement, yourDays, youWillMeet, journey string
	bring, ifIll, ifIllText, questions, callSchool, callSup      string
	askCounsellor                                                string

	// Värdbekräftelse
	hostTitle, hostIntro, hostPlacement, hostDays, pupils, seats string
	contact, needs, needsIntro, hostOutro, seatsUsed             string
	// schoolAndContact heads the run-sheet's column of a pupil's school
	// and its contact person: with no counsellor on record it holds the
	// school alone, which "Skolans kontakt" did not say.
	schoolAndContact string

	// Närvarokort
	cardTitle, cardIntro, present, absent, initials, comment string
	supSignature, nameClarified, date                        string

	// Praointyg
	certTitle, certifies, completedAt, attended, didWhat, supComment string
	supervisorSig, schoolSig, placeDate                              string

	// Teknikpraovecka: the pupil's week schedule and the team sheet
	weekTitle, yourWeek, team, group, programme, closing, venue string
	noBlocks, weekIllText, teamTitle, members, route            string

	// Teknikpraovecka: the host's run-sheet and attendance list
	runTitle, runIntro, firstName, noTeam, teamsIn, coordinator string
	runProtected, askAbout, listTitle, listIntro                string
	roleModels                                                  string

	// Teknikpraovecka: certificate
	weekCertTitle, completedWeek, visited, blocksAttended, andClosing string

	// Teknikpraovecka: the host's feedback report
	feedbackTitle, feedbackIntro, question, answers, thisBlock, yourBlocks string
	yourGroup, wholeWeek, comments, commentsHidden, noAnswers, summary     string
	decimal                                                                string
}

var swedish = lang{
	code:     "sv",
	weekdays: text.Weekdays(text.Swedish),
	months:   text.Months(text.Swedish),
	week:     "v. %d", weeks: "v. %d–%d",
	page: "Sida %d av %d", printed: "Utskriven %s", cont: "(forts.)", brand: "TechniQual – teknikprao i Värmland",
	class: "Klass", school: "Skola", host: "Värd", placement: "Praoplats", period: "Period",
	address: "Adress", travel: "Hitta hit", supervisor: "Handledare", lunch: "Lunch", phone: "tel.",
	day: "Dag", timeOfDay: "Tid", breakCol: "Rast", activities: "Det här gör du", days: "Dagar",
	minutes: "%d min", noTimes: "Tider meddelas av värden.",
	viaSchool: "Elev via skolan", pupil: "Elev", hostActivities: "Aktiviteter", ref: "Ref.", none: "–",
	protectedNote: "Elev via skolan: elevens personuppgifter lämnas inte ut. Frågor om eleven går till kontakten på raden, som vidarebefordrar dem.",
	askSender:     "Den som skickade listan",

	scheduleTitle: "Praoschema", yourPlacement: "Din praoplats", yourDays: "Dina dagar",
	youWillMeet: "Du kommer att träffa", journey: "Vägen från skolan till jobbet",
	bring: "Ta med", ifIll: "Om du blir sjuk",
	ifIllText: "Ring både skolan och din handledare innan dagen börjar.",
	questions: "Frågor om praon", askCounsellor: "Fråga din studie- och yrkesvägledare: %s.", callSchool: "Skolan", callSup: "Handledaren",

	hostTitle:     "Värdbekräftelse",
	hostIntro:     "Tack för att ni tar emot elever på prao! Här är eleverna som kommer till er och deras dagar.",
	hostPlacement: "Praoplats", hostDays: "Dagar och tider", pupils: "Elever som kommer", seats: "Platser", seatsUsed: "%d av %d",
	contact: "Skolans kontakt", needs: "Bra att veta", schoolAndContact: "Skola och kontakt",
	needsIntro: "Uppgifter som eleven och skolan har valt att dela med er, så att ni kan ta emot eleven väl.",
	hostOutro:  "Om något ändras, eller om en elev inte kommer, kontakta skolans kontakt för den eleven.",

	cardTitle: "Närvarokort",
	cardIntro: "Handledaren fyller i kortet varje dag. Eleven lämnar kortet till skolan efter praon.",
	present:   "Närvarande", absent: "Frånvarande", initials: "Handledarens signatur", comment: "Kommentar",
	supSignature: "Handledarens underskrift", nameClarified: "Namnförtydligande", date: "Datum",

	certTitle: "Praointyg", certifies: "Härmed intygas att", completedAt: "har genomfört prao hos",
	attended: "%d av %d dagar", didWhat: "Det här gjorde eleven", supComment: "Handledarens kommentar",
	supervisorSig: "Handledare", schoolSig: "Skolan", placeDate: "Ort och datum",

	weekTitle: "Schema för teknikpraoveckan", yourWeek: "Din vecka", team: "Team", group: "Värdgrupp",
	programme: "Program", closing: "Avslutning", venue: "Plats", noBlocks: "Inga block är planerade ännu.",
	weekIllText: "Ring skolan innan dagen börjar. Skolan säger till värden.",
	teamTitle:   "Teamblad", members: "Teamets elever", route: "Rutt genom veckan",

	runTitle: "Körschema för värden",
	runIntro: "Tack för att ni tar emot team under teknikpraoveckan! Här är teamen som kommer till er, block för block, " +
		"med elevernas förnamn och klass.",
	firstName: "Förnamn", noTeam: "Inget team i det här blocket.", teamsIn: "Team i blocket", coordinator: "Samordnare", roleModels: "Förebilder",
	runProtected: "Elev via skolan: elevens namn, klass och skola lämnas inte ut.",
	askAbout:     "Frågor om en sådan elev går till %s.",
	listTitle:    "Närvarolista",
	listIntro: "Handledaren fyller i listan för teamet vid varje block och skriver under. " +
		"Listan lämnas till skolan efter veckan.",

	weekCertTitle: "Intyg om teknikprao", completedWeek: "har genomfört teknikprao och besökt",
	visited: "Besökta värdar", blocksAttended: "%d av %d block", andClosing: "och avslutningen",

	feedbackTitle: "Återkoppling från eleverna",
	feedbackIntro: "Elevernas svar per block på en skala 1–5, där 5 är bäst, jämförda med hela värdgruppen och hela veckan. " +
		"Där färre än 5 elever svarat visas <5 i stället för siffror, och kommentarerna visas utan namn.",
	question: "Fråga", answers: "Antal svar", thisBlock: "Blocket", yourBlocks: "Era block",
	yourGroup: "Värdgruppen", wholeWeek: "Hela veckan", comments: "Kommentarer",
	commentsHidden: "Kommentarerna visas när minst 5 elever har svarat.", noAnswers: "Inga svar ännu.",
	summary: "Sammanfattning", decimal: ",",
}

var english = lang{
	code:     "en",
	weekdays: text.Weekdays(text.English),
	months:   text.Months(text.English),
	week:     "week %d", weeks: "weeks %d–%d",
	page: "Page %d of %d", printed: "Printed %s", cont: "(continued)",
	brand: "TechniQual – technology work experience in Värmland",
	class: "Class", school: "School", host: "Host", placement: "Placement", period: "Period",
	address: "Address", travel: "Getting there", supervisor: "Supervisor", lunch: "Lunch", phone: "tel.",
	day: "Day", timeOfDay: "Time", breakCol: "Break", activities: "What you will do", days: "Days",
	minutes: "%d min", noTimes: "The host will tell you the times.",
	viaSchool: "Pupil via the school", pupil: "Pupil", hostActivities: "Activities", ref: "Ref.", none: "–",
	protectedNote: "Pupil via the school: this pupil's personal details are not shared. Please ask the contact on the row, who passes your question on.",
	askSender:     "Whoever sent you this list",

	scheduleTitle: "Work experience schedule", yourPlacement: "Your placement", yourDays: "Your days",
	youWillMeet: "You will meet", journey: "From school to work",
	bring: "What to bring", ifIll: "If you are ill",
	ifIllText: "Call both the school and your supervisor before the day starts.",
	questions: "Questions about your placement", askCounsellor: "Ask your study and career counsellor: %s.", callSchool: "School", callSup: "Supervisor",

	hostTitle:     "Host confirmation",
	hostIntro:     "Thank you for hosting pupils on work experience! These are the pupils coming to you and their days.",
	hostPlacement: "Placement", hostDays: "Days and times", pupils: "Pupils coming", seats: "Places", seatsUsed: "%d of %d",
	contact: "School contact", needs: "Good to know", schoolAndContact: "School and contact",
	needsIntro: "Details the pupil and the school have chosen to share with you, so that you can welcome the pupil well.",
	hostOutro:  "If anything changes, or a pupil does not come, please contact that pupil's school contact.",

	cardTitle: "Attendance card",
	cardIntro: "The supervisor fills in the card every day. The pupil returns it to the school after the placement.",
	present:   "Present", absent: "Absent", initials: "Supervisor's initials", comment: "Comment",
	supSignature: "Supervisor's signature", nameClarified: "Name in capitals", date: "Date",

	certTitle: "Work experience certificate", certifies: "This is to certify that",
	completedAt: "has completed work experience at", attended: "%d of %d days",
	didWhat: "What the pupil did", supComment: "The supervisor's comment",
	supervisorSig: "Supervisor", schoolSig: "School", placeDate: "Place and date",

	weekTitle: "Teknikprao week schedule", yourWeek: "Your week", team: "Team", group: "Host group",
	programme: "Programme", closing: "Closing session", venue: "Venue", noBlocks: "No blocks are planned yet.",
	weekIllText: "Call the school before the day starts. The school tells the host.",
	teamTitle:   "Team sheet", members: "The team's pupils", route: "Route through the week",

	runTitle: "Host run-sheet",
	runIntro: "Thank you for hosting teams during the teknikprao week! These are the teams coming to you, block by block, " +
		"with the pupils' first names and classes.",
	firstName: "First name", noTeam: "No team in this block.", teamsIn: "Teams in the block", coordinator: "Coordinator", roleModels: "Role models",
	runProtected: "Pupil via the school: this pupil's name, class and school are not shared.",
	askAbout:     "Questions about such a pupil go to %s.",
	listTitle:    "Attendance list",
	listIntro: "The supervisor fills in the list for the team at each block and signs it. " +
		"The list goes back to the school after the week.",

	weekCertTitle: "Teknikprao certificate", completedWeek: "has completed teknikprao and visited",
	visited: "Hosts visited", blocksAttended: "%d of %d blocks", andClosing: "and the closing session",

	feedbackTitle: "Feedback from the pupils",
	feedbackIntro: "The pupils' answers per block on a scale of 1–5, where 5 is best, compared with the whole host group " +
		"and the whole week. Where fewer than 5 pupils answered, <5 is shown instead of figures, and comments are shown without names.",
	question: "Question", answers: "Answers", thisBlock: "This block", yourBlocks: "Your blocks",
	yourGroup: "Host group", wholeWeek: "Whole week", comments: "Comments",
	commentsHidden: "Comments are shown once at least 5 pupils have answered.", noAnswers: "No answers yet.",
	summary: "Summary", decimal: ".",
}

// languageFor picks the words for a language code; "" means Swedish.
func languageFor(code string) (*lang, error) {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "", "sv", "sv-se":
		return &swedish, nil
	case "en", "en-gb", "en-us":
		return &english, nil
	}
	return nil, fmt.Errorf("reports: unknown language %q: use sv or en", code)
}

// longDay writes "måndag 9 november" / "Monday 9 November".
func (l *lang) longDay(t time.Time) string {
	if t.IsZero() {
		return l.none
	}
	return fmt.Sprintf("%s %d %s", l.weekdays[t.Weekday()], t.Day(), l.months[t.Month()-1])
}

// shorten keeps the first n letters of s.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// weekOf writes "v. 46" or "v. 46–47" for a span of days.
func (l *lang) weekOf(start, end time.Time) string {
	a, b := data.ISOWeek(start), data.ISOWeek(end)
	if end.IsZero() || a == b {
		return fmt.Sprintf(l.week, a)
	}
	return fmt.Sprintf(l.weeks, a, b)
}

// span writes "måndag 9 november – fredag 13 november 2026 (v. 46)".
func (l *lang) span(start, end time.Time) string {
	switch {
	case start.IsZero() && end.IsZero():
		return l.none
	case end.IsZero() || start.Equal(end):
		return fmt.Sprintf("%s %d (%s)", l.longDay(start), start.Year(), l.weekOf(start, start))
	case start.Year() != end.Year():
		return fmt.Sprintf("%s %d – %s %d (%s)", l.longDay(start), start.Year(), l.longDay(end), end.Year(), l.weekOf(start, end))
	}
	return fmt.Sprintf("%s – %s %d (%s)", l.longDay(start), l.longDay(end), end.Year(), l.weekOf(start, end))
}

// shortSpan writes "9–13 nov" / "30/11–4/12" for a pupil's days.
func (l *lang) shortSpan(days []time.Time) string {
	if len(days) == 0 {
		return l.none
	}
	a, b := days[0], days[len(days)-1]
	switch {
	case a.Equal(b):
		return fmt.Sprintf("%d %s", a.Day(), shorten(l.months[a.Month()-1], 3))
	case a.Month() == b.Month() && a.Year() == b.Year():
		return fmt.Sprintf("%d–%d %s", a.Day(), b.Day(), shorten(l.months[a.Month()-1], 3))
	}
	return fmt.Sprintf("%d %s – %d %s", a.Day(), shorten(l.months[a.Month()-1], 3), b.Day(), shorten(l.months[b.Month()-1], 3))
}

// clockSpan writes "08:30–15:30".
func clockSpan(d data.OfferDay) string { return d.Start.String() + "–" + d.End.String() }

// classOf writes "Klass 9B", or nothing when the class is not recorded.
func (l *lang) classOf(class string) string {
	if strings.TrimSpace(class) == "" {
		return ""
	}
	return l.class + " " + strings.TrimSpace(class)
}
