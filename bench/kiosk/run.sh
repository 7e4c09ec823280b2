#!/usr/bin/env bash
# The kiosk's figures: the real app (software renderer) on a private Xvfb 1080x1920, driven through XTest
# against the real wijkqueue behind a fault proxy (bench_kiosk, kiosk_bench.cpp: start-up, idle CPU, tap ->
# glass with the service up, down and slow, PSS, frame times, the heap over a soak in run 1); then
# tap -> durable ticket through the kiosk's shell without a screen (tap_to_ticket.cpp). Budgets: budgets.tsv.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

"$BENCH_BIN/bench_kiosk"

# Tap -> ticket through the kiosk's shell, with the outbox on the build tree's disk (not a tmpfs).
"$BENCH_BIN/bench_tap_to_ticket" "$BENCH_BIN/../bench-data" "$([ "$BENCH_QUICK" = 1 ] && echo 200 || echo 1000)"
