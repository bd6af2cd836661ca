package uikit

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Runner runs work off the UI goroutine and hands its result back to the
// UI goroutine with fyne.Do; the shell has one, and so has the test shell,
// so screens and their tests share the same hand-back.
type Runner struct {
	// Held hand-backs (tests, see Hold): they wait in ready until Drain
	// runs them on the test's goroutine.
	mu      sync.Mutex
	held    bool
	pending int      // started and not yet handed back, while held
	ready   []func() // finished work's hand-backs, in the order they came
	wake    chan struct{}
}

// Hold makes the runner keep every hand-back until Drain runs it on the
// goroutine that calls Drain, as the app's event loop runs them only
// between two of the user's actions. Tests call it before the first
// Background: Fyne's test driver runs fyne.Do at once on the background
// goroutine, so a hand-back could run beside the test's next tap, half of
// one screen update mixed with half of the other.
func (r *Runner) Hold() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held = true
	if r.wake == nil {
		r.wake = make(chan struct{}, 1)
	}
}

// Background runs work off the UI goroutine and hands the function it
// returns (if not nil) to the UI goroutine with fyne.Do, so the window
// never freezes.
func (r *Runner) Background(work func() (apply func())) {
	r.mu.Lock()
	held := r.held
	if held {
		r.pending++
	}
	r.mu.Unlock()
	go func() {
		apply := work()
		if held {
			r.mu.Lock()
			r.ready = append(r.ready, apply)
			r.mu.Unlock()
			select {
			case r.wake <- struct{}{}:
			default:
			}
			return
		}
		if apply != nil {
			fyne.Do(apply)
		}
	}()
}

// Drain runs the held hand-backs on the calling goroutine in the order
// their work finished, those of work they start included, until nothing
// is pending. It says false when work is still running after timeout.
func (r *Runner) Drain(timeout time.Duration) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		if len(r.ready) > 0 {
			apply := r.ready[0]
			r.ready = r.ready[1:]
			r.mu.Unlock()
			if apply != nil {
				apply()
			}
			r.mu.Lock()
			r.pending--
			r.mu.Unlock()
			continue
		}
		done := r.pending == 0
		r.mu.Unlock()
		if done {
			return true
		}
		select {
		case <-r.wake:
		case <-deadline.C:
			return false
		}
	}
}
