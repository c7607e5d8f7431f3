#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-analyze-bench.sh [BUILD_DIR]
#
# Benchmarks `netlens-cli analyze` against the floors and peers of /work/shared/bench/README.md
# on the 1 GB / 2.54 M-packet big.pcap, and prints one table side by side plus PASS/MISS per
# target. A second input, flood.pcap (make-flood-pcap.py: 1 M packets, each a new flow), shows
# the worst case for per-flow state next to tshark and the raw loop. It is a report: a MISS does not make it fail; a missing tool or a bad capture does.
#
# BUILD_DIR    the CMake build directory (default: <repo>/build); it must hold
#              src/cli/netlens-cli and tests/bench/bench_rawpcap (built here when missing).
# Environment:
#   NETLENS_BENCH_DIR    where big.pcap and mid.pcap are cached (default /var/tmp/netlens-bench),
#                        built with make-bench-pcap.sh only when not there (about 10 s, 2.3 GB
#                        of disk while building).
#   NETLENS_BENCH_RUNS   runs per command; the table shows the median time (default 3).
#   NETLENS_BENCH_SRC    the folder with make-bench-pcap.sh and base.pcap (default /work/shared/bench).
#
# Times are wall-clock of the whole process (start-up included), page cache warm, median of the
# runs; peak RSS is the largest of the runs (/usr/bin/time %M). MB = 10^6 bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-analyze-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
runs=${NETLENS_BENCH_RUNS:-3}
src=${NETLENS_BENCH_SRC:-/work/shared/bench}

# The reference captures (see $src/README.md).
readonly BIG_BYTES=1049319474 BIG_PACKETS=2544050 MID_PACKETS=254405
# Targets for netlens-cli analyze on big.pcap.
readonly TARGET_PPS=2000000 TARGET_RAW_PCT=40 TARGET_RSS_MB=400

die() { echo "run-analyze-bench.sh: $*" >&2; exit 2; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "NETLENS_BENCH_RUNS must be a positive number, not '$runs'"
for tool in tcpdump tshark mergecap editcap tcprewrite; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh installs it)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time; deploy/setup-deps.sh lists it)"

cli=$build/src/cli/netlens-cli
raw=$build/tests/bench/bench_rawpcap
if [[ ! -x $cli || ! -x $raw ]]; then
    echo "building netlens-cli and bench_rawpcap in $build ..." >&2
    cmake --build "$build" --target netlens-cli bench_rawpcap >&2 || die "build failed"
fi

# --- the captures: build once, cache outside the repository, verify every time -----------
big=$benchdir/big.pcap
mid=$benchdir/mid.pcap
if [[ ! -f $big || ! -f $mid || $(stat -c %s "$big") -ne $BIG_BYTES ]]; then
    [[ -x $src/make-bench-pcap.sh ]] || die "$src/make-bench-pcap.sh not found (set NETLENS_BENCH_SRC)"
    echo "building $big and $mid with $src/make-bench-pcap.sh (takes a while) ..." >&2
    mkdir -p "$benchdir"
    gen=$(mktemp -d "$benchdir/gen.XXXXXX")
    trap 'rm -rf "$gen"' EXIT
    "$src/make-bench-pcap.sh" "$gen" >&2
    # Only complete captures reach the cache, so an interrupted build is never taken for one.
    mv -f "$gen/big.pcap" "$big"
    mv -f "$gen/mid.pcap" "$mid"
    rm -rf "$gen"
    trap - EXIT
fi
big_bytes=$(stat -c %s "$big")
mid_bytes=$(stat -c %s "$mid")
[[ $big_bytes -eq $BIG_BYTES ]] || die "$big has $big_bytes bytes, not $BIG_BYTES (delete it to rebuild)"

echo "warming the page cache ..." >&2
cat "$big" "$mid" >/dev/null
read -r n _ < <("$raw" "$big") || die "bench_rawpcap failed on $big"
[[ $n -eq $BIG_PACKETS ]] || die "$big has $n packets, not $BIG_PACKETS (delete it to rebuild)"
read -r n _ < <("$raw" "$mid") || die "bench_rawpcap failed on $mid"
[[ $n -eq $MID_PACKETS ]] || die "$mid has $n packets, not $MID_PACKETS (delete it to rebuild)"

