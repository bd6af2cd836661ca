package cli

import (
	"context"
	"flag"
	"fmt"

	"techniqual/data"
)

var cmdVersion = &Command{
	UsageLine: "version",
	Short:     "the app's version and the database schema it writes",
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		return func(ctx context.Context, env *Env, pos []string) int {
			fmt.Fprintln(env.Stdout, "techniqual", Version, "schema", data.SchemaVersion())
			return exitOK
		}
	},
}
