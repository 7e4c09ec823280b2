#!/bin/bash
# `make fuzz`: every fuzz target for long (FUZZ_SECONDS each, 600 by default), FUZZ_JOBS at a time (one per
# core by default), each on its corpus kept in BUILD/fuzz-corpus/NAME (seeded from tests/fuzz/corpus/NAME,
# and growing from run to run). FUZZ_TARGETS="a b" runs only those. Findings go to BUILD/fuzz-findings/NAME/,
# logs to BUILD/fuzz-logs/; each target's last result is kept in BUILD/fuzz-results/NAME, and all of them
# (with when each ran) are written to BUILD/fuzz-summary.txt and printed as a table.
set -uo pipefail
build=${1:-build} seconds=${2:-600}
jobs=${FUZZ_JOBS:-$(nproc)}
here=$(cd "$(dirname "$0")" && pwd)
summary="$build/fuzz-summary.txt"
mkdir -p "$build/fuzz-corpus" "$build/fuzz-logs" "$build/fuzz-findings" "$build/fuzz-results"
all=$(sed -n '/^set(WIJKKIOSK_FUZZ_TARGETS/,/)/p' "$here/../../cmake/FuzzTargets.cmake" | tr -d '()' |
  sed 's/set//; s/WIJKKIOSK_FUZZ_TARGETS//')
targets=${FUZZ_TARGETS:-$all}

# One target: its line (target, executions, exec/s, corpus size, seconds, result, when) in fuzz-results.
fuzz_one() {
  local t=$1
  local fuzzer="$build/fuzz/bin/fuzz_$t" corpus="$build/fuzz-corpus/$t" findings="$build/fuzz-findings/$t"
  local log="$build/fuzz-logs/$t.log"
  mkdir -p "$corpus" "$findings"
  cp -Rn "$here/corpus/$t/." "$corpus/"
  local dict
  dict=$(sed -n "s/^set(WIJKKIOSK_FUZZ_DICT_$t \(.*\))/\1/p" "$here/../../cmake/FuzzTargets.cmake")
  local args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1
    -artifact_prefix="$findings/")
  [ -n "$dict" ] && args+=(-dict="$here/dict/$dict.dict")
  echo "fuzz_$t: ${seconds}s" >&2
  "$fuzzer" "${args[@]}" "$corpus" >"$log" 2>&1
  local status=$?
  # libFuzzer's last word: "stat::number_of_executed_units: N", or else the "#N DONE" line.
  local execs per_s result=ok
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  [ -z "$execs" ] && execs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n1)
  per_s=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  [ "$status" -ne 0 ] && result="FAILED(see-$log)"
  printf '%-18s %14s %10s %8s %8s %s %s\n' "$t" "${execs:-?}" "${per_s:-?}" "$(ls "$corpus" | wc -l)" \
    "$seconds" "$result" "$(date -u +%Y-%m-%dT%H:%MZ)" >"$build/fuzz-results/$t"
  [ "$status" -eq 0 ]
}

failed=0
running=0
for t in $targets; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  fuzz_one "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done

printf '%-18s %14s %10s %8s %8s %s %s\n' target executions exec/s corpus seconds result ran >"$summary"
for t in $all; do
  [ -f "$build/fuzz-results/$t" ] && cat "$build/fuzz-results/$t" >>"$summary"
done
echo
cat "$summary"
exit $failed
