#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_guilive inside its own network namespaces: A replays a capture over a veth pair,
# B runs the GUI test, which starts a capture on its end of the pair from the toolbar.
# Usage: run-guilive.sh TEST_BINARY CAPTURE.pcap     (exit 77: skipped, needs root)
set -u
test_bin=$1 pcap=$2
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: needs root to create network namespaces (CI runs as root)"; exit 77
fi
a="nlgA$$" b="nlgB$$"
cleanup() { ip netns del "$a" 2>/dev/null; ip netns del "$b" 2>/dev/null; rm -f "$ready"; }
ready=$(mktemp -u /tmp/netlens-guilive.XXXXXX)
trap cleanup EXIT
if ! ip netns add "$a" 2>/dev/null || ! ip netns add "$b" 2>/dev/null; then
  echo "SKIP: ip netns add failed (no CAP_SYS_ADMIN or no netns support here)"; exit 77
fi
ip link add vA type veth peer name vB || exit 1
ip link set vA netns "$a" && ip link set vB netns "$b" || exit 1
for ns in "$a" "$b"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$ns" ip link set lo up
done
ip netns exec "$a" ip link set vA up
ip netns exec "$b" ip link set vB up
expect=$(tcpdump -r "$pcap" 2>/dev/null | wc -l)
# The screenshot taken while packets arrive wants a real X server (fonts and style as on a
# desktop); Xvfb runs inside B with the test. Without xvfb-run the test stays offscreen.
gui=()
if command -v xvfb-run >/dev/null; then
  gui=(xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb)
fi
# Once in English and once in Chinese: a live dashboard screenshot in each language.
status=0
for lang in en zh_CN; do
  rm -f "$ready"
  NETLENS_TEST_LANG=$lang NETLENS_TEST_IFACE=vB NETLENS_TEST_EXPECT=$expect NETLENS_TEST_READY=$ready \
    ip netns exec "$b" "${gui[@]}" "$test_bin" &
  pid=$!
  for _ in $(seq 1 200); do [ -e "$ready" ] && break; sleep 0.05; done
  [ -e "$ready" ] || { echo "the GUI test ($lang) never became ready"; kill $pid; wait $pid; exit 1; }
  # At the capture's own pace (about 6 s for the sample): the window is shot mid-capture.
  ip netns exec "$a" tcpreplay -q -i vA "$pcap" >/dev/null 2>&1 || echo "tcpreplay failed"
  wait $pid
  rc=$?
  [ $rc -ne 0 ] && status=$rc
done
exit $status
