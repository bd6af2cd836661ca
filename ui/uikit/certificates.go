package uikit

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
)

// ConfirmCertificates runs then at once when per has ended and every day
// (a week: every block) has its attendance; otherwise it first asks,
// saying why: a certificate says the pupil has completed prao, and counts
// the days with nothing recorded as not present. Both Utskrifter and the
// Teknikprao screen's prints ask through it.
func ConfirmCertificates(m Base, per data.Period, then func()) {
	st, today := m.Store(), m.Now()
	m.Background(func() func() {
		n, err := st.CertificateCheck(context.Background(), per, today)
		var notEnded *data.PeriodNotEndedError
		early := errors.As(err, &notEnded)
		return func() {
			if err != nil && !early {
				dialog.ShowError(err, m.Window())
				return
			}
			if !early && n == 0 {
				then()
				return
			}
			text := ""
			if early {
				text = lang.X("way.cert.not_ended",
					"{{.Period}} slutar {{.End}}. Ett praointyg säger att eleven har genomfört prao, så det skrivs normalt ut efter periodens sista dag.",
					map[string]string{"Period": per.Name, "End": data.FormatDate(per.End)})
			}
			if n > 0 {
				if text != "" {
					text += "\n\n"
				}
				if per.Format == data.FormatWeek {
					text += lang.X("way.cert.unrecorded_week",
						"{{.N}} elevpass saknar registrerad närvaro; intygen räknar dem som ej närvarande. Registrera dem under Närvaro först.",
						map[string]string{"N": strconv.Itoa(n)})
				} else {
					text += lang.X("way.cert.unrecorded",
						"{{.N}} elevdagar saknar registrerad närvaro; intygen räknar dem som ej närvarande. Registrera dem under Närvaro först.",
						map[string]string{"N": strconv.Itoa(n)})
				}
			}
			body := widget.NewLabel(text)
			body.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustomConfirm(lang.X("way.cert.title", "Skriva ut praointyg nu?"),
				lang.X("way.cert.print_anyway", "Skriv ut ändå"), lang.X("way.cancel", "Avbryt"),
				body, func(ok bool) {
					if ok {
						then()
					}
				}, m.Window())
			d.Resize(fyne.NewSize(520, 240))
			d.Show()
		}
	})
}
