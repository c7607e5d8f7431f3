#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-capture-bench.sh [BUILD_DIR]
#
# Live-capture benchmark: replays a 500,000-packet capture of real traffic as fast as it can
# (tcpreplay -K --topspeed) into one end of a veth pair and captures it on the other end, three
# times over the same pair of network namespaces, with:
#   tcpdump            tcpdump -w FILE -B 16384 (the same 16 MiB kernel buffer as NetLens)
#   netlens-cli        netlens-cli capture -w FILE (decode, nDPI, statistics, the report)
#   GUI-like consumer  tests/bench/capture_consumer: CaptureWorker in a QThread, a main-thread
#                      slot reading every new store row on batchReady (what the GUI does)
#   helper>null        netlens-capture -w FILE > /dev/null (the capture helper alone: file
#                      and stream, no reader)
#   helper|cat         netlens-capture -w FILE | cat > /dev/null (the stream through a pipe to
#                      a reader that only copies it; CPU is the helper's and cat's together)
# Both NetLens runs capture through the capture helper (netlens-capture opens the interface,
# writes the file and streams the packets on a pipe; NetLens decodes in its own process).
# It prints one table: packets sent (tcpreplay's own count), captured (packets in the file
# written), kernel drops (the capturer's pcap_stats), CPU time per captured packet (user+sys of
# the capturer process and its helper, /usr/bin/time) and more. Then, through the helper:
# the time a packet takes to reach the table (capture_consumer --probe: 20 frames sent on the
# capture interface, send() to the batchReady bringing the row; target < 200 ms) and the
# stop time (requestStop() to finished(); target < 200 ms), beside tcpdump's stop (SIGINT to
# exit). A report: it fails only when something cannot run, not on drops.
#
# Needs root (ip netns add). Traffic stays inside the two namespaces it creates; they are
# deleted on exit, whatever happens.
#
# BUILD_DIR    the CMake build directory (default: <repo>/build); netlens-cli,
#              capture_consumer and netlens-capture are built there when missing.
# Environment:
#   NETLENS_BENCH_DIR      cache folder for capture-500k.pcap (default /var/tmp/netlens-bench);
#                          the captures written during the run go to a temporary folder there
#                          and are deleted (about 600 MB while running).
#   NETLENS_BENCH_SRC      folder with base.pcap (default /work/shared/bench)
#   NETLENS_BENCH_SETTLE   seconds between the end of the replay and SIGINT (default 2)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-capture-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
src=${NETLENS_BENCH_SRC:-/work/shared/bench}
settle=${NETLENS_BENCH_SETTLE:-2}
readonly PACKETS=500000 COPIES=10

die() { echo "run-capture-bench.sh: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root: it creates network namespaces and a veth pair"
for tool in ip tcpreplay tcpdump mergecap editcap capinfos pgrep; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh --test installs it)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

cli=$build/src/cli/netlens-cli
consumer=$build/tests/bench/capture_consumer
helper=$build/src/helper/netlens-capture
if [ ! -x "$cli" ] || [ ! -x "$consumer" ] || [ ! -x "$helper" ]; then
    echo "building netlens-cli, capture_consumer and netlens-capture in $build ..." >&2
    cmake --build "$build" --target netlens-cli capture_consumer netlens-capture >&2 ||
        die "build failed"
fi
# netlens-cli finds the helper beside it (../helper in the build tree); the consumer by this.
export NETLENS_CAPTURE_HELPER=$helper

# --- the capture: base.pcap 10 times over, the first 500,000 packets; built once, cached ------
cap=$benchdir/capture-500k.pcap
count_packets() { capinfos -c -M "$1" 2>/dev/null | awk -F': *' '/^Number of packets/ {print $2}'; }
if [ ! -f "$cap" ] || [ "$(count_packets "$cap")" != "$PACKETS" ]; then
    [ -f "$src/base.pcap" ] || die "$src/base.pcap not found (set NETLENS_BENCH_SRC)"
    echo "building $cap from $COPIES copies of $src/base.pcap ..." >&2
    mkdir -p "$benchdir"
    gen=$(mktemp -d "$benchdir/gen.XXXXXX")
    copies=()
    for _ in $(seq $COPIES); do copies+=("$src/base.pcap"); done
    mergecap -F pcap -a -w "$gen/merged.pcap" "${copies[@]}"
    editcap -F pcap -r "$gen/merged.pcap" "$gen/capture.pcap" "1-$PACKETS"
    # Only a complete capture reaches the cache.
    mv -f "$gen/capture.pcap" "$cap"
    rm -rf "$gen"
