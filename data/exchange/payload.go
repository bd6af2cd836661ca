package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"techniqual/data"
)

const payloadFormat = "techniqual-exchange"

// Row is one row in a file: the row itself, each field's version vector
// (V, "deleted" included; see the package doc), the fields whose value was
// made smaller on the way out (Min: a placeholder such as "Elev via
// skolan", never written over a real value), and whether the row only
// comes along so that references hold (Ref: inserted when missing, never
// changed, no vectors).
type Row struct {
	data.ExchangeRow
	V   map[string]VV `json:"v,omitempty"`
	Min []string      `json:"m,omitempty"`
	Ref bool          `json:"r,omitempty"`
}

// minimised reports whether field f left its laptop made smaller.
func (r Row) minimised(f string) bool {
	for _, x := range r.Min {
		if x == f {
			return true
		}
	}
	return false
}

// Source says who wrote a file.
type Source struct {
	ID   string       `json:"id"`
	Kind data.OrgKind `json:"kind"`
	Name string       `json:"name"`
}

// PeriodInfo names the period a file is about.
type PeriodInfo struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// Payload is what a file holds once decrypted: which kind, from whom and
// which version, and the rows (or, for a host file, the host's sheet).
type Payload struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Kind       Kind      `json:"kind"`
	CreatedAt  time.Time `json:"created_at"`
	AppVersion string    `json:"app_version"`
	Schema     int       `json:"schema"`
	Source     Source    `json:"source"`
	// Role is whom the writer speaks for (a host form travels both ways).
	Role   Role        `json:"role,omitempty"`
	Period *PeriodInfo `json:"period,omitempty"`
	// Protected counts pupils with protected identity in the file's scope,
	// and Named how many of them carry their name (the sender opted in).
	Protected int        `json:"protected,omitempty"`
	Named     int        `json:"named,omitempty"`
	Rows      []Row      `json:"rows,omitempty"`
	Host      *HostSheet `json:"host,omitempty"`
}

// HostSheet is everything a host file tells the host: its offers in one
// period, the pupils coming to each, and whom to ask at each school.
type HostSheet struct {
	Host   string      `json:"host"`
	Offers []HostOffer `json:"offers"`
}

// HostOffer is one offer and its pupils.
type HostOffer struct {
	Title  string             `json:"title"`
	Days   []data.ExchangeDay `json:"days,omitempty"`
	Pupils []HostPupil        `json:"pupils"`
}

// HostPupil is one incoming pupil as the host sees them. A pupil with
// protected identity is "Elev via skolan" with only the school's contact.
type HostPupil struct {
	Name      string `json:"name"`
	Class     string `json:"class,omitempty"`
	School    string `json:"school,omitempty"`
	Needs     string `json:"needs,omitempty"` // only when the school may share them
	ViaSchool bool   `json:"via_school,omitempty"`
	Contact   string `json:"contact"` // the school's contact: name, phone, e-mail
}

// ViaSchoolName is how a pupil with protected identity appears in a host file.
const ViaSchoolName = "Elev via skolan"

// ViaSchoolWithoutContact counts the pupils of a host file who appear as
// "Elev via skolan" with no one to ask: the network's contact was not set
// when the file was made, so the host can only ask whoever sent it.
func (p *Payload) ViaSchoolWithoutContact() int {
	if p == nil || p.Host == nil {
		return 0
	}
	n := 0
	for _, o := range p.Host.Offers {
		for _, pu := range o.Pupils {
			if pu.ViaSchool && strings.TrimSpace(pu.Contact) == "" {
				n++
			}
		}
	}
	return n
}

// check refuses a payload whose rows cannot be right, whatever the
// database: unknown tables or fields, missing keys, text that is not UTF-8.
func (p *Payload) check() error {
	if !p.Kind.Valid() {
		return fmt.Errorf("unknown kind %q", p.Kind)
	}
	if p.Kind == KindHost {
		if p.Host == nil {
			return errors.New("host file without host sheet")
		}
		if len(p.Rows) > 0 {
			return errors.New("host file with rows")
		}
		return nil
	}
	seen := map[string]bool{}
	for i, r := range p.Rows {
		t, ok := data.ExchangeTableOf(r.Table)
		if !ok {
			return fmt.Errorf("row %d: unknown table %q", i, r.Table)
		}
		if r.ID == "" || len(r.ID) > 200 || !utf8.ValidString(r.ID) {
			return fmt.Errorf("row %d: bad key", i)
		}
		if seen[r.Table+"/"+r.ID] {
			return fmt.Errorf("row %d: %s %s twice", i, r.Table, r.ID)
		}
		seen[r.Table+"/"+r.ID] = true
		for f, v := range r.Fields {
			if !t.HasField(f) {
				return fmt.Errorf("row %d: %s has no field %q", i, r.Table, f)
			}
			if !utf8.ValidString(v) {
				return fmt.Errorf("row %d: %s is not text", i, f)
			}
		}
		if r.Ref && (len(r.V) > 0 || len(r.Min) > 0) {
			return fmt.Errorf("row %d: a reference with versions", i)
		}
		for f, vv := range r.V {
			if f != deletedField && !t.HasField(f) {
				return fmt.Errorf("row %d: %s has no field %q", i, r.Table, f)
			}
			for id := range vv {
				if id == "" || len(id) > 64 || !utf8.ValidString(id) {
					return fmt.Errorf("row %d: %s: bad laptop id", i, f)
				}
			}
		}
		for _, f := range r.Min {
			if !t.HasField(f) {
				return fmt.Errorf("row %d: %s has no field %q", i, r.Table, f)
			}
		}
		if r.Table == data.XChoices {
			if _, _, ok := data.SplitChoiceKey(r.ID); !ok {
				return fmt.Errorf("row %d: bad choices key", i)
			}
		}
		for _, ts := range []string{r.CreatedAt, r.UpdatedAt, r.DeletedAt} {
			if ts != "" {
				if _, err := time.Parse("2006-01-02T15:04:05.000Z", ts); err != nil {
					return fmt.Errorf("row %d: bad timestamp %q", i, ts)
				}
			}
		}
	}
	return nil
}

