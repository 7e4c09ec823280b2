#!/bin/bash
# One fuzz target for a short, repeatable run, as a test: run_fuzzer.sh FUZZER CORPUS SECONDS [DICT].
# It works on a copy of the corpus in a temporary directory, so the repository is never written, with a
# fixed seed. Any crash, leak, timeout or undefined behaviour fails it; the input that did it is printed
# (base64) so it can be replayed: base64 -d > crash; FUZZER crash.
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3 dict=${4:-}
[ -x "$fuzzer" ] || { echo "no fuzz target at $fuzzer: was build/fuzz built (make build)?" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/found"
cp -R "$corpus/." "$work/corpus/"
args=(-max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1
  -artifact_prefix="$work/found/")
[ -n "$dict" ] && args+=(-dict="$dict")
status=0
"$fuzzer" "${args[@]}" "$work/corpus" >"$work/log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$work/log" || true
if [ "$status" -ne 0 ]; then
  tail -n 60 "$work/log"
  for f in "$work"/found/*; do
    [ -e "$f" ] && { echo "input $(basename "$f") (base64):"; base64 -w0 "$f"; echo; }
  done
  exit "$status"
fi
