//go:build unix

package classlist

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkImportVsSQLite imports the same 10,000-row class list file twice
// per iteration, side by side: once with Techniqual's class-list import
// (read, check, match, write; the database opened beforehand) and once with
// the sqlite3 shell's ".import" into a fresh table, the plainest load
// SQLite knows. It reports both times and their ratio (the goal of issue
// #16 is at most 3×), in wall time and in CPU time. Run it with
// data/classlist/testdata/compare-sqlite.sh.
func BenchmarkImportVsSQLite(b *testing.B) {
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 is not installed")
	}
	ctx := context.Background()
	dir := b.TempDir()
	file := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(file, bigList(b, 10000), 0o600); err != nil {
		b.Fatal(err)
	}
	var ours, theirs, oursCPU, theirsCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, _ := openStore(b)
		runtime.GC()
		b.StartTimer()
		cpu0 := processCPU()
		start := time.Now()
		tb, err := ReadFile(file, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Import(ctx, st, tb, Options{School: "Kommunskolan", Today: today}, false)
		if err != nil || res.Added != 10000 {
			b.Fatalf("import %+v %v", res, err)
		}
		ours += time.Since(start)
		oursCPU += processCPU() - cpu0
		b.StopTimer()
		st.Close()
		db := filepath.Join(dir, "sqlite"+time.Now().Format("150405.000000000")+".db")
		start = time.Now()
		// The file's title lines are skipped as our reader skips them.
		cmd := exec.Command(sqlite, db, ".mode csv", ".separator ;", ".import --skip 3 "+file+" pupils")
		out, err := cmd.CombinedOutput()
		theirs += time.Since(start)
		if err != nil {
			b.Fatalf("sqlite3: %v: %s", err, out)
		}
		theirsCPU += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(ours.Milliseconds())/n, "ms-techniqual")
	b.ReportMetric(float64(theirs.Milliseconds())/n, "ms-sqlite3")
	b.ReportMetric(float64(ours)/float64(theirs), "ratio")
	// CPU time (ours: the whole process, garbage collector included)
	// says the same on a busy machine, where wall time says little.
	b.ReportMetric(float64(oursCPU.Milliseconds())/n, "cpu-ms-techniqual")
	b.ReportMetric(float64(theirsCPU.Milliseconds())/n, "cpu-ms-sqlite3")
	b.ReportMetric(float64(oursCPU)/float64(theirsCPU), "cpu-ratio")
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
