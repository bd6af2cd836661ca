package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// localDataDir is the per-user folder for application data that stays on this
// machine: %LOCALAPPDATA% on Windows (not the roaming AppData), Application
// Support on macOS, $XDG_DATA_HOME or ~/.local/share elsewhere.
func localDataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return d, nil
		}
		return "", errors.New("LOCALAPPDATA is not set")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support"), nil
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return d, nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share"), nil
	}
}
