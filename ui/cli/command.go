package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"techniqual/data/text"
)

// Command is one subcommand of techniqual, in the shape of Go's own
// cmd/go/internal/base.Command: its usage line, short and long help, its
// flags and what it runs. techniqual help, techniqual help CMD, CMD --help
// and the README's command block are all written from these values.
type Command struct {
	// UsageLine is the synopsis without "techniqual ": the command's
	// name (or "a|b|c" for a group of words handled alike) first, then
	// every flag. A long line may be broken with "\n"; each piece is
	// indented under the first.
	UsageLine string
	// Short says in a few words what the command does (techniqual help).
	Short string
	// Long is the full help (techniqual help CMD, CMD --help).
	Long string
	// Flags defines the command's flags on fs and returns the function that
	// runs it, bound to them. It is called anew for every run (and to print
	// the help), so no flag value carries over from one run to the next.
	// env is the run's environment: a --lang flag writes env.Lang.
	Flags func(fs *flag.FlagSet, env *Env) RunFunc
	// Commands are the command's own subcommands ("pdf schedules", "pdf
	// impact"), chosen by the first word after the command's name; a
	// command with subcommands has no Flags of its own.
	Commands []*Command
	// parent is set by Run for a subcommand.
	parent *Command
}

// RunFunc runs a command once its flags are parsed. args are the words left
// (the positional arguments, in order); for a subcommand the first is the
// word that chose it ("schedules" in "pdf schedules …").
type RunFunc func(ctx context.Context, env *Env, args []string) int

// Env is what every command runs with: where to write, and the one
// language of everything it writes for people.
type Env struct {
	Stdout, Stderr io.Writer
	// Lang is chosen once: --lang, else the window's saved setting, else
	// the system locale, else Swedish.
	Lang text.Lang
	cmd  *Command // the command running
}

// usageError prints the running command's usage on stderr and returns
// the exit code of a usage error.
func (env *Env) usageError() int {
	if env.cmd != nil {
		env.cmd.printUsage(env.Stderr)
	}
	return exitUsage
}

// Names are the words that choose the command: "pdf" for "pdf --db …",
// schedules, hosts, … for "schedules|hosts|… --db …".
func (c *Command) Names() []string {
	first, _, _ := strings.Cut(c.UsageLine, " ")
	first, _, _ = strings.Cut(first, "\n")
	return strings.Split(first, "|")
}

// Name is the command's first name.
func (c *Command) Name() string { return c.Names()[0] }

// has reports whether word chooses c.
func (c *Command) has(word string) bool {
	for _, n := range c.Names() {
		if n == word {
			return true
		}
	}
	return false
}

// FullName is the command's name with its parents': "pdf impact".
func (c *Command) FullName() string {
	if c.parent != nil {
		return c.parent.Name() + " " + c.Name()
	}
	return c.Name()
}

// usageLines are the command's synopses, with "techniqual " before each;
// a command with subcommands has those of its subcommands.
func (c *Command) usageLines() []string {
	if len(c.Commands) > 0 {
		var out []string
		for _, s := range c.Commands {
			out = append(out, s.usageLines()...)
		}
		return out
	}
	line := c.UsageLine
	if c.parent != nil {
		line = c.parent.Name() + " " + line
	}
	return []string{"techniqual " + line}
}

// synopsis writes the usage lines, continuation lines indented under the
// command's first word after "techniqual".
func (c *Command) synopsis(w io.Writer, indent string) {
	for _, l := range c.usageLines() {
		first, rest, _ := strings.Cut(l, "\n")
		fmt.Fprintf(w, "%s%s\n", indent, first)
		for _, r := range strings.Split(rest, "\n") {
			if r != "" {
				fmt.Fprintf(w, "%s%s%s\n", indent, strings.Repeat(" ", len("techniqual ")+2), strings.TrimSpace(r))
			}
		}
	}
}

