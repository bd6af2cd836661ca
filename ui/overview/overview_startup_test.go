package overview

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

// timedShell is the test shell that notes when each background step has
// been handed back and what the screen showed then.
type timedShell struct {
	*uitest.Shell
	mu    sync.Mutex
	at    []time.Time
	after func() string // what the screen shows, read right after a step
	shown []string
}

func (t *timedShell) Background(work func() (apply func())) {
	t.Shell.Background(func() func() {
		apply := work()
		return func() {
			if apply != nil {
				apply()
			}
			t.mu.Lock()
			defer t.mu.Unlock()
			t.at = append(t.at, time.Now())
			if t.after != nil {
				t.shown = append(t.shown, t.after())
			}
		}
	})
}

// Översikt shows the counts and the periods' names first, each period's
// figures next and the balance last, each step as it arrives.
func TestStartShowsTheCountsBeforeTheSlowParts(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	sh := &timedShell{Shell: uitest.NewShell(t, st)}
	s := New(sh)
	sh.after = func() string {
		var lines []string
		for _, o := range s.periods.Objects {
			lines = append(lines, labelText(o))
		}
		return count(s, "pupils") + " | " + strings.Join(lines, " / ") + " | " + s.balance.note.Text
	}
	sh.Open(t, s)
	// Att göra is a step of its own; it changes none of these lines, so
	// steps that show the same as the one before are one stage.
	var stages []string
	for _, v := range sh.shown {
		if len(stages) == 0 || stages[len(stages)-1] != v {
			stages = append(stages, v)
		}
	}
	sh.shown = stages
	if len(sh.shown) != 3 {
		t.Fatalf("%d stages shown, want 3: %q", len(sh.shown), sh.shown)
	}
	steps := []struct {
		has, hasNot []string
	}{
		{has: []string{"200 |", "räknar …", "Räknar jämställdheten"}, hasNot: []string{"elever, "}},
		{has: []string{"200 |", "elever, ", "Räknar jämställdheten"}, hasNot: []string{"räknar …"}},
		{has: []string{"200 |", "elever, ", "alla skolor"}, hasNot: []string{"räknar …", "Räknar"}},
	}
	for i, step := range steps {
		for _, w := range step.has {
			if !strings.Contains(sh.shown[i], w) {
				t.Errorf("step %d shows %q, want %q in it", i+1, sh.shown[i], w)
			}
		}
		for _, w := range step.hasNot {
			if strings.Contains(sh.shown[i], w) {
				t.Errorf("step %d shows %q, want no %q yet", i+1, sh.shown[i], w)
			}
		}
	}
}

// A refresh started while an earlier one is still loading wins: the
// earlier one's steps are dropped, and the screen ends with the newest data.
func TestAnOlderRefreshIsDropped(t *testing.T) {
	st := uitest.OpenStore(t)
	sh := &timedShell{Shell: uitest.NewShell(t, st)}
	s := New(sh)
	s.loads = 5
	s.refresh()
	s.loads++ // as if another refresh had started: this one's steps are old
	sh.Wait(t)
	if got := count(s, "pupils"); got != "–" {
		t.Errorf("a dropped refresh showed pupils %q", got)
	}
	s.Reload()
	sh.Wait(t)
	if got := count(s, "pupils"); got != "0" {
		t.Errorf("pupils %q after the newest refresh", got)
	}
}

func labelText(o any) string {
	if l, ok := o.(*widget.Label); ok {
		return l.Text
	}
	return ""
}

// BenchmarkStartup times what the window does at start on an empty
// database and on the example data of 30,000 pupils: open the file, build
// Översikt and load it. first-ms is until the counts show, all-ms until
// the balance has arrived too. Issue #16, goal 4: first on 30,000 pupils at
// most 1.2× first on an empty database. TECHNIQUAL_BENCH_30K names an
// existing 30,000-pupil file (techniqual demo --pupils 30000) to skip
// making one.
func BenchmarkStartup(b *testing.B) {
	empty := filepath.Join(b.TempDir(), "empty.db")
	st, err := data.Open(context.Background(), empty, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	big := os.Getenv("TECHNIQUAL_BENCH_30K")
	if big == "" {
		big = filepath.Join(b.TempDir(), "30k.db")
		st, err := data.Open(context.Background(), big, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 30000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	for _, c := range []struct{ name, path string }{{"empty", empty}, {"30k", big}} {
		b.Run(c.name, func(b *testing.B) {
			var first, all time.Duration
			for b.Loop() {
				start := time.Now()
				st, err := data.Open(context.Background(), c.path, data.Options{})
				if err != nil {
					b.Fatal(err)
				}
				sh := &timedShell{Shell: uitest.NewShell(b, st)}
				sh.Open(b, New(sh))
				first += sh.at[0].Sub(start)
				all += sh.at[len(sh.at)-1].Sub(start)
				st.Close()
			}
			b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "first-ms")
			b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "all-ms")
		})
	}
}
