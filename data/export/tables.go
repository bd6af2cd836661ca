package export

import (
	"context"
	"sort"
	"strconv"
	"techniqual/data/text"
	"time"

	"techniqual/data"
)

// builder collects one table.
type builder struct {
	ctx        context.Context
	st         *data.Store
	o          Options
	w          *vocabulary
	t          Table
	seenPupil  map[string]bool
	seenPerson map[string]bool
}

// keepPupil says whether a pupil goes in the list, counts protected pupils
// and remembers whose data are in it.
func (b *builder) keepPupil(p data.Pupil) bool {
	if b.o.SchoolID != "" && p.SchoolID != b.o.SchoolID {
		return false
	}
	if p.Protected && !b.o.IncludeProtected {
		if !b.seenPupil[p.ID] {
			b.seenPupil[p.ID] = true
			b.t.LeftOut++
		}
		return false
	}
	if !b.seenPupil[p.ID] {
		b.seenPupil[p.ID] = true
		b.t.PupilIDs = append(b.t.PupilIDs, p.ID)
		if p.Protected {
			b.t.Included++
		}
	}
	return true
}

func (b *builder) person(p *data.Person) {
	if p != nil && !b.seenPerson[p.ID] {
		b.seenPerson[p.ID] = true
		b.t.PersonIDs = append(b.t.PersonIDs, p.ID)
	}
}

func (b *builder) yesNo(v bool) string {
	if v {
		return b.w.yes
	}
	return b.w.no
}

func (b *builder) orgs() (map[string]data.Organisation, error) {
	os, err := b.st.ListOrganisations(b.ctx, "")
	if err != nil {
		return nil, err
	}
	m := make(map[string]data.Organisation, len(os))
	for _, o := range os {
		m[o.ID] = o
	}
	return m, nil
}

func (b *builder) people() (map[string]*data.Person, error) {
	ps, err := b.st.ListPeople(b.ctx, data.PersonFilter{})
	if err != nil {
		return nil, err
	}
	m := make(map[string]*data.Person, len(ps))
	for i := range ps {
		m[ps[i].ID] = &ps[i]
	}
	return m, nil
}

// types is n text columns with the given ones typed.
func types(n int, typed map[int]ColType) []ColType {
	out := make([]ColType, n)
	for i, t := range typed {
		out[i] = t
	}
	return out
}

// sortRows orders rows by the columns cols, compared the Swedish way.
func sortRows(rows [][]string, cols ...int) {
	c := text.Collator()
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range cols {
			if r := c.CompareString(rows[i][k], rows[j][k]); r != 0 {
				return r < 0
			}
		}
		return false
	})
}

func (b *builder) pupils() error {
	f := data.PupilFilter{SchoolID: b.o.SchoolID}
	inPeriod := func(data.Pupil) bool { return true }
	if b.o.PeriodID != "" {
		per, err := b.st.GetPeriod(b.ctx, b.o.PeriodID)
		if err != nil {
			return err
		}
		b.t.Scope = per.Name
		f.Grade = per.Grade
		if len(per.SchoolIDs) > 0 {
			schools := map[string]bool{}
			for _, id := range per.SchoolIDs {
				schools[id] = true
			}
			inPeriod = func(p data.Pupil) bool { return schools[p.SchoolID] }
		}
	}
	ps, err := b.st.ListPupils(b.ctx, f)
	if err != nil {
		return err
	}
	orgs, err := b.orgs()
	if err != nil {
		return err
	}
	b.t.Header = b.w.pupils
	b.t.Types = types(len(b.t.Header), map[int]ColType{4: ColNumber, 5: ColDate})
	var rows [][]string
	for _, p := range ps {
		if !inPeriod(p) || !b.keepPupil(p) {
			continue
		}
		grade := ""
		if p.Grade > 0 {
			grade = strconv.Itoa(p.Grade)
		}
		rows = append(rows, []string{p.LastName, p.FirstName, orgs[p.SchoolID].Name, p.ClassName, grade,
			data.FormatDate(p.BirthDate), b.w.gender[p.Gender], b.yesNo(p.Protected), p.GuardianName, p.GuardianPhone,
			p.GuardianEmail, p.ExternalID, p.ID})
	}
	sortRows(rows, 2, 3, 0, 1, 12)
	b.t.Rows = rows
	return nil
}

