package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

const offerColumns = `id, host_id, period_id, title, description, capacity, visiting_address, coalesce(supervisor_id, ''),
	min_age, what_to_bring, travel_info, lunch_info, safety_risk_assessment, safety_protective_gear, safety_introduction,
	safety_supervisor_adult, safety_emergency_routine, status, created_at, updated_at`

// Validate checks the fields an offer needs to be stored at all (a draft may
// be incomplete; see ApprovalProblems for what approval needs).
func (o Offer) Validate() error {
	v := validator{entity: "offer"}
	v.required("host", o.HostID)
	v.required("period", o.PeriodID)
	v.required("title", o.Title)
	v.text("title", o.Title, 200)
	v.text("description", o.Description, 20000)
	if o.Capacity < 0 || o.Capacity > 1000 {
		v.add("capacity", "err.capacity", "Antalet platser måste vara mellan 0 och 1000.", "capacity must be 0..1000")
	}
	if o.MinAge < 0 || o.MinAge > 18 {
		v.add("min_age", "err.min_age", "Lägsta ålder måste vara mellan 0 och 18.", "minimum age must be 0..18")
	}
	if o.Status != "" && !o.Status.Valid() {
		v.add("status", "err.status", "Okänd status.", "unknown status "+string(o.Status))
	}
	ids := map[string]bool{}
	for i, d := range o.Days {
		field := fmt.Sprintf("days[%d]", i)
		if d.Date.IsZero() {
			v.add(field, "err.required", "Dagen saknar datum.", "day has no date")
			continue
		}
		// Several blocks on one day are fine (a week's host may take a team
		// in the morning and another in the afternoon); the same day twice,
		// or two blocks that overlap, are not.
		for j := 0; j < i; j++ {
			e := o.Days[j]
			if !e.Date.Equal(d.Date) {
				continue
			}
			if e.Start == d.Start {
				v.add(field, "err.duplicate_day", "Samma datum finns två gånger.", "the same date twice")
				break
			}
			if d.Start < e.End && e.Start < d.End {
				v.addData(field, "err.blocks_overlap", "Blocket {{.Date}} {{.Start}}–{{.End}} överlappar ett annat block samma dag.",
					"two blocks on the same day overlap", map[string]string{"Date": FormatDate(d.Date), "Start": d.Start.String(), "End": d.End.String()})
				break
			}
		}
		if d.ID != "" {
			if ids[d.ID] {
				v.add(field, "err.duplicate_block", "Samma block finns två gånger.", "the same block twice")
			}
			ids[d.ID] = true
		}
		if d.Start < 0 || d.Start >= 24*60 || d.End < 0 || d.End >= 24*60 {
			v.add(field, "err.time", "Tiden måste vara mellan 00:00 och 23:59.", "time out of range")
		}
		if d.BreakMinutes < 0 || d.BreakMinutes > 600 {
			v.add(field, "err.break", "Rasten måste vara mellan 0 och 600 minuter.", "break must be 0..600 minutes")
		}
		if d.TeamsMax < 0 || d.TeamsMax > 50 {
			v.add(field, "err.teams_max", "Antalet team per block måste vara mellan 1 och 50.", "teams_max must be 1..50")
		}
	}
	return v.err()
}

// ApprovalProblems lists why an offer cannot be approved: every broken
// working-time rule and every required field that is empty. Empty means it
// may be approved.
func ApprovalProblems(o Offer, p *Period) (violations []Violation, missing []FieldError) {
	violations = CheckProgramme(o, p)
	v := validator{entity: "offer"}
	v.required("title", o.Title)
	v.required("visiting_address", o.VisitingAddress)
	v.required("supervisor", o.SupervisorID)
	// A week's host takes teams, counted per block (TeamsMax); its seats
	// are not asked for, so they cannot hold up the approval (review).
	if o.Capacity < 1 && (p == nil || p.Format != FormatWeek) {
		v.add("capacity", "err.capacity_zero", "Minst en plats behövs.", "at least one seat is needed")
	}
	if len(o.Days) == 0 {
		v.add("days", "err.no_days", "Lägg till minst en dag.", "at least one day is needed")
	}
	s := o.Safety
	for _, c := range []struct {
		ok    bool
		field string
		sv    string
	}{
		{s.RiskAssessment, "safety_risk_assessment", "Riskbedömningen är inte gjord."},
		{s.ProtectiveGear, "safety_protective_gear", "Skyddsutrustning ska finnas utan kostnad."},
		{s.Introduction, "safety_introduction", "En introduktion ska vara planerad."},
		{s.EmergencyRoutine, "safety_emergency_routine", "Eleven ska få veta nödrutinen."},
	} {
		if !c.ok {
			v.add(c.field, "err."+c.field, c.sv, c.field+" not confirmed")
		}
	}
	return violations, v.errs
}

