package formimport

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"techniqual/data"
)

// bigChoices fills the fixture's school with n pupils in grade 8 and the
// period with 100 offers, and returns a choices export of all of them (five
// choices each, names as "Efternamn, Förnamn" in a few rows, the host and
// title in others).
func bigChoices(b testing.TB, fx *fixture, n int) []byte {
	ctx := context.Background()
	host := data.Organisation{Kind: data.KindCompany, Name: "Gjuteriet i Bofors"}
	if err := fx.st.SaveOrganisation(ctx, &host); err != nil {
		b.Fatal(err)
	}
	titles := make([]string, 100)
	err := fx.st.InTx(ctx, func(tx *data.Store) error {
		for i := range titles {
			titles[i] = fmt.Sprintf("Avdelning %d", i)
			o := data.Offer{HostID: host.ID, PeriodID: fx.p8.ID, Title: titles[i], Capacity: 200}
			if err := tx.SaveOffer(ctx, &o); err != nil {
				return err
			}
		}
		for i := 0; i < n; i++ {
			p := data.Pupil{SchoolID: fx.solbacke.ID, FirstName: fmt.Sprintf("Åsa%d", i), LastName: fmt.Sprintf("Ström%d", i),
				ClassName: fmt.Sprintf("8%c", 'A'+rune(i%6)), Grade: 8}
			if err := tx.SavePupil(ctx, &p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("Tidsstämpel;Namn;Klass;Val 1;Val 2;Val 3;Val 4;Val 5\r\n")
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Åsa%d Ström%d", i, i)
		if i%3 == 0 {
			name = fmt.Sprintf("Ström%d, Åsa%d", i, i)
		}
		fmt.Fprintf(&sb, "2026-10-05 %02d:%02d:00;%s;8%c", i/60%24, i%60, name, 'A'+rune(i%6))
		for k := 0; k < 5; k++ {
			t := titles[(i+k*7)%100]
			if k == 1 {
				t = "Gjuteriet i Bofors – " + t
			}
			sb.WriteString(";" + t)
		}
		sb.WriteString("\r\n")
	}
	return []byte(sb.String())
}

// BenchmarkImportChoices10000 reads and imports (in one transaction,
// matching every row again inside it) the choices of 10,000 pupils, as
// techniqual import choices does (budget: 1 s).
func BenchmarkImportChoices10000(b *testing.B) {
	benchChoices(b, false)
}

// BenchmarkPreviewChoices10000 reads and previews the same file, as the
// window does before Importera.
func BenchmarkPreviewChoices10000(b *testing.B) {
	benchChoices(b, true)
}

func benchChoices(b *testing.B, preview bool) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fx := newFixture(b)
		file := bigChoices(b, fx, 10000)
		b.StartTimer()
		f, err := ReadChoices(file)
		if err != nil {
			b.Fatal(err)
		}
		opts := Options{PeriodID: fx.p8.ID}
		if preview {
			pv, err := PreviewChoices(ctx, fx.st, f, opts)
			if err != nil || pv.Set != 10000 {
				b.Fatalf("preview: %v, %d set, errors %s", err, pv.Set, joinErrs(pv.Errors[:min(3, len(pv.Errors))]))
			}
		} else {
			res, err := ImportChoices(ctx, fx.st, f, opts, false)
			if err != nil || res.Set != 10000 {
				b.Fatalf("import %+v %v", res, err)
			}
		}
		b.StopTimer()
		fx.st.Close()
		b.StartTimer()
	}
}
