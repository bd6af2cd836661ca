package statistics

import (
	"context"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/stats/stattest"
	"techniqual/ui/internal/uitest"
)

// TestStatisticsWarnsWhenMostPupilsHaveNoGender: the fixture's pupils all
// have a gender (no warning); after a class list without gender is in
// (most pupils "ej angivet"), Statistik says so and where to fix it.
func TestStatisticsWarnsWhenMostPupilsHaveNoGender(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := stattest.Build(ctx, st); err != nil {
		t.Fatal(err)
	}
	_, s := showStatistics(t, st)
	if s.genderWarn.Visible() {
		t.Fatalf("warning shown with genders recorded: %q", s.genderWarn.Text)
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for range len(pupils) + 1 {
		p := data.Pupil{SchoolID: pupils[0].SchoolID, FirstName: "Utan", LastName: "Kön", ClassName: "9X", Grade: 9}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	_, s = showStatistics(t, st)
	if !s.genderWarn.Visible() || !strings.Contains(s.genderWarn.Text, "saknar kön") || !strings.Contains(s.genderWarn.Text, "Ändra flera elever") {
		t.Errorf("warning %v %q", s.genderWarn.Visible(), s.genderWarn.Text)
	}
}
