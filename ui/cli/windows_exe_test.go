package cli

import (
	"debug/pe"
	"os"
	"path/filepath"
	"testing"
)

// TestVersionFromFyneAppToml checks the one place the version comes from:
// FyneApp.toml at the module root has a Version line that VersionOf reads.
func TestVersionFromFyneAppToml(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if v := VersionOf(string(b)); v == "dev" || v == "" {
		t.Fatalf("Version %q: FyneApp.toml has no Version line", v)
	}
	cases := map[string]string{
		"[Details]\nName = \"X\"\nVersion = \"1.2.3\"\n": "1.2.3",
		"[Details]\n  Version=\"0.9\"":                   "0.9",
		"[Details]\nName = \"X\"\n":                      "dev",
		"Version = \"\"":                                 "dev",
	}
	for toml, want := range cases {
		if got := VersionOf(toml); got != want {
			t.Errorf("VersionOf(%q) = %q, want %q", toml, got, want)
		}
	}
}

// TestWindowsExecutable checks the .exe that make package built (the path
// in TECHNIQUAL_EXE): a PE file for amd64, GUI subsystem (no console
// window), with a resource section (icon and version information).
func TestWindowsExecutable(t *testing.T) {
	path := os.Getenv("TECHNIQUAL_EXE")
	if path == "" {
		t.Skip("set TECHNIQUAL_EXE to the packaged Techniqual.exe (make package-check does)")
	}
	f, err := pe.Open(path)
	if err != nil {
		t.Fatalf("%s is not a PE file: %v", path, err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want amd64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("not a 64-bit PE file")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the GUI subsystem (%d)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	if f.Section(".rsrc") == nil {
		t.Error("no .rsrc section: icon and version information are missing")
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() < 10<<20 {
		t.Errorf("%s is suspiciously small (SQLite and Fyne are in it): %v", path, fi)
	}
}
