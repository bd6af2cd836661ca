#!/bin/sh
# Measures the window's whole start-up, process and all (issue #16, goal 4):
# from just before techniqual is started until Översikt shows its counts
# (the first content) and until its last step (the balance), on a new
# empty database and on DB, RUNS times each, medians in milliseconds.
# The window reports each step's time itself (TECHNIQUAL_TRACE_STARTUP,
# ui/overview/trace.go); an Xvfb server started here draws it.
#
#   ui/overview/testdata/startup.sh BIN DB [RUNS]
#
# BIN is a built techniqual (go build -o BIN .), DB a copy of a large
# database (techniqual demo --db DB --pupils 30000). Needs Xvfb.
set -eu
bin=$1 db=$2 runs=${3:-5}
command -v Xvfb >/dev/null || { echo "startup.sh: Xvfb is needed (apt-get install xvfb)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
Xvfb :77 -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=:77 HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
mkdir -p "$HOME"

# once DATABASE LAST-STEP: one start; prints "counts-ms last-ms".
once() {
	trace=$tmp/trace
	rm -f "$trace"
	start=$(date +%s%N)
	TECHNIQUAL_TRACE_STARTUP=$trace "$bin" --db "$1" >/dev/null 2>&1 &
	pid=$!
	i=0
	until grep -q "^$2 " "$trace" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 1200 ]; then
			echo "startup.sh: no '$2' step within 120 s" >&2
			kill $pid
			exit 1
		fi
		sleep 0.1
	done
	kill $pid
	wait $pid 2>/dev/null || true
	awk -v s="$start" '$1 == "counts" { c = $2 } $1 == "'"$2"'" { l = $2 } END { printf "%.0f %.0f\n", (c - s) / 1e6, (l - s) / 1e6 }' "$trace"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

empty=$tmp/empty.db
"$bin" demo --help >/dev/null 2>&1 || true
for what in empty large; do
	if [ $what = empty ]; then file=$empty last=counts; else file=$db last=balance; fi
	: >"$tmp/$what"
	once "$file" "$last" >/dev/null # warm the file cache and the fonts
	for _ in $(seq "$runs"); do once "$file" "$last" >>"$tmp/$what"; done
	c=$(cut -d' ' -f1 "$tmp/$what" | median)
	l=$(cut -d' ' -f2 "$tmp/$what" | median)
	echo "$what: counts shown after $c ms, everything after $l ms (median of $runs; all: $(cut -d' ' -f1 "$tmp/$what" | tr '\n' ' '))"
	eval "${what}_c=$c"
done
awk -v a="$large_c" -v b="$empty_c" 'BEGIN { printf "ratio of first content, large / empty: %.2f\n", a / b }'
