#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_weblive.py inside its own network namespaces: A replays a capture over a veth
# pair, B runs `netlens-cli capture --web` on its end and headless chromium on B's loopback.
# Usage: run-weblive.sh NETLENS_CLI CAPTURE.pcap OUT_DIR     (exit 77: skipped, needs root)
set -u
cli=$1 pcap=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: needs root to create network namespaces (CI runs as root)"; exit 77
fi
a="nlwA$$" b="nlwB$$"
ready=$(mktemp -u /tmp/netlens-weblive.XXXXXX)
cleanup() { ip netns del "$a" 2>/dev/null; ip netns del "$b" 2>/dev/null; rm -f "$ready"; }
trap cleanup EXIT
if ! ip netns add "$a" 2>/dev/null || ! ip netns add "$b" 2>/dev/null; then
  echo "SKIP: ip netns add failed (no CAP_SYS_ADMIN or no netns support here)"; exit 77
fi
ip link add wA type veth peer name wB || exit 1
ip link set wA netns "$a" && ip link set wB netns "$b" || exit 1
for ns in "$a" "$b"; do
  # No addresses, no IPv6: nothing but the replayed packets crosses the pair.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$ns" ip link set lo up
done
ip netns exec "$a" ip link set wA up
ip netns exec "$b" ip link set wB up
expect=$(tcpdump -r "$pcap" 2>/dev/null | wc -l)
ip netns exec "$b" /usr/bin/python3 "$here/tst_weblive.py" --cli "$cli" --iface wB \
  --expect "$expect" --ready "$ready" --out "$out" &
pid=$!
for _ in $(seq 1 600); do [ -e "$ready" ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
if [ ! -e "$ready" ]; then
  echo "tst_weblive.py never became ready"; kill $pid 2>/dev/null; wait $pid; exit 1
fi
# A few seconds at this rate, so the page is seen counting up while packets arrive.
ip netns exec "$a" tcpreplay -q --pps=1000 -i wA "$pcap" >/dev/null 2>&1 || echo "tcpreplay failed"
wait $pid
