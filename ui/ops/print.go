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
	Kind   reports.Kind
	Period data.Period
	Docs   []data.ScheduleDoc // the pupils to print, in order
	// List, when Docs is nil, is where the pupils to print are read, a
	// batch at a time: a print of a region's period into one PDF then
	// never holds all their documents (one file per pupil reads them all).
	List    *data.DocumentList
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

// tally notes, as a print reads its documents, what Print tells and the
// audit log records: the pupils whose data went into the documents, the
// documents made and the names that print as "�". It counts each document
// once, however often it is read.
type tally struct {
	reports.Source
	kind     reports.Kind
	include  bool // protected pupils are named
	next     int  // the first document not yet counted
	pupilIDs []string
	skipped  int
	units    int
	lastHost string // the offer of the last host confirmation counted
	names    []string
	seen     map[string]bool
}

// Load reads documents from t's Source and counts those not yet counted.
func (t *tally) Load(ctx context.Context, from, to int) ([]data.ScheduleDoc, error) {
	ds, err := t.Source.Load(ctx, from, to)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		if from+i == t.next {
			t.add(ds[i])
			t.next++
		}
	}
	return ds, nil
}

// add counts one document.
func (t *tally) add(d data.ScheduleDoc) {
	switch {
	case t.kind == reports.KindCertificates && len(reports.Attended(d)) == 0:
		t.skipped++
		return
	case t.kind != reports.KindHosts:
		t.units++
	case d.Offer.ID != t.lastHost: // host documents come grouped by offer
		t.units++
		t.lastHost = d.Offer.ID
	}
	t.pupilIDs = append(t.pupilIDs, d.Pupil.ID)
	var names []string
	if !d.Pupil.Protected || t.include {
		names = append(names, d.Pupil.Name())
	}
	names = append(names, d.Host.Name, d.Offer.Title)
	if d.Supervisor != nil {
		names = append(names, d.Supervisor.Name())
	}
	for _, n := range reports.UnprintableNames(names) {
		if !t.seen[n] {
			t.seen[n] = true
			t.names = append(t.names, n)
		}
	}
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
	if p.Docs == nil && p.List != nil && p.PerUnit {
		docs, err := p.List.Load(ctx, 0, p.List.Len())
		if err != nil {
			return Printed{}, err
		}
		p.Docs = docs
	}
	if len(p.Docs) == 0 && (p.List == nil || p.List.Len() == 0) {
		return Printed{}, reports.ErrNothing
	}
	if err := withCoordinator(ctx, st, &p.Options.Coordinator); err != nil {
		return Printed{}, err
	}
	t := &tally{kind: p.Kind, include: p.Options.IncludeProtected, seen: map[string]bool{}}
	var out Printed
	var err error
	switch {
	case p.PerUnit:
		out.Paths, err = reports.WriteFilesContext(ctx, p.Path, p.Kind, p.Docs, p.Options, p.Progress)
	case p.Docs != nil:
		out.Pages, err = reports.WriteFileContext(ctx, p.Path, p.Kind, p.Docs, p.Options, p.Progress)
	default:
		if p.Kind == reports.KindHosts {
			if err := p.List.ByOffer(ctx); err != nil {
				return Printed{}, err
			}
		}
		t.Source = p.List
		out.Pages, err = reports.WriteSourceFileContext(ctx, p.Path, p.Kind, t, p.Options, p.Progress)
	}
	if err == nil && !p.PerUnit {
		out.Paths = []string{p.Path}
	} else if err != nil && !p.PerUnit {
		if fi, serr := os.Stat(p.Path); serr == nil && fi.Size() == 0 {
			os.Remove(p.Path) // the empty file a save dialog made
		}
	}
	if err != nil {
		return Printed{}, err
	}
	if p.Docs != nil {
		if p.Kind == reports.KindHosts { // counted in the order they print
			for _, h := range data.GroupByOffer(p.Docs) {
				for _, d := range h.Pupils {
					t.add(d)
				}
			}
		} else {
			for _, d := range p.Docs {
				t.add(d)
			}
		}
	}
	out.PupilIDs, out.Skipped, out.Units, out.Unprintable = t.pupilIDs, t.skipped, t.units, t.names
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
	// Unprintable are the names in the document that printed as "�"
	// (UnprintableMessage tells the user).
	Unprintable []string
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
	return EventPrinted{Event: e, People: doc.Printed(kind), Counts: doc.Counts, Unprintable: doc.Unprintable(kind)}, nil
}
