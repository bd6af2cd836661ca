package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"techniqual/data"
	"techniqual/data/peers"
	"techniqual/data/stats"
	"techniqual/reports"
)

var cmdJourney = &Command{
	UsageLine: "journey",
	Short:     "the members' equality journeys: anonymous benchmark, peers at events",
	Long:      `Journey compares the members' equality journeys anonymously and proposes who meets whom at a network event.`,
	Commands:  []*Command{cmdJourneyBenchmark, cmdJourneyPairs},
}

var cmdJourneyBenchmark = &Command{
	UsageLine: "benchmark --db PATH --year YYYY [--json] [--lang sv|en]",
	Short:     "the network's median and quartiles of each key figure and step",
	Long: `Journey benchmark prints, for each key figure and each step of active
measures, how many members contribute (n), and the median and quartiles of
their figures in the year: the whole network, then each size band and
sector (--json: the network's as "figures" and "steps", the bands and
sectors under "scopes"). A figure is hidden when fewer than 5 members
contribute, or when it and another figure of the benchmark (another year,
band or sector) differ by 1–4 members, so that no member's figure can be
worked out; hidden figures print as "hidden" (JSON: null with "hidden":
true). Shares are percent women (girls for pupils); a step counts the
areas (0–6) where it is in place or followed up.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		yearText := fs.String("year", "", "calendar year, e.g. 2026")
		asJSON := fs.Bool("json", false, "print JSON")
		langFlag(fs, env, "language of the labels")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*yearText) == "" {
				return env.usageError()
			}
			year, ok := journeyYear(env, *yearText, "journey benchmark")
			if !ok {
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "journey benchmark")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			j, err := stats.LoadJourneys(ctx, st)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual journey benchmark:", err)
				return exitFailure
			}
			out := benchmarkJSON(j, year, env.Lang.Code())
			if *asJSON {
				return writeJSON(env, out)
			}
			fmt.Fprintf(env.Stdout, "journey benchmark %d: %d members with a journey\n", year, out.Members)
			for _, sc := range append([]benchmarkScope{{Kind: stats.ScopeNetwork, Figures: out.Figures, Steps: out.Steps}}, out.Scopes...) {
				fmt.Fprintf(env.Stdout, "\n%s\n", strings.TrimSpace(sc.Kind+" "+sc.Name))
				fmt.Fprintln(env.Stdout, "key\tn\tq1\tmedian\tq3\tlabel")
				for _, r := range append(append([]benchmarkRow{}, sc.Figures...), sc.Steps...) {
					if r.Hidden {
						fmt.Fprintf(env.Stdout, "%s\t%d\thidden\thidden\thidden\t%s\n", r.Key, r.N, r.Label)
						continue
					}
					fmt.Fprintf(env.Stdout, "%s\t%d\t%s\t%s\t%s\t%s\n", r.Key, r.N, fnum(*r.Q1), fnum(*r.Median), fnum(*r.Q3), r.Label)
				}
			}
			return exitOK
		}
	},
}

func fnum(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func journeyYear(env *Env, s, cmd string) (int, bool) {
	year, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || year < data.JourneyFirstYear || year > data.JourneyLastYear {
		fmt.Fprintf(env.Stderr, "techniqual %s: --year %q is not a year from %d to %d\n", cmd, s, data.JourneyFirstYear, data.JourneyLastYear)
		return 0, false
	}
	return year, true
}

// benchmarkRow is one figure as journey benchmark --json prints it.
type benchmarkRow struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	N      int      `json:"n"`
	Median *float64 `json:"median"`
	Q1     *float64 `json:"q1"`
	Q3     *float64 `json:"q3"`
	Hidden bool     `json:"hidden"`
}

type benchmarkScope struct {
	Kind    string         `json:"kind"`
	Name    string         `json:"name"`
	Figures []benchmarkRow `json:"figures"`
	Steps   []benchmarkRow `json:"steps"`
}

type benchmarkOut struct {
	Year    int              `json:"year"`
	Members int              `json:"members"`
	MinN    int              `json:"min_n"`
	Figures []benchmarkRow   `json:"figures"`
	Steps   []benchmarkRow   `json:"steps"`
	Scopes  []benchmarkScope `json:"scopes"`
}

func benchmarkJSON(j *stats.Journeys, year int, code string) benchmarkOut {
	rows := func(rs []stats.BenchmarkRow) []benchmarkRow {
		out := make([]benchmarkRow, 0, len(rs))
		for _, r := range rs {
			b := benchmarkRow{Key: string(r.Metric), Label: reports.MetricLabel(code, r.Metric), N: r.N, Hidden: r.Hidden}
			if !r.Hidden {
				med, q1, q3 := round1(r.Median), round1(r.Q1), round1(r.Q3)
				b.Median, b.Q1, b.Q3 = &med, &q1, &q3
			}
			out = append(out, b)
		}
		return out
	}
	out := benchmarkOut{Year: year, Members: len(j.Members[year]), MinN: stats.MinGroup, Scopes: []benchmarkScope{}}
	for i, sc := range j.Benchmark(year) {
		if i == 0 {
			out.Figures, out.Steps = rows(sc.Figures), rows(sc.Steps)
			continue
		}
		out.Scopes = append(out.Scopes, benchmarkScope{Kind: sc.Kind, Name: sc.Name, Figures: rows(sc.Figures), Steps: rows(sc.Steps)})
	}
	return out
}

func round1(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 1, 64), 64)
	return f
}

func writeJSON(env *Env, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(env.Stderr, "techniqual:", err)
		return exitFailure
	}
	return exitOK
}

var cmdJourneyPairs = &Command{
	UsageLine: "pairs --db PATH --event NAME [--json] [--lang sv|en]",
	Short:     "who meets whom at a network event, and the area that links them",
	Long: `Journey pairs proposes the tables of a network event: each member that has
done an area of active measures and can share it hosts a table, and members
that want to start that area sit with it (at most 3 guests a table). The
members are the member companies with someone registered or attended. As
many as possible sit with someone; no member meets the same partner as at
the previous network event. Each guest is printed with the area that links
it to its host (--json: tables with their pairs, and the members left
alone with the reason).`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		event := fs.String("event", "", "event, by title")
		asJSON := fs.Bool("json", false, "print JSON")
		langFlag(fs, env, "language of the reasons")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*event) == "" {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "journey pairs")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			p, ok := eventPlan(ctx, env, st, *event, "journey pairs")
			if !ok {
				return exitFailure
			}
			out := pairsJSON(p, env.Lang.Code())
			if *asJSON {
				return writeJSON(env, out)
			}
			printPairs(env.Stdout, out)
			return exitOK
		}
	},
}

func eventPlan(ctx context.Context, env *Env, st *data.Store, title, cmd string) (*peers.EventPlan, bool) {
	e, err := st.FindEvent(ctx, title)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "techniqual %s: there is no event named %q (see: techniqual list events)\n", cmd, title)
		return nil, false
	} else if err != nil {
		fmt.Fprintf(env.Stderr, "techniqual %s: %v\n", cmd, err)
		return nil, false
	}
	p, err := peers.ForEvent(ctx, st, e.ID)
	if err != nil {
		fmt.Fprintf(env.Stderr, "techniqual %s: %v\n", cmd, err)
		return nil, false
	}
	return p, true
}

type pairOut struct {
	Host    string `json:"host"`
	Guest   string `json:"guest"`
	Area    string `json:"area"`
	Label   string `json:"area_label"`
	Learner string `json:"learner"` // who wants to start the area
	Sharer  string `json:"sharer"`  // who has done it and can share
}

type tableOut struct {
	Table   int       `json:"table"`
	Host    string    `json:"host"`
	Members []string  `json:"members"`
	Pairs   []pairOut `json:"pairs"`
}

type aloneOut struct {
	Member string `json:"member"`
	Why    string `json:"why"`
	Reason string `json:"reason"`
}

type pairsOut struct {
	Event    string     `json:"event"`
	Previous string     `json:"previous,omitempty"`
	Members  int        `json:"members"`
	Tables   []tableOut `json:"tables"`
	Pairs    []pairOut  `json:"pairs"`
	Alone    []aloneOut `json:"alone"`
}

func pairsJSON(p *peers.EventPlan, code string) pairsOut {
	name := func(id string) string { return p.Members[id].Name }
	out := pairsOut{Event: p.Event.Title, Previous: p.Previous.Title, Members: len(p.Members), Tables: []tableOut{}, Pairs: []pairOut{}, Alone: []aloneOut{}}
	for i, t := range p.Plan.Tables {
		to := tableOut{Table: i + 1, Host: name(t.Host), Members: []string{name(t.Host)}}
		for _, g := range t.Guests {
			po := pairOut{Host: name(t.Host), Guest: name(g.Member), Area: string(g.Area), Label: reports.AreaLabel(code, g.Area),
				Learner: name(g.Member), Sharer: name(t.Host)}
			if !g.Learner {
				po.Learner, po.Sharer = po.Sharer, po.Learner
			}
			to.Members = append(to.Members, name(g.Member))
			to.Pairs = append(to.Pairs, po)
			out.Pairs = append(out.Pairs, po)
		}
		out.Tables = append(out.Tables, to)
	}
	for _, a := range p.Plan.Alone {
		out.Alone = append(out.Alone, aloneOut{Member: name(a.Member), Why: a.Why, Reason: reports.AloneLabel(code, a.Why)})
	}
	return out
}

func printPairs(w io.Writer, out pairsOut) {
	fmt.Fprintf(w, "journey pairs %q: %d members, %d tables, %d alone\n", out.Event, out.Members, len(out.Tables), len(out.Alone))
	if out.Previous != "" {
		fmt.Fprintf(w, "no pair of %q meets again\n", out.Previous)
	}
	for _, t := range out.Tables {
		fmt.Fprintf(w, "table %d\t%s\n", t.Table, t.Host)
		for _, p := range t.Pairs {
			fmt.Fprintf(w, "\t%s\t%s\t%s wants to start, %s can share\n", p.Guest, p.Area, p.Learner, p.Sharer)
		}
	}
	for _, a := range out.Alone {
		fmt.Fprintf(w, "alone\t%s\t%s\n", a.Member, a.Reason)
	}
}

var cmdPDFJourney = &Command{
	UsageLine: "journey --db PATH --org NAME --year YYYY [--lang sv|en] --out FILE.pdf",
	Short:     "a member's journey report: figures, position in the network, steps, next steps",
	Long: `Pdf journey writes a member's journey report of the year: its key figures
over the years, its position against the anonymous network (median and
quartiles of the network, its size band and sector, hidden as the
benchmark hides them), its active measures per area and step, its pay
survey and the rules that apply to its head count, its next steps and its
stories. The coordinator sends it to the member.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		org := fs.String("org", "", "member company, by name")
		yearText := fs.String("year", "", "calendar year, e.g. 2026")
		langFlag(fs, env, "language of the report")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*org) == "" || strings.TrimSpace(*yearText) == "" || *out == "" {
				return env.usageError()
			}
			year, ok := journeyYear(env, *yearText, "pdf journey")
			if !ok {
				return exitFailure
			}
			if isFolder(*out) {
				fmt.Fprintf(env.Stderr, "techniqual pdf journey: --out %s is a folder; name the PDF file, e.g. %s\n", *out,
					reports.JourneyFileName(*org, year, env.Lang.Code()))
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf journey")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			o, err := st.FindOrganisation(ctx, data.KindCompany, strings.TrimSpace(*org))
			if errors.Is(err, data.ErrNotFound) {
				fmt.Fprintf(env.Stderr, "techniqual pdf journey: there is no company named %q\n", *org)
				return exitFailure
			} else if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey:", err)
				return exitFailure
			}
			j, err := stats.LoadJourneys(ctx, st)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey:", err)
				return exitFailure
			}
			stories, err := st.ListJourneyEntries(ctx, o.ID)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey:", err)
				return exitFailure
			}
			d, err := reports.NewJourneyReport(j, o, year, stories)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey:", err)
				return exitFailure
			}
			opts := reports.Options{Lang: env.Lang.Code()}
			if err := reports.WriteJourneyFile(*out, func(w io.Writer) error { return reports.WriteJourneyReport(w, d, opts) }); err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey:", err)
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "journey %s %d: %d of %d steps in place, %d years of figures: %s\n", o.Name, year, d.Progress.Done,
				data.Cells, len(d.History), *out)
			return exitOK
		}
	},
}

