"""Cross-check of Doppel's `mst` against smartnoise-synth's MST (pip install smartnoise-synth),
on the same 80% splits, both scored by `doppel report --json` (Doppel's SDMetrics 0.32-style
quality against the split they were fitted on).

Usage: python3 Benchmarks/dp_crosscheck.py DOPPEL DIR [--splits 3] [--seeds 1] [--epsilons 0.3,1,3]
  [--datasets diamonds,credit_data]
smartnoise's samples are written beside them (NAME_EPS_SPLIT_SEED_smartnoise.csv, with the fit
time in .seconds) and reused by a later run.
DIR holds what `DP_WRITE=DIR dp-bench` wrote: NAME_train_SPLIT.csv and Doppel's samples
NAME_EPS_SPLIT_SEED.csv. smartnoise spends 10% of ε on its preprocessor (bounds of numbers;
more when that finds no bounds, as it says) and the rest on MST, so both sides spend the same total ε; δ is smartnoise's default (1/n²-style
1e-9 is Doppel's). Prints one line per dataset and ε: the mean quality of each and the fit time.
"""
import argparse, json, subprocess, sys, time, os, warnings
import pandas as pd

warnings.filterwarnings("ignore")
parser = argparse.ArgumentParser()
parser.add_argument("doppel")
parser.add_argument("dir")
parser.add_argument("--splits", type=int, default=3)
parser.add_argument("--seeds", type=int, default=1)
parser.add_argument("--epsilons", default="0.3,1,3")
parser.add_argument("--datasets", default="diamonds,credit_data")
args = parser.parse_args()

def quality(real, synthetic):
    out = subprocess.run([args.doppel, "report", real, synthetic, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["quality"]

from snsynth import Synthesizer
for name in args.datasets.split(","):
    for epsilon in [float(e) for e in args.epsilons.split(",")]:
        ours, theirs, times = [], [], []
        for split in range(args.splits):
            train = f"{args.dir}/{name}_train_{split}.csv"
            df = pd.read_csv(train)
            categorical = [c for c in df.columns if df[c].dtype == object]
            continuous = [c for c in df.columns if c not in categorical]
            for seed in range(args.seeds):
                ours.append(quality(train, f"{args.dir}/{name}_{epsilon}_{split}_{seed}.csv"))
                path = f"{args.dir}/{name}_{epsilon}_{split}_{seed}_smartnoise.csv"
                if not os.path.exists(path):  # a sample from an earlier run is reused, with its fit time
                    # smartnoise's preprocessor may find no bounds for a column with a small share
                    # of ε ("BinTransformer could not find bounds"): then it gets a larger share.
                    for share in (0.1, 0.2, 0.3, 0.5):
                        start = time.time()
                        synth = Synthesizer.create("mst", epsilon=epsilon, verbose=False)
                        try:
                            synth.fit(df, preprocessor_eps=epsilon * share, categorical_columns=categorical,
                                      continuous_columns=continuous, nullable=True)
                            break
                        except ValueError as error:
                            print(f"  smartnoise at ε = {epsilon} with {share:.0%} on its preprocessor: {error}", flush=True)
                    with open(path + ".seconds", "w") as seconds:
                        seconds.write(str(time.time() - start))
                    synth.sample(len(df)).to_csv(path, index=False)
                times.append(float(open(path + ".seconds").read()))
                theirs.append(quality(train, path))
        mean = lambda xs: sum(xs) / len(xs)
        print(f"{name} ε = {epsilon}: doppel mst {mean(ours):.3f}, smartnoise-synth mst {mean(theirs):.3f} "
              f"(fit {mean(times):.1f} s; {len(ours)} runs each)", flush=True)
