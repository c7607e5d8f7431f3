#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_weblive.py inside its own network namespaces: A replays a capture over a veth
# pair, B runs `netlens-cli capture --web` on its end and headless chromium on B's loopback.
# Usage: run-weblive.sh NETLENS_CLI CAPTURE.pcap OUT_DIR     (exit 77: skipped, needs root)
set -u
cli=$1 pcap=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/netns-pair.sh"
a="nlwA$$" b="nlwB$$"
ready=$(mktemp -u /tmp/netlens-weblive.XXXXXX)
netns_pair_cleanup() { rm -f "$ready"; }
netns_pair "$a" "$b" wA wB
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
