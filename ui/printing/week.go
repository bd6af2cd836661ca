package printing

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
)

// A teknikprao week prints other documents than a classic period: the
// week's (reports.WeekKinds), for the whole week, a school or a class. The
// same widgets show the choice; the documents are filled by ops from the
// Store and printed through ops, which records every print in the audit log.

// weekKindNames are the week's documents as the window names them, in the
// order of reports.WeekKinds.
var weekKindNames = []struct{ key, sv string }{
	{"printing.week.kind.schedules", "Veckoschema (till eleven)"},
	{"printing.week.kind.team_sheets", "Teamblad (till teamet)"},
	{"printing.week.kind.runsheets", "Körschema (till värden)"},
	{"printing.week.kind.attendance", "Närvarolistor per block (till värden)"},
	{"printing.week.kind.certificates", "Intyg (efter veckan)"},
	{"printing.week.kind.feedback", "Återkoppling (till värden)"},
}

// weekScopes are the scopes a week's documents can be chosen for.
const weekScopes = int(scopeClass) + 1

// weekLoad is the week's documents for one period, filter and language.
type weekLoad struct {
	key  string // period, school, class and language they were read for
	docs reports.WeekDocs
	err  error
}

// isWeek says whether the chosen period is a teknikprao week.
func (s *Screen) isWeek() bool { return s.period().Format == data.FormatWeek }

// weekFilter is whose documents the choice prints: a week is printed for
// the whole week, a school or a class.
func (c printChoice) weekFilter() data.DocFilter {
	if c.scope == scopeSchool || c.scope == scopeClass {
		return c.filter()
	}
	return data.DocFilter{}
}

// weekKey names a load of the week's documents.
func weekKey(periodID string, f data.DocFilter, lang string) string {
	return strings.Join([]string{periodID, f.SchoolID, f.ClassName, lang}, "\x00")
}

// leavesSchool says whether a week document goes to a host, where a
// protected pupil is "Elev via skolan" unless the counsellor chooses otherwise.
func leavesSchool(k reports.WeekKind) bool {
	return k == reports.KindHostRunsheets || k == reports.KindWeekAttendance
}

// weekOptions are the reports options of a week choice.
func (c printChoice) weekOptions() reports.Options {
	return reports.Options{Lang: c.lang, IncludeProtected: c.include && leavesSchool(c.week)}
}

// loadWeek reads, off the UI goroutine, the week's documents for the
// choice's filter (and, once per period, for the whole week, whose pupils
// give the school and class lists); a later load wins.
func (s *Screen) loadWeek() {
	c := s.c
	f := c.weekFilter()
	key, allKey := weekKey(c.periodID, f, c.lang), weekKey(c.periodID, data.DocFilter{}, c.lang)
	if s.week.key == key && s.weekAll.key == allKey {
		return
	}
	s.loadGen++
	gen, st := s.loadGen, s.main.Store()
	needAll := s.weekAll.key != allKey
	s.weekLoading = true
	s.main.Background(func() func() {
		ctx := context.Background()
		var all weekLoad
		if needAll {
			all.key = allKey
			all.docs, all.err = ops.WeekDocuments(ctx, st, c.periodID, data.DocFilter{}, c.lang)
		}
		sel := weekLoad{key: key}
		if key == allKey && needAll {
			sel = all
		} else {
			sel.docs, sel.err = ops.WeekDocuments(ctx, st, c.periodID, f, c.lang)
		}
		return func() {
			if gen != s.loadGen {
				return
			}
			s.weekLoading = false
			if needAll {
				s.weekAll = all
			}
			s.week = sel
			s.sync()
		}
	})
}

