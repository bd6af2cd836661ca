package exchange

import (
	"context"
	"fmt"
	"strings"

	"techniqual/data"
)

// KindJourney is a member company's equality journey, sent from its HR
// person's laptop to the coordinator: the company, its stories, its yearly
// figures, its active measures and its peer marks. Merged like a host
// form: rows by key, every row must belong to the sending company.
const KindJourney Kind = "journey"

func init() {
	Kinds = append(Kinds, KindJourney)
	kindTables[KindJourney] = map[string]bool{data.XOrganisations: true, data.XJourney: true, data.XJourneyYears: true,
		data.XJourneyMeasures: true, data.XJourneyPeers: true}
	kindNames[KindJourney] = [2]string{"en fil med jämställdhetsresa", "an equality journey file"}
	fileKindNames[KindJourney] = [2]string{"Jämställdhetsresa", "Equality journey"}
	tableNames[data.XJourneyMeasures] = [2]string{"aktiva åtgärder", "active measures"}
	tableNames[data.XJourneyYears] = [2]string{"nyckeltal per år", "yearly figures"}
	tableNames[data.XJourneyPeers] = [2]string{"markeringar för träffar", "peer marks"}
	for f, n := range journeyFieldNames {
		if _, ok := fieldNames[f]; !ok {
			fieldNames[f] = n
		}
	}
}

// journeyFieldNames name the journey's fields in previews and conflicts.
var journeyFieldNames = map[string][2]string{
	"shareable": {"får delas i nätverket", "may be shared in the network"}, "area": {"område", "area"},
	"year": {"år", "year"}, "step": {"steg", "step"}, "state": {"läge", "state"}, "done": {"vad som gjorts", "what was done"},
	"employees": {"anställda", "employees"}, "pay_survey": {"lönekartläggning gjord", "pay survey done"},
	"pay_survey_date": {"lönekartläggningens datum", "date of the pay survey"},
	"tech_women":      {"kvinnor i tekniska roller", "women in technical roles"}, "tech_men": {"män i tekniska roller", "men in technical roles"},
	"mgmt_women": {"kvinnor i ledningen", "women in management"}, "mgmt_men": {"män i ledningen", "men in management"},
	"hires_women": {"nyanställda kvinnor", "women hired"}, "hires_men": {"nyanställda män", "men hired"},
	"apprentices_women": {"kvinnliga lärlingar", "women apprentices"}, "apprentices_men": {"manliga lärlingar", "men apprentices"},
	"interns_women": {"kvinnliga praktikanter", "women interns"}, "interns_men": {"manliga praktikanter", "men interns"},
	"role_models_women": {"kvinnliga förebilder", "women role models"}, "role_models_men": {"manliga förebilder", "men role models"},
	"can_share": {"kan dela", "can share"}, "want_start": {"vill börja", "wants to start"},
}

// journeyTables are the tables a journey file carries besides the company,
// with the fields of each.
func journeyTables() []struct {
	table  string
	fields []string
} {
	out := []struct {
		table  string
		fields []string
	}{{data.XJourney, data.JourneyStoryFields}}
	for _, name := range []string{data.XJourneyYears, data.XJourneyMeasures, data.XJourneyPeers} {
		t, _ := data.ExchangeTableOf(name)
		out = append(out, struct {
			table  string
			fields []string
		}{name, t.Fields})
	}
	return out
}

// orgJourneyFields are the company's fields in a journey file: a host
// form's and the membership (found by use: an imported journey's company
// had no "Medlem sedan", so the coordinator saw no member and no journey).
var orgJourneyFields = append(append([]string{}, orgFormFields...), "member_since")

// ExportJourney builds a journey file for one member company: the company
// with its membership date, and its journey. Internal notes stay at home.
// A laptop that does not know the membership date (an HR person's, which
// has the company from a host form) leaves the field out: an empty date
// would only be refused as older than the coordinator's.
func ExportJourney(ctx context.Context, st *data.Store, orgID string, o Options) (*Payload, error) {
	org, err := st.GetOrganisation(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if org.Kind != data.KindCompany {
		return nil, fmt.Errorf("%s is not a company", org.Name)
	}
	b, err := newBuilder(ctx, st, KindJourney, org, o)
	if err != nil {
		return nil, err
	}
	orgs, err := b.rows(data.XOrganisations, "id", []string{orgID})
	if err != nil {
		return nil, err
	}
	if err := b.add(orgs, orgJourneyFields, false); err != nil {
		return nil, err
	}
	for i := range b.p.Rows {
		if r := &b.p.Rows[i]; r.Table == data.XOrganisations && r.Fields != nil && r.Fields["member_since"] == "" {
			delete(r.Fields, "member_since")
			delete(r.V, "member_since")
		}
	}
	for _, t := range journeyTables() {
		rows, err := b.rows(t.table, "organisation_id", []string{orgID})
		if err != nil {
			return nil, err
		}
		if err := b.add(rows, t.fields, false); err != nil {
			return nil, err
		}
	}
	return b.p, nil
}

// journeyWords name the areas and steps of active measures in the
// preview, Swedish then English (the reports' and the window's words).
var journeyWords = map[string][2]string{
	string(data.AreaWorkingConditions): {"Arbetsförhållanden", "Working conditions"},
	string(data.AreaPay):               {"Löner och andra anställningsvillkor", "Pay and other terms of employment"},
	string(data.AreaRecruitment):       {"Rekrytering och befordran", "Recruitment and promotion"},
	string(data.AreaTraining):          {"Utbildning och kompetensutveckling", "Training and skills development"},
	string(data.AreaParenthood):        {"Förena förvärvsarbete och föräldraskap", "Combining work and parenthood"},
	string(data.AreaHarassment):        {"Trakasserier och repressalier", "Harassment and reprisals"},
	string(data.StepInvestigate):       {"Undersöka", "Investigate"},
	string(data.StepAnalyse):           {"Analysera", "Analyse"},
	string(data.StepAct):               {"Åtgärda", "Act"},
	string(data.StepFollowUp):          {"Följa upp", "Follow up"},
}

// journeyLabel names a row of the structured journey in words (i: 0
// Swedish, 1 English): the year of yearly figures, the year, area and step
// of a measure, the area of a peer mark; "" for other tables. Found by use:
// the preview listed their keys.
func journeyLabel(table string, f map[string]string, i int) string {
	word := func(k string) string {
		if w, ok := journeyWords[k]; ok {
			return w[i]
		}
		return k
	}
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " · ")
	}
	switch table {
	case data.XJourneyYears:
		return f["year"]
	case data.XJourneyMeasures:
		return join(f["year"], word(f["area"]), word(f["step"]))
	case data.XJourneyPeers:
		return word(f["area"])
	}
	return ""
}

// LabelIn is a row's label (as in Change, Conflict or Note) in English
// (en) or Swedish: the structured journey's rows are named in words of
// the language; other labels are names, the same in both.
func (p *Plan) LabelIn(table, id, label string, en bool) string {
	if en {
		if l := p.labelEn[table+"/"+id]; l != "" {
			return l
		}
	}
	return label
}

// journeyOwned reports whether a row of a journey file belongs to the
// sending company src: the company itself, or a row whose organisation is
// src here and in the file (owner gives the field's values).
func journeyOwned(r Row, src string, owner func(field string) []string) bool {
	if r.Table == data.XOrganisations {
		return r.ID == src
	}
	for _, v := range owner("organisation_id") {
		if v != src {
			return false
		}
	}
	return true
}
