#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Flow expiry and memory caps (MemoryLimits): analyze throughput with expiry and caps on
# (the defaults) against everything kept (--flow-timeout 0, caps 0), 3 runs each, and the
# flood of new flows under small caps against none (peak RSS bounded by the caps).
# Usage: tests/bench/run-expiry-bench.sh BUILD_DIR [FILE] [FLOOD_PACKETS]
set -eu
build=${1:?build directory}
file=${2:-/work/shared/bench/base.pcap}
flood_packets=${3:-1000000}
cli="$build/src/cli/netlens-cli"
here=$(dirname "$0")
keep_all="--flow-timeout 0 --max-flows 0 --max-hosts 0 --max-conversations 0"
uptime
run() { # label, args...
    label=$1
    shift
    /usr/bin/time -f "$label: %e s, peak RSS %M KB" "$cli" analyze "$@" --no-csv --quiet
}
echo "== $file, 3 runs each"
for i in 1 2 3; do
    run "keep all      " "$file" $keep_all
    run "expiry (300 s)" "$file"
    run "expiry (5 s)  " "$file" --flow-timeout 5
done
flood="$build/flood-$flood_packets.pcap"
[ -f "$flood" ] || /usr/bin/python3 "$here/make-flood-pcap.py" "$flood" "$flood_packets"
echo "== flood of $flood_packets new flows ($flood)"
run "keep all              " "$flood" $keep_all
run "caps 100k, timeout 300" "$flood" --max-flows 100000 --max-hosts 100000 --max-conversations 100000
run "caps 10k, timeout 300 " "$flood" --max-flows 10000 --max-hosts 10000 --max-conversations 10000
