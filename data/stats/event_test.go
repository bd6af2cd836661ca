package stats

import (
	"strings"
	"testing"

	"techniqual/data"
)

func genders(girls, boys, other, unspecified int) []data.Gender {
	var out []data.Gender
	for _, g := range []struct {
		g data.Gender
		n int
	}{{data.GenderGirl, girls}, {data.GenderBoy, boys}, {data.GenderOther, other}, {data.GenderUnspecified, unspecified}} {
		for range g.n {
			out = append(out, g.g)
		}
	}
	return out
}

func row(cs [NumGroups]Cell) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return strings.Join(out, " ")
}

// An event's pupils by gender: counts of 1–4 are "<5", and where the
// row's total (shown on the screen) would give a hidden group away, a
// second figure is hidden too.
func TestCountEventGenders(t *testing.T) {
	for _, c := range []struct {
		name               string
		registered, attend []data.Gender
		wantReg, wantAtt   string
	}{
		{"large groups shown", genders(12, 10, 3, 2), genders(8, 7, 0, 0), "12 10 5", "8 7 0"},
		{"nobody", nil, nil, "0 0 0", "0 0 0"},
		{"one small group: other hidden with it", genders(12, 3, 6, 0), genders(6, 2, 0, 0), "12 <5 ..", ".. <5 0"},
		{"small girls spare the boys when other is 0", genders(3, 10, 0, 0), genders(1, 9, 0, 0), "<5 ..", "<5 .."},
		{"two small groups", genders(2, 2, 0, 0), genders(1, 0, 0, 0), "<5 <5 0", "<5 0 0"},
		{"unspecified counts with other", genders(6, 5, 0, 5), nil, "6 5 5", "0 0 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := CountEventGenders(c.registered, c.attend)
			if got := row(g.Registered); !strings.HasPrefix(got, c.wantReg) {
				t.Errorf("registered %q, want %q", got, c.wantReg)
			}
			if got := row(g.Attended); !strings.HasPrefix(got, c.wantAtt) {
				t.Errorf("attended %q, want %q", got, c.wantAtt)
			}
		})
	}
}
