package exchange

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"techniqual/data"
)

// bigSchool is a school of 600 pupils in grade 9 with five choices each
// and 150 friend pairs, and a company with 40 offers.
func bigSchool(b *testing.B, st *data.Store) (schoolID, periodID string) {
	b.Helper()
	periodID, offers := bigOffers(b, st)
	return bigPupils(b, st, periodID, offers), periodID
}

// bigOffers is the coordinator's side of bigSchool: a company with 40
// offers in a grade 9 period, the offers a school file's choices refer to.
func bigOffers(b *testing.B, st *data.Store) (periodID string, offers []string) {
	b.Helper()
	err := st.InTx(ctx, func(tx *data.Store) error {
		company := data.Organisation{Kind: data.KindCompany, Name: "Verkstaden AB"}
		if err := tx.SaveOrganisation(ctx, &company); err != nil {
			return err
		}
		per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date("2026-11-09"), End: date("2026-11-13")}
		if err := tx.SavePeriod(ctx, &per); err != nil {
			return err
		}
		for i := range 40 {
			o := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: fmt.Sprintf("Praoplats %d", i), Capacity: 15,
				Days: []data.OfferDay{{Date: per.Start, Start: 480, End: 900, BreakMinutes: 45}}}
			if err := tx.SaveOffer(ctx, &o); err != nil {
				return err
			}
			offers = append(offers, o.ID)
		}
		periodID = per.ID
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return periodID, offers
}

// bigPupils is the school's side of bigSchool: 600 pupils choosing among
// offers.
func bigPupils(b *testing.B, st *data.Store, periodID string, offers []string) (schoolID string) {
	b.Helper()
	err := st.InTx(ctx, func(tx *data.Store) error {
		school := data.Organisation{Kind: data.KindSchool, Name: "Stora skolan"}
		if err := tx.SaveOrganisation(ctx, &school); err != nil {
			return err
		}
		var prev string
		for i := range 600 {
			p := data.Pupil{SchoolID: school.ID, FirstName: fmt.Sprintf("Elev%d", i), LastName: "Testsson",
				ClassName: fmt.Sprintf("9%c", 'A'+i%5), Grade: 9, Protected: i%97 == 0}
			if err := tx.SavePupil(ctx, &p); err != nil {
				return err
			}
			var ch []string
			for k := range 5 {
				ch = append(ch, offers[(i+k*7)%len(offers)])
			}
			if err := tx.SetPreferences(ctx, p.ID, periodID, ch); err != nil {
				return err
			}
			if i%4 == 1 {
				if err := tx.AddFriendPair(ctx, data.FriendPair{PeriodID: periodID, PupilA: prev, PupilB: p.ID}); err != nil {
					return err
				}
			}
			prev = p.ID
		}
		schoolID = school.ID
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return schoolID
}

// BenchmarkExportSchool600 builds and encrypts a 600-pupil school file with
// the production scrypt work factor.
func BenchmarkExportSchool600(b *testing.B) {
	defer func(old int) { scryptWorkFactor = old }(scryptWorkFactor)
	scryptWorkFactor = 0
	st := openStore(b, "big")
	schoolID, periodID := bigSchool(b, st)
	var size int
	for b.Loop() {
		p, err := ExportSchool(ctx, st, schoolID, periodID, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, p, pass); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "file-bytes")
}

// BenchmarkImportSchool600 decrypts a 600-pupil school file and imports it
// into an empty database in one transaction (production work factor).
func BenchmarkImportSchool600(b *testing.B) {
	defer func(old int) { scryptWorkFactor = old }(scryptWorkFactor)
	scryptWorkFactor = 0
	// The receiver is the coordinator, who has the period and the offers the
	// pupils chose (the same rows, by UUID) but not yet the school's pupils:
	// a copy of the source taken before the pupils were added.
	src := openStore(b, "big")
	periodID, offers := bigOffers(b, src)
	coordinator := filepath.Join(b.TempDir(), "coordinator.db")
	if err := src.Backup(ctx, coordinator); err != nil {
		b.Fatal(err)
	}
	schoolID := bigPupils(b, src, periodID, offers)
	p, err := ExportSchool(ctx, src, schoolID, periodID, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, p, pass); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		dst := copyStore(b, coordinator)
		b.StartTimer()
		got, err := Read(buf.Bytes(), pass)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Apply(ctx, dst, got, Decisions{})
		if err != nil {
			b.Fatal(err)
		}
		if c := count(res.Plan, data.XPupils); c.New != 600 {
			b.Fatalf("pupils: %+v", c)
		}
		b.StopTimer()
		dst.Close()
		b.StartTimer()
	}
}

// copyStore opens a fresh copy of the database file at path.
func copyStore(b *testing.B, path string) *data.Store {
	b.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	cp := filepath.Join(b.TempDir(), "dst.db")
	if err := os.WriteFile(cp, raw, 0o600); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(ctx, cp, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return st
}
