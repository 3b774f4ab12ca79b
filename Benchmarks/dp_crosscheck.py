"""Cross-check of Doppel's `mst` against smartnoise-synth's MST and AIM (pip install
smartnoise-synth), on the same 80% splits, all scored by `doppel report --json` (Doppel's
SDMetrics 0.32-style quality against the split they were fitted on).

Usage: python3 Benchmarks/dp_crosscheck.py DOPPEL DIR [--splits 3] [--seeds 1] [--epsilons 0.3,1,3]
  [--datasets diamonds,credit_data] [--references mst,aim,aim@100] [--cap 600]
DIR holds what `DP_WRITE=DIR dp-bench` wrote: NAME_train_SPLIT.csv and Doppel's samples
NAME_EPS_SPLIT_SEED.csv. A reference's samples are written beside them
(NAME_EPS_SPLIT_SEED_smartnoise.csv for MST, ..._smartnoise_aim.csv for AIM, with the fit time
in .seconds, or a .timeout file when the fit ran past --cap seconds) and reused by a later run.
Each reference fit runs in a child process killed after --cap seconds (AIM refits its
graphical model after every round and can take long). `aim@N` is AIM with each of its
Private-PGM estimates (mirror descent) stopped after N iterations instead of smartnoise's 1000:
the same mechanism and privacy, a less converged model (written as ..._smartnoise_aimN.csv).
smartnoise spends 10% of ε on its preprocessor (bounds of numbers; more when that finds no
bounds, as it says) and the rest on the model, so every side spends the same total ε; δ is
smartnoise's default 1e-9, as Doppel's. Prints one line per dataset and ε: the mean quality of
each and the fit time.
"""
import argparse, json, subprocess, sys, time, os, warnings

warnings.filterwarnings("ignore")


def fit_one(model, train, epsilon, out):
    """Fits smartnoise's MODEL on TRAIN at EPSILON and writes as many rows to OUT (child process)."""
    import pandas as pd
    from snsynth import Synthesizer
    if "@" in model:  # aim@N: every mirror-descent estimate stopped after N iterations
        model, iterations = model.split("@")
        import snsynth.aim.aim as aim_module
        estimation = aim_module.estimation

        class CappedEstimation:
            def __getattr__(self, name):
                return getattr(estimation, name)

            def mirror_descent(self, *args, **kwargs):
                kwargs["iters"] = int(iterations)
                return estimation.mirror_descent(*args, **kwargs)
        aim_module.estimation = CappedEstimation()
    df = pd.read_csv(train)
    categorical = [c for c in df.columns if df[c].dtype == object]
    continuous = [c for c in df.columns if c not in categorical]
    # smartnoise's preprocessor may find no bounds for a column with a small share of ε
    # ("BinTransformer could not find bounds"): then it gets a larger share.
    for share in (0.1, 0.2, 0.3, 0.5):
        start = time.time()
        synth = Synthesizer.create(model, epsilon=epsilon, verbose=False)
        try:
            synth.fit(df, preprocessor_eps=epsilon * share, categorical_columns=categorical,
                      continuous_columns=continuous, nullable=True)
            break
        except ValueError as error:
            print(f"  smartnoise {model} at ε = {epsilon} with {share:.0%} on its preprocessor: {error}",
                  file=sys.stderr, flush=True)
    seconds = time.time() - start
    synth.sample(len(df)).to_csv(out + ".tmp", index=False)
    with open(out + ".seconds", "w") as file:
        file.write(str(seconds))
    os.replace(out + ".tmp", out)


if len(sys.argv) > 1 and sys.argv[1] == "--fit-one":
    fit_one(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5])
    sys.exit(0)

parser = argparse.ArgumentParser()
parser.add_argument("doppel")
parser.add_argument("dir")
parser.add_argument("--splits", type=int, default=3)
parser.add_argument("--seeds", type=int, default=1)
parser.add_argument("--epsilons", default="0.3,1,3")
parser.add_argument("--datasets", default="diamonds,credit_data")
parser.add_argument("--references", default="mst,aim")
parser.add_argument("--cap", type=float, default=600, help="seconds a reference fit may take")
args = parser.parse_args()


def quality(real, synthetic):
    out = subprocess.run([args.doppel, "report", real, synthetic, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["quality"]


def reference(model, train, epsilon, path):
    """Quality and fit time of smartnoise's MODEL, or None when its fit ran past the cap."""
    if not os.path.exists(path) and not os.path.exists(path + ".timeout"):
        try:
            subprocess.run([sys.executable, __file__, "--fit-one", model, train, str(epsilon), path],
                           timeout=args.cap, check=True, stdout=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            open(path + ".timeout", "w").write(str(args.cap))
    if os.path.exists(path + ".timeout"):
        return None
    return quality(train, path), float(open(path + ".seconds").read())


mean = lambda xs: sum(xs) / len(xs)
references = args.references.split(",") if args.references else []
for name in args.datasets.split(","):
    for epsilon in [float(e) for e in args.epsilons.split(",")]:
        ours, theirs = [], {model: [] for model in references}
        timeouts = {model: 0 for model in references}
        for split in range(args.splits):
            train = f"{args.dir}/{name}_train_{split}.csv"
            for seed in range(args.seeds):
                ours.append(quality(train, f"{args.dir}/{name}_{epsilon}_{split}_{seed}.csv"))
                for model in references:
                    suffix = "_smartnoise" if model == "mst" else f"_smartnoise_{model.replace('@', '')}"
                    result = reference(model, train, epsilon, f"{args.dir}/{name}_{epsilon}_{split}_{seed}{suffix}.csv")
                    if result is None:
                        timeouts[model] += 1
                    else:
                        theirs[model].append(result)
        line = f"{name} ε = {epsilon}: doppel mst {mean(ours):.3f}"
        for model in references:
            runs = theirs[model]
            if runs:
                line += (f", smartnoise-synth {model} {mean([q for q, _ in runs]):.3f}"
                         f" (fit {mean([s for _, s in runs]):.1f} s)")
            if timeouts[model]:
                line += f", smartnoise-synth {model}: {timeouts[model]} fit(s) past {args.cap:.0f} s"
        print(line + f"; {len(ours)} run(s) each", flush=True)
