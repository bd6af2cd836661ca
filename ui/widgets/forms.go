package widgets

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
)

// The small pieces every form of the app is made of.

// HeadingLabel is a bold section heading.
func HeadingLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// WrapLabel is a label that wraps at word boundaries.
func WrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// NewErrLabel is the place beside a field where its error shows.
func NewErrLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// ShowErr shows text in an error label, or hides it when text is empty.
func ShowErr(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// FormField is one row of a form: a label, the input, its error below it.
type FormField struct {
	Label string            // shown left of the input
	Input fyne.CanvasObject // the input itself
	Err   *widget.Label     // where its error shows; nil when it has none
}

// FormGrid lays fields out two columns wide, labels on the left.
func FormGrid(fields ...FormField) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		l := widget.NewLabelWithStyle(f.Label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		var in fyne.CanvasObject = f.Input
		if f.Err != nil {
			in = container.NewVBox(f.Input, f.Err)
		}
		objs = append(objs, l, in)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// FieldMessage renders a data-layer field error in the user's language.
func FieldMessage(f data.FieldError) string { return uikit.Message(f.Key, f.Text, f.Data) }

// NewSelect is a widget.Select whose empty state speaks the user's
// language (fyne's own placeholder is always English).
func NewSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.X("select.placeholder", "(välj)")
	return s
}

// ShowFieldErrors puts each field error of err (a *data.ValidationError)
// beside its field, or beside the fallback field when the form has no place
// for it; it reports whether err was such an error.
func ShowFieldErrors(err error, errs map[string]*widget.Label, fallback string) bool {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Fields {
		l, ok := errs[fe.Field]
		if !ok {
			l = errs[fallback]
		}
		ShowErr(l, FieldMessage(fe))
	}
	return true
}

// NewTwoLineList is a list whose rows show a bold title over a line of
// detail, both cut with "…" when too long; row(i) gives the two texts.
func NewTwoLineList(length func() int, row func(i int) (title, detail string)) *widget.List {
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

// Labelled puts a small caption before a widget.
func Labelled(caption string, w fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(caption), nil, w)
}

// Field is the form row of label, input and its error label (nil for none).
func Field(label string, input fyne.CanvasObject, err *widget.Label) FormField {
	return FormField{Label: label, Input: input, Err: err}
}

// NewSavedLabel is a form's "Sparat." beside its buttons: green, and cut
// short rather than widening the form (found by use: its coming and going
// moved the divider beside the form, and the buttons under the pointer).
// Put it in a row with SavedRow.
func NewSavedLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.SuccessImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// SavedRow is a form's buttons with its saved label after them, in the
// room left over: the buttons never move when the label's text changes.
func SavedRow(saved *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewHBox(buttons...), nil, saved)
}
