package files

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/export"
	"techniqual/ui/internal/uitest"
)

func TestExportDialogWritesAFile(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	p := docs[0].Pupil
	p.Protected, p.LastName = true, "Hemlighetsdottirqz"
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	d := newExportDialog(m, "placements")
	m.Wait(t)
	if d.chosenKind() != export.KindPlacements || d.eventRow.Visible() || !d.periodRow.Visible() {
		t.Fatalf("kind %s, event row %v", d.chosenKind(), d.eventRow.Visible())
	}
	d.period.SetSelected(per.Name)
	if d.saveBtn.Disabled() {
		t.Fatal("Spara is disabled with a period chosen")
	}
	if got := d.suggestedName(time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)); got != "Placeringar Åk 9 v. 46 2026 2026-11-25.xlsx" {
		t.Errorf("suggested name %q", got)
	}
	path := filepath.Join(t.TempDir(), "placeringar.xlsx")
	d.saveTo(path)
	m.Wait(t)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("no file: %v", err)
	}
	if !strings.Contains(d.status.Text, path) || !strings.Contains(d.status.Text, "skyddad identitet") {
		t.Errorf("status %q", d.status.Text)
	}

	// CSV, with protected pupils: the warning shows and the name is there.
	d.format.SetSelected(d.format.Options[1])
	if !strings.HasSuffix(d.suggestedName(time.Now()), ".csv") {
		t.Error("the suggested name does not follow the format")
	}
	if d.warning.Visible() {
		t.Error("the warning shows before opting in")
	}
	d.include.SetChecked(true)
	if !d.warning.Visible() {
		t.Error("no warning after opting in")
	}
	csvPath := filepath.Join(t.TempDir(), "med.csv")
	d.saveTo(csvPath)
	m.Wait(t)
	b, err := os.ReadFile(csvPath)
	if err != nil || !bytes.Contains(b, []byte("Hemlighetsdottirqz")) {
		t.Errorf("csv with protected pupils: %v", err)
	}
	log, _ := st.ListAudit(ctx)
	if len(log) < 2 || log[0].Action != "export placements" || log[0].What != csvPath || !strings.Contains(log[0].Detail, "skyddad identitet medtagen") {
		t.Errorf("audit log %+v", log)
	}

	// Participants need an event; hosts hide the protected choice.
	d.kind.SetSelectedIndex(3)
	if !d.eventRow.Visible() || d.periodRow.Visible() {
		t.Error("participants do not ask for an event")
	}
	d.kind.SetSelectedIndex(2)
	if d.include.Visible() {
		t.Error("the host list offers protected pupils")
	}
	d.kind.SetSelectedIndex(1)
	d.period.SetSelectedIndex(0) // "Alla elever": placements need a period
	if !d.saveBtn.Disabled() {
		t.Error("Spara is enabled without a period")
	}
	ShowExport(m, "pupils") // shows without panicking
}
