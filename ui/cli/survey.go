package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/data/surveyfile"
	"techniqual/reports"
	"techniqual/ui/ops"
)

var cmdPDFQuestionnaires = &Command{
	UsageLine: "questionnaires --db PATH --period NAME [--school NAME] [--class NAME]\n[--lang sv|en] --out FILE.pdf",
	Short:     "the questionnaire before and after: code slips and forms per class",
	Long: `Pdf questionnaires prints the period's questionnaire for its pupils and
its comparison classes (all, one school's or one class's): per class a page
of slips, each with a pupil's name and code, to cut apart and hand out,
then one form per pupil with the items and a box for the code. The form
carries no name; the same code is used before and after. Pupils without a
code get one now. The slips name pupils, so the print is recorded in the
audit log.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		school := fs.String("school", "", "only the pupils of this school")
		class := fs.String("class", "", "only the pupils of this class")
		langFlag(fs, env, "language of the questionnaire")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*period) == "" || *out == "" {
				return env.usageError()
			}
			if isFolder(*out) {
				fmt.Fprintf(env.Stderr, "techniqual pdf questionnaires: --out %s is a folder; name the PDF file\n", *out)
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf questionnaires")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findPeriod(ctx, st, *period, env, "pdf questionnaires")
			if !ok {
				return exitFailure
			}
			f, ok := docFilter(ctx, st, *school, *class, env.Stderr, "pdf questionnaires")
			if !ok {
				return exitFailure
			}
			res, err := ops.PrintQuestionnaires(ctx, st, per, f, ops.Scope{School: strings.TrimSpace(*school), Class: strings.TrimSpace(*class)},
				*out, reports.Options{Lang: env.Lang.Code()})
			switch {
			case errors.Is(err, reports.ErrNothing):
				fmt.Fprintf(env.Stderr, "techniqual pdf questionnaires: no pupil of %q%s; nothing printed\n", per.Name, describeFilter(*school, *class))
				return exitFailure
			case err != nil:
				fmt.Fprintln(env.Stderr, "techniqual pdf questionnaires:", ops.Message(env.Lang, err))
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "questionnaires %s: %d classes, %d pupils, %d new codes: %s\n", per.Name, res.Classes, res.Pupils, res.NewCodes, *out)
			return exitOK
		}
	},
}

var cmdImportSurvey = &Command{
	UsageLine: "survey --db PATH --period NAME --wave before|after [--lang sv|en] FILE",
	Short:     "questionnaire answers from a form tool, CSV or XLSX, by code",
	Long: `Import survey reads one wave of the questionnaire's answers exported from a
form tool (CSV or XLSX) and records them by the pupils' codes. The file needs
a column of codes ("Kod", "Code"); the items' columns are known by their
text, "Fråga 1"…"Fråga 6" or q1…q4, work, programme. A file with any
problem — a code that is not the period's, an answer outside 1–5, a code
twice — changes nothing: every problem is listed with its line (exit 1).`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		wave := fs.String("wave", "", "before or after")
		langFlag(fs, env, "language of the messages")
		return func(ctx context.Context, env *Env, pos []string) int {
			w := data.Wave(strings.TrimSpace(*wave))
			if len(pos) != 2 || *db == "" || strings.TrimSpace(*period) == "" || !w.Valid() {
				return env.usageError()
			}
			file, l := pos[1], env.Lang
			st, ok := openExisting(ctx, *db, env.Stderr, "import survey")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findPeriod(ctx, st, *period, env, "import survey")
			if !ok {
				return exitFailure
			}
			res, err := ops.ImportSurvey(ctx, st, per.ID, w, file)
			var fe *surveyfile.Error
			switch {
			case errors.As(err, &fe):
				fmt.Fprintf(env.Stderr, "techniqual import survey: %s: %s\n", file, l.Pick("filen har fel; inget importerades:", "the file has errors; nothing was imported:"))
				lines := strings.Split(fe.Text(l), "\n")
				if len(lines) > maxErrorsShown {
					more := len(lines) - maxErrorsShown
					lines = append(lines[:maxErrorsShown], fmt.Sprintf(l.Pick("… och %d till", "… and %d more"), more))
				}
				printLines(env.Stderr, lines)
				return exitFailure
			case err != nil:
				fmt.Fprintf(env.Stderr, "techniqual import survey: %s: %s\n", file, ops.Message(l, err))
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "survey %s, %s: %d answers imported, %d without an answer in the other wave yet\n", per.Name, w, res.Answers, res.Unpaired)
			return exitOK
		}
	},
}

var cmdEffect = &Command{
	UsageLine: "effect --db PATH --period NAME [--json] [--lang sv|en]",
	Short:     "the questionnaire's change before → after, with a 95 % interval",
	Long: `Effect shows the change of the pupils' interest in technology from the
questionnaire before to the one after, paired by code: for girls, boys,
other and all, the number of paired pupils (n), the means before and
after, the mean change and its 95 % bootstrap interval (seeded: the same
answers give the same interval), and, when comparison classes answered,
their change and the difference in differences. Groups of fewer than 5
pupils are hidden ("hidden": true). Pupils who answered only once are
counted and left out of the change.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		asJSON := fs.Bool("json", false, "print JSON")
		langFlag(fs, env, "language of the words")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 0 || *db == "" || strings.TrimSpace(*period) == "" {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "effect")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findPeriod(ctx, st, *period, env, "effect")
			if !ok {
				return exitFailure
			}
			d, err := stats.LoadSurvey(ctx, st, per)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual effect:", err)
				return exitFailure
			}
			e := stats.ComputeEffect(d.Pupils, per.Name)
			if *asJSON {
				b, _ := json.MarshalIndent(effectJSON(per, e), "", "  ")
				fmt.Fprintln(env.Stdout, string(b))
				return exitOK
			}
			printEffect(env, per, e)
			return exitOK
		}
	},
}

