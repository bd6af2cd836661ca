package export

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// checkTypes reads an XLSX back with excelize and checks every non-empty
// cell's type against its column's: numbers as numbers, dates as dates in
// the Swedish format, everything else as a string without an apostrophe.
func checkTypes(t *testing.T, path string, want *Table) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	for r, row := range want.Rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			typ, err := x.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			ct := ColText
			if c < len(want.Types) {
				ct = want.Types[c]
			}
			style, _ := x.GetCellStyle(sheet, cell)
			st, _ := x.GetStyle(style)
			switch ct {
			case ColText:
				if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Fatalf("%s %s %q: type %v, want text", want.Header[c], cell, v, typ)
				}
			case ColNumber:
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Fatalf("%s %s %q: type %v, want a number", want.Header[c], cell, v, typ)
				}
			case ColDate, ColDateTime:
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
					t.Fatalf("%s %s %q: type %v, want a date", want.Header[c], cell, v, typ)
				}
				if st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "yyyy-mm-dd") {
					t.Fatalf("%s %s: number format %v, want yyyy-mm-dd", want.Header[c], cell, st.CustomNumFmt)
				}
			}
		}
	}
}

// The board's sums work: grades and seats are numbers (SUM gives the real
// total), dates are dates, phone numbers and formula-looking text are
// strings without an apostrophe. Read back by openpyxl, the library most
// scripts open XLSX with, when it is installed.
func TestXLSXCellsAreTypedForOpenpyxl(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	for _, k := range []Kind{KindPupils, KindHosts, KindParticipants, KindAttendance} {
		path := filepath.Join(dir, string(k)+".xlsx")
		if _, _, err := Export(ctx, f.st, path, f.options(k)); err != nil {
			t.Fatal(err)
		}
	}
	py := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("python3 with openpyxl is not installed (apt-get install python3-openpyxl): the files are read back by excelize only")
	}
	script := `
import sys, datetime, openpyxl
d = sys.argv[1]
def col(ws, name):
    for c in ws[1]:
        if c.value == name: return c.column
    raise SystemExit("no column " + name)
ws = openpyxl.load_workbook(d + "/pupils.xlsx").active
g, b, ph = col(ws, "Årskurs"), col(ws, "Födelsedatum"), col(ws, "Vårdnadshavares telefon")
grades = [r[g-1] for r in ws.iter_rows(min_row=2, values_only=True) if r[g-1] is not None]
assert grades and all(type(v) is int for v in grades), grades[:5]
cell = ws.cell(row=2, column=b)
assert cell.is_date and isinstance(cell.value, datetime.datetime) and cell.number_format == "yyyy-mm-dd", (cell.value, cell.number_format)
phones = [r[ph-1] for r in ws.iter_rows(min_row=2, values_only=True) if r[ph-1]]
assert phones and all(type(v) is str and not v.startswith("'") for v in phones), phones[:5]
assert any(v.startswith("+") for v in phones), phones[:5]
ws = openpyxl.load_workbook(d + "/hosts.xlsx").active
s = col(ws, "Platser")
seats = [r[s-1] for r in ws.iter_rows(min_row=2, values_only=True)]
assert all(type(v) is int for v in seats) and sum(seats) > 0, seats[:5]
ws = openpyxl.load_workbook(d + "/attendance.xlsx").active
c = ws.cell(row=2, column=col(ws, "Datum"))
assert c.is_date and c.number_format == "yyyy-mm-dd", (c.value, c.number_format)
ws = openpyxl.load_workbook(d + "/participants.xlsx").active
times = [r[col(ws, "Anmäld")-1] for r in ws.iter_rows(min_row=2, values_only=True) if r[col(ws, "Anmäld")-1] is not None]
assert times and all(isinstance(v, datetime.datetime) for v in times), times[:3]
print("ok", sum(seats))
`
	out, err := exec.Command(py, "-c", script, dir).CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "ok") {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
}