func (b *builder) periodDocs() ([]data.ScheduleDoc, error) {
	per, err := b.st.GetPeriod(b.ctx, b.o.PeriodID)
	if err != nil {
		return nil, err
	}
	b.t.Scope = per.Name
	return b.st.DocumentsForPeriod(b.ctx, per.ID, data.DocFilter{SchoolID: b.o.SchoolID})
}

// offerDays are the dates an offer's pupils are at the host: the programme's
// days, or the period's weekdays when the host has not filled them in.
func offerDays(o data.Offer, per data.Period) []time.Time {
	if len(o.Days) > 0 {
		ds := make([]time.Time, len(o.Days))
		for i, d := range o.Days {
			ds[i] = d.Date
		}
		return ds
	}
	return data.Weekdays(per.Start, per.End)
}

func (b *builder) placements() error {
	docs, err := b.periodDocs()
	if err != nil {
		return err
	}
	b.t.Header = b.w.placements
	b.t.Types = types(len(b.t.Header), map[int]ColType{10: ColDate, 11: ColDate})
	for _, d := range docs {
		if !b.keepPupil(d.Pupil) {
			continue
		}
		var sup, phone, email string
		if d.Supervisor != nil {
			sup, phone, email = d.Supervisor.Name(), d.Supervisor.Phone, d.Supervisor.Email
			b.person(d.Supervisor)
		}
		first, last := "", ""
		if days := offerDays(d.Offer, d.Period); len(days) > 0 {
			first, last = data.FormatDate(days[0]), data.FormatDate(days[len(days)-1])
		}
		by := b.w.auto
		if d.Assignment.Source == data.SourceManual {
			by = b.w.manual
		}
		addr := d.Offer.VisitingAddress
		if addr == "" {
			addr = d.Host.VisitingAddress
		}
		b.t.Rows = append(b.t.Rows, []string{d.School.Name, d.Pupil.ClassName, d.Pupil.LastName, d.Pupil.FirstName,
			d.Host.Name, d.Offer.Title, addr, sup, phone, email, first, last, b.yesNo(d.Assignment.Locked), by})
	}
	return nil
}

func (b *builder) attendance() error {
	docs, err := b.periodDocs()
	if err != nil {
		return err
	}
	b.t.Header = b.w.attendance
	b.t.Types = types(len(b.t.Header), map[int]ColType{6: ColDate})
	for _, d := range docs {
		if !b.keepPupil(d.Pupil) {
			continue
		}
		recorded := map[string]data.Attendance{}
		for _, a := range d.Attendance {
			recorded[data.FormatDate(a.Date)] = a
		}
		days := offerDays(d.Offer, d.Period)
		seen := map[string]bool{}
		for _, day := range days {
			seen[data.FormatDate(day)] = true
		}
		for _, a := range d.Attendance { // recorded outside the programme: keep it too
			if !seen[data.FormatDate(a.Date)] {
				days = append(days, a.Date)
			}
		}
		sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
		for _, day := range days {
			a := recorded[data.FormatDate(day)]
			b.t.Rows = append(b.t.Rows, []string{d.School.Name, d.Pupil.ClassName, d.Pupil.LastName, d.Pupil.FirstName,
				d.Host.Name, d.Offer.Title, data.FormatDate(day), b.w.weekday[day.Weekday()], b.w.attendanceStatus[a.Status], a.Note})
		}
	}
	return nil
}

