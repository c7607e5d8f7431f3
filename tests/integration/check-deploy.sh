#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# check-deploy.sh REPO NETLENS_CLI NETLENS_CAPTURE
#
# Checks the desktop integration files in deploy/ and deploy/setcap.sh:
#   - netlens.desktop and netlens-pkexec.desktop pass desktop-file-validate;
#   - org.netlens.netlens.policy is valid against polkit's DTD and says what pkexec needs;
#   - as root: setcap.sh grants cap_net_raw,cap_net_admin=eip to a copy of netlens-capture
#     (the capture helper) alone, and takes away those a copy of netlens-cli held; the helper
#     then captures on loopback as nobody; --remove takes them away, after which nobody gets
#     the helper's exit 3 and its message with the exact setcap command; run as nobody, and
#     with setcap hidden, setcap.sh says what is wrong and exits 1.
# Exit 0 all passed, 1 a check failed, 77 skipped (a validator missing: deploy/setup-deps.sh
# --test installs them). The root-only part is skipped, with a note, when not root.
set -uo pipefail

repo=${1:?usage: check-deploy.sh REPO NETLENS_CLI NETLENS_CAPTURE}
cli=${2:?usage: check-deploy.sh REPO NETLENS_CLI NETLENS_CAPTURE}
helper=${3:?usage: check-deploy.sh REPO NETLENS_CLI NETLENS_CAPTURE}
deploy=$repo/deploy
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: passes when COMMAND exits 0.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

for tool in desktop-file-validate xmllint; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (deploy/setup-deps.sh --test installs it)"; exit 77; }
done

# --- desktop files -------------------------------------------------------------------------
for f in netlens.desktop netlens-pkexec.desktop; do
    if out=$(desktop-file-validate "$deploy/$f" 2>&1) && [ -z "$out" ]; then pass "desktop-file-validate $f"; else fail "desktop-file-validate $f: $out"; fi
done
check "netlens.desktop runs netlens" grep -qx 'Exec=netlens' "$deploy/netlens.desktop"
check "netlens.desktop: icon and categories" \
    grep -qx 'Categories=Network;Monitor;' "$deploy/netlens.desktop"
check "netlens-pkexec.desktop: name" grep -qx 'Name=NetLens (administrator)' "$deploy/netlens-pkexec.desktop"
check "netlens-pkexec.desktop runs the policy's path through pkexec" \
    grep -qx 'Exec=pkexec /usr/local/bin/netlens' "$deploy/netlens-pkexec.desktop"

# --- polkit policy -----------------------------------------------------------------------------
policy=$deploy/org.netlens.netlens.policy
dtd=/usr/share/polkit-1/policyconfig-1.dtd
if [ -f "$dtd" ]; then
    check "policy valid against $dtd" xmllint --noout --dtdvalid "$dtd" "$policy"
else
    check "policy is well-formed XML ($dtd missing: pkexec not installed)" xmllint --noout "$policy"
fi
xpath() { xmllint --xpath "$1" "$policy" 2>/dev/null; }
check "policy action org.netlens.netlens.run" \
    test "$(xpath 'string(//action/@id)')" = org.netlens.netlens.run
check "policy exec.path /usr/local/bin/netlens" \
    test "$(xpath 'string(//action/annotate[@key="org.freedesktop.policykit.exec.path"])')" = /usr/local/bin/netlens
check "policy allow_gui true" \
    test "$(xpath 'string(//action/annotate[@key="org.freedesktop.policykit.exec.allow_gui"])')" = true
check "policy allow_active auth_admin_keep" \
    test "$(xpath 'string(//action/defaults/allow_active)')" = auth_admin_keep

