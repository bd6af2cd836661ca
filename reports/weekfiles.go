package reports

import (
	"context"
	"fmt"
	"io"
)

// weekPlanFor is how the documents of kind are printed from d (see plan).
func weekPlanFor(kind WeekKind, d WeekDocs, o Options) (plan, error) {
	switch kind {
	case KindWeekSchedules:
		return plan{func(l *lang) string { return l.weekTitle }, len(d.Pupils), func(i int, u *unit) bool {
			layoutWeekSchedule(u, d.Pupils[i])
			return true
		}, nil}, nil
	case KindTeamSheets:
		return plan{func(l *lang) string { return l.teamTitle }, len(d.Teams), func(i int, u *unit) bool {
			layoutTeamSheet(u, d.Teams[i], o.IncludeProtected)
			return true
		}, nil}, nil
	case KindHostRunsheets:
		return plan{func(l *lang) string { return l.runTitle }, len(d.Hosts), func(i int, u *unit) bool {
			if len(d.Hosts[i].Blocks) == 0 {
				return false
			}
			layoutRunsheet(u, d.Hosts[i], o.IncludeProtected)
			return true
		}, nil}, nil
	case KindWeekAttendance:
		return plan{func(l *lang) string { return l.listTitle }, len(d.Hosts), func(i int, u *unit) bool {
			if !hasTeams(d.Hosts[i]) {
				return false
			}
			layoutAttendanceList(u, d.Hosts[i], o.IncludeProtected)
			return true
		}, nil}, nil
	case KindWeekCertificates:
		return plan{func(l *lang) string { return l.weekCertTitle }, len(d.Pupils), func(i int, u *unit) bool {
			if len(attendedBlocks(d.Pupils[i])) == 0 {
				return false
			}
			layoutWeekCertificate(u, d.Pupils[i])
			return true
		}, nil}, nil
	case KindHostFeedback:
		if err := checkFeedback(d.Feedback); err != nil {
			return plan{}, err
		}
		return plan{func(l *lang) string { return l.feedbackTitle }, len(d.Feedback), func(i int, u *unit) bool {
			if len(d.Feedback[i].Blocks) == 0 {
				return false
			}
			layoutFeedback(u, d.Feedback[i])
			return true
		}, nil}, nil
	}
	return plan{}, fmt.Errorf("reports: unknown week document %q", kind)
}

// WriteWeekContext is WriteWeek for big batches: it stops between units
// when ctx is done (returning ctx's error and writing nothing to w), tells
// progress after each unit (of the units d holds for kind, printed or
// not), and returns the number of pages printed. The PDF is the same as
// WriteWeek's.
func WriteWeekContext(ctx context.Context, w io.Writer, kind WeekKind, d WeekDocs, o Options, progress Progress) (int, error) {
	p, err := weekPlanFor(kind, d, o)
	if err != nil {
		return 0, err
	}
	return writePlan(ctx, w, p, o, progress, true)
}

// WriteWeekFileContext prints the documents of kind into one PDF at path
// (mode 0600, through a temporary file), as WriteWeekContext: when ctx is
// cancelled or printing fails no file is left at path and an earlier file
// there is kept. The document is written as it is printed, never held in
// memory as a whole.
func WriteWeekFileContext(ctx context.Context, path string, kind WeekKind, d WeekDocs, o Options, progress Progress) (int, error) {
	p, err := weekPlanFor(kind, d, o)
	if err != nil {
		return 0, err
	}
	return writePlanFile(ctx, path, p, o, progress)
}

// WeekFirstPage lays out the first document of kind printed from d and
// returns its first page for a preview, as FirstPage does for a classic
// period. ErrNothing when d prints nothing.
func WeekFirstPage(kind WeekKind, d WeekDocs, o Options) (Page, error) {
	p, err := weekPlanFor(kind, d, o)
	if err != nil {
		return Page{}, err
	}
	return firstPage(p, o)
}

