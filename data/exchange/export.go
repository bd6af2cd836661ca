package exchange

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"techniqual/data"
)

// Options tune what an export carries.
type Options struct {
	// AppVersion is written into the file (ui.Version / main's Version).
	AppVersion string
	// IncludeProtected names pupils with protected identity in a school file
	// (the counsellor's explicit choice, recorded in the audit log). Without
	// it they appear as "Elev via skolan", with class and grade only. A host
	// file never names them.
	IncludeProtected bool
	// Now gives the file's created_at; tests fix it.
	Now func() time.Time
}

// The fields each kind carries (README, "Personal data and rules": no more than the receiver needs).
var (
	orgFormFields   = []string{"kind", "name", "org_number", "municipality", "visiting_address", "sector"}
	orgRefFields    = []string{"kind", "name", "municipality", "visiting_address"}
	personFields    = []string{"organisation_id", "first_name", "last_name", "roles", "title", "email", "phone", "journey"}
	journeyFields   = []string{"organisation_id", "date", "title", "text"}
	periodRefFields = []string{"name", "grade", "start_date", "end_date", "format"}
	offerFields     = []string{"host_id", "period_id", "title", "description", "capacity", "visiting_address", "supervisor_id",
		"min_age", "what_to_bring", "travel_info", "lunch_info", "safety_risk_assessment", "safety_protective_gear",
		"safety_introduction", "safety_supervisor_adult", "safety_emergency_routine", "status", "days", "role_models"}
	offerRefFields = []string{"host_id", "period_id", "title", "description", "capacity", "visiting_address", "min_age",
		"status", "days"}
	pupilFields      = []string{"school_id", "first_name", "last_name", "class_name", "grade", "birth_date", "gender", "protected", "needs", "needs_shareable"}
	choiceFields     = []string{"pupil_id", "period_id", "offers", "friends"}
	assignmentFields = []string{"period_id", "pupil_id", "offer_id", "locked", "source", "supervisor_comment"}
)

// deletedField is the pseudo-field of a row's "in the bin" flag, with its
// own version vector.
const deletedField = "deleted"

type builder struct {
	ctx  context.Context
	st   *data.Store
	p    *Payload
	clk  *clock // this laptop's id and edit counter
	seen map[string]bool
	// realFields are the unminimised fields of rows in min.
	realFields map[string]map[string]string
	// min are the fields made smaller on the way out, by table/key.
	min map[string][]string
}

func newBuilder(ctx context.Context, st *data.Store, kind Kind, src data.Organisation, o Options) (*builder, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	clk, err := loadClock(ctx, st)
	if err != nil {
		return nil, err
	}
	role, err := writerRole(ctx, st, kind, src.ID)
	if err != nil {
		return nil, err
	}
	return &builder{ctx: ctx, st: st, clk: clk, seen: map[string]bool{}, min: map[string][]string{}, realFields: map[string]map[string]string{}, p: &Payload{
		Format: payloadFormat, Version: FormatVersion, Kind: kind, CreatedAt: now().UTC().Truncate(time.Second),
		AppVersion: o.AppVersion, Schema: data.SchemaVersion(), Role: role,
		Source: Source{ID: src.ID, Kind: src.Kind, Name: src.Name},
	}}, nil
}

