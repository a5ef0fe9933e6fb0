#!/usr/bin/env bash
# Batch audit benchmark: the whole rule library in-process against DuckDB running eight of the
# rules as SQL over the same canonical CSV files, in one run.
#
#   Benchmarks/audit-bench.sh [PERSONS] [SEED]
#
# Simulates PERSONS persons (kept under Benchmarks/.peers/audit/ and reused), imports them,
# runs `fundwatch audit` (its own timer: loading SQLite → timelines, then evaluation after
# loading), then Benchmarks/audit_peer.py (DuckDB from PyPI in Benchmarks/.venv: CSV load, then
# the eight queries), and prints both rates and the ratio, evaluation against queries.
#
# Environment: SCRATCH, the build folder (default .build); REFERENCE_BIN, another fundwatch
# build (e.g. of an earlier commit): its findings on the same data must equal ours, else exit 1.
# BATCH_BIN, an AuditBatchBench build (Benchmarks/AuditBatchBench): the FundWatch side then reads
# the canonical CSVs itself instead of SQLite (same engine, same findings) and also reports the
# evaluation's CPU time, which on a machine shared with other builds says more than wall time;
# the CSVs are then not imported into SQLite unless REFERENCE_BIN needs them. REFERENCE_BATCH_BIN,
# another AuditBatchBench build (e.g. of an earlier commit): its findings over the same CSVs must
# equal ours, else exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-1000000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/audit}/$persons-$seed
scratch=${SCRATCH:-.build}

bin=${FUNDWATCH_BIN:-$scratch/release/fundwatch}
[ -n "${FUNDWATCH_BIN:-}" ] || swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
mkdir -p "$work"
# No identity noise: the SQL peer has no linkage step, so both sides read the same valid rows.
[ -f "$work/csv/person.csv" ] || $bin simulate --persons "$persons" --seed "$seed" --out "$work/csv" --quiet \
    --identity-noise-per-thousand 0
if [ -z "${BATCH_BIN:-}" ] || [ -n "${REFERENCE_BIN:-}" ]; then
    [ -f "$work/fw/fundwatch.sqlite" ] || $bin import "$work/csv" --data "$work/fw" >/dev/null
fi

[ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
Benchmarks/.venv/bin/python -c 'import duckdb' 2>/dev/null || Benchmarks/.venv/bin/pip install -q duckdb

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BATCH_BIN:-}" ]; then
    "$BATCH_BIN" "$work/csv" --json "$work/findings.json" | grep -E "^[0-9]+ persons,|^evaluation CPU|^loading CPU|^columns prepared" | tee "$work/fundwatch.txt"
else
    $bin audit --data "$work/fw" --dry-run --json "$work/findings.json" | grep -E "^[0-9]+ persons," | tee "$work/fundwatch.txt"
fi
Benchmarks/.venv/bin/python Benchmarks/audit_peer.py "$work/csv" | tee "$work/peer.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/fundwatch.txt" "$work/peer.txt" <<'PY'
import re, sys
fw = open(sys.argv[1]).read()
peer = open(sys.argv[2]).read()
load, evaluate = map(float, re.search(r"loaded in ([\d.]+) s, evaluated in ([\d.]+) s", fw).groups())
persons = int(re.search(r"^(\d+) persons", fw).group(1))
queries = float(re.search(r"8 rules in ([\d.]+) s", peer).group(1))
csv_load = float(re.search(r"loaded CSV in ([\d.]+) s", peer).group(1))
print(f"fundwatch, whole library: {persons / evaluate:,.0f} persons/s after loading ({evaluate:.3f} s; "
      f"loading {load:.2f} s)")
print(f"duckdb, 8 rules as SQL:   {persons / queries:,.0f} persons/s after loading ({queries:.3f} s; CSV load {csv_load:.2f} s)")
print(f"ratio (fundwatch persons/s ÷ duckdb persons/s): {queries / evaluate:.2f}")
ours_cpu = re.search(r"evaluation CPU time ([\d.]+) s", fw)
peer_cpu = re.search(r"duckdb query CPU time ([\d.]+) s", peer)
if ours_cpu and peer_cpu:
    a, b = float(ours_cpu.group(1)), float(peer_cpu.group(1))
    print(f"CPU time: fundwatch {a:.3f} s ({persons / a:,.0f} persons per CPU second), duckdb {b:.3f} s "
          f"({persons / b:,.0f}); ratio {b / a:.2f}")
PY

if [ -n "${REFERENCE_BIN:-}" ] || [ -n "${REFERENCE_BATCH_BIN:-}" ]; then
    if [ -n "${REFERENCE_BATCH_BIN:-}" ]; then
        "$REFERENCE_BATCH_BIN" "$work/csv" --json "$work/reference.json" | grep -E "^[0-9]+ persons,|^evaluation CPU"
    else
        "$REFERENCE_BIN" audit --data "$work/fw" --dry-run --json "$work/reference.json" | grep -E "^[0-9]+ persons,"
    fi
    python3 - "$work/findings.json" "$work/reference.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda f: json.dumps(f, sort_keys=True, ensure_ascii=False)
a, b = sorted(map(key, ours)), sorted(map(key, theirs))
if a != b:
    only_ours, only_theirs = set(a) - set(b), set(b) - set(a)
    print(f"findings differ: {len(only_ours)} only here, {len(only_theirs)} only in the reference")
    for f in list(only_ours)[:5] + list(only_theirs)[:5]:
        print("  ", f[:300])
    sys.exit(1)
print(f"findings identical to the reference build's: {len(a)}")
PY
fi
