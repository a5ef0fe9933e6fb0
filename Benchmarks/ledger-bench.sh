#!/bin/sh
# Runs the LedgerAppend benchmarks (ordo-one/benchmark) in the Benchmarks package.
#   Benchmarks/ledger-bench.sh [benchmark options…]
set -eu
cd "$(dirname "$0")"
swift package --disable-sandbox --scratch-path "${BENCH_BUILD:-.build-bench}" \
    --allow-writing-to-package-directory benchmark --target LedgerAppend "$@"
