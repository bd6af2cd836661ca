package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"techniqual/data"
)

// warnRed marks what is missing in a document (a risk assessment not filled in).
var warnRed = rgb{0xB0, 0x1C, 0x1C}

// schoolWords are the words of the school's documents of issue #17: the
// offer catalogue, the guardian letter and the risk assessment.
type schoolWords struct {
	catTitle, catIntro, code, seats, meet, doWhat, minAge, slipTitle   string
	dayByDay                                                           string
	slipIntro, choice, name, noOffers, days, ageFrom                   string
	letterTitle, letterDefault, placement, notPlaced, slip, consentQ   string
	yes, no, allergies, travel, travelOpts, phone, guardianSig, placeD string
	returnBy, recorded, dear                                           string
	riskTitle, riskIntro, tasks, machines, substances, gear, superv    string
	assessedBy, notFilled, hostSig, schoolSig, reviewed, pupilsFrom    string
}

var schoolSV = schoolWords{
	catTitle: "Praoplatser", catIntro: "Läs om praoplatserna och skriv koderna för dina fem val på lappen. " +
		"Du kan bara välja platser som finns i den här katalogen.",
	code: "Kod", seats: "Platser", meet: "Du träffar", doWhat: "Det här gör du", dayByDay: "Dag för dag", minAge: "Ålder", ageFrom: "från %d år",
	slipTitle: "Mina val", slipIntro: "Skriv koden för fem praoplatser, den du helst vill ha först. Lämna lappen till din mentor.",
	choice: "Val %d", name: "Namn", noOffers: "Det finns inga godkända praoplatser för den här perioden ännu.", days: "Dagar",

	letterTitle: "Information om prao",
	letterDefault: "Ditt barn ska göra prao (praktisk arbetslivsorientering) under perioden nedan. Prao är en del av " +
		"skolans undervisning och ger eleven en inblick i arbetslivet. Eleven är försäkrad genom skolan under praon. " +
		"Fyll i svarstalongen och lämna den till mentorn, så vet skolan och värden det som behövs för en trygg prao.",
	placement: "Praoplats", notPlaced: "Praoplatsen meddelas när placeringen är klar.",
	slip: "Svarstalong", consentQ: "Jag har tagit del av informationen och mitt barn får göra prao enligt ovan.",
	yes: "Ja", no: "Nej", allergies: "Allergier, mediciner eller annat värden behöver veta",
	travel: "Så tar sig eleven till praoplatsen", travelOpts: "Går · Cykel · Buss/tåg · Skjuts · Annat: ____________",
	phone: "Telefon till vårdnadshavare under praon", guardianSig: "Vårdnadshavares underskrift",
	placeD: "Ort och datum", returnBy: "Lämnas till mentorn senast %s.", recorded: "Svar registrerat %s", dear: "Till vårdnadshavare för %s",

	riskTitle: "Riskbedömning",
	riskIntro: "Värdens bedömning av riskerna för en minderårig elev på praoplatsen (AFS 2023:2). Skolan läser bedömningen, " +
		"frågar om något är oklart och skriver under innan eleven börjar.",
	tasks: "Arbetsuppgifter", machines: "Maskiner och verktyg", substances: "Ämnen och kemikalier",
	gear: "Skyddsutrustning", superv: "Tillsyn av minderåriga", assessedBy: "Bedömd av",
	notFilled: "Värden har inte fyllt i riskbedömningen ännu. Be värden fylla i den i värdformuläret innan eleven börjar.",
	hostSig:   "Värdens underskrift", schoolSig: "Skolans underskrift", reviewed: "Skolan har tagit del av bedömningen",
	pupilsFrom: "Placerade elever",
}

