#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# setcap.sh [--remove] [WHERE]
#
# Grants the capture capabilities (cap_net_raw,cap_net_admin=eip) to netlens-capture, the
# capture helper, ONLY, and removes any that netlens and netlens-cli still hold (older
# versions gave them to those). The window and netlens-cli then run unprivileged and capture
# through the helper, which opens the capture socket, drops the capabilities and streams the
# packets to them, as Wireshark's dumpcap does. cap_net_raw opens the capture socket;
# cap_net_admin sets promiscuous mode and the kernel buffer. Run it again after every
# install or rebuild: writing a binary drops its capabilities.
#
# WHERE (default /usr/local/bin) is one of:
#   a folder holding the binaries        /usr/local/bin, /opt/netlens/bin
#   an install prefix (with bin/)        /usr/local, /opt/netlens
#   a CMake build directory              build (src/helper/netlens-capture, src/app/netlens,
#                                        src/cli/netlens-cli)
#   a binary                             /usr/local/bin/netlens-capture (any other binary
#                                        only has its capabilities removed)
# Binaries that are missing are skipped; finding no netlens-capture is an error.
#
# --remove   takes the capabilities away from all three again (setcap -r).
#
# Needs root (sudo) and setcap (Debian package libcap2-bin). Exit status: 0 done, 1 an error
# (message on stderr), 2 bad usage.
set -euo pipefail

readonly CAPS=cap_net_raw,cap_net_admin=eip
me=${0##*/}
die() { echo "$me: $*" >&2; exit 1; }

remove=0
where=
for arg in "$@"; do
    case $arg in
        --remove) remove=1 ;;
        -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        -*) echo "$me: unknown option $arg (see $me --help)" >&2; exit 2 ;;
        *) [ -z "$where" ] || { echo "$me: one WHERE only (see $me --help)" >&2; exit 2; }
           where=$arg ;;
    esac
done
where=${where:-/usr/local/bin}

# Also where a user's PATH may not look; bash's command -v may name a file it cannot run.
SETCAP=
for c in "$(command -v setcap || true)" /usr/sbin/setcap /sbin/setcap; do
    [ -n "$c" ] && [ -f "$c" ] && [ -x "$c" ] && { SETCAP=$c; break; }
done
[ -n "$SETCAP" ] || die "setcap is not installed. Install it with: sudo apt-get install libcap2-bin"
GETCAP=${SETCAP%/*}/getcap

if [ "$(id -u)" -ne 0 ]; then
    die "setting file capabilities needs root. Run: sudo $0${*:+ $*}"
fi

# The candidate binaries for WHERE.
candidates=()
if [ -f "$where" ]; then
    candidates=("$where")
elif [ -d "$where" ]; then
    for sub in . bin src/helper src/app src/cli; do
        for name in netlens-capture netlens netlens-cli; do
            [ -f "$where/$sub/$name" ] && candidates+=("$(cd "$where/$sub" && pwd)/$name")
        done
    done
else
    die "$where does not exist (give the folder with netlens-capture, an install prefix, a build directory or a binary)"
fi
[ ${#candidates[@]} -gt 0 ] || die "no netlens-capture, netlens or netlens-cli binary in $where, $where/bin or $where/src/{helper,app,cli}"
if [ $remove -eq 0 ] && [ ! -f "$where" ]; then
    found=0
    for bin in "${candidates[@]}"; do [ "${bin##*/}" = netlens-capture ] && found=1; done
    [ $found -eq 1 ] || die "no netlens-capture (the capture helper, the only binary that gets the capabilities) in $where, $where/bin or $where/src/helper"
fi

drop_caps() { # setcap -r fails on a file without capabilities: that is already the wanted state
    if [ -n "$("$GETCAP" "$1" 2>/dev/null)" ]; then
        "$SETCAP" -r "$1" || die "could not remove the capabilities of $1"
    fi
}

for bin in "${candidates[@]}"; do
    if [ $remove -eq 1 ]; then
        drop_caps "$bin"
        echo "$bin: no capture capabilities"
        continue
    fi
    if [ "${bin##*/}" != netlens-capture ]; then
        drop_caps "$bin"
        echo "$bin: no capture capabilities (it captures through netlens-capture)"
        continue
    fi
    "$SETCAP" "$CAPS" "$bin" ||
        die "setcap failed on $bin (a file system without extended attributes, e.g. some network or FUSE mounts, cannot hold capabilities)"
    got=$("$GETCAP" "$bin" 2>/dev/null || true)
    case $got in
        *cap_net_admin,cap_net_raw=eip*|*cap_net_raw,cap_net_admin=eip*) echo "$got" ;;
        *) die "setcap reported success, but getcap shows '${got:-nothing}' for $bin" ;;
    esac
    # The kernel ignores file capabilities on a nosuid mount.
    if command -v findmnt >/dev/null && findmnt -no OPTIONS --target "$bin" | grep -qw nosuid; then
        echo "$me: warning: $bin is on a nosuid mount, where the kernel ignores file capabilities; install it elsewhere" >&2
    fi
done