fi
cap_bytes=$(stat -c %s "$cap")

# --- one pair of namespaces for the whole run ---------------------------------------------------
# shellcheck source=benchns.sh
. "$here/benchns.sh"

# run_capture NAME READY_PATTERN COMMAND...: runs COMMAND in namespace B under /usr/bin/time,
# waits for READY_PATTERN on its stderr, replays the capture into vethA, waits $settle s, sends
# SIGINT and collects the figures into $work/NAME/. With SIGNAL_CHILD=PROGRAM, COMMAND is a
# shell running a pipeline, and SIGINT goes to its child PROGRAM instead.
run_capture() {
    local name=$1 ready=$2
    shift 2
    local dir=$work/$name
    mkdir -p "$dir"
    echo "== $name: $*" >&2
    # ip netns exec execs /usr/bin/time, so $! is time's pid; the capturer is its child.
    ip netns exec "$B" /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$@" \
        >"$dir/stdout" 2>"$dir/stderr" &
    local timepid=$!
    wait_capturing "$name" "$timepid" "$dir/stderr" "$ready"
    local pid
    pid=$(pgrep -P "$timepid" | head -1)
    [ -n "$pid" ] || die "$name: no capturer process under /usr/bin/time"
    if [ -n "${SIGNAL_CHILD:-}" ]; then
        pid=$(pgrep -P "$pid" -x "$SIGNAL_CHILD" | head -1)
        [ -n "$pid" ] || die "$name: no $SIGNAL_CHILD process in the pipeline"
    fi
    ip netns exec "$A" tcpreplay -K --topspeed -i vethA "$cap" >"$dir/replay" 2>&1 ||
        { tail -5 "$dir/replay" >&2; die "tcpreplay failed"; }
    sleep "$settle"
    kill -INT "$pid"
    wait "$timepid" || echo "$name exited with status $? (see below)" >&2
}

# field FILE REGEX: the first number after REGEX in FILE (or -).
field() { grep -oE "$2[0-9]+" "$1" 2>/dev/null | head -1 | grep -oE '[0-9]+$' || echo -; }

run_capture tcpdump "listening on" tcpdump -i vethB -B 16384 -w "$work/tcpdump.pcap"
run_capture netlens-cli "Capturing on" "$cli" capture -i vethB -w "$work/netlens-cli.pcap"
run_capture consumer "capturing on" "$consumer" vethB "$work/consumer.pcap"
# The helper's status lines go to stderr (--status-fd 2): "started" is its ready line.
run_capture helper-null "^started" sh -c 'exec "$0" "$@" >/dev/null' \
    "$helper" -i vethB -B 16 -w "$work/helper-null.pcap" --status-fd 2
SIGNAL_CHILD=netlens-capture run_capture helper-pipe "^started" \
    sh -c '"$0" "$@" | cat >/dev/null' "$helper" -i vethB -B 16 -w "$work/helper-pipe.pcap" \
    --status-fd 2

# --- latency and stop through the helper -------------------------------------------------------
echo "== latency: $consumer vethB ... --probe 20" >&2
ip netns exec "$B" "$consumer" vethB "$work/probe.pcap" --probe 20 >"$work/probe.out" 2>"$work/probe.err" ||
    { cat "$work/probe.err" >&2; die "capture_consumer --probe failed"; }
# tcpdump's stop: SIGINT to its exit, idle.
ip netns exec "$B" tcpdump -i vethB -B 16384 -w "$work/tcpdump-stop.pcap" 2>"$work/tcpdump-stop.err" &
tdpid=$!
wait_capturing tcpdump-stop "$tdpid" "$work/tcpdump-stop.err" "listening on"
t0=$(date +%s%N)
kill -INT "$tdpid"
wait "$tdpid" || true
tcpdump_stop_ms=$((($(date +%s%N) - t0) / 1000000))

