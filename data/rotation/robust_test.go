package rotation

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// TestBadInputNeverPanics corrupts one field of random weeks at a time:
// Plan returns an error or a plan that keeps the invariants, never panics,
// and never changes its input.
func TestBadInputNeverPanics(t *testing.T) {
	r := rand.New(rand.NewSource(99))
	bad := []int{-7, -1, 0, 1, 3, 1 << 20}
	for it := range 400 {
		in := randomInstance(r, 1+r.Intn(30), 1+r.Intn(3))
		in.Teams = append(in.Teams, Team{Key: "t", Group: 0, Locked: r.Intn(2) == 0, Pupils: []int{0}, Route: []int{}})
		v := bad[r.Intn(len(bad))]
		switch r.Intn(12) {
		case 0:
			in.Pupils[r.Intn(len(in.Pupils))].Groups = []int{v}
		case 1:
			in.Pupils[r.Intn(len(in.Pupils))].LockedTeam = v
		case 2:
			in.Pupils[r.Intn(len(in.Pupils))].Gender = Gender(v)
		case 3:
			if len(in.Blocks) > 0 {
				in.Blocks[r.Intn(len(in.Blocks))].Host = v
			}
		case 4:
			if len(in.Blocks) > 0 {
				in.Blocks[r.Intn(len(in.Blocks))].End = v
			}
		case 5:
			if len(in.Blocks) > 0 {
				in.Blocks[r.Intn(len(in.Blocks))].TeamsMax = v
			}
		case 6:
			in.Groups[0].Hosts = append(in.Groups[0].Hosts, v)
		case 7:
			in.Teams[0].Group = v
		case 8:
			in.Teams[0].Route = []int{v}
		case 9:
			in.Friends = append(in.Friends, [2]int{0, v})
		case 10:
			in.Options.TeamMin, in.Options.TeamMax = v, v/2
		case 11:
			in.Hosts[0].Group = v
		}
		before, _ := json.Marshal(in)
		res, err := Plan(in)
		after, _ := json.Marshal(in)
		if string(before) != string(after) {
			t.Fatalf("instance %d: Plan changed its input", it)
		}
		if err == nil {
			checkPlan(t, in, res)
		}
		if t.Failed() {
			t.Fatalf("instance %d", it)
		}
	}
	// ProposeGroups takes anything.
	hosts := []Host{{Group: 1 << 30}, {Group: -5}, {Group: 0}}
	blocks := []Block{{Host: -1}, {Host: 9}, {Host: 0, Start: 10, End: 5}, {Host: 1, End: 60}}
	if gs := ProposeGroups(hosts, blocks, -3); len(gs) == 0 {
		t.Errorf("no groups for %+v", hosts)
	}
}

// TestBigGroupStaysFast: one group of eight hosts with a morning and an
// afternoon block each day for three teams, and 600 pupils: far beyond a
// real group, it must still plan quickly and keep every invariant.
func TestBigGroupStaysFast(t *testing.T) {
	in := Instance{Options: Defaults()}
	in.Options.TravelMinutes = 45
	addGroup(&in, "Stor", "Karlstad", 8, []int{0, 1, 2, 3, 4})
	for b := range in.Blocks {
		in.Blocks[b].TeamsMax = 3
		pm := in.Blocks[b]
		pm.Start, pm.End = 13*60, 16*60
		in.Blocks = append(in.Blocks, pm)
	}
	addPupils(&in, 600, "Skola", "9A", nil, Girl, Boy, Boy, Other)
	for i := 0; i+7 < 600; i += 7 {
		in.Friends = append(in.Friends, [2]int{i, i + 7})
	}
	start := time.Now()
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	t.Logf("%d teams, %d unteamed, %d shortages in %v", len(res.Teams), len(res.Unteamed), len(res.Shortages), time.Since(start))
}

// TestSeededTeamsWithoutRoom: teams kept from an earlier plan, each with
// locked pupils, in a group whose blocks have no room for more teams and
// more pupils than the kept teams can take: the kept teams stay, the rest
// of the pupils get a reason.
func TestSeededTeamsWithoutRoom(t *testing.T) {
	in := Instance{Options: Options{TeamMin: 4, TeamMax: 4, WishesOnly: true}}
	addGroup(&in, "Ring", "Karlstad", 2, []int{0})
	addPupils(&in, 11, "Skola", "9A", []int{0}, Girl, Boy)
	for k := range 2 {
		in.Teams = append(in.Teams, Team{Key: fmt.Sprintf("t%d", k), Name: fmt.Sprintf("Lag %d", k+1), Group: 0})
	}
	for i := range 3 {
		in.Pupils[i].LockedTeam = 0
	}
	in.Pupils[3].LockedTeam = 1
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if len(res.Teams) != 2 {
		t.Fatalf("teams %+v", res.Teams)
	}
	found := false
	for _, s := range res.Shortages {
		found = found || strings.Contains(s.Text, "Grupp Ring: ett team hinner bara till 1 av 2 värdar, för blocken krockar")
	}
	if !found {
		t.Errorf("no shortage says the blocks clash: %+v", res.Shortages)
	}
	for _, u := range res.Unteamed {
		if !strings.Contains(u.Why, "Ring") {
			t.Errorf("pupil %d: reason %q does not name the group", u.Pupil, u.Why)
		}
	}
}
