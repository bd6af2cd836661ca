package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"techniqual/data/classlist"
	"techniqual/data/text"
	"techniqual/ui/ops"
)

// maxErrorsShown bounds the row errors techniqual import prints.
const maxErrorsShown = 20

var cmdImport = &Command{
	UsageLine: "import",
	Short:     "import a class list, choices or evaluations",
	Long:      `Import reads a class list or a form tool's export into the database.`,
	Commands:  []*Command{cmdImportPupils, cmdImportForm, cmdImportSurvey},
}

var cmdImportPupils = &Command{
	UsageLine: "pupils --db PATH --school NAME [--skip-bad-rows] [--ignore-column NAME]... [--max-rows N]\n[--gender-from-personnummer] [--lang sv|en] FILE",
	Short:     "a class list, CSV or XLSX",
	Long: `Import pupils imports a class list (CSV or XLSX) with the same reading,
matching and all-or-nothing writing as the window's wizard. A file with
errors changes nothing (exit 1, the first errors on stderr) unless
--skip-bad-rows, which imports the good rows and reports the others.
Personnummer are shown only masked, and only the birth date is kept; one
found in any other field is taken out, with a note on stderr.

A column whose header is not known refuses the file, naming it, unless
--ignore-column NAME (repeatable) says it may be left out. A list over
--max-rows rows (default 20000) is refused before it is read to its end.
A protection column (Sekretessmarkering, Skyddad identitet, …) that cannot
be read refuses the file, even with --skip-bad-rows.

--gender-from-personnummer takes, for pupils whose list states no gender,
the legal sex recorded in the personnummer (its second-to-last digit: odd
for a man, even for a woman), for statistics; it is the sex in the
population register, not necessarily the pupil's own gender. The number
itself is still not stored.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		school := fs.String("school", "", "the list's school (created when missing); a school column in the file wins per row")
		skip := fs.Bool("skip-bad-rows", false, "import the good rows and report the bad ones")
		var ignore columnList
		fs.Var(&ignore, "ignore-column", "leave out a column whose header is not known (repeatable)")
		maxRows := fs.Int("max-rows", classlist.DefaultMaxRows, "refuse a list with more rows than this")
		gender := fs.Bool("gender-from-personnummer", false, "take the legal sex from the personnummer when the list states no gender")
		langFlag(fs, env, "language of the messages")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 2 || *db == "" || *maxRows < 1 {
				return env.usageError()
			}
			file, l := pos[1], env.Lang
			tb, err := classlist.ReadFile(file, classlist.ReadOptions{MaxRows: *maxRows})
			if err != nil {
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, ops.Message(l, err))
				return exitFailure
			}
			st, ok := openStore(ctx, *db, env.Stderr, "import")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			opts := classlist.Options{School: *school, IgnoreColumns: ignore, GenderFromPersonnummer: *gender}
			res, err := ops.ImportClassList(ctx, st, tb, opts, *skip)
			var re *classlist.RowErrors
			switch {
			case errors.As(err, &re):
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, nothingImported(l, re.Lines()))
				printLines(env.Stderr, ops.RowMessages(l, re.Errors, maxErrorsShown))
				return exitFailure
			case errors.Is(err, classlist.ErrUnknownColumns):
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, ops.Message(l, err))
				fmt.Fprintf(env.Stderr, "  %s\n", l.Pick("Ange --ignore-column NAMN för varje kolumn som inte ska importeras.",
					"Give --ignore-column NAME for each column that is not to be imported."))
				return exitFailure
			case err != nil:
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, ops.Message(l, err))
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "added %d, updated %d, unchanged %d, errors %d\n", res.Added, res.Updated, res.Unchanged, res.Skipped)
			for _, s := range res.NewSchools {
				fmt.Fprintf(env.Stdout, "new school: %s\n", s)
			}
			if *gender {
				fmt.Fprintf(env.Stdout, "gender from personnummer (legal sex): %d\n", res.GenderFromPnr)
			}
			if len(res.Notes) > 0 {
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, notesHeading(l, len(res.Notes)))
				printLines(env.Stderr, ops.RowMessages(l, res.Notes, maxErrorsShown))
			}
			if res.Skipped > 0 {
				fmt.Fprintf(env.Stderr, "techniqual import: %s: %s\n", file, rowsSkipped(l, res.Skipped))
				printLines(env.Stderr, ops.RowMessages(l, res.Errors, maxErrorsShown))
			}
			return exitOK
		}
	},
}

// columnList is a repeatable flag: every --ignore-column adds a name.
type columnList []string

func (c *columnList) String() string { return strings.Join(*c, ", ") }

func (c *columnList) Set(v string) error {
	*c = append(*c, v)
	return nil
}

// notesHeading says that n things were changed in rows while importing.
func notesHeading(l text.Lang, n int) string {
	return fmt.Sprintf(l.Pick("%d ändringar i raderna", "%d changes in the rows"), n)
}

// nothingImported says that n rows have errors and nothing was imported.
func nothingImported(l text.Lang, n int) string {
	return fmt.Sprintf(l.Pick("%d rader har fel; inget har importerats (--skip-bad-rows importerar de andra)",
		"%d rows have errors; nothing was imported (--skip-bad-rows imports the others)"), n)
}

// rowsSkipped says that n rows with errors were left out.
func rowsSkipped(l text.Lang, n int) string {
	return fmt.Sprintf(l.Pick("%d rader med fel hoppades över", "%d rows with errors were skipped"), n)
}

// printLines writes each line indented by two spaces.
func printLines(w io.Writer, lines []string) {
	for _, s := range lines {
		fmt.Fprintf(w, "  %s\n", s)
	}
}
