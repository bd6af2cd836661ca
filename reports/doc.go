// Package reports builds Techniqual's printed documents: A4 PDFs of a prao
// period for pupils, hosts and schools, made from domain values of package
// data. It speaks no SQL and knows no Fyne: callers load the values through
// the Store (data.Store.DocumentsForPeriod) and hand them over.
//
// The documents of a period:
//
//   - Schedules (praoschema): the pupil's placement, days, the people they
//     will meet with their journeys from school to work, what to bring and
//     whom to call when ill.
//   - HostConfirmations (värdbekräftelse): one per offer, the pupils coming,
//     their days, their school's contact and the needs they agreed to share.
//     A pupil with protected identity is shown only as "elev via skolan".
//   - AttendanceCards (närvarokort): a row per day for the supervisor.
//   - Certificates (praointyg): the days attended, what the pupil did and the
//     supervisor's comment, with lines to sign.
//
// A teknikprao week (teams of pupils rotating between the hosts of a group)
// has its own documents, made from plain view types the caller fills in
// (WeekPupil, WeekTeam, HostRunsheet, HostFeedback; see week.go):
//
//   - WeekSchedules: the pupil's week, block by block, with the role models
//     and their journeys, the closing session and whom to call when ill.
//   - TeamSheets: a team's pupils and route.
//   - HostRunsheets: the teams in each of a host's blocks by first name and
//     class; a protected pupil as "elev via skolan", nothing pointing to
//     their school.
//   - WeekAttendanceLists: a list per block and team for the supervisor.
//   - WeekCertificates: the hosts visited and the closing session.
//   - HostFeedbackReports: the pupils' feedback per block against the
//     group and the week, fewer than five answers shown as "<5".
//
// WriteWeek and WriteWeekFiles print them by WeekKind.
//
// Each prints many units (pupils or offers) into one PDF with a page break
// and its own "Sida x av y" between units; WriteFiles writes one file per
// unit into a folder instead.
//
// Text is set in Noto Sans, embedded (subset) from fonts/ (SIL OFL 1.1),
// normalised to NFC; a character the font lacks (an emoji) is replaced by
// Replacement, never allowed to fail. Content is laid out before it is drawn,
// so long names, addresses and journeys wrap and flow onto further pages with
// their heading repeated. With Options.Fixed set, output is byte-identical
// for the same input. PDF is written with codeberg.org/go-pdf/fpdf.
package reports
