// Package uikit holds the few non-widget helpers every screen of the window
// uses, so that each is written once: the Base interface a screen gets from
// the shell, the language codes and the message helper, Swedish sorting and
// accent-insensitive folding, weekday and month names, the names of period
// statuses and roles, and the formatting of statistics figures. It knows
// nothing of any screen; screens and the shell import it, never the reverse.
package uikit

import (
	"time"

	"fyne.io/fyne/v2"

	"techniqual/assets"
	"techniqual/data"
)

// Base is what every screen needs from the shell: the app (for its
// preferences), the window (for dialogs), the database shown now, a way to
// work off the UI goroutine, and navigation to another screen by id. Each
// screen package embeds it in its own narrow interface with the few
// cross-screen actions it starts.
type Base interface {
	// App is the running Fyne app; screens use it for their preferences.
	App() fyne.App
	// Window is the main window, the parent of every dialog.
	Window() fyne.Window
	// Store is the database the window shows now (Inställningar may switch it).
	Store() *data.Store
	// Background runs work off the UI goroutine and hands the function it
	// returns to the UI goroutine with fyne.Do, so the window never freezes.
	Background(work func() (apply func()))
	// Show selects the screen with that id ("overview", "pupils", …).
	Show(id string)
	// Language is the language chosen for the window, LangSwedish or LangEnglish.
	Language() string
	// Now is the clock: time.Now in the app, a fixed time in a test that
	// needs one (default choices and file names depend on today).
	Now() time.Time
}

// NewContactID, as the person of Företag's EditContact, opens an empty
// contact dialog at the organisation (Kontakter's "Ny kontakt …"): screens
// do not import each other, so the word is here.
const NewContactID = "+new"

// Screen is a built screen of the navigation.
type Screen interface {
	// Content is the screen's root object.
	Content() fyne.CanvasObject
	// Reload fetches the screen's data off the UI goroutine and swaps it in;
	// it is called each time the screen is shown.
	Reload()
}

// Searcher is a screen with a search box (Ctrl+F focuses it).
type Searcher interface{ FocusSearch() }

// Creator is a screen that can start a new item (Ctrl+N).
type Creator interface{ OnNew() }

// Leaver is a screen that may hold unsaved edits. Before the window shows
// another screen it calls AskToLeave, which runs next at once when nothing
// is unsaved, after saving or discarding when the user chooses so
// (AskUnsaved), and not at all when the user stays.
type Leaver interface{ AskToLeave(next func()) }

// Icon is the app icon as a fyne resource (the window's and the logo on
// drawn document previews).
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.IconPNG) }
