#!/usr/bin/env bash
# Entity-resolution benchmark: `fundwatch link` (dedupe) against Splink (DuckDB backend) with the
# same blocking rules and comparisons on the same synthetic file, in one run; prints the wall
# time and the precision, recall and F1 of pairs and clusters against the known truth.
#
#   Benchmarks/linkage-bench.sh [RECORDS] [SEED]        (SKIP_SPLINK=1 to run FundWatch only)
#   PART=resolve Benchmarks/linkage-bench.sh [PERSONS] [SEED]   (REUSE=1 resolves a copy of the last store)
#   PART=persons Benchmarks/linkage-bench.sh [PERSONS] [SEED]   (duplicate registrations, 一人多号; AUDIT=0 skips the audit check)
#
# The dedupe runs `LinkBench` (Benchmarks/LinkBench): the same LinkJob as `fundwatch link`, in a
# binary that links only the Linkage target (its release build skips the web server's packages).
# Each run prints wall time, CPU seconds (user + sys) and max RSS, and the load average beside it:
# other builds may share the machine. FW_BIN=path uses that fundwatch binary instead of building one.
#
# PART=persons simulates PERSONS persons (default 50,000) with DUP_PER_THOUSAND (default 5) of
# them registered a second time under another valid ID number, imports, runs `fundwatch resolve
# persons --truth` and prints the precision, recall and F1 of the merges; then it runs
# `fundwatch audit --dry-run` with `enrollment_duplicate_pension` alone before and after the merges
# and counts the planted humans it flags (a second registration's resident pension beside the
# first's employee pension shows only once the two numbers are one person).
#
# PART=resolve measures `fundwatch resolve` on a simulated store: simulate PERSONS persons (default
# 50,000) with identity noise, import, export the records awaiting resolution and the registry
# (`fundwatch resolve export`), then time `fundwatch resolve` and Splink on those same tables, and
# score both against the simulator's person_links.csv. PART=all (default) runs the dedupe parts.
#
# Installs splink from PyPI into Benchmarks/.venv (git-ignored) on first use. Splink's date
# comparison is Damerau-Levenshtein <= 1 on the text (it has no day/month-swap level); the rest
# match Benchmarks/linkage-bench.yaml level for level.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/link}
scratch=${SCRATCH:-.build}
mkdir -p "$work"

if [ "${PART:-all}" = all ]; then
    swift build -c release --package-path Benchmarks --scratch-path "Benchmarks/$scratch" --product LinkBench >/dev/null
    link_bin=Benchmarks/$scratch/release/LinkBench
fi
if [ -n "${FW_BIN:-}" ]; then
    bin=$FW_BIN
elif [ "${PART:-all}" != all ]; then  # the dedupe part needs only LinkBench
    swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
    bin=$scratch/release/fundwatch
fi
# Wall s, CPU s (user + sys) and max RSS of a command, from GNU time's -f; then the load.
timed() { local label=$1; shift; /usr/bin/time -f "$label: wall %e s, CPU %U + %S s, max RSS %M KB" "$@"; }
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }
if [ "${SKIP_SPLINK:-0}" != 1 ] && ! Benchmarks/.venv/bin/python -c 'import splink' 2>/dev/null; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q splink
fi
now() { python3 -c 'import time; print(time.monotonic())'; }

if [ "${PART:-all}" = persons ]; then
    persons=${1:-50000}
    dir="$work/persons-$persons-$seed"
    rm -rf "$dir"
    "$bin" simulate --persons "$persons" --seed "$seed" --out "$dir/sim" --quiet \
        --duplicate-persons-per-thousand "${DUP_PER_THOUSAND:-5}" --identity-noise-per-thousand 0
    "$bin" import "$dir/sim" --data "$dir/data" >/dev/null 2>&1 || [ $? = 3 ]
    # The double pension of a merged human: `enrollment_duplicate_pension` alone, before and after.
    if [ "${AUDIT:-1}" = 1 ]; then
        mkdir -p "$dir/rules"
        cp Sources/AuditRules/Rules/enrollment_duplicate_pension.yaml "$dir/rules/"
        "$bin" audit --data "$dir/data" --rules "$dir/rules" --dry-run --json "$dir/audit-before.json" >/dev/null
    fi
    load
    timed "fundwatch resolve persons" "$bin" resolve persons --data "$dir/data" --truth "$dir/sim/person_links.csv" \
        2>"$dir/persons.log" >"$dir/persons.out" || { cat "$dir/persons.log"; exit 1; }
    load
    grep "resolve persons:" "$dir/persons.log" | tail -3 || true
    grep -v "^  [0-9]" "$dir/persons.out"
    if [ "${AUDIT:-1}" = 1 ]; then
        "$bin" audit --data "$dir/data" --rules "$dir/rules" --dry-run --json "$dir/audit-after.json" >/dev/null
        python3 Benchmarks/linkage_bench.py duplicate-audit --sim "$dir/sim" \
            --before "$dir/audit-before.json" --after "$dir/audit-after.json"
    fi
    exit 0
