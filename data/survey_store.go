package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ComparisonClass is a class that does its prao later in the year and
// answers the questionnaire at the same two moments as the period's pupils.
type ComparisonClass struct {
	PeriodID, SchoolID, ClassName string
}

// SurveyCode is one pupil's code for one period, with what the slips and
// the statistics need of the pupil (no more).
type SurveyCode struct {
	ID, PeriodID, PupilID, Code string
	Comparison                  bool // the pupil is in a comparison class
	// Of the pupil: for the slips (name, school, class) and the statistics.
	FirstName, LastName, SchoolID, SchoolName, ClassName string
	Grade                                                int
	Gender                                               Gender
}

// Name is the pupil's full name.
func (c SurveyCode) Name() string { return joinName(c.FirstName, c.LastName) }

// AddComparisonClass makes a class of a school a comparison class of the
// period; its pupils get codes in the comparison group (EnsureSurveyCodes).
func (s *Store) AddComparisonClass(ctx context.Context, c ComparisonClass) error {
	v := validator{entity: "comparison class"}
	v.required("period", c.PeriodID)
	v.required("school", c.SchoolID)
	v.required("class", c.ClassName)
	if err := v.err(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO survey_comparison_classes (period_id, school_id, class_name, created_at)
		VALUES (?,?,?,?) ON CONFLICT DO NOTHING`, c.PeriodID, c.SchoolID, strings.TrimSpace(c.ClassName), formatTS(s.now()))
	return translate("add comparison class", err)
}

// RemoveComparisonClass takes a class out of the comparison group. Codes
// already given stay (answers may refer to them); EnsureSurveyCodes moves
// them back to the period's group when the class takes part in it.
func (s *Store) RemoveComparisonClass(ctx context.Context, c ComparisonClass) error {
	_, err := s.exec(ctx, `DELETE FROM survey_comparison_classes WHERE period_id = ? AND school_id = ? AND class_name = ?`,
		c.PeriodID, c.SchoolID, c.ClassName)
	return translate("remove comparison class", err)
}

// ListComparisonClasses lists a period's comparison classes by school and class.
func (s *Store) ListComparisonClasses(ctx context.Context, periodID string) ([]ComparisonClass, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT period_id, school_id, class_name FROM survey_comparison_classes
		WHERE period_id = ? ORDER BY school_id, class_name`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list comparison classes: %w", err)
	}
	defer rows.Close()
	var out []ComparisonClass
	for rows.Next() {
		var c ComparisonClass
		if err := rows.Scan(&c.PeriodID, &c.SchoolID, &c.ClassName); err != nil {
			return nil, fmt.Errorf("list comparison classes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// EnsureSurveyCodes gives every pupil of the period a code (the live
// pupils of its schools and grade) and every pupil of its comparison
// classes one in the comparison group; a pupil who already has a code
// keeps it (the same code before and after). It returns how many codes
// were added.
func (s *Store) EnsureSurveyCodes(ctx context.Context, periodID string) (int, error) {
	added := 0
	err := s.InTx(ctx, func(tx *Store) error {
		per, err := tx.GetPeriod(ctx, periodID)
		if err != nil {
			return err
		}
		rows, err := tx.q.QueryContext(ctx, `SELECT p.id,
				EXISTS (SELECT 1 FROM survey_comparison_classes c WHERE c.period_id = ? AND c.school_id = p.school_id AND c.class_name = p.class_name),
				EXISTS (SELECT 1 FROM period_schools ps WHERE ps.period_id = ? AND ps.school_id = p.school_id) AND p.grade = ?,
				sc.id, sc.comparison
			FROM pupils p LEFT JOIN survey_codes sc ON sc.pupil_id = p.id AND sc.period_id = ?
			WHERE p.deleted_at IS NULL ORDER BY p.id`, periodID, periodID, per.Grade, periodID)
		if err != nil {
			return fmt.Errorf("survey codes: %w", err)
		}
		type want struct {
			pupil, codeID string
			comparison    bool
			had           bool
		}
		var todo []want
		for rows.Next() {
			var id string
			var cmp, inPeriod bool
			var codeID sql.NullString
			var had sql.NullBool
			if err := rows.Scan(&id, &cmp, &inPeriod, &codeID, &had); err != nil {
				rows.Close()
				return fmt.Errorf("survey codes: %w", err)
			}
			if !cmp && !inPeriod {
				continue
			}
			if codeID.Valid && had.Bool == cmp {
				continue
			}
			todo = append(todo, want{pupil: id, codeID: codeID.String, comparison: cmp, had: codeID.Valid})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("survey codes: %w", err)
		}
		now := formatTS(tx.now())
		for _, w := range todo {
			if w.had {
				if _, err := tx.exec(ctx, `UPDATE survey_codes SET comparison = ?, updated_at = ? WHERE id = ?`,
					boolInt(w.comparison), now, w.codeID); err != nil {
					return translate("survey codes", err)
				}
				continue
			}
			// A drawn code that is taken (about one in 10¹¹ per code) is drawn again.
			for try := 0; ; try++ {
				code, err := NewSurveyCode()
				if err != nil {
					return fmt.Errorf("survey codes: %w", err)
				}
				_, err = tx.exec(ctx, `INSERT INTO survey_codes (id, period_id, pupil_id, code, comparison, created_at, updated_at)
					VALUES (?,?,?,?,?,?,?)`, tx.newID(), periodID, w.pupil, code, boolInt(w.comparison), now, now)
				if err = translate("survey codes", err); errors.Is(err, ErrConflict) && try < 10 {
					continue
				} else if err != nil {
					return err
				}
				added++
				break
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// ListSurveyCodes lists a period's codes by school, class and name.
func (s *Store) ListSurveyCodes(ctx context.Context, periodID string) ([]SurveyCode, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT sc.id, sc.period_id, sc.pupil_id, sc.code, sc.comparison,
			p.first_name, p.last_name, p.school_id, o.name, p.class_name, p.grade, p.gender
		FROM survey_codes sc JOIN pupils p ON p.id = sc.pupil_id JOIN organisations o ON o.id = p.school_id
		WHERE sc.period_id = ? AND p.deleted_at IS NULL`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list survey codes: %w", err)
	}
	defer rows.Close()
	var out []SurveyCode
	for rows.Next() {
		var c SurveyCode
		var g string
		if err := rows.Scan(&c.ID, &c.PeriodID, &c.PupilID, &c.Code, &c.Comparison, &c.FirstName, &c.LastName,
			&c.SchoolID, &c.SchoolName, &c.ClassName, &c.Grade, &g); err != nil {
			return nil, fmt.Errorf("list survey codes: %w", err)
		}
		c.Gender = Gender(g)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list survey codes: %w", err)
	}
	coll := swedish()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.SchoolName != b.SchoolName {
			return coll.CompareString(a.SchoolName, b.SchoolName) < 0
		}
		if a.ClassName != b.ClassName {
			return coll.CompareString(a.ClassName, b.ClassName) < 0
		}
		if a.LastName != b.LastName {
			return coll.CompareString(a.LastName, b.LastName) < 0
		}
		return coll.CompareString(a.FirstName, b.FirstName) < 0
	})
	return out, nil
}

// SurveyEntry is one code's answers in one wave, as entered or imported.
type SurveyEntry struct {
	Code   string // as written; normalised before lookup
	Answer SurveyAnswer
}

// UnknownCodeError is an entry whose code is not one of the period's.
type UnknownCodeError struct {
	Index int // the entry's position in the list, from 0
	Code  string
}

func (e *UnknownCodeError) Error() string {
	return fmt.Sprintf("entry %d: the code %q is not one of this period's codes", e.Index+1, e.Code)
}

// SaveSurveyAnswers records the answers of a wave for several codes in one
// transaction: all of them, or none (the first unknown code or bad answer
// is returned, naming the entry). An entry with nothing answered removes
// that code's answers of the wave. It returns how many entries were saved.
func (s *Store) SaveSurveyAnswers(ctx context.Context, periodID string, wave Wave, entries []SurveyEntry) (int, error) {
	if !wave.Valid() {
		return 0, fmt.Errorf("save survey answers: unknown wave %q (before or after)", wave)
	}
	n := 0
	err := s.InTx(ctx, func(tx *Store) error {
		ids, err := tx.surveyCodeIDs(ctx, periodID)
		if err != nil {
			return err
		}
		now := formatTS(tx.now())
		for i, e := range entries {
			code, _ := NormalizeSurveyCode(e.Code)
			id, ok := ids[code]
			if !ok {
				return &UnknownCodeError{Index: i, Code: e.Code}
			}
			v := validator{entity: "survey answer"}
			e.Answer.validate(&v)
			if err := v.err(); err != nil {
				return fmt.Errorf("entry %d (%s): %w", i+1, FormatSurveyCode(code), err)
			}
			if e.Answer.Empty() {
				if _, err := tx.exec(ctx, `DELETE FROM survey_answers WHERE code_id = ? AND wave = ?`, id, string(wave)); err != nil {
					return translate("save survey answers", err)
				}
				n++
				continue
			}
			prog := ""
			if p, ok := FindProgramme(e.Answer.Programme); ok {
				prog = p.Code
			}
			a := e.Answer
			if _, err := tx.exec(ctx, `INSERT INTO survey_answers (code_id, wave, q1, q2, q3, q4, work, programme, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code_id, wave) DO UPDATE SET q1 = excluded.q1, q2 = excluded.q2,
				q3 = excluded.q3, q4 = excluded.q4, work = excluded.work, programme = excluded.programme, updated_at = excluded.updated_at`,
				id, string(wave), score(a.Items[0]), score(a.Items[1]), score(a.Items[2]), score(a.Items[3]), score(a.Work), prog, now, now); err != nil {
				return translate("save survey answers", err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// score is a 1–5 answer for SQL, NULL when not answered.
func score(x int) any {
	if x == 0 {
		return nil
	}
	return x
}

// surveyCodeIDs maps a period's codes to their row ids.
func (s *Store) surveyCodeIDs(ctx context.Context, periodID string) (map[string]string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT code, id FROM survey_codes WHERE period_id = ?`, periodID)
	if err != nil {
		return nil, fmt.Errorf("survey codes: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, id string
		if err := rows.Scan(&c, &id); err != nil {
			return nil, fmt.Errorf("survey codes: %w", err)
		}
		out[c] = id
	}
	return out, rows.Err()
}

// SurveyAnswers returns a period's answers of one wave by code.
func (s *Store) SurveyAnswers(ctx context.Context, periodID string, wave Wave) (map[string]SurveyAnswer, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT sc.code, a.q1, a.q2, a.q3, a.q4, a.work, a.programme
		FROM survey_answers a JOIN survey_codes sc ON sc.id = a.code_id WHERE sc.period_id = ? AND a.wave = ?`, periodID, string(wave))
	if err != nil {
		return nil, fmt.Errorf("survey answers: %w", err)
	}
	defer rows.Close()
	out := map[string]SurveyAnswer{}
	for rows.Next() {
		var code string
		var q [NumInterestItems + 1]sql.NullInt64
		var a SurveyAnswer
		if err := rows.Scan(&code, &q[0], &q[1], &q[2], &q[3], &q[4], &a.Programme); err != nil {
			return nil, fmt.Errorf("survey answers: %w", err)
		}
		for i := range a.Items {
			a.Items[i] = int(q[i].Int64)
		}
		a.Work = int(q[NumInterestItems].Int64)
		out[code] = a
	}
	return out, rows.Err()
}

// SurveyExposure is what a pupil of the period met: the host companies,
// the teknikprao host group and the role models (names, sorted), for the
// coordinator's "what worked".
type SurveyExposure struct {
	Hosts, RoleModels []string
	Group             string
}

// SurveyExposures returns, by pupil id, what each pupil of the period met:
// in a classic period the host of their placement and its role models; in
// a teknikprao week the hosts of their team's blocks, the team's host group
// and the role models of the blocks (the offer's when a block names none).
func (s *Store) SurveyExposures(ctx context.Context, periodID string) (map[string]SurveyExposure, error) {
	type row struct{ pupil, kind, name string }
	q := `
	SELECT a.pupil_id, 'host', o.name FROM assignments a JOIN offers f ON f.id = a.offer_id JOIN organisations o ON o.id = f.host_id
		WHERE a.period_id = ?1 AND a.deleted_at IS NULL
	UNION
	SELECT a.pupil_id, 'role', trim(pe.first_name || ' ' || pe.last_name) FROM assignments a
		JOIN offer_role_models rm ON rm.offer_id = a.offer_id JOIN people pe ON pe.id = rm.person_id
		WHERE a.period_id = ?1 AND a.deleted_at IS NULL
	UNION
	SELECT tm.pupil_id, 'group', g.name FROM teams t JOIN team_members tm ON tm.team_id = t.id JOIN host_groups g ON g.id = t.group_id
		WHERE t.period_id = ?1 AND t.deleted_at IS NULL
	UNION
	SELECT tm.pupil_id, 'host', o.name FROM teams t JOIN team_members tm ON tm.team_id = t.id
		JOIN team_blocks tb ON tb.team_id = t.id JOIN offer_days d ON d.id = tb.offer_day_id
		JOIN offers f ON f.id = d.offer_id JOIN organisations o ON o.id = f.host_id
		WHERE t.period_id = ?1 AND t.deleted_at IS NULL
	UNION
	SELECT tm.pupil_id, 'role', trim(pe.first_name || ' ' || pe.last_name) FROM teams t JOIN team_members tm ON tm.team_id = t.id
		JOIN team_blocks tb ON tb.team_id = t.id JOIN offer_days d ON d.id = tb.offer_day_id
		JOIN people pe ON pe.id IN (SELECT person_id FROM offer_day_role_models WHERE offer_day_id = d.id
			UNION SELECT person_id FROM offer_role_models WHERE offer_id = d.offer_id
				AND NOT EXISTS (SELECT 1 FROM offer_day_role_models WHERE offer_day_id = d.id))
		WHERE t.period_id = ?1 AND t.deleted_at IS NULL`
	rows, err := s.q.QueryContext(ctx, q, periodID)
	if err != nil {
		return nil, fmt.Errorf("survey exposures: %w", err)
	}
	defer rows.Close()
	out := map[string]SurveyExposure{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.pupil, &r.kind, &r.name); err != nil {
			return nil, fmt.Errorf("survey exposures: %w", err)
		}
		e := out[r.pupil]
		switch r.kind {
		case "host":
			e.Hosts = append(e.Hosts, r.name)
		case "role":
			e.RoleModels = append(e.RoleModels, r.name)
		case "group":
			e.Group = r.name
		}
		out[r.pupil] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey exposures: %w", err)
	}
	for id, e := range out {
		sort.Strings(e.Hosts)
		sort.Strings(e.RoleModels)
		out[id] = e
	}
	return out, nil
}
