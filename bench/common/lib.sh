# Shared by the bench parts' run.sh (sourced). bench/run.sh exports:
#   BENCH_ROOT (source tree), BENCH_BIN (the Release build's bin/), BENCH_OUT (this run's results folder),
#   BENCH_RUN (1..BENCH_RUNS), BENCH_QUICK (1: fewer samples, for a developer's quick look)
# A part run by hand gets defaults: `bash bench/kiosk/run.sh` after `make bench` built build-bench.
BENCH_ROOT=${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BENCH_BIN=${BENCH_BIN:-$BENCH_ROOT/build-bench/bin}
BENCH_RUN=${BENCH_RUN:-1}
BENCH_QUICK=${BENCH_QUICK:-0}
export BENCH_ROOT BENCH_BIN BENCH_RUN BENCH_QUICK

# fig NAME VALUE UNIT: one line of the figures.tsv contract (bench/common/figures.hpp), also printed.
fig() {
  printf '  %-44s %12s %s\n' "$1" "$2" "$3"
  [ -n "${BENCH_OUT:-}" ] && printf '%s\t%s\t%s\t%s\n' "$BENCH_RUN" "$1" "$2" "$3" >> "$BENCH_OUT/figures.tsv"
  return 0
}

# wait_for CMD...: until CMD succeeds, up to 20 s (a condition, never a fixed sleep for correctness).
wait_for() {
  local i
  for i in $(seq 400); do "$@" && return 0; sleep 0.05; done
  echo "bench: gave up waiting for: $*" >&2
  return 1
}

# start_xvfb: a private 1080x1920 X server; sets XVFB (pid) and DISPLAY.
start_xvfb() {
  local n
  for n in $(seq 150 199); do [ -e "/tmp/.X$n-lock" ] || break; done
  Xvfb ":$n" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  wait_for test -e "/tmp/.X11-unix/X$n"
  export DISPLAY=":$n"
  # A kiosk's X server has long been up when the app starts: one client first, so start-up figures are
  # the app's and not Xvfb's own first-connection work.
  xdotool getdisplaygeometry >/dev/null 2>&1 || true
}
