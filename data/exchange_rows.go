package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Exchange files (package data/exchange) carry rows between laptops with
// their UUIDs and timestamps, so that copies can be merged by UUID (DESIGN
// §3). This file is the Store's side of it: rows as plain text fields, read
// and written without the Store's usual stamping.

// ExchangeRow is one row as an exchange file carries it: the table, the key,
// the fields as text (absent fields are not carried and not written) and the
// row's own timestamps (formatted as in the database).
type ExchangeRow struct {
	Table     string            `json:"t"`
	ID        string            `json:"id"`
	Fields    map[string]string `json:"f,omitempty"`
	CreatedAt string            `json:"c,omitempty"`
	UpdatedAt string            `json:"u,omitempty"`
	DeletedAt string            `json:"d,omitempty"` // "" while the row is live
}

// Deleted reports whether the row is in the bin.
func (r ExchangeRow) Deleted() bool { return r.DeletedAt != "" }

// ExchangeRef says that a field holds the key of a row in another table.
type ExchangeRef struct {
	Table    string
	Required bool // a NOT NULL reference; an optional one becomes empty when its row is missing
	List     bool // the field holds a comma-separated list of keys
}

// ExchangeTable describes one table that exchange files carry.
type ExchangeTable struct {
	Name   string
	Fields []string               // in display order
	Refs   map[string]ExchangeRef // fields that hold keys of other rows
	Soft   bool                   // rows are soft-deleted (deleted_at)
	// Key is the column that holds the row's key when it is not "id" (a
	// risk assessment is keyed by its offer); the key field is never
	// changed by an import.
	Key string
}

// keyColumn is the column holding the table's row key.
func (t ExchangeTable) keyColumn() string {
	if t.Key != "" {
		return t.Key
	}
	return "id"
}

// deletedColumn reads a row's deletion time: "" for a table without a bin.
func (t ExchangeTable) deletedColumn() string {
	if t.Soft {
		return "coalesce(deleted_at, '')"
	}
	return "''"
}

// Exchange tables. "choices" is not a table of its own: it is one pupil's
// ranked choices and friends in one period (preferences and friend_pairs),
// keyed "pupilID|periodID".
const (
	XOrganisations = "organisations"
	XPeople        = "people"
	XJourney       = "journey_entries"
	XPeriods       = "periods"
	XOffers        = "offers"
	XPupils        = "pupils"
	XChoices       = "choices"
	XAssignments   = "assignments"
)

// exchangeTables are the tables in the order they must be written (a row's
// references come before it).
var exchangeTables = []ExchangeTable{
	{Name: XOrganisations, Soft: true,
		Fields: []string{"kind", "name", "org_number", "municipality", "visiting_address", "sector", "member_since", "notes"}},
	{Name: XPeople, Soft: true,
		Fields: []string{"organisation_id", "first_name", "last_name", "roles", "title", "email", "phone", "journey", "notes"},
		Refs:   map[string]ExchangeRef{"organisation_id": {Table: XOrganisations}}},
	{Name: XJourney, Soft: true,
		Fields: []string{"organisation_id", "date", "title", "text"},
		Refs:   map[string]ExchangeRef{"organisation_id": {Table: XOrganisations, Required: true}}},
	{Name: XPeriods, Soft: true,
		Fields: []string{"name", "grade", "start_date", "end_date", "status", "notes", "format"}},
	{Name: XOffers, Soft: true,
		Fields: []string{"host_id", "period_id", "title", "description", "capacity", "visiting_address", "supervisor_id",
			"min_age", "what_to_bring", "travel_info", "lunch_info", "safety_risk_assessment", "safety_protective_gear",
			"safety_introduction", "safety_supervisor_adult", "safety_emergency_routine", "status", "days", "role_models"},
		Refs: map[string]ExchangeRef{"host_id": {Table: XOrganisations, Required: true}, "period_id": {Table: XPeriods, Required: true},
			"supervisor_id": {Table: XPeople}, "role_models": {Table: XPeople, List: true}}},
	{Name: XPupils, Soft: true,
		Fields: []string{"school_id", "first_name", "last_name", "class_name", "grade", "birth_date", "gender", "protected",
			"guardian_name", "guardian_phone", "guardian_email", "needs", "needs_shareable", "external_id", "notes"},
		Refs: map[string]ExchangeRef{"school_id": {Table: XOrganisations, Required: true}}},
	{Name: XChoices,
		Fields: []string{"pupil_id", "period_id", "offers", "friends"},
		Refs: map[string]ExchangeRef{"pupil_id": {Table: XPupils, Required: true}, "period_id": {Table: XPeriods, Required: true},
			"offers": {Table: XOffers, List: true}, "friends": {Table: XPupils, List: true}}},
	{Name: XAssignments, Soft: true,
		Fields: []string{"period_id", "pupil_id", "offer_id", "locked", "source", "supervisor_comment"},
		Refs: map[string]ExchangeRef{"period_id": {Table: XPeriods, Required: true}, "pupil_id": {Table: XPupils, Required: true},
			"offer_id": {Table: XOffers, Required: true}}},
}

