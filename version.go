package main

import (
	_ "embed"
	"regexp"
)

// fyneApp is FyneApp.toml, the one place the version is written: the
// packages get it from the fyne tool, the binary from here.
//
//go:embed FyneApp.toml
var fyneApp string

// Version is the app's version, read from FyneApp.toml.
var Version = versionOf(fyneApp)

var versionLine = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

func versionOf(toml string) string {
	if m := versionLine.FindStringSubmatch(toml); m != nil {
		return m[1]
	}
	return "dev"
}
