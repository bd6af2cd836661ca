package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"techniqual/data/demo"
)

var cmdDemo = &Command{
	UsageLine: "demo --db PATH [--pupils N] [--seed S]",
	Short:     "example data, the same for the same seed",
	Long: `Demo fills a new database with believable example data: real Värmland
municipalities, invented schools, companies and pupils, three prao periods
and network events. The same seed gives the same data. The file must be new
or empty.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file to fill")
		pupils := fs.Int("pupils", 600, "number of pupils")
		seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
		return func(ctx context.Context, env *Env, pos []string) int {
			if len(pos) > 0 || *db == "" || *pupils < 1 {
				return env.usageError()
			}
			st, ok := openStore(ctx, *db, env.Stderr, "demo")
			if !ok {
				return exitFailure
			}
			defer st.Close()
			if ov, err := st.Overview(ctx); err != nil || !ov.Empty() {
				fmt.Fprintf(env.Stderr, "techniqual demo: %s already holds data; use a new file\n", *db)
				return exitFailure
			}
			start := time.Now()
			sum, err := demo.Generate(ctx, st, demo.Config{Pupils: *pupils, Seed: *seed})
			if err != nil {
				fmt.Fprintln(env.Stderr, "techniqual demo:", err)
				return exitFailure
			}
			fmt.Fprintf(env.Stdout, "%d pupils, %d schools, %d companies, %d people, %d offers, %d choices, %d placed, %d events, %d registrations in %s\n",
				sum.Pupils, sum.Schools, sum.Companies, sum.People, sum.Offers, sum.Preferences, sum.Placed, sum.Events,
				sum.Registrations, time.Since(start).Round(time.Millisecond))
			return exitOK
		}
	},
}
