#!/usr/bin/env bash
# The screens of the demo: the kiosk (windowed 1080x1920 scaled to fit, or fullscreen with
# KIOSK_FULLSCREEN=1). Without a display it starts Xvfb itself and says how to look at it.
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
[ "${KIOSK_FULLSCREEN:-0}" = 1 ] || export KIOSK_WINDOWED=${KIOSK_WINDOWED:-1080x1920}
echo "demo: the kiosk opens now. It has no quit key (it is a kiosk): press Ctrl-C here to stop the demo."
"$ROOT/$BUILD/bin/wijkkiosk" --role kiosk --config "$DEMO/kiosk.toml" --ui-tree "$DEMO/ui-tree.json" &
KIOSK=$!
stop() { kill "$KIOSK" 2>/dev/null || true; wait "$KIOSK" 2>/dev/null || true; [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true; }
trap stop EXIT INT TERM
wait "$KIOSK"
