package data

import (
	"context"
	"fmt"
	"time"
)

// WeekBlock is one block of a teknikprao week as the planner and the
// printouts see it: a host's offer_days row with the host and offer it
// belongs to.
type WeekBlock struct {
	ID           string // the offer_days row's key
	OfferID      string
	HostID       string
	HostName     string
	Municipality string
	Date         time.Time
	Start, End   Clock
	BreakMinutes int
	TeamsMax     int
	Activities   string
	RoleModelIDs []string // the block's own role models, else the offer's
	Approved     bool     // the offer is approved
}

// Span is the block as a WorkSpan for the working-time checks.
func (b WeekBlock) Span() WorkSpan {
	return WorkSpan{Date: b.Date, Start: b.Start, End: b.End, BreakMinutes: b.BreakMinutes, Host: b.HostName}
}

// Label names the block for messages: "Fryksdals Mekatronik AB, 2026-11-09 08:30–12:00".
func (b WeekBlock) Label() string {
	return b.HostName + ", " + FormatDate(b.Date) + " " + b.Start.String() + "–" + b.End.String()
}

// ListWeekBlocks returns the blocks of a period's live offers, by date,
// start and host: only the approved offers' unless all is set.
func (s *Store) ListWeekBlocks(ctx context.Context, periodID string, all bool) ([]WeekBlock, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT d.id, o.id, h.id, h.name, h.municipality, d.date, d.start_time, d.end_time,
		d.break_minutes, d.teams_max, d.activities, o.status,
		coalesce((SELECT group_concat(person_id) FROM (SELECT person_id FROM offer_day_role_models r
			WHERE r.offer_day_id = d.id ORDER BY r.position)), ''),
		coalesce((SELECT group_concat(person_id) FROM (SELECT person_id FROM offer_role_models r
			WHERE r.offer_id = o.id ORDER BY r.position)), '')
		FROM offer_days d JOIN offers o ON o.id = d.offer_id JOIN organisations h ON h.id = o.host_id
		WHERE o.period_id = ? AND o.deleted_at IS NULL AND (? OR o.status = 'approved')
		ORDER BY d.date, d.start_time, h.name, d.id`, periodID, all)
	if err != nil {
		return nil, fmt.Errorf("list week blocks: %w", err)
	}
	defer rows.Close()
	var out []WeekBlock
	for rows.Next() {
		var b WeekBlock
		var date, start, end, status, own, offer string
		if err := rows.Scan(&b.ID, &b.OfferID, &b.HostID, &b.HostName, &b.Municipality, &date, &start, &end, &b.BreakMinutes,
			&b.TeamsMax, &b.Activities, &status, &own, &offer); err != nil {
			return nil, fmt.Errorf("list week blocks: %w", err)
		}
		b.Date = mustDate(date)
		b.Start, _ = ParseClock(start)
		b.End, _ = ParseClock(end)
		b.Approved = OfferStatus(status) == OfferApproved
		b.RoleModelIDs = splitList(own)
		if len(b.RoleModelIDs) == 0 {
			b.RoleModelIDs = splitList(offer)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
