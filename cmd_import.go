package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"techniqual/data/classlist"
)

const importUsage = "usage: techniqual import pupils --db PATH --school NAME [--skip-bad-rows] [--lang sv|en] FILE   (CSV or XLSX)\n" +
	"       techniqual import choices|evaluations --db PATH --period NAME [--skip-bad-rows] [--lang sv|en] FILE\n"

// maxErrorsShown bounds the errors techniqual import prints.
const maxErrorsShown = 20

// cmdImport imports a class list: the same reading, matching and
// all-or-nothing writing as the window's wizard. A file with errors changes
// nothing (exit 1, the first errors on stderr) unless --skip-bad-rows, which
// imports the good rows and reports the others. Personnummer are shown
// only masked.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "choices" || args[0] == "evaluations") {
		return cmdFormImport(ctx, args[0], args[1:], stdout, stderr) // cmd_formimport.go
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	school := fs.String("school", "", "the list's school (created when missing); a school column in the file wins per row")
	skip := fs.Bool("skip-bad-rows", false, "import the good rows and report the bad ones")
	lng := fs.String("lang", "sv", "language of the row errors: sv or en")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 || pos[0] != "pupils" || *db == "" || (*lng != "sv" && *lng != "en") {
		fmt.Fprint(stderr, importUsage)
		return exitUsage
	}
	file := pos[1]
	say := func(e classlist.RowError) string {
		if *lng == "en" {
			return e.Error()
		}
		return e.Swedish()
	}
	tb, err := classlist.ReadFile(file, classlist.ReadOptions{})
	if err != nil {
		fmt.Fprintf(stderr, "techniqual import: %s: %s\n", file, fileMessage(err, *lng))
		return exitFailure
	}
	st, ok := openStore(ctx, *db, stderr, "import")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	res, err := classlist.Import(ctx, st, tb, classlist.Options{School: *school}, *skip)
	var re *classlist.RowErrors
	switch {
	case errors.As(err, &re):
		if *lng == "sv" {
			fmt.Fprintf(stderr, "techniqual import: %s: %d rader har fel; inget har importerats (--skip-bad-rows importerar de andra)\n",
				file, countLines(re.Errors))
		} else {
			fmt.Fprintf(stderr, "techniqual import: %s: %d rows have errors; nothing was imported (--skip-bad-rows imports the others)\n",
				file, countLines(re.Errors))
		}
		printRowErrors(stderr, re.Errors, say)
		return exitFailure
	case err != nil:
		fmt.Fprintf(stderr, "techniqual import: %s: %s\n", file, fileMessage(err, *lng))
		return exitFailure
	}
	fmt.Fprintf(stdout, "added %d, updated %d, unchanged %d, errors %d\n", res.Added, res.Updated, res.Unchanged, res.Skipped)
	for _, s := range res.NewSchools {
		fmt.Fprintf(stdout, "new school: %s\n", s)
	}
	if res.Skipped > 0 {
		fmt.Fprintf(stderr, "techniqual import: %s: %d rows with errors were skipped\n", file, res.Skipped)
		printRowErrors(stderr, res.Errors, say)
	}
	return exitOK
}

func printRowErrors(w io.Writer, errs []classlist.RowError, say func(classlist.RowError) string) {
	for i, e := range errs {
		if i == maxErrorsShown {
			fmt.Fprintf(w, "  … and %d more\n", len(errs)-i)
			break
		}
		fmt.Fprintf(w, "  %s\n", say(e))
	}
}

// countLines counts the rows the errors are on.
func countLines(errs []classlist.RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// fileMessage says why a file cannot be imported at all.
func fileMessage(err error, lng string) string {
	var fe *classlist.FileError
	switch {
	case errors.As(err, &fe) && lng == "sv":
		return fe.Swedish()
	case errors.As(err, &fe):
		return fe.Error()
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	}
	return err.Error()
}
