#!/bin/bash
# `make fuzz`: every fuzz target for long (FUZZ_SECONDS each, 600 by default), one after the other, each
# on its corpus kept in BUILD/fuzz-corpus/NAME (seeded from tests/fuzz/corpus/NAME, and growing from run
# to run). Findings go to BUILD/fuzz-findings/NAME/, logs to BUILD/fuzz-logs/; the executions per target
# are written to BUILD/fuzz-summary.txt and printed as a table.
set -uo pipefail
build=${1:-build} seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
summary="$build/fuzz-summary.txt"
mkdir -p "$build/fuzz-corpus" "$build/fuzz-logs" "$build/fuzz-findings"
targets=$(sed -n '/^set(WIJKKIOSK_FUZZ_TARGETS/,/)/p' "$here/../../cmake/FuzzTargets.cmake" | tr -d '()' |
  sed 's/set//; s/WIJKKIOSK_FUZZ_TARGETS//')
failed=0
printf '%-18s %14s %10s %8s %s\n' target executions exec/s corpus result >"$summary"
for t in $targets; do
  fuzzer="$build/fuzz/bin/fuzz_$t"
  corpus="$build/fuzz-corpus/$t"
  findings="$build/fuzz-findings/$t"
  log="$build/fuzz-logs/$t.log"
  mkdir -p "$corpus" "$findings"
  cp -Rn "$here/corpus/$t/." "$corpus/"
  dict=$(sed -n "s/^set(WIJKKIOSK_FUZZ_DICT_$t \(.*\))/\1/p" "$here/../../cmake/FuzzTargets.cmake")
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1
    -artifact_prefix="$findings/")
  [ -n "$dict" ] && args+=(-dict="$here/dict/$dict.dict")
  echo "fuzz_$t: ${seconds}s" >&2
  "$fuzzer" "${args[@]}" "$corpus" >"$log" 2>&1
  status=$?
  # libFuzzer's last word: "stat::number_of_executed_units: N", or else the "#N DONE" line.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  [ -z "$execs" ] && execs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n1)
  per_s=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  result=ok
  [ "$status" -ne 0 ] && { result="FAILED (see $log)"; failed=1; }
  printf '%-18s %14s %10s %8s %s\n' "$t" "${execs:-?}" "${per_s:-?}" "$(ls "$corpus" | wc -l)" "$result" >>"$summary"
done
echo
cat "$summary"
exit $failed
