// Package widgets holds the Fyne widgets and form pieces more than one
// screen of the window uses: the date field with its calendar, the
// keyboard-driven table of Närvaro, the search picker, the bar chart, and
// the helpers every form is made of (labels, error labels, form grids,
// selects that speak the user's language). It imports no screen; each widget
// has a golden-image test (go test ./ui/widgets -update rewrites them).
package widgets
