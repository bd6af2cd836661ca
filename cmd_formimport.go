package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"techniqual/data"
	"techniqual/data/formimport"
)

const formImportUsage = "usage: techniqual import choices|evaluations --db PATH --period NAME [--skip-bad-rows] [--lang sv|en] FILE   (CSV or XLSX)\n"

// cmdFormImport imports pupils' choices or evaluations from a form tool's
// export (kind "choices" or "evaluations"): the same reading, tolerant
// matching and all-or-nothing writing as the window's wizard. A file with
// errors changes nothing (exit 1, the first errors with their suggestions
// on stderr) unless --skip-bad-rows, which imports the good rows.
func cmdFormImport(ctx context.Context, kind string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	period := fs.String("period", "", "the prao period the answers are for")
	skip := fs.Bool("skip-bad-rows", false, "import the good rows and report the bad ones")
	lng := fs.String("lang", "sv", "language of the messages: sv or en")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || *db == "" || *period == "" || (*lng != "sv" && *lng != "en") {
		fmt.Fprint(stderr, formImportUsage)
		return exitUsage
	}
	file := pos[0]
	sv := *lng == "sv"
	say := func(e formimport.RowError) string {
		if sv {
			return e.Swedish()
		}
		return e.Error()
	}
	read, imp := formimport.ReadChoicesFile, formimport.ImportChoices
	if kind == "evaluations" {
		read, imp = formimport.ReadEvaluationsFile, formimport.ImportEvaluations
	}
	f, err := read(file)
	if err != nil {
		fmt.Fprintf(stderr, "techniqual import: %s: %s\n", file, formFileMessage(err, sv))
		return exitFailure
	}
	st, ok := openExisting(ctx, *db, stderr, "import")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	per, err := st.FindPeriod(ctx, *period)
	if err != nil {
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual import: no period named %q%s\n", *period, periodNames(ctx, st))
		} else {
			fmt.Fprintf(stderr, "techniqual import: %v\n", err)
		}
		return exitFailure
	}
	res, err := imp(ctx, st, f, formimport.Options{PeriodID: per.ID}, *skip)
	var re *formimport.RowErrors
	switch {
	case errors.As(err, &re):
		if sv {
			fmt.Fprintf(stderr, "techniqual import: %s: %d rader har fel; inget har importerats (--skip-bad-rows importerar de andra)\n", file, re.Lines())
		} else {
			fmt.Fprintf(stderr, "techniqual import: %s: %d rows have errors; nothing was imported (--skip-bad-rows imports the others)\n", file, re.Lines())
		}
		printFormErrors(stderr, re.Errors, say)
		return exitFailure
	case err != nil:
		fmt.Fprintf(stderr, "techniqual import: %s: %s\n", file, formFileMessage(err, sv))
		return exitFailure
	}
	fmt.Fprintf(stdout, "set %d, replaced %d, unchanged %d, errors %d\n", res.Set, res.Replaced, res.Unchanged, res.Skipped)
	printFormErrors(stdout, res.Notes, say)
	if res.Skipped > 0 {
		fmt.Fprintf(stderr, "techniqual import: %s: %d rows with errors were skipped\n", file, res.Skipped)
		printFormErrors(stderr, res.Errors, say)
	}
	return exitOK
}

func printFormErrors(w io.Writer, errs []formimport.RowError, say func(formimport.RowError) string) {
	for i, e := range errs {
		if i == maxErrorsShown {
			fmt.Fprintf(w, "  … and %d more\n", len(errs)-i)
			break
		}
		fmt.Fprintf(w, "  %s\n", say(e))
	}
}

// formFileMessage says why a form export cannot be imported at all.
func formFileMessage(err error, sv bool) string {
	var fe *formimport.FileError
	switch {
	case errors.As(err, &fe) && sv:
		return fe.Swedish()
	case errors.As(err, &fe):
		return fe.Error()
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	}
	return err.Error()
}

// periodNames lists the periods there are, for a mistyped name.
func periodNames(ctx context.Context, st *data.Store) string {
	ps, err := st.ListPeriods(ctx)
	if err != nil || len(ps) == 0 {
		return ""
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return " (periods: " + strings.Join(names, ", ") + ")"
}
