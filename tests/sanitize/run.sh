#!/usr/bin/env bash
# `make sanitize` (issue 19): the whole suite under ASan+UBSan, then the threaded parts under TSan, each in
# a build folder of its own. The real wijkqueue and the real app the tests start are instrumented too, so
# a finding in a child process fails its test. Prints one line per run and keeps the logs:
#   build-asan/sanitize.log, build-tsan/sanitize.log, and the one-line results in build-sanitize/summary.txt
#
#   tests/sanitize/run.sh [asan|tsan|both]   (JOBS=n for the build and ctest's parallelism)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WHICH=${1:-both}
JOBS=${JOBS:-$(nproc)}
SUMMARY="$ROOT/build-sanitize/summary.txt"
mkdir -p "$ROOT/build-sanitize"
SUPP="$ROOT/tests/sanitize"
LAUNCHER=$(command -v ccache || true)  # a rerun recompiles only what changed
: > "$SUMMARY"

# halt_on_error: a finding ends the process with an error, so the test that started it fails.
# verify_asan_link_order=0: the faked-date tests preload libfaketime ahead of ASan's runtime; it only wraps
# the clock calls, which ASan does not intercept, so the order does no harm there.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:verify_asan_link_order=0"
export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp"

run() {  # NAME SANITIZERS "BUILD TARGETS" CTEST_ARGS...   (no targets: all)
  local name=$1 flags=$2 targets=$3; shift 3
  local dir="$ROOT/build-$name" start=$SECONDS
  # The fuzz targets are left out: libFuzzer builds them with ASan+UBSan of its own (`make fuzz`).
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIJKKIOSK_SANITIZE="$flags" -DWIJKKIOSK_FUZZ=OFF \
    ${LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$LAUNCHER -DCMAKE_C_COMPILER_LAUNCHER=$LAUNCHER} >/dev/null || return 1
  cmake --build "$dir" -j"$JOBS" ${targets:+--target $targets} > "$dir/build.log" 2>&1 || { tail -30 "$dir/build.log"; return 1; }
  local built=$((SECONDS - start))
  ctest --test-dir "$dir" -j"$JOBS" --timeout 1800 --output-on-failure "$@" > "$dir/sanitize.log" 2>&1
  local rc=$?
  local line
  line=$(grep -E "tests passed, [0-9]+ tests failed" "$dir/sanitize.log" | tail -1)
  echo "$name ($flags): ${line:-no ctest summary} (build ${built} s, tests $((SECONDS - start - built)) s)" | tee -a "$SUMMARY"
  grep -E "^ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$dir/sanitize.log" \
    | sort | uniq -c | sort -rn | head -20 | tee -a "$SUMMARY"
  return $rc
}

rc=0
if [ "$WHICH" = asan ] || [ "$WHICH" = both ]; then
  run asan address,undefined "" || rc=1
fi
if [ "$WHICH" = tsan ] || [ "$WHICH" = both ]; then
  # The threaded parts: the workers and the kiosk's runtime (net, app), the service, and the store the
  # workers share.
  run tsan thread "net_test service_test app_test store_test city_test wijkqueue wijkkiosk" \
    -L '^(net|service|app|store|city)$' || rc=1
fi
exit $rc
