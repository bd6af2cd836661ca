package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/match"
)

// matchDB writes example data with 200 pupils and returns its path.
func matchDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(f func(context.Context, []string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := f(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func matchCmd(ctx context.Context, args []string, out, errb *bytes.Buffer) int {
	return callMatch(ctx, args, out, errb)
}

func solveCmd(ctx context.Context, args []string, out, errb *bytes.Buffer) int {
	return callSolve(ctx, args, out, errb)
}

const grade8 = "Åk 8 v. 11 2027"

func TestMatchSaveAgreesWithTheDatabase(t *testing.T) {
	db := matchDB(t)
	code, out, errs := runCmd(matchCmd, "--db", db, "--period", grade8, "--save", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum matchSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	if sum.Pupils != 100 || sum.Placed+sum.Unplaced != sum.Pupils || !sum.Saved || len(sum.RankCounts) != 5 {
		t.Fatalf("summary %+v", sum)
	}
	ranked := 0
	for _, n := range sum.RankCounts {
		ranked += n
	}
	if ranked+sum.OffChoice != sum.Placed || len(sum.UnplacedWhy) != sum.Unplaced {
		t.Errorf("rank counts %v and %d off choice do not add up to %d placed", sum.RankCounts, sum.OffChoice, sum.Placed)
	}

	ctx := context.Background()
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	per, _ := st.FindPeriod(ctx, grade8)
	rows, _ := st.ListAssignments(ctx, per.ID)
	prefs, _ := st.ListPreferences(ctx, per.ID)
	rank := map[[2]string]int{}
	for _, p := range prefs {
		rank[[2]string{p.PupilID, p.OfferID}] = p.Rank
	}
	counts := make([]int, 5)
	for _, r := range rows {
		if r.Source != data.SourceAuto {
			t.Errorf("saved placement has source %s", r.Source)
		}
		if k := rank[[2]string{r.PupilID, r.OfferID}]; k > 0 {
			counts[k-1]++
		}
	}
	if len(rows) != sum.Placed {
		t.Errorf("database has %d placements, the summary says %d placed", len(rows), sum.Placed)
	}
	for r := range counts {
		if counts[r] != sum.RankCounts[r] {
			t.Errorf("choice %d: database %d, summary %d", r+1, counts[r], sum.RankCounts[r])
		}
	}
	// Lock one pupil at an offer outside their choices, run again: the lock holds.
	offers, _ := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID, Status: data.OfferApproved})
	pupil := rows[0].PupilID
	var target string
	for _, o := range offers {
		if rank[[2]string{pupil, o.ID}] == 0 {
			target = o.ID
			break
		}
	}
	lock := data.Assignment{PeriodID: per.ID, PupilID: pupil, OfferID: target, Locked: true}
	if err := st.SaveAssignment(ctx, &lock); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errs = runCmd(matchCmd, "--db", db, "--period", grade8, "--save")
	if code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, errs)
	}
	for _, want := range []string{"placed\t", "unplaced\t", "choice 1\t", "objective\t", "time\t", "saved\t", "not a choice (locked)\t1"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	st, _ = data.Open(ctx, db, data.Options{})
	defer st.Close()
	rows, _ = st.ListAssignments(ctx, per.ID)
	for _, r := range rows {
		if r.PupilID == pupil && (r.ID != lock.ID || r.OfferID != target || !r.Locked) {
			t.Errorf("the lock did not hold: %+v", r)
		}
	}
}

func TestMatchDIMACSAndSolveAgree(t *testing.T) {
	db := matchDB(t)
	file := filepath.Join(t.TempDir(), "p.dimacs")
	code, out, errs := runCmd(matchCmd, "--db", db, "--period", grade8, "--dimacs", file, "--json", "--friends", "--no-lone")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum matchSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Soft == nil || sum.Soft.FriendsCost < 0 || sum.Soft.LoneCost < 0 {
		t.Errorf("soft goals not reported: %+v", sum.Soft)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	net, err := match.ReadDIMACS(f)
	f.Close()
	if err != nil {
		t.Fatalf("the written file does not read back: %v", err)
	}
	if net.NumNodes() < sum.Pupils-sum.Locked {
		t.Errorf("%d nodes for %d pupils", net.NumNodes(), sum.Pupils)
	}
	code, out, errs = runCmd(solveCmd, file)
	if code != exitOK {
		t.Fatalf("solve: exit %d: %s", code, errs)
	}
	first := strings.SplitN(out, "\n", 2)[0]
	if want := "s " + strconv.FormatInt(sum.Objective, 10); first != want {
		t.Errorf("solve says %q, match's objective is %q", first, want)
	}
	if !regexp.MustCompile(`(?m)^f \d+ \d+ 1$`).MatchString(out) {
		t.Errorf("no flow lines:\n%.300s", out)
	}
}

func TestSolveFailures(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name, text string
		msg        []string
	}{
		{"infeasible", "c two units, room for one\np min 2 1\nn 1 2\nn 2 -2\na 1 2 0 1 3\n", []string{"infeasible"}},
		{"bad-arc", "p min 2 1\nn 1 1\nn 2 -1\na 1 2\n", []string{"line 4", "arc"}},
		{"bad-type", "p min 2 1\nx 1\n", []string{"line 2"}},
	} {
		code, out, errs := runCmd(solveCmd, write(c.name, c.text))
		if code != exitFailure || out != "" {
			t.Errorf("%s: exit %d, output %q", c.name, code, out)
		}
		for _, m := range c.msg {
			if !strings.Contains(errs, m) {
				t.Errorf("%s: message %q lacks %q", c.name, errs, m)
			}
		}
	}
	if code, _, errs := runCmd(solveCmd, filepath.Join(dir, "missing")); code != exitFailure || errs == "" {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
	if code, _, _ := runCmd(solveCmd); code != exitUsage {
		t.Errorf("no file: exit %d, want usage", code)
	}
	// A feasible one prints the solution.
	code, out, _ := runCmd(solveCmd, write("ok", "p min 2 1\nn 1 1\nn 2 -1\na 1 2 0 1 3\n"))
	if code != exitOK || out != "s 3\nf 1 2 1\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestMatchUsageAndUnknownPeriod(t *testing.T) {
	db := matchDB(t)
	code, _, errs := runCmd(matchCmd, "--db", db, "--period", "Åk 7 v. 1 2030")
	if code != exitFailure || !strings.Contains(errs, `"Åk 7 v. 1 2030"`) {
		t.Errorf("unknown period: exit %d, %q", code, errs)
	}
	if code, _, _ := runCmd(matchCmd, "--db", db); code != exitUsage {
		t.Errorf("no period: exit %d", code)
	}
	if code, _, errs := runCmd(matchCmd, "--db", filepath.Join(t.TempDir(), "none.db"), "--period", grade8); code != exitFailure || !strings.Contains(errs, "no such database") {
		t.Errorf("missing db: exit %d %q", code, errs)
	}
}

// TestCollectLessPutsTheSettingBack: a match lets the heap grow further
// between collections while it loads and solves, and then leaves the
// collector as it found it.
func TestCollectLessPutsTheSettingBack(t *testing.T) {
	for _, before := range []int{100, 50, -1} {
		old := debug.SetGCPercent(before)
		restore := collectLess()
		if got := debug.SetGCPercent(400); got != 400 {
			t.Errorf("from %d: during a match the collector runs at %d %%, want 400", before, got)
		}
		restore()
		if got := debug.SetGCPercent(old); got != before {
			t.Errorf("after a match the collector runs at %d %%, want %d as before", got, before)
		}
	}
}
