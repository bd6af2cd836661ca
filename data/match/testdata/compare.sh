#!/usr/bin/env bash
# compare.sh times `techniqual solve FILE` against LEMON 1.3.1's
# NetworkSimplex on the same DIMACS files (whole process, parse included)
# and prints a Markdown table of medians and their ratio. `make
# bench-compare` runs it from the repository root.
#
#   data/match/testdata/compare.sh [REPS] [EXTRA.dimacs ...]
#
# REPS (default 5) runs of each solver on each file, interleaved. The files
# are the generated shapes of issue #16 (data/match/internal/shape), written
# once into $MCF_DIR (default /tmp/techniqual-mcf), plus any EXTRA files
# (e.g. one written by `techniqual match --dimacs FILE`).
#
# It installs nothing. LEMON's driver (lemon_solve.cc, beside this script)
# is built when liblemon-dev is installed (Debian/Ubuntu: apt-get install
# -y liblemon-dev); without it only techniqual is timed. $TQ names the
# techniqual binary; by default it is built from this checkout. Both
# solvers must print the same optimal cost ("s COST"), or the script fails.
# Times are CPU seconds (user+sys), which a busy machine distorts less
# than wall time; wall medians are printed too. With $TQ_BEFORE naming an
# older techniqual binary, it is timed in the same run, in a column of its
# own, for before/after figures.
set -euo pipefail

reps=${1:-5}
shift || true
root=$(cd "$(dirname "$0")/../../.." && pwd)
dir=${MCF_DIR:-/tmp/techniqual-mcf}
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TIMEFORMAT='%R %U %S'

cd "$root"
if [ -z "${TQ:-}" ]; then
	echo "building techniqual..." >&2
	if go build -o "$work/techniqual" . 2>"$work/build.log"; then
		TQ="$work/techniqual"
	else
		# The app needs cgo and GL headers; the solver alone does not.
		echo "the app does not build here (see below); timing data/match/internal/mcfbench instead" >&2
		tail -3 "$work/build.log" >&2
		go build -o "$work/mcfbench" ./data/match/internal/mcfbench
		TQ="$work/mcfbench"
	fi
fi
files=()
for s in 3k 30k 120k-40r 120k 120k-2.1x; do
	files+=("$dir/$s.dimacs")
done
if [ ! -s "${files[-1]}" ]; then
	echo "writing the benchmark instances into $dir..." >&2
	go run ./data/match/internal/mcfbench gen "$dir" >/dev/null
fi
files+=("$@")

lemon=""
if pkg-config --exists lemon 2>/dev/null || [ -f /usr/include/lemon/network_simplex.h ]; then
	flags=$(pkg-config --cflags --libs lemon 2>/dev/null || echo -lemon)
	# shellcheck disable=SC2086
	if g++ -O2 -o "$work/lemon_solve" "$root/data/match/testdata/lemon_solve.cc" $flags 2>"$work/lemon.log"; then
		lemon="$work/lemon_solve"
	else
		echo "could not build the LEMON driver:" >&2
		cat "$work/lemon.log" >&2
	fi
else
	echo "liblemon-dev is not installed: timing techniqual only (apt-get install -y liblemon-dev)" >&2
fi

# run CMD... prints "wall cpu" of one run and leaves the first output line
# (the cost) in $work/cost.
run() {
	local t
	t=$({ time "$@" >"$work/out" 2>"$work/err"; } 2>&1) || {
		echo "failed: $* ($(tail -1 "$work/err"))" >&2
		exit 1
	}
	head -1 "$work/out" >"$work/cost"
	awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}

median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

before=${TQ_BEFORE:-}
if [ -n "$before" ]; then
	echo "| instance | arcs | before ($(basename "$before")), CPU s (wall) | $(basename "$TQ") solve, CPU s (wall) | LEMON NetworkSimplex, CPU s (wall) | ratio (CPU) |"
	echo "|---|---:|---:|---:|---:|---:|"
else
	echo "| instance | arcs | $(basename "$TQ") solve, CPU s (wall) | LEMON NetworkSimplex, CPU s (wall) | ratio (CPU) |"
	echo "|---|---:|---:|---:|---:|"
fi
for f in "${files[@]}"; do
	: >"$work/tq"
	: >"$work/lm"
	: >"$work/bf"
	for _ in $(seq "$reps"); do
		if [ -n "$before" ]; then
			run "$before" solve "$f" >>"$work/bf"
			bfcost=$(cat "$work/cost")
		fi
		run "$TQ" solve "$f" >>"$work/tq"
		tqcost=$(cat "$work/cost")
		if [ -n "$before" ] && [ "$bfcost" != "$tqcost" ]; then
			echo "$f: techniqual says '$tqcost', before says '$bfcost'" >&2
			exit 1
		fi
		if [ -n "$lemon" ]; then
			run "$lemon" "$f" >>"$work/lm"
			lmcost=$(cat "$work/cost")
			if [ "$tqcost" != "$lmcost" ]; then
				echo "$f: techniqual says '$tqcost', LEMON says '$lmcost'" >&2
				exit 1
			fi
		fi
	done
	arcs=$(awk '$1 == "p" {print $4; exit}' "$f")
	tc=$(cut -d' ' -f2 "$work/tq" | median)
	tw=$(cut -d' ' -f1 "$work/tq" | median)
	bcol=""
	if [ -n "$before" ]; then
		bcol=" $(cut -d' ' -f2 "$work/bf" | median) ($(cut -d' ' -f1 "$work/bf" | median)) |"
	fi
	if [ -n "$lemon" ]; then
		lc=$(cut -d' ' -f2 "$work/lm" | median)
		lw=$(cut -d' ' -f1 "$work/lm" | median)
		ratio=$(awk -v a="$tc" -v b="$lc" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "—"}')
		echo "| $(basename "$f" .dimacs) | $arcs |$bcol $tc ($tw) | $lc ($lw) | $ratio |"
	else
		echo "| $(basename "$f" .dimacs) | $arcs |$bcol $tc ($tw) | — | — |"
	fi
done
echo
echo "$reps runs each, medians; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
