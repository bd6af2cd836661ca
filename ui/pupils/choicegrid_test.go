package pupils

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// classFixture writes a school with class 9C of 25 pupils (born 2015, so
// 15 during prao), a grade-9 period in November 2030 and 30 offers, one per
// host "Företag 01 AB" … "Företag 30 AB", approved except the last; the
// 29th takes pupils from 16 only. Codes follow the host names: 1 … 30.
func classFixture(t *testing.T, st *data.Store) (data.Period, []data.Pupil) {
	t.Helper()
	ctx := context.Background()
	school := data.Organisation{Kind: data.KindSchool, Name: "Testskolan", Municipality: "Karlstad"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	day, _ := data.ParseDate("2030-11-11")
	per := data.Period{Name: "Åk 9 v. 46 2030", Grade: 9, Start: day, End: day.AddDate(0, 0, 4), Status: data.PeriodChoosing,
		SchoolIDs: []string{school.ID}}
	if err := st.SavePeriod(ctx, &per); err != nil {
		t.Fatal(err)
	}
	start, _ := data.ParseClock("09:00")
	end, _ := data.ParseClock("14:00")
	for i := 1; i <= 30; i++ {
		host := data.Organisation{Kind: data.KindCompany, Name: fmt.Sprintf("Företag %02d AB", i), Municipality: "Kil"}
		if err := st.SaveOrganisation(ctx, &host); err != nil {
			t.Fatal(err)
		}
		sup := data.Person{OrganisationID: host.ID, FirstName: "Handledare", LastName: strconv.Itoa(i), Roles: []data.Role{data.RoleSupervisor}}
		if err := st.SavePerson(ctx, &sup); err != nil {
			t.Fatal(err)
		}
		o := data.Offer{HostID: host.ID, PeriodID: per.ID, Title: fmt.Sprintf("Prao %02d", i), Capacity: 3, VisitingAddress: "Storgatan 1",
			SupervisorID: sup.ID, Status: data.OfferApproved,
			Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
			Days:   []data.OfferDay{{Date: day, Start: start, End: end, BreakMinutes: 30}}}
		if i == 29 {
			o.MinAge = 16
		}
		if i == 30 {
			o.Status = data.OfferSubmitted
		}
		if err := st.SaveOffer(ctx, &o); err != nil {
			t.Fatalf("offer %d: %v", i, err)
		}
	}
	for i := range 25 {
		p := data.Pupil{SchoolID: school.ID, FirstName: fmt.Sprintf("Elev%02d", i+1), LastName: "Testsson", ClassName: "9C", Grade: 9,
			BirthDate: time.Date(2015, time.Month(1+i%12), 1+i, 0, 0, 0, 0, time.UTC), Gender: data.GenderUnspecified}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: school.ID, ClassName: "9C"})
	if err != nil {
		t.Fatal(err)
	}
	return per, pupils
}

// keys presses keys on the grid and counts them: a rune is one key press,
// so is Enter.
type keys struct {
	g *choiceGrid
	n int
}

func (k *keys) typeText(s string) {
	for _, r := range s {
		k.g.table.TypedRune(r)
		k.n++
	}
}

func (k *keys) press(name fyne.KeyName) {
	k.g.table.TypedKey(&fyne.KeyEvent{Name: name})
	k.n++
}

// openGrid opens Elever, then the grid from the Mer menu's action; it
// returns the grid and the two pointer actions it took (Mer, the item).
func openGrid(t *testing.T, st *data.Store) (*uitest.Shell, *Screen, *choiceGrid, int) {
	t.Helper()
	m, s := openPupils(t, st)
	s.onShowChoiceGrid() // Mer → "Val för en klass …": two taps
	m.Wait(t)
	if s.grid == nil || s.grid.sheet == nil {
		t.Fatal("the grid did not load")
	}
	return m, s, s.grid, 2
}

