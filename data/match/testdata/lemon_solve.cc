// lemon_solve: reads a DIMACS min-cost flow file and prints "s COST" as
// solved by LEMON 1.3.1, for data/match/testdata/compare.sh.
//
//   lemon_solve FILE [ns|cs|cas]   network simplex (default, block search
//                                  pivot), cost scaling, capacity scaling
#include <lemon/smart_graph.h>
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/cost_scaling.h>
#include <lemon/capacity_scaling.h>
#include <fstream>
#include <iostream>
#include <string>
#include <chrono>
#include <cstdlib>

using namespace lemon;
typedef SmartDigraph G;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: lemon_solve FILE [ns|cs|cas]\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "lemon_solve: cannot open " << argv[1] << "\n";
    return 1;
  }
  std::string alg = argc > 2 ? argv[2] : "ns";
  G g;
  G::ArcMap<long long> low(g), cap(g), cost(g);
  G::NodeMap<long long> sup(g);
  auto t0 = std::chrono::steady_clock::now();
  readDimacsMin(in, g, low, cap, cost, sup);
  auto t1 = std::chrono::steady_clock::now();
  long long total = 0;
  bool ok = false;
  if (alg == "cs") {
    CostScaling<G, long long, long long> s(g);
    s.lowerMap(low).upperMap(cap).costMap(cost).supplyMap(sup);
    ok = s.run() == CostScaling<G, long long, long long>::OPTIMAL;
    if (ok) total = s.totalCost();
  } else if (alg == "cas") {
    CapacityScaling<G, long long, long long> s(g);
    s.lowerMap(low).upperMap(cap).costMap(cost).supplyMap(sup);
    ok = s.run() == CapacityScaling<G, long long, long long>::OPTIMAL;
    if (ok) total = s.totalCost();
  } else {
    NetworkSimplex<G, long long, long long> s(g);
    s.lowerMap(low).upperMap(cap).costMap(cost).supplyMap(sup);
    ok = s.run() == NetworkSimplex<G, long long, long long>::OPTIMAL;
    if (ok) total = s.totalCost();
  }
  auto t2 = std::chrono::steady_clock::now();
  if (std::getenv("LEMON_TIMING")) {
    std::cerr << "parse " << std::chrono::duration<double>(t1 - t0).count()
              << " s, solve " << std::chrono::duration<double>(t2 - t1).count() << " s\n";
  }
  if (!ok) {
    std::cerr << "lemon_solve: not optimal (infeasible or unbounded)\n";
    return 1;
  }
  std::cout << "s " << total << "\n";
  return 0;
}