// findPeriod finds a period by name, saying on stderr when there is none.
func findPeriod(ctx context.Context, st *data.Store, name string, env *Env, cmd string) (data.Period, bool) {
	per, err := st.FindPeriod(ctx, strings.TrimSpace(name))
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "techniqual %s: there is no prao period named %q (see: techniqual list periods)\n", cmd, name)
		return data.Period{}, false
	} else if err != nil {
		fmt.Fprintf(env.Stderr, "techniqual %s: %v\n", cmd, err)
		return data.Period{}, false
	}
	return per, true
}

// effectChange is what a group and its comparison both tell: hidden, or
// the size, the means before and after and the change with its interval.
// Embedded, its fields come first in each JSON object.
type effectChange struct {
	Hidden bool     `json:"hidden"`
	N      *int     `json:"n,omitempty"`
	Before *float64 `json:"before,omitempty"`
	After  *float64 `json:"after,omitempty"`
	Change *float64 `json:"change,omitempty"`
	CILow  *float64 `json:"ci_low,omitempty"`
	CIHigh *float64 `json:"ci_high,omitempty"`
}

// effectGroup is one group of the JSON: hidden, or its figures.
type effectGroup struct {
	effectChange
	RoseShare  *float64          `json:"rose_share,omitempty"`
	Measurable *bool             `json:"measurable,omitempty"`
	Comparison *effectComparison `json:"comparison,omitempty"`
}

// effectComparison is the comparison classes' change and the difference
// in differences (this group's change minus theirs).
type effectComparison struct {
	effectChange
	Difference       *float64 `json:"difference,omitempty"`
	DifferenceCILow  *float64 `json:"difference_ci_low,omitempty"`
	DifferenceCIHigh *float64 `json:"difference_ci_high,omitempty"`
}

// effectOut is the JSON of techniqual effect.
type effectOut struct {
	Period   string                 `json:"period"`
	Scale    string                 `json:"scale"`
	Groups   map[string]effectGroup `json:"groups"`
	Unpaired struct {
		BeforeOnly int `json:"before_only"`
		AfterOnly  int `json:"after_only"`
	} `json:"unpaired"`
	ComparisonUnpaired *struct {
		BeforeOnly int `json:"before_only"`
		AfterOnly  int `json:"after_only"`
	} `json:"comparison_unpaired,omitempty"`
}

