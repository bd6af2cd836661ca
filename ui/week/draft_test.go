package week

import (
	"testing"

	"techniqual/data"
)

func TestChanges(t *testing.T) {
	saved := &draft{teams: []team{
		{name: "Team 1", groupID: "g", pupils: []string{"a", "b"}, blocks: []string{"x"}},
		{name: "Team 2", groupID: "g", pupils: []string{"c", "d"}, blocks: []string{"y"}},
	}}
	cases := []struct {
		name          string
		edit          func(d *draft)
		pupils, teams int
	}{
		{"nothing", func(*draft) {}, 0, 0},
		{"one pupil moved", func(d *draft) { _ = d.movePupil("a", 1) }, 1, 2},
		{"out of every team", func(d *draft) { _ = d.movePupil("c", -1) }, 1, 1},
		{"routes swapped", func(d *draft) { d.teams[0].blocks, d.teams[1].blocks = d.teams[1].blocks, d.teams[0].blocks }, 0, 2},
		{"a team gone", func(d *draft) { d.teams = d.teams[:1] }, 2, 1},
		{"a new team", func(d *draft) { d.teams = append(d.teams, team{name: "Team 3", pupils: []string{"e"}}) }, 1, 1},
	}
	for _, c := range cases {
		d := saved.clone()
		c.edit(d)
		p, tm := changes(saved, d)
		if p != c.pupils || tm != c.teams {
			t.Errorf("%s: %d pupils, %d teams changed; want %d, %d", c.name, p, tm, c.pupils, c.teams)
		}
	}
	if len(saved.teams[0].pupils) != 2 {
		t.Error("clone shares the pupils with the original")
	}
}

func TestMovePupil(t *testing.T) {
	base := &draft{teams: []team{
		{name: "Team 1", pupils: []string{"a", "b"}, lockedP: map[string]bool{"b": true}, locked: true},
		{name: "Team 2", pupils: []string{"c"}, lockedP: map[string]bool{}},
	}, unteamed: []data.Unteamed{{PupilID: "z", Why: "ingen plats"}}}
	cases := []struct {
		name     string
		pupil    string
		to       int
		wantTeam int
		unteamed int
		err      bool
	}{
		{"to another team", "a", 1, 1, 1, false},
		{"a locked pupil stays", "b", 1, 0, 1, true},
		{"an unteamed pupil into a team", "z", 0, 0, 0, false},
		{"out of every team", "c", -1, -1, 2, false},
		{"to the team it is in", "a", 0, 0, 1, false},
	}
	for _, c := range cases {
		d := base.clone()
		err := d.movePupil(c.pupil, c.to)
		if (err != nil) != c.err || d.teamOf(c.pupil) != c.wantTeam || len(d.unteamed) != c.unteamed {
			t.Errorf("%s: err %v, team %d, %d unteamed", c.name, err, d.teamOf(c.pupil), len(d.unteamed))
		}
	}
}
