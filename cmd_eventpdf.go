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

const eventPDFUsage = `usage: techniqual pdf participants|badges|event-certificates --db PATH --event NAME
         [--lang sv|en] [--include-protected] --out FILE.pdf
`

// cmdEventPDF prints an event's participant list, name badges or
// certificates of participation into one PDF and records the export in the
// audit log. Pupils with protected identity appear as "Elev via skolan"
// unless --include-protected is given.
func cmdEventPDF(ctx context.Context, kind string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pdf "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	event := fs.String("event", "", "event, by title")
	lang := fs.String("lang", "sv", "language of the documents: sv or en")
	include := fs.Bool("include-protected", false, "name pupils with protected identity")
	out := fs.String("out", "", "FILE.pdf")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	known := kind == "participants" || kind == "badges" || kind == "event-certificates"
	if !known || len(pos) > 0 || *db == "" || strings.TrimSpace(*event) == "" || *out == "" || (*lang != "sv" && *lang != "en") {
		fmt.Fprint(stderr, eventPDFUsage)
		return exitUsage
	}
	st, ok := openExisting(ctx, *db, stderr, "pdf")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	e, err := st.FindEvent(ctx, *event)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(stderr, "techniqual pdf: there is no event named %q (see: techniqual list events)\n", *event)
		return exitFailure
	} else if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	ps, err := st.EventParticipants(ctx, e.ID)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	doc, ids := reports.NewEventDoc(e, ps, *lang, *include)
	err = reports.WriteEventFile(*out, kind, doc, reports.Options{Lang: *lang, IncludeProtected: *include})
	if errors.Is(err, reports.ErrNothing) {
		fmt.Fprintf(stderr, "techniqual pdf: nobody on the list of %q for %s; nothing to print\n", e.Title, kind)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintln(stderr, "techniqual pdf:", err)
		return exitFailure
	}
	if err := st.LogExport(ctx, &data.AuditEntry{Action: "pdf " + kind, What: *out, RecordIDs: ids, Detail: e.Title}); err != nil {
		os.Remove(*out)
		fmt.Fprintln(stderr, "techniqual pdf: the audit log failed, so the file was removed:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: %d people on the list of %q: %s\n", kind, len(doc.Participants), e.Title, *out)
	return exitOK
}
