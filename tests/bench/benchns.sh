# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the live benchmarks: one pair of network namespaces joined by a veth pair
# (vethA in $A, vethB in $B), IPv6 off so the kernel's own chatter does not count, MTU 65535
# (the largest frame of base.pcap is 32,834 bytes). Everything is deleted on exit, with the
# caller's $work folder.
#
# Needs: $benchdir (where $work is made), a die() function. Sets: A, B, work; defines
# wait_capturing. NETLENS_BENCH_NS_PREFIX (default nlbench) starts the namespaces' names, so
# that benchmarks run side by side on one machine can tell theirs apart.

ns_prefix=${NETLENS_BENCH_NS_PREFIX:-nlbench}
[[ $ns_prefix =~ ^[A-Za-z0-9_-]{1,16}$ ]] || die "NETLENS_BENCH_NS_PREFIX must be 1-16 letters, digits, - or _"
A=${ns_prefix}A$$
B=${ns_prefix}B$$
work=$(mktemp -d "$benchdir/run.XXXXXX")
benchns_cleanup() {
    ip netns del "$A" 2>/dev/null || true
    ip netns del "$B" 2>/dev/null || true
    rm -rf "$work"
}
trap benchns_cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$A" || die "ip netns add failed"
ip netns add "$B" || die "ip netns add failed"
ip -n "$A" link add vethA type veth peer name vethB netns "$B"
for pair in "$A:vethA" "$B:vethB"; do
    ns=${pair%%:*} ifname=${pair##*:}
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1 "net.ipv6.conf.$ifname.disable_ipv6=1"
    ip -n "$ns" link set "$ifname" arp off mtu 65535 up
done

# wait_capturing NAME PID STDERR PATTERN: waits up to 10 s for PATTERN in the capturer's STDERR
# file (it has opened its handle), dying if process PID exits first or the time runs out.
wait_capturing() {
    local name=$1 pid=$2 stderr=$3 pattern=$4 _
    for _ in $(seq 200); do
        grep -q "$pattern" "$stderr" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { cat "$stderr" >&2; die "$name exited before capturing"; }
        sleep 0.05
    done
    die "$name did not start capturing within 10 s"
}
