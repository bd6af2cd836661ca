#!/usr/bin/env bash
# Unpacks the Linux package into a temporary folder and starts the app from
# there under Xvfb (.ci/smoke.sh). Usage: .ci/package-check.sh dist/Techniqual.tar.xz
set -euo pipefail
archive=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tar -xJf "$archive" -C "$dir"
bin="$dir/techniqual/usr/local/bin/techniqual"
desktop="$dir/techniqual/usr/local/share/applications/se.techniqual.app.desktop"
icon="$dir/techniqual/usr/local/share/pixmaps/se.techniqual.app.png"
for f in "$bin" "$desktop" "$icon"; do
  [ -s "$f" ] || { echo "package-check: $f is missing from the archive" >&2; exit 1; }
done
grep -q '^Exec=techniqual' "$desktop" || { echo "package-check: the .desktop file does not start techniqual" >&2; exit 1; }
"$(dirname "$0")/smoke.sh" "$bin"
echo "package-check: the unpacked Linux app shows its window"