// syncWeek is sync for a week: the school and class lists, the rows shown,
// protected identity, the output, the summary and the preview.
func (s *Screen) syncWeek() {
	c := &s.c
	f := c.weekFilter()
	if s.week.key != weekKey(c.periodID, f, c.lang) || s.weekAll.key != weekKey(c.periodID, data.DocFilter{}, c.lang) {
		s.loadWeek()
	}

	// Schools and classes of the week's pupils.
	s.schoolOpts = s.schoolOpts[:0]
	s.classOpts = s.classOpts[:0]
	for _, p := range s.weekAll.docs.Pupils {
		if !slices.ContainsFunc(s.schoolOpts, func(o data.Organisation) bool { return o.ID == p.School.ID }) {
			s.schoolOpts = append(s.schoolOpts, p.School)
		}
		if p.School.ID == c.schoolID && !slices.Contains(s.classOpts, p.Pupil.ClassName) {
			s.classOpts = append(s.classOpts, p.Pupil.ClassName)
		}
	}
	slices.SortStableFunc(s.schoolOpts, func(a, b data.Organisation) int { return uikit.Collator().CompareString(a.Name, b.Name) })
	uikit.SortSwedish(s.classOpts)
	var names []string
	for _, o := range s.schoolOpts {
		names = append(names, o.Name)
	}
	s.schoolSel.SetOptions(names)
	if i := slices.IndexFunc(s.schoolOpts, func(o data.Organisation) bool { return o.ID == c.schoolID }); i >= 0 {
		s.schoolSel.SetSelectedIndex(i)
	} else {
		s.schoolSel.ClearSelected()
	}
	s.classSel.SetOptions(s.classOpts)
	if i := slices.Index(s.classOpts, c.class); i >= 0 && c.class != "" {
		s.classSel.SetSelectedIndex(i)
	} else {
		s.classSel.ClearSelected()
	}
	show(s.schoolRow, c.scope == scopeSchool || c.scope == scopeClass)
	show(s.classRow, c.scope == scopeClass)
	show(s.pupilRow, false)
	show(s.offerRow, false)

	leaves := leavesSchool(c.week)
	s.protected.SetChecked(c.include && leaves)
	s.protectedNote.Importance = widgetImportance(c.include && leaves)
	switch {
	case !leaves:
		s.protected.Disable()
		s.protectedNote.SetText(lang.X("printing.week.protected_na",
			"Gäller bara dokument som lämnar skolan: körscheman och närvarolistor. Återkopplingen till värden namnger ingen elev."))
	case c.include:
		s.protected.Enable()
		s.protectedNote.SetText(lang.X("printing.week.protected_warning",
			"Varning: elever med skyddad identitet skrivs ut med namn och klass i ett dokument som lämnar skolan. Gör det bara om du vet att det är rätt för varje elev."))
	default:
		s.protected.Enable()
		s.protectedNote.SetText(lang.X("printing.week.protected_hidden",
			"Elever med skyddad identitet visas som ”Elev via skolan” med skolans kontakt."))
	}
	s.protectedNote.Refresh()

	var perUnit string
	switch c.week {
	case reports.KindTeamSheets:
		perUnit = lang.X("printing.week.out_teams", "En fil per team i en mapp")
	case reports.KindHostRunsheets, reports.KindWeekAttendance, reports.KindHostFeedback:
		perUnit = lang.X("printing.week.out_hosts", "En fil per värd i en mapp")
	default:
		perUnit = lang.X("printing.out_files", "En fil per elev i en mapp")
	}
	s.outRadio.Options = []string{lang.X("printing.out_one", "En PDF med sidbrytningar"), perUnit}
	out := 0
	if c.perUnit {
		out = 1
	}
	s.outRadio.SetSelected(s.outRadio.Options[out])
	s.outRadio.Refresh()

	units := s.weekUnits()
	s.summary.SetText(s.weekSummary(units))
	s.form.Refresh()
	s.actions.Refresh()
	if units == 0 || s.cancel != nil {
		s.saveBtn.Disable()
	} else {
		s.saveBtn.Enable()
	}
	s.updateWeekPreview(units)
}

// weekReady says whether the loaded documents are the choice's.
func (s *Screen) weekReady() bool {
	return !s.weekLoading && s.week.key == weekKey(s.c.periodID, s.c.weekFilter(), s.c.lang) && s.week.err == nil
}

// weekUnits is how many documents the choice prints now (0 while loading).
func (s *Screen) weekUnits() int {
	c := s.c
	if !s.weekReady() || (c.scope == scopeSchool && c.schoolID == "") || (c.scope == scopeClass && (c.schoolID == "" || c.class == "")) {
		return 0
	}
	return reports.WeekUnits(c.week, s.week.docs)
}

// weekSummary says what saving gives, or why nothing can be saved.
func (s *Screen) weekSummary(units int) string {
	c := s.c
	switch {
	case s.weekLoading || s.week.key != weekKey(c.periodID, c.weekFilter(), c.lang):
		return lang.X("printing.week.loading", "Läser veckans planering …")
	case errors.Is(s.week.err, ops.ErrNoPlan):
		return lang.X("printing.week.no_plan", "Veckan har ingen sparad planering ännu. Planera den under Teknikprao först.")
	case s.week.err != nil:
		return lang.X("printing.failed", "Det gick inte att spara: {{.Error}}", map[string]string{"Error": s.week.err.Error()})
	case c.scope == scopeSchool && c.schoolID == "":
		return lang.X("printing.pick_school", "Välj en skola.")
	case c.scope == scopeClass && (c.schoolID == "" || c.class == ""):
		return lang.X("printing.pick_class", "Välj skola och klass.")
	case units == 0 && c.week == reports.KindWeekCertificates:
		return lang.X("printing.week.no_attendance", "Ingen av eleverna har närvaro registrerad i något block, så det blir inga intyg.")
	case units == 0:
		return lang.X("printing.week.nothing", "Det finns inget att skriva ut för valet.")
	}
	d := s.week.docs
	v := map[string]string{"Docs": strconv.Itoa(units), "Pupils": strconv.Itoa(len(d.Pupils)),
		"Teams": strconv.Itoa(len(d.Teams)), "Hosts": strconv.Itoa(len(d.Hosts))}
	switch c.week {
	case reports.KindTeamSheets:
		return lang.X("printing.week.summary_teams", "Teamblad, ett per team: {{.Docs}} · Elever: {{.Pupils}}", v)
	case reports.KindHostRunsheets, reports.KindWeekAttendance, reports.KindHostFeedback:
		return lang.X("printing.week.summary_hosts", "Dokument, ett per värd: {{.Docs}} · Team: {{.Teams}} · Elever: {{.Pupils}}", v)
	}
	return lang.X("printing.summary", "Dokument, ett per elev: {{.Docs}} · Elever: {{.Pupils}}", v)
}

