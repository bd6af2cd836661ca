package pupils

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// pupilDetail is the form beside the pupils table: every field of one pupil
// with inline validation, and the pupil's choices and friend.
type pupilDetail struct {
	screen *Screen
	pupil  data.Pupil    // as loaded; ID "" for a new pupil
	saved  *widget.Label // "Sparat." after a save, until the next edit
	// unprotect is set while a save goes on after the user confirmed
	// taking away the pupil's protected identity.
	unprotect bool

	first, last, class, gName, gPhone, gEmail, extID *widget.Entry
	needs, notes                                     *widgets.MultiLineField
	school, grade, gender                            *widget.Select
	birth                                            *widgets.DateField
	protected, shareable                             *widget.Check
	errs                                             map[string]*widget.Label
	banner                                           *widget.Label
	title                                            *widget.Label
	saveBtn, deleteBtn, printBtn, calBtn             *widget.Button
	ownBtn, replyBtn                                 *widget.Button
	form                                             *fyne.Container
	choices                                          *choicesEditor
	own                                              *ownPlacement  // the own-found placement dialog last opened
	reply                                            *guardianReply // the guardian reply dialog last opened
	empty                                            fyne.CanvasObject
	content                                          *fyne.Container
	scroll                                           *container.Scroll

	dirty   bool
	loading bool // true while fields are filled from a pupil
}

var genders = []data.Gender{data.GenderUnspecified, data.GenderGirl, data.GenderBoy, data.GenderOther}

