package pupils

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

func openPupils(t *testing.T, st *data.Store) (*uitest.Shell, *Screen) {
	t.Helper()
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	return m, s
}

// shownNames lists the names in the table's filtered rows.
func shownNames(s *Screen) []string {
	var out []string
	for _, i := range s.model.shown {
		out = append(out, s.model.rows[i].p.Name())
	}
	return out
}

func TestAddAPupilAndFindThemBySearch(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 80, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	before := len(s.model.rows)

	s.OnNew()
	d := s.detail
	test.Type(d.first, "Zuzanna")
	test.Type(d.last, "Wójcik-Ångström")
	test.Type(d.class, "8C")
	d.grade.SetSelected("8")
	test.Type(d.birth.Entry, "2012-02-29")
	d.protected.SetChecked(true)
	if !strings.HasSuffix(d.title.Text, "*") {
		t.Errorf("an edited form is not marked unsaved: %q", d.title.Text)
	}
	test.Tap(d.saveBtn)
	m.Wait(t)
	if len(s.model.rows) != before+1 {
		t.Fatalf("%d pupils after adding one to %d", len(s.model.rows), before)
	}
	test.Type(s.search, "wójcik-å")
	got := shownNames(s)
	if len(got) != 1 || got[0] != "Zuzanna Wójcik-Ångström" {
		t.Fatalf("search found %v", got)
	}
	// The protected pupil is marked in the table.
	cell := s.newCell()
	s.updateCell(widget.TableCellID{Row: 0, Col: colName}, cell)
	if text := cell.(*widget.Label).Text; !strings.Contains(text, "SKYDDAD") {
		t.Errorf("protected pupil shows as %q", text)
	}
	if !d.banner.Visible() {
		t.Error("the detail form does not mark the protected identity")
	}
	// Upper case and class search too.
	s.search.SetText("ZUZANNA 8c")
	if len(s.model.shown) != 1 {
		t.Errorf("search is case-sensitive: %v", shownNames(s))
	}
	_ = m
}

