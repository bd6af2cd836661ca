package rotation

import (
	"cmp"
	"fmt"
	"slices"
)

// proposeScan bounds the hosts tried for each place in a group: every host
// of the same municipality first, then others, up to this many in all.
const proposeScan = 64

// ProposeGroups proposes host groups of size hosts (4 when size ≤ 0) from
// the hosts' blocks and municipalities. Hosts that already have a group
// (0 ≤ Host.Group < len(hosts)) keep it: group i of the result is their
// group i, topped up to size when it is smaller. The other hosts are placed greedily, in
// order of municipality and name: a group starts with the first host left
// and takes, one at a time, the host that keeps complete routes possible
// (every team of the group able to meet every host, with 30 minutes'
// travel between blocks of one day), preferring the group's municipality,
// then the most complete routes. A group ends early when no host keeps
// complete routes possible. Hosts without a valid block are left out: no
// team can visit them. The result depends only on the input.
func ProposeGroups(hosts []Host, blocks []Block, size int) []Group {
	if size <= 0 {
		size = 4
	}
	var valid []Block
	for _, b := range blocks {
		if b.Host >= 0 && b.Host < len(hosts) && b.End > b.Start {
			valid = append(valid, b)
		}
	}
	w := newWeek(len(hosts), valid, Defaults().TravelMinutes)
	left := w.capacities()
	complete := func(hs []int) int { return w.capacity(hs, left).complete }

	var groups []Group
	placed := make([]bool, len(hosts))
	for h, host := range hosts {
		if host.Group < 0 || host.Group >= len(hosts) {
			continue // no group, or an index no proposal can have
		}
		for len(groups) <= host.Group {
			groups = append(groups, Group{Name: fmt.Sprintf("Grupp %d", len(groups)+1)})
		}
		groups[host.Group].Hosts = append(groups[host.Group].Hosts, h)
		placed[h] = true
	}
	var order []int
	for h := range hosts {
		if !placed[h] && len(w.byHost[h]) > 0 {
			order = append(order, h)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &hosts[a], &hosts[b]
		return cmp.Or(cmp.Compare(x.Municipality, y.Municipality), cmp.Compare(x.Name, y.Name), cmp.Compare(x.Key, y.Key))
	})
	// grow adds hosts to g while one keeps complete routes possible.
	grow := func(g *Group, municipality string) {
		for len(g.Hosts) < size {
			best, bestNear, bestC := -1, false, 0
			tried := 0
			for pass := 0; pass < 2 && tried < proposeScan; pass++ {
				for _, h := range order {
					if placed[h] || (hosts[h].Municipality == municipality) != (pass == 0) {
						continue
					}
					if tried++; tried > proposeScan {
						break
					}
					c := complete(append(slices.Clone(g.Hosts), h))
					if c == 0 && len(g.Hosts) > 0 {
						continue
					}
					near := pass == 0
					if best < 0 || (near && !bestNear) || (near == bestNear && c > bestC) {
						best, bestNear, bestC = h, near, c
					}
				}
			}
			if best < 0 {
				return
			}
			g.Hosts = append(g.Hosts, best)
			placed[best] = true
		}
	}
	for k := range groups {
		if len(groups[k].Hosts) > 0 && len(groups[k].Hosts) < size {
			grow(&groups[k], hosts[groups[k].Hosts[0]].Municipality)
		}
	}
	for _, h := range order {
		if placed[h] {
			continue
		}
		placed[h] = true
		g := Group{Hosts: []int{h}}
		if m := hosts[h].Municipality; m != "" {
			g.Name = fmt.Sprintf("Grupp %d (%s)", len(groups)+1, m)
		} else {
			g.Name = fmt.Sprintf("Grupp %d", len(groups)+1)
		}
		grow(&g, hosts[h].Municipality)
		groups = append(groups, g)
	}
	for k := range groups {
		slices.Sort(groups[k].Hosts)
	}
	return groups
}
