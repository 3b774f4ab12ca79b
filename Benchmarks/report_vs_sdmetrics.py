"""`doppel report --json` against SDMetrics 0.32's QualityReport with SDV's detected metadata.

For each REAL SYNTH pair: runs `doppel report REAL SYNTH --json` (timed as a whole process, and
its quality phase from the progress lines on stderr), then reads both files with pandas, detects
the metadata from the real file with SDV's `Metadata.detect_from_dataframes` (as a user of SDV
would) and runs SDMetrics' QualityReport with it (timed). Prints both figures side by side, the
columns each one scores, and the columns Doppel names as treated differently by SDV's detection.

SDMetrics samples 50,000 rows at random for every categorical or mixed pair of a larger table,
so its Column Pair Trends moves by about 1e-3 from run to run on such tables; --seed fixes
numpy's generator. Doppel's sample is fixed.

usage: python3 Benchmarks/report_vs_sdmetrics.py DOPPEL_BINARY REAL SYNTH [REAL SYNTH ...] [--seed N]
"""
import json
import subprocess
import sys
import threading
import time
import warnings

KEYS = ["quality", "column_shapes", "column_pair_trends"]


def doppel_report(binary, real, synthetic):
    stamps = []
    start = time.perf_counter()
    process = subprocess.Popen([binary, "report", real, synthetic, "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reader = threading.Thread(target=lambda: stamps.extend((time.perf_counter(), line) for line in process.stderr))
    reader.start()
    stdout = process.stdout.read()
    process.wait()
    reader.join()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"doppel report failed: {''.join(line for _, line in stamps)}")
    quality_start = next((t for t, line in stamps if "quality" in line), None)
    quality_end = next((t for t, line in stamps if "privacy" in line), None)
    quality_seconds = quality_end - quality_start if quality_start and quality_end else None
    return json.loads(stdout), seconds, quality_seconds


def sdmetrics_report(real_path, synthetic_path, overrides=None):
    """SDMetrics' figures with SDV's detected metadata; `overrides` (column -> sdtype) replaces
    the detected sdtype of those columns."""
    import pandas as pd
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sdmetrics.reports.single_table import QualityReport
        from sdv.metadata import Metadata
        real = pd.read_csv(real_path)
        synthetic = pd.read_csv(synthetic_path)
        metadata = Metadata.detect_from_dataframes({"table": real}).to_dict()["tables"]["table"]
        for name, sdtype in (overrides or {}).items():
            metadata["columns"][name] = {"sdtype": sdtype}
        report = QualityReport()
        start = time.perf_counter()
        report.generate(real, synthetic[real.columns], metadata, verbose=False)
        seconds = time.perf_counter() - start
    properties = report.get_properties().set_index("Property")["Score"]
    figures = {"quality": report.get_score(), "column_shapes": properties["Column Shapes"],
               "column_pair_trends": properties["Column Pair Trends"]}
    scored = list(report.get_details("Column Shapes")["Column"])
    sdtypes = {name: column["sdtype"] for name, column in metadata["columns"].items()}
    return figures, scored, sdtypes, seconds


def main():
    args = sys.argv[1:]
    seed = None
    if "--seed" in args:
        index = args.index("--seed")
        seed = int(args[index + 1])
        del args[index:index + 2]
    binary, files = args[0], args[1:]
    if not files or len(files) % 2:
        sys.exit(__doc__)
    import numpy as np
    for real, synthetic in zip(files[::2], files[1::2]):
        if seed is not None:
            np.random.seed(seed)
        doppel, doppel_seconds, quality_seconds = doppel_report(binary, real, synthetic)
        sdm, sdm_scored, sdtypes, sdm_seconds = sdmetrics_report(real, synthetic)
        print(f"\n{real} vs {synthetic}")
        print(f"  {'figure':<20} {'sdmetrics':>10} {'doppel':>10} {'diff':>10}")
        for key in KEYS:
            a, b = sdm[key], doppel[key]
            diff = "" if a is None or b is None or (isinstance(a, float) and np.isnan(a)) else f"{abs(a - b):10.2e}"
            print(f"  {key:<20} {a:10.6f} {b:10.6f} {diff}")
        doppel_scored = [column["name"] for column in doppel["columns"]]
        print(f"  scored by both: {', '.join(name for name in doppel_scored if name in sdm_scored)}")
        only_doppel = [name for name in doppel_scored if name not in sdm_scored]
        only_sdm = [name for name in sdm_scored if name not in doppel_scored]
        if only_doppel:
            print(f"  scored by Doppel only: {', '.join(f'{n} (SDV sdtype {sdtypes[n]})' for n in only_doppel)}")
        if only_sdm:
            print(f"  scored by SDMetrics only: {', '.join(f'{n} (SDV sdtype {sdtypes[n]})' for n in only_sdm)}")
        if only_doppel or only_sdm:
            # The same report with those columns as Doppel treats them: what is left is the metrics.
            metrics = {column["name"]: column["metric"] for column in doppel["columns"]}
            overrides = {name: "id" for name in only_sdm}
            overrides.update({name: "numerical" if metrics[name] == "KSComplement" else "categorical"
                              for name in only_doppel})
            if seed is not None:
                np.random.seed(seed)
            aligned, _, _, _ = sdmetrics_report(real, synthetic, overrides)
            print("  SDMetrics with those columns set as Doppel treats them: "
                  + ", ".join(f"{key} {aligned[key]:.6f} (diff {abs(aligned[key] - doppel[key]):.2e})" for key in KEYS))
        for difference in doppel.get("sdv_detection_differences", []):
            print(f"  doppel says: {difference['note']}")
        for column in doppel.get("left_out", []):
            print(f"  doppel leaves out: {column['name']} ({column['reason']})")
        quality = f", quality phase {quality_seconds:.2f} s" if quality_seconds is not None else ""
        print(f"  time: doppel report (whole process, every metric) {doppel_seconds:.2f} s{quality};"
              f" SDMetrics QualityReport.generate {sdm_seconds:.2f} s")


if __name__ == "__main__":
    main()
