package data

import (
	"crypto/rand"
	"math/big"
	"slices"
	"strings"
)

// The pupils' questionnaire before and after a period (issue #19).
//
// Interest scale. The four items below are meant to be the four "interest
// in technology" items of the Pupils' Attitudes Towards Technology short
// questionnaire, PATT-SQ (Ardies, De Maeyer & Gijbels, 2013, from the
// reconstruction in Ardies, De Maeyer & van Keulen, PATT-26, Stockholm
// 2012), in the reduced four-item interest scale focused on school
// technology that Svenningsson, Hultén & Hallström recommend for the
// Swedish version, PATT-SQ-SE ("Understanding attitude measurement:
// exploring meaning and use of the PATT short questionnaire", Int. J.
// Technol. Des. Educ. 28(1), 67–83, 2018, doi:10.1007/s10798-016-9392-x,
// open access; validated with 173 Swedish pupils aged 12–15).
//
// NOT VERIFIED: the reference library available when this was written held
// only the abstracts of those papers, not the item tables. The wording
// below is therefore our own Swedish and English phrasing of the interest
// construct, not the published PATT-SQ-SE wording, and whether any of the
// published four items is reverse-keyed could not be checked (none is
// reversed here). Before the network reports the scale as "PATT-SQ-SE",
// replace SV/EN with the published Swedish items from the 2018 paper's
// appendix (keep the keys q1–q4: stored answers refer to them).
//
// Answers are on 1–5 (1 = stämmer inte alls, 5 = stämmer helt), as PATT-SQ.

// Wave is when a questionnaire is answered.
type Wave string

// The two waves: before choices or teams are made, and at the period's end.
const (
	WaveBefore Wave = "before"
	WaveAfter  Wave = "after"
)

// Valid reports whether w is one of the two waves.
func (w Wave) Valid() bool { return w == WaveBefore || w == WaveAfter }

// SurveyItem is one question of the questionnaire in both languages.
type SurveyItem struct {
	Key    string // stored column: q1..q4, work, programme
	SV, EN string
}

// Text is the item's text in lang ("en" or Swedish).
func (i SurveyItem) Text(lang string) string {
	if lang == "en" {
		return i.EN
	}
	return i.SV
}

// NumInterestItems is the number of items on the interest scale.
const NumInterestItems = 4

// SurveyScaleVersion names the interest scale for documents and reports.
const SurveyScaleVersion = "PATT-SQ-SE, intresse (4 frågor; ordalydelsen ej verifierad mot originalet)"

// InterestItems are the interest scale's items (see the comment above on
// their source and what could not be verified).
var InterestItems = [NumInterestItems]SurveyItem{
	{Key: "q1", SV: "Jag tycker att teknik är intressant.", EN: "I find technology interesting."},
	{Key: "q2", SV: "Jag ser fram emot tekniklektionerna i skolan.", EN: "I look forward to technology lessons at school."},
	{Key: "q3", SV: "Jag vill lära mig mer om teknik.", EN: "I want to learn more about technology."},
	{Key: "q4", SV: "Jag tycker om att ta reda på hur tekniska saker fungerar.", EN: "I like finding out how technical things work."},
}

// WorkItem is the network's own item, answered on the same 1–5 scale.
var WorkItem = SurveyItem{Key: "work", SV: "Kan du tänka dig att arbeta med teknik?", EN: "Could you see yourself working with technology?"}

// ProgrammeItem is the network's own item on the upper-secondary programme.
var ProgrammeItem = SurveyItem{Key: "programme", SV: "Vilket gymnasieprogram funderar du på?", EN: "Which upper-secondary programme are you thinking of?"}

// Programme is one answer to ProgrammeItem.
type Programme struct {
	Code   string // Skolverket's two-letter abbreviation, or our own for the extra answers
	SV, EN string
	Tech   bool // a programme the network counts as technology (TE, EE, IN, NA)
}

// Programmes are the 18 national programmes of the Swedish upper-secondary
// school (6 preparing for higher education, 12 vocational), then
// introduction programmes, "other" and "don't know". Names as Skolverket
// lists them in 2025 (FS: Försäljnings- och serviceprogrammet, earlier
// Handels- och administrationsprogrammet; checked against two guidance
// sites, not against Skolverket's own current page).
var Programmes = []Programme{
	{"EK", "Ekonomiprogrammet", "Business Management and Economics", false},
	{"ES", "Estetiska programmet", "Arts", false},
	{"HU", "Humanistiska programmet", "Humanities", false},
	{"NA", "Naturvetenskapsprogrammet", "Natural Science", true},
	{"SA", "Samhällsvetenskapsprogrammet", "Social Science", false},
	{"TE", "Teknikprogrammet", "Technology", true},
	{"BF", "Barn- och fritidsprogrammet", "Child and Recreation", false},
	{"BA", "Bygg- och anläggningsprogrammet", "Building and Construction", false},
	{"EE", "El- och energiprogrammet", "Electricity and Energy", true},
	{"FT", "Fordons- och transportprogrammet", "Vehicle and Transport", false},
	{"FS", "Försäljnings- och serviceprogrammet", "Sales and Service", false},
	{"HV", "Hantverksprogrammet", "Handicraft", false},
	{"HT", "Hotell- och turismprogrammet", "Hotel and Tourism", false},
	{"IN", "Industritekniska programmet", "Industrial Technology", true},
	{"NB", "Naturbruksprogrammet", "Natural Resource Use", false},
	{"RL", "Restaurang- och livsmedelsprogrammet", "Restaurant Management and Food", false},
	{"VF", "VVS- och fastighetsprogrammet", "HVAC and Property Maintenance", false},
	{"VO", "Vård- och omsorgsprogrammet", "Health and Social Care", false},
	{"IM", "Introduktionsprogram", "Introductory programme", false},
	{"AN", "Annat", "Other", false},
	{"VI", "Vet inte", "Don't know", false},
}

