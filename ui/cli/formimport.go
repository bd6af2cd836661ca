package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"techniqual/data"
	"techniqual/data/formimport"
	"techniqual/ui/ops"
)

var cmdImportForm = &Command{
	UsageLine: "choices|evaluations --db PATH --period NAME [--skip-bad-rows] [--lang sv|en] FILE",
	Short:     "a form tool's export (Microsoft/Google Forms, a spreadsheet), CSV or XLSX",
	Long: `Import choices|evaluations imports pupils' choices or evaluations from a
form tool's export with the same reading, tolerant matching and
all-or-nothing writing as the window's wizard. A file with errors changes
nothing (exit 1, the first errors with their suggestions on stderr) unless
--skip-bad-rows, which imports the good rows.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "the prao period the answers are for")
		skip := fs.Bool("skip-bad-rows", false, "import the good rows and report the bad ones")
		langFlag(fs, env, "language of the messages")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 2 || *db == "" || *period == "" {
				return env.usageError()
			}
			kind, file, l := formimport.Kind(pos[0]), pos[1], env.Lang
			f, err := ops.ReadForm(kind, file)
			if err != nil {
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, ops.Message(l, err))
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "import")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, err := st.FindPeriod(ctx, *period)
			if err != nil {
				if errors.Is(err, data.ErrNotFound) {
					fmt.Fprintf(env.Stderr, "techniqual import: %s\n", fmt.Sprintf(l.Pick("ingen praoperiod heter %q%s", "no period named %q%s"),
						*period, periodNames(ctx, st, l.Pick("praoperioder", "periods"))))
				} else {
					fmt.Fprintf(env.Stderr, "techniqual import: %v\n", err)
				}
				return exitFailure
			}
			res, err := ops.ImportForm(ctx, st, f, formimport.Options{PeriodID: per.ID}, *skip)
			var re *formimport.RowErrors
			switch {
			case errors.As(err, &re):
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, nothingImported(l, re.Lines()))
				printLines(env.Stderr, ops.RowMessages(l, re.Errors, maxErrorsShown))
				return exitFailure
			case err != nil:
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, ops.Message(l, err))
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "set %d, replaced %d, unchanged %d, errors %d\n", res.Set, res.Replaced, res.Unchanged, res.Skipped)
			printLines(env.Stdout, ops.RowMessages(l, res.Notes, maxErrorsShown))
			if res.Skipped > 0 {
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, rowsSkipped(l, res.Skipped))
				printLines(env.Stderr, ops.RowMessages(l, res.Errors, maxErrorsShown))
			}
			return exitOK
		}
	},
}

// periodNames lists the periods there are, for a mistyped name:
// " (label: a, b)".
func periodNames(ctx context.Context, st *data.Store, label string) string {
	ps, err := st.ListPeriods(ctx)
	if err != nil || len(ps) == 0 {
		return ""
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return " (" + label + ": " + strings.Join(names, ", ") + ")"
}
