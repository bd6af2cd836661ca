package shell

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/ui/pupils"
	"techniqual/ui/uikit"
)

// codeKeys collects every translation key the code uses, with the Swedish
// fallback where the code gives one: lang.X calls in ui, the navigation and
// overview tables, period statuses, and the keys of data's messages.
func codeKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	files, _ := filepath.Glob("../*/*.go") // every package of the window

	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Any call or literal with a key-looking string followed by a string
		// (lang.X("key", "Svenska"), field("x", "key", "Svenska", w), table rows).
		ast.Inspect(file, func(n ast.Node) bool {
			var args []ast.Expr
			switch x := n.(type) {
			case *ast.CallExpr:
				args = x.Args
			case *ast.CompositeLit:
				args = x.Elts
			default:
				return true
			}
			for i := 0; i+1 < len(args); i++ {
				key, ok := stringLit(args[i])
				if !ok || !keyPattern.MatchString(key) {
					continue
				}
				if fallback, ok := stringLit(args[i+1]); ok {
					keys[key] = fallback
				}
			}
			return true
		})
	}
	for _, s := range sections {
		keys[s.key] = s.title
	}
	for st, sv := range uikit.PeriodStatusNames {
		keys["period_status."+string(st)] = sv
	}
	for r, sv := range uikit.RoleNames {
		keys["role."+string(r)] = sv
	}
	for g, sv := range pupils.GenderNames {
		keys["gender."+string(g)] = sv
	}
	for i, m := range text.Months(text.Swedish) {
		keys["month."+strconv.Itoa(i+1)] = m
	}
	for i, d := range uikit.DayKeys {
		keys["weekday.short."+strconv.Itoa(i)] = d
	}
	for i, d := range text.Weekdays(text.Swedish) { // Sunday first; the keys count from Monday
		keys["weekday."+strconv.Itoa((i+6)%7)] = d
	}
	for _, r := range data.WorkingTimeRules {
		keys[r.Key] = r.Text
	}
	_, missing := data.ApprovalProblems(data.Offer{}, nil)
	for _, f := range missing {
		keys[f.Key] = f.Text
	}
	// Keys of data's field errors, straight from its source.
	re := regexp.MustCompile(`"(err\.[a-z_]+)"`)
	dataFiles, _ := filepath.Glob("../../data/*.go")
	for _, f := range dataFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if _, ok := keys[m[1]]; !ok {
				keys[m[1]] = ""
			}
		}
	}
	return keys
}

// keyPattern is what a translation key looks like: "pupils.col.name".
var keyPattern = regexp.MustCompile(`^[a-z_]+(\.[a-z_0-9]+)+$`)

func stringLit(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := stringLit(x.X)
		b, ok2 := stringLit(x.Y)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	}
	return "", false
}

// TestWriteMissingSwedish adds the code's Swedish fallbacks missing from
// sv.json when run with TECHNIQUAL_UPDATE_SV=1 (a developer's helper; the
// English must still be written by hand).
func TestWriteMissingSwedish(t *testing.T) {
	if os.Getenv("TECHNIQUAL_UPDATE_SV") == "" {
		t.Skip("set TECHNIQUAL_UPDATE_SV=1 to update assets/translations/sv.json")
	}
	path := "../assets/translations/sv.json"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sv map[string]string
	if err := json.Unmarshal(b, &sv); err != nil {
		t.Fatal(err)
	}
	merged := loadTranslation(t, uikit.LangSwedish)
	for k, v := range codeKeys(t) {
		if _, ok := merged[k]; !ok && v != "" {
			sv[k] = v
			t.Logf("added %s", k)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sv); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func loadTranslation(t *testing.T, code string) map[string]string {
	t.Helper()
	b, err := Translations(code)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

// TestTranslationsComplete fails when a string the code shows is missing
// from sv.json or en.json, or when sv.json says something else than the
// Swedish fallback in the code.
func TestTranslationsComplete(t *testing.T) {
	keys := codeKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d keys; the scan is broken", len(keys))
	}
	sv, en := loadTranslation(t, uikit.LangSwedish), loadTranslation(t, uikit.LangEnglish)
	for key, fallback := range keys {
		if sv[key] == "" {
			t.Errorf("sv.json lacks %q", key)
		} else if fallback != "" && sv[key] != fallback {
			t.Errorf("sv.json %q = %q, but the code's Swedish is %q", key, sv[key], fallback)
		}
		if en[key] == "" {
			t.Errorf("en.json lacks %q", key)
		}
	}
	for key := range sv {
		if _, ok := en[key]; !ok {
			t.Errorf("en.json lacks %q (in sv.json)", key)
		}
	}
	for key := range en {
		if _, ok := sv[key]; !ok {
			t.Errorf("sv.json lacks %q (in en.json)", key)
		}
	}
	// Template fields must match, or a translation would show "<no value>".
	field := regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
	for key, s := range sv {
		a, b := field.FindAllString(s, -1), field.FindAllString(en[key], -1)
		if len(a) != len(b) {
			t.Errorf("%q: sv has fields %v, en has %v", key, a, b)
		}
	}
}
