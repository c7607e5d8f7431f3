#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a temporary HOME, so it never touches the user's keyring, either
# - inside its own D-Bus session with a real, unlocked gnome-keyring (Secret Service), or
# - with --no-keychain: with no session bus at all, as on a headless server.
# Usage: run-with-keyring.sh [--no-keychain] TEST [ARGS...]
set -eu
mode=keyring
if [ "${1:-}" = "--no-keychain" ]; then
    mode=none
    shift
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
if [ "$mode" = none ]; then
    unset DBUS_SESSION_BUS_ADDRESS
    "$@"
    exit $?
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "run-with-keyring: $tool is missing (Debian: dbus, gnome-keyring)" >&2; exit 1; }
done
# --unlock reads the login password from stdin and creates the "login" collection with it
# (an empty one would need an interactive prompt, which has no display here).
dbus-run-session -- sh -c 'printf netlens-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