# --- the table --------------------------------------------------------------------------------
printf '\nLive capture of %s (%d packets, %s bytes) replayed with tcpreplay -K --topspeed over a veth\n' \
    "$cap" "$PACKETS" "$cap_bytes"
printf 'pair (MTU 65535) between two network namespaces; %s cores; kernel %s. One run each, in turn.\n' \
    "$(nproc)" "$(uname -r)"
printf 'captured = packets in the file written; drops = the capturer'"'"'s pcap_stats ps_drop;\n'
printf 'CPU = user+sys of the capturer process (/usr/bin/time), per captured packet.\n\n'
row() { printf '%-12s %7s %9s %9s %7s %7s %7s %7s %11s %7s %7s  %s\n' "$@"; }
row capturer sent "sent pps" captured "drops" "lost" "user s" "sys s" "CPU us/pkt" "wall s" "RSS MB" notes
for name in tcpdump netlens-cli consumer helper-null helper-pipe; do
    dir=$work/$name
    sent=$(field "$dir/replay" 'Actual: ')
    failed=$(field "$dir/replay" 'Failed packets: +')
    pps=$(grep -oE 'Rated: .* ([0-9.]+) pps' "$dir/replay" | grep -oE '[0-9.]+ pps' | awk '{printf "%.0f", $1}')
    captured=$(count_packets "$work/$name.pcap")
    notes=""
    case $name in
        tcpdump)
            drops=$(grep -oE '[0-9]+ packets dropped by kernel' "$dir/stderr" | grep -oE '^[0-9]+' || echo -)
            notes="-B 16384 (16 MiB buffer, as NetLens)" ;;
        netlens-cli)
            drops=$(grep -oE 'dropped [0-9]+ by the kernel' "$dir/stderr" | grep -oE '[0-9]+' || echo -)
            notes="processed $(grep -oE 'Final: [0-9]+' "$dir/stderr" | grep -oE '[0-9]+')" ;;
        consumer)
            drops=$(field "$dir/stdout" 'dropped_kernel=')
            notes="rows read $(field "$dir/stdout" ' rows='), batches $(field "$dir/stdout" 'batches='), max gap $(field "$dir/stdout" 'max_batch_gap_ms=') ms, stop $(field "$dir/stdout" 'stop_ms=') ms" ;;
        helper-*)
            # The last "stats RECEIVED DROPPED IFDROPPED" line, and "done N".
            drops=$(awk '/^stats / {d = $3} END {print (d == "" ? "-" : d)}' "$dir/stderr")
            notes="done $(field "$dir/stderr" '^done '); -B 16"
            [ "$name" = helper-pipe ] && notes="$notes; CPU includes cat" ;;
    esac
    [ "$failed" = 0 ] || notes="$notes; tcpreplay failed $failed"
    read -r wall user sys rss <"$dir/time" || { wall=- user=- sys=- rss=0; }
    lost=-
    [[ $sent =~ ^[0-9]+$ && $captured =~ ^[0-9]+$ ]] && lost=$((sent - captured))
    per=-
    [[ $captured =~ ^[1-9][0-9]*$ ]] && per=$(awk -v u="$user" -v s="$sys" -v n="$captured" 'BEGIN {printf "%.2f", (u + s) * 1e6 / n}')
    row "$name" "$sent" "$pps" "$captured" "$drops" "$lost" "$user" "$sys" "$per" "$wall" \
        "$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}')" "$notes"
done
printf '\nThrough the helper (capture_consumer, GUI-like):\n'
printf '  packet to table: median %s ms, max %s ms over %s of 20 probes (target < 200 ms)\n' \
    "$(field "$work/probe.out" 'probe_median_ms=')" "$(field "$work/probe.out" 'probe_max_ms=')" \
    "$(field "$work/probe.out" 'probes_seen=')"
printf '  stop: %s ms idle (requestStop to finished), %s ms after the 500k replay; tcpdump: %s ms (SIGINT to exit)\n' \
    "$(field "$work/probe.out" 'stop_ms=')" "$(field "$work/consumer/stdout" 'stop_ms=')" "$tcpdump_stop_ms"
printf 'Load while measuring: %s\n' "$(uptime)"
printf '\nwall s includes start-up, the %s s wait after the replay and the end (netlens-cli: the report).\n' "$settle"