// ExchangeTables lists the exchange tables in write order.
func ExchangeTables() []ExchangeTable { return exchangeTables }

// ExchangeTableOf returns the description of one exchange table.
func ExchangeTableOf(name string) (ExchangeTable, bool) {
	for _, t := range exchangeTables {
		if t.Name == name {
			return t, true
		}
	}
	return ExchangeTable{}, false
}

// synthetic fields are not columns: they are read and written separately.
var syntheticFields = map[string]bool{"roles": true, "days": true, "role_models": true}

// HasField reports whether the table carries field f.
func (t ExchangeTable) HasField(f string) bool {
	for _, x := range t.Fields {
		if x == f {
			return true
		}
	}
	return false
}

func (t ExchangeTable) columns() []string {
	var out []string
	for _, f := range t.Fields {
		if !syntheticFields[f] {
			out = append(out, f)
		}
	}
	return out
}

// ChoiceKey is the key of a "choices" row.
func ChoiceKey(pupilID, periodID string) string { return pupilID + "|" + periodID }

// SplitChoiceKey splits a "choices" key into pupil and period.
func SplitChoiceKey(key string) (pupilID, periodID string, ok bool) {
	pupilID, periodID, ok = strings.Cut(key, "|")
	return pupilID, periodID, ok && pupilID != "" && periodID != ""
}

