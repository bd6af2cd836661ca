package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

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
func WriteWeekFiles(dir string, kind WeekKind, d WeekDocs, o Options) (paths []string, err error) {
	if !kind.Valid() {
		return nil, fmt.Errorf("reports: unknown week document %q", kind)
	}
	l, err := languageFor(o.Lang)
	if err != nil {
		return nil, err
	}
	if kind == KindHostFeedback {
		if err := checkFeedback(d.Feedback); err != nil {
			return nil, err
		}
	}
	jobs := weekJobs(kind, d)
	if len(jobs) == 0 {
		return nil, ErrNothing
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("reports: create folder %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			for _, p := range paths {
				os.Remove(p)
			}
			paths = nil
		}
	}()
	prefix := weekFileTitle(kind, l)
	used := map[string]bool{}
	var buf bytes.Buffer
	for _, j := range jobs {
		base := SafeFileName(prefix + " " + j.name)
		name := base
		for k := 2; used[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s (%d)", base, k)
		}
		used[strings.ToLower(name)] = true
		buf.Reset()
		if err := WriteWeek(&buf, kind, j.docs, o); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, name+".pdf")
		if err := writePrivate(path, buf.Bytes()); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
