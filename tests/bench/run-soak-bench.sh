#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-soak-bench.sh [BUILD_DIR]
#
# Long-run memory check for live capture: replays flood.pcap (make-flood-pcap.py: 1,000,000
# packets, each a new flow and a new host) in a loop at a fixed rate over a veth pair, into
# tests/bench/capture_consumer (CaptureWorker in a QThread with a consumer reading every row,
# as the GUI runs it; default in-memory cap of 5,000,000 rows). Every 10 s it prints the
# capturer's resident memory; at the end packets sent, captured and dropped. The point: memory
# levels off once the row cap is reached and the flows are all known, however long it runs.
# A report: it fails only when something cannot run.
#
# Needs root (ip netns add). Traffic stays inside the two namespaces it creates; they are
# deleted on exit, with the capture written (about 90 bytes per packet while it runs).
#
# Environment:
#   NETLENS_SOAK_SECONDS   how long to replay (default 180)
#   NETLENS_SOAK_PPS       replay rate, packets/s (default 200000)
#   NETLENS_BENCH_DIR      cache folder for flood.pcap and the run (default /var/tmp/netlens-bench)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-soak-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
seconds=${NETLENS_SOAK_SECONDS:-180}
pps=${NETLENS_SOAK_PPS:-200000}

die() { echo "run-soak-bench.sh: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root: it creates network namespaces and a veth pair"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "NETLENS_SOAK_SECONDS must be a positive number, not '$seconds'"
[[ $pps =~ ^[1-9][0-9]*$ ]] || die "NETLENS_SOAK_PPS must be a positive number, not '$pps'"
for tool in ip tcpreplay; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh --test installs it)"
done
consumer=$build/tests/bench/capture_consumer
if [ ! -x "$consumer" ] || [ ! -x "$build/src/helper/netlens-capture" ]; then
    echo "building capture_consumer and netlens-capture in $build ..." >&2
    cmake --build "$build" --target capture_consumer netlens-capture >&2 || die "build failed"
fi
# The consumer captures through the helper, as the window does; it is not beside it.
export NETLENS_CAPTURE_HELPER=$build/src/helper/netlens-capture

mkdir -p "$benchdir"
flood=$benchdir/flood.pcap
if [ ! -f "$flood" ]; then
    echo "building $flood with make-flood-pcap.py ..." >&2
    /usr/bin/python3 "$here/make-flood-pcap.py" "$flood.tmp" && mv -f "$flood.tmp" "$flood" ||
        die "make-flood-pcap.py failed"
fi

# shellcheck source=benchns.sh
. "$here/benchns.sh"

ip netns exec "$B" "$consumer" vethB "$work/soak.pcap" >"$work/stdout" 2>"$work/stderr" &
pid=$! # ip netns exec execs the command: the same process
wait_capturing capture_consumer "$pid" "$work/stderr" "capturing on"

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo -; }
echo "replaying $flood at $pps packets/s for $seconds s into capture_consumer (pid $pid) ..." >&2
ip netns exec "$A" tcpreplay -K --pps="$pps" --loop=0 --duration="$seconds" -i vethA "$flood" \
    >"$work/replay" 2>&1 &
replay=$!
start=$(date +%s)
printf '%8s %10s %8s\n' "elapsed" "~packets" "RSS MB"
while kill -0 "$replay" 2>/dev/null; do
    sleep 10
    elapsed=$(($(date +%s) - start))
    sent=$(( (elapsed < seconds ? elapsed : seconds) * pps ))
    printf '%7ss %10s %8s\n' "$elapsed" "$sent" "$(rss_mb)"
done
wait "$replay" || { tail -5 "$work/replay" >&2; die "tcpreplay failed"; }
sleep 2
peak=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
kill -INT "$pid"
wait "$pid" || echo "capture_consumer exited with status $?" >&2

echo
grep -E '^Actual:|^Rated:' "$work/replay" || true
echo "capture_consumer: $(cat "$work/stdout")"
echo "peak RSS ${peak} MB (VmHWM); in-memory row cap 5,000,000 (320 MB of rows); flows in flood.pcap 1,000,000"
