package ops

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/reports"
)

// TestPrintFromAListTellsWhatPrintFromMemoryTells: a period printed from
// its DocumentList, a batch at a time, makes the same PDF and reports the
// same pupils, documents, skipped pupils and unprintable names as the same
// period printed from its documents in memory, for every kind.
func TestPrintFromAListTellsWhatPrintFromMemoryTells(t *testing.T) {
	w := newWorld(t)
	docs, err := w.st.DocumentsForPeriod(ctx, w.period.ID, data.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	o := reports.Options{Lang: "sv", Fixed: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	for _, k := range reports.Kinds {
		t.Run(string(k), func(t *testing.T) {
			a, b := filepath.Join(dir, string(k)+"-list.pdf"), filepath.Join(dir, string(k)+"-docs.pdf")
			l, err := w.st.ListDocuments(ctx, w.period.ID, data.DocFilter{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			fromList, err := Print(ctx, w.st, PrintPeriod{Kind: k, Period: w.period, List: l, Path: a, Options: o})
			if err != nil {
				t.Fatal(err)
			}
			fromDocs, err := Print(ctx, w.st, PrintPeriod{Kind: k, Period: w.period, Docs: docs, Path: b, Options: o})
			if err != nil {
				t.Fatal(err)
			}
			ba, _ := os.ReadFile(a)
			bb, _ := os.ReadFile(b)
			if string(ba) != string(bb) {
				t.Errorf("the PDFs differ: %d and %d bytes", len(ba), len(bb))
			}
			slices.Sort(fromList.PupilIDs)
			slices.Sort(fromDocs.PupilIDs)
			if !slices.Equal(fromList.PupilIDs, fromDocs.PupilIDs) || fromList.Pages != fromDocs.Pages ||
				fromList.Units != fromDocs.Units || fromList.Skipped != fromDocs.Skipped ||
				!slices.Equal(fromList.Unprintable, fromDocs.Unprintable) || len(fromList.PupilIDs) == 0 {
				t.Errorf("from the list: %d pupils, %d pages, %d units, %d skipped, %q\nfrom memory: %d pupils, %d pages, %d units, %d skipped, %q",
					len(fromList.PupilIDs), fromList.Pages, fromList.Units, fromList.Skipped, fromList.Unprintable,
					len(fromDocs.PupilIDs), fromDocs.Pages, fromDocs.Units, fromDocs.Skipped, fromDocs.Unprintable)
			}
			if k == reports.KindHosts && fromList.Units != len(data.GroupByOffer(docs)) {
				t.Errorf("%d host confirmations, want one per offer: %d", fromList.Units, len(data.GroupByOffer(docs)))
			}
		})
	}
}
