package overview

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// traceEnv names a file to which Översikt appends a line
// "STEP UNIX-NANOSECONDS" the first time each of its steps is shown
// (counts, todo, periods, balance): the window's whole start-up, process and all, is then
// measured from outside (testdata/startup.sh; issue #16, goal 4). Unset,
// nothing is written.
const traceEnv = "TECHNIQUAL_TRACE_STARTUP"

var traceOnce sync.Map // steps already written: only the first time counts

// trace notes that step was shown, when traceEnv is set.
func trace(step string) {
	path := os.Getenv(traceEnv)
	if path == "" {
		return
	}
	if _, done := traceOnce.LoadOrStore(step, true); done {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return // a measurement aid: the window goes on without it
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %d\n", step, time.Now().UnixNano())
}
