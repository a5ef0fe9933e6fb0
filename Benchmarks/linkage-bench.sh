#!/usr/bin/env bash
# Entity-resolution benchmark: `fundwatch link` (dedupe) against Splink (DuckDB backend) with the
# same blocking rules and comparisons on the same synthetic file, in one run; prints the wall
# time and the precision, recall and F1 of pairs and clusters against the known truth.
#
#   Benchmarks/linkage-bench.sh [RECORDS] [SEED]        (SKIP_SPLINK=1 to run FundWatch only)
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

swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
bin=$scratch/release/fundwatch
if [ "${SKIP_SPLINK:-0}" != 1 ] && ! Benchmarks/.venv/bin/python -c 'import splink' 2>/dev/null; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q splink
fi
python3 Benchmarks/linkage_bench.py generate --records "$records" --seed "$seed" --out "$work/people.csv"
cp Benchmarks/linkage-bench.yaml "$work/link.yaml"

now() { python3 -c 'import time; print(time.monotonic())'; }
start=$(now)
/usr/bin/time -f "fundwatch max RSS %M KB" "$bin" link --config "$work/link.yaml" 2>"$work/fundwatch.log" || { cat "$work/fundwatch.log"; exit 1; }
end=$(now)
fw=$(python3 -c "print(round($end - $start, 2))")
grep "max RSS" "$work/fundwatch.log" || true
echo "fundwatch link: $records records in $fw s"
python3 Benchmarks/linkage_bench.py score --truth "$work/people.csv" --pairs "$work/pairs.csv" --clusters "$work/clusters.csv" --label fundwatch

if [ "${SKIP_SPLINK:-0}" != 1 ]; then
    start=$(now)
    Benchmarks/.venv/bin/python Benchmarks/linkage_bench.py splink --input "$work/people.csv" \
        --out-pairs "$work/splink_pairs.csv" --out-clusters "$work/splink_clusters.csv" >"$work/splink.log" 2>&1 \
        || { tail -20 "$work/splink.log"; exit 1; }
    end=$(now)
    sp=$(python3 -c "print(round($end - $start, 2))")
    echo "splink (duckdb): $records records in $sp s (process wall time, Python start-up included)"
    python3 Benchmarks/linkage_bench.py score --truth "$work/people.csv" --pairs "$work/splink_pairs.csv" --clusters "$work/splink_clusters.csv" --label splink
fi

# Chinese records: IDs (15/18 digits, typos), homophone and Traditional names. FundWatch only:
# Splink has no pinyin or ID-number comparison to match it with.
cn_records=${CN_RECORDS:-200000}
python3 Benchmarks/linkage_bench.py generate-cn --records "$cn_records" --seed "$seed" --out "$work/people-cn.csv"
cp Benchmarks/linkage-bench-cn.yaml "$work/link-cn.yaml"
start=$(now)
"$bin" link --config "$work/link-cn.yaml" 2>"$work/fundwatch-cn.log" || { cat "$work/fundwatch-cn.log"; exit 1; }
end=$(now)
echo "fundwatch link (Chinese records): $cn_records records in $(python3 -c "print(round($end - $start, 2))") s"
python3 Benchmarks/linkage_bench.py score --truth "$work/people-cn.csv" --pairs "$work/pairs-cn.csv" --clusters "$work/clusters-cn.csv" --label fundwatch-cn
