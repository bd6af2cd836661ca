package companies

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// A teknikprao week's offer has blocks instead of days: the same rows, each
// with how many teams the host takes at once and the role models the team
// meets. Default times of a block the form fills in from the week's days.
const (
	weekDefaultStart = "08:30"
	weekDefaultEnd   = "12:00"
)

// blockParts are the fields a day row has only in a week: teams at once and
// the block's own role models (from the host's people with that role).
type blockParts struct {
	teamsMax *widget.Entry
	rmChecks map[string]*widget.Check
	rmOrder  []string // the chosen role models, in the order ticked
	rmBox    *fyne.Container
	box      *fyne.Container
}

// isWeek says whether the offer is for a period in the teknikprao-week format.
func (h *hostForm) isWeek() bool {
	p := h.selectedPeriod()
	return p != nil && p.Format == data.FormatWeek
}

// alsoMeets adds a role model ticked in a block to the people pupils meet
// (page 5), ticked there too: found by use, someone ticked in every block
// was unticked on page 5 and had to be ticked again. Unticking in a block
// leaves page 5 alone: they may be in another block.
func (h *hostForm) alsoMeets(id string) {
	h.setMeets(id, true)
	if c := h.meetChecks[id]; c != nil && !c.Checked {
		c.SetChecked(true)
	}
}

// roleModels are the host's people with the role model role, in the form's order.
func (h *hostForm) roleModels() []data.Person {
	var out []data.Person
	for _, p := range h.people {
		if slices.Contains(p.Roles, data.RoleRoleModel) {
			out = append(out, p)
		}
	}
	return out
}

// newBlockParts builds a row's week fields from the stored block.
func (h *hostForm) newBlockParts(d data.OfferDay) *blockParts {
	b := &blockParts{rmChecks: map[string]*widget.Check{}, rmBox: container.NewGridWithColumns(3)}
	b.teamsMax = h.entry("1")
	n := d.TeamsMax
	if n < 1 {
		n = 1
	}
	b.teamsMax.SetText(strconv.Itoa(n))
	b.rmOrder = append([]string(nil), d.RoleModelIDs...)
	h.fillBlockPeople(b)
	teams := container.NewHBox(widget.NewLabel(lang.X("hostform.week.teams_max", "Antal team samtidigt")),
		fixedWidth(b.teamsMax, hostClockWidth))
	heading := widget.NewLabelWithStyle(lang.X("hostform.week.role_models", "Förebilder i blocket"), fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true})
	b.box = container.NewVBox(teams, heading, b.rmBox)
	return b
}

// fillBlockPeople lists the host's role models as ticks in one block.
func (h *hostForm) fillBlockPeople(b *blockParts) {
	b.rmChecks = map[string]*widget.Check{}
	var objs []fyne.CanvasObject
	rms := h.roleModels()
	known := map[string]bool{}
	for _, p := range rms {
		known[p.ID] = true
	}
	// A role model who lost the role stays chosen until unticked elsewhere;
	// only people with the role can be ticked here.
	for _, p := range rms {
		id := p.ID
		label := p.Name()
		if p.Title != "" {
			label += " – " + p.Title
		}
		c := widget.NewCheck(label, func(on bool) {
			b.setChosen(id, on)
			if on {
				h.alsoMeets(id)
			}
			h.onChanged()
		})
		c.Checked = slices.Contains(b.rmOrder, id)
		b.rmChecks[id] = c
		objs = append(objs, c)
	}
	if len(rms) == 0 {
		objs = append(objs, widgets.WrapLabel(lang.X("hostform.week.no_role_models",
			"Företaget har inga förebilder ännu. Lägg till dem på sidan 5, Personerna eleverna möter.")))
	}
	b.rmBox.Objects = objs
	b.rmBox.Refresh()
}

func (b *blockParts) setChosen(id string, on bool) {
	i := slices.Index(b.rmOrder, id)
	switch {
	case on && i < 0:
		b.rmOrder = append(b.rmOrder, id)
	case !on && i >= 0:
		b.rmOrder = slices.Delete(b.rmOrder, i, i+1)
	}
}

