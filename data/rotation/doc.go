// Package rotation plans a teknikprao week: TechniQual's own prao format,
// where a group of hosts (typically four) share one week, the period's
// pupils are split into teams of 4–6, and every team goes round the hosts of
// its group, one block (a half day, e.g. 08:30–12:00 Monday–Thursday) at
// each, before the week closes together. Companies say yes to two
// well-prepared mornings for a team where a classic one-pupil prao is too
// much; the pupils meet four workplaces instead of one.
//
// It is pure Go with its own small input and output types (like data/match,
// whose min-cost flow solver it uses for the optimal assignment of pupils
// to groups): no SQL, no Fyne. Callers refer to everything by index into
// the Instance's slices and keep their own database ids in the Key fields.
//
// # The model
//
// A route is one block at each host of a group, no host twice, no two
// blocks overlapping and, on one day, TravelMinutes between two blocks at
// different hosts. Plan works in four steps, each exact where the problem
// is small and each feeding the next:
//
//  1. Group size. For each group, the largest number of complete routes
//     that fit in its blocks (a block takes at most TeamsMax teams) is the
//     number of teams it can take. It is a packing problem (a latin square
//     when four hosts each offer the four mornings); a depth-first branch
//     and bound over the candidate routes solves it exactly for any real
//     group (four hosts with a block each morning give at most 625
//     candidates) and stops at the first packing that meets its upper
//     bound. A group with no complete route takes as many teams as there
//     are routes meeting the most hosts its blocks allow. Far beyond a
//     real group (say eight hosts with two blocks a day) the candidates
//     are too many to list, and a greedy construction takes over: one
//     route at a time, the least-served host first, the freest block
//     first; on regular groups it never gets stuck.
//  2. Pupils to groups, as the existing matching does: as many pupils
//     placed as possible, then the least rank cost (r² for the (r+1)-th
//     wish; a pupil without wishes goes anywhere at no cost; one with
//     wishes goes elsewhere only at a cost beyond the last rank, or not at
//     all with WishesOnly). It is one min-cost flow (match.Network) in
//     which pupils with the same wishes form one node, so a region of
//     3,000 pupils is a network of a few thousand arcs. Seats are teams ×
//     TeamMax, in tiers (the k-th pupil of each team costs k−1, far less
//     than a rank step) so that pupils whom wishes leave free spread
//     evenly over the groups instead of filling the first ones. That each group's count can form teams of TeamMin..TeamMax
//     (7 pupils cannot, with 4–6) is not linear: a branch and bound
//     bounds a group whose count cannot to the nearest count below, or
//     above, that can, and solves the flow again; the flow with interval
//     bounds is a relaxation, so its cost prunes. Then swaps of two
//     pupils between groups, which keep every count, lower rank cost +
//     MixWeight per group with a single girl or boy + FriendsWeight per
//     friend pair apart.
//  3. Teams within a group. The number of teams gives sizes nearest the
//     middle of TeamMin..TeamMax (20 pupils, 4–6: four teams of five). Only the counts of girls, boys and others
//     matter to the composition rule (a team has 0 or ≥ 2 girls and 0 or
//     ≥ 2 boys; Unspecified and Other never break it), so a dynamic
//     programme over the teams, whose state is the girls, boys and others
//     placed so far, finds the fewest teams breaking it exactly, then the
//     most even sizes, then girls and boys balanced in each team; every
//     possible number of teams is tried. Which pupils fill those counts is then improved by swaps of
//     two pupils of the same category (so the composition stays optimal):
//     friends together first, then classes together or schools mixed.
//     A team that breaks the rule says why in PlannedTeam.Why.
//  4. Routes. The group's teams get the packing of step 1 or, when there
//     are more teams than complete routes, routes that meet as many hosts
//     in total as the blocks allow, by the same search. Each Shortage
//     says what is missing: a host without blocks, a host or a day with
//     too few blocks, how many teams are too many.
//
// Locked teams keep their pupils and their route and take their block
// capacity first; a pupil locked to a team stays in it (and the team is
// kept, with its Key). Every search has a fixed budget, so that bad or
// huge input stays fast; within the budgets the steps above are exact, and
// BenchmarkPlanRegion (3,000 pupils, 150 groups of four hosts) plans a
// region in well under a second. Nothing depends on
// map order or the clock, so the same input gives the same plan.
package rotation
