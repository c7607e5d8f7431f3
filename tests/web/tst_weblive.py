#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The page during a live capture: `netlens-cli capture -i wB -c N --web 127.0.0.1:0
--keep-serving` in a network namespace of its own, fed N frames on a veth pair; the page's
packet count must rise while the capture runs (several values between 0 and N, never going
back) and end at the capture's own count (its --json), in the finished state, with the page's
polling stopped. Needs root (ip netns); skipped (77) without it.

The test runs itself again inside the namespace, so the capture, the server, chromium and
the sender all live there and nothing touches the host's network."""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import webtest
from webtest import check, equal

SKIP = 77
FRAMES = 3000
BATCHES = 30
BATCH_GAP_S = 0.12  # about 3.6 s of traffic: several page refreshes at 500 ms
ENV_INNER = "NETLENS_WEBLIVE_INNER"


def ip(*args):
    r = subprocess.run(["ip", *args], capture_output=True, timeout=20)
    if r.returncode != 0:
        raise webtest.Failure("ip %s: %s" % (" ".join(args), r.stderr.decode().strip()))


def outer():
    """Makes the namespace and its veth pair, runs the test inside, and removes it."""
    if os.geteuid() != 0:
        print("SKIP: needs root to create a network namespace (ip netns add)")
        sys.exit(SKIP)
    ns = "nlweb%d" % os.getpid()
    ip("netns", "add", ns)
    try:
        ip("-n", ns, "link", "add", "wA", "type", "veth", "peer", "name", "wB")
        ip("netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
           "net.ipv6.conf.default.disable_ipv6=1", "net.ipv6.conf.wA.disable_ipv6=1",
           "net.ipv6.conf.wB.disable_ipv6=1")
        # ARP off and no IPv6: the only frames on the link are the test's.
        for link in ("wA", "wB"):
            ip("-n", ns, "link", "set", link, "arp", "off", "up")
        ip("-n", ns, "link", "set", "lo", "up")  # the dashboard listens on 127.0.0.1 in there
        env = dict(os.environ, **{ENV_INNER: ns})
        r = subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__),
                            *sys.argv[1:]], env=env, timeout=110)
        sys.exit(r.returncode)
    finally:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=20)


def frames():
    """FRAMES UDP frames of varying size from wA's side; built by hand (no scapy needed)."""
    out = []
    for i in range(FRAMES):
        payload = bytes(20 + i % 200)
        udp_len = 8 + len(payload)
        total = 20 + udp_len
        iphdr = bytearray(b"\x45\x00" + total.to_bytes(2, "big") + (i & 0xFFFF).to_bytes(2, "big") +
                          b"\x00\x00\x40\x11\x00\x00" + bytes([10, 77, 0, 1]) +
                          bytes([10, 77, 0, 2 + i % 7]))
        csum = sum(int.from_bytes(iphdr[j:j + 2], "big") for j in range(0, 20, 2))
        csum = (csum & 0xFFFF) + (csum >> 16)
        iphdr[10:12] = (~csum & 0xFFFF).to_bytes(2, "big")
        udp = (40000 + i % 50).to_bytes(2, "big") + (9000).to_bytes(2, "big") + \
            udp_len.to_bytes(2, "big") + b"\x00\x00"
        eth = bytes.fromhex("020000000002" "020000000001" "0800")
        out.append(eth + bytes(iphdr) + udp + payload)
    return out


def send(all_frames, started):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("wA", 0))
    started.wait(30)
    per = len(all_frames) // BATCHES
    for b in range(BATCHES):
        for f in all_frames[b * per:(b + 1) * per]:
            s.send(f)
        time.sleep(BATCH_GAP_S)
    s.close()


def inner():
    args = webtest.arguments()
    tmp = webtest.workdir(args.out, "weblive")
    summary_path = os.path.join(tmp, "capture.json")
    all_frames = frames()
    cap = subprocess.Popen([args.cli, "capture", "-i", "wB", "-c", str(FRAMES), "--no-write",
                            "--web", "127.0.0.1:0", "--keep-serving", "--quiet",
                            "--json", summary_path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = None
        deadline = time.monotonic() + 30
        lines = []
        while url is None and time.monotonic() < deadline:
            line = cap.stderr.readline().decode("utf-8", "replace")
            if not line:
                break
            lines.append(line)
            if "Web dashboard at " in line:
                url = line.split("Web dashboard at ", 1)[1].strip()
        check(url, "capture --web printed no address: %s" % "".join(lines))
        threading.Thread(target=lambda: cap.stderr.read(), daemon=True).start()
        started = threading.Event()
        sender = threading.Thread(target=send, args=(all_frames, started), daemon=True)
        sender.start()
        with webtest.cdp.Browser() as browser:
            browser.navigate(url)
            browser.evaluate("performance.setResourceTimingBufferSize(100000)")
            browser.wait_for("document.body.dataset.state === 'capturing'",
                             what="the page to show the capture running")
            started.set()
            seen = []
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline:
                s = browser.evaluate("[document.body.dataset.state, Number(document.getElementById"
                                     "('total-packets').getAttribute('data-value'))]")
                seen.append(s)
                if s[0] == "finished":
                    break
                browser.pump(0.1)
            check(seen[-1][0] == "finished", "the page never showed the capture finished: %r"
                  % seen[-10:])
            counts = [c for _, c in seen]
            check(all(a <= b for a, b in zip(counts, counts[1:])),
                  "the page's packet count went back: %r" % counts)
            between = sorted({c for st, c in seen if st == "capturing" and 0 < c < FRAMES})
            check(len(between) >= 3, "the page's count did not rise while capturing "
                  "(values seen between 0 and %d: %r)" % (FRAMES, between))
            deadline = time.monotonic() + 20
            while not os.path.exists(summary_path) and time.monotonic() < deadline:
                time.sleep(0.05)
            with open(summary_path, encoding="utf-8") as f:
                summary = json.load(f)
            equal(summary["packets"], FRAMES, "the capture's own packet count (--json)")
            page = webtest.read_page(browser)
            equal(page["packets"], summary["packets"], "#total-packets after the capture")
            equal(page["bytes"], summary["bytes"], "#total-bytes after the capture")
            # Final: the page stops asking for the dashboard.
            count = ("performance.getEntriesByType('resource').filter((e) =>"
                     " e.name.includes('/api/v1/dashboard')).length")
            before = browser.evaluate(count)
            browser.pump(1.6)
            equal(browser.evaluate(count), before, "dashboard requests after the final snapshot")
            problems = browser.problems()
            check(not problems, "the page reported problems:\n" + "\n".join(problems))
            print("page counts while capturing: %s" % between)
    finally:
        if cap.poll() is None:
            cap.terminate()
            try:
                cap.wait(10)
            except subprocess.TimeoutExpired:
                cap.kill()


if __name__ == "__main__":
    if os.environ.get(ENV_INNER):
        webtest.run(inner)
    else:
        try:
            outer()
        except webtest.Failure as e:
            print("FAIL: %s" % e, file=sys.stderr)
            sys.exit(1)
