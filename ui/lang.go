package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"techniqual/assets"
)

// Languages the app speaks; Swedish is the default.
const (
	LangSwedish = "sv"
	LangEnglish = "en"
)

const prefLanguage = "language"

// SavedLanguage is the language chosen in Inställningar, Swedish by default.
func SavedLanguage(a fyne.App) string {
	return a.Preferences().StringWithFallback(prefLanguage, LangSwedish)
}

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
	content, err := assets.Translations.ReadFile("translations/" + code + ".json")
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

// message renders a data-layer message (a translation key with a Swedish
// text and template data) in the user's language.
func message(key, swedish string, data any) string {
	return lang.X(key, swedish, data)
}
