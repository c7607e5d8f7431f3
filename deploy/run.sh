#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds the window (Release, Ninja, into build/ at the repo root;
# only RUN_TARGETS from lib.sh, not the tests) and starts it with this script's arguments
# (`deploy/run.sh FILE.pcap`, `deploy/run.sh -i eth0 -k --tray`: see `netlens --help`).
# Works from any folder, as a user (sudo is used to install packages), as root, or through
# sudo (then the build is done as the invoking user and the GUI runs as root). Without a
# display it builds and then exits 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$REPO/deploy/setup-deps.sh"
configure build -DCMAKE_BUILD_TYPE=Release
# Only what the window needs: the whole tree (tests, benchmarks) is deploy/test.sh's.
# shellcheck disable=SC2086 # RUN_TARGETS is a list of target names
as_user cmake --build "$REPO/build" --parallel "$JOBS" --target $RUN_TARGETS

app="$REPO/build/src/app/netlens"
[ -x "$app" ] || { echo "run: $app was not built (NETLENS_BUILD_GUI off in build/?)" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the GUI cannot start." >&2
  echo "run: the build is done ($app). Run this from a desktop session (under sudo use" >&2
  echo "run: 'sudo -E' or keep DISPLAY/XAUTHORITY), or use build/src/cli/netlens-cli." >&2
  exit 1
fi
exec "$app" "$@"
