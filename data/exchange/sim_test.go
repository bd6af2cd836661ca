package exchange

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"techniqual/data"
)

// TestThreeLaptops simulates a host, a school and the coordinator doing
// thousands of random edits and sends, with files lost, refused, damaged,
// delivered twice and out of order, the way sync engines are tested. An
// oracle outside the engine keeps each field's true causal history (the
// set of edits its value has seen) on each laptop and in each file, and
// after every import checks each field the file carries:
//
//   - a value here is replaced only by one that has seen it, or with the
//     field reported as a conflict;
//   - a value in the file that has seen more than the one here is taken,
//     or the field is reported as a conflict or refused (authority);
//   - a file refused as older holds nothing newer than what is here.
//
// Anything else is an edit lost without a word; the test demands none.
// TECHNIQUAL_SIM_STEPS sets the number of steps (default 2000, 300 with
// -short) and TECHNIQUAL_SIM_SEED the seed; TECHNIQUAL_SIM_LOG=1 adds the
// history to a failure. The figures are logged (go test -v) for the
// closing note.
func TestThreeLaptops(t *testing.T) {
	steps := 2000
	if testing.Short() {
		steps = 300
	}
	if s, err := strconv.Atoi(os.Getenv("TECHNIQUAL_SIM_STEPS")); err == nil && s > 0 {
		steps = s
	}
	seed := uint64(15)
	if s, err := strconv.ParseUint(os.Getenv("TECHNIQUAL_SIM_SEED"), 10, 64); err == nil {
		seed = s
	}
	sim := newSim(t, seed)
	for i := 0; i < steps; i++ {
		sim.step(i)
		sim.agree()
		if os.Getenv("TECHNIQUAL_SIM_LOG") != "" {
			for _, l := range sim.all {
				st, _ := l.st.ExchangeVersions(ctx, data.XOffers, []string{sim.w.offer2.ID})
				rs := parseState(st[sim.w.offer2.ID])
				sim.log = append(sim.log, fmt.Sprintf("   %s: status %q %v (oracle %q %v)", l.name, rs["status"].V, rs["status"].VV,
					l.facts[simField{data.XOffers, sim.w.offer2.ID, "status"}].value, keys(l.facts[simField{data.XOffers, sim.w.offer2.ID, "status"}].seen)))
			}
		}
		if sim.lost > 0 {
			t.Fatalf("step %d: %d edits lost:\n%s", i, sim.lost, sim.why)
		}
	}
	st := sim.stats
	t.Logf("seed %d: %d steps, %d edits, %d files written, %d delivered (%d repeats), %d lost on the way, "+
		"%d refused (%d undecided conflicts, %d older than here, %d damaged or wrong passphrase), "+
		"%d conflicts reported, %d fields refused by authority, %d fields older kept, edits lost: %d",
		seed, steps, st["edit"], st["sent"], st["delivered"], st["repeat"], st["lost"], st["refused"],
		st["refused conflicts"], st["refused older"], st["refused bad"], st["conflicts"], st["authority"], st["older"], sim.lost)
	if st["edit"] < steps/4 || st["delivered"] < steps/8 || st["conflicts"] == 0 || st["refused older"] == 0 || st["authority"] == 0 {
		t.Fatalf("the simulation did not exercise the protocol: %v", st)
	}
}

// simField names one tracked field.
type simField struct{ table, id, field string }

func (f simField) String() string { return f.table + "/" + f.id[:8] + "/" + f.field }

// history is the set of edits a value has seen.
type history map[int]bool

func (h history) subset(o history) bool {
	for e := range h {
		if !o[e] {
			return false
		}
	}
	return true
}

// minus is a without the edits in b.
func minus(a, b history) history {
	out := history{}
	for e := range a {
		if !b[e] {
			out[e] = true
		}
	}
	return out
}

func union(a, b history) history {
	out := history{}
	for e := range a {
		out[e] = true
	}
	for e := range b {
		out[e] = true
	}
	return out
}

type truth struct {
	value string
	seen  history
}

type laptop struct {
	name  string
	st    *data.Store
	facts map[simField]truth
	// base is each field as the engine last recorded it (a file written
	// or read): like Syncthing, it finds edits by comparing with it, so
	// an edit back to that value is no edit at all.
	base map[simField]truth
}

