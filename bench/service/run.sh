#!/usr/bin/env bash
# The service's figures, each program on the real wijkqueue over TLS, made for the run:
#   service_tickets.cpp  tickets/s from 8 kiosks' connections, SQLite / PostgreSQL x1 / x3, and pgbench's
#                        raw insert rate on the same PostgreSQL cluster (raw.pg1.*)
#   raw_commit.cpp       SQLite's raw durable-commit rate, same schema, settings and disk (raw.sqlite.*)
#   fanout.cpp           one call reaching 1,000 waiting displays; the service's memory per display
#   status_page.cpp      residents' status page under a modelled city (wrk + tokens.lua)
#   outbox_drain.cpp     2,000 tickets queued offline reach the service after an outage, exactly once
# BENCH_QUICK=1: fewer tickets, displays and seconds, and a short outage. The full run takes about 6 min,
# 2 of them the outage (the service stays away 90 s so the kiosk's backoff reaches its 60 s cap).
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"
export WIJKKIOSK_BIN_DIR="$BENCH_BIN"
HERE="$BENCH_ROOT/bench/service"
if [ "$BENCH_QUICK" = 1 ]; then
  PER_CLIENT=100 PGBENCH_S=3 RAW_S=2 DISPLAYS=200 ROUNDS=2 LOCATIONS=5 WRK_S=5 DRAIN=300 OUTAGE_S=5
else
  PER_CLIENT=500 PGBENCH_S=10 RAW_S=5 DISPLAYS=1000 ROUNDS=5 LOCATIONS=30 WRK_S=20 DRAIN=2000 OUTAGE_S=90
fi

step() { echo "bench: service: $1 ($((SECONDS - START)) s so far)"; }
START=$SECONDS
step "raw commits"
# The same disk as the service's temp dirs (tests/support TempDir: $TMPDIR or /tmp).
"$BENCH_BIN/bench_service_raw_commit" "${TMPDIR:-/tmp}/bench-raw-commit.$$" "$RAW_S"
step "tickets over TLS"
"$BENCH_BIN/bench_service_tickets" "$PER_CLIENT" "$PGBENCH_S"
step "long-poll fan-out"
"$BENCH_BIN/bench_service_fanout" "$DISPLAYS" "$ROUNDS"
step "status page"
# The model (status_page.cpp): 30 locations x 150 waiting, each phone polling every 5 s = 900 req/s.
"$BENCH_BIN/bench_service_status_page" "$LOCATIONS" 150 "$WRK_S" "$HERE/tokens.lua"
step "outbox drain"
"$BENCH_BIN/bench_service_outbox_drain" "$DRAIN" "$OUTAGE_S"
step "done"
