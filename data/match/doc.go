// Package match places pupils at prao offers, exactly, as a minimum-cost
// flow, and explains every pupil it cannot place.
//
// It has two layers. The first is a general min-cost flow solver: build a
// Network (integer capacities, optional lower bounds, integer costs, node
// supplies), call Solve, and get a Flow with the flow on each arc, the
// total cost and node potentials that prove optimality (see
// Flow.CheckCertificate). Networks are read and written in the DIMACS
// min-cost flow format (ReadDIMACS, WriteDIMACS, WriteSolution,
// SolveDIMACS), so any external solver can check a result.
//
// The second layer is the allocation model, Allocate. Each pupil with an
// eligible choice is a node with supply 1; it has an arc to every offer it
// chose that passes the hard rules (same period, grade matches or the offer
// takes any grade, offer approved, old enough on the offer's first day),
// with a cost by rank, and an arc to an "unplaced" node. Offers lead to the
// sink with capacity equal to their seats left after locks; the unplaced
// node leads to the sink at a cost so large that placing one more pupil
// always beats any change in ranks. Locked pupils are not in the flow: they
// keep their offer, take their seat first, and odd locks (full, unapproved,
// ineligible) are reported.
//
// The objective is lexicographic: first the most pupils placed, then the
// least total rank cost (convex by default, 0, 1, 4, 9, 16, so many second
// choices beat a few fifth ones) — or, with Options.RankMaximal, as many
// 1st choices as possible, then 2nd, and so on. Criteria are combined into
// one solve with dominating weights while the weights fit comfortably in
// int64; beyond that (rank-maximal order with many pupils) they are solved
// in stages, each restricted to the optimal face of the previous ones by
// complementary slackness: an arc whose reduced cost is positive is empty
// in every optimal flow, one with negative reduced cost is full, and only
// arcs of reduced cost zero stay free. Every stage is an ordinary min-cost
// flow, recorded in Result.Solves with its verified certificate.
//
// The soft goals — friends together, no lone girl or boy — are not linear
// in the flow. They are pursued afterwards by a local search that never
// changes who is placed (see SoftReport), and their price in rank cost is
// reported.
//
// Every unplaced pupil gets an Explanation: the choices the hard rules
// removed, and a Hall set — the offers reachable from the pupil in the
// residual graph of the final placement, all of them full, with more pupils
// who can only use them than they have seats. Explanation.String says it in
// Swedish.
//
// The solver is the primal network simplex with block-search pricing, after
// LEMON 1.3.1's NetworkSimplex (Kovács 2015 found it the fastest code for
// most min-cost flow families of this size). It was chosen by measuring
// candidates on the generated allocation shapes of the benchmarks (1–15
// seats an offer, seats 1.07× or 2.1× pupils, one region or 40, 3k–120k
// pupils; see README and testdata/compare.sh):
//
//   - successive shortest paths, primal–dual with blocking flows (the
//     previous solver, now kept as a test-only reference): every phase is a
//     Dijkstra over most of the graph and the number of phases grows with
//     the instance: 1.6–3× LEMON at 120k pupils;
//   - cost scaling with push–relabel (Goldberg), measured as LEMON's
//     CostScaling: 3.5× slower than LEMON's network simplex on the shapes
//     tried (30k, 120k in 40 regions);
//   - network simplex: each pivot is local (a block of arcs priced, a path
//     in the tree, the moved subtree re-priced), and with the offers hung
//     under the sink first the pivots stay 3.5–8 per pupil on every shape.
//     Measured: 0.7–0.9× LEMON's time on the 30k and 120k shapes, solver
//     alone, parse included (README, "The min-cost-flow solver against
//     LEMON"). Time still grows somewhat faster than the network (about
//     n^1.3 from 30k to 120k pupils, as LEMON's does).
//
// The Go version differs from LEMON in four measured ways: smaller pricing
// blocks (0.2·√arcs: more pivots, each much cheaper), potentials updated on
// the smaller side of the tree, nodes renumbered in the order pricing meets
// them, and all arcs into demand nodes pivoted in before pricing starts. A
// greedy start that first seats every pupil at its cheapest choice with a
// free seat was tried and dropped: done with ordinary pivots it leaves the
// pupils hanging from the root and pricing then took 35 % more pivots;
// hanging them under their offers instead would break the strongly
// feasible tree that guarantees termination. The final spanning tree gives the node
// potentials that certify optimality (Flow.CheckCertificate). See
// Network.Solve.
// The package uses only the standard library.
package match
