package ops

import (
	"context"
	"fmt"
	"os"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
)

// Scope says which part of a period a print holds, for the audit log; the
// empty Scope is the whole period.
type Scope struct {
	School string // a school's name
	Class  string // a class, within School when it is given
	Pupil  string // one pupil's name
	Offer  string // one offer: "host – title"
}

// PrintPeriod is a print of a period's documents: which kind, for whom,
// how and where.
type PrintPeriod struct {
	Kind    reports.Kind
	Period  data.Period
	Docs    []data.ScheduleDoc // the pupils to print, in order
	Scope   Scope
	Options reports.Options
	// Path is the PDF to write, or with PerUnit the folder that gets one
	// file per pupil (per offer for hosts).
	Path    string
	PerUnit bool
	// Progress, when set, is told after each unit (pupil or offer).
	Progress reports.Progress
}

// Printed tells what a print wrote.
type Printed struct {
	Paths    []string // the files written
	Pages    int      // pages of the one PDF (0 with PerUnit)
	PupilIDs []string // the pupils whose data went into the documents
	// Unprintable are the names in the documents that hold characters the
	// PDFs' fonts cannot draw (Korean, Thai, emoji …): they printed as
	// "�", and the user is told which.
	Unprintable []string
	Skipped     int // pupils left out of certificates: no attendance recorded
	Units       int // documents: pupils, or offers for hosts
}

// scheduleNames are the names a period's documents print: pupils (not
// those shown as "Elev via skolan"), hosts, supervisors, offers.
func scheduleNames(ds []data.ScheduleDoc, include bool) []string {
	var out []string
	for _, d := range ds {
		if !d.Pupil.Protected || include {
			out = append(out, d.Pupil.Name())
		}
		out = append(out, d.Host.Name, d.Offer.Title)
		if d.Supervisor != nil {
			out = append(out, d.Supervisor.Name())
		}
	}
	return out
}

// UnprintableMessage is the warning for names that printed as "�", in the
// user's language; "" when there are none.
func UnprintableMessage(l text.Lang, names []string) string {
	if len(names) == 0 {
		return ""
	}
	shown := names[:min(len(names), 5)]
	more := ""
	if len(names) > len(shown) {
		more = l.Pick(fmt.Sprintf(" och %d till", len(names)-len(shown)), fmt.Sprintf(" and %d more", len(names)-len(shown)))
	}
	return l.Pick(
		fmt.Sprintf("Obs: %d namn har tecken som PDF-typsnittet inte kan visa (till exempel koreansk eller thailändsk skrift, emoji); de skrivs som ”�”: %s%s. Skriv dem för hand på utskriften eller lägg till en latinsk stavning.",
			len(names), strings.Join(shown, ", "), more),
		fmt.Sprintf("Note: %d names have characters the PDF font cannot show (for example Korean or Thai script, emoji); they print as \"�\": %s%s. Write them by hand on the printout or add a Latin spelling.",
			len(names), strings.Join(shown, ", "), more))
}

// withCoordinator fills *c, when nil, with the network's contact: whom a
// host asks about a pupil with protected identity (never the school's).
func withCoordinator(ctx context.Context, st *data.Store, c **data.Person) error {
	if *c != nil {
		return nil
	}
	p, err := st.NetworkContact(ctx)
	*c = p
	return err
}

// Print renders a period's documents, writes them (whole or not at all:
// a cancelled or failed print leaves no file) and records them in the
// audit log. reports.ErrNothing means there was nothing to print (for
// certificates: nobody with attendance); context.Canceled that ctx was
// cancelled; *AuditError that the log failed and the files were removed.
func Print(ctx context.Context, st *data.Store, p PrintPeriod) (Printed, error) {
	if len(p.Docs) == 0 {
		return Printed{}, reports.ErrNothing
	}
	if err := withCoordinator(ctx, st, &p.Options.Coordinator); err != nil {
		return Printed{}, err
	}
	var out Printed
	var err error
	if p.PerUnit {
		out.Paths, err = reports.WriteFilesContext(ctx, p.Path, p.Kind, p.Docs, p.Options, p.Progress)
	} else {
		out.Pages, err = reports.WriteFileContext(ctx, p.Path, p.Kind, p.Docs, p.Options, p.Progress)
		if err == nil {
			out.Paths = []string{p.Path}
		} else if fi, serr := os.Stat(p.Path); serr == nil && fi.Size() == 0 {
			os.Remove(p.Path) // the empty file a save dialog made
		}
	}
	if err != nil {
		return Printed{}, err
	}
	for _, d := range p.Docs {
		if p.Kind != reports.KindCertificates || len(reports.Attended(d)) > 0 {
			out.PupilIDs = append(out.PupilIDs, d.Pupil.ID)
		}
	}
	out.Skipped = len(p.Docs) - len(out.PupilIDs)
	out.Unprintable = reports.UnprintableNames(scheduleNames(p.Docs, p.Options.IncludeProtected))
	out.Units = reports.Units(p.Kind, p.Docs)
	e := &data.AuditEntry{Action: "pdf " + string(p.Kind), What: p.Path, RecordIDs: out.PupilIDs,
		Detail: describe(p.Period, p.Scope, p.Options)}
	if err := record(ctx, st, e, out.Paths...); err != nil {
		return Printed{}, err
	}
	return out, nil
}

// describe says what was printed, for the audit log (in Swedish, like the
// rest of the log).
func describe(per data.Period, s Scope, o reports.Options) string {
	what := per.Name
	var parts []string
	switch {
	case s.Pupil != "":
		parts = append(parts, "elev "+s.Pupil)
	case s.Offer != "":
		parts = append(parts, "praoplats "+s.Offer)
	default:
		if s.School != "" {
			parts = append(parts, "skola "+s.School)
		}
		if s.Class != "" {
			parts = append(parts, "klass "+s.Class)
		}
	}
	if len(parts) > 0 {
		what += " (" + strings.Join(parts, ", ") + ")"
	}
	if o.IncludeProtected {
		what += "; skyddad identitet med namn"
	}
	if o.Lang == "en" {
		what += "; engelska"
	}
	return what
}

// EventPrinted tells what PrintEvent wrote.
type EventPrinted struct {
	Event  data.Event
	People int              // people the document names: the list's, the badges', the certificates' (reports.EventDoc.Printed)
	Counts data.EventCounts // the event's one count (data.CountEvent)
}

// PrintEvent writes one of an event's documents (kind "participants",
// "badges" or "event-certificates") to the PDF at path and records it in
// the audit log. reports.ErrNothing means nobody is on the list;
// *AuditError that the log failed and the file was removed.
func PrintEvent(ctx context.Context, st *data.Store, eventID, kind, path string, o reports.Options) (EventPrinted, error) {
	e, err := st.GetEvent(ctx, eventID)
	if err != nil {
		return EventPrinted{}, err
	}
	ps, err := st.EventParticipants(ctx, eventID)
	if err != nil {
		return EventPrinted{}, err
	}
	doc, ids := reports.NewEventDoc(e, ps, o.Lang, o.IncludeProtected)
	if err := reports.WriteEventFile(path, kind, doc, o); err != nil {
		return EventPrinted{}, err
	}
	if err := record(ctx, st, &data.AuditEntry{Action: "pdf " + kind, What: path, RecordIDs: ids, Detail: e.Title}, path); err != nil {
		return EventPrinted{}, err
	}
	return EventPrinted{Event: e, People: doc.Printed(kind), Counts: doc.Counts}, nil
}
