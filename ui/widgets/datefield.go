package widgets

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
)

// DateField is a date typed as 2026-11-09, or picked in a Swedish calendar:
// Monday first, ISO week numbers shown as "v. 46".
type DateField struct {
	widget.BaseWidget
	box   *fyne.Container
	Entry *widget.Entry // the typed text, for shortcuts such as Enter
	// OnChanged is called with the new date (zero when cleared) when it is valid.
	OnChanged func(time.Time)
	win       fyne.Window
}

// NewDateField makes a date field; win hosts the calendar pop-up.
func NewDateField(win fyne.Window) *DateField {
	f := &DateField{Entry: widget.NewEntry(), win: win}
	f.Entry.SetPlaceHolder(lang.X("date.placeholder", "ÅÅÅÅ-MM-DD"))
	f.Entry.Validator = func(s string) error {
		_, err := data.ParseDate(s)
		return err
	}
	f.Entry.OnChanged = func(s string) {
		if t, err := data.ParseDate(s); err == nil && f.OnChanged != nil {
			f.OnChanged(t)
		}
	}
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), f.showCalendar)
	f.box = container.NewBorder(nil, nil, nil, pick, f.Entry)
	f.ExtendBaseWidget(f)
	return f
}

// CreateRenderer draws the entry and its calendar button.
func (f *DateField) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(f.box) }

// Date is the typed date, zero when empty; ok is false when it is not a date.
func (f *DateField) Date() (t time.Time, ok bool) {
	t, err := data.ParseDate(f.Entry.Text)
	return t, err == nil
}

// Problem says what is wrong with the typed date, in the user's language,
// or "" when it is a date or empty: a date written right that the calendar
// does not have (2027-02-30) is told so, not told to be written right.
func (f *DateField) Problem() string {
	if _, ok := f.Date(); ok {
		return ""
	}
	s := strings.TrimSpace(f.Entry.Text)
	if dateShape.MatchString(s) {
		return lang.X("err.date_missing", "Datumet {{.Date}} finns inte.", map[string]string{"Date": s})
	}
	return lang.X("err.date", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2012-05-04.")
}

// dateShape is a date written as YYYY-MM-DD, whether or not it exists.
var dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// SetDate shows t (zero clears the field).
func (f *DateField) SetDate(t time.Time) { f.Entry.SetText(data.FormatDate(t)) }

func (f *DateField) showCalendar() {
	start, ok := f.Date()
	if !ok || start.IsZero() {
		now := time.Now()
		start = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	var pop *widget.PopUp
	cal := newMonthView(start, func(d time.Time) {
		f.SetDate(d)
		pop.Hide()
	})
	pop = widget.NewPopUp(cal.content, f.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Entry)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Entry.Size().Height)))
}

// monthView is the calendar grid of one month with week numbers.
type monthView struct {
	month    time.Time // first day of the shown month
	selected time.Time
	title    *widget.Label
	grid     *fyne.Container
	content  fyne.CanvasObject
	onPick   func(time.Time)
}

func newMonthView(selected time.Time, onPick func(time.Time)) *monthView {
	v := &monthView{selected: selected, onPick: onPick,
		month: time.Date(selected.Year(), selected.Month(), 1, 0, 0, 0, 0, time.UTC)}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { v.show(v.month.AddDate(0, -1, 0)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { v.show(v.month.AddDate(0, 1, 0)) })
	v.grid = container.NewGridWithColumns(8)
	v.content = container.NewBorder(container.NewBorder(nil, nil, prev, next, v.title), nil, nil, nil, v.grid)
	v.show(v.month)
	return v
}

// show draws month m: a header row, then one row per ISO week.
func (v *monthView) show(m time.Time) {
	v.month = m
	v.title.SetText(uikit.MonthName(m.Month()) + " " + strconv.Itoa(m.Year()))
	cells := []fyne.CanvasObject{widget.NewLabelWithStyle(lang.X("date.week_short", "v."), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})}
	for i, d := range uikit.DayKeys {
		cells = append(cells, widget.NewLabelWithStyle(lang.X("weekday.short."+strconv.Itoa(i), d), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	// Back to the Monday on or before the 1st (Go's weeks start on Sunday).
	day := m.AddDate(0, 0, -((int(m.Weekday()) + 6) % 7))
	for day.Month() == m.Month() || day.Before(m) {
		cells = append(cells, widget.NewLabelWithStyle(strconv.Itoa(data.ISOWeek(day)), fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
		for i := 0; i < 7; i++ {
			d := day
			if d.Month() != m.Month() {
				cells = append(cells, widget.NewLabel(""))
			} else {
				b := widget.NewButton(strconv.Itoa(d.Day()), func() { v.onPick(d) })
				if d.Equal(v.selected) {
					b.Importance = widget.HighImportance
				} else if i >= 5 {
					b.Importance = widget.LowImportance
				}
				cells = append(cells, b)
			}
			day = day.AddDate(0, 0, 1)
		}
	}
	v.grid.Objects = cells
	v.grid.Refresh()
}
