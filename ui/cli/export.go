package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"techniqual/data"
	"techniqual/data/export"
	"techniqual/data/text"
	"techniqual/ui/ops"
)

var cmdExport = &Command{
	UsageLine: "export pupils|placements|hosts|participants|attendance --db PATH\n[--period NAME] [--event NAME] [--school NAME] [--include-protected] [--lang sv|en]\n--out FILE.xlsx|FILE.csv",
	Short:     "a list as a spreadsheet; placements, hosts and attendance need --period, participants --event",
	Long: `Export writes a list as a spreadsheet (the format from --out's extension)
and records it in the audit log. placements, hosts and attendance need
--period; participants needs --event; pupils takes --period to list only the
period's schools and grade. Pupils with protected identity are left out
unless --include-protected is given.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		f := &exportFlags{
			db:      fs.String("db", "", "database file"),
			period:  fs.String("period", "", "prao period, by name"),
			event:   fs.String("event", "", "event, by title"),
			school:  fs.String("school", "", "only the pupils of this school"),
			include: fs.Bool("include-protected", false, "include pupils with protected identity (recorded in the audit log)"),
			out:     fs.String("out", "", "FILE.xlsx or FILE.csv"),
		}
		langFlag(fs, env, "language of the headers")
		return f.run
	},
}

// exportFlags are the flags of techniqual export.
type exportFlags struct {
	db, period, event, school, out *string
	include                        *bool
}

// run writes the list the flags ask for.
func (fl *exportFlags) run(ctx context.Context, env *Env, pos []string) int {
	db, period, event, school, include, out := fl.db, fl.period, fl.event, fl.school, fl.include, fl.out
	stdout, stderr := env.Stdout, env.Stderr
	kind := export.Kind("")
	if len(pos) == 1 {
		kind = export.Kind(pos[0])
	}
	if !kind.Valid() || *db == "" || *out == "" {
		return env.usageError()
	}
	if _, err := export.FormatOf(*out); err != nil {
		fmt.Fprintf(stderr, "techniqual export: %v\n", err)
		return exitUsage
	}
	if kind.NeedsPeriod() && strings.TrimSpace(*period) == "" {
		fmt.Fprintf(stderr, "techniqual export %s: --period NAME is required (see: techniqual list periods)\n", kind)
		return exitUsage
	}
	if kind.NeedsEvent() && strings.TrimSpace(*event) == "" {
		fmt.Fprintf(stderr, "techniqual export %s: --event NAME is required (see: techniqual list events)\n", kind)
		return exitUsage
	}
	st, ok := openExisting(ctx, *db, stderr, "export")
	if !ok {
		return exitFailure
	}
	defer st.Close()

	o := export.Options{Kind: kind, IncludeProtected: *include, Lang: env.Lang.Code()}
	if *period != "" {
		per, err := st.FindPeriod(ctx, *period)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual export: there is no prao period named %q (see: techniqual list periods)\n", *period)
			return exitFailure
		} else if err != nil {
			fmt.Fprintln(stderr, "techniqual export:", err)
			return exitFailure
		}
		o.PeriodID = per.ID
	}
	if *event != "" {
		ev, err := st.FindEvent(ctx, *event)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual export: there is no event named %q (see: techniqual list events)\n", *event)
			return exitFailure
		} else if err != nil {
			fmt.Fprintln(stderr, "techniqual export:", err)
			return exitFailure
		}
		o.EventID = ev.ID
	}
	if *school != "" {
		s, err := st.FindOrganisation(ctx, data.KindSchool, *school)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual export: there is no school named %q\n", *school)
			return exitFailure
		} else if err != nil {
			fmt.Fprintln(stderr, "techniqual export:", err)
			return exitFailure
		}
		o.SchoolID = s.ID
	}
	res, err := ops.Export(ctx, st, *out, o)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual export:", ops.Message(text.English, err))
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: %d rows", kind, res.Rows)
	if res.LeftOut > 0 {
		fmt.Fprintf(stdout, "; %d pupils with protected identity left out (--include-protected includes them)", res.LeftOut)
	}
	if res.Included > 0 {
		fmt.Fprintf(stdout, "; %d pupils with protected identity included", res.Included)
	}
	fmt.Fprintf(stdout, ": %s\n", *out)
	return exitOK
}
