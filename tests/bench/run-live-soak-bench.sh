#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-live-soak-bench.sh [BUILD_DIR]
#
# Live soak with churn (issue 10): churn.pcap (make_soak_pcap churn: 5 s of traffic at about
# 200,000 packets/s, 2,000 new flows a second, 200 busy long-lived flows) is replayed in a loop
# with tcpreplay --unique-ip (every loop shifts the addresses: new flows each loop, and new
# hosts too, some 1,000 a second) at a fixed rate over a veth pair into
#   capture_consumer   the window's capture path without widgets: CaptureWorker in a QThread,
#                      a consumer reading every new row, the window's in-memory row cap
#                      (5,000,000 rows, CaptureSettings' default as AppSettings'); it records
#                      the capture as the window does
#   tcpdump            -B 16384 -w FILE, on the same replay, as the peer
# Every 10 s it prints the resident memory of the capturer and of any process it started (a
# capture helper, once there is one: the script does not care), and at the end packets sent,
# captured (packets in the file written, counted by bench_rawpcap), kernel drops, and CPU per
# packet: utime+stime from /proc of the capturer and all its descendants, summed, read just
# before the stop, over the packets captured. A report: it fails only when something cannot
# run.
#
# Needs root (ip netns add). Traffic stays inside the two namespaces it creates (named
# ${NETLENS_BENCH_NS_PREFIX:-nlbench}A/B<pid>); they are deleted on exit, with the captures
# (about 120 bytes a packet while it runs: some 14 GB each for the full 10 minutes, deleted
# once counted).
#
# Environment:
#   NETLENS_SOAK_SECONDS       how long to replay into each capturer (default 600)
#   NETLENS_SOAK_PPS           replay rate, packets/s (default 200000)
#   NETLENS_SOAK_PEER          0: skip tcpdump (default 1)
#   NETLENS_CONSUMER_CAPS      caps of flows, hosts and conversations for the consumer
#                              (default: the window's, 1,000,000 each). --unique-ip makes
#                              every loop's hosts new, about 1,000 a second, so at the
#                              defaults the host table grows for the whole 10 minutes;
#                              smaller caps show memory level off once they fill
#   NETLENS_BENCH_DIR          cache for churn.pcap and the run (default /var/tmp/netlens-bench)
#   NETLENS_BENCH_NS_PREFIX    start of the namespaces' names (default nlbench)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-live-soak-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
seconds=${NETLENS_SOAK_SECONDS:-600}
pps=${NETLENS_SOAK_PPS:-200000}
with_peer=${NETLENS_SOAK_PEER:-1}
readonly SETTLE=2

die() { echo "run-live-soak-bench.sh: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root: it creates network namespaces and a veth pair"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "NETLENS_SOAK_SECONDS must be a positive number, not '$seconds'"
[[ $pps =~ ^[1-9][0-9]*$ ]] || die "NETLENS_SOAK_PPS must be a positive number, not '$pps'"
for tool in ip tcpreplay tcpdump pgrep; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh --test installs it)"
done
consumer=$build/tests/bench/capture_consumer
raw=$build/tests/bench/bench_rawpcap
gen=$build/tests/bench/make_soak_pcap
echo "building capture_consumer bench_rawpcap make_soak_pcap in $build ..." >&2
cmake --build "$build" --target capture_consumer netlens-capture bench_rawpcap make_soak_pcap >&2 || die "build failed"
# The consumer captures through the helper, as the window does; root runs it, so no setcap.
export NETLENS_CAPTURE_HELPER=$build/src/helper/netlens-capture

mkdir -p "$benchdir"
churn=$benchdir/churn.pcap
header="make_soak_pcap v1 churn days=0 seed=10 snaplen=128"
if [[ ! -f $churn || ! -f $churn.index || $(head -1 "$churn.index") != "$header" ]]; then
    echo "building $churn with make_soak_pcap ..." >&2
    rm -f "$churn" "$churn.index"
    "$gen" churn "$churn.tmp" >&2 || die "make_soak_pcap failed"
    mv -f "$churn.tmp.index" "$churn.index"
    sed -i "1s/.*/$header/" "$churn.index"
    mv -f "$churn.tmp" "$churn"
fi
loop_packets=$(awk '$1 == "end" { print $3 }' "$churn.index")

# shellcheck source=benchns.sh
. "$here/benchns.sh"

hz=$(getconf CLK_TCK)
# tree PID: PID and all its descendants.
tree() {
    local p
    echo "$1"
    for p in $(pgrep -P "$1" 2>/dev/null); do tree "$p"; done
}
# cpu_ticks PIDS...: utime + stime summed (fields 14 and 15 of /proc/PID/stat, after the name).
cpu_ticks() {
    local p total=0 rest
    for p in "$@"; do
        rest=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
        total=$((total + $(awk '{ print $12 + $13 }' <<<"$rest")))
    done
    echo "$total"
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo -; }