// add puts rows into the file with only the given fields, each owned row
// with the version vectors of its fields after a scan for this laptop's
// own edits. Deleted owned rows travel as tombstones: key, deletion time
// and the deletion's vector, nothing else.
func (b *builder) add(rows []data.ExchangeRow, fields []string, ref bool) error {
	var states map[string]string
	if !ref && len(rows) > 0 {
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		var err error
		if states, err = b.st.ExchangeVersions(b.ctx, rows[0].Table, ids); err != nil {
			return err
		}
	}
	for _, r := range rows {
		k := r.Table + "/" + r.ID
		if b.seen[k] {
			continue
		}
		b.seen[k] = true
		out := Row{ExchangeRow: data.ExchangeRow{Table: r.Table, ID: r.ID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
			DeletedAt: r.DeletedAt}, Ref: ref}
		if !r.Deleted() || ref { // a reference to a row in the bin still needs its fields
			out.Fields = make(map[string]string, len(fields))
			for _, f := range fields {
				out.Fields[f] = r.Fields[f]
			}
		}
		if !ref {
			out.Min = b.min[k]
			// The scan reads the real row: a minimised value is not an edit.
			real := r
			if len(out.Min) > 0 {
				real.Fields = b.realFields[k]
			}
			st := scan(r.Table, &real, parseState(states[r.ID]), b.clk)
			out.V = map[string]VV{}
			for f := range out.Fields {
				if !out.minimised(f) && len(st[f].VV) > 0 {
					out.V[f] = st[f].VV
				}
			}
			if t, _ := data.ExchangeTableOf(r.Table); t.Soft && len(st[deletedField].VV) > 0 {
				out.V[deletedField] = st[deletedField].VV
			}
		}
		b.p.Rows = append(b.p.Rows, out)
	}
	return nil
}

func (b *builder) rows(table, by string, values []string) ([]data.ExchangeRow, error) {
	return b.st.ExchangeRows(b.ctx, table, by, values)
}

func (b *builder) period(id string) (data.Period, error) {
	per, err := b.st.GetPeriod(b.ctx, id)
	if err != nil {
		return per, err
	}
	b.p.Period = &PeriodInfo{ID: per.ID, Name: per.Name, Start: data.FormatDate(per.Start), End: data.FormatDate(per.End)}
	rs, err := b.rows(data.XPeriods, "id", []string{id})
	if err != nil {
		return per, err
	}
	return per, b.add(rs, periodRefFields, true)
}