// ExchangeDay is one day of an offer's programme in an offer's "days" field
// (a JSON array, sorted by date and start), or one block of a teknikprao
// week. Files written before the week have no id, teams_max or
// role_models: they read as new keys (matched by date and start), one team
// and no role models of their own.
type ExchangeDay struct {
	ID         string `json:"id,omitempty"` // the block's key, so that teams' routes survive an exchange
	Date       string `json:"date"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Break      int    `json:"break"`
	Activities string `json:"activities,omitempty"`
	// TeamsMax is how many teams the host takes at once; written only when
	// more than one (0 reads as 1).
	TeamsMax int `json:"teams_max,omitempty"`
	// RoleModels are the keys of the people a team meets in this block.
	RoleModels []string `json:"role_models,omitempty"`
}

// ParseExchangeDays reads an offer's "days" field.
func ParseExchangeDays(s string) ([]ExchangeDay, error) {
	if s == "" {
		return nil, nil
	}
	var ds []ExchangeDay
	if err := json.Unmarshal([]byte(s), &ds); err != nil {
		return nil, fmt.Errorf("days: %w", err)
	}
	for i := range ds {
		if ds[i].TeamsMax < 0 || ds[i].TeamsMax > 50 {
			return nil, fmt.Errorf("days: %s %s: teams_max %d is not 1..50", ds[i].Date, ds[i].Start, ds[i].TeamsMax)
		}
		if ds[i].TeamsMax == 1 {
			ds[i].TeamsMax = 0 // the default is not written
		}
		if len(ds[i].RoleModels) == 0 {
			ds[i].RoleModels = nil
		}
	}
	return ds, nil
}

// chunk is how many keys go into one IN (…) list.
const chunk = 400

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// ExchangeRows reads the rows of table whose column by holds one of values,
// deleted rows included, sorted by key. by is "id" or one of the table's
// reference fields; for "choices", "id" takes choice keys and "pupil_id"
// pupil keys, and a pupil without choices in a period has no row.
func (s *Store) ExchangeRows(ctx context.Context, table, by string, values []string) ([]ExchangeRow, error) {
	t, ok := ExchangeTableOf(table)
	if !ok {
		return nil, fmt.Errorf("exchange: unknown table %q", table)
	}
	if table == XChoices {
		return s.exchangeChoices(ctx, by, values)
	}
	if by != "id" {
		if ref, ok := t.Refs[by]; !ok || ref.List || syntheticFields[by] {
			return nil, fmt.Errorf("exchange: cannot select %s by %q", table, by)
		}
	} else {
		by = t.keyColumn()
	}
	var out []ExchangeRow
	cols := t.columns()
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = "coalesce(CAST(" + c + " AS TEXT), '')"
	}
	for start := 0; start < len(values); start += chunk {
		part := values[start:min(start+chunk, len(values))]
		rows, err := s.q.QueryContext(ctx, "SELECT "+t.keyColumn()+", created_at, updated_at, "+t.deletedColumn()+", "+strings.Join(sel, ", ")+
			" FROM "+table+" WHERE "+by+" IN ("+placeholders(len(part))+")", anys(part)...)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
		for rows.Next() {
			r := ExchangeRow{Table: table, Fields: make(map[string]string, len(t.Fields))}
			vals := make([]string, len(cols))
			dest := []any{&r.ID, &r.CreatedAt, &r.UpdatedAt, &r.DeletedAt}
			for i := range vals {
				dest = append(dest, &vals[i])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", table, err)
			}
			for i, c := range cols {
				r.Fields[c] = vals[i]
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if err := s.fillSynthetic(ctx, table, out); err != nil {
		return nil, err
	}
	return out, nil
}

// fillSynthetic reads the fields that live in other tables: a person's
// roles, an offer's days and role models.
func (s *Store) fillSynthetic(ctx context.Context, table string, rows []ExchangeRow) error {
	if len(rows) == 0 || (table != XPeople && table != XOffers) {
		return nil
	}
	index := make(map[string]int, len(rows))
	ids := make([]string, len(rows))
	for i, r := range rows {
		index[r.ID] = i
		ids[i] = r.ID
	}
	query := func(q string, each func(rows *sql.Rows) error) error {
		for start := 0; start < len(ids); start += chunk {
			part := ids[start:min(start+chunk, len(ids))]
			rs, err := s.q.QueryContext(ctx, strings.Replace(q, "(?)", "("+placeholders(len(part))+")", 1), anys(part)...)
			if err != nil {
				return fmt.Errorf("read %s: %w", table, err)
			}
			for rs.Next() {
				if err := each(rs); err != nil {
					rs.Close()
					return fmt.Errorf("read %s: %w", table, err)
				}
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return fmt.Errorf("read %s: %w", table, err)
			}
		}
		return nil
	}
	if table == XPeople {
		roles := map[string][]Role{}
		if err := query(`SELECT person_id, role FROM person_roles WHERE person_id IN (?)`, func(rs *sql.Rows) error {
			var id, r string
			if err := rs.Scan(&id, &r); err != nil {
				return err
			}
			roles[id] = append(roles[id], Role(r))
			return nil
		}); err != nil {
			return err
		}
		for i := range rows {
			rows[i].Fields["roles"] = joinRoles(roles[rows[i].ID])
		}
		return nil
	}
	days := map[string][]ExchangeDay{}
	if err := query(`SELECT d.offer_id, d.id, d.date, d.start_time, d.end_time, d.break_minutes, d.activities, d.teams_max,
		coalesce((SELECT group_concat(person_id) FROM (SELECT person_id FROM offer_day_role_models r
		WHERE r.offer_day_id = d.id ORDER BY r.position)), '') FROM offer_days d
		WHERE d.offer_id IN (?) ORDER BY d.offer_id, d.date, d.start_time`, func(rs *sql.Rows) error {
		var id, models string
		var d ExchangeDay
		if err := rs.Scan(&id, &d.ID, &d.Date, &d.Start, &d.End, &d.Break, &d.Activities, &d.TeamsMax, &models); err != nil {
			return err
		}
		if d.TeamsMax == 1 {
			d.TeamsMax = 0
		}
		d.RoleModels = splitList(models)
		days[id] = append(days[id], d)
		return nil
	}); err != nil {
		return err
	}
	models := map[string][]string{}
	if err := query(`SELECT offer_id, person_id FROM offer_role_models WHERE offer_id IN (?) ORDER BY offer_id, position, person_id`,
		func(rs *sql.Rows) error {
			var id, p string
			if err := rs.Scan(&id, &p); err != nil {
				return err
			}
			models[id] = append(models[id], p)
			return nil
		}); err != nil {
		return err
	}
	for i := range rows {
		id := rows[i].ID
		rows[i].Fields["days"] = formatDays(days[id])
		rows[i].Fields["role_models"] = strings.Join(models[id], ",")
	}
	return nil
}

func joinRoles(rs []Role) string {
	rs = dedupRoles(rs)
	sort.Slice(rs, func(i, j int) bool { return roleOrder(rs[i]) < roleOrder(rs[j]) })
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, ",")
}

func formatDays(ds []ExchangeDay) string {
	if len(ds) == 0 {
		return ""
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Date != ds[j].Date {
			return ds[i].Date < ds[j].Date
		}
		return ds[i].Start < ds[j].Start
	})
	b, _ := json.Marshal(ds) // plain strings and ints always marshal
	return string(b)
}

// NormaliseExchangeField brings a field value from a file to the form the
// Store reads back, so that equal values compare equal: roles sorted,
// days sorted by date, lists without empty entries.
func NormaliseExchangeField(table, field, value string) (string, error) {
	switch {
	case table == XPeople && field == "roles":
		var rs []Role
		for _, r := range splitList(value) {
			if !Role(r).Valid() {
				return "", fmt.Errorf("unknown role %q", r)
			}
			rs = append(rs, Role(r))
		}
		return joinRoles(rs), nil
	case table == XOffers && field == "days":
		ds, err := ParseExchangeDays(value)
		if err != nil {
			return "", err
		}
		return formatDays(ds), nil
	case table == XChoices && field == "friends":
		fs := splitList(value)
		sort.Strings(fs)
		return strings.Join(fs, ","), nil
	case (table == XOffers && field == "role_models") || (table == XChoices && field == "offers"):
		return strings.Join(splitList(value), ","), nil
	}
	return value, nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// exchangeChoices reads pupils' choices and friends as "choices" rows.
func (s *Store) exchangeChoices(ctx context.Context, by string, values []string) ([]ExchangeRow, error) {
	var pupils []string
	var want map[string]bool
	switch by {
	case "pupil_id":
		pupils = values
	case "id":
		want = map[string]bool{}
		seen := map[string]bool{}
		for _, k := range values {
			p, _, ok := SplitChoiceKey(k)
			if !ok {
				continue
			}
			want[k] = true
			if !seen[p] {
				seen[p] = true
				pupils = append(pupils, p)
			}
		}
	default:
		return nil, fmt.Errorf("exchange: cannot select choices by %q", by)
	}
	type acc struct {
		offers  []string
		friends []string
		created string
		updated string
	}
	rowsBy := map[string]*acc{}
	get := func(pupil, period string) *acc {
		k := ChoiceKey(pupil, period)
		a := rowsBy[k]
		if a == nil {
			a = &acc{}
			rowsBy[k] = a
		}
		return a
	}
	stamp := func(a *acc, created, updated string) {
		if a.created == "" || created < a.created {
			a.created = created
		}
		if updated > a.updated {
			a.updated = updated
		}
	}
	inPupils := map[string]bool{}
	for _, p := range pupils {
		inPupils[p] = true
	}
	for start := 0; start < len(pupils); start += chunk {
		part := pupils[start:min(start+chunk, len(pupils))]
		ph := placeholders(len(part))
		rs, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id, offer_id, created_at, updated_at FROM preferences
			WHERE pupil_id IN (`+ph+`) ORDER BY pupil_id, period_id, rank`, anys(part)...)
		if err != nil {
			return nil, fmt.Errorf("read choices: %w", err)
		}
		for rs.Next() {
			var pupil, period, offer, c, u string
			if err := rs.Scan(&pupil, &period, &offer, &c, &u); err != nil {
				rs.Close()
				return nil, fmt.Errorf("read choices: %w", err)
			}
			a := get(pupil, period)
			a.offers = append(a.offers, offer)
			stamp(a, c, u)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("read choices: %w", err)
		}
		args := append(anys(part), anys(part)...)
		fs, err := s.q.QueryContext(ctx, `SELECT period_id, pupil_a, pupil_b, created_at, updated_at FROM friend_pairs
			WHERE pupil_a IN (`+ph+`) OR pupil_b IN (`+ph+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read friends: %w", err)
		}
		for fs.Next() {
			var period, a, b, c, u string
			if err := fs.Scan(&period, &a, &b, &c, &u); err != nil {
				fs.Close()
				return nil, fmt.Errorf("read friends: %w", err)
			}
			// A pair where both are in this chunk's range is seen once per
			// chunk that holds either; dedup below.
			for _, pr := range [][2]string{{a, b}, {b, a}} {
				if inPupils[pr[0]] {
					x := get(pr[0], period)
					x.friends = append(x.friends, pr[1])
					stamp(x, c, u)
				}
			}
		}
		fs.Close()
		if err := fs.Err(); err != nil {
			return nil, fmt.Errorf("read friends: %w", err)
		}
	}
	var out []ExchangeRow
	for k, a := range rowsBy {
		if want != nil && !want[k] {
			continue
		}
		p, per, _ := SplitChoiceKey(k)
		fr, _ := NormaliseExchangeField(XChoices, "friends", strings.Join(dedupStrings(a.friends), ","))
		out = append(out, ExchangeRow{Table: XChoices, ID: k, CreatedAt: a.created, UpdatedAt: a.updated,
			Fields: map[string]string{"pupil_id": p, "period_id": per, "offers": strings.Join(a.offers, ","), "friends": fr}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func dedupStrings(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// UpsertExchangeRow writes one row from an exchange file, keeping its key
// and timestamps: a row that exists (live or in the bin) gets the fields in
// r.Fields and r's updated_at and deleted_at; a new row is inserted with
// them and r's created_at. Fields not in r.Fields are left as they are (or
// take their defaults). An optional reference to a row that does not exist
// is written empty. A live placement replaces the pupil's other live
// placement in the period. Use it inside InTx.
func (s *Store) UpsertExchangeRow(ctx context.Context, r ExchangeRow) error {
	t, ok := ExchangeTableOf(r.Table)
	if !ok {
		return fmt.Errorf("exchange: unknown table %q", r.Table)
	}
	for f := range r.Fields {
		if !t.HasField(f) {
			return fmt.Errorf("exchange: %s has no field %q", r.Table, f)
		}
	}
	if r.ID == "" {
		return fmt.Errorf("exchange: a %s row without key", r.Table)
	}
	if r.Table == XChoices {
		return translate("import choices", s.upsertChoices(ctx, r))
	}
	if r.UpdatedAt == "" {
		r.UpdatedAt = formatTS(s.now())
	}
	if r.CreatedAt == "" {
		r.CreatedAt = r.UpdatedAt
	}
	fields := make(map[string]string, len(r.Fields))
	for k, v := range r.Fields {
		fields[k] = v
	}
	if t.Key != "" {
		// The key column is the row's key, written from r.ID only.
		if v, ok := fields[t.Key]; ok && v != r.ID {
			return fmt.Errorf("exchange: %s %s: %s %q is not the row's key", r.Table, r.ID, t.Key, v)
		}
		delete(fields, t.Key)
	}
	if err := checkExchangePrivacy(r.Table, r.ID, fields); err != nil {
		return err
	}
	// Optional references to missing rows become empty.
	for f, ref := range t.Refs {
		v, ok := fields[f]
		if !ok || ref.Required || v == "" {
			continue
		}
		var keep []string
		for _, id := range splitList(v) {
			var n int
			if err := s.q.QueryRowContext(ctx, "SELECT count(*) FROM "+ref.Table+" WHERE id = ?", id).Scan(&n); err != nil {
				return translate("import "+r.Table, err)
			}
			if n > 0 {
				keep = append(keep, id)
			}
		}
		fields[f] = strings.Join(keep, ",")
	}
	var exists int
	if err := s.q.QueryRowContext(ctx, "SELECT count(*) FROM "+r.Table+" WHERE "+t.keyColumn()+" = ?", r.ID).Scan(&exists); err != nil {
		return translate("import "+r.Table, err)
	}
	if r.Table == XAssignments && !r.Deleted() {
		if err := s.supersedeAssignment(ctx, r, fields, exists > 0); err != nil {
			return translate("import placement", err)
		}
	}
	var cols []string
	var args []any
	for _, c := range t.columns() {
		v, ok := fields[c]
		if !ok {
			continue
		}
		cols = append(cols, c)
		if ref, isRef := t.Refs[c]; isRef && !ref.Required {
			args = append(args, nullable(v))
		} else {
			args = append(args, v)
		}
	}
	var deleted any
	if r.DeletedAt != "" {
		deleted = r.DeletedAt
	}
	var err error
	if exists > 0 {
		set := make([]string, 0, len(cols)+2)
		for _, c := range cols {
			set = append(set, c+" = ?")
		}
		set = append(set, "updated_at = ?")
		args = append(args, r.UpdatedAt)
		if t.Soft {
			set = append(set, "deleted_at = ?")
			args = append(args, deleted)
		}
		_, err = s.exec(ctx, "UPDATE "+r.Table+" SET "+strings.Join(set, ", ")+" WHERE "+t.keyColumn()+" = ?", append(args, r.ID)...)
	} else {
		cols = append(cols, t.keyColumn(), "created_at", "updated_at")
		args = append(args, r.ID, r.CreatedAt, r.UpdatedAt)
		if t.Soft {
			cols = append(cols, "deleted_at")
			args = append(args, deleted)
		}
		_, err = s.exec(ctx, "INSERT INTO "+r.Table+" ("+strings.Join(cols, ", ")+") VALUES ("+placeholders(len(cols))+")", args...)
	}
	if err != nil {
		return translate("import "+r.Table+" "+r.ID, err)
	}
	return translate("import "+r.Table+" "+r.ID, s.upsertSynthetic(ctx, r.Table, r.ID, r.UpdatedAt, fields))
}

// supersedeAssignment moves the pupil's other live placement in the period
// to the bin, so that the imported one can be live.
func (s *Store) supersedeAssignment(ctx context.Context, r ExchangeRow, fields map[string]string, exists bool) error {
	period, pupil := fields["period_id"], fields["pupil_id"]
	if exists && (period == "" || pupil == "") {
		err := s.q.QueryRowContext(ctx, "SELECT period_id, pupil_id FROM assignments WHERE id = ?", r.ID).Scan(&period, &pupil)
		if err != nil {
			return err
		}
	}
	_, err := s.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND pupil_id = ?
		AND id <> ? AND deleted_at IS NULL`, r.UpdatedAt, formatTS(s.now()), period, pupil, r.ID)
	return err
}

func (s *Store) upsertSynthetic(ctx context.Context, table, id, updated string, fields map[string]string) error {
	if v, ok := fields["roles"]; ok && table == XPeople {
		if _, err := s.exec(ctx, `DELETE FROM person_roles WHERE person_id = ?`, id); err != nil {
			return err
		}
		for _, r := range splitList(v) {
			if !Role(r).Valid() {
				return fmt.Errorf("unknown role %q", r)
			}
			if _, err := s.exec(ctx, `INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, ?)`, id, r); err != nil {
				return err
			}
		}
	}
	if v, ok := fields["days"]; ok && table == XOffers {
		ds, err := ParseExchangeDays(v)
		if err != nil {
			return err
		}
		rows := make([]blockRow, len(ds))
		for i, d := range ds {
			// A file says everything about a block: no teams_max is one team,
			// no role models is none. People the database does not have are
			// left out, as an optional reference is.
			models := []string{}
			for _, pid := range d.RoleModels {
				var n int
				if err := s.q.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE id = ?`, pid).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					models = append(models, pid)
				}
			}
			rows[i] = blockRow{ID: d.ID, Date: d.Date, Start: d.Start, End: d.End, Break: d.Break, Activities: d.Activities,
				TeamsMax: max(d.TeamsMax, 1), RoleModels: models}
		}
		if err := s.replaceBlocks(ctx, id, rows, updated, false); err != nil {
			return err
		}
	}
	if v, ok := fields["role_models"]; ok && table == XOffers {
		if _, err := s.exec(ctx, `DELETE FROM offer_role_models WHERE offer_id = ?`, id); err != nil {
			return err
		}
		for i, pid := range splitList(v) {
			if _, err := s.exec(ctx, `INSERT OR IGNORE INTO offer_role_models (offer_id, person_id, position) VALUES (?,?,?)`,
				id, pid, i); err != nil {
				return err
			}
		}
	}
	if table == XOffers {
		// As SaveOffer does: the people pupils meet are role models (a
		// host form coming back in a file, review).
		return s.markRoleModels(ctx, id)
	}
	return nil
}

