package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"techniqual/data"
	"techniqual/data/match"
)

var cmdMatch = &Command{
	UsageLine: "match --db PATH --period NAME [--json] [--dimacs FILE] [--save]\n[--rank-maximal] [--friends] [--no-lone]",
	Short:     "allocate a period's pupils to offers; --save makes it the placements",
	Long: `Match runs the allocation of one period and prints a summary (--json: as
JSON); --save makes the result the period's placements (locked placements
are kept). Unplaced pupils are named by id, never by name.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		o := &matchFlags{
			db:      fs.String("db", "", "database file"),
			period:  fs.String("period", "", "prao period, by name"),
			asJSON:  fs.Bool("json", false, "print the summary as JSON"),
			dimacs:  fs.String("dimacs", "", "also write the flow problem in DIMACS format to this file"),
			save:    fs.Bool("save", false, "store the result as the period's placements (locked ones are kept)"),
			rankMax: fs.Bool("rank-maximal", false, "as many 1st choices as possible, then 2nd, … (instead of convex costs)"),
			friends: fs.Bool("friends", false, "try to place friend pairs together"),
			noLone:  fs.Bool("no-lone", false, "try to avoid a lone girl or boy at an offer"),
		}
		return o.run
	},
}

// matchFlags are the flags of techniqual match.
type matchFlags struct {
	db, period, dimacs                     *string
	asJSON, save, rankMax, friends, noLone *bool
}

// matchSummary is what techniqual match prints, as text or (--json) JSON.
type matchSummary struct {
	Period      string          `json:"period"`
	Pupils      int             `json:"pupils"`
	Offers      int             `json:"offers"`
	Seats       int             `json:"seats"`
	Locked      int             `json:"locked"`
	Placed      int             `json:"placed"`
	Unplaced    int             `json:"unplaced"`
	RankCounts  []int           `json:"rank_counts"`
	OffChoice   int             `json:"off_choice"`
	RankCost    int64           `json:"rank_cost"`
	Objective   int64           `json:"objective"`
	Stages      []string        `json:"stages"`
	Soft        *softSummary    `json:"soft,omitempty"`
	LockIssues  int             `json:"lock_issues"`
	UnplacedWhy []unplacedPupil `json:"unplaced_pupils"`
	LoadMS      float64         `json:"load_ms"`
	SolveMS     float64         `json:"solve_ms"`
	Saved       bool            `json:"saved"`
	DIMACS      string          `json:"dimacs,omitempty"`
}

type softSummary struct {
	FriendsApartBefore int   `json:"friends_apart_before"`
	FriendsApartAfter  int   `json:"friends_apart_after"`
	FriendsCost        int64 `json:"friends_cost"`
	LoneBefore         int   `json:"lone_before"`
	LoneAfter          int   `json:"lone_after"`
	LoneCost           int64 `json:"lone_cost"`
	RankCostBefore     int64 `json:"rank_cost_before"`
}

// unplacedPupil names an unplaced pupil by id (never by name: the output may
// land in a log) with the engine's explanation.
type unplacedPupil struct {
	PupilID     string `json:"pupil_id"`
	Explanation string `json:"explanation"`
	OffersInSet int    `json:"offers_in_set"`
	PupilsInSet int    `json:"pupils_in_set"`
	Seats       int    `json:"seats"`
}

// collectLess lets the heap grow to five times what is live before the
// collector runs, instead of twice (GOGC 400), and returns a function
// that puts the setting back. A match loads a period and solves it, and
// nearly all it allocates stays live to the end: from a fresh process's
// 4 MB heap, the collector otherwise ran each time the heap doubled, about
// a tenth of a first load at 30,000 pupils (#16). Since little is garbage,
// the peak grew by under a tenth, not fivefold.
func collectLess() (restore func()) {
	percent := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(percent) }
}

// run runs the allocation of one period and prints a summary; --save
// makes it the period's placements (locks are kept).
func (f *matchFlags) run(ctx context.Context, env *Env, pos []string) int {
	db, period, asJSON, dimacs, save := f.db, f.period, f.asJSON, f.dimacs, f.save
	rankMax, friends, noLone := f.rankMax, f.friends, f.noLone
	stdout, stderr := env.Stdout, env.Stderr
	if len(pos) > 0 || *db == "" || strings.TrimSpace(*period) == "" {
		return env.usageError()
	}
	st, ok := openExisting(ctx, *db, stderr, "match")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	fail := func(err error) int {
		fmt.Fprintln(stderr, "techniqual match:", err)
		return exitFailure
	}
	per, err := st.FindPeriod(ctx, *period)
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintf(stderr, "techniqual match: there is no prao period named %q (see: techniqual list periods)\n", *period)
		return exitFailure
	} else if err != nil {
		return fail(err)
	}

	restoreGC := collectLess()
	t0 := time.Now()
	a, err := st.LoadAllocation(ctx, per.ID)
	if err != nil {
		restoreGC()
		return fail(err)
	}
	t1 := time.Now()
	opts := match.Options{RankMaximal: *rankMax, FriendsTogether: *friends, NoLoneGender: *noLone}
	in := a.WithLocks(a.CurrentLocks(), opts)
	res, err := match.Allocate(ctx, in)
	t2 := time.Now()
	restoreGC()
	if err != nil {
		return fail(err)
	}

	sum := matchSummary{Period: per.Name, Pupils: len(a.Pupils), Offers: len(a.Offers), Placed: res.Placed,
		Unplaced: res.Unplaced, RankCounts: res.RankCounts, OffChoice: res.OffChoice, RankCost: res.RankCost,
		LockIssues: len(res.LockIssues), LoadMS: ms(t1.Sub(t0)), SolveMS: ms(t2.Sub(t1)), DIMACS: *dimacs,
		UnplacedWhy: []unplacedPupil{}}
	for _, o := range a.Offers {
		if o.Status == data.OfferApproved {
			sum.Seats += o.Capacity
		}
	}
	for _, p := range in.Pupils {
		if p.Locked != match.NoOffer {
			sum.Locked++
		}
	}
	for _, s := range res.Solves {
		sum.Stages = append(sum.Stages, s.Stage)
	}
	if len(res.Solves) > 0 {
		sum.Objective = res.Solves[0].Flow.Cost // the problem --dimacs writes
	}
	if s := res.Soft; s != nil {
		sum.Soft = &softSummary{FriendsApartBefore: s.FriendsApartBefore, FriendsApartAfter: s.FriendsApartAfter,
			FriendsCost: s.FriendsCost, LoneBefore: s.LoneBefore, LoneAfter: s.LoneAfter, LoneCost: s.LoneCost,
			RankCostBefore: s.RankCostBefore}
	}
	for i, j := range res.Assign {
		if j != match.NoOffer {
			continue
		}
		e := res.Explanations[i]
		sum.UnplacedWhy = append(sum.UnplacedWhy, unplacedPupil{PupilID: a.Pupils[i].ID, Explanation: e.String(),
			OffersInSet: len(e.Offers), PupilsInSet: e.PupilsInSet, Seats: e.Seats})
	}

	if *dimacs != "" {
		if len(res.Solves) == 0 {
			return fail(errors.New("no flow problem to write (no pupil to place)"))
		}
		var buf bytes.Buffer
		comment := fmt.Sprintf("techniqual match: %s, %d pupils, %d offers\nstage: %s", per.Name, len(a.Pupils),
			len(a.Offers), res.Solves[0].Stage)
		if err := match.WriteDIMACS(&buf, res.Solves[0].Network, comment); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(*dimacs, buf.Bytes(), 0o644); err != nil {
			return fail(err)
		}
	}
	if *save {
		if _, err := st.SaveAllocation(ctx, a, a.Plan(in, res), false); err != nil {
			return fail(err)
		}
		sum.Saved = true
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(sum); err != nil {
			return fail(err)
		}
		return exitOK
	}
	printSummary(stdout, sum)
	return exitOK
}

func printSummary(w io.Writer, s matchSummary) {
	fmt.Fprintf(w, "period\t%s\n", s.Period)
	fmt.Fprintf(w, "pupils\t%d (%d locked)\n", s.Pupils, s.Locked)
	fmt.Fprintf(w, "offers\t%d (%d approved seats)\n", s.Offers, s.Seats)
	fmt.Fprintf(w, "placed\t%d\n", s.Placed)
	fmt.Fprintf(w, "unplaced\t%d\n", s.Unplaced)
	for r, n := range s.RankCounts {
		fmt.Fprintf(w, "choice %d\t%d\n", r+1, n)
	}
	if s.OffChoice > 0 {
		fmt.Fprintf(w, "not a choice (locked)\t%d\n", s.OffChoice)
	}
	fmt.Fprintf(w, "rank cost\t%d\n", s.RankCost)
	fmt.Fprintf(w, "objective\t%d (%s)\n", s.Objective, strings.Join(s.Stages, "; "))
	if s.Soft != nil {
		if s.Soft.FriendsCost >= 0 {
			fmt.Fprintf(w, "friend pairs apart\t%d -> %d (cost %d)\n", s.Soft.FriendsApartBefore, s.Soft.FriendsApartAfter, s.Soft.FriendsCost)
		}
		if s.Soft.LoneCost >= 0 {
			fmt.Fprintf(w, "lone girls or boys\t%d -> %d (cost %d)\n", s.Soft.LoneBefore, s.Soft.LoneAfter, s.Soft.LoneCost)
		}
	}
	if s.LockIssues > 0 {
		fmt.Fprintf(w, "locks breaking a rule\t%d\n", s.LockIssues)
	}
	fmt.Fprintf(w, "time\tload %.1f ms, solve %.1f ms\n", s.LoadMS, s.SolveMS)
	if s.DIMACS != "" {
		fmt.Fprintf(w, "dimacs\t%s\n", s.DIMACS)
	}
	if s.Saved {
		fmt.Fprintf(w, "saved\t%d placements\n", s.Placed)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
