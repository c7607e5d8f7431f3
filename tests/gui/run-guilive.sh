#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_guilive inside its own network namespaces: A replays a capture over a veth pair,
# B runs the GUI test, which starts a capture on its end of the pair from the toolbar.
# Usage: run-guilive.sh TEST_BINARY CAPTURE.pcap     (exit 77: skipped, needs root)
set -u
test_bin=$1 pcap=$2
. "$(dirname "$0")/../lib/netns-pair.sh"
a="nlgA$$" b="nlgB$$"
ready=$(mktemp -u /tmp/netlens-guilive.XXXXXX)
netns_pair_cleanup() { rm -f "$ready"; }
netns_pair "$a" "$b" vA vB
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
