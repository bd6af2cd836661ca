package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"
)

// Errors the Store returns; test for them with errors.Is.
var (
	// ErrNotFound: no live row has that id (or name).
	ErrNotFound = errors.New("not found")
	// ErrNotDatabase: the file is not a SQLite database. It is left untouched.
	ErrNotDatabase = errors.New("the file is not a Techniqual database")
	// ErrNewerVersion: the file was written by a newer Techniqual. It is left untouched.
	ErrNewerVersion = errors.New("the database was written by a newer version of Techniqual")
	// ErrMigration: the file could not be brought up to this version's
	// schema (a migration failed; the file is as it was before it).
	ErrMigration = errors.New("the database could not be upgraded to this version")
	// ErrDamaged: the file is a SQLite database whose pages SQLite finds
	// broken ("database disk image is malformed"). It is left untouched.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrInUse: another Techniqual already has the file open.
	ErrInUse = errors.New("the database is already open in another Techniqual window")
	// ErrConflict: a unique value is already taken.
	ErrConflict = errors.New("already exists")
	// ErrReferenced: the row is still used by other rows, or refers to one that does not exist.
	ErrReferenced = errors.New("refers to a missing row or is still in use")
)

// FieldError says which field of which entity is wrong and why. Key and Text
// (Swedish) let the UI show the message through lang; Error is for logs and
// the command line.
type FieldError struct {
	Entity string            // e.g. "pupil"
	Field  string            // e.g. "grade"
	Key    string            // translation key of the reason, e.g. "err.required"
	Text   string            // Swedish reason, a template over Data
	Data   map[string]string // values for the template, e.g. {"Max": "200"}
	Reason string            // English reason, for logs and the command line
}

func (e FieldError) Error() string { return e.Entity + "." + e.Field + ": " + e.Reason }

// Message is the Swedish reason with its data filled in.
func (e FieldError) Message() string { return RenderTemplate(e.Text, e.Data) }

// ValidationError collects every FieldError of one save.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return "invalid " + strings.Join(parts, "; ")
}

// Field returns the error for one field, if any.
func (e *ValidationError) Field(name string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldError{}, false
}

// validator gathers field errors for one entity.
type validator struct {
	entity string
	errs   []FieldError
}

func (v *validator) add(field, key, sv, en string) {
	v.errs = append(v.errs, FieldError{Entity: v.entity, Field: field, Key: key, Text: sv, Reason: en})
}

func (v *validator) addData(field, key, sv, en string, data map[string]string) {
	v.errs = append(v.errs, FieldError{Entity: v.entity, Field: field, Key: key, Text: sv, Data: data, Reason: en})
}

func (v *validator) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(field, "err.required", "Måste fyllas i.", "required")
	}
}

func (v *validator) text(field, value string, max int) {
	if len(value) > max && utf8.RuneCountInString(value) > max {
		v.addData(field, "err.too_long", "Högst {{.Max}} tecken.", fmt.Sprintf("at most %d characters", max),
			map[string]string{"Max": fmt.Sprint(max)})
	}
	if strings.IndexByte(value, 0) >= 0 {
		v.add(field, "err.bad_char", "Innehåller ett otillåtet tecken.", "contains a NUL character")
	}
}

func (v *validator) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Fields: v.errs}
}

// translate turns SQLite constraint failures into errors that say what is
// wrong; other errors pass through with the operation named.
func translate(op string, err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		msg := se.Error()
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return fmt.Errorf("%s: %s: %w", op, strings.TrimPrefix(msg, "UNIQUE constraint failed: "), ErrConflict)
		case sqlite3.ErrConstraintForeignKey:
			return fmt.Errorf("%s: %w", op, ErrReferenced)
		case sqlite3.ErrConstraintCheck:
			return fmt.Errorf("%s: a value is out of range (%s)", op, strings.TrimPrefix(msg, "CHECK constraint failed: "))
		}
		return fmt.Errorf("%s: %s", op, msg)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// IsDamage reports whether err is SQLite finding the file's pages broken.
func IsDamage(err error) bool {
	var se sqlite3.Error
	return errors.Is(err, ErrDamaged) || (errors.As(err, &se) && se.Code == sqlite3.ErrCorrupt)
}

// markDamage makes a SQLite corruption error also ErrDamaged, keeping
// what it says (found by use: "database disk image is malformed" was all
// a counsellor was told).
func markDamage(err error) error {
	if err == nil || errors.Is(err, ErrDamaged) || !IsDamage(err) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrDamaged, err)
}

// migrationError is a failed migration: its text is the migration's name
// and the cause, and errors.Is matches ErrMigration.
type migrationError struct {
	name string
	err  error
}

func (e *migrationError) Error() string        { return "migration " + e.name + ": " + e.err.Error() }
func (e *migrationError) Unwrap() error        { return e.err }
func (e *migrationError) Is(target error) bool { return target == ErrMigration }
