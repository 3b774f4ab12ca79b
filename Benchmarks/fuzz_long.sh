#!/usr/bin/env bash
# Long fuzzing run (issue 12 §10): every libFuzzer target for an hour each, or SECONDS_PER_TARGET.
# Record per target the runs and the result in BENCHMARKS.md, "Fuzzing (issue 12)".
#
#   Benchmarks/fuzz_long.sh [SECONDS_PER_TARGET]      default 3600
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL_FUZZ_KEEP=1 exec bash scripts/fuzz.sh "${1:-3600}"
