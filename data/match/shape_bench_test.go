package match

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSolveFile solves the DIMACS file named by $MCF_FILE (skipped
// without it): for profiling the solver on the generated shapes.
func BenchmarkSolveFile(b *testing.B) {
	name := os.Getenv("MCF_FILE")
	if name == "" {
		b.Skip("MCF_FILE not set")
	}
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	net, err := ReadDIMACS(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		fl, err := net.Solve(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(fl.Phases), "pivots")
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()) / time.Duration(b.N)
	b.ReportMetric(cpu.Seconds()*1000, "cpu-ms/op")
}
