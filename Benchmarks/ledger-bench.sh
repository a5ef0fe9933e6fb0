#!/bin/sh
# Runs the LedgerAppend benchmarks (ordo-one/benchmark) in the Benchmarks package: every
# ledger figure of the README beside its peer from the same run (raw SHA-256 for in-memory
# append, the disk's overwrite+fdatasync floor for durable append), with the machine load
# before and after, since other builds may share the machine.
#   Benchmarks/ledger-bench.sh [benchmark options…]
# The 10-million-entry log for the proof benchmarks is built once (about a minute) in
# $LEDGER_BENCH_10M (default: $TMPDIR/fundwatch-ledger-bench-10m) and kept.
set -eu
cd "$(dirname "$0")"
echo "load before: $(uptime)"
swift package --disable-sandbox --scratch-path "${BENCH_BUILD:-.build-bench}" \
    --allow-writing-to-package-directory benchmark --target LedgerAppend --no-progress "$@"
echo "load after: $(uptime)"
