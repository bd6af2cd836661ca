package printing

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/internal/uitest"
)

// TestCertificatesAskBeforeTheEndOfThePeriod: Spara PDF for certificates
// during the period asks first, naming the last day and the days without
// attendance; Avbryt prints nothing, Skriv ut ändå goes on to the file.
func TestCertificatesAskBeforeTheEndOfThePeriod(t *testing.T) {
	s, st := newPrintingTest(t)
	m := s.main.(*uitest.Shell)
	s.kindRadio.SetSelected(s.kindRadio.Options[slices.Index(reports.Kinds, reports.KindCertificates)])
	m.Wait(t)
	if !s.isCertificates() {
		t.Fatal("certificates are not chosen")
	}
	unrecorded, _ := st.CertificateCheck(context.Background(), s.period(), time.Now())
	for _, c := range []struct {
		name, now string
		want      []string
	}{
		{"during", "2026-11-12", []string{"slutar 2026-11-13", "genomfört prao"}},
		{"after", "2026-11-20", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			now, _ := data.ParseDate(c.now)
			m.SetNow(now.Add(12 * time.Hour))
			went := 0
			s.confirmCertificates(func() { went++ })
			m.Wait(t)
			top := m.Window().Canvas().Overlays().Top()
			if c.want == nil && unrecorded == 0 {
				if top != nil || went != 1 {
					t.Fatalf("after the period with every day recorded: dialog %v, printed %d times", top != nil, went)
				}
				return
			}
			if top == nil {
				t.Fatal("no question before printing certificates")
			}
			text := strings.Join(uitest.LabelTexts(top), " ")
			want := c.want
			if unrecorded > 0 {
				want = append(want, strconv.Itoa(unrecorded)+" elevdagar saknar registrerad närvaro")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the question %q lacks %q", text, w)
				}
			}
			test.Tap(uitest.FindButton(t, top, "Avbryt"))
			if went != 0 {
				t.Fatal("Avbryt printed")
			}
			s.confirmCertificates(func() { went++ })
			m.Wait(t)
			test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Skriv ut ändå"))
			if went != 1 {
				t.Fatal("Skriv ut ändå did not go on")
			}
		})
	}
	// Spara PDF itself asks: the question is on top, not the file dialog.
	now, _ := data.ParseDate("2026-11-12")
	m.SetNow(now)
	test.Tap(s.saveBtn)
	m.Wait(t)
	top := m.Window().Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(uitest.LabelTexts(top), " "), "slutar 2026-11-13") {
		t.Fatal("Spara PDF printed certificates during the period without asking")
	}
}
