// Package classlist reads the class lists that school systems export (CSV in
// any of the usual separators and encodings, or XLSX) and turns them into
// pupils. It finds the header row below any title lines, knows the Swedish
// and English column names school systems use, lets the caller map the
// columns it does not know (or name those to leave out: an unknown column is
// never dropped without a word), and builds a preview (rows to add, to
// update, unchanged, and rows with errors naming line, column and why)
// before anything is written. Import then writes the good rows in one
// transaction, new pupils in bulk.
//
// What cannot be read is refused with its cause and line, never guessed: a
// file too large, too many rows, columns or characters in a cell, an XLSX
// that would unpack to too much (a zip bomb, found from its directory and
// its sheets counted as they stream by, before the Excel reader unpacks
// anything), lines in two encodings, a quote that never closes, identical
// rows, a row without a first or a last name, and a protection value that
// cannot be read. Every column that marks protected identity counts.
//
// A personnummer in the file yields only the birth date: the number is
// validated (date and Luhn check digit) and dropped, never stored, and shown
// in messages only masked ("20120304-****"); one found in any other field
// is taken out (names, class, school, phone) or masked (needs, notes) with
// a note. Gender is taken from what the file states; only when the caller
// asks (Options.GenderFromPersonnummer) is the legal sex the number records
// used for pupils whose list states none.
package classlist
