package cli

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
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
)

var cmdPDF = &Command{
	UsageLine: "pdf",
	Short:     "print documents",
	Long:      `Pdf prints a period's, an event's or a year's documents.`,
	Commands:  []*Command{cmdPDFPeriod, cmdPDFSchool, cmdPDFWeek, cmdPDFEvent, cmdPDFImpact, cmdPDFQuestionnaires, cmdPDFJourney, cmdPDFJourneyBook, cmdPDFJourneyTables},
}

var cmdPDFPeriod = &Command{
	UsageLine: "schedules|hosts|attendance|certificates --db PATH --period NAME\n[--school NAME] [--class NAME] [--lang sv|en] [--include-protected] [--force] --out FILE.pdf|DIR/",
	Short:     "a period's documents: one PDF, or one file per pupil (per offer for hosts) in DIR/",
	Long: `Pdf schedules|hosts|attendance|certificates prints a period's documents for
its placed pupils (all, one school's or one class's): the pupils' schedules,
the host confirmations (one per offer), the attendance cards or the
certificates (only pupils with attendance recorded). --out FILE.pdf writes
one PDF with a page break between pupils (offers); a folder (ending in /)
gets one file each. Every print is recorded in the audit log; pupils with
protected identity appear as "elev via skolan" in documents for hosts
unless --include-protected is given.

Certificates are refused (exit 1) before the period's last day is over,
since they say the pupil has completed prao: --force prints them anyway.
Days with no attendance recorded are named in a warning on stderr; the
certificates count them as not present.

For a teknikprao week, attendance prints each host's attendance lists (one
per block and team, signed by the supervisor) and certificates each
pupil's certificate of the hosts visited and the closing session;
schedules prints the pupils' week schedules and hosts the hosts' run-sheets
(see pdf week-schedules).`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		school := fs.String("school", "", "only the pupils of this school")
		class := fs.String("class", "", "only the pupils of this class")
		langFlag(fs, env, "language of the documents")
		out := fs.String("out", "", "FILE.pdf, or a folder (ending in /) for one file per pupil or offer")
		include := fs.Bool("include-protected", false, "name pupils with protected identity in documents for hosts")
		force := fs.Bool("force", false, "print certificates before the period has ended")
		return func(ctx context.Context, env *Env, pos []string) int {
			kind := reports.Kind("")
			if len(pos) == 1 {
				kind = reports.Kind(pos[0])
			}
			if !kind.Valid() || *db == "" || strings.TrimSpace(*period) == "" || *out == "" {
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
			if kind == reports.KindCertificates && !checkCertificates(ctx, env, st, per, *force) {
				return exitFailure
			}
			f, ok := docFilter(ctx, st, *school, *class, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			if per.Format == data.FormatWeek {
				wk := map[reports.Kind]reports.WeekKind{reports.KindSchedules: reports.KindWeekSchedules, reports.KindHosts: reports.KindHostRunsheets,
					reports.KindAttendance: reports.KindWeekAttendance, reports.KindCertificates: reports.KindWeekCertificates}[kind]
				return printWeek(ctx, env, st, per, wk, f, *school, *class, *out, *include)
			}
			// Read a batch at a time while printing: a region's period
			// never is in memory whole (issue #16, goal 5).
			list, err := st.ListDocuments(ctx, per.ID, f)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
				return exitFailure
			}
			defer list.Close()
			if list.Len() == 0 {
				fmt.Fprintf(env.Stderr, "techniqual pdf: no placed pupils in %q%s; nothing to print\n", per.Name, describeFilter(*school, *class))
				return exitFailure
			}
			res, err := ops.Print(ctx, st, ops.PrintPeriod{Kind: kind, Period: per, List: list, Path: *out, PerUnit: isFolder(*out),
				Scope:   ops.Scope{School: strings.TrimSpace(*school), Class: strings.TrimSpace(*class)},
				Options: reports.Options{Lang: env.Lang.Code(), IncludeProtected: *include}})
			if errors.Is(err, reports.ErrNothing) && kind == reports.KindCertificates {
				fmt.Fprintf(env.Stderr, "techniqual pdf: no pupil in %q%s has attendance recorded; no certificates\n", per.Name, describeFilter(*school, *class))
				return exitFailure
			}
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", ops.Message(text.English, err))
				return exitFailure
			}
			what := fmt.Sprintf("%d pupils", len(res.PupilIDs))
			if kind == reports.KindHosts {
				what = fmt.Sprintf("%d offers, %d pupils", res.Units, len(res.PupilIDs))
			}
			fmt.Fprintf(env.Stdout, "%s: %s in %d file(s)", kind, what, len(res.Paths))
			if res.Skipped > 0 {
				fmt.Fprintf(env.Stdout, "; %d pupils without recorded attendance left out", res.Skipped)
			}
			fmt.Fprintf(env.Stdout, ": %s\n", *out)
			if msg := ops.UnprintableMessage(env.Lang, res.Unprintable); msg != "" {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", msg)
			}
			return exitOK
		}
	},
}