var schoolEN = schoolWords{
	catTitle: "Work experience placements", catIntro: "Read about the placements and write the codes of your five choices " +
		"on the slip. You can only choose placements in this catalogue.",
	code: "Code", seats: "Places", meet: "You will meet", doWhat: "What you will do", dayByDay: "Day by day", minAge: "Age", ageFrom: "from %d",
	slipTitle: "My choices", slipIntro: "Write the codes of five placements, the one you want most first. Give the slip to your mentor.",
	choice: "Choice %d", name: "Name", noOffers: "There are no approved placements for this period yet.", days: "Days",

	letterTitle: "About work experience",
	letterDefault: "Your child will do work experience (prao) during the period below. Prao is part of the school's " +
		"teaching and gives the pupil an insight into working life. The pupil is insured by the school during prao. " +
		"Please fill in the reply slip and give it to the mentor, so that the school and the host know what they need for a safe placement.",
	placement: "Placement", notPlaced: "The placement will be sent to you once it is decided.",
	slip: "Reply slip", consentQ: "I have read the information and my child may do work experience as described.",
	yes: "Yes", no: "No", allergies: "Allergies, medicines or anything else the host needs to know",
	travel: "How the pupil travels to the placement", travelOpts: "Walks · Bicycle · Bus/train · Driven · Other: ____________",
	phone: "Guardian's phone number during prao", guardianSig: "Guardian's signature",
	placeD: "Place and date", returnBy: "Please return to the mentor by %s.", recorded: "Reply recorded %s", dear: "To the guardian of %s",

	riskTitle: "Risk assessment",
	riskIntro: "The host's assessment of the risks for a minor on this placement (AFS 2023:2). The school reads the " +
		"assessment, asks about anything unclear and signs before the pupil starts.",
	tasks: "Tasks", machines: "Machines and tools", substances: "Substances and chemicals",
	gear: "Protective gear", superv: "Supervision of minors", assessedBy: "Assessed by",
	notFilled: "The host has not filled in the risk assessment yet. Ask the host to fill it in on the host form before the pupil starts.",
	hostSig:   "Host's signature", schoolSig: "School's signature", reviewed: "The school has read the assessment",
	pupilsFrom: "Placed pupils",
}

func (l *lang) schoolDocs() *schoolWords {
	if l.code == "en" {
		return &schoolEN
	}
	return &schoolSV
}

// Catalogue writes a period's offer catalogue: every offer with its code,
// host, municipality, what the pupil will do and meet, and the seats; then,
// when the catalogue is printed for pupils (c.Pupils), one slip each for
// their five codes, else blank slips. It is printed at school for pupils,
// so their names appear on their own slips.
func Catalogue(w io.Writer, c data.Catalogue, o Options) error {
	return render(w, o, func(l *lang) string { return l.schoolDocs().catTitle }, 1, func(_ int, u *unit) bool {
		l, sw := u.l, u.l.schoolDocs()
		u.reset(sw.catTitle, c.Period.Name)
		u.para(marginL, contentW, c.Period.Name, bold, 16, 7.5, ink, nil)
		u.para(marginL, contentW, l.span(c.Period.Start, c.Period.End), regular, 10, 5, grey, nil)
		u.space(2)
		u.body(sw.catIntro)
		if len(c.Entries) == 0 {
			u.space(3)
			u.body(sw.noOffers)
		}
		for _, e := range c.Entries {
			catalogueEntry(u, sw, e, c.Period)
		}
		slips(u, sw, c)
		return true
	})
}

