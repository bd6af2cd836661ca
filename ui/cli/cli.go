// Package cli is techniqual's command line, the second user interface
// beside the window: one file per command, each a Command value (usage
// line, help, flags, run function), so that techniqual help, techniqual
// help CMD, CMD --help and the README's command block come from one
// source. The commands call the operations in ui/ops; the package knows
// nothing of Fyne.
//
// Exit codes are the contract with scripts: 0 success, 1 a failure (with a
// message on stderr), 2 a usage error.
//
// To add a command, write one file with a *Command value (UsageLine with
// every flag, Short, Long, Flags returning the RunFunc) and list it in
// commands, or as a subcommand in a group's Commands ("pdf", "import",
// "exchange"); a word of a reserved name is freed by removing it from
// reserved. Then paste CommandBlock into the README (a test says when it
// differs). The work itself belongs in ui/ops when the window does it too.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
)

// Exit codes of the command line (README, "Command line").
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Version is the app's version; main sets it from FyneApp.toml.
var Version = "dev"

// AppID is the window's application id; main sets it. The command line
// reads the window's saved language from its preferences file.
var AppID = ""

// commands are techniqual's subcommands, in the order help lists them.
var commands = []*Command{
	cmdDemo, cmdList, cmdImport, cmdMatch, cmdSolve, cmdRotation, cmdJourney, cmdPDF, cmdICS, cmdExport, cmdExchange, cmdBackup, cmdRestore,
	cmdEffect, cmdVersion,
}

// reserved are command names promised to work that is coming. Until a
// command takes one, it is an unknown command like any other; no other
// command may take it. (Issue 14's "rotation" has landed.)
var reserved = []string{}

// guiLine is the synopsis of techniqual without a command.
const guiLine = "techniqual [--db PATH]"

// Run is the whole command line: args without the program's name. gui
// starts the window with a database path ("" for the default one); it is
// called when there is no command.
func Run(args []string, stdout, stderr io.Writer, gui func(db string) int) int {
	for _, c := range commands {
		for _, s := range c.Commands {
			s.parent = c
		}
	}
	env := &Env{Stdout: stdout, Stderr: stderr, Lang: defaultLang(os.Getenv, savedLanguage)}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := flag.NewFlagSet("techniqual", flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() { fmt.Fprint(stderr, Usage()) }
		db := fs.String("db", "", "database file (default: the user's local data folder)")
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		if fs.NArg() > 0 {
			// "--db X demo …" reads like "demo --db X …".
			rest := fs.Args()
			if *db != "" {
				rest = append([]string{rest[0], "--db", *db}, rest[1:]...)
			}
			return Run(rest, stdout, stderr, gui)
		}
		return gui(*db)
	}
	ctx := context.Background()
	switch name := args[0]; name {
	case "help":
		return help(env, args[1:])
	default:
		if c := lookup(name); c != nil {
			return c.run(ctx, env, args[1:])
		}
		fmt.Fprintf(stderr, "techniqual: unknown command %q\n%s", name, Usage())
		return exitUsage
	}
}

func lookup(name string) *Command {
	for _, c := range commands {
		if c.has(name) {
			return c
		}
	}
	return nil
}

// help prints the usage (techniqual help) or one command's help
// (techniqual help pdf, techniqual help pdf impact) on stdout.
func help(env *Env, args []string) int {
	var words []string // "--db X help pdf" arrives as "help pdf --db X"
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--db" || args[i] == "-db":
			i++
		case !strings.HasPrefix(args[i], "-"):
			words = append(words, args[i])
		}
	}
	args = words
	if len(args) == 0 {
		fmt.Fprint(env.Stdout, Usage())
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(env.Stderr, "techniqual help: unknown command %q\n%s", args[0], Usage())
		return exitUsage
	}
	if len(args) > 1 {
		for _, s := range c.Commands {
			if s.has(args[1]) {
				c = s
			}
		}
	}
	c.printHelp(env.Stdout, env)
	return exitOK
}

// Usage is techniqual's usage: every command's synopsis with what it
// does. techniqual help prints it; the README's command block is it.
func Usage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, l := range strings.SplitAfter(CommandBlock(), "\n") {
		if l != "" {
			b.WriteString("  " + l)
		}
	}
	return b.String()
}

