package data

// A host's risk assessments travel in the host form (issue 17): the
// coordinator and the school that signs the printed assessment need the
// host's own text. The table is keyed by its offer (one assessment an
// offer) and has no bin: it lives as long as its offer.

// XRiskAssessments is the exchange table of risk assessments; a row's key
// is its offer's key.
const XRiskAssessments = "risk_assessments"

// RiskAssessmentFields are the fields a risk assessment carries, in the
// order the form shows them.
var RiskAssessmentFields = []string{"offer_id", "tasks", "machines", "substances", "protective_gear", "supervision",
	"assessed_by", "assessed_on"}

func init() {
	exchangeTables = append(exchangeTables, ExchangeTable{Name: XRiskAssessments, Key: "offer_id",
		Fields: RiskAssessmentFields,
		Refs:   map[string]ExchangeRef{"offer_id": {Table: XOffers, Required: true}}})
}
