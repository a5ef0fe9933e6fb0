#!/usr/bin/env bash
# Risk model quality on the simulator's person features: FundWatch's gradient-boosted trees
# beside scikit-learn's HistGradientBoostingClassifier and LightGBM, and its isolation forest
# beside scikit-learn's, on the same train/test split of the same exported features, in one run.
#
#   Benchmarks/risk-sim-bench.sh [PERSONS] [SEED]
#
# Steps: `fundwatch simulate` (PERSONS, default 50,000; no identity noise, so every record
# links) → `fundwatch import` → `fundwatch model features --truth truth.csv` (label 1 = a
# planted fraud scheme) → one stratified 70/30 split (risk_peer.py split, seeded) → each model
# trains on sim-train.csv and is scored on sim-test.csv. The isolation forests never see the
# label. Peers run in Benchmarks/.venv (scikit-learn, LightGBM, pandas from PyPI).
#
# Environment: FUNDWATCH_BIN, a fundwatch binary already built (nothing is built then);
# SCRATCH, the build folder (default .build); CONFIG, debug or release (default release);
# SIM_BIN, another fundwatch binary for simulate and import (they do not depend on the risk
# code, so a main-branch build saves building them twice). Once the features are made (kept
# under BENCH_DIR), a run without FUNDWATCH_BIN trains and scores with the release
# Benchmarks/RiskDriver (the same library calls, built in minutes, scratch
# .build-risk-driver) instead of building the whole program.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-50000}
seed=${2:-1}
work=${BENCH_DIR:-Benchmarks/.peers/risk-sim}/$persons-$seed
scratch=${SCRATCH:-.build}
config=${CONFIG:-release}
iforest_seeds=0,1,2

driver=""
if [ -n "${FUNDWATCH_BIN:-}" ]; then
    bin=$FUNDWATCH_BIN
elif [ -f "$work/features.csv" ]; then
    swift build -c release --package-path Benchmarks/RiskDriver --scratch-path "$PWD/.build-risk-driver" >/dev/null
    driver=.build-risk-driver/release/RiskDriver
    bin=""
else
    swift build -c "$config" --scratch-path "$scratch" --product fundwatch >/dev/null
    bin=$scratch/$config/fundwatch
fi
sim_bin=${SIM_BIN:-$bin}

[ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
Benchmarks/.venv/bin/python -c 'import sklearn, lightgbm, pandas' 2>/dev/null ||
    Benchmarks/.venv/bin/pip install -q scikit-learn lightgbm pandas
py=Benchmarks/.venv/bin/python
peer=Benchmarks/risk_peer.py

mkdir -p "$work"
if [ ! -f "$work/features.csv" ]; then
    rm -rf "$work/sim" "$work/data"
    $sim_bin simulate --persons "$persons" --seed "$seed" --out "$work/sim" --identity-noise-per-thousand 0 --quiet
    $sim_bin import "$work/sim" --data "$work/data" >/dev/null
    # Synthetic people only: the full ID numbers join scores back to the split's rows.
    $bin model features --data "$work/data" --truth "$work/sim/truth.csv" --out "$work/features.csv" --reveal
fi
[ -f "$work/sim-test.csv" ] || $py $peer split "$work/features.csv" "$work" "$seed"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== gradient-boosted trees on person features ($persons persons, seed $seed)"
if [ -n "$driver" ]; then
    $driver gbdt "$work/sim-train.csv" "$work/sim-test.csv" "$seed" 1 | tee "$work/fw-gbdt-score.txt"
else
    $bin model train --csv "$work/sim-train.csv" --label y --model gbdt --out "$work/gbdt.json" --seed "$seed" --quiet |
        tee "$work/fw-gbdt-train.txt"
    $bin model score --model "$work/gbdt.json" --csv "$work/sim-test.csv" --out "$work/gbdt-scores.csv" --label y \
        --reasons 3 | tee "$work/fw-gbdt-score.txt"
    $py $peer auc "$work/gbdt-scores.csv" "$work/sim-test.csv"
fi
$py $peer gbdt "$work" "$seed" sim- | tee "$work/peer-gbdt.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== isolation forest on person features, seeds $iforest_seeds"
if [ -n "$driver" ]; then
    # RiskDriver reads the label column y apart from the features, as --label does.
    $driver iforest "$work/sim-train.csv" "$work/sim-test.csv" "$iforest_seeds" | grep -E "AUC" |
        tee "$work/fw-iforest.txt"
else
    for s in ${iforest_seeds//,/ }; do
        # --label keeps the fraud flag out of the features (the forest never reads labels).
        $bin model train --csv "$work/sim-train.csv" --label y --model iforest --out "$work/iforest-$s.json" \
            --seed "$s" --quiet >/dev/null
        $bin model score --model "$work/iforest-$s.json" --csv "$work/sim-test.csv" --out "$work/iforest-$s.csv" \
            --reasons 0 --label y | sed "s/^/seed $s: /" | grep -E "scores in|AUC"
    done | tee "$work/fw-iforest.txt"
fi
$py $peer iforest "$work" "$iforest_seeds" sim-train.csv sim-test.csv | tee "$work/peer-iforest.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" <<'PY'
import re, sys, statistics
w = sys.argv[1]
read = lambda name: open(f"{w}/{name}").read()
score, peer = read("fw-gbdt-score.txt"), read("peer-gbdt.txt")
# `fundwatch model score` prints "AUC against --label X", RiskDriver "test AUC X".
fw_auc = float(re.search(r"(?:AUC against --label|test AUC) ([\d.]+)", score).group(1))
print(f"fundwatch gbdt: test AUC {fw_auc:.4f}")
for name in ("sklearn-hgb", "lightgbm"):
    m = re.search(name + r": train_s ([\d.]+) .*?iterations (\d+) auc ([\d.]+)", peer)
    auc = float(m.group(3))
    print(f"{name}: test AUC {auc:.4f} (fundwatch {fw_auc - auc:+.4f}, target within 0.005)")
fw = [float(x) for x in re.findall(r"(?:AUC against --label|, AUC) ([\d.]+)", read("fw-iforest.txt"))]
sk = [float(x) for x in re.findall(r"auc ([\d.]+)", read("peer-iforest.txt"))]
print(f"fundwatch iforest: mean AUC {statistics.mean(fw):.4f} over {len(fw)} seeds")
print(f"sklearn iforest:   mean AUC {statistics.mean(sk):.4f} over {len(sk)} seeds "
      f"(fundwatch {statistics.mean(fw) - statistics.mean(sk):+.4f}, target within 0.01)")
PY