type simFile struct {
	kind     Kind
	from, to *laptop
	path     string
	facts    map[simField]truth
	bad      bool // damaged on the way
}

type sim struct {
	t                   testing.TB
	rnd                 *rand.Rand
	w                   *world
	host, school, coord *laptop
	all                 []*laptop
	fields              []simField
	inflight            []*simFile
	nextEdit, nextValue int
	stats               map[string]int
	lost                int
	// dead are edits discarded by a settled conflict (reported where the
	// choice was made) or whose value was reached on another laptop too:
	// a later value that has not seen them loses nothing.
	dead history
	log  []string // what happened, for a failure message
	why  string
	dir  string
}

func newSim(t testing.TB, seed uint64) *sim {
	s := &sim{t: t, rnd: rand.New(rand.NewPCG(seed, 15)), stats: map[string]int{}, dir: t.TempDir(), dead: history{}}
	coord := openStore(t, "coord")
	s.w = newWorld(t, coord)
	w := s.w
	// The school's laptop is a copy made before any exchange, with its own id.
	path := filepath.Join(s.dir, "school.db")
	must(t, coord.Backup(ctx, path))
	school, err := data.Open(ctx, path, data.Options{})
	must(t, err)
	t.(*testing.T).Cleanup(func() { school.Close() })
	must(t, school.SetMeta(ctx, "laptop_id", "school0000000000"))
	s.coord = &laptop{name: "coordinator", st: coord, facts: map[simField]truth{}, base: map[simField]truth{}}
	s.school = &laptop{name: "school", st: school, facts: map[simField]truth{}, base: map[simField]truth{}}
	s.host = &laptop{name: "host", st: openStore(t, "host"), facts: map[simField]truth{}, base: map[simField]truth{}}
	s.all = []*laptop{s.host, s.school, s.coord}
	for _, f := range []string{"visiting_address"} {
		s.fields = append(s.fields, simField{data.XOrganisations, w.company.ID, f})
	}
	for _, id := range []string{w.offer.ID, w.offer2.ID} {
		for _, f := range []string{"capacity", "title", "description", "status"} {
			s.fields = append(s.fields, simField{data.XOffers, id, f})
		}
	}
	s.fields = append(s.fields, simField{data.XPeople, w.supervisor.ID, "title"}, simField{data.XPeople, w.model.ID, "title"},
		simField{data.XPeople, w.model.ID, deletedField})
	for _, id := range []string{w.alva.ID, w.sam.ID} {
		for _, f := range []string{"class_name", "last_name"} {
			s.fields = append(s.fields, simField{data.XPupils, id, f})
		}
	}
	// Every tracked field's first value is one edit everybody who holds
	// the row has seen.
	for _, l := range []*laptop{s.coord, s.school} {
		vals := s.values(l)
		for _, f := range s.fields {
			l.facts[f] = truth{value: vals[f], seen: history{0: true}}
		}
	}
	// The host's laptop starts from the coordinator's form.
	s.deliver(s.send(s.coord, s.host, KindHostForm), Decisions{})
	if len(s.host.facts) == 0 {
		t.Fatal("the host did not get the form")
	}
	return s
}

// values reads the tracked fields of a laptop as exchange rows.
func (s *sim) values(l *laptop) map[simField]string {
	out := map[simField]string{}
	byTable := map[string][]string{}
	for _, f := range s.fields {
		byTable[f.table] = append(byTable[f.table], f.id)
	}
	for table, ids := range byTable {
		rows, err := l.st.ExchangeRows(ctx, table, "id", ids)
		must(s.t, err)
		for _, r := range rows {
			for _, f := range s.fields {
				if f.table == table && f.id == r.ID {
					out[f] = r.Fields[f.field]
					if f.field == deletedField {
						out[f] = boolField(r.Deleted())
					}
				}
			}
		}
	}
	return out
}

