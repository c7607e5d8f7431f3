#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# IPFIX export benchmark (issue 11): the cost of --ipfix on `netlens-cli analyze` of the 1 GB
# big.pcap (target: at most 10%), and NetLens beside softflowd exporting the same file to the
# same collector (nfdump's nfcapd on loopback) with the same timeouts (idle 15 s, active
# 1800 s): records, packets, octets, dates, sequence errors, time, and NetLens's agreement
# with its own JSON. Also on flood.pcap (1 M single-packet flows). Not a timed test: it prints.
#   run-ipfix-bench.sh [BUILD_DIR]   (default build/)
# Uses the captures run-analyze-bench.sh caches in NETLENS_BENCH_DIR (/var/tmp/netlens-bench);
# NETLENS_BENCH_RUNS (default 3) timed runs each, the median kept.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-ipfix-bench.sh: no build directory" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
runs=${NETLENS_BENCH_RUNS:-3}
cli=$build/src/cli/netlens-cli
die() { echo "run-ipfix-bench.sh: $*" >&2; exit 2; }

for tool in nfcapd nfdump softflowd; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh --test installs it)"
done
[[ -x $cli ]] || die "no $cli (build it first)"
[[ -f $benchdir/big.pcap ]] || die "no $benchdir/big.pcap: run tests/bench/run-analyze-bench.sh once to make it"
if [[ ! -f $benchdir/flood.pcap ]]; then
    /usr/bin/python3 "$here/make-flood-pcap.py" "$benchdir/flood.pcap.tmp" && mv -f "$benchdir/flood.pcap.tmp" "$benchdir/flood.pcap"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/netlens-ipfix-bench.XXXXXX")
nfpid=
trap '[[ -n $nfpid ]] && kill $nfpid 2>/dev/null; rm -rf "$work"' EXIT

# collector_start NAME: nfcapd on a free loopback port, its folder $work/NAME; sets $port.
collector_start() {
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$work/$1"
    nfcapd -B 4194304 -b 127.0.0.1 -p "$port" -w "$work/$1" -t 3600 >"$work/$1/nfcapd.log" 2>&1 &
    nfpid=$!
    for _ in $(seq 100); do grep -q Startup "$work/$1/nfcapd.log" && return; sleep 0.05; done
    die "nfcapd did not start"
}
collector_stop() { kill -TERM "$nfpid"; wait "$nfpid" || true; nfpid=; }

# timed CMD...: median wall and CPU seconds of $runs runs, as "wall cpu".
timed() {
    local walls=() cpus=() i
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; die "failed: $*"; }
        read -r w u s <"$work/time"
        walls+=("$w")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    done
    echo "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p") $(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")"
}

timeouts=(-t general=15 -t tcp=15 -t tcp.rst=15 -t tcp.fin=15 -t udp=15 -t icmp=15 -t maxlife=1800)
for name in big flood; do
    f=$benchdir/$name.pcap
    cat "$f" >/dev/null
    echo "== $name.pcap ($(stat -c %s "$f") bytes)" >&2
    read -r w0 c0 < <(timed "$cli" analyze "$f" --no-csv --quiet)
    read -r w1 c1 < <(timed "$cli" analyze "$f" --no-csv --quiet --ipfix-file "$work/x.ipfix")
    collector_start "netlens-$name"
    read -r w2 c2 < <(runs=1 timed "$cli" analyze "$f" --no-csv --quiet --json "$work/$name.json" --ipfix "127.0.0.1:$port")
    collector_stop
    collector_start "softflowd-$name"
    read -r w3 c3 < <(runs=1 timed softflowd -d -r "$f" -n "127.0.0.1:$port" -v 10 "${timeouts[@]}")
    collector_stop
    collector_start "softflowd-m-$name"
    read -r w4 c4 < <(runs=1 timed softflowd -d -r "$f" -n "127.0.0.1:$port" -v 10 -m 2000000 "${timeouts[@]}")
    collector_stop
    cost=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }')
    costw=$(awk -v a="$w0" -v b="$w1" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }')
    printf '%-58s %8s %8s\n' "$name.pcap" "wall s" "CPU s"
    printf '%-58s %8s %8s\n' "netlens-cli analyze --no-csv" "$w0" "$c0"
    printf '%-58s %8s %8s   cost: CPU %s, wall %s (target <= +10%%)\n' "netlens-cli analyze --no-csv --ipfix-file" "$w1" "$c1" "$cost" "$costw"
    printf '%-58s %8s %8s\n' "netlens-cli analyze --no-csv --ipfix 127.0.0.1 (paced)" "$w2" "$c2"
    printf '%-58s %8s %8s\n' "softflowd -r -v 10 (same timeouts, default 8192 flows)" "$w3" "$c3"
    printf '%-58s %8s %8s\n' "softflowd -r -v 10 -m 2000000" "$w4" "$c4"
    echo "  at nfcapd, NetLens:              $(/usr/bin/python3 "$here/ipfix_compare.py" "$work/netlens-$name" "$work/$name.json")"
    echo "  at nfcapd, softflowd:            $(/usr/bin/python3 "$here/ipfix_compare.py" "$work/softflowd-$name")"
    echo "  at nfcapd, softflowd -m 2000000: $(/usr/bin/python3 "$here/ipfix_compare.py" "$work/softflowd-m-$name")"
    /usr/bin/python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print("  NetLens tables: %d packets, %d wire bytes; exported %d records in %d messages (largest %d of %d bytes), %d lost" % (
    s["packets"], s["bytes"], s["ipfix"]["records"], s["ipfix"]["messages"],
    s["ipfix"]["largest_message"], s["ipfix"]["max_message"], s["ipfix"]["messages_lost"]))' "$work/$name.json"
done
