#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-week-bench.sh [BUILD_DIR]
#
# Memory over a synthetic week (issue 10, soak): make_soak_pcap writes a capture spanning 7
# days of packet time with steady churn (about 10 new flows/s, 200 long-lived flows, a minute
# of 10x new flows every hour, recurring hosts plus one-off ones; see make_soak_pcap.cpp), and
# it is read by
#   netlens-cli analyze --no-csv --json /dev/null   (--no-csv: no packet rows are kept, the
#                                                    only store bound analyze has)
#   the window, tests/bench/gui_bench open          (the table, statistics, nDPI, as a user
#                                                    opens it, then the display filter "tcp")
# Each is sampled once a second: VmRSS, and how far it is in packet time. The position comes
# from the tool itself: netlens-cli's progress bar (bytes read; it draws it on a terminal, so
# it runs under script(1)), the window's progress signal (gui_bench prints it); the bytes are
# turned into days with the capture's index (byte offset of every hour, written by
# make_soak_pcap). Then a table: RSS at each day, VmHWM at the end. Beside them: tshark -n -q
# -z conv,ip on the first hours (it keeps every frame: about 4 GB and 6 minutes for one day
# here, tens of GB for the week), the same hours through netlens-cli, and the raw libpcap loop
# (bench_rawpcap) over the week.
# What should be seen: RSS levelling off, not growing with the days. A report: it fails only
# when something cannot run.
#
# Environment:
#   NETLENS_BENCH_DIR          cache for week.pcap and its index (default /var/tmp/netlens-bench;
#                              about 2.7 GB for 7 days)
#   NETLENS_WEEK_DAYS          days of packet time (default 7; another value makes week-Nd.pcap)
#   NETLENS_WEEK_PEER_HOURS    hours given to tshark and the netlens-cli beside it (default 6)
#   NETLENS_WEEK_GUI           0: skip the window (default 1)
#   NETLENS_WEEK_PARTS         which runs, of "peers cli gui" (default all three)
#   NETLENS_WEEK_MAX_MB        a run whose RSS passes this is stopped and said so, to spare a
#                              shared machine (default 12000)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" 2>/dev/null && pwd) || { echo "run-week-bench.sh: no build directory ${1:-$repo/build}" >&2; exit 2; }
benchdir=${NETLENS_BENCH_DIR:-/var/tmp/netlens-bench}
days=${NETLENS_WEEK_DAYS:-7}
peer_hours=${NETLENS_WEEK_PEER_HOURS:-6}
with_gui=${NETLENS_WEEK_GUI:-1}
max_mb=${NETLENS_WEEK_MAX_MB:-12000}
parts=${NETLENS_WEEK_PARTS:-peers cli gui}
[[ " $parts " == *" gui "* ]] || with_gui=0
part() { [[ " $parts " == *" $1 "* ]]; }

die() { echo "run-week-bench.sh: $*" >&2; exit 2; }

[[ $days =~ ^[1-9][0-9]*$ && $days -le 60 ]] || die "NETLENS_WEEK_DAYS must be a whole number of days 1-60, not '$days'"
[[ $peer_hours =~ ^[1-9][0-9]*$ && $peer_hours -le $((days * 24)) ]] || die "NETLENS_WEEK_PEER_HOURS must be 1-$((days * 24)), not '$peer_hours'"
[[ $max_mb =~ ^[1-9][0-9]*$ ]] || die "NETLENS_WEEK_MAX_MB must be a positive number, not '$max_mb'"
for tool in tshark script; do
    command -v "$tool" >/dev/null || die "$tool is missing (deploy/setup-deps.sh installs it)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"

cli=$build/src/cli/netlens-cli
raw=$build/tests/bench/bench_rawpcap
gen=$build/tests/bench/make_soak_pcap
gui=$build/tests/bench/gui_bench
targets=(netlens-cli bench_rawpcap make_soak_pcap)
[[ $with_gui == 0 ]] || targets+=(gui_bench)
echo "building ${targets[*]} in $build ..." >&2
cmake --build "$build" --target "${targets[@]}" >&2 || die "build failed"

# --- the capture: built once, cached, checked against its index -----------------------------
mkdir -p "$benchdir"
name=week.pcap
[[ $days == 7 ]] || name=week-${days}d.pcap
week=$benchdir/$name
index=$week.index
header="make_soak_pcap v1 week days=$days seed=10 snaplen=80"
if [[ ! -f $week || ! -f $index || $(head -1 "$index") != "$header" ||
    $(awk '$1 == "end" { print $2 }' "$index") != $(stat -c %s "$week") ]]; then
    echo "building $week with make_soak_pcap (about 10 s of CPU per day of traffic) ..." >&2
    rm -f "$week" "$index"
    "$gen" week "$week.tmp" --days "$days" >&2 || die "make_soak_pcap failed"
    # Only a complete capture reaches the cache.
    mv -f "$week.tmp.index" "$index"
    sed -i "1s/.*/$header/" "$index"
    mv -f "$week.tmp" "$week"
