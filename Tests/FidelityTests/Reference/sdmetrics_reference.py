#!/usr/bin/env python3
"""Prints the SDMetrics 0.32 reference values embedded in QualityReportTests.swift.

Run from the repo root:  python3 Tests/FidelityTests/Reference/sdmetrics_reference.py
(sdmetrics 0.32.0, pandas 2.3.3, numpy 2.4.6, scipy 1.17.1 when the numbers were taken).

The synthetic samples beside this file are fixed outputs of `doppel sample` (kept as files so the
references do not move when the strategies change):

    doppel sample ../shared/data/penguins.csv    --seed 1            | gzip -9 -n > penguins_synthetic.csv.gz
    doppel sample ../shared/data/credit_data.csv --seed 1            | gzip -9 -n > credit_data_synthetic.csv.gz
    doppel sample ../shared/data/diamonds.csv    --seed 1 --rows 5000 | gzip -9 -n > diamonds_synthetic_5000.csv.gz

The kinds are Doppel's inferred kinds, written out so that a change in inference does not change
what is compared. Every figure is printed with repr(), which round-trips the double exactly.

Two runs per dataset: `exact` turns SDMetrics' random 50,000-row sampling off (Doppel is run
the same way in the test, so every figure must agree to rounding); `sampled` keeps SDMetrics'
defaults with numpy's global seed 0 (diamonds' real table has 53,940 rows, so its contingency
pairs are sampled, at random in SDMetrics and from a fixed seed in Doppel).
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # 0.32 marks the single-table report deprecated; it is the one matched
    from sdmetrics.reports.single_table import QualityReport
    from sdmetrics.single_column import BoundaryAdherence, CategoryAdherence

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "..", "shared", "data")

KINDS = {
    "penguins": {"species": "categorical", "island": "categorical", "bill_length_mm": "decimal",
                 "bill_depth_mm": "decimal", "flipper_length_mm": "integer", "body_mass_g": "integer",
                 "sex": "categorical", "year": "categorical"},
    "credit_data": {"Status": "categorical", "Seniority": "integer", "Home": "categorical",
                    "Time": "integer", "Age": "integer", "Marital": "categorical",
                    "Records": "boolean", "Job": "categorical", "Expenses": "integer",
                    "Income": "integer", "Assets": "integer", "Debt": "integer",
                    "Amount": "integer", "Price": "integer"},
    "diamonds": {"carat": "decimal", "cut": "categorical", "color": "categorical",
                 "clarity": "categorical", "depth": "decimal", "table": "decimal",
                 "price": "integer", "x": "decimal", "y": "decimal", "z": "decimal"},
}
SYNTHETIC = {"penguins": "penguins_synthetic.csv.gz", "credit_data": "credit_data_synthetic.csv.gz",
             "diamonds": "diamonds_synthetic_5000.csv.gz"}
SDTYPES = {"integer": "numerical", "decimal": "numerical", "categorical": "categorical",
           "boolean": "boolean"}


SWIFT_NAMES = {"penguins": "penguins", "credit_data": "creditData", "diamonds": "diamonds"}


def array(items, indent=12, width=112):
    """A Swift array literal, wrapped."""
    lines, line = [], ""
    for item in items:
        piece = item + ", "
        if len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line.rstrip().rstrip(","))
    return "[\n" + "\n".join(" " * indent + l for l in lines) + "]"


def swift(x):
    return "nil" if x is None or (isinstance(x, float) and np.isnan(x)) else repr(float(x))


def generate(real, synthetic, metadata, thresholds=True, subsample=True):
    report = QualityReport()
    if not thresholds:
        report.real_correlation_threshold = 0
        report.real_association_threshold = 0
    if not subsample:
        report.num_rows_subsample = None
    report.generate(real, synthetic, metadata, verbose=False)
    return report


def main():
    warnings.simplefilter("ignore")
    for name, kinds in KINDS.items():
        real = pd.read_csv(os.path.join(SHARED, f"{name}.csv"))
        synthetic = pd.read_csv(os.path.join(HERE, SYNTHETIC[name]))
        metadata = {"columns": {column: {"sdtype": SDTYPES[kind]} for column, kind in kinds.items()}}

        exact = generate(real, synthetic, metadata, subsample=False)
        unfiltered = generate(real, synthetic, metadata, thresholds=False, subsample=False)
        np.random.seed(0)
        sampled = generate(real, synthetic, metadata)
        sampled_unfiltered = generate(real, synthetic, metadata, thresholds=False)

        def properties(report):
            return report.get_properties().set_index("Property")["Score"]

        boundary = [BoundaryAdherence.compute(real[c], synthetic[c]) for c, k in kinds.items()
                    if SDTYPES[k] == "numerical"]
        category = [CategoryAdherence.compute(real[c], synthetic[c]) for c, k in kinds.items()
                    if SDTYPES[k] != "numerical"]
        shapes = exact.get_details("Column Shapes")
        pairs = exact.get_details("Column Pair Trends")
        all_pairs = unfiltered.get_details("Column Pair Trends")
        relation = [row["Real Correlation"] if row["Metric"] == "CorrelationSimilarity" else row["Real Association"]
                    for _, row in pairs.iterrows()]

        fields = [
            ("quality", swift(exact.get_score())),
            ("columnShapes", swift(properties(exact)["Column Shapes"])),
            ("columnPairTrends", swift(properties(exact)["Column Pair Trends"])),
            ("columnPairTrendsAll", swift(properties(unfiltered)["Column Pair Trends"])),
            ("boundaryAdherence", swift(np.mean(boundary))),
            ("categoryAdherence", swift(np.mean(category))),
            ("sampledQuality", swift(sampled.get_score())),
            ("sampledColumnPairTrends", swift(properties(sampled)["Column Pair Trends"])),
            ("sampledColumnPairTrendsAll", swift(properties(sampled_unfiltered)["Column Pair Trends"])),
            ("columns", array([swift(s) for s in shapes["Score"]])),
            ("pairScores", array([swift(s) for s in all_pairs["Score"]])),
            ("pairRelations", array([swift(r) for r in relation])),
            ("pairMeetsThreshold", array(["true" if m else "false"
                                          for m in pairs["Meets Threshold?"].fillna(False)])),
        ]
        print(f"    static let {SWIFT_NAMES[name]} = SDMetricsReference(")
        print(",\n".join(f"        {label}: {value}" for label, value in fields) + ")")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
