package uikit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/data/text"
)

// Languages the app speaks; Swedish is the default.
const (
	LangSwedish = "sv"
	LangEnglish = "en"
)

// Message renders a data-layer message (a translation key with a Swedish
// text and template data) in the user's language.
func Message(key, swedish string, data any) string {
	return lang.X(key, swedish, data)
}

// DayKeys are the short weekday names of the date picker, Monday first
// (the long names and the months come from data/text).
var DayKeys = [...]string{"mån", "tis", "ons", "tor", "fre", "lör", "sön"}

// MonthName names a month in the user's language ("november"); the Swedish
// fallback is data/text's.
func MonthName(m time.Month) string {
	return lang.X("month."+strconv.Itoa(int(m)), text.Month(text.Swedish, m))
}

// WeekdayName names a weekday in the user's language ("måndag"); the keys
// count from Monday, the Swedish fallback is data/text's.
func WeekdayName(d time.Weekday) string {
	wd := (int(d) + 6) % 7 // Monday first
	return lang.X("weekday."+strconv.Itoa(wd), text.Weekday(text.Swedish, d))
}

// ShortWeekday names a weekday briefly in the user's language ("mån").
func ShortWeekday(d time.Weekday) string {
	wd := (int(d) + 6) % 7 // Monday first
	return lang.X("weekday.short."+strconv.Itoa(wd), DayKeys[wd])
}

// WeekLabel writes "v. 46" for the ISO week of t.
func WeekLabel(t time.Time) string {
	return lang.X("date.week", "v. {{.Week}}", map[string]string{"Week": strconv.Itoa(data.ISOWeek(t))})
}

// DayRange writes the days from a to b briefly in the user's language:
// "9–13 november 2026", "28 april – 2 maj 2027", or with both years when
// they differ; "" when either is unknown.
func DayRange(a, b time.Time) string {
	if a.IsZero() || b.IsZero() {
		return ""
	}
	day := func(t time.Time) string { return strconv.Itoa(t.Day()) + " " + MonthName(t.Month()) }
	switch {
	case a.Year() != b.Year():
		return day(a) + " " + strconv.Itoa(a.Year()) + " – " + day(b) + " " + strconv.Itoa(b.Year())
	case a.Month() != b.Month():
		return day(a) + " – " + day(b) + " " + strconv.Itoa(b.Year())
	case a.Day() != b.Day():
		return strconv.Itoa(a.Day()) + "–" + day(b) + " " + strconv.Itoa(b.Year())
	}
	return day(a) + " " + strconv.Itoa(a.Year())
}

// LongDate writes "måndag 9 november" in the user's language.
func LongDate(t time.Time) string {
	return WeekdayName(t.Weekday()) + " " + strconv.Itoa(t.Day()) + " " + MonthName(t.Month())
}

// PeriodStatusNames are the Swedish names of the period statuses.
var PeriodStatusNames = map[data.PeriodStatus]string{
	data.PeriodPlanning: "planeras", data.PeriodChoosing: "val pågår", data.PeriodMatched: "matchad",
	data.PeriodPublished: "publicerad", data.PeriodDone: "genomförd", data.PeriodArchived: "arkiverad",
}

// PeriodStatusText names a period status in the user's language.
func PeriodStatusText(st data.PeriodStatus) string {
	return lang.X("period_status."+string(st), PeriodStatusNames[st])
}

// weekStatusNames are the Swedish names of the statuses whose classic
// names say nothing in a teknikprao week: the week has no choices of
// offers and no matching, but a sign-up (classes, wishes for host groups)
// and teams.
var weekStatusNames = map[data.PeriodStatus]string{
	data.PeriodChoosing: "anmälan pågår", data.PeriodMatched: "teamen klara",
}

// PeriodStatusFor names a period status as it reads for a period of format:
// a teknikprao week says "teamen klara" where a classic period says
// "matchad".
func PeriodStatusFor(format data.PeriodFormat, st data.PeriodStatus) string {
	if sv, ok := weekStatusNames[st]; ok && format == data.FormatWeek {
		return lang.X("period_status.week."+string(st), sv)
	}
	return PeriodStatusText(st)
}

// RoleNames are the Swedish names of the roles, as labels: capitalised,
// as Företag writes them (found by use: Kontakter wrote "förebild" where
// Företag wrote "Förebild").
var RoleNames = map[data.Role]string{data.RoleHR: "HR", data.RoleSupervisor: "Handledare", data.RoleRoleModel: "Förebild",
	data.RoleCounsellor: "Studie- och yrkesvägledare", data.RoleOther: "Annan roll"}

// GenderNames are the Swedish names of the genders.
var GenderNames = map[data.Gender]string{data.GenderGirl: "flicka", data.GenderBoy: "pojke", data.GenderOther: "annat",
	data.GenderUnspecified: "ej angivet"}

// GenderText names a gender in the user's language.
func GenderText(g data.Gender) string {
	sv := GenderNames[g]
	if sv == "" {
		return string(g)
	}
	return lang.X("gender."+string(g), sv)
}

