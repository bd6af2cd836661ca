package ops

import (
	"context"
	"fmt"

	"techniqual/data"
	"techniqual/data/exchange"
)

// Outgoing says which exchange file to build: its kind and whom it is
// for. A host form or a journey file needs OrgID; a school or results file
// SchoolID and PeriodID; a host file OrgID and PeriodID.
type Outgoing struct {
	Kind                      exchange.Kind
	OrgID, SchoolID, PeriodID string
	Options                   exchange.Options
}

// BuildExchange gathers the rows of the file o asks for.
func BuildExchange(ctx context.Context, st *data.Store, o Outgoing) (*exchange.Payload, error) {
	switch o.Kind {
	case exchange.KindHostForm:
		return exchange.ExportHostForm(ctx, st, o.OrgID, o.Options)
	case exchange.KindSchool:
		return exchange.ExportSchool(ctx, st, o.SchoolID, o.PeriodID, o.Options)
	case exchange.KindResults:
		return exchange.ExportResults(ctx, st, o.SchoolID, o.PeriodID, o.Options)
	case exchange.KindHost:
		return exchange.ExportHost(ctx, st, o.OrgID, o.PeriodID, o.Options)
	case exchange.KindJourney:
		return exchange.ExportJourney(ctx, st, o.OrgID, o.Options)
	}
	return nil, fmt.Errorf("unknown kind of exchange file %q", string(o.Kind))
}

// WriteExchange builds the file o asks for and saves it to path, encrypted
// with passphrase, recorded in the audit log in the same transaction: the
// file exists with its entry or not at all.
func WriteExchange(ctx context.Context, st *data.Store, o Outgoing, path, passphrase string) (*exchange.Payload, error) {
	p, err := BuildExchange(ctx, st, o)
	if err != nil {
		return nil, err
	}
	if err := exchange.Save(ctx, st, path, p, passphrase, recordTx); err != nil {
		return nil, err
	}
	return p, nil
}

// ReadExchange decrypts the exchange file at path and, when st is given,
// compares it with the database: the plan says what an import would
// change and where the two disagree. Nothing is changed.
func ReadExchange(ctx context.Context, st *data.Store, path, passphrase string) (*exchange.Payload, *exchange.Plan, error) {
	p, err := exchange.ReadFile(path, passphrase)
	if err != nil || st == nil {
		return p, nil, err
	}
	plan, err := exchange.Prepare(ctx, st, p)
	if err != nil {
		return p, nil, err
	}
	return p, plan, nil
}

// ImportExchange writes a read file into the database in one transaction,
// settling conflicts by d. When the database changed since the plan was
// made, the result holds the new plan and nothing is written.
func ImportExchange(ctx context.Context, st *data.Store, p *exchange.Payload, d exchange.Decisions) (*exchange.Result, error) {
	return exchange.Apply(ctx, st, p, d)
}
