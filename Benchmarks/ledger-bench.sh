#!/bin/sh
# Runs the LedgerAppend benchmarks (ordo-one/benchmark) in the Benchmarks package: every
# ledger figure of the README beside its peer from the same run (raw SHA-256 for in-memory
# append, both through swift-crypto's API and the BoringSSL one-shot the tree calls; the
# disk's overwrite+fdatasync floor for durable append), with the machine load before and
# after, since other builds may share the machine. Durable append is measured twice: a
# checkpoint published at every commit (the default) and once a second
# (TransparencyLog.Configuration.checkpointInterval).
#   Benchmarks/ledger-bench.sh [benchmark options…]
#   LEDGER_BENCH_RUNS=3 Benchmarks/ledger-bench.sh   # repeat the whole run, load noted each time
# The durable logs live in Benchmarks/.build-bench-data, not /tmp: compilers churn /tmp, and
# ext4's inode allocator then scans recently deleted inodes on every file a commit creates
# (measured 2-3x slower commits there). The 10-million-entry log for the proof benchmarks is
# built once (a minute or two) in $LEDGER_BENCH_10M (default: /tmp/fundwatch-ledger-bench-10m-siblings;
# a log written before the node index's present layout gets its index rebuilt on first use).
set -eu
cd "$(dirname "$0")"
mkdir -p .build-bench-data
export LEDGER_BENCH_10M="${LEDGER_BENCH_10M:-/tmp/fundwatch-ledger-bench-10m-siblings}"
run=1
while [ "$run" -le "${LEDGER_BENCH_RUNS:-1}" ]; do
    echo "run $run, load before: $(uptime)"
    TMPDIR="$PWD/.build-bench-data" swift package --disable-sandbox --scratch-path "${BENCH_BUILD:-.build-bench}" \
        --allow-writing-to-package-directory benchmark --target LedgerAppend --no-progress "$@"
    echo "run $run, load after: $(uptime)"
    run=$((run + 1))
done