// RoleText names a role in the user's language.
func RoleText(r data.Role) string { return lang.X("role."+string(r), RoleNames[r]) }

// OpenErrorText says in the user's words why a database did not open.
func OpenErrorText(path string, err error) string {
	switch {
	case data.IsDamage(err):
		return lang.X("open.damaged", "Filen {{.Path}} är skadad: delar av den går inte att läsa. Den har inte ändrats. Återställ den senaste säkerhetskopian (de dagliga ligger i {{.Folder}}), eller öppna en annan databas.",
			map[string]string{"Path": path, "Folder": data.BackupFolder(path)})
	case errors.Is(err, data.ErrNotDatabase):
		return lang.X("open.not_database", "Filen {{.Path}} är ingen Techniqual-databas. Filen har inte ändrats.", map[string]string{"Path": path})
	case errors.Is(err, data.ErrNewerVersion):
		return lang.X("open.newer", "Filen {{.Path}} är skapad av en nyare version av Techniqual. Uppdatera appen. Filen har inte ändrats.", map[string]string{"Path": path})
	case errors.Is(err, data.ErrMigration):
		return lang.X("open.migration", "Filen {{.Path}} är en Techniqual-databas som inte kunde uppgraderas till den här versionen ({{.Error}}). Hade den data finns en kopia från före uppgraderingen bredvid den; namnet slutar på .bak.", map[string]string{"Path": path, "Error": fmt.Sprint(err)})
	case errors.Is(err, data.ErrInUse):
		return lang.X("open.in_use", "Databasen {{.Path}} är redan öppen i ett annat Techniqual-fönster. Stäng det först.", map[string]string{"Path": path})
	}
	return lang.X("open.failed", "Databasen {{.Path}} kunde inte öppnas: {{.Error}}", map[string]string{"Path": path, "Error": fmt.Sprint(err)})
}

// Percent is a ratio as a whole percentage ("62 %").
func Percent(x float64) string { return fmt.Sprintf("%.0f %%", 100*x) }

// Decimal is x with one decimal in the user's language ("3,8").
func Decimal(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", x), ".", lang.X("statistics.decimal_sep", ","), 1)
}

// ShareText is a share as "62 %", "<5" when hidden for a small group, ".."
// when hidden to protect one, "–" when its whole is 0.
func ShareText(s figures.Share) string {
	switch {
	case s.Whole.N == 0 && !s.Whole.Suppressed:
		return "–"
	case s.Hidden() && (s.Part.String() == figures.Hidden || s.Whole.String() == figures.Hidden):
		return figures.Hidden
	case s.Hidden():
		return figures.Masked
	}
	return Percent(s.Ratio())
}

// MeanText is a mean with one decimal, "<5" when fewer answered, ".." when
// hidden to protect another group, "–" when nobody answered.
func MeanText(m figures.Mean) string {
	switch {
	case m.N == 0:
		return "–"
	case m.N < figures.MinGroup:
		return figures.Hidden
	case !m.Shown():
		return figures.Masked
	}
	return Decimal(m.Value)
}

// EventDocName names an event document in the user's language.
func EventDocName(kind string) string {
	switch kind {
	case "badges":
		return lang.X("eventdocs.badges", "Namnbrickor")
	case "event-certificates":
		return lang.X("eventdocs.certificates", "Deltagarintyg")
	}
	return lang.X("eventdocs.participants", "Deltagarlista")
}

// Plural is the translation of oneKey (Swedish fallback one) when n is 1,
// and of otherKey (other) when not, with N set to n in data: Swedish and
// English both have one form for one thing and another for the rest, and
// "1 rader" reads as a mistake.
func Plural(n int, oneKey, one, otherKey, other string, data map[string]string) string {
	d := map[string]string{"N": strconv.Itoa(n)}
	for k, v := range data {
		d[k] = v
	}
	if n == 1 {
		return lang.X(oneKey, one, d)
	}
	return lang.X(otherKey, other, d)
}

// RowCount is "1 rad" or "n rader", for a sentence with several counts.
func RowCount(n int) string {
	return Plural(n, "count.rows.one", "{{.N}} rad", "count.rows.other", "{{.N}} rader", nil)
}

// PupilCount is "1 elev" or "n elever".
func PupilCount(n int) string {
	return Plural(n, "count.pupils.one", "{{.N}} elev", "count.pupils.other", "{{.N}} elever", nil)
}

// TeamCount is "1 team" or "n team" (one team, n teams).
func TeamCount(n int) string {
	return Plural(n, "count.teams.one", "{{.N}} team", "count.teams.other", "{{.N}} team", nil)
}

// HostCount is "1 värd" or "n värdar".
func HostCount(n int) string {
	return Plural(n, "count.hosts.one", "{{.N}} värd", "count.hosts.other", "{{.N}} värdar", nil)
}

// HostGroupCount is "1 värdgrupp" or "n värdgrupper".
func HostGroupCount(n int) string {
	return Plural(n, "count.host_groups.one", "{{.N}} värdgrupp", "count.host_groups.other", "{{.N}} värdgrupper", nil)
}
