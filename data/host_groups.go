package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// HostGroup is a host group ("ring") of a teknikprao week: the hosts that
// share the week, each through its offer in the period. Every team of the
// group goes round its hosts.
type HostGroup struct {
	ID       string
	PeriodID string
	Name     string
	Position int      // display order; SaveHostGroups sets it from the slice order
	OfferIDs []string // the hosts' offers in the period, in the order given
	// CreatedAt and UpdatedAt are set by the Store.
	CreatedAt time.Time
	UpdatedAt time.Time
}

// weekOffer is what the week's checks need to know of one offer.
type weekOffer struct {
	id, hostID, host, municipality string
	status                         OfferStatus
}

// periodOffers returns the live offers of a period with their hosts' names.
func (s *Store) periodOffers(ctx context.Context, periodID string) (map[string]weekOffer, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT o.id, o.host_id, h.name, h.municipality, o.status FROM offers o
		JOIN organisations h ON h.id = o.host_id WHERE o.period_id = ? AND o.deleted_at IS NULL`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list offers of period: %w", err)
	}
	defer rows.Close()
	out := map[string]weekOffer{}
	for rows.Next() {
		var o weekOffer
		var st string
		if err := rows.Scan(&o.id, &o.hostID, &o.host, &o.municipality, &st); err != nil {
			return nil, fmt.Errorf("list offers of period: %w", err)
		}
		o.status = OfferStatus(st)
		out[o.id] = o
	}
	return out, rows.Err()
}

// SaveHostGroups makes the period's host groups exactly groups, all or
// nothing: a group with an ID is updated, one without is added (its ID is
// set in the slice), and a live group of the period that is not in groups
// is removed together with its teams. Every name must be given and unique,
// every offer must belong to the period and be in at most one group; a
// group with a locked team cannot be removed.
func (s *Store) SaveHostGroups(ctx context.Context, periodID string, groups []HostGroup) error {
	offers, err := s.periodOffers(ctx, periodID)
	if err != nil {
		return err
	}
	existing, err := s.ListHostGroups(ctx, periodID)
	if err != nil {
		return err
	}
	live := map[string]bool{}
	for _, g := range existing {
		live[g.ID] = true
	}
	v := validator{entity: "host_group"}
	names, inGroup := map[string]bool{}, map[string]string{}
	for i := range groups {
		g := &groups[i]
		g.Name = strings.TrimSpace(g.Name)
		field := fmt.Sprintf("groups[%d]", i)
		if g.Name == "" {
			v.add(field+".name", "err.required", "Måste fyllas i.", "required")
		}
		v.text(field+".name", g.Name, 100)
		key := strings.ToLower(g.Name)
		if g.Name != "" && names[key] {
			v.addData(field+".name", "err.group_name_taken", "Det finns redan en grupp som heter {{.Name}}.",
				"two groups are called "+g.Name, map[string]string{"Name": g.Name})
		}
		names[key] = true
		if g.ID != "" && !live[g.ID] {
			v.addData(field, "err.group_unknown", "Gruppen {{.Name}} finns inte i praoperioden.",
				"group "+g.ID+" is not a live group of the period", map[string]string{"Name": g.Name})
		}
		for _, oid := range g.OfferIDs {
			o, ok := offers[oid]
			if !ok {
				v.addData(field+".offers", "err.group_offer_not_in_period", "En värd i gruppen {{.Name}} har ingen praoplats i praoperioden.",
					"offer "+oid+" is not in the period", map[string]string{"Name": g.Name})
				continue
			}
			// By host, not by offer: a host with two offers in the week is
			// still one host, and the planner places each host in one group.
			if other, ok := inGroup[o.hostID]; ok {
				v.addData(field+".offers", "err.host_in_two_groups", "{{.Host}} finns i både {{.Other}} och {{.Name}}. En värd kan bara vara i en grupp.",
					o.host+" is in two groups", map[string]string{"Host": o.host, "Other": other, "Name": g.Name})
			}
			inGroup[o.hostID] = g.Name
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, g := range groups {
		if g.ID != "" {
			keep[g.ID] = true
		}
	}
	now := s.now()
	ids := make([]string, len(groups))
	err = s.InTx(ctx, func(tx *Store) error {
		ts := formatTS(now)
		for _, g := range existing {
			if keep[g.ID] {
				continue
			}
			var locked int
			if err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE group_id = ? AND locked = 1 AND deleted_at IS NULL`,
				g.ID).Scan(&locked); err != nil {
				return err
			}
			if locked > 0 {
				return &ValidationError{Fields: []FieldError{{Entity: "host_group", Field: "groups", Key: "err.group_has_locked_team",
					Text: "Gruppen {{.Name}} har ett låst team och kan inte tas bort. Lås upp teamet först.", Data: map[string]string{"Name": g.Name},
					Reason: "group " + g.Name + " has a locked team"}}}
			}
			if _, err := tx.exec(ctx, `UPDATE teams SET deleted_at = ?, updated_at = ? WHERE group_id = ? AND deleted_at IS NULL`, ts, ts, g.ID); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE host_groups SET deleted_at = ?, updated_at = ? WHERE id = ?`, ts, ts, g.ID); err != nil {
				return err
			}
		}
		// Kept groups first take their key as name, so that two groups may
		// swap names in one save without tripping the unique name.
		for _, g := range groups {
			if g.ID != "" {
				if _, err := tx.exec(ctx, `UPDATE host_groups SET name = id WHERE id = ?`, g.ID); err != nil {
					return err
				}
			}
		}
		for i, g := range groups {
			id := g.ID
			if id == "" {
				id = tx.newID()
				if _, err := tx.exec(ctx, `INSERT INTO host_groups (id, period_id, name, position, created_at, updated_at)
					VALUES (?,?,?,?,?,?)`, id, periodID, g.Name, i, ts, ts); err != nil {
					return err
				}
			} else {
				if _, err := tx.exec(ctx, `UPDATE host_groups SET name = ?, position = ?, updated_at = ? WHERE id = ?`,
					g.Name, i, ts, id); err != nil {
					return err
				}
				if _, err := tx.exec(ctx, `DELETE FROM host_group_members WHERE group_id = ?`, id); err != nil {
					return err
				}
			}
			for _, oid := range g.OfferIDs {
				if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO host_group_members (group_id, offer_id) VALUES (?, ?)`, id, oid); err != nil {
					return err
				}
			}
			ids[i] = id
		}
		return nil
	})
	if err != nil {
		if _, ok := err.(*ValidationError); ok {
			return err
		}
		return translate("save host groups", err)
	}
	for i := range groups {
		groups[i].ID, groups[i].PeriodID, groups[i].Position, groups[i].UpdatedAt = ids[i], periodID, i, now
		if groups[i].CreatedAt.IsZero() {
			groups[i].CreatedAt = now
		}
	}
	return nil
}

