package uikit

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"techniqual/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// SetLanguage loads the translations of code ("sv" or "en") so that every
// lang.X call in the ui speaks it, whatever the system's locale is: fyne picks
// the translation closest to the system locale, so the chosen file is
// registered under that locale (and English, fyne's fallback) as well.
func SetLanguage(code string) {
	if code != LangEnglish {
		code = LangSwedish
	}
	// fyne's own strings (dialog buttons) follow the locale it reads from the
	// environment on Linux and macOS.
	os.Setenv("LANGUAGE", code)
	content, err := Translations(code)
	if err != nil {
		fyne.LogError("missing translation "+code, err)
		return
	}
	for _, l := range []fyne.Locale{fyne.Locale(code), "en", lang.SystemLocale()} {
		if err := lang.AddTranslationsForLocale(content, l); err != nil {
			fyne.LogError("loading translation "+code, err)
		}
	}
}

// Translations merges the translation files of one language: code.json and
// every screen's own name.code.json (so screens can be worked on apart).
func Translations(code string) ([]byte, error) {
	files, err := fs.Glob(assets.Translations, "translations/*"+code+".json")
	if err != nil {
		return nil, err
	}
	merged := map[string]string{}
	for _, f := range files {
		base := path.Base(f)
		if base != code+".json" && !strings.HasSuffix(base, "."+code+".json") {
			continue
		}
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := merged[k]; dup {
				return nil, fmt.Errorf("%s: key %q is also in another file", f, k)
			}
			merged[k] = v
		}
	}
	if len(merged) == 0 {
		return nil, fmt.Errorf("no translations for %q", code)
	}
	return json.Marshal(merged)
}
