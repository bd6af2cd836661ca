package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

func TestWriteContextIsWriteWithProgressAndCancel(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	for _, k := range Kinds {
		var a, b bytes.Buffer
		if err := Write(&a, k, docs, Options{Fixed: fixed}); err != nil {
			t.Fatal(err)
		}
		var calls, total int
		pages, err := WriteContext(context.Background(), &b, k, docs, Options{Fixed: fixed}, func(done, n int) { calls, total = done, n })
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: WriteContext differs from Write", k)
		}
		if got := len(pdfPages(t, b.Bytes())); got != pages {
			t.Errorf("%s: %d pages reported, the PDF has %d", k, pages, got)
		}
		if calls != total || total == 0 {
			t.Errorf("%s: progress ended at %d of %d", k, calls, total)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var b bytes.Buffer
	_, err := WriteContext(ctx, &b, KindSchedules, docs, Options{}, func(done, _ int) { cancel() })
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes written", err, b.Len())
	}
}

func TestWriteFilesContextLeavesNothingWhenCancelled(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	if len(docs) < 2 {
		t.Fatalf("fixture has %d documents", len(docs))
	}
	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := WriteFilesContext(ctx, dir, KindSchedules, docs, Options{}, func(done, _ int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("%d files left after cancel", len(es))
	}
	paths, err := WriteFilesContext(context.Background(), dir, KindSchedules, docs, Options{}, nil)
	if err != nil || len(paths) != len(docs) {
		t.Fatalf("%d files, err %v", len(paths), err)
	}
}

func TestFirstPageIsTheFirstPageOfThePDF(t *testing.T) {
	w := newWorld(t)
	docs := w.docs(t, data.DocFilter{})
	for _, k := range Kinds {
		pg, err := FirstPage(k, docs, Options{Fixed: fixed})
		if err != nil {
			t.Fatal(err)
		}
		pdf := renderBytes(t, func(b *bytes.Buffer) error { return Write(b, k, FirstUnit(k, docs), Options{Fixed: fixed}) })
		first := flat(pdfPages(t, pdf)[0])
		n := 0
		for _, it := range pg.Items {
			if it.Kind != ItemText {
				continue
			}
			n++
			if !strings.Contains(first, flat(it.Text)) {
				t.Errorf("%s: preview text %q is not on the PDF's first page", k, it.Text)
			}
		}
		if n < 5 || pg.Pages < 1 {
			t.Errorf("%s: preview has %d texts, %d pages", k, n, pg.Pages)
		}
	}
}
