package reports

import (
	"slices"
	"testing"

	"techniqual/data"
)

// TestWeekDocsNameWhatPrintsAsAReplacementCharacter: found by use, an
// emoji in a role model's name printed as "�" on every schedule and the
// warning named only the pupils. Every name a kind prints is checked; a
// protected pupil's name is printed (and named) only when included.
func TestWeekDocsNameWhatPrintsAsAReplacementCharacter(t *testing.T) {
	// Made-up people and companies.
	sara := data.Person{FirstName: "Sara", LastName: "Ek 🤖"}
	host := data.Organisation{Name: "Forshaga Fiber AB"}
	block := WeekBlock{Host: host, RoleModels: []data.Person{sara}}
	saga := data.Pupil{FirstName: "Saga", LastName: "Lund 🌸", Protected: true}
	alva := data.Pupil{FirstName: "Alva", LastName: "Berg"}
	d := WeekDocs{
		Pupils: []WeekPupil{{Pupil: saga, Team: "Team 1", Route: []WeekBlock{block}}, {Pupil: alva, Team: "Team ✨", Route: []WeekBlock{block}}},
		Teams:  []WeekTeam{{Name: "Team 1", Members: []WeekMember{{Pupil: saga}, {Pupil: alva}}, Route: []WeekBlock{block}}},
		Hosts: []HostRunsheet{{Host: data.Organisation{Name: "Glaskogens 🛠 AB"}, Blocks: []RunsheetBlock{{Block: WeekBlock{Host: host},
			Teams: []RunsheetTeam{{Name: "Team 1", Members: []WeekMember{{Pupil: alva}}}}}}}},
		Feedback: []HostFeedback{{Host: host}},
	}
	for _, c := range []struct {
		kind    WeekKind
		include bool
		want    []string
	}{
		{KindWeekSchedules, false, []string{"Sara Ek 🤖", "Team ✨"}},
		{KindWeekSchedules, true, []string{"Saga Lund 🌸", "Sara Ek 🤖", "Team ✨"}},
		{KindTeamSheets, false, []string{"Sara Ek 🤖"}},
		{KindHostRunsheets, false, []string{"Glaskogens 🛠 AB"}},
		{KindHostFeedback, false, nil},
	} {
		got := d.Unprintable(c.kind, c.include)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s (include %v): %q, want %q", c.kind, c.include, got, c.want)
		}
	}
}
