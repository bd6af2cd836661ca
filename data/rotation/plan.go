package rotation

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Defaults returns the network's own format: teams of 4–6 pupils, no girl
// and no boy alone in a team (weight 5), friends together (weight 5) and
// 30 minutes' travel between two blocks of one day.
func Defaults() Options {
	return Options{
		TeamMin: 4, TeamMax: 6,
		MixRule: true, MixWeight: 5,
		FriendsTogether: true, FriendsWeight: 5,
		TravelMinutes: 30,
	}
}

// normalize replaces zero values by the defaults where zero means "not
// set": the whole Options when it is the zero value, otherwise only the
// numbers for which zero is meaningless (team sizes and weights).
// TravelMinutes 0 is kept: hosts next door need no travel time.
func normalize(o Options) Options {
	if o == (Options{}) {
		return Defaults()
	}
	d := Defaults()
	if o.TeamMin == 0 {
		o.TeamMin = min(d.TeamMin, max(o.TeamMax, 1))
	}
	if o.TeamMax == 0 {
		o.TeamMax = max(d.TeamMax, o.TeamMin)
	}
	if o.MixWeight == 0 {
		o.MixWeight = d.MixWeight
	}
	if o.FriendsWeight == 0 {
		o.FriendsWeight = d.FriendsWeight
	}
	return o
}

// Limits that keep every search and cost in range; far above any real week.
const (
	maxPupils   = 200_000
	maxBlocks   = 100_000
	maxTeamSize = 60
	maxWishes   = 100
	dayMinutes  = 24 * 60
)

// Plan plans a teknikprao week: it sizes every group by its complete
// routes, places pupils in groups (as many as possible, then the best
// wishes), splits each group into teams (composition rule, friends, class
// or schools) and gives every team a route. Locked teams and pupils are
// kept. Bad input returns an error naming the item and no plan. See the
// package documentation for the model.
func Plan(in Instance) (Result, error) {
	in.Options = normalize(in.Options)
	if err := validate(&in); err != nil {
		return Result{}, err
	}
	p := newPlanner(&in)
	return p.run()
}

