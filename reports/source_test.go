package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// countingSource is a Source over docs that notes how it is read, and
// fails from document failAt on when failAt > 0.
type countingSource struct {
	docSlice
	loads, maxBatch, next int
	twice                 bool // a document was read twice
	failAt                int
}

func (c *countingSource) Load(ctx context.Context, from, to int) ([]data.ScheduleDoc, error) {
	if c.failAt > 0 && to > c.failAt {
		return nil, errors.New("the disk went away")
	}
	c.loads++
	c.maxBatch = max(c.maxBatch, to-from)
	if from < c.next {
		c.twice = true
	}
	c.next = to
	return c.docSlice.Load(ctx, from, to)
}

// manyDocs is n pupils' documents at the fixture's offer, the fixture's
// three repeated under made-up names.
func manyDocs(t *testing.T, n int) []data.ScheduleDoc {
	w := newWorld(t)
	base := w.docs(t, data.DocFilter{})
	out := make([]data.ScheduleDoc, n)
	for i := range out {
		d := base[i%len(base)]
		d.Pupil.ID = fmt.Sprintf("p%04d", i)
		d.Pupil.LastName = fmt.Sprintf("%s %d", d.Pupil.LastName, i)
		out[i] = d
	}
	return out
}

// TestASourceIsPrintedABatchAtATime: a print from a Source reads each
// document once, never more than a batch at a time, and makes the very
// PDF the same documents make from memory, for every kind.
func TestASourceIsPrintedABatchAtATime(t *testing.T) {
	docs := manyDocs(t, 2*batchSize+17)
	dir := t.TempDir()
	ctx := context.Background()
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			src := &countingSource{docSlice: docs}
			a, b := filepath.Join(dir, string(k)+"-a.pdf"), filepath.Join(dir, string(k)+"-b.pdf")
			pa, err := WriteSourceFileContext(ctx, a, k, src, Options{Fixed: fixed}, nil)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := WriteFileContext(ctx, b, k, docs, Options{Fixed: fixed}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ba, _ := os.ReadFile(a)
			bb, _ := os.ReadFile(b)
			if pa != pb || string(ba) != string(bb) {
				t.Errorf("from a source: %d pages, %d bytes; from memory: %d pages, %d bytes", pa, len(ba), pb, len(bb))
			}
			if src.maxBatch > batchSize || src.loads < 3 || src.twice || src.next != len(docs) {
				t.Errorf("read in %d loads of at most %d (twice: %v, up to %d of %d); want batches of at most %d, each once",
					src.loads, src.maxBatch, src.twice, src.next, len(docs), batchSize)
			}
		})
	}
}

// TestASourceThatFailsLeavesNoFile: a Source that cannot read a batch stops
// the print with its error, and the file that was there is kept.
func TestASourceThatFailsLeavesNoFile(t *testing.T) {
	docs := manyDocs(t, batchSize+5)
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(path, []byte("the earlier print"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds {
		src := &countingSource{docSlice: docs, failAt: batchSize + 1}
		_, err := WriteSourceFileContext(context.Background(), path, k, src, Options{Fixed: fixed}, nil)
		if err == nil || !strings.Contains(err.Error(), "the disk went away") {
			t.Errorf("%s: err = %v, want the source's", k, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "the earlier print" {
			t.Errorf("%s: the earlier file was changed (%d bytes)", k, len(b))
		}
	}
}