// mayEdit is what each laptop edits in the simulation: the host its
// content (and, now and then, its own offer's status, which no file may
// carry to the coordinator); the coordinator host content and status; the
// school its pupils.
func (s *sim) mayEdit(l *laptop, f simField) bool {
	if _, ok := l.facts[f]; !ok {
		return false
	}
	switch l {
	case s.school:
		return f.table == data.XPupils
	case s.host:
		return f.table != data.XPupils
	}
	return f.table != data.XPupils
}

func (s *sim) edit(l *laptop) {
	var cands []simField
	for _, f := range s.fields {
		if s.mayEdit(l, f) {
			cands = append(cands, f)
		}
	}
	if len(cands) == 0 {
		return
	}
	f := cands[s.rnd.IntN(len(cands))]
	s.nextValue++
	v := fmt.Sprintf("%s %d", l.name, s.nextValue)
	var err error
	switch {
	case f.field == deletedField: // to the bin and back
		err = l.st.InTx(ctx, func(tx *data.Store) error {
			rows, err := tx.ExchangeRows(ctx, f.table, "id", []string{f.id})
			if err != nil || len(rows) != 1 {
				return fmt.Errorf("row %s: %v", f, err)
			}
			r := data.ExchangeRow{Table: f.table, ID: f.id, UpdatedAt: "2026-12-01T10:00:00.000Z"}
			if !rows[0].Deleted() {
				r.DeletedAt = "2026-12-01T10:00:00.000Z"
			}
			v = boolField(r.Deleted())
			return tx.UpsertExchangeRow(ctx, r)
		})
	case f.field == "status":
		st := []data.OfferStatus{data.OfferDraft, data.OfferSubmitted, data.OfferApproved}[s.rnd.IntN(3)]
		v = string(st)
		err = l.st.InTx(ctx, func(tx *data.Store) error {
			// Straight to the row: the approval rules are not what is simulated.
			return tx.UpsertExchangeRow(ctx, data.ExchangeRow{Table: f.table, ID: f.id, Fields: map[string]string{"status": v}})
		})
	case f.field == "capacity":
		v = strconv.Itoa(1 + s.nextValue%40)
		fallthrough
	default:
		err = l.st.InTx(ctx, func(tx *data.Store) error {
			rows, err := tx.ExchangeRows(ctx, f.table, "id", []string{f.id})
			if err != nil || len(rows) != 1 {
				return fmt.Errorf("row %s: %v", f, err)
			}
			return tx.UpsertExchangeRow(ctx, data.ExchangeRow{Table: f.table, ID: f.id, UpdatedAt: rows[0].UpdatedAt,
				DeletedAt: rows[0].DeletedAt, Fields: map[string]string{f.field: v}})
		})
	}
	must(s.t, err)
	old := l.facts[f]
	if old.value == v {
		return // not an edit
	}
	s.nextEdit++
	base, ok := l.base[f]
	switch {
	case ok && base.value == v:
		l.facts[f] = base // back to the recorded value: the engine sees no edit
	case ok:
		l.facts[f] = truth{value: v, seen: union(base.seen, history{s.nextEdit: true})}
	default:
		l.facts[f] = truth{value: v, seen: union(old.seen, history{s.nextEdit: true})}
	}
	s.log = append(s.log, fmt.Sprintf("%s edits %v = %q (edit %d)", l.name, f, v, s.nextEdit))
	s.stats["edit"]++
}

// send writes a file from one laptop to another and puts it in the mail.
func (s *sim) send(from, to *laptop, kind Kind) *simFile {
	var p *Payload
	var err error
	switch kind {
	case KindHostForm:
		p, err = ExportHostForm(ctx, from.st, s.w.company.ID, Options{})
	case KindSchool:
		p, err = ExportSchool(ctx, from.st, s.w.school.ID, s.w.period.ID, Options{})
	case KindResults:
		p, err = ExportResults(ctx, from.st, s.w.school.ID, s.w.period.ID, Options{})
	}
	must(s.t, err)
	s.stats["sent"]++
	path := filepath.Join(s.dir, fmt.Sprintf("%d%s", s.stats["sent"], Extension))
	must(s.t, Save(ctx, from.st, path, p, pass, logExport))
	f := &simFile{kind: kind, from: from, to: to, path: path, facts: map[simField]truth{}}
	for _, r := range p.Rows {
		if r.Ref {
			continue
		}
		for _, sf := range s.fields {
			if sf.table == r.Table && sf.id == r.ID {
				if _, ok := r.Fields[sf.field]; (ok || sf.field == deletedField) && !r.minimised(sf.field) {
					f.facts[sf] = from.facts[sf]
					from.base[sf] = from.facts[sf]
				}
			}
		}
	}
	s.inflight = append(s.inflight, f)
	s.log = append(s.log, fmt.Sprintf("%s sends %s %d to %s", from.name, kind, s.stats["sent"], to.name))
	return f
}