// SaveOffer inserts o (when o.ID is empty) or updates it, with its days and
// role models. Saving an offer whose programme breaks a rule as approved is
// refused; drafts may break rules (the host form shows the warnings).
func (s *Store) SaveOffer(ctx context.Context, o *Offer) error {
	o.Title = strings.TrimSpace(o.Title)
	if o.Status == "" {
		o.Status = OfferDraft
	}
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Status == OfferApproved {
		if err := s.checkApprovable(ctx, *o); err != nil {
			return err
		}
	}
	id, created, updated := o.ID, o.CreatedAt, o.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	sf := o.Safety
	err := s.InTx(ctx, func(tx *Store) error {
		args := []any{o.HostID, o.PeriodID, o.Title, o.Description, o.Capacity, o.VisitingAddress, nullable(o.SupervisorID),
			o.MinAge, o.WhatToBring, o.TravelInfo, o.LunchInfo, boolInt(sf.RiskAssessment), boolInt(sf.ProtectiveGear),
			boolInt(sf.Introduction), boolInt(sf.SupervisorAdult), boolInt(sf.EmergencyRoutine), string(o.Status), formatTS(updated)}
		if insert {
			if _, err := tx.exec(ctx, `INSERT INTO offers (host_id, period_id, title, description, capacity, visiting_address,
				supervisor_id, min_age, what_to_bring, travel_info, lunch_info, safety_risk_assessment, safety_protective_gear,
				safety_introduction, safety_supervisor_adult, safety_emergency_routine, status, updated_at, id, created_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...); err != nil {
				return err
			}
		} else {
			res, err := tx.exec(ctx, `UPDATE offers SET host_id=?, period_id=?, title=?, description=?, capacity=?,
				visiting_address=?, supervisor_id=?, min_age=?, what_to_bring=?, travel_info=?, lunch_info=?,
				safety_risk_assessment=?, safety_protective_gear=?, safety_introduction=?, safety_supervisor_adult=?,
				safety_emergency_routine=?, status=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
			if err != nil {
				return err
			}
			if err := checkUpdated("save offer", res); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM offer_role_models WHERE offer_id = ?`, id); err != nil {
				return err
			}
		}
		days := make([]blockRow, len(o.Days))
		for i, d := range o.Days {
			days[i] = blockRow{ID: d.ID, Date: FormatDate(d.Date), Start: d.Start.String(), End: d.End.String(),
				Break: d.BreakMinutes, Activities: d.Activities, TeamsMax: d.TeamsMax, RoleModels: d.RoleModelIDs}
		}
		if err := tx.replaceBlocks(ctx, id, days, formatTS(updated), insert); err != nil {
			return err
		}
		for i := range o.Days {
			o.Days[i].ID, o.Days[i].TeamsMax, o.Days[i].RoleModelIDs = days[i].ID, days[i].TeamsMax, days[i].RoleModels
		}
		for i, pid := range o.RoleModelIDs {
			if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO offer_role_models (offer_id, person_id, position) VALUES (?,?,?)`,
				id, pid, i); err != nil {
				return err
			}
		}
		return tx.markRoleModels(ctx, id)
	})
	if err != nil {
		return translate("save offer "+o.Title, err)
	}
	o.ID, o.CreatedAt, o.UpdatedAt = id, created, updated
	sortDays(o.Days)
	return nil
}

// ApprovalError says why an offer cannot be approved.
type ApprovalError struct {
	Violations []Violation
	Missing    []FieldError
}

