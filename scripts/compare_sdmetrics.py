#!/usr/bin/env python3
"""Compare Doppel's quality figures with SDMetrics 0.32's single-table QualityReport.

Usage (from the repo root):

    swift build -c release
    .build/release/doppel sample ../shared/data/diamonds.csv --seed 1 -o /tmp/diamonds_syn.csv
    python3 scripts/compare_sdmetrics.py ../shared/data/diamonds.csv /tmp/diamonds_syn.csv [REAL SYNTH ...]

For each (real, synthetic) pair of CSV files it:

1. asks Doppel for the column kinds (`doppel inspect --json REAL`) and for its figures
   (`doppel report REAL SYNTH --json`, or any command given with --doppel-cmd that prints a JSON
   object with the same top-level keys);
2. reads both files with pandas and runs SDMetrics' QualityReport with metadata made from
   Doppel's kinds (integer/decimal -> numerical, datetime -> datetime, categorical, text and
   code -> categorical, boolean -> boolean; ids, personal data and the columns the report lists
   under `left_out` — near-unique text — left out as Doppel leaves them out), once with SDMetrics' defaults and once with both relationship thresholds at 0 (the
   unfiltered Column Pair Trends mean); and its BoundaryAdherence and CategoryAdherence per
   column, averaged;
3. prints both figures side by side with their difference, and the time each took.

It exits 1 when a difference exceeds --tolerance (0.01 by default), 2 when sdmetrics 0.32 is
not importable or a command fails. It is a cross-check for people, not part of CI.

SDMetrics samples 50,000 rows at random for each categorical/mixed pair of a larger table;
Doppel uses one fixed sample. --seed fixes numpy's global generator so that SDMetrics' run
repeats; --no-subsample turns sampling off in SDMetrics (Doppel's command must then do the same
for the figures to agree exactly).
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
import warnings

KEYS = ["quality", "column_shapes", "column_pair_trends", "column_pair_trends_all",
        "boundary_adherence", "category_adherence"]

SDTYPES = {"integer": "numerical", "decimal": "numerical", "datetime": "datetime",
           "categorical": "categorical", "boolean": "boolean", "text": "categorical", "code": "categorical"}


def doppel_kinds(doppel, real_path):
    """Column name -> Doppel kind, from `doppel inspect --json`."""
    out = subprocess.run([doppel, "inspect", "--json", real_path], check=True,
                         capture_output=True, text=True).stdout
    return {column["name"]: column["kind"] for column in json.loads(out)["columns"]}


def doppel_figures(command_template, real_path, synthetic_path):
    """Runs Doppel's report command; returns (figures, wall seconds, quality-phase seconds or None).

    `doppel report` notes each phase on stderr as it starts ("quality ...", then "privacy ...");
    the time between those two lines is the quality report alone, in the release binary, with
    both tables already read.
    """
    command = [part.format(real=real_path, synthetic=synthetic_path)
               for part in shlex.split(command_template)]
    stamps = []
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reader = threading.Thread(target=lambda: stamps.extend(
        (time.perf_counter(), line) for line in process.stderr))
    reader.start()
    stdout = process.stdout.read()
    process.wait()
    reader.join()
    seconds = time.perf_counter() - start
    # `doppel report` exits 1 for a missed gate but still prints its JSON.
    if process.returncode not in (0, 1) or not stdout.strip():
        errors = "".join(line for _, line in stamps).strip()
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {errors}")
    figures = json.loads(stdout)
    quality_start = next((t for t, line in stamps if "quality" in line), None)
    quality_end = next((t for t, line in stamps if "privacy" in line), None)
    quality_seconds = figures.get("seconds_report_first")
    if quality_seconds is None and quality_start is not None and quality_end is not None:
        quality_seconds = quality_end - quality_start
    return figures, seconds, quality_seconds


def load_frames(real_path, synthetic_path, kinds, left_out=()):
    """Both files as DataFrames restricted to the evaluated columns, and SDMetrics metadata."""
    import pandas as pd

    real = pd.read_csv(real_path)
    synthetic = pd.read_csv(synthetic_path)
    columns = [name for name in real.columns
               if name in synthetic.columns and kinds.get(name) in SDTYPES and name not in left_out]
    real, synthetic = real[columns].copy(), synthetic[columns].copy()
    metadata = {"columns": {}}
    for name in columns:
        sdtype = SDTYPES[kinds[name]]
        if sdtype == "datetime":
            # Already datetimes, SDMetrics needs no format string.
            real[name] = pd.to_datetime(real[name], errors="coerce", format="mixed")
            synthetic[name] = pd.to_datetime(synthetic[name], errors="coerce", format="mixed")
        metadata["columns"][name] = {"sdtype": sdtype}
    return real, synthetic, metadata


def sdmetrics_figures(real, synthetic, metadata, subsample=True):
    """SDMetrics' figures under Doppel's key names, the pair details, and generate()'s seconds."""
    import numpy as np

    with warnings.catch_warnings():
        # 0.32 marks the single-table report deprecated in favour of the unified one; its
        # definitions are the ones compared here.
        warnings.simplefilter("ignore")
        from sdmetrics.reports.single_table import QualityReport
        from sdmetrics.single_column import BoundaryAdherence, CategoryAdherence

    def run(correlation_threshold=None, association_threshold=None):
        report = QualityReport()
        if correlation_threshold is not None:
            report.real_correlation_threshold = correlation_threshold
            report.real_association_threshold = association_threshold
        if not subsample:
            report.num_rows_subsample = None
        start = time.perf_counter()
        report.generate(real, synthetic, metadata, verbose=False)
        return report, time.perf_counter() - start

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report, seconds = run()
        unfiltered, _ = run(0, 0)
        properties = report.get_properties().set_index("Property")["Score"]
        all_pairs = unfiltered.get_properties().set_index("Property")["Score"]

        boundary, category = [], []
        for name, column in metadata["columns"].items():
            if column["sdtype"] in ("numerical", "datetime"):
                boundary.append(BoundaryAdherence.compute(real[name], synthetic[name]))
            else:
                category.append(CategoryAdherence.compute(real[name], synthetic[name]))

    def value(x):
        return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)

    figures = {
        "quality": value(report.get_score()),
        "column_shapes": value(properties["Column Shapes"]),
        "column_pair_trends": value(properties["Column Pair Trends"]),
        "column_pair_trends_all": value(all_pairs["Column Pair Trends"]),
        "boundary_adherence": value(np.nanmean(boundary)) if boundary else None,
        "category_adherence": value(np.nanmean(category)) if category else None,
    }
    columns = {row["Column"]: value(row["Score"])
               for _, row in report.get_details("Column Shapes").iterrows()}
    pairs = {}
    filtered = report.get_details("Column Pair Trends")
    for _, row in unfiltered.get_details("Column Pair Trends").iterrows():
        pairs[(row["Column 1"], row["Column 2"])] = {"score": value(row["Score"])}
    for _, row in filtered.iterrows():
        pairs[(row["Column 1"], row["Column 2"])]["meets_threshold"] = bool(
            row["Meets Threshold?"] if row["Meets Threshold?"] is not None else False)
    return figures, columns, pairs, seconds


