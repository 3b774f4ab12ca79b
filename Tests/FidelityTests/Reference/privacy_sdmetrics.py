"""Reference figures for PrivacyTests' SDMetrics cross-check (not part of CI).

Needs `pip install sdmetrics==0.32.0`. Run from the package root:
    python3 Tests/FidelityTests/Reference/privacy_sdmetrics.py

Builds, without randomness, the same three tables as PrivacyTests.penguinSplit():
training = the even rows of ../shared/data/penguins.csv, holdout = the odd rows, and a
"synthetic" table of 172 rows whose every tenth row copies a training row and whose other rows
mix columns of different training rows with small shifts. Prints SDMetrics' DCR figures on them.
The random baseline is drawn by numpy, so its figures are printed as mean and spread over seeds.
"""

import os
import warnings

import numpy as np
import pandas as pd
from sdmetrics.single_table import DCRBaselineProtection, DCROverfittingProtection
from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

warnings.filterwarnings("ignore")

root = os.path.dirname(os.path.abspath(__file__))
penguins = pd.read_csv(os.path.join(root, "../../../../shared/data/penguins.csv"))
train = penguins.iloc[0::2].reset_index(drop=True)
holdout = penguins.iloc[1::2].reset_index(drop=True)
n = len(train)

rows = []
for i in range(n):
    if i % 10 == 0:
        rows.append(train.iloc[(7 * i) % n].to_dict())
        continue
    a, b, c = train.iloc[(5 * i) % n], train.iloc[(11 * i) % n], train.iloc[(3 * i) % n]
    rows.append({
        "species": a["species"],
        "island": a["island"],
        "bill_length_mm": c["bill_length_mm"] + ((i % 7) - 3) * 0.5,
        "bill_depth_mm": c["bill_depth_mm"] + ((i % 5) - 2) * 0.25,
        "flipper_length_mm": c["flipper_length_mm"] + ((i % 3) - 1) * 2.0,
        "body_mass_g": c["body_mass_g"] + ((i % 9) - 4) * 25.0,
        "sex": b["sex"],
        "year": train.iloc[(13 * i) % n]["year"],
    })
synthetic = pd.DataFrame(rows, columns=penguins.columns)
synthetic["year"] = synthetic["year"].astype("int64")

metadata = {"columns": {
    "species": {"sdtype": "categorical"}, "island": {"sdtype": "categorical"},
    "bill_length_mm": {"sdtype": "numerical"}, "bill_depth_mm": {"sdtype": "numerical"},
    "flipper_length_mm": {"sdtype": "numerical"}, "body_mass_g": {"sdtype": "numerical"},
    "sex": {"sdtype": "categorical"}, "year": {"sdtype": "numerical"},
}}

dcr_train = calculate_dcr(synthetic, train, metadata)
dcr_holdout = calculate_dcr(synthetic, holdout, metadata)
print(f"rows: train {len(train)} holdout {len(holdout)} synthetic {len(synthetic)}")
print(f"exact copies: {len(synthetic.merge(train.drop_duplicates(), how='inner'))}")
print(f"DCR to train: median {dcr_train.median():.12f} mean {dcr_train.mean():.12f} max {dcr_train.max():.12f}")
print(f"DCR to holdout: median {dcr_holdout.median():.12f} mean {dcr_holdout.mean():.12f}")
print(f"DCR to train, rows 1 2 3 17: {[round(float(dcr_train[k]), 12) for k in (1, 2, 3, 17)]}")

overfitting = DCROverfittingProtection.compute_breakdown(train, synthetic, holdout, metadata, None)
print(f"overfitting: score {overfitting['score']:.12f} "
      f"closer_to_training {overfitting['synthetic_data_percentages']['closer_to_training']:.12f}")

scores, randoms = [], []
for seed in range(50):
    DCRBaselineProtection._seed = seed
    np.random.seed(seed)
    baseline = DCRBaselineProtection.compute_breakdown(train, synthetic, metadata, None)
    scores.append(baseline["score"])
    randoms.append(baseline["median_DCR_to_real_data"]["random_data_baseline"])
print(f"baseline synthetic median: {baseline['median_DCR_to_real_data']['synthetic_data']:.12f}")
print(f"baseline random median over 50 seeds: mean {np.mean(randoms):.6f} sd {np.std(randoms):.6f}")
print(f"baseline score over 50 seeds: mean {np.mean(scores):.6f} sd {np.std(scores):.6f}")