// printUsage writes "usage: …" and the command's synopses: what a usage
// error prints on stderr.
func (c *Command) printUsage(w io.Writer) {
	var b strings.Builder
	c.synopsis(&b, "")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintf(w, "usage: %s\n", l)
		} else {
			fmt.Fprintf(w, "       %s\n", l)
		}
	}
}

// printHelp writes the whole help of c: synopses, long text and flags.
func (c *Command) printHelp(w io.Writer, env *Env) {
	c.printUsage(w)
	if c.Long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Long))
	}
	if c.Flags != nil {
		fs := c.newFlagSet(io.Discard, env)
		c.Flags(fs, &Env{Stdout: io.Discard, Stderr: io.Discard, Lang: env.Lang})
		fs.SetOutput(w)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	for _, s := range c.Commands {
		fmt.Fprintf(w, "\n")
		s.printHelp(w, env)
	}
}

// newFlagSet builds c's flags; parse errors go to errw, followed by c's usage.
func (c *Command) newFlagSet(errw io.Writer, env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.FullName(), flag.ContinueOnError)
	fs.SetOutput(errw)
	fs.Usage = func() { c.printUsage(errw) }
	return fs
}

// run parses args for c (flags may come before, between and after the
// words) and runs it, or, for a command with subcommands, chooses the
// subcommand.
func (c *Command) run(ctx context.Context, env *Env, args []string) int {
	if len(c.Commands) > 0 {
		return c.dispatch(ctx, env, args)
	}
	fs := c.newFlagSet(env.Stderr, env)
	fs.Usage = func() {} // printed below: the whole help for --help
	run := c.Flags(fs, env)
	pos, err := flagsAnywhere(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.printHelp(env.Stderr, env)
		return exitUsage
	}
	if err != nil {
		c.printUsage(env.Stderr)
		return exitUsage
	}
	env.cmd = c
	return run(ctx, env, pos)
}

// dispatch chooses the subcommand of c that args name: the first word
// when it is one, else the first positional word found by parsing args
// with each subcommand's flags in turn (flags may come before the word).
func (c *Command) dispatch(ctx context.Context, env *Env, args []string) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		c.printHelp(env.Stderr, env)
		return exitUsage
	}
	if len(args) > 0 {
		for _, s := range c.Commands {
			if s.has(args[0]) {
				return s.run(ctx, env, args)
			}
		}
	}
	for _, s := range c.Commands {
		fs := flag.NewFlagSet(s.FullName(), flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		s.Flags(fs, &Env{Stdout: io.Discard, Stderr: io.Discard, Lang: env.Lang})
		pos, err := flagsAnywhere(fs, args)
		if err == nil && len(pos) > 0 && s.has(pos[0]) {
			return s.run(ctx, env, withoutWord(args, pos[0], fs))
		}
	}
	c.printUsage(env.Stderr)
	return exitUsage
}

// flagsAnywhere lets flags come after positional words ("list periods --db X").
func flagsAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// withoutWord is args with word (a positional argument, not a flag's
// value) moved to the front: "pdf --db X impact --year 2026" runs as
// "impact --db X --year 2026".
func withoutWord(args []string, word string, fs *flag.FlagSet) []string {
	for i, a := range args {
		if a != word {
			continue
		}
		// A flag's value is not the word: "--period impact" names a period.
		if i > 0 && strings.HasPrefix(args[i-1], "-") && !strings.Contains(args[i-1], "=") {
			if f := fs.Lookup(strings.TrimLeft(args[i-1], "-")); f != nil && !isBool(f) {
				continue
			}
		}
		rest := append(append([]string{word}, args[:i]...), args[i+1:]...)
		return rest
	}
	return args
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// langFlag defines --lang on fs: it sets env.Lang, the one language of
// the run, and refuses anything but sv and en.
func langFlag(fs *flag.FlagSet, env *Env, what string) {
	fs.Func("lang", what+": sv or en (default: the saved setting, else the system's language, else sv)", func(s string) error {
		l, ok := text.Parse(s)
		if !ok {
			return fmt.Errorf("%q is not sv or en", s)
		}
		env.Lang = l
		return nil
	})
}
