package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"techniqual/data"
)

const backupUsage = "usage: techniqual backup --db PATH --out FILE\n"

const restoreUsage = "usage: techniqual restore --db PATH --from BACKUP\n"

// cmdBackup writes a consistent copy of the database. It works while the app
// has the database open (it reads without taking the lock) and never
// overwrites a file that holds something.
func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file")
	out := fs.String("out", "", "the backup file to write (must not exist)")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 || *db == "" || *out == "" {
		fmt.Fprint(stderr, backupUsage)
		return exitUsage
	}
	if _, err := os.Stat(*db); err != nil {
		fmt.Fprintf(stderr, "techniqual backup: %s: no such database\n", *db)
		return exitFailure
	}
	if fi, err := os.Stat(*out); err == nil && (fi.IsDir() || fi.Size() > 0) {
		fmt.Fprintf(stderr, "techniqual backup: %s already exists; choose a new file name (nothing was overwritten)\n", *out)
		return exitFailure
	}
	if err := data.BackupFile(ctx, *db, *out); err != nil {
		if errors.Is(err, data.ErrNotDatabase) {
			fmt.Fprintf(stderr, "techniqual backup: %s\n", describeOpenError(*db, err))
		} else {
			fmt.Fprintln(stderr, "techniqual backup:", err)
		}
		return exitFailure
	}
	fmt.Fprintf(stdout, "backup of %s: %s\n", *db, *out)
	return exitOK
}

// cmdRestore replaces the database with a backup, after checking that the
// backup is a Techniqual database this version can open and keeping a safety
// copy of the current file.
func cmdRestore(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file to replace")
	from := fs.String("from", "", "the backup to restore")
	pos, err := flagsAnywhere(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 || *db == "" || *from == "" {
		fmt.Fprint(stderr, restoreUsage)
		return exitUsage
	}
	safety, err := data.Restore(ctx, *from, *db, time.Now())
	switch {
	case errors.Is(err, data.ErrNotDatabase), errors.Is(err, data.ErrNewerVersion):
		fmt.Fprintf(stderr, "techniqual restore: %s; %s was not changed\n", describeOpenError(*from, err), *db)
		return exitFailure
	case errors.Is(err, data.ErrInUse):
		fmt.Fprintf(stderr, "techniqual restore: %s\n", describeOpenError(*db, err))
		return exitFailure
	case errors.Is(err, os.ErrNotExist) && safety == "":
		fmt.Fprintf(stderr, "techniqual restore: %s: no such file\n", *from)
		return exitFailure
	case err != nil:
		fmt.Fprintln(stderr, "techniqual restore:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored %s from %s", *db, *from)
	if safety != "" {
		fmt.Fprintf(stdout, "; the previous file is kept in %s", safety)
	}
	fmt.Fprintln(stdout)
	return exitOK
}