var cmdPDFWeek = &Command{
	UsageLine: "week-schedules|team-sheets|host-runsheets|host-feedback --db PATH --period NAME\n[--school NAME] [--class NAME] [--lang sv|en] [--include-protected] --out FILE.pdf|DIR/",
	Short:     "a teknikprao week's documents: one PDF, or one file per pupil, team or host in DIR/",
	Long: `Pdf week-schedules|team-sheets|host-runsheets|host-feedback prints the
documents of a teknikprao week from its saved plan (run rotation plan --save
first): each pupil's week schedule (every block with host, address, times,
travel, what to bring, the role models, and the closing session), each
team's sheet, each host's run-sheet (which team comes in which block, the
pupils' first names and classes, the school's contact, the programme) and
each host's feedback report (its blocks against its group and the whole
week; fewer than 5 answers are hidden, comments carry no names).
--school and --class choose whose documents (the feedback report is
always the whole week's). --out FILE.pdf writes one PDF; a folder (ending
in /) gets one file per pupil, team or host. Every print is recorded in the
audit log; pupils with protected identity appear as "Elev via skolan" on
team sheets and run-sheets unless --include-protected is given.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "teknikprao week, by name")
		school := fs.String("school", "", "only the pupils of this school")
		class := fs.String("class", "", "only the pupils of this class")
		langFlag(fs, env, "language of the documents")
		out := fs.String("out", "", "FILE.pdf, or a folder (ending in /) for one file per pupil, team or host")
		include := fs.Bool("include-protected", false, "name pupils with protected identity in documents for hosts")
		return func(ctx context.Context, env *Env, pos []string) int {
			kind := reports.WeekKind("")
			if len(pos) == 1 {
				kind = reports.WeekKind(pos[0])
			}
			if !kind.Valid() || *db == "" || strings.TrimSpace(*period) == "" || *out == "" {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findWeek(ctx, st, *period, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			f, ok := docFilter(ctx, st, *school, *class, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			return printWeek(ctx, env, st, per, kind, f, *school, *class, *out, *include)
		}
	},
}

// today is the command line's clock; tests set it.
var today = time.Now

// checkCertificates refuses certificates for a period that has not ended
// (unless force) and warns, on stderr, of days without attendance; false
// when the command must stop.
func checkCertificates(ctx context.Context, env *Env, st *data.Store, per data.Period, force bool) bool {
	n, err := st.CertificateCheck(ctx, per, today())
	var notEnded *data.PeriodNotEndedError
	switch {
	case errors.As(err, &notEnded) && !force:
		fmt.Fprintf(env.Stderr, "techniqual pdf: %v; certificates say the pupils have completed it, so they are printed after %s (--force prints them now)\n",
			err, data.FormatDate(per.End))
		return false
	case err != nil && !errors.As(err, &notEnded):
		fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
		return false
	}
	if n > 0 {
		unit := "pupil-days"
		if per.Format == data.FormatWeek {
			unit = "pupil blocks"
		}
		fmt.Fprintf(env.Stderr, "techniqual pdf: warning: %d %s of %q have no attendance recorded; the certificates count them as not present\n", n, unit, per.Name)
	}
	return true
}

// docFilter is the filter of --school and --class; false (said on stderr)
// when there is no such school.
func docFilter(ctx context.Context, st *data.Store, school, class string, stderr io.Writer, cmd string) (data.DocFilter, bool) {
	f := data.DocFilter{ClassName: strings.TrimSpace(class)}
	if school == "" {
		return f, true
	}
	s, err := st.FindOrganisation(ctx, data.KindSchool, school)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(stderr, "techniqual %s: there is no school named %q\n", cmd, school)
		return f, false
	} else if err != nil {
		fmt.Fprintf(stderr, "techniqual %s: %v\n", cmd, err)
		return f, false
	}
	f.SchoolID = s.ID
	return f, true
}

// printWeek prints a teknikprao week's documents of kind through
// ops.PrintWeek and says what it wrote.
func printWeek(ctx context.Context, env *Env, st *data.Store, per data.Period, kind reports.WeekKind, f data.DocFilter,
	school, class, out string, include bool) int {
	res, err := ops.PrintWeek(ctx, st, ops.WeekPrint{Kind: kind, Period: per, Filter: f, Path: out, PerUnit: isFolder(out),
		Scope:   ops.Scope{School: strings.TrimSpace(school), Class: strings.TrimSpace(class)},
		Options: reports.Options{Lang: env.Lang.Code(), IncludeProtected: include}})
	switch {
	case errors.Is(err, ops.ErrNoPlan):
		fmt.Fprintf(env.Stderr, "techniqual pdf: %q: %v\n", per.Name, err)
		return exitFailure
	case errors.Is(err, reports.ErrNothing) && kind == reports.KindWeekCertificates:
		fmt.Fprintf(env.Stderr, "techniqual pdf: no pupil in %q%s has attendance recorded; no certificates\n", per.Name, describeFilter(school, class))
		return exitFailure
	case errors.Is(err, reports.ErrNothing):
		fmt.Fprintf(env.Stderr, "techniqual pdf: nothing to print for %q%s\n", per.Name, describeFilter(school, class))
		return exitFailure
	case err != nil:
		fmt.Fprintln(env.Stderr, "techniqual pdf:", ops.Message(text.English, err))
		return exitFailure
	}
	fmt.Fprintf(env.Stdout, "%s: %d documents, %d pupils in %d file(s)", kind, res.Units, len(res.PupilIDs), len(res.Paths))
	if res.Skipped > 0 {
		fmt.Fprintf(env.Stdout, "; %d pupils without recorded attendance left out", res.Skipped)
	}
	fmt.Fprintf(env.Stdout, ": %s\n", out)
	if msg := ops.UnprintableMessage(env.Lang, res.Unprintable); msg != "" {
		fmt.Fprintln(env.Stderr, "techniqual pdf:", msg)
	}
	return exitOK
}

// describeFilter writes " (school X, class Y)" for messages.
func describeFilter(school, class string) string {
	var parts []string
	if school != "" {
		parts = append(parts, "school "+school)
	}
	if class != "" {
		parts = append(parts, "class "+class)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// isFolder reports whether --out names a folder: it ends in a separator or
// is an existing directory.
func isFolder(out string) bool {
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) {
		return true
	}
	st, err := os.Stat(out)
	return err == nil && st.IsDir()
}