def difference(a, b):
    if a is None and b is None:
        return 0.0
    if a is None or b is None:
        return float("inf")
    return abs(a - b)


def show(x):
    return "   null" if x is None else f"{x:.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="REAL SYNTH [REAL SYNTH ...]")
    parser.add_argument("--doppel", default=".build/release/doppel", help="the doppel binary (for inspect)")
    parser.add_argument("--doppel-cmd", default=None,
                        help="command printing Doppel's JSON; {real} and {synthetic} are replaced "
                             "(default: DOPPEL report {real} {synthetic} --json)")
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0, help="numpy's global seed for SDMetrics' sampling")
    parser.add_argument("--no-subsample", action="store_true", help="SDMetrics computes every row")
    parser.add_argument("--details", action="store_true", help="also print every column and pair that differs")
    parser.add_argument("--runs", type=int, default=1, help="time each side this many times; medians are shown")
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("files come in pairs: REAL SYNTH")

    try:
        import sdmetrics
        import numpy as np
    except ImportError:
        print("sdmetrics is not importable: pip install sdmetrics==0.32.0", file=sys.stderr)
        return 2
    if not sdmetrics.__version__.startswith("0.32."):
        print(f"sdmetrics {sdmetrics.__version__} found; the definitions matched are 0.32's", file=sys.stderr)
        return 2

    template = args.doppel_cmd or f"{shlex.quote(args.doppel)} report {{real}} {{synthetic}} --json"
    failed = False
    for real_path, synthetic_path in zip(args.files[0::2], args.files[1::2]):
        try:
            kinds = doppel_kinds(args.doppel, real_path)
            runs = [doppel_figures(template, real_path, synthetic_path) for _ in range(max(1, args.runs))]
            doppel = runs[0][0]
            doppel_seconds = statistics.median(run[1] for run in runs)
            quality_runs = [run[2] for run in runs if run[2] is not None]
            quality_seconds = statistics.median(quality_runs) if quality_runs else None
        except (OSError, subprocess.CalledProcessError, RuntimeError, ValueError) as error:
            print(f"doppel: {error}", file=sys.stderr)
            return 2
        left_out = {column["name"] for column in doppel.get("left_out", [])}
        real, synthetic, metadata = load_frames(real_path, synthetic_path, kinds, left_out)
        np.random.seed(args.seed)
        reference, columns, pairs, sdmetrics_seconds = sdmetrics_figures(
            real, synthetic, metadata, subsample=not args.no_subsample)
        if args.runs > 1:
            times = [sdmetrics_seconds] + [sdmetrics_figures(real, synthetic, metadata, not args.no_subsample)[3]
                                           for _ in range(args.runs - 1)]
            sdmetrics_seconds = statistics.median(times)

        print(f"{os.path.basename(real_path)} ({len(real)} rows) vs {os.path.basename(synthetic_path)} "
              f"({len(synthetic)} rows), {len(metadata['columns'])} columns evaluated")
        print(f"  {'figure':<24} {'sdmetrics':>9} {'doppel':>9} {'diff':>9}")
        for key in KEYS:
            gap = difference(reference[key], doppel.get(key))
            mark = "" if gap <= args.tolerance else "  <-- exceeds tolerance"
            failed |= gap > args.tolerance
            print(f"  {key:<24} {show(reference[key]):>9} {show(doppel.get(key)):>9} {gap:>9.5f}{mark}")
        if args.details:
            for item in doppel.get("columns", []):
                name = item.get("column") or item.get("name")
                if name in columns and difference(columns[name], item.get("score")) > 1e-9:
                    print(f"    column {name}: sdmetrics {show(columns[name])} doppel {show(item.get('score'))}")
            for item in doppel.get("pairs", []):
                key = tuple(item.get("columns") or (item.get("column1"), item.get("column2")))
                if key in pairs and difference(pairs[key]["score"], item.get("score")) > 1e-9:
                    print(f"    pair {key[0]} x {key[1]}: sdmetrics {show(pairs[key]['score'])} "
                          f"doppel {show(item.get('score'))}")
        if args.runs > 1:
            print(f"  times are medians of {args.runs} runs")
        print(f"  time: sdmetrics QualityReport.generate {sdmetrics_seconds:.3f} s (data in memory); "
              f"doppel command {doppel_seconds:.3f} s (whole process: start, read both files, every metric); "
              f"ratio {sdmetrics_seconds / doppel_seconds:.1f}")
        if quality_seconds is not None:
            print(f"  time: doppel quality report alone {quality_seconds:.4f} s (tables in memory); "
                  f"ratio {sdmetrics_seconds / quality_seconds:.1f}")
        print()
    print("FAILED: a difference exceeds the tolerance" if failed else f"all figures within {args.tolerance}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
