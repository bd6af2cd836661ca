package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"techniqual/data/stats"
	"techniqual/reports"
)

// Years the impact report accepts.
const (
	impactFirstYear = 2000
	impactLastYear  = 2100
)

var cmdPDFImpact = &Command{
	UsageLine: "impact --db PATH --year YYYY [--lang sv|en] --out FILE.pdf",
	Short:     "the board's impact report of a calendar year",
	Long: `Pdf impact writes the impact report (effektrapport) of the calendar year
YYYY for the network's board: the prao periods that start in the year and
the events held in it, against the year before. It holds no personal data.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		yearText := fs.String("year", "", "calendar year, e.g. 2026")
		langFlag(fs, env, "language of the report")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*yearText) == "" || *out == "" {
				return env.usageError()
			}
			year, err := strconv.Atoi(strings.TrimSpace(*yearText))
			if err != nil || year < impactFirstYear || year > impactLastYear {
				fmt.Fprintf(env.Stderr, "techniqual pdf impact: --year %q is not a year from %d to %d\n", *yearText, impactFirstYear, impactLastYear)
				return exitFailure
			}
			if isFolder(*out) {
				fmt.Fprintf(env.Stderr, "techniqual pdf impact: --out %s is a folder; name the PDF file, e.g. %s\n", *out,
					reports.ImpactFileName(year, env.Lang.Code()))
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf impact")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			this, last, err := stats.LoadImpactYears(ctx, st, year)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf impact:", err)
				return exitFailure
			}
			d := reports.NewImpact(year, this, last)
			pages, err := reports.WriteImpactFile(ctx, *out, d, reports.Options{Lang: env.Lang.Code()}, nil)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf impact:", err)
				return exitFailure
			}
			if d.This.Empty() {
				fmt.Fprintf(env.Stdout, "impact %d: no periods or events in %d; %d page(s) saying so: %s\n", year, year, pages, *out)
				return exitOK
			}
			fmt.Fprintf(env.Stdout, "impact %d: %d periods, %d events, %d municipalities, %d pages: %s\n", year,
				len(d.This.PeriodNames), d.This.Events, len(d.Municipalities), pages, *out)
			return exitOK
		}
	},
}
