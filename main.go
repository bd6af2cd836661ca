// Command techniqual is the offline desktop app of the TechniQual network:
// prao matching, host forms, events and documents for schools and companies
// in Värmland. Without a subcommand it opens the window; the subcommands
// (ui/cli, README "Command line") serve scripts, tests and benchmarks on the
// same code. main only wires the two front ends together.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2/app"

	"techniqual/data"
	"techniqual/ui/cli"
	_ "techniqual/ui/cli/posixlocale" // before Fyne reads the locale: see its doc
	"techniqual/ui/shell"
)

// fyneApp is FyneApp.toml, the one place the version is written: the
// packages get it from the fyne tool, the binary from here.
//
//go:embed FyneApp.toml
var fyneApp string

// Version is the app's version, read from FyneApp.toml.
var Version = cli.VersionOf(fyneApp)

func main() {
	cli.Version, cli.AppID = Version, shell.AppID
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, startGUI))
}

// startGUI opens the database and runs the window until it is closed.
func startGUI(dbPath string) int {
	a := app.NewWithID(shell.AppID)
	a.Settings().SetTheme(shell.Theme()) // help texts that can be read
	shell.SetLanguage(shell.SavedLanguage(a))
	shell.Version = Version
	a.SetIcon(shell.Icon())
	if dbPath == "" {
		// A file opened in Inställningar is used again, but only while it
		// exists: a moved or deleted file must not become a new empty one.
		if p := shell.RememberedDatabase(a); p != "" {
			if _, err := os.Stat(p); err == nil {
				dbPath = p
			}
		}
	}
	if dbPath == "" {
		p, err := data.DefaultPath()
		if err != nil {
			fmt.Fprintln(os.Stderr, "techniqual: cannot find the data folder:", err)
			return 1
		}
		dbPath = p
	}
	st, err := data.Open(context.Background(), dbPath, data.Options{})
	if err != nil {
		shell.ShowOpenError(a, dbPath, err)
		return 1
	}
	w := shell.NewMainWindow(a, st)
	// Should Fyne's loop not return after the window closed or a stop
	// signal, the database's lock must not outlive the window.
	arm := shell.ExitWatch(shell.ExitGrace, func() { w.Store().Close() }, os.Exit)
	w.OnClosed = arm
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM) // Fyne quits on these too
	go func() {
		<-stop
		arm()
	}()
	w.StartAutoBackup() // once a day, in the background, keeping the last 7
	w.ShowAndRun()
	if err := w.BackupOnClose(); err != nil { // a day that began empty
		fmt.Fprintln(os.Stderr, "techniqual:", err)
	}
	w.Store().Close() // the window may have switched to another file
	return 0
}
