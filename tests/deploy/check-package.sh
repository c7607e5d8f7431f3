#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from BUILD_DIR into a scratch folder and checks what it holds:
# both binaries, icon, desktop entries, AppStream metainfo, polkit policy with the installed
# path, the copyright file naming GPL-3.0-or-later, and a postinst that grants the capture capabilities. Validates the desktop files and
# the metainfo when the validators are installed.
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb=$(ls "$out"/netlens_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/netlens ./usr/bin/netlens-cli ./usr/share/applications/netlens.desktop \
         ./usr/share/applications/netlens-pkexec.desktop \
         ./usr/share/icons/hicolor/scalable/apps/netlens.svg \
         ./usr/share/metainfo/io.netlens.NetLens.metainfo.xml \
         ./usr/share/polkit-1/actions/org.netlens.netlens.policy \
         ./usr/share/doc/netlens/copyright; do
  grep -q " $f\$" <<<"$contents" || { echo "missing from the package: $f"; exit 1; }
done
dpkg-deb -x "$deb" "$out/root"
dpkg-deb -e "$deb" "$out/control"
grep -q 'setcap cap_net_raw,cap_net_admin=eip' "$out/control/postinst" || { echo "postinst does not setcap"; exit 1; }
grep -q '/usr/bin/netlens' "$out/root/usr/share/polkit-1/actions/org.netlens.netlens.policy" ||
  { echo "polkit policy does not name /usr/bin/netlens"; exit 1; }
grep -q 'Exec=pkexec /usr/bin/netlens' "$out/root/usr/share/applications/netlens-pkexec.desktop" ||
  { echo "pkexec launcher does not name /usr/bin/netlens"; exit 1; }
grep -q '^License: GPL-3.0-or-later' "$out/root/usr/share/doc/netlens/copyright" ||
  { echo "copyright does not name GPL-3.0-or-later"; exit 1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$out"/root/usr/share/applications/*.desktop
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$out/root/usr/share/metainfo/io.netlens.NetLens.metainfo.xml" || exit 1
fi
echo "package OK: $(basename "$deb"), $(grep -c . <<<"$contents") entries"
