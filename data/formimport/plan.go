package formimport

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"techniqual/data"
	"techniqual/data/classlist"
)

// Options say how a form export is imported.
type Options struct {
	// PeriodID is the period the choices or evaluations are for.
	PeriodID string
	// Resolutions pick, for this import only, what a name the file does not
	// make clear means: Problem.Key → the chosen Suggestion's ID (a pupil's
	// or an offer's id), or SkipChoice for an offer name.
	Resolutions map[string]string
}

// SkipChoice resolves an offer name by leaving that choice out: each pupil
// who wrote it keeps the other choices, moved up a rank. It is what a
// counsellor does with a company that is not in the period (a pupil who
// wrote "Spotify"): the rest of the pupil's answer still counts. It can be
// no id, as ids have no NUL.
const SkipChoice = "\x00skip"

// ProblemKind says whether a problem is about a pupil or an offer.
type ProblemKind string

// The kinds of problem.
const (
	ProblemPupil ProblemKind = "pupil"
	ProblemOffer ProblemKind = "offer"
)

// Problem is a name in the file that is unknown or fits several pupils or
// offers, with the suggestions a user may pick from. One problem may stand
// for many rows (every pupil who wrote "Volvo Cars"), but a name that fits
// several pupils is a problem of its own on each row: two rows alike may
// be two pupils alike.
type Problem struct {
	Key         string // for Options.Resolutions
	Kind        ProblemKind
	Value       string // the name as the file writes it
	Column      string // the header of the column it is in (the first)
	Lines       []int  // the rows it is on
	Reason      RowError
	Suggestions []Suggestion
	Chosen      string // the resolution used, "" when none
}

// Action is what an import does for one pupil.
type Action string

// The actions of a preview.
const (
	ActionSet       Action = "set"       // the pupil had no choices (evaluation) in the period
	ActionReplace   Action = "replace"   // earlier choices (evaluation) are replaced
	ActionUnchanged Action = "unchanged" // the same as in the database
)

// Change is what happens for one pupil: the row that counts and what is saved.
type Change struct {
	Line   int
	Pupil  data.Pupil
	Label  string // the pupil's name, class and school
	Action Action
	// Choices: the offers by rank, and their names ("Host – Title").
	OfferIDs   []string
	OfferNames []string
	// Evaluations: the answers as they will be stored (those the file has
	// no column for are kept from the database).
	Evaluation data.Evaluation
}

// Preview is what an import would do, computed without writing anything.
type Preview struct {
	Kind      Kind
	Period    data.Period
	Changes   []Change // one per pupil, by line
	Set       int
	Replaced  int
	Unchanged int
	BadRows   int        // rows with at least one error
	Errors    []RowError // every error, by line
	Notes     []RowError // what is worth knowing but no error: answers superseded, empty rows, resolved names
	Problems  []Problem  // names to resolve (and those resolved), by first line
}

// Result is what an import did.
type Result struct {
	Set       int
	Replaced  int
	Unchanged int
	Skipped   int        // bad rows left out (only when asked to)
	Errors    []RowError // the errors of the skipped rows
	Notes     []RowError
}

// PreviewChoices works out what importing the choices of f would do. A
// File whose columns are not enough (see File.Check) is refused with the
// same *FileError.
func PreviewChoices(ctx context.Context, st *data.Store, f *File, opts Options) (*Preview, error) {
	return plan(ctx, st, f, opts, KindChoices)
}

// PreviewEvaluations works out what importing the evaluations of f would
// do; a File whose columns are not enough is refused as by PreviewChoices.
func PreviewEvaluations(ctx context.Context, st *data.Store, f *File, opts Options) (*Preview, error) {
	return plan(ctx, st, f, opts, KindEvaluations)
}

// ImportChoices sets the pupils' choices for the period in one transaction,
// replacing what each pupil chose before. When rows have errors, nothing is
// written and the error is a *RowErrors, unless skipBad, which imports the
// good rows and returns the others' errors in the Result.
func ImportChoices(ctx context.Context, st *data.Store, f *File, opts Options, skipBad bool) (Result, error) {
	return run(ctx, st, f, opts, KindChoices, skipBad)
}

