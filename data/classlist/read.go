package classlist

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
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
	// MaxRows bounds the pupil rows of a list (0: DefaultMaxRows). A file
	// with more is refused before it is read to its end.
	MaxRows int
}

// The bounds of what a class list may be. A municipality's whole list is
// under 20,000 pupils and a few megabytes; anything far bigger is a
// mistake or an attack (a zip bomb), refused at once with its cause.
const (
	// DefaultMaxRows is how many pupil rows a list may have unless told.
	DefaultMaxRows = 20000
	// MaxColumns is how many columns a row may have.
	MaxColumns = 200
	// MaxCellChars is how long one cell may be, in characters.
	MaxCellChars = 10000
	// MaxFileSize is how big a class list file may be, in bytes.
	MaxFileSize = 32 << 20
	// MaxUnzippedSize is how much an XLSX file may hold unpacked, in bytes.
	MaxUnzippedSize = 128 << 20
)

func (o ReadOptions) maxRows() int {
	if o.MaxRows > 0 {
		return o.MaxRows
	}
	return DefaultMaxRows
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

// ReadFile reads a class list from a file; see Read. A file over
// MaxFileSize is refused by its size, without being read.
func ReadFile(path string, opts ReadOptions) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b []byte
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > MaxFileSize {
			return nil, tooLarge(fi.Size())
		}
		if fi.Mode().IsRegular() {
			// Read into a buffer of the file's size (a byte more to see
			// the end), not one grown by doubling.
			b = make([]byte, 0, fi.Size()+1)
		}
	}
	b, err = readAll(io.LimitReader(f, MaxFileSize+1), b)
	if err != nil {
		return nil, err
	}
	t, err := read(b, opts, strings.EqualFold(filepath.Ext(path), ".xlsx"))
	if t != nil {
		t.Name = path
	}
	return t, err
}

// readAll is io.ReadAll into b's spare room, grown only when that is full.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

func tooLarge(size int64) error {
	return fileErr(msgTooLarge, "Size", megabytes(size), "Max", megabytes(MaxFileSize))
}

func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d kB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
}

// Read reads a class list in CSV or XLSX from b, detecting the format, the
// encoding, the separator and the header row (below any title lines) unless
// opts says them. A file that is not a class list (empty, a PDF, binary
// data, too large, text in two encodings, a quote that never ends) gives a
// *FileError wrapping ErrNotClassList that names the cause and the line.
func Read(b []byte, opts ReadOptions) (*Table, error) { return read(b, opts, false) }

// read is Read of a file whose name says .xlsx when namedXLSX: text is then
// refused as no Excel file (found by use: a text file renamed .xlsx was read
// as a CSV list, its text offered as unknown columns).
func read(b []byte, opts ReadOptions, namedXLSX bool) (*Table, error) {
	switch {
	case len(b) > MaxFileSize:
		return nil, tooLarge(int64(len(b)))
	case len(bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))) == 0:
		return nil, fileErr(msgEmpty)
	case bytes.HasPrefix(b, []byte("%PDF")):
		return nil, fileErr(msgPDF)
	case bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0")):
		return nil, fileErr(msgOldExcel)
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return readXLSX(b, opts)
	case namedXLSX:
		return nil, fileErr(msgNotXLSX)
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
		case hasUTF8Letters(b):
			// Some lines are UTF-8, others not: whichever is chosen, one
			// part would be garbled ("Ã–berg").
			return "", enc, mixedEncoding(b)
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
			// Only when told UTF-8 (detection refuses such a file): the
			// bytes that are not are shown as �, for the user to see.
			out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	case EncodingUTF16:
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	case EncodingWindows1252:
		return windows1252.decode(b), enc, nil
	case EncodingISO88591:
		return iso88591.decode(b), enc, nil
	default:
		return "", enc, fmt.Errorf("unknown encoding %q", enc)
	}
	return string(out), enc, err
}

// byteTable decodes a one-byte character set: the UTF-8 of each byte, as
// golang.org/x/text's charmap decodes it. A table lookup a byte is several
// times faster than the general decoder, and a class list is megabytes.
type byteTable [256]string

