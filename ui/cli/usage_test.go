package cli

import (
	"bytes"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"techniqual/data/text"
)

// readmeBlock is the fenced block under "## Command line" in README.md.
func readmeBlock(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## Command line")
	if i < 0 {
		t.Fatal(`README.md has no "## Command line" section`)
	}
	s = s[i:]
	start := strings.Index(s, "```sh\n")
	if start < 0 {
		t.Fatal("the Command line section has no ```sh block")
	}
	s = s[start+len("```sh\n"):]
	end := strings.Index(s, "```")
	if end < 0 {
		t.Fatal("the command block is not closed")
	}
	return s[:end]
}

// TestReadmeShowsTheGeneratedUsage fails when the README's command block
// and the commands' own usage lines differ: both come from the Command
// values. To fix, paste the output of CommandBlock (techniqual help
// without "usage:" and the indent) into the README.
func TestReadmeShowsTheGeneratedUsage(t *testing.T) {
	if got, want := readmeBlock(t), CommandBlock(); got != want {
		t.Errorf("README.md's command block differs from the commands' usage; it should read:\n%s", want)
	}
}

// TestEveryFlagIsInItsUsageLine: a flag a command defines but its usage
// line does not show is the drift the single source is for.
func TestEveryFlagIsInItsUsageLine(t *testing.T) {
	for _, c := range commands {
		for _, leaf := range leaves(c) {
			fs := flag.NewFlagSet(leaf.FullName(), flag.ContinueOnError)
			leaf.Flags(fs, &Env{Stdout: io.Discard, Stderr: io.Discard})
			fs.VisitAll(func(f *flag.Flag) {
				if !regexp.MustCompile(`--` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(leaf.UsageLine) {
					t.Errorf("%s: --%s is not in the usage line %q", leaf.FullName(), f.Name, leaf.UsageLine)
				}
				if f.Usage == "" {
					t.Errorf("%s: --%s has no help", leaf.FullName(), f.Name)
				}
			})
			if leaf.Short == "" {
				t.Errorf("%s has no short help", leaf.FullName())
			}
		}
	}
}

// TestReservedNames: the names promised to coming commands stay free
// until those commands come, and meanwhile are unknown commands.
func TestReservedNames(t *testing.T) {
	for _, name := range reserved {
		if c := lookup(name); c != nil {
			t.Errorf("%q is reserved but taken by %q; remove it from reserved when its command lands", name, c.UsageLine)
			continue
		}
		var out, errb bytes.Buffer
		if code := Run([]string{name, "plan"}, &out, &errb, nil); code != exitUsage || !strings.Contains(errb.String(), "unknown command") {
			t.Errorf("%s: exit %d, %q", name, code, errb.String())
		}
	}
}

func TestHelp(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"help", []string{"help"}, exitOK, []string{"usage:", "techniqual pdf impact --db PATH", "# start the desktop app"}, ""},
		{"help pdf", []string{"help", "pdf"}, exitOK, []string{"usage: techniqual pdf schedules|", "participants|badges", "--include-protected", "audit log"}, ""},
		{"help pdf impact", []string{"help", "pdf", "impact"}, exitOK, []string{"usage: techniqual pdf impact", "-year string"}, ""},
		{"help after --db", []string{"--db", "x.db", "help", "pdf"}, exitOK, []string{"usage: techniqual pdf schedules|"}, ""},
		{"-h", []string{"-h"}, exitUsage, nil, "techniqual restore --db PATH --from BACKUP"},
		{"help of an unknown command", []string{"help", "fly"}, exitUsage, nil, `unknown command "fly"`},
		{"pdf schedules --help", []string{"pdf", "schedules", "--help"}, exitUsage, nil, "one file each"},
		{"a bad flag", []string{"pdf", "schedules", "--colour", "red"}, exitUsage, nil, "not defined: -colour\nusage: techniqual pdf schedules|hosts"},
		{"export --help", []string{"export", "--help"}, exitUsage, nil, "usage: techniqual export pupils|"},
		{"pdf --help", []string{"pdf", "--help"}, exitUsage, nil, "Pdf impact writes"},
		{"pdf alone", []string{"pdf"}, exitUsage, nil, "techniqual pdf impact"},
		{"flags before the word", []string{"pdf", "--db", "/nonexistent.db", "--year", "2026", "--out", "x.pdf", "impact"}, exitFailure, nil, "no such database"},
		{"a period named like a word", []string{"pdf", "--period", "impact", "--db", "/nonexistent.db", "--out", "x.pdf", "schedules"}, exitFailure, nil, "no such database"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := Run(c.args, &out, &errb, nil); code != c.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, c.code, errb.String())
			}
			for _, w := range c.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			if !strings.Contains(errb.String(), c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, errb.String())
			}
		})
	}
	var a, b bytes.Buffer
	Run([]string{"help"}, &a, io.Discard, nil)
	if a.String() != Usage() {
		t.Error("techniqual help is not Usage()")
	}
	Run([]string{"fly"}, io.Discard, &b, nil)
	if !strings.HasSuffix(b.String(), Usage()) {
		t.Error("an unknown command does not show the usage")
	}
}

