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

	row   Row               // the file's row, keys mapped to this database
	local *data.ExchangeRow // this database's row, nil when new
}

// Count sums a table's rows by status.
type Count struct {
	New, Changed, Unchanged, Conflicts int
}

// Plan is the preview of an import: every row of the file and what
// happens to it, and the problems that stop the import.
type Plan struct {
	Payload  *Payload
	Changes  []Change
	Counts   map[string]*Count // by table
	Problems []Problem
	Matched  map[string]string // file key → this database's key, for organisations and periods matched by name

	names map[string]string // key → words, for Display
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
	}
	return t
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
	KindHostForm: {data.XOrganisations: true, data.XPeople: true, data.XJourney: true, data.XOffers: true, data.XPeriods: false},
	KindSchool:   {data.XPupils: true, data.XChoices: true, data.XOrganisations: false, data.XPeriods: false, data.XOffers: false},
	KindResults: {data.XAssignments: true, data.XOffers: true, data.XPeople: true, data.XOrganisations: false,
		data.XPeriods: false},
}

// Prepare works out what importing p would do, without changing anything.
func Prepare(ctx context.Context, st *data.Store, p *Payload) (*Plan, error) {
	plan := &Plan{Payload: p, Counts: map[string]*Count{}, Matched: map[string]string{}}
	if p.Kind == KindHost {
		return plan, nil
	}
	m := &merger{ctx: ctx, st: st, p: p, plan: plan}
	if err := m.run(); err != nil {
		return nil, err
	}
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
		if !r.Ref && !owned {
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
	m.checkScope()
	m.labels()
	for _, r := range m.rows {
		c, err := m.change(r)
		if err != nil {
			return err
		}
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
	m.checkRefs()
	return nil
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
		if r.Base != nil {
			c.Base = map[string]string{}
			for f, v := range r.Base {
				if f == deletedField {
					c.Base[f] = v
					continue
				}
				n, err := data.NormaliseExchangeField(r.Table, f, v)
				if err != nil {
					return nil, newError(CodeDamaged, fmt.Errorf("%s %s: %s: %w", r.Table, r.ID, f, err))
				}
				c.Base[f] = n
			}
		}
		out = append(out, c)
	}
	return out, nil
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
			var localID string
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
		if r.Base != nil {
			remap(t, r.Base)
		}
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
	}
	return nil
}

