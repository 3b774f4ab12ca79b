#!/usr/bin/env python3
"""Cross-check of `doppel report --holdout`'s dcr_share and holdout_copy_rate (issue 14) against an
independent implementation with scikit-learn's exact NearestNeighbors (kd-tree).

    python3 Benchmarks/dcr_share_check.py [DOPPEL] [CSV ...]

Per dataset (default: /work/shared/data/penguins.csv and credit_data.csv): an 80/20 train/holdout
split with a fixed seed; two synthetic tables — `doppel sample train.csv --seed 14` and the
training rows themselves (a copy machine, dcr_share should be near 1); `doppel report` with
DOPPEL_DCR_SHARE_ROWS exporting its sampled row numbers (a Swift RNG cannot be matched); then the
same figure here, on the same rows with the same encoding:
  numbers and datetimes: mid-rank among the pooled real (train + holdout) non-null values over
  their count (a value absent from them: #smaller + 1/2), 0 for missing, plus a 0/1 missing flag;
  categories: one-hot, missing a level of its own; Euclidean distance; ties (squared distances
  within 1e-12) count half.
Which columns are numbers is taken from the report's own column metrics (KSComplement).
"""
import json, os, random, subprocess, sys, tempfile, time
import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

doppel = sys.argv[1] if len(sys.argv) > 1 else ".build/release/doppel"
datasets = sys.argv[2:] or ["/work/shared/data/penguins.csv", "/work/shared/data/credit_data.csv"]
NULLS = ["", "NA", "N/A", "NULL", "null", "NaN", "None"]


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=NULLS)


def ranks(pooled, values):
    ordered = np.sort(pooled[~np.isnan(pooled)])
    if len(ordered) == 0:
        return np.zeros(len(values))
    smaller = np.searchsorted(ordered, values, side="left")
    not_larger = np.searchsorted(ordered, values, side="right")
    out = (smaller + not_larger + 1) / 2 / len(ordered)
    return np.where(np.isnan(values), 0.0, out)


def encode(frames, numeric, categorical, pooled):
    blocks = [[] for _ in frames]
    for column in numeric:
        pool = np.concatenate([pd.to_numeric(f[column], errors="coerce").to_numpy(float) for f in pooled])
        for block, frame in zip(blocks, frames):
            values = pd.to_numeric(frame[column], errors="coerce").to_numpy(float)
            block.append(ranks(pool, values)[:, None])
            block.append(np.isnan(values).astype(float)[:, None])
    for column in categorical:
        levels = sorted(set().union(*[set(f[column].fillna("\0missing")) for f in frames]))
        for block, frame in zip(blocks, frames):
            cells = frame[column].fillna("\0missing").to_numpy()
            block.append(np.stack([(cells == level).astype(float) for level in levels], axis=1))
    return [np.hstack(block) for block in blocks]


def dcr_share(train, holdout, synthetic):
    to_train = NearestNeighbors(n_neighbors=1, algorithm="kd_tree").fit(train).kneighbors(synthetic)[0][:, 0] ** 2
    to_holdout = NearestNeighbors(n_neighbors=1, algorithm="kd_tree").fit(holdout).kneighbors(synthetic)[0][:, 0] ** 2
    ties = np.abs(to_train - to_holdout) <= 1e-12
    closer = (to_train < to_holdout) & ~ties
    return (closer.sum() + ties.sum() / 2) / len(synthetic)


def run(path):
    name = os.path.basename(path).removesuffix(".csv")
    directory = tempfile.mkdtemp(prefix=f"dcr-{name}-")
    lines = open(path).read().splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line]
    order = list(range(len(rows)))
    random.Random(14).shuffle(order)
    cut = int(len(rows) * 0.8)
    files = {}
    for part, chosen in [("train", sorted(order[:cut])), ("holdout", sorted(order[cut:]))]:
        files[part] = os.path.join(directory, f"{part}.csv")
        open(files[part], "w").write("\n".join([header] + [rows[i] for i in chosen]) + "\n")
    files["sampled"] = os.path.join(directory, "sampled.csv")
    subprocess.run([doppel, "sample", files["train"], "--seed", "14", "-o", files["sampled"]], check=True, capture_output=True)
    for synthetic in ["sampled", "train"]:
        rows_file = os.path.join(directory, f"rows-{synthetic}.json")
        start = time.time()
        report = subprocess.run([doppel, "report", files["train"], files[synthetic], "--holdout", files["holdout"], "--json", "--quiet"],
                                check=True, capture_output=True, text=True, env={**os.environ, "DOPPEL_DCR_SHARE_ROWS": rows_file})
        seconds = time.time() - start
        figures = json.loads(report.stdout)
        sampled = json.load(open(rows_file))
        numeric = [c["name"] for c in figures["columns"] if c["metric"] == "KSComplement"]
        categorical = [c["name"] for c in figures["columns"] if c["metric"] != "KSComplement"]
        train, holdout, synth = read(files["train"]), read(files["holdout"]), read(files[synthetic])
        encoded = encode([train.iloc[sampled["training"]], holdout.iloc[sampled["holdout"]], synth.iloc[sampled["synthetic"]]],
                         numeric, categorical, pooled=[train, holdout])
        python = dcr_share(*encoded)
        # holdout_copy_rate: holdout rows equal to some training row (numbers by value).
        def keys(frame):
            parts = [pd.to_numeric(frame[c], errors="coerce").map(lambda v: "" if np.isnan(v) else repr(float(v))) for c in numeric]
            parts += [frame[c].fillna("\0missing") for c in categorical]
            return pd.Series(list(zip(*parts)) if parts else [()] * len(frame))
        copies = keys(holdout).isin(set(keys(train))).mean()
        n = len(sampled["synthetic"])
        print(f"{name:12} synthetic={synthetic:7} n={n:5}  doppel dcr_share {figures['dcr_share']:.6f} ± {figures['dcr_share_se']:.4f}"
              f"  python {python:.6f}  |diff| {abs(python - figures['dcr_share']):.2g}"
              f"  holdout_copy_rate doppel {figures['holdout_copy_rate']:.6f} python {copies:.6f}"
              f"  exact_copy_rate {figures['exact_copy_rate']:.4f}  report {seconds:.1f}s")


for dataset in datasets:
    run(dataset)
