package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"techniqual/data"
	"techniqual/data/export"
)

const exportUsage = `usage: techniqual export pupils|placements|hosts|participants|attendance --db PATH
         [--period NAME] [--event NAME] [--school NAME] [--include-protected] [--lang sv|en]
         --out FILE.xlsx|FILE.csv
  placements, hosts and attendance need --period; participants needs --event;
  pupils takes --period to list only the period's schools and grade.
`

// cmdExport writes a list as a spreadsheet (the format from --out's
// extension) and records it in the audit log. Pupils with protected identity
// are left out unless --include-protected is given.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	period := fs.String("period", "", "prao period, by name")
	event := fs.String("event", "", "event, by title")
	school := fs.String("school", "", "only the pupils of this school")
	include := fs.Bool("include-protected", false, "include pupils with protected identity (recorded in the audit log)")
	lang := fs.String("lang", "sv", "language of the headers: sv or en")
	out := fs.String("out", "", "FILE.xlsx or FILE.csv")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	kind := export.Kind("")
	if len(pos) == 1 {
		kind = export.Kind(pos[0])
	}
	if !kind.Valid() || *db == "" || *out == "" || (*lang != "sv" && *lang != "en") {
		fmt.Fprint(stderr, exportUsage)
		return exitUsage
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

	o := export.Options{Kind: kind, IncludeProtected: *include, Lang: *lang}
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
	res, err := export.Export(ctx, st, *out, o)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual export:", err)
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
