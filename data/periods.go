package data

import (
	"context"
	"fmt"
	"strings"
)

const periodColumns = `id, name, grade, start_date, end_date, status, notes, format, team_min, team_max, mix_rule,
	mix_weight, team_mode, friends_together, travel_minutes, coalesce(closing_event_id, ''), created_at, updated_at`

// Held says whether the period is over in the app's eyes (genomförd or
// arkiverad): its placements or plan are kept, since its attendance,
// certificates and feedback hang on them.
func (p Period) Held() bool { return p.Status == PeriodDone || p.Status == PeriodArchived }

// Validate checks a period before it is saved.
func (p Period) Validate() error {
	v := validator{entity: "period"}
	v.required("name", p.Name)
	v.text("name", p.Name, 100)
	if p.Grade != 8 && p.Grade != 9 {
		v.add("grade", "err.grade", "Årskursen måste vara 8 eller 9.", "grade must be 8 or 9")
	}
	if p.Start.IsZero() {
		v.add("start", "err.required", "Måste fyllas i.", "required")
	}
	if p.End.IsZero() {
		v.add("end", "err.required", "Måste fyllas i.", "required")
	}
	if !p.Start.IsZero() && !p.End.IsZero() {
		if p.End.Before(p.Start) {
			v.add("end", "err.end_before_start", "Slutdatumet ligger före startdatumet.", "end date is before the start date")
		} else if p.End.Sub(p.Start).Hours() > 24*366 {
			v.add("end", "err.period_too_long", "En praoperiod kan inte vara längre än ett år.", "a period cannot be longer than a year")
		}
	}
	if p.Status != "" && !p.Status.Valid() {
		v.add("status", "err.status", "Okänd status.", "unknown status "+string(p.Status))
	}
	if p.Format != "" && !p.Format.Valid() {
		v.add("format", "err.period_format", "Formatet måste vara klassisk prao eller teknikpraovecka.", "format must be classic or week")
	}
	if p.Week != (WeekSettings{}) { // all zero is filled with the defaults on save
		p.Week.validate(&v)
	}
	return v.err()
}

// validate adds the errors of a week's settings to v.
func (w WeekSettings) validate(v *validator) {
	if w.TeamMin < 1 {
		v.add("team_min", "err.team_min", "Ett team måste ha minst 1 elev.", "team_min must be at least 1")
	}
	if w.TeamMax < w.TeamMin || w.TeamMax > 12 {
		v.add("team_max", "err.team_max", "Största teamstorleken måste vara mellan minsta teamstorleken och 12.",
			"team_max must be between team_min and 12")
	}
	if w.MixWeight < 0 || w.MixWeight > 1000 {
		v.add("mix_weight", "err.mix_weight", "Vikten måste vara mellan 0 och 1000.", "mix_weight must be 0..1000")
	}
	if w.TeamMode != "" && !w.TeamMode.Valid() {
		v.add("team_mode", "err.team_mode", "Välj ingen preferens, håll ihop klassen eller blanda skolor.",
			"team_mode must be any, class or mix_schools")
	}
	if w.TravelMinutes < 0 || w.TravelMinutes > 240 {
		v.add("travel_minutes", "err.travel_minutes", "Restiden måste vara mellan 0 och 240 minuter.",
			"travel_minutes must be 0..240")
	}
}

// fillDefaults gives a period without format or week settings the
// network's defaults, so that code written before the week keeps working.
func (p *Period) fillDefaults() {
	if p.Status == "" {
		p.Status = PeriodPlanning
	}
	if p.Format == "" {
		p.Format = FormatClassic
	}
	if p.Week == (WeekSettings{}) {
		p.Week = DefaultWeekSettings()
	}
	if p.Week.TeamMode == "" {
		p.Week.TeamMode = TeamModeAny
	}
}

