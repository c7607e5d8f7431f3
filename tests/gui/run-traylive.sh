#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs tst_traylive on a desktop of its own: Xvfb, a private session bus (dbus-run-session),
# a real notification daemon (dunst) and a real tray host (trayer).
# Usage: run-traylive.sh TEST_BINARY      (exit 77: skipped, a tool is missing)
set -u
test_bin=$1
if [ "${2:-}" != "--inside-bus" ]; then
  for tool in Xvfb dbus-run-session dunst dunstctl trayer; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (deploy/setup-deps.sh --test)"; exit 77; }
  done
  work=$(mktemp -d /tmp/netlens-tray.XXXXXX)
  xpid=
  cleanup() { [ -n "$xpid" ] && kill "$xpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
  trap cleanup EXIT
  # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  xpid=$!
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  [ -s "$work/display" ] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; }
  export DISPLAY=":$(head -n1 "$work/display")"
  export NETLENS_TRAY_WORK=$work
  dbus-run-session -- "$0" "$test_bin" --inside-bus
  exit $?
fi

# Inside the private session bus.
work=$NETLENS_TRAY_WORK
dunst >"$work/dunst.log" 2>&1 &
dpid=$!
for _ in $(seq 1 100); do dunstctl count displayed >/dev/null 2>&1 && break; sleep 0.05; done
dunstctl count displayed >/dev/null 2>&1 || { echo "dunst did not come up:"; cat "$work/dunst.log"; exit 1; }
trayer --edge bottom --align right --widthtype pixel --width 120 --height 28 --transparent false \
  --tint 0x334155 --SetDockType true >"$work/trayer.log" 2>&1 &
tpid=$!
QT_QPA_PLATFORM=xcb NETLENS_NO_DIALOGS=1 "$test_bin"
rc=$?
kill "$tpid" "$dpid" 2>/dev/null
wait 2>/dev/null
exit $rc