fi
week_bytes=$(stat -c %s "$week")
week_packets=$(awk '$1 == "end" { print $3 }' "$index")

work=$(mktemp -d "$benchdir/week.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# The first peer_hours hours, cut at an hour mark of the index (a record boundary).
peer_hour=$peer_hours
peer_bytes=$(awk -v h="$peer_hour" '$1 == h { print $2 }' "$index")
[[ -n $peer_bytes ]] || peer_bytes=$week_bytes
peer_packets=$(awk -v h="$peer_hour" '$1 == h { print $3 }' "$index")
[[ -n $peer_packets ]] || peer_packets=$week_packets
slice=$work/first-${peer_hours}h.pcap
head -c "$peer_bytes" "$week" >"$slice"

echo "warming the page cache ..." >&2
cat "$week" >/dev/null

# day_of BYTES: packet time reached, in days, when BYTES of the capture have been read.
day_of() {
    awk -v b="$1" '
        $1 ~ /^[0-9]+$/ { n++; hour[n] = $1; off[n] = $2 }
        $1 == "end" { n++; hour[n] = hour[n - 1] + 1; off[n] = $2; end = $2 }
        END {
            if (b >= end) b = end
            for (i = 1; i < n && off[i + 1] <= b; i++) ;
            f = (i < n && off[i + 1] > off[i]) ? (b - off[i]) / (off[i + 1] - off[i]) : 0
            printf "%.2f", (hour[i] + f) / 24
        }' "$index"
}
kb_of() { awk -v k="$2" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

# sample NAME PID POSITION_FN: once a second until PID ends, prints and records
# "elapsed_s day rss_MB" to $work/NAME.samples; POSITION_FN prints the bytes read so far. A
# process past max_mb is stopped (SIGTERM) and that is recorded.
sample() {
    local name=$1 pid=$2 position=$3 t0 rss bytes day e d r
    t0=$(date +%s.%N)
    : >"$work/$name.samples"
    printf '  %8s %8s %9s\n' "elapsed" "day" "RSS MB" >&2
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        rss=$(kb_of "$pid" VmRSS:)
        [[ -n $rss ]] || break
        bytes=$("$position" || true)
        day=-
        [[ -z $bytes ]] || day=$(day_of "$bytes")
        printf '%s %s %s\n' "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')" \
            "$day" "$((rss / 1024))" >>"$work/$name.samples"
        read -r e d r < <(tail -1 "$work/$name.samples")
        printf '  %7ss %8s %9s\n' "$e" "$d" "$r" >&2
        if ((rss / 1024 > max_mb)); then
            echo "  $name passed $max_mb MB: stopped (NETLENS_WEEK_MAX_MB)" >&2
            echo "stopped" >"$work/$name.stopped"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
}

# --- the raw loop and the peers -------------------------------------------------------------
raw_s=-
if part peers; then
echo "== raw libpcap loop over the week ..." >&2
raw_s=$( { /usr/bin/time -f '%e' "$raw" "$week" >/dev/null; } 2>&1 | tail -1)
fi

# peer NAME CMD...: CMD under /usr/bin/time ('%e %M %U %S' to $work/NAME.time), RSS sampled.
peer() {
    local name=$1
    shift
    echo "== $name: $*" >&2
    /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" &
    local tpid=$! pid=""
    for _ in $(seq 50); do
        pid=$(pgrep -P "$tpid" | head -1) && [[ -n $pid ]] && break
        sleep 0.02
    done
    [[ -n $pid ]] && sample "$name" "$pid" no_position
    wait "$tpid" || echo "  $name exited with status $?: $(tail -2 "$work/$name.err")" >&2
}
no_position() { :; }
if part peers; then
    peer tshark tshark -n -q -z conv,ip -r "$slice"
    peer cli-slice "$cli" analyze --no-csv --json /dev/null --quiet "$slice"
fi

# --- netlens-cli analyze over the week, under a terminal for its progress bar -----------------
caps="caps not available"
if "$cli" analyze --help 2>&1 | grep -q -- '--max-flows'; then
    caps="flow expiry and caps at their defaults"
fi
if part cli; then
echo "== netlens-cli analyze --no-csv --json /dev/null $name (progress read from its bar)" >&2
printf -v cmd 'echo $$ >%q; exec /usr/bin/time -f "%%e %%M %%U %%S" -o %q %q analyze --no-csv --json /dev/null %q' \
    "$work/cli.pid" "$work/cli.time" "$cli" "$week"
SHELL=/bin/bash script -qfec "$cmd" "$work/cli.tty" </dev/null >/dev/null &
spid=$!
for _ in $(seq 100); do [[ -s $work/cli.pid ]] && break; sleep 0.02; done
tpid=$(cat "$work/cli.pid")
pid=""
for _ in $(seq 100); do pid=$(pgrep -P "$tpid" | head -1) && [[ -n $pid ]] && break; sleep 0.02; done
[[ -n $pid ]] || die "netlens-cli did not start"
# The bar is "\r[###...] 42.3%": the last percentage drawn, as bytes of the file.
cli_position() {
    tail -c 300 "$work/cli.tty" | tr '\r' '\n' | { grep -aoE '\] *[0-9.]+%' || true; } | grep -oE '[0-9.]+%' | tail -1 |
        awk -v total="$week_bytes" '{ sub("%", ""); printf "%.0f", $1 / 100 * total }'
}
sample cli "$pid" cli_position
wait "$spid" || echo "  netlens-cli exited with status $?: $(grep -a 'netlens-cli' "$work/cli.tty" | tail -2)" >&2
fi

# --- the window -----------------------------------------------------------------------------
if [[ $with_gui != 0 ]]; then
    echo "== the window: gui_bench open $name tcp (progress from its progress signal)" >&2
    QT_QPA_PLATFORM=offscreen "$gui" open "$week" tcp >"$work/gui.out" 2>"$work/gui.err" &
    gpid=$!
    gui_position() { { grep '^progress ' "$work/gui.err" || true; } | tail -1 | awk '{ print $3 }'; }
    sample gui "$gpid" gui_position
    wait "$gpid" || echo "  gui_bench exited with status $?: $(tail -2 "$work/gui.err")" >&2
fi

# --- the report -----------------------------------------------------------------------------
# at_day NAME D: RSS of the first sample at or past day D (- if the run never got there).
at_day() {
    awk -v d="$2" '$2 >= d { print $3; found = 1; exit } END { if (!found) print "-" }' \
        "$work/$1.samples" 2>/dev/null || echo -
}
time_field() { awk -v f="$2" '{ print $f }' "$work/$1.time" 2>/dev/null || echo -; }
mb() { [[ $1 =~ ^[0-9]+$ ]] && echo $(($1 / 1024)) || echo -; }
gui_get() { awk -v k="$1" '$1 == k { print $NF }' "$work/gui.out" 2>/dev/null; }

echo
echo "Synthetic week  $(date -u '+%Y-%m-%d %H:%M UTC')  commit $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
echo "  input    $week: $days days of packet time, $week_packets packets, $week_bytes bytes (snap length 80)"
echo "           $(head -1 "$index")"
echo "  machine  $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  netlens  $caps (netlens-cli analyze --help)"
echo "  RSS      VmRSS once a second, the first sample at or past each day of packet time; MB = MiB"
echo
printf '%-5s %14s %14s\n' day "analyze RSS" "window RSS"
for d in $(seq 0 "$days"); do
    printf '%-5s %14s %14s\n' "$d" "$(at_day cli "$d")" "$( [[ $with_gui != 0 ]] && at_day gui "$d" || echo skipped)"
done
printf '%-5s %14s %14s\n' "VmHWM" "$(mb "$(time_field cli 2)")" "$( [[ $with_gui != 0 ]] && mb "$(gui_get peak_rss_kb)" || echo skipped)"
printf '%-5s %14s %14s\n' "time" "$(time_field cli 1) s" "$( [[ $with_gui != 0 ]] && echo "$(gui_get loaded_ms) ms" || echo skipped)"
for n in cli gui; do
    [[ -f $work/$n.stopped ]] && echo "  ($n was stopped past $max_mb MB: its table ends there)"
done
if [[ $with_gui != 0 && -s $work/gui.out ]]; then
    echo "  window: first rows $(gui_get first_rows_ms) ms, loaded $(gui_get loaded_ms) ms, longest UI stall while loading $(gui_get load_max_stall_ms) ms;"
    echo "          display filter tcp $(gui_get filter_ms) ms over $(gui_get packets) rows ($(grep '^filter ' "$work/gui.out" | awk '{ print $NF }') shown)"
fi
echo
echo "Beside it, the first $peer_hours hours ($peer_packets packets, $peer_bytes bytes), and the raw loop over the week:"
printf '%-52s %9s %9s %9s\n' command "wall s" "CPU s" "VmHWM MB"
for n in tshark cli-slice; do
    label="tshark -n -q -z conv,ip (first ${peer_hours} h)"
    [[ $n == cli-slice ]] && label="netlens-cli analyze --no-csv --json (first ${peer_hours} h)"
    [[ -f $work/$n.stopped ]] && label="$label [stopped past $max_mb MB]"
    printf '%-52s %9s %9s %9s\n' "$label" "$(time_field "$n" 1)" \
        "$(awk '{ printf "%.2f", $3 + $4 }' "$work/$n.time" 2>/dev/null || echo -)" "$(mb "$(time_field "$n" 2)")"
done
printf '%-52s %9s %9s %9s\n' "netlens-cli analyze --no-csv --json (the week)" "$(time_field cli 1)" \
    "$(awk '{ printf "%.2f", $3 + $4 }' "$work/cli.time" 2>/dev/null || echo -)" "$(mb "$(time_field cli 2)")"
printf '%-52s %9s %9s %9s\n' "raw libpcap loop, bench_rawpcap (the week)" "$raw_s" - -
