package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"techniqual/data"
	"techniqual/ui/ops"
)

var cmdBackup = &Command{
	UsageLine: "backup --db PATH --out FILE [--passphrase-file FILE]",
	Short:     "a consistent copy, also while the app runs; never overwrites a file",
	Long: `Backup writes a consistent copy of the database. It works while the app
has the database open (it reads without taking the lock) and never
overwrites a file that holds something. With --passphrase-file the copy
is encrypted with the file's first line (at least 10 characters; age,
as exchange files), for a copy that leaves the computer.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file")
		out := fs.String("out", "", "the backup file to write (must not exist)")
		passFile := fs.String("passphrase-file", "", "encrypt the copy with this file's first line")
		return func(ctx context.Context, env *Env, pos []string) int {
			return runBackup(ctx, env, pos, *db, *out, *passFile)
		}
	},
}

var cmdRestore = &Command{
	UsageLine: "restore --db PATH --from BACKUP [--passphrase-file FILE]",
	Short:     "replace the database with a backup, keeping a safety copy of the current file",
	Long: `Restore replaces the database with a backup, after checking that the
backup is a Techniqual database this version can open and keeping a safety
copy of the current file. Close the app first. An encrypted backup is
opened with the first line of --passphrase-file (or $` + passphraseEnv + `).`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		db := fs.String("db", "", "database file to replace")
		from := fs.String("from", "", "the backup to restore")
		passFile := fs.String("passphrase-file", "", "file whose first line opens an encrypted backup")
		return func(ctx context.Context, env *Env, pos []string) int {
			return runRestore(ctx, env, pos, *db, *from, *passFile)
		}
	},
}

// runBackup writes a consistent copy of the database db to out.
func runBackup(ctx context.Context, env *Env, pos []string, db, out, passFile string) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(pos) > 0 || db == "" || out == "" {
		return env.usageError()
	}
	var err error
	if passFile != "" {
		pass, perr := readPassphrase(passFile)
		if perr != nil {
			fmt.Fprintln(stderr, "techniqual backup:", perr)
			return exitFailure
		}
		if len([]rune(pass)) < data.MinBackupPassphrase {
			fmt.Fprintf(stderr, "techniqual backup: the passphrase in %s has fewer than %d characters; nothing was written\n", passFile, data.MinBackupPassphrase)
			return exitFailure
		}
		err = ops.BackupFileEncrypted(ctx, db, out, pass)
	} else {
		err = ops.BackupFile(ctx, db, out)
	}
	switch {
	case errors.Is(err, ops.ErrNoDatabase):
		fmt.Fprintf(stderr, "techniqual backup: %s: no such database\n", db)
		return exitFailure
	case errors.Is(err, ops.ErrBackupExists):
		fmt.Fprintf(stderr, "techniqual backup: %s already exists; choose a new file name (nothing was overwritten)\n", out)
		return exitFailure
	}
	if err != nil {
		if errors.Is(err, data.ErrNotDatabase) {
			fmt.Fprintf(stderr, "techniqual backup: %s\n", describeOpenError(db, err))
		} else {
			fmt.Fprintln(stderr, "techniqual backup:", err)
		}
		return exitFailure
	}
	if passFile != "" {
		fmt.Fprintf(stdout, "encrypted backup of %s: %s\n", db, out)
		return exitOK
	}
	fmt.Fprintf(stdout, "backup of %s: %s\n", db, out)
	return exitOK
}

// runRestore replaces the database db with the backup from.
func runRestore(ctx context.Context, env *Env, pos []string, db, from, passFile string) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(pos) > 0 || db == "" || from == "" {
		return env.usageError()
	}
	source := from
	if enc, _ := data.IsEncryptedBackup(from); enc {
		pass, err := readPassphrase(passFile)
		if err == nil && pass == "" {
			err = fmt.Errorf("no passphrase: give --passphrase-file FILE")
		}
		if err != nil {
			fmt.Fprintf(stderr, "techniqual restore: %s is encrypted: %v; %s was not changed\n", from, err, db)
			return exitFailure
		}
		plain, done, err := ops.DecryptForRestore(from, db, pass)
		if errors.Is(err, data.ErrWrongPassphrase) {
			fmt.Fprintf(stderr, "techniqual restore: the passphrase does not open %s; %s was not changed\n", from, db)
			return exitFailure
		}
		if err != nil {
			fmt.Fprintf(stderr, "techniqual restore: %s: %v; %s was not changed\n", from, err, db)
			return exitFailure
		}
		defer done()
		source = plain
	}
	safety, err := ops.Restore(ctx, source, db)
	switch {
	case errors.Is(err, data.ErrNotDatabase), errors.Is(err, data.ErrNewerVersion):
		fmt.Fprintf(stderr, "techniqual restore: %s; %s was not changed\n", describeOpenError(from, err), db)
		return exitFailure
	case errors.Is(err, data.ErrInUse):
		fmt.Fprintf(stderr, "techniqual restore: %s\n", describeOpenError(db, err))
		return exitFailure
	case errors.Is(err, os.ErrNotExist) && safety == "":
		fmt.Fprintf(stderr, "techniqual restore: %s: no such file\n", from)
		return exitFailure
	case err != nil:
		fmt.Fprintln(stderr, "techniqual restore:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored %s from %s", db, from)
	if safety != "" {
		fmt.Fprintf(stdout, "; the previous file is kept in %s", safety)
	}
	fmt.Fprintln(stdout)
	return exitOK
}
