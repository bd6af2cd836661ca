package companies

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

func hfPeriod(t *testing.T, st *data.Store, name, start, end string, status data.PeriodStatus) data.Period {
	t.Helper()
	a, _ := data.ParseDate(start)
	b, _ := data.ParseDate(end)
	p := data.Period{Name: name, Grade: 8, Start: a, End: b, Status: status}
	if err := st.SavePeriod(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func dayDates(h *hostForm) []string {
	var out []string
	for _, r := range h.days {
		out = append(out, r.date.Entry.Text)
	}
	return out
}

// TestHostFormSeesAPeriodCreatedSinceItOpened: the form opened with no
// period; one is created under Praoperioder; back in the form (Reload, as
// the window does on showing the screen) the period is there and chosen.
func TestHostFormSeesAPeriodCreatedSinceItOpened(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Gustavsviks Gjuteri AB")
	s := newCompaniesTest(t, st)
	m := s.main.(*uitest.Shell)
	m.SetNow(time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC))
	coOpen(t, s, o.ID)
	h := s.openHostForm(data.Offer{HostID: o.ID})
	if !h.noPeriods.Visible() {
		t.Fatal("no warning without periods")
	}
	hfPeriod(t, st, "Åk 8 v. 11 2027", "2027-03-15", "2027-03-19", data.PeriodPlanning)
	s.Reload()
	m.Wait(t)
	if h.noPeriods.Visible() || h.period.Selected != "Åk 8 v. 11 2027" {
		t.Fatalf("after creating a period: warning %v, chosen %q, options %v", h.noPeriods.Visible(), h.period.Selected, h.period.Options)
	}
	if got := dayDates(h); len(got) != 5 || got[0] != "2027-03-15" {
		t.Errorf("days %v, want the period's five weekdays", got)
	}
}

// TestNewOfferTakesTheNextOpenPeriodAndItsDaysFollowAChange: a finished
// period is not the default; changing the period moves the day rows, with
// their times.
func TestNewOfferTakesTheNextOpenPeriodAndItsDaysFollowAChange(t *testing.T) {
	st := uitest.OpenStore(t)
	hfPeriod(t, st, "Åk 8 v. 46 2025", "2025-11-10", "2025-11-14", data.PeriodPlanning) // over, though still "planning"
	hfPeriod(t, st, "Åk 8 v. 11 2027", "2027-03-15", "2027-03-19", data.PeriodPlanning)
	hfPeriod(t, st, "Åk 9 v. 20 2027", "2027-05-17", "2027-05-21", data.PeriodPlanning)
	o := coCompany(t, st, "Gustavsviks Gjuteri AB")
	s := newCompaniesTest(t, st)
	s.main.(*uitest.Shell).SetNow(time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC))
	coOpen(t, s, o.ID)
	h := s.openHostForm(data.Offer{HostID: o.ID})
	if h.period.Selected != "Åk 8 v. 11 2027" {
		t.Fatalf("a new offer defaults to %q, want the next open period Åk 8 v. 11 2027", h.period.Selected)
	}
	if got := dayDates(h); strings.Join(got, ",") != "2027-03-15,2027-03-16,2027-03-17,2027-03-18,2027-03-19" {
		t.Fatalf("days %v", got)
	}
	hfType(h.days[0].end, "14:00")
	h.period.SetSelected("Åk 9 v. 20 2027")
	if got := dayDates(h); strings.Join(got, ",") != "2027-05-17,2027-05-18,2027-05-19,2027-05-20,2027-05-21" {
		t.Errorf("after changing the period the days are %v", got)
	}
	if h.days[0].end.Text != "14:00" {
		t.Errorf("Monday's end %q: the times did not move with the day", h.days[0].end.Text)
	}
	for i, r := range h.days {
		if r.warn.Visible() {
			t.Errorf("day %d warns after the move: %q", i+1, r.warn.Text)
		}
	}
}