// chosen is the block's role models, never nil (an empty list clears them).
func (b *blockParts) chosen() []string { return append([]string{}, b.rmOrder...) }

// collectBlock reads a row's week fields into d; a bad number is a message.
func (h *hostForm) collectBlock(r *dayRow, d *data.OfferDay) string {
	d.RoleModelIDs = r.block.chosen()
	t := strings.TrimSpace(r.block.teamsMax.Text)
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || n > 9 {
		return lang.X("hostform.week.bad_teams_max", "Skriv antal team samtidigt som ett heltal 1–9.")
	}
	d.TeamsMax = n
	return ""
}

// showWeekParts shows or hides the week fields and renames the page's
// texts after the chosen period's format.
func (h *hostForm) showWeekParts() {
	week := h.isWeek()
	for _, r := range h.days {
		if week {
			r.block.box.Show()
		} else {
			r.block.box.Hide()
		}
	}
	if week {
		h.daysHint.SetText(lang.X("hostform.week.days_intro",
			"En rad per block (förmiddag eller eftermiddag) där ni kan ta emot ett team på 4–6 elever. Ange hur många team ni tar samtidigt och vilka förebilder teamet möter. Samma regler för arbetstid gäller: mellan 06:00 och 20:00, minst 14 timmars nattvila, högst 7 timmar om dagen, bara vardagar."))
		h.addDayBtn.SetText(lang.X("hostform.week.add_block", "Lägg till block"))
		h.fillBtn.SetText(lang.X("hostform.week.fill_blocks", "Veckans förmiddagar"))
	} else {
		h.daysHint.SetText(h.classicDaysHint)
		h.addDayBtn.SetText(lang.X("hostform.add_day", "Lägg till dag"))
		h.fillBtn.SetText(lang.X("hostform.fill_days", "Periodens vardagar"))
	}
}

// refreshBlockPeople lists the role models again in every block (after one
// was added on page 5).
func (h *hostForm) refreshBlockPeople() {
	for _, r := range h.days {
		h.fillBlockPeople(r.block)
	}
}

// weekDays are the days a week's blocks are on by default: the period's
// weekdays but its last when the week has five or more (the closing day).
func weekDays(p data.Period) []time.Time {
	days := data.Weekdays(p.Start, p.End)
	if len(days) >= 5 {
		days = days[:len(days)-1]
	}
	return days
}

// ruleName is the short name of a working-time rule, put before its
// message in a week's block so the host sees which rule it is.
func ruleName(r data.Rule) string {
	switch r {
	case data.RuleTimesInOrder:
		return lang.X("hostform.week.rule.times_in_order", "Tider i ordning")
	case data.RuleMaxWork:
		return lang.X("hostform.week.rule.max_work", "Högst 7 timmar om dagen")
	case data.RuleDaytime:
		return lang.X("hostform.week.rule.daytime", "Bara 06:00–20:00")
	case data.RuleWeekday:
		return lang.X("hostform.week.rule.weekday", "Bara vardagar")
	case data.RuleBreak:
		return lang.X("hostform.week.rule.break", "Rast")
	case data.RuleBreakTooLong:
		return lang.X("hostform.week.rule.break_too_long", "För lång rast")
	case data.RuleDayOutOfPeriod:
		return lang.X("hostform.week.rule.day_out_of_period", "Utanför veckan")
	case data.RuleSupervisorAge:
		return lang.X("hostform.week.rule.supervisor_age", "Handledare minst 18 år")
	case data.RuleNightRest:
		return lang.X("hostform.week.rule.night_rest", "Nattvila minst 14 timmar")
	case data.RuleMaxWeek:
		return lang.X("hostform.week.rule.max_week", "Högst 35 timmar i veckan")
	case data.RuleOverlap:
		return lang.X("hostform.week.rule.overlap", "Överlappande block")
	}
	return string(r)
}
