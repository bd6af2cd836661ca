package main

import (
	_ "embed"

	"techniqual/ui/cli"
)

// fyneApp is FyneApp.toml, the one place the version is written: the
// packages get it from the fyne tool, the binary from here.
//
//go:embed FyneApp.toml
var fyneApp string

// Version is the app's version, read from FyneApp.toml.
var Version = cli.VersionOf(fyneApp)
