package exchange

import (
	"context"
	"strings"

	"techniqual/data"
)

// Role is who speaks through a file: the host, the network's coordinator
// or a school.
type Role string

// The roles.
const (
	RoleHost        Role = "host"
	RoleCoordinator Role = "coordinator"
	RoleSchool      Role = "school"
)

// roleNames name the roles in running text, Swedish then English.
var roleNames = map[Role][2]string{
	RoleHost:        {"värden", "the host"},
	RoleCoordinator: {"samordnaren", "the coordinator"},
	RoleSchool:      {"skolan", "the school"},
}

// Authority says who may change a field: Field "*" is every field of the
// table that no other entry names (the "deleted" flag included). Values,
// when given, are the only values a role outside Roles may set it to (a
// host may send its offer in or take it back to draft, never approve it).
type Authority struct {
	Table  string
	Field  string
	Roles  []Role
	Others map[Role][]string
}

// Authorities is THE table of who may change what through an exchange
// file. The coordinator keeps the network's register and may enter what a
// host says on the phone, so host content is the host's and the
// coordinator's; approval and placements are decided by the coordinator or
// a school; pupils and their choices are the school's alone.
var Authorities = []Authority{
	{Table: data.XOrganisations, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XPeople, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XJourney, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XJourneyYears, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XJourneyMeasures, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XJourneyPeers, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XOffers, Field: "status", Roles: []Role{RoleCoordinator, RoleSchool},
		Others: map[Role][]string{RoleHost: {string(data.OfferDraft), string(data.OfferSubmitted)}}},
	{Table: data.XOffers, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XRiskAssessments, Field: "*", Roles: []Role{RoleHost, RoleCoordinator}},
	{Table: data.XPeriods, Field: "*", Roles: []Role{RoleCoordinator}},
	{Table: data.XPupils, Field: "*", Roles: []Role{RoleSchool}},
	{Table: data.XChoices, Field: "*", Roles: []Role{RoleSchool}},
	{Table: data.XAssignments, Field: "*", Roles: []Role{RoleCoordinator, RoleSchool}},
}

// authorityOf finds the entry for a field.
func authorityOf(table, field string) Authority {
	var any Authority
	for _, a := range Authorities {
		if a.Table != table {
			continue
		}
		if a.Field == field {
			return a
		}
		if a.Field == "*" {
			any = a
		}
	}
	return any
}

// May reports whether role may set field of a row in table to value.
func May(role Role, table, field, value string) bool {
	a := authorityOf(table, field)
	for _, r := range a.Roles {
		if r == role {
			return true
		}
	}
	for _, v := range a.Others[role] {
		if v == value {
			return true
		}
	}
	return false
}

// refusal is the message for a field a file may not change, in Swedish and
// English: the field, the row, who may change it and who sent the file.
func refusal(table, label, field string, from Role) Problem {
	a := authorityOf(table, field)
	who := func(i int) string {
		var names []string
		for _, r := range a.Roles {
			names = append(names, roleNames[r][i])
		}
		return strings.Join(names, [2]string{" eller ", " or "}[i])
	}
	return Problem{
		Swedish: "fältet ”" + FieldName(field, false) + "” på " + TableName(table, false) + " ”" + label + "” får bara ändras av " +
			who(0) + "; filen kommer från " + roleNames[from][0] + ", så fältet har inte ändrats",
		English: "the field “" + FieldName(field, true) + "” of " + TableName(table, true) + " “" + label + "” may only be changed by " +
			who(1) + "; the file comes from " + roleNames[from][1] + ", so the field was not changed",
	}
}

// senderRole is whom a file speaks for, as the reader sees it. A school
// file is a school's; a results file the coordinator's. A host form
// travels both ways: it says which side wrote it (Payload.Role), and a
// laptop that is the host's own copy of the company reads every host form
// as the coordinator's.
func senderRole(ctx context.Context, st *data.Store, p *Payload) (Role, error) {
	switch p.Kind {
	case KindSchool:
		return RoleSchool, nil
	case KindResults:
		return RoleCoordinator, nil
	}
	host, err := st.IsHostLaptop(ctx, p.Source.ID)
	if err != nil {
		return "", err
	}
	if host || p.Role == RoleCoordinator {
		return RoleCoordinator, nil
	}
	return RoleHost, nil
}

// writerRole is whom a host form written here speaks for: the host when
// this is the host's own laptop for the company (it read the coordinator's
// form for it, or holds no other organisation), else the coordinator.
func writerRole(ctx context.Context, st *data.Store, kind Kind, orgID string) (Role, error) {
	switch kind {
	case KindSchool:
		return RoleSchool, nil
	case KindResults, KindHost:
		return RoleCoordinator, nil
	}
	host, err := st.IsHostLaptop(ctx, orgID)
	if err != nil || host {
		return RoleHost, err
	}
	if only, err := st.HoldsOnlyOrganisation(ctx, orgID); err != nil || only {
		return RoleHost, err
	}
	return RoleCoordinator, nil
}
