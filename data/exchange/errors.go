package exchange

import (
	"errors"
	"strconv"
	"strings"
)

// Code says what is wrong with a file or an import.
type Code string

// The codes of Error.
const (
	CodeNotExchange     Code = "not_exchange"     // not a Techniqual exchange file at all
	CodeTruncated       Code = "truncated"        // cut off, e.g. by a mail program
	CodeDamaged         Code = "damaged"          // changed or corrupted after it was written
	CodeWrongPassphrase Code = "wrong_passphrase" // the passphrase does not open it
	CodeNewerVersion    Code = "newer_version"    // written by a newer Techniqual
	CodeWrongKind       Code = "wrong_kind"       // another kind of file than the one asked for
	CodeShortPassphrase Code = "short_passphrase" // too short to write a file with
	CodeConflicts       Code = "conflicts"        // conflicts left undecided
	CodeProblems        Code = "problems"         // the file's rows cannot be imported here
	CodeOldFormat       Code = "old_format"       // written by an older Techniqual, without version vectors
	CodeOlder           Code = "older"            // everything the file would change is older than what is here
)

// Error is a problem with an exchange file, with a message for people in
// Swedish and English. Nothing has been changed when one is returned.
type Error struct {
	Code     Code
	Version  int       // for CodeNewerVersion
	Got      Kind      // for CodeWrongKind: what the file is
	Want     []Kind    // for CodeWrongKind: what was asked for
	Problems []Problem // for CodeProblems
	Err      error     // the underlying cause, for logs
}

// Problem is one reason why a file's rows cannot be imported, in Swedish
// and English.
type Problem struct {
	Swedish string
	English string
}

func newError(c Code, err error) *Error { return &Error{Code: c, Err: err} }

func newVersionError(v int) *Error { return &Error{Code: CodeNewerVersion, Version: v} }

var messages = map[Code][2]string{
	CodeNotExchange: {"Filen är inte en utbytesfil från Techniqual. Ingenting har ändrats.",
		"The file is not a Techniqual exchange file. Nothing was changed."},
	CodeTruncated: {"Filen är ofullständig – den har kortats av, kanske på vägen i e-posten. Be avsändaren skicka den igen. Ingenting har ändrats.",
		"The file is incomplete – it was cut off, perhaps on its way by e-mail. Ask the sender to send it again. Nothing was changed."},
	CodeDamaged: {"Filen är skadad eller har ändrats efter att den sparades. Be avsändaren skicka den igen. Ingenting har ändrats.",
		"The file is damaged or was changed after it was saved. Ask the sender to send it again. Nothing was changed."},
	CodeWrongPassphrase: {"Lösenfrasen stämmer inte för den här filen. Kontrollera den med avsändaren. Ingenting har ändrats.",
		"The passphrase does not open this file. Check it with the sender. Nothing was changed."},
	CodeNewerVersion: {"Filen kommer från en nyare version av Techniqual (v{{.Version}}). Uppdatera först. Ingenting har ändrats.",
		"The file comes from a newer version of Techniqual (v{{.Version}}). Update first. Nothing was changed."},
	CodeWrongKind: {"Filen är {{.Got}}, men här behövs {{.Want}}. Ingenting har ändrats.",
		"The file is {{.Got}}, but {{.Want}} is needed here. Nothing was changed."},
	CodeShortPassphrase: {"Lösenfrasen måste ha minst {{.Min}} tecken. Välj gärna tre eller fyra vanliga ord.",
		"The passphrase must have at least {{.Min}} characters. Three or four ordinary words work well."},
	CodeConflicts: {"Några uppgifter har ändrats både här och i filen. Välj vilken version som ska gälla. Ingenting har ändrats.",
		"Some details were changed both here and in the file. Choose which version to keep. Nothing was changed."},
	CodeOldFormat: {"Filen skrevs av en äldre version av Techniqual (format v{{.Version}}) som inte kunde hålla reda på vem som ändrat vad. Be avsändaren uppdatera Techniqual och skicka filen igen. Ingenting har ändrats.",
		"The file was written by an older version of Techniqual (format v{{.Version}}), which could not keep track of who changed what. Ask the sender to update Techniqual and send the file again. Nothing was changed."},
	CodeOlder: {"Filen är äldre än det som redan finns här: allt den skulle ändra har redan ändrats efter den ({{.Detail}}). Den har inte lästs in. Ingenting har ändrats.",
		"The file is older than what is here: everything it would change has been changed since ({{.Detail}}). It was not imported. Nothing was changed."},
	CodeProblems: {"Filen kan inte läsas in här: {{.Detail}}. Ingenting har ändrats.",
		"The file cannot be imported here: {{.Detail}}. Nothing was changed."},
}

// Key is the translation key of the message, e.g. "exchange.err.damaged".
func (e *Error) Key() string { return "exchange.err." + string(e.Code) }

// Data are the values the message templates use, in Swedish (en false) or
// English.
func (e *Error) Data(en bool) map[string]string {
	i := 0
	if en {
		i = 1
	}
	var want, probs []string
	for _, k := range e.Want {
		want = append(want, kindNames[k][i])
	}
	for _, p := range e.Problems {
		probs = append(probs, [2]string{p.Swedish, p.English}[i])
	}
	or := [2]string{" eller ", " or "}[i]
	return map[string]string{"Version": strconv.Itoa(e.Version), "Got": kindNames[e.Got][i], "Want": strings.Join(want, or),
		"Detail": strings.Join(probs, "; "), "Min": strconv.Itoa(MinPassphrase)}
}

// kindNames name the kinds in running text, Swedish and English.
var kindNames = map[Kind][2]string{
	KindHostForm: {"en fil med värdformulär", "a host form file"},
	KindSchool:   {"en skolfil med elever och önskemål", "a school file with pupils and choices"},
	KindResults:  {"en resultatfil med placeringar", "a results file with placements"},
	KindHost:     {"en värdfil med inkommande elever", "a host file with incoming pupils"},
}

// KindName names a kind in running text, in Swedish or (en) English.
func KindName(k Kind, en bool) string {
	n, ok := kindNames[k]
	if !ok {
		return string(k)
	}
	if en {
		return n[1]
	}
	return n[0]
}

// Template is the Swedish message template (for lang's fallback).
func (e *Error) Template() string { return messages[e.Code][0] }

// Swedish is the message in Swedish.
func (e *Error) Swedish() string { return fill(messages[e.Code][0], e.Data(false)) }

// English is the message in English.
func (e *Error) English() string { return fill(messages[e.Code][1], e.Data(true)) }

func (e *Error) Error() string {
	msg := e.English()
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

func fill(tmpl string, data map[string]string) string {
	for k, v := range data {
		tmpl = strings.ReplaceAll(tmpl, "{{."+k+"}}", v)
	}
	return tmpl
}

// CodeOf returns the Code of an exchange error, or "" for any other error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