func catalogueEntry(u *unit, sw *schoolWords, e data.CatalogueEntry, per data.Period) {
	l := u.l
	u.space(4)
	u.keep(30)
	top := u.y
	u.rect(marginL, top, 16, 9, purple)
	code := strconv.Itoa(e.Code)
	u.text(marginL+8-u.m.textWidth(code, bold, 14)/2, top+6.6, code, bold, 14, white)
	u.text(marginL+20, top+4.2, u.m.truncate(e.Host.Name, bold, 11.5, contentW-20), bold, 11.5, ink)
	u.text(marginL+20, top+8.6, u.m.truncate(joinNonEmpty(" · ", e.Offer.Title, e.Host.Municipality), regular, 9.5, contentW-20),
		regular, 9.5, grey)
	u.y = top + 11
	u.field(sw.doWhat, e.Offer.Description)
	var acts []string
	for _, d := range e.Offer.Days {
		if a := strings.TrimSpace(d.Activities); a != "" && !contains(acts, a) {
			acts = append(acts, a)
		}
	}
	if len(acts) > 0 {
		u.field(sw.dayByDay, strings.Join(acts, " · "))
	}
	var meet []string
	for _, p := range e.RoleModels {
		meet = append(meet, joinNonEmpty(", ", p.Name(), p.Title))
	}
	u.field(sw.meet, strings.Join(meet, "; "))
	u.field(l.address, joinNonEmpty(", ", e.Offer.VisitingAddress, e.Host.Municipality))
	doc := data.ScheduleDoc{Period: per, Offer: e.Offer}
	u.field(sw.days, l.shortSpan(dayDates(doc)))
	u.field(sw.seats, strconv.Itoa(e.Offer.Capacity))
	if e.Offer.MinAge > 0 {
		u.field(sw.minAge, fmt.Sprintf(sw.ageFrom, e.Offer.MinAge))
	}
	u.line(marginL, u.y+1.5, marginL+contentW, u.y+1.5, rule, 0.2)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// slips draws the reply slips, three to a page: one per pupil, or three
// blank ones when the catalogue is not printed for named pupils.
func slips(u *unit, sw *schoolWords, c data.Catalogue) {
	type slip struct{ name, class string }
	var ss []slip
	for _, p := range c.Pupils {
		ss = append(ss, slip{p.Name(), joinNonEmpty(" · ", p.ClassName, c.Schools[p.SchoolID].Name)})
	}
	if len(ss) == 0 {
		ss = make([]slip, 3)
	}
	const h = 80.0
	for i, s := range ss {
		if i%3 == 0 {
			u.newPage()
		}
		top := u.y
		u.line(marginL, top+h-2, marginL+contentW, top+h-2, grey, 0.2) // cut line
		u.text(marginL, top+6, sw.slipTitle+" · "+c.Period.Name, bold, 12, purple)
		u.text(marginL, top+12, u.m.truncate(sw.slipIntro, regular, 8.5, contentW), regular, 8.5, grey)
		u.text(marginL, top+21, sw.name+": ", regular, 10, grey)
		if s.name != "" {
			u.text(marginL+16, top+21, s.name, bold, 11, ink)
			u.text(marginL+100, top+21, u.m.truncate(s.class, regular, 10, contentW-100), regular, 10, ink)
		} else {
			u.line(marginL+16, top+22, marginL+contentW, top+22, ink, 0.3)
		}
		bw := contentW / data.MaxChoices
		for k := range data.MaxChoices {
			x := marginL + float64(k)*bw
			u.text(x, top+33, fmt.Sprintf(sw.choice, k+1), regular, 9, grey)
			u.box(x, top+35, bw-6, 16, ink, 0.3)
		}
		u.y = top + h
	}
}

// GuardianLetters writes one information letter with a reply slip per
// pupil: the school's text (or the built-in one) in the chosen language,
// the period, the placement when there is one, and the slip to return
// (consent, allergies, how the pupil travels, a phone number during prao).
// A letter is addressed to the pupil's own guardians, at home, so a pupil
// with protected identity is named in their own letter; nothing in it is
// about another pupil.
func GuardianLetters(w io.Writer, docs []data.GuardianLetterDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.schoolDocs().letterTitle }, len(docs), func(i int, u *unit) bool {
		layoutLetter(u, docs[i])
		return true
	})
}

