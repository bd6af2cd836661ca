package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// module is the module path; root the module's folder from here.
const (
	module = "techniqual"
	root   = "../.."
)

// pkg is what go list says of one package.
type pkg struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	Imports      []string
	Deps         []string
	TestImports  []string
	XTestImports []string
}

// listPackages runs go list -json ./... at the module root.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = root
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, errb.String())
	}
	var ps []pkg
	dec := json.NewDecoder(&out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if len(ps) < 10 {
		t.Fatalf("go list found only %d packages", len(ps))
	}
	return ps
}

// The window's rooms under ui/: the shell, and the packages every screen
// may use (uikit's text helpers and Base, internal/uitest in tests). Any other ui/<x> is a screen (with its own subpackages).
var notScreens = map[string]bool{"cli": true, "ops": true, "widgets": true, "uikit": true, "internal": true, "shell": true}

// screenOf is the screen package path a package belongs to ("" when it is
// none): techniqual/ui/pupils/detail belongs to techniqual/ui/pupils.
func screenOf(path string) string {
	rest, ok := strings.CutPrefix(path, module+"/ui/")
	if !ok {
		return ""
	}
	first, _, _ := strings.Cut(rest, "/")
	if notScreens[first] {
		return ""
	}
	return module + "/ui/" + first
}

// isShell reports whether path is the window's shell, which may import
// every screen: ui/shell, and plain ui while the split into screen
// packages is under way.
func isShell(path string) bool {
	return path == module+"/ui" || path == module+"/ui/shell" || strings.HasPrefix(path, module+"/ui/shell/")
}

func under(path, dir string) bool { return path == dir || strings.HasPrefix(path, dir+"/") }

func ours(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

// violations checks the dependency rules on packages ps; each string is
// one broken rule, in words.
func violations(ps []pkg) []string {
	var out []string
	for _, p := range ps {
		path := p.ImportPath
		imports := append(append(append([]string(nil), p.Imports...), p.TestImports...), p.XTestImports...)
		if !isShell(path) {
			own := screenOf(path)
			for _, imp := range imports {
				if s := screenOf(imp); s != "" && s != own {
					out = append(out, path+" imports the screen "+imp+"; only the shell may (share through ui/widgets or ui/ops)")
				}
			}
		}
		if under(path, module+"/data") {
			for _, d := range p.Deps {
				if under(d, module+"/ui") || under(d, module+"/reports") {
					out = append(out, path+" depends on "+d+"; data never imports ui or reports")
				}
			}
		}
		if under(path, module+"/data/match") {
			for _, d := range p.Deps {
				// data/match and its own internal tools (benchmark
				// generators) may use each other, nothing else of ours.
				if ours(d) && !under(d, module+"/data/match") {
					out = append(out, path+" depends on "+d+"; data/match imports nothing of ours")
				}
			}
		}
		if under(path, module+"/ui/cli") || under(path, module+"/ui/ops") || under(path, module+"/data") || under(path, module+"/reports") {
			for _, d := range p.Deps {
				if under(d, "fyne.io/fyne/v2") {
					out = append(out, path+" depends on "+d+"; only the window knows Fyne")
				}
			}
		}
		if path != module {
			for _, imp := range imports {
				if under(imp, "fyne.io/fyne/v2/app") {
					out = append(out, path+" imports "+imp+"; only main.go does")
				}
			}
		}
	}
	return out
}

// TestArchitecture keeps the rooms of the house apart (README, "How it is
// built"): see violations, rootFiles and auditCalls.
func TestArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, v := range violations(listPackages(t)) {
		t.Error(v)
	}
	for _, v := range rootFiles(t, root) {
		t.Error(v)
	}
	for _, v := range auditCalls(t, root) {
		t.Error(v)
	}
}

// rootFiles lists the Go files in the root package other than main.go:
// the root only wires, and the top level holds only main.go of Go files.
func rootFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && n != "main.go" {
			out = append(out, n+" is in the root package; it holds only main.go")
		}
	}
	return out
}

// auditCall is a call of the audit log's write method.
var auditCall = regexp.MustCompile(`\.LogExport(ToFile)?\(`)