# --- setcap.sh ---------------------------------------------------------------------------------
check "setcap.sh is executable" test -x "$deploy/setcap.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "NOTE: not root: the setcap.sh checks need root and were skipped"
elif ! command -v setpriv >/dev/null || ! command -v getcap >/dev/null; then
    echo "NOTE: setpriv or getcap missing: the setcap.sh checks were skipped"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/netlens-setcap.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    chmod 755 "$work"
    cp "$cli" "$work/netlens-cli" && chmod 755 "$work/netlens-cli"
    cp "$helper" "$work/netlens-capture" && chmod 755 "$work/netlens-capture"
    as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$@"; }
    hascaps() { getcap "$1" | grep -Eq 'cap_net_admin,cap_net_raw=eip|cap_net_raw,cap_net_admin=eip'; }
    # As an older setcap.sh left it: the CLI with the capabilities.
    setcap cap_net_raw,cap_net_admin=eip "$work/netlens-cli"

    out=$("$deploy/setcap.sh" "$work" 2>&1); rc=$?
    check "setcap.sh DIR exits 0 ($out)" test $rc -eq 0
    check "getcap shows the capabilities on netlens-capture" hascaps "$work/netlens-capture"
    check "netlens-cli has none left" test -z "$(getcap "$work/netlens-cli")"
    # Capturing on loopback sends nothing: a second of listening, stream only.
    out=$(cd "$work" && as_nobody "$work/netlens-capture" -i lo -a duration:1 2>&1 >/dev/null); rc=$?
    check "nobody captures through the helper with the capabilities (exit $rc: $out)" test $rc -eq 0

    out=$("$deploy/setcap.sh" --remove "$work/netlens-capture" 2>&1); rc=$?
    check "setcap.sh --remove exits 0 ($out)" test $rc -eq 0
    check "no capabilities left" test -z "$(getcap "$work/netlens-capture")"
    out=$(cd "$work" && as_nobody "$work/netlens-capture" -i lo -a duration:1 2>&1 >/dev/null); rc=$?
    check "nobody without them: exit 3 (got $rc)" test $rc -eq 3
    check "nobody without them: the message names setcap" grep -q "Run: sudo setcap cap_net_raw,cap_net_admin=eip $work/netlens-capture" <<<"$out"

    out=$("$deploy/setcap.sh" "$work/netlens-cli" 2>&1); rc=$?
    check "setcap.sh on netlens-cli gives it nothing ($out)" test $rc -eq 0 -a -z "$(getcap "$work/netlens-cli")"
    rm "$work/netlens-capture"
    out=$("$deploy/setcap.sh" "$work" 2>&1); rc=$?
    check "setcap.sh DIR without netlens-capture: exit 1 ($out)" test $rc -eq 1
    cp "$helper" "$work/netlens-capture" && chmod 755 "$work/netlens-capture"

    # A copy: nobody may not reach the checkout (a clone under /root is mode 700 there).
    cp "$deploy/setcap.sh" "$work/setcap.sh" && chmod 755 "$work/setcap.sh"
    out=$(cd "$work" && as_nobody "$work/setcap.sh" "$work" 2>&1); rc=$?
    check "setcap.sh as nobody: exit 1 (got $rc)" test $rc -eq 1
    check "setcap.sh as nobody: says it needs root ($out)" grep -q "needs root" <<<"$out"

    if command -v unshare >/dev/null; then
        # A private mount namespace where setcap is hidden behind /dev/null (not executable).
        hide=""
        for f in /usr/sbin/setcap /sbin/setcap /usr/bin/setcap /bin/setcap; do
            [ -e "$f" ] && [ ! -L "$f" ] && hide+="mount --bind /dev/null $f; "
        done
        out=$(unshare -m sh -c "$hide exec '$deploy/setcap.sh' '$work'" 2>&1); rc=$?
        check "setcap.sh without setcap: exit 1 (got $rc)" test $rc -eq 1
        check "setcap.sh without setcap: names the package ($out)" grep -q "libcap2-bin" <<<"$out"
    fi
    out=$("$deploy/setcap.sh" "$work/nothing-here" 2>&1); rc=$?
    check "setcap.sh on a missing path: exit 1 ($out)" test $rc -eq 1
fi

echo "$failures failed"
[ $failures -eq 0 ]
