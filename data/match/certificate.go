package match

import "fmt"

// CheckCertificate verifies that f is an optimal flow for net: it has one
// value per arc within [low, cap], conserves flow at every node (outflow −
// inflow = supply), its Cost matches, and no residual arc has negative
// reduced cost under f.Potential — which proves that no cheaper flow exists.
// It returns nil or an error naming the first violation.
func (f *Flow) CheckCertificate(net *Network) error {
	if f == nil || net == nil {
		return fmt.Errorf("match: certificate: nil flow or network")
	}
	if net.err != nil {
		return net.err
	}
	m, n := len(net.tail), net.n
	if len(f.Arc) != m {
		return fmt.Errorf("match: certificate: %d arc flows for %d arcs", len(f.Arc), m)
	}
	if len(f.Potential) != n {
		return fmt.Errorf("match: certificate: %d potentials for %d nodes", len(f.Potential), n)
	}
	balance := make([]int64, n)
	for i, x := range f.Arc {
		u, v := net.tail[i], net.head[i]
		if x < net.low[i] || x > net.cap[i] {
			return fmt.Errorf("match: certificate: arc %d (%d→%d) carries %d outside [%d, %d]", i, u, v, x, net.low[i], net.cap[i])
		}
		var ok1, ok2 bool
		balance[u], ok1 = addChecked(balance[u], x)
		balance[v], ok2 = addChecked(balance[v], -x)
		if !ok1 || !ok2 {
			return fmt.Errorf("match: certificate: flow balance overflows at arc %d", i)
		}
		rc, ok := addChecked(net.cost[i], f.Potential[u])
		if ok {
			rc, ok = addChecked(rc, -f.Potential[v])
		}
		if !ok {
			return fmt.Errorf("match: certificate: reduced cost of arc %d overflows", i)
		}
		if x < net.cap[i] && rc < 0 {
			return fmt.Errorf("match: certificate: arc %d (%d→%d) can carry more but has reduced cost %d < 0", i, u, v, rc)
		}
		if x > net.low[i] && rc > 0 {
			return fmt.Errorf("match: certificate: arc %d (%d→%d) can carry less but has reduced cost %d > 0", i, u, v, rc)
		}
	}
	for v := 0; v < n; v++ {
		if balance[v] != net.supply[v] {
			return fmt.Errorf("match: certificate: node %d sends %d net units, supply is %d", v, balance[v], net.supply[v])
		}
	}
	cost, ok := flowCost(net, f.Arc)
	if !ok {
		return fmt.Errorf("match: certificate: cost overflows int64")
	}
	if cost != f.Cost {
		return fmt.Errorf("match: certificate: cost is %d, flow says %d", cost, f.Cost)
	}
	return nil
}
