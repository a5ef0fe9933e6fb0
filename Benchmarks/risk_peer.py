"""Peers for Benchmarks/risk-bench.sh: data generation and the PyPI models on the same CSVs.

  python risk_peer.py make-classification DIR ROWS TEST_ROWS SEED
  python risk_peer.py make-outliers DIR TRAIN_ROWS TEST_ROWS SEED  # iforest-train.csv, iforest-test.csv
  python risk_peer.py split FEATURES.csv DIR SEED   # person features -> sim-train.csv, sim-test.csv
  python risk_peer.py gbdt DIR SEED [PREFIX]  # HistGradientBoostingClassifier and LightGBM on PREFIXtrain/test.csv
                                              # (scoring speed: predict_proba on all of PREFIXtrain.csv)
  python risk_peer.py iforest DIR SEEDS [TRAIN TEST]  # sklearn IsolationForest, one run per seed
  python risk_peer.py auc SCORES.csv TRUTH.csv   # AUC of a fundwatch scores file

Every figure is printed as `name: key value` lines for the shell script to pick up.
"""
import sys
import time

import numpy as np


def write_csv(path, X, y, start_id=0):
    """id, f0..fN, y with missing cells left empty (pandas writes NaN as empty)."""
    import pandas as pd

    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    frame.insert(0, "id", [f"r{i}" for i in range(start_id, start_id + len(X))])
    frame["y"] = y.astype(int)
    frame.to_csv(path, index=False, float_format="%.6g")


def make_classification(folder, rows, test_rows, seed):
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=rows + test_rows, n_features=30, n_informative=12, n_redundant=6, n_repeated=0,
        n_clusters_per_class=4, flip_y=0.05, class_sep=0.7, random_state=seed)
    rng = np.random.default_rng(seed)
    # Missing values in three columns, as exports have them.
    for column in (3, 11, 27):
        X[rng.random(len(X)) < 0.05, column] = np.nan
    write_csv(f"{folder}/train.csv", X[:rows], y[:rows])
    write_csv(f"{folder}/test.csv", X[rows:], y[rows:], start_id=rows)
    write_csv(f"{folder}/test-small.csv", X[rows:rows + 20000], y[rows:rows + 20000], start_id=rows)


def make_outliers(folder, rows, test_rows, seed):
    """Correlated Gaussian inliers and 2% outliers shifted in three random features each;
    train and test drawn alike."""
    rng = np.random.default_rng(seed)
    dims = 10
    mixing = rng.normal(size=(dims, dims)) / np.sqrt(dims)
    for name, n in (("iforest-train", rows), ("iforest-test", test_rows)):
        X = rng.normal(size=(n, dims)) @ mixing
        y = rng.random(n) < 0.02
        for i in np.flatnonzero(y):
            cols = rng.choice(dims, size=3, replace=False)
            X[i, cols] += rng.choice([-1, 1], size=3) * rng.uniform(1.5, 3.0, size=3)
        write_csv(f"{folder}/{name}.csv", X, y)


