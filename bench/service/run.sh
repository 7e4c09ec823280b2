#!/usr/bin/env bash
# The service's figures: ticket POSTs over TLS with keep-alive from 8 clients (service_tickets.cpp).
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"
WIJKKIOSK_BIN_DIR="$BENCH_BIN" "$BENCH_BIN/bench_service_tickets" "$([ "$BENCH_QUICK" = 1 ] && echo 100 || echo 500)"
