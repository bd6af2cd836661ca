package exchange

import (
	"context"
	"fmt"

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

// ExportJourney builds a journey file for one member company. Internal
// notes and the membership date stay at home, as in a host form.
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
	if err := b.add(orgs, orgFormFields, false); err != nil {
		return nil, err
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
