#!/usr/bin/env bash
# The kiosk's figures, from the real app (software renderer) on a private Xvfb 1080x1920 with the real
# wijkqueue: time to first frame, RSS and PSS, CPU while idle; then tap -> durable ticket through the
# kiosk's shell (tap_to_ticket.cpp). Recorded as figures (bench/common/lib.sh), budgets in budgets.tsv.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"
IDLE_S=$([ "$BENCH_QUICK" = 1 ] && echo 10 || echo 60)
W=$(mktemp -d /tmp/wijkkiosk-bench.XXXXXX)
cleanup() { kill "${KIOSK:-}" "${SERVICE:-}" "${XVFB:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

"$BENCH_BIN/wijkqueue" init --dir "$W/svc" > "$W/admin.token" 2>/dev/null
"$BENCH_BIN/wijkqueue" location add --dir "$W/svc" --id demo --name "Bench" 2>/dev/null
"$BENCH_BIN/wijkqueue" location set-config --dir "$W/svc" --id demo --file "$BENCH_ROOT/assets/locations/demo.toml" 2>/dev/null
(umask 077; "$BENCH_BIN/wijkqueue" device add --dir "$W/svc" --role kiosk --location demo > "$W/kiosk.token" 2>/dev/null)
"$BENCH_BIN/wijkqueue" serve --dir "$W/svc" --port 0 --port-file "$W/port" 2>/dev/null &
SERVICE=$!
wait_for test -s "$W/port"
cat > "$W/kiosk.toml" <<TOML
role = "kiosk"
location = "demo"
data_dir = "data"
location_config = "$BENCH_ROOT/assets/locations/demo.toml"
[service]
url = "https://localhost:$(cat "$W/port")"
ca_file = "svc/ca.pem"
token_file = "kiosk.token"
TOML

start_xvfb
"$BENCH_BIN/wijkkiosk" --role kiosk --config "$W/kiosk.toml" --ui-tree "$W/tree.json" 2> "$W/kiosk.err" &
KIOSK=$!
wait_for grep -q "first frame" "$W/kiosk.err"
# "wijkkiosk: first frame after N ms (runtime M ms after start), RSS K KiB, ..." (app/kiosk_main.cpp)
fig kiosk.start.first_frame "$(sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' "$W/kiosk.err" | head -1)" ms
sleep 2  # let the first heartbeat and any start-up work settle before measuring idle
c0=$("$BENCH_BIN/bench_proc" cpu "$KIOSK"); s0=$(date +%s.%N)
sleep "$IDLE_S"
c1=$("$BENCH_BIN/bench_proc" cpu "$KIOSK"); s1=$(date +%s.%N)
fig kiosk.idle_cpu.welcome "$(awk -v a="$c0" -v b="$c1" -v s0="$s0" -v s1="$s1" 'BEGIN {printf "%.4f", 100 * (b - a) / (s1 - s0)}')" "% of a core"
fig kiosk.rss "$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$KIOSK/status")" MiB

# Issue 15's memory budget: PSS with each script's glyphs loaded as a resident chooses its language:
# Arabic, then Tigrinya, after the idle Dutch welcome screen.
pss() { "$BENCH_BIN/bench_proc" pss "$KIOSK" | awk '{printf "%.1f", $1 / 1024}'; }
on_screen() { wait_for grep -q "\"screen\": \"$1\"" "$W/tree.json"; }
tap() {  # the centre of a UI-tree element, as a finger would tap it
  local r
  r=$(awk -v id="\"id\": \"$1\"" 'index($0, id) {f = 1} f && /"h":/ {h = $2 + 0} f && /"w":/ {w = $2 + 0}
      f && /"x":/ {x = $2 + 0} f && /"y":/ {y = $2 + 0; print int(x + w / 2), int(y + h / 2); exit}' "$W/tree.json")
  [ -n "$r" ] && xdotool mousemove $r click 1
}
fig kiosk.pss.welcome "$(pss)" MiB
tap "language:ar" && on_screen topics && sleep 1 && fig kiosk.pss.arabic "$(pss)" MiB
tap "start-over" && on_screen welcome && tap "language:ti" && on_screen topics && sleep 1 && fig kiosk.pss.tigrinya "$(pss)" MiB

# Tap -> ticket through the kiosk's shell, with the outbox on the build tree's disk (not a tmpfs).
"$BENCH_BIN/bench_tap_to_ticket" "$BENCH_BIN/../bench-data" "$([ "$BENCH_QUICK" = 1 ] && echo 200 || echo 1000)"
