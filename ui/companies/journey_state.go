package companies

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// journeyStateText is a member's journey in the list: how far it has come
// and the steps in place of 24 in its latest year, e.g. "resa: halvvägs
// 13/24".
func journeyStateText(p data.Progress) string {
	stage := map[string]string{
		"not_started": lang.X("jr.stage.not_started", "ej påbörjad"),
		"started":     lang.X("jr.stage.started", "har börjat"),
		"halfway":     lang.X("jr.stage.halfway", "halvvägs"),
		"far":         lang.X("jr.stage.far", "långt kommen"),
	}[p.Stage()]
	return lang.X("jr.list_state", "resa: {{.Stage}} {{.Done}}/24", map[string]string{
		"Year": strconv.Itoa(p.Year), "Stage": stage, "Done": strconv.Itoa(p.Done)})
}

// storyAreas are the choices of a story's area: none first, then the six.
func storyAreas() []string {
	out := []string{lang.X("jr.story.no_area", "Inget särskilt område")}
	for _, a := range data.Areas {
		out = append(out, areaText(a))
	}
	return out
}

// areaText names an area of active measures.
func areaText(a data.Area) string {
	return lang.X("jr.area."+string(a), map[data.Area]string{
		data.AreaWorkingConditions: "Arbetsförhållanden", data.AreaPay: "Löner och andra anställningsvillkor",
		data.AreaRecruitment: "Rekrytering och befordran", data.AreaTraining: "Utbildning och kompetensutveckling",
		data.AreaParenthood: "Förena förvärvsarbete och föräldraskap", data.AreaHarassment: "Trakasserier och repressalier"}[a])
}

// storyFields are a story's "may be shared" box and area choice.
func storyFields(j data.JourneyEntry) (*widget.Check, *widget.Select) {
	share := widget.NewCheck(lang.X("jr.story.shareable", "Får delas i nätverket (resebok)"), nil)
	share.SetChecked(j.Shareable)
	area := widgets.NewSelect(storyAreas(), nil)
	area.SetSelectedIndex(0)
	for i, a := range data.Areas {
		if a == j.Area {
			area.SetSelectedIndex(i + 1)
		}
	}
	return share, area
}

// storyArea is the area chosen, "" for none.
func storyArea(s *widget.Select) data.Area {
	if i := s.SelectedIndex(); i > 0 && i <= len(data.Areas) {
		return data.Areas[i-1]
	}
	return ""
}

// storyMarks follows a story's title in the list: its area and whether it
// may be shared, e.g. " · Löner och andra anställningsvillkor · delas".
func storyMarks(j data.JourneyEntry) string {
	out := ""
	if j.Area != "" {
		out += " · " + areaText(j.Area)
	}
	if j.Shareable {
		out += " · " + lang.X("jr.story.shared", "delas i nätverket")
	}
	return out
}
