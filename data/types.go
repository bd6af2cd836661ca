package data

import (
	"strings"
	"time"
)

// OrgKind says what an organisation is.
type OrgKind string

// The kinds of organisation.
const (
	KindSchool  OrgKind = "school"
	KindCompany OrgKind = "company"
	KindOther   OrgKind = "other"
)

// Valid reports whether k is one of the known kinds.
func (k OrgKind) Valid() bool { return k == KindSchool || k == KindCompany || k == KindOther }

// Organisation is a school, a (potential) host company or another body.
type Organisation struct {
	ID              string
	Kind            OrgKind
	Name            string
	OrgNumber       string
	Municipality    string
	VisitingAddress string
	Sector          string
	MemberSince     time.Time // zero when not a member of the network
	Notes           string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Role is what a person does in prao; a person may hold several.
type Role string

// The roles of a person.
const (
	RoleHR         Role = "hr"
	RoleSupervisor Role = "supervisor"
	RoleRoleModel  Role = "role_model"
	RoleCounsellor Role = "counsellor"
	RoleOther      Role = "other"
)

// Roles lists every role in display order.
var Roles = []Role{RoleHR, RoleSupervisor, RoleRoleModel, RoleCounsellor, RoleOther}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Person is a contact at an organisation: HR, supervisor, role model,
// counsellor. A role model's Journey tells the way from school to the job.
type Person struct {
	ID             string
	OrganisationID string // empty for a person without organisation
	FirstName      string
	LastName       string
	Roles          []Role
	Title          string // title or profession
	Email          string
	Phone          string
	Journey        string
	Notes          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Name is the person's full name.
func (p Person) Name() string { return joinName(p.FirstName, p.LastName) }

// HasRole reports whether the person holds role r.
func (p Person) HasRole(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// JourneyEntry is one story of a company's way toward an equal workplace
// (a "story" since the structured journey, data/journeys.go). Shareable
// says the member lets the network read it (the journey book); Area is the
// area of active measures it is about, "" when none.
type JourneyEntry struct {
	ID             string
	OrganisationID string
	Date           time.Time
	Title          string
	Text           string
	Shareable      bool
	Area           Area
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Gender is optional and used only for statistics and the mixed-group goal.
type Gender string

// The genders a pupil may have recorded.
const (
	GenderUnspecified Gender = "unspecified"
	GenderGirl        Gender = "girl"
	GenderBoy         Gender = "boy"
	GenderOther       Gender = "other"
)

// Valid reports whether g is one of the known values.
func (g Gender) Valid() bool {
	return g == GenderUnspecified || g == GenderGirl || g == GenderBoy || g == GenderOther
}

// Pupil is a pupil in grade 8 or 9. No personnummer is ever stored.
type Pupil struct {
	ID             string
	SchoolID       string
	FirstName      string
	LastName       string
	ClassName      string
	Grade          int
	BirthDate      time.Time // zero when unknown
	Gender         Gender
	Protected      bool // skyddad identitet: never leaves the school by name
	GuardianName   string
	GuardianPhone  string
	GuardianEmail  string
	Needs          string // allergies, accessibility
	NeedsShareable bool   // the needs may be told to the host
	ExternalID     string // the school system's id
	Notes          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Name is the pupil's full name.
func (p Pupil) Name() string { return joinName(p.FirstName, p.LastName) }

// AgeOn is the pupil's age in whole years on day d, or -1 when the birth
// date is unknown.
func (p Pupil) AgeOn(d time.Time) int {
	if p.BirthDate.IsZero() {
		return -1
	}
	age := d.Year() - p.BirthDate.Year()
	if d.Month() < p.BirthDate.Month() || (d.Month() == p.BirthDate.Month() && d.Day() < p.BirthDate.Day()) {
		age--
	}
	return age
}

// PeriodStatus is where a prao period is in its life.
type PeriodStatus string

// The statuses of a period, in the order they come.
const (
	PeriodPlanning  PeriodStatus = "planning"
	PeriodChoosing  PeriodStatus = "choosing"
	PeriodMatched   PeriodStatus = "matched"
	PeriodPublished PeriodStatus = "published"
	PeriodDone      PeriodStatus = "done"
	PeriodArchived  PeriodStatus = "archived"
)

// PeriodStatuses lists the statuses in order.
var PeriodStatuses = []PeriodStatus{PeriodPlanning, PeriodChoosing, PeriodMatched, PeriodPublished, PeriodDone, PeriodArchived}

// Valid reports whether s is one of the known statuses.
func (s PeriodStatus) Valid() bool {
	for _, x := range PeriodStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// PeriodFormat says how a period's prao is organised.
type PeriodFormat string

// The formats of a period.
const (
	// FormatClassic places one pupil at one host for the period.
	FormatClassic PeriodFormat = "classic"
	// FormatWeek is the teknikprao week: teams of pupils go round a group of
	// hosts, one block (a half day) at each, and the week closes together.
	FormatWeek PeriodFormat = "week"
)

// Valid reports whether f is one of the known formats.
func (f PeriodFormat) Valid() bool { return f == FormatClassic || f == FormatWeek }

// TeamMode says how a week's teams treat classes and schools.
type TeamMode string

// The team modes of a week.
const (
	TeamModeAny        TeamMode = "any"         // no preference
	TeamModeClass      TeamMode = "class"       // keep a class together
	TeamModeMixSchools TeamMode = "mix_schools" // spread the schools over the teams
)

// Valid reports whether m is one of the known modes.
func (m TeamMode) Valid() bool {
	return m == TeamModeAny || m == TeamModeClass || m == TeamModeMixSchools
}

// WeekSettings are a period's settings for the teknikprao week. A classic
// period carries them too (with the defaults) and ignores them.
type WeekSettings struct {
	TeamMin, TeamMax int // team size bounds, 1 ≤ TeamMin ≤ TeamMax ≤ 12
	// MixRule asks for no girl alone and no boy alone in a team; MixWeight
	// is its weight against the pupils' wishes (in rank steps).
	MixRule         bool
	MixWeight       int
	TeamMode        TeamMode
	FriendsTogether bool
	TravelMinutes   int // time between two blocks at different hosts on one day, 0..240
}

// DefaultWeekSettings are the network's defaults: teams of 4–6, no girl or
// boy alone, friends together, 30 minutes between hosts.
func DefaultWeekSettings() WeekSettings {
	return WeekSettings{TeamMin: 4, TeamMax: 6, MixRule: true, MixWeight: 5, TeamMode: TeamModeAny,
		FriendsTogether: true, TravelMinutes: 30}
}

// Period is one prao period, e.g. "Åk 8 v. 46 2026".
type Period struct {
	ID        string
	Name      string
	Grade     int
	Start     time.Time
	End       time.Time
	Status    PeriodStatus
	SchoolIDs []string // participating schools
	Notes     string
	// Format is classic or week; "" is saved as classic.
	Format PeriodFormat
	// Week holds the teknikprao week's settings; all zero is saved as
	// DefaultWeekSettings.
	Week WeekSettings
	// ClosingEventID is the week's closing session (an Event), or "".
	ClosingEventID string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OfferStatus is where a host's offer is: filled in, sent, approved.
type OfferStatus string

// The statuses of an offer.
const (
	OfferDraft     OfferStatus = "draft"
	OfferSubmitted OfferStatus = "submitted"
	OfferApproved  OfferStatus = "approved"
)

// Valid reports whether s is one of the known statuses.
func (s OfferStatus) Valid() bool {
	return s == OfferDraft || s == OfferSubmitted || s == OfferApproved
}

// Safety holds the host's answers to the safety checklist.
type Safety struct {
	RiskAssessment   bool // risk assessment done
	ProtectiveGear   bool // protective equipment provided free of charge
	Introduction     bool // an introduction is planned
	SupervisorAdult  bool // the supervisor is at least 18
	EmergencyRoutine bool // the pupil is told the emergency routine
}

// Complete reports whether every item is answered yes.
func (s Safety) Complete() bool {
	return s.RiskAssessment && s.ProtectiveGear && s.Introduction && s.SupervisorAdult && s.EmergencyRoutine
}

// Offer is one host's offer in one period (praoplats).
type Offer struct {
	ID              string
	HostID          string
	PeriodID        string
	Title           string
	Description     string
	Capacity        int
	VisitingAddress string
	SupervisorID    string // empty when not yet named
	MinAge          int    // 0 when there is no limit
	WhatToBring     string
	TravelInfo      string
	LunchInfo       string
	Safety          Safety
	Status          OfferStatus
	Days            []OfferDay
	RoleModelIDs    []string // the people pupils meet, in order
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// OfferDay is one day of an offer's programme (dagsprogram); in a
// teknikprao week it is one block (a half day) in which the host takes up to
// TeamsMax teams.
type OfferDay struct {
	// ID is the block's key. SaveOffer keeps it stable: a day given without
	// an ID takes the key of the offer's day with the same date and start.
	ID           string
	Date         time.Time
	Start        Clock
	End          Clock
	BreakMinutes int
	Activities   string
	// TeamsMax is how many teams the host takes at once in a week's block;
	// 0 keeps the stored value (1 for a new block).
	TeamsMax int
	// RoleModelIDs are the people a team meets in this block, in order; nil
	// keeps the stored ones, an empty non-nil slice clears them.
	RoleModelIDs []string
}

// Preference is a pupil's ranked choice of an offer (önskemål).
type Preference struct {
	PupilID  string
	PeriodID string
	OfferID  string
	Rank     int // 1..5
}

// MaxChoices is how many offers a pupil may rank.
const MaxChoices = 5

// FriendPair is two pupils who would like to be placed together.
type FriendPair struct {
	PeriodID string
	PupilA   string
	PupilB   string
}

// AssignmentSource says whether a placement came from the solver or a person.
type AssignmentSource string

// The sources of a placement.
const (
	SourceAuto   AssignmentSource = "auto"
	SourceManual AssignmentSource = "manual"
)

// Assignment places a pupil at an offer in a period (placering).
type Assignment struct {
	ID                string
	PeriodID          string
	PupilID           string
	OfferID           string
	Locked            bool
	Source            AssignmentSource
	SupervisorComment string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// AttendanceStatus is what happened on one prao day.
type AttendanceStatus string

// The attendance statuses.
const (
	AttendancePresent AttendanceStatus = "present"
	AttendanceSick    AttendanceStatus = "sick"
	AttendanceAbsent  AttendanceStatus = "absent" // other absence, with a note
)

// Valid reports whether s is one of the known statuses.
func (s AttendanceStatus) Valid() bool {
	return s == AttendancePresent || s == AttendanceSick || s == AttendanceAbsent
}

// Attendance is a pupil's recorded attendance on one prao day.
type Attendance struct {
	PupilID string
	OfferID string
	Date    time.Time
	Status  AttendanceStatus
	Note    string
}

// EventKind says who an event is for.
type EventKind string

// The kinds of event.
const (
	EventNetwork EventKind = "network" // for member companies
	EventPupil   EventKind = "pupil"   // e.g. a teknikdag
	EventOther   EventKind = "other"
)

// Valid reports whether k is one of the known kinds.
func (k EventKind) Valid() bool { return k == EventNetwork || k == EventPupil || k == EventOther }

// Event is a network event or a pupil event.
type Event struct {
	ID          string
	Title       string
	Kind        EventKind
	Start       time.Time // wall time in Europe/Stockholm
	End         time.Time
	Venue       string
	Capacity    int // 0 means no limit
	Description string
	OrganiserID string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// RegistrationStatus is where a person is in an event's list.
type RegistrationStatus string

// The registration statuses.
const (
	RegInvited    RegistrationStatus = "invited"
	RegRegistered RegistrationStatus = "registered"
	RegWaitlisted RegistrationStatus = "waitlisted"
	RegAttended   RegistrationStatus = "attended"
	RegNoShow     RegistrationStatus = "no_show"
	RegCancelled  RegistrationStatus = "cancelled"
)

// Valid reports whether s is one of the known statuses.
func (s RegistrationStatus) Valid() bool {
	switch s {
	case RegInvited, RegRegistered, RegWaitlisted, RegAttended, RegNoShow, RegCancelled:
		return true
	}
	return false
}

// Registration is a person's or a pupil's place on an event's list.
type Registration struct {
	ID           string
	EventID      string
	PersonID     string // exactly one of PersonID and PupilID is set
	PupilID      string
	Status       RegistrationStatus
	RegisteredAt time.Time // orders the waitlist
	CheckedInAt  time.Time
	PromotedAt   time.Time // when a reserve moved up to a seat (zero otherwise)
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Evaluation is a pupil's answers after prao. Zero scores are unanswered.
type Evaluation struct {
	PupilID        string
	PeriodID       string
	InterestBefore int // 1..5, 0 = no answer
	InterestAfter  int // 1..5, 0 = no answer
	WouldRecommend *bool
	Comment        string
}

// AuditEntry records one export of personal data.
type AuditEntry struct {
	ID        string
	At        time.Time
	Action    string // e.g. "export pupils"
	What      string // e.g. the file name
	RecordIDs []string
	Records   int
	Detail    string
}

func joinName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// Municipalities are Värmland's sixteen municipalities, where the network's
// schools and companies are.
var Municipalities = []string{"Karlstad", "Arvika", "Kristinehamn", "Säffle", "Hagfors", "Filipstad", "Sunne", "Torsby",
	"Kil", "Grums", "Forshaga", "Hammarö", "Munkfors", "Storfors", "Årjäng", "Eda"}