func newByteTable(cm *charmap.Charmap) *byteTable {
	var t byteTable
	for i := range t {
		t[i] = string(cm.DecodeByte(byte(i)))
	}
	return &t
}

var (
	windows1252 = newByteTable(charmap.Windows1252)
	iso88591    = newByteTable(charmap.ISO8859_1)
)

func (t *byteTable) decode(b []byte) string {
	n := 0
	for _, c := range b {
		n += len(t[c])
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := 0; i < len(b); {
		// Runs of ASCII are copied as they are.
		j := i
		for j < len(b) && b[j] < utf8.RuneSelf {
			j++
		}
		sb.Write(b[i:j])
		if j < len(b) {
			sb.WriteString(t[b[j]])
			j++
		}
		i = j
	}
	return sb.String()
}

// hasUTF8Letters reports whether b holds a character of two or more bytes
// in UTF-8 ("ö" written C3 B6).
func hasUTF8Letters(b []byte) bool {
	for len(b) > 0 {
		if b[0] < 0x80 {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && n > 1 {
			return true
		}
		b = b[n:]
	}
	return false
}

// firstInvalidUTF8 is the offset of the first byte that is not UTF-8.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineOf is the line (from 1) of the byte at offset i.
func lineOf(b []byte, i int) int { return bytes.Count(b[:min(i, len(b))], []byte("\n")) + 1 }

// mixedEncoding names a line in UTF-8 and a line that is not.
func mixedEncoding(b []byte) *FileError {
	bad := firstInvalidUTF8(b)
	good := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && n > 1 {
			good = i
			break
		}
		i += max(n, 1)
	}
	e := fileErr(msgMixedEncoding, "UTF8Line", strconv.Itoa(lineOf(b, good)), "Line", strconv.Itoa(lineOf(b, bad)))
	e.Kind = ErrMixedEncoding
	return e
}

// looksBinary reports whether text has control characters a text table never has.
func looksBinary(s string) bool {
	bad := 0
	// Byte by byte: a byte under 0x20 is always a character of its own in
	// UTF-8 (and in what is not UTF-8, read a byte at a time).
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			bad++
		}
	}
	return bad > 0 && bad*100 > len(s)
}

func readCSV(b []byte, opts ReadOptions) (*Table, error) {
	text, enc, err := decode(b, opts.Encoding)
	var fe *FileError
	if errors.As(err, &fe) {
		return nil, err
	}
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
	if line, open := unterminatedQuote(text, sep); open {
		return nil, fileErr(msgQuote, "Line", strconv.Itoa(line+skip))
	}
	limit := opts.maxRows() + headerScanRows + 1
	rows, lines, err := parseCSV(text, sep, limit)
	if err != nil {
		return nil, fileErr(msgBinary)
	}
	for i := range lines {
		lines[i] += skip
	}
	if err := checkSize(rows, lines, opts.maxRows()); err != nil {
		return nil, err
	}
	if err := t.fill(rows, lines, opts.HeaderRow); err != nil {
		return nil, err
	}
	if len(t.Records) > opts.maxRows() {
		return nil, fileErr(msgTooManyRows, "Max", strconv.Itoa(opts.maxRows()))
	}
	return t, nil
}

// parseCSV splits text into records with their starting lines; limit > 0
// stops after that many records.
func parseCSV(text string, sep rune, limit int) ([][]string, []int, error) {
	if (sep == ';' || sep == ',' || sep == '\t') && strings.IndexByte(text, '"') < 0 {
		rows, lines := splitPlain(text, byte(sep), limit)
		return rows, lines, nil
	}
	return readRecords(text, sep, limit)
}