flood=$benchdir/flood.pcap
if [[ ! -f $flood ]]; then
    echo "building $flood with make-flood-pcap.py ..." >&2
    /usr/bin/python3 "$here/make-flood-pcap.py" "$flood.tmp" && mv -f "$flood.tmp" "$flood" ||
        die "make-flood-pcap.py failed"
fi
readonly FLOOD_PACKETS=1000000
flood_bytes=$(stat -c %s "$flood")
cat "$flood" >/dev/null
read -r n _ < <("$raw" "$flood") || die "bench_rawpcap failed on $flood"
[[ $n -eq $FLOOD_PACKETS ]] || die "$flood has $n packets, not $FLOOD_PACKETS (delete it to rebuild)"

work=$(mktemp -d "${TMPDIR:-/tmp}/netlens-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
csv=$work/x.csv

# --- measuring ---------------------------------------------------------------------------
# busy_ticks: CPU time the whole machine has spent busy (not idle or iowait), in clock ticks.
busy_ticks() {
    local _cpu user nice system _idle _iowait irq softirq steal
    read -r _cpu user nice system _idle _iowait irq softirq steal _ </proc/stat
    echo $((user + nice + system + irq + softirq + steal))
}
hz=$(getconf CLK_TCK)
# cores TICKS NS: how many cores TICKS of CPU time keep busy over NS nanoseconds.
cores() { awk -v t="$1" -v hz="$hz" -v ns="$2" 'BEGIN { printf "%.2f", (ns > 0 ? (t / hz) / (ns / 1e9) : 0) }'; }
others_ticks=0 timed_ns=0 # CPU time other processes used during the timed runs, and their wall time

median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

# peak_rss_split CMD...: runs CMD once more (stdout to /dev/null) and prints "anon file", the
# largest RssAnon and RssFile (KiB) seen while polling /proc/PID/status every few ms. %M counts
# file-backed pages too (a capture read through mmap shows up whole); RssAnon is the heap.
peak_rss_split() {
    "$@" >/dev/null 2>&1 &
    local pid=$! anon=0 file=0 key value
    while kill -0 "$pid" 2>/dev/null; do
        while read -r key value _; do
            case $key in
                RssAnon:) if ((value > anon)); then anon=$value; fi ;;
                RssFile:) if ((value > file)); then file=$value; fi ;;
            esac
        done 2>/dev/null <"/proc/$pid/status" || true
        sleep 0.005
    done
    wait "$pid" || true
    echo "$anon $file"
}

# measure LABEL PACKETS BYTES CMD...: runs CMD $runs times (stdout to /dev/null), then once more
# to sample its memory, and appends
# "label|packets|bytes|median s|peak RSS KiB|status|peak anon KiB|peak file KiB|median CPU s|bg"
# to $work/rows, bg being the cores other processes kept busy on average during its timed runs.
measure() {
    local label=$1 packets=$2 bytes=$3
    shift 3
    local i t0 t1 b0 b1 rc ticks=0 ns=0 status=ok times=() cpus=() rss=0 m user sys anon file
    echo "  $label ($runs runs) ..." >&2
    for ((i = 1; i <= runs; i++)); do
        rm -f "$csv"
        b0=$(busy_ticks)
        t0=$(date +%s%N)
        rc=0
        /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
        t1=$(date +%s%N)
        b1=$(busy_ticks)
        # The wall time from date has ns resolution; %e only has 10 ms (too coarse for cat).
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')")
        read -r _ m user sys < <(tail -n 1 "$work/time")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
        # Whatever the machine was busy with beyond this command: other processes.
        ticks=$((ticks + b1 - b0 - $(awk -v u="$user" -v s="$sys" -v hz="$hz" 'BEGIN { printf "%d", (u + s) * hz + 0.5 }')))
        ns=$((ns + t1 - t0))
        if ((m > rss)); then rss=$m; fi
        if ((rc != 0)); then
            status="exit $rc"
            sed 's/^/    | /' "$work/stderr" | tail -n 5 >&2
        fi
    done
    local median cpu
    median=$(median "${times[@]}")
    cpu=$(median "${cpus[@]}")
    rm -f "$csv"
    read -r anon file < <(peak_rss_split "$@")
    others_ticks=$((others_ticks + ticks))
    timed_ns=$((timed_ns + ns))
    echo "$label|$packets|$bytes|$median|$rss|$status|$anon|$file|$cpu|$(cores "$ticks" "$ns")" >>"$work/rows"
}

