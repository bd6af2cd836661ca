package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The impact report of the example data stays small enough to e-mail to
// the board: its fonts are embedded as subsets (a few KB of glyphs, not
// the 445 KB font files) and its charts as palette PNGs, under 30 KB a page
// (45 KB a page here, 70 KB with the default example data, when the charts
// were full-colour PNGs at the fastest compression).
func TestPDFImpactOfTheExampleDataIsSmall(t *testing.T) {
	db, _ := demoDB(t)
	out := filepath.Join(t.TempDir(), "impact.pdf")
	var stdout, stderr bytes.Buffer
	if code := runWords([]string{"pdf", "impact"}, []string{"--db", db, "--year", "2026", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("%d %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+) pages`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no page count in %q", stdout.String())
	}
	pages, _ := strconv.Atoi(m[1])
	if perPage := len(b) / pages; perPage > 30<<10 {
		t.Errorf("%d bytes for %d pages: %d KB a page, want at most 30", len(b), pages, perPage>>10)
	}
	t.Logf("%d pages, %d KB", pages, len(b)>>10)
	// Each embedded font program is a subset: /Length1 is the font file's
	// size before compression.
	fonts := regexp.MustCompile(`/Length1 (\d+)`).FindAllSubmatch(b, -1)
	if len(fonts) == 0 {
		t.Fatal("no embedded font")
	}
	for _, f := range fonts {
		if n, _ := strconv.Atoi(string(f[1])); n > 100<<10 {
			t.Errorf("an embedded font of %d KB: not a subset", n>>10)
		}
	}
	// And a reader sees them as subsets: pdffonts' "sub" column says yes.
	if _, err := exec.LookPath("pdffonts"); err == nil {
		list, err := exec.Command("pdffonts", out).Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(list)), "\n")[2:]
		for _, l := range lines {
			if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
				t.Errorf("pdffonts: %q is not an embedded subset", l)
			}
		}
		if len(lines) == 0 {
			t.Errorf("pdffonts lists no font:\n%s", list)
		}
	}
}
