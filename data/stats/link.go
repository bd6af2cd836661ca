package stats

// A report shows the figures of the whole, of each municipality and of each
// school. Each count of the whole is the sum of the municipalities' counts,
// and each municipality's the sum of its schools': more equations a reader
// could solve for a hidden count. protectUnits treats every such sum like a
// row of a table with its total, and hides one more figure where exactly one
// is hidden; then it suppresses each unit's own tables again, until nothing
// changes. (As in Table.Suppress, solving several equations together is not
// guarded against.)

// unit is one set of pupils of a report and the units it splits into.
type unit struct {
	fig      *Figures
	children []*unit
}

// term is one published figure in an equation: its count and how to read
// and set whether it is hidden.
type term struct {
	n      int
	hidden func() bool
	hide   func()
	cell   *Cell // the cell of a count; nil for a mean or an attendance
}

func cellTerm(c *Cell) term {
	return term{n: c.N, hidden: func() bool { return c.Suppressed }, hide: func() { c.Suppressed = true }, cell: c}
}

// public reports whether t is a count every reader can add up (Cell.public).
func (t term) public() bool { return t.cell != nil && t.cell.public }

func meanTerm(m *Mean) term {
	return term{n: m.N, hidden: func() bool { return m.Suppressed }, hide: func() { m.Suppressed = true }}
}

func attendanceTerm(a *Attendance) term {
	return term{n: a.Pupils.N, hidden: func() bool { return a.Pupils.N > 0 && !a.Shown() }, hide: func() { a.Masked = true }}
}

// protectTerms makes sure sum(terms) = total does not give away a hidden
// term, nor a small sum of hidden terms, as protect does for cells, and
// reports whether it hid one.
func protectTerms(terms []term, total term) bool {
	hidden, hiddenSum := 0, 0
	if total.hidden() {
		hidden++
	}
	for _, t := range terms {
		if t.hidden() {
			hidden++
			hiddenSum += t.n
		}
	}
	if hidden != 1 && (total.hidden() || hidden == 0 || !small(hiddenSum)) {
		return false
	}
	pick := -1
	for i, t := range terms {
		if !t.hidden() && !t.public() && t.n > 0 && (pick < 0 || t.n < terms[pick].n) {
			pick = i
		}
	}
	switch {
	case pick >= 0:
		terms[pick].hide()
	case total.hidden() || total.public():
		return false // nothing left to hide
	default:
		total.hide()
	}
	return true
}

// terms lists every additive figure of f, in the same order for every
// Figures, so that the i-th terms of the parts add up to the whole's i-th.
func (f *Figures) terms() []term {
	var ts []term
	cells := func(t *Table) {
		for i := range t.Cells {
			for j := range t.Cells[i] {
				ts = append(ts, cellTerm(&t.Cells[i][j]))
			}
		}
		for i := range t.RowTotals {
			ts = append(ts, cellTerm(&t.RowTotals[i]))
		}
		for j := range t.ColTotals {
			ts = append(ts, cellTerm(&t.ColTotals[j]))
		}
		if t.RowTotals != nil && t.ColTotals != nil {
			ts = append(ts, cellTerm(&t.Total))
		}
	}
	cells(&f.Outcome)
	for k := range f.Placed {
		ts = append(ts, cellTerm(&f.Placed[k]))
	}
	cells(&f.Answered)
	cells(&f.Recommend)
	for k := range f.InterestBefore {
		ts = append(ts, meanTerm(&f.InterestBefore[k]), meanTerm(&f.InterestAfter[k]))
	}
	for k := range f.Attendance {
		ts = append(ts, attendanceTerm(&f.Attendance[k]))
	}
	return append(ts, cellTerm(&f.AloneGirls), cellTerm(&f.CommentCount))
}

// resuppress suppresses f's own tables again after figures were hidden
// from outside, keeping what was hidden hidden.
func (f *Figures) resuppress() {
	t := &f.Outcome
	// A placed count hidden from outside stays hidden: hide the not placed
	// it would be worked out from (the table then protects that one).
	for j := Group(0); j < NumGroups; j++ {
		if f.Placed[j].Suppressed && !t.ColTotals[j].Suppressed && !t.Cells[RowNotPlaced][j].Suppressed {
			t.Cells[RowNotPlaced][j].Suppressed = true
		}
	}
	if f.Placed[NumGroups].Suppressed && !t.Total.Suppressed && !t.RowTotals[RowNotPlaced].Suppressed {
		t.RowTotals[RowNotPlaced].Suppressed = true
	}
	t.Suppress()
	f.derivePlaced()
	for k := range f.Attendance {
		f.Attendance[k].Pupils = f.Placed[k]
	}
	var att []term
	for k := range f.Attendance {
		att = append(att, attendanceTerm(&f.Attendance[k]))
	}
	protectTerms(att[:NumGroups], att[NumGroups])
	f.Answered.Suppress()
	f.Recommend.Suppress()
	f.syncMeans()
}

