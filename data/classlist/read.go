package classlist

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Format is the kind of file a class list came in.
type Format string

// The formats a class list may come in.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// Encoding is the character encoding of a CSV file.
type Encoding string

// The encodings a CSV class list may be in.
const (
	EncodingUTF8        Encoding = "UTF-8"
	EncodingUTF8BOM     Encoding = "UTF-8 (BOM)"
	EncodingUTF16       Encoding = "UTF-16"
	EncodingWindows1252 Encoding = "Windows-1252"
	EncodingISO88591    Encoding = "ISO-8859-1"
)

// Encodings lists the encodings a reader may be told to use.
var Encodings = []Encoding{EncodingUTF8, EncodingUTF8BOM, EncodingUTF16, EncodingWindows1252, EncodingISO88591}

// Separators lists the separators a CSV class list may use.
var Separators = []rune{';', ',', '\t'}

// ReadOptions override what Read detects; zero fields are detected.
type ReadOptions struct {
	Separator rune     // ';', ',' or '\t'
	Encoding  Encoding // one of Encodings
	HeaderRow int      // the header's line (CSV) or row (XLSX), from 1
}

// Column is one column of a class list.
type Column struct {
	Index  int    // position in the row, from 0
	Header string // the header as the file writes it ("Kolumn 7" when blank)
	Field  Field  // what the column holds, as detected (FieldIgnore when unknown)
	Known  bool   // the header is a name this package knows
}

// Record is one data row: its line (CSV) or row number (XLSX), from 1, and
// its cells, trimmed, as many as there are columns.
type Record struct {
	Line  int
	Cells []string
}

// Table is a class list as read, with what was detected about it.
type Table struct {
	Name      string // the file's name
	Format    Format
	Encoding  Encoding // CSV only
	Separator rune     // CSV only
	Sheet     string   // XLSX only: the sheet read
	HeaderRow int      // line or row of the header, from 1
	// HeaderFound is false when no row looked like a header of a class list
	// and the first full row was taken as the header.
	HeaderFound bool
	Columns     []Column
	Records     []Record
}

// Mapping is the detected field of every column, to be changed by the caller.
func (t *Table) Mapping() []Field {
	m := make([]Field, len(t.Columns))
	for i, c := range t.Columns {
		m[i] = c.Field
	}
	return m
}

// Unknown lists the columns whose header the package does not know.
func (t *Table) Unknown() []Column {
	var out []Column
	for _, c := range t.Columns {
		if !c.Known {
			out = append(out, c)
		}
	}
	return out
}

// Samples returns up to n non-empty values of a column for showing beside
// it; values shaped like a personnummer are masked.
func (t *Table) Samples(col, n int) []string {
	var out []string
	for _, r := range t.Records {
		if len(out) == n {
			break
		}
		if col < len(r.Cells) && r.Cells[col] != "" {
			v := r.Cells[col]
			if looksLikePersonnummer(v) || (t.Columns[col].Field == FieldPersonnummer) {
				v = MaskPersonnummer(v)
			}
			out = append(out, v)
		}
	}
	return out
}

// maxFileSize bounds what is read into memory: a class list is small.
const maxFileSize = 64 << 20

// ReadFile reads a class list from a file; see Read.
func ReadFile(path string, opts ReadOptions) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileSize {
		return nil, fileErr(msgBinary)
	}
	t, err := Read(b, opts)
	if t != nil {
		t.Name = path
	}
	return t, err
}

// Read reads a class list in CSV or XLSX from b, detecting the format, the
// encoding, the separator and the header row (below any title lines) unless
// opts says them. A file that is not a class list (empty, a PDF, binary
// data) gives a *FileError wrapping ErrNotClassList.
func Read(b []byte, opts ReadOptions) (*Table, error) {
	switch {
	case len(bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))) == 0:
		return nil, fileErr(msgEmpty)
	case bytes.HasPrefix(b, []byte("%PDF")):
		return nil, fileErr(msgPDF)
	case bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0")):
		return nil, fileErr(msgOldExcel)
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return readXLSX(b, opts)
	}
	return readCSV(b, opts)
}

