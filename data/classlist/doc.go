// Package classlist reads the class lists that school systems export (CSV in
// any of the usual separators and encodings, or XLSX) and turns them into
// pupils. It finds the header row below any title lines, knows the Swedish
// and English column names school systems use, lets the caller map the
// columns it does not know, and builds a preview (rows to add, to update,
// unchanged, and rows with errors naming line, column and why) before
// anything is written. Import then writes the good rows in one transaction.
//
// A personnummer in the file yields only the birth date: the number is
// validated (date and Luhn check digit) and dropped, never stored, and shown
// in messages only masked ("20120304-****"). Gender is taken only from what
// the file states, never derived from the number.
package classlist
