package statistics

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
)

// showGenderWarning shows l when most pupils have no gender recorded (a
// class list from Skola24 or Unikum has none): the girls and boys below
// are then only the few recorded, and the figures mislead.
func showGenderWarning(l *widget.Label, counts map[data.Gender]int) {
	u, total, most := data.MostWithoutGender(counts)
	if !most {
		l.Hide()
		return
	}
	l.SetText(lang.X("genderwarn.text",
		"{{.N}} av {{.Total}} elever saknar kön, så siffrorna för flickor och pojkar gäller bara de övriga. "+
			"Ange kön under Elever → Mer → Ändra flera elever.",
		map[string]string{"N": strconv.Itoa(u), "Total": strconv.Itoa(total)}))
	l.Show()
}