// auditCalls lists the Go files (tests aside) outside ui/ops that write the
// audit log: ops decides once what a failed entry means.
func auditCalls(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		if filepath.ToSlash(filepath.Dir(rel)) == "ui/ops" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if auditCall.Match(b) {
			out = append(out, filepath.ToSlash(rel)+" writes the audit log (LogExport); only ui/ops does")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestArchitectureCatchesBreaches feeds the checks made-up breaches of
// every rule: a check that passes everything checks nothing.
func TestArchitectureCatchesBreaches(t *testing.T) {
	cases := []struct {
		name string
		p    pkg
		want string
	}{
		{"a screen imports another", pkg{ImportPath: "techniqual/ui/pupils", Imports: []string{"techniqual/ui/companies"}}, "imports the screen"},
		{"a screen's test imports another", pkg{ImportPath: "techniqual/ui/pupils", XTestImports: []string{"techniqual/ui/events/checkin"}}, "imports the screen"},
		{"data imports ui", pkg{ImportPath: "techniqual/data/export", Deps: []string{"techniqual/ui/ops"}}, "data never imports"},
		{"data imports reports", pkg{ImportPath: "techniqual/data", Deps: []string{"techniqual/reports"}}, "data never imports"},
		{"match imports data", pkg{ImportPath: "techniqual/data/match", Deps: []string{"techniqual/data/text"}}, "imports nothing of ours"},
		{"ops knows Fyne", pkg{ImportPath: "techniqual/ui/ops", Deps: []string{"fyne.io/fyne/v2/widget"}}, "only the window knows Fyne"},
		{"reports knows Fyne", pkg{ImportPath: "techniqual/reports/charts", Deps: []string{"fyne.io/fyne/v2"}}, "only the window knows Fyne"},
		{"a screen opens an app", pkg{ImportPath: "techniqual/ui/settings", Imports: []string{"fyne.io/fyne/v2/app"}}, "only main.go"},
	}
	for _, c := range cases {
		v := violations([]pkg{c.p})
		if len(v) != 1 || !strings.Contains(v[0], c.want) {
			t.Errorf("%s: %q, want one violation saying %q", c.name, v, c.want)
		}
	}
	allowed := []pkg{
		{ImportPath: "techniqual/ui", Imports: []string{"techniqual/ui/pupils", "fyne.io/fyne/v2/widget"}},
		{ImportPath: "techniqual/ui/shell", Imports: []string{"techniqual/ui/pupils", "techniqual/ui/events"}},
		{ImportPath: "techniqual/ui/pupils", Imports: []string{"techniqual/ui/widgets", "techniqual/ui/ops", "techniqual/ui/pupils/detail"}},
		{ImportPath: "techniqual", Imports: []string{"fyne.io/fyne/v2/app", "techniqual/ui/cli"}},
		{ImportPath: "techniqual/data/match", Deps: []string{"context", "sort"}},
	}
	if v := violations(allowed); len(v) != 0 {
		t.Errorf("allowed imports flagged: %q", v)
	}

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ui", "ops"), 0o755)
	os.MkdirAll(filepath.Join(dir, "ui", "pupils"), 0o755)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main"), 0o644)
	os.WriteFile(filepath.Join(dir, "commands.go"), []byte("package main"), 0o644)
	os.WriteFile(filepath.Join(dir, "ui", "ops", "audit.go"), []byte("st.LogExport(ctx, e)"), 0o644)
	os.WriteFile(filepath.Join(dir, "ui", "pupils", "print.go"), []byte("st.LogExport(ctx, e)"), 0o644)
	os.WriteFile(filepath.Join(dir, "ui", "pupils", "print_test.go"), []byte("st.LogExport(ctx, e)"), 0o644)
	if v := rootFiles(t, dir); len(v) != 1 || !strings.Contains(v[0], "commands.go") {
		t.Errorf("root files: %q", v)
	}
	if v := auditCalls(t, dir); len(v) != 1 || !strings.Contains(v[0], "ui/pupils/print.go") {
		t.Errorf("audit calls: %q", v)
	}
}