fi

if [ "${PART:-all}" = resolve ]; then
    persons=${1:-50000}
    dir="$work/resolve-$persons-$seed"
    # REUSE=1 keeps the simulated, imported store of an earlier run (a million persons take
    # minutes to simulate and import) and resolves a fresh copy of it.
    if [ "${REUSE:-0}" != 1 ] || [ ! -d "$dir/pristine" ]; then
        rm -rf "$dir"
        "$bin" simulate --persons "$persons" --seed "$seed" --out "$dir/sim" --quiet
        "$bin" import "$dir/sim" --data "$dir/pristine" >/dev/null 2>&1 || [ $? = 3 ]  # 3: imported, with the mistyped rows set aside
    fi
    rm -rf "$dir/data" "$dir/tables"
    cp -r "$dir/pristine" "$dir/data"
    "$bin" resolve export --data "$dir/data" --out "$dir/tables"
    start=$(now)
    /usr/bin/time -f "fundwatch resolve max RSS %M KB" "$bin" resolve --data "$dir/data" --truth "$dir/sim/person_links.csv" \
        2>"$dir/resolve.log" | tee "$dir/resolve.out" || { cat "$dir/resolve.log"; exit 1; }
    end=$(now)
    grep "max RSS" "$dir/resolve.log" || true
    echo "fundwatch resolve: $persons persons in $(python3 -c "print(round($end - $start, 2))") s (process wall time, reading and writing the store included)"
    if [ "${SKIP_SPLINK:-0}" != 1 ]; then
        start=$(now)
        /usr/bin/time -f "splink max RSS %M KB" Benchmarks/.venv/bin/python Benchmarks/linkage_bench.py splink-resolve \
            --records "$dir/tables/records.csv" --persons "$dir/tables/persons.csv" --out "$dir/splink_links.csv" \
            >"$dir/splink.log" 2>&1 || { tail -20 "$dir/splink.log"; exit 1; }
        end=$(now)
        grep "max RSS\|splink resolve" "$dir/splink.log" || true
        echo "splink (duckdb) resolve: $(python3 -c "print(round($end - $start, 2))") s (process wall time, Python start-up included)"
        python3 Benchmarks/linkage_bench.py score-links --truth "$dir/sim/person_links.csv" --links "$dir/splink_links.csv" --label splink
    fi
    exit 0
fi
python3 Benchmarks/linkage_bench.py generate --records "$records" --seed "$seed" --out "$work/people.csv"
cp Benchmarks/linkage-bench.yaml "$work/link.yaml"

load
timed "fundwatch link (LinkBench)" "$link_bin" "$work/link.yaml" 2>"$work/fundwatch.log" || { cat "$work/fundwatch.log"; exit 1; }
load
grep "LinkBench)" "$work/fundwatch.log" || true
echo "fundwatch link: $records records"
python3 Benchmarks/linkage_bench.py score --truth "$work/people.csv" --pairs "$work/pairs.csv" --clusters "$work/clusters.csv" --label fundwatch

if [ "${SKIP_SPLINK:-0}" != 1 ]; then
    load
    timed "splink (duckdb)" Benchmarks/.venv/bin/python Benchmarks/linkage_bench.py splink --input "$work/people.csv" \
        --out-pairs "$work/splink_pairs.csv" --out-clusters "$work/splink_clusters.csv" >"$work/splink.log" 2>&1 \
        || { tail -20 "$work/splink.log"; exit 1; }
    load
    grep "splink (duckdb):" "$work/splink.log" || true
    echo "splink (duckdb): $records records (process times, Python start-up included)"
    python3 Benchmarks/linkage_bench.py score --truth "$work/people.csv" --pairs "$work/splink_pairs.csv" --clusters "$work/splink_clusters.csv" --label splink
fi

# Chinese records: IDs (15/18 digits, typos), homophone and Traditional names. FundWatch only:
# Splink has no pinyin or ID-number comparison to match it with.
cn_records=${CN_RECORDS:-200000}
python3 Benchmarks/linkage_bench.py generate-cn --records "$cn_records" --seed "$seed" --out "$work/people-cn.csv"
cp Benchmarks/linkage-bench-cn.yaml "$work/link-cn.yaml"
start=$(now)
"$link_bin" "$work/link-cn.yaml" 2>"$work/fundwatch-cn.log" || { cat "$work/fundwatch-cn.log"; exit 1; }
end=$(now)
echo "fundwatch link (Chinese records): $cn_records records in $(python3 -c "print(round($end - $start, 2))") s"
python3 Benchmarks/linkage_bench.py score --truth "$work/people-cn.csv" --pairs "$work/pairs-cn.csv" --clusters "$work/clusters-cn.csv" --label fundwatch-cn
