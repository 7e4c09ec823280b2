#!/usr/bin/env bash
# The screens of the demo: the kiosk (windowed 1080x1920 scaled to fit, or fullscreen with
# KIOSK_FULLSCREEN=1), the waiting-room display and the counter, each in its own window. Without a display
# it starts Xvfb itself and says how to look at it.
set -euo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO="$ROOT/var/demo"
XVFB=""
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 50 99); do [ -e "/tmp/.X$n-lock" ] || break; done
  Xvfb ":$n" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  export DISPLAY=":$n"
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
  echo "demo: no display here, so the kiosk runs on a virtual one (Xvfb $DISPLAY)."
  echo "      Look at it with: DISPLAY=$DISPLAY import -window root kiosk.png"
  echo "      Tap with:        DISPLAY=$DISPLAY xdotool mousemove X Y click 1  (X, Y from var/demo/ui-tree.json)"
fi
[ -e /dev/snd ] || export SDL_AUDIODRIVER=dummy  # no sound card: show calls without sound, quietly
[ "${KIOSK_FULLSCREEN:-0}" = 1 ] || export KIOSK_WINDOWED=${KIOSK_WINDOWED:-1080x1920}
echo "demo: the kiosk, the display and the counter open now. The kiosk has no quit key: press Ctrl-C here to stop the demo."
"$ROOT/$BUILD/bin/wijkkiosk" --role kiosk --config "$DEMO/kiosk.toml" --ui-tree "$DEMO/ui-tree.json" &
KIOSK=$!
# The waiting-room display and the counter, each in a window of its own.
KIOSK_WINDOWED=1920x1080 "$ROOT/$BUILD/bin/wijkkiosk" --role display --config "$DEMO/display.toml" \
  --ui-tree "$DEMO/display-tree.json" &
DISPLAY_APP=$!
COUNTER_WINDOW=1280x800 "$ROOT/$BUILD/bin/wijkkiosk" --role counter --config "$DEMO/counter.toml" \
  --ui-tree "$DEMO/counter-tree.json" &
COUNTER=$!
stop() {
  kill "$KIOSK" "$DISPLAY_APP" "$COUNTER" 2>/dev/null || true
  wait "$KIOSK" "$DISPLAY_APP" "$COUNTER" 2>/dev/null || true
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true
}
trap stop EXIT INT TERM
wait "$KIOSK"
