#!/usr/bin/env python3
"""Prints the pMSE reference values embedded in UtilityTests.swift (PropensityTests).

Run: python3 Tests/FidelityTests/Reference/utility_pmse_reference.py
(scikit-learn 1.9.1, numpy, pandas when the numbers were taken).

"Real": the even rows of penguins.csv (0, 2, 4, ...); "synthetic": the odd rows with 300 g added
to body_mass_g. Both sides have nulls. The design matrix is built the way FeatureEncoder builds
it for the main-effects logistic model:
  - numbers (bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, year) standardised
    with the mean and population sd of the stacked non-null values; a null becomes the mean (0)
    plus a 1 in an indicator column, present when the stacked data have a null there;
  - categories (species, island, sex): one column per level seen in the real rows, ranked by
    count (descending, then label), the first (most frequent) dropped; a null is all zeros plus
    an indicator column.
Logistic regression with C = 1e4 (the Swift penalty λ = 1e-4), intercept unpenalised, solved to a
tight tolerance, on the columns that are not aliased (see below); pMSE = mean((p - c)^2), c = n_synth / N; S_pMSE = pMSE / ((k-1)(1-c)^2 c / N).
"""
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
frame = pd.read_csv(os.path.join(here, "..", "..", "..", "..", "shared", "data", "penguins.csv"))
real = frame.iloc[0::2].reset_index(drop=True)
synthetic = frame.iloc[1::2].reset_index(drop=True).copy()
synthetic["body_mass_g"] = synthetic["body_mass_g"] + 300
stacked = pd.concat([real, synthetic], ignore_index=True)
numbers = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
categories = ["species", "island", "sex"]

columns, names = [], []
for name in frame.columns:
    values = stacked[name]
    if name in numbers:
        mean = values.mean()
        sd = values.std(ddof=0)
        columns.append(((values - mean) / sd).fillna(0).to_numpy())
        names.append(name)
        if values.isna().any():
            columns.append(values.isna().astype(float).to_numpy())
            names.append(f"{name} (null)")
    else:
        counts = real[name].value_counts()
        ranked = sorted(counts.index, key=lambda level: (-counts[level], level))
        for level in ranked[1:]:
            columns.append((values == level).astype(float).to_numpy())
            names.append(f"{name}={level}")
        if values.isna().any():
            columns.append(values.isna().astype(float).to_numpy())
            names.append(f"{name} (null)")
# Aliased columns (here the null indicators of the two rows with no measurements at all, which
# coincide) carry no parameter: keep a column only when it raises the rank of [1, kept columns],
# first come first kept, as R's glm leaves later aliased coefficients NA.
kept, design = [], np.ones((len(stacked), 1))
for column, name in zip(columns, names):
    candidate = np.column_stack([design, column])
    if np.linalg.matrix_rank(candidate) > design.shape[1]:
        design = candidate
        kept.append(name)
x = design[:, 1:]
names = kept
t = np.r_[np.zeros(len(real)), np.ones(len(synthetic))]
model = LogisticRegression(C=1e4, tol=1e-12, max_iter=100000).fit(x, t)
p = model.predict_proba(x)[:, 1]
n = len(t)
c = len(synthetic) / n
k = x.shape[1] + 1
pmse = float(np.mean((p - c) ** 2))
null = (k - 1) * (1 - c) ** 2 * c / n
print("# features", names)
print(f"rows real {len(real)} synthetic {len(synthetic)}")
print(f"k = {k}")
print(f"pmse = {pmse!r}")
print(f"null = {null!r}")
print(f"s_pmse = {pmse / null!r}")
