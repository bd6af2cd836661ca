// Package exchange reads and writes Techniqual's exchange files
// (.techniqual), which carry data between laptops by e-mail: a host's form
// (company, people, offers and their risk assessments), a school's pupils
// and choices for the regional matching, the results (placements) back to
// each school, and a host's list
// of incoming pupils.
//
// A file is one plaintext header line, "TECHNIQUAL-EXCHANGE v2 kind=school
// size=N", followed by N bytes of age ciphertext (passphrase, scrypt) of a
// gzip-compressed JSON payload. age's authenticated encryption detects any
// changed byte; the size detects a cut-off file before decryption. Rows
// keep their UUIDs and timestamps and are merged by UUID: Prepare shows what
// is new, changed, unchanged, in conflict, older than what is here or
// refused, and Apply writes it in one transaction, all or nothing.
//
// # Why version vectors
//
// Files travel by e-mail: they get lost, are sent twice, arrive out of
// order, are refused and sent again. Format v1 compared each side with a
// "common version" recorded when a file was sent, which assumes the file
// arrived; when it did not (or was refused), a later merge compared against
// a version the other side never had and lost an edit while reporting "0
// conflicts" (issue #15). Wall-clock timestamps would not do either: two
// laptops' clocks differ, and "last writer wins" silently drops the other
// writer's edit.
//
// Format v2 gives every exchanged field (and a row's "deleted" flag) a
// version vector: for each laptop id, how many edits of that field made on
// that laptop this copy has seen. It is what CouchDB keeps per document
// (its revision tree, with conflicts kept rather than dropped) and what
// Syncthing keeps per file (a vector of device id → counter, bumped when
// its scanner finds a local change). Like Syncthing, a laptop finds its own
// edits lazily: before a file is written or read, each field's value is
// compared with the value its vector was recorded for, and a difference
// bumps this laptop's counter ("scan"). A vector changes only through a
// local edit or through what a laptop has RECEIVED and taken (merged); writing
// a file changes nothing about what the other side is believed to have.
//
// Comparing the file's vector T with this laptop's L settles each field
// without any common base:
//   - T ≤ L: nothing new there. If the values differ the file is older than
//     what is here: it is reported, never applied; a file with nothing but
//     older values is refused as a whole (CodeOlder).
//   - T > L: the file has seen everything here and more: its value is taken.
//   - neither: edited on both sides (concurrent). Equal values just merge;
//     different values are always a conflict, reported and counted even when
//     --prefer settles it, and the settled value gets a vector above both so
//     the decision travels on without coming back as a new conflict.
//
// Per field rather than per row, so that edits of different fields merge;
// a deletion's vector covers every field vector it saw, so deleting a row
// that the other side has edited since is a conflict, not a silent loss.
// Per row and field state lives in the table exchange_versions; the
// laptop id is written once by migration 0003.
//
// # Authority and placeholders
//
// Who may change which field is one table (authority.go), enforced when a
// file is read: a host may change its offers' content (risk assessments
// included), people and journey, never an offer's approval; the
// coordinator or a school the approval and placements; a school its own
// pupils and their choices. A refused field is
// named with who may change it, and not applied. Values made smaller when
// they leave a laptop (a protected pupil's "Elev via skolan", needs that
// may not be shared) are listed as minimised in the row and are never
// written over a real value.
package exchange
