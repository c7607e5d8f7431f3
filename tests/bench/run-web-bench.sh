#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-web-bench.sh [BUILD_DIR]
#
# Load figures of the web dashboard (issue 9, point 6) with wrk on loopback, bounded in time:
#   (a) /api/v1/summary, one client back to back (wrk -t1 -c1 -d10s): p50 and p99 latency;
#       target under 5 ms (the reply comes from the feed's cache of the snapshot).
#   (b) 50 clients each polling /api/v1/dashboard twice a second (wrk -t2 -c50 -d20s, a Lua
#       delay() of 500 ms): requests/s served and the serve process's CPU (utime + stime from
#       /proc/PID/stat, before and after) as % of one core; target under 5 %.
# Peer, side by side: python3 -m http.server serving the same JSON as static files under the
# same loads. It is a report: a MISS does not make it fail; a missing tool does.
#
# BUILD_DIR    the CMake build directory (default: <repo>/build) holding src/cli/netlens-cli.
# Environment:
#   NETLENS_BENCH_DIR    where big.pcap is (default /var/tmp/netlens-bench; run-analyze-bench.sh
#                        builds it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-web-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
readonly TARGET_MS=5 TARGET_CPU_PCT=5

die() { echo "run-web-bench.sh: $*" >&2; exit 2; }
for tool in wrk curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh installs it)"
done
[[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 is missing"
cli=$build/src/cli/netlens-cli
if [[ ! -x $cli ]]; then
    echo "building netlens-cli in $build ..." >&2
    cmake --build "$build" --target netlens-cli >&2 || die "build failed"
fi
big=$benchdir/big.pcap
[[ -f $big ]] || die "$big not found (tests/bench/run-analyze-bench.sh builds it)"

work=$(mktemp -d)
serve_pid='' peer_pid=''
cleanup() {
    [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
    [[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null && wait "$peer_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# CPU seconds (user + system) of a process so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / hz }' "/proc/$1/stat"
}
# "50%" or "99%" latency of wrk --latency output, in ms.
latency_ms() {
    awk -v p="$2" '$1 == p {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 0
        printf "%.3f\n", v * f }' "$1"
}
requests_per_s() { awk '$1 == "Requests/sec:" { print $2 }' "$1"; }

cat > "$work/poll.lua" <<'LUA'
-- every connection asks twice a second, as the page does while a capture runs
function delay() return 500 end
LUA

# (a) and (b) against one server; $1 name, $2 base URL, $3 PID whose CPU counts, $4 dashboard path.
run_loads() {
    local name=$1 base=$2 pid=$3 dash=$4
    wrk --latency -t1 -c1 -d10s "${base}api/v1/summary${5:-}" > "$work/$name-a.txt"
    local before after
    before=$(cpu_seconds "$pid")
    wrk --latency -t2 -c50 -d20s -s "$work/poll.lua" "${base}${dash}" > "$work/$name-b.txt"
    after=$(cpu_seconds "$pid")
    local cpu
    cpu=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", (b - a) / 20 * 100 }')
    printf '%s %s %s %s %s %s\n' "$name" "$(latency_ms "$work/$name-a.txt" 50%)" \
        "$(latency_ms "$work/$name-a.txt" 99%)" "$(requests_per_s "$work/$name-a.txt")" \
        "$(requests_per_s "$work/$name-b.txt")" "$cpu"
}

# --- netlens-cli serve ------------------------------------------------------------------
"$cli" serve "$big" --listen 127.0.0.1:0 --quiet > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 100); do
    grep -q '^Serving ' "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
url=$(sed -n 's/^Serving //p' "$work/serve.out")
[[ -n $url ]] || die "serve printed no URL: $(cat "$work/serve.err")"
echo "serving $big at $url; loading ..." >&2
for _ in $(seq 1 600); do
    curl -sf "${url}api/v1/status" | grep -q '"state":"finished"' && break
    sleep 0.2
done
curl -sf "${url}api/v1/status" | grep -q '"state":"finished"' || die "big.pcap did not finish loading"
curl -sf "${url}api/v1/summary" > "$work/summary.json"
mkdir -p "$work/www/api/v1"
cp "$work/summary.json" "$work/www/api/v1/summary"
curl -sf "${url}api/v1/dashboard" > "$work/www/api/v1/dashboard"
packets=$(curl -sf "${url}api/v1/status" | sed 's/.*"packets":\([0-9]*\).*/\1/')
echo "loaded $packets packets; summary $(stat -c %s "$work/summary.json") bytes, dashboard $(stat -c %s "$work/www/api/v1/dashboard") bytes" >&2

results=$(run_loads netlens "$url" "$serve_pid" api/v1/dashboard)

# --- the peer: python3 -m http.server with the same JSON as files -------------------------
peer_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work/www" && exec /usr/bin/python3 -m http.server --bind 127.0.0.1 "$peer_port" > /dev/null 2>&1) &
peer_pid=$!
for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$peer_port/api/v1/summary" > /dev/null && break
    sleep 0.1
done
results+=$'\n'$(run_loads python-http.server "http://127.0.0.1:$peer_port/" "$peer_pid" api/v1/dashboard)

echo
printf '%-20s %12s %12s %14s %16s %14s\n' server "summary p50" "summary p99" "summary req/s" "50 pollers req/s" "CPU % 1 core"
while read -r name p50 p99 rps prps cpu; do
    printf '%-20s %9s ms %9s ms %14s %16s %14s\n' "$name" "$p50" "$p99" "$rps" "$prps" "$cpu"
done <<< "$results"
echo
read -r _ p50 p99 _ _ cpu <<< "$(head -1 <<< "$results")"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t) ? "PASS" : "MISS" }'; }
echo "summary p50 ${p50} ms < ${TARGET_MS} ms: $(verdict "$p50" $TARGET_MS)"
echo "summary p99 ${p99} ms < ${TARGET_MS} ms: $(verdict "$p99" $TARGET_MS)"
echo "50 pollers at 2/s: ${cpu} % of one core < ${TARGET_CPU_PCT} %: $(verdict "$cpu" $TARGET_CPU_PCT)"