// groupKeys name the groups in the JSON, in stats.Group order then all.
var groupKeys = [stats.NumGroups + 1]string{"girls", "boys", "other", "all"}

// r2 rounds to 3 decimals for the JSON (the intervals are not more exact).
func r2(x float64) *float64 {
	v := math.Round(x*1000) / 1000
	return &v
}

// changeJSON is a paired change as the JSON gives it: hidden, or its size
// and, when anybody answered, its figures.
func changeJSON(c stats.Change) effectChange {
	if c.Hidden {
		return effectChange{Hidden: true}
	}
	n := c.N
	out := effectChange{N: &n}
	if n > 0 {
		out.Before, out.After, out.Change, out.CILow, out.CIHigh = r2(c.Before), r2(c.After), r2(c.Change), r2(c.CILow), r2(c.CIHigh)
	}
	return out
}

func effectJSON(per data.Period, e stats.Effect) effectOut {
	out := effectOut{Period: per.Name, Scale: data.SurveyScaleVersion, Groups: map[string]effectGroup{}}
	for k, c := range e.Interest {
		g := effectGroup{effectChange: changeJSON(c)}
		if !c.Hidden {
			m := c.Measurable()
			g.Measurable = &m
			if c.N > 0 && !c.Up.Hidden() {
				g.RoseShare = r2(c.Up.Ratio())
			}
		}
		if e.HasComparison {
			cc, d := e.ComparisonInterest[k], e.Versus[k]
			cmp := effectComparison{effectChange: changeJSON(cc)}
			if !cc.Hidden && !d.Hidden {
				cmp.Difference, cmp.DifferenceCILow, cmp.DifferenceCIHigh = r2(d.Value), r2(d.CILow), r2(d.CIHigh)
			}
			g.Comparison = &cmp
		}
		out.Groups[groupKeys[k]] = g
	}
	out.Unpaired.BeforeOnly, out.Unpaired.AfterOnly = e.Unpaired.BeforeOnly.N, e.Unpaired.AfterOnly.N
	if e.HasComparison {
		out.ComparisonUnpaired = &struct {
			BeforeOnly int `json:"before_only"`
			AfterOnly  int `json:"after_only"`
		}{e.ComparisonUnpaired.BeforeOnly.N, e.ComparisonUnpaired.AfterOnly.N}
	}
	return out
}

// printEffect prints the effect as lines for a person.
func printEffect(env *Env, per data.Period, e stats.Effect) {
	l := env.Lang
	w := env.Stdout
	fmt.Fprintf(w, "%s: %s\n", per.Name, data.SurveyScaleVersion)
	names := [stats.NumGroups + 1]string{l.Pick("flickor", "girls"), l.Pick("pojkar", "boys"), l.Pick("annat/okänt", "other"), l.Pick("alla", "all")}
	for k, c := range e.Interest {
		switch {
		case c.Hidden:
			fmt.Fprintf(w, "%s: %s\n", names[k], l.Pick("dolt (färre än 5)", "hidden (fewer than 5)"))
		case c.N == 0:
			fmt.Fprintf(w, "%s: n 0\n", names[k])
		default:
			fmt.Fprintf(w, "%s: n %d, %s %s, %s %s, %s %s (95 %% %s %s). %s\n", names[k], c.N,
				l.Pick("före", "before"), stats.Decimal(l, c.Before), l.Pick("efter", "after"), stats.Decimal(l, c.After),
				l.Pick("förändring", "change"), stats.Signed(l, c.Change), l.Pick("KI", "CI"), stats.Interval(l, c.CILow, c.CIHigh), c.Words(l))
		}
		if e.HasComparison {
			fmt.Fprintf(w, "  %s %s\n", l.Pick("jämförelse:", "comparison:"), e.Versus[k].Words(l))
		}
	}
	fmt.Fprintf(w, l.Pick("svarade bara före: %d, bara efter: %d (inte med i förändringen)\n", "answered only before: %d, only after: %d (not in the change)\n"),
		e.Unpaired.BeforeOnly.N, e.Unpaired.AfterOnly.N)
}
