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
# first use. SCRATCH=.build-x picks the SwiftPM scratch path.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/ingest}
scratch=${SCRATCH:-.build}
python=Benchmarks/.venv/bin/python
if ! "$python" -c 'import duckdb, pandas' 2>/dev/null; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q duckdb pandas
fi

swift build -c release --product fundwatch --scratch-path "$scratch" >/dev/null
bin=$scratch/release/fundwatch
rm -rf "$work" && mkdir -p "$work"
$bin simulate --persons "$persons" --seed "$seed" --format departments --out "$work/dep" --quiet
file=$work/dep/hrss_contributions.csv
spec=$work/dep/specs/hrss_contributions.yaml
bytes=$(stat -c %s "$file")
today=$(date -u +%F)
cat "$file" >/dev/null  # every reader starts from the page cache

now() { python3 -c 'import time; print(time.monotonic())'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
best=""
cpu=""
for run in 1 2 3 4 5; do
    start=$(now)
    status=0
    /usr/bin/time -f '%U %S %M' -o "$work/time.txt" \
        $bin ingest --dry-run --spec "$spec" "$file" --report "$work/report.json" >/dev/null 2>&1 || status=$?
    end=$(now)
    [ "$status" = 0 ] || [ "$status" = 3 ] || { echo "fundwatch ingest failed ($status)"; exit 1; }
    # CPU seconds (user + system) and peak RSS of the fastest run.
    read -r user sys rss < "$work/time.txt"
    pick=$(python3 -c "b='$best'; t=$end-$start; print(1 if not b or t < float(b) else 0)")
    if [ "$pick" = 1 ]; then
        best=$(python3 -c "print($end-$start)")
        cpu=$(python3 -c "print($user+$sys, $rss)")
    fi
done
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
fw_counts=$(python3 -c "import json; f=json.load(open('$work/report.json'))['files'][0]; print(f['accepted'], f['rejected'])")
duck=$("$python" Benchmarks/ingest_peer.py duckdb "$file" "$today")
duck2=$("$python" Benchmarks/ingest_peer.py duckdb "$file" "$today")
pand=$("$python" Benchmarks/ingest_peer.py pandas "$file" "$today")
pand2=$("$python" Benchmarks/ingest_peer.py pandas "$file" "$today")

python3 - "$bytes" "$best" "$fw_counts" "$wbest" "$duck" "$duck2" "$pand" "$pand2" "$load_before → $(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$cpu" <<'PY'
import sys
size, fw, fw_counts, write, d1, d2, p1, p2, load, cpus, cpu = sys.argv[1:]
cpu_s, rss_kb = cpu.split()
cpu_s = float(cpu_s)
size, fw, write = int(size), float(fw), float(write)
fw_acc, fw_rej = fw_counts.split()
def best(a, b):
    # The faster of two runs: accepted, rejected, wall seconds, CPU seconds.
    x, y = a.split(), b.split()
    z = x if float(x[2]) <= float(y[2]) else y
    return (z[0], z[1], float(z[2]), float(z[3]))
duck, pand = best(d1, d2), best(p1, p2)
mb = size / 1e6
print(f"file: hrss_contributions.csv, {mb:.1f} MB; load average {load} (before → after) on {cpus} processors")
print("parse + map + clean + validate (the 100 MB/s aim):")
print(f"  fundwatch ingest --dry-run: {fw:.2f} s, {mb / fw:.1f} MB/s (accepted {fw_acc}, rejected {fw_rej}; best of 5, whole process)")
print(f"    its CPU time: {cpu_s:.2f} s (user + system), {mb / cpu_s:.1f} MB per CPU-second; peak RSS {int(rss_kb) / 1024:.0f} MB")
print(f"  duckdb read_csv + SQL:      {duck[2]:.2f} s, {mb / duck[2]:.1f} MB/s (accepted {duck[0]}, rejected {duck[1]}; best of 2)")
print(f"    its CPU time: {duck[3]:.2f} s, {mb / duck[3]:.1f} MB per CPU-second")
print(f"  pandas:                     {pand[2]:.2f} s, {mb / pand[2]:.1f} MB/s (accepted {pand[0]}, rejected {pand[1]}; best of 2)")
print(f"    its CPU time: {pand[3]:.2f} s, {mb / pand[3]:.1f} MB per CPU-second")
print(f"  ratio fundwatch ÷ duckdb: {duck[2] / fw:.2f} by wall, {duck[3] / cpu_s:.2f} by CPU; fundwatch ÷ pandas: {pand[2] / fw:.2f} by wall, {pand[3] / cpu_s:.2f} by CPU")
print("the same, then written to SQLite:")
print(f"  fundwatch ingest --data:    {write:.2f} s, {mb / write:.1f} MB/s (fresh data folder, one batch committed; best of 2)")
PY
uptime
