package formimport

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDetectField(t *testing.T) {
	tests := []struct {
		header string
		kind   Kind
		field  Field
		rank   int
	}{
		{"Tidsstämpel", KindChoices, FieldTimestamp, 0},
		{"Tidstämpel", KindChoices, FieldTimestamp, 0},
		{"Starttid", KindChoices, FieldTimestamp, 0},
		{"Completion time", KindChoices, FieldTimestamp, 0},
		{"Timestamp", KindEvaluations, FieldTimestamp, 0},
		{"ID", KindChoices, FieldIgnore, 0},
		{"E-post", KindChoices, FieldIgnore, 0},
		{"Namn", KindChoices, FieldName, 0},
		{"Vad heter du? (för- och efternamn)", KindChoices, FieldName, 0},
		{"Förnamn", KindChoices, FieldFirstName, 0},
		{"Efternamn", KindChoices, FieldLastName, 0},
		{"Klass", KindChoices, FieldClass, 0},
		{"Vilken klass går du i?", KindChoices, FieldClass, 0},
		{"Skola", KindChoices, FieldSchool, 0},
		{"Val 1", KindChoices, FieldChoice, 1},
		{"Val 5", KindChoices, FieldChoice, 5},
		{"Val 6", KindChoices, FieldChoice, 6},
		{"1:a hand", KindChoices, FieldChoice, 1},
		{"2:a hand", KindChoices, FieldChoice, 2},
		{"Förstahandsval", KindChoices, FieldChoice, 1},
		{"Tredjehandsval", KindChoices, FieldChoice, 3},
		{"Choice 4", KindChoices, FieldChoice, 4},
		{"Second choice", KindChoices, FieldChoice, 2},
		{"Önskemål 2 (praoplats)", KindChoices, FieldChoice, 2},
		{"Rangordna praoplatserna", KindChoices, FieldChoiceList, 0},
		{"Val 1", KindEvaluations, FieldIgnore, 0},
		{"Hur intresserad av teknik var du före praon?", KindEvaluations, FieldInterestBefore, 0},
		{"Intresse för teknik innan prao (1–5)", KindEvaluations, FieldInterestBefore, 0},
		{"Hur intresserad av teknik är du nu, efter praon?", KindEvaluations, FieldInterestAfter, 0},
		{"Interest in technology after", KindEvaluations, FieldInterestAfter, 0},
		{"Skulle du rekommendera teknikprao till en kompis?", KindEvaluations, FieldRecommend, 0},
		{"Would recommend", KindEvaluations, FieldRecommend, 0},
		{"Kommentar", KindEvaluations, FieldComment, 0},
		{"Vill du säga något mer?", KindEvaluations, FieldComment, 0},
		{"Skostorlek", KindChoices, FieldIgnore, 0},
	}
	for _, tt := range tests {
		f, r := DetectField(tt.header, tt.kind)
		if f != tt.field || r != tt.rank {
			t.Errorf("DetectField(%q, %s) = %q, %d; want %q, %d", tt.header, tt.kind, f, r, tt.field, tt.rank)
		}
	}
}

func TestReadFindsTheHeaderInEveryFormat(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Svar på formuläret Teknikprao"})
	x.SetSheetRow("Sheet1", "A3", &[]any{"ID", "Starttid", "Sluttid", "E-post", "Namn", "Klass", "Val 1", "Val 2"})
	x.SetSheetRow("Sheet1", "A4", &[]any{1, 46296.5, 46296.51, "a@example.se", "Åsa Ek", "8A", "Pappersbruket", "Elnät"})
	xb, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		b         []byte
		headerRow int
		records   int
		cols      map[string]Field
	}{
		{"google sv ;", win1252(t, "Tidsstämpel;Namn;Klass;Förstahandsval;Andrahandsval\r\n2026-10-05 13:45:12;Åsa Ek;8A;Pappersbruket;Elnät\r\n"),
			1, 1, map[string]Field{"Tidsstämpel": FieldTimestamp, "Förstahandsval": FieldChoice, "Namn": FieldName}},
		{"english , with title", []byte("Choices 2026\n\nTimestamp,First name,Last name,Class,Choice 1,Choice 2\n10/5/2026 13:45:12,Asa,Ek,8A,Elnät,\n"),
			3, 1, map[string]Field{"First name": FieldFirstName, "Choice 2": FieldChoice}},
		{"tab, ranking", []byte("Namn\tKlass\tRangordna praoplatserna\nEk, Åsa\t8A\tElnät;Pappersbruket;\n"),
			1, 1, map[string]Field{"Rangordna praoplatserna": FieldChoiceList}},
		{"xlsx ms forms", xb.Bytes(), 3, 1, map[string]Field{"ID": FieldIgnore, "Sluttid": FieldTimestamp, "Val 2": FieldChoice}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ReadChoices(tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if f.HeaderRow != tt.headerRow || len(f.Records) != tt.records {
				t.Fatalf("header row %d, %d records; want %d, %d", f.HeaderRow, len(f.Records), tt.headerRow, tt.records)
			}
			got := map[string]Field{}
			for _, c := range f.Columns {
				got[c.Header] = c.Field
			}
			for h, want := range tt.cols {
				if got[h] != want {
					t.Errorf("column %q = %q, want %q", h, got[h], want)
				}
			}
		})
	}
}

