package formimport

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteFuzzCorpus rewrites the committed seed corpora of FuzzChoices
// and FuzzEvaluations under testdata/fuzz when run with TECHNIQUAL_WRITE_CORPUS=1 (a developer's
// helper): form exports as the tools write them, and broken ones.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("TECHNIQUAL_WRITE_CORPUS") == "" {
		t.Skip("set TECHNIQUAL_WRITE_CORPUS=1 to rewrite testdata/fuzz")
	}
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"ID", "Starttid", "Sluttid", "E-post", "Namn", "Klass", "Förstahandsval", "Andrahandsval"})
	x.SetSheetRow("Sheet1", "A2", &[]any{1, 46296.5, 46296.51, "elev@example.se", "Åsa Ek", "8A", "Pappersbruket", "Elnät"})
	x.SetSheetRow("Sheet1", "A3", &[]any{2, 46296.6, 46296.61, "", "Noa Öberg", "8A", "Volvo Cars", ""})
	xb, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"google-sv":      []byte(choicesFile),
		"google-1252":    win1252(t, "Tidsstämpel;Förnamn;Efternamn;Klass;1:a hand;2:a hand\r\n2026-10-05 09:00:00;Åsa;Ek;8A;Elnät;Kundtjänst\r\n"),
		"english-comma":  []byte("Timestamp,Name,Class,Choice 1,Choice 2,Choice 3\n10/5/2026 9:00:00 AM,\"Ek, Åsa\",8A,Valmet,\"Stora Enso – Pappersbruket\",\n"),
		"ranking-tab":    []byte("Namn\tKlass\tRangordna praoplatserna\nÅsa Ek\t8A\tElnät;Pappersbruket;Volvo Car Corporation – Målning;\n"),
		"title-lines":    []byte("Val till teknikprao\n\n;;\nNamn;Klass;Val 1;Val 2;Val 3;Val 4;Val 5;Val 6\nKim Larsson;8B;Elnät;Elnät;A;B;C;D\n"),
		"broken-quotes":  []byte("Namn;Val 1\n\"Åsa;Elnät\nBo\";\"Kund\"tjänst\n"),
		"ms-forms-xlsx":  xb.Bytes(),
		"no-name-column": []byte("Klass;Val 1\n8A;Elnät\n"),
		"pdf":            []byte("%PDF-1.7\n1 0 obj\n"),
		"junk":           {0, 1, 2, 0xff, 0xfe, 'P', 'K', 3, 4, 0},
	}
	writeCorpus(t, "FuzzChoices", seeds)

	e := excelize.NewFile()
	e.SetSheetRow("Sheet1", "A1", &[]any{"ID", "Starttid", "Namn", "Förnamn", "Efternamn", "Klass",
		"Hur intresserad av teknik var du före praon?", "Hur intresserad är du efter praon?", "Skulle du rekommendera praon?", "Något mer?"})
	e.SetSheetRow("Sheet1", "A2", &[]any{1, 46345.4, "Anonym", "Kim", "Larsson", "8B", 2, 5, "Ja", "Roligt att löda"})
	e.SetSheetRow("Sheet1", "A3", &[]any{2, 46345.5, "Anonym", "Åsa", "Ek", "8A", "3 – Ganska", "4/5", "Nej", ""})
	eb, err := e.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	writeCorpus(t, "FuzzEvaluations", map[string][]byte{
		"google-sv": []byte("Tidsstämpel;Vad heter du?;Klass;Hur intresserad av teknik var du före praon?;Hur intresserad är du efter praon?;" +
			"Skulle du rekommendera teknikprao till en kompis?;Vill du säga något mer?\r\n" +
			"2026-11-20 10:00;Kim Larsson;8B;2 – Lite intresserad;5 – Mycket intresserad;Ja;Roligt att få löda!\r\n" +
			"2026-11-20 10:05;Åsa Ek;8A;3;4;Nej;\r\n2026-11-20 10:06;Émile Sjöström;8C;;;;\r\n"),
		"english-comma": []byte("Timestamp,Name,Class,Interest before,Interest after,Would recommend,Comments\n" +
			"11/20/2026 10:00:00 AM,\"Larsson, Kim\",8B,Mycket intresserad (5),1,Yes,\"Bra, men långa dagar\"\n"),
		"only-after":    []byte("Namn;Klass;Intresse efter praon;Kommentar\nKim Larsson;8B;5;\nÅsa Ek;8A;;Inget\n"),
		"bad-answers":   []byte("Namn\tIntresse före\tIntresse efter\tRekommendera\nKim Larsson\t3,5\t6\tKanske\nÅsa Ek\t0\t-1\tBlå\n"),
		"long-comment":  []byte("Namn;Kommentar\nKim Larsson;" + strings.Repeat("Roligt! ", 700) + "\n"),
		"nul-comment":   []byte("Namn;Klass;Kommentar\nKim Larsson;8B;a\x00b\n"),
		"ms-forms-xlsx": eb.Bytes(),
		"no-answers":    []byte("Namn;Klass\nKim Larsson;8B\n"),
		"choices-file":  []byte(choicesFile),
		"junk":          {0xef, 0xbb, 0xbf, ';', '\n', 0, 0xff},
	})
}

// writeCorpus writes seeds as the committed corpus of the fuzz test name.
func writeCorpus(t *testing.T, name string, seeds map[string][]byte) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for file, b := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b)))
		if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
