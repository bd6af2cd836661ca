package formimport

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"techniqual/data"
)

// now is the fixed clock of the tests.
var now = time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)

// fixture is a database of invented people: one school in the period, one
// outside it, companies with offers in the period and one in another.
type fixture struct {
	st       *data.Store
	path     string
	p8, p9   data.Period
	pupils   map[string]data.Pupil // by "Name Class" (the two Noa Öberg as "Noa Öberg 8A#1"/"#2")
	offers   map[string]data.Offer // by title
	solbacke data.Organisation
}

func seqIDs() func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("id-%07d", n)
	}
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "formimport.db")
	st, err := data.Open(ctx, path, data.Options{Now: func() time.Time { return now }, NewID: seqIDs(), NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx := &fixture{st: st, path: path, pupils: map[string]data.Pupil{}, offers: map[string]data.Offer{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fx.solbacke = data.Organisation{Kind: data.KindSchool, Name: "Solbackens skola"}
	must(st.SaveOrganisation(ctx, &fx.solbacke))
	alv := data.Organisation{Kind: data.KindSchool, Name: "Älvkullens skola"}
	must(st.SaveOrganisation(ctx, &alv))
	fx.p8 = data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: date(2026, 11, 9), End: date(2026, 11, 13),
		SchoolIDs: []string{fx.solbacke.ID}, Status: data.PeriodChoosing}
	must(st.SavePeriod(ctx, &fx.p8))
	fx.p9 = data.Period{Name: "Åk 9 v. 11 2027", Grade: 9, Start: date(2027, 3, 15), End: date(2027, 3, 19),
		SchoolIDs: []string{fx.solbacke.ID}}
	must(st.SavePeriod(ctx, &fx.p9))
	hosts := map[string]data.Organisation{}
	for _, n := range []string{"Volvo Car Corporation", "Valmet AB", "Stora Enso", "Karlstads Energi"} {
		o := data.Organisation{Kind: data.KindCompany, Name: n}
		must(st.SaveOrganisation(ctx, &o))
		hosts[n] = o
	}
	for _, o := range []struct{ host, title string }{
		{"Volvo Car Corporation", "Lagerlogistik"}, {"Volvo Car Corporation", "Målning"},
		{"Valmet AB", "Service och underhåll"}, {"Stora Enso", "Pappersbruket"}, {"Karlstads Energi", "Elnät"},
		{"Karlstads Energi", "Kundtjänst"},
	} {
		of := data.Offer{HostID: hosts[o.host].ID, PeriodID: fx.p8.ID, Title: o.title, Capacity: 4}
		must(st.SaveOffer(ctx, &of))
		fx.offers[o.title] = of
	}
	auto := data.Offer{HostID: hosts["Valmet AB"].ID, PeriodID: fx.p9.ID, Title: "Automation", Capacity: 3}
	must(st.SaveOffer(ctx, &auto))
	fx.offers["Automation"] = auto
	for _, p := range []struct {
		key, first, last, class string
		grade                   int
		school                  string
		born                    time.Time
	}{
		{"Åsa Ek 8A", "Åsa", "Ek", "8A", 8, fx.solbacke.ID, time.Time{}},
		{"Kim Larsson 8A", "Kim", "Larsson", "8A", 8, fx.solbacke.ID, time.Time{}},
		{"Kim Larsson 8B", "Kim", "Larsson", "8B", 8, fx.solbacke.ID, time.Time{}},
		{"Noa Öberg 8A#1", "Noa", "Öberg", "8A", 8, fx.solbacke.ID, date(2012, 2, 3)},
		{"Noa Öberg 8A#2", "Noa", "Öberg", "8A", 8, fx.solbacke.ID, date(2012, 9, 30)},
		{"Émile Sjöström 8C", "Émile", "Sjöström", "8C", 8, fx.solbacke.ID, time.Time{}},
		{"Lova Åström-Lind 8C", "Lova", "Åström-Lind", "8C", 8, fx.solbacke.ID, time.Time{}},
		{"Björn Ångström 9A", "Björn", "Ångström", "9A", 9, fx.solbacke.ID, time.Time{}},
		{"Lisa Nyström 8A", "Lisa", "Nyström", "8A", 8, alv.ID, time.Time{}},
	} {
		pu := data.Pupil{SchoolID: p.school, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: p.grade, BirthDate: p.born}
		must(st.SavePupil(ctx, &pu))
		fx.pupils[p.key] = pu
	}
	return fx
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// prefs is the pupil's choices in the period, as offer titles by rank.
func (fx *fixture) prefs(t testing.TB, pupilKey string, per data.Period) []string {
	t.Helper()
	ps, err := fx.st.PupilPreferences(context.Background(), fx.pupils[pupilKey].ID, per.ID)
	if err != nil {
		t.Fatal(err)
	}
	title := map[string]string{}
	for _, o := range fx.offers {
		title[o.ID] = o.Title
	}
	var out []string
	for _, p := range ps {
		out = append(out, title[p.OfferID])
	}
	return out
}

func (fx *fixture) countPrefs(t testing.TB) int {
	t.Helper()
	ps, err := fx.st.ListPreferences(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

func win1252(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
