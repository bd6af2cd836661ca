package exchange

import (
	"strings"
	"unicode"
)

// fieldNames are the words a user knows for the exchanged fields, Swedish
// then English, as the forms name them (a conflict on "capacity" means
// nothing to an HR person; "antal platser" does).
var fieldNames = map[string][2]string{
	"kind":                     {"typ", "kind"},
	"name":                     {"namn", "name"},
	"org_number":               {"organisationsnummer", "organisation number"},
	"municipality":             {"kommun", "municipality"},
	"visiting_address":         {"besöksadress", "visiting address"},
	"sector":                   {"bransch", "sector"},
	"member_since":             {"medlem sedan", "member since"},
	"notes":                    {"anteckningar", "notes"},
	"organisation_id":          {"organisation", "organisation"},
	"first_name":               {"förnamn", "first name"},
	"last_name":                {"efternamn", "last name"},
	"roles":                    {"roller", "roles"},
	"title":                    {"titel", "title"},
	"email":                    {"e-post", "e-mail"},
	"phone":                    {"telefon", "phone"},
	"journey":                  {"resan från skola till jobb", "journey from school to work"},
	"date":                     {"datum", "date"},
	"text":                     {"text", "text"},
	"grade":                    {"årskurs", "grade"},
	"start_date":               {"första dag", "first day"},
	"end_date":                 {"sista dag", "last day"},
	"status":                   {"status", "status"},
	"format":                   {"format (klassisk prao eller teknikpraovecka)", "format (classic prao or teknikprao week)"},
	"host_id":                  {"värd", "host"},
	"period_id":                {"praoperiod", "period"},
	"description":              {"beskrivning", "description"},
	"capacity":                 {"antal platser", "seats"},
	"supervisor_id":            {"handledare", "supervisor"},
	"min_age":                  {"lägsta ålder", "minimum age"},
	"what_to_bring":            {"ta med", "what to bring"},
	"travel_info":              {"resväg", "how to get there"},
	"lunch_info":               {"lunch", "lunch"},
	"safety_risk_assessment":   {"riskbedömning gjord", "risk assessment done"},
	"safety_protective_gear":   {"skyddsutrustning finns", "protective gear provided"},
	"safety_introduction":      {"introduktion om säkerhet", "safety introduction"},
	"safety_supervisor_adult":  {"handledaren är minst 18", "supervisor is 18 or older"},
	"safety_emergency_routine": {"rutin vid olycka", "emergency routine"},
	"days":                     {"dagar och tider", "days and times"},
	"role_models":              {"förebilder eleverna möter", "role models pupils meet"},
	"school_id":                {"skola", "school"},
	"class_name":               {"klass", "class"},
	"birth_date":               {"födelsedatum", "birth date"},
	"gender":                   {"kön", "gender"},
	"protected":                {"skyddad identitet", "protected identity"},
	"guardian_name":            {"vårdnadshavare", "guardian"},
	"guardian_phone":           {"vårdnadshavares telefon", "guardian's phone"},
	"guardian_email":           {"vårdnadshavares e-post", "guardian's e-mail"},
	"needs":                    {"behov", "needs"},
	"needs_shareable":          {"behov får delas med värden", "needs may be shared with the host"},
	"external_id":              {"id i skolsystemet", "school system id"},
	"pupil_id":                 {"elev", "pupil"},
	"offers":                   {"val", "choices"},
	"friends":                  {"kompis", "friend"},
	"offer_id":                 {"praoplats", "offer"},
	"locked":                   {"låst", "locked"},
	"source":                   {"källa", "source"},
	"supervisor_comment":       {"handledarens kommentar", "supervisor's comment"},
	"tasks":                    {"arbetsuppgifter", "tasks"},
	"machines":                 {"maskiner och verktyg", "machines and tools"},
	"substances":               {"ämnen och kemikalier", "substances and chemicals"},
	"protective_gear":          {"skyddsutrustning", "protective gear"},
	"supervision":              {"tillsyn", "supervision"},
	"assessed_by":              {"bedömd av", "assessed by"},
	"assessed_on":              {"bedömd den", "assessed on"},
	deletedField:               {"borttagen", "deleted"},
	supersedeField:             {"ersätter placeringen här (låst eller gjord för hand)", "replaces the placement here (locked or made by hand)"},
}

// FieldName is the name a user knows for an exchanged field, in Swedish or
// (en) English; an unknown field keeps its code name.
func FieldName(field string, en bool) string {
	n, ok := fieldNames[field]
	if !ok {
		return field
	}
	if en {
		return n[1]
	}
	return n[0]
}

// fileKindNames start a file's name, Swedish then English: what it is.
var fileKindNames = map[Kind][2]string{
	KindHostForm: {"Värdformulär", "Host form"},
	KindSchool:   {"Skolfil", "School file"},
	KindResults:  {"Resultat", "Results"},
	KindHost:     {"Värdfil", "Host file"},
}

// FileName is the name a file is saved under, saying what it is, who it
// is from or about and when: "Värdformulär Alsters Kodverkstad AB
// 2026-12-05.techniqual". The name is made safe for any file system: path
// separators, control characters and characters Windows refuses become
// spaces, and it is kept short.
func FileName(k Kind, who, date string, en bool) string {
	kind := fileKindNames[k][0]
	if en {
		kind = fileKindNames[k][1]
	}
	if kind == "" {
		kind = "Techniqual"
	}
	clean := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || strings.ContainsRune(`/\:*?"<>|`, r) ||
				unicode.Is(unicode.Cf, r): // bidi overrides and zero-width characters too
				b.WriteRune(' ')
			default:
				b.WriteRune(r)
			}
		}
		s = strings.Join(strings.Fields(b.String()), " ")
		s = strings.Trim(s, ". ") // no hidden file, no trailing dot (Windows)
		if r := []rune(s); len(r) > 80 {
			s = strings.TrimSpace(string(r[:80]))
		}
		return s
	}
	parts := []string{kind}
	for _, p := range []string{clean(who), clean(date)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ") + Extension
}