// CommandBlock is the list of commands as the README shows it: each
// synopsis (continuation lines indented), then "# what it does".
func CommandBlock() string {
	var b strings.Builder
	line := func(synopsis, short string) {
		fmt.Fprintf(&b, "%s\n", synopsis)
		if short != "" {
			fmt.Fprintf(&b, "    # %s\n", short)
		}
	}
	line(guiLine, "start the desktop app")
	for _, c := range commands {
		for _, leaf := range leaves(c) {
			var s strings.Builder
			leaf.synopsis(&s, "")
			line(strings.TrimSuffix(s.String(), "\n"), leaf.Short)
		}
	}
	return b.String()
}

func leaves(c *Command) []*Command {
	if len(c.Commands) == 0 {
		return []*Command{c}
	}
	var out []*Command
	for _, s := range c.Commands {
		s.parent = c
		out = append(out, leaves(s)...)
	}
	return out
}

// defaultLang is the language of a run without --lang: the window's saved
// setting when it can be read, else the system locale, else Swedish (also
// for the POSIX locale, quietly).
func defaultLang(getenv func(string) string, saved func() (text.Lang, bool)) text.Lang {
	if l, ok := saved(); ok {
		return l
	}
	l, _ := text.FromLocale(getenv)
	return l
}

// savedLanguage reads the language chosen in the window (Inställningar)
// from the preferences file Fyne keeps for the app, without Fyne: ok is
// false when there is none or it cannot be read.
var savedLanguage = readSavedLanguage

func readSavedLanguage() (text.Lang, bool) {
	dir := fyneConfigDir()
	if dir == "" || AppID == "" {
		return text.Swedish, false
	}
	b, err := os.ReadFile(filepath.Join(dir, AppID, "preferences.json"))
	if err != nil {
		return text.Swedish, false
	}
	var prefs map[string]any
	if json.Unmarshal(b, &prefs) != nil {
		return text.Swedish, false
	}
	s, _ := prefs["language"].(string)
	return text.Parse(s)
}

// fyneConfigDir is where Fyne keeps its apps' preferences on a desktop.
func fyneConfigDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	switch runtime.GOOS {
	case "windows":
		return filepath.Join(home, "AppData", "Roaming", "fyne")
	case "darwin":
		return filepath.Join(home, "Library", "Preferences", "fyne")
	}
	return filepath.Join(home, ".config", "fyne")
}

func openStore(ctx context.Context, path string, stderr io.Writer, cmd string) (*data.Store, bool) {
	if path == "" {
		fmt.Fprintf(stderr, "techniqual %s: --db PATH is required\n", cmd)
		return nil, false
	}
	// A command runs once and ends: its loads need no large page cache.
	st, err := data.Open(ctx, path, data.Options{ReadOnce: true})
	if err != nil {
		fmt.Fprintf(stderr, "techniqual %s: %s\n", cmd, describeOpenError(path, err))
		return nil, false
	}
	return st, true
}

// openExisting opens a database that must already exist: a command that
// reads must never create an empty file where a path was mistyped.
func openExisting(ctx context.Context, path string, stderr io.Writer, cmd string) (*data.Store, bool) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(stderr, "techniqual %s: %s: no such database\n", cmd, path)
			return nil, false
		}
	}
	return openStore(ctx, path, stderr, cmd)
}

// describeOpenError says in words what is wrong with a database file.
func describeOpenError(path string, err error) string {
	switch {
	case data.IsDamage(err):
		return path + " is damaged: parts of it cannot be read. The file was not changed. Restore the latest backup (techniqual restore --db " +
			path + " --from BACKUP; the daily backups are in " + data.BackupFolder(path) + ")"
	case errors.Is(err, data.ErrNotDatabase):
		return path + " is not a Techniqual database; the file was not changed"
	case errors.Is(err, data.ErrNewerVersion):
		return path + " was written by a newer version of Techniqual; update the app. The file was not changed"
	case errors.Is(err, data.ErrInUse):
		return path + " is open in another Techniqual window; close it first"
	}
	return err.Error()
}

// VersionOf reads the Version line of FyneApp.toml ("dev" when it has none).
func VersionOf(toml string) string {
	for _, l := range strings.Split(toml, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(l), "=")
		if ok && strings.TrimSpace(k) == "Version" {
			if v = strings.Trim(strings.TrimSpace(v), `"`); v != "" {
				return v
			}
		}
	}
	return "dev"
}
