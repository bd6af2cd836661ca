// Package export writes Techniqual's lists as spreadsheets: pupil lists,
// placements, host lists, event participants and attendance, as XLSX or as
// CSV that Swedish Excel opens (UTF-8 with a byte order mark, ";", CRLF).
//
// In XLSX, counts and grades are number cells and dates are date cells in
// the Swedish format (2026-11-09), so SUM and date filters work; every other
// cell is a text cell, so "08" and "0701234567" stay as written and text
// that looks like a formula stays text. In CSV every field is text, and text
// a spreadsheet would run as a formula is neutralised (see Neutralise). Pupils
// with protected identity (skyddad identitet) are left out of every list
// unless Options.IncludeProtected is set, and Export returns the entry each
// file gets in the Store's audit log of exported personal data (written by
// the operations package, ui/ops). The package reads
// the Store and knows nothing of Fyne.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"techniqual/data"
)

// Kind is which list to export.
type Kind string

// The lists that can be exported.
const (
	KindPupils       Kind = "pupils"       // the pupil list (of a period's schools and grade, or all)
	KindPlacements   Kind = "placements"   // a period's placements: pupil, school, host, offer
	KindHosts        Kind = "hosts"        // a period's offers: host, contact, seats, placed
	KindParticipants Kind = "participants" // an event's registrations
	KindAttendance   Kind = "attendance"   // a period's attendance, one row per pupil and day
)

// Kinds lists every kind in menu order.
var Kinds = []Kind{KindPupils, KindPlacements, KindHosts, KindParticipants, KindAttendance}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// NeedsPeriod reports whether the kind is of one prao period.
func (k Kind) NeedsPeriod() bool {
	return k == KindPlacements || k == KindHosts || k == KindAttendance
}

// NeedsEvent reports whether the kind is of one event.
func (k Kind) NeedsEvent() bool { return k == KindParticipants }

// Format is the file format of an export.
type Format string

// The file formats.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// Errors of this package; test for them with errors.Is.
var (
	// ErrFormat: the file name ends in neither .xlsx nor .csv.
	ErrFormat = errors.New("unknown spreadsheet format: use a file name ending in .xlsx or .csv")
	// ErrScope: the kind needs a period (or an event) that was not given.
	ErrScope = errors.New("choose a period or an event for this list")
)

// FormatOf tells the format from a file name's extension (.xlsx or .csv, in
// any case).
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		return FormatXLSX, nil
	case ".csv":
		return FormatCSV, nil
	}
	return "", fmt.Errorf("%s: %w", filepath.Base(path), ErrFormat)
}

// Options say what to export.
type Options struct {
	Kind Kind
	// PeriodID is required for placements, hosts and attendance; for pupils
	// it narrows the list to the period's schools and grade.
	PeriodID string
	// EventID is required for participants.
	EventID string
	// SchoolID, when set, keeps only this school's pupils.
	SchoolID string
	// IncludeProtected puts pupils with protected identity in the list; the
	// audit log says so. Without it they are left out entirely.
	IncludeProtected bool
	// Lang is the language of headers and words: "sv" (default) or "en".
	Lang string
}

// ColType is how a column's cells are typed in XLSX (CSV is all text).
type ColType uint8

// The column types. Text is the zero value: a column without a type is text.
const (
	ColText     ColType = iota
	ColNumber           // an integer count or grade: a number cell, so SUM works
	ColDate             // YYYY-MM-DD: a date cell shown as 2026-11-09
	ColDateTime         // YYYY-MM-DD HH:MM: a date-and-time cell shown as 2026-11-09 08:30
)

// Table is one exported list: a header and rows of text, and each
// column's type for XLSX.
type Table struct {
	Sheet  string // the worksheet's name
	Header []string
	Rows   [][]string
	// Types says, per column, how XLSX writes it; missing columns are text.
	Types []ColType
	// Scope names the period or event the list is of ("" for all pupils).
	Scope string
	// PupilIDs and PersonIDs are the people whose personal data are in Rows,
	// each once, for the audit log.
	PupilIDs  []string
	PersonIDs []string
	// LeftOut counts the pupils with protected identity left out; Included
	// those put in because Options.IncludeProtected was set.
	LeftOut  int
	Included int
}

