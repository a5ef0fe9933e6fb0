#!/usr/bin/env bash
# Streaming check for `fundwatch ingest`: builds a CSV export of about SIZE_GB gigabytes (the
# simulated HRSS contributions export, its rows repeated under one header) and reports the peak
# resident set (GNU time's maximum RSS) of `fundwatch ingest --dry-run` reading it, beside its
# throughput. The aim is < 300 MB whatever the file size. Too slow for the test suite.
#
#   Benchmarks/ingest-stream-bench.sh [SIZE_GB] [PERSONS]
#
# The file goes under Benchmarks/.peers/stream (git-ignored) and is removed afterwards unless
# KEEP=1. SCRATCH=.build-x picks the SwiftPM scratch path;
# FUNDWATCH_BIN=PATH takes a release `fundwatch` already built (no `swift build`); DEP=DIR takes
# the contributions export of an earlier `simulate --format departments` (outside the work folder).
set -euo pipefail
cd "$(dirname "$0")/.."
size_gb=${1:-2}
persons=${2:-100000}
work=${BENCH_DIR:-Benchmarks/.peers/stream}
scratch=${SCRATCH:-.build}

if [ -n "${FUNDWATCH_BIN:-}" ]; then
    bin=$FUNDWATCH_BIN
else
    swift build -c release --product fundwatch --scratch-path "$scratch" >/dev/null
    bin=$scratch/release/fundwatch
fi
rm -rf "$work" && mkdir -p "$work"
if [ -n "${DEP:-}" ]; then
    dep=$DEP
else
    $bin simulate --persons "$persons" --seed 7 --format departments --out "$work/dep" --quiet
    dep=$work/dep
fi
source=$dep/hrss_contributions.csv
spec=$dep/specs/hrss_contributions.yaml
big=$work/hrss_contributions.csv
target=$(python3 -c "print(int($size_gb * 1e9))")
cp "$source" "$big"
tail -n +2 "$source" > "$work/rows.csv"
while [ "$(stat -c %s "$big")" -lt "$target" ]; do cat "$work/rows.csv" >> "$big"; done
rm "$work/rows.csv"
bytes=$(stat -c %s "$big")

status=0
/usr/bin/time -f '%M %e %U %S' -o "$work/time.txt" \
    $bin ingest --dry-run --spec "$spec" "$big" --report "$work/report.json" >/dev/null 2>&1 || status=$?
[ "$status" = 0 ] || [ "$status" = 3 ] || { echo "fundwatch ingest failed ($status)"; exit 1; }
# The last line: GNU time puts "Command exited with non-zero status N" before it.
read -r rss_kb wall user sys < <(tail -n 1 "$work/time.txt")
python3 - "$bytes" "$rss_kb" "$wall" "$user" "$sys" "$work/report.json" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
size, rss_kb, wall, user, sys_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
f = json.load(open(sys.argv[6]))["files"][0]
print(f"file: {size / 1e9:.2f} GB, {f['rows_read']:,} rows (accepted {f['accepted']:,}, rejected {f['rejected']:,}); load average {sys.argv[7]}")
print(f"fundwatch ingest --dry-run: peak RSS {rss_kb / 1024:.0f} MB; {wall:.1f} s wall, {size / 1e6 / wall:.1f} MB/s; user {user:.1f} s, system {sys_s:.1f} s, {size / 1e6 / (user + sys_s):.1f} MB per CPU-second")
PY
uptime
[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
