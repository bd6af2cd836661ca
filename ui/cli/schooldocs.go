package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
)

var cmdPDFSchool = &Command{
	UsageLine: "catalogue|guardian-letters|risk-assessments --db PATH --period NAME\n[--school NAME] [--class NAME] [--lang sv|en] --out FILE.pdf",
	Short:     "a period's offer catalogue, guardian letters with reply slips, or risk assessments",
	Long: `Pdf catalogue|guardian-letters|risk-assessments prints a school's documents
of a prao period into one PDF.

catalogue lists every approved offer of the period with its short code (the
code pupils write on their slip and the counsellor types in the choices
grid), host, municipality, what the pupil will do and meet, days and seats,
followed by reply slips for five codes. With --school or --class only the
offers those pupils may take are listed (grade, least age, approved) and
every pupil gets a slip with their name.

guardian-letters prints one information letter per pupil of the period (all,
one school's or one class's) in the school's own text when it has one,
with the placement when the pupil is placed and a reply slip: consent,
allergies, how the pupil travels, a phone number during prao. The letter
goes to the pupil's own guardians, so each pupil is named in their own
letter only.

risk-assessments prints the host's risk assessment of each offer (tasks,
machines, substances, protective gear, supervision of minors) with lines
for the host's and the school's signatures: every approved offer, or with
--school or --class the offers where those pupils are placed. It names no
pupil.

Prints that name pupils are recorded in the audit log.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		school := fs.String("school", "", "only the pupils of this school")
		class := fs.String("class", "", "only the pupils of this class")
		langFlag(fs, env, "language of the documents")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			doc := ops.SchoolDoc("")
			if len(pos) == 1 {
				doc = ops.SchoolDoc(pos[0])
			}
			if !doc.Valid() || *db == "" || strings.TrimSpace(*period) == "" || *out == "" || isFolder(*out) {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findPeriod(ctx, st, *period, env, "pdf")
			if !ok {
				return exitFailure
			}
			f, ok := docFilter(ctx, st, *school, *class, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			res, err := ops.PrintSchool(ctx, st, ops.SchoolPrint{Doc: doc, Period: per, Filter: f, Path: *out,
				Scope:   ops.Scope{School: strings.TrimSpace(*school), Class: strings.TrimSpace(*class)},
				Options: reports.Options{Lang: env.Lang.Code()}})
			if errors.Is(err, reports.ErrNothing) {
				what := map[ops.SchoolDoc]string{ops.DocGuardianLetters: "no pupils", ops.DocRiskAssessments: "no offers"}[doc]
				fmt.Fprintf(env.Stderr, "techniqual pdf: %s in %q%s; nothing to print\n", what, per.Name, describeFilter(*school, *class))
				return exitFailure
			}
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", ops.Message(text.English, err))
				return exitFailure
			}
			switch doc {
			case ops.DocCatalogue:
				fmt.Fprintf(env.Stdout, "%s: %d offers, %d slips with names: %s\n", doc, res.Units, len(res.PupilIDs), *out)
			case ops.DocGuardianLetters:
				fmt.Fprintf(env.Stdout, "%s: %d pupils: %s\n", doc, res.Units, *out)
			default:
				fmt.Fprintf(env.Stdout, "%s: %d offers: %s\n", doc, res.Units, *out)
			}
			return exitOK
		}
	},
}
