package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The journeys migration keeps every old journey entry as a story, private
// and without an area: a database made before it is opened with only the
// migrations before 0006, given an entry, then opened by this build.
func TestJourneysMigrationKeepsEntriesAsPrivateStories(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	all := migrations
	var before []migration
	for _, m := range all {
		if m.name < "0006" {
			before = append(before, m)
		}
	}
	migrations = before
	st, err := Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		migrations = all
		t.Fatal(err)
	}
	now := formatTS(time.Now())
	_, err = st.db.ExecContext(ctx, `INSERT INTO organisations (id, kind, name, member_since, created_at, updated_at)
		VALUES ('o1', 'company', 'Gamla AB', '2020-01-01', ?, ?)`, now, now)
	if err == nil {
		_, err = st.db.ExecContext(ctx, `INSERT INTO journey_entries (id, organisation_id, date, title, text, created_at, updated_at)
			VALUES ('j1', 'o1', '2021-03-04', 'Lönekartläggning', 'Vi gjorde den.', ?, ?)`, now, now)
	}
	st.Close()
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path, Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, err := st.ListJourneyEntries(ctx, "o1")
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Title != "Lönekartläggning" || es[0].Shareable || es[0].Area != "" {
		t.Fatalf("stories after the migration: %+v", es)
	}
	es[0].Shareable, es[0].Area = true, AreaPay
	if err := st.SaveJourneyEntry(ctx, &es[0]); err != nil {
		t.Fatal(err)
	}
	es, _ = st.ListJourneyEntries(ctx, "o1")
	if !es[0].Shareable || es[0].Area != AreaPay {
		t.Errorf("story not saved: %+v", es[0])
	}
}

func TestJourneyValidationChangesNothing(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "j.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	o := Organisation{Kind: KindCompany, Name: "Resa AB", MemberSince: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		save  func() error
		field string
	}{
		{"unknown area", func() error {
			return st.SaveMeasure(ctx, &Measure{OrganisationID: o.ID, Year: 2026, Area: "pension", Step: StepAct})
		}, "area"},
		{"unknown step", func() error {
			return st.SaveMeasure(ctx, &Measure{OrganisationID: o.ID, Year: 2026, Area: AreaPay, Step: "plan"})
		}, "step"},
		{"year", func() error {
			return st.SaveMeasure(ctx, &Measure{OrganisationID: o.ID, Year: 1999, Area: AreaPay, Step: StepAct})
		}, "year"},
		{"more women in tech than employees", func() error {
			return st.SaveJourneyYear(ctx, &JourneyYear{OrganisationID: o.ID, Year: 2026, Employees: 10, Tech: Split{Women: 8, Men: 5}})
		}, "tech"},
		{"negative", func() error {
			return st.SaveJourneyYear(ctx, &JourneyYear{OrganisationID: o.ID, Year: 2026, Hires: Split{Women: -1}})
		}, "hires_women"},
		{"both marks", func() error {
			return st.SavePeerMark(ctx, &PeerMark{OrganisationID: o.ID, Area: AreaPay, CanShare: true, WantStart: true})
		}, "area"},
		{"story area", func() error {
			return st.SaveJourneyEntry(ctx, &JourneyEntry{OrganisationID: o.ID, Date: time.Now(), Title: "x", Area: "pension"})
		}, "area"},
	} {
		err := c.save()
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: %v, want a validation error on %s", c.name, err, c.field)
		}
	}
	ms, _ := st.ListMeasures(ctx, "", 0)
	ys, _ := st.ListJourneyYears(ctx, "", 0)
	ps, _ := st.ListPeerMarks(ctx, "")
	if len(ms)+len(ys)+len(ps) != 0 {
		t.Errorf("bad input saved something: %d measures, %d years, %d marks", len(ms), len(ys), len(ps))
	}
	// Saving the same cell twice updates it (one row per member, year, area, step).
	for _, state := range []MeasureState{StateUnderWay, StateInPlace} {
		if err := st.SaveMeasure(ctx, &Measure{OrganisationID: o.ID, Year: 2026, Area: AreaPay, Step: StepAct, State: state, Done: " Justerat "}); err != nil {
			t.Fatal(err)
		}
	}
	ms, _ = st.ListMeasures(ctx, o.ID, 2026)
	if len(ms) != 1 || ms[0].State != StateInPlace || ms[0].Done != "Justerat" {
		t.Errorf("measures %+v", ms)
	}
	p := ProgressOf(2026, ms, nil)
	if p.Done != 1 || p.Stage() != "started" {
		t.Errorf("progress %+v stage %s", p, p.Stage())
	}
}

func TestThresholdsFor(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []string
	}{
		{5, []string{"3 kap. 8–10 §§", "art. 5–7"}},
		{10, []string{"3 kap. 8–10 §§", "3 kap. 14 §", "art. 5–7"}},
		{25, []string{"3 kap. 8–10 §§", "3 kap. 13 §", "art. 5–7"}},
		{120, []string{"3 kap. 8–10 §§", "3 kap. 13 §", "art. 5–7", "art. 9"}},
		{300, []string{"3 kap. 8–10 §§", "3 kap. 13 §", "art. 5–7", "art. 9"}},
	} {
		got := ThresholdsFor(c.n)
		if len(got) != len(c.want) {
			t.Errorf("%d employees: %d rules, want %d", c.n, len(got), len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(got[i].Source, w) {
				t.Errorf("%d employees: rule %d is %s, want %s", c.n, i, got[i].Source, w)
			}
		}
	}
}
