// Package imports holds the import wizards of the window: the class list
// and the form answers (choices, evaluations), on a shared wizard frame.
// It is not a screen: the shell opens the wizards for the screens that ask.
package imports

import (
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Shell is what the wizards need from the window: only the Base.
type Shell interface {
	uikit.Base
}

// wizardFrame is what the import wizards (class list, choices,
// evaluations) share: the step shown, a busy bar while a file is read or
// written off the UI goroutine, a status line, the preview's counts, errors
// and skip box, the result, and the buttons. refresh updates the wizard's
// buttons after each change.
type wizardFrame struct {
	steps    *fyne.Container
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	refresh  func()

	counts      *widget.Label
	errList     *widget.Label
	skipBad     *widget.Check
	resultLabel *widget.Label

	previewBtn, importBtn, backBtn, closeBtn *widget.Button

	// win is the window the wizard is shown in: a new step takes the
	// keyboard from the step before (see showStep).
	win fyne.Window

	// backText and backBad are what the step before the preview said
	// ("26 rader lästa."), said again on the way back to it.
	backText string
	backBad  bool

	// popup is the wizard's dialog on the window's canvas, once shown.
	popup fyne.CanvasObject
}

// enterCloses makes Enter close the wizard (on its last step) or not:
// found by use, "Importen är klar" closed on Escape but not on Enter.
func (w *wizardFrame) enterCloses(on bool) {
	if !on {
		uikit.SetEnter(w.popup, nil)
		return
	}
	uikit.SetEnter(w.popup, func() { uikit.Tap(w.closeBtn) })
}

// newWizardFrame makes the shared parts; the buttons call the wizard's
// handlers.
func newWizardFrame(refresh, onPreview, onImport, onBack, onClose func()) wizardFrame {
	w := wizardFrame{steps: container.NewStack(), status: widgets.WrapLabel(""),
		progress: widget.NewProgressBarInfinite(), refresh: refresh}
	w.progress.Hide()
	w.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.counts.Wrapping = fyne.TextWrapWord
	w.errList = widgets.WrapLabel("")
	w.errList.Importance = widget.DangerImportance
	w.skipBad = widget.NewCheck(lang.X("import.skip_bad", "Hoppa över raderna med fel och importera resten"), func(bool) { refresh() })
	w.resultLabel = widgets.WrapLabel("")
	w.previewBtn = widget.NewButtonWithIcon(lang.X("import.to_preview", "Förhandsgranska"), theme.NavigateNextIcon(), onPreview)
	w.previewBtn.Importance = widget.HighImportance
	w.importBtn = widget.NewButtonWithIcon(lang.X("import.import", "Importera"), theme.DownloadIcon(), onImport)
	w.importBtn.Importance = widget.HighImportance
	w.backBtn = widget.NewButtonWithIcon(lang.X("import.back", "Tillbaka"), theme.NavigateBackIcon(), onBack)
	w.closeBtn = widget.NewButton(lang.X("import.cancel", "Avbryt"), onClose)
	return w
}

// bottom is the wizard's foot: the busy bar, the status and the buttons.
func (w *wizardFrame) bottom() fyne.CanvasObject {
	return container.NewVBox(w.progress, w.status,
		container.NewHBox(layout.NewSpacer(), w.closeBtn, w.backBtn, w.previewBtn, w.importBtn))
}

// showStep shows one step (nil: none yet).
func (w *wizardFrame) showStep(step fyne.CanvasObject) {
	if step == nil {
		w.steps.Objects = nil
	} else {
		w.steps.Objects = []fyne.CanvasObject{step}
	}
	w.steps.Refresh()
	// A field of the step before, now hidden, kept the keyboard, and with
	// it Escape: found by use, the done step then closed only with the
	// mouse.
	if w.win != nil {
		w.win.Canvas().Unfocus()
	}
	w.refresh()
}

// current is the step shown, nil before the first.
func (w *wizardFrame) current() fyne.CanvasObject {
	if len(w.steps.Objects) == 0 {
		return nil
	}
	return w.steps.Objects[0]
}

// busy reports whether work is running (the buttons wait for it).
func (w *wizardFrame) busy() bool { return w.progress.Visible() }

// setBusy shows the bar and what is being done.
func (w *wizardFrame) setBusy(text string) {
	w.status.SetText(text)
	w.status.Importance = widget.MediumImportance
	w.progress.Show()
	w.progress.Start()
	w.closeBtn.Disable() // closing while it reads or writes would hide how it went
	w.refresh()
}

// keepForBack keeps what the status says before a preview replaces it.
func (w *wizardFrame) keepForBack() {
	w.backText, w.backBad = w.status.Text, w.status.Importance == widget.DangerImportance
}

// setBack is the status on going back from the preview: what the step
// said before it, not an empty line.
func (w *wizardFrame) setBack() { w.setIdle(w.backText, w.backBad) }

// setIdle hides the bar and says how it went, in red when bad.
func (w *wizardFrame) setIdle(text string, bad bool) {
	w.progress.Stop()
	w.progress.Hide()
	w.closeBtn.Enable()
	w.status.Importance = widget.MediumImportance
	if bad {
		w.status.Importance = widget.DangerImportance
	}
	w.status.SetText(text)
	w.status.Refresh()
	w.refresh()
}

// showIf shows o when on, hides it otherwise.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// enableIf enables b when on and nothing is running.
func (w *wizardFrame) enableIf(b *widget.Button, on bool) {
	if on && !w.busy() {
		b.Enable()
	} else {
		b.Disable()
	}
}

// chooseSpreadsheet asks for a CSV or XLSX file and hands its path on.
func chooseSpreadsheet(win fyne.Window, onPath func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		onPath(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".xlsx", ".tsv"}))
	d.SetTitleText(lang.X("file.open_title", "Öppna fil")) // Fyne says "Öppna Fil"
	uikit.ShowFileDialog(win, d)
}
