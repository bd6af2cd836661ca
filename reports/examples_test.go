package reports

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
)

var update = flag.Bool("update", false, "rewrite the example documents in assets/examples")

// TestExamples writes one example of each document, made from the example
// data (600 pupils, seed 1), to assets/examples when run with -update:
//
//	go test ./reports -run TestExamples -update
//
// Without -update it checks the examples that are there read back.
func TestExamples(t *testing.T) {
	dir := filepath.Join("..", "assets", "examples")
	files := map[Kind]string{KindSchedules: "schedule.pdf", KindHosts: "host-confirmation.pdf",
		KindAttendance: "attendance-card.pdf", KindCertificates: "certificate.pdf"}
	if *update {
		writeExamples(t, dir, files)
	}
	for k, name := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			t.Skipf("no examples yet; run with -update")
		}
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(pdfPages(t, b), " ")
		title := map[Kind]string{KindSchedules: "Praoschema", KindHosts: "Värdbekräftelse",
			KindAttendance: "Närvarokort", KindCertificates: "Praointyg"}[k]
		if !strings.Contains(text, title) || !strings.Contains(text, "Sida 1 av") {
			t.Errorf("%s does not read back as a %s", name, title)
		}
	}
}

func writeExamples(t *testing.T, dir string, files map[Kind]string) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 600, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// One pupil who met several people, was away a day and got a comment;
	// for the host, the offer of that pupil with all who come there.
	pupil := docs[0]
	for _, d := range docs {
		if len(d.RoleModels) >= 3 && d.Assignment.SupervisorComment != "" &&
			len(Attended(d)) == len(d.Offer.Days)-1 {
			pupil = d
			break
		}
	}
	var offer []data.ScheduleDoc
	for _, d := range docs {
		if d.Offer.ID == pupil.Offer.ID {
			offer = append(offer, d)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	o := Options{Fixed: demo.Now}
	for k, name := range files {
		use := []data.ScheduleDoc{pupil}
		if k == KindHosts {
			use = offer
		}
		var b bytes.Buffer
		if err := Write(&b, k, use, o); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("examples for %s at %s (%d pupils at the offer)", pupil.Pupil.Name(), pupil.Host.Name, len(offer))
}
