package cli

import (
	"context"
	"io"
	"os"
	"testing"

	"techniqual/data/text"
)

// TestMain runs the tests in a fixed language setting: no saved window
// setting and the POSIX locale, so the default language is Swedish.
func TestMain(m *testing.M) {
	savedLanguage = func() (text.Lang, bool) { return text.Swedish, false }
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		os.Unsetenv(k)
	}
	os.Setenv("LANG", "C.UTF-8")
	os.Exit(m.Run())
}

// The entry points of the commands as they were in the root package, for
// the tests that moved here with them: each runs techniqual with the
// command's words first.

func run(args []string, stdout, stderr io.Writer, gui func(string) int) int {
	return Run(args, stdout, stderr, gui)
}

func runWords(words []string, args []string, stdout, stderr io.Writer) int {
	return Run(append(append([]string(nil), words...), args...), stdout, stderr, nil)
}

func callImport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"import"}, args, stdout, stderr)
}

func callMatch(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"match"}, args, stdout, stderr)
}

func callSolve(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"solve"}, args, stdout, stderr)
}

func callExport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"export"}, args, stdout, stderr)
}

func callICS(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"ics"}, args, stdout, stderr)
}

func callPDF(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"pdf"}, args, stdout, stderr)
}

func callEventPDF(_ context.Context, kind string, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"pdf", kind}, args, stdout, stderr)
}

func callBackup(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"backup"}, args, stdout, stderr)
}

func callRestore(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return runWords([]string{"restore"}, args, stdout, stderr)
}
