package printing

import (
	"techniqual/reports"
	"techniqual/ui/uikit"
)

// isCertificates reports whether the choice prints certificates, of a
// classic period or a teknikprao week.
func (s *Screen) isCertificates() bool {
	if s.isWeek() {
		return s.c.week == reports.KindWeekCertificates
	}
	return s.c.kind == reports.KindCertificates
}

// confirmCertificates asks before certificates are printed too early or
// with days unrecorded, and runs then when the answer is to go on.
func (s *Screen) confirmCertificates(then func()) {
	uikit.ConfirmCertificates(s.main, s.period(), then)
}
