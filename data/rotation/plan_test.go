package rotation

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDefaults(t *testing.T) {
	d := Defaults()
	if d.TeamMin != 4 || d.TeamMax != 6 || !d.MixRule || d.MixWeight != 5 || !d.FriendsTogether || d.TravelMinutes != 30 {
		t.Fatalf("Defaults() = %+v", d)
	}
	if got := normalize(Options{}); got != d {
		t.Errorf("normalize(zero) = %+v, want the defaults", got)
	}
	got := normalize(Options{TeamMax: 5, TravelMinutes: 0, KeepClass: true})
	if got.TeamMin != 4 || got.TeamMax != 5 || got.MixWeight != 5 || got.TravelMinutes != 0 || got.MixRule {
		t.Errorf("normalize(partial) = %+v", got)
	}
}

// TestLatinSquare: the network's format, four hosts with a block each
// morning Monday–Thursday, twenty pupils: four teams of five, each meeting
// every host once, every block used once.
func TestLatinSquare(t *testing.T) {
	in := Instance{Options: Defaults()}
	addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
	addPupils(&in, 20, "Skola", "9A", nil, Girl, Girl, Boy, Boy, Boy)
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if len(res.Teams) != 4 || len(res.Unteamed) != 0 || len(res.Shortages) != 0 {
		t.Fatalf("teams %d, unteamed %v, shortages %v", len(res.Teams), res.Unteamed, res.Shortages)
	}
	for _, tm := range res.Teams {
		if len(tm.Route) != 4 || len(tm.Pupils) != 5 || tm.Why != "" {
			t.Errorf("team %+v", tm)
		}
		days := map[int]bool{}
		for _, b := range tm.Route {
			days[in.Blocks[b].Day] = true
		}
		if len(days) != 4 {
			t.Errorf("team %s: route %v not one block a day", tm.Name, tm.Route)
		}
	}
	if n := breaks(&in, res); n != 0 {
		t.Errorf("%d teams break the composition rule", n)
	}
}

