#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-gui-bench.sh [BUILD_DIR]
# The GUI on the benchmark capture and under a 200,000 packets/s live capture:
#   1. gui_bench open big.pcap: time to first rows, fully loaded, peak RSS, longest UI stall,
#      display filter over the whole file (median of NETLENS_BENCH_RUNS runs, default 3);
#   2. gui_bench live inside a network namespace while tcpreplay sends capture-500k.pcap at
#      200 kpps from another: longest UI stall, rows shown, kernel drops.
#   Then 10 M rows (big.pcap four times): load, filter, and repainting anywhere in the table.
# Targets (issue): loaded <= 3 s, RSS <= 100 B/packet + 250 MB, no stall > 100 ms, filter < 2 s.
# Needs root for part 2 (namespaces); big.pcap and capture-500k.pcap come from
# run-analyze-bench.sh and run-capture-bench.sh (cached in $NETLENS_BENCH_DIR).
set -euo pipefail
build=$(cd "${1:-$(dirname "$0")/../../build}" && pwd)
bench=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
runs=${NETLENS_BENCH_RUNS:-3}
gui="$build/tests/bench/gui_bench"
export QT_QPA_PLATFORM=offscreen
# The window's live capture goes through the helper; gui_bench is not beside it.
export NETLENS_CAPTURE_HELPER=$build/src/helper/netlens-capture
[ -f "$bench/big.pcap" ] || { echo "no $bench/big.pcap: run tests/bench/run-analyze-bench.sh first"; exit 1; }
cat "$bench/big.pcap" >/dev/null

echo "== open big.pcap in the window ($runs runs) =="
printf '%-4s %10s %10s %12s %10s %14s %12s\n' run first_ms loaded_ms load_stall_ms filter_ms filter_stall_ms rss_MB
for i in $(seq 1 "$runs"); do
  out=$("$gui" open "$bench/big.pcap" tcp 2>/dev/null)
  get() { awk -v k="$1" '$1==k {print $NF}' <<<"$out"; }
  printf '%-4s %10s %10s %12s %10s %14s %12s\n' "$i" "$(get first_rows_ms)" "$(get loaded_ms)" \
    "$(get load_max_stall_ms)" "$(get filter_ms)" "$(get filter_max_stall_ms)" "$(( $(get peak_rss_kb) / 1024 ))"
  pk=$(get packets)
done
echo "packets $pk; RSS target $(( (pk * 100) / 1048576 + 250 )) MB"

echo
echo "== 10 M rows: big.pcap opened four times as one capture =="
b4="$bench/big.pcap,$bench/big.pcap,$bench/big.pcap,$bench/big.pcap"
"$gui" open "$b4" tcp 2>/dev/null

echo
echo "== live capture at 200,000 packets/s =="
if [ "$(id -u)" -ne 0 ]; then echo "skipped: needs root for namespaces"; exit 0; fi
[ -f "$bench/capture-500k.pcap" ] || { echo "no capture-500k.pcap: run run-capture-bench.sh first"; exit 0; }
a="nlbA$$" b="nlbB$$"
work=$(mktemp -d)
cleanup() { ip netns del "$a" 2>/dev/null || true; ip netns del "$b" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$a"; ip netns add "$b"
ip link add vA type veth peer name vB
ip link set vA netns "$a"; ip link set vB netns "$b"
for ns in "$a" "$b"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" ip link set lo up
done
ip netns exec "$a" ip link set vA mtu 65535 up
ip netns exec "$b" ip link set vB mtu 65535 up
(cd "$work" && ip netns exec "$b" "$gui" live vB 6 >"$work/live.txt" 2>/dev/null) &
pid=$!
sleep 1.5
ip netns exec "$a" tcpreplay -q -i vA --pps=200000 "$bench/capture-500k.pcap" 2>&1 | grep -E "Actual|Rated" || true
wait $pid
cat "$work/live.txt"