func TestReadRefusesWhatIsNoFormExport(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		read func([]byte) (*File, error)
		want string
		file bool // the File comes with the error, for the user to map columns
	}{
		{"empty", nil, ReadChoices, "Filen är tom.", false},
		{"pdf", []byte("%PDF-1.7\n"), ReadChoices, "PDF", false},
		{"no name", []byte("Klass;Val 1\n8A;Elnät\n"), ReadChoices, "Ingen kolumn med elevernas namn", true},
		{"no choices", []byte("Namn;Klass\nÅsa Ek;8A\n"), ReadChoices, "Ingen kolumn med val", true},
		{"no answers", []byte("Namn;Klass;Val 1\nÅsa Ek;8A;Elnät\n"), ReadEvaluations, "Inga kolumner med svar", true},
		{"header only", []byte("Namn;Klass;Val 1\n"), ReadChoices, "inga svar", false},
		{"header only, no name", []byte("Klass;Val 1\n"), ReadChoices, "", false},
	}
	for _, tt := range tests {
		f, err := tt.read(tt.b)
		if (f != nil) != tt.file {
			t.Errorf("%s: file %v with %v", tt.name, f, err)
		}
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, ErrNotFormExport) {
			t.Errorf("%s: error %v is no FileError", tt.name, err)
			continue
		}
		if !strings.Contains(fe.Swedish(), tt.want) || fe.Error() == "" {
			t.Errorf("%s: %q lacks %q", tt.name, fe.Swedish(), tt.want)
		}
	}
}

func TestParseValues(t *testing.T) {
	scale := map[string]int{"3": 3, "5 – Mycket intresserad": 5, "Mycket intresserad (5)": 5, "1 - Inte alls": 1, "4/5": 4, "": 0, "-": 0}
	for in, want := range scale {
		if got, ok := parseScale(in); !ok || got != want {
			t.Errorf("parseScale(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"6", "0", "Ganska", "3,5", "100"} {
		if _, ok := parseScale(bad); ok {
			t.Errorf("parseScale(%q) accepted", bad)
		}
	}
	yes, no := true, false
	rec := map[string]*bool{"Ja": &yes, "ja, absolut": &yes, "Yes": &yes, "Nej": &no, "No": &no, "": nil, "Kanske": nil, "Vet inte": nil}
	for in, want := range rec {
		got, ok := parseRecommend(in)
		if !ok || (got == nil) != (want == nil) || (got != nil && *got != *want) {
			t.Errorf("parseRecommend(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := parseRecommend("Blå"); ok {
		t.Error("parseRecommend accepted Blå")
	}
	times := map[string]string{"2026-10-05 13:45:12": "2026-10-05T13:45:12Z", "10/5/2026 13:45:12": "2026-10-05T13:45:12Z",
		"46300.5": "2026-10-05T12:00:00Z", "2026-10-05T13:45:12+02:00": "2026-10-05T11:45:12Z"}
	for in, want := range times {
		got, ok := parseTime(in)
		if !ok || got.UTC().Format("2006-01-02T15:04:05Z") != want {
			t.Errorf("parseTime(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
}

func TestMatchingHelpers(t *testing.T) {
	if nameKey("  Ek,  ÅSA ") != nameKey("åsa ek") {
		t.Error("nameKey does not ignore order, case, accents and spaces")
	}
	for _, c := range []struct{ typed, name string }{
		{"Lukasz Mohamed", "Łukasz Mohamed"}, {"Bjorn Dahl", "Bjørn Dahl"}, {"Zoe Le", "Zoë Lê"},
		{"Ali Gunes", "Ali Güneş"}, {"Dorde Ilic", "Đorđe Ilić"}, {"Mans Lindqvist", "Måns Lindqvist"},
	} {
		if nameKey(c.typed) != nameKey(c.name) {
			t.Errorf("%q does not match %q: %q vs %q", c.typed, c.name, nameKey(c.typed), nameKey(c.name))
		}
	}
	if classKey("Klass 8 a") != "8a" || classKey("8A") != "8a" {
		t.Errorf("classKey: %q %q", classKey("Klass 8 a"), classKey("8A"))
	}
	if offerFold("Valmet AB – Service") != "valmet service" {
		t.Errorf("offerFold %q", offerFold("Valmet AB – Service"))
	}
	if s := similarity("volvo", "volvo"); s != 1 {
		t.Errorf("similarity %v", s)
	}
	if levenshtein([]rune("kitten"), []rune("sitting")) != 3 {
		t.Error("levenshtein")
	}
}
