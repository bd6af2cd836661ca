package formimport

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteFuzzCorpus rewrites the committed seed corpus of FuzzChoices
// under testdata/fuzz when run with TECHNIQUAL_WRITE_CORPUS=1 (a developer's
// helper): form exports as the tools write them, and broken ones.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("TECHNIQUAL_WRITE_CORPUS") == "" {
		t.Skip("set TECHNIQUAL_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzChoices")
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
	dir := filepath.Join("testdata", "fuzz", "FuzzChoices")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b)))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
