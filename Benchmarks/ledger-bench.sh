#!/bin/sh
# Runs the LedgerAppend benchmarks. SwiftPM names a path dependency after its folder,
# and Benchmarks/Package.swift refers to the main package as "FundWatch", so the
# checkout is copied to a folder of that name first (worktrees have other names).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${LEDGER_BENCH_WORK:-/tmp/fundwatch-bench}
rm -rf "$work/FundWatch" && mkdir -p "$work/FundWatch"
(cd "$here" && tar --exclude='./.build*' --exclude='./.git' --exclude='./Benchmarks/.build*' -cf - .) | (cd "$work/FundWatch" && tar xf -)
cd "$work/FundWatch/Benchmarks"
swift package --disable-sandbox --scratch-path "$work/build" --allow-writing-to-directory "$work" \
    --allow-writing-to-package-directory benchmark --target LedgerAppend "$@"
