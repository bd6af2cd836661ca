package rotation

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// Test fixtures: fictitious pupils and hosts only.

var weekDates = []string{"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"}

// morning is a block 08:30–12:00 on day d.
func morning(host, d, teams int) Block {
	return Block{Key: fmt.Sprintf("b%d-%d", host, d), Host: host, Day: d, Date: weekDates[d], Start: 8*60 + 30, End: 12 * 60, TeamsMax: teams}
}

// addGroup appends a group of n hosts, each with a morning block on every
// day in days, and returns its index.
func addGroup(in *Instance, name, municipality string, n int, days []int) int {
	g := len(in.Groups)
	gr := Group{Key: "g" + name, Name: name}
	for k := range n {
		h := len(in.Hosts)
		in.Hosts = append(in.Hosts, Host{Key: fmt.Sprintf("h%d", h), Name: fmt.Sprintf("%s värd %d", name, k+1), Municipality: municipality, Group: g})
		gr.Hosts = append(gr.Hosts, h)
		for _, d := range days {
			in.Blocks = append(in.Blocks, morning(h, d, 1))
		}
	}
	in.Groups = append(in.Groups, gr)
	return g
}

// addPupils appends n pupils of one class with the given genders cycled.
func addPupils(in *Instance, n int, school, class string, wishes []int, genders ...Gender) {
	for k := range n {
		i := len(in.Pupils)
		gender := Unspecified
		if len(genders) > 0 {
			gender = genders[k%len(genders)]
		}
		in.Pupils = append(in.Pupils, Pupil{Key: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Elev %d", i), Gender: gender,
			School: school, Class: class, Groups: slices.Clone(wishes), LockedTeam: NoTeam})
	}
}

// randomInstance is a random week: groups of 2–4 hosts with random blocks
// over up to four days (some afternoon blocks, some TeamsMax 2, now and
// then a host without blocks), random wishes, genders, classes, friends.
func randomInstance(r *rand.Rand, pupils, groups int) Instance {
	in := Instance{Options: Defaults()}
	in.Options.TeamMin = 2 + r.Intn(3)
	in.Options.TeamMax = in.Options.TeamMin + r.Intn(3)
	in.Options.TravelMinutes = []int{0, 30, 60}[r.Intn(3)]
	switch r.Intn(3) {
	case 0:
		in.Options.KeepClass = true
	case 1:
		in.Options.MixSchools = true
	}
	in.Options.WishesOnly = r.Intn(4) == 0
	for g := range groups {
		gr := Group{Name: fmt.Sprintf("G%d", g)}
		for range 2 + r.Intn(3) {
			h := len(in.Hosts)
			in.Hosts = append(in.Hosts, Host{Name: fmt.Sprintf("H%d", h), Municipality: fmt.Sprintf("M%d", r.Intn(3)), Group: g})
			gr.Hosts = append(gr.Hosts, h)
			if r.Intn(12) == 0 {
				continue // a host without blocks
			}
			for d := range 4 {
				if r.Intn(5) == 0 {
					continue
				}
				b := morning(h, d, 1+r.Intn(4)/3)
				if r.Intn(4) == 0 {
					b.Start, b.End = 12*60+30+r.Intn(3)*30, 15*60
				}
				in.Blocks = append(in.Blocks, b)
				if r.Intn(6) == 0 {
					in.Blocks = append(in.Blocks, Block{Host: h, Day: d, Date: weekDates[d], Start: 13 * 60, End: 16 * 60, TeamsMax: 1})
				}
			}
		}
		in.Groups = append(in.Groups, gr)
	}
	for i := range pupils {
		p := Pupil{Key: fmt.Sprintf("p%d", i), Gender: Gender(r.Intn(4)), School: fmt.Sprintf("S%d", r.Intn(2)), Class: fmt.Sprintf("9%c", 'A'+r.Intn(2)), LockedTeam: NoTeam}
		if p.Gender == Unspecified || p.Gender == Other {
			if r.Intn(2) == 0 {
				p.Gender = Girl
			} else {
				p.Gender = Boy
			}
			if r.Intn(6) == 0 {
				p.Gender = Other
			}
		}
		if groups > 0 {
			p.Groups = append(p.Groups, r.Perm(groups)[:r.Intn(min(groups, 3)+1)]...)
		}
		in.Pupils = append(in.Pupils, p)
	}
	for range pupils / 3 {
		a, b := r.Intn(pupils), r.Intn(pupils)
		if a != b {
			in.Friends = append(in.Friends, [2]int{a, b})
		}
	}
	return in
}

