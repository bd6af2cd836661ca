package shell

import (
	"sync"
	"time"
)

// ExitGrace is how long the process may take to end once its main window
// has closed or it was told to stop (SIGTERM, Ctrl+C). Fyne's loop has been
// seen, rarely, not to return then (fyne-io/fyne#1252 and #2314 describe
// the same; once here in about sixty starts and stops under Xvfb), and a
// process that lingers keeps the database's lock: the next start would
// say the file is open in another window. Everything saved is committed
// already, so ending the process then loses nothing.
const ExitGrace = 15 * time.Second

// ExitWatch arms, on its first call, a timer that after grace calls
// cleanup and then exit(0), unless the process has ended before. Later
// calls do nothing. main arms it when the window closes and on a signal.
func ExitWatch(grace time.Duration, cleanup func(), exit func(code int)) (arm func()) {
	var once sync.Once
	return func() {
		once.Do(func() {
			time.AfterFunc(grace, func() {
				cleanup()
				exit(0)
			})
		})
	}
}