# soak NAME READY CMD...: runs CMD in namespace B, waits for READY on its stderr, replays
# churn.pcap into vethA for $seconds, samples memory every 10 s, reads the CPU time of the
# capturer's process tree, stops it with SIGINT and leaves its figures in $work/NAME.*.
soak() {
    local name=$1 ready=$2
    shift 2
    echo "== $name: $*" >&2
    ip netns exec "$B" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" &
    local pid=$! # ip netns exec execs the command: the same process
    wait_capturing "$name" "$pid" "$work/$name.stderr" "$ready"
    echo "replaying $churn ($loop_packets packets a loop, --unique-ip) at $pps packets/s for $seconds s ..." >&2
    ip netns exec "$A" tcpreplay -K --pps="$pps" --loop=0 --unique-ip --duration="$seconds" \
        -i vethA "$churn" >"$work/$name.replay" 2>&1 &
    local replay=$! start p v helper others
    start=$(date +%s) # tcpreplay -K first loads the loop into memory (a few seconds)
    # Packets so far: what reached vethB (tcpreplay may fall short of the rate asked).
    printf '%8s %12s %12s %12s\n' "elapsed" "vethB rx" "capturer MB" "helpers MB" | tee "$work/$name.rss"
    while kill -0 "$replay" 2>/dev/null; do
        sleep 10
        local elapsed=$(($(date +%s) - start))
        others=0 helper=-
        for p in $(tree "$pid" | tail -n +2); do
            v=$(rss_mb "$p")
            [[ $v =~ ^[0-9]+$ ]] && others=$((others + v)) && helper=$others
        done
        printf '%7ss %12s %12s %12s\n' "$elapsed" \
            "$(ip netns exec "$B" cat /sys/class/net/vethB/statistics/rx_packets 2>/dev/null || echo -)" \
            "$(rss_mb "$pid")" "$helper" | tee -a "$work/$name.rss"
    done
    wait "$replay" || { tail -5 "$work/$name.replay" >&2; die "tcpreplay failed"; }
    sleep "$SETTLE"
    # shellcheck disable=SC2046
    cpu_ticks $(tree "$pid") >"$work/$name.ticks"
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" >"$work/$name.hwm" 2>/dev/null || echo - >"$work/$name.hwm"
    kill -INT "$pid"
    wait "$pid" || echo "$name exited with status $?" >&2
    read -r captured _ < <("$raw" "$work/$name.pcap") || captured=-
    echo "$captured" >"$work/$name.captured"
    rm -f "$work/$name.pcap" "$work/$name.pcap".* # some GB: counted, not kept
}

field() { grep -oE "$2[0-9]+" "$1" 2>/dev/null | head -1 | grep -oE '[0-9]+$' || echo -; }

soak consumer "capturing on" "$consumer" vethB "$work/consumer.pcap"
if [[ $with_peer != 0 ]]; then
    soak tcpdump "listening on" tcpdump -i vethB -B 16384 -w "$work/tcpdump.pcap"
fi

# --- the report -----------------------------------------------------------------------------
echo
echo "Live soak with churn  $(date -u '+%Y-%m-%d %H:%M UTC')  commit $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
echo "  replay   $churn ($loop_packets packets a loop), tcpreplay -K --unique-ip --pps=$pps for $seconds s, over a veth pair"
echo "  machine  $(nproc) cores, kernel $(uname -r); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  CPU      utime+stime of the capturer and its descendants (/proc/PID/stat), read $SETTLE s after the replay"
echo
printf '%-10s %10s %10s %10s %8s %8s %9s %11s %8s  %s\n' capturer sent "sent pps" captured drops lost "CPU s" "CPU us/pkt" "VmHWM MB" notes
for name in consumer tcpdump; do
    [[ -f $work/$name.ticks ]] || continue
    sent=$(field "$work/$name.replay" 'Actual: ')
    rate=$(grep -oE 'Rated: .* ([0-9.]+) pps' "$work/$name.replay" | grep -oE '[0-9.]+ pps' | awk '{ printf "%.0f", $1 }')
    captured=$(cat "$work/$name.captured")
    case $name in
        consumer)
            drops=$(field "$work/$name.stdout" 'dropped_kernel=')
            notes="rows read $(field "$work/$name.stdout" ' rows='), max batch gap $(field "$work/$name.stdout" 'max_batch_gap_ms=') ms, stop $(field "$work/$name.stdout" 'stop_ms=') ms; row cap 5,000,000" ;;
        tcpdump)
            drops=$(grep -oE '[0-9]+ packets dropped by kernel' "$work/$name.stderr" | grep -oE '^[0-9]+' || echo -)
            notes="-B 16384" ;;
    esac
    lost=-
    [[ $sent =~ ^[0-9]+$ && $captured =~ ^[0-9]+$ ]] && lost=$((sent - captured))
    ticks=$(cat "$work/$name.ticks")
    cpu=$(awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }')
    per=-
    [[ $captured =~ ^[1-9][0-9]*$ ]] && per=$(awk -v t="$ticks" -v hz="$hz" -v n="$captured" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')
    printf '%-10s %10s %10s %10s %8s %8s %9s %11s %8s  %s\n' "$name" "$sent" "$rate" "$captured" "$drops" "$lost" \
        "$cpu" "$per" "$(cat "$work/$name.hwm")" "$notes"
done
echo
echo "Resident memory of capture_consumer over the run (MB):"
awk 'NR > 1 { printf "  %s %s", $1, $3 } END { print "" }' "$work/consumer.rss" | fold -s -w 100
