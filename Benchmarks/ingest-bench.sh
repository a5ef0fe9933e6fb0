#!/usr/bin/env bash
# CSV ingestion benchmark: MB/s of `fundwatch ingest --dry-run` (parse + map + clean + validate, plus
# the file's SHA-256 and the quality report) on the simulated HRSS contributions export, beside DuckDB
# `read_csv` with the equivalent cleaning SQL and pandas on the same file, in the same run; then the
# same ingest writing the batch into a fresh SQLite data folder (parse … validate + write), apart.
#
#   Benchmarks/ingest-bench.sh [PERSONS] [SEED]
#
# FundWatch is timed as a whole process (start-up included); the peers from after their imports
# (Benchmarks/ingest_peer.py), which favours the peers. Each prints its accepted and rejected rows,
# which should agree. Installs duckdb and pandas from PyPI into Benchmarks/.venv (git-ignored) on
# first use. Every figure comes with its CPU seconds (user + system): on a loaded machine the CPU
# ratio is the one to compare.
#
#   SCRATCH=.build-x    the SwiftPM scratch path of the release build (default .build)
#   FUNDWATCH_BIN=PATH  a release `fundwatch` already built: no `swift build`
#   HARNESS=PATH        also time the pipeline harness (Benchmarks/ingest-pipeline-harness.sh's
#                       binary: what the dry run does, without SHA-256 and command line) on the
#                       same file, best of 5, beside the peers
#   DEP=DIR             the export folder of an earlier `fundwatch simulate --format departments`
#                       instead of simulating (outside the work folder, which is emptied); with HARNESS and no FUNDWATCH_BIN, fundwatch is
#                       neither built nor timed (the harness and the peers alone)
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/ingest}
scratch=${SCRATCH:-.build}
harness=${HARNESS:-}
python=Benchmarks/.venv/bin/python
if ! "$python" -c 'import duckdb, pandas' 2>/dev/null; then
    [ -x "$python" ] || python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q duckdb pandas
fi

bin=""
if [ -n "${FUNDWATCH_BIN:-}" ]; then
    bin=$FUNDWATCH_BIN
elif [ -z "${DEP:-}" ] || [ -z "$harness" ]; then
    swift build -c release --product fundwatch --scratch-path "$scratch" >/dev/null
    bin=$scratch/release/fundwatch
fi
rm -rf "$work" && mkdir -p "$work"
if [ -n "${DEP:-}" ]; then
    dep=$DEP
else
    $bin simulate --persons "$persons" --seed "$seed" --format departments --out "$work/dep" --quiet
    dep=$work/dep
fi
file=$dep/hrss_contributions.csv
spec=$dep/specs/hrss_contributions.yaml
bytes=$(stat -c %s "$file")
today=$(date -u +%F)
cat "$file" >/dev/null  # every reader starts from the page cache