def split(features_path, folder, seed):
    """The one train/test split every model uses: 70/30, stratified on the label, seeded.
    The label column `label` becomes `y`, as the other commands read it."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    frame = pd.read_csv(features_path, dtype={"id": str})
    frame = frame.rename(columns={"label": "y"})
    train, test = train_test_split(frame, test_size=0.3, random_state=seed, stratify=frame["y"])
    train.to_csv(f"{folder}/sim-train.csv", index=False)
    test.to_csv(f"{folder}/sim-test.csv", index=False)
    print(f"split: train {len(train)} rows ({int(train['y'].sum())} fraud), test {len(test)} rows "
          f"({int(test['y'].sum())} fraud), {frame.shape[1] - 2} features")


def load(path):
    import pandas as pd

    frame = pd.read_csv(path, dtype={"id": str})
    y = frame.pop("y").to_numpy()
    frame.pop("id")
    return frame.to_numpy(dtype=np.float64), y


def gbdt(folder, seed, prefix=""):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    import lightgbm as lgb

    import os

    X, y = load(f"{folder}/{prefix}train.csv")
    Xt, yt = load(f"{folder}/{prefix}test.csv")
    print(f"data: train {X.shape[0]} x {X.shape[1]}, test {Xt.shape[0]}")
    # RISK_PEERS=lightgbm skips scikit-learn's ten minutes on a loaded machine.
    peers = os.environ.get("RISK_PEERS", "sklearn,lightgbm").split(",")

    def timed(call):
        start, cpu = time.perf_counter(), time.process_time()
        value = call()
        return value, time.perf_counter() - start, time.process_time() - cpu

    def report(name, model, train_s, train_cpu, iterations):
        p = model.predict_proba(Xt)[:, 1]
        # Scoring speed on every row of the training file (the same rows FundWatch scores),
        # best of three; the array is already in memory.
        runs = [timed(lambda: model.predict_proba(X))[1:] for _ in range(3)]
        score_s, score_cpu = min(runs)
        print(f"{name}: train_s {train_s:.2f} train_cpu_s {train_cpu:.2f} iterations {iterations} "
              f"auc {roc_auc_score(yt, p):.4f} score_rows {len(X)} score_s {score_s:.3f} score_cpu_s {score_cpu:.3f}")

    # scikit-learn's defaults: 100 iterations, 31 leaves, lr 0.1, 20 per leaf, early stopping
    # on 10% (on by default above 10,000 rows).
    if "sklearn" in peers:
        model = HistGradientBoostingClassifier(random_state=seed)
        _, train_s, train_cpu = timed(lambda: model.fit(X, y))
        report("sklearn-hgb", model, train_s, train_cpu, model.n_iter_)

    # LightGBM with the same settings and the same kind of hold-out for early stopping.
    if "lightgbm" in peers:
        Xa, Xv, ya, yv = train_test_split(X, y, test_size=0.1, random_state=seed)
        model = lgb.LGBMClassifier(n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20,
                                   n_jobs=2, random_state=seed, verbose=-1)
        _, train_s, train_cpu = timed(
            lambda: model.fit(Xa, ya, eval_set=[(Xv, yv)], callbacks=[lgb.early_stopping(10, verbose=False)]))
        report("lightgbm", model, train_s, train_cpu, model.best_iteration_ or 100)


def iforest(folder, seeds, train="iforest-train.csv", test="iforest-test.csv"):
    from sklearn.ensemble import IsolationForest
    from sklearn.metrics import roc_auc_score

    X, _ = load(f"{folder}/{train}")
    Xt, yt = load(f"{folder}/{test}")
    for seed in seeds:
        model = IsolationForest(n_estimators=100, max_samples=256, random_state=seed, n_jobs=2)
        start = time.perf_counter()
        model.fit(X)
        train_s = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        s = -model.score_samples(Xt)
        score_s, score_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"sklearn-iforest: seed {seed} train_s {train_s:.2f} auc {roc_auc_score(yt, s):.4f} "
              f"score_rows {len(Xt)} score_s {score_s:.3f} score_cpu_s {score_cpu:.3f}")


def auc(scores_path, truth_path):
    import pandas as pd
    from sklearn.metrics import roc_auc_score

    scores = pd.read_csv(scores_path, usecols=["id", "score"], dtype={"id": str})
    truth = pd.read_csv(truth_path, usecols=["id", "y"], dtype={"id": str})
    merged = truth.merge(scores, on="id", how="left")
    if merged["score"].isna().any():
        raise SystemExit(f"{scores_path}: {merged['score'].isna().sum()} ids of {truth_path} have no score")
    print(f"fundwatch-scores: auc {roc_auc_score(merged['y'], merged['score']):.4f}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "make-classification":
        make_classification(args[0], int(args[1]), int(args[2]), int(args[3]))
    elif command == "make-outliers":
        make_outliers(args[0], int(args[1]), int(args[2]), int(args[3]))
    elif command == "split":
        split(args[0], args[1], int(args[2]))
    elif command == "gbdt":
        gbdt(args[0], int(args[1]), *args[2:3])
    elif command == "iforest":
        iforest(args[0], [int(s) for s in args[1].split(",")], *args[2:4])
    elif command == "auc":
        auc(args[0], args[1])
    else:
        raise SystemExit(f"unknown command {command}")