// ImportEvaluations saves the pupils' evaluations of the period in one
// transaction: the answers the file has a column for replace earlier ones,
// the others are kept. A pupil without a placement in the period is a row
// error (an evaluation is of a placement); errors as for ImportChoices.
func ImportEvaluations(ctx context.Context, st *data.Store, f *File, opts Options, skipBad bool) (Result, error) {
	return run(ctx, st, f, opts, KindEvaluations, skipBad)
}

func run(ctx context.Context, st *data.Store, f *File, opts Options, kind Kind, skipBad bool) (Result, error) {
	var res Result
	err := st.InTx(ctx, func(tx *data.Store) error {
		p, err := plan(ctx, tx, f, opts, kind)
		if err != nil {
			return err
		}
		if p.BadRows > 0 && !skipBad {
			return &RowErrors{Errors: p.Errors}
		}
		res = Result{Set: p.Set, Replaced: p.Replaced, Unchanged: p.Unchanged, Skipped: p.BadRows, Errors: p.Errors, Notes: p.Notes}
		// Written in the order of the pupils' keys, which keeps SQLite's
		// index pages warm.
		changes := slices.Clone(p.Changes)
		slices.SortFunc(changes, func(a, b Change) int { return cmp.Compare(a.Pupil.ID, b.Pupil.ID) })
		for _, c := range changes {
			if c.Action == ActionUnchanged {
				continue
			}
			var err error
			if kind == KindChoices {
				err = tx.SetPreferences(ctx, c.Pupil.ID, p.Period.ID, c.OfferIDs)
			} else {
				err = tx.SaveEvaluation(ctx, c.Evaluation)
			}
			if err != nil {
				return fmt.Errorf("line %d: %w", c.Line, err)
			}
		}
		return nil
	})
	return res, err
}

// row is one data row as understood.
type row struct {
	line    int
	pupil   int // index in the pupil index, -1 when not found
	query   pupilQuery
	when    time.Time
	hasWhen bool
	empty   bool // nothing answered
	// allSkipped: every choice was left out (SkipChoice), so the row
	// changes nothing, though it is the pupil's answer.
	allSkipped bool
	errs       []RowError
	resolved   []string // keys of problems whose resolution the row used
	// ambiguous: the name fits several pupils, so the pupil (if any) is
	// the one picked for this row.
	ambiguous bool
	nameCol   string // the header of the column the name was read from
	clash     bool   // picked as the same pupil as another such row
	offers    []int
	eval      data.Evaluation
}

// planner holds what one preview needs.
type planner struct {
	f        *File
	kind     Kind
	opts     Options
	pupils   *pupilIndex
	offers   *offerIndex
	problems map[string]*Problem
	notes    []RowError
}

