#!/usr/bin/env bash
# The micro-benchmarks (bench_micro, Google Benchmark): QR texture, ESC/POS tickets, config parsing,
# manifest verification, Arabic shaping, and reports over a year of a city. Google Benchmark repeats every
# case itself; the median of the repetitions becomes the figure micro.<case> in ms (budgets.tsv).
# The city is seeded once through the store (bench_seed_city, under eatmydata) and kept in
# $BENCH_BIN/../bench-cache, keyed by the schema version and the city's size (not in bench-data, which the
# kiosk part empties on every run).
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

if [ "$BENCH_QUICK" = 1 ]; then
  LOCATIONS=3 REPETITIONS=2 MIN_TIME=0.05
else
  LOCATIONS=30 REPETITIONS=5 MIN_TIME=0.2
fi
DAYS=250 TICKETS=60  # Monday to Friday of 2026, 60 residents a day at each location
OUT=${BENCH_OUT:-$(mktemp -d /tmp/wijkkiosk-micro.XXXXXX)}

CACHE="$BENCH_BIN/../bench-cache"
mkdir -p "$CACHE"
CITY="$CACHE/city-year-v$("$BENCH_BIN/bench_seed_city" --schema)-${LOCATIONS}x${DAYS}x${TICKETS}.db"
if [ ! -f "$CITY" ]; then
  # A benchmark's input needs no fsync; eatmydata makes the seed minutes instead of hours.
  EATMYDATA=$(command -v eatmydata || true)
  [ -n "$EATMYDATA" ] || echo "bench: eatmydata is not installed; seeding the city with every fsync" >&2
  echo "bench: seeding the city once ($LOCATIONS locations x $DAYS days x $TICKETS tickets) -> $CITY"
  start=$SECONDS
  $EATMYDATA "$BENCH_BIN/bench_seed_city" "$CITY" "$LOCATIONS" "$DAYS" "$TICKETS"
  echo "bench: the city took $((SECONDS - start)) s to seed"
fi

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
CASES=$("$BENCH_BIN/bench_micro" --benchmark_list_tests=true --city_db="$CITY")
"$BENCH_BIN/bench_micro" --city_db="$CITY" --benchmark_repetitions="$REPETITIONS" \
  --benchmark_report_aggregates_only=true --benchmark_min_time="$MIN_TIME" \
  --benchmark_out="$OUT/micro.json" --benchmark_out_format=json

# Every listed case must have its median, and none may have skipped with an error: a figure from a case
# that did not do its work is worse than none.
/usr/bin/python3 - "$OUT/micro.json" $CASES > "$OUT/micro.figures" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
failed = [f"{b['name']}: {b.get('error_message', '?')}" for b in runs if b.get("error_occurred")]
medians = {b["run_name"]: b["real_time"] * to_ms[b["time_unit"]]
           for b in runs if b.get("aggregate_name") == "median" and not b.get("error_occurred")}
missing = [c for c in sys.argv[2:] if c not in medians]
if failed or missing:
    sys.exit("bench: micro cases failed: " + "; ".join(failed + [m + ": no median" for m in missing]))
for name in sys.argv[2:]:  # "escpos/ar/real_time" (wall clock, UseRealTime) -> micro.escpos.ar
    print("micro." + name.removesuffix("/real_time").replace("/", "."), "%.4f" % medians[name])
PY
while read -r name value; do fig "$name" "$value" ms; done < "$OUT/micro.figures"
# What the report figures ran over.
fig micro.report.city_tickets $((LOCATIONS * DAYS * TICKETS)) tickets
