package settings

import (
	"context"

	"techniqual/data"
	"techniqual/ui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// networkCard edits the network's contact: whom a host asks about a pupil
// with protected identity. Host confirmations, attendance cards, offer
// calendars, host files and run-sheets print this contact on such a
// pupil's row instead of the school's, which would point to the school.
type networkCard struct {
	main                      Shell
	first, last, phone, email *widget.Entry
	title                     *widget.Entry
	status                    *widget.Label
	card                      *widget.Card
}

func newNetworkCard(m Shell) *networkCard {
	c := &networkCard{main: m, first: widget.NewEntry(), last: widget.NewEntry(), title: widget.NewEntry(),
		phone: widget.NewEntry(), email: widget.NewEntry(), status: widget.NewLabel("")}
	c.status.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(lang.X("settings.network_save", "Spara kontakten"), theme.DocumentSaveIcon(), c.save)
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.network_first", "Förnamn"), c.first),
		widget.NewFormItem(lang.X("settings.network_last", "Efternamn"), c.last),
		widget.NewFormItem(lang.X("settings.network_title", "Roll"), c.title),
		widget.NewFormItem(lang.X("settings.network_phone", "Telefon"), c.phone),
		widget.NewFormItem(lang.X("settings.network_email", "E-post"), c.email))
	note := widgets.WrapLabel(lang.X("settings.network_note",
		"Värdar frågar den här personen om en elev med skyddad identitet. Den står på elevens rad i värdbekräftelser, närvarokort, kalendrar, värdfiler och körscheman i stället för skolans kontakt, som skulle avslöja elevens skola."))
	c.card = widget.NewCard(lang.X("settings.network", "Nätverkets kontakt"), "", container.NewVBox(note, form, container.NewHBox(save), c.status))
	return c
}

// reload shows the stored contact.
func (c *networkCard) reload() {
	p, err := c.main.Store().NetworkContact(context.Background())
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	if p == nil {
		p = &data.Person{}
	}
	c.first.SetText(p.FirstName)
	c.last.SetText(p.LastName)
	c.title.SetText(p.Title)
	c.phone.SetText(p.Phone)
	c.email.SetText(p.Email)
}

func (c *networkCard) save() {
	p := data.Person{FirstName: c.first.Text, LastName: c.last.Text, Title: c.title.Text, Phone: c.phone.Text, Email: c.email.Text}
	if err := c.main.Store().SetNetworkContact(context.Background(), p); err != nil {
		c.status.SetText(lang.X("settings.network_failed", "Kontakten sparades inte: {{.Err}}", map[string]string{"Err": err.Error()}))
		return
	}
	c.status.SetText(lang.X("settings.network_saved", "Kontakten är sparad."))
}
