package ops

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"techniqual/data"
	"techniqual/reports"
)

// SchoolDoc names one of the school's documents of a period that issue #17
// added: the offer catalogue, the guardian letters, the risk assessments.
type SchoolDoc string

// The school's documents.
const (
	DocCatalogue       SchoolDoc = "catalogue"
	DocGuardianLetters SchoolDoc = "guardian-letters"
	DocRiskAssessments SchoolDoc = "risk-assessments"
)

// SchoolDocs lists the school's documents in the order a period needs them.
var SchoolDocs = []SchoolDoc{DocCatalogue, DocGuardianLetters, DocRiskAssessments}

// Valid reports whether d is one of the school's documents.
func (d SchoolDoc) Valid() bool {
	return d == DocCatalogue || d == DocGuardianLetters || d == DocRiskAssessments
}

// SchoolPrint is a print of one of the school's documents of a period.
type SchoolPrint struct {
	Doc     SchoolDoc
	Period  data.Period
	Filter  data.DocFilter
	Scope   Scope
	Options reports.Options
	Path    string // the PDF to write
}

// SchoolPrinted tells what PrintSchool wrote.
type SchoolPrinted struct {
	Units    int      // offers in the catalogue, letters or assessments
	PupilIDs []string // the pupils named in the document
}

// PrintSchool renders one of the school's documents of a period, writes
// the PDF (whole or not at all) and records it in the audit log when it
// names pupils (the catalogue's slips, the letters). reports.ErrNothing
// means there was nothing to print.
func PrintSchool(ctx context.Context, st *data.Store, p SchoolPrint) (SchoolPrinted, error) {
	var out SchoolPrinted
	var buf bytes.Buffer
	switch p.Doc {
	case DocCatalogue:
		c, err := st.PeriodCatalogue(ctx, p.Period.ID, p.Filter)
		if err != nil {
			return out, err
		}
		out.Units = len(c.Entries)
		for _, pu := range c.Pupils {
			out.PupilIDs = append(out.PupilIDs, pu.ID)
		}
		if err := reports.Catalogue(&buf, c, p.Options); err != nil {
			return out, err
		}
	case DocGuardianLetters:
		docs, err := st.GuardianLetters(ctx, p.Period.ID, p.Filter)
		if err != nil {
			return out, err
		}
		if len(docs) == 0 {
			return out, reports.ErrNothing
		}
		out.Units = len(docs)
		for _, d := range docs {
			out.PupilIDs = append(out.PupilIDs, d.Pupil.ID)
		}
		if err := reports.GuardianLetters(&buf, docs, p.Options); err != nil {
			return out, err
		}
	case DocRiskAssessments:
		docs, err := st.RiskDocs(ctx, p.Period.ID, p.Filter)
		if err != nil {
			return out, err
		}
		if len(docs) == 0 {
			return out, reports.ErrNothing
		}
		out.Units = len(docs)
		if err := reports.RiskAssessments(&buf, docs, p.Options); err != nil {
			return out, err
		}
	default:
		return out, fmt.Errorf("unknown document %q", p.Doc)
	}
	if err := data.WritePrivateFile(p.Path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return SchoolPrinted{}, err
	}
	if len(out.PupilIDs) > 0 {
		e := &data.AuditEntry{Action: "pdf " + string(p.Doc), What: p.Path, RecordIDs: out.PupilIDs,
			Detail: describe(p.Period, p.Scope, p.Options)}
		if err := record(ctx, st, e, p.Path); err != nil {
			return SchoolPrinted{}, err
		}
	}
	return out, nil
}
