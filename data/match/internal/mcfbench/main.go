// Command mcfbench writes the generated benchmark instances of issue #16 as
// DIMACS files and solves DIMACS files with package match, for
// data/match/testdata/compare.sh:
//
//	go run ./data/match/internal/mcfbench gen DIR       # one file per standard shape
//	go run ./data/match/internal/mcfbench solve FILE    # like "techniqual solve FILE"
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"

	"techniqual/data/match"
	"techniqual/data/match/internal/shape"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mcfbench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: mcfbench gen DIR | mcfbench solve FILE")
	}
	switch args[0] {
	case "gen":
		for _, s := range shape.Standard() {
			name := filepath.Join(args[1], s.Name+".dimacs")
			if err := write(name, s); err != nil {
				return err
			}
			fmt.Println(name)
		}
		return nil
	case "solve":
		if prof := os.Getenv("MCFBENCH_CPUPROFILE"); prof != "" {
			pf, err := os.Create(prof)
			if err != nil {
				return err
			}
			defer pf.Close()
			if err := pprof.StartCPUProfile(pf); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		f, err := os.Open(args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		w := bufio.NewWriter(os.Stdout)
		if err := match.SolveDIMACS(context.Background(), bufio.NewReader(f), w); err != nil {
			return fmt.Errorf("%s: %w", args[1], err)
		}
		return w.Flush()
	}
	return fmt.Errorf("unknown command %q (want gen or solve)", args[0])
}

func write(name string, s shape.Shape) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := shape.WriteDIMACS(f, shape.Generate(s, 1), s, 1); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}
