#!/usr/bin/env bash
# Starts the real app under Xvfb on a fresh database and checks that its
# window appears and that it keeps running. Usage: .ci/smoke.sh ./techniqual
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" demo --db "$dir/smoke.db" --pupils 200 --seed 1 >/dev/null 2>&1
cat > "$dir/check.sh" <<INNER
#!/usr/bin/env bash
"$bin" --db "$dir/smoke.db" 2>"$dir/app.log" &
pid=\$!
for i in \$(seq 1 60); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Techniqual"'; then
    sleep 1
    kill -0 \$pid || { echo "smoke: the app exited after opening its window" >&2; exit 1; }
    kill \$pid; wait \$pid 2>/dev/null || true
    echo "smoke: window shown"
    exit 0
  fi
  kill -0 \$pid 2>/dev/null || { echo "smoke: the app exited:" >&2; cat "$dir/app.log" >&2; exit 1; }
  sleep 0.5
done
echo "smoke: no window after 30 s" >&2; cat "$dir/app.log" >&2; kill \$pid; exit 1
INNER
chmod +x "$dir/check.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$dir/check.sh"