// ListHostGroups returns the live host groups of a period in display order,
// each with its offers (hosts) sorted by the host's name.
func (s *Store) ListHostGroups(ctx context.Context, periodID string) ([]HostGroup, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, period_id, name, position, created_at, updated_at FROM host_groups
		WHERE period_id = ? AND deleted_at IS NULL ORDER BY position, name, id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list host groups: %w", err)
	}
	var out []HostGroup
	index := map[string]int{}
	for rows.Next() {
		var g HostGroup
		var created, updated string
		if err := rows.Scan(&g.ID, &g.PeriodID, &g.Name, &g.Position, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list host groups: %w", err)
		}
		g.CreatedAt, g.UpdatedAt = parseTS(created), parseTS(updated)
		index[g.ID] = len(out)
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	members, err := s.q.QueryContext(ctx, `SELECT m.group_id, m.offer_id FROM host_group_members m
		JOIN host_groups g ON g.id = m.group_id JOIN offers o ON o.id = m.offer_id JOIN organisations h ON h.id = o.host_id
		WHERE g.period_id = ? AND g.deleted_at IS NULL AND o.deleted_at IS NULL ORDER BY h.name, o.id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list host group members: %w", err)
	}
	defer members.Close()
	for members.Next() {
		var gid, oid string
		if err := members.Scan(&gid, &oid); err != nil {
			return nil, fmt.Errorf("list host group members: %w", err)
		}
		if i, ok := index[gid]; ok {
			out[i].OfferIDs = append(out[i].OfferIDs, oid)
		}
	}
	return out, members.Err()
}

// sortedCopy returns xs sorted, leaving xs as it is.
func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}
