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

// Status is what an import does with one row.
type Status string

// The statuses of a row in a Plan.
const (
	StatusNew       Status = "new"       // not here yet: added
	StatusChanged   Status = "changed"   // here, and the file brings changes
	StatusUnchanged Status = "unchanged" // nothing to do (or only changes made here, which are kept)
	StatusConflict  Status = "conflict"  // changed both here and in the file: someone must choose
)

// Side is one of the two versions of a field.
type Side int

// The sides of a conflict; Undecided is the zero value.
const (
	Undecided Side = iota
	Mine           // keep what this database has
	Theirs         // take the file's value
)

// FieldDiff is one field that differs between this database and the file.
type FieldDiff struct {
	Field    string
	Mine     string // this database's value
	Theirs   string // the file's value
	Take     Side   // what the merge does; Undecided for a conflict
	Conflict bool
}

// Change is what an import does with one row of the file.
type Change struct {
	Table  string
	ID     string // this database's key (a row matched by name gets this database's key)
	Label  string // the row in words: a name, a title
	Status Status
	Ref    bool        // a row that only comes along so that references hold
	Fields []FieldDiff // the fields that differ (all fields of a new row are not listed)

	row     Row               // the file's row, keys mapped to this database
	local   *data.ExchangeRow // this database's row, nil when new
	state   rowState          // this database's version state of the row, after a scan
	refused map[string]bool   // fields the file may not change (authority)
}

// Count sums a table's rows by status, and the fields left as they are
// here because the file's value is older (Older) or the file may not
// change them (Refused).
type Count struct {
	New, Changed, Unchanged, Conflicts int
	Older, Refused                     int
}

// Note is a field that the import leaves as it is here although the file
// has another value: older than what is here, or refused (Problem says
// why, naming who may change it).
type Note struct {
	Table, ID, Label, Field string
	Mine, Theirs            string
	Problem                 Problem // for a refusal
}

// Plan is the preview of an import: every row of the file and what
// happens to it, and the problems that stop the import.
type Plan struct {
	Payload  *Payload
	Changes  []Change
	Counts   map[string]*Count // by table
	Problems []Problem
	Matched  map[string]string // file key → this database's key, for organisations and periods matched by name
	Older    []Note            // fields whose value in the file is older than here: kept
	Refused  []Note            // fields the file may not change: kept
	// Role is whom the file speaks for, as this laptop reads it.
	Role Role

	sourceID string // the file's source organisation, mapped to this database
	clk      *clock // the edit counter after the scans (Apply stores it)

	names   map[string]string // key → words, for Display
	labelEn map[string]string // table/key → English words, where they differ (LabelIn)
}

// Conflict points at one field in conflict.
type Conflict struct {
	Table, ID, Label, Field string
	Mine, Theirs            string
}

// Key names the conflict in Decisions.
func (c Conflict) Key() string { return ConflictKey(c.Table, c.ID, c.Field) }

// ConflictKey names a conflict: table, row key and field.
func ConflictKey(table, id, field string) string { return table + "/" + id + "/" + field }

// Conflicts lists every field in conflict, in file order.
func (p *Plan) Conflicts() []Conflict {
	var out []Conflict
	for _, c := range p.Changes {
		for _, f := range c.Fields {
			if f.Conflict {
				out = append(out, Conflict{Table: c.Table, ID: c.ID, Label: c.Label, Field: f.Field, Mine: f.Mine, Theirs: f.Theirs})
			}
		}
	}
	return out
}

// Total sums the counts of every table.
func (p *Plan) Total() Count {
	var t Count
	for _, c := range p.Counts {
		t.New += c.New
		t.Changed += c.Changed
		t.Unchanged += c.Unchanged
		t.Conflicts += c.Conflicts
		t.Older += c.Older
		t.Refused += c.Refused
	}
	return t
}

// OlderThanHere reports whether the file would change nothing here and
// holds values older than what is here: it is refused (CodeOlder).
func (p *Plan) OlderThanHere() bool {
	t := p.Total()
	return t.New == 0 && t.Changed == 0 && t.Conflicts == 0 && t.Refused == 0 && t.Older > 0
}

// OlderError is the refusal of a file that is older than what is here
// (CodeOlder), nil when it is not.
func (p *Plan) OlderError() error {
	if !p.OlderThanHere() {
		return nil
	}
	return p.olderError()
}

// olderError is the refusal of a file that is older than what is here,
// naming up to three of its older fields.
func (p *Plan) olderError() *Error {
	e := &Error{Code: CodeOlder}
	for i, n := range p.Older {
		if i == 3 {
			e.Problems = append(e.Problems, Problem{Swedish: fmt.Sprintf("och %d till", len(p.Older)-3),
				English: fmt.Sprintf("and %d more", len(p.Older)-3)})
			break
		}
		e.Problems = append(e.Problems, Problem{
			Swedish: fmt.Sprintf("%s ”%s” %s: här ”%s”, i filen ”%s”", TableName(n.Table, false), n.Label, FieldName(n.Field, false),
				p.Display(n.Field, n.Mine, false), p.Display(n.Field, n.Theirs, false)),
			English: fmt.Sprintf("%s “%s” %s: here “%s”, in the file “%s”", TableName(n.Table, true), n.Label, FieldName(n.Field, true),
				p.Display(n.Field, n.Mine, true), p.Display(n.Field, n.Theirs, true))})
	}
	return e
}

// Decisions say how to settle conflicts: Each by ConflictKey, else Default.
type Decisions struct {
	Default Side
	Each    map[string]Side
}

func (d Decisions) side(key string) Side {
	if s, ok := d.Each[key]; ok && s != Undecided {
		return s
	}
	return d.Default
}

