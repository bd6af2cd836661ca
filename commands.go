package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
)

// Exit codes of the command line contract (DESIGN §5).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `usage:
  techniqual [--db PATH]                       start the desktop app
  techniqual demo --db PATH [--pupils N] [--seed S]
  techniqual list periods|events --db PATH
  techniqual import pupils --db PATH --school NAME [--skip-bad-rows] [--lang sv|en] FILE   (CSV or XLSX)
  techniqual import choices|evaluations --db PATH --period NAME [--skip-bad-rows] [--lang sv|en] FILE
  techniqual pdf schedules|hosts|attendance|certificates --db PATH --period NAME
                 [--school NAME] [--class NAME] [--lang sv|en] --out FILE.pdf|DIR/
  techniqual match --db PATH --period NAME [--json] [--dimacs FILE] [--save]
                 [--rank-maximal] [--friends] [--no-lone]
  techniqual solve FILE.dimacs                 DIMACS min-cost-flow solution on stdout
  techniqual pdf participants|badges|event-certificates --db PATH --event NAME [--lang sv|en] --out FILE.pdf
  techniqual pdf impact --db PATH --year YYYY [--lang sv|en] --out FILE.pdf   (calendar year)
  techniqual ics --db PATH (--event NAME | --period NAME [--school NAME] [--class NAME]
                 | --period NAME --offer TITLE [--host NAME]) [--lang sv|en] --out FILE.ics
  techniqual export pupils|placements|hosts|participants|attendance --db PATH
                 [--period NAME] [--event NAME] [--school NAME] [--include-protected]
                 [--lang sv|en] --out FILE.xlsx|FILE.csv
  techniqual exchange export host-form|school|results|host | import --db PATH …   (see: techniqual exchange)
  techniqual backup --db PATH --out FILE
  techniqual restore --db PATH --from BACKUP
  techniqual version
`

// run is the whole command line; gui starts the window.
func run(args []string, stdout, stderr io.Writer, gui func(db string) int) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := flag.NewFlagSet("techniqual", flag.ContinueOnError)
		fs.SetOutput(stderr)
		db := fs.String("db", "", "database file (default: the user's local data folder)")
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		if fs.NArg() > 0 {
			// "--db X demo …" reads like "demo --db X …".
			rest := fs.Args()
			if *db != "" {
				rest = append([]string{rest[0], "--db", *db}, rest[1:]...)
			}
			return run(rest, stdout, stderr, gui)
		}
		return gui(*db)
	}
	ctx := context.Background()
	switch cmd := args[0]; cmd {
	case "demo":
		return cmdDemo(ctx, args[1:], stdout, stderr)
	case "list":
		return cmdList(ctx, args[1:], stdout, stderr)
	case "ics":
		return cmdICS(ctx, args[1:], stdout, stderr)
	case "import":
		return cmdImport(ctx, args[1:], stdout, stderr)
	case "pdf":
		return cmdPDF(ctx, args[1:], stdout, stderr)
	case "match":
		return cmdMatch(ctx, args[1:], stdout, stderr)
	case "solve":
		return cmdSolve(ctx, args[1:], stdout, stderr)
	case "export":
		return cmdExport(ctx, args[1:], stdout, stderr)
	case "exchange":
		return cmdExchange(ctx, args[1:], stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], stdout, stderr)
	case "restore":
		return cmdRestore(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "techniqual", Version, "schema", data.SchemaVersion())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "techniqual: unknown command %q\n%s", cmd, usage)
		return exitUsage
	}
}

// flagsAnywhere lets flags come after positional words ("list periods --db X").
func flagsAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func openStore(ctx context.Context, path string, stderr io.Writer, cmd string) (*data.Store, bool) {
	if path == "" {
		fmt.Fprintf(stderr, "techniqual %s: --db PATH is required\n", cmd)
		return nil, false
	}
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "techniqual %s: %s\n", cmd, describeOpenError(path, err))
		return nil, false
	}
	return st, true
}

// openExisting opens a database that must already exist: a command that
// reads must never create an empty file where a path was mistyped.
func openExisting(ctx context.Context, path string, stderr io.Writer, cmd string) (*data.Store, bool) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(stderr, "techniqual %s: %s: no such database\n", cmd, path)
			return nil, false
		}
	}
	return openStore(ctx, path, stderr, cmd)
}

// describeOpenError says in words what is wrong with a database file.
func describeOpenError(path string, err error) string {
	switch {
	case errors.Is(err, data.ErrNotDatabase):
		return path + " is not a Techniqual database; the file was not changed"
	case errors.Is(err, data.ErrNewerVersion):
		return path + " was written by a newer version of Techniqual; update the app. The file was not changed"
	case errors.Is(err, data.ErrInUse):
		return path + " is open in another Techniqual window; close it first"
	}
	return err.Error()
}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file to fill")
	pupils := fs.Int("pupils", 600, "number of pupils")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 || *db == "" || *pupils < 1 {
		fmt.Fprint(stderr, "usage: techniqual demo --db PATH [--pupils N] [--seed S]\n")
		return exitUsage
	}
	st, ok := openStore(ctx, *db, stderr, "demo")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	if ov, err := st.Overview(ctx); err != nil || !ov.Empty() {
		fmt.Fprintf(stderr, "techniqual demo: %s already holds data; use a new file\n", *db)
		return exitFailure
	}
	start := time.Now()
	sum, err := demo.Generate(ctx, st, demo.Config{Pupils: *pupils, Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, "techniqual demo:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%d pupils, %d schools, %d companies, %d people, %d offers, %d choices, %d placed, %d events, %d registrations in %s\n",
		sum.Pupils, sum.Schools, sum.Companies, sum.People, sum.Offers, sum.Preferences, sum.Placed, sum.Events,
		sum.Registrations, time.Since(start).Round(time.Millisecond))
	return exitOK
}

func cmdList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || (pos[0] != "periods" && pos[0] != "events") {
		fmt.Fprint(stderr, "usage: techniqual list periods|events --db PATH\n")
		return exitUsage
	}
	st, ok := openExisting(ctx, *db, stderr, "list")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s) }
	switch pos[0] {
	case "periods":
		ps, err := st.ListPeriods(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "techniqual list:", err)
			return exitFailure
		}
		for _, p := range ps {
			fmt.Fprintf(stdout, "%s\t%s\t%s\t%d\t%s\n", clean(p.Name), data.FormatDate(p.Start), data.FormatDate(p.End), p.Grade, p.Status)
		}
	case "events":
		es, err := st.ListEvents(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "techniqual list:", err)
			return exitFailure
		}
		for _, e := range es {
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", clean(e.Title), e.Start.In(data.Stockholm).Format("2006-01-02 15:04"), clean(e.Venue))
		}
	}
	return exitOK
}