func layoutLetter(u *unit, d data.GuardianLetterDoc) {
	l, sw := u.l, u.l.schoolDocs()
	u.reset(sw.letterTitle, joinNonEmpty(" · ", d.School.Name, d.Pupil.ClassName))
	u.para(marginL, contentW, fmt.Sprintf(sw.dear, d.Pupil.Name()), bold, 14, 7, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", l.classOf(d.Pupil.ClassName), d.School.Name), regular, 10, 5, grey, nil)
	u.space(3)
	body := strings.TrimSpace(d.Texts[l.code])
	if body == "" {
		body = sw.letterDefault
	}
	for _, p := range strings.Split(body, "\n") {
		if strings.TrimSpace(p) != "" {
			u.body(p)
			u.space(1.5)
		}
	}
	u.heading(l.period)
	u.field(l.period, joinNonEmpty(" – ", d.Period.Name, l.span(d.Period.Start, d.Period.End)))
	if p := d.Placement; p != nil {
		u.field(sw.placement, joinNonEmpty(" · ", p.Host.Name, p.Offer.Title))
		u.field(l.address, address(*p))
		u.field(l.supervisor, l.personLine(p.Supervisor, true))
	} else {
		u.field(sw.placement, sw.notPlaced)
	}
	u.field(l.questions, l.personLine(d.Counsellor, true))

	// The reply slip goes on the lower part of the page, or the next one.
	const slipH = 118
	if u.room() < slipH {
		u.newPage()
	} else {
		u.y = contentBottom - slipH
	}
	top := u.y
	for x := marginL; x < marginL+contentW; x += 3 {
		u.line(x, top, x+1.5, top, grey, 0.2) // cut here
	}
	u.y = top + 2
	u.text(marginL, u.y+6, sw.slip+" · "+d.Period.Name, bold, 12.5, purple)
	u.y += 9
	u.field(sw.name, joinNonEmpty(" · ", d.Pupil.Name(), d.Pupil.ClassName, d.School.Name))
	u.space(2)
	u.para(marginL, contentW, sw.consentQ, regular, bodySize, bodyLH, ink, nil)
	y := u.y + 1
	u.box(marginL, y, 4, 4, ink, 0.3)
	u.text(marginL+6, y+3.4, sw.yes, regular, 10, ink)
	u.box(marginL+24, y, 4, 4, ink, 0.3)
	u.text(marginL+30, y+3.4, sw.no, regular, 10, ink)
	u.y = y + 8
	for _, q := range []string{sw.allergies, sw.travel, sw.phone} {
		u.text(marginL, u.y+4, q, regular, 9.5, ink)
		if q == sw.travel {
			u.text(marginL, u.y+10, sw.travelOpts, regular, 9.5, grey)
		}
		u.line(marginL, u.y+14, marginL+contentW, u.y+14, ink, 0.25)
		u.y += 17
	}
	u.space(2)
	half := contentW/2 - 4
	u.signature(marginL, half, sw.guardianSig, "")
	u.signature(marginL+half+8, half, sw.placeD, "")
	u.y += 22
	if r := d.Reply; r != nil && !r.ReceivedOn.IsZero() {
		u.para(marginL, contentW, fmt.Sprintf(sw.recorded, data.FormatDate(r.ReceivedOn)), regular, 8.5, 4.2, grey, nil)
	}
}

// RiskAssessments writes one risk assessment document per offer: the
// host's answers (tasks, machines, substances, protective gear, supervision
// of minors) and lines for the host's and the school's signatures. It names
// no pupil, only how many are placed there.
func RiskAssessments(w io.Writer, docs []data.RiskDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.schoolDocs().riskTitle }, len(docs), func(i int, u *unit) bool {
		layoutRisk(u, docs[i])
		return true
	})
}

func layoutRisk(u *unit, d data.RiskDoc) {
	l, sw := u.l, u.l.schoolDocs()
	u.reset(sw.riskTitle, joinNonEmpty(" · ", d.Host.Name, d.Offer.Title))
	u.para(marginL, contentW, d.Host.Name, bold, 16, 7.5, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", d.Offer.Title, sw.code+" "+strconv.Itoa(d.Code)), regular, 10.5, 5.4, grey, nil)
	u.space(2)
	u.body(sw.riskIntro)
	u.space(1)
	u.field(l.period, joinNonEmpty(" – ", d.Period.Name, l.span(d.Period.Start, d.Period.End)))
	u.field(l.address, joinNonEmpty(", ", d.Offer.VisitingAddress, d.Host.Municipality))
	u.field(l.supervisor, l.personLine(d.Supervisor, true))
	if d.Pupils > 0 {
		u.field(sw.pupilsFrom, strconv.Itoa(d.Pupils))
	}
	a := d.Assessment
	if a.Empty() {
		u.space(3)
		u.para(marginL, contentW, sw.notFilled, bold, bodySize, bodyLH, warnRed, nil)
	}
	for _, q := range []struct{ title, val string }{{sw.tasks, a.Tasks}, {sw.machines, a.Machines},
		{sw.substances, a.Substances}, {sw.gear, a.ProtectiveGear}, {sw.superv, a.Supervision}} {
		u.heading(q.title)
		if strings.TrimSpace(q.val) == "" {
			u.body(l.none)
		} else {
			u.body(q.val)
		}
	}
	on := ""
	if !a.AssessedOn.IsZero() {
		on = data.FormatDate(a.AssessedOn)
	}
	u.space(2)
	u.field(sw.assessedBy, joinNonEmpty(", ", a.AssessedBy, on))
	u.space(4)
	u.keep(30)
	u.para(marginL, contentW, sw.reviewed, bold, bodySize, bodyLH, ink, nil)
	half := contentW/2 - 4
	u.signature(marginL, half, sw.hostSig+" · "+sw.placeD, "")
	u.signature(marginL+half+8, half, sw.schoolSig+" · "+sw.placeD, "")
	u.y += 24
}
