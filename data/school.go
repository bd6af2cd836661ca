package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// OfferCodes returns the short code of every live offer of a period (offer
// id → code), giving the offers that have none the next free numbers, in
// the order of host name and title. A code is kept once given, so a slip a
// pupil filled in stays right when offers are added or removed later.
func (s *Store) OfferCodes(ctx context.Context, periodID string) (map[string]int, error) {
	out := map[string]int{}
	err := s.InTx(ctx, func(tx *Store) error {
		rows, err := tx.q.QueryContext(ctx, `SELECT o.id, c.code, h.name, o.title FROM offers o
			JOIN organisations h ON h.id = o.host_id
			LEFT JOIN offer_codes c ON c.offer_id = o.id
			WHERE o.period_id = ? AND o.deleted_at IS NULL`, periodID)
		if err != nil {
			return err
		}
		type missing struct{ id, host, title string }
		var need []missing
		for rows.Next() {
			var id, host, title string
			var code sql.NullInt64
			if err := rows.Scan(&id, &code, &host, &title); err != nil {
				rows.Close()
				return err
			}
			if code.Valid {
				out[id] = int(code.Int64)
			} else {
				need = append(need, missing{id, host, title})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(need) == 0 {
			return nil
		}
		col := swedish()
		sort.SliceStable(need, func(i, j int) bool {
			if c := col.CompareString(need[i].host, need[j].host); c != 0 {
				return c < 0
			}
			return col.CompareString(need[i].title, need[j].title) < 0
		})
		var next int
		if err := tx.q.QueryRowContext(ctx, `SELECT coalesce(max(code), 0) FROM offer_codes WHERE period_id = ?`, periodID).Scan(&next); err != nil {
			return err
		}
		for _, m := range need {
			next++
			if _, err := tx.exec(ctx, `INSERT INTO offer_codes (offer_id, period_id, code) VALUES (?,?,?)`, m.id, periodID, next); err != nil {
				return err
			}
			out[m.id] = next
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("offer codes: %w", err)
	}
	return out, nil
}

// FirstDay is the offer's first programme day, or else the period's start:
// the day a pupil's age is checked on.
func FirstDay(o Offer, per Period) time.Time {
	if len(o.Days) > 0 && !o.Days[0].Date.IsZero() {
		return o.Days[0].Date
	}
	return per.Start
}

// MayChoose reports whether a pupil may take an offer of a period: the offer
// is approved, the pupil is in the period's grade, and old enough on the
// first day when the offer has a least age (an unknown birth date is let
// through, as the matching does). These are the hard rules of the matching
// (Allocation.Broken), so a choices grid never offers what the matching
// would refuse.
func MayChoose(p Pupil, per Period, o Offer) bool {
	if o.Status != OfferApproved || o.PeriodID != per.ID || p.Grade != per.Grade {
		return false
	}
	if o.MinAge > 0 {
		if age := p.AgeOn(FirstDay(o, per)); age >= 0 && age < o.MinAge {
			return false
		}
	}
	return true
}

// RiskAssessment is a host's assessment of the risks of an offer for a
// minor: what the pupil does, the machines and substances near them, the
// protective gear given and how they are supervised.
type RiskAssessment struct {
	OfferID        string
	Tasks          string
	Machines       string
	Substances     string
	ProtectiveGear string
	Supervision    string
	AssessedBy     string    // the host's person who made the assessment
	AssessedOn     time.Time // zero when not said
	UpdatedAt      time.Time
}

// Empty reports whether nothing is filled in.
func (r RiskAssessment) Empty() bool {
	return strings.TrimSpace(r.Tasks+r.Machines+r.Substances+r.ProtectiveGear+r.Supervision+r.AssessedBy) == "" && r.AssessedOn.IsZero()
}

// Validate checks the lengths of the free-text answers.
func (r RiskAssessment) Validate() error {
	v := validator{entity: "risk_assessment"}
	for _, f := range []struct{ name, val string }{{"tasks", r.Tasks}, {"machines", r.Machines}, {"substances", r.Substances},
		{"protective_gear", r.ProtectiveGear}, {"supervision", r.Supervision}} {
		v.text(f.name, f.val, 4000)
	}
	v.text("assessed_by", r.AssessedBy, 200)
	return v.err()
}

// SaveRiskAssessment records (or replaces) the host's risk assessment of
// an offer.
func (s *Store) SaveRiskAssessment(ctx context.Context, r RiskAssessment) error {
	if err := r.Validate(); err != nil {
		return err
	}
	now := formatTS(s.now())
	on := ""
	if !r.AssessedOn.IsZero() {
		on = FormatDate(r.AssessedOn)
	}
	_, err := s.exec(ctx, `INSERT INTO risk_assessments (offer_id, tasks, machines, substances, protective_gear, supervision,
			assessed_by, assessed_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (offer_id) DO UPDATE SET tasks = excluded.tasks, machines = excluded.machines,
			substances = excluded.substances, protective_gear = excluded.protective_gear, supervision = excluded.supervision,
			assessed_by = excluded.assessed_by, assessed_on = excluded.assessed_on, updated_at = excluded.updated_at`,
		r.OfferID, strings.TrimSpace(r.Tasks), strings.TrimSpace(r.Machines), strings.TrimSpace(r.Substances),
		strings.TrimSpace(r.ProtectiveGear), strings.TrimSpace(r.Supervision), strings.TrimSpace(r.AssessedBy), on, now, now)
	return translate("save risk assessment", err)
}

// RiskAssessments returns the risk assessments of a period's offers by
// offer id; an offer without one is missing from the map.
func (s *Store) RiskAssessments(ctx context.Context, periodID string) (map[string]RiskAssessment, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r.offer_id, r.tasks, r.machines, r.substances, r.protective_gear, r.supervision,
			r.assessed_by, r.assessed_on, r.updated_at
		FROM risk_assessments r JOIN offers o ON o.id = r.offer_id WHERE o.period_id = ?`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list risk assessments: %w", err)
	}
	defer rows.Close()
	out := map[string]RiskAssessment{}
	for rows.Next() {
		var r RiskAssessment
		var on, upd string
		if err := rows.Scan(&r.OfferID, &r.Tasks, &r.Machines, &r.Substances, &r.ProtectiveGear, &r.Supervision,
			&r.AssessedBy, &on, &upd); err != nil {
			return nil, fmt.Errorf("list risk assessments: %w", err)
		}
		r.AssessedOn, _ = ParseDate(on)
		r.UpdatedAt = parseTS(upd)
		out[r.OfferID] = r
	}
	return out, rows.Err()
}

// RiskAssessment returns the risk assessment of one offer; an offer without
// one gives an empty assessment for it and no error.
func (s *Store) RiskAssessment(ctx context.Context, offerID string) (RiskAssessment, error) {
	var r RiskAssessment
	var on, upd string
	err := s.q.QueryRowContext(ctx, `SELECT offer_id, tasks, machines, substances, protective_gear, supervision,
			assessed_by, assessed_on, updated_at FROM risk_assessments WHERE offer_id = ?`, offerID).
		Scan(&r.OfferID, &r.Tasks, &r.Machines, &r.Substances, &r.ProtectiveGear, &r.Supervision, &r.AssessedBy, &on, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return RiskAssessment{OfferID: offerID}, nil
	}
	if err != nil {
		return RiskAssessment{}, fmt.Errorf("read risk assessment: %w", err)
	}
	r.AssessedOn, _ = ParseDate(on)
	r.UpdatedAt = parseTS(upd)
	return r, nil
}

// GuardianLetterText returns the school's own text of the guardian letter
// in a language ("sv" or "en"), or "" when the school uses the built-in one.
func (s *Store) GuardianLetterText(ctx context.Context, schoolID, lang string) (string, error) {
	var body string
	err := s.q.QueryRowContext(ctx, `SELECT body FROM guardian_letter_texts WHERE school_id = ? AND lang = ?`, schoolID, lang).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read guardian letter text: %w", err)
	}
	return body, nil
}

// SetGuardianLetterText saves the school's own text of the guardian letter
// in a language; a blank text goes back to the built-in one.
func (s *Store) SetGuardianLetterText(ctx context.Context, schoolID, lang, body string) error {
	v := validator{entity: "guardian_letter"}
	if lang != "sv" && lang != "en" {
		v.add("lang", "err.letter_lang", "Språket ska vara sv eller en.", "the language must be sv or en")
	}
	v.text("body", body, 8000)
	if err := v.err(); err != nil {
		return err
	}
	if strings.TrimSpace(body) == "" {
		_, err := s.exec(ctx, `DELETE FROM guardian_letter_texts WHERE school_id = ? AND lang = ?`, schoolID, lang)
		return translate("save guardian letter text", err)
	}
	_, err := s.exec(ctx, `INSERT INTO guardian_letter_texts (school_id, lang, body, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (school_id, lang) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		schoolID, lang, strings.TrimSpace(body), formatTS(s.now()))
	return translate("save guardian letter text", err)
}

// Consent is a guardian's answer to the consent question of the reply slip.
type Consent string

// The answers to the consent question; "" is not yet answered.
const (
	ConsentUnanswered Consent = ""
	ConsentYes        Consent = "yes"
	ConsentNo         Consent = "no"
)

// GuardianReply is a guardian's reply slip to the information letter, as
// the school recorded it.
type GuardianReply struct {
	PupilID    string
	PeriodID   string
	Consent    Consent
	Allergies  string
	Travel     string // how the pupil travels to the host
	Phone      string // a number the guardian answers during prao
	ReceivedOn time.Time
}

// SaveGuardianReply records (or replaces) a guardian's reply.
func (s *Store) SaveGuardianReply(ctx context.Context, r GuardianReply) error {
	v := validator{entity: "guardian_reply"}
	if r.Consent != ConsentUnanswered && r.Consent != ConsentYes && r.Consent != ConsentNo {
		v.add("consent", "err.consent", "Samtycket ska vara ja, nej eller tomt.", "consent must be yes, no or blank")
	}
	v.text("allergies", r.Allergies, 2000)
	v.text("travel", r.Travel, 500)
	v.text("phone", r.Phone, 40)
	if err := v.err(); err != nil {
		return err
	}
	now := formatTS(s.now())
	on := ""
	if !r.ReceivedOn.IsZero() {
		on = FormatDate(r.ReceivedOn)
	}
	_, err := s.exec(ctx, `INSERT INTO guardian_replies (pupil_id, period_id, consent, allergies, travel, phone, received_on, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT (pupil_id, period_id) DO UPDATE SET consent = excluded.consent, allergies = excluded.allergies,
			travel = excluded.travel, phone = excluded.phone, received_on = excluded.received_on, updated_at = excluded.updated_at`,
		r.PupilID, r.PeriodID, string(r.Consent), strings.TrimSpace(r.Allergies), strings.TrimSpace(r.Travel),
		strings.TrimSpace(r.Phone), on, now, now)
	return translate("save guardian reply", err)
}

// GuardianReplies returns the recorded replies of a period by pupil id.
func (s *Store) GuardianReplies(ctx context.Context, periodID string) (map[string]GuardianReply, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id, consent, allergies, travel, phone, received_on
		FROM guardian_replies WHERE period_id = ?`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list guardian replies: %w", err)
	}
	defer rows.Close()
	out := map[string]GuardianReply{}
	for rows.Next() {
		var r GuardianReply
		var consent, on string
		if err := rows.Scan(&r.PupilID, &r.PeriodID, &consent, &r.Allergies, &r.Travel, &r.Phone, &on); err != nil {
			return nil, fmt.Errorf("list guardian replies: %w", err)
		}
		r.Consent = Consent(consent)
		r.ReceivedOn, _ = ParseDate(on)
		out[r.PupilID] = r
	}
	return out, rows.Err()
}
