package rotation

// NoTeam marks "no team": a pupil that is not locked to a team, and a
// pupil left out of every team.
const NoTeam = -1

// Gender of a pupil, used only by the team composition rule.
type Gender int

// Genders. Unspecified and Other never make a team break the rule.
const (
	Unspecified Gender = iota
	Girl
	Boy
	Other
)

// Pupil is one pupil of the week.
type Pupil struct {
	Key    string // caller's id
	Name   string // for messages only
	Gender Gender
	School string // school key: keeps a class together or mixes schools
	Class  string // class name within the school
	// Groups lists the pupil's wishes as group indices, best first (may be
	// empty: any group will do).
	Groups []int
	// LockedTeam is the index into Instance.Teams of a locked team the
	// pupil is locked to, or NoTeam.
	LockedTeam int
}

// Host is one organisation taking part in the week.
type Host struct {
	Key          string // caller's id (the organisation's database id)
	Name         string
	Municipality string
	// Group is the index of the host's group, or -1 when it is in none yet
	// (ProposeGroups then places it).
	Group int
}

// Block is one half day (or day) in which a host takes up to TeamsMax teams.
type Block struct {
	Key      string // caller's id (the block's database id)
	Host     int    // index into Instance.Hosts
	Day      int    // day number within the week, 0 = first day; blocks on one day may overlap
	Date     string // YYYY-MM-DD, for output and messages
	Start    int    // minutes after midnight
	End      int    // minutes after midnight
	TeamsMax int    // how many teams at once (at least 1)
}

// Group is a host group ("ring"): the hosts that share a week.
type Group struct {
	Key   string
	Name  string
	Hosts []int // indices into Instance.Hosts
}

// Team is a team kept from an earlier plan. A locked team keeps its
// pupils (those locked to it) and its route when the week is planned again.
type Team struct {
	Key    string
	Name   string
	Group  int   // index into Instance.Groups
	Pupils []int // indices into Instance.Pupils
	Route  []int // indices into Instance.Blocks, in time order
	Locked bool
}

// Options tune the plan. The zero value is replaced by the network's
// defaults (see Defaults).
type Options struct {
	TeamMin, TeamMax int // team size bounds, default 4 and 6
	// MixRule asks for no girl alone and no boy alone in a team (a team has
	// 0 or at least 2 girls, and 0 or at least 2 boys); MixWeight is its
	// weight against the pupils' wishes, in units of one rank step.
	MixRule   bool
	MixWeight int
	// KeepClass keeps pupils of one class together in a team where it can;
	// MixSchools spreads the schools over the teams instead. At most one
	// of them is set.
	KeepClass  bool
	MixSchools bool
	// FriendsTogether puts the pairs in Instance.Friends in one team where
	// it can.
	FriendsTogether bool
	// TravelMinutes is the time needed between two blocks of one team on
	// the same day at different hosts.
	TravelMinutes int
	// FriendsWeight is the weight of one friend pair in different groups
	// against the pupils' wishes, in units of one rank step (default 5).
	// Within a group, friends come right after the composition rule.
	FriendsWeight int
	// WishesOnly places a pupil who ranked groups only in one of them;
	// otherwise such a pupil goes to another group (at a cost beyond the
	// last rank) rather than being left without a team.
	WishesOnly bool
}

// Instance is one week to plan.
type Instance struct {
	Pupils  []Pupil
	Hosts   []Host
	Blocks  []Block
	Groups  []Group
	Teams   []Team   // teams of an earlier plan (locked ones are kept)
	Friends [][2]int // pairs of pupil indices
	Options Options
}

// PlannedTeam is one team of the plan.
type PlannedTeam struct {
	Key    string // the earlier team's key when it was kept, else ""
	Name   string
	Group  int
	Pupils []int // pupil indices, sorted
	Route  []int // block indices, in time order
	// Why says, in Swedish, why the team breaks a composition rule (for
	// example a girl alone) or visits fewer hosts than its group has; empty
	// when it breaks none.
	Why    string
	Locked bool
}

// Unteamed is a pupil who is in no team, with the reason in Swedish.
type Unteamed struct {
	Pupil int
	Why   string
}

// Shortage says precisely what is missing for a complete plan: which group
// lacks a block on which day, how many teams too many.
type Shortage struct {
	Group int    // group index, or -1 for the whole week
	Text  string // Swedish
}

// Result is a plan of the week.
type Result struct {
	Teams     []PlannedTeam
	Unteamed  []Unteamed
	Shortages []Shortage
}
