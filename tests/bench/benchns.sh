# Sourced by the live benchmarks: one pair of network namespaces joined by a veth pair
# (vethA in $A, vethB in $B), IPv6 off so the kernel's own chatter does not count, MTU 65535
# (the largest frame of base.pcap is 32,834 bytes). Everything is deleted on exit, with the
# caller's $work folder.
#
# Needs: $benchdir (where $work is made), a die() function. Sets: A, B, work.

A=nlbenchA$$
B=nlbenchB$$
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
