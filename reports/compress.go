package reports

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// compressPages copies the PDF that fpdf wrote without compression to out,
// with the content stream of every page deflated.
//
// Why: fpdf allocates a fresh zlib writer (over a megabyte) for every page
// it compresses, which made a class's schedules spend most of their time
// clearing memory. Here one writer is reused. Only streams exactly in the
// form fpdf writes for page content ("<</Length n>>" and nothing else) are
// touched; the cross-reference table is rebuilt with the new offsets. Input
// that does not look as expected is copied unchanged: still a valid PDF,
// only larger.
func compressPages(pdf []byte, out io.Writer) error {
	objs, xref, trailer, ok := splitObjects(pdf)
	if !ok {
		_, err := out.Write(pdf)
		return err
	}
	var res bytes.Buffer
	res.Grow(len(pdf) / 3)
	res.Write(pdf[:objs[0].start])
	var zbuf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed)
	offsets := make([]int, len(xref))
	for _, o := range objs {
		offsets[o.num] = res.Len()
		chunk := pdf[o.start:o.end]
		head := strconv.Itoa(o.num) + " 0 obj\n<</Length "
		data, ok := plainStream(chunk, head)
		if !ok {
			res.Write(tagSubsetFont(chunk))
			continue
		}
		zbuf.Reset()
		zw.Reset(&zbuf)
		zw.Write(data) // writes to a bytes.Buffer cannot fail
		zw.Close()
		fmt.Fprintf(&res, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, zbuf.Len())
		res.Write(zbuf.Bytes())
		res.WriteString("\nendstream\nendobj\n")
	}
	start := res.Len()
	fmt.Fprintf(&res, "xref\n0 %d\n0000000000 65535 f \n", len(xref))
	for _, off := range offsets[1:] {
		fmt.Fprintf(&res, "%010d 00000 n \n", off)
	}
	res.Write(trailer)
	fmt.Fprintf(&res, "startxref\n%d\n%%%%EOF\n", start)
	_, err := out.Write(res.Bytes())
	return err
}

// fontNameRe finds the name fpdf gives an embedded UTF-8 font in the
// dictionaries that name it (Type0, CIDFontType2, FontDescriptor).
var fontNameRe = regexp.MustCompile(`/(BaseFont|FontName) /(utf8[A-Za-z0-9]*)`)

// tagSubsetFont names an embedded font as the subset it is. fpdf embeds
// only the glyphs a document uses (GenerateCutFont) but names the font
// "utf8noto", without the six-capital tag and "+" by which PDF marks a
// subset (PDF 32000-1, 9.6.4), so readers (pdffonts' "sub" column) took it
// for the whole 445 KB font. The tag is made from the name, so the three
// dictionaries of one font agree. Other objects are returned unchanged.
func tagSubsetFont(chunk []byte) []byte {
	if !bytes.Contains(chunk, []byte("/utf8")) {
		return chunk
	}
	return fontNameRe.ReplaceAllFunc(chunk, func(m []byte) []byte {
		sub := fontNameRe.FindSubmatch(m)
		h := fnv.New32a()
		h.Write(sub[2])
		n := h.Sum32()
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = byte('A' + n%26)
			n /= 26
		}
		return []byte("/" + string(sub[1]) + " /" + string(tag) + "+" + string(sub[2]))
	})
}

// object is where one indirect object lies in the file.
type object struct {
	num        int
	start, end int
}

// splitObjects reads fpdf's classic cross-reference table and returns the
// objects in file order, the table's offsets and the trailer dictionary
// (from "trailer" up to "startxref").
func splitObjects(pdf []byte) (objs []object, xref []int, trailer []byte, ok bool) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return nil, nil, nil, false
	}
	rest := pdf[i+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, nil, nil, false
	}
	xrefAt, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xrefAt <= 0 || xrefAt >= i || !bytes.HasPrefix(pdf[xrefAt:], []byte("xref\n0 ")) {
		return nil, nil, nil, false
	}
	p := xrefAt + len("xref\n0 ")
	nl = bytes.IndexByte(pdf[p:], '\n')
	if nl < 0 {
		return nil, nil, nil, false
	}
	n, err := strconv.Atoi(string(pdf[p : p+nl]))
	p += nl + 1
	if err != nil || n < 2 || p+20*n > i {
		return nil, nil, nil, false
	}
	xref = make([]int, n)
	for k := 0; k < n; k++ {
		e := pdf[p+20*k : p+20*k+20]
		if k == 0 {
			continue
		}
		if e[10] != ' ' || string(e[11:18]) != "00000 n" {
			return nil, nil, nil, false
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, nil, nil, false
		}
		xref[k] = off
		objs = append(objs, object{num: k, start: off})
	}
	trailer = pdf[p+20*n : i]
	if !bytes.HasPrefix(trailer, []byte("trailer\n")) {
		return nil, nil, nil, false
	}
	slices.SortFunc(objs, func(a, b object) int { return a.start - b.start })
	for k := range objs {
		if k+1 < len(objs) {
			objs[k].end = objs[k+1].start
		} else {
			objs[k].end = xrefAt
		}
		if objs[k].end <= objs[k].start {
			return nil, nil, nil, false
		}
	}
	return objs, xref, trailer, true
}

// plainStream returns the data of an object that is exactly
// "<head>n>>\nstream\n<n bytes>\nendstream\nendobj\n".
func plainStream(chunk []byte, head string) ([]byte, bool) {
	if !bytes.HasPrefix(chunk, []byte(head)) {
		return nil, false
	}
	rest := chunk[len(head):]
	end := bytes.Index(rest, []byte(">>\nstream\n"))
	if end <= 0 || end > 12 {
		return nil, false
	}
	n, err := strconv.Atoi(string(rest[:end]))
	if err != nil || n < 0 {
		return nil, false
	}
	rest = rest[end+len(">>\nstream\n"):]
	if len(rest) != n+len("\nendstream\nendobj\n") || string(rest[n:]) != "\nendstream\nendobj\n" {
		return nil, false
	}
	return rest[:n], true
}