// deliver imports a file and checks every field it carries against the oracle.
func (s *sim) deliver(f *simFile, d Decisions) {
	to := f.to
	s.stats["delivered"]++
	pass := pass
	if f.bad {
		pass = "inte rätt lösenfras alls"
	}
	s.log = append(s.log, fmt.Sprintf("%s reads %s (%v)", to.name, filepath.Base(f.path), d.Default))
	before := s.values(to)
	sum := checksum(s.t, to.st)
	p, err := ReadFile(f.path, pass)
	var res *Result
	if err == nil {
		res, err = Apply(ctx, to.st, p, d)
	}
	if err != nil {
		s.stats["refused"]++
		if checksum(s.t, to.st) != sum {
			s.fail("a refused file (%v) changed the database", err)
		}
		switch CodeOf(err) {
		case CodeConflicts:
			s.stats["refused conflicts"]++
		case CodeOlder:
			s.stats["refused older"]++
			for sf, ft := range f.facts {
				here, ok := to.facts[sf]
				if ok && ft.value != here.value && !minus(ft.seen, s.dead).subset(here.seen) {
					s.fail("%s refused as older, but its %v %q has seen edits %q here has not", f.kind, sf, ft.value, here.value)
				}
			}
		case CodeWrongPassphrase, CodeDamaged:
			s.stats["refused bad"]++
		default:
			s.t.Fatalf("%s from %s to %s: %v", f.kind, f.from.name, to.name, err)
		}
		return
	}
	plan := res.Plan
	conflict, refused := map[simField]bool{}, map[simField]bool{}
	for _, c := range plan.Conflicts() {
		conflict[simField{c.Table, c.ID, c.Field}] = true
	}
	for _, n := range plan.Refused {
		refused[simField{n.Table, n.ID, n.Field}] = true
	}
	s.stats["conflicts"] += len(plan.Conflicts())
	s.stats["authority"] += len(plan.Refused)
	s.stats["older"] += len(plan.Older)
	after := s.values(to)
	defer s.recorded(to, f)
	for _, sf := range s.sortedFacts(f) {
		ft := f.facts[sf]
		here, known := to.facts[sf]
		got := after[sf]
		if !known { // a new row here: the file's value and history
			if got != ft.value && !refused[sf] {
				s.fail("%v new: %q, want %q", sf, got, ft.value)
			}
			if !refused[sf] {
				to.facts[sf] = ft
			}
			continue
		}
		if before[sf] != here.value {
			s.fail("%v on %s is %q, the oracle says %q", sf, to.name, before[sf], here.value)
		}
		switch {
		case got != here.value && got != ft.value:
			s.fail("%v became %q: neither here's %q nor the file's %q", sf, got, here.value, ft.value)
		case got != here.value && !minus(here.seen, s.dead).subset(ft.seen) && !conflict[sf]:
			s.fail("%v: %s's %q replaced by %q, which had not seen it, without a conflict (seen here %v, in the file %v; %s)",
				sf, to.name, here.value, got, keys(here.seen), keys(ft.seen), s.vectors(to, f, sf))
		case got == here.value && ft.value != here.value && !minus(ft.seen, s.dead).subset(here.seen) && !conflict[sf] && !refused[sf]:
			s.fail("%v: the file's %q (from %s) has edits %s lacks, but %q stayed without a word", sf, ft.value, f.from.name, to.name, got)
		}
		// What this laptop now has seen.
		switch {
		case got == here.value && ft.value == here.value:
			if !ft.seen.subset(here.seen) && !here.seen.subset(ft.seen) {
				// The same value reached on both sides: the engine keeps the
				// file's version; edits seen only here made that same value
				// and live on in it.
				for e := range minus(here.seen, ft.seen) {
					s.dead[e] = true
				}
			}
			to.facts[sf] = truth{value: got, seen: union(here.seen, ft.seen)}
		case got == ft.value && conflict[sf]: // settled for the file: here's edits are discarded, reported
			for e := range minus(here.seen, ft.seen) {
				s.dead[e] = true
			}
			to.facts[sf] = truth{value: got, seen: union(here.seen, ft.seen)}
		case got == ft.value:
			to.facts[sf] = truth{value: got, seen: union(here.seen, ft.seen)}
		case conflict[sf]: // settled for this laptop's value: a new edit above both
			for e := range minus(ft.seen, here.seen) {
				s.dead[e] = true
			}
			s.nextEdit++
			to.facts[sf] = truth{value: got, seen: union(union(here.seen, ft.seen), history{s.nextEdit: true})}
		}
	}
}