func TestPlanEdgeCases(t *testing.T) {
	type check func(t *testing.T, in Instance, res Result)
	hasShortage := func(parts ...string) check {
		return func(t *testing.T, in Instance, res Result) {
			for _, s := range res.Shortages {
				ok := true
				for _, p := range parts {
					ok = ok && strings.Contains(s.Text, p)
				}
				if ok {
					return
				}
			}
			t.Errorf("no shortage with %q in %+v", parts, res.Shortages)
		}
	}
	unteamed := func(n int, why string) check {
		return func(t *testing.T, in Instance, res Result) {
			if len(res.Unteamed) != n {
				t.Fatalf("unteamed %+v, want %d", res.Unteamed, n)
			}
			for _, u := range res.Unteamed {
				if !strings.Contains(u.Why, why) {
					t.Errorf("unteamed %d: why %q, want %q", u.Pupil, u.Why, why)
				}
			}
		}
	}
	teams := func(n int) check {
		return func(t *testing.T, in Instance, res Result) {
			if len(res.Teams) != n {
				t.Errorf("%d teams, want %d", len(res.Teams), n)
			}
		}
	}
	teamWhy := func(why string) check {
		return func(t *testing.T, in Instance, res Result) {
			for _, tm := range res.Teams {
				if strings.Contains(tm.Why, why) {
					return
				}
			}
			t.Errorf("no team says %q", why)
		}
	}
	tests := []struct {
		name   string
		build  func() Instance
		checks []check
	}{
		{"a class of 3 pupils", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			addPupils(&in, 3, "Skola", "9A", nil, Girl, Boy, Girl)
			return in
		}, []check{teams(0), unteamed(3, "Grupp Ring A fick bara 3 elever, för få för ett team (minst 4)")}},
		{"pupils without a group wish go anywhere", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			addGroup(&in, "Ring B", "Hammarö", 4, []int{0, 1, 2, 3})
			addPupils(&in, 20, "Skola", "9A", []int{0}, Girl, Boy)
			addPupils(&in, 8, "Skola", "9B", nil, Girl, Boy)
			return in
		}, []check{teams(6), unteamed(0, "")}},
		{"a host with no block", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 3, []int{0, 1, 2})
			in.Hosts = append(in.Hosts, Host{Name: "Tomma AB", Group: 0})
			in.Groups[0].Hosts = append(in.Groups[0].Hosts, 3)
			addPupils(&in, 10, "Skola", "9A", nil, Girl, Boy)
			return in
		}, []check{teams(2), unteamed(0, ""), hasShortage("värden Tomma AB har inget block"), teamWhy("Teamet möter 3 av 4 värdar (inte Tomma AB)")}},
		{"a group lacks a Tuesday block", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			in.Blocks = slices.DeleteFunc(in.Blocks, func(b Block) bool { return b.Host == 2 && b.Day == 1 })
			addPupils(&in, 24, "Skola", "9A", nil, Girl, Boy)
			return in
		}, []check{teams(3), unteamed(6, "Alla grupper är fulla"), hasShortage("Grupp Ring A saknar ett block på tisdag"),
			hasShortage("Grupp Ring A saknar ett block hos Ring A värd 3"), hasShortage("6 elever utan team")}},
		{"a group with fewer blocks than teams", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			in.Blocks = slices.DeleteFunc(in.Blocks, func(b Block) bool { return b.Host == 3 && b.Day == 3 })
			addPupils(&in, 16, "Skola", "9A", nil, Girl, Boy)
			// Four teams kept from an earlier plan, a pupil locked in each.
			for k := range 4 {
				in.Teams = append(in.Teams, Team{Key: "t" + string(rune('1'+k)), Name: "Team", Group: 0})
				in.Pupils[k].LockedTeam = k
			}
			return in
		}, []check{teams(4), unteamed(0, ""), hasShortage("Grupp Ring A saknar ett block på torsdag."), hasShortage("Ett team för många för grupp Ring A: blocken räcker till 3 kompletta rutter."),
			hasShortage("Grupp Ring A saknar ett block hos Ring A värd 4: värden tar 3 team, gruppen har 4."), teamWhy("Teamet möter 3 av 4 värdar (inte Ring A värd 4)")}},
		{"no groups at all", func() Instance {
			in := Instance{}
			in.Hosts = []Host{{Name: "Ensam AB", Group: -1}}
			in.Blocks = []Block{morning(0, 0, 1)}
			addPupils(&in, 5, "Skola", "9A", nil)
			return in
		}, []check{teams(0), unteamed(5, "Veckan har inga värdgrupper"), hasShortage("inte med i någon grupp")}},
		{"a lone girl is explained", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			addPupils(&in, 1, "Skola", "9A", nil, Girl)
			addPupils(&in, 9, "Skola", "9A", nil, Boy)
			return in
		}, []check{teams(2), teamWhy("1 flicka i teamet: gruppen har bara 1 flicka")}},
		{"wishes only: full wished groups leave the pupil out", func() Instance {
			in := Instance{Options: Defaults()}
			in.Options.WishesOnly = true
			addGroup(&in, "Ring A", "Karlstad", 2, []int{0, 1})
			addGroup(&in, "Ring B", "Karlstad", 4, []int{0, 1, 2, 3})
			addPupils(&in, 13, "Skola", "9A", []int{0}, Girl, Boy)
			return in
		}, []check{teams(2), unteamed(1, "Grupperna eleven önskat (Ring A) är fulla")}},
		{"seven pupils cannot form teams of 4–6", func() Instance {
			in := Instance{Options: Defaults()}
			in.Options.WishesOnly = true
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			addPupils(&in, 7, "Skola", "9A", []int{0}, Girl, Boy)
			return in
		}, []check{teams(1), unteamed(1, "Grupp Ring A fick 7 elever, som inte ryms i team om 4–6 elever.")}},
		{"friends together", func() Instance {
			in := Instance{}
			addGroup(&in, "Ring A", "Karlstad", 4, []int{0, 1, 2, 3})
			addPupils(&in, 20, "Skola", "9A", nil, Girl, Girl, Boy, Boy)
			in.Friends = [][2]int{{0, 19}, {1, 18}, {4, 15}}
			return in
		}, []check{func(t *testing.T, in Instance, res Result) {
			for _, f := range in.Friends {
				for _, tm := range res.Teams {
					if slices.Contains(tm.Pupils, f[0]) != slices.Contains(tm.Pupils, f[1]) {
						t.Errorf("friends %v apart", f)
					}
				}
			}
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.build()
			res, err := Plan(in)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, in, res)
			for _, c := range tc.checks {
				c(t, in, res)
			}
			if t.Failed() {
				t.Logf("teams %+v\nunteamed %+v\nshortages %+v", res.Teams, res.Unteamed, res.Shortages)
			}
		})
	}
}

