package reports

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"techniqual/data"
)

// Kind names one of the printed documents of a prao period.
type Kind string

// The documents of a period.
const (
	KindSchedules    Kind = "schedules"    // praoschema, one per pupil
	KindHosts        Kind = "hosts"        // värdbekräftelse, one per offer
	KindAttendance   Kind = "attendance"   // närvarokort, one per pupil
	KindCertificates Kind = "certificates" // praointyg, one per pupil with attendance
)

// Kinds lists the documents in the order a period needs them.
var Kinds = []Kind{KindSchedules, KindHosts, KindAttendance, KindCertificates}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Write prints docs as documents of kind into one PDF, a page break between
// units (pupils, or offers for host confirmations).
func Write(w io.Writer, kind Kind, docs []data.ScheduleDoc, o Options) error {
	switch kind {
	case KindSchedules:
		return Schedules(w, docs, o)
	case KindHosts:
		return HostConfirmations(w, data.GroupByOffer(docs), o)
	case KindAttendance:
		return AttendanceCards(w, docs, o)
	case KindCertificates:
		return Certificates(w, docs, o)
	}
	return fmt.Errorf("reports: unknown document %q", kind)
}

// WriteFiles prints one PDF per pupil (per offer for host confirmations)
// into dir, creating it when missing, and returns the paths written. Files
// are named after the document and whom it is for, made safe for every
// file system, and created readable by the owner only (they hold personal
// data). A pupil with protected identity is not named in the file name of a
// document that leaves the school. Pupils without recorded attendance get
// no certificate; when nothing is written the error is ErrNothing.
//
// It is WriteFilesContext without cancellation or progress: on a failure
// the files already written are removed, so no partial batch is left.
func WriteFiles(dir string, kind Kind, docs []data.ScheduleDoc, o Options) ([]string, error) {
	return WriteFilesContext(context.Background(), dir, kind, docs, o, nil)
}

func fileTitle(k Kind, l *lang) string {
	switch k {
	case KindSchedules:
		return l.scheduleTitle
	case KindHosts:
		return l.hostTitle
	case KindAttendance:
		return l.cardTitle
	}
	return l.certTitle
}

// writePrivate writes b to path (mode 0600) through a temporary file, so a
// failure never leaves half a document behind.
func writePrivate(path string, b []byte) error {
	if err := data.WritePrivateFile(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return fmt.Errorf("reports: write %s: %w", path, err)
	}
	return nil
}

// SafeFileName turns s into a file name (without extension) that every
// common file system accepts: NFC letters, digits and a few marks kept,
// anything else (slashes, colons, controls, emoji) replaced by "-", no
// leading or trailing dots or spaces, no reserved Windows device name, at
// most 100 bytes. An empty result becomes "dokument".
func SafeFileName(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune(" ._,()&'+", r):
			if r == ' ' && (b.Len() == 0 || strings.HasSuffix(b.String(), " ")) {
				continue
			}
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := b.String()
	if len(out) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut]
	}
	out = strings.Trim(out, " .-")
	if out == "" {
		return "dokument"
	}
	upper := strings.ToUpper(out)
	if i := strings.IndexByte(upper, '.'); i >= 0 {
		upper = upper[:i]
	}
	switch upper {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		out = "_" + out
	}
	return out
}
