// Package assets embeds what the app ships besides code: the icon and logo,
// the network's colours and the translations (translations/sv.json and
// en.json, loaded by the ui through fyne's lang). It holds no logic.
package assets

import (
	"embed"
	_ "embed"
	"image/color"
)

// IconPNG is the app icon (256×256), also used as the logo in documents.
//
//go:embed icon.png
var IconPNG []byte

// Translations holds translations/sv.json and translations/en.json.
//
//go:embed translations/*.json
var Translations embed.FS

// The network's colours, shared by the window and the documents.
var (
	Purple = color.NRGBA{R: 0x5B, G: 0x2A, B: 0x86, A: 0xFF}
	Teal   = color.NRGBA{R: 0x2E, G: 0xC4, B: 0xB6, A: 0xFF}
)
