package uikit

import (
	"sync/atomic"
	"testing"
	"time"
)

// A held runner runs nothing of a hand-back until Drain, then runs each on
// Drain's goroutine, those that hand-backs start included; Drain says when
// work outlives its timeout.
func TestHeldRunnerHandsBackOnlyInDrain(t *testing.T) {
	var r Runner
	r.Hold()
	var ran []string // touched only by hand-backs: Drain's goroutine
	var worked atomic.Int32
	release := make(chan struct{})
	r.Background(func() func() {
		worked.Add(1)
		return func() {
			ran = append(ran, "first")
			r.Background(func() func() { // started by a hand-back
				worked.Add(1)
				return func() { ran = append(ran, "second") }
			})
		}
	})
	r.Background(func() func() { return nil }) // nothing to hand back
	for worked.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	if len(ran) != 0 {
		t.Fatalf("ran %v before Drain", ran)
	}
	if !r.Drain(10 * time.Second) {
		t.Fatal("Drain timed out")
	}
	if len(ran) != 2 || ran[0] != "first" || ran[1] != "second" {
		t.Fatalf("ran %v, want first then second", ran)
	}

	r.Background(func() func() { <-release; return func() { ran = append(ran, "late") } })
	if r.Drain(50 * time.Millisecond) {
		t.Fatal("Drain said done while work was still running")
	}
	close(release)
	if !r.Drain(10*time.Second) || ran[len(ran)-1] != "late" {
		t.Fatalf("after release: ran %v", ran)
	}
}