func (b *builder) hosts() error {
	per, err := b.st.GetPeriod(b.ctx, b.o.PeriodID)
	if err != nil {
		return err
	}
	b.t.Scope = per.Name
	offers, err := b.st.ListOffers(b.ctx, data.OfferFilter{PeriodID: per.ID})
	if err != nil {
		return err
	}
	taken, err := b.st.TakenSeats(b.ctx, per.ID)
	if err != nil {
		return err
	}
	orgs, err := b.orgs()
	if err != nil {
		return err
	}
	people, err := b.people()
	if err != nil {
		return err
	}
	// A host's contact when the offer names no supervisor: its HR person, or
	// else anybody at the host (people come sorted by name).
	ps, err := b.st.ListPeople(b.ctx, data.PersonFilter{})
	if err != nil {
		return err
	}
	contactAt := map[string]*data.Person{}
	for i := range ps {
		p, org := &ps[i], ps[i].OrganisationID
		if org == "" {
			continue
		}
		if c := contactAt[org]; c == nil || p.HasRole(data.RoleHR) && !c.HasRole(data.RoleHR) {
			contactAt[org] = p
		}
	}
	b.t.Header = b.w.hosts
	b.t.Types = types(len(b.t.Header), map[int]ColType{6: ColNumber, 7: ColNumber, 8: ColNumber})
	for _, o := range offers {
		host := orgs[o.HostID]
		c := people[o.SupervisorID]
		if c == nil {
			c = contactAt[o.HostID]
		}
		var name, phone, email string
		if c != nil {
			name, phone, email = c.Name(), c.Phone, c.Email
			b.person(c)
		}
		addr := o.VisitingAddress
		if addr == "" {
			addr = host.VisitingAddress
		}
		n := taken[o.ID]
		b.t.Rows = append(b.t.Rows, []string{host.Name, o.Title, b.w.offerStatus[o.Status], name, phone, email,
			strconv.Itoa(o.Capacity), strconv.Itoa(n), strconv.Itoa(max(o.Capacity-n, 0)), addr, host.Municipality})
	}
	sortRows(b.t.Rows, 0, 1)
	return nil
}

func (b *builder) participants() error {
	ev, err := b.st.GetEvent(b.ctx, b.o.EventID)
	if err != nil {
		return err
	}
	b.t.Scope = ev.Title
	regs, err := b.st.ListRegistrations(b.ctx, ev.ID)
	if err != nil {
		return err
	}
	pupils, err := b.st.ListPupils(b.ctx, data.PupilFilter{})
	if err != nil {
		return err
	}
	pupilByID := make(map[string]data.Pupil, len(pupils))
	for _, p := range pupils {
		pupilByID[p.ID] = p
	}
	people, err := b.people()
	if err != nil {
		return err
	}
	orgs, err := b.orgs()
	if err != nil {
		return err
	}
	b.t.Header = b.w.participants
	b.t.Types = types(len(b.t.Header), map[int]ColType{9: ColDateTime, 10: ColDateTime})
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(data.Stockholm).Format("2006-01-02 15:04")
	}
	for _, r := range regs {
		status, reg, in := data.StatusWord(r.Status, b.w.lang), ts(r.RegisteredAt), ts(r.CheckedInAt)
		if r.PupilID != "" {
			p, ok := pupilByID[r.PupilID]
			if !ok || !b.keepPupil(p) {
				continue // deleted, another school's, or protected
			}
			b.t.Rows = append(b.t.Rows, []string{p.LastName, p.FirstName, b.w.pupil, orgs[p.SchoolID].Name, p.ClassName,
				"", "", "", status, reg, in})
			continue
		}
		p := people[r.PersonID]
		if p == nil || b.o.SchoolID != "" {
			continue // deleted; a school's list holds its pupils only
		}
		b.person(p)
		b.t.Rows = append(b.t.Rows, []string{p.LastName, p.FirstName, b.w.contact, orgs[p.OrganisationID].Name, "",
			p.Title, p.Email, p.Phone, status, reg, in})
	}
	sortRows(b.t.Rows, 0, 1, 3)
	return nil
}
