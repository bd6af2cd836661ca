package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
)

var cmdPDF = &Command{
	UsageLine: "pdf",
	Short:     "print documents",
	Long:      `Pdf prints a period's, an event's or a year's documents.`,
	Commands:  []*Command{cmdPDFPeriod, cmdPDFEvent, cmdPDFImpact},
}

var cmdPDFPeriod = &Command{
	UsageLine: "schedules|hosts|attendance|certificates --db PATH --period NAME\n[--school NAME] [--class NAME] [--lang sv|en] [--include-protected] --out FILE.pdf|DIR/",
	Short:     "a period's documents: one PDF, or one file per pupil (per offer for hosts) in DIR/",
	Long: `Pdf schedules|hosts|attendance|certificates prints a period's documents for
its placed pupils (all, one school's or one class's): the pupils' schedules,
the host confirmations (one per offer), the attendance cards or the
certificates (only pupils with attendance recorded). --out FILE.pdf writes
one PDF with a page break between pupils (offers); a folder (ending in /)
gets one file each. Every print is recorded in the audit log; pupils with
protected identity appear as "elev via skolan" in documents for hosts
unless --include-protected is given.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "prao period, by name")
		school := fs.String("school", "", "only the pupils of this school")
		class := fs.String("class", "", "only the pupils of this class")
		langFlag(fs, env, "language of the documents")
		out := fs.String("out", "", "FILE.pdf, or a folder (ending in /) for one file per pupil or offer")
		include := fs.Bool("include-protected", false, "name pupils with protected identity in documents for hosts")
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
			per, err := st.FindPeriod(ctx, *period)
			if errors.Is(err, data.ErrNotFound) {
				fmt.Fprintf(env.Stderr, "techniqual pdf: there is no prao period named %q (see: techniqual list periods)\n", *period)
				return exitFailure
			} else if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
				return exitFailure
			}
			f := data.DocFilter{ClassName: strings.TrimSpace(*class)}
			if *school != "" {
				s, err := st.FindOrganisation(ctx, data.KindSchool, *school)
				if errors.Is(err, data.ErrNotFound) {
					fmt.Fprintf(env.Stderr, "techniqual pdf: there is no school named %q\n", *school)
					return exitFailure
				} else if err != nil {
					fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
					return exitFailure
				}
				f.SchoolID = s.ID
			}
			docs, err := st.DocumentsForPeriod(ctx, per.ID, f)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
				return exitFailure
			}
			if len(docs) == 0 {
				fmt.Fprintf(env.Stderr, "techniqual pdf: no placed pupils in %q%s; nothing to print\n", per.Name, describeFilter(*school, *class))
				return exitFailure
			}
			res, err := ops.Print(ctx, st, ops.PrintPeriod{Kind: kind, Period: per, Docs: docs, Path: *out, PerUnit: isFolder(*out),
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
				what = fmt.Sprintf("%d offers, %d pupils", len(data.GroupByOffer(docs)), len(res.PupilIDs))
			}
			fmt.Fprintf(env.Stdout, "%s: %s in %d file(s)", kind, what, len(res.Paths))
			if res.Skipped > 0 {
				fmt.Fprintf(env.Stdout, "; %d pupils without recorded attendance left out", res.Skipped)
			}
			fmt.Fprintf(env.Stdout, ": %s\n", *out)
			return exitOK
		}
	},
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
