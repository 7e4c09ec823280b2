#!/usr/bin/env bash
# Kiosk figures on this machine, printed, never asserted: time to first frame, RSS, CPU while idle, and
# tap -> ticket (bench/tap_to_ticket.cpp); then the service's tickets per second (bench/service_tickets.cpp).
# Runs the real wijkqueue and the real kiosk (software renderer) on a private Xvfb 1080x1920.
set -euo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/bin"
IDLE_S=${IDLE_S:-30}
W=$(mktemp -d /tmp/wijkkiosk-bench.XXXXXX)
cleanup() { kill "${KIOSK:-}" "${SERVICE:-}" "${XVFB:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

"$BIN/wijkqueue" init --dir "$W/svc" > "$W/admin.token" 2>/dev/null
"$BIN/wijkqueue" location add --dir "$W/svc" --id demo --name "Bench" 2>/dev/null
"$BIN/wijkqueue" location set-config --dir "$W/svc" --id demo --file "$ROOT/assets/locations/demo.toml" 2>/dev/null
(umask 077; "$BIN/wijkqueue" device add --dir "$W/svc" --role kiosk --location demo > "$W/kiosk.token" 2>/dev/null)
"$BIN/wijkqueue" serve --dir "$W/svc" --port 0 --port-file "$W/port" 2>/dev/null &
SERVICE=$!
for _ in $(seq 100); do [ -s "$W/port" ] && break; sleep 0.05; done
cat > "$W/kiosk.toml" <<TOML
role = "kiosk"
location = "demo"
data_dir = "data"
location_config = "$ROOT/assets/locations/demo.toml"
[service]
url = "https://localhost:$(cat "$W/port")"
ca_file = "svc/ca.pem"
token_file = "kiosk.token"
TOML

for n in $(seq 150 199); do [ -e "/tmp/.X$n-lock" ] || break; done
Xvfb ":$n" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
# A kiosk's X server has long been up when the app starts: one client first, so the figure is the app's
# start and not Xvfb's own first-connection work.
DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1 || true

DISPLAY=":$n" "$BIN/wijkkiosk" --role kiosk --config "$W/kiosk.toml" --ui-tree "$W/tree.json" 2> "$W/kiosk.err" &
KIOSK=$!
for _ in $(seq 100); do grep -q "first frame" "$W/kiosk.err" && break; sleep 0.05; done
sleep 2  # let the first heartbeat and any start-up work settle before measuring idle
ticks() { awk '{print $14 + $15}' "/proc/$KIOSK/stat"; }
HZ=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s.%N)
sleep "$IDLE_S"
t1=$(ticks); s1=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$KIOSK/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$KIOSK/status")

echo "wijkkiosk kiosk on Xvfb 1080x1920, software renderer, $(nproc) cores"
grep "first frame" "$W/kiosk.err" | sed 's/^wijkkiosk: /  /'
echo "  RSS now $((rss / 1024)) MiB, peak $((hwm / 1024)) MiB (budget 60 MB)"
awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v s0="$s0" -v s1="$s1" 'BEGIN {
  cpu = (b - a) / hz; wall = s1 - s0;
  printf "  idle CPU over %.0f s: %.3f s of CPU = %.3f %% of one core (budget ~0 %%)\n", wall, cpu, 100 * cpu / wall }'

# Issue 15's memory budget: PSS (this process's share of every page it maps) with each script's glyphs
# loaded as a resident chooses its language: Arabic, then Tigrinya, after the idle Dutch welcome screen.
pss() { awk '/^Pss:/ {print int($2 / 1024)}' "/proc/$KIOSK/smaps_rollup"; }
on_screen() { for _ in $(seq 200); do grep -q "\"screen\": \"$1\"" "$W/tree.json" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
tap() {  # the centre of a UI-tree element, as a finger would tap it
  local r
  r=$(awk -v id="\"id\": \"$1\"" 'index($0, id) {f = 1} f && /"h":/ {h = $2 + 0} f && /"w":/ {w = $2 + 0}
      f && /"x":/ {x = $2 + 0} f && /"y":/ {y = $2 + 0; print int(x + w / 2), int(y + h / 2); exit}' "$W/tree.json")
  [ -n "$r" ] && DISPLAY=":$n" xdotool mousemove $r click 1
}
pss_nl=$(pss)
tap "language:ar" && on_screen topics && sleep 1 && pss_ar=$(pss)
tap "start-over" && on_screen welcome && tap "language:ti" && on_screen topics && sleep 1 && pss_ti=$(pss)
tap "start-over" && on_screen welcome && sleep 1
echo "  PSS welcome (nl) ${pss_nl} MiB, topics in Arabic ${pss_ar:-?} MiB, in Tigrinya ${pss_ti:-?} MiB, back at welcome $(pss) MiB (budget 40 MB)"

# Tap -> ticket through the kiosk's shell, with the outbox on the build tree's disk (not a tmpfs).
"$BIN/bench_tap_to_ticket" "$ROOT/$BUILD/bench-data" 1000

# The service: ticket POSTs over TLS with keep-alive from 8 clients, SQLite and PostgreSQL (one instance and
# three), each on a server of its own made for the run (bench/service_tickets.cpp).
echo
WIJKKIOSK_BIN_DIR="$BIN" "$BIN/bench_service_tickets" 500
