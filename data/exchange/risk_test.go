package exchange

import (
	"strings"
	"testing"

	"techniqual/data"
)

// hostRisk is a risk assessment as the HR person fills it in on the host's
// laptop (made-up text).
func hostRisk(offerID string) data.RiskAssessment {
	return data.RiskAssessment{OfferID: offerID, Tasks: "Programmera en robotcell", Machines: "Robotarm bakom ljusridå",
		Substances: "Inga", ProtectiveGear: "Skyddsskor och glasögon", Supervision: "Handledaren är med hela tiden",
		AssessedBy: "Hanna Lind", AssessedOn: date("2026-10-01")}
}

// TestRiskAssessmentTravelsInHostForm: a risk assessment written on the
// host's laptop arrives at the coordinator's with the host form; the same
// file again changes nothing; an edit on the host is one changed row with
// one changed field; and edits of different fields on both laptops merge
// without a conflict.
func TestRiskAssessmentTravelsInHostForm(t *testing.T) {
	coord, hr, w, send := pair(t)
	want := hostRisk(w.offer.ID)
	must(t, hr.SaveRiskAssessment(ctx, want))

	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	path := save(t, hr, p)
	plan := mustPlan(t, coord, path)
	if c := count(plan, data.XRiskAssessments); c.New != 1 || c.Changed+c.Conflicts+c.Refused != 0 {
		t.Fatalf("first import: %+v", c)
	}
	if plan.Label(data.XRiskAssessments, w.offer.ID) != w.offer.Title {
		t.Errorf("label %q, want the offer's title", plan.Label(data.XRiskAssessments, w.offer.ID))
	}
	_, err = importFile(t, coord, path, pass, Decisions{})
	must(t, err)
	got, err := coord.RiskAssessment(ctx, w.offer.ID)
	must(t, err)
	got.UpdatedAt = want.UpdatedAt
	if got != want {
		t.Fatalf("coordinator has %+v, want %+v", got, want)
	}

	// The same file again: nothing to do, nothing changed.
	before := checksum(t, coord)
	plan = mustPlan(t, coord, path)
	if c := count(plan, data.XRiskAssessments); c.Unchanged != 1 || c.New+c.Changed+c.Conflicts != 0 {
		t.Fatalf("second import: %+v", c)
	}
	res, err := importFile(t, coord, path, pass, Decisions{})
	must(t, err)
	if res.Written != 0 || checksum(t, coord) != before {
		t.Fatalf("importing again wrote %d rows", res.Written)
	}

	// An edit on the host: one change, the machines only.
	want.Machines = "Robotarm och pelarborr"
	must(t, hr.SaveRiskAssessment(ctx, want))
	p, err = ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	path = save(t, hr, p)
	plan = mustPlan(t, coord, path)
	if c := count(plan, data.XRiskAssessments); c.Changed != 1 || c.New+c.Conflicts != 0 {
		t.Fatalf("edit: %+v", c)
	}
	for _, c := range plan.Changes {
		if c.Table == data.XRiskAssessments && (len(c.Fields) != 1 || c.Fields[0].Field != "machines" || c.Fields[0].Conflict) {
			t.Fatalf("edit changes %+v, want machines only", c.Fields)
		}
	}
	_, err = importFile(t, coord, path, pass, Decisions{})
	must(t, err)
	if got, _ := coord.RiskAssessment(ctx, w.offer.ID); got.Machines != want.Machines {
		t.Fatalf("coordinator has machines %q", got.Machines)
	}

	// Both edit, different fields: merged both ways, no conflict.
	c, _ := coord.RiskAssessment(ctx, w.offer.ID)
	c.Supervision = "Två vuxna i hallen"
	must(t, coord.SaveRiskAssessment(ctx, c))
	h, _ := hr.RiskAssessment(ctx, w.offer.ID)
	h.Substances = "Kylvätska (märkt)"
	must(t, hr.SaveRiskAssessment(ctx, h))
	for _, dir := range [][2]*data.Store{{hr, coord}, {coord, hr}} {
		if _, err := send(dir[0], dir[1], Decisions{}); err != nil {
			t.Fatalf("merge: %v", err)
		}
	}
	for name, st := range map[string]*data.Store{"coordinator": coord, "host": hr} {
		got, _ := st.RiskAssessment(ctx, w.offer.ID)
		if got.Supervision != "Två vuxna i hallen" || got.Substances != "Kylvätska (märkt)" || got.Machines != want.Machines {
			t.Errorf("%s has %+v", name, got)
		}
	}
}

// TestRiskAssessmentScope: a host form may only bring risk assessments of
// the host's own offers in the file; another host's offer is refused and
// nothing is written.
func TestRiskAssessmentScope(t *testing.T) {
	coord, hr, w, _ := pair(t)
	other := data.Organisation{Kind: data.KindCompany, Name: "Annan Verkstad AB", Municipality: "Arvika"}
	must(t, coord.SaveOrganisation(ctx, &other))
	otherOffer := data.Offer{HostID: other.ID, PeriodID: w.period.ID, Title: "Svetsning", Capacity: 1}
	must(t, coord.SaveOffer(ctx, &otherOffer))
	must(t, hr.SaveRiskAssessment(ctx, hostRisk(w.offer.ID)))
	p, err := ExportHostForm(ctx, hr, w.company.ID, Options{})
	must(t, err)
	for i, r := range p.Rows {
		if r.Table == data.XRiskAssessments {
			r.ID = otherOffer.ID
			r.Fields["offer_id"] = otherOffer.ID
			p.Rows[i] = r
		}
	}
	before := checksum(t, coord)
	_, err = Apply(ctx, coord, p, Decisions{})
	if err == nil || !strings.Contains(err.Error(), "does not belong to "+w.company.Name) {
		t.Fatalf("a risk assessment of another host's offer: %v", err)
	}
	if checksum(t, coord) != before {
		t.Fatal("a refused file changed the database")
	}
}

func TestRiskAssessmentNames(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{TableName(data.XRiskAssessments, false), "riskbedömningar"},
		{TableName(data.XRiskAssessments, true), "risk assessments"},
		{FieldName("machines", false), "maskiner och verktyg"},
		{FieldName("supervision", true), "supervision"},
		{FieldName("assessed_on", false), "bedömd den"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for _, f := range data.RiskAssessmentFields {
		if _, ok := fieldNames[f]; !ok {
			t.Errorf("field %s has no name", f)
		}
	}
	if !May(RoleHost, data.XRiskAssessments, "tasks", "x") || !May(RoleCoordinator, data.XRiskAssessments, "tasks", "x") ||
		May(RoleSchool, data.XRiskAssessments, "tasks", "x") {
		t.Error("risk assessments: host and coordinator only")
	}
}