// splitPlain splits text without a quote as encoding/csv reads it (see
// readRecords): records end at line ends ("\r\n" or "\n", a "\r" at the
// very end dropped), empty lines are skipped, and every separator splits.
// The cells are pieces of text, not copies, kept in a few shared blocks:
// a list of 10,000 rows is then a handful of allocations, not 20,000.
func splitPlain(text string, sep byte, limit int) ([][]string, []int) {
	n := limit // the records to make room for: at most the lines
	if limit < 0 || limit > 1000 {
		n = strings.Count(text, "\n") + 1
		if limit > 0 {
			n = min(n, limit)
		}
	}
	rows := make([][]string, 0, n)
	lines := make([]int, 0, n)
	var block []string
	line := 0
	for text != "" && (limit < 0 || len(rows) < limit) {
		line++
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			continue
		}
		k := strings.Count(l, string(sep)) + 1
		if cap(block)-len(block) < k {
			block = make([]string, 0, max(k, 4096))
		}
		start := len(block)
		for {
			j := strings.IndexByte(l, sep)
			if j < 0 {
				block = append(block, l)
				break
			}
			block = append(block, l[:j])
			l = l[j+1:]
		}
		rows = append(rows, block[start:len(block):len(block)])
		lines = append(lines, line)
	}
	return rows, lines
}

// readRecords is parseCSV by encoding/csv, for text with quotes.
func readRecords(text string, sep rune, limit int) ([][]string, []int, error) {
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

// unterminatedQuote finds a quoted field that is never closed, read as
// encoding/csv reads it with LazyQuotes (a quote inside a quoted field that
// is not followed by a separator or a line end is taken as it is), and
// returns the line where it opens: such a field swallows the rest of the
// file, and every later row would seem to be missing its columns.
func unterminatedQuote(text string, sep rune) (int, bool) {
	if strings.IndexByte(text, '"') < 0 {
		return 0, false
	}
	sepStr := string(sep)
	line, start := 1, true
	inQuote, openLine := false, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if inQuote {
			switch {
			case c == '\n':
				line++
			case c == '"' && i+1 < len(text) && text[i+1] == '"':
				i++
			case c == '"':
				rest := text[i+1:]
				if rest == "" || rest[0] == '\n' || rest[0] == '\r' || strings.HasPrefix(rest, sepStr) {
					inQuote = false
				}
			}
			continue
		}
		switch {
		case c == '"' && start:
			inQuote, openLine = true, line
		case c == '\n':
			line++
			start = true
			continue
		case strings.HasPrefix(text[i:], sepStr):
			start = true
			i += len(sepStr) - 1
			continue
		}
		start = false
	}
	return openLine, inQuote
}

// checkSize refuses a table over the bounds: too many rows (counted after
// a header that may stand up to headerScanRows down), a row too wide, a
// cell too long.
func checkSize(rows [][]string, lines []int, maxRows int) error {
	if len(rows) > maxRows+headerScanRows {
		return fileErr(msgTooManyRows, "Max", strconv.Itoa(maxRows))
	}
	for i, r := range rows {
		if len(r) > MaxColumns && filled(r[MaxColumns:]) > 0 {
			return fileErr(msgTooManyColumns, "Line", strconv.Itoa(lines[i]), "N", strconv.Itoa(len(r)), "Max", strconv.Itoa(MaxColumns))
		}
		for j, c := range r {
			if len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars {
				return fileErr(msgCellTooLong, "Line", strconv.Itoa(lines[i]), "Column", strconv.Itoa(j+1), "Max", strconv.Itoa(MaxCellChars))
			}
		}
	}
	return nil
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
	if err := checkZip(b, opts.maxRows()); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzippedSize, UnzipXMLSizeLimit: MaxUnzippedSize})
	if err != nil {
		return nil, fileErr(msgBadXLSX, "Error", err.Error())
	}
	defer f.Close()
	var first *Table
	for _, sheet := range f.GetSheetList() {
		rows, lines, err := sheetRows(f, sheet, opts.maxRows())
		if err != nil {
			return nil, err
		}
		t := &Table{Format: FormatXLSX, Sheet: sheet}
		if err := t.fill(rows, lines, opts.HeaderRow); err != nil {
			continue
		}
		if len(t.Records) > opts.maxRows() {
			return nil, fileErr(msgTooManyRows, "Max", strconv.Itoa(opts.maxRows()))
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

// checkZip refuses an XLSX file whose parts would unpack to more than
// MaxUnzippedSize, from the sizes its directory declares, before anything
// is unpacked (archive/zip refuses to unpack more than a part declares).
func checkZip(b []byte, maxRows int) error {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fileErr(msgBadXLSX, "Error", err.Error())
	}
	if len(z.File) > 10000 {
		return fileErr(msgUnzipTooLarge, "Size", strconv.Itoa(len(z.File))+" parts", "Max", megabytes(MaxUnzippedSize))
	}
	var total uint64
	for _, zf := range z.File {
		total += zf.UncompressedSize64
		if total > MaxUnzippedSize || zf.UncompressedSize64 > MaxUnzippedSize {
			return fileErr(msgUnzipTooLarge, "Size", megabytes(int64(min(total, 1<<50))), "Max", megabytes(MaxUnzippedSize))
		}
	}
	// The Excel reader unpacks every part before a row can be read, so
	// the sheets are first counted as they stream by: a sheet over the
	// row cap is refused after reading only as far as the cap.
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			return fileErr(msgBadXLSX, "Error", err.Error())
		}
		err = scanSheet(r, maxRows)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// scanSheet counts the rows of a sheet's XML (elements "<row" or
// "<x:row") as it streams by, and refuses it once over the row cap, or
// at a run of text far longer than any cell may be.
func scanSheet(r io.Reader, maxRows int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	rows, run := 0, 0
	var prev [5]byte // the bytes before the current one
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fileErr(msgBadXLSX, "Error", err.Error())
		}
		run++
		if c == '<' {
			run = 0
		}
		if run > 4*MaxCellChars+1024 {
			return fileErr(msgCellTooLong, "Line", strconv.Itoa(rows), "Column", "?", "Max", strconv.Itoa(MaxCellChars))
		}
		// "row" followed by a space, ">" or "/", after "<" or ":".
		if (c == ' ' || c == '>' || c == '/') && prev[4] == 'w' && prev[3] == 'o' && prev[2] == 'r' && (prev[1] == '<' || prev[1] == ':') {
			if rows++; rows > maxRows+headerScanRows+1 {
				return fileErr(msgTooManyRows, "Max", strconv.Itoa(maxRows))
			}
		}
		copy(prev[:], prev[1:])
		prev[4] = c
	}
}