func TestPlanValidation(t *testing.T) {
	base := func() Instance {
		in := Instance{}
		addGroup(&in, "Ring A", "Karlstad", 2, []int{0, 1})
		addPupils(&in, 4, "Skola", "9A", []int{0})
		in.Teams = []Team{{Key: "t1", Name: "Lag 1", Group: 0, Locked: true, Route: []int{0, 3}}}
		return in
	}
	tests := []struct {
		name   string
		change func(in *Instance)
		want   string
	}{
		{"team min above max", func(in *Instance) { in.Options = Options{TeamMin: 7, TeamMax: 5} }, "minsta teamstorlek 7 är större än största 5"},
		{"block ends before it starts", func(in *Instance) { in.Blocks[1].End = in.Blocks[1].Start }, "blocket hos Ring A värd 1 tisdag 2026-03-03 08:30–08:30: slutar 08:30, inte efter start 08:30"},
		{"block of an unknown host", func(in *Instance) { in.Blocks[2].Host = 9 }, "block 2 (b1-0): värd 9 finns inte"},
		{"wish for an unknown group", func(in *Instance) { in.Pupils[2].Groups = []int{0, 4} }, "eleven Elev 2: val 2 är grupp 4, som inte finns"},
		{"repeated wish", func(in *Instance) { in.Pupils[1].Groups = []int{0, 0} }, "eleven Elev 1: val 2 upprepar grupp Ring A"},
		{"locked to an unknown team", func(in *Instance) { in.Pupils[3].LockedTeam = 5 }, "eleven Elev 3: låst till team 5"},
		{"host in two groups", func(in *Instance) { in.Groups = append(in.Groups, Group{Name: "Ring B", Hosts: []int{1}}) }, "värd Ring A värd 2 är med i två grupper: Ring A och Ring B"},
		{"group with an unknown host", func(in *Instance) { in.Groups[0].Hosts = append(in.Groups[0].Hosts, 7) }, "grupp Ring A: värd 7 finns inte"},
		{"locked route visits a host twice", func(in *Instance) { in.Teams[0].Route = []int{0, 1} }, "låst teamet Lag 1: besöker Ring A värd 1 två gånger"},
		{"friend pair of one pupil", func(in *Instance) { in.Friends = [][2]int{{1, 1}} }, "kompispar 1 (1, 1)"},
		{"both keep class and mix schools", func(in *Instance) {
			in.Options = Defaults()
			in.Options.KeepClass, in.Options.MixSchools = true, true
		}, "antingen"},
		{"negative travel", func(in *Instance) { in.Options = Defaults(); in.Options.TravelMinutes = -5 }, "restid -5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			if _, err := Plan(in); err != nil {
				t.Fatalf("base instance: %v", err)
			}
			tc.change(&in)
			res, err := Plan(in)
			if err == nil {
				t.Fatalf("no error; plan %+v", res)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if res.Teams != nil || res.Unteamed != nil {
				t.Errorf("a plan came with the error: %+v", res)
			}
		})
	}
}

// TestPlanRandom checks every invariant on random weeks, and that planning
// again gives the same plan.
func TestPlanRandom(t *testing.T) {
	r := rand.New(rand.NewSource(14))
	for it := range 300 {
		in := randomInstance(r, r.Intn(60), r.Intn(5))
		res, err := Plan(in)
		if err != nil {
			t.Fatalf("instance %d: %v", it, err)
		}
		checkPlan(t, in, res)
		again, err := Plan(in)
		if err != nil || !reflect.DeepEqual(res, again) {
			t.Fatalf("instance %d: planning again gave another plan", it)
		}
		if t.Failed() {
			t.Fatalf("instance %d: options %+v\nteams %+v\nunteamed %+v", it, in.Options, res.Teams, res.Unteamed)
		}
	}
}