// SavePeriod inserts p (when p.ID is empty) or updates it, schools included.
func (s *Store) SavePeriod(ctx context.Context, p *Period) error {
	p.Name = strings.TrimSpace(p.Name)
	p.fillDefaults()
	if err := p.Validate(); err != nil {
		return err
	}
	id, created, updated := p.ID, p.CreatedAt, p.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	err := s.InTx(ctx, func(tx *Store) error {
		w := p.Week
		args := []any{p.Name, p.Grade, FormatDate(p.Start), FormatDate(p.End), string(p.Status), p.Notes, string(p.Format),
			w.TeamMin, w.TeamMax, boolInt(w.MixRule), w.MixWeight, string(w.TeamMode), boolInt(w.FriendsTogether),
			w.TravelMinutes, nullable(p.ClosingEventID), formatTS(updated)}
		if insert {
			if _, err := tx.exec(ctx, `INSERT INTO periods (name, grade, start_date, end_date, status, notes, format, team_min,
				team_max, mix_rule, mix_weight, team_mode, friends_together, travel_minutes, closing_event_id, updated_at, id,
				created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...); err != nil {
				return err
			}
		} else {
			res, err := tx.exec(ctx, `UPDATE periods SET name=?, grade=?, start_date=?, end_date=?, status=?, notes=?, format=?,
				team_min=?, team_max=?, mix_rule=?, mix_weight=?, team_mode=?, friends_together=?, travel_minutes=?,
				closing_event_id=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
			if err != nil {
				return err
			}
			if err := checkUpdated("save period", res); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM period_schools WHERE period_id = ?`, id); err != nil {
				return err
			}
		}
		for _, sid := range p.SchoolIDs {
			if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO period_schools (period_id, school_id) VALUES (?, ?)`, id, sid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return translate("save period "+p.Name, err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, created, updated
	return nil
}

// SetPeriodStatus moves a period to another status.
func (s *Store) SetPeriodStatus(ctx context.Context, id string, st PeriodStatus) error {
	if !st.Valid() {
		return &ValidationError{Fields: []FieldError{{Entity: "period", Field: "status", Key: "err.status", Text: "Okänd status.", Reason: "unknown status"}}}
	}
	res, err := s.exec(ctx, `UPDATE periods SET status = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		string(st), formatTS(s.now()), id)
	if err != nil {
		return translate("set period status", err)
	}
	return checkUpdated("set period status", res)
}

func (s *Store) scanPeriods(ctx context.Context, where string, args ...any) ([]Period, error) {
	rows, err := s.query(ctx, "SELECT "+periodColumns+" FROM periods WHERE deleted_at IS NULL "+where+
		" ORDER BY start_date, name", args...)
	if err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	var out []Period
	for rows.Next() {
		var p Period
		var start, end, status, format, mode, created, updated string
		var mix, friends int
		w := &p.Week
		if err := rows.Scan(&p.ID, &p.Name, &p.Grade, &start, &end, &status, &p.Notes, &format, &w.TeamMin, &w.TeamMax, &mix,
			&w.MixWeight, &mode, &friends, &w.TravelMinutes, &p.ClosingEventID, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list periods: %w", err)
		}
		p.Start, p.End, p.Status, p.CreatedAt, p.UpdatedAt = mustDate(start), mustDate(end), PeriodStatus(status), parseTS(created), parseTS(updated)
		p.Format, w.TeamMode, w.MixRule, w.FriendsTogether = PeriodFormat(format), TeamMode(mode), mix == 1, friends == 1
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// One period (GetPeriod, FindPeriod: every approved offer saved asks)
	// reads its own schools only, through the primary key.
	schoolsQuery, schoolsArgs := `SELECT ps.period_id, ps.school_id FROM period_schools ps
		JOIN organisations o ON o.id = ps.school_id ORDER BY o.name`, []any(nil)
	if len(out) == 1 {
		schoolsQuery, schoolsArgs = `SELECT ps.period_id, ps.school_id FROM period_schools ps
		JOIN organisations o ON o.id = ps.school_id WHERE ps.period_id = ? ORDER BY o.name`, []any{out[0].ID}
	}
	schools, err := s.query(ctx, schoolsQuery, schoolsArgs...)
	if err != nil {
		return nil, fmt.Errorf("list period schools: %w", err)
	}
	defer schools.Close()
	byID := map[string][]string{}
	for schools.Next() {
		var pid, sid string
		if err := schools.Scan(&pid, &sid); err != nil {
			return nil, err
		}
		byID[pid] = append(byID[pid], sid)
	}
	for i := range out {
		out[i].SchoolIDs = byID[out[i].ID]
	}
	return out, schools.Err()
}

// ListPeriods returns the live periods, earliest first.
func (s *Store) ListPeriods(ctx context.Context) ([]Period, error) { return s.scanPeriods(ctx, "") }

// GetPeriod returns the live period with that id.
func (s *Store) GetPeriod(ctx context.Context, id string) (Period, error) {
	ps, err := s.scanPeriods(ctx, "AND id = ?", id)
	if err != nil {
		return Period{}, err
	}
	if len(ps) == 0 {
		return Period{}, fmt.Errorf("period %s: %w", id, ErrNotFound)
	}
	return ps[0], nil
}

// FindPeriod returns the live period with that name.
func (s *Store) FindPeriod(ctx context.Context, name string) (Period, error) {
	ps, err := s.scanPeriods(ctx, "AND name = ?", strings.TrimSpace(name))
	if err != nil {
		return Period{}, err
	}
	if len(ps) == 0 {
		return Period{}, fmt.Errorf("period %q: %w", name, ErrNotFound)
	}
	return ps[0], nil
}

// DeletePeriod moves a period to the bin.
func (s *Store) DeletePeriod(ctx context.Context, id string) error {
	return s.softDelete(ctx, "periods", id)
}