// WeekUnits is how many documents of kind d makes (pupils, teams or
// hosts, leaving out those that print nothing), e.g. for a progress bar
// or a confirmation before printing.
func WeekUnits(kind WeekKind, d WeekDocs) int { return len(weekJobs(kind, d)) }

// weekFileTitle is the document name of kind, which starts its file names.
func weekFileTitle(k WeekKind, l *lang) string {
	switch k {
	case KindWeekSchedules:
		return l.weekTitle
	case KindTeamSheets:
		return l.teamTitle
	case KindHostRunsheets:
		return l.runTitle
	case KindWeekAttendance:
		return l.listTitle
	case KindWeekCertificates:
		return l.weekCertTitle
	}
	return l.feedbackTitle
}

// weekJobs splits d into the units of kind, each with the name of whom it
// is for; units that print nothing are left out.
func weekJobs(kind WeekKind, d WeekDocs) []weekJob {
	var jobs []weekJob
	switch kind {
	case KindWeekSchedules, KindWeekCertificates:
		for _, p := range d.Pupils {
			if kind == KindWeekCertificates && len(attendedBlocks(p)) == 0 {
				continue
			}
			jobs = append(jobs, weekJob{joinNonEmpty(" ", p.Pupil.ClassName, p.Pupil.LastName, p.Pupil.FirstName),
				WeekDocs{Pupils: []WeekPupil{p}}})
		}
	case KindTeamSheets:
		for _, t := range d.Teams {
			jobs = append(jobs, weekJob{joinNonEmpty(" - ", t.Name, t.Group), WeekDocs{Teams: []WeekTeam{t}}})
		}
	case KindHostRunsheets, KindWeekAttendance:
		for _, h := range d.Hosts {
			if len(h.Blocks) == 0 || (kind == KindWeekAttendance && !hasTeams(h)) {
				continue
			}
			jobs = append(jobs, weekJob{h.Host.Name, WeekDocs{Hosts: []HostRunsheet{h}}})
		}
	case KindHostFeedback:
		for _, h := range d.Feedback {
			if len(h.Blocks) > 0 {
				jobs = append(jobs, weekJob{h.Host.Name, WeekDocs{Feedback: []HostFeedback{h}}})
			}
		}
	}
	return jobs
}

type weekJob struct {
	name string
	docs WeekDocs
}

// WriteWeekFiles prints one PDF per unit of kind (pupil, team or host) into
// dir, creating it when missing, and returns the paths written. Files are
// named after the document and whom it is for ("Teamblad Team 3 - Ring
// Norr.pdf"), made safe by SafeFileName, and created readable by the owner
// only. Only schedules and certificates, which go to the pupil, carry a
// pupil's name. When nothing is written the error is ErrNothing; on a
// failure the files already written are removed, so no partial batch is
// left.
func WriteWeekFiles(dir string, kind WeekKind, d WeekDocs, o Options) ([]string, error) {
	return WriteWeekFilesContext(context.Background(), dir, kind, d, o, nil)
}

// WriteWeekFilesContext is WriteWeekFiles for big batches: it stops between
// files when ctx is done, tells progress after each file, and on
// cancellation or failure removes the files it wrote.
func WriteWeekFilesContext(ctx context.Context, dir string, kind WeekKind, d WeekDocs, o Options, progress Progress) (paths []string, err error) {
	if !kind.Valid() {
		return nil, fmt.Errorf("reports: unknown week document %q", kind)
	}
	l, err := languageFor(o.Lang)
	if err != nil {
		return nil, err
	}
	if kind == KindHostFeedback {
		// Refused before the first file, so a bad score leaves no files.
		if err := checkFeedback(d.Feedback); err != nil {
			return nil, err
		}
	}
	jobs := weekJobs(kind, d)
	if len(jobs) == 0 {
		return nil, ErrNothing
	}
	return writeUnitFiles(ctx, dir, weekFileTitle(kind, l), jobs, func(j weekJob) string { return j.name },
		func(ctx context.Context, w io.Writer, j weekJob) error {
			_, err := WriteWeekContext(ctx, w, kind, j.docs, o, nil)
			return err
		}, progress)
}