// TestReplanKeepsLocks plans random weeks, locks some teams and pupils of
// the plan, moves others, and plans again.
func TestReplanKeepsLocks(t *testing.T) {
	r := rand.New(rand.NewSource(41))
	for it := range 200 {
		in := randomInstance(r, 10+r.Intn(50), 1+r.Intn(4))
		first, err := Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		for k, pt := range first.Teams {
			tm := Team{Key: "k" + string(rune('A'+k)), Name: pt.Name, Group: pt.Group, Pupils: pt.Pupils, Route: pt.Route}
			switch r.Intn(3) {
			case 0:
				tm.Locked = true
			case 1:
				if len(pt.Pupils) > 0 {
					in.Pupils[pt.Pupils[r.Intn(len(pt.Pupils))]].LockedTeam = len(in.Teams)
				}
			}
			in.Teams = append(in.Teams, tm)
		}
		res, err := Plan(in)
		if err != nil {
			t.Fatalf("instance %d: %v", it, err)
		}
		checkPlan(t, in, res)
		if t.Failed() {
			t.Fatalf("instance %d: teams %+v\nunteamed %+v", it, res.Teams, res.Unteamed)
		}
	}
}

func TestProposeGroups(t *testing.T) {
	in := Instance{}
	// Eight hosts in two municipalities, listed mixed; one host without
	// blocks; one host whose only block is Friday afternoon.
	for k := range 8 {
		m := []string{"Karlstad", "Hammarö"}[k%2]
		in.Hosts = append(in.Hosts, Host{Name: string(rune('A' + k)), Municipality: m, Group: -1})
		for d := range 4 {
			in.Blocks = append(in.Blocks, morning(k, d, 1))
		}
	}
	in.Hosts = append(in.Hosts, Host{Name: "Tom", Municipality: "Karlstad", Group: -1})
	groups := ProposeGroups(in.Hosts, in.Blocks, 4)
	if len(groups) != 2 {
		t.Fatalf("groups %+v", groups)
	}
	for _, g := range groups {
		if len(g.Hosts) != 4 {
			t.Errorf("group %s: %v", g.Name, g.Hosts)
		}
		for _, h := range g.Hosts {
			if in.Hosts[h].Municipality != in.Hosts[g.Hosts[0]].Municipality {
				t.Errorf("group %s mixes municipalities: %v", g.Name, g.Hosts)
			}
			if h == 8 {
				t.Errorf("the host without blocks is in group %s", g.Name)
			}
		}
	}
	if again := ProposeGroups(in.Hosts, in.Blocks, 4); !reflect.DeepEqual(groups, again) {
		t.Errorf("not deterministic: %+v then %+v", groups, again)
	}
	// The caller uses the proposal and plans.
	in.Groups = groups
	addPupils(&in, 40, "Skola", "9A", nil, Girl, Boy)
	res, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, res)
	if len(res.Teams) != 8 || len(res.Unteamed) != 0 {
		t.Errorf("teams %d, unteamed %+v", len(res.Teams), res.Unteamed)
	}
}

func TestProposeGroupsKeepsRoutesPossible(t *testing.T) {
	// Host 0 and 1 only Monday: they cannot share a group (a team cannot
	// be at both on the same morning).
	hosts := []Host{{Name: "A", Group: -1}, {Name: "B", Group: -1}, {Name: "C", Group: -1}, {Name: "D", Group: 0}}
	blocks := []Block{morning(0, 0, 1), morning(1, 0, 1), morning(2, 1, 1), morning(3, 2, 1), {Host: 7, End: 10}, {Host: 2, Start: 60, End: 60}}
	groups := ProposeGroups(hosts, blocks, 3)
	want := []Group{{Name: "Grupp 1", Hosts: []int{0, 2, 3}}, {Name: "Grupp 2", Hosts: []int{1}}}
	if !reflect.DeepEqual(groups, want) {
		t.Errorf("groups %+v, want %+v", groups, want)
	}
}
