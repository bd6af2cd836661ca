package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats/stattest"
)

// journeyDB writes the journeys fixture (14 members, 2025 and 2026; see
// stattest.BuildJourneys) and two network events every member's contact
// is registered for.
func journeyDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journeys.db")
	st, err := data.Open(ctx, path, data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	err = st.InTx(ctx, func(tx *data.Store) error {
		fx, err := stattest.BuildJourneys(ctx, tx)
		if err != nil {
			return err
		}
		var events []data.Event
		for i, title := range []string{"Träff i mars", "Träff i oktober"} {
			start := time.Date(2026, time.Month(3+7*i), 12, 15, 0, 0, 0, data.Stockholm)
			e := data.Event{Title: title, Kind: data.EventNetwork, Start: start, End: start.Add(2 * time.Hour)}
			if err := tx.SaveEvent(ctx, &e); err != nil {
				return err
			}
			events = append(events, e)
		}
		for _, name := range fx.Names {
			p := data.Person{OrganisationID: fx.Members[name], FirstName: "Kim", LastName: strings.ReplaceAll(name, " ", ""),
				Roles: []data.Role{data.RoleHR}}
			if err := tx.SavePerson(ctx, &p); err != nil {
				return err
			}
			for _, e := range events {
				r := data.Registration{EventID: e.ID, PersonID: p.ID, Status: data.RegRegistered, RegisteredAt: e.Start.AddDate(0, 0, -10)}
				if err := tx.SaveRegistration(ctx, &r); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestJourneyBenchmarkJSON(t *testing.T) {
	db := journeyDB(t)
	var out, errb bytes.Buffer
	if code := run([]string{"journey", "benchmark", "--db", db, "--year", "2026", "--json"}, &out, &errb, nil); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got struct {
		Year    int `json:"year"`
		Members int `json:"members"`
		Figures []map[string]any
		Steps   []map[string]any
		Scopes  []struct {
			Kind, Name string
			Figures    []map[string]any
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if got.Year != 2026 || got.Members != 14 || len(got.Figures) != 12 || len(got.Steps) != 5 {
		t.Fatalf("year %d, members %d, %d figures, %d steps", got.Year, got.Members, len(got.Figures), len(got.Steps))
	}
	emp := got.Figures[0]
	if emp["key"] != "employees" || emp["n"] != 14.0 || emp["hidden"] != false || emp["median"] == nil {
		t.Errorf("employees %v", emp)
	}
	hiddenSeen := false
	for _, sc := range got.Scopes {
		for _, f := range sc.Figures {
			n := f["n"].(float64)
			if n < 5 && f["hidden"] != true {
				t.Errorf("%s %s %s: n %v shown", sc.Kind, sc.Name, f["key"], n)
			}
			if f["hidden"] == true {
				hiddenSeen = true
				for _, k := range []string{"median", "q1", "q3"} {
					if v, ok := f[k]; !ok || v != nil {
						t.Errorf("%s %s %s: hidden but %s = %v", sc.Kind, sc.Name, f["key"], k, v)
					}
				}
			}
		}
	}
	if !hiddenSeen {
		t.Error("no hidden figure in the scopes: band 1-9 has 3 members")
	}
	// 2025: the network's 12 members differ from 2026's 14 by 2: hidden.
	out.Reset()
	if code := run([]string{"journey", "benchmark", "--db", db, "--year", "2025"}, &out, &errb, nil); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "employees\t12\thidden\thidden\thidden\t") {
		t.Errorf("2025 employees not hidden:\n%s", out.String())
	}
}

func TestJourneyFailures(t *testing.T) {
	db := journeyDB(t)
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"journey", "benchmark", "--db", db}, exitUsage, "usage:"},
		{[]string{"journey", "benchmark", "--db", db, "--year", "20x6"}, exitFailure, `--year "20x6" is not a year`},
		{[]string{"journey", "pairs", "--db", db, "--event", "Ingen"}, exitFailure, `no event named "Ingen"`},
		{[]string{"pdf", "journey", "--db", db, "--org", "Ingen AB", "--year", "2026", "--out", filepath.Join(t.TempDir(), "x.pdf")}, exitFailure, `no company named "Ingen AB"`},
		{[]string{"pdf", "journey", "--db", db, "--org", "Resa 13 AB", "--year", "2025", "--out", filepath.Join(t.TempDir(), "x.pdf")}, exitFailure, "no journey recorded for 2025"},
		{[]string{"pdf", "journey-book", "--db", db, "--year", "2024", "--out", filepath.Join(t.TempDir(), "x.pdf")}, exitFailure, "nothing to print"},
	} {
		var out, errb bytes.Buffer
		if code := run(c.args, &out, &errb, nil); code != c.code || !strings.Contains(errb.String(), c.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.stderr)
		}
	}
}

func TestJourneyPairs(t *testing.T) {
	db := journeyDB(t)
	pairsOf := func(event string) pairsOut {
		var out, errb bytes.Buffer
		if code := run([]string{"journey", "pairs", "--db", db, "--event", event, "--json"}, &out, &errb, nil); code != exitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var p pairsOut
		if err := json.Unmarshal(out.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	march, october := pairsOf("Träff i mars"), pairsOf("Träff i oktober")
	if march.Members != 14 || len(march.Pairs) == 0 || october.Previous != "Träff i mars" {
		t.Fatalf("march %d members, %d pairs; october after %q", march.Members, len(march.Pairs), october.Previous)
	}
	met := map[[2]string]bool{}
	for _, p := range march.Pairs {
		if p.Area == "" || p.Learner == p.Sharer {
			t.Errorf("pair %+v not linked", p)
		}
		met[[2]string{p.Host, p.Guest}] = true
	}
	for _, p := range october.Pairs {
		if met[[2]string{p.Host, p.Guest}] || met[[2]string{p.Guest, p.Host}] {
			t.Errorf("%s and %s meet at both events", p.Host, p.Guest)
		}
	}
	// Everyone in March is at a table or alone with a reason.
	seen := 0
	for _, tb := range march.Tables {
		seen += len(tb.Members)
	}
	for _, a := range march.Alone {
		if a.Reason == "" {
			t.Errorf("%s alone without a reason", a.Member)
		}
	}
	if seen+len(march.Alone) != 14 {
		t.Errorf("%d seated + %d alone, want 14", seen, len(march.Alone))
	}
}

func TestPDFJourneyDocuments(t *testing.T) {
	db := journeyDB(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		text []string
	}{
		{[]string{"pdf", "journey", "--db", db, "--org", "Resa 05 AB", "--year", "2026", "--out", filepath.Join(dir, "r.pdf")},
			[]string{"Jämställdhetsresa", "Resa 05 AB 2026", "Er position i nätverket", "Aktiva åtgärder", "Lönekartläggning",
				"Diskrimineringslagen (2008:567) 3 kap. 14 §", "Nästa steg", "dold (<5)", "Löner och andra anställningsvillkor"}},
		{[]string{"pdf", "journey", "--db", db, "--org", "Resa 05 AB", "--year", "2026", "--lang", "en", "--out", filepath.Join(dir, "r-en.pdf")},
			[]string{"Equality journey", "Your position in the network", "Active measures", "Next steps", "hidden (<5)"}},
		{[]string{"pdf", "journey-book", "--db", db, "--year", "2026", "--out", filepath.Join(dir, "b.pdf")},
			[]string{"Resebok 2026", "Berättelse från Resa 01 AB", "Berättelse från Resa 03 AB", "Arbetsförhållanden"}},
		{[]string{"pdf", "journey-tables", "--db", db, "--event", "Träff i mars", "--lang", "en", "--out", filepath.Join(dir, "t.pdf")},
			[]string{"Table plan", "Träff i mars", "wants to start", "Who you meet", "At the event you sit at table 1."}},
	} {
		var out, errb bytes.Buffer
		if code := run(c.args, &out, &errb, nil); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb.String())
		}
		text := pdfText(t, c.args[len(c.args)-1])
		for _, want := range c.text {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q not in the PDF:\n%s", c.args[1], want, text)
			}
		}
	}
	// Stories not shared stay out of the book (Resa 04 AB's is private).
	text := pdfText(t, filepath.Join(dir, "b.pdf"))
	if strings.Contains(text, "Resa 04 AB") {
		t.Error("a private story is in the journey book")
	}
}

// exchange export journey writes a member's journey file; importing it
// into an empty database brings the company and its journey.
func TestExchangeJourneyFile(t *testing.T) {
	t.Setenv(passphraseEnv, "tre ord som hänger ihop")
	db := journeyDB(t)
	file := filepath.Join(t.TempDir(), "resa.techniqual")
	var out, errb bytes.Buffer
	if code := run([]string{"exchange", "export", "journey", "--db", db, "--org", "Resa 05 AB", "--out", file}, &out, &errb, nil); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "journey: ") {
		t.Errorf("stdout %q", out.String())
	}
	coord := filepath.Join(t.TempDir(), "coord.db")
	st, err := data.Open(context.Background(), coord, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	out.Reset()
	errb.Reset()
	if code := run([]string{"exchange", "import", "--db", coord, file}, &out, &errb, nil); code != exitOK {
		t.Fatalf("import: exit %d: %s\n%s", code, errb.String(), out.String())
	}
	st, err = data.Open(context.Background(), coord, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, _ := st.ListMeasures(context.Background(), "", 0)
	ys, _ := st.ListJourneyYears(context.Background(), "", 0)
	if len(ms) != 48 || len(ys) != 2 {
		t.Errorf("%d measures, %d years imported; want 48 and 2", len(ms), len(ys))
	}
	// Without --org: a usage error.
	if code := run([]string{"exchange", "export", "journey", "--db", db, "--out", file}, &out, &errb, nil); code != exitUsage {
		t.Errorf("no --org: exit %d", code)
	}
}