// suppressible is a set of figures that takes part in the suppression of
// a report's units: *Figures (classic periods) and *WeekFigures (weeks).
type suppressible interface {
	// terms lists the additive figures, in the same order for every value.
	terms() []term
	// resuppress suppresses the set's own tables again.
	resuppress()
}

// node is one unit of a tree of suppressible figures.
type node struct {
	fig      suppressible
	children []*node
}

// protectUnits suppresses the figures of root and of every unit below it
// together (see the comment at the top of this file).
func protectUnits(root *unit) {
	// Suppress twice: as always, and sparing the girls' and boys' figures
	// (Cell.rank) where a small "Annat" group can be protected by an
	// "Annat" figure or a total instead. Both leave no hidden count to be
	// worked out from one sum; the sparing one is kept when it hides
	// fewer girls' and boys' figures over the whole report.
	alt := cloneUnits(root)
	protectUnitsOnce(root)
	protectUnitsOnce(alt)
	if keptHidden(alt) < keptHidden(root) {
		copyFigures(root, alt)
	}
}

// cloneUnits is a deep copy of the tree at u whose outcome tables hide by
// rank (Table.spare).
func cloneUnits(u *unit) *unit {
	f := *u.fig
	f.Outcome, f.Answered, f.Recommend, f.interestN = u.fig.Outcome.clone(), u.fig.Answered.clone(), u.fig.Recommend.clone(), u.fig.interestN.clone()
	f.Outcome.spare = true
	f.Outcome.unhide() // start again from the small groups themselves
	for k := range f.Placed {
		f.Placed[k].Suppressed = f.Placed[k].forced || small(f.Placed[k].N) && !f.Placed[k].public
	}
	f.Comments = append([]string(nil), u.fig.Comments...)
	c := &unit{fig: &f}
	for _, ch := range u.children {
		c.children = append(c.children, cloneUnits(ch))
	}
	return c
}

// keptHidden counts the hidden girls' and boys' figures of the outcome
// tables of the tree at u.
func keptHidden(u *unit) int {
	n := u.fig.Outcome.keptHidden()
	for _, c := range u.children {
		n += keptHidden(c)
	}
	return n
}

// copyFigures puts the figures of from into the same units of to.
func copyFigures(to, from *unit) {
	*to.fig = *from.fig
	to.fig.Outcome.spare = false
	for i := range to.children {
		copyFigures(to.children[i], from.children[i])
	}
}

// protectUnitsOnce suppresses the tree at root in one order.
func protectUnitsOnce(root *unit) {
	var conv func(u *unit) *node
	conv = func(u *unit) *node {
		n := &node{fig: u.fig}
		for _, c := range u.children {
			n.children = append(n.children, conv(c))
		}
		return n
	}
	all := protectTree(conv(root))
	for _, n := range all {
		if f := n.fig.(*Figures); f.CommentCount.Suppressed {
			f.Comments = nil // the list's length is the count
		}
	}
}

// protectTree suppresses the figures of root and of every node below it
// together: each whole is the sum of its parts, term by term. It returns
// every node, root first.
func protectTree(root *node) []*node {
	var all []*node
	var walk func(n *node)
	walk = func(n *node) {
		all = append(all, n)
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
	count := func() int {
		n := 0
		for _, u := range all {
			for _, t := range u.fig.terms() {
				if t.hidden() {
					n++
				}
			}
		}
		return n
	}
	for before := -1; ; {
		for _, u := range all {
			u.fig.resuppress()
		}
		for _, u := range all {
			if len(u.children) == 0 {
				continue
			}
			whole := u.fig.terms()
			parts := make([][]term, len(u.children))
			for i, c := range u.children {
				parts[i] = c.fig.terms()
			}
			for i := range whole {
				ts := make([]term, len(parts))
				for k := range parts {
					ts[k] = parts[k][i]
				}
				protectTerms(ts, whole[i])
			}
		}
		after := count()
		if after == before {
			break
		}
		before = after
	}
	return all
}

// markPublic marks each count of whole that no part hides (parts are the
// same unit's figures in each period's own report; nil: the unit is not in
// that period, so 0 there) as public, and shows it: a reader can add it
// up from the periods' reports, so hiding it in the sum protects nothing.
func markPublic(whole suppressible, parts []suppressible) {
	var own [][]term
	for _, p := range parts {
		if p != nil {
			own = append(own, p.terms())
		}
	}
	for i, t := range whole.terms() {
		if t.cell == nil {
			continue
		}
		shown := true
		for _, o := range own {
			if o[i].hidden() {
				shown = false
			}
		}
		if shown {
			t.cell.public, t.cell.Suppressed = true, false
		}
	}
}