// checkPlan asserts the invariants every plan has.
func checkPlan(t testing.TB, in Instance, res Result) {
	t.Helper()
	opt := normalize(in.Options)
	seen := make([]int, len(in.Pupils))
	used := make([]int, len(in.Blocks))
	groupOf := make([]int, len(in.Hosts))
	for h := range groupOf {
		groupOf[h] = -1
	}
	for g, gr := range in.Groups {
		for _, h := range gr.Hosts {
			groupOf[h] = g
		}
	}
	for k, tm := range res.Teams {
		name := fmt.Sprintf("team %d (%s)", k, tm.Name)
		for _, i := range tm.Pupils {
			seen[i]++
		}
		if !slices.IsSorted(tm.Pupils) {
			t.Errorf("%s: pupils not sorted: %v", name, tm.Pupils)
		}
		if !tm.Locked && (len(tm.Pupils) < opt.TeamMin || len(tm.Pupils) > opt.TeamMax) && (tm.Key == "" || !strings.Contains(tm.Why, "elever i teamet")) {
			t.Errorf("%s: %d pupils, not %d–%d", name, len(tm.Pupils), opt.TeamMin, opt.TeamMax)
		}
		hosts := map[int]bool{}
		for x, b := range tm.Route {
			used[b]++
			bl := &in.Blocks[b]
			if groupOf[bl.Host] != tm.Group {
				t.Errorf("%s: block %d of host %d outside group %d", name, b, bl.Host, tm.Group)
			}
			if hosts[bl.Host] {
				t.Errorf("%s: host %d twice", name, bl.Host)
			}
			hosts[bl.Host] = true
			for _, c := range tm.Route[:x] {
				if !compatible(bl, &in.Blocks[c], opt.TravelMinutes) {
					t.Errorf("%s: blocks %d and %d overlap (travel %d)", name, c, b, opt.TravelMinutes)
				}
				pb := &in.Blocks[c]
				if pb.Day > bl.Day || (pb.Day == bl.Day && pb.Start > bl.Start) {
					t.Errorf("%s: route not in time order: %v", name, tm.Route)
				}
			}
		}
		if len(tm.Route) < len(in.Groups[tm.Group].Hosts) && tm.Why == "" {
			t.Errorf("%s: meets %d of %d hosts and says no why", name, len(tm.Route), len(in.Groups[tm.Group].Hosts))
		}
		if opt.MixRule && !tm.Locked {
			girls, boys, _ := genderCounts(&in, tm.Pupils)
			if (girls == 1 || boys == 1) && tm.Why == "" {
				t.Errorf("%s: %d girls, %d boys and no why", name, girls, boys)
			}
		}
	}
	for _, u := range res.Unteamed {
		seen[u.Pupil]++
		if u.Why == "" {
			t.Errorf("pupil %d unteamed without a reason", u.Pupil)
		}
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("pupil %d appears %d times in the plan", i, n)
		}
	}
	lockedUse := make([]int, len(in.Blocks))
	for _, tm := range in.Teams {
		if tm.Locked {
			for _, b := range tm.Route {
				lockedUse[b]++
			}
		}
	}
	for b, n := range used {
		if n > max(teamsMax(&in.Blocks[b]), lockedUse[b]) {
			t.Errorf("block %d used by %d teams, takes %d", b, n, teamsMax(&in.Blocks[b]))
		}
	}
	checkLocks(t, in, res)
}

// checkLocks asserts that locked teams keep pupils and route and locked
// pupils stay in their team.
func checkLocks(t testing.TB, in Instance, res Result) {
	t.Helper()
	byKey := map[string]*PlannedTeam{}
	for k := range res.Teams {
		if res.Teams[k].Key != "" {
			byKey[res.Teams[k].Key] = &res.Teams[k]
		}
	}
	for _, tm := range in.Teams {
		pt := byKey[tm.Key]
		if tm.Locked {
			if pt == nil || !pt.Locked {
				t.Errorf("locked team %s not kept", tm.Key)
				continue
			}
			for _, i := range tm.Pupils {
				if !slices.Contains(pt.Pupils, i) {
					t.Errorf("locked team %s lost pupil %d", tm.Key, i)
				}
			}
			if len(tm.Route) > 0 {
				want := slices.Clone(tm.Route)
				sortRoute(&in, want)
				if !slices.Equal(want, pt.Route) {
					t.Errorf("locked team %s: route %v, want %v", tm.Key, pt.Route, want)
				}
			}
		}
	}
	for i, p := range in.Pupils {
		if p.LockedTeam == NoTeam {
			continue
		}
		pt := byKey[in.Teams[p.LockedTeam].Key]
		if pt == nil || !slices.Contains(pt.Pupils, i) {
			t.Errorf("pupil %d locked to team %s is not in it", i, in.Teams[p.LockedTeam].Key)
		}
	}
}

// breaks counts the teams with exactly one girl or exactly one boy.
func breaks(in *Instance, res Result) int {
	n := 0
	for _, tm := range res.Teams {
		g, b, _ := genderCounts(in, tm.Pupils)
		if g == 1 || b == 1 {
			n++
		}
	}
	return n
}