// upsertChoices replaces one pupil's choices (and, when given, friends) in
// one period.
func (s *Store) upsertChoices(ctx context.Context, r ExchangeRow) error {
	pupil, period, ok := SplitChoiceKey(r.ID)
	if !ok {
		return fmt.Errorf("exchange: bad choices key %q", r.ID)
	}
	now := r.UpdatedAt
	if now == "" {
		now = formatTS(s.now())
	}
	if v, ok := r.Fields["offers"]; ok {
		offers := splitList(v)
		if len(offers) > MaxChoices {
			return fmt.Errorf("at most %d choices, got %d", MaxChoices, len(offers))
		}
		if _, err := s.exec(ctx, `DELETE FROM preferences WHERE pupil_id = ? AND period_id = ?`, pupil, period); err != nil {
			return err
		}
		for i, oid := range offers {
			if _, err := s.exec(ctx, `INSERT INTO preferences (id, pupil_id, period_id, offer_id, rank, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?)`, s.newID(), pupil, period, oid, i+1, now, now); err != nil {
				return err
			}
		}
	}
	if v, ok := r.Fields["friends"]; ok {
		if _, err := s.exec(ctx, `DELETE FROM friend_pairs WHERE period_id = ? AND (pupil_a = ? OR pupil_b = ?)`,
			period, pupil, pupil); err != nil {
			return err
		}
		for _, f := range splitList(v) {
			if f == pupil {
				continue
			}
			a, b := pupil, f
			if b < a {
				a, b = b, a
			}
			if _, err := s.exec(ctx, `INSERT OR IGNORE INTO friend_pairs (id, period_id, pupil_a, pupil_b, created_at, updated_at)
				VALUES (?,?,?,?,?,?)`, s.newID(), period, a, b, now, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExchangeIDs reads the keys of the rows of table whose column by holds one
// of values (deleted rows included). It selects scopes cheaply: a school's
// pupils, a period's offers.
func (s *Store) ExchangeIDs(ctx context.Context, table, by string, values []string) ([]string, error) {
	t, ok := ExchangeTableOf(table)
	if !ok || table == XChoices {
		return nil, fmt.Errorf("exchange: cannot list keys of %q", table)
	}
	if ref, ok := t.Refs[by]; by != "id" && (!ok || ref.List || syntheticFields[by]) {
		return nil, fmt.Errorf("exchange: cannot select %s by %q", table, by)
	}
	if by == "id" {
		by = t.keyColumn()
	}
	var out []string
	for start := 0; start < len(values); start += chunk {
		part := values[start:min(start+chunk, len(values))]
		rows, err := s.q.QueryContext(ctx, "SELECT "+t.keyColumn()+" FROM "+table+" WHERE "+by+" IN ("+placeholders(len(part))+")", anys(part)...)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// ContentChecksum is a SHA-256 over every row of every table, in key order:
// equal checksums mean equal content. Tests use it to show that a refused
// import changed nothing.
func (s *Store) ContentChecksum(ctx context.Context) (string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return "", err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return "", err
		}
		tables = append(tables, n)
	}
	rows.Close()
	h := sha256.New()
	for _, t := range tables {
		fmt.Fprintf(h, "table %s\n", t)
		probe, err := s.q.QueryContext(ctx, `SELECT * FROM "`+t+`" LIMIT 0`)
		if err != nil {
			return "", err
		}
		cols, _ := probe.Columns()
		probe.Close()
		order := make([]string, len(cols))
		for i := range cols {
			order[i] = fmt.Sprint(i + 1)
		}
		rs, err := s.q.QueryContext(ctx, `SELECT * FROM "`+t+`" ORDER BY `+strings.Join(order, ", "))
		if err != nil {
			return "", err
		}
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		for rs.Next() {
			if err := rs.Scan(dest...); err != nil {
				rs.Close()
				return "", err
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%t:%q,", v.Valid, v.String)
			}
			h.Write([]byte{'\n'})
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// LaptopID is this database's own id in exchange version vectors: a short
// random hex string written once, by the migration that introduced them.
func (s *Store) LaptopID(ctx context.Context) (string, error) {
	id, err := s.Meta(ctx, "laptop_id")
	if err == nil && id == "" {
		err = errors.New("this database has no laptop id")
	}
	return id, err
}

// ExchangeVersions reads the stored version state (JSON, see package
// data/exchange) of the rows of table with the given keys; a row never
// exchanged has none.
func (s *Store) ExchangeVersions(ctx context.Context, table string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		rows, err := s.q.QueryContext(ctx, "SELECT row_id, state FROM exchange_versions WHERE table_name = ? AND row_id IN ("+
			placeholders(len(part))+")", append([]any{table}, anys(part)...)...)
		if err != nil {
			return nil, fmt.Errorf("read exchange versions: %w", err)
		}
		for rows.Next() {
			var id, st string
			if err := rows.Scan(&id, &st); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetExchangeVersions stores the version state of one row. Use it inside InTx.
func (s *Store) SetExchangeVersions(ctx context.Context, table, id, state string) error {
	_, err := s.exec(ctx, `INSERT INTO exchange_versions (table_name, row_id, state) VALUES (?, ?, ?)
		ON CONFLICT (table_name, row_id) DO UPDATE SET state = excluded.state`, table, id, state)
	return translate("save exchange versions", err)
}

// hostLaptopKey marks this database as the host's own laptop for one company.
func hostLaptopKey(orgID string) string { return "xhost/" + orgID }

// IsHostLaptop reports whether this database is the host's own copy of the
// company orgID: it has read a host form the coordinator wrote for the
// company (SetHostLaptop). On such a laptop the host may not approve its
// own offers.
func (s *Store) IsHostLaptop(ctx context.Context, orgID string) (bool, error) {
	v, err := s.Meta(ctx, hostLaptopKey(orgID))
	return v == "1", err
}

// HoldsOnlyOrganisation reports whether orgID, a company, is the only live
// organisation in this database: HR's laptop where the form was filled in
// from scratch, before any file came from the coordinator.
func (s *Store) HoldsOnlyOrganisation(ctx context.Context, orgID string) (bool, error) {
	var others, own int
	err := s.q.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE id <> ?), count(*) FILTER (WHERE id = ? AND kind <> 'school')
		FROM organisations WHERE deleted_at IS NULL`, orgID, orgID).Scan(&others, &own)
	if err != nil {
		return false, fmt.Errorf("read organisations: %w", err)
	}
	return others == 0 && own == 1, nil
}

// SetHostLaptop marks this database as the host's own laptop for orgID.
func (s *Store) SetHostLaptop(ctx context.Context, orgID string) error {
	return s.SetMeta(ctx, hostLaptopKey(orgID), "1")
}

// exchangeNames are the name fields of the exchange tables that carry
// people: cleaned of direction overrides and zero-width characters.
var exchangeNames = map[string][]string{
	XPupils: {"first_name", "last_name", "class_name", "guardian_name"},
	XPeople: {"first_name", "last_name"},
}

// checkExchangePrivacy cleans the names of a pupil's or a person's row from
// another laptop and refuses a row of any table when its text holds a
// personnummer: no file can write one into the database.
func checkExchangePrivacy(table, id string, fields map[string]string) error {
	for _, f := range exchangeNames[table] {
		if v, ok := fields[f]; ok {
			fields[f] = CleanName(v)
		}
	}
	v := validator{entity: table}
	t, _ := ExchangeTableOf(table)
	keys := make([]string, 0, len(fields))
	for f := range fields {
		// Keys of other rows are not text; a sole trader's organisation
		// number is their personnummer, public in the business register
		// and needed for the agreement.
		if _, ref := t.Refs[f]; !ref && !(table == XOrganisations && f == "org_number") {
			keys = append(keys, f)
		}
	}
	sort.Strings(keys)
	for _, f := range keys {
		v.noPersonnummer([2]string{f, fields[f]})
	}
	if err := v.err(); err != nil {
		return fmt.Errorf("import %s %s: %w", table, id, err)
	}
	return nil
}
