#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-flood-bench.sh [BUILD_DIR]
#
# Memory under a flood (issue 10): make-flood-pcap.py's captures, every packet a new flow and
# a new source (1,000,000 packets, and 2,000,000 to see whether memory follows the flood),
# analyzed by netlens-cli analyze --no-csv --json with the in-memory caps on flows, hosts and
# conversations at two settings (CAPS_SMALL, CAPS_LARGE below), and with its defaults. What
# should be seen: peak RSS set by the caps, the same for 1 M and 2 M flows; the JSON summary
# saying how much went to the "other" bucket. Until netlens-cli analyze has the options
# (--max-flows --max-hosts --max-conversations --flow-timeout) it runs with the defaults only
# and says "caps not available". Beside it: tshark -n -q -z conv,ip and the raw libpcap loop
# on the same files. A report: it fails only when something cannot run.
#
# Environment:
#   NETLENS_BENCH_DIR   cache for flood.pcap and flood-2m.pcap (default /var/tmp/netlens-bench)
#   NETLENS_FLOOD_PEER  0: skip tshark (default 1)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-flood-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
with_peer=${NETLENS_FLOOD_PEER:-1}
# Two cap settings, each for flows, hosts and conversations; the flow timeout stays at its
# default of 300 s, longer than the floods last in packet time (100 s and 200 s), so that the
# caps, not the expiry, are what bounds them.
readonly CAPS_SMALL=100000 CAPS_LARGE=400000 FLOW_TIMEOUT=300

die() { echo "run-flood-bench.sh: $*" >&2; exit 2; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
command -v tshark >/dev/null || with_peer=0
cli=$build/src/cli/netlens-cli
raw=$build/tests/bench/bench_rawpcap
echo "building netlens-cli bench_rawpcap in $build ..." >&2
cmake --build "$build" --target netlens-cli bench_rawpcap >&2 || die "build failed"

mkdir -p "$benchdir"
# flood FILE PACKETS: the cached flood capture, built when missing or of another size.
flood() {
    local file=$benchdir/$1 packets=$2 n
    if [[ -f $file ]]; then
        read -r n _ < <("$raw" "$file") || n=0
        [[ $n == "$packets" ]] && return 0
    fi
    echo "building $file ($packets packets) with make-flood-pcap.py ..." >&2
    /usr/bin/python3 "$here/make-flood-pcap.py" "$file.tmp" "$packets" && mv -f "$file.tmp" "$file" ||
        die "make-flood-pcap.py failed"
}
flood flood.pcap 1000000
flood flood-2m.pcap 2000000

help=$("$cli" analyze --help 2>&1 || true)
caps=1
for opt in --max-flows --max-hosts --max-conversations --flow-timeout; do
    grep -q -- "$opt" <<<"$help" || caps=0
done

work=$(mktemp -d "${TMPDIR:-/tmp}/netlens-flood.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat "$benchdir/flood.pcap" "$benchdir/flood-2m.pcap" >/dev/null

# run LABEL FILE CMD...: CMD once under /usr/bin/time; appends "label|file|wall|maxrss_kb|status"
# to $work/rows (the command's JSON, if it writes $work/x.json, is kept as $work/N.json).
n=0
run() {
    local label=$1 file=$2 rc=0
    shift 2
    n=$((n + 1))
    echo "  $label on $file ..." >&2
    rm -f "$work/x.json"
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
    [[ -f $work/x.json ]] && mv "$work/x.json" "$work/$n.json"
    read -r wall rss < <(tail -1 "$work/time")
    local status=ok
    ((rc == 0)) || status="exit $rc: $(tail -1 "$work/stderr")"
    echo "$label|$file|$wall|$rss|$status|$n" >>"$work/rows"
}
: >"$work/rows"
for file in flood.pcap flood-2m.pcap; do
    path=$benchdir/$file
    run "raw libpcap loop (bench_rawpcap)" "$file" "$raw" "$path"
    [[ $with_peer == 0 ]] || run "tshark -n -q -z conv,ip" "$file" tshark -n -q -z conv,ip -r "$path"
    run "netlens-cli analyze (defaults)" "$file" "$cli" analyze --no-csv --quiet --json "$work/x.json" "$path"
    if ((caps)); then
        for cap in "$CAPS_SMALL" "$CAPS_LARGE"; do
            run "netlens-cli analyze, caps $cap" "$file" "$cli" analyze --no-csv --quiet \
                --json "$work/x.json" --max-flows "$cap" --max-hosts "$cap" \
                --max-conversations "$cap" --flow-timeout "$FLOW_TIMEOUT" "$path"
        done
    fi
done

# other_of N: what the JSON summary says fell past the caps: its top-level fields whose names
# speak of other/capped/evicted/expired/dropped, compact.
other_of() {
    [[ -f $work/$1.json ]] || { echo -; return; }
    /usr/bin/python3 - "$work/$1.json" <<'EOF'
import json, re, sys
summary = json.load(open(sys.argv[1]))
words = re.compile(r'other|cap|evict|expir|dropp|overflow')
found = {k: v for k, v in summary.items() if words.search(k)}
for k in ('flows', 'top_talkers', 'conversations'):
    if isinstance(summary.get(k), dict):
        found.update({f'{k}.{kk}': vv for kk, vv in summary[k].items() if words.search(kk)})
print(json.dumps(found, separators=(',', ':'))[:200] if found else '(none in the JSON)')
EOF
}

echo
echo "Flood under the caps  $(date -u '+%Y-%m-%d %H:%M UTC')  commit $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
echo "  input    make-flood-pcap.py: every packet a new UDP flow and a new source, 10,000 packets/s of packet time"
echo "  machine  $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
if ((caps)); then
    echo "  caps     --max-flows/--max-hosts/--max-conversations $CAPS_SMALL and $CAPS_LARGE, --flow-timeout $FLOW_TIMEOUT"
else
    echo "  caps     caps not available: netlens-cli analyze has no --max-flows --max-hosts --max-conversations --flow-timeout"
fi
echo "  RSS      peak resident set (/usr/bin/time %M; the capture is memory-mapped, so its pages count); MB = MiB"
echo
printf '%-36s %-14s %8s %9s  %s\n' command file "wall s" "peak MB" "past the caps (summary JSON)"
while IFS='|' read -r label file wall rss status idx; do
    note=$(other_of "$idx")
    [[ $label == netlens-cli* ]] || note=""
    [[ $status == ok ]] || note="FAILED ($status)"
    printf '%-36s %-14s %8s %9s  %s\n' "$label" "$file" "$wall" "$((rss / 1024))" "$note"
done <"$work/rows"
