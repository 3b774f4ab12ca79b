"""Issue 6's protocol for joint models: fit on a fixed 80% split, generate as many rows, score.

For each dataset: split with a fixed seed; `doppel plan --session` (the default plan, joint
model chosen automatically) then `doppel run` (timed as whole processes); score the output
against the training split with `doppel report --json` and with SDMetrics' QualityReport; count
exact copies of training rows (and what the same-size real holdout has); SDMetrics' DCR
overfitting protection on equal-size samples of training and holdout. With --sdv, SDV's
GaussianCopulaSynthesizer is fitted and sampled on the same split in one Python process
(timed from process start) and scored the same way.

usage: python3 Benchmarks/joint_protocol.py DOPPEL_BINARY DATA_DIR [--sdv] [--datasets a,b]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import pandas as pd

SPLIT_SEED = 20261129
RUN_SEED = 7


def split(path, folder):
    data = pd.read_csv(path)
    train = data.sample(frac=0.8, random_state=SPLIT_SEED)
    holdout = data.drop(train.index)
    train_path = os.path.join(folder, "train.csv")
    holdout_path = os.path.join(folder, "holdout.csv")
    train.to_csv(train_path, index=False)
    holdout.to_csv(holdout_path, index=False)
    return train, holdout, train_path, holdout_path


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {result.stderr}")
    return result, seconds


def sdmetrics_quality(real, synthetic):
    from sdmetrics.reports.single_table import QualityReport
    from sdv.metadata import Metadata
    metadata = Metadata.detect_from_dataframes({"table": real}).to_dict()["tables"]["table"]
    report = QualityReport()
    report.generate(real, synthetic[real.columns], metadata, verbose=False)
    return report.get_score()


def dcr_overfitting(train, holdout, synthetic):
    from sdmetrics.single_table import DCROverfittingProtection
    from sdv.metadata import Metadata
    metadata = Metadata.detect_from_dataframes({"table": train}).to_dict()
    rows = len(holdout)
    return DCROverfittingProtection.compute(
        real_training_data=train.sample(n=rows, random_state=1), synthetic_data=synthetic[train.columns],
        real_validation_data=holdout, metadata=metadata, table_name="table", num_rows_subsample=rows, num_iterations=1)


def exact_copies(train, other):
    keys = set(map(tuple, train.astype(str).itertuples(index=False)))
    return sum(tuple(row) in keys for row in other.astype(str).itertuples(index=False))


def main():
    binary, data_dir = sys.argv[1], sys.argv[2]
    with_sdv = "--sdv" in sys.argv
    names = ["diamonds", "credit_data", "penguins"]
    if "--datasets" in sys.argv:
        names = sys.argv[sys.argv.index("--datasets") + 1].split(",")
    rows = []
    for name in names:
        with tempfile.TemporaryDirectory() as folder:
            train, holdout, train_path, holdout_path = split(os.path.join(data_dir, name + ".csv"), folder)
            session = os.path.join(folder, "session.yaml")
            output = os.path.join(folder, "synthetic.csv")
            planned, plan_seconds = run([binary, "plan", train_path, "--session", "-o", session, "--seed", str(RUN_SEED)])
            chosen = [line for line in planned.stderr.splitlines() if "chose" in line]
            _, run_seconds = run([binary, "run", session, "-o", output, "--quiet"])
            synthetic = pd.read_csv(output)
            report, _ = run([binary, "report", train_path, output, "--holdout", holdout_path, "--json"])
            figures = json.loads(report.stdout)
            holdout_report, _ = run([binary, "report", train_path, holdout_path, "--json"])
            row = {
                "dataset": name, "chosen": chosen[0].split("chose ")[1] if chosen else "none",
                "plan_s": round(plan_seconds, 2), "run_s": round(run_seconds, 2),
                "quality": round(figures["quality"], 4),
                "holdout_quality": round(json.loads(holdout_report.stdout)["quality"], 4),
                "sdmetrics_quality": round(sdmetrics_quality(train, synthetic), 4),
                "exact_copies": exact_copies(train, synthetic),
                "holdout_exact_copies_scaled": round(exact_copies(train, holdout) * len(synthetic) / len(holdout), 1),
                "dcr_overfitting_protection": round(dcr_overfitting(train, holdout, synthetic), 4),
            }
            if with_sdv:
                sdv_output = os.path.join(folder, "sdv.csv")
                script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sdv_fit_sample.py")
                _, sdv_seconds = run([sys.executable, script, train_path, str(len(train)), sdv_output])
                sdv_synthetic = pd.read_csv(sdv_output)
                sdv_report, _ = run([binary, "report", train_path, sdv_output, "--json"])
                row["sdv_s"] = round(sdv_seconds, 2)
                row["sdv_quality"] = round(json.loads(sdv_report.stdout)["quality"], 4)
                row["speedup"] = round(sdv_seconds / run_seconds, 1)
            rows.append(row)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