// validate checks every index and bound; the first problem is returned.
func validate(in *Instance) error {
	o := in.Options
	switch {
	case o.TeamMin < 1:
		return fmt.Errorf("rotation: minsta teamstorlek %d: måste vara minst 1", o.TeamMin)
	case o.TeamMax > maxTeamSize:
		return fmt.Errorf("rotation: största teamstorlek %d: högst %d", o.TeamMax, maxTeamSize)
	case o.TeamMin > o.TeamMax:
		return fmt.Errorf("rotation: minsta teamstorlek %d är större än största %d", o.TeamMin, o.TeamMax)
	case o.MixWeight < 0 || o.MixWeight > 1<<20:
		return fmt.Errorf("rotation: vikten för blandade team %d: måste vara 0–%d", o.MixWeight, 1<<20)
	case o.FriendsWeight < 0 || o.FriendsWeight > 1<<20:
		return fmt.Errorf("rotation: vikten för kompisar %d: måste vara 0–%d", o.FriendsWeight, 1<<20)
	case o.TravelMinutes < 0 || o.TravelMinutes > dayMinutes:
		return fmt.Errorf("rotation: restid %d minuter: måste vara 0–%d", o.TravelMinutes, dayMinutes)
	case o.KeepClass && o.MixSchools:
		return errors.New("rotation: välj antingen att hålla ihop klassen eller att blanda skolor, inte båda")
	case len(in.Pupils) > maxPupils:
		return fmt.Errorf("rotation: %d elever, högst %d", len(in.Pupils), maxPupils)
	case len(in.Blocks) > maxBlocks:
		return fmt.Errorf("rotation: %d block, högst %d", len(in.Blocks), maxBlocks)
	}
	nh, ng, nt, np, nb := len(in.Hosts), len(in.Groups), len(in.Teams), len(in.Pupils), len(in.Blocks)
	for h, host := range in.Hosts {
		if host.Group < -1 || host.Group >= ng {
			return fmt.Errorf("rotation: värd %s: grupp %d finns inte (0–%d eller -1)", hostLabel(in, h), host.Group, ng-1)
		}
	}
	for b, bl := range in.Blocks {
		switch {
		case bl.Host < 0 || bl.Host >= nh:
			return fmt.Errorf("rotation: block %d (%s): värd %d finns inte (0–%d)", b, bl.Key, bl.Host, nh-1)
		case bl.Day < 0 || bl.Day > 366:
			return fmt.Errorf("rotation: %s: dag %d utanför 0–366", blockLabel(in, b), bl.Day)
		case bl.Start < 0 || bl.End > dayMinutes:
			return fmt.Errorf("rotation: %s: tiden måste ligga inom dygnet (00:00–24:00)", blockLabel(in, b))
		case bl.End <= bl.Start:
			return fmt.Errorf("rotation: %s: slutar %s, inte efter start %s", blockLabel(in, b), clock(bl.End), clock(bl.Start))
		case bl.TeamsMax < 0 || bl.TeamsMax > defaultMaxTeams:
			return fmt.Errorf("rotation: %s: antal team %d, måste vara 0–%d", blockLabel(in, b), bl.TeamsMax, defaultMaxTeams)
		}
	}
	inGroup := make([]int, nh)
	for h := range inGroup {
		inGroup[h] = -1
	}
	for g, gr := range in.Groups {
		for _, h := range gr.Hosts {
			if h < 0 || h >= nh {
				return fmt.Errorf("rotation: grupp %s: värd %d finns inte (0–%d)", groupLabel(in, g), h, nh-1)
			}
			if inGroup[h] == g {
				return fmt.Errorf("rotation: grupp %s: värd %s står två gånger", groupLabel(in, g), hostLabel(in, h))
			}
			if inGroup[h] >= 0 {
				return fmt.Errorf("rotation: värd %s är med i två grupper: %s och %s", hostLabel(in, h), groupLabel(in, inGroup[h]), groupLabel(in, g))
			}
			inGroup[h] = g
		}
	}
	for i, pu := range in.Pupils {
		if pu.Gender < Unspecified || pu.Gender > Other {
			return fmt.Errorf("rotation: %s: okänt kön %d", pupilLabel(in, i), pu.Gender)
		}
		if len(pu.Groups) > maxWishes {
			return fmt.Errorf("rotation: %s: %d gruppval, högst %d", pupilLabel(in, i), len(pu.Groups), maxWishes)
		}
		for r, g := range pu.Groups {
			if g < 0 || g >= ng {
				return fmt.Errorf("rotation: %s: val %d är grupp %d, som inte finns (0–%d)", pupilLabel(in, i), r+1, g, ng-1)
			}
			if slices.Contains(pu.Groups[:r], g) {
				return fmt.Errorf("rotation: %s: val %d upprepar grupp %s", pupilLabel(in, i), r+1, groupLabel(in, g))
			}
		}
		if pu.LockedTeam < NoTeam || pu.LockedTeam >= nt {
			return fmt.Errorf("rotation: %s: låst till team %d, som inte finns (0–%d eller -1)", pupilLabel(in, i), pu.LockedTeam, nt-1)
		}
	}
	lockedIn := make([]int, np)
	for i := range lockedIn {
		lockedIn[i] = NoTeam
	}
	for t, tm := range in.Teams {
		if tm.Group < 0 || tm.Group >= ng {
			return fmt.Errorf("rotation: %s: grupp %d finns inte (0–%d)", teamLabel(in, t), tm.Group, ng-1)
		}
		for _, i := range tm.Pupils {
			if i < 0 || i >= np {
				return fmt.Errorf("rotation: %s: elev %d finns inte (0–%d)", teamLabel(in, t), i, np-1)
			}
			if !tm.Locked {
				continue
			}
			if lockedIn[i] != NoTeam {
				return fmt.Errorf("rotation: %s är med i två låsta team: %s och %s", pupilLabel(in, i), teamLabel(in, lockedIn[i]), teamLabel(in, t))
			}
			lockedIn[i] = t
			if l := in.Pupils[i].LockedTeam; l != NoTeam && l != t {
				return fmt.Errorf("rotation: %s är med i det låsta teamet %s men låst till %s", pupilLabel(in, i), teamLabel(in, t), teamLabel(in, l))
			}
		}
		for _, b := range tm.Route {
			if b < 0 || b >= nb {
				return fmt.Errorf("rotation: %s: block %d i rutten finns inte (0–%d)", teamLabel(in, t), b, nb-1)
			}
		}
		if tm.Locked {
			if err := checkLockedRoute(in, t, inGroup); err != nil {
				return err
			}
		}
	}
	for i, pu := range in.Pupils {
		if l := pu.LockedTeam; l != NoTeam && lockedIn[i] == NoTeam && in.Teams[l].Locked {
			// Locked to a locked team without being listed in it: it joins.
			lockedIn[i] = l
		}
	}
	for k, f := range in.Friends {
		if f[0] < 0 || f[0] >= np || f[1] < 0 || f[1] >= np || f[0] == f[1] {
			return fmt.Errorf("rotation: kompispar %d (%d, %d): inte två olika elever (0–%d)", k+1, f[0], f[1], np-1)
		}
	}
	return nil
}

