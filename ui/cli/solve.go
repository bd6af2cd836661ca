package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"techniqual/data/match"
)

var cmdSolve = &Command{
	UsageLine: "solve FILE.dimacs",
	Short:     "any DIMACS min-cost-flow file (- for standard input); solution on stdout",
	Long: `Solve solves a DIMACS min-cost-flow problem (a file, or - for standard
input) with the matching engine and prints the DIMACS solution.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc { return runSolve },
}

// runSolve solves a DIMACS min-cost flow file and prints the DIMACS
// solution.
func runSolve(ctx context.Context, env *Env, pos []string) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(pos) != 1 {
		fmt.Fprint(stderr, "usage: techniqual solve FILE.dimacs (- for standard input)\n")
		return exitUsage
	}
	var in io.Reader = os.Stdin
	name := pos[0]
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(stderr, "techniqual solve:", err)
			return exitFailure
		}
		defer f.Close()
		in = f
	}
	var out bytes.Buffer
	if err := match.SolveDIMACS(ctx, in, &out); err != nil {
		if errors.Is(err, match.ErrInfeasible) {
			fmt.Fprintf(stderr, "techniqual solve: %s: the problem is infeasible: no flow meets every supply and demand within the capacities (%v)\n", name, err)
		} else {
			fmt.Fprintf(stderr, "techniqual solve: %s: %v\n", name, err)
		}
		return exitFailure
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintln(stderr, "techniqual solve:", err)
		return exitFailure
	}
	return exitOK
}
