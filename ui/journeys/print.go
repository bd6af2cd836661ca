package journeys

import (
	"context"
	"errors"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
)

// savePDF asks where to save a PDF (suggesting name) and writes it off
// the UI goroutine with write, saying where it went or what went wrong.
func (s *Screen) savePDF(name string, write func(ctx context.Context, w io.Writer) error) {
	fd := uikit.NewSaveDialog(s.main.Window(), name, ".pdf", func(path string) { s.writePDF(path, write) })
	uikit.ShowFileDialog(s.main.Window(), fd)
}

// writePDF writes the document to path off the UI goroutine.
func (s *Screen) writePDF(path string, write func(ctx context.Context, w io.Writer) error) {
	s.main.Background(func() func() {
		err := reports.WriteJourneyFile(path, func(w io.Writer) error { return write(context.Background(), w) })
		return func() {
			switch {
			case errors.Is(err, reports.ErrNothing):
				s.showStatus(lang.X("jr.nothing", "Det finns inget att skriva ut."))
			case err != nil:
				s.showStatus(lang.X("jr.print_failed", "Det gick inte att skriva PDF:en: {{.Error}}", map[string]string{"Error": err.Error()}))
			default:
				s.showStatus(lang.X("jr.saved", "Sparad: {{.Path}}", map[string]string{"Path": path}))
			}
		}
	})
}

// onReport prints the selected member's journey report of the year.
func (s *Screen) onReport() {
	if s.selected < 0 || s.selected >= len(s.members) || s.j == nil {
		return
	}
	m, year, j, st := s.members[s.selected], s.chosenYear(), s.j, s.main.Store()
	o := reports.Options{Lang: s.main.Language()}
	s.savePDF(reports.JourneyFileName(m.Org.Name, year, o.Lang), func(ctx context.Context, w io.Writer) error {
		stories, err := st.ListJourneyEntries(ctx, m.Org.ID)
		if err != nil {
			return err
		}
		d, err := reports.NewJourneyReport(j, m.Org, year, stories)
		if err != nil {
			return err
		}
		return reports.WriteJourneyReport(w, d, o)
	})
}

// onBook prints the journey book of the year.
func (s *Screen) onBook() {
	year, st := s.chosenYear(), s.main.Store()
	if year == 0 {
		return
	}
	o := reports.Options{Lang: s.main.Language()}
	name := lang.X("jr.book_file", "Resebok {{.Year}}.pdf", map[string]string{"Year": itoa(year)})
	s.savePDF(name, func(ctx context.Context, w io.Writer) error {
		entries, err := st.ListJourneyEntries(ctx, "")
		if err != nil {
			return err
		}
		orgs, err := st.ListOrganisations(ctx, data.KindCompany)
		if err != nil {
			return err
		}
		by := map[string]data.Organisation{}
		for _, o := range orgs {
			by[o.ID] = o
		}
		return reports.WriteJourneyBook(w, reports.NewJourneyBook(year, entries, by), o)
	})
}

// onTables prints the chosen event's table plan and slips.
func (s *Screen) onTables() {
	if s.plan == nil {
		return
	}
	p := s.plan
	o := reports.Options{Lang: s.main.Language()}
	name := lang.X("jr.tables_file", "Bordsplacering {{.Event}}.pdf", map[string]string{"Event": p.Event.Title})
	s.savePDF(name, func(_ context.Context, w io.Writer) error { return reports.WriteTablePlan(w, p, o) })
}

func itoa(n int) string { return strconv.Itoa(n) }
