// Package reports builds Techniqual's printed documents (A4 PDF: schedules,
// host confirmations, attendance cards, certificates, event lists) and charts
// from domain values of package data. It speaks no SQL and knows no Fyne:
// callers load the values through the Store and hand them over.
//
// PDF is written with codeberg.org/go-pdf/fpdf, the maintained continuation
// of github.com/jung-kurt/gofpdf. The documents themselves arrive with the
// printed-documents work; this package is their home.
package reports
