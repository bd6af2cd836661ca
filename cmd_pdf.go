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
	"techniqual/reports"
)

const pdfUsage = `usage: techniqual pdf schedules|hosts|attendance|certificates --db PATH --period NAME
         [--school NAME] [--class NAME] [--lang sv|en] [--include-protected] --out FILE.pdf|DIR/
`

// cmdPDF prints a period's documents: one PDF with a page break between
// pupils (offers for hosts), or one file each when --out names a folder.
func cmdPDF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "participants", "badges", "event-certificates":
			return cmdEventPDF(ctx, args[0], args[1:], stdout, stderr)
		case "impact":
			return cmdImpact(ctx, args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	period := fs.String("period", "", "prao period, by name")
	school := fs.String("school", "", "only the pupils of this school")
	class := fs.String("class", "", "only the pupils of this class")
	lang := fs.String("lang", "sv", "language of the documents: sv or en")
	out := fs.String("out", "", "FILE.pdf, or a folder (ending in /) for one file per pupil or offer")
	include := fs.Bool("include-protected", false, "name pupils with protected identity in documents for hosts")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 1 && pos[0] == "impact" { // flags came before the word
		return cmdImpact(ctx, withoutWord(args, "impact"), stdout, stderr)
	}
	kind := reports.Kind("")
	if len(pos) == 1 {
		kind = reports.Kind(pos[0])
	}
	if !kind.Valid() || *db == "" || strings.TrimSpace(*period) == "" || *out == "" || (*lang != "sv" && *lang != "en") {
		fmt.Fprint(stderr, pdfUsage)
		return exitUsage
	}
	st, ok := openExisting(ctx, *db, stderr, "pdf")
	if !ok {
		return exitFailure
	}
	defer st.Close()

	per, err := st.FindPeriod(ctx, *period)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(stderr, "techniqual pdf: there is no prao period named %q (see: techniqual list periods)\n", *period)
		return exitFailure
	} else if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	f := data.DocFilter{ClassName: strings.TrimSpace(*class)}
	if *school != "" {
		s, err := st.FindOrganisation(ctx, data.KindSchool, *school)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual pdf: there is no school named %q\n", *school)
			return exitFailure
		} else if err != nil {
			fmt.Fprintln(stderr, "techniqual pdf:", err)
			return exitFailure
		}
		f.SchoolID = s.ID
	}
	docs, err := st.DocumentsForPeriod(ctx, per.ID, f)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	if len(docs) == 0 {
		fmt.Fprintf(stderr, "techniqual pdf: no placed pupils in %q%s; nothing to print\n", per.Name, describeFilter(*school, *class))
		return exitFailure
	}

	o := reports.Options{Lang: *lang, IncludeProtected: *include}
	var written []string
	if isFolder(*out) {
		written, err = reports.WriteFiles(*out, kind, docs, o)
	} else {
		// Printed into memory first, then written (mode 0600) through a
		// temporary file: a failure never leaves half a document.
		_, err = reports.WriteFileContext(ctx, *out, kind, docs, o, nil)
		written = []string{*out}
	}
	if errors.Is(err, reports.ErrNothing) && kind == reports.KindCertificates {
		fmt.Fprintf(stderr, "techniqual pdf: no pupil in %q%s has attendance recorded; no certificates\n", per.Name, describeFilter(*school, *class))
		return exitFailure
	}
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	ids := make([]string, 0, len(docs)) // the pupils whose data went into the documents
	for _, d := range docs {
		if kind != reports.KindCertificates || len(reports.Attended(d)) > 0 {
			ids = append(ids, d.Pupil.ID)
		}
	}
	printed := len(ids)
	if err := st.LogExport(ctx, &data.AuditEntry{Action: "pdf " + string(kind), What: *out, RecordIDs: ids,
		Detail: per.Name + describeFilter(*school, *class)}); err != nil {
		fmt.Fprintln(stderr, "techniqual pdf: the documents were written, but the audit log failed:", err)
		return exitFailure
	}
	what := fmt.Sprintf("%d pupils", printed)
	if kind == reports.KindHosts {
		what = fmt.Sprintf("%d offers, %d pupils", len(data.GroupByOffer(docs)), printed)
	}
	fmt.Fprintf(stdout, "%s: %s in %d file(s)", kind, what, len(written))
	if skipped := len(docs) - printed; skipped > 0 {
		fmt.Fprintf(stdout, "; %d pupils without recorded attendance left out", skipped)
	}
	fmt.Fprintf(stdout, ": %s\n", *out)
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
