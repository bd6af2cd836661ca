package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/ui/ops"
)

var cmdRotation = &Command{
	UsageLine: "rotation",
	Short:     "plan a teknikprao week: teams and their routes",
	Long:      `Rotation plans a teknikprao week: the teams of pupils and their routes round the hosts of their group.`,
	Commands:  []*Command{cmdRotationPlan},
}

var cmdRotationPlan = &Command{
	UsageLine: "plan --db PATH --period NAME [--json] [--save]",
	Short:     "plan (or re-plan, keeping locks) a teknikprao week and print a summary",
	Long: `Rotation plan plans a teknikprao week: it splits the period's pupils into
teams, gives every team a route round the hosts of its group (one block at
each) and keeps locked teams and pupils. It prints a summary (teams, pupils
with and without a team, teams that break the composition rule, what the
blocks lack and what is wrong with the week), or with --json the plan as
JSON: period, blocks, teams (id, group, pupils, route, why), unteamed,
closing, shortages and problems, with database ids (a team not saved yet
has a "new-…" id that is the same for the same input).

--save stores the plan, all or nothing, but only a complete, valid one: when
the week has a problem that is not a warning (a host with no block, a group
with fewer blocks than teams, a pupil left without a team, a block or route
that breaks the working-time rules, a closing session outside the week, …)
the problems are printed on stderr, nothing is saved and the exit code is 1.
Without --save nothing is stored.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		period := fs.String("period", "", "teknikprao week, by name")
		asJSON := fs.Bool("json", false, "print the plan as JSON")
		save := fs.Bool("save", false, "store the plan (only a complete, valid one)")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*period) == "" {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "rotation plan")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			per, ok := findWeek(ctx, st, *period, env.Stderr, "rotation plan")
			if !ok {
				return exitFailure
			}
			w, err := ops.PlanWeek(ctx, st, per.ID, *save)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual rotation plan:", ops.Message(text.English, err))
				return exitFailure
			}
			rep := w.Report()
			if *asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(rep); err != nil {
					fmt.Fprintln(env.Stderr, "techniqual rotation plan:", err)
					return exitFailure
				}
			} else {
				printWeekPlan(env.Stdout, w, rep)
			}
			if !*save {
				return exitOK
			}
			if w.Saved {
				fmt.Fprintf(env.Stderr, "techniqual rotation plan: saved %d teams of %q\n", len(rep.Teams), per.Name)
				if r := w.Registered; r != nil {
					fmt.Fprintf(env.Stderr, "techniqual rotation plan: the closing session's list: %d pupils added, %d already on it, %d on the waitlist",
						r.Registered, r.Already, r.Waitlisted)
					if r.Cancelled > 0 {
						fmt.Fprintf(env.Stderr, "; %d cancelled registrations of pupils in teams left as they are", r.Cancelled)
					}
					if r.NotInTeam > 0 {
						fmt.Fprintf(env.Stderr, "; %d pupils on it are in no team (cancel them under Evenemang in the window if they are not coming)", r.NotInTeam)
					}
					fmt.Fprintln(env.Stderr)
				}
				return exitOK
			}
			if w.SaveError != nil {
				fmt.Fprintf(env.Stderr, "techniqual rotation plan: the plan was not saved: %s\n", ops.Message(text.English, w.SaveError))
			} else {
				fmt.Fprintf(env.Stderr, "techniqual rotation plan: the plan was not saved; fix these first:\n")
			}
			for _, p := range w.Blocking() {
				fmt.Fprintf(env.Stderr, "  %s\n", p.Message())
			}
			return exitFailure
		}
	},
}

// findWeek finds a period by name and says so on stderr when there is none
// or it is not a teknikprao week.
func findWeek(ctx context.Context, st *data.Store, name string, stderr io.Writer, cmd string) (data.Period, bool) {
	per, ok := findPeriod(ctx, st, name, &Env{Stderr: stderr}, cmd)
	if !ok {
		return per, false
	}
	if per.Format != data.FormatWeek {
		fmt.Fprintf(stderr, "techniqual %s: %q is a classic prao period, not a teknikprao week (see the sixth column of: techniqual list periods)\n", cmd, per.Name)
		return per, false
	}
	return per, true
}

// printWeekPlan writes the summary of a week's plan for people.
func printWeekPlan(w io.Writer, p ops.WeekPlan, r ops.PlanReport) {
	teamed, breaks, locked := 0, 0, 0
	for _, t := range r.Teams {
		teamed += len(t.Pupils)
		if t.Why != "" {
			breaks++
		}
		if t.Locked {
			locked++
		}
	}
	state := "not saved (run with --save to store it)"
	if p.Saved {
		state = "saved"
	}
	fmt.Fprintf(w, "%s: %d teams (%d locked), %d pupils in teams, %d without a team, %d teams break the composition rule; %s\n",
		r.Period, len(r.Teams), locked, teamed, len(r.Unteamed), breaks, state)
	if c := r.Closing; c != nil {
		fmt.Fprintf(w, "closing: %s %s, %s\n", c.Date, c.Start, c.Venue)
	}
	group := ""
	for _, t := range r.Teams {
		if t.Group != group {
			group = t.Group
			fmt.Fprintf(w, "\n%s\n", group)
		}
		lock := ""
		if t.Locked {
			lock = ", locked"
		}
		fmt.Fprintf(w, "  %s (%d pupils: %d girls, %d boys%s)\n", t.Name, len(t.Pupils), t.Girls, t.Boys, lock)
		for _, s := range t.Route {
			fmt.Fprintf(w, "    %s %s–%s  %s\n", s.Date, s.Start, s.End, s.Host)
		}
		if t.Notes != "" {
			fmt.Fprintf(w, "    ! %s\n", t.Notes)
		}
	}
	if len(r.Unteamed) > 0 {
		fmt.Fprintf(w, "\nwithout a team:\n")
		name := map[string]string{}
		for _, pu := range p.Input.Pupils {
			name[pu.Key] = pu.Name
		}
		for _, u := range r.Unteamed {
			fmt.Fprintf(w, "  %s: %s\n", name[u.Pupil], u.Why)
		}
	}
	if len(r.Shortages) > 0 {
		fmt.Fprintf(w, "\nshort:\n")
		for _, s := range r.Shortages {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\nproblems:\n")
		for _, pr := range r.Problems {
			kind := "error"
			if pr.Warning {
				kind = "warning"
			}
			fmt.Fprintf(w, "  %s: %s\n", kind, pr.Text)
		}
	}
}
