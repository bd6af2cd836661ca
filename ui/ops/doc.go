// Package ops holds every operation a user starts, once, below both front
// ends: the window (ui and its screens) and the command line (ui/cli) call
// it and neither repeats its steps. It prints a period's or an event's
// documents, imports a class list, choices or evaluations, exports a
// spreadsheet or a calendar, writes and reads exchange files, and backs up
// and restores the database. For a teknikprao week it plans the teams and
// their routes (PlanWeek: checked as if saved, stored only when complete
// and valid), fills the week's documents from the Store (WeekDocuments:
// reports looks nothing up) and prints them (PrintWeek), and writes the
// week's calendars for pupils, a team or a host (SaveWeekCalendar).
//
// It is the only package that writes the audit log of exported personal
// data (data.Store.LogExport), and it decides once what a failed entry
// means: the files just written are removed and an *AuditError is returned,
// so no file with personal data exists without its entry.
//
// It imports data, its subpackages and reports, never Fyne.
package ops
