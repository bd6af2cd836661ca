package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// DocRow is one document of a period as a chooser shows it (Utskrifter):
// the pupil and the offer by id, with what choosing among the documents
// and counting them needs. The names of schools and offers are in the
// DocIndex the row comes from.
type DocRow struct {
	PupilID, FirstName, LastName, ClassName, SchoolID, OfferID string
	Protected                                                  bool
	// Attended: a present day at the offer is recorded, so the pupil gets
	// a certificate (reports.Attended of the document is not empty).
	Attended bool
}

// Name is the pupil's full name.
func (r DocRow) Name() string { return joinName(r.FirstName, r.LastName) }

// DocOffer is an offer as a DocIndex names it.
type DocOffer struct {
	Title, HostID, HostName string
}

// DocIndex is a period's documents as rows in print order, with the names
// of their schools and offers: about 200 bytes a pupil, where the
// documents themselves take about 5 KB (they copy the pupil's school,
// host, offer and role models). A window can hold a region's period this
// way and print from ListDocuments (issue #16, goal 5).
type DocIndex struct {
	Rows    []DocRow
	Schools map[string]string   // school id → name
	Offers  map[string]DocOffer // offer id → title and host
}

// DocumentIndex lists the documents DocumentsForPeriod would load, in the
// same order and from one snapshot, as rows: the rows come from the query
// that finds and sorts the documents, so the pupils are read once. A period that does not exist
// gives ErrNotFound; a period without placements no rows.
func (s *Store) DocumentIndex(ctx context.Context, periodID string) (*DocIndex, error) {
	l, err := s.listDocuments(ctx, periodID, DocFilter{}, true)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	x := &DocIndex{Rows: l.rows, Schools: map[string]string{}, Offers: map[string]DocOffer{}}
	if l.Len() == 0 {
		return x, nil
	}
	offers, err := queryRows(ctx, l.snap.q, `SELECT id, title, host_id FROM offers WHERE period_id = ? AND deleted_at IS NULL`,
		[]any{periodID}, func(r *sql.Rows) (o struct {
			id string
			DocOffer
		}, err error) {
			err = r.Scan(&o.id, &o.Title, &o.HostID)
			return o, err
		})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	for _, o := range offers {
		o.HostName = l.org(o.HostID).Name
		x.Offers[o.id] = o.DocOffer
	}
	// A certificate needs a present day at the pupil's offer (as Load
	// keeps the attendance at the offer, and reports.Attended the present
	// days of it).
	present, err := queryRows(ctx, l.snap.q, `SELECT DISTINCT at.pupil_id, at.offer_id FROM attendance at
		JOIN offers o ON o.id = at.offer_id WHERE o.period_id = ? AND at.status = ?`, []any{periodID, string(AttendancePresent)},
		func(r *sql.Rows) (k [2]string, err error) {
			err = r.Scan(&k[0], &k[1])
			return k, err
		})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	attended := make(map[[2]string]bool, len(present))
	for _, k := range present {
		attended[k] = true
	}
	for i := range x.Rows {
		r := &x.Rows[i]
		r.Attended = attended[[2]string{r.PupilID, r.OfferID}]
		if _, ok := x.Schools[r.SchoolID]; !ok {
			x.Schools[r.SchoolID] = l.org(r.SchoolID).Name
		}
	}
	return x, nil
}

// OfferGroup is the rows of one offer, as OfferGroups gives them.
type OfferGroup struct {
	OfferID string
	Rows    []DocRow
}

// OfferGroups groups rows by offer in the order GroupByOffer gives host
// confirmations: by host and offer title (Swedish order), then offer id;
// each offer's rows keep their order.
func (x *DocIndex) OfferGroups(rows []DocRow) []OfferGroup {
	index := map[string]int{}
	var out []OfferGroup
	for _, r := range rows {
		i, ok := index[r.OfferID]
		if !ok {
			i = len(out)
			index[r.OfferID] = i
			out = append(out, OfferGroup{OfferID: r.OfferID})
		}
		out[i].Rows = append(out[i].Rows, r)
	}
	c := swedish()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := x.Offers[out[i].OfferID], x.Offers[out[j].OfferID]
		if r := c.CompareString(a.HostName, b.HostName); r != 0 {
			return r < 0
		}
		if r := c.CompareString(a.Title, b.Title); r != 0 {
			return r < 0
		}
		return out[i].OfferID < out[j].OfferID
	})
	return out
}
