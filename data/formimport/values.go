package formimport

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are how form tools write when an answer came: Google Forms
// and Microsoft Forms in Swedish and English, and ISO 8601.
var timeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05",
	"2006/01/02 15:04:05", "2006/01/02 15:04", "1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM",
	"1/2/2006 3:04 PM", "1/2/06 15:04:05", "1/2/06 15:04", "1/2/06 3:04:05 PM", "2.1.2006 15:04:05", "2.1.2006 15:04",
	"2006-01-02 15.04.05", "2006-01-02"}

// parseTime reads a timestamp; ok is false when it cannot be read (the
// order of the lines then decides which answer is the latest).
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// An Excel serial date ("46300.5733") from an XLSX export.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 20000 && f < 80000 {
		days := math.Floor(f)
		secs := math.Round((f - days) * 86400)
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
	}
	return time.Time{}, false
}

// noAnswer reports whether a cell says nothing ("", "-", "Inget val").
func noAnswer(s string) bool {
	if len(s) > 20 {
		return false // longer than any of the phrases below, even padded
	}
	switch fold(s) {
	case "", "inget", "inget val", "ingen", "inga", "none", "no choice", "vet ej", "vet inte", "n a", "na":
		return true
	}
	return false
}

// parseScale reads an answer on the scale 1–5: "4", "5 – Mycket
// intresserad", "Mycket intresserad (5)", "4/5". Empty is no answer (0).
func parseScale(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if noAnswer(s) {
		return 0, true
	}
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			digits++
			if digits > 2 {
				return 0, false
			}
			continue
		}
		if digits > 0 {
			if c == '.' || c == ',' {
				return 0, false // "3,5" is no step of the scale
			}
			break
		}
	}
	if digits == 0 || n < 1 || n > 5 {
		return 0, false
	}
	return n, true
}

// parseRecommend reads "Ja", "Nej", "Yes", "No" (and "Kanske", "Vet inte" as
// no answer); ok is false for anything else.
func parseRecommend(s string) (*bool, bool) {
	f := fold(s)
	if f == "" || noAnswer(s) {
		return nil, true
	}
	word, _, _ := strings.Cut(f, " ")
	yes, no := true, false
	switch word {
	case "ja", "j", "yes", "y", "absolut", "definitivt", "sant", "true", "1", "jajamen", "javisst":
		return &yes, true
	case "nej", "n", "no", "inte", "falskt", "false", "0", "nope":
		return &no, true
	case "kanske", "vet", "osaker", "maybe", "perhaps", "unsure", "dont":
		return nil, true
	}
	if f == "not sure" || f == "don t know" {
		return nil, true
	}
	return nil, false
}