echo "running (median of $runs) ..." >&2
: >"$work/rows"
measure "cat big.pcap > /dev/null"                        "$BIG_PACKETS" "$big_bytes" cat "$big"
measure "raw libpcap loop (bench_rawpcap big.pcap)"       "$BIG_PACKETS" "$big_bytes" "$raw" "$big"
measure "tcpdump -n -r big.pcap > /dev/null"              "$BIG_PACKETS" "$big_bytes" tcpdump -n -r "$big"
measure "tshark -n -q -z io,phs -r mid.pcap"              "$MID_PACKETS" "$mid_bytes" tshark -n -q -z io,phs -r "$mid"
measure "netlens-cli analyze --no-csv --quiet big.pcap"   "$BIG_PACKETS" "$big_bytes" "$cli" analyze --no-csv --quiet "$big"
measure "netlens-cli analyze --no-csv --alerts --quiet big.pcap" "$BIG_PACKETS" "$big_bytes" "$cli" analyze --no-csv --alerts --quiet "$big"
measure "netlens-cli analyze --csv x.csv --quiet big.pcap" "$BIG_PACKETS" "$big_bytes" "$cli" analyze --csv "$csv" --quiet "$big"
csv_bytes=$(stat -c %s "$csv" 2>/dev/null || echo 0)
measure "raw libpcap loop (bench_rawpcap flood.pcap)"     "$FLOOD_PACKETS" "$flood_bytes" "$raw" "$flood"
measure "tshark -n -q -z io,phs -r flood.pcap"            "$FLOOD_PACKETS" "$flood_bytes" tshark -n -q -z io,phs -r "$flood"
measure "netlens-cli analyze --no-csv --quiet flood.pcap" "$FLOOD_PACKETS" "$flood_bytes" "$cli" analyze --no-csv --quiet "$flood"
measure "netlens-cli analyze --no-csv --alerts --quiet flood.pcap" "$FLOOD_PACKETS" "$flood_bytes" "$cli" analyze --no-csv --alerts --quiet "$flood"
# The alert engine's own bounded tables after the flood (AlertEngine::memoryBytes()).
alert_memory=$("$cli" analyze --no-csv --alerts "$flood" 2>&1 >/dev/null | sed -n 's/^alerts: .*alert engine memory \([0-9.]*\) MB, \([0-9]*\) keys.*/\1 MB (\2 keys or alerts not tracked)/p')
background=$(cores "$others_ticks" "$timed_ns")

# --- the report --------------------------------------------------------------------------
echo
echo "netlens-cli analyze benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  commit   $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
echo "  machine  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "  input    $big ($big_bytes bytes, $BIG_PACKETS packets); tshark on mid.pcap ($mid_bytes bytes, $MID_PACKETS packets)"
echo "  method   page cache warm, whole-process wall time, median of $runs runs; MB = 10^6 bytes"
echo "           RSS = peak resident set of the runs (/usr/bin/time %M, file-backed pages included);"
echo "           CPU s = user + sys (median); anon/file = peak RssAnon/RssFile sampled from /proc in one extra run"
echo "  load     other processes (kernel writeback included) kept $background of $(nproc) cores busy on average during"
echo "           the timed runs (/proc/stat busy time minus the command's own; per command in the bg column)"
# A single-threaded command keeps a core of its own while the others leave one free.
contended=$(awk -F'|' -v n="$(nproc)" '$10 + 1 > n + 0.1 { c++ } END { print c + 0 }' "$work/rows")
if ((contended > 0)); then
    echo "  WARNING  $contended command(s) competed for a core with other processes (marked): their wall times are"
    echo "           unreliable; compare the CPU s column, or rerun when the machine is quiet"
elif awk -v b="$background" 'BEGIN { exit !(b > 0.25) }'; then
    echo "  note     other processes were busy but left a core free; they still share caches and memory bandwidth"