// updateWeekPreview draws the first page of the first document off the UI
// goroutine.
func (s *Screen) updateWeekPreview(units int) {
	s.prevGen++
	gen, kind, o, docs := s.prevGen, s.c.week, s.c.weekOptions(), s.week.docs
	if units == 0 {
		s.clearPreview()
		return
	}
	s.main.Background(func() func() {
		page, err := reports.WeekFirstPage(kind, docs, o)
		return func() {
			if gen == s.prevGen {
				s.showPreview(page, nil, err)
			}
		}
	})
}

// weekFileTitles name a week's documents in file names (one, several).
var weekFileTitles = map[string]map[reports.WeekKind][2]string{
	uikit.LangSwedish: {
		reports.KindWeekSchedules: {"Veckoschema", "Veckoscheman"}, reports.KindTeamSheets: {"Teamblad", "Teamblad"},
		reports.KindHostRunsheets: {"Körschema", "Körscheman"}, reports.KindWeekAttendance: {"Närvarolista", "Närvarolistor"},
		reports.KindWeekCertificates: {"Intyg", "Intyg"}, reports.KindHostFeedback: {"Återkoppling", "Återkoppling"},
	},
	uikit.LangEnglish: {
		reports.KindWeekSchedules: {"Week schedule", "Week schedules"}, reports.KindTeamSheets: {"Team sheet", "Team sheets"},
		reports.KindHostRunsheets: {"Run-sheet", "Run-sheets"}, reports.KindWeekAttendance: {"Attendance list", "Attendance lists"},
		reports.KindWeekCertificates: {"Certificate", "Certificates"}, reports.KindHostFeedback: {"Feedback", "Feedback"},
	},
}

// weekFileName is the file name offered when saving a week's documents,
// e.g. "Körscheman Teknikprao åk 9 v41.pdf".
func weekFileName(c printChoice, per data.Period, school string, units int) string {
	words, week := weekFileTitles[uikit.LangSwedish], "v"
	if c.lang == uikit.LangEnglish {
		words, week = weekFileTitles[uikit.LangEnglish], "w"
	}
	title := words[c.week][1]
	if units == 1 {
		title = words[c.week][0]
	}
	who := per.Name
	switch c.scope {
	case scopeSchool:
		who = school
	case scopeClass:
		who = c.class
	}
	if !per.Start.IsZero() && !strings.Contains(who, strconv.Itoa(data.ISOWeek(per.Start))) {
		who += " " + week + strconv.Itoa(data.ISOWeek(per.Start))
	}
	return reports.SafeFileName(strings.Join(strings.Fields(title+" "+who), " ")) + ".pdf"
}

// weekSchoolName is the chosen school's name.
func (s *Screen) weekSchoolName() string {
	for _, o := range s.schoolOpts {
		if o.ID == s.c.schoolID {
			return o.Name
		}
	}
	return ""
}

// saveWeekTo prints the week's documents off the UI goroutine through ops
// (which records the print in the audit log) into the PDF at path, or one
// file per unit into the folder path. Cancelling, or a failure, leaves no
// file behind.
func (s *Screen) saveWeekTo(path string) {
	c := s.c
	units := s.weekUnits()
	if units == 0 || s.cancel != nil {
		return
	}
	per := s.period()
	ctx, cancel := context.WithCancel(context.Background())
	s.startSaving(cancel)
	st, hook := s.main.Store(), s.onUnit
	scope := ops.Scope{School: s.weekSchoolName()}
	if c.scope == scopeClass {
		scope.Class = c.class
	}
	s.main.Background(func() func() {
		progress := func(done, all int) {
			if hook != nil {
				hook(done, all)
			}
			fyne.Do(func() { s.progress.SetValue(float64(done) / float64(max(all, 1))) })
		}
		res, err := ops.PrintWeek(ctx, st, ops.WeekPrint{Kind: c.week, Period: per, Filter: c.weekFilter(), Scope: scope,
			Options: c.weekOptions(), Path: path, PerUnit: c.perUnit, Progress: progress})
		var logErr *ops.AuditError
		if errors.As(err, &logErr) {
			err = nil
		}
		return func() {
			cancel()
			s.finishSaving(c, path, res, err, logErr)
		}
	})
}

// weekPerUnitDir is the folder a per-unit save goes to, named like the file.
func weekPerUnitDir(dir, name string) string {
	return filepath.Join(dir, strings.TrimSuffix(name, ".pdf"))
}
