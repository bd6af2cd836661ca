package classlist

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"techniqual/data"
)

// parseGender reads what a school states about a pupil's gender; ok is
// false for a value it does not know.
func parseGender(s string) (data.Gender, bool) {
	switch normHeader(s) {
	case "":
		return data.GenderUnspecified, true
	case "f", "k", "flicka", "kvinna", "tjej", "girl", "female", "woman", "w", "kvinnlig":
		return data.GenderGirl, true
	case "p", "m", "pojke", "man", "kille", "boy", "male", "manlig":
		return data.GenderBoy, true
	case "annat", "annan", "other", "x", "ickebinar", "nonbinary":
		return data.GenderOther, true
	case "okant", "ejangivet", "uppgiftsaknas", "unknown", "unspecified", "notstated":
		return data.GenderUnspecified, true
	}
	return "", false
}

// parseYesNo reads a protected-identity mark: "Ja", "J", "X", "1", "true"
// … mean yes; empty, "Nej", "0" … mean no.
func parseYesNo(s string) (bool, bool) {
	switch normHeader(s) {
	case "ja", "j", "x", "1", "true", "sant", "yes", "y", "skyddad", "sekretess", "sekretessmarkering", "skyddadidentitet",
		"sekretessmarkerad", "skyddadepersonuppgifter", "kvarskriven", "kvarskrivning", "protected", "confidential":
		return true, true
	case "", "nej", "n", "0", "false", "falskt", "no", "ingen", "ej":
		return false, true
	}
	if s == "-" {
		return false, true
	}
	return false, false
}

var gradeInClass = regexp.MustCompile(`(?i)(?:^|[^0-9])([0-9]{1,2})(?:[^0-9]|$)`)

// gradeFromClass finds the grade in a class name: "8B" → 8, "9 A" → 9,
// "Åk 8" → 8, "Klass 9C" → 9. It returns 0 when there is no number.
func gradeFromClass(class string) int {
	m := gradeInClass.FindStringSubmatch(class)
	if m == nil {
		return 0
	}
	g, _ := strconv.Atoi(m[1])
	return g
}

// parseGrade reads a grade column: "8", "Åk 8", "år 9", "Grade 8".
func parseGrade(s string) (int, bool) {
	if g := gradeFromClass(s); g > 0 {
		return g, true
	}
	return 0, false
}

var dateLayouts = []string{"2006-01-02", "20060102", "2006/01/02", "2006.01.02", "02.01.2006", "2.1.2006",
	"02/01/2006", "2/1/2006", "060102", "2006-1-2"}

// parseBirthDate reads a birth date as school systems and Excel write it;
// fromSheet allows Excel's day numbers (serial dates).
func parseBirthDate(s string, fromSheet bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	if fromSheet {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 20000 && f < 80000 {
			day := math.Floor(f)
			return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day)), true
		}
	}
	return time.Time{}, false
}

// splitName splits a full name: "Berg, Anna" → (Anna, Berg); "Anna Maria
// Berg" → (Anna Maria, Berg).
func splitName(s string) (first, last string) {
	s = strings.Join(strings.Fields(s), " ")
	if l, f, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(f), strings.TrimSpace(l)
	}
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}
