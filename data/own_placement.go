package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// OwnStatus is where an own-found placement (egen praoplats) is.
type OwnStatus string

// The steps of an own-found placement, in order.
const (
	OwnProposed OwnStatus = "proposed"  // the pupil or a guardian proposed the host
	OwnFormSent OwnStatus = "form_sent" // the counsellor sent the host form
	OwnAnswered OwnStatus = "answered"  // the host has an offer in the period (read, not stored)
	OwnApproved OwnStatus = "approved"  // approved: the pupil is placed there, locked
)

// OwnPlacement is a host that a pupil or guardian found and proposed.
type OwnPlacement struct {
	ID       string
	PupilID  string
	PeriodID string
	HostID   string
	OfferID  string // the host's offer, once approved
	Status   OwnStatus
	Note     string
}

// ProposeOwnPlacement records (or replaces, until approved) the host a
// pupil proposes for a period.
func (s *Store) ProposeOwnPlacement(ctx context.Context, op *OwnPlacement) error {
	v := validator{entity: "own_placement"}
	v.required("pupil", op.PupilID)
	v.required("period", op.PeriodID)
	v.required("host", op.HostID)
	v.text("note", op.Note, 2000)
	if err := v.err(); err != nil {
		return err
	}
	if h, err := s.GetOrganisation(ctx, op.HostID); err != nil || h.Kind != KindCompany {
		return &ValidationError{Fields: []FieldError{{Entity: "own_placement", Field: "host", Key: "err.own_host",
			Text: "Välj ett företag som värd.", Reason: "the host must be a company"}}}
	}
	if cur, ok, err := s.OwnPlacementFor(ctx, op.PupilID, op.PeriodID); err != nil {
		return err
	} else if ok && cur.Status == OwnApproved {
		return &ValidationError{Fields: []FieldError{{Entity: "own_placement", Field: "status", Key: "err.own_approved",
			Text: "Den egna praoplatsen är redan godkänd.", Reason: "the own placement is already approved"}}}
	}
	now := formatTS(s.now())
	id := s.newID()
	_, err := s.exec(ctx, `INSERT INTO own_placements (id, pupil_id, period_id, host_id, status, note, created_at, updated_at)
		VALUES (?,?,?,?,'proposed',?,?,?)
		ON CONFLICT (pupil_id, period_id) DO UPDATE SET host_id = excluded.host_id, status = 'proposed', note = excluded.note,
			offer_id = NULL, updated_at = excluded.updated_at`, id, op.PupilID, op.PeriodID, op.HostID, strings.TrimSpace(op.Note), now, now)
	if err != nil {
		return translate("save own placement", err)
	}
	got, _, err := s.OwnPlacementFor(ctx, op.PupilID, op.PeriodID)
	if err == nil {
		*op = got
	}
	return err
}

// OwnPlacementFor returns a pupil's own-found placement in a period, with
// its status (answered when the host has an offer in the period).
func (s *Store) OwnPlacementFor(ctx context.Context, pupilID, periodID string) (OwnPlacement, bool, error) {
	var op OwnPlacement
	var offer sql.NullString
	var status string
	err := s.q.QueryRowContext(ctx, `SELECT id, pupil_id, period_id, host_id, offer_id, status, note FROM own_placements
		WHERE pupil_id = ? AND period_id = ?`, pupilID, periodID).
		Scan(&op.ID, &op.PupilID, &op.PeriodID, &op.HostID, &offer, &status, &op.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return OwnPlacement{}, false, nil
	}
	if err != nil {
		return OwnPlacement{}, false, fmt.Errorf("read own placement: %w", err)
	}
	op.OfferID, op.Status = offer.String, OwnStatus(status)
	if op.Status != OwnApproved {
		if o, ok, err := s.hostOffer(ctx, op.HostID, op.PeriodID); err != nil {
			return op, true, err
		} else if ok {
			op.Status, op.OfferID = OwnAnswered, o.ID
		}
	}
	return op, true, nil
}

// hostOffer is the host's live offer in a period (the first by title).
func (s *Store) hostOffer(ctx context.Context, hostID, periodID string) (Offer, bool, error) {
	os, err := s.ListOffers(ctx, OfferFilter{PeriodID: periodID, HostID: hostID})
	if err != nil || len(os) == 0 {
		return Offer{}, false, err
	}
	return os[0], true, nil
}

// MarkOwnFormSent notes that the host form went to the proposed host.
func (s *Store) MarkOwnFormSent(ctx context.Context, pupilID, periodID string) error {
	res, err := s.exec(ctx, `UPDATE own_placements SET status = 'form_sent', updated_at = ? WHERE pupil_id = ? AND period_id = ?
		AND status = 'proposed'`, formatTS(s.now()), pupilID, periodID)
	if err != nil {
		return translate("save own placement", err)
	}
	_, err = res.RowsAffected()
	return err
}

// ApproveOwnPlacement approves a pupil's own-found placement once the host
// has answered with an approved offer in the period: the pupil is placed
// there, locked, so the matching keeps them there. All or nothing.
func (s *Store) ApproveOwnPlacement(ctx context.Context, pupilID, periodID string) error {
	op, ok, err := s.OwnPlacementFor(ctx, pupilID, periodID)
	if err != nil {
		return err
	}
	refuse := func(key, sv, en string) error {
		return &ValidationError{Fields: []FieldError{{Entity: "own_placement", Field: "status", Key: key, Text: sv, Reason: en}}}
	}
	switch {
	case !ok:
		return refuse("err.own_none", "Eleven har ingen egen praoplats i perioden.", "no own placement")
	case op.Status == OwnProposed || op.Status == OwnFormSent:
		return refuse("err.own_unanswered", "Värden har inte svarat med en praoplats i perioden ännu.", "the host has no offer in the period")
	}
	o, err := s.GetOffer(ctx, op.OfferID)
	if err != nil {
		return err
	}
	if o.Status != OfferApproved {
		return refuse("err.own_offer_unapproved", "Godkänn värdens praoplats först.", "the host's offer is not approved")
	}
	return s.InTx(ctx, func(tx *Store) error {
		a := Assignment{PeriodID: periodID, PupilID: pupilID, OfferID: o.ID, Locked: true, Source: SourceManual}
		if err := tx.SaveAssignment(ctx, &a); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE own_placements SET status = 'approved', offer_id = ?, updated_at = ? WHERE id = ?`,
			o.ID, formatTS(tx.now()), op.ID)
		return translate("approve own placement", err)
	})
}
