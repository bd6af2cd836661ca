package uikit

import (
	"sync"

	"fyne.io/fyne/v2"
)

// Runner runs work off the UI goroutine and hands its result back to the
// UI goroutine with fyne.Do; the shell has one, and so has the test shell,
// so screens and their tests share the same hand-back.
type Runner struct {
	busy sync.WaitGroup // background loads not yet handed back
	// handBack lets one hand-back run at a time. In the app fyne.Do already
	// runs them one by one on the UI goroutine, so it is never contended
	// there; Fyne's test driver runs fyne.Do on the calling goroutine, and
	// two loads handing back at once raced on a table's cells.
	handBack sync.Mutex
}

// Background runs work off the UI goroutine and hands the function it
// returns (if not nil) to the UI goroutine with fyne.Do, so the window
// never freezes.
func (r *Runner) Background(work func() (apply func())) {
	r.busy.Add(1)
	go func() {
		apply := work()
		fyne.Do(func() {
			defer r.busy.Done()
			if apply != nil {
				r.handBack.Lock()
				defer r.handBack.Unlock()
				apply()
			}
		})
	}()
}

// Idle waits until every background load has been handed back (for tests
// and for closing cleanly).
func (r *Runner) Idle() { r.busy.Wait() }
