package shell

import (
	"sync/atomic"
	"testing"
	"time"
)

// ExitWatch ends the process once, after the grace, however often it is
// armed, and cleans up first; unarmed, it does nothing.
func TestExitWatchEndsTheProcessOnceAfterTheGrace(t *testing.T) {
	for _, arms := range []int{0, 1, 3} {
		var cleaned, exited atomic.Int32
		var order []string
		done := make(chan struct{}, 1)
		arm := ExitWatch(20*time.Millisecond, func() { cleaned.Add(1); order = append(order, "cleanup") },
			func(code int) {
				exited.Add(1)
				order = append(order, "exit")
				if code != 0 {
					t.Errorf("exit code %d, want 0", code)
				}
				done <- struct{}{}
			})
		// Armed, it must end (a loaded CI machine may be slow to fire the
		// timer); unarmed, a while without an end is the evidence.
		wait := 10 * time.Second
		if arms == 0 {
			wait = 300 * time.Millisecond
		}
		start := time.Now()
		for range arms {
			arm()
		}
		select {
		case <-done:
			if arms == 0 {
				t.Fatal("an unarmed watch ended the process")
			}
			if time.Since(start) < 20*time.Millisecond {
				t.Error("ended before the grace")
			}
		case <-time.After(wait):
			if arms > 0 {
				t.Fatalf("armed %d times: never ended", arms)
			}
		}
		time.Sleep(50 * time.Millisecond)
		if arms > 0 && (cleaned.Load() != 1 || exited.Load() != 1 || order[0] != "cleanup") {
			t.Errorf("armed %d times: cleanup %d, exit %d, order %v; want each once, cleanup first", arms, cleaned.Load(), exited.Load(), order)
		}
	}
}
