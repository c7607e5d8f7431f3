#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test run (what .ci/run does):
#   1. deploy/setup-deps.sh --test (installs only what is missing)
#   2. Release build in build/ (gcc) and every CTest test there
#   3. clang ASan+UBSan+libFuzzer build in build-asan/ (no GUI), a short fuzz run seeded from
#      a copy of ../shared/corpus, then the CTest tests there except those labelled gui/bench
# A failed install or build stops the run at once; a failed test stage (Release tests, fuzz
# run) lets the later stages run too, and the script then exits 1. Works from any folder;
# re-runs only rebuild what changed. Knobs: NETLENS_FUZZ_TIME (seconds, default 60; 0 skips the fuzz run),
# NETLENS_CTEST_JOBS (default nproc).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FUZZ_TIME="${NETLENS_FUZZ_TIME:-60}"
CTEST_JOBS="${NETLENS_CTEST_JOBS:-$JOBS}"
CORPUS="$(cd "$REPO/.." && pwd)/shared/corpus"
stage() { printf '\n==== test.sh [%ss]: %s ====\n' "$SECONDS" "$*"; }
failed=()

stage "dependencies"
"$REPO/deploy/setup-deps.sh" --test

stage "Release build (build/)"
configure build -DCMAKE_BUILD_TYPE=Release
as_user cmake --build "$REPO/build" --parallel "$JOBS"

stage "Release tests"
as_user env QT_QPA_PLATFORM=offscreen \
  ctest --test-dir "$REPO/build" --output-on-failure --no-tests=error --parallel "$CTEST_JOBS" ||
  failed+=("Release tests")

stage "ASan+UBSan+fuzzer build (build-asan/, clang)"
configure build-asan -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DNETLENS_SANITIZE=ON -DNETLENS_FUZZ=ON -DNETLENS_BUILD_GUI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
as_user cmake --build "$REPO/build-asan" --parallel "$JOBS"

# Sanitizer settings for everything below (a caller's own settings win). Qt and nDPI are
# Debian's uninstrumented builds: ASan still checks the heap they share with NetLens, but
# not their own reads and writes.
supp="$REPO/tests/sanitizers/lsan.supp"
[ -f "$supp" ] || supp=""
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0:print_stacktrace=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:report_error_type=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-print_suppressions=0${supp:+:suppressions=$supp}}"
export QT_QPA_PLATFORM=offscreen

if [ "$FUZZ_TIME" != 0 ]; then
  stage "fuzz_capture for ${FUZZ_TIME}s"
  work="$(as_user mktemp -d "${TMPDIR:-/tmp}/netlens-fuzz.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  as_user mkdir -p "$work/corpus" "$work/seeds" "$REPO/build-asan/fuzz-artifacts"
  # A copy: shared/ may be read-only, and libFuzzer writes into its first corpus folder.
  # Saved crash inputs (tests/fuzz/crashes/) seed it too.
  as_user cp "$CORPUS"/*.pcap* "$work/seeds/"
  [ -d "$REPO/tests/fuzz/crashes" ] &&
    as_user find "$REPO/tests/fuzz/crashes" -type f ! -name 'README*' -exec cp {} "$work/seeds/" \;
  as_user chmod -R u+w "$work/seeds"
  log="$REPO/build-asan/fuzz.log"
  rc=0
  as_user "$REPO/build-asan/tests/fuzz/fuzz_capture" -max_total_time="$FUZZ_TIME" \
    -rss_limit_mb=2048 -max_len=65536 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$REPO/build-asan/fuzz-artifacts/" "$work/corpus" "$work/seeds" \
    >"$log" 2>&1 || rc=$?
  grep -E '^INFO: seed corpus|INITED|^#[0-9]+ +DONE|^stat::|^Done ' "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 80 "$log"
    echo "test.sh: fuzz_capture failed (exit $rc). Full log: $log; the failing input is in" \
         "$REPO/build-asan/fuzz-artifacts/ (replay: build-asan/tests/fuzz/fuzz_capture FILE;" \
         "keep it in tests/fuzz/crashes/ once fixed)." >&2
    failed+=("fuzz run")
  fi
fi

stage "sanitized tests (build-asan/, without gui/bench labels)"
as_user ctest --test-dir "$REPO/build-asan" --output-on-failure --no-tests=error \
  --parallel "$CTEST_JOBS" -LE '^(gui|bench)$' || failed+=("sanitized tests")

if [ ${#failed[@]} -gt 0 ]; then
  printf 'test.sh: FAILED: %s (after %ss)\n' "$(IFS=,; echo "${failed[*]}")" "$SECONDS" >&2
  exit 1
fi
