#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages NetLens needs to build, run and test.
# The one place the package list lives: deploy/run.sh and deploy/test.sh both call this.
# Installs only what is missing, so a second run costs one dpkg-query.
set -euo pipefail

# Build: compiler, CMake, Qt 6 (Core/Network/Sql/Widgets/Charts/Svg, Linguist tools),
# libpcap, nDPI, QCustomPlot (Qt 6 build), QtKeychain.
BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git file dpkg-dev
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6svg6
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libgl-dev libqt6opengl6-dev
  libpcap-dev libndpi-dev libabsl-dev libqcustomplot-dev qtkeychain-qt6-dev
)
# IPFIX flow export: libfixbuf (CERT's IPFIX library) encodes the messages.
BUILD_PKGS+=(libfixbuf-dev)
# The web dashboard: Qt HTTP Server (its CMake package also needs Qt WebSockets, which
# qt6-httpserver-dev does not pull in) and Chart.js, embedded into the binary at build time.
BUILD_PKGS+=(qt6-httpserver-dev qt6-websockets-dev libjs-chart.js)
# Run: capabilities, pkexec, a CJK font so the Chinese UI does not render as boxes.
RUN_PKGS=(libcap2-bin pkexec fonts-wqy-microhei)
# QtKeychain opens libsecret at run time (not a package dependency): without it, no keychain.
RUN_PKGS+=(libsecret-1-0)
# Test: peers and reference tools, traffic replay, namespaces, desktop/polkit file validators,
# an X server for screenshots, a tray host and a notification daemon (x11-utils: xwininfo,
# to see which windows a test's netlens maps),
# Python servers for SMTP/webhook tests, clang for the fuzzer and sanitizer builds (llvm for
# llvm-symbolizer: without it ASan/UBSan reports have no function names or lines).
TEST_PKGS=(
  tshark tcpdump tcpreplay wireshark-common iproute2 util-linux procps time
  desktop-file-utils libxml2-utils
  xvfb xauth python3 python3-aiosmtpd python3-scapy
  clang libclang-rt-14-dev llvm
  dunst trayer x11-utils
)
# Notify tests: test CA/certificates (openssl), a real Secret Service in a private D-Bus
# session (gnome-keyring, dbus-run-session from dbus-daemon).
TEST_PKGS+=(openssl gnome-keyring dbus-daemon)
# Web tests: a real browser (headless Chromium, driven over its DevTools protocol from
# Debian's python3-websocket) and a load tool for the dashboard's benchmark.
TEST_PKGS+=(chromium python3-websocket wrk)
# IPFIX tests: a real collector (nfdump's nfcapd), softflowd beside NetLens in the benchmark,
# and libfixbuf's ipfixDump to read the IPFIX files back.
TEST_PKGS+=(nfdump softflowd libfixbuf-tools)

want=("${BUILD_PKGS[@]}" "${RUN_PKGS[@]}")
[ "${1:-}" = "--test" ] && want+=("${TEST_PKGS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "setup-deps: installing ${missing[*]}" >&2
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
