package companies

import (
	"testing"

	"techniqual/data"
)

func TestJourneyStateAndStoryMarks(t *testing.T) {
	for _, c := range []struct {
		p    data.Progress
		want string
	}{
		{data.Progress{Year: 2026, Recorded: true, Done: 13}, "resa: halvvägs 13/24"},
		{data.Progress{Year: 2026, Recorded: true}, "resa: ej påbörjad 0/24"},
		{data.Progress{Year: 2025, Recorded: true, Done: 2, UnderWay: 3}, "resa: har börjat 2/24"},
		{data.Progress{Year: 2026, Recorded: true, Done: 20}, "resa: långt kommen 20/24"},
	} {
		if got := journeyStateText(c.p); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
	j := data.JourneyEntry{Title: "Lön", Area: data.AreaPay, Shareable: true}
	if got := storyMarks(j); got != " · Löner och andra anställningsvillkor · delas i nätverket" {
		t.Errorf("marks %q", got)
	}
	if got := storyMarks(data.JourneyEntry{Title: "Privat"}); got != "" {
		t.Errorf("a private story without area is marked %q", got)
	}
	share, area := storyFields(j)
	if !share.Checked || storyArea(area) != data.AreaPay {
		t.Errorf("fields: shared %v area %q", share.Checked, storyArea(area))
	}
}
