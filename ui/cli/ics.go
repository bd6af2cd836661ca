package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/data/text"
	"techniqual/ui/ops"
)

var cmdICS = &Command{
	UsageLine: "ics --db PATH (--event NAME | --period NAME [--school NAME] [--class NAME]\n| --period NAME --offer TITLE [--host NAME] [--include-protected]\n| --period WEEK (--team NAME | --host NAME) [--include-protected]) [--lang sv|en] --out FILE.ics",
	Short:     "a calendar: an event, a period's prao days for pupils, one offer's days for the host, a week's team or host",
	Long: `Ics writes an iCalendar file: an event, the prao days of a period's placed
pupils (all, or one school's or class's), or one offer's days for the host.
For a teknikprao week (from its saved plan), --period alone gives each
pupil's blocks and the closing session, --team NAME one team's, and --host
NAME (without --offer) the host's blocks with the teams coming (pupils with
protected identity as "Elev via skolan" unless --include-protected).
Files naming pupils are recorded in the audit log.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		f := &icsFlags{
			db:      fs.String("db", "", "database file"),
			event:   fs.String("event", "", "event, by title"),
			period:  fs.String("period", "", "prao period, by name"),
			school:  fs.String("school", "", "only the pupils of this school"),
			class:   fs.String("class", "", "only the pupils of this class"),
			offer:   fs.String("offer", "", "one offer of the period, by title: its days for the host"),
			host:    fs.String("host", "", "the offer's host, when several offers have that title; in a week, the host whose blocks to write"),
			team:    fs.String("team", "", "in a week, the team whose route to write"),
			include: fs.Bool("include-protected", false, "name pupils with protected identity in an offer's calendar for the host"),
			out:     fs.String("out", "", "FILE.ics"),
		}
		langFlag(fs, env, "language of the texts")
		return f.run
	},
}

// icsFlags are the flags of techniqual ics.
type icsFlags struct {
	db, event, period, school, class, offer, host, team, out *string
	include                                                  *bool
}

// run writes the calendar the flags ask for.
func (fl *icsFlags) run(ctx context.Context, env *Env, pos []string) int {
	db, event, period, school, class, offer, host, out := fl.db, fl.event, fl.period, fl.school, fl.class, fl.offer, fl.host, fl.out
	stdout, stderr := env.Stdout, env.Stderr
	byEvent, byPeriod := strings.TrimSpace(*event) != "", strings.TrimSpace(*period) != ""
	team := fl.team
	if len(pos) > 0 || *db == "" || *out == "" || byEvent == byPeriod ||
		(byEvent && (*school != "" || *class != "" || *offer != "" || *host != "" || *team != "")) ||
		(*offer != "" && (*school != "" || *class != "" || *team != "")) ||
		(*team != "" && (*school != "" || *class != "" || *host != "")) ||
		(*host != "" && *offer == "" && (*school != "" || *class != "")) {
		return env.usageError()
	}
	st, ok := openExisting(ctx, *db, stderr, "ics")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	o := calendar.Options{Lang: env.Lang.Code(), IncludeProtected: *fl.include}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "techniqual ics:", ops.Message(text.English, err))
		return exitFailure
	}

	if byEvent {
		e, err := st.FindEvent(ctx, *event)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual ics: there is no event named %q (see: techniqual list events)\n", *event)
			return exitFailure
		} else if err != nil {
			return fail(err)
		}
		if _, err := ops.SaveCalendar(ctx, st, ops.Calendar{EventID: e.ID}, *out, o); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "event %q: %s\n", e.Title, *out)
		return exitOK
	}

	per, err := st.FindPeriod(ctx, *period)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(stderr, "techniqual ics: there is no prao period named %q (see: techniqual list periods)\n", *period)
		return exitFailure
	} else if err != nil {
		return fail(err)
	}
	if per.Format == data.FormatWeek && *offer == "" {
		return fl.week(ctx, env, st, per, o)
	}
	if *host != "" && *offer == "" || *team != "" {
		fmt.Fprintf(stderr, "techniqual ics: %q is a classic prao period: --team, and --host without --offer, are for a teknikprao week\n", per.Name)
		return env.usageError()
	}
	if *offer != "" {
		off, msg, err := findOffer(ctx, st, per, *offer, *host)
		if err != nil {
			return fail(err)
		}
		if msg != "" {
			fmt.Fprintln(stderr, "techniqual ics:", msg)
			return exitFailure
		}
		n, err := ops.SaveCalendar(ctx, st, ops.Calendar{OfferID: off.ID}, *out, o)
		if errors.Is(err, calendar.ErrNothing) {
			fmt.Fprintf(stderr, "techniqual ics: offer %q has no days yet; nothing to write\n", off.Title)
			return exitFailure
		} else if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "offer %q: %d days, %d pupils: %s\n", off.Title, days(off, per), n, *out)
		return exitOK
	}
	f := data.DocFilter{ClassName: strings.TrimSpace(*class)}
	if *school != "" {
		s, err := st.FindOrganisation(ctx, data.KindSchool, *school)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(stderr, "techniqual ics: there is no school named %q\n", *school)
			return exitFailure
		} else if err != nil {
			return fail(err)
		}
		f.SchoolID = s.ID
	}
	n, err := ops.SaveCalendar(ctx, st, ops.Calendar{PeriodID: per.ID, Filter: f}, *out, o)
	if errors.Is(err, calendar.ErrNothing) {
		fmt.Fprintf(stderr, "techniqual ics: no placed pupils in %q%s; nothing to write\n", per.Name, describeFilter(*school, *class))
		return exitFailure
	} else if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "%d pupils: %s\n", n, *out)
	return exitOK
}

// week writes a teknikprao week's calendar: the pupils', a team's or a host's.
func (fl *icsFlags) week(ctx context.Context, env *Env, st *data.Store, per data.Period, o calendar.Options) int {
	f, ok := docFilter(ctx, st, *fl.school, *fl.class, env.Stderr, "ics")
	if !ok {
		return exitFailure
	}
	c := ops.WeekCalendar{PeriodID: per.ID, Filter: f, Team: strings.TrimSpace(*fl.team)}
	what := ""
	if *fl.host != "" {
		h, err := st.FindOrganisation(ctx, data.KindCompany, *fl.host)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(env.Stderr, "techniqual ics: there is no company named %q\n", *fl.host)
			return exitFailure
		} else if err != nil {
			fmt.Fprintln(env.Stderr, "techniqual ics:", err)
			return exitFailure
		}
		c.HostID, what = h.ID, fmt.Sprintf("host %q: ", h.Name)
	} else if c.Team != "" {
		what = fmt.Sprintf("team %q: ", c.Team)
	}
	n, err := ops.SaveWeekCalendar(ctx, st, c, *fl.out, o)
	var nf *ops.NotFoundError
	switch {
	case errors.As(err, &nf) && nf.What == "host":
		fmt.Fprintf(env.Stderr, "techniqual ics: %s has no block in %q\n", *fl.host, per.Name)
		return exitFailure
	case errors.Is(err, calendar.ErrNothing):
		fmt.Fprintf(env.Stderr, "techniqual ics: nothing to write for %q%s\n", per.Name, describeFilter(*fl.school, *fl.class))
		return exitFailure
	case errors.Is(err, ops.ErrNoPlan):
		fmt.Fprintf(env.Stderr, "techniqual ics: %q: %v\n", per.Name, err)
		return exitFailure
	case err != nil:
		fmt.Fprintln(env.Stderr, "techniqual ics:", ops.Message(text.English, err))
		return exitFailure
	}
	fmt.Fprintf(env.Stdout, "%s%d pupils: %s\n", what, n, *fl.out)
	return exitOK
}

// findOffer finds the offer of a period with that title (and host, when
// given). msg says in words why none was chosen.
func findOffer(ctx context.Context, st *data.Store, per data.Period, title, host string) (data.Offer, string, error) {
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID})
	if err != nil {
		return data.Offer{}, "", err
	}
	var hostID string
	if host != "" {
		h, err := st.FindOrganisation(ctx, data.KindCompany, host)
		if errors.Is(err, data.ErrNotFound) {
			return data.Offer{}, fmt.Sprintf("there is no company named %q", host), nil
		} else if err != nil {
			return data.Offer{}, "", err
		}
		hostID = h.ID
	}
	var found []data.Offer
	for _, o := range offers {
		if strings.EqualFold(strings.TrimSpace(o.Title), strings.TrimSpace(title)) && (hostID == "" || o.HostID == hostID) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return data.Offer{}, fmt.Sprintf("there is no offer titled %q in %q", title, per.Name), nil
	case 1:
		return found[0], "", nil
	}
	return data.Offer{}, fmt.Sprintf("%d offers in %q are titled %q; say which with --host NAME", len(found), per.Name, title), nil
}

// days is how many days an offer's calendar holds.
func days(o data.Offer, per data.Period) int {
	if len(o.Days) > 0 {
		return len(o.Days)
	}
	return len(data.Weekdays(per.Start, per.End))
}