func newPupilDetail(s *Screen) *pupilDetail {
	d := &pupilDetail{screen: s, errs: map[string]*widget.Label{}}
	changed := func(string) { d.onChanged() }
	entry := func() *widget.Entry {
		e := widget.NewEntry()
		e.OnChanged = changed
		e.OnSubmitted = func(string) { d.onSave() } // Enter saves
		return e
	}
	multi := func() *widgets.MultiLineField {
		e := widgets.NewMultiLineField()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		e.OnChanged = changed
		return e
	}
	d.first, d.last, d.class = entry(), entry(), entry()
	d.gName, d.gPhone, d.gEmail, d.extID = entry(), entry(), entry(), entry()
	d.needs, d.notes = multi(), multi()
	d.needs.SetPlaceHolder(lang.X("pupil.needs_hint", "Allergier, tillgänglighet …"))
	d.school = widgets.NewSelect(nil, changed)
	d.grade = widgets.NewSelect([]string{"8", "9"}, changed)
	var gopts []string
	for _, g := range genders {
		gopts = append(gopts, genderText(g))
	}
	d.gender = widgets.NewSelect(gopts, changed)
	d.birth = widgets.NewDateField(s.main.Window())
	d.birth.Entry.OnChanged = func(string) { d.onChanged() }
	d.protected = widget.NewCheck(lang.X("pupil.protected", "Skyddad identitet"), func(bool) { d.onChanged() })
	d.shareable = widget.NewCheck(lang.X("pupil.needs_shareable", "Får berättas för värden"), func(bool) { d.onChanged() })

	field := func(name, key, sv string, w fyne.CanvasObject) *widget.FormItem {
		e := widgets.NewErrLabel()
		d.errs[name] = e
		return widget.NewFormItem(lang.X(key, sv), container.NewVBox(w, e))
	}
	form := widget.NewForm(
		field("first_name", "pupil.first_name", "Förnamn", d.first),
		field("last_name", "pupil.last_name", "Efternamn", d.last),
		field("school", "pupil.school", "Skola", d.school),
		field("class_name", "pupil.class", "Klass", d.class),
		field("grade", "pupil.grade", "Årskurs", d.grade),
		field("birth_date", "pupil.birth_date", "Födelsedatum", d.birth),
		field("gender", "pupil.gender", "Kön", d.gender),
		field("protected", "pupil.identity", "Identitet", d.protected),
		field("guardian_name", "pupil.guardian_name", "Vårdnadshavare", d.gName),
		field("guardian_phone", "pupil.guardian_phone", "Telefon", d.gPhone),
		field("guardian_email", "pupil.guardian_email", "E-post", d.gEmail),
		field("needs", "pupil.needs", "Behov", d.needs),
		field("needs_shareable", "pupil.sharing", "Delning", d.shareable),
		field("external_id", "pupil.external_id", "Id i skolsystemet", d.extID),
		field("notes", "pupil.notes", "Anteckningar", d.notes),
	)
	d.banner = widget.NewLabel(lang.X("pupil.protected_banner",
		"Skyddad identitet: eleven visas aldrig med namn eller skola i det som lämnar skolan."))
	d.banner.Importance = widget.DangerImportance
	d.banner.Wrapping = fyne.TextWrapWord
	d.banner.TextStyle = fyne.TextStyle{Bold: true}
	d.banner.Hide()
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.saveBtn = widget.NewButtonWithIcon(lang.X("action.save", "Spara"), theme.DocumentSaveIcon(), d.onSave)
	d.saveBtn.Importance = widget.HighImportance
	d.deleteBtn = widget.NewButtonWithIcon(lang.X("action.delete", "Ta bort"), theme.DeleteIcon(), d.onDelete)
	d.printBtn = widget.NewButtonWithIcon(lang.X("pupil.print", "Praoschema"), theme.DocumentPrintIcon(), d.onPrint)
	d.calBtn = widget.NewButtonWithIcon(lang.X("pupil.calendar", "Kalender"), theme.CalendarIcon(), func() {
		if d.choices.period != nil && d.pupil.ID != "" {
			d.screen.main.SavePupilCalendar(d.pupil.ID, d.choices.period.ID)
		}
	})
	d.choices = newChoicesEditor(d)
	d.ownBtn = widget.NewButton(lang.X("own.button", "Egen praoplats …"), d.onShowOwnPlacement)
	d.replyBtn = widget.NewButton(lang.X("reply.button", "Svar från vårdnadshavare …"), d.onShowGuardianReply)
	// Found by use: a save said nothing but the "*" going; Företag says
	// "Sparat.", and so does this form until the next edit.
	d.saved = widget.NewLabel("")
	d.saved.Importance = widget.SuccessImportance
	d.saved.Hide()
	d.form = container.NewVBox(d.title, d.banner, form, d.saved, container.NewGridWithColumns(2, d.saveBtn, d.deleteBtn, d.printBtn, d.calBtn, d.ownBtn, d.replyBtn),
		widget.NewSeparator(), d.choices.content)
	d.empty = container.NewCenter(widget.NewLabel(lang.X("pupil.pick", "Välj en elev i listan, eller skapa en ny.")))
	// Scrolling both ways keeps the form from widening the window.
	d.scroll = container.NewScroll(container.NewPadded(d.form))
	d.content = container.NewStack(d.empty, d.scroll)
	d.content.Objects[1].Hide()
	return d
}

// show fills the form with p. Another pupil, or a new one, starts at the
// top of the form: found by use, the next pupil kept the scroll place of
// the one before, and Ctrl+N opened a new pupil's form at its bottom with
// Förnamn out of sight.
func (d *pupilDetail) show(p data.Pupil) {
	d.loading = true
	defer func() { d.loading = false }()
	d.saved.Hide()
	if p.ID != d.pupil.ID || p.ID == "" {
		d.scroll.ScrollToTop()
	}
	d.pupil = p
	d.first.SetText(p.FirstName)
	d.last.SetText(p.LastName)
	d.class.SetText(p.ClassName)
	d.gName.SetText(p.GuardianName)
	d.gPhone.SetText(p.GuardianPhone)
	d.gEmail.SetText(p.GuardianEmail)
	d.extID.SetText(p.ExternalID)
	d.needs.SetText(p.Needs)
	d.notes.SetText(p.Notes)
	d.birth.SetDate(p.BirthDate)
	d.protected.SetChecked(p.Protected)
	d.shareable.SetChecked(p.NeedsShareable)
	d.grade.SetSelected(strconv.Itoa(p.Grade))
	d.gender.SetSelectedIndex(max(0, slices.Index(genders, p.Gender)))
	var names []string
	sel := -1
	for i, s := range d.screen.schools {
		names = append(names, s.Name)
		if s.ID == p.SchoolID {
			sel = i
		}
	}
	d.school.Options = names
	d.school.SetSelectedIndex(sel)
	d.clearErrors()
	d.updateTitle()
	d.dirty = false
	d.empty.Hide()
	d.content.Objects[1].Show()
	d.deleteBtn.Disable()
	d.printBtn.Disable()
	d.calBtn.Disable()
	if p.ID != "" {
		d.deleteBtn.Enable()
		d.printBtn.Enable()
		d.calBtn.Enable()
	}
	d.choices.show(p)
}