func plan(ctx context.Context, st *data.Store, f *File, opts Options, kind Kind) (*Preview, error) {
	if f == nil || f.Kind != kind {
		return nil, fileErr(msgWrongKind)
	}
	if err := f.Check(); err != nil {
		return nil, err // columns still to be mapped
	}
	per, err := st.GetPeriod(ctx, opts.PeriodID)
	if errors.Is(err, data.ErrNotFound) || opts.PeriodID == "" {
		return nil, fileErr(msgNoPeriod)
	}
	if err != nil {
		return nil, err
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		return nil, err
	}
	schools, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	pl := &planner{f: f, kind: kind, opts: opts, pupils: newPupilIndex(per, pupils, schools), problems: map[string]*Problem{}}
	before := map[string][]string{}
	evals := map[string]data.Evaluation{}
	placed := map[string]bool{}
	if kind == KindChoices {
		offers, err := st.ListOffers(ctx, data.OfferFilter{})
		if err != nil {
			return nil, err
		}
		hosts, err := st.ListOrganisations(ctx, data.KindCompany)
		if err != nil {
			return nil, err
		}
		periods, err := st.ListPeriods(ctx)
		if err != nil {
			return nil, err
		}
		pl.offers = newOfferIndex(per, offers, hosts, periods)
		prefs, err := st.ListPreferences(ctx, per.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range prefs {
			before[p.PupilID] = append(before[p.PupilID], p.OfferID)
		}
	} else {
		es, err := st.ListEvaluations(ctx, per.ID)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			evals[e.PupilID] = e
		}
		as, err := st.ListAssignments(ctx, per.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			placed[a.PupilID] = true
		}
	}

	rows := make([]row, len(f.Records))
	for i, rec := range f.Records {
		rows[i] = pl.parse(rec)
	}

	// An evaluation is of a placement: the Utvärderingar grid and the
	// statistics know placed pupils only.
	if kind == KindEvaluations {
		for i := range rows {
			if r := &rows[i]; r.pupil >= 0 && !r.empty && !placed[pl.pupils.pupils[r.pupil].ID] {
				r.errs = append(r.errs, RowError{Line: r.line, Column: r.nameCol, Message: msgNotPlaced,
					Data: map[string]string{"Pupil": pl.pupils.pupils[r.pupil].Name()}})
			}
		}
	}

	// Rows whose pupil was picked among namesakes are no second answer of
	// one pupil: two of them picked as the same pupil is an error, not an
	// answer superseded (it would leave the other namesake without one).
	picked := map[int][]int{}
	for i := range rows {
		if r := &rows[i]; r.ambiguous && r.pupil >= 0 && !r.empty {
			picked[r.pupil] = append(picked[r.pupil], i)
		}
	}
	for pu, is := range picked {
		if len(is) < 2 {
			continue
		}
		for _, i := range is {
			r := &rows[i]
			r.clash = true
			var others []string
			for _, j := range is {
				if j != i {
					others = append(others, strconv.Itoa(rows[j].line))
				}
			}
			// r.resolved[0] is the pupil's problem: an ambiguous row has a
			// pupil only by its resolution.
			r.errs = append(r.errs, RowError{Line: r.line, Column: r.nameCol, Message: msgPupilTwice, Problem: r.resolved[0],
				Data: map[string]string{"Pupil": pl.pupils.labels[pu], "Other": strings.Join(others, ", ")}})
		}
	}

	// A pupil who answered more than once: the latest answer counts.
	latest := map[int]int{}
	for i := range rows {
		r := &rows[i]
		if r.pupil < 0 || r.empty || r.clash {
			continue
		}
		j, ok := latest[r.pupil]
		if !ok || later(r, &rows[j]) {
			latest[r.pupil] = i
		}
	}
	pv := &Preview{Kind: kind, Period: per}
	for i := range rows {
		r := &rows[i]
		if r.pupil >= 0 && !r.empty && !r.clash {
			if w, ok := latest[r.pupil]; ok && w != i {
				pl.note(r.line, "", noteSuperseded, "Pupil", pl.pupils.pupils[r.pupil].Name(), "Other", strconv.Itoa(rows[w].line))
				continue
			}
		}
		for _, k := range r.resolved {
			pl.problems[k].Lines = append(pl.problems[k].Lines, r.line)
		}
		if len(r.errs) > 0 {
			pv.BadRows++
			pv.Errors = append(pv.Errors, r.errs...)
			for _, e := range r.errs {
				if p := pl.problems[e.Problem]; e.Problem != "" && p != nil && !slices.Contains(p.Lines, r.line) {
					p.Lines = append(p.Lines, r.line)
				}
			}
			continue
		}
		if r.empty || r.allSkipped || r.pupil < 0 {
			continue
		}
		p := pl.pupils.pupils[r.pupil]
		c := Change{Line: r.line, Pupil: p, Label: pl.pupils.labels[r.pupil]}
		if kind == KindChoices {
			for _, o := range r.offers {
				c.OfferIDs = append(c.OfferIDs, pl.offers.offers[o].ID)
				c.OfferNames = append(c.OfferNames, pl.offers.labels[o])
			}
			old, had := before[p.ID]
			switch {
			case !had:
				c.Action = ActionSet
			case slices.Equal(old, c.OfferIDs):
				c.Action = ActionUnchanged
			default:
				c.Action = ActionReplace
			}
		} else {
			// The answers the file has a column for replace the stored
			// ones; the others (a form that asked only afterwards) stay.
			old, had := evals[p.ID]
			c.Evaluation = old
			c.Evaluation.PupilID, c.Evaluation.PeriodID = p.ID, per.ID
			if f.Has(FieldInterestBefore) {
				c.Evaluation.InterestBefore = r.eval.InterestBefore
			}
			if f.Has(FieldInterestAfter) {
				c.Evaluation.InterestAfter = r.eval.InterestAfter
			}
			if f.Has(FieldRecommend) {
				c.Evaluation.WouldRecommend = r.eval.WouldRecommend
			}
			if f.Has(FieldComment) {
				c.Evaluation.Comment = r.eval.Comment
			}
			switch {
			case !had:
				c.Action = ActionSet
			case sameEvaluation(old, c.Evaluation):
				c.Action = ActionUnchanged
			default:
				c.Action = ActionReplace
			}
		}
		switch c.Action {
		case ActionSet:
			pv.Set++
		case ActionReplace:
			pv.Replaced++
		default:
			pv.Unchanged++
		}
		pv.Changes = append(pv.Changes, c)
	}
	for _, p := range pl.problems {
		if len(p.Lines) > 0 {
			pv.Problems = append(pv.Problems, *p)
		}
	}
	slices.SortFunc(pv.Problems, func(a, b Problem) int { return cmp.Or(cmp.Compare(a.Lines[0], b.Lines[0]), cmp.Compare(a.Key, b.Key)) })
	for _, p := range pv.Problems {
		if p.Chosen == SkipChoice {
			pl.note(p.Lines[0], p.Column, noteSkipped, "Value", clip(p.Value))
		} else if p.Chosen != "" {
			for _, s := range p.Suggestions {
				if s.ID == p.Chosen {
					pl.note(p.Lines[0], p.Column, noteResolved, "Value", clip(p.Value), "Choice", s.Text)
				}
			}
		}
	}
	slices.SortStableFunc(pl.notes, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
	pv.Notes = pl.notes
	return pv, nil
}

// later reports whether a is a later answer than b: by the timestamps when
// both have one, else by the order of the lines.
func later(a, b *row) bool {
	if a.hasWhen && b.hasWhen && !a.when.Equal(b.when) {
		return a.when.After(b.when)
	}
	return a.line > b.line
}

func sameEvaluation(a, b data.Evaluation) bool {
	rec := func(p *bool) int {
		if p == nil {
			return -1
		}
		if *p {
			return 1
		}
		return 0
	}
	return a.InterestBefore == b.InterestBefore && a.InterestAfter == b.InterestAfter &&
		rec(a.WouldRecommend) == rec(b.WouldRecommend) && a.Comment == b.Comment
}

func (pl *planner) note(line int, col string, m Message, kv ...string) {
	pl.notes = append(pl.notes, RowError{Line: line, Column: col, Message: m, Data: data.Pairs(kv...)})
}

// cell is the value of column c in a record.
func cell(r classlist.Record, c Column) string {
	if c.Index < len(r.Cells) {
		return strings.TrimSpace(r.Cells[c.Index])
	}
	return ""
}

// parse reads one record: who the pupil is, when they answered, and what.
func (pl *planner) parse(rec classlist.Record) row {
	r := row{line: rec.Line, pupil: -1}
	var name, first, last, nameCol, firstCol string
	answered := false
	for _, c := range pl.f.Columns {
		v := cell(rec, c)
		if v == "" {
			continue
		}
		switch c.Field {
		case FieldName, FieldFirstName, FieldLastName, FieldClass:
			// A direction override or a zero-width character typed into
			// a form would keep the pupil from being found.
			v = data.CleanName(v)
		}
		switch c.Field {
		case FieldName:
			name, nameCol = v, c.Header
		case FieldFirstName:
			first, firstCol = v, c.Header
		case FieldLastName:
			last = v
			if firstCol == "" {
				firstCol = c.Header
			}
		case FieldClass:
			r.query.class = v
		case FieldSchool:
			r.query.school = v
		case FieldTimestamp:
			if t, ok := parseTime(v); ok {
				r.when, r.hasWhen = t, true
			}
		case FieldChoice, FieldChoiceList, FieldInterestBefore, FieldInterestAfter, FieldRecommend, FieldComment:
			if !noAnswer(v) {
				answered = true
			}
		}
	}
	// Separate first and last names say more than a form tool's own "Namn".
	if first != "" || last != "" {
		name, nameCol = strings.TrimSpace(first+" "+last), firstCol
	}
	r.query.name, r.nameCol = name, nameCol
	if strings.TrimSpace(name) == "" {
		if !answered {
			r.empty = true // a blank line of a spreadsheet with only a timestamp
			return r
		}
		col := ""
		for _, c := range pl.f.Columns {
			if c.Field == FieldName || c.Field == FieldFirstName {
				col = c.Header
				break
			}
		}
		r.errs = append(r.errs, RowError{Line: r.line, Column: col, Message: msgNameMissing})
	} else {
		i, fail := pl.pupils.find(r.query)
		if fail != nil {
			key := r.query.key()
			if fail.msg == msgPupilAmbiguous {
				// Two rows alike may be two pupils alike (two Noa Öberg in
				// 8A): each row is resolved on its own.
				key += "\x1f" + strconv.Itoa(r.line)
				r.ambiguous = true
			}
			if id, ok := pl.opts.Resolutions[key]; ok {
				if j, ok := pl.pupils.resolve(id); ok {
					i, fail = j, nil
					pl.problem(key, ProblemPupil, nameCol, r.line, *fail0(pl.pupils, j, r.query)).Chosen = id
					r.resolved = append(r.resolved, key)
				}
			}
			if fail != nil {
				r.errs = append(r.errs, pl.failed(r.line, nameCol, key, ProblemPupil, fail))
			}
		}
		r.pupil = i
	}
	if !answered {
		pl.leaveOut(&r)
		return r
	}
	if pl.kind == KindChoices {
		pl.parseChoices(rec, &r)
	} else {
		pl.parseEvaluation(rec, &r)
	}
	return r
}

// leaveOut marks a row that answers nothing: nothing to import, whoever
// it names (and nothing erased: no choices is not "no longer any choices").
func (pl *planner) leaveOut(r *row) {
	r.empty, r.errs, r.resolved, r.ambiguous = true, nil, nil, false
	if r.pupil >= 0 {
		m := noteNoChoices
		if pl.kind == KindEvaluations {
			m = noteNoAnswers
		}
		pl.note(r.line, "", m, "Pupil", pl.pupils.pupils[r.pupil].Name())
	}
}

// fail0 is the failure a resolved pupil row had, for the problem's record.
func fail0(x *pupilIndex, i int, q pupilQuery) *failure {
	_, f := x.find(q)
	if f == nil {
		f = &failure{msg: msgPupilUnknown, data: map[string]string{"Value": clip(q.name)}, value: q.name}
	}
	// The chosen pupil must be selectable even when not among the suggestions.
	if !slices.ContainsFunc(f.sugg, func(s Suggestion) bool { return s.ID == x.pupils[i].ID }) {
		f.sugg = append(f.sugg, x.suggestion(i, 0))
	}
	return f
}

// problem records (once) a name to resolve.
func (pl *planner) problem(key string, kind ProblemKind, col string, line int, f failure) *Problem {
	p, ok := pl.problems[key]
	if !ok {
		p = &Problem{Key: key, Kind: kind, Value: f.value, Column: col, Suggestions: f.sugg,
			Reason: RowError{Line: line, Column: col, Message: f.msg, Data: f.data, Problem: key}}
		pl.problems[key] = p
	}
	return p
}

// failed turns a failure into the row's error, recording its problem when
// there is something to pick from.
func (pl *planner) failed(line int, col, key string, kind ProblemKind, f *failure) RowError {
	e := RowError{Line: line, Column: col, Message: f.msg, Data: f.data}
	// An offer name is always a problem: with no offer like it, the choice
	// can still be left out (SkipChoice).
	if len(f.sugg) > 0 || kind == ProblemOffer {
		e.Problem = key
		if len(f.sugg) > 0 && f.msg != msgPupilAmbiguous && f.msg != msgOfferAmbiguous {
			e.Suggestion = f.sugg[0].Text
		}
		pl.problem(key, kind, col, line, *f)
	}
	return e
}

func (pl *planner) parseChoices(rec classlist.Record, r *row) {
	type pick struct {
		value, col string
		rank       int
	}
	var picks []pick
	var list []Column
	tooMany := ""
	for _, c := range pl.f.Columns {
		switch c.Field {
		case FieldChoice:
			if v := cell(rec, c); !noAnswer(v) {
				picks = append(picks, pick{v, c.Header, c.Rank})
				if c.Rank > data.MaxChoices && tooMany == "" {
					tooMany = c.Header
				}
			}
		case FieldChoiceList:
			list = append(list, c)
		}
	}
	slices.SortStableFunc(picks, func(a, b pick) int { return cmp.Compare(a.rank, b.rank) })
	for _, c := range list {
		for _, v := range strings.FieldsFunc(cell(rec, c), func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
			if v = strings.TrimSpace(v); !noAnswer(v) {
				picks = append(picks, pick{v, c.Header, len(picks) + 1})
			}
		}
	}
	if len(picks) == 0 {
		// A ranking cell of only "Inget;Inget": no choice at all.
		pl.leaveOut(r)
		return
	}
	if len(picks) > data.MaxChoices || tooMany != "" {
		if tooMany == "" {
			tooMany = picks[data.MaxChoices].col
		}
		r.errs = append(r.errs, RowError{Line: r.line, Column: tooMany, Message: msgTooMany,
			Data: map[string]string{"Max": strconv.Itoa(data.MaxChoices)}})
	}
	seen := map[int]string{}
	skipped := false
	for _, p := range picks {
		i, fail := pl.offers.find(p.value)
		if fail != nil {
			key := offerProblemKey(p.value)
			if id, ok := pl.opts.Resolutions[key]; ok {
				if id == SkipChoice {
					pl.problem(key, ProblemOffer, p.col, r.line, *fail).Chosen = SkipChoice
					r.resolved = append(r.resolved, key)
					skipped = true
					continue
				}
				if j, ok := pl.offers.byID[id]; ok {
					i, fail = j, nil
					f := *pl.offerFailure(p.value, j)
					pl.problem(key, ProblemOffer, p.col, r.line, f).Chosen = id
					r.resolved = append(r.resolved, key)
				}
			}
			if fail != nil {
				r.errs = append(r.errs, pl.failed(r.line, p.col, key, ProblemOffer, fail))
				continue
			}
		}
		if other, dup := seen[i]; dup {
			r.errs = append(r.errs, RowError{Line: r.line, Column: p.col, Message: msgOfferTwice,
				Data: map[string]string{"Other": other}})
			continue
		}
		seen[i] = p.col
		r.offers = append(r.offers, i)
	}
	if skipped && len(r.offers) == 0 && len(r.errs) == 0 {
		// Every choice left out: the row changes nothing, and keeps its
		// problems so that the choice can be changed back. It is still the
		// pupil's latest answer, so an older row of theirs is not taken
		// instead (review).
		r.allSkipped = true
		if r.pupil >= 0 {
			pl.note(r.line, "", noteAllSkipped, "Pupil", pl.pupils.pupils[r.pupil].Name())
		}
	}
}

// offerFailure is the failure a resolved offer name had, with the chosen
// offer among its suggestions.
func (pl *planner) offerFailure(value string, chosen int) *failure {
	_, f := pl.offers.find(value)
	g := *f
	id := pl.offers.offers[chosen].ID
	if !slices.ContainsFunc(g.sugg, func(s Suggestion) bool { return s.ID == id }) {
		g.sugg = append(slices.Clone(g.sugg), Suggestion{ID: id, Text: pl.offers.labels[chosen]})
	}
	return &g
}

func (pl *planner) parseEvaluation(rec classlist.Record, r *row) {
	for _, c := range pl.f.Columns {
		v := cell(rec, c)
		switch c.Field {
		case FieldInterestBefore, FieldInterestAfter:
			n, ok := parseScale(v)
			if !ok {
				r.errs = append(r.errs, RowError{Line: r.line, Column: c.Header, Message: msgScaleBad,
					Data: map[string]string{"Value": clip(v)}})
			} else if c.Field == FieldInterestBefore {
				r.eval.InterestBefore = n
			} else {
				r.eval.InterestAfter = n
			}
		case FieldRecommend:
			b, ok := parseRecommend(v)
			if !ok {
				r.errs = append(r.errs, RowError{Line: r.line, Column: c.Header, Message: msgYesNoBad,
					Data: map[string]string{"Value": clip(v)}})
			}
			r.eval.WouldRecommend = b
		case FieldComment:
			if utf8.RuneCountInString(v) > data.MaxComment {
				r.errs = append(r.errs, RowError{Line: r.line, Column: c.Header, Message: msgCommentLong,
					Data: map[string]string{"Max": strconv.Itoa(data.MaxComment)}})
				continue
			}
			if masked, found := data.MaskPersonnummerIn(v); found {
				// No personnummer is stored: all but the birth date goes.
				v = masked
				pl.note(r.line, c.Header, notePnrMasked)
			}
			if v != "" {
				r.eval.Comment = strings.TrimSpace(strings.Join(nonEmpty(r.eval.Comment, v), "\n"))
			}
		}
	}
}
