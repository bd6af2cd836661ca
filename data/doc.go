// Package data holds Techniqual's domain: the types of the prao world
// (organisations, people, pupils, periods, offers, choices, placements,
// attendance, events, evaluations), the rules of the domain (minors' working
// time, worktime.go) and the Store that keeps them in one SQLite file.
//
// The Store is the only place that speaks SQL. Every row has a UUID key and
// UTC timestamps; rows that another laptop may hold a copy of are soft-deleted
// so exchanged files can be merged by UUID. The schema lives in embedded,
// numbered migrations (migrations/*.sql) applied in one transaction each under
// PRAGMA user_version, with a VACUUM INTO copy taken before a database that
// holds data is upgraded.
//
// data never imports ui or reports; messages meant for people carry a
// translation key and a Swedish text so the ui can render them through lang.
package data
