package exchange

import (
	"bytes"
	"fmt"
	"testing"

	"techniqual/data"
)

// bigSchool is a school of 600 pupils in grade 9 with five choices each
// and 150 friend pairs, and a company with 40 offers.
func bigSchool(b *testing.B, st *data.Store) (schoolID, periodID string) {
	b.Helper()
	err := st.InTx(ctx, func(tx *data.Store) error {
		school := data.Organisation{Kind: data.KindSchool, Name: "Stora skolan"}
		if err := tx.SaveOrganisation(ctx, &school); err != nil {
			return err
		}
		company := data.Organisation{Kind: data.KindCompany, Name: "Verkstaden AB"}
		if err := tx.SaveOrganisation(ctx, &company); err != nil {
			return err
		}
		per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date("2026-11-09"), End: date("2026-11-13")}
		if err := tx.SavePeriod(ctx, &per); err != nil {
			return err
		}
		var offers []string
		for i := range 40 {
			o := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: fmt.Sprintf("Praoplats %d", i), Capacity: 15,
				Days: []data.OfferDay{{Date: per.Start, Start: 480, End: 900, BreakMinutes: 45}}}
			if err := tx.SaveOffer(ctx, &o); err != nil {
				return err
			}
			offers = append(offers, o.ID)
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
				ch = append(ch, offers[(i+k*7)%40])
			}
			if err := tx.SetPreferences(ctx, p.ID, per.ID, ch); err != nil {
				return err
			}
			if i%4 == 1 {
				if err := tx.AddFriendPair(ctx, data.FriendPair{PeriodID: per.ID, PupilA: prev, PupilB: p.ID}); err != nil {
					return err
				}
			}
			prev = p.ID
		}
		schoolID, periodID = school.ID, per.ID
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return schoolID, periodID
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
	src := openStore(b, "big")
	schoolID, periodID := bigSchool(b, src)
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
		dst := openStore(b, "dst")
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