func (e *ApprovalError) Error() string {
	var parts []string
	for _, v := range e.Violations {
		parts = append(parts, v.Error())
	}
	for _, f := range e.Missing {
		parts = append(parts, f.Error())
	}
	return "cannot approve: " + strings.Join(parts, "; ")
}

func (s *Store) checkApprovable(ctx context.Context, o Offer) error {
	var per *Period
	if p, err := s.GetPeriod(ctx, o.PeriodID); err == nil {
		per = &p
	}
	vs, missing := ApprovalProblems(o, per)
	if len(vs) > 0 || len(missing) > 0 {
		return &ApprovalError{Violations: vs, Missing: missing}
	}
	return nil
}

// SetOfferStatus moves an offer to draft, submitted or approved; approval is
// refused with an *ApprovalError while a rule is broken or a field is empty.
func (s *Store) SetOfferStatus(ctx context.Context, id string, st OfferStatus) error {
	if !st.Valid() {
		return &ValidationError{Fields: []FieldError{{Entity: "offer", Field: "status", Key: "err.status", Text: "Okänd status.", Reason: "unknown status"}}}
	}
	o, err := s.GetOffer(ctx, id)
	if err != nil {
		return err
	}
	if st == OfferApproved {
		if err := s.checkApprovable(ctx, o); err != nil {
			return err
		}
	}
	res, err := s.exec(ctx, `UPDATE offers SET status = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		string(st), formatTS(s.now()), id)
	if err != nil {
		return translate("set offer status", err)
	}
	return checkUpdated("set offer status", res)
}

func sortDays(ds []OfferDay) {
	sort.SliceStable(ds, func(i, j int) bool {
		if !ds[i].Date.Equal(ds[j].Date) {
			return ds[i].Date.Before(ds[j].Date)
		}
		return ds[i].Start < ds[j].Start
	})
}

// blockRow is one offer_days row as SaveOffer and exchange imports write it.
type blockRow struct {
	ID, Date, Start, End string
	Break                int
	Activities           string
	TeamsMax             int      // 0 keeps the stored value (1 for a new block)
	RoleModels           []string // nil keeps the stored ones
}

// blockExists reports whether any offer has a block with that key.
func (s *Store) blockExists(ctx context.Context, id string) bool {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT count(*) FROM offer_days WHERE id = ?`, id).Scan(&n); err != nil {
		return true // then a fresh key is the safe choice
	}
	return n > 0
}