// TestRefusalFollowsTheFixes: the red list under a refused approval loses
// the broken rule when the day is fixed (as the summary's count does),
// and ticking a safety box does not move the boxes below it.
func TestRefusalFollowsTheFixes(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	test.Type(h.title, "Gjut en ljusstake")
	h.supervisor.SetSelectedIndex(0)
	h.adult.SetChecked(true)
	hfType(h.capacity, "2")
	hfType(h.days[0].end, "17:00")
	test.Tap(h.approveBtn)
	if !strings.Contains(h.refusal.Text, "högst 7 timmar") || !strings.Contains(h.summary.Text, "1 regelbrott") {
		t.Fatalf("refusal %q, summary %q", h.refusal.Text, h.summary.Text)
	}
	hfType(h.days[0].end, "15:00")
	if got := h.summary.Text; strings.Contains(got, "regelbrott") || !strings.Contains(got, "saknas eller är fel: Säkerhet.") {
		t.Fatalf("summary after the fix: %q", got)
	}
	if strings.Contains(h.refusal.Text, "högst 7 timmar") || !strings.Contains(h.refusal.Text, "Riskbedömningen är inte gjord") {
		t.Errorf("the refusal after fixing the day: %q", h.refusal.Text)
	}

	h.showStep(6)
	h.content.Refresh()
	below := func() float32 { return h.emergency.Position().Y }
	y := below()
	h.risk.SetChecked(true)
	h.content.Refresh()
	if got := below(); got != y {
		t.Errorf("ticking the first safety box moved the last from y=%v to y=%v", y, got)
	}
	if l := h.errs["safety_risk_assessment"]; !l.Visible() || l.Text != "Uppfyllt." {
		t.Errorf("the ticked box's line: %q (visible %v)", l.Text, l.Visible())
	}
	for _, c := range []interface{ SetChecked(bool) }{h.gear, h.intro, h.emergency} {
		c.SetChecked(true)
	}
	if h.refusal.Visible() {
		t.Errorf("the refusal stays with nothing left to fix: %q", h.refusal.Text)
	}
}

// TestSummaryNamesWhatIsMissing: the line above Godkänn names the fields
// still missing or wrong, in the order of the pages, before any approval
// is tried, and says nothing of rules when none is broken. A new form
// breaks one rule: the supervisor is not yet confirmed to be 18.
func TestSummaryNamesWhatIsMissing(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	steps := []struct {
		do   func()
		want string
	}{
		{func() {}, "Innan praoplatsen kan godkännas: 1 regelbrott – Handledaren måste vara minst 18 år; saknas eller är fel: Rubrik, Handledare, Antal platser, Säkerhet."},
		{func() { test.Type(h.title, "Gjut en ljusstake") }, "Innan praoplatsen kan godkännas: 1 regelbrott – Handledaren måste vara minst 18 år; saknas eller är fel: Handledare, Antal platser, Säkerhet."},
		{func() { h.supervisor.SetSelectedIndex(0); h.adult.SetChecked(true); hfType(h.capacity, "två") },
			"Innan praoplatsen kan godkännas saknas eller är fel: Antal platser, Säkerhet."},
		{func() { hfType(h.capacity, "2"); hfType(h.days[0].end, "17:00") }, "Innan praoplatsen kan godkännas: 1 regelbrott – 2026-11-09: Eleven får arbeta högst 7 timmar per dag. Den här dagen blir det 8 timmar (utan rast); saknas eller är fel: Säkerhet."},
		{func() {
			for _, c := range []interface{ SetChecked(bool) }{h.risk, h.gear, h.intro, h.emergency} {
				c.SetChecked(true)
			}
		}, "Innan praoplatsen kan godkännas: 1 regelbrott – 2026-11-09: Eleven får arbeta högst 7 timmar per dag. Den här dagen blir det 8 timmar (utan rast)."},
		{func() { hfType(h.days[0].end, "15:00") }, "Alla regler för arbetstid följs och allt som behövs är ifyllt."},
	}
	for i, st := range steps {
		st.do()
		if got := h.summary.Text; got != st.want {
			t.Errorf("step %d: summary %q, want %q", i, got, st.want)
		}
	}
}

// TestTheListCountsANewOffer: found by use, a host's row in the list beside
// the form lacked its new offer until the list was read again.
func TestTheListCountsANewOffer(t *testing.T) {
	_, s, h, _ := hfSetup(t)
	row := func() string {
		for _, o := range s.shown {
			if o.ID == h.offer.HostID {
				return s.orgSubtitle(o)
			}
		}
		return ""
	}
	if strings.Contains(row(), "praoplats") {
		t.Fatalf("a host with no offer: %q", row())
	}
	test.Type(h.title, "Gjut en ljusstake")
	test.Tap(h.saveBtn)
	s.main.(*uitest.Shell).Wait(t)
	if got := row(); !strings.Contains(got, "1 praoplats") {
		t.Errorf("after saving a new offer the row says %q", got)
	}
}
