#!/usr/bin/env bash
# The peer: Debian's Chromium in --kiosk mode showing the same topics screen as a static page (topics.html),
# on its own Xvfb 1080x1920, served from 127.0.0.1 by Python's http.server. Nothing is attached to the
# browser (no CDP, no automation flags): the page reports its first contentful paint and its ready time with
# one GET that the server logs. Figures (each run, fresh profile):
#   peer.chromium.first_paint  ms from exec to first-contentful-paint
#   peer.chromium.ready        ms from exec to load + fonts ready + two animation frames
#   peer.chromium.pss          MiB, PSS summed over every process of this browser, 10 s after ready
#   peer.chromium.idle_cpu     % of one core over 60 s (10 s with BENCH_QUICK), summed over the processes
#   peer.chromium.wakeups      voluntary context switches per second over the same window, summed
# BENCH_PEER_SHOT=FILE.png also saves a screenshot of the glass at the end (to check the page by eye).
set -euo pipefail
export LC_ALL=C  # EPOCHREALTIME and awk with a '.' decimal point
source "$(dirname "$0")/../common/lib.sh"
IDLE_S=$([ "$BENCH_QUICK" = 1 ] && echo 10 || echo 60)
PROC="$BENCH_BIN/bench_proc"
[ -x "$PROC" ] || { echo "peer: $PROC is missing (build the bench_all target)" >&2; exit 1; }
W=$(mktemp -d /tmp/wijkkiosk-peer.XXXXXX)
# HOME and the profile are fresh per run, and the unique HOME finds the browser's processes, also the crash
# handlers that fork away from the tree (their database is under HOME, not under the profile).
PROFILE="$W/home/profile"

alive() { local p; for p in "$@"; do [ -d "/proc/$p" ] && echo "$p"; done; return 0; }
# Every process of this browser: the launched pid's descendants and whatever names its HOME.
browser_set() { alive $("$PROC" tree "${CHROME:-0}" --match "$W/home/"); }
cleanup() {
  local rc=$? left
  if [ -n "${CHROME:-}" ]; then
    kill -TERM "$CHROME" 2>/dev/null || true
    for _ in $(seq 100); do [ -z "$(browser_set)" ] && break; sleep 0.05; done
    left=$(browser_set)
    [ -n "$left" ] && kill -KILL $left 2>/dev/null && sleep 0.2
    left=$(browser_set)
    if [ -n "$left" ]; then echo "peer: Chromium processes survived the run: $left" >&2; rc=1; fi
  fi
  kill "${SERVER:-}" "${XVFB:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$W"
  exit "$rc"
}
trap cleanup EXIT

# The site: the page and the pictogram SVGs, nothing else of the source tree.
mkdir -p "$W/site" "$W/home"
cp "$BENCH_ROOT/bench/peer/topics.html" "$W/site/"
ln -s "$BENCH_ROOT/assets/pictograms" "$W/site/pictograms"
/usr/bin/python3 -u -m http.server --bind 127.0.0.1 --directory "$W/site" 0 > "$W/server.out" 2> "$W/server.log" &
SERVER=$!
wait_for grep -q "port [1-9]" "$W/server.out"
PORT=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$W/server.out" | head -1)

start_xvfb
# /usr/bin/chromium is Debian's wrapper: it sources /etc/chromium.d and execs the browser (same pid), as a
# kiosk's autostart would. --no-sandbox because the benchmark runs as root; the rest stop background
# networking and first-run UI on a machine without a network.
( echo "$EPOCHREALTIME" > "$W/t0"
  exec env HOME="$W/home" DBUS_SESSION_BUS_ADDRESS=disabled: /usr/bin/chromium --kiosk --no-sandbox \
    --disable-gpu --ozone-platform=x11 --window-position=0,0 --window-size=1080,1920 \
    --force-device-scale-factor=1 --user-data-dir="$PROFILE" --no-first-run --no-default-browser-check \
    --disable-background-networking --disable-component-update --disable-sync --disable-quic \
    --disable-features=Translate,MediaRouter,OptimizationHints --password-store=basic --noerrdialogs \
    --disable-session-crashed-bubble "http://127.0.0.1:$PORT/topics.html" ) > "$W/chromium.log" 2>&1 &
CHROME=$!

# The page calls home once it is painted; a page that never paints fails the run (no figure at all).
painted() { grep -q 'GET /__painted?' "$W/server.log"; }
for _ in $(seq 1200); do painted && break; kill -0 "$CHROME" 2>/dev/null || break; sleep 0.05; done
if ! painted; then
  echo "peer: Chromium never reported the page painted within 60 s; its log:" >&2
  grep -v dbus "$W/chromium.log" | tail -20 >&2
  exit 1
fi
line=$(grep -m1 'GET /__painted?' "$W/server.log")
query() { sed -n "s/.*[?&]$1=\([^& ]*\).*/\1/p" <<< "$line"; }
images=$(query images)
if [ "${images%/*}" != "${images#*/}" ] || [ "${images#*/}" = 0 ]; then
  echo "peer: the page showed $images pictograms" >&2
  exit 1
fi
t0=$(cat "$W/t0")
fig peer.chromium.first_paint "$(awk -v t="$(query fcp)" -v t0="$t0" 'BEGIN {printf "%.1f", t - t0 * 1000}')" ms
fig peer.chromium.ready "$(awk -v t="$(query ready)" -v t0="$t0" 'BEGIN {printf "%.1f", t - t0 * 1000}')" ms

sleep 10  # what a browser holds once the screen has been up a while, not its start-up peak
pids=$(browser_set)
echo "peer: $(wc -w <<< "$pids") processes:" \
  $(for p in $pids; do grep -ao -- '--type=[a-z-]*' "/proc/$p/cmdline" | cut -c8- | grep . || basename "$(readlink "/proc/$p/exe")"; done | sort | uniq -c | awk '{printf "%s %s,", $1, $2}')
fig peer.chromium.pss "$("$PROC" pss $pids | awk '{printf "%.1f", $1 / 1024}')" MiB

# Idle: per process, so one that ends in the window is left out instead of making the sum go down.
declare -A cpu0 wake0
for p in $pids; do cpu0[$p]=$("$PROC" cpu "$p"); wake0[$p]=$("$PROC" wakeups "$p"); done
s0=$EPOCHREALTIME
sleep "$IDLE_S"
s1=$EPOCHREALTIME
cpu=0 wake=0
for p in $pids; do
  [ -d "/proc/$p" ] || { echo "peer: process $p ended during the idle window (left out)"; continue; }
  cpu=$(awk -v s="$cpu" -v a="${cpu0[$p]}" -v b="$("$PROC" cpu "$p")" 'BEGIN {printf "%.3f", s + b - a}')
  wake=$((wake + $("$PROC" wakeups "$p") - wake0[$p]))
done
new=$(comm -13 <(tr ' ' '\n' <<< "$pids" | sort) <(browser_set | sort))
[ -n "$new" ] && echo "peer: processes started during the idle window (not counted):" $new
fig peer.chromium.idle_cpu "$(awk -v c="$cpu" -v s0="$s0" -v s1="$s1" 'BEGIN {printf "%.4f", 100 * c / (s1 - s0)}')" "% of a core"
fig peer.chromium.wakeups "$(awk -v n="$wake" -v s0="$s0" -v s1="$s1" 'BEGIN {printf "%.1f", n / (s1 - s0)}')" /s

if [ -n "${BENCH_PEER_SHOT:-}" ]; then import -window root "$BENCH_PEER_SHOT"; fi
