#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What deploy/run.sh saves: a cold Release build (fresh build directory, no ccache) of
# RUN_TARGETS (deploy/lib.sh) until the window can start, then the rest of the tree, as
# deploy/test.sh builds it. Prints the steps and the wall and CPU time of each part.
# Usage: tests/bench/run-build-bench.sh [BUILD_DIR]   (default /tmp/netlens-build-bench; it is
# emptied first). JOBS defaults to nproc.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/lib.sh"
dir=${1:-/tmp/netlens-build-bench}
jobs=${JOBS:-$(nproc)}
rm -rf "$dir"
export CCACHE_DISABLE=1
cmake -S "$REPO" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release --log-level=WARNING >/dev/null
# shellcheck disable=SC2086 # RUN_TARGETS is a list of target names
run_steps=$(ninja -C "$dir" -t commands $RUN_TARGETS | wc -l)
all_steps=$(ninja -C "$dir" -t commands all | wc -l)
echo "load before: $(uptime)"
part() { # part NAME TARGETS...
  local name=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$dir/.time" ninja -C "$dir" -j "$jobs" "$@" >>"$dir/.build.log" 2>&1
  t1=$(date +%s.%N)
  read -r user sys <"$dir/.time"
  awk -v n="$name" -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%-24s wall %7.1f s   CPU (user+sys) %7.1f s\n", n, w, u + s }'
}
echo "steps from scratch: RUN_TARGETS ($RUN_TARGETS) $run_steps, everything $all_steps"
# shellcheck disable=SC2086
part "run.sh (RUN_TARGETS)" $RUN_TARGETS
part "the rest (test.sh)" all
echo "load after: $(uptime)"
