package companies

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// What the refusal below the host form lists (hostForm.refusalLive).
const (
	refusalNone     = iota // a fixed message, or nothing
	refusalFields          // "fix the marked fields": gone when they are
	refusalProblems        // broken rules and missing fields: kept true as they are fixed
)

// setLiveRefusal shows the broken rules and missing fields under heading,
// and keeps the list true while the host fixes them (check calls
// updateLiveRefusal), so the list never outlives the summary's "0 regelbrott".
func (h *hostForm) setLiveRefusal(vs []data.Violation, missing []data.FieldError, heading string) {
	h.setRefusal(h.problemText(vs, missing, heading))
	h.refusalLive, h.refusalHeading = refusalProblems, heading
}

// updateLiveRefusal brings a live refusal up to date with the form's
// problems now: the rows fixed leave it, and it goes when none is left.
func (h *hostForm) updateLiveRefusal(vs []data.Violation, missing []data.FieldError, c collected) {
	switch h.refusalLive {
	case refusalProblems:
		if len(vs) == 0 && len(missing) == 0 {
			h.setRefusal("")
			return
		}
		widgets.ShowErr(h.refusal, h.problemText(vs, missing, h.refusalHeading))
	case refusalFields:
		if len(c.fieldErr) == 0 && len(c.dayErr) == 0 {
			h.setRefusal("")
		}
	}
}

// safetyFields are the safety boxes with a line of their own below them.
var safetyFields = []string{"safety_risk_assessment", "safety_protective_gear", "safety_introduction", "safety_emergency_routine"}

// keepSafetyLines keeps the place of a safety box's "missing" line once it
// has shown: ticking the box turns the line into "Uppfyllt." instead of
// removing it, so the boxes below do not jump under the pointer.
func (h *hostForm) keepSafetyLines() {
	if h.safetyShown == nil {
		h.safetyShown = map[string]bool{}
	}
	for _, k := range safetyFields {
		l := h.errs[k]
		switch {
		case l.Visible() && l.Text != "":
			h.safetyShown[k] = true
			l.Importance = widget.DangerImportance
			l.Refresh()
		case h.safetyShown[k]:
			l.Importance = widget.SuccessImportance
			l.SetText(lang.X("way.hostform.safety_ok", "Uppfyllt."))
			l.Show()
		}
	}
}

// selectNextOpenPeriod chooses the next period not yet over (data.NextOpenPeriod).
func (h *hostForm) selectNextOpenPeriod() {
	p, ok := data.NextOpenPeriod(h.periods, h.screen.main.Now())
	if !ok {
		return
	}
	for i, x := range h.periods {
		if x.ID == p.ID {
			h.period.SetSelectedIndex(i)
		}
	}
}

// moveDaysToPeriod moves the day rows from the period they were made for
// to the one chosen now: the n-th day of the old period becomes the n-th
// of the new one (times and activities kept); a day outside the old
// period moves by the distance between the two periods' first days.
func (h *hostForm) moveDaysToPeriod() {
	from, to := h.shownPeriod, h.selectedPeriod()
	if from == nil || to == nil || from.ID == to.ID {
		return
	}
	oldDays, newDays := data.Weekdays(from.Start, from.End), data.Weekdays(to.Start, to.End)
	if from.Format == data.FormatWeek {
		oldDays = weekDays(*from)
	}
	if to.Format == data.FormatWeek {
		newDays = weekDays(*to)
	}
	shift := int(to.Start.Sub(from.Start).Hours()/24 + 0.5)
	if to.Start.Before(from.Start) {
		shift = int(to.Start.Sub(from.Start).Hours()/24 - 0.5)
	}
	was := h.filling
	h.filling = true
	defer func() { h.filling = was }()
	for _, r := range h.days {
		d, err := data.ParseDate(r.date.Entry.Text)
		if err != nil || d.IsZero() {
			continue
		}
		moved := d.AddDate(0, 0, shift)
		for i, od := range oldDays {
			if data.FormatDate(od) == data.FormatDate(d) && i < len(newDays) {
				moved = newDays[i]
			}
		}
		r.date.SetDate(moved)
	}
}

// setPeriods gives the open form the periods as they are now (a period
// may have been created since it opened), keeping the one chosen.
func (h *hostForm) setPeriods(periods []data.Period) {
	chosen := h.selectedPeriod()
	h.periods = periods
	var names []string
	for _, p := range periods {
		names = append(names, p.Name)
	}
	was := h.filling
	h.filling = true
	h.period.Options = names
	h.period.ClearSelected()
	for i, p := range periods {
		if chosen != nil && p.ID == chosen.ID {
			h.period.SetSelectedIndex(i)
		}
	}
	h.filling = was
	if chosen == nil && h.offer.ID == "" {
		h.selectNextOpenPeriod() // as the user would: the day rows follow
	}
	h.shownPeriod = h.selectedPeriod()
	h.period.Refresh()
	if len(periods) > 0 {
		h.noPeriods.Hide()
	} else {
		h.noPeriods.Show()
	}
	h.showWeekParts()
	h.check()
}