// RecordIDs are the ids of everyone whose personal data are in the table.
func (t *Table) RecordIDs() []string {
	return append(append([]string(nil), t.PupilIDs...), t.PersonIDs...)
}

// Build reads the list o asks for from the Store.
func Build(ctx context.Context, st *data.Store, o Options) (*Table, error) {
	if !o.Kind.Valid() {
		return nil, fmt.Errorf("unknown list %q", string(o.Kind))
	}
	if o.Kind.NeedsPeriod() && o.PeriodID == "" || o.Kind.NeedsEvent() && o.EventID == "" {
		return nil, ErrScope
	}
	b := &builder{ctx: ctx, st: st, o: o, w: words(o.Lang), seenPupil: map[string]bool{}, seenPerson: map[string]bool{}}
	var err error
	switch o.Kind {
	case KindPupils:
		err = b.pupils()
	case KindPlacements:
		err = b.placements()
	case KindHosts:
		err = b.hosts()
	case KindParticipants:
		err = b.participants()
	case KindAttendance:
		err = b.attendance()
	}
	if err != nil {
		return nil, err
	}
	b.t.Sheet = b.w.sheet[o.Kind]
	return &b.t, nil
}

// Result tells what Export wrote.
type Result struct {
	Path     string
	Format   Format
	Rows     int
	Records  int // people whose personal data are in the file
	LeftOut  int // pupils with protected identity left out
	Included int // pupils with protected identity included on request
}

// Export builds the list and writes it to path (the format from its
// extension), whole or not at all (through a temporary file, mode 0600: it
// holds personal data). It returns the audit-log entry the file must be
// recorded with; recording it, and removing the file when that fails, is
// the caller's (ops.Export), so that one place decides what a failed log
// means for every export.
func Export(ctx context.Context, st *data.Store, path string, o Options) (Result, data.AuditEntry, error) {
	f, err := FormatOf(path)
	if err != nil {
		return Result{}, data.AuditEntry{}, err
	}
	t, err := Build(ctx, st, o)
	if err != nil {
		return Result{}, data.AuditEntry{}, err
	}
	if err := WriteFile(path, f, t); err != nil {
		return Result{}, data.AuditEntry{}, err
	}
	ids := t.RecordIDs()
	e := data.AuditEntry{Action: "export " + string(o.Kind), What: path, RecordIDs: ids, Records: len(ids), Detail: Describe(t, f)}
	return Result{Path: path, Format: f, Rows: len(t.Rows), Records: len(e.RecordIDs), LeftOut: t.LeftOut, Included: t.Included}, e, nil
}

// Describe says in Swedish (like the rest of the audit log) what an export
// held: its scope, format, rows and what happened to protected pupils.
func Describe(t *Table, f Format) string {
	parts := []string{}
	if t.Scope != "" {
		parts = append(parts, t.Scope)
	}
	parts = append(parts, strings.ToUpper(string(f)), strconv.Itoa(len(t.Rows))+" rader")
	if t.Included > 0 {
		parts = append(parts, "skyddad identitet medtagen på begäran ("+strconv.Itoa(t.Included)+" elever)")
	}
	if t.LeftOut > 0 {
		parts = append(parts, strconv.Itoa(t.LeftOut)+" elever med skyddad identitet utelämnade")
	}
	return strings.Join(parts, "; ")
}

// WriteFile writes t to path in format f through a temporary file in the
// same folder, so a failure never leaves half a file or replaces a good one.
// The file gets mode 0600.
func WriteFile(path string, f Format, t *Table) error {
	return data.WritePrivateFile(path, func(w io.Writer) error { return Write(w, f, t) })
}

// FileName suggests a file name for an export made on day: the list's name,
// its scope (a period's or event's name, may be "") and the date, e.g.
// "Elever 2026-11-25.xlsx" or "Placeringar Åk 9 v. 46 2026 2026-11-25.csv".
// Characters file systems refuse are replaced.
func FileName(k Kind, scope, lang string, day time.Time, f Format) string {
	name := words(lang).sheet[k]
	if s := strings.TrimSpace(scope); s != "" {
		name += " " + s
	}
	name += " " + day.Format("2006-01-02")
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 0x20 {
			return '-'
		}
		return r
	}, name)
	return name + "." + string(f)
}
