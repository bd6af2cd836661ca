package settings

import (
	"testing"

	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// TestDialogsOpen: each button of Inställningar that asks something opens
// its dialog over the window, and choosing English asks the shell for it.
func TestDialogsOpen(t *testing.T) {
	m := uitest.NewShell(t, uitest.OpenStore(t))
	s := New(m)
	m.Open(t, s)
	cases := []struct {
		name string
		do   func()
	}{
		{"open another database", s.onOpen},
		{"back up now", s.onBackup},
		{"restore", func() { showRestore(m) }},
		{"restore a file", func() { confirmRestore(m, m.Store().Path()) }},
		{"exchange export", func() { showExchangeExport(m, "", "") }},
		{"host form file", func() { ShowHostFormFile(m, "") }},
		{"exchange import", func() { showExchangeImport(m) }},
	}
	for _, c := range cases {
		before := len(m.Window().Canvas().Overlays().List())
		c.do()
		m.Wait(t)
		if got := len(m.Window().Canvas().Overlays().List()); got <= before {
			t.Errorf("%s opened no dialog (%d overlays, %d before)", c.name, got, before)
		}
	}
	s.langSel.SetSelectedIndex(1)
	if !m.HasCall("language " + uikit.LangEnglish) {
		t.Errorf("choosing English asked the shell for %v", m.Calls())
	}
	s.langSel.SetSelectedIndex(1) // the same again changes nothing
	if n := len(m.Calls()); n != 1 {
		t.Errorf("calls %v after choosing English twice", m.Calls())
	}
}