// The tables each kind may bring, and whether as owned rows (merged) or
// references only.
var kindTables = map[Kind]map[string]bool{ // table → owned
	KindHostForm: {data.XOrganisations: true, data.XPeople: true, data.XJourney: true, data.XOffers: true, data.XPeriods: false,
		data.XRiskAssessments: true},
	KindSchool: {data.XPupils: true, data.XChoices: true, data.XOrganisations: false, data.XPeriods: false, data.XOffers: false},
	KindResults: {data.XAssignments: true, data.XOffers: true, data.XPeople: true, data.XOrganisations: false,
		data.XPeriods: false},
}

// Prepare works out what importing p would do, without changing anything.
func Prepare(ctx context.Context, st *data.Store, p *Payload) (*Plan, error) {
	plan := &Plan{Payload: p, Counts: map[string]*Count{}, Matched: map[string]string{}}
	if p.Kind == KindHost {
		return plan, nil
	}
	// The merger maps keys matched by name in its own copy: the caller
	// keeps p and may import it again.
	cp := *p
	if p.Period != nil {
		per := *p.Period
		cp.Period = &per
	}
	m := &merger{ctx: ctx, st: st, p: &cp, plan: plan}
	var err error
	if m.clk, err = loadClock(ctx, st); err != nil {
		return nil, err
	}
	plan.clk = m.clk
	if err := m.run(); err != nil {
		return nil, err
	}
	plan.sourceID = cp.Source.ID
	return plan, nil
}

type merger struct {
	ctx   context.Context
	st    *data.Store
	p     *Payload
	plan  *Plan
	rows  []Row                                   // the file's rows, normalised and mapped to local keys
	local map[string]map[string]*data.ExchangeRow // table → key → this database's row
	label map[string]string                       // table/key → words
	// placed are this database's live placements of a results file's
	// pupils, by ChoiceKey(pupil, period).
	placed map[string][]data.ExchangeRow
	clk    *clock                         // this laptop's id and edit counter
	role   Role                           // whom the file speaks for
	stored map[string]map[string]rowState // table → key → version state as stored
}

func (m *merger) problem(sv, en string) {
	m.plan.Problems = append(m.plan.Problems, Problem{Swedish: sv, English: en})
}

func (m *merger) run() error {
	allowed := kindTables[m.p.Kind]
	for _, r := range m.p.Rows {
		owned, ok := allowed[r.Table]
		if !ok {
			m.problem("filen innehåller "+r.Table+" som inte hör till det här slaget av fil",
				"the file holds "+r.Table+", which this kind of file does not carry")
			return nil
		}
		if r.Ref == owned {
			// A reference row in a table the file owns would slip past the
			// scope check; an owned row in a reference table would change it.
			m.problem("filen vill ändra "+r.Table+", vilket den här sortens fil inte får",
				"the file would change "+r.Table+", which this kind of file may not")
			return nil
		}
	}
	rows, err := m.normalise()
	if err != nil {
		return err
	}
	m.rows = rows
	if err := m.matchByName(); err != nil {
		return err
	}
	if err := m.loadLocal(); err != nil {
		return err
	}
	role, err := senderRole(m.ctx, m.st, m.p)
	if err != nil {
		return err
	}
	m.role, m.plan.Role = role, role
	m.checkScope()
	m.labels()
	for _, r := range m.rows {
		c, err := m.change(r)
		if err != nil {
			return err
		}
		m.checkSupersede(&c)
		m.plan.Changes = append(m.plan.Changes, c)
		cnt := m.plan.Counts[r.Table]
		if cnt == nil {
			cnt = &Count{}
			m.plan.Counts[r.Table] = cnt
		}
		switch c.Status {
		case StatusNew:
			cnt.New++
		case StatusChanged:
			cnt.Changed++
		case StatusConflict:
			cnt.Conflicts++
		default:
			cnt.Unchanged++
		}
	}
	for _, n := range m.plan.Older {
		m.plan.Counts[n.Table].Older++
	}
	for _, n := range m.plan.Refused {
		m.plan.Counts[n.Table].Refused++
	}
	m.checkRefs()
	m.checkNewRefs()
	return nil
}

// refInsert are the reference tables a kind of file may add rows to when
// this database lacks them: a host's laptop gets the periods from the host
// form, a school the hosts (and, if need be, the period) from its results.
// A school file adds nothing but its own school: the coordinator's offers,
// hosts and periods are the coordinator's.
var refInsert = map[Kind]map[string]bool{
	KindHostForm: {data.XPeriods: true},
	KindResults:  {data.XOrganisations: true, data.XPeriods: true},
}

// checkNewRefs refuses reference rows that are missing here where the
// kind of file may not add them.
func (m *merger) checkNewRefs() {
	missing := map[string]int{}
	for _, c := range m.plan.Changes {
		if !c.Ref || c.Status != StatusNew || refInsert[m.p.Kind][c.Table] ||
			(c.Table == data.XOrganisations && c.ID == m.p.Source.ID) {
			continue
		}
		missing[c.Table]++
	}
	tables := make([]string, 0, len(missing))
	for t := range missing {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		m.problem(fmt.Sprintf("filen hänvisar till %d %s som inte finns här, och den här sortens fil får inte lägga till dem",
			missing[t], tableNames[t][0]),
			fmt.Sprintf("the file refers to %d %s that are not here, and this kind of file may not add them",
				missing[t], tableNames[t][1]))
	}
}

// supersedeField is the pseudo-field of a conflict between a placement in
// the file and a placement of the same pupil in the same period made here
// by hand or locked: importing the file's would move this one to the bin.
const supersedeField = "replaces"