func TestInvalidPupilShowsTheErrorBesideTheField(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 20, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	_, s := openPupils(t, st)
	s.OnNew()
	d := s.detail
	test.Type(d.birth.Entry, "2012-13-01")
	test.Tap(d.saveBtn)
	if !d.errs["birth_date"].Visible() {
		t.Fatal("no error beside the birth date")
	}
	d.birth.Entry.SetText("")
	test.Type(d.gEmail, "inte-en-adress")
	test.Tap(d.saveBtn)
	for _, f := range []string{"first_name", "last_name", "guardian_email"} {
		if !d.errs[f].Visible() || d.errs[f].Text == "" {
			t.Errorf("no error beside %s", f)
		}
	}
	// Both names, as a class list must have them.
	test.Type(d.first, "Ilse")
	test.Tap(d.saveBtn)
	if d.errs["first_name"].Visible() || d.errs["last_name"].Text != "Måste fyllas i." {
		t.Errorf("first name error %q, last name error %q", d.errs["first_name"].Text, d.errs["last_name"].Text)
	}
	if n, _ := st.ListPupils(context.Background(), data.PupilFilter{}); len(n) != 20 {
		t.Errorf("an invalid pupil was saved")
	}

	// A pupil stored with one name (an older exchange file) can still be
	// edited as it is.
	one, _ := st.ListPupils(context.Background(), data.PupilFilter{})
	p := one[0]
	p.LastName = ""
	if err := st.SavePupil(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	d.show(p)
	test.Type(d.notes, "Tar buss 3.")
	test.Tap(d.saveBtn)
	if !d.saved.Visible() || d.saved.Text != "Sparat." {
		t.Errorf("a save says nothing: %q (shown %v)", d.saved.Text, d.saved.Visible())
	}
	if got, _ := st.GetPupil(context.Background(), p.ID); got.Notes != "Tar buss 3." || d.errs["last_name"].Visible() {
		t.Errorf("a one-name pupil's edit: notes %q, last name error %q", got.Notes, d.errs["last_name"].Text)
	}
}

func TestFilterPupilsBySchool(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 900, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	_, s := openPupils(t, st)
	if len(s.schools) < 2 {
		t.Fatalf("fixture has %d schools", len(s.schools))
	}
	school := s.schools[1]
	s.schoolSel.SetSelected(school.Name)
	if len(s.model.shown) == 0 || len(s.model.shown) == len(s.model.rows) {
		t.Fatalf("school filter shows %d of %d", len(s.model.shown), len(s.model.rows))
	}
	for _, i := range s.model.shown {
		if s.model.rows[i].p.SchoolID != school.ID {
			t.Fatalf("%s from another school shown", s.model.rows[i].p.Name())
		}
	}
	want, _ := st.ListPupils(context.Background(), data.PupilFilter{SchoolID: school.ID})
	if len(s.model.shown) != len(want) {
		t.Errorf("shows %d pupils, the school has %d", len(s.model.shown), len(want))
	}
	// Narrow to grade 9 and unplaced pupils of the grade 9 period.
	s.gradeSel.SetSelected("9")
	s.periodSel.SetSelected("Åk 9 v. 46 2026")
	s.placeSel.SetSelectedIndex(2)
	for _, i := range s.model.shown {
		r := s.model.rows[i]
		if _, placed := r.placement(s.filter.period); r.p.Grade != 9 || placed {
			t.Fatalf("%s shown under grade 9, not placed", r.p.Name())
		}
	}
	// Sorting by class, then reversed.
	s.placeSel.SetSelectedIndex(0)
	s.periodSel.SetSelectedIndex(0)
	s.gradeSel.SetSelectedIndex(0)
	if len(s.model.shown) < 2 {
		t.Fatalf("%d pupils shown after clearing filters", len(s.model.shown))
	}
	s.onSortTapped(colClass)
	first := s.model.rows[s.model.shown[0]].p.ClassName
	s.onSortTapped(colClass)
	last := s.model.rows[s.model.shown[0]].p.ClassName
	if first > last {
		t.Errorf("class order: ascending starts with %s, descending with %s", first, last)
	}
}

func TestChoicesEditorRefusesASixthChoiceAndDuplicates(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	per, err := st.FindPeriod(ctx, "Åk 8 v. 11 2027")
	if err != nil {
		t.Fatal(err)
	}
	var pupil data.Pupil
	for _, r := range s.model.rows {
		if r.p.Grade == 8 {
			pupil = r.p
			break
		}
	}
	s.detail.show(pupil)
	c := s.detail.choices
	m.Wait(t)
	if len(c.chosen) != 5 {
		t.Fatalf("example pupil has %d choices", len(c.chosen))
	}
	if c.addBtn.Disabled() == false {
		t.Error("the add button is enabled with 5 choices")
	}
	var other string
	for id := range c.offers {
		if !contains(c.chosen, id) {
			other = id
			break
		}
	}
	if err := c.addChoice(other); err == nil || !strings.Contains(c.msg.Text, "Högst 5") {
		t.Fatalf("sixth choice: %v, message %q", err, c.msg.Text)
	}
	c.remove(4)
	if err := c.addChoice(c.chosen[0]); err == nil || !strings.Contains(c.msg.Text, "redan vald") {
		t.Fatalf("duplicate choice: %v, message %q", err, c.msg.Text)
	}
	if err := c.addChoice(other); err != nil {
		t.Fatalf("a fifth, new choice: %v", err)
	}
	c.move(4, -1)
	prefs, _ := st.PupilPreferences(ctx, pupil.ID, per.ID)
	if len(prefs) != 5 || prefs[3].OfferID != other {
		t.Errorf("stored choices %+v, want the new offer 4th", prefs)
	}
	// A friend pair is stored for the period.
	c.friendSel.SetSelectedIndex(1)
	pairs, _ := st.ListFriendPairs(ctx, per.ID)
	found := false
	for _, p := range pairs {
		if p.PupilA == pupil.ID || p.PupilB == pupil.ID {
			found = true
		}
	}
	if !found {
		t.Error("the friend was not stored")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// bigModel is a 30,000-pupil model from example data, made once per run.
func bigModel(b *testing.B) *pupilModel {
	b.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(b.TempDir(), "30k.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 30000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	m, err := loadPupilModel(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkFilterPupils30k measures one keystroke in the search box over
// 30,000 pupils (budget: well under a frame, 16 ms).
func BenchmarkFilterPupils30k(b *testing.B) {
	m := bigModel(b)
	words := []string{"a", "an", "and", "ande", "anders", "andersson 9"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.filter(pupilFilter{text: words[i%len(words)]})
	}
	b.ReportMetric(float64(len(m.rows)), "pupils")
}

// BenchmarkOpenPupils30k measures reading everything the pupils screen needs
// from a 30,000-pupil database and sorting it.
func BenchmarkOpenPupils30k(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "30k.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 30000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := loadPupilModel(ctx, st)
		if err != nil || len(m.rows) != 30000 {
			b.Fatal(err, fmt.Sprint(len(m.rows)))
		}
		m.filter(pupilFilter{})
	}
}

// TestLeavingUnsavedEditsAsks: leaving a pupil with unsaved edits asks
// first, with Avbryt first: Escape keeps the edits and stays, "Släng
// ändringarna" drops them and goes on, and Spara saves and goes on.
func TestLeavingUnsavedEditsAsks(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	c := m.Window().Canvas()
	s.OnNew()
	d := s.detail
	test.Type(d.first, "Ilse")
	test.Type(d.last, "Frostmo")
	test.Type(d.class, "8D")
	d.grade.SetSelected("8")
	went := 0
	next := func() { went++ }

	d.askToLeave(next)
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("leaving unsaved edits asked nothing")
	}
	// The buttons in their order: the safe one first.
	row := top.(*widget.PopUp).Content.(*fyne.Container).Objects[3].(*fyne.Container)
	var order []string
	for _, o := range row.Objects {
		order = append(order, o.(*widget.Button).Text)
	}
	if want := []string{"Avbryt", "Släng ändringarna", "Spara"}; !slices.Equal(order, want) {
		t.Errorf("buttons %q, want %q", order, want)
	}
	if !uikit.DismissTopDialog(c) { // Escape
		t.Fatal("Escape did not answer the question")
	}
	if went != 0 || !d.dirty || c.Overlays().Top() != nil || d.first.Text != "Ilse" {
		t.Fatalf("Escape: went on %d times, dirty %v, first name %q", went, d.dirty, d.first.Text)
	}

	d.askToLeave(next)
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Släng ändringarna"))
	if went != 1 || d.dirty {
		t.Fatalf("discard: went on %d times, dirty %v", went, d.dirty)
	}
	// The discarded edits are gone from the form, not only unmarked: the
	// window shows the same form when the user comes back (review).
	if d.first.Text != "" || d.last.Text != "" {
		t.Fatalf("after discarding the form still holds %q %q", d.first.Text, d.last.Text)
	}
	test.Type(d.first, "Ilse")
	test.Type(d.last, "Frostmo")
	test.Type(d.class, "8D")
	d.grade.SetSelected("8")

	test.Type(d.first, "a")
	d.askToLeave(next)
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Spara"))
	m.Wait(t)
	if went != 2 || d.dirty {
		t.Fatalf("save: went on %d times, dirty %v", went, d.dirty)
	}
	pupils, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range pupils {
		found = found || p.LastName == "Frostmo"
	}
	if !found {
		t.Error("Spara did not save the pupil")
	}

	// Choosing another pupil in the list with edits unsaved, then staying:
	// the form keeps the edits, and the list's selection goes back to the
	// pupil the form shows.
	var selected []int
	onSelected := s.table.OnSelected
	s.table.OnSelected = func(id widget.TableCellID) { selected = append(selected, id.Row); onSelected(id) }
	s.table.Select(widget.TableCellID{Row: 0, Col: colName})
	first := s.detail.pupil
	test.Type(d.class, "X")
	s.table.Select(widget.TableCellID{Row: 1, Col: colName})
	if c.Overlays().Top() == nil {
		t.Fatal("choosing another pupil with edits unsaved asked nothing")
	}
	if msg := uitest.LabelTexts(c.Overlays().Top()); !slices.Contains(msg, "Du har ändrat "+first.Name()+" utan att spara.") {
		t.Errorf("the question says %q", msg)
	}
	uikit.DismissTopDialog(c)
	if s.detail.pupil.ID != first.ID || d.class.Text != first.ClassName+"X" {
		t.Errorf("after staying the form shows %s with class %q", s.detail.pupil.Name(), d.class.Text)
	}
	if want := []int{0, 1, 0}; !slices.Equal(selected, want) {
		t.Errorf("rows selected %v, want %v (back on the pupil shown)", selected, want)
	}
}

// TestOfferTextWithoutMunicipality: an offer whose host has no
// municipality reads without a stray comma (found by use: "Vänerns Energi
// AB,  · 2 lediga").
func TestOfferTextWithoutMunicipality(t *testing.T) {
	c := &choicesEditor{
		offers: map[string]data.Offer{"o1": {ID: "o1", HostID: "h1", Title: "Elnät", Capacity: 3}, "o2": {ID: "o2", HostID: "h2", Title: "Robotar", Capacity: 2}},
		hosts:  map[string]data.Organisation{"h1": {Name: "Vänerns Energi AB"}, "h2": {Name: "Klarälvens Robotik AB", Municipality: "Karlstad"}},
		taken:  map[string]int{"o1": 1},
	}
	for id, want := range map[string]string{"o1": "Elnät — Vänerns Energi AB · 2 lediga av 3", "o2": "Robotar — Klarälvens Robotik AB, Karlstad · 2 lediga av 2"} {
		if got := c.offerText(id); got != want {
			t.Errorf("offerText(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestTheCardSaysWhereThePupilIsPlaced: found by use, a placed pupil's
// card said nowhere where they were placed.
func TestTheCardSaysWhereThePupilIsPlaced(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	per, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.ListAssignments(ctx, per.ID)
	if err != nil || len(rows) == 0 {
		t.Fatalf("no placements in %s: %v", per.Name, err)
	}
	pupil, err := st.GetPupil(ctx, rows[0].PupilID)
	if err != nil {
		t.Fatal(err)
	}
	offer, err := st.GetOffer(ctx, rows[0].OfferID)
	if err != nil {
		t.Fatal(err)
	}
	s.detail.show(pupil)
	m.Wait(t)
	c := s.detail.choices
	c.periodSel.SetSelected(per.Name)
	m.Wait(t)
	if !c.placed.Visible() || !strings.HasPrefix(c.placed.Text, "Placerad: "+offer.Title+" — ") {
		t.Errorf("placement line %q (shown %v), want it to name %q", c.placed.Text, c.placed.Visible(), offer.Title)
	}
	// Each other period of the pupil shows their placement there, or none.
	for _, name := range c.periodSel.Options {
		other, err := st.FindPeriod(ctx, name)
		if err != nil || other.ID == per.ID {
			continue
		}
		_, placed, err := st.PupilAssignment(ctx, pupil.ID, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.periodSel.SetSelected(name)
		m.Wait(t)
		if c.placed.Visible() != placed {
			t.Errorf("%s: placement line %q shown %v, placed %v", name, c.placed.Text, c.placed.Visible(), placed)
		}
	}
}

// TestANewPupilsFormFitsItsPane: the note that a new pupil is in no
// period wraps instead of widening the form (found by use: the fields were
// cut off at the right, with a scrollbar under them).
func TestANewPupilsFormFitsItsPane(t *testing.T) {
	st := uitest.OpenStore(t)
	_, s := openPupils(t, st)
	s.OnNew()
	if w := s.detail.choices.rows.MinSize().Width; w > 300 {
		t.Errorf("the choices' note asks for %.0f px of width", w)
	}
}

// TestTakingAwayProtectedIdentityAsks: found by use, unticking Skyddad
// identitet saved at once; it now asks, and Avbryt keeps the protection.
func TestTakingAwayProtectedIdentityAsks(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 20, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	ps, _ := st.ListPupils(ctx, data.PupilFilter{})
	p := ps[0]
	p.Protected = true
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	d := s.detail
	d.show(p)
	d.protected.SetChecked(false)
	test.Tap(d.saveBtn)
	c := m.Window().Canvas()
	if top := c.Overlays().Top(); top == nil || !strings.Contains(strings.Join(uitest.LabelTexts(top), "\n"), "kommer då med namn och skola") {
		t.Fatal("no question before taking away the protection")
	}
	uikit.DismissTopDialog(c)
	if got, _ := st.GetPupil(ctx, p.ID); !got.Protected {
		t.Fatal("Avbryt took away the protection")
	}
	test.Tap(d.saveBtn)
	uikit.ConfirmTopDialog(c)
	if got, _ := st.GetPupil(ctx, p.ID); got.Protected {
		t.Error("confirmed, the pupil is still protected")
	}
	// Ticking it on asks nothing.
	d.protected.SetChecked(true)
	test.Tap(d.saveBtn)
	if got, _ := st.GetPupil(ctx, p.ID); !got.Protected || c.Overlays().Top() != nil {
		t.Errorf("protecting asked or failed: %v", got.Protected)
	}
}

// TestTheFormFollowsTheSearchAndStartsAtTheTop: found by use, a search
// that hid the pupil in the form left them there beside a list of others;
// another pupil's form kept the scroll place of the one before; Ctrl+N
// opened the new pupil's form at its bottom, and did nothing at all from
// the search box.
func TestTheFormFollowsTheSearchAndStartsAtTheTop(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	m, s := openPupils(t, st)
	c := m.Window().Canvas()
	d := s.detail
	pick := func(row int) data.Pupil {
		s.table.Select(widget.TableCellID{Row: row, Col: colName})
		return s.detail.pupil
	}
	a := pick(0)
	d.scroll.ScrollToBottom()
	if d.scroll.Offset.Y == 0 {
		t.Fatal("the form does not scroll: the test shows nothing")
	}
	if b := pick(1); b.ID == a.ID || d.scroll.Offset.Y != 0 {
		t.Errorf("another pupil's form is scrolled to %v", d.scroll.Offset)
	}

	// A search that hides the pupil shown shows the first one found.
	b := s.model.rows[s.model.shown[len(s.model.shown)-1]].p
	test.Type(s.search, b.LastName)
	if len(s.model.shown) == 0 || d.pupil.ID != s.model.rows[s.model.shown[0]].p.ID {
		t.Errorf("searching %q: the form shows %s, the list %q", b.LastName, d.pupil.Name(), shownNames(s))
	}
	s.search.SetText("zzzz")
	if d.pupil.ID != "" || d.scroll.Visible() {
		t.Errorf("nothing found, and the form shows %q", d.pupil.Name())
	}

	// Ctrl+N from the search box: the new pupil's form, at its top, with
	// the cursor in Förnamn.
	ctrlN := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	c.AddShortcut(ctrlN, func(fyne.Shortcut) { s.OnNew() }) // as the window binds it
	s.search.SetText("")
	pick(2)
	d.scroll.ScrollToBottom()
	c.Focus(s.search)
	s.search.TypedShortcut(ctrlN)
	if d.pupil.ID != "" || !d.scroll.Visible() || d.scroll.Offset.Y != 0 || c.Focused() != d.first {
		t.Errorf("Ctrl+N in the search box: pupil %q, form scrolled to %v, focus %v", d.pupil.ID, d.scroll.Offset, c.Focused())
	}

	// Unsaved edits are asked about before the search takes them away;
	// staying keeps them, and the search goes on without asking again.
	a = pick(0)
	test.Type(d.class, "X")
	test.Type(s.search, b.LastName)
	if c.Overlays().Top() == nil {
		t.Fatal("the search took away unsaved edits without asking")
	}
	uikit.DismissTopDialog(c) // Avbryt: stay
	test.Type(s.search, " ")
	if c.Overlays().Top() != nil || d.pupil.ID != a.ID || !strings.Contains(d.class.Text, "X") {
		t.Errorf("after staying: asked again %v, form shows %s with class %q", c.Overlays().Top() != nil, d.pupil.Name(), d.class.Text)
	}
	// Shown again and hidden again, it asks again; Släng ändringarna
	// shows the first pupil found.
	s.search.SetText("")
	s.search.SetText(b.LastName)
	if c.Overlays().Top() == nil {
		t.Fatal("hidden a second time, the search did not ask")
	}
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Släng ändringarna"))
	if d.pupil.ID != s.model.rows[s.model.shown[0]].p.ID || d.dirty {
		t.Errorf("after Släng the form shows %s (dirty %v), the list %q", d.pupil.Name(), d.dirty, shownNames(s))
	}
}