// clear shows no pupil: the hint to choose one instead of the form.
func (d *pupilDetail) clear() {
	d.pupil = data.Pupil{}
	d.dirty = false
	d.content.Objects[1].Hide()
	d.empty.Show()
}

// editedName is the name in the form, or "Ny elev" for a new pupil not
// yet named (the title adds a star for unsaved edits).
func (d *pupilDetail) editedName() string {
	if name := strings.TrimSpace(d.first.Text + " " + d.last.Text); name != "" {
		return name
	}
	return lang.X("pupils.new", "Ny elev")
}

func (d *pupilDetail) updateTitle() {
	name := strings.TrimSpace(d.first.Text + " " + d.last.Text)
	switch {
	case d.pupil.ID == "" && name == "":
		name = lang.X("pupils.new", "Ny elev")
	case d.dirty:
		name += " *"
	}
	d.title.SetText(name)
	if d.protected.Checked {
		d.banner.Show()
	} else {
		d.banner.Hide()
	}
}

func (d *pupilDetail) onChanged() {
	if d.loading {
		return
	}
	d.saved.Hide()
	d.dirty = true
	d.updateTitle()
}

// read builds a pupil from the fields.
func (d *pupilDetail) read() data.Pupil {
	p := d.pupil
	p.FirstName, p.LastName, p.ClassName = d.first.Text, d.last.Text, d.class.Text
	p.GuardianName, p.GuardianPhone, p.GuardianEmail = d.gName.Text, d.gPhone.Text, d.gEmail.Text
	p.ExternalID, p.Needs, p.Notes = d.extID.Text, d.needs.Text, d.notes.Text
	p.Protected, p.NeedsShareable = d.protected.Checked, d.shareable.Checked
	p.Grade, _ = strconv.Atoi(d.grade.Selected)
	if i := d.gender.SelectedIndex(); i >= 0 {
		p.Gender = genders[i]
	}
	p.SchoolID = ""
	if i := d.school.SelectedIndex(); i >= 0 && i < len(d.screen.schools) {
		p.SchoolID = d.screen.schools[i].ID
	}
	return p
}

func (d *pupilDetail) clearErrors() {
	for _, l := range d.errs {
		l.Hide()
	}
}

