package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/stats"
)

// TestImpactExample writes the impact report of 2026 from the example data
// (600 pupils, seed 1) to assets/examples/impact-report.pdf with -update,
// as TestExamples does for the period's documents:
//
//	go test ./reports -run TestImpactExample -update
//
// Without -update it checks that the example there reads back.
func TestImpactExample(t *testing.T) {
	path := filepath.Join("..", "assets", "examples", "impact-report.pdf")
	if *update {
		writeImpactExample(t, path)
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skip("no example yet; run with -update")
	}
	if err != nil {
		t.Fatal(err)
	}
	text := flat(strings.Join(pdfPages(t, b), " "))
	if m := missing(text, "Effektrapport 2026", "Nyckeltal", "Kommunerna", "Företagen", "Sida 1 av"); len(m) > 0 {
		t.Errorf("the example lacks %q", m)
	}
}

func writeImpactExample(t *testing.T, path string) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 600, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	from, to := stats.CalendarYear(2026)
	this, err := stats.LoadYear(ctx, st, "2026", from, to, 5)
	if err != nil {
		t.Fatal(err)
	}
	from, to = stats.CalendarYear(2025)
	last, err := stats.LoadYear(ctx, st, "2025", from, to, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteImpact(&b, NewImpact(2026, this, last), Options{Fixed: demo.Now}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes", path, b.Len())
}