// replaceBlocks makes an offer's offer_days rows exactly days, keeping the
// key of every block that stays (by its ID, else by date and start time):
// teams' routes, attendance and feedback refer to it. Blocks that go are
// deleted (routes through them with them); one that has attendance or
// feedback cannot go, and the save fails with ErrReferenced. days gets the
// keys, teams_max and role models as stored.
func (s *Store) replaceBlocks(ctx context.Context, offerID string, days []blockRow, now string, fresh bool) error {
	type stored struct {
		id          string
		date, start string
		teamsMax    int
		models      []string
	}
	byID, byStart := map[string]stored{}, map[string]stored{}
	if !fresh {
		rows, err := s.q.QueryContext(ctx, `SELECT d.id, d.date, d.start_time, d.teams_max,
			coalesce((SELECT group_concat(person_id) FROM (SELECT person_id FROM offer_day_role_models r
			WHERE r.offer_day_id = d.id ORDER BY r.position)), '') FROM offer_days d WHERE d.offer_id = ?`, offerID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var st stored
			var date, start, models string
			if err := rows.Scan(&st.id, &date, &start, &st.teamsMax, &models); err != nil {
				rows.Close()
				return err
			}
			st.models = splitList(models)
			st.date, st.start = date, start
			byID[st.id], byStart[date+" "+start] = st, st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	keep := map[string]bool{}
	for i := range days {
		d := &days[i]
		st, ok := byID[d.ID]
		if !ok {
			if st, ok = byStart[d.Date+" "+d.Start]; ok && keep[st.id] {
				ok = false
			}
		}
		if ok {
			d.ID = st.id
			keep[st.id] = true
			if d.TeamsMax <= 0 {
				d.TeamsMax = st.teamsMax
			}
			if d.RoleModels == nil {
				d.RoleModels = st.models
			}
		} else if d.ID == "" || s.blockExists(ctx, d.ID) {
			d.ID = s.newID() // a new block, or one copied from another offer
		}
		if d.TeamsMax <= 0 {
			d.TeamsMax = 1
		}
	}
	// Delete the blocks that go first, then move the kept ones out of the
	// way of the UNIQUE (offer, date, start) before writing the new times.
	for id, st := range byID {
		if !keep[id] {
			// A block that pupils attended or gave feedback on cannot go: say
			// which one, in words (the foreign key would only say "in use").
			var used int
			if err := s.q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM block_attendance WHERE offer_day_id = ?1)
				+ (SELECT count(*) FROM block_feedback WHERE offer_day_id = ?1 AND deleted_at IS NULL)`, id).Scan(&used); err != nil {
				return err
			}
			if used > 0 {
				ve := &ValidationError{Fields: []FieldError{{Entity: "offer", Field: "days", Key: "err.block_in_use",
					Text:   "Blocket {{.Date}} {{.Start}} har registrerad närvaro eller återkoppling och kan inte tas bort. Ändra tiden i stället.",
					Data:   map[string]string{"Date": st.date, "Start": st.start},
					Reason: "the block on " + st.date + " " + st.start + " has attendance or feedback and cannot be removed"}}}
				return fmt.Errorf("%w: %w", ve, ErrReferenced)
			}
			if _, err := s.exec(ctx, `DELETE FROM offer_days WHERE id = ?`, id); err != nil {
				return err
			}
		}
	}
	for i, d := range days {
		if keep[d.ID] {
			if _, err := s.exec(ctx, `UPDATE offer_days SET start_time = '00:00', date = date('0001-01-01', '+'||?||' days')
				WHERE id = ?`, i, d.ID); err != nil {
				return err
			}
		}
	}
	for _, d := range days {
		var err error
		if keep[d.ID] {
			_, err = s.exec(ctx, `UPDATE offer_days SET date=?, start_time=?, end_time=?, break_minutes=?, activities=?, teams_max=?,
				updated_at=? WHERE id=?`, d.Date, d.Start, d.End, d.Break, d.Activities, d.TeamsMax, now, d.ID)
		} else {
			_, err = s.exec(ctx, `INSERT INTO offer_days (id, offer_id, date, start_time, end_time, break_minutes, activities,
				teams_max, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, d.ID, offerID, d.Date, d.Start, d.End, d.Break,
				d.Activities, d.TeamsMax, now, now)
		}
		if err != nil {
			return err
		}
		if keep[d.ID] {
			if _, err := s.exec(ctx, `DELETE FROM offer_day_role_models WHERE offer_day_id = ?`, d.ID); err != nil {
				return err
			}
		}
		for i, pid := range d.RoleModels {
			if _, err := s.exec(ctx, `INSERT OR IGNORE INTO offer_day_role_models (offer_day_id, person_id, position) VALUES (?,?,?)`,
				d.ID, pid, i); err != nil {
				return err
			}
		}
	}
	return nil
}

// OfferFilter narrows ListOffers; zero fields match everything.
type OfferFilter struct {
	PeriodID string
	HostID   string
	Status   OfferStatus
}

// ListOffers returns live offers with their days and role models, sorted by
// period and title.
//
// Only the conditions that filter are written, so that SQLite can search
// the indexes offers_period and offers_host ("? = ” OR period_id = ?"
// would make it scan every offer).
func (s *Store) ListOffers(ctx context.Context, f OfferFilter) ([]Offer, error) {
	where, args := offersWhere(f)
	return s.listOffers(ctx, where, args...)
}

// offersWhere is ListOffers' extra WHERE conditions, each with " AND ".
func offersWhere(f OfferFilter) (string, []any) {
	var where string
	var args []any
	for _, c := range []struct{ col, val string }{{"period_id", f.PeriodID}, {"host_id", f.HostID}, {"status", string(f.Status)}} {
		if c.val != "" {
			where += " AND " + c.col + " = ?"
			args = append(args, c.val)
		}
	}
	return where, args
}

// GetOffer returns the live offer with that id.
func (s *Store) GetOffer(ctx context.Context, id string) (Offer, error) {
	os, err := s.listOffers(ctx, "AND id = ?", id)
	if err != nil {
		return Offer{}, err
	}
	if len(os) == 0 {
		return Offer{}, fmt.Errorf("offer %s: %w", id, ErrNotFound)
	}
	return os[0], nil
}

func (s *Store) listOffers(ctx context.Context, where string, args ...any) ([]Offer, error) {
	rows, err := s.q.QueryContext(ctx, "SELECT "+offerColumns+" FROM offers WHERE deleted_at IS NULL "+where+
		" ORDER BY period_id, title COLLATE NOCASE, id", args...)
	if err != nil {
		return nil, fmt.Errorf("list offers: %w", err)
	}
	n := s.countHint(ctx, "SELECT count(*) FROM offers WHERE deleted_at IS NULL "+where, args...)
	out := make([]Offer, 0, n)
	index := make(map[string]int, n)
	for rows.Next() {
		var o Offer
		var status, created, updated string
		var sf [5]int
		if err := rows.Scan(&o.ID, &o.HostID, &o.PeriodID, &o.Title, &o.Description, &o.Capacity, &o.VisitingAddress,
			&o.SupervisorID, &o.MinAge, &o.WhatToBring, &o.TravelInfo, &o.LunchInfo, &sf[0], &sf[1], &sf[2], &sf[3], &sf[4],
			&status, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list offers: %w", err)
		}
		o.Safety = Safety{sf[0] == 1, sf[1] == 1, sf[2] == 1, sf[3] == 1, sf[4] == 1}
		o.Status, o.CreatedAt, o.UpdatedAt = OfferStatus(status), parseTS(created), parseTS(updated)
		index[o.ID] = len(out)
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil // as before: no rows gives nil
	}
	// Days and role models of every listed offer in three queries, not 3n.
	// A block's role models are read by a query of their own: a correlated
	// group_concat per block cost more than the rest of the days' query at
	// 8,000 offers, and most blocks have none.
	days, err := s.q.QueryContext(ctx, `SELECT d.offer_id, d.id, d.date, d.start_time, d.end_time, d.break_minutes, d.activities,
		d.teams_max FROM offer_days d WHERE d.offer_id IN (SELECT id FROM offers WHERE deleted_at IS NULL `+where+`)
		ORDER BY d.offer_id, d.date, d.start_time`, args...)
	if err != nil {
		return nil, fmt.Errorf("list offer days: %w", err)
	}
	// The days come offer by offer: they are read into one array, and each
	// offer gets its run of it (capped, so that appending to one offer's
	// days copies them instead of overwriting the next offer's).
	var all []OfferDay
	var owner []int                 // the index in out of each run's offer
	var runs []int                  // where each run starts in all
	dates := map[string]time.Time{} // a listing has few dates; parse each once
	last := ""
	for days.Next() {
		var oid, date, start, end string
		var d OfferDay
		if err := days.Scan(&oid, &d.ID, &date, &start, &end, &d.BreakMinutes, &d.Activities, &d.TeamsMax); err != nil {
			days.Close()
			return nil, fmt.Errorf("list offer days: %w", err)
		}
		i, ok := index[oid]
		if !ok {
			continue
		}
		t, ok := dates[date]
		if !ok {
			t = mustDate(date)
			dates[date] = t
		}
		d.Date = t
		d.Start, _ = ParseClock(start)
		d.End, _ = ParseClock(end)
		if oid != last || len(runs) == 0 {
			owner, runs, last = append(owner, i), append(runs, len(all)), oid
		}
		all = append(all, d)
	}
	days.Close()
	if err := days.Err(); err != nil {
		return nil, err
	}
	for k, i := range owner {
		end := len(all)
		if k+1 < len(runs) {
			end = runs[k+1]
		}
		out[i].Days = all[runs[k]:end:end]
	}
	if err := s.listBlockRoleModels(ctx, out, where, args); err != nil {
		return nil, err
	}
	rms, err := s.q.QueryContext(ctx, `SELECT r.offer_id, r.person_id FROM offer_role_models r
		WHERE r.offer_id IN (SELECT id FROM offers WHERE deleted_at IS NULL `+where+`) ORDER BY r.offer_id, r.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("list role models: %w", err)
	}
	defer rms.Close()
	for rms.Next() {
		var oid, pid string
		if err := rms.Scan(&oid, &pid); err != nil {
			return nil, fmt.Errorf("list role models: %w", err)
		}
		if i, ok := index[oid]; ok {
			out[i].RoleModelIDs = append(out[i].RoleModelIDs, pid)
		}
	}
	return out, rms.Err()
}

// listBlockRoleModels fills in the role models of the listed offers'
// blocks (the days listOffers read), in their order.
func (s *Store) listBlockRoleModels(ctx context.Context, out []Offer, where string, args []any) error {
	rows, err := s.q.QueryContext(ctx, `SELECT r.offer_day_id, r.person_id FROM offer_day_role_models r
		JOIN offer_days d ON d.id = r.offer_day_id
		WHERE d.offer_id IN (SELECT id FROM offers WHERE deleted_at IS NULL `+where+`) ORDER BY r.offer_day_id, r.position`, args...)
	if err != nil {
		return fmt.Errorf("list role models of blocks: %w", err)
	}
	defer rows.Close()
	var blocks map[string]*OfferDay // made at the first role model: most listings have none
	for rows.Next() {
		var did, pid string
		if err := rows.Scan(&did, &pid); err != nil {
			return fmt.Errorf("list role models of blocks: %w", err)
		}
		if blocks == nil {
			blocks = map[string]*OfferDay{}
			for i := range out {
				for k := range out[i].Days {
					blocks[out[i].Days[k].ID] = &out[i].Days[k]
				}
			}
		}
		if d, ok := blocks[did]; ok {
			d.RoleModelIDs = append(d.RoleModelIDs, pid)
		}
	}
	return rows.Err()
}

// DeleteOffer moves an offer to the bin.
func (s *Store) DeleteOffer(ctx context.Context, id string) error {
	return s.softDelete(ctx, "offers", id)
}

// OfferUse is what hangs on an offer: its live placements and the days of
// attendance recorded at it.
type OfferUse struct {
	Placed, AttendanceDays int
}

// OfferUse counts what hangs on an offer, for the question before it is
// deleted (found by use: "Ta bort …?" said nothing of the seven pupils
// placed there, with their attendance and certificates).
func (s *Store) OfferUse(ctx context.Context, offerID string) (OfferUse, error) {
	var u OfferUse
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assignments a JOIN pupils p ON p.id = a.pupil_id
			WHERE a.offer_id = ?1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL),
		(SELECT count(*) FROM attendance WHERE offer_id = ?1)`, offerID).Scan(&u.Placed, &u.AttendanceDays)
	if err != nil {
		return OfferUse{}, fmt.Errorf("offer use: %w", err)
	}
	return u, nil
}

// OfferTitles maps every live offer's id to its title, without its days.
func (s *Store) OfferTitles(ctx context.Context) (map[string]string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, title FROM offers WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("list offers: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, fmt.Errorf("list offers: %w", err)
		}
		out[id] = title
	}
	return out, rows.Err()
}

// markRoleModels gives everyone the pupils meet at an offer, or at one of
// its blocks, the role of role model: a förebild is a person pupils meet
// (DESIGN). Found by use: a host's engineer ticked as someone the pupils
// meet was not counted among Översikt's Förebilder.
func (s *Store) markRoleModels(ctx context.Context, offerID string) error {
	_, err := s.exec(ctx, `INSERT OR IGNORE INTO person_roles (person_id, role)
		SELECT person_id, 'role_model' FROM offer_role_models WHERE offer_id = ?1
		UNION SELECT r.person_id, 'role_model' FROM offer_day_role_models r JOIN offer_days d ON d.id = r.offer_day_id
			WHERE d.offer_id = ?1`, offerID)
	return err
}