// TestLanguageIsChosenOnce: --lang, else the saved setting, else the
// locale, else Swedish (also for the POSIX locale).
func TestLanguageIsChosenOnce(t *testing.T) {
	none := func() (text.Lang, bool) { return text.Swedish, false }
	english := func() (text.Lang, bool) { return text.English, true }
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cases := []struct {
		name  string
		env   func(string) string
		saved func() (text.Lang, bool)
		want  text.Lang
	}{
		{"nothing", env(), none, text.Swedish},
		{"posix", env("LANG", "C"), none, text.Swedish},
		{"C.UTF-8 with LANGUAGE", env("LC_ALL", "C.UTF-8", "LANGUAGE", "en"), none, text.Swedish},
		{"english locale", env("LANG", "en_GB.UTF-8"), none, text.English},
		{"saved setting wins over the locale", env("LANG", "sv_SE.UTF-8"), english, text.English},
	}
	for _, c := range cases {
		if got := defaultLang(c.env, c.saved); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	// The saved setting is read from Fyne's preferences file.
	home := t.TempDir()
	t.Setenv("HOME", home)
	old := AppID
	AppID = "se.techniqual.test"
	defer func() { AppID = old }()
	prefs := filepath.Join(fyneConfigDir(), AppID, "preferences.json")
	os.MkdirAll(filepath.Dir(prefs), 0o700)
	os.WriteFile(prefs, []byte(`{"language":"en","last_screen_id":"x"}`), 0o600)
	orig := savedLanguage
	defer func() { savedLanguage = orig }()
	savedLanguage = readSavedLanguage
	if l, ok := savedLanguage(); !ok || l != text.English {
		t.Errorf("saved language %q, %v; want en", l, ok)
	}
	os.WriteFile(prefs, []byte(`not json`), 0o600)
	if _, ok := savedLanguage(); ok {
		t.Error("a damaged preferences file gave a language")
	}
}

// TestNoLocaleNoise builds the binary and runs it under the POSIX
// locales: nothing may appear on stderr (Fyne's "Error parsing user
// locale C" did, on every command).
func TestNoLocaleNoise(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app")
	}
	bin := filepath.Join(t.TempDir(), "techniqual")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, loc := range []string{"LANG=C", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX", "LANG=sv_SE.UTF-8", "LANG=en_US.UTF-8"} {
		cmd := exec.Command(bin, "version")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), loc}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil || errb.Len() > 0 || !strings.HasPrefix(out.String(), "techniqual ") {
			t.Errorf("%s: %v, stdout %q, stderr %q", loc, err, out.String(), errb.String())
		}
	}
}
