package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"techniqual/data/stats"
	"techniqual/reports"
)

const impactUsage = `usage: techniqual pdf impact --db PATH --year YYYY [--lang sv|en] --out FILE.pdf
  The impact report of the calendar year YYYY for the network's board: the prao
  periods that start in the year and the events held in it, against the year before.
`

// Years the impact report accepts.
const (
	impactFirstYear = 2000
	impactLastYear  = 2100
)

// cmdImpact writes the impact report (effektrapport) of a calendar year.
func cmdImpact(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pdf impact", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	yearText := fs.String("year", "", "calendar year, e.g. 2026")
	lang := fs.String("lang", "sv", "language of the report: sv or en")
	out := fs.String("out", "", "FILE.pdf")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		fmt.Fprint(stderr, impactUsage)
		return exitUsage
	}
	if len(pos) > 0 || *db == "" || strings.TrimSpace(*yearText) == "" || *out == "" || (*lang != "sv" && *lang != "en") {
		fmt.Fprint(stderr, impactUsage)
		return exitUsage
	}
	year, err := strconv.Atoi(strings.TrimSpace(*yearText))
	if err != nil || year < impactFirstYear || year > impactLastYear {
		fmt.Fprintf(stderr, "techniqual pdf impact: --year %q is not a year from %d to %d\n", *yearText, impactFirstYear, impactLastYear)
		return exitFailure
	}
	if isFolder(*out) {
		fmt.Fprintf(stderr, "techniqual pdf impact: --out %s is a folder; name the PDF file, e.g. %s\n", *out,
			reports.ImpactFileName(year, *lang))
		return exitFailure
	}
	st, ok := openExisting(ctx, *db, stderr, "pdf impact")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	this, last, err := stats.LoadImpactYears(ctx, st, year)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf impact:", err)
		return exitFailure
	}
	d := reports.NewImpact(year, this, last)
	pages, err := reports.WriteImpactFile(ctx, *out, d, reports.Options{Lang: *lang}, nil)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf impact:", err)
		return exitFailure
	}
	if d.This.Empty() {
		fmt.Fprintf(stdout, "impact %d: no periods or events in %d; %d page(s) saying so: %s\n", year, year, pages, *out)
		return exitOK
	}
	fmt.Fprintf(stdout, "impact %d: %d periods, %d events, %d municipalities, %d pages: %s\n", year,
		len(d.This.PeriodNames), d.This.Events, len(d.Municipalities), pages, *out)
	return exitOK
}

// withoutWord is args without the first occurrence of word (the command's
// name when its flags came before it: "pdf --db X impact --year 2026").
func withoutWord(args []string, word string) []string {
	for i, a := range args {
		if a == word {
			return append(append([]string(nil), args[:i]...), args[i+1:]...)
		}
	}
	return args
}
