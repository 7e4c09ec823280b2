#!/usr/bin/env bash
# After a failed `make test`: what each failed test said, again at the very end, where a CI log that keeps
# only its tail still shows it. The lines that say why (gtest's failures, a spec's "FAIL"), at most 12 per
# test; the whole output stays in BUILD/Testing/Temporary/LastTest.log.
#   tests/print_failures.sh BUILD
build=${1:-build}
dir="$build/Testing/Temporary"
[ -s "$dir/LastTestsFailed.log" ] || exit 0
echo "---- why the failed tests failed (whole output: $dir/LastTest.log) ----"
while IFS=: read -r _ name; do
  # (ctest keeps LastTestsFailed.log from an earlier run when this one passed: only sections that failed.)
  awk -v t="$name" '
    function flush() { if (inside && !passed) { print "* " t; for (i = 1; i <= n && i <= 12; i++) print "    " why[i] } }
    $0 ~ "^[0-9]+/[0-9]+ Testing: " { flush(); inside = (substr($0, index($0, ": ") + 2) == t); passed = 0; n = 0; next }
    inside && /^Test Passed\./ { passed = 1 }
    inside && /Failure|FAIL|[Ee]rror|[Tt]imed out|Timeout|Expected|Which is|Value of|Actual/ { why[++n] = substr($0, 1, 300) }
    END { flush() }
  ' "$dir/LastTest.log"
done < "$dir/LastTestsFailed.log"
