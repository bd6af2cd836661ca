package formimport

import (
	"strconv"
	"strings"

	"techniqual/data"
	"techniqual/data/classlist"
)

// kindFields are the fields a column of each kind of export may be given.
var kindFields = map[Kind][]Field{
	KindChoices: {FieldIgnore, FieldName, FieldFirstName, FieldLastName, FieldClass, FieldSchool, FieldTimestamp,
		FieldChoice, FieldChoiceList},
	KindEvaluations: {FieldIgnore, FieldName, FieldFirstName, FieldLastName, FieldClass, FieldSchool, FieldTimestamp,
		FieldInterestBefore, FieldInterestAfter, FieldRecommend, FieldComment},
}

// Fields lists the fields a column of an export of the kind may hold, in
// the order a user picks from (FieldIgnore first; FieldChoice once, for
// every rank 1–data.MaxChoices).
func Fields(kind Kind) []Field { return append([]Field(nil), kindFields[kind]...) }

// SetField says what column col (by Index) holds: field, and for
// FieldChoice its rank (1 for the first choice, at most data.MaxChoices;
// the rank is ignored for other fields). As when columns are detected, a
// one-of field (class, school, a choice rank, an answer) may be held by
// one column only: a second is refused, and the user is to change the
// first column first. Names and timestamps may repeat. The File is
// unchanged when SetField returns an error (a *FileError).
func (f *File) SetField(col int, field Field, rank int) error {
	i := -1
	for k, c := range f.Columns {
		if c.Index == col {
			i = k
		}
	}
	if i < 0 {
		return fileErr(msgNoSuchColumn, "Column", strconv.Itoa(col+1))
	}
	known := false
	for _, x := range kindFields[f.Kind] {
		known = known || x == field
	}
	if !known {
		return fileErr(msgFieldKind)
	}
	if field != FieldChoice {
		rank = 0
	} else if rank < 1 || rank > data.MaxChoices {
		return fileErr(msgBadRank, "Rank", strconv.Itoa(rank), "Max", strconv.Itoa(data.MaxChoices))
	}
	switch field {
	case FieldIgnore, FieldName, FieldFirstName, FieldLastName, FieldTimestamp:
	default:
		for k, c := range f.Columns {
			if k != i && c.Field == field && c.Rank == rank {
				return fileErr(msgColumnTaken, "Other", c.Header)
			}
		}
	}
	f.Columns[i].Field, f.Columns[i].Rank = field, rank
	return nil
}

// Samples returns up to n non-empty values of column col (by Index), for
// showing beside it when the user says what it holds. Values shaped like
// a personnummer are masked: a pupil's full number is never shown.
func (f *File) Samples(col, n int) []string {
	var out []string
	for _, r := range f.Records {
		if len(out) >= n {
			break
		}
		if col < 0 || col >= len(r.Cells) {
			continue
		}
		v := strings.TrimSpace(r.Cells[col])
		if v == "" {
			continue
		}
		if looksLikePersonnummer(v) {
			v = classlist.MaskPersonnummer(v)
		}
		out = append(out, v)
	}
	return out
}

// looksLikePersonnummer reports whether a cell is shaped like a
// personnummer (10 or 12 digits, maybe with - + or spaces).
func looksLikePersonnummer(s string) bool {
	nd := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			nd++
		case c == '-' || c == '+' || c == ' ':
		default:
			return false
		}
	}
	return nd == 10 || nd == 12
}