// decode turns the bytes into text in the given or detected encoding.
func decode(b []byte, enc Encoding) (string, Encoding, error) {
	if enc == "" {
		switch {
		case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
			enc = EncodingUTF8BOM
		case bytes.HasPrefix(b, []byte("\xFF\xFE")), bytes.HasPrefix(b, []byte("\xFE\xFF")):
			enc = EncodingUTF16
		case utf8.Valid(b):
			enc = EncodingUTF8
		default:
			enc = EncodingISO88591
			for _, c := range b {
				if c >= 0x80 && c <= 0x9F {
					enc = EncodingWindows1252 // ISO-8859-1 has only control codes there
					break
				}
			}
		}
	}
	var out []byte
	var err error
	switch enc {
	case EncodingUTF8, EncodingUTF8BOM:
		out = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
		if !utf8.Valid(out) {
			out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	case EncodingUTF16:
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	case EncodingWindows1252:
		out, err = charmap.Windows1252.NewDecoder().Bytes(b)
	case EncodingISO88591:
		out, err = charmap.ISO8859_1.NewDecoder().Bytes(b)
	default:
		return "", enc, fmt.Errorf("unknown encoding %q", enc)
	}
	return string(out), enc, err
}

// looksBinary reports whether text has control characters a text table never has.
func looksBinary(s string) bool {
	bad := 0
	for _, r := range s {
		if r == 0 {
			return true
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			bad++
		}
	}
	return bad > 0 && bad*100 > len(s)
}

func readCSV(b []byte, opts ReadOptions) (*Table, error) {
	text, enc, err := decode(b, opts.Encoding)
	if err != nil {
		return nil, fileErr(msgBinary)
	}
	if looksBinary(text) {
		return nil, fileErr(msgBinary)
	}
	t := &Table{Format: FormatCSV, Encoding: enc}
	skip := 0
	// Excel understands a first line "sep=;" naming the separator.
	if first, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.ToLower(first), "sep=") {
		if r := []rune(strings.TrimSpace(first[4:])); len(r) == 1 && opts.Separator == 0 {
			opts.Separator = r[0]
		}
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text, skip = text[i+1:], 1
		} else {
			text, skip = "", 1
		}
	}
	sep := opts.Separator
	if sep == 0 {
		sep = detectSeparator(text)
	}
	t.Separator = sep
	rows, lines, err := parseCSV(text, sep, -1)
	if err != nil {
		return nil, fileErr(msgBinary)
	}
	for i := range lines {
		lines[i] += skip
	}
	if err := t.fill(rows, lines, opts.HeaderRow); err != nil {
		return nil, err
	}
	return t, nil
}

// parseCSV splits text into records with their starting lines; limit > 0
// stops after that many records.
func parseCSV(text string, sep rune, limit int) ([][]string, []int, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	var lines []int
	for limit < 0 || len(rows) < limit {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(rows) > 0 && limit > 0 {
				break // a sample cut inside a quoted field
			}
			return nil, nil, err
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return rows, lines, nil
}

// detectSeparator picks the separator that splits the first lines into the
// most rows of one and the same width (of at least two columns); on a tie,
// the one whose header cells are more of the column names school systems
// use ("Efternamn, förnamn<TAB>Klass" splits into two columns by comma as
// well as by tab, but only the tab gives known headers), then the wider.
func detectSeparator(text string) rune {
	best, bestScore, bestKnown, bestWidth := ';', 0, 0, 0
	for _, sep := range Separators {
		rows, _, err := parseCSV(text, sep, 60)
		if err != nil {
			continue
		}
		counts := map[int]int{}
		known := 0
		for i, r := range rows {
			if len(r) > 1 {
				counts[len(r)]++
			}
			if i < headerScanRows {
				known = max(known, knownCount(r))
			}
		}
		score, width := 0, 0
		for w, c := range counts {
			if c > score || (c == score && w > width) {
				score, width = c, w
			}
		}
		better := score > bestScore
		if score == bestScore && score > 0 {
			better = known > bestKnown || (known == bestKnown && width > bestWidth)
		}
		if better {
			best, bestScore, bestKnown, bestWidth = sep, score, known, width
		}
	}
	return best
}

func readXLSX(b []byte, opts ReadOptions) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 512 << 20, UnzipXMLSizeLimit: 256 << 20})
	if err != nil {
		return nil, fileErr(msgBadXLSX, "Error", err.Error())
	}
	defer f.Close()
	var first *Table
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileErr(msgBadXLSX, "Error", err.Error())
		}
		lines := make([]int, len(rows))
		for i := range rows {
			lines[i] = i + 1
		}
		t := &Table{Format: FormatXLSX, Sheet: sheet}
		if err := t.fill(rows, lines, opts.HeaderRow); err != nil {
			continue
		}
		if t.HeaderFound {
			return t, nil
		}
		if first == nil {
			first = t
		}
	}
	if first == nil {
		return nil, fileErr(msgEmpty)
	}
	return first, nil
}

