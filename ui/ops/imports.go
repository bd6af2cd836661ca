package ops

import (
	"context"
	"errors"
	"os"
	"strconv"

	"techniqual/data"
	"techniqual/data/classlist"
	"techniqual/data/exchange"
	"techniqual/data/formimport"
	"techniqual/data/text"
)

// ImportClassList writes a read class list into the database in one
// transaction: all rows or, with skipBad, the good ones. A
// *classlist.RowErrors error means rows have errors and nothing was written.
func ImportClassList(ctx context.Context, st *data.Store, t *classlist.Table, o classlist.Options, skipBad bool) (classlist.Result, error) {
	return classlist.Import(ctx, st, t, o, skipBad)
}

// ReadForm reads a form tool's export of pupils' choices or evaluations.
func ReadForm(kind formimport.Kind, path string) (*formimport.File, error) {
	if kind == formimport.KindEvaluations {
		return formimport.ReadEvaluationsFile(path)
	}
	return formimport.ReadChoicesFile(path)
}

// ImportForm writes a read form export (choices or evaluations, as it was
// read for) into the database in one transaction: all rows or, with
// skipBad, the good ones. A *formimport.RowErrors error means rows have
// errors and nothing was written.
func ImportForm(ctx context.Context, st *data.Store, f *formimport.File, o formimport.Options, skipBad bool) (formimport.Result, error) {
	if f.Kind == formimport.KindEvaluations {
		return formimport.ImportEvaluations(ctx, st, f, o, skipBad)
	}
	return formimport.ImportChoices(ctx, st, f, o, skipBad)
}

// localized is an error that can say itself in Swedish as well as in
// English (Error): the import readers' file and row errors.
type localized interface {
	error
	Swedish() string
}

// Message says err in l, for a person: the readers' file and row errors,
// exchange errors and audit failures in their own words, a missing file
// as such, anything else as it is.
func Message(l text.Lang, err error) string {
	var le localized
	var xe *exchange.Error
	var ae *AuditError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &xe):
		return l.Pick(xe.Swedish(), xe.English())
	case errors.As(err, &ae):
		return ae.Text(l)
	case errors.As(err, &le):
		return l.Pick(le.Swedish(), le.Error())
	case errors.Is(err, os.ErrNotExist):
		return l.Pick("filen finns inte", "no such file")
	}
	return err.Error()
}

// RowMessages says each row error in l; at most limit of them, then a line
// saying how many more there are (limit 0: all).
func RowMessages[E localized](l text.Lang, errs []E, limit int) []string {
	out := make([]string, 0, len(errs))
	for i, e := range errs {
		if limit > 0 && i == limit {
			out = append(out, l.Pick("… och ", "… and ")+strconv.Itoa(len(errs)-i)+l.Pick(" till", " more"))
			break
		}
		out = append(out, l.Pick(e.Swedish(), e.Error()))
	}
	return out
}
