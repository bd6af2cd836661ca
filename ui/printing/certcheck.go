package printing

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/widgets"
)

// isCertificates reports whether the choice prints certificates, of a
// classic period or a teknikprao week.
func (s *Screen) isCertificates() bool {
	if s.isWeek() {
		return s.c.week == reports.KindWeekCertificates
	}
	return s.c.kind == reports.KindCertificates
}

// confirmCertificates runs then at once when the period has ended and
// every day has its attendance; otherwise it first asks, saying why: a
// certificate says the pupil has completed prao and counts the days with
// nothing recorded as not present.
func (s *Screen) confirmCertificates(then func()) {
	per, st, today := s.period(), s.main.Store(), s.main.Now()
	s.main.Background(func() func() {
		n, err := st.CertificateCheck(context.Background(), per, today)
		var notEnded *data.PeriodNotEndedError
		early := errors.As(err, &notEnded)
		return func() {
			if err != nil && !early {
				dialog.ShowError(err, s.main.Window())
				return
			}
			if !early && n == 0 {
				then()
				return
			}
			var lines []string
			if early {
				lines = append(lines, lang.X("way.cert.not_ended",
					"{{.Period}} slutar {{.End}}. Ett praointyg säger att eleven har genomfört prao, så det skrivs normalt ut efter periodens sista dag.",
					map[string]string{"Period": per.Name, "End": data.FormatDate(per.End)}))
			}
			if n > 0 {
				if per.Format == data.FormatWeek {
					lines = append(lines, lang.X("way.cert.unrecorded_week",
						"{{.N}} elevpass saknar registrerad närvaro; intygen räknar dem som ej närvarande. Registrera dem under Närvaro först.",
						map[string]string{"N": strconv.Itoa(n)}))
				} else {
					lines = append(lines, lang.X("way.cert.unrecorded",
						"{{.N}} elevdagar saknar registrerad närvaro; intygen räknar dem som ej närvarande. Registrera dem under Närvaro först.",
						map[string]string{"N": strconv.Itoa(n)}))
				}
			}
			body := widgets.WrapLabel(lines[0])
			for _, l := range lines[1:] {
				body.SetText(body.Text + "\n\n" + l)
			}
			d := dialog.NewCustomConfirm(lang.X("way.cert.title", "Skriva ut praointyg nu?"),
				lang.X("way.cert.print_anyway", "Skriv ut ändå"), lang.X("way.cancel", "Avbryt"),
				body, func(ok bool) {
					if ok {
						then()
					}
				}, s.main.Window())
			d.Show()
		}
	})
}

