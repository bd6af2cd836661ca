// Package formimport reads what pupils answered in a form tool (Microsoft
// Forms, Google Forms, a shared spreadsheet), exported as CSV or XLSX, and
// imports it: pupils' ranked choices of offers for a prao period, and their
// evaluations after it.
//
// Reading goes through data/classlist (format, encoding, separator), and
// this package finds the header row and the columns itself, knowing the
// Swedish and English names form tools give them ("Tidsstämpel", "Val 1",
// "1:a hand", "Förstahandsval", "Choice 1" …). Pupils and offers are matched
// tolerantly — case, accents, extra spaces, "Efternamn, Förnamn" — and where
// a name is unknown or fits several, the error carries suggestions, which
// the caller may pick for one import (Options.Resolutions). A preview says
// what would change before anything is written; an import writes all rows
// in one transaction, or nothing.
package formimport