// headerScanRows is how far down a header row is looked for.
const headerScanRows = 30

// fill finds the header among rows (or takes row header, from 1), makes
// the columns and keeps the non-empty rows below it.
func (t *Table) fill(rows [][]string, lines []int, header int) error {
	for _, r := range rows {
		for i := range r {
			r[i] = strings.TrimSpace(r[i])
		}
	}
	hi := -1
	if header > 0 {
		for i, l := range lines {
			if l >= header {
				hi = i
				break
			}
		}
		if hi < 0 {
			return fileErr(msgNoRows)
		}
		t.HeaderFound = knownCount(rows[hi]) > 0
	} else {
		best := 0
		for i := 0; i < len(rows) && i < headerScanRows; i++ {
			if k := knownCount(rows[i]); k > best && filled(rows[i]) >= 2 {
				hi, best = i, k
			}
		}
		t.HeaderFound = hi >= 0
		if hi < 0 {
			// No header we know: take the first row as wide as most rows.
			width := map[int]int{}
			for i := 0; i < len(rows) && i < 200; i++ {
				width[filled(rows[i])]++
			}
			mode, n := 0, 0
			for w, c := range width {
				if w > 0 && (c > n || (c == n && w > mode)) {
					mode, n = w, c
				}
			}
			for i, r := range rows {
				if filled(r) == mode {
					hi = i
					break
				}
			}
		}
		if hi < 0 {
			return fileErr(msgEmpty)
		}
	}
	t.HeaderRow = lines[hi]
	width := len(rows[hi])
	for _, r := range rows[hi+1:] {
		if len(r) > width && filled(r[width:]) > 0 {
			width = len(r)
		}
	}
	hdr := rows[hi]
	guardianSeen := false
	for i := 0; i < width; i++ {
		h := ""
		if i < len(hdr) {
			h = hdr[i]
		}
		c := Column{Index: i, Header: h}
		if h == "" {
			c.Header = fmt.Sprintf("Kolumn %d", i+1)
		} else {
			f, ok := headerAliases[normHeader(h)]
			c.Known = ok
			switch {
			case f == fieldContactIgnored && guardianSeen:
				// "Vårdnadshavare; E-post; Telefon": the guardian's contact.
				if strings.Contains(normHeader(h), "post") || strings.Contains(normHeader(h), "mail") || strings.Contains(normHeader(h), "mejl") {
					f = FieldGuardianEmail
				} else {
					f = FieldGuardianPhone
				}
			case f == fieldContactIgnored:
				f = FieldIgnore // the pupil's own contact details are not kept
			}
			if f == FieldGuardianName {
				guardianSeen = true
			}
			for _, prev := range t.Columns {
				if f != FieldIgnore && prev.Field == f {
					f = FieldIgnore // a second "Vårdnadshavare" and the like
				}
			}
			c.Field = f
		}
		t.Columns = append(t.Columns, c)
	}
	for i, r := range rows[hi+1:] {
		if filled(r) == 0 {
			continue
		}
		cells := make([]string, width)
		copy(cells, r)
		t.Records = append(t.Records, Record{Line: lines[hi+1+i], Cells: cells})
	}
	return nil
}

func knownCount(r []string) int {
	seen := map[Field]bool{}
	for _, c := range r {
		if f, ok := headerAliases[normHeader(c)]; ok && c != "" {
			seen[f] = true
		}
	}
	return len(seen)
}

func filled(r []string) int {
	n := 0
	for _, c := range r {
		if c != "" {
			n++
		}
	}
	return n
}
