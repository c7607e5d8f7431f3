#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from BUILD_DIR into a scratch folder and checks what it holds:
# the three binaries (netlens, netlens-cli, netlens-capture), icon, desktop entries, AppStream metainfo, polkit policy with the installed
# path, the copyright file naming GPL-3.0-or-later, and a postinst that grants the capture capabilities to netlens-capture alone. Validates the desktop files and
# the metainfo when the validators are installed, and the monitor's systemd unit.
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb=$(ls "$out"/netlens_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/netlens ./usr/bin/netlens-cli ./usr/bin/netlens-capture ./usr/share/applications/netlens.desktop \
         ./usr/share/applications/netlens-pkexec.desktop \
         ./usr/share/icons/hicolor/scalable/apps/netlens.svg \
         ./usr/share/metainfo/io.netlens.NetLens.metainfo.xml \
         ./usr/share/polkit-1/actions/org.netlens.netlens.policy \
         ./usr/share/doc/netlens/copyright ./usr/lib/systemd/system/netlens-monitor.service \
         ./usr/share/doc/netlens/examples/netlens-monitor.default; do
  grep -q " $f\$" <<<"$contents" || { echo "missing from the package: $f"; exit 1; }
done
dpkg-deb -x "$deb" "$out/root"
dpkg-deb -e "$deb" "$out/control"
grep -q 'setcap cap_net_raw,cap_net_admin=eip /usr/bin/netlens-capture' "$out/control/postinst" || { echo "postinst does not setcap netlens-capture"; exit 1; }
[ "$(grep -c '=eip' "$out/control/postinst")" -eq 1 ] || { echo "postinst gives the capabilities to more than netlens-capture"; exit 1; }
grep -q '/usr/bin/netlens' "$out/root/usr/share/polkit-1/actions/org.netlens.netlens.policy" ||
  { echo "polkit policy does not name /usr/bin/netlens"; exit 1; }
grep -q 'Exec=pkexec /usr/bin/netlens' "$out/root/usr/share/applications/netlens-pkexec.desktop" ||
  { echo "pkexec launcher does not name /usr/bin/netlens"; exit 1; }
grep -q '^License: GPL-3.0-or-later' "$out/root/usr/share/doc/netlens/copyright" ||
  { echo "copyright does not name GPL-3.0-or-later"; exit 1; }
grep -q '^ExecStart=/usr/bin/netlens-cli capture --alerts' "$out/root/usr/lib/systemd/system/netlens-monitor.service" ||
  { echo "netlens-monitor.service does not run netlens-cli capture --alerts"; exit 1; }
# systemd's own checker (where systemd is installed), on the unit pointing at the packaged binary.
if command -v systemd-analyze >/dev/null; then
  sed "s|/usr/bin/netlens-cli|$out/root/usr/bin/netlens-cli|" \
    "$out/root/usr/lib/systemd/system/netlens-monitor.service" >"$out/netlens-monitor.service"
  systemd-analyze verify "$out/netlens-monitor.service"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$out"/root/usr/share/applications/*.desktop
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$out/root/usr/share/metainfo/io.netlens.NetLens.metainfo.xml" || exit 1
fi
echo "package OK: $(basename "$deb"), $(grep -c . <<<"$contents") entries"