// Write writes p as an exchange file to w, encrypted with passphrase
// (at least MinPassphrase characters).
func Write(w io.Writer, p *Payload, passphrase string) error { return encode(w, p, passphrase) }

// Read reads a whole exchange file. Every problem is an *Error that says
// what is wrong: not an exchange file, cut off, damaged or changed, wrong
// passphrase, from a newer version. want, when given, are the kinds the
// caller accepts; another kind is CodeWrongKind (checked before the
// passphrase is tried).
func Read(b []byte, passphrase string, want ...Kind) (*Payload, error) {
	if len(want) > 0 {
		h, err := ReadHeader(b)
		if err != nil {
			return nil, err
		}
		ok := false
		for _, k := range want {
			ok = ok || k == h.Kind
		}
		if !ok {
			return nil, &Error{Code: CodeWrongKind, Got: h.Kind, Want: want}
		}
	}
	return decode(b, passphrase)
}

// ReadFile reads an exchange file from disk; see Read.
func ReadFile(path, passphrase string, want ...Kind) (*Payload, error) {
	b, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Read(b, passphrase, want...)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCipher+maxHeaderLine+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxCipher+maxHeaderLine {
		return nil, newError(CodeDamaged, errors.New("file too large"))
	}
	return b, nil
}

// Recorder writes an export's entry into the audit log inside the
// transaction tx. The operations package (ui/ops) is the one that does; the
// exchange only says what to record.
type Recorder func(ctx context.Context, tx *data.Store, e *data.AuditEntry) error

// Save writes p to path (mode 0600, atomically: a failure leaves no half
// file), has record write the export into the audit log and stores the
// version vectors the file carries for this laptop's own edits (found by
// the scan when the file was built). Both happen or neither: a file with
// personal data never exists without its audit entry. Nothing is recorded
// about what the receiver has: only what a laptop receives moves its
// vectors on (issue #15, case 1).
func Save(ctx context.Context, st *data.Store, path string, p *Payload, passphrase string, record Recorder) error {
	if record == nil {
		return errors.New("exchange: no audit log to record the file in")
	}
	if err := CheckPassphrase(passphrase); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Write(&buf, p, passphrase); err != nil {
		return err
	}
	written := false
	err := st.InTx(ctx, func(tx *data.Store) error {
		e := &data.AuditEntry{Action: "exchange " + string(p.Kind), What: path, Records: p.personalRecords(),
			Detail: fmt.Sprintf("%s; protected identity named: %d of %d", p.Source.Name, p.Named, p.Protected)}
		if err := record(ctx, tx, e); err != nil {
			return fmt.Errorf("audit log: %w", err)
		}
		if err := storeScanned(ctx, tx, p); err != nil {
			return err
		}
		if err := data.WritePrivateFile(path, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		}); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
		written = true
		return nil
	})
	if err != nil && written {
		os.Remove(path) // the transaction failed after the file was written
	}
	return err
}

// storeScanned records the vectors of the rows a file carries as this
// laptop's state: the scan that built the file may have found edits made
// here, and they must keep the counters the file gave them.
func storeScanned(ctx context.Context, tx *data.Store, p *Payload) error {
	me, err := tx.LaptopID(ctx)
	if err != nil {
		return err
	}
	var top uint64 // the highest counter of this laptop the file carries
	byTable := map[string][]Row{}
	for _, r := range p.Rows {
		if !r.Ref && len(r.V) > 0 {
			byTable[r.Table] = append(byTable[r.Table], r)
		}
	}
	for table, rows := range byTable {
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		stored, err := tx.ExchangeVersions(ctx, table, ids)
		if err != nil {
			return err
		}
		for _, r := range rows {
			for _, vv := range r.V {
				top = max(top, vv[me])
			}
			st := parseState(stored[r.ID])
			for f, vv := range r.V {
				if r.minimised(f) {
					continue
				}
				v := r.Fields[f]
				if f == deletedField {
					v = boolField(r.Deleted())
				} else if _, ok := r.Fields[f]; !ok {
					continue // a tombstone carries only its deletion
				}
				st[f] = fieldState{V: v, VV: vv}
			}
			if err := tx.SetExchangeVersions(ctx, table, r.ID, st.json()); err != nil {
				return err
			}
		}
	}
	return saveClock(ctx, tx, top)
}

// personalRecords counts the people in a file: pupils and contacts.
func (p *Payload) personalRecords() int {
	n := 0
	for _, r := range p.Rows {
		if r.Table == data.XPupils || r.Table == data.XPeople {
			n++
		}
	}
	if p.Host != nil {
		for _, o := range p.Host.Offers {
			n += len(o.Pupils)
		}
	}
	return n
}
