package ops

import (
	"context"
	"strings"

	"techniqual/data"
	"techniqual/data/surveyfile"
	"techniqual/reports"
)

// QuestionnairesPrinted says what PrintQuestionnaires wrote.
type QuestionnairesPrinted struct {
	Classes, Pupils int
	// NewCodes is the codes given out by this print (pupils who had none).
	NewCodes int
}

// PrintQuestionnaires prints a period's questionnaires for its pupils and
// its comparison classes (all, one school's or one class's): per class a
// page of slips with each pupil's name and code, then one anonymous form
// per pupil. Pupils without a code get one first (the same code is kept
// for the second wave). The slips name pupils, so the print is recorded
// in the audit log; reports.ErrNothing when no pupil is in the selection.
func PrintQuestionnaires(ctx context.Context, st *data.Store, per data.Period, f data.DocFilter, scope Scope, path string, o reports.Options) (QuestionnairesPrinted, error) {
	added, err := st.EnsureSurveyCodes(ctx, per.ID)
	if err != nil {
		return QuestionnairesPrinted{}, err
	}
	codes, err := st.ListSurveyCodes(ctx, per.ID)
	if err != nil {
		return QuestionnairesPrinted{}, err
	}
	classes, ids := questionnaireClasses(per, codes, f)
	res := QuestionnairesPrinted{Classes: len(classes), Pupils: len(ids), NewCodes: added}
	if err := reports.WriteQuestionnairesFile(path, classes, o); err != nil {
		return QuestionnairesPrinted{}, err
	}
	e := &data.AuditEntry{Action: "pdf questionnaires", What: path, RecordIDs: ids,
		Detail: describe(per, scope, o)}
	if err := record(ctx, st, e, path); err != nil {
		return QuestionnairesPrinted{}, err
	}
	return res, nil
}

// questionnaireClasses groups the period's codes by school and class (in
// the codes' order), keeping those the filter selects.
func questionnaireClasses(per data.Period, codes []data.SurveyCode, f data.DocFilter) ([]reports.QuestionnaireClass, []string) {
	var out []reports.QuestionnaireClass
	var ids []string
	for _, c := range codes {
		if (f.SchoolID != "" && c.SchoolID != f.SchoolID) || (f.ClassName != "" && !strings.EqualFold(c.ClassName, f.ClassName)) {
			continue
		}
		if n := len(out); n == 0 || out[n-1].School != c.SchoolName || out[n-1].Class != c.ClassName {
			out = append(out, reports.QuestionnaireClass{Period: per.Name, School: c.SchoolName, Class: c.ClassName})
		}
		k := &out[len(out)-1]
		k.Slips = append(k.Slips, reports.QuestionnaireSlip{Name: c.Name(), Code: c.Code, Comparison: c.Comparison})
		ids = append(ids, c.PupilID)
	}
	return out, ids
}

// ImportSurvey reads a form tool's export of one wave's answers and writes
// it for the period: all rows or nothing (a *surveyfile.Error lists every
// problem with its line).
func ImportSurvey(ctx context.Context, st *data.Store, periodID string, wave data.Wave, path string) (surveyfile.Result, error) {
	f, err := surveyfile.ReadFile(path)
	if err != nil {
		return surveyfile.Result{}, err
	}
	return surveyfile.Import(ctx, st, periodID, wave, f)
}
