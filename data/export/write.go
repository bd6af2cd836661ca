package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// formulaStarts are the first characters that make Excel, LibreOffice Calc or
// Google Sheets treat a cell's text as a formula (or a DDE command) when the
// file is opened: "=", "+", "-", "@", and a leading tab or carriage return,
// after which the rest may be read as a formula (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// Neutralise makes text that a spreadsheet would run as a formula inert by
// putting an apostrophe (') before it: "=1+1" becomes "'=1+1", "+4670…"
// becomes "'+4670…". This is OWASP's advice for CSV injection. We chose the
// apostrophe over other ways (a leading space, a tab, dropping characters)
// because it is what a person types in Excel to enter text that looks like a
// formula, everybody recognises it, nothing of the original text is lost, and
// a reader can take it off again. It is applied to CSV only: XLSX cells are
// typed, and its text cells are formatted as text, so they stay text even
// when a user edits one (see WriteXLSX). Other text is returned unchanged.
func Neutralise(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// WriteCSV writes the table as CSV the way Swedish Excel opens it without an
// import wizard: UTF-8 with a byte order mark, ";" between fields, CRLF line
// ends, every field neutralised against formulas.
func WriteCSV(w io.Writer, t *Table) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	write := func(cells []string) error {
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = Neutralise(c)
		}
		return cw.Write(rec)
	}
	if err := write(t.Header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the table as one worksheet with typed cells: a
// ColNumber column's cells as numbers, ColDate and ColDateTime as dates in
// the Swedish format (yyyy-mm-dd, yyyy-mm-dd hh:mm), every other cell as
// text in a text-formatted ("@") cell, so "08" and "0701234567" stay as they
// are. Text cells are not neutralised: a typed string cell is never run as
// a formula, and being formatted as text it stays text when a user edits
// it, so an apostrophe would only show. A cell that does not read as its
// column's type (a grade left blank, a stray word) is written as text. The
// header row is bold, frozen and has a filter.
func WriteXLSX(w io.Writer, t *Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Sheet)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	number, err := f.NewStyle(&excelize.Style{NumFmt: 1}) // "0"
	if err != nil {
		return err
	}
	dateFmt, timeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	dateTime, err := f.NewStyle(&excelize.Style{CustomNumFmt: &timeFmt})
	if err != nil {
		return err
	}
	widths := make([]int, len(t.Header))
	measure := func(cells []string) {
		for i, c := range cells {
			if i < len(widths) {
				widths[i] = max(widths[i], min(utf8.RuneCountInString(c), 60))
			}
		}
	}
	measure(t.Header)
	for _, r := range t.Rows {
		measure(r)
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(max(wd, 10))+2); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	typed := func(col int, c string) excelize.Cell {
		var ct ColType
		if col < len(t.Types) {
			ct = t.Types[col]
		}
		switch {
		case c == "" && ct != ColText:
			return excelize.Cell{StyleID: map[ColType]int{ColNumber: number, ColDate: date, ColDateTime: dateTime}[ct]}
		case ct == ColNumber:
			if n, err := strconv.Atoi(strings.TrimSpace(c)); err == nil {
				return excelize.Cell{StyleID: number, Value: n}
			}
		case ct == ColDate:
			if d, err := time.Parse("2006-01-02", strings.TrimSpace(c)); err == nil {
				return excelize.Cell{StyleID: date, Value: d}
			}
		case ct == ColDateTime:
			if d, err := time.Parse("2006-01-02 15:04", strings.TrimSpace(c)); err == nil {
				return excelize.Cell{StyleID: dateTime, Value: d}
			}
		}
		return excelize.Cell{StyleID: text, Value: xmlSafe(c)}
	}
	row := func(n int, cells []string, header bool) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			if header {
				vals[i] = excelize.Cell{StyleID: bold, Value: xmlSafe(c)}
			} else {
				vals[i] = typed(i, c)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, vals)
	}
	if err := row(1, t.Header, true); err != nil {
		return err
	}
	for i, r := range t.Rows {
		if err := row(i+2, r, false); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if len(t.Header) > 0 {
		last, err := excelize.CoordinatesToCellName(len(t.Header), len(t.Rows)+1)
		if err != nil {
			return err
		}
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// sheetName makes a valid worksheet name: at most 31 characters, none of
// : \ / ? * [ ].
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Blad1"
	}
	return s
}

// xmlSafe drops the control characters XML cannot hold (all below space
// except tab, line feed and carriage return); excelize would otherwise write
// a file Excel calls broken.
func xmlSafe(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// Write writes the table in format f.
func Write(w io.Writer, f Format, t *Table) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, t)
	case FormatXLSX:
		return WriteXLSX(w, t)
	}
	return fmt.Errorf("%w: %q", ErrFormat, string(f))
}
