package statistics

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	figures "techniqual/data/stats"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// showWeek shows a teknikprao week's figures: its pupils are in teams
// that meet every host of their group, so the figures are the teams, the
// hosts and role models met, attendance of the blocks and the pupils'
// feedback on them, not placements and choices (found by use: a week
// showed 0 pupils, 0 placed and no answers). Small groups are hidden as
// everywhere (data/stats).
func (s *Screen) showWeek(w *figures.WeekReport) {
	g := groupNames()
	header := append([]string{""}, g...)
	k := w.Key()
	pupils := []string{lang.X("statistics.week.pupils", "Elever i team"), k.Girls.String(), k.Boys.String(), k.Other.String(), k.Pupils.String()}
	att := []string{lang.X("statistics.week.attendance", "Närvaro (block)")}
	for _, a := range w.Attendance {
		att = append(att, attendanceText(a))
	}
	s.body.Add(widgets.HeadingLabel(lang.X("statistics.week.key_numbers", "Nyckeltal för teknikpraoveckan")))
	s.body.Add(table(header, [][]string{pupils, att}))
	note := widgets.WrapLabel(lang.X("statistics.week.attendance_note",
		"Närvaron räknas på de block där närvaro är ifylld, så en vecka som inte har varit, eller ett block som inte är ifyllt, räknas inte som frånvaro."))
	note.Importance = widget.LowImportance
	s.body.Add(note)

	s.body.Add(widgets.HeadingLabel(lang.X("statistics.week.teams", "Team och möten")))
	lines := []string{
		uikit.Message("statistics.week.teams_line", "{{.Teams}} team; {{.Broken}} av dem har en ensam tjej eller en ensam kille (regeln är 0 eller minst 2 av varje).",
			map[string]string{"Teams": strconv.Itoa(k.Teams), "Broken": k.RuleBroken.String()}),
		uikit.Message("statistics.week.hosts_line", "Eleverna mötte {{.Hosts}} värdföretag och {{.RoleModels}} förebilder.",
			map[string]string{"Hosts": strconv.Itoa(k.Hosts), "RoleModels": strconv.Itoa(k.RoleModels)}),
		uikit.Message("statistics.week.per_pupil", "Per elev i snitt: {{.Hosts}} värdar och {{.RoleModels}} förebilder.",
			map[string]string{"Hosts": uikit.MeanText(k.HostsPerPupil), "RoleModels": uikit.MeanText(k.RoleModelsPerPupil)}),
	}
	for _, l := range lines {
		s.body.Add(widgets.WrapLabel(l))
	}
	met := []string{lang.X("statistics.week.hosts_met", "Elever")}
	metHeader := []string{lang.X("statistics.week.hosts_met_head", "Värdar som eleven mötte")}
	for b := range figures.HostBuckets {
		label := strconv.Itoa(b)
		if b == figures.HostBuckets-1 {
			label = uikit.Message("statistics.week.or_more", "{{.N}} eller fler", map[string]string{"N": label})
		}
		metHeader = append(metHeader, label)
		cell := "–"
		if len(w.HostsMet.Cells) > 0 && b < len(w.HostsMet.Cells[0]) {
			cell = w.HostsMet.Cells[0][b].String()
		}
		met = append(met, cell)
	}
	s.body.Add(table(metHeader, [][]string{met}))
	if len(w.ByProfession) > 0 {
		var rows [][]string
		for _, p := range w.ByProfession {
			name := p.Profession
			if name == "" {
				name = lang.X("statistics.week.no_profession", "(yrke ej angivet)")
			}
			rows = append(rows, []string{name, strconv.Itoa(p.People)})
		}
		s.body.Add(widgets.HeadingLabel(lang.X("statistics.week.professions", "Förebildernas yrken")))
		s.body.Add(table([]string{lang.X("statistics.week.profession", "Yrke"), lang.X("statistics.week.people", "Förebilder")}, rows))
	}

	s.body.Add(widgets.HeadingLabel(lang.X("statistics.week.feedback", "Elevernas återkoppling på blocken (1–5)")))
	if w.Feedback == nil {
		s.body.Add(widgets.WrapLabel(lang.X("statistics.week.feedback_all_only",
			"Återkopplingen visas för alla skolor tillsammans: ett värdblock har team från flera skolor, och svar kan vara utan namn.")))
	} else {
		fb := w.Feedback
		qs := []string{lang.X("evaluations.week.q_fun", "Roligt"), lang.X("evaluations.week.q_learned", "Jag lärde mig något"),
			lang.X("evaluations.week.q_people", "Människorna jag mötte"), lang.X("evaluations.week.q_interest", "Mer intresserad av teknik")}
		head := append([]string{lang.X("statistics.week.group", "Värdgrupp"), lang.X("statistics.week.answers", "Svar")}, qs...)
		row := func(name string, answers figures.Cell, means [figures.NumQuestions]figures.Mean) []string {
			out := []string{name, answers.String()}
			for _, m := range means {
				out = append(out, uikit.MeanText(m))
			}
			return out
		}
		rows := [][]string{row(lang.X("statistics.week.all_groups", "Alla"), fb.Answers, fb.Questions)}
		for _, gr := range fb.Groups {
			name := gr.Group
			if name == "" {
				name = lang.X("statistics.week.no_group", "Värdar utan grupp")
			}
			rows = append(rows, row(name, gr.Answers, gr.Questions))
		}
		s.body.Add(table(head, rows))
		if fb.Answers.N == 0 {
			s.body.Add(widgets.WrapLabel(lang.X("statistics.week.no_feedback", "Inga svar ännu: de skrivs in under Utvärderingar → Återkoppling teknikprao.")))
		}
	}

	if len(w.BySchool) > 0 {
		s.body.Add(widgets.HeadingLabel(lang.X("statistics.by_school", "Per skola")))
		var rows [][]string
		for _, sr := range w.BySchool {
			f := sr.Figures
			rows = append(rows, []string{sr.School.Name, sr.School.Municipality, f.Pupils().String(), attendanceText(f.Attendance[figures.NumGroups])})
		}
		s.body.Add(table([]string{lang.X("statistics.school", "Skola"), lang.X("statistics.municipality", "Kommun"),
			lang.X("statistics.week.pupils", "Elever i team"), lang.X("statistics.week.attendance", "Närvaro (block)")}, rows))
	}
}