fi
echo
awk -F'|' -v big_packets="$BIG_PACKETS" -v ncores="$(nproc)" '
    {
        label[NR] = $1; pk[NR] = $2; by[NR] = $3; s[NR] = $4; rss[NR] = $5; st[NR] = $6
        anon[NR] = $7; file[NR] = $8; cpu[NR] = $9; bg[NR] = $10
        pps[NR] = ($4 > 0) ? $2 / $4 : 0
    }
    END {
        fmt = "%-50s %8s %8s %7s %6s %6s %7s %7s %7s %5s  %s\n"
        printf fmt, "command", "packets", "seconds", "Mpkt/s", "MB/s", "CPU s", "RSS MB", "anon MB", "file MB", "bg", "notes"
        printf fmt, "--------------------------------------------------", "--------", "--------",
               "-------", "------", "------", "-------", "-------", "-------", "-----", "-----"
        for (i = 1; i <= NR; i++) {
            note = (st[i] == "ok") ? "" : "FAILED (" st[i] ")"
            if (bg[i] + 1 > ncores + 0.1)
                note = note sprintf("%scontended", (note == "") ? "" : "; ")
            if (pk[i] != big_packets && pps[i] > 0)
                note = note sprintf("%s~%.1f s for big.pcap at this rate", (note == "") ? "" : "; ", big_packets / pps[i])
            printf "%-50s %8d %8.3f %7.3f %6.0f %6.2f %7.1f %7.1f %7.1f %5.2f  %s\n", label[i], pk[i], s[i], pps[i] / 1e6,
                   ((s[i] > 0) ? by[i] / 1e6 / s[i] : 0), cpu[i], rss[i] * 1024 / 1e6,
                   anon[i] * 1024 / 1e6, file[i] * 1024 / 1e6, bg[i], note
        }
    }' "$work/rows"
# Alerts side by side: the same analyze with and without the alert engine (target <= 15 % slower).
awk -F'|' '
    { s[$1] = $4; cpu[$1] = $9 }
    END {
        for (f in s) {
            if (f !~ /--alerts/) continue
            base = f; sub(/ --alerts/, "", base)
            if (!(base in s) || s[base] <= 0) continue
            printf "alerts: %-48s %+6.1f %% wall, %+6.1f %% CPU vs without (%.3f s vs %.3f s)%s\n", f,
                   100 * (s[f] / s[base] - 1), (cpu[base] > 0 ? 100 * (cpu[f] / cpu[base] - 1) : 0), s[f], s[base],
                   (f ~ /big/ ? ((s[f] <= 1.15 * s[base]) ? "  PASS (<= 15 %)" : "  MISS (> 15 %)") : "")
        }
    }' "$work/rows"
echo "alerts: alert engine memory on flood.pcap ${alert_memory:-unknown}"
if [[ $csv_bytes -gt 0 ]]; then
    echo "(the CSV run wrote $csv_bytes bytes, $(awk -v b="$csv_bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB)"
fi

echo
echo "targets for netlens-cli analyze on big.pcap (>= $((TARGET_PPS / 1000000)).0 M packets/s, >= $TARGET_RAW_PCT % of the raw libpcap loop, peak RSS <= $TARGET_RSS_MB MB):"
awk -F'|' -v tpps="$TARGET_PPS" -v tpct="$TARGET_RAW_PCT" -v trss="$TARGET_RSS_MB" '
    {
        label[NR] = $1; pps[NR] = ($4 > 0) ? $2 / $4 : 0; rss[NR] = $5 * 1024 / 1e6; st[NR] = $6
        anon[NR] = $7 * 1024 / 1e6; file[NR] = $8 * 1024 / 1e6
    }
    /^raw libpcap.*big[.]pcap/ { raw = NR }
    function verdict(good) { return good ? "PASS" : "MISS" }
    END {
        for (i = 1; i <= NR; i++) {
            if (label[i] !~ /^netlens-cli.*big[.]pcap/) continue
            pct = (pps[raw] > 0) ? 100 * pps[i] / pps[raw] : 0
            ok = (st[i] == "ok")
            printf "  %s%s\n", label[i], (ok ? "" : "  [the run FAILED: " st[i] "]")
            printf "    %s %7.2f M packets/s      (target >= %.1f M)\n", verdict(ok && pps[i] >= tpps), pps[i] / 1e6, tpps / 1e6
            printf "    %s %7.1f %% of raw libpcap  (target >= %d %%; raw loop %.2f M packets/s)\n",
                   verdict(ok && pct >= tpct), pct, tpct, pps[raw] / 1e6
            printf "    %s %7.0f MB peak RSS       (target <= %d MB; %%M, includes %.0f MB of file-backed pages)\n",
                   verdict(ok && rss[i] <= trss), rss[i], trss, file[i]
            printf "    %s %7.0f MB peak anonymous (the same target on RssAnon only: heap, not the mapped capture)\n",
                   verdict(ok && anon[i] <= trss), anon[i]
        }
    }' "$work/rows"