now() { python3 -c 'import time; print(time.monotonic())'; }
# best_of N OUT CMD…: runs CMD N times; OUT gets "wall cpu rss_kb" of the fastest run.
best_of() {
    local n=$1 out=$2
    shift 2
    local best="" start end status user sys rss
    for _ in $(seq 1 "$n"); do
        start=$(now)
        status=0
        /usr/bin/time -f '%U %S %M' -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>/dev/null || status=$?
        end=$(now)
        [ "$status" = 0 ] || [ "$status" = 3 ] || { echo "$1 failed ($status)"; exit 1; }
        # The last line: GNU time puts "Command exited with non-zero status N" before it.
        read -r user sys rss < <(tail -n 1 "$work/time.txt")
        best=$(python3 -c "b='$best'.split(); t=$end-$start; print(b[0], b[1], b[2]) if b and float(b[0]) <= t else print(t, $user+$sys, $rss)")
    done
    echo "$best" > "$out"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
fw="-"; fw_counts="-"; wbest="-"; hs="-"; h_counts="-"
if [ -n "$bin" ]; then
    best_of 5 "$work/fw.txt" $bin ingest --dry-run --spec "$spec" "$file" --report "$work/report.json"
    fw=$(cat "$work/fw.txt")
    fw_counts=$(python3 -c "import json; f=json.load(open('$work/report.json'))['files'][0]; print(f['accepted'], f['rejected'])")
fi
if [ -n "$harness" ]; then
    best_of 5 "$work/harness.txt" "$harness" "$spec" "$file"
    hs=$(cat "$work/harness.txt")
    h_counts=$(sed -n 's/^rows [0-9]*, accepted \([0-9]*\), rejected \([0-9]*\),.*/\1 \2/p' "$work/stdout.txt")
fi
duck=$("$python" Benchmarks/ingest_peer.py duckdb "$file" "$today")
duck2=$("$python" Benchmarks/ingest_peer.py duckdb "$file" "$today")
pand=$("$python" Benchmarks/ingest_peer.py pandas "$file" "$today")
pand2=$("$python" Benchmarks/ingest_peer.py pandas "$file" "$today")
if [ -n "$bin" ]; then
    wbest=""
    for run in 1 2; do
        rm -rf "$work/data"
        start=$(now)
        status=0
        $bin ingest --spec "$spec" "$file" --data "$work/data" >/dev/null 2>&1 || status=$?
        end=$(now)
        [ "$status" = 0 ] || [ "$status" = 3 ] || { echo "fundwatch ingest (write) failed ($status)"; exit 1; }
        wbest=$(python3 -c "b='$wbest'; t=$end-$start; print(t if not b or t < float(b) else b)")
    done
fi

python3 - "$bytes" "$fw" "$fw_counts" "$wbest" "$hs" "$h_counts" "$duck" "$duck2" "$pand" "$pand2" \
    "$load_before → $(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" <<'PY'
import sys
size, fw, fw_counts, write, hs, h_counts, d1, d2, p1, p2, load, cpus = sys.argv[1:]
size = int(size)
mb = size / 1e6
def best(a, b):
    # The faster of two peer runs: accepted, rejected, wall seconds, CPU seconds.
    x, y = a.split(), b.split()
    z = x if float(x[2]) <= float(y[2]) else y
    return (z[0], z[1], float(z[2]), float(z[3]))
duck, pand = best(d1, d2), best(p1, p2)
print(f"file: hrss_contributions.csv, {mb:.1f} MB; load average {load} (before → after) on {cpus} processors")
print("parse + map + clean + validate (the 100 MB/s aim):")
ours = []
if fw != "-":
    wall, cpu, rss = fw.split()
    wall, cpu = float(wall), float(cpu)
    acc, rej = fw_counts.split()
    print(f"  fundwatch ingest --dry-run: {wall:.2f} s, {mb / wall:.1f} MB/s (accepted {acc}, rejected {rej}; best of 5, whole process)")
    print(f"    its CPU time: {cpu:.2f} s (user + system), {mb / cpu:.1f} MB per CPU-second; peak RSS {int(rss) / 1024:.0f} MB")
    ours.append(("fundwatch", wall, cpu))
if hs != "-":
    wall, cpu, rss = hs.split()
    wall, cpu = float(wall), float(cpu)
    acc, rej = h_counts.split() if h_counts.strip() else ("?", "?")
    print(f"  pipeline harness:           {wall:.2f} s, {mb / wall:.1f} MB/s (accepted {acc}, rejected {rej}; best of 5, whole process, no SHA-256)")
    print(f"    its CPU time: {cpu:.2f} s (user + system), {mb / cpu:.1f} MB per CPU-second; peak RSS {int(rss) / 1024:.0f} MB")
    ours.append(("harness", wall, cpu))
print(f"  duckdb read_csv + SQL:      {duck[2]:.2f} s, {mb / duck[2]:.1f} MB/s (accepted {duck[0]}, rejected {duck[1]}; best of 2)")
print(f"    its CPU time: {duck[3]:.2f} s, {mb / duck[3]:.1f} MB per CPU-second")
print(f"  pandas:                     {pand[2]:.2f} s, {mb / pand[2]:.1f} MB/s (accepted {pand[0]}, rejected {pand[1]}; best of 2)")
print(f"    its CPU time: {pand[3]:.2f} s, {mb / pand[3]:.1f} MB per CPU-second")
for name, wall, cpu in ours:
    print(f"  ratio {name} ÷ duckdb: {duck[2] / wall:.2f} by wall, {duck[3] / cpu:.2f} by CPU; ÷ pandas: {pand[2] / wall:.2f} by wall, {pand[3] / cpu:.2f} by CPU")
if write != "-":
    write = float(write)
    print("the same, then written to SQLite:")
    print(f"  fundwatch ingest --data:    {write:.2f} s, {mb / write:.1f} MB/s (fresh data folder, one batch committed; best of 2)")
PY
uptime