// agree checks that every laptop holds what the oracle says it holds.
func (s *sim) agree() {
	for _, l := range s.all {
		vals := s.values(l)
		for f, tr := range l.facts {
			if vals[f] != tr.value {
				s.fail("%v on %s is %q, the oracle says %q", f, l.name, vals[f], tr.value)
			}
		}
	}
}

func (s *sim) recorded(l *laptop, f *simFile) {
	for sf := range f.facts {
		if tr, ok := l.facts[sf]; ok {
			l.base[sf] = tr
		}
	}
}

func (s *sim) sortedFacts(f *simFile) []simField {
	out := make([]simField, 0, len(f.facts))
	for sf := range f.facts {
		out = append(out, sf)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func (s *sim) fail(format string, args ...any) {
	if s.lost == 0 && os.Getenv("TECHNIQUAL_SIM_LOG") != "" {
		s.why += strings.Join(s.log, "\n") + "\n"
	}
	s.lost++
	s.why += fmt.Sprintf(format, args...) + "\n"
}

// routes are who sends what to whom.
func (s *sim) route() (from, to *laptop, kind Kind) {
	switch s.rnd.IntN(4) {
	case 0:
		return s.host, s.coord, KindHostForm
	case 1:
		return s.coord, s.host, KindHostForm
	case 2:
		return s.school, s.coord, KindSchool
	}
	return s.coord, s.school, KindResults
}

func (s *sim) step(int) {
	switch r := s.rnd.IntN(100); {
	case r < 45:
		s.edit(s.all[s.rnd.IntN(len(s.all))])
	case r < 65:
		from, to, kind := s.route()
		f := s.send(from, to, kind)
		if s.rnd.IntN(20) == 0 {
			f.bad = true // damaged on the way, or the wrong passphrase
		}
	case r < 95 && len(s.inflight) > 0:
		i := s.rnd.IntN(len(s.inflight)) // any file in the mail: reordered
		f := s.inflight[i]
		d := Decisions{Default: []Side{Undecided, Mine, Theirs}[s.rnd.IntN(3)]}
		s.deliver(f, d)
		if s.rnd.IntN(4) == 0 {
			s.stats["repeat"]++ // stays in the mail: delivered again later
		} else {
			s.inflight = append(s.inflight[:i], s.inflight[i+1:]...)
		}
	case len(s.inflight) > 0:
		i := s.rnd.IntN(len(s.inflight))
		s.inflight = append(s.inflight[:i], s.inflight[i+1:]...)
		s.stats["lost"]++
	}
}

func keys(h history) []int {
	var out []int
	for e := range h {
		out = append(out, e)
	}
	sort.Ints(out)
	return out
}

// vectors shows the engine's vectors of a field, for a failure message.
func (s *sim) vectors(l *laptop, f *simFile, sf simField) string {
	st, _ := l.st.ExchangeVersions(ctx, sf.table, []string{sf.id})
	p, _ := ReadFile(f.path, pass)
	var fv VV
	if p != nil {
		for _, r := range p.Rows {
			if r.ID == sf.id {
				fv = r.V[sf.field]
			}
		}
	}
	return fmt.Sprintf("engine here after: %s; file: %v from %s", st[sf.id], fv, f.from.name)
}
