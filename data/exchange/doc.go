// Package exchange reads and writes Techniqual's exchange files
// (.techniqual), which carry data between laptops by e-mail: a host's form
// (company, people, offers), a school's pupils and choices for the regional
// matching, the results (placements) back to each school, and a host's list
// of incoming pupils.
//
// A file is one plaintext header line, "TECHNIQUAL-EXCHANGE v1 kind=school
// size=N", followed by N bytes of age ciphertext (passphrase, scrypt) of a
// gzip-compressed JSON payload. age's authenticated encryption detects any
// changed byte; the size detects a cut-off file before decryption. Rows
// keep their UUIDs and timestamps and are merged by UUID: Plan shows what
// is new, changed, unchanged and in conflict, and Apply writes it in one
// transaction, all or nothing.
package exchange