// checkSupersede turns a placement that would replace a locked or manual
// placement made here (under another key) into a conflict.
func (m *merger) checkSupersede(c *Change) {
	if c.Table != data.XAssignments || c.row.Deleted() {
		return
	}
	if c.local != nil {
		if !c.local.Deleted() {
			return // live here already: nothing is replaced
		}
		revived := false
		for _, f := range c.Fields {
			if f.Field == deletedField && (f.Take == Theirs || f.Conflict) {
				revived = true
			}
		}
		if !revived {
			return
		}
	}
	get := func(f string) string {
		if v, ok := c.row.Fields[f]; ok || c.local == nil {
			return v
		}
		return c.local.Fields[f]
	}
	offer, locked := get("offer_id"), get("locked")
	inFile := map[string]bool{}
	for _, r := range m.rows {
		if r.Table == data.XAssignments {
			inFile[r.ID] = true
		}
	}
	for _, o := range m.placed[data.ChoiceKey(get("pupil_id"), get("period_id"))] {
		if o.ID == c.ID || inFile[o.ID] {
			continue
		}
		mineLocked := o.Fields["locked"] == "1"
		if !mineLocked && o.Fields["source"] != string(data.SourceManual) {
			continue // an automatic placement: the newer matching replaces it
		}
		if o.Fields["offer_id"] == offer && (!mineLocked || locked == "1") {
			continue // the same place, and no lock is lost
		}
		c.Fields = append(c.Fields, FieldDiff{Field: supersedeField, Mine: o.Fields["offer_id"], Theirs: offer, Conflict: true})
		c.Status = StatusConflict
		return
	}
}

// normalise copies the rows, values in the Store's own form, so that equal
// values compare equal.
func (m *merger) normalise() ([]Row, error) {
	out := make([]Row, 0, len(m.p.Rows))
	for _, r := range m.p.Rows {
		c := r
		c.Fields = map[string]string{}
		for f, v := range r.Fields {
			n, err := data.NormaliseExchangeField(r.Table, f, v)
			if err != nil {
				return nil, newError(CodeDamaged, fmt.Errorf("%s %s: %s: %w", r.Table, r.ID, f, err))
			}
			c.Fields[f] = n
		}
		out = append(out, c)
	}
	return out, nil
}

// matchKey is the meta key remembering which local row a file's key was
// matched to by name (UUIDs are unique across tables).
func matchKey(fileID string) string { return "xmatch/" + fileID }

// rememberedMatch is the local key an earlier import matched fileID to,
// "" when none or when that row is gone.
func rememberedMatch(ctx context.Context, st *data.Store, table, fileID string) (string, error) {
	id, err := st.Meta(ctx, matchKey(fileID))
	if err != nil || id == "" {
		return "", err
	}
	known, err := st.ExchangeIDs(ctx, table, "id", []string{id})
	if err != nil || len(known) == 0 {
		return "", err
	}
	return id, nil
}

// matchByName maps organisations and periods that this database knows
// under another key (same kind and name, same period name) to its key, so
// that a company created on both laptops is not doubled.
func (m *merger) matchByName() error {
	idmap := map[string]string{}
	byTable := map[string][]string{}
	for _, r := range m.rows {
		if r.Table == data.XOrganisations || r.Table == data.XPeriods {
			byTable[r.Table] = append(byTable[r.Table], r.ID)
		}
	}
	for table, ids := range byTable {
		known, err := m.st.ExchangeIDs(m.ctx, table, "id", ids)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, id := range known {
			have[id] = true
		}
		for _, r := range m.rows {
			if r.Table != table || have[r.ID] || r.Deleted() || r.Fields["name"] == "" {
				continue
			}
			// A match made at an earlier import holds even after a rename.
			localID, err := rememberedMatch(m.ctx, m.st, table, r.ID)
			if err != nil {
				return err
			}
			if localID != "" {
				idmap[r.ID] = localID
				m.plan.Matched[r.ID] = localID
				continue
			}
			if table == data.XOrganisations {
				o, err := m.st.FindOrganisation(m.ctx, data.OrgKind(r.Fields["kind"]), r.Fields["name"])
				if err == nil {
					localID = o.ID
				} else if !errors.Is(err, data.ErrNotFound) {
					return err
				}
			} else {
				per, err := m.st.FindPeriod(m.ctx, r.Fields["name"])
				if err == nil {
					localID = per.ID
				} else if !errors.Is(err, data.ErrNotFound) {
					return err
				}
			}
			if localID != "" && localID != r.ID {
				idmap[r.ID] = localID
				m.plan.Matched[r.ID] = localID
			}
		}
	}
	if len(idmap) == 0 {
		return nil
	}
	remap := func(t data.ExchangeTable, fields map[string]string) {
		for f, ref := range t.Refs {
			v, ok := fields[f]
			if !ok || (ref.Table != data.XOrganisations && ref.Table != data.XPeriods) {
				continue
			}
			parts := strings.Split(v, ",")
			for i, x := range parts {
				if y, ok := idmap[x]; ok {
					parts[i] = y
				}
			}
			fields[f] = strings.Join(parts, ",")
		}
	}
	for i := range m.rows {
		r := &m.rows[i]
		t, _ := data.ExchangeTableOf(r.Table)
		if y, ok := idmap[r.ID]; ok && (r.Table == data.XOrganisations || r.Table == data.XPeriods) {
			r.ID = y
		}
		if r.Table == data.XChoices {
			pu, per, _ := data.SplitChoiceKey(r.ID)
			if y, ok := idmap[per]; ok {
				r.ID = data.ChoiceKey(pu, y)
			}
		}
		remap(t, r.Fields)
	}
	if m.p.Period != nil {
		if y, ok := idmap[m.p.Period.ID]; ok {
			m.p.Period.ID = y
		}
	}
	if y, ok := idmap[m.p.Source.ID]; ok {
		m.p.Source.ID = y
	}
	return nil
}