// TestChoicesGridEntersAClassByKeyboard enters five choices for each of 25
// pupils by key presses alone and counts every action: it is the figure of
// issue #17 ("today about 625").
func TestChoicesGridEntersAClassByKeyboard(t *testing.T) {
	st := uitest.OpenStore(t)
	per, pupils := classFixture(t, st)
	_, _, g, actions := openGrid(t, st)
	if got := g.table.Sel; got != (widget.TableCellID{Row: 1, Col: 1}) {
		t.Fatalf("the grid starts at %v, want the first pupil's first choice", got)
	}
	k := &keys{g: g}
	want := map[string][]int{}
	for i, p := range g.sheet.Pupils {
		for c := range 5 {
			code := (i*3+c*5)%28 + 1 // five different codes of the 28 a pupil may take
			want[p.ID] = append(want[p.ID], code)
			k.typeText(strconv.Itoa(code))
			k.press(fyne.KeyReturn)
		}
	}
	actions += k.n
	t.Logf("entering 25 pupils' five choices took %d actions (%d key presses and 2 taps to open the grid)", actions, k.n)
	if actions > 400 {
		t.Errorf("%d actions for a class of 25, want at most 400", actions)
	}
	codes, err := st.OfferCodes(context.Background(), per.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pupils {
		prefs, err := st.PupilPreferences(context.Background(), p.ID, per.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, pr := range prefs {
			got = append(got, codes[pr.OfferID])
		}
		if fmt.Sprint(got) != fmt.Sprint(want[p.ID]) {
			t.Errorf("%s has choices %v, want %v", p.Name(), got, want[p.ID])
		}
	}
	if !strings.Contains(g.status.Text, "25 av 25 elever har fem val") {
		t.Errorf("status %q", g.status.Text)
	}
}

func TestChoicesGridOffersOnlyWhatThePupilMayTake(t *testing.T) {
	st := uitest.OpenStore(t)
	_, pupils := classFixture(t, st)
	ctx := context.Background()
	if err := st.AddFriendPair(ctx, data.FriendPair{PeriodID: mustPeriod(t, st).ID, PupilA: pupils[0].ID, PupilB: pupils[1].ID}); err != nil {
		t.Fatal(err)
	}
	_, _, g, _ := openGrid(t, st)
	k := &keys{g: g}
	for _, c := range []struct {
		typed, input string
		cell         string // what the first cell shows after Enter ("" = unchanged)
	}{
		{"29", "för ung", ""},
		{"30", "inte godkänd", ""},
		{"77", "ingen praoplats har den koden", ""},
		{"företag", "och 24 till", ""}, // 28 found: type more
		{"xyz", "ingen praoplats som eleven kan välja passar", ""},
		{"foretag 07", "", "7 Företag 07 AB – Prao 07"}, // accents need not be typed
	} {
		k.typeText(c.typed)
		if c.input != "" && !strings.Contains(g.input.Text, c.input) {
			t.Errorf("typing %q shows %q, want %q", c.typed, g.input.Text, c.input)
		}
		k.press(fyne.KeyReturn)
		if c.cell != "" {
			if got := cellText(g, 1, 1); got != c.cell {
				t.Errorf("after %q the cell shows %q, want %q", c.typed, got, c.cell)
			}
			continue
		}
		if refused := c.typed != "företag"; refused == (len(g.buf) > 0) {
			t.Errorf("after Enter on %q the typed text is %q (a refusal starts afresh, several found keep it)", c.typed, string(g.buf))
		}
		k.press(fyne.KeyEscape)
		if got := cellText(g, 1, 1); got != "" {
			t.Errorf("after %q the cell shows %q", c.typed, got)
		}
	}
	// The cursor moved on; the same offer again is refused.
	if g.table.Sel != (widget.TableCellID{Row: 1, Col: 2}) {
		t.Fatalf("cursor at %v", g.table.Sel)
	}
	k.typeText("7")
	if !strings.Contains(g.input.Text, "redan valt") {
		t.Errorf("the same offer twice: %q", g.input.Text)
	}
	k.press(fyne.KeyEscape)
	// The friend's row shows the first pupil's choice.
	if got := cellText(g, 2, gridFriendsCol); got != pupils[0].FirstName+" 7" {
		t.Errorf("friends' column %q", got)
	}
	// Backspace on an empty input clears the cell to the left after moving there.
	k.press(fyne.KeyLeft)
	k.press(fyne.KeyBackspace)
	if got := cellText(g, 1, 1); got != "" {
		t.Errorf("Backspace left %q", got)
	}
	if prefs, _ := st.PupilPreferences(ctx, pupils[0].ID, mustPeriod(t, st).ID); len(prefs) != 0 {
		t.Errorf("the cleared choice is still saved: %v", prefs)
	}
}

func mustPeriod(t *testing.T, st *data.Store) data.Period {
	t.Helper()
	p, err := st.FindPeriod(context.Background(), "Åk 9 v. 46 2030")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func cellText(g *choiceGrid, row, col int) string {
	l := widget.NewLabel("")
	g.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

// TestChoicesGridCountsWhatCanBeChosenAndStartsAtTheTop: found by use, a
// period of four offers said "0 av 13 elever har fem val, 13 har färre"
// with every pupil's four chosen, and another class kept the scroll place
// of the one before, its header row out of sight.
func TestChoicesGridCountsWhatCanBeChosenAndStartsAtTheTop(t *testing.T) {
	st := uitest.OpenStore(t)
	per, pupils := classFixture(t, st)
	ctx := context.Background()
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range offers {
		if o.Title > "Prao 04" { // four offers stay
			if err := st.DeleteOffer(ctx, o.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 20 {
		p := data.Pupil{SchoolID: pupils[0].SchoolID, FirstName: fmt.Sprintf("Annan%02d", i+1), LastName: "Testsson", ClassName: "9D", Grade: 9,
			BirthDate: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	m, _, g, _ := openGrid(t, st)
	k := &keys{g: g}
	for _, code := range []string{"1", "2", "3", "4"} {
		k.typeText(code)
		k.press(fyne.KeyReturn)
	}
	if want := "1 av 25 elever har valt alla 4 praoplatser som finns, 0 har färre."; g.status.Text != want {
		t.Errorf("status %q, want %q", g.status.Text, want)
	}
	headerShown := func() bool {
		for _, s := range uitest.LabelTexts(g.table) {
			if s == "Kompisars val" {
				return true
			}
		}
		return false
	}
	if !headerShown() {
		t.Fatal("the header row is not shown at the start")
	}
	g.table.ScrollToBottom()
	if headerShown() {
		t.Fatal("the header row is still shown at the bottom of 25 pupils: the test shows nothing")
	}
	g.classSel.SetSelected("9D")
	m.Wait(t)
	if len(g.sheet.Pupils) != 20 || !headerShown() {
		t.Errorf("class 9D: %d pupils, header row shown %v", len(g.sheet.Pupils), headerShown())
	}
}
