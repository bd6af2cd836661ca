// Package ops holds every operation a user starts, once, below both front
// ends: the window (ui and its screens) and the command line (ui/cli) call
// it and neither repeats its steps. It prints a period's or an event's
// documents, imports a class list, choices or evaluations, exports a
// spreadsheet or a calendar, writes and reads exchange files, and backs up
// and restores the database.
//
// It is the only package that writes the audit log of exported personal
// data (data.Store.LogExport), and it decides once what a failed entry
// means: the files just written are removed and an *AuditError is returned,
// so no file with personal data exists without its entry.
//
// It imports data, its subpackages and reports, never Fyne.
package ops
