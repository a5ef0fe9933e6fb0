#!/usr/bin/env bash
# Risk model benchmark: FundWatch's gradient-boosted trees and isolation forest beside
# scikit-learn's HistGradientBoostingClassifier, LightGBM and scikit-learn's IsolationForest,
# on the same exported CSV files, in one run.
#
#   Benchmarks/risk-bench.sh [TRAIN_ROWS] [SEED]
#
# Data (kept under Benchmarks/.peers/risk/ and reused): sklearn make_classification with
# TRAIN_ROWS training rows (default 1,000,000) and 500,000 test rows, 30 features, 5% missing
# in three of them; and 200,000 + 200,000 rows of correlated Gaussians with 2% planted
# outliers for the isolation forest. FundWatch runs as the release `fundwatch model` command
# (its own timers: training after the CSV is read, scoring after the CSV is read); the peers
# run in Benchmarks/.venv (scikit-learn, LightGBM, pandas from PyPI; timers around fit and
# predict). AUC of both sides is measured on the same test file.
#
# Environment: SCRATCH, the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
seed=${2:-0}
work=${BENCH_DIR:-Benchmarks/.peers/risk}/$rows-$seed
scratch=${SCRATCH:-.build}
iforest_seeds=0,1,2

swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
bin=$scratch/release/fundwatch

[ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
Benchmarks/.venv/bin/python -c 'import sklearn, lightgbm, pandas' 2>/dev/null ||
    Benchmarks/.venv/bin/pip install -q scikit-learn lightgbm pandas
py=Benchmarks/.venv/bin/python
peer=Benchmarks/risk_peer.py

mkdir -p "$work"
[ -f "$work/test-small.csv" ] || $py $peer make-classification "$work" "$rows" 500000 "$seed"
[ -f "$work/outliers-test.csv" ] || $py $peer make-outliers "$work" 200000 "$seed"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== gradient-boosted trees, $rows training rows x 30 features"
$bin model train --csv "$work/train.csv" --label y --model gbdt --out "$work/gbdt.json" --seed "$seed" --quiet |
    tee "$work/fw-gbdt-train.txt"
$bin model score --model "$work/gbdt.json" --csv "$work/test.csv" --out "$work/gbdt-scores.csv" --reasons 0 --label y |
    tee "$work/fw-gbdt-score.txt"
$bin model score --model "$work/gbdt.json" --csv "$work/test-small.csv" --out "$work/gbdt-reasons.csv" --reasons 3 |
    grep reasons | sed 's/^/  20,000 rows with TreeSHAP: /'
$py $peer auc "$work/gbdt-scores.csv" "$work/test.csv"
$py $peer gbdt "$work" "$seed" | tee "$work/peer-gbdt.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== isolation forest, 200,000 rows x 10 features, 2% planted outliers, seeds $iforest_seeds"
for s in ${iforest_seeds//,/ }; do
    # --label keeps the outlier flag out of the features (the forest never reads labels).
    $bin model train --csv "$work/outliers-train.csv" --label y --model iforest --out "$work/iforest-$s.json" \
        --seed "$s" --quiet >/dev/null
    $bin model score --model "$work/iforest-$s.json" --csv "$work/outliers-test.csv" --out "$work/iforest-$s.csv" \
        --reasons 0 --label y | sed "s/^/seed $s: /" | grep -E "scores in|AUC"
done | tee "$work/fw-iforest.txt"
$py $peer iforest "$work" "$iforest_seeds" | tee "$work/peer-iforest.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" <<'PY'
import re, sys, statistics
w = sys.argv[1]
read = lambda name: open(f"{w}/{name}").read()
train, score, peer = read("fw-gbdt-train.txt"), read("fw-gbdt-score.txt"), read("peer-gbdt.txt")
fw_train = float(re.search(r"trained in ([\d.]+) s", train).group(1))
fw_auc = float(re.search(r"AUC against --label ([\d.]+)", score).group(1))
fw_rate = float(re.search(r"\(([\d.]+) rows/s\)", score).group(1))
print(f"fundwatch gbdt: train {fw_train:.2f} s, test AUC {fw_auc:.4f}, scoring {fw_rate:,.0f} rows/s")
for name in ("sklearn-hgb", "lightgbm"):
    m = re.search(name + r": train_s ([\d.]+) iterations (\d+) auc ([\d.]+) score_rows_per_s (\d+)", peer)
    t, it, auc, rate = float(m.group(1)), m.group(2), float(m.group(3)), float(m.group(4))
    print(f"{name}: train {t:.2f} s ({it} iterations), test AUC {auc:.4f} (fundwatch {fw_auc - auc:+.4f}), "
          f"scoring {rate:,.0f} rows/s")
fw = [float(x) for x in re.findall(r"AUC against --label ([\d.]+)", read("fw-iforest.txt"))]
fw_rates = [float(x) for x in re.findall(r"\(([\d.]+) rows/s\)", read("fw-iforest.txt"))]
sk = [float(x) for x in re.findall(r"auc ([\d.]+)", read("peer-iforest.txt"))]
sk_rates = [float(x) for x in re.findall(r"score_rows_per_s (\d+)", read("peer-iforest.txt"))]
print(f"fundwatch iforest: mean AUC {statistics.mean(fw):.4f} over {len(fw)} seeds, scoring {statistics.median(fw_rates):,.0f} rows/s")
print(f"sklearn iforest:   mean AUC {statistics.mean(sk):.4f} over {len(sk)} seeds, scoring {statistics.median(sk_rates):,.0f} rows/s "
      f"(fundwatch {statistics.mean(fw) - statistics.mean(sk):+.4f})")
PY
