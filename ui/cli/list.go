package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"techniqual/data"
)

var cmdList = &Command{
	UsageLine: "list periods|events --db PATH",
	Short:     "periods: name, start, end, grade, status, format; events: name, start, venue (tab-separated)",
	Long: `List prints the prao periods or the events of a database, one a line,
tab-separated: a period's name, first and last day, grade, status and
format (classic: one pupil at one host; week: a teknikprao week of teams
going round a group of hosts); an event's name, start (YYYY-MM-DD HH:MM,
Swedish time) and venue.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || (pos[0] != "periods" && pos[0] != "events") {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "list")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace
			switch pos[0] {
			case "periods":
				ps, err := st.ListPeriods(ctx)
				if err != nil {
					fmt.Fprintln(env.Stderr, "techniqual list:", err)
					return exitFailure
				}
				for _, p := range ps {
					format := p.Format
					if format == "" {
						format = data.FormatClassic
					}
					fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%d\t%s\t%s\n", clean(p.Name), data.FormatDate(p.Start), data.FormatDate(p.End), p.Grade, p.Status, format)
				}
			case "events":
				es, err := st.ListEvents(ctx)
				if err != nil {
					fmt.Fprintln(env.Stderr, "techniqual list:", err)
					return exitFailure
				}
				for _, e := range es {
					fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", clean(e.Title), e.Start.In(data.Stockholm).Format("2006-01-02 15:04"), clean(e.Venue))
				}
			}
			return exitOK
		}
	},
}
