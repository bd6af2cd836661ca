package stats

import "sort"

// Figures computed from a set of contributors (a median of members'
// figures, say) are suppressed by who contributes, not by counts: a figure
// is shown only when at least MinGroup contribute, and two shown figures
// of the same measure never differ by a small group (1–4 contributors on
// either side), or the difference would single them out — the median of
// six members against that of five of them gives the sixth's figure away.
// This is the same rule as complementary suppression of counts (a hidden
// small group must not follow from shown ones), applied to sets.

// SetCell is one figure by its contributors (keys, any order) and how much
// it matters to keep it shown: when two figures clash, the one with the
// lower Keep is hidden (ties: the one with fewer contributors, then the
// later one in the list).
type SetCell struct {
	Members []string
	Keep    int
}

// SuppressSets says which of cells must be hidden: those with fewer than
// MinGroup contributors, then, until nothing changes, one of every pair of
// shown cells whose contributors differ by 1–4 on either side. Afterwards
// every two shown cells have the same contributors or differ by at least
// MinGroup on each side that differs.
func SuppressSets(cells []SetCell) []bool {
	hidden := make([]bool, len(cells))
	sets := make([]map[string]bool, len(cells))
	for i, c := range cells {
		sets[i] = map[string]bool{}
		for _, m := range c.Members {
			sets[i][m] = true
		}
		hidden[i] = len(sets[i]) < MinGroup
	}
	// Pairs are looked at in a fixed order, most important cells first, so
	// that the outcome does not depend on the order of the input.
	order := make([]int, len(cells))
	for i := range order {
		order[i] = i
	}
	less := func(a, b int) bool { // a is hidden before b
		if cells[a].Keep != cells[b].Keep {
			return cells[a].Keep < cells[b].Keep
		}
		if len(sets[a]) != len(sets[b]) {
			return len(sets[a]) < len(sets[b])
		}
		return a > b
	}
	sort.SliceStable(order, func(x, y int) bool { return less(order[y], order[x]) })
	for changed := true; changed; {
		changed = false
		for x, i := range order {
			if hidden[i] {
				continue
			}
			for _, j := range order[x+1:] {
				if hidden[j] || !SmallDifference(sets[i], sets[j]) {
					continue
				}
				hidden[j] = true // j comes after i: the less important
				changed = true
			}
		}
	}
	return hidden
}

// SmallDifference reports whether a and b differ by a small group (1–4)
// on either side.
func SmallDifference(a, b map[string]bool) bool {
	return small(missing(a, b)) || small(missing(b, a))
}

// missing counts the members of a that are not in b.
func missing(a, b map[string]bool) int {
	n := 0
	for m := range a {
		if !b[m] {
			n++
		}
	}
	return n
}
