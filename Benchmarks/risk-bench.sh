#!/usr/bin/env bash
# Risk model speed benchmark: FundWatch's gradient-boosted trees and isolation forest beside
# LightGBM, scikit-learn's HistGradientBoostingClassifier and scikit-learn's IsolationForest,
# on the same CSV files, in one run.
#
#   Benchmarks/risk-bench.sh [TRAIN_ROWS] [SEED]
#
# Data (kept under Benchmarks/.peers/risk/ and reused): sklearn make_classification with
# TRAIN_ROWS training rows (default 1,000,000) and 500,000 test rows, 30 features, 5 % missing
# in three of them; and, for the isolation forest, 200,000 training and 1,000,000 scoring rows
# of 10 correlated Gaussians with 2 % planted outliers (these depend on the seed only, so they
# live in iforest-SEED/ and every size reuses them).
#
# FundWatch runs as the release `Benchmarks/RiskDriver` (the library calls of `fundwatch model
# train/score`, without the web app, so its release build is quick). Figures:
#   - GBDT training on TRAIN_ROWS x 30 (after the CSV is read; 10 % held out for early stopping,
#     as the peers do), test AUC on the 500,000 test rows;
#   - GBDT scoring of the TRAIN_ROWS rows of train.csv (1,000,000 x 30 by default), best of 3,
#     with the default scorer (leaf bitvectors) and, in each run, the byte tree walk it replaced;
#   - isolation forest (100 trees, 256 samples) scoring of 1,000,000 x 10, seeds 0, 1, 2.
# Scoring times exclude reading the CSV on both sides (FundWatch: `RiskModel.rawScores` on the
# table in memory; peers: `predict_proba` / `score_samples` on a NumPy array). Every line gives
# wall AND CPU seconds (user+sys of the whole process: getrusage in RiskDriver, process_time in
# Python), since the machine is shared; /usr/bin/time adds the whole process's figures.
#
# Environment: SCRATCH, RiskDriver's build folder (default .build-risk-driver); RISK_PEERS,
# which GBDT peers to run (default sklearn,lightgbm: scikit-learn's HGB takes minutes);
# RISK_SKIP_BUILD=1 to use the RiskDriver already built.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
seed=${2:-0}
work=${BENCH_DIR:-Benchmarks/.peers/risk}/$rows-$seed
iforest_work=${BENCH_DIR:-Benchmarks/.peers/risk}/iforest-$seed
scratch=${SCRATCH:-.build-risk-driver}
iforest_seeds=0,1,2

# RISK_SKIP_BUILD=1 runs the RiskDriver already built (say, while another build runs).
[ -n "${RISK_SKIP_BUILD:-}" ] ||
    swift build -c release --package-path Benchmarks/RiskDriver --scratch-path "$PWD/$scratch" >/dev/null
bin=$scratch/release/RiskDriver

[ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
Benchmarks/.venv/bin/python -c 'import sklearn, lightgbm, pandas' 2>/dev/null ||
    Benchmarks/.venv/bin/pip install -q scikit-learn lightgbm pandas
py=Benchmarks/.venv/bin/python
peer=Benchmarks/risk_peer.py
timing=(/usr/bin/time -f "  whole process: %e s wall, %U s user + %S s sys, %M KB max RSS")

mkdir -p "$work" "$iforest_work"
[ -f "$work/test-small.csv" ] || $py $peer make-classification "$work" "$rows" 500000 "$seed"
# Data of an older run that kept the isolation forest's files beside the size's own: moved, not remade.
if [ ! -f "$iforest_work/iforest-test.csv" ] && [ -f "$work/iforest-test.csv" ]; then
    mv "$work"/iforest-train.csv "$work"/iforest-test.csv "$iforest_work/"
fi
[ -f "$iforest_work/iforest-test.csv" ] || $py $peer make-outliers "$iforest_work" 200000 1000000 "$seed"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== gradient-boosted trees: train $rows x 30, test AUC on 500,000 rows, score $rows rows (3 runs)"
"${timing[@]}" $bin gbdt "$work/train.csv" "$work/test.csv" "$seed" 3 "$work/train.csv" 2>&1 |
    tee "$work/fw-gbdt.txt"
$py $peer gbdt "$work" "$seed" 2>&1 | tee "$work/peer-gbdt.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== isolation forest: train on 200,000 x 10, score 1,000,000 x 10 (2 % planted outliers), seeds $iforest_seeds"
"${timing[@]}" $bin iforest "$iforest_work/iforest-train.csv" "$iforest_work/iforest-test.csv" "$iforest_seeds" 2>&1 |
    tee "$work/fw-iforest.txt"
$py $peer iforest "$iforest_work" "$iforest_seeds" iforest-train.csv iforest-test.csv 2>&1 | tee "$work/peer-iforest.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" <<'PY'
import re, sys, statistics
w = sys.argv[1]
read = lambda name: open(f"{w}/{name}").read()
fw, peer = read("fw-gbdt.txt"), read("peer-gbdt.txt")
m = re.search(r"trained in ([\d.]+) s wall, ([\d.]+) s CPU \((\d+) trees\)", fw)
auc = float(re.search(r"test AUC ([\d.]+)", fw).group(1))
runs = re.findall(r"gbdt: scored (\d+) rows of \S+ in ([\d.]+) s wall, ([\d.]+) s CPU", fw)
n, wall, cpu = min(((int(r), float(a), float(c)) for r, a, c in runs), key=lambda x: x[1])
walks = re.findall(r"gbdt tree-walk: scored (\d+) rows in ([\d.]+) s wall, ([\d.]+) s CPU", fw)
print("summary (scoring: best of the runs; rows per CPU-second = rows / (user+sys))")
print(f"  fundwatch gbdt: train {float(m.group(1)):.2f} s wall, {float(m.group(2)):.2f} s CPU ({m.group(3)} trees), "
      f"test AUC {auc:.4f}; score (leaf bitvectors) {n:,} rows in {wall:.3f} s wall = {n / wall:,.0f} rows/s, "
      f"{n / cpu:,.0f} rows per CPU-s")
if walks:
    wn, ww, wc = min(((int(r), float(a), float(c)) for r, a, c in walks), key=lambda x: x[1])
    print(f"  fundwatch gbdt, byte tree walk (the previous scorer), same run: {wn:,} rows in {ww:.3f} s wall = "
          f"{wn / ww:,.0f} rows/s, {wn / wc:,.0f} rows per CPU-s")
for name in ("sklearn-hgb", "lightgbm"):
    m = re.search(name + r": train_s ([\d.]+) train_cpu_s ([\d.]+) iterations (\d+) auc ([\d.]+) "
                  r"score_rows (\d+) score_s ([\d.]+) score_cpu_s ([\d.]+)", peer)
    if not m:
        continue
    t, tc, it, a, sn, ss, sc = m.groups()
    sn, ss, sc = int(sn), float(ss), float(sc)
    print(f"  {name}: train {float(t):.2f} s wall, {float(tc):.2f} s CPU ({it} iterations), test AUC {float(a):.4f} "
          f"(fundwatch {auc - float(a):+.4f}); score {sn:,} rows in {ss:.3f} s wall = {sn / ss:,.0f} rows/s, "
          f"{sn / sc:,.0f} rows per CPU-s")
fwi = re.findall(r"scored (\d+) rows in ([\d.]+) s wall, ([\d.]+) s CPU .* AUC ([\d.]+)", read("fw-iforest.txt"))
ski = re.findall(r"auc ([\d.]+) score_rows (\d+) score_s ([\d.]+) score_cpu_s ([\d.]+)", read("peer-iforest.txt"))
def line(name, runs):
    aucs = [float(r[0]) for r in runs]
    rates = [(int(r[1]) / float(r[2]), int(r[1]) / float(r[3])) for r in runs]
    best = max(rates)
    print(f"  {name}: mean AUC {statistics.mean(aucs):.4f} over {len(aucs)} seeds; score {int(runs[0][1]):,} rows: "
          f"best {best[0]:,.0f} rows/s wall, {best[1]:,.0f} rows per CPU-s")
    return statistics.mean(aucs)
a = line("fundwatch iforest", [(r[3], r[0], r[1], r[2]) for r in fwi])
b = line("sklearn iforest", ski)
print(f"  iforest AUC difference: fundwatch {a - b:+.4f}")
PY
