package data

// The equality journey's tables in exchange files (issue 18). They are
// registered here, beside the tables of exchange_rows.go, so that the
// journey kind of file (data/exchange/journey.go) stays in files of its
// own. Every row belongs to one organisation and is soft-deleted.

// Exchange tables of the structured journey.
const (
	XJourneyMeasures = "journey_measures"
	XJourneyYears    = "journey_years"
	XJourneyPeers    = "journey_peers"
)

// JourneyStoryFields are the fields of a story (journey_entries) the
// journey file carries: the host form's and whether it may be shared and
// its area.
var JourneyStoryFields = []string{"organisation_id", "date", "title", "text", "shareable", "area"}

func init() {
	orgRef := map[string]ExchangeRef{"organisation_id": {Table: XOrganisations, Required: true}}
	for i := range exchangeTables {
		if exchangeTables[i].Name == XJourney {
			// Stories may be marked shareable and given an area; a host
			// form written before leaves them as they are (absent fields
			// are not written).
			exchangeTables[i].Fields = append(exchangeTables[i].Fields, "shareable", "area")
		}
	}
	exchangeTables = append(exchangeTables,
		ExchangeTable{Name: XJourneyMeasures, Soft: true, Refs: orgRef,
			Fields: []string{"organisation_id", "year", "area", "step", "state", "done", "date"}},
		ExchangeTable{Name: XJourneyYears, Soft: true, Refs: orgRef,
			Fields: []string{"organisation_id", "year", "employees", "pay_survey", "pay_survey_date", "tech_women", "tech_men",
				"mgmt_women", "mgmt_men", "hires_women", "hires_men", "apprentices_women", "apprentices_men", "interns_women",
				"interns_men", "role_models_women", "role_models_men"}},
		ExchangeTable{Name: XJourneyPeers, Soft: true, Refs: orgRef,
			Fields: []string{"organisation_id", "area", "can_share", "want_start"}},
	)
}