// FindProgramme finds a programme by its code or its Swedish or English
// name, ignoring case and extra spaces.
func FindProgramme(s string) (Programme, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, p := range Programmes {
		if s == strings.ToLower(p.Code) || s == strings.ToLower(p.SV) || s == strings.ToLower(p.EN) {
			return p, true
		}
	}
	return Programme{}, false
}

// SurveyAnswer is one wave's answers of one code. 0 (or "") is not answered.
type SurveyAnswer struct {
	Items     [NumInterestItems]int // 1–5
	Work      int                   // 1–5
	Programme string                // a Programme code
}

// Empty reports whether nothing was answered.
func (a SurveyAnswer) Empty() bool {
	return a == SurveyAnswer{}
}

// Interest is the interest scale's score, the mean of its items, and
// whether there is one: every item must be answered (a mean of fewer items
// would not be the same scale before and after).
func (a SurveyAnswer) Interest() (float64, bool) {
	sum := 0
	for _, x := range a.Items {
		if x < 1 || x > 5 {
			return 0, false
		}
		sum += x
	}
	return float64(sum) / NumInterestItems, true
}

// validate names the first answer that is out of range.
func (a SurveyAnswer) validate(v *validator) {
	for i, x := range a.Items {
		if x < 0 || x > 5 {
			v.add(InterestItems[i].Key, "err.scale", "Svaret måste vara 1–5.", "answer must be 1..5")
		}
	}
	if a.Work < 0 || a.Work > 5 {
		v.add(WorkItem.Key, "err.scale", "Svaret måste vara 1–5.", "answer must be 1..5")
	}
	if a.Programme != "" {
		if _, ok := FindProgramme(a.Programme); !ok {
			v.add(ProgrammeItem.Key, "err.programme", "Okänt gymnasieprogram.", "unknown upper-secondary programme")
		}
	}
}

// SurveyCodeLen is the length of a code, without the hyphen it is printed with.
const SurveyCodeLen = 8

// codeAlphabet leaves out letters and digits that are easily mixed up on
// paper (0/O, 1/I/L, 2/Z, 5/S, 8/B) and vowels enough that no word is
// likely spelled. 24 symbols, 8 places: about 1.1·10¹¹ codes, so a code
// cannot be guessed from another (they are drawn independently, from
// crypto/rand).
const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY3479"

// NewSurveyCode draws a random code (crypto/rand): nothing in it comes
// from the pupil.
func NewSurveyCode() (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(codeAlphabet)))
	for i := 0; i < SurveyCodeLen; i++ {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b.WriteByte(codeAlphabet[n.Int64()])
	}
	return b.String(), nil
}

// FormatSurveyCode prints a code as two groups of four ("ACDE-FGHJ").
func FormatSurveyCode(c string) string {
	if len(c) != SurveyCodeLen {
		return c
	}
	return c[:4] + "-" + c[4:]
}

// NotInSurveyCodes lists, once each and in order, the characters of s
// that no code holds ("Z", "Z, O"): what to tell a user who copied a code
// wrong.
func NotInSurveyCodes(s string) string {
	var out []string
	for _, r := range s {
		if !strings.ContainsRune(codeAlphabet, r) && !slices.Contains(out, string(r)) {
			out = append(out, string(r))
		}
	}
	return strings.Join(out, ", ")
}

// NormalizeSurveyCode turns what a pupil wrote or a form tool exported into
// a stored code: spaces and hyphens dropped, upper case. ok is false when
// the result cannot be a code (wrong length or a symbol codes never hold).
func NormalizeSurveyCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r == ' ' || r == '-' || r == '\u00a0' || r == '\t' {
			continue
		}
		b.WriteRune(r)
	}
	c := b.String()
	if len(c) != SurveyCodeLen {
		return c, false
	}
	for _, r := range c {
		if !strings.ContainsRune(codeAlphabet, r) {
			return c, false
		}
	}
	return c, true
}
