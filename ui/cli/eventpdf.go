package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
)

var cmdPDFEvent = &Command{
	UsageLine: "participants|badges|event-certificates --db PATH --event NAME\n[--lang sv|en] [--include-protected] --out FILE.pdf",
	Short:     "an event's participant list, name badges or certificates of participation",
	Long: `Pdf participants|badges|event-certificates prints an event's participant
list, name badges or certificates of participation into one PDF and records
it in the audit log. Pupils with protected identity appear as "elev via
skolan" unless --include-protected is given.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		event := fs.String("event", "", "event, by title")
		langFlag(fs, env, "language of the documents")
		include := fs.Bool("include-protected", false, "name pupils with protected identity")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*event) == "" || *out == "" {
				return env.usageError()
			}
			kind := pos[0]
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			e, err := st.FindEvent(ctx, *event)
			if errors.Is(err, data.ErrNotFound) {
				fmt.Fprintf(env.Stderr, "techniqual pdf: there is no event named %q (see: techniqual list events)\n", *event)
				return exitFailure
			} else if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", err)
				return exitFailure
			}
			res, err := ops.PrintEvent(ctx, st, e.ID, kind, *out, reports.Options{Lang: env.Lang.Code(), IncludeProtected: *include})
			if errors.Is(err, reports.ErrNothing) {
				fmt.Fprintf(env.Stderr, "techniqual pdf: nobody on the list of %q for %s; nothing to print\n", e.Title, kind)
				return exitFailure
			}
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", ops.Message(text.English, err))
				return exitFailure
			}
			// One count everywhere: what the document holds, then the
			// event's summary as the window and the participant list say it.
			what := map[string]string{"participants": "people on the list", "badges": "badges", "event-certificates": "certificates"}[kind]
			fmt.Fprintf(env.Stdout, "%s: %d %s of %q (%s): %s\n", kind, res.People, what, e.Title,
				res.Counts.Summary(e.Capacity, text.English), *out)
			if msg := ops.UnprintableMessage(env.Lang, res.Unprintable); msg != "" {
				fmt.Fprintln(env.Stderr, "techniqual pdf:", msg)
			}
			return exitOK
		}
	},
}
