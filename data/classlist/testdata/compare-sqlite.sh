#!/bin/sh
# Times Techniqual's class-list import of 10,000 rows against the sqlite3
# shell's ".import" of the same file, side by side in one run (issue #16,
# goal 6: at most 3×). Needs sqlite3 on the PATH. Run from the repository.
set -e
cd "$(dirname "$0")/../../.."
go test ./data/classlist/ -run '^$' -bench 'BenchmarkImportVsSQLite' -benchtime "${BENCHTIME:-5x}" -count "${COUNT:-1}"
