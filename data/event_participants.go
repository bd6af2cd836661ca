package data

import (
	"context"
	"errors"
)

// EventParticipant is one live registration of an event with the names the
// event's documents show.
type EventParticipant struct {
	Registration Registration
	Name         string
	Organisation string // the person's organisation, or the pupil's school
	Class        string // the pupil's class ("" for a contact)
	Pupil        bool
	Protected    bool // a pupil with protected identity
}

// ID is the person's or the pupil's id (for the audit log).
func (p EventParticipant) ID() string {
	if p.Pupil {
		return p.Registration.PupilID
	}
	return p.Registration.PersonID
}

// EventParticipants lists an event's live registrations with names, in the
// order people registered; registrations of deleted people are left out.
func (s *Store) EventParticipants(ctx context.Context, eventID string) ([]EventParticipant, error) {
	regs, err := s.ListRegistrations(ctx, eventID)
	if err != nil {
		return nil, err
	}
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return nil, err
	}
	orgName := make(map[string]string, len(orgs))
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	var out []EventParticipant
	for _, r := range regs {
		if r.PersonID != "" {
			p, err := s.GetPerson(ctx, r.PersonID)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return nil, err
			}
			out = append(out, EventParticipant{Registration: r, Name: p.Name(), Organisation: orgName[p.OrganisationID]})
			continue
		}
		pu, err := s.GetPupil(ctx, r.PupilID)
		if errors.Is(err, ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, EventParticipant{Registration: r, Name: pu.Name(), Organisation: orgName[pu.SchoolID],
			Class: pu.ClassName, Pupil: true, Protected: pu.Protected})
	}
	return out, nil
}
