package uikit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
)

// NewSaveDialog is the app's "save as" dialog: it suggests name, offers
// files ending in ext (".pdf"; "" for any), and calls save with the path
// chosen, ext added when the name typed has none. The caller may set a
// location, then shows it with ShowFileDialog.
//
// Fyne's dialog creates the file chosen, empty, before it answers; the
// caller writes the real file at path, so an empty file left under a name
// not ending in ext is removed. When Fyne cannot create the file (found by use: a
// whole path typed into the name field became a folder that does not
// exist, and nothing happened, silently), the user is told what and why.
func NewSaveDialog(win fyne.Window, name, ext string, save func(path string)) *dialog.FileDialog {
	fd := dialog.NewFileSave(saveAnswer(win, ext, save), win)
	fd.SetFileName(name)
	fd.SetTitleText(lang.X("file.save_title", "Spara som")) // Fyne says "Spara Fil"
	if ext != "" {
		fd.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	return fd
}

// saveAnswer is what NewSaveDialog does with the dialog's answer.
func saveAnswer(win fyne.Window, ext string, save func(path string)) func(fyne.URIWriteCloser, error) {
	return func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ShowNotSaved(win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		// A name that does not end in ext gets it: "Åk 8 v. 46 2026" has
		// an extension of its own, " 2026" (review).
		if ext != "" && !strings.EqualFold(filepath.Ext(path), ext) {
			if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
				os.Remove(path)
			}
			path += ext
		}
		save(path)
	}
}

// ShowNotSaved says that a file could not be made where the user chose,
// and how to choose again.
func ShowNotSaved(win fyne.Window, err error) {
	// In the user's words where the system's are known (found by use: an
	// English "no such file or directory" in a Swedish message).
	why := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			why = lang.X("file.no_folder", "mappen för {{.Path}} finns inte", map[string]string{"Path": pe.Path})
		case errors.Is(err, fs.ErrPermission):
			why = lang.X("file.no_permission", "du får inte skriva {{.Path}}", map[string]string{"Path": pe.Path})
		}
	}
	dialog.ShowInformation(lang.X("file.not_saved_title", "Filen sparades inte"),
		lang.X("file.not_saved", "Filen kunde inte skapas där: {{.Error}}\n\nSkriv bara filens namn i rutan och välj mappen i listan ovanför den.",
			map[string]string{"Error": why}), win)
}
