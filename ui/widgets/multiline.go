package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// MultiLineField is a multi-line entry of a form: Tab goes on to the next
// field, as in every other field, instead of typing a tab character.
// Found by use: Tab stayed inside a host's Program, and a tab in a note
// or a programme is never meant (printed, it is a gap of unknown width).
type MultiLineField struct {
	widget.Entry
}

// NewMultiLineField makes an empty multi-line form field, its words
// wrapped.
func NewMultiLineField() *MultiLineField {
	e := &MultiLineField{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab reports false: the window's Tab moves the keyboard on.
func (e *MultiLineField) AcceptsTab() bool { return false }
