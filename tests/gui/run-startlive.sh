#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_startlive: `netlens -i IFACE -k --tray` on a desktop of its own, capturing what
# tcpreplay sends over a veth pair. Network namespaces A (tcpreplay) and B (everything else:
# Xvfb, a private session bus, dunst, trayer, the test and the netlens it starts).
# Usage: run-startlive.sh TEST_BINARY CAPTURE.pcap     (exit 77: skipped, needs root or a tool)
set -u
test_bin=$1 pcap=$2
case "${3:-}" in
--inside-ns)
  # In B: an X server of its own, then a private session bus.
  work=$NETLENS_START_WORK
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  xpid=$!
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  [ -s "$work/display" ] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; }
  export DISPLAY=":$(head -n1 "$work/display")"
  dbus-run-session -- "$0" "$test_bin" "$pcap" --inside-bus
  rc=$?
  kill "$xpid" 2>/dev/null
  wait 2>/dev/null
  exit $rc
  ;;
--inside-bus)
  # On the bus: a notification daemon and a tray host, then the test.
  work=$NETLENS_START_WORK
  dunst >"$work/dunst.log" 2>&1 &
  dpid=$!
  for _ in $(seq 1 100); do dunstctl count displayed >/dev/null 2>&1 && break; sleep 0.05; done
  dunstctl count displayed >/dev/null 2>&1 || { echo "dunst did not come up:"; cat "$work/dunst.log"; exit 1; }
  trayer --edge bottom --align right --widthtype pixel --width 120 --height 28 --transparent false \
    --tint 0x334155 --SetDockType true >"$work/trayer.log" 2>&1 &
  export NETLENS_TRAYER_PID=$!
  QT_QPA_PLATFORM=xcb NETLENS_NO_DIALOGS=1 "$test_bin"
  rc=$?
  kill "$NETLENS_TRAYER_PID" "$dpid" 2>/dev/null
  wait 2>/dev/null
  exit $rc
  ;;
esac

for tool in Xvfb dbus-run-session dunst dunstctl trayer tcpreplay tcpdump xwininfo; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (deploy/setup-deps.sh --test)"; exit 77; }
done
. "$(dirname "$0")/../lib/netns-pair.sh"
a="h2sA$$" b="h2sB$$"
work=$(mktemp -d /tmp/netlens-startlive.XXXXXX)
netns_pair_cleanup() { rm -rf "$work"; }
netns_pair "$a" "$b" "h2vA$$" "h2vB$$"
NETLENS_START_WORK=$work NETLENS_TEST_IFACE="h2vB$$" NETLENS_TEST_PEER_NS="$a" \
  NETLENS_TEST_PEER_IFACE="h2vA$$" NETLENS_TEST_PCAP="$pcap" \
  NETLENS_TEST_EXPECT="$(tcpdump -r "$pcap" 2>/dev/null | wc -l)" \
  ip netns exec "$b" "$0" "$test_bin" "$pcap" --inside-ns
