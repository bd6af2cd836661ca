package shell

import (
	"fyne.io/fyne/v2"

	"techniqual/ui/uikit"
)

const prefLanguage = "language"

// SavedLanguage is the language chosen in Inställningar, Swedish by default.
func SavedLanguage(a fyne.App) string {
	return a.Preferences().StringWithFallback(prefLanguage, uikit.LangSwedish)
}

// SetLanguage loads the translations of code ("sv" or "en") for every
// screen (uikit.SetLanguage does the work).
func SetLanguage(code string) { uikit.SetLanguage(code) }

// Translations merges the translation files of one language (see
// uikit.Translations).
func Translations(code string) ([]byte, error) { return uikit.Translations(code) }
