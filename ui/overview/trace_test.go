package overview

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

// With TECHNIQUAL_TRACE_STARTUP set, opening Översikt writes each step
// once, in the order they are shown, with the time it was shown.
func TestStartupTraceNotesEachStepOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace")
	t.Setenv(traceEnv, path)
	traceOnce.Clear()
	t.Cleanup(traceOnce.Clear)
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	before := time.Now().UnixNano()
	sh := uitest.NewShell(t, st)
	s := New(sh)
	sh.Open(t, s)
	s.Reload() // a second load writes nothing more
	sh.Wait(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	last := before
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		step, at, _ := strings.Cut(line, " ")
		ns, err := strconv.ParseInt(at, 10, 64)
		if err != nil || ns < last {
			t.Errorf("line %q: not a time after the one before", line)
		}
		last = ns
		steps = append(steps, step)
	}
	got := strings.Join(steps, " ")
	if got != "counts todo periods balance" && got != "counts periods todo balance" && got != "counts periods balance todo" {
		t.Errorf("steps %q, want counts first, balance after periods, each once", got)
	}
}
