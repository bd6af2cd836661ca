package shell

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shared are the packages under ui/ every screen may import; anything else
// under ui/ is a screen or a dialog the shell opens, which only the shell
// imports (internal/uitest only in tests; ui/cli and ui/ops, the command
// line's, are none of the window's business).
var shared = map[string]bool{"techniqual/ui/uikit": true, "techniqual/ui/widgets": true}

// TestScreensImportNoOtherScreen fails when a package under ui/ other than
// the shell imports a screen's (or a dialog's) package.
func TestScreensImportNoOtherScreen(t *testing.T) {
	dirs, err := filepath.Glob("../*")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || name == "shell" || name == "internal" || name == "cli" || name == "ops" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		fset := token.NewFileSet()
		for _, f := range files {
			file, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			seen++
			for _, imp := range file.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, "techniqual/ui/") || shared[path] {
					continue
				}
				if path == "techniqual/ui/internal/uitest" && strings.HasSuffix(f, "_test.go") {
					continue
				}
				t.Errorf("%s imports %s: screens reach each other only through the shell", f, path)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("checked only %d files; the walk is broken", seen)
	}
}
