#!/usr/bin/env bash
# Fuzzes Doppel's parsers with libFuzzer (issue 12 §10): builds the targets in Fuzz/ with the
# fuzzer and address sanitizers, then runs each for a bounded time from its seed corpus in
# Fuzz/Corpus. Exits non-zero when any target reports a crash, a timeout (an input taking over
# 10 s), running out of memory (2 GB) or a leak.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 s, every target
#
# Targets: CSVReaderFuzz, ParquetReaderFuzz, SessionFuzz, FormulaFuzz, PatternFuzz. New corpus inputs and crash
# artifacts go to a temporary folder (printed at the end), never into the repository; to keep a
# reproducer, copy it into Fuzz/Corpus/<target>/ and add a unit test (Fuzz/README.md).
# Environment: DOPPEL_FUZZ_CONFIG (debug, the default, or release), DOPPEL_FUZZ_SCRATCH (the
# build folder, .build-fuzz), DOPPEL_FUZZ_MODELS=0 (SessionFuzz skips fitted models),
# DOPPEL_FUZZ_KEEP=1 (keep the temporary folder even when every target passed),
# DOPPEL_FUZZ_LEAKS=1 (look for leaks after every input that allocated more than it freed:
# several times slower, as the reader's and the sampler's worker threads make most inputs look
# so; by default LeakSanitizer checks once, when each target exits, and a leak fails it too).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, not '$seconds'" >&2; exit 64 ;; esac
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(CSVReaderFuzz ParquetReaderFuzz SessionFuzz FormulaFuzz PatternFuzz)
config=${DOPPEL_FUZZ_CONFIG:-debug}
scratch=${DOPPEL_FUZZ_SCRATCH:-.build-fuzz}
swift=${SWIFT:-swift}

corpus_of() {
    case "$1" in
        CSVReaderFuzz) echo csv ;;
        ParquetReaderFuzz) echo parquet ;;
        SessionFuzz) echo session ;;
        FormulaFuzz) echo formula ;;
        PatternFuzz) echo pattern ;;
        *) echo "fuzz.sh: unknown target '$1'" >&2; exit 64 ;;
    esac
}
for target in "${targets[@]}"; do corpus_of "$target" >/dev/null; done

# libFuzzer ships with Swift's toolchain on Linux (clang's runtime); the Xcode toolchain has none.
toolchain=$(dirname "$(dirname "$(command -v "$swift")")")
if ! ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
    echo "fuzz.sh: no libFuzzer runtime (libclang_rt.fuzzer-*.a) under $toolchain/lib/clang; use a swift.org Linux toolchain" >&2
    exit 1
fi

# -DDOPPEL_FUZZ leaves out each target's replay `main`, so that libFuzzer's drives it.
flags=(-c "$config" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDOPPEL_FUZZ --scratch-path "$scratch")
build_start=$(date +%s)
for target in "${targets[@]}"; do
    echo "fuzz.sh: building $target ($config, sanitizers fuzzer,address) in $scratch" >&2
    # gold warns about every ASan helper it cannot export; nothing to act on.
    "$swift" build "${flags[@]}" --product "$target" 2>&1 | { grep -v "Cannot export local symbol" || true; }
done
echo "fuzz.sh: build took $(( $(date +%s) - build_start )) s" >&2
bin=$("$swift" build "${flags[@]}" --show-bin-path)

# Swift's backtracer would race libFuzzer's and ASan's handlers for a crash; theirs report it.
export SWIFT_BACKTRACE=enable=no
# Memory made once by a global's initialiser is not a leak of an input (Fuzz/lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
work=$(mktemp -d "${TMPDIR:-/tmp}/doppel-fuzz.XXXXXX")
failed=()
summary=()
for target in "${targets[@]}"; do
    name=$(corpus_of "$target")
    mkdir -p "$work/corpus/$name" "$work/artifacts"
    dictionary=()
    [ -f "Fuzz/Dictionaries/$name.dict" ] && dictionary=(-dict="Fuzz/Dictionaries/$name.dict")
    log="$work/$target.log"
    echo "fuzz.sh: $target for $seconds s (log: $log)" >&2
    start=$(date +%s)
    status=0
    # The first corpus folder receives new inputs; the seeds in the repository are only read.
    "$bin/$target" "$work/corpus/$name" "Fuzz/Corpus/$name" "${dictionary[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks="${DOPPEL_FUZZ_LEAKS:-0}" \
        -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1 || status=$?
    elapsed=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    artifacts=$(find "$work/artifacts" -name "$target-*" | wc -l)
    if [ "$status" -ne 0 ] || [ "$artifacts" -ne 0 ]; then
        result="FAILED (exit $status, $artifacts artifact(s))"
        failed+=("$target")
        grep -E "^==[0-9]+==ERROR|^SUMMARY|Fatal error|ALARM|out-of-memory|Test unit written" "$log" | head -20 >&2 || true
    else
        result="ok"
    fi
    summary+=("$(printf '%-14s %10s runs in %4d s  %s' "$target" "${runs:-?}" "$elapsed" "$result")")
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzz.sh: findings in ${failed[*]}; logs and artifacts in $work" >&2
    exit 1
fi
if [ "${DOPPEL_FUZZ_KEEP:-0}" = 1 ]; then
    echo "fuzz.sh: logs and new corpus inputs in $work" >&2
else
    rm -rf "$work"
fi
