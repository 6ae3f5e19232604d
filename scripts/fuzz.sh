#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ (clang-14, ASan + UBSan, docs/security.md "Fuzzing")
# into build-fuzz/ and runs each for a bounded time, starting from fuzz/corpus/<target>/.
#   scripts/fuzz.sh [TARGET...]        fuzz every target (or those named), FUZZ_SECONDS each
#   scripts/fuzz.sh build [TARGET...]  only build them
#   scripts/fuzz.sh merge [TARGET...]  the same, then minimise the corpus with what was found
#                                      (-merge=1) and write it back to fuzz/corpus/<target>/
# Environment: FUZZ_SECONDS (default 20) per target, or FUZZ_RUNS=N for -runs=N instead (both:
# whichever comes first);
# The merge keeps the inputs that add an edge (-use_counters=0), for a small corpus.
# FUZZ_TMPDIR (scratch folder of the harnesses, default /dev/shm where it exists);
# BUILD_DIR (default build-fuzz); JOBS (build jobs, default nproc); FUZZ_NICE=1 runs under
# nice -n 19. The build is -O1 with line tables only (quick to compile, asserts on: a failed
# assert is a finding too). Exits non-zero if any target crashed, leaked, timed out or ran out of memory,
# and prints the reproducer path (replay it: build-fuzz/fuzz/fuzz_<target> FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
ALL=(csv import_calls import_tickets import_units ticket_json ruleset scenario capi)
merge=0 build_only=0
if [ "${1:-}" = merge ]; then merge=1; shift; fi
if [ "${1:-}" = build ]; then build_only=1; shift; fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL[@]}")
BUILD_DIR=${BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-20}
nice=()
[ "${FUZZ_NICE:-0}" = 1 ] && nice=(nice -n 19)

dict_of() {
  case "$1" in
    csv|import_*) echo fuzz/dict/csv.dict ;;
    ticket_json|capi) echo fuzz/dict/json.dict ;;
    *) echo fuzz/dict/lua.dict ;;
  esac
}

bash scripts/install-deps.sh >/dev/null
CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S . -B "$BUILD_DIR" -G Ninja -DHOTLINE_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" -DCMAKE_C_FLAGS_FUZZ="-O1 -gline-tables-only" \
  -DHOTLINE_BUILD_TESTS=OFF -DHOTLINE_BUILD_BENCH=OFF -DHOTLINE_WITH_GUI=OFF -DHOTLINE_WITH_PYTHON=OFF \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
"${nice[@]}" cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"
[ "$build_only" = 1 ] && exit 0

# The harnesses write their inputs (and the importers their reject files, with fsync) to a
# scratch folder under TMPDIR: on a disk that costs a few milliseconds per input, most of the
# time of a run, so a RAM-backed /dev/shm is used when there is one (FUZZ_TMPDIR overrides).
if [ -n "${FUZZ_TMPDIR:-}" ]; then export TMPDIR=$FUZZ_TMPDIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  work="$BUILD_DIR/fuzz-work/$t" artifacts="$BUILD_DIR/fuzz-artifacts/$t" log="$BUILD_DIR/fuzz-logs/$t.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")" "fuzz/corpus/$t"
  limit=(-max_total_time="$SECONDS_EACH")
  if [ -n "${FUZZ_RUNS:-}" ]; then  # -runs=N, and the time limit only if FUZZ_SECONDS is set too
    limit=(-runs="$FUZZ_RUNS")
    [ -n "${FUZZ_SECONDS:-}" ] && limit+=(-max_total_time="$FUZZ_SECONDS")
  fi
  start=$(date +%s)
  if "${nice[@]}" "$BUILD_DIR/fuzz/fuzz_$t" "${limit[@]}" -dict="$(dict_of "$t")" -timeout=25 -rss_limit_mb=2560 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "fuzz: $t: ${runs:-?} runs in $(( $(date +%s) - start )) s (${rate:-?} exec/s), no crash"
  else
    echo "fuzz: $t: FAILED, see $log; reproducer:" >&2
    ls -1 "$artifacts"/* 2>/dev/null | sed 's/^/  /' >&2 || true
    grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error|invariant violated|deadly signal' "$log" >&2 || tail -20 "$log" >&2
    failed+=("$t")
  fi
  if [ "$merge" = 1 ]; then
    fresh="$BUILD_DIR/fuzz-merged/$t"
    rm -rf "$fresh" && mkdir -p "$fresh"
    "${nice[@]}" "$BUILD_DIR/fuzz/fuzz_$t" -merge=1 -use_counters=0 -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
      "$fresh" "fuzz/corpus/$t" "$work" >"$log.merge" 2>&1
    cp -p fuzz/corpus/"$t"/crash-* "$fresh"/ 2>/dev/null || true  # named reproducers stay
    rm -rf "fuzz/corpus/$t" && mv "$fresh" "fuzz/corpus/$t"
    echo "fuzz: $t: corpus merged: $(ls "fuzz/corpus/$t" | wc -l) files, $(du -sk "fuzz/corpus/$t" | cut -f1) KiB"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} passed, 0 failed"
