#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_guihelper as an unprivileged user: copies of the test and of netlens-capture in a
# folder of their own, file capabilities on the helper copy only (as deploy/setcap.sh gives
# them), the test run as nobody with a temporary HOME in namespace B; A replays a capture
# over a veth pair when the test says it is ready.
# Usage: run-guihelper.sh TEST_BINARY HELPER CAPTURE.pcap     (exit 77: skipped, needs root)
set -u
test_bin=$1 helper=$2 pcap=$3
. "$(dirname "$0")/../lib/netns-pair.sh"
for tool in setcap setpriv tshark capinfos tcpreplay; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
[ -x "$helper" ] || { echo "SKIP: $helper is not built"; exit 77; }
a="h4gA$$" b="h4gB$$"
dir=$(mktemp -d /tmp/netlens-h4gui.XXXXXX)
replay=
netns_pair_cleanup() { [ -n "$replay" ] && kill "$replay" 2>/dev/null; rm -rf "$dir"; }
netns_pair "$a" "$b" vA vB
chmod 755 "$dir"
cp "$test_bin" "$dir/tst_guihelper" && cp "$helper" "$dir/netlens-capture" || exit 1
chmod 755 "$dir/tst_guihelper" "$dir/netlens-capture"
setcap cap_net_raw,cap_net_admin=eip "$dir/netlens-capture" || exit 1
mkdir "$dir/home" && chown nobody:nogroup "$dir/home"
# Packets, not lines: tcpdump prints some packets of this file on several lines.
expect=$(capinfos -c -M "$pcap" 2>/dev/null | awk -F": *" '/^Number of packets/ {print $2}')
ready=$dir/home/ready ready2=$dir/home/ready2
# The window finds the helper beside itself: no NETLENS_CAPTURE_HELPER.
ip netns exec "$b" setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
  env -u NETLENS_CAPTURE_HELPER HOME="$dir/home" TMPDIR="$dir/home" XDG_RUNTIME_DIR="$dir/home" \
  NETLENS_TEST_IFACE=vB NETLENS_TEST_EXPECT="$expect" NETLENS_TEST_READY="$ready" \
  NETLENS_TEST_READY2="$ready2" "$dir/tst_guihelper" &
pid=$!
for _ in $(seq 1 400); do [ -e "$ready" ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
[ -e "$ready" ] || { echo "the GUI test never became ready"; kill $pid; wait $pid; exit 1; }
ip netns exec "$a" tcpreplay -q -i vA --pps=2000 "$pcap" >/dev/null 2>&1 || echo "tcpreplay failed"
for _ in $(seq 1 600); do [ -e "$ready2" ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
if [ -e "$ready2" ]; then
  ip netns exec "$a" tcpreplay -q -i vA --pps=300 --loop=0 "$pcap" >/dev/null 2>&1 &
  replay=$!
fi
wait $pid
exit $?
