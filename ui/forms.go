package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
)

// The small pieces every form of the app is made of.

// headingLabel is a bold section heading.
func headingLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// wrapLabel is a label that wraps at word boundaries.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// newErrLabel is the place beside a field where its error shows.
func newErrLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// showErr shows text in an error label, or hides it when text is empty.
func showErr(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// formField is one row of a form: a label, the input, its error below it.
type formField struct {
	label string
	input fyne.CanvasObject
	err   *widget.Label
}

// formGrid lays fields out two columns wide, labels on the left.
func formGrid(fields ...formField) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		l := widget.NewLabelWithStyle(f.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		var in fyne.CanvasObject = f.input
		if f.err != nil {
			in = container.NewVBox(f.input, f.err)
		}
		objs = append(objs, l, in)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// fieldMessage renders a data-layer field error in the user's language.
func fieldMessage(f data.FieldError) string { return message(f.Key, f.Text, f.Data) }

// newSelect is a widget.Select whose empty state speaks the user's
// language (fyne's own placeholder is always English).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.X("select.placeholder", "(välj)")
	return s
}

// showFieldErrors puts each field error of err (a *data.ValidationError)
// beside its field, or beside the fallback field when the form has no place
// for it; it reports whether err was such an error.
func showFieldErrors(err error, errs map[string]*widget.Label, fallback string) bool {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Fields {
		l, ok := errs[fe.Field]
		if !ok {
			l = errs[fallback]
		}
		showErr(l, fieldMessage(fe))
	}
	return true
}

// newTwoLineList is a list whose rows show a bold title over a line of
// detail, both cut with "…" when too long; row(i) gives the two texts.
func newTwoLineList(length func() int, row func(i int) (title, detail string)) *widget.List {
	return widget.NewList(length,
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			d := widget.NewLabel("")
			d.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, d)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= length() {
				return
			}
			title, detail := row(i)
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(title)
			box.Objects[1].(*widget.Label).SetText(detail)
		})
}