// loadLocal reads this database's copies of the file's rows and of every
// row they refer to.
func (m *merger) loadLocal() error {
	want := map[string]map[string]bool{}
	add := func(table, id string) {
		if id == "" {
			return
		}
		if want[table] == nil {
			want[table] = map[string]bool{}
		}
		want[table][id] = true
	}
	add(data.XOrganisations, m.p.Source.ID)
	for _, r := range m.rows {
		add(r.Table, r.ID)
		t, _ := data.ExchangeTableOf(r.Table)
		for f, ref := range t.Refs {
			for _, id := range strings.Split(r.Fields[f], ",") {
				add(ref.Table, id)
			}
		}
		if r.Table == data.XChoices {
			pu, per, _ := data.SplitChoiceKey(r.ID)
			add(data.XPupils, pu)
			add(data.XPeriods, per)
		}
	}
	// Offers and people refer to organisations; load those for the labels.
	m.local = map[string]map[string]*data.ExchangeRow{}
	m.stored = map[string]map[string]rowState{}
	for _, t := range data.ExchangeTables() {
		ids := make([]string, 0, len(want[t.Name]))
		for id := range want[t.Name] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		rows, err := m.st.ExchangeRows(m.ctx, t.Name, "id", ids)
		if err != nil {
			return err
		}
		byID := make(map[string]*data.ExchangeRow, len(rows))
		for i := range rows {
			byID[rows[i].ID] = &rows[i]
		}
		m.local[t.Name] = byID
		states, err := m.st.ExchangeVersions(m.ctx, t.Name, ids)
		if err != nil {
			return err
		}
		m.stored[t.Name] = map[string]rowState{}
		for id, st := range states {
			m.stored[t.Name][id] = parseState(st)
		}
	}
	if m.p.Kind != KindResults {
		return nil
	}
	// A results file: the pupils of this database's copies of its
	// placements (for the scope check), and every placement of those
	// pupils (a placement made here under another key, see placements).
	var pupils []string
	for _, r := range m.rows {
		if r.Table != data.XAssignments {
			continue
		}
		pupils = append(pupils, r.Fields["pupil_id"])
		if l := m.local[r.Table][r.ID]; l != nil {
			pupils = append(pupils, l.Fields["pupil_id"])
		}
	}
	if err := m.ensure(data.XPupils, pupils); err != nil {
		return err
	}
	all, err := m.st.ExchangeRows(m.ctx, data.XAssignments, "pupil_id", uniq(pupils))
	if err != nil {
		return err
	}
	m.placed = map[string][]data.ExchangeRow{}
	var offers []string
	for _, a := range all {
		if !a.Deleted() {
			k := data.ChoiceKey(a.Fields["pupil_id"], a.Fields["period_id"])
			m.placed[k] = append(m.placed[k], a)
			offers = append(offers, a.Fields["offer_id"])
		}
	}
	return m.ensure(data.XOffers, offers)
}