var cmdPDFJourneyBook = &Command{
	UsageLine: "journey-book --db PATH --year YYYY [--lang sv|en] --out FILE.pdf",
	Short:     "the year's shared journey stories, by area, for a network event",
	Long: `Pdf journey-book writes the journey book of the year: the stories dated in
the year that their members marked "may be shared in the network",
grouped by area of active measures.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		yearText := fs.String("year", "", "calendar year, e.g. 2026")
		langFlag(fs, env, "language of the book")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*yearText) == "" || *out == "" {
				return env.usageError()
			}
			year, ok := journeyYear(env, *yearText, "pdf journey-book")
			if !ok {
				return exitFailure
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf journey-book")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			entries, err := st.ListJourneyEntries(ctx, "")
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey-book:", err)
				return exitFailure
			}
			orgs, err := st.ListOrganisations(ctx, data.KindCompany)
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey-book:", err)
				return exitFailure
			}
			byID := map[string]data.Organisation{}
			for _, o := range orgs {
				byID[o.ID] = o
			}
			b := reports.NewJourneyBook(year, entries, byID)
			opts := reports.Options{Lang: env.Lang.Code()}
			err = reports.WriteJourneyFile(*out, func(w io.Writer) error { return reports.WriteJourneyBook(w, b, opts) })
			if errors.Is(err, reports.ErrNothing) {
				fmt.Fprintf(env.Stderr, "techniqual pdf journey-book: no story dated in %d may be shared; nothing to print\n", year)
				return exitFailure
			} else if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey-book:", err)
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "journey book %d: %d shared stories: %s\n", year, len(b.Stories), *out)
			return exitOK
		}
	},
}

var cmdPDFJourneyTables = &Command{
	UsageLine: "journey-tables --db PATH --event NAME [--lang sv|en] --out FILE.pdf",
	Short:     "a network event's table plan and each member's \"who you meet and why\" slip",
	Long: `Pdf journey-tables prints the tables journey pairs proposes for a network
event: the table plan on the first page, then one slip per member saying
whom it meets and which area links them.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		event := fs.String("event", "", "event, by title")
		langFlag(fs, env, "language of the documents")
		out := fs.String("out", "", "FILE.pdf")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) != 1 || *db == "" || strings.TrimSpace(*event) == "" || *out == "" {
				return env.usageError()
			}
			st, ok := openExisting(ctx, *db, env.Stderr, "pdf journey-tables")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			p, ok := eventPlan(ctx, env, st, *event, "pdf journey-tables")
			if !ok {
				return exitFailure
			}
			opts := reports.Options{Lang: env.Lang.Code()}
			err := reports.WriteJourneyFile(*out, func(w io.Writer) error { return reports.WriteTablePlan(w, p, opts) })
			if errors.Is(err, reports.ErrNothing) {
				fmt.Fprintf(env.Stderr, "techniqual pdf journey-tables: nobody at %q can be seated with a partner; nothing to print\n", p.Event.Title)
				return exitFailure
			} else if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual pdf journey-tables:", err)
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "journey tables %q: %d tables: %s\n", p.Event.Title, len(p.Plan.Tables), *out)
			return exitOK
		}
	},
}
