"""Issue 14's privacy protocol: 3 splits x 5 run seeds per dataset, default path.

For each dataset and split (80% training, 20% holdout, a fixed seed per split): `doppel sample`
on the training split with each run seed (the default plan, as a user gets it, as many rows as
the training split), then `doppel report TRAIN SYNTH --holdout HOLDOUT --json`. Prints per run
and on average: quality (SDMetrics 0.32's definition, as `doppel report` computes it), DCR share
with its standard error, exact copy rate and the holdout's copy rate (the floor for data with
repeated rows), and whether the run meets the targets (DCR share <= 0.52 on average; copy rate
<= holdout's + 0.5 pp on every run).

usage: python3 Benchmarks/privacy_protocol.py DOPPEL_BINARY DATA_DIR [--datasets a,b]
       [--splits 3] [--seeds 5] [--extra "ARG ..."]  (extra arguments for doppel sample)

Only the standard library: splits are made by shuffling row indices with Python's seeded
random, and files are copied line by line (the CSVs here have no embedded newlines).
"""
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time

SPLIT_SEEDS = [20261207, 20261208, 20261209]
RUN_SEEDS = [1, 2, 3, 4, 5]


def split(path, folder, seed):
    with open(path, newline="") as handle:
        lines = handle.read().splitlines()
    header, rows = lines[0], lines[1:]
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    cut = int(len(rows) * 0.8)
    paths = []
    for name, part in (("train", order[:cut]), ("holdout", order[cut:])):
        target = os.path.join(folder, f"{name}.csv")
        with open(target, "w") as out:
            out.write(header + "\n")
            for index in sorted(part):
                out.write(rows[index] + "\n")
        paths.append(target)
    return paths[0], paths[1], cut


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, data_dir = args[0], args[1]
    datasets = ["diamonds", "credit_data"]
    splits, seeds, extra = 3, 5, []
    rest = args[2:]
    while rest:
        flag = rest.pop(0)
        if flag == "--datasets":
            datasets = rest.pop(0).split(",")
        elif flag == "--splits":
            splits = int(rest.pop(0))
        elif flag == "--seeds":
            seeds = int(rest.pop(0))
        elif flag == "--extra":
            extra = shlex.split(rest.pop(0))
        else:
            sys.exit(f"unknown argument {flag}")
    for dataset in datasets:
        source = os.path.join(data_dir, f"{dataset}.csv")
        runs = []
        for split_seed in SPLIT_SEEDS[:splits]:
            with tempfile.TemporaryDirectory() as folder:
                train, holdout, rows = split(source, folder, split_seed)
                for run_seed in RUN_SEEDS[:seeds]:
                    synthetic = os.path.join(folder, "synthetic.csv")
                    start = time.perf_counter()
                    result = subprocess.run([binary, "sample", train, "--rows", str(rows), "--seed", str(run_seed),
                                             "-o", synthetic, *extra], capture_output=True, text=True)
                    seconds = time.perf_counter() - start
                    if result.returncode != 0:
                        sys.exit(f"doppel sample failed: {result.stderr}")
                    report = subprocess.run([binary, "report", train, synthetic, "--holdout", holdout, "--json"],
                                            capture_output=True, text=True)
                    if report.returncode not in (0, 1):
                        sys.exit(f"doppel report failed: {report.stderr}")
                    figures = json.loads(report.stdout)
                    run = {
                        "split": split_seed, "seed": run_seed, "seconds": seconds,
                        "quality": figures["quality"],
                        "dcr_share": figures["dcr_share"],
                        "dcr_share_se": figures["dcr_share_se"],
                        "exact_copy_rate": figures["exact_copy_rate"],
                        "holdout_copy_rate": figures["holdout_copy_rate"],
                    }
                    runs.append(run)
                    print(f"{dataset} split {split_seed} seed {run_seed}: quality {run['quality']:.4f}  "
                          f"dcr_share {run['dcr_share']:.4f} ± {run['dcr_share_se']:.4f}  "
                          f"copies {100 * run['exact_copy_rate']:.3f}% (holdout {100 * run['holdout_copy_rate']:.3f}%)  "
                          f"{seconds:.2f} s", flush=True)
        mean = lambda key: sum(run[key] for run in runs) / len(runs)
        copy_ok = all(run["exact_copy_rate"] <= run["holdout_copy_rate"] + 0.005 for run in runs)
        worst_copy = max(run["exact_copy_rate"] - run["holdout_copy_rate"] for run in runs)
        print(f"== {dataset}: {len(runs)} runs; mean quality {mean('quality'):.4f}; mean dcr_share {mean('dcr_share'):.4f} "
              f"(max {max(run['dcr_share'] for run in runs):.4f}); mean copy rate {100 * mean('exact_copy_rate'):.3f}% "
              f"vs holdout {100 * mean('holdout_copy_rate'):.3f}% (worst excess {100 * worst_copy:+.3f} pp); "
              f"copy target {'met' if copy_ok else 'MISSED'}; dcr target {'met' if mean('dcr_share') <= 0.52 else 'MISSED'}; "
              f"mean sample time {mean('seconds'):.2f} s", flush=True)


if __name__ == "__main__":
    main()
