package exchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"techniqual/data"
)

// TestNoPersonnummerFromAnExchangeFile (issue #15, case 7): a file whose
// pupil or person row carries a personnummer in any field is refused,
// naming the field, and changes nothing; a name's direction overrides are
// taken out.
func TestNoPersonnummerFromAnExchangeFile(t *testing.T) {
	coord := openStore(t, "coord")
	w := newWorld(t, coord)
	school, err := ExportSchool(ctx, coord, w.school.ID, w.period.ID, Options{})
	must(t, err)
	form, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	for _, c := range []struct{ table, field, value string }{
		{data.XPupils, "first_name", "Alva 120210-9649"},
		{data.XPupils, "class_name", "9B 201201286265"},
		{data.XPupils, "guardian_phone", "120210-9649"},
		{data.XPeople, "phone", "20120210-9649"},
	} {
		p := school
		if c.table == data.XPeople {
			p = form
		}
		q := *p
		q.Rows = nil
		found := false
		for _, r := range p.Rows {
			r.Fields = cloneFields(r.Fields)
			// A protected pupil's name travels minimised and is never
			// taken from a file: tamper with an ordinary row.
			if r.Table == c.table && !found && !r.Ref && r.Fields["protected"] != "1" {
				r.Fields[c.field] = c.value
				// An edit made on another laptop: its vector is newer than
				// anything here, so the value would be taken.
				v := map[string]VV{}
				for f, vv := range r.V {
					v[f] = vv
				}
				v[c.field] = merge(r.V[c.field], VV{"elsewhere": 1})
				r.V = v
				found = true
			}
			q.Rows = append(q.Rows, r)
		}
		if !found {
			t.Fatalf("no %s row in the file", c.table)
		}
		var buf bytes.Buffer
		must(t, Write(&buf, &q, pass))
		path := filepath.Join(t.TempDir(), "in.techniqual")
		must(t, os.WriteFile(path, buf.Bytes(), 0o600))
		// The file comes back to the laptop that wrote it, edited: the
		// row is an update of a known one.
		target := coord
		before := checksum(t, target)
		_, err := importFile(t, target, path, pass, Decisions{Default: Theirs})
		var ve *data.ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Field != c.field || ve.Fields[0].Key != "privacy.err.pnr" {
			t.Errorf("%s.%s = %q: %v", c.table, c.field, c.value, err)
		}
		if checksum(t, target) != before {
			t.Errorf("%s.%s: the database changed", c.table, c.field)
		}
	}
}

func cloneFields(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
