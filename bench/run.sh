#!/usr/bin/env bash
# `make bench`: every benchmark part, BENCH_RUNS times (default 3) interleaved so the shared machine's
# drift hits every part alike, then one table (bench_table) of the medians against the budgets and the
# peers measured in the same run, printed and written to bench/results/latest.md.
#   bench/run.sh [BUILD_DIR]        BENCH_RUNS=n; BENCH_QUICK=1 for a quick look (1 run, fewer samples)
# Each part is bench/<part>/run.sh; it records figures (bench/common/lib.sh, figures.hpp). A part that
# fails is reported and the others still run; the table says which figures are missing.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-bench}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
export BENCH_ROOT="$ROOT" BENCH_BIN="$BUILD/bin" BENCH_QUICK=${BENCH_QUICK:-0}
RUNS=${BENCH_RUNS:-3}
[ "$BENCH_QUICK" = 1 ] && RUNS=1
export BENCH_OUT="$BUILD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_OUT"
: > "$BENCH_OUT/figures.tsv"

{
  echo "date (UTC)   $(date -u '+%Y-%m-%d %H:%M')"
  echo "git          $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with changes)')"
  echo "cpu          $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "memory       $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel       $(uname -r), glibc $(getconf GNU_LIBC_VERSION | cut -d' ' -f2)"
  echo "disk         $(stat -f -c %T "${TMPDIR:-/tmp}") for the temp dirs, $(stat -f -c %T "$BUILD") for the build"
  echo "load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs         $RUNS$([ "$BENCH_QUICK" = 1 ] && echo ' (BENCH_QUICK: fewer samples, not for the record)')"
  echo "chromium     $(chromium --version 2>/dev/null | head -1)"
  echo "sqlite       $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
  echo "postgresql   $(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
} > "$BENCH_OUT/machine.txt"

PARTS=()
for part in kiosk peer service; do [ -f "$ROOT/bench/$part/run.sh" ] && PARTS+=("$part"); done
failed=()
run_part() {  # PART RUN
  local start=$SECONDS
  echo "bench: $1, run $2 of $RUNS"
  if BENCH_RUN=$2 bash "$ROOT/bench/$1/run.sh" > "$BENCH_OUT/$1-$2.log" 2>&1; then
    grep -E '^  [a-z]' "$BENCH_OUT/$1-$2.log" || true
  else
    failed+=("$1 (run $2)")
    echo "bench: $1 failed in run $2; the end of its log ($BENCH_OUT/$1-$2.log):"
    tail -15 "$BENCH_OUT/$1-$2.log" | sed 's/^/    /'
  fi
  echo "bench: $1 took $((SECONDS - start)) s"
}
for r in $(seq "$RUNS"); do
  for part in "${PARTS[@]}"; do run_part "$part" "$r"; done
done
# Google Benchmark repeats its cases itself: one run.
[ -f "$ROOT/bench/micro/run.sh" ] && run_part micro 1
echo "load at end  $(cut -d' ' -f1-3 /proc/loadavg)" >> "$BENCH_OUT/machine.txt"

echo
mkdir -p "$ROOT/bench/results"
"$BENCH_BIN/bench_table" "$BENCH_OUT/figures.tsv" "$BENCH_OUT/machine.txt" "$ROOT/bench/results/latest.md" \
  "$ROOT"/bench/*/budgets.tsv
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: these parts failed: ${failed[*]} (logs in $BENCH_OUT)"
  exit 1
fi