// refsOf collects the keys in field of rows (lists split), sorted.
func refsOf(rows []data.ExchangeRow, field string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		for _, id := range strings.Split(r.Fields[field], ",") {
			if id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out
}

func live(rows []data.ExchangeRow) []data.ExchangeRow {
	var out []data.ExchangeRow
	for _, r := range rows {
		if !r.Deleted() {
			out = append(out, r)
		}
	}
	return out
}

// ExportHostForm builds a host form file for one company: the company, its
// people (with roles and journeys), its journey entries and its offers
// (with days, role models and risk assessments), plus the periods they belong to and the
// periods still open for offers. Internal notes stay at home.
func ExportHostForm(ctx context.Context, st *data.Store, orgID string, o Options) (*Payload, error) {
	org, err := st.GetOrganisation(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if org.Kind == data.KindSchool {
		return nil, fmt.Errorf("%s is a school, not a host", org.Name)
	}
	b, err := newBuilder(ctx, st, KindHostForm, org, o)
	if err != nil {
		return nil, err
	}
	orgs, err := b.rows(data.XOrganisations, "id", []string{orgID})
	if err != nil {
		return nil, err
	}
	offers, err := b.rows(data.XOffers, "host_id", []string{orgID})
	if err != nil {
		return nil, err
	}
	periodIDs := refsOf(live(offers), "period_id")
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Status == data.PeriodPlanning || p.Status == data.PeriodChoosing {
			periodIDs = append(periodIDs, p.ID)
		}
	}
	periods, err := b.rows(data.XPeriods, "id", periodIDs)
	if err != nil {
		return nil, err
	}
	people, err := b.rows(data.XPeople, "organisation_id", []string{orgID})
	if err != nil {
		return nil, err
	}
	journey, err := b.rows(data.XJourney, "organisation_id", []string{orgID})
	if err != nil {
		return nil, err
	}
	// The live offers' risk assessments: an offer in the bin travels as a
	// tombstone, which its assessment could not refer to.
	var liveOffers []string
	for _, o := range live(offers) {
		liveOffers = append(liveOffers, o.ID)
	}
	risks, err := b.rows(data.XRiskAssessments, "offer_id", liveOffers)
	if err != nil {
		return nil, err
	}
	for _, step := range []struct {
		rows   []data.ExchangeRow
		fields []string
		ref    bool
	}{{orgs, orgFormFields, false}, {periods, periodRefFields, true}, {people, personFields, false},
		{journey, journeyFields, false}, {offers, offerFields, false}, {risks, data.RiskAssessmentFields, false}} {
		if err := b.add(step.rows, step.fields, step.ref); err != nil {
			return nil, err
		}
	}
	return b.p, nil
}

// ExportSchool builds a school file: the school's pupils of the period's
// grade and their choices and friends in the period, for the coordinator's
// regional matching. Guardians, notes and the school system's ids stay at
// the school; needs travel only when they may be shared. A pupil with
// protected identity is "Elev via skolan" (class and grade only) unless
// o.IncludeProtected.
func ExportSchool(ctx context.Context, st *data.Store, schoolID, periodID string, o Options) (*Payload, error) {
	school, err := st.GetOrganisation(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	if school.Kind != data.KindSchool {
		return nil, fmt.Errorf("%s is not a school", school.Name)
	}
	b, err := newBuilder(ctx, st, KindSchool, school, o)
	if err != nil {
		return nil, err
	}
	per, err := b.period(periodID)
	if err != nil {
		return nil, err
	}
	schoolRows, err := b.rows(data.XOrganisations, "id", []string{schoolID})
	if err != nil {
		return nil, err
	}
	if err := b.add(schoolRows, orgRefFields, true); err != nil {
		return nil, err
	}
	all, err := b.rows(data.XPupils, "school_id", []string{schoolID})
	if err != nil {
		return nil, err
	}
	var pupils []data.ExchangeRow
	inFile := map[string]bool{}
	for _, r := range all {
		if r.Deleted() || r.Fields["grade"] == fmt.Sprint(per.Grade) {
			inFile[r.ID] = true
			if !r.Deleted() {
				b.realFields[r.Table+"/"+r.ID] = r.Fields
				var min []string
				r, min = minimisePupil(r, o.IncludeProtected, b.p)
				b.min[r.Table+"/"+r.ID] = min
			}
			pupils = append(pupils, r)
		}
	}
	// Choices of every live pupil, empty ones too, so that a removed choice
	// reaches the coordinator.
	var ids []string
	for _, r := range live(pupils) {
		ids = append(ids, r.ID)
	}
	chs, err := b.rows(data.XChoices, "pupil_id", ids)
	if err != nil {
		return nil, err
	}
	byKey := map[string]data.ExchangeRow{}
	for _, c := range chs {
		if c.Fields["period_id"] == periodID {
			byKey[c.ID] = c
		}
	}
	var choices []data.ExchangeRow
	for _, id := range ids {
		k := data.ChoiceKey(id, periodID)
		c, ok := byKey[k]
		if !ok {
			c = data.ExchangeRow{Table: data.XChoices, ID: k, Fields: map[string]string{"pupil_id": id, "period_id": periodID}}
		}
		var fr []string
		for _, f := range strings.Split(c.Fields["friends"], ",") {
			if inFile[f] {
				fr = append(fr, f)
			}
		}
		if joined := strings.Join(fr, ","); joined != c.Fields["friends"] {
			// Friends outside the file stay here: the list is a view.
			real := map[string]string{}
			for k, v := range c.Fields {
				real[k] = v
			}
			b.realFields[c.Table+"/"+c.ID] = real
			b.min[c.Table+"/"+c.ID] = []string{"friends"}
			c.Fields["friends"] = joined
		}
		choices = append(choices, c)
	}
	offers, err := b.rows(data.XOffers, "id", refsOf(choices, "offers"))
	if err != nil {
		return nil, err
	}
	hosts, err := b.rows(data.XOrganisations, "id", refsOf(offers, "host_id"))
	if err != nil {
		return nil, err
	}
	for _, step := range []struct {
		rows   []data.ExchangeRow
		fields []string
		ref    bool
	}{{hosts, orgRefFields, true}, {offers, offerRefFields, true}, {pupils, pupilFields, false}, {choices, choiceFields, false}} {
		if err := b.add(step.rows, step.fields, step.ref); err != nil {
			return nil, err
		}
	}
	return b.p, nil
}

// minimisePupil leaves out what the coordinator does not need and hides a
// pupil with protected identity unless the counsellor opted in. It
// returns the fields it made smaller, which the file marks as such.
func minimisePupil(r data.ExchangeRow, include bool, p *Payload) (data.ExchangeRow, []string) {
	f := make(map[string]string, len(r.Fields))
	for k, v := range r.Fields {
		f[k] = v
	}
	var min []string
	set := func(field, v string) {
		if f[field] != v {
			f[field] = v
			min = append(min, field)
		}
	}
	if f["needs_shareable"] != "1" {
		set("needs", "")
	}
	if f["protected"] == "1" {
		p.Protected++
		if include {
			p.Named++
		} else {
			set("first_name", ViaSchoolName)
			set("last_name", "")
			set("birth_date", "")
			set("needs", "")
		}
	}
	r.Fields = f
	sort.Strings(min)
	return r, min
}

// ExportResults builds a results file for one school: the placements of
// its pupils in the period, with the offers they are placed at (days and
// role models), the hosts and the people the pupils will meet.
func ExportResults(ctx context.Context, st *data.Store, schoolID, periodID string, o Options) (*Payload, error) {
	school, err := st.GetOrganisation(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	if school.Kind != data.KindSchool {
		return nil, fmt.Errorf("%s is not a school", school.Name)
	}
	b, err := newBuilder(ctx, st, KindResults, school, o)
	if err != nil {
		return nil, err
	}
	if _, err := b.period(periodID); err != nil {
		return nil, err
	}
	schoolRows, err := b.rows(data.XOrganisations, "id", []string{schoolID})
	if err != nil {
		return nil, err
	}
	if err := b.add(schoolRows, orgRefFields, true); err != nil {
		return nil, err
	}
	pupilIDs, err := st.ExchangeIDs(ctx, data.XPupils, "school_id", []string{schoolID})
	if err != nil {
		return nil, err
	}
	all, err := b.rows(data.XAssignments, "pupil_id", pupilIDs)
	if err != nil {
		return nil, err
	}
	var as []data.ExchangeRow
	for _, a := range all {
		if a.Fields["period_id"] == periodID {
			as = append(as, a)
		}
	}
	offers, err := b.rows(data.XOffers, "id", refsOf(live(as), "offer_id"))
	if err != nil {
		return nil, err
	}
	hosts, err := b.rows(data.XOrganisations, "id", refsOf(offers, "host_id"))
	if err != nil {
		return nil, err
	}
	peopleIDs := append(refsOf(offers, "supervisor_id"), refsOf(offers, "role_models")...)
	people, err := b.rows(data.XPeople, "id", peopleIDs)
	if err != nil {
		return nil, err
	}
	for _, step := range []struct {
		rows   []data.ExchangeRow
		fields []string
		ref    bool
	}{{hosts, orgRefFields, true}, {live(people), personFields, false}, {offers, offerFields, false},
		{as, assignmentFields, false}} {
		if err := b.add(step.rows, step.fields, step.ref); err != nil {
			return nil, err
		}
	}
	return b.p, nil
}

// ExportHost builds a host file: the host's offers in the period, the
// pupils placed there (name, class, school, needs the school may share)
// and each school's contact. A pupil with protected identity is always
// "Elev via skolan" with the network's contact (Store.NetworkContact):
// the school's contact beside the named pupils of that school would point
// to the pupil's school.
func ExportHost(ctx context.Context, st *data.Store, hostID, periodID string, o Options) (*Payload, error) {
	host, err := st.GetOrganisation(ctx, hostID)
	if err != nil {
		return nil, err
	}
	b, err := newBuilder(ctx, st, KindHost, host, o)
	if err != nil {
		return nil, err
	}
	per, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	b.p.Period = &PeriodInfo{ID: per.ID, Name: per.Name, Start: data.FormatDate(per.Start), End: data.FormatDate(per.End)}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: periodID, HostID: hostID})
	if err != nil {
		return nil, err
	}
	as, err := st.ListAssignments(ctx, periodID)
	if err != nil {
		return nil, err
	}
	byOffer := map[string][]string{}
	for _, a := range as {
		byOffer[a.OfferID] = append(byOffer[a.OfferID], a.PupilID)
	}
	schools := map[string]data.Organisation{}
	contacts := map[string]string{}
	network, err := st.NetworkContact(ctx)
	if err != nil {
		return nil, err
	}
	viaContact := ""
	if network != nil {
		viaContact = joinContact(network.Name(), network.Phone, network.Email)
	}
	sheet := &HostSheet{Host: host.Name}
	for _, of := range offers {
		ho := HostOffer{Title: of.Title, Pupils: []HostPupil{}}
		for _, d := range of.Days {
			ho.Days = append(ho.Days, data.ExchangeDay{Date: data.FormatDate(d.Date), Start: d.Start.String(), End: d.End.String(),
				Break: d.BreakMinutes, Activities: d.Activities})
		}
		for _, pid := range byOffer[of.ID] {
			pu, err := st.GetPupil(ctx, pid)
			if errors.Is(err, data.ErrNotFound) {
				continue // placed, then moved to the bin
			} else if err != nil {
				return nil, err
			}
			sc, ok := schools[pu.SchoolID]
			if !ok {
				sc, err = st.GetOrganisation(ctx, pu.SchoolID)
				if err != nil && !errors.Is(err, data.ErrNotFound) {
					return nil, err
				}
				schools[pu.SchoolID] = sc
				contacts[pu.SchoolID], err = schoolContact(ctx, st, sc)
				if err != nil {
					return nil, err
				}
			}
			hp := HostPupil{Name: pu.Name(), Class: pu.ClassName, School: sc.Name, Contact: contacts[pu.SchoolID]}
			if pu.NeedsShareable {
				hp.Needs = pu.Needs
			}
			if pu.Protected {
				b.p.Protected++
				hp = HostPupil{Name: ViaSchoolName, ViaSchool: true, Contact: viaContact}
			}
			ho.Pupils = append(ho.Pupils, hp)
		}
		sort.SliceStable(ho.Pupils, func(i, j int) bool { return ho.Pupils[i].Name < ho.Pupils[j].Name })
		sheet.Offers = append(sheet.Offers, ho)
	}
	b.p.Host = sheet
	return b.p, nil
}

// schoolContact is the school's counsellor as one line: name, phone,
// e-mail; the school's name when it has no counsellor recorded.
func schoolContact(ctx context.Context, st *data.Store, sc data.Organisation) (string, error) {
	if sc.ID == "" {
		return "", nil
	}
	ps, err := st.ListPeople(ctx, data.PersonFilter{OrganisationID: sc.ID, Role: data.RoleCounsellor})
	if err != nil {
		return "", err
	}
	if len(ps) == 0 {
		return sc.Name, nil
	}
	p := ps[0]
	var parts []string
	for _, s := range []string{p.Name() + " (" + sc.Name + ")", p.Phone, p.Email} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", "), nil
}

// joinContact joins the non-empty parts of a contact line with ", ".
func joinContact(parts ...string) string {
	var out []string
	for _, s := range parts {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return strings.Join(out, ", ")
}
