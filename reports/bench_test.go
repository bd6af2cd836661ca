package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	rtmetrics "runtime/metrics"
	"sync"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
)

// bigPeriod holds the documents of a 3,000-pupil period, made once per test
// binary from the example data: 7,000 pupils give a grade 9 period of 3,500
// of whom about 3,000 are placed; the first 3,000 are used (topped up by
// repeating placed pupils under new ids if the seed placed fewer).
var bigPeriod = sync.OnceValues(func() ([]data.ScheduleDoc, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "techniqual-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	st, err := data.Open(ctx, filepath.Join(dir, "bench.db"), data.Options{NoBackup: true})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 7000, Seed: 1}); err != nil {
		return nil, err
	}
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		return nil, err
	}
	docs, err := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	if err != nil {
		return nil, err
	}
	for i := 0; len(docs) < 3000; i++ {
		d := docs[i]
		d.Pupil.ID += "-copy"
		docs = append(docs, d)
	}
	return docs[:3000], nil
})

// BenchmarkSchedules3000 prints all schedules of a 3,000-pupil period into
// one PDF. Budget: at most 3 s and 300 MB, under 20 KB per page.
func BenchmarkSchedules3000(b *testing.B) {
	docs, err := bigPeriod()
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	runtime.GC()
	stop := watchHeap()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		out.Reset()
		if err := Schedules(&out, docs, Options{Fixed: fixed}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(stop()/1e6, "peak-heap-MB")
	pages := bytes.Count(out.Bytes(), []byte("<</Type /Page\n"))
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(out.Len())/float64(pages), "B/page")
	b.ReportMetric(float64(out.Len())/1e6, "MB/file")
}

// BenchmarkHostConfirmations prints the host confirmations of the same period.
func BenchmarkHostConfirmations(b *testing.B) {
	docs, err := bigPeriod()
	if err != nil {
		b.Fatal(err)
	}
	hosts := data.GroupByOffer(docs)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := HostConfirmations(&bytes.Buffer{}, hosts, Options{Fixed: fixed}); err != nil {
			b.Fatal(err)
		}
	}
}

// watchHeap samples the live heap (objects, including garbage not yet
// collected, minus what was live at the start) until the returned function
// is called, which gives the highest value seen in bytes.
func watchHeap() func() float64 {
	sample := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() float64 {
		rtmetrics.Read(sample)
		return float64(sample[0].Value.Uint64())
	}
	base := read()
	peak := 0.0
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, read()-base)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		return max(peak, read()-base)
	}
}
