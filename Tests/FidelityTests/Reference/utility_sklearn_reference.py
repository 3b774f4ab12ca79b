#!/usr/bin/env python3
"""Prints the scikit-learn reference values embedded in UtilityTests.swift.

Run: python3 Tests/FidelityTests/Reference/utility_sklearn_reference.py
(scikit-learn 1.9.1, numpy, pandas when the numbers were taken).

The sample: penguins rows with all four measurements and a sex, every 5th such row (in file
order, starting with the first). Features are the four measurements standardised with the
sample's mean and population standard deviation, the way FeatureEncoder standardises.
Solvers run to a tight tolerance so that the figures are the optimum, not a solver's stopping
point. Values are printed with repr(), which round-trips the double exactly.
"""
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.multiclass import OneVsRestClassifier

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "..", "..", "..", "shared", "data", "penguins.csv")
frame = pd.read_csv(path)
measures = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
complete = frame.dropna(subset=measures + ["sex"]).reset_index(drop=True)
sample = complete.iloc[::5].reset_index(drop=True)
print(f"# rows in sample: {len(sample)}")
x = sample[measures].to_numpy(dtype=float)
x = (x - x.mean(axis=0)) / x.std(axis=0)  # population sd (ddof=0)


def show(label, values):
    print(f"{label} = [{', '.join(repr(float(v)) for v in np.ravel(values))}]")


print("# Binary: sex == male, LogisticRegression(C=1) and C=100 (penalty 1 and 0.01)")
male = (sample["sex"] == "male").to_numpy()
for c in [1.0, 100.0]:
    model = LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(x, male)
    show(f"binary C={c} intercept", model.intercept_)
    show(f"binary C={c} coef", model.coef_)
    show(f"binary C={c} P(male) rows 0..4", model.predict_proba(x[:5])[:, 1])

print("# One-vs-rest species, classes in label order (Adelie, Chinstrap, Gentoo), C=1")
species = sample["species"].to_numpy()
ovr = OneVsRestClassifier(LogisticRegression(C=1.0, tol=1e-12, max_iter=100000)).fit(x, species)
print("# classes", list(ovr.classes_))
for klass, estimator in zip(ovr.classes_, ovr.estimators_):
    show(f"ovr {klass} intercept", estimator.intercept_)
    show(f"ovr {klass} coef", estimator.coef_)
show("ovr probabilities rows 0..2 (row-major)", ovr.predict_proba(x[:3]))

print("# Ridge(alpha=1): body_mass_g (raw grams) from the other three standardised measures")
ridge = Ridge(alpha=1.0, solver="cholesky").fit(x[:, :3], sample["body_mass_g"].to_numpy(dtype=float))
show("ridge intercept", [ridge.intercept_])
show("ridge coef", ridge.coef_)