// checkLockedRoute checks a locked team's route: its blocks belong to its
// group, it visits no host twice and no two of its blocks overlap.
func checkLockedRoute(in *Instance, t int, inGroup []int) error {
	tm := &in.Teams[t]
	travel := in.Options.TravelMinutes
	for k, b := range tm.Route {
		h := in.Blocks[b].Host
		if inGroup[h] != tm.Group {
			return fmt.Errorf("rotation: låst %s: %s hör inte till gruppen %s", teamLabel(in, t), blockLabel(in, b), groupLabel(in, tm.Group))
		}
		for _, c := range tm.Route[:k] {
			if in.Blocks[c].Host == h {
				return fmt.Errorf("rotation: låst %s: besöker %s två gånger", teamLabel(in, t), hostLabel(in, h))
			}
			if !compatible(&in.Blocks[b], &in.Blocks[c], travel) {
				return fmt.Errorf("rotation: låst %s: %s och %s krockar (restid %d min)", teamLabel(in, t), blockLabel(in, c), blockLabel(in, b), travel)
			}
		}
	}
	return nil
}

// compatible reports whether one team can take both blocks: different
// hosts, and on the same day far enough apart to travel between them.
func compatible(x, y *Block, travel int) bool {
	if x.Host == y.Host {
		return false
	}
	if x.Day != y.Day {
		return true
	}
	return x.End+travel <= y.Start || y.End+travel <= x.Start
}

// Labels name an item in messages: its name, else its key, else its index.

func label(name, key string, i int) string {
	switch {
	case name != "":
		return name
	case key != "":
		return key
	}
	return fmt.Sprintf("nr %d", i+1)
}

func pupilLabel(in *Instance, i int) string {
	return "eleven " + label(in.Pupils[i].Name, in.Pupils[i].Key, i)
}

func hostLabel(in *Instance, h int) string { return label(in.Hosts[h].Name, in.Hosts[h].Key, h) }

func groupLabel(in *Instance, g int) string { return label(in.Groups[g].Name, in.Groups[g].Key, g) }

func teamLabel(in *Instance, t int) string {
	return "teamet " + label(in.Teams[t].Name, in.Teams[t].Key, t)
}

func blockLabel(in *Instance, b int) string {
	bl := &in.Blocks[b]
	host := fmt.Sprintf("värd %d", bl.Host)
	if bl.Host >= 0 && bl.Host < len(in.Hosts) {
		host = hostLabel(in, bl.Host)
	}
	return fmt.Sprintf("blocket hos %s %s %s–%s", host, dayName(bl), clock(bl.Start), clock(bl.End))
}

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

var weekdays = [...]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}

// dayName names a block's day in Swedish: the weekday of its date, else
// "dag N".
func dayName(bl *Block) string {
	if d, err := time.Parse(time.DateOnly, bl.Date); err == nil {
		return weekdays[d.Weekday()] + " " + bl.Date
	}
	return fmt.Sprintf("dag %d", bl.Day+1)
}

// weekdayName is dayName without the date, for shortage texts.
func weekdayName(bl *Block) string {
	if d, err := time.Parse(time.DateOnly, bl.Date); err == nil {
		return weekdays[d.Weekday()]
	}
	return fmt.Sprintf("dag %d", bl.Day+1)
}

// count writes "ett block", "2 block": Swedish for small counts.
func count(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " och " + names[len(names)-1]
}

// sortRoute puts a route's blocks in time order.
func sortRoute(in *Instance, route []int) {
	slices.SortFunc(route, func(a, b int) int {
		x, y := &in.Blocks[a], &in.Blocks[b]
		return cmp.Or(cmp.Compare(x.Day, y.Day), cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(a, b))
	})
}