// onSave validates and stores the pupil; errors show beside their fields.
func (d *pupilDetail) onSave() {
	p := d.read()
	d.clearErrors()
	// Both names, as a class list must have them; a pupil stored with one
	// (from an older exchange file) may keep it so.
	missing := false
	for _, n := range []struct{ field, now, was string }{
		{"first_name", p.FirstName, d.pupil.FirstName},
		{"last_name", p.LastName, d.pupil.LastName},
	} {
		if strings.TrimSpace(n.now) == "" && (d.pupil.ID == "" || strings.TrimSpace(n.was) != "") {
			d.showError(n.field, lang.X("err.required", "Måste fyllas i."))
			missing = true
		}
	}
	birth, ok := d.birth.Date()
	if !ok {
		d.showError("birth_date", d.birth.Problem())
		return
	}
	p.BirthDate = birth
	var ve *data.ValidationError
	if missing {
		// The other fields' errors too, all at once, and nothing saved.
		if errors.As(p.Validate(), &ve) {
			for _, f := range ve.Fields {
				if f.Field != "first_name" && f.Field != "last_name" {
					d.showError(f.Field, widgets.FieldMessage(f))
				}
			}
		}
		return
	}
	if d.pupil.ID != "" && d.pupil.Protected && !p.Protected && !d.unprotect {
		// Found by use: unticking Skyddad identitet saved at once. From now
		// on the pupil's name and school go out in what leaves the school.
		c := dialog.NewConfirm(lang.X("pupil.unprotect_title", "Ta bort skyddad identitet?"),
			lang.X("pupil.unprotect_text", "{{.Name}} kommer då med namn och skola i värdbekräftelser, listor till värdar och utbytesfiler. Gör det bara om skolan har bekräftat att skyddet har upphört.",
				map[string]string{"Name": p.Name()}),
			func(yes bool) {
				if yes {
					d.unprotect = true
					d.onSave()
					d.unprotect = false
				}
			}, d.screen.main.Window())
		c.SetConfirmText(lang.X("pupil.unprotect_confirm", "Ta bort skyddet"))
		c.Show()
		return
	}
	err := d.screen.main.Store().SavePupil(context.Background(), &p)
	switch {
	case errors.As(err, &ve):
		for _, f := range ve.Fields {
			d.showError(f.Field, widgets.FieldMessage(f))
		}
		return
	case err != nil:
		dialog.ShowError(err, d.screen.main.Window())
		return
	}
	d.dirty = false
	d.show(p)
	d.saved.SetText(lang.X("pupil.saved", "Sparat."))
	d.saved.Show()
	d.screen.Reload()
}

func (d *pupilDetail) showError(field, msg string) {
	l, ok := d.errs[field]
	if !ok {
		dialog.ShowError(errors.New(msg), d.screen.main.Window())
		return
	}
	widgets.ShowErr(l, msg)
}

// onDelete moves the pupil to the bin after asking; the bin restores.
func (d *pupilDetail) onDelete() {
	p := d.pupil
	if p.ID == "" {
		return
	}
	uikit.ConfirmDelete(lang.X("pupil.delete_title", "Ta bort elev"),
		lang.X("pupil.delete_confirm", "Flytta {{.Name}} till papperskorgen? Du kan återställa eleven därifrån.", map[string]string{"Name": p.Name()}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := d.screen.main.Store().DeletePupil(context.Background(), p.ID); err != nil {
				dialog.ShowError(err, d.screen.main.Window())
				return
			}
			d.dirty = false
			d.content.Objects[1].Hide()
			d.empty.Show()
			d.pupil = data.Pupil{}
			d.screen.Reload()
		}, d.screen.main.Window())
}

// askToLeave runs next at once, or after asking what to do with unsaved
// changes.
func (d *pupilDetail) askToLeave(next func()) { d.askToLeaveOr(next, nil) }

// askToLeaveOr is askToLeave that runs stay, when not nil, if the user
// chooses to stay with the edits (Avbryt, or Escape).
func (d *pupilDetail) askToLeaveOr(next, stay func()) {
	if !d.dirty {
		next()
		return
	}
	uikit.AskUnsaved(d.screen.main.Window(),
		lang.X("pupil.unsaved", "Du har ändrat {{.Name}} utan att spara.", map[string]string{"Name": d.editedName()}),
		func() bool {
			d.onSave()
			return !d.dirty // a failed save leaves the edits, and the user with them
		},
		// Discarding puts the saved pupil back in the form: the window may
		// show this screen again with the form as it was left (review:
		// the discarded edits could then be saved).
		func() { d.show(d.pupil) }, next, stay)
}

// onPrint opens Utskrifter with this pupil's schedule in the period shown
// in the choices editor.
func (d *pupilDetail) onPrint() {
	period := ""
	if d.choices.period != nil {
		period = d.choices.period.ID
	}
	d.askToLeave(func() { d.screen.main.PrintFor(reports.KindSchedules, period, "", "", d.pupil.ID, "") })
}

func (d *pupilDetail) refreshChoices() {
	if d.pupil.ID != "" {
		d.choices.show(d.pupil)
	}
}
