package classlist

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestWriteFuzzCorpus rewrites the committed seed corpus of FuzzRead under
// testdata/fuzz when run with TECHNIQUAL_WRITE_CORPUS=1 (a developer's
// helper): real-looking lists in every encoding, separator and format.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("TECHNIQUAL_WRITE_CORPUS") == "" {
		t.Skip("set TECHNIQUAL_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzRead")
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Klasslista")
	f.SetSheetRow("Sheet1", "A2", &[]any{"Förnamn", "Efternamn", "Klass", "Födelsedatum", "Kön"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"Åsa", "Ek", "8B", time.Date(2012, 3, 4, 0, 0, 0, 0, time.UTC), "F"})
	xlsx, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"swedish-1252":  newSwedishList(t).csv,
		"tab-latin1":    latin1(t, "Förnamn\tEfternamn\tKlass\tFödelsedatum\tKön\nÅke\tÄngström\t8A\t2012-01-15\tpojke\n"),
		"comma-quoted":  []byte("Namn,Klass,Personnummer\n\"Berg, Anna\",8A,120304-4710\n\"Ek, \"\"Bo\"\"\",9B,\n"),
		"utf16":         append([]byte("\xFF\xFE"), utf16le("Förnamn\tKlass\r\nÅsa\t8A\r\n")...),
		"title-lines":   []byte("Klasslista 8B\n\n;;\nElev-ID;Namn;Klass;Sekretessmarkering\n1;Ek, Sam;8B;X\n"),
		"broken-quotes": []byte("Förnamn;Klass\n\"Ada;8A\nBo\";9\"B\n"),
		"xlsx":          xlsx.Bytes(),
		"pdf":           []byte("%PDF-1.7\n1 0 obj\n"),
		"junk":          {0, 1, 2, 0xff, 0xfe, 'P', 'K', 3, 4, 0},
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
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