// sheetRows reads a sheet row by row, stopping with an error as soon as it
// is over the bounds: a sheet is never read whole into memory first.
func sheetRows(f *excelize.File, sheet string, maxRows int) ([][]string, []int, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, fileErr(msgBadXLSX, "Error", err.Error())
	}
	defer it.Close()
	var rows [][]string
	var lines []int
	for n := 1; it.Next(); n++ {
		if n > maxRows+headerScanRows+1 {
			return nil, nil, fileErr(msgTooManyRows, "Max", strconv.Itoa(maxRows))
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, fileErr(msgBadXLSX, "Error", err.Error())
		}
		rows = append(rows, cols)
		lines = append(lines, n)
		if err := checkSize(rows[len(rows)-1:], lines[len(lines)-1:], maxRows); err != nil {
			return nil, nil, err
		}
	}
	if err := it.Error(); err != nil {
		return nil, nil, fileErr(msgBadXLSX, "Error", err.Error())
	}
	// Trailing empty rows are dropped, as GetRows drops them.
	for len(rows) > 0 && filled(rows[len(rows)-1]) == 0 {
		rows, lines = rows[:len(rows)-1], lines[:len(lines)-1]
	}
	return rows, lines, nil
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
			f, ok := detectHeader(h)
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
				// Several columns may mark protected identity; each counts.
				if f != FieldIgnore && f != FieldProtected && prev.Field == f {
					f = FieldIgnore // a second "Vårdnadshavare" and the like
				}
			}
			c.Field = f
		}
		t.Columns = append(t.Columns, c)
	}
	t.Records = make([]Record, 0, len(rows)-hi-1)
	for i, r := range rows[hi+1:] {
		if filled(r) == 0 {
			continue
		}
		// A row as wide as the table is kept as it is (it is not shared);
		// a shorter one is padded, a longer one's empty tail cut.
		cells := r
		if len(r) < width {
			cells = make([]string, width)
			copy(cells, r)
		}
		t.Records = append(t.Records, Record{Line: lines[hi+1+i], Cells: cells[:width:width]})
	}
	return nil
}

func knownCount(r []string) int {
	seen := map[Field]bool{}
	for _, c := range r {
		if f, ok := detectHeader(c); ok && c != "" {
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