// checkScope refuses rows outside what the file is about: a host's form
// may only change that host; a school file only that school's pupils; a
// results file only placements of this database's pupils of that school.
func (m *merger) checkScope() {
	src := m.p.Source.ID
	bad := func(r Row) {
		m.problem(fmt.Sprintf("raden %s i %s hör inte till %s", r.ID, r.Table, m.p.Source.Name),
			fmt.Sprintf("row %s in %s does not belong to %s", r.ID, r.Table, m.p.Source.Name))
	}
	inFile := map[string]bool{}
	for _, r := range m.rows {
		inFile[r.Table+"/"+r.ID] = true
	}
	owner := func(r Row, field string) string {
		if v, ok := r.Fields[field]; ok {
			return v
		}
		if l := m.local[r.Table][r.ID]; l != nil {
			return l.Fields[field]
		}
		return src // a tombstone of a row this database never had: nothing to check
	}
	for _, r := range m.rows {
		if r.Ref {
			continue
		}
		switch m.p.Kind {
		case KindHostForm:
			switch r.Table {
			case data.XOrganisations:
				if r.ID != src {
					bad(r)
				}
			case data.XPeople, data.XJourney:
				if owner(r, "organisation_id") != src {
					bad(r)
				}
			case data.XOffers:
				if owner(r, "host_id") != src {
					bad(r)
				}
			}
		case KindSchool:
			switch r.Table {
			case data.XPupils:
				if owner(r, "school_id") != src {
					bad(r)
				}
			case data.XChoices:
				pu, per, _ := data.SplitChoiceKey(r.ID)
				if !inFile[data.XPupils+"/"+pu] || m.p.Period == nil || per != m.p.Period.ID {
					bad(r)
				}
			}
		case KindResults:
			if r.Table == data.XAssignments {
				if m.p.Period == nil || owner(r, "period_id") != m.p.Period.ID {
					bad(r)
					continue
				}
				pu := m.local[data.XPupils][owner(r, "pupil_id")]
				if pu == nil && !r.Deleted() {
					m.problem("placeringen gäller en elev som inte finns i den här databasen",
						"the placement is for a pupil who is not in this database")
				} else if pu != nil && pu.Fields["school_id"] != src {
					bad(r)
				}
			}
		}
	}
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
		return ""
	}
	// This database's names win: they are the ones the user knows.
	for _, r := range m.rows {
		if n := name(r.Table, r.Fields); n != "" {
			m.label[r.Table+"/"+r.ID] = n
		}
	}
	for table, rows := range m.local {
		for id, r := range rows {
			if n := name(table, r.Fields); n != "" {
				m.label[table+"/"+id] = n
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
		}
		return strings.Join(parts, ", ")
	case "role_models", "offers", "friends", "supervisor_id", "host_id", "period_id", "organisation_id", "school_id",
		"pupil_id", "offer_id":
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

// change merges one row field by field against the common versions: the
// file's Base (what the sender last received from here) and this
// database's snapshot (what it last received from there).
func (m *merger) change(r Row) (Change, error) {
	c := Change{Table: r.Table, ID: r.ID, Label: m.rowLabel(r), Ref: r.Ref, row: r}
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
	switch {
	case local == nil && r.Deleted():
		c.Status = StatusUnchanged // gone there, never here
		return c, nil
	case local == nil:
		c.Status = StatusNew
		return c, nil
	case r.Ref:
		c.Status = StatusUnchanged // a reference never changes what is here
		return c, nil
	}
	var commons []map[string]string
	if r.Base != nil {
		commons = append(commons, r.Base)
	}
	snap, err := m.st.ExchangeBase(m.ctx, r.Table, r.ID)
	if err != nil && !errors.Is(err, data.ErrExchangeBase) {
		return c, err
	}
	if snap != nil {
		commons = append(commons, snap)
	}
	common := func(f, v string) (known, is bool) {
		for _, cm := range commons {
			if x, ok := cm[f]; ok {
				known = true
				if x == v {
					return true, true
				}
			}
		}
		return known, false
	}
	mine := local.Fields
	taken, conflict := false, false
	fields := make([]string, 0, len(r.Fields))
	for f := range r.Fields {
		fields = append(fields, f)
	}
	t, _ := data.ExchangeTableOf(r.Table)
	sort.Slice(fields, func(i, j int) bool { return fieldOrder(t, fields[i]) < fieldOrder(t, fields[j]) })
	mineChanged, theirsChanged := false, false
	for _, f := range fields {
		mv, tv := mine[f], r.Fields[f]
		if mv == tv {
			continue
		}
		d := FieldDiff{Field: f, Mine: mv, Theirs: tv}
		known, mineIsCommon := common(f, mv)
		_, theirsIsCommon := common(f, tv)
		switch {
		case !known && mv == "":
			d.Take = Theirs
		case !known && tv == "":
			d.Take = Mine
		case !known:
			d.Conflict = true
		case mineIsCommon:
			d.Take = Theirs
			theirsChanged = true
		case theirsIsCommon:
			d.Take = Mine
			mineChanged = true
		default:
			d.Conflict = true
		}
		taken = taken || d.Take == Theirs
		conflict = conflict || d.Conflict
		c.Fields = append(c.Fields, d)
	}
	// Deletion is settled last: deleting a row that the other side has
	// changed since the common version is a conflict, not a silent loss.
	if t.Soft {
		mv, tv := boolField(local.Deleted()), boolField(r.Deleted())
		if mv != tv {
			d := FieldDiff{Field: deletedField, Mine: mv, Theirs: tv}
			if r.Deleted() && len(r.Fields) == 0 {
				// A tombstone: did this side change the row since the common version?
				for _, cm := range commons {
					for f, v := range cm {
						if f != deletedField && mine[f] != v {
							mineChanged = true
						}
					}
				}
			}
			known, mineIsCommon := common(deletedField, mv)
			_, theirsIsCommon := common(deletedField, tv)
			switch {
			case !known:
				d.Conflict = true
			case mineIsCommon && !(tv == "1" && mineChanged):
				d.Take = Theirs
			case theirsIsCommon && !(mv == "1" && theirsChanged):
				d.Take = Mine
			default:
				d.Conflict = true
			}
			taken = taken || d.Take == Theirs
			conflict = conflict || d.Conflict
			c.Fields = append(c.Fields, d)
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
	data.XOrganisations: {"organisationer", "organisations"},
	data.XPeople:        {"kontakter", "contacts"},
	data.XJourney:       {"resesteg", "journey entries"},
	data.XPeriods:       {"praoperioder", "prao periods"},
	data.XOffers:        {"praoplatser", "offers"},
	data.XPupils:        {"elever", "pupils"},
	data.XChoices:       {"önskemål", "choices"},
	data.XAssignments:   {"placeringar", "placements"},
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
		order := map[string]int{}
		for i, t := range data.ExchangeTables() {
			order[t.Name] = i
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
				if err := recordBase(ctx, tx, c.row); err != nil {
					return err
				}
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
	switch c.Status {
	case StatusNew:
		if r.Table == data.XChoices && r.UpdatedAt == "" {
			r.UpdatedAt = now
		}
		return r, true
	case StatusUnchanged:
		return r, false
	}
	out := data.ExchangeRow{Table: r.Table, ID: c.ID, Fields: map[string]string{}, CreatedAt: c.local.CreatedAt,
		UpdatedAt: r.UpdatedAt, DeletedAt: c.local.DeletedAt}
	allTheirs, any := true, false
	for _, f := range c.Fields {
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

// recordBase remembers the file's version of a row as the common version
// for the next exchange.
func recordBase(ctx context.Context, st *data.Store, r Row) error {
	base, err := st.ExchangeBase(ctx, r.Table, r.ID)
	if err != nil && !errors.Is(err, data.ErrExchangeBase) {
		return err
	}
	if base == nil {
		base = map[string]string{}
	}
	for f, v := range r.Fields {
		base[f] = v
	}
	base[deletedField] = boolField(r.Deleted())
	return st.SetExchangeBase(ctx, r.Table, r.ID, base)
}