// ensure loads this database's rows of table with the given keys that are
// not loaded yet.
func (m *merger) ensure(table string, ids []string) error {
	var want []string
	for _, id := range uniq(ids) {
		if _, ok := m.local[table][id]; !ok && id != "" {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil
	}
	rows, err := m.st.ExchangeRows(m.ctx, table, "id", want)
	if err != nil {
		return err
	}
	for i := range rows {
		m.local[table][rows[i].ID] = &rows[i]
	}
	return nil
}

// uniq sorts and deduplicates keys, without empty ones.
func uniq(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// checkScope refuses rows outside what the file is about: a host's form
// may only change that host; a school file only that school's pupils; a
// results file only placements of this database's pupils of that school,
// the offers of that period and the hosts' people. An owner field is
// checked on both the file's row and this database's copy: a file cannot
// take over a row by writing its own name into it.
func (m *merger) checkScope() {
	src := m.p.Source.ID
	bad := func(r Row) {
		m.problem(fmt.Sprintf("raden %s i %s hör inte till %s", r.ID, r.Table, m.p.Source.Name),
			fmt.Sprintf("row %s in %s does not belong to %s", r.ID, r.Table, m.p.Source.Name))
	}
	// The sender must be what the kind says: a host form comes from a
	// host, a school or results file is about a school.
	wantSchool := m.p.Kind != KindHostForm && m.p.Kind != KindJourney
	for _, kind := range m.kindsOf(src) {
		if (kind == string(data.KindSchool)) != wantSchool {
			m.problem(fmt.Sprintf("filen säger att den kommer från %s, men det stämmer inte med filens slag", m.p.Source.Name),
				fmt.Sprintf("the file says it comes from %s, which does not fit its kind", m.p.Source.Name))
			return
		}
	}
	owned := map[string]bool{} // owned rows of the file, table/key
	for _, r := range m.rows {
		if !r.Ref {
			owned[r.Table+"/"+r.ID] = true
		}
	}
	// values are an owner field's values: the file's and this database's.
	values := func(r Row, field string) []string {
		var out []string
		if v, ok := r.Fields[field]; ok {
			out = append(out, v)
		}
		if l := m.local[r.Table][r.ID]; l != nil {
			out = append(out, l.Fields[field])
		}
		return out
	}
	ownedBy := func(r Row, field string, want map[string]bool) bool {
		for _, v := range values(r, field) {
			if !want[v] {
				return false
			}
		}
		return true
	}
	only := func(ids ...string) map[string]bool {
		out := map[string]bool{}
		for _, id := range ids {
			out[id] = true
		}
		return out
	}
	period := ""
	if m.p.Period != nil {
		period = m.p.Period.ID
	}
	// A results file's people belong to the hosts of its offers.
	hosts := map[string]bool{}
	if m.p.Kind == KindResults {
		for _, r := range m.rows {
			if r.Table == data.XOffers && r.Fields["host_id"] != "" && r.Fields["host_id"] != src {
				hosts[r.Fields["host_id"]] = true
			}
		}
	}
	for _, r := range m.rows {
		if r.Ref {
			continue
		}
		switch m.p.Kind {
		case KindJourney:
			if !journeyOwned(r, src, func(f string) []string { return values(r, f) }) {
				bad(r)
			}
		case KindHostForm:
			switch r.Table {
			case data.XOrganisations:
				if r.ID != src {
					bad(r)
				}
			case data.XPeople, data.XJourney:
				if !ownedBy(r, "organisation_id", only(src)) {
					bad(r)
				}
			case data.XOffers:
				if !ownedBy(r, "host_id", only(src)) {
					bad(r)
				}
			case data.XRiskAssessments:
				// Keyed by its offer, which must be one of the host's offers
				// in this file (their host is checked above).
				if !owned[data.XOffers+"/"+r.ID] || !ownedBy(r, "offer_id", only(r.ID)) {
					bad(r)
				}
			}
		case KindSchool:
			switch r.Table {
			case data.XPupils:
				if !ownedBy(r, "school_id", only(src)) {
					bad(r)
				}
			case data.XChoices:
				pu, per, _ := data.SplitChoiceKey(r.ID)
				if !owned[data.XPupils+"/"+pu] || period == "" || per != period ||
					!ownedBy(r, "pupil_id", only(pu)) || !ownedBy(r, "period_id", only(period)) {
					bad(r)
					continue
				}
				// Friends are pupils of the same file: a school cannot pair
				// its pupils with another school's.
				for _, f := range strings.Split(r.Fields["friends"], ",") {
					if f != "" && !owned[data.XPupils+"/"+f] {
						bad(r)
						break
					}
				}
			}
		case KindResults:
			switch r.Table {
			case data.XAssignments:
				if period == "" || !ownedBy(r, "period_id", only(period)) {
					bad(r)
					continue
				}
				for _, id := range values(r, "pupil_id") {
					pu := m.local[data.XPupils][id]
					if pu == nil && !r.Deleted() {
						m.problem("placeringen gäller en elev som inte finns i den här databasen",
							"the placement is for a pupil who is not in this database")
					} else if pu != nil && pu.Fields["school_id"] != src {
						bad(r)
					}
				}
			case data.XOffers:
				if period == "" || !ownedBy(r, "period_id", only(period)) {
					bad(r)
				}
			case data.XPeople:
				if !ownedBy(r, "organisation_id", hosts) {
					bad(r)
				}
			}
		}
	}
}

// kindsOf lists the kinds an organisation has here and in the file.
func (m *merger) kindsOf(id string) []string {
	var out []string
	if l := m.local[data.XOrganisations][id]; l != nil {
		out = append(out, l.Fields["kind"])
	}
	for _, r := range m.rows {
		if r.Table == data.XOrganisations && r.ID == id && r.Fields["kind"] != "" {
			out = append(out, r.Fields["kind"])
		}
	}
	return out
}

// labels names every row the preview may show.
func (m *merger) labels() {
	m.label = map[string]string{}
	name := func(table string, f map[string]string) string {
		switch table {
		case data.XOrganisations, data.XPeriods:
			return f["name"]
		case data.XPeople, data.XPupils:
			n := strings.TrimSpace(f["first_name"] + " " + f["last_name"])
			if table == data.XPupils && f["class_name"] != "" {
				n += " (" + f["class_name"] + ")"
			}
			return n
		case data.XJourney, data.XOffers:
			return f["title"]
		}
		return journeyLabel(table, f, 0)
	}
	m.plan.labelEn = map[string]string{}
	// This database's names win: they are the ones the user knows.
	for _, r := range m.rows {
		if n := name(r.Table, r.Fields); n != "" {
			m.label[r.Table+"/"+r.ID] = n
		}
		if n := journeyLabel(r.Table, r.Fields, 1); n != "" {
			m.plan.labelEn[r.Table+"/"+r.ID] = n
		}
	}
	for table, rows := range m.local {
		for id, r := range rows {
			if n := name(table, r.Fields); n != "" {
				m.label[table+"/"+id] = n
			}
			if n := journeyLabel(table, r.Fields, 1); n != "" {
				m.plan.labelEn[table+"/"+id] = n
			}
		}
	}
	m.plan.names = map[string]string{}
	for k, v := range m.label {
		_, id, _ := strings.Cut(k, "/")
		m.plan.names[id] = v
	}
}

// Display writes a field's value for people: days as dates and times,
// keys as names, the bin as words, in Swedish or (en) English.
func (p *Plan) Display(field, value string, en bool) string {
	word := func(sv, eng string) string {
		if en {
			return eng
		}
		return sv
	}
	switch field {
	case deletedField:
		if value == "1" {
			return word("borttagen", "removed")
		}
		return word("finns kvar", "kept")
	case "days":
		ds, err := data.ParseExchangeDays(value)
		if err != nil {
			return value
		}
		parts := make([]string, len(ds))
		for i, d := range ds {
			parts[i] = fmt.Sprintf("%s %s–%s", d.Date, d.Start, d.End)
			if d.Break > 0 {
				parts[i] += fmt.Sprintf(word(" (rast %d min)", " (break %d min)"), d.Break)
			}
			if d.TeamsMax > 1 {
				parts[i] += fmt.Sprintf(word(" (%d team)", " (%d teams)"), d.TeamsMax)
			}
		}
		return strings.Join(parts, ", ")
	case "role_models", "offers", "friends", "supervisor_id", "host_id", "period_id", "organisation_id", "school_id",
		"pupil_id", "offer_id", supersedeField:
		var parts []string
		for _, id := range strings.Split(value, ",") {
			if id == "" {
				continue
			}
			if n := p.names[id]; n != "" {
				id = n
			}
			parts = append(parts, id)
		}
		return strings.Join(parts, ", ")
	}
	return value
}

// Label names a row in words, by table and key, or "" when unknown.
func (p *Plan) Label(table, id string) string {
	for _, c := range p.Changes {
		if c.Table == table && c.ID == id {
			return c.Label
		}
	}
	return ""
}

func (m *merger) rowLabel(r Row) string {
	get := func(table, id string) string {
		if l := m.label[table+"/"+id]; l != "" {
			return l
		}
		return id
	}
	switch r.Table {
	case data.XChoices:
		pu, _, _ := data.SplitChoiceKey(r.ID)
		return get(data.XPupils, pu)
	case data.XRiskAssessments:
		return get(data.XOffers, r.ID)
	case data.XAssignments:
		f := r.Fields
		if l := m.local[r.Table][r.ID]; f == nil && l != nil {
			f = l.Fields
		}
		if f == nil {
			return r.ID
		}
		return get(data.XPupils, f["pupil_id"]) + " → " + get(data.XOffers, f["offer_id"])
	}
	return get(r.Table, r.ID)
}

func boolField(deleted bool) string {
	if deleted {
		return "1"
	}
	return ""
}

// change merges one row field by field by comparing the version vectors
// of the file (what the sender had seen) with this database's (what this
// laptop has received and edited, after a scan): see the package doc.
func (m *merger) change(r Row) (Change, error) {
	c := Change{Table: r.Table, ID: r.ID, Label: m.rowLabel(r), Ref: r.Ref, row: r, refused: map[string]bool{}}
	local := m.local[r.Table][r.ID]
	if r.Table == data.XChoices && local == nil {
		// A pupil without choices has no row here: the same as an empty one.
		pu, per, _ := data.SplitChoiceKey(r.ID)
		if m.local[data.XPupils][pu] != nil {
			local = &data.ExchangeRow{Table: data.XChoices, ID: r.ID,
				Fields: map[string]string{"pupil_id": pu, "period_id": per, "offers": "", "friends": ""}}
		}
	}
	c.local = local
	if !r.Ref {
		c.state = scan(r.Table, local, m.stored[r.Table][r.ID], m.clk)
	}
	refuse := func(f, mine, theirs string) {
		c.refused[f] = true
		m.plan.Refused = append(m.plan.Refused, Note{Table: r.Table, ID: c.ID, Label: c.Label, Field: f, Mine: mine, Theirs: theirs,
			Problem: refusal(r.Table, c.Label, f, m.role)})
	}
	switch {
	case local == nil && r.Deleted():
		c.Status = StatusUnchanged // gone there, never here
		return c, nil
	case local == nil:
		c.Status = StatusNew
		if !r.Ref {
			for _, f := range sortedFields(r) {
				if v := r.Fields[f]; v != "" && !May(m.role, r.Table, f, v) {
					refuse(f, "", v)
				}
			}
		}
		return c, nil
	case r.Ref:
		c.Status = StatusUnchanged // a reference never changes what is here
		return c, nil
	}
	mine := local.Fields
	taken, conflict := false, false
	for _, f := range sortedFields(r) {
		mv, tv := mine[f], r.Fields[f]
		if mv == tv {
			continue // equal values: their vectors merge when applied
		}
		d := FieldDiff{Field: f, Mine: mv, Theirs: tv}
		if r.minimised(f) {
			// A placeholder or a shortened value is never written over a
			// real one; only a pupil who has just been given protected
			// identity there is forgotten here.
			if !m.forget(r, c.state) {
				continue
			}
			d.Take = Theirs
		} else {
			switch compare(r.V[f], c.state[f].VV) {
			case same:
				continue // the same version, as another view of it (a reference the sender lacks)
			case older:
				m.plan.Older = append(m.plan.Older, Note{Table: r.Table, ID: c.ID, Label: c.Label, Field: f, Mine: mv, Theirs: tv})
				continue
			case newer:
				d.Take = Theirs
			default:
				d.Conflict = true
			}
			if !May(m.role, r.Table, f, tv) {
				refuse(f, mv, tv)
				continue
			}
		}
		taken = taken || d.Take == Theirs
		conflict = conflict || d.Conflict
		c.Fields = append(c.Fields, d)
	}
	// Deletion: its vector covers every field vector the deleting laptop
	// had seen, so deleting a row edited since on the other side is a
	// conflict, not a silent loss (and so is editing a row deleted here).
	if t, _ := data.ExchangeTableOf(r.Table); t.Soft {
		mv, tv := boolField(local.Deleted()), boolField(r.Deleted())
		if mv != tv {
			d := FieldDiff{Field: deletedField, Mine: mv, Theirs: tv}
			tvv, lvv := r.V[deletedField], c.state[deletedField].VV
			unseenHere := func() bool { // edits here the file's deletion had not seen
				for f, s := range c.state {
					if f != deletedField && !leq(s.VV, tvv) {
						return true
					}
				}
				return false
			}
			unseenThere := func() bool { // edits in the file this deletion had not seen
				for f, vv := range r.V {
					if _, ok := r.Fields[f]; ok && f != deletedField && r.Fields[f] != mine[f] && !leq(vv, lvv) {
						return true
					}
				}
				return false
			}
			record := true
			switch compare(tvv, lvv) {
			case newer:
				if tv == "1" && unseenHere() {
					d.Conflict = true
				} else {
					d.Take = Theirs
				}
			case concurrent:
				d.Conflict = true
			default:
				if mv == "1" && unseenThere() {
					d.Conflict = true
				} else {
					record = false
					if compare(tvv, lvv) == older {
						m.plan.Older = append(m.plan.Older, Note{Table: r.Table, ID: c.ID, Label: c.Label, Field: deletedField, Mine: mv, Theirs: tv})
					}
				}
			}
			if record && !May(m.role, r.Table, deletedField, tv) {
				refuse(deletedField, mv, tv)
				record = false
			}
			if record {
				taken = taken || d.Take == Theirs
				conflict = conflict || d.Conflict
				c.Fields = append(c.Fields, d)
			}
		}
	}
	switch {
	case conflict:
		c.Status = StatusConflict
	case taken:
		c.Status = StatusChanged
	default:
		c.Status = StatusUnchanged
	}
	return c, nil
}

// forget reports whether a row's minimised values may replace the real
// ones here: only when the file newly gives the pupil protected identity,
// so that a name this laptop should no longer hold is dropped.
func (m *merger) forget(r Row, st rowState) bool {
	return r.Table == data.XPupils && r.Fields["protected"] == "1" && st["protected"].V != "1" &&
		compare(r.V["protected"], st["protected"].VV) == newer && May(m.role, r.Table, "protected", "1")
}

// sortedFields are a row's fields in the table's display order.
func sortedFields(r Row) []string {
	t, _ := data.ExchangeTableOf(r.Table)
	fields := make([]string, 0, len(r.Fields))
	for f := range r.Fields {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool {
		a, b := fieldOrder(t, fields[i]), fieldOrder(t, fields[j])
		if a != b {
			return a < b
		}
		return fields[i] < fields[j]
	})
	return fields
}

func fieldOrder(t data.ExchangeTable, f string) int {
	for i, x := range t.Fields {
		if x == f {
			return i
		}
	}
	return len(t.Fields)
}

// checkRefs makes sure that every row the import writes refers only to
// rows that exist here or come with the file.
func (m *merger) checkRefs() {
	inFile := map[string]bool{}
	for _, c := range m.plan.Changes {
		if !(c.local == nil && c.row.Deleted()) {
			inFile[c.Table+"/"+c.ID] = true
		}
	}
	missing := map[string]int{}
	for _, c := range m.plan.Changes {
		if c.Status == StatusUnchanged {
			continue
		}
		t, _ := data.ExchangeTableOf(c.Table)
		for f, ref := range t.Refs {
			if !ref.Required && !(c.Table == data.XChoices) {
				continue
			}
			for _, id := range strings.Split(c.row.Fields[f], ",") {
				if id == "" || inFile[ref.Table+"/"+id] || m.local[ref.Table][id] != nil {
					continue
				}
				missing[ref.Table]++
			}
		}
	}
	tables := make([]string, 0, len(missing))
	for t := range missing {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		m.problem(fmt.Sprintf("%d hänvisningar till %s som varken finns här eller i filen", missing[t], tableNames[t][0]),
			fmt.Sprintf("%d references to %s that are neither here nor in the file", missing[t], tableNames[t][1]))
	}
}

// tableNames name the tables in running text, Swedish and English.
var tableNames = map[string][2]string{
	data.XOrganisations:   {"organisationer", "organisations"},
	data.XPeople:          {"kontakter", "contacts"},
	data.XJourney:         {"resesteg", "journey entries"},
	data.XPeriods:         {"praoperioder", "prao periods"},
	data.XOffers:          {"praoplatser", "offers"},
	data.XRiskAssessments: {"riskbedömningar", "risk assessments"},
	data.XPupils:          {"elever", "pupils"},
	data.XChoices:         {"önskemål", "choices"},
	data.XAssignments:     {"placeringar", "placements"},
}

// TableName names a table in words, in Swedish or (en) English.
func TableName(table string, en bool) string {
	n, ok := tableNames[table]
	if !ok {
		return table
	}
	if en {
		return n[1]
	}
	return n[0]
}

// Result says what an import did.
type Result struct {
	Plan    *Plan
	Written int // rows added or changed
}

// Apply imports p in one transaction: it works out the plan again inside
// the transaction, refuses with an *Error (CodeProblems, CodeConflicts)
// while the file cannot be imported or a conflict is undecided, and
// otherwise writes every new and changed row, keeping keys and timestamps.
// On any error nothing is changed. A host file is never written: it is
// only shown (Prepare).
func Apply(ctx context.Context, st *data.Store, p *Payload, d Decisions) (*Result, error) {
	if p.Kind == KindHost {
		return nil, errors.New("a host file is read-only: it is shown, not imported")
	}
	res := &Result{}
	err := st.InTx(ctx, func(tx *data.Store) error {
		plan, err := Prepare(ctx, tx, p)
		if err != nil {
			return err
		}
		res.Plan = plan
		if len(plan.Problems) > 0 {
			return &Error{Code: CodeProblems, Problems: plan.Problems}
		}
		var open []Conflict
		for _, c := range plan.Conflicts() {
			if d.side(c.Key()) == Undecided {
				open = append(open, c)
			}
		}
		if len(open) > 0 {
			return &Error{Code: CodeConflicts, Err: fmt.Errorf("%d undecided", len(open))}
		}
		if plan.OlderThanHere() {
			return plan.olderError()
		}
		var states []pending
		order := map[string]int{}
		for i, t := range data.ExchangeTables() {
			order[t.Name] = i
		}
		for fileID, localID := range plan.Matched {
			if err := tx.SetMeta(ctx, matchKey(fileID), localID); err != nil {
				return err
			}
		}
		changes := append([]Change(nil), plan.Changes...)
		sort.SliceStable(changes, func(i, j int) bool { return order[changes[i].Table] < order[changes[j].Table] })
		now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
		for _, c := range changes {
			row, write := c.merged(d, now)
			if write {
				if err := tx.UpsertExchangeRow(ctx, row); err != nil {
					return err
				}
				res.Written++
			}
			if !c.Ref && (c.local != nil || !c.row.Deleted()) {
				states = append(states, pending{c, c.newState(d, plan.clk), write})
			}
		}
		if err := storeStates(ctx, tx, states); err != nil {
			return err
		}
		if err := saveClock(ctx, tx, plan.clk.now); err != nil {
			return err
		}
		if p.Kind == KindHostForm && plan.Role == RoleCoordinator && plan.sourceID != "" {
			// The coordinator's form for this company: this is the host's laptop.
			if err := tx.SetHostLaptop(ctx, plan.sourceID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	return res, nil
}

// merged is the row to write for a change, and whether to write at all.
func (c Change) merged(d Decisions, now string) (data.ExchangeRow, bool) {
	r := c.row.ExchangeRow
	for _, f := range c.Fields {
		if f.Field == supersedeField && d.side(ConflictKey(c.Table, c.ID, f.Field)) != Theirs {
			return r, false // keep the placement made here: the file's is not written
		}
	}
	switch {
	case c.Status == StatusNew || (c.Status == StatusConflict && c.local == nil):
		if r.Table == data.XChoices && r.UpdatedAt == "" {
			r.UpdatedAt = now
		}
		if len(c.refused) > 0 {
			fields := make(map[string]string, len(r.Fields))
			for k, v := range r.Fields {
				if !c.refused[k] {
					fields[k] = v
				}
			}
			r.Fields = fields
		}
		if c.Ref {
			// A reference never brings a status (an offer approved elsewhere
			// is not approved here).
			fields := make(map[string]string, len(r.Fields))
			for k, v := range r.Fields {
				if k != "status" {
					fields[k] = v
				}
			}
			r.Fields = fields
		}
		return r, true
	case c.Status == StatusUnchanged:
		return r, false
	}
	out := data.ExchangeRow{Table: r.Table, ID: c.ID, Fields: map[string]string{}, CreatedAt: c.local.CreatedAt,
		UpdatedAt: r.UpdatedAt, DeletedAt: c.local.DeletedAt}
	allTheirs, any := true, false
	for _, f := range c.Fields {
		if f.Field == supersedeField {
			continue // settled above; not a column
		}
		side := f.Take
		if f.Conflict {
			side = d.side(ConflictKey(c.Table, c.ID, f.Field))
		}
		if side != Theirs {
			allTheirs = false
			continue
		}
		any = true
		if f.Field == deletedField {
			out.DeletedAt = r.DeletedAt
			continue
		}
		out.Fields[f.Field] = f.Theirs
	}
	if !any {
		return out, false
	}
	if !allTheirs || out.UpdatedAt == "" {
		out.UpdatedAt = now
	}
	return out, true
}

// newState is the row's version state after the import. A field that
// ends with the file's value gets the file's vector: whatever this laptop
// had for it is superseded (the file had seen it, the values were equal,
// or a conflict was settled for the file), and keeping those entries would
// make the sender's next edit look concurrent. A conflict settled for this
// laptop's value gets one more edit by this laptop above both (the
// decision is an edit that travels on). Older, refused and minimised
// fields keep what this laptop had.
func (c Change) newState(d Decisions, clk *clock) rowState {
	r := c.row
	ns := c.state.clone()
	diffs := map[string]FieldDiff{}
	for _, fd := range c.Fields {
		diffs[fd.Field] = fd
	}
	if c.local == nil {
		ns = rowState{}
		for f, v := range r.Fields {
			if c.refused[f] {
				continue
			}
			ns[f] = fieldState{V: v, VV: merge(r.V[f], nil)}
			if r.minimised(f) {
				ns[f] = fieldState{V: v} // a placeholder has no version: any real value replaces it
			}
		}
		if t, _ := data.ExchangeTableOf(r.Table); t.Soft {
			ns[deletedField] = fieldState{V: boolField(r.Deleted()), VV: merge(r.V[deletedField], nil)}
		}
		// A field this kind of file does not carry (a host form has no
		// membership date) starts empty and unversioned, as a scan would
		// record it: else the next import's scan added it, and a repeated
		// file changed the database.
		for _, f := range carried[r.Table] {
			if _, ok := ns[f]; !ok && !r.Deleted() {
				ns[f] = fieldState{}
			}
		}
		return ns
	}
	for f, tvv := range r.V {
		tv, ok := r.Fields[f]
		if f == deletedField {
			tv, ok = boolField(r.Deleted()), true
		}
		if !ok || c.refused[f] || r.minimised(f) {
			continue
		}
		lf := ns[f]
		fd, differs := diffs[f]
		if !differs {
			if o := compare(tvv, lf.VV); lf.V == tv && (o == newer || o == concurrent) {
				ns[f] = fieldState{V: lf.V, VV: merge(tvv, nil)}
			}
			continue
		}
		side := fd.Take
		if fd.Conflict {
			side = d.side(ConflictKey(c.Table, c.ID, f))
		}
		switch {
		case side == Theirs:
			ns[f] = fieldState{V: tv, VV: merge(tvv, nil)}
		case fd.Conflict:
			ns[f] = fieldState{V: lf.V, VV: clk.bump(merge(lf.VV, tvv))}
		}
	}
	for _, f := range r.Min {
		if fd, ok := diffs[f]; ok && fd.Take == Theirs { // forgotten for protected identity
			ns[f] = fieldState{V: r.Fields[f]}
		}
	}
	return ns
}

// pending is a row's version state to store after the rows are written.
type pending struct {
	c       Change
	st      rowState
	written bool
}

// storeStates stores the new version states. A written row is read back
// first: the Store may have written a value differently (an optional
// reference to a row this database lacks is left empty), and the state
// must hold the value as it is here, or the next scan would take the
// difference for an edit made here and send it back as newer.
func storeStates(ctx context.Context, tx *data.Store, states []pending) error {
	back := map[string][]string{}
	for _, s := range states {
		if s.written {
			back[s.c.Table] = append(back[s.c.Table], s.c.ID)
		}
	}
	rows := map[string]data.ExchangeRow{}
	for table, ids := range back {
		rs, err := tx.ExchangeRows(ctx, table, "id", ids)
		if err != nil {
			return err
		}
		for _, r := range rs {
			rows[table+"/"+r.ID] = r
		}
	}
	for _, s := range states {
		if r, ok := rows[s.c.Table+"/"+s.c.ID]; ok {
			for f, fs := range s.st {
				v, has := r.Fields[f]
				if f == deletedField {
					v, has = boolField(r.Deleted()), true
				}
				if has && v != fs.V {
					s.st[f] = fieldState{V: v, VV: fs.VV}
				}
			}
		}
		if err := tx.SetExchangeVersions(ctx, s.c.Table, s.c.ID, s.st.json()); err != nil {
			return err
		}
	}
	return nil
}
