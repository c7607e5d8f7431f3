#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The dashboard during a live capture (run by run-weblive.sh inside a network namespace):
`netlens-cli capture -i IFACE -c N --web 127.0.0.1:0 --keep-serving`, the page open in headless
chromium while tcpreplay sends N packets. The page's packet count must rise while they arrive
(several values between 0 and N, never going down) and equal the capture's own final count, N,
once it stops; the page then stops refreshing. A second capture asking for the same port says
so, naming it, and captures without the page."""

import argparse
import os
import re
import signal
import subprocess
import threading
import time

import webtest
from webtest import check, equal


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--iface", required=True)
    p.add_argument("--expect", type=int, required=True, help="packets tcpreplay will send")
    p.add_argument("--ready", required=True, help="touched when the page is up")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    check(args.expect > 100, "the replayed capture is too small: %d packets" % args.expect)
    tmp = webtest.workdir(args.out, "weblive")

    proc = subprocess.Popen([args.cli, "capture", "-i", args.iface, "-c", str(args.expect),
                             "--dir", tmp, "--web", "127.0.0.1:0", "--keep-serving"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines, url, final = [], [None], [None]
    got_url, got_final = threading.Event(), threading.Event()

    def read():
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            lines.append(line)
            m = re.search(r"Web dashboard at (http://127\.0\.0\.1:\d+/)", line)
            if m:
                url[0] = m.group(1)
                got_url.set()
            m = re.match(r"Final: (\d+) packets", line)
            if m:
                final[0] = int(m.group(1))
            if line.startswith("Capture finished; still serving"):
                got_final.set()
        got_url.set()
        got_final.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        got_url.wait(30)
        check(url[0], "capture --web printed no dashboard address:\n" + "\n".join(lines))
        with webtest.cdp.Browser() as browser:
            browser.set_accept_language("en")
            browser.navigate(url[0])
            browser.evaluate("performance.setResourceTimingBufferSize(100000)")
            browser.wait_for("document.body.dataset.state === 'capturing'",
                             what="the page to show the capture running")
            open(args.ready, "w").close()  # tcpreplay starts now
            seen = []
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                page = browser.evaluate(
                    "({state: document.body.dataset.state, packets: Number(document."
                    "getElementById('total-packets').getAttribute('data-value'))})")
                seen.append(page["packets"])
                if page["state"] == "finished":
                    break
                time.sleep(0.2)
            equal(page["state"], "finished", "the page's state after the capture stopped")
            rising = sorted({v for v in seen if 0 < v < args.expect})
            check(len(rising) >= 3, "the packet count did not rise on the page while packets "
                  "arrived: it showed %r" % sorted(set(seen)))
            check(all(b >= a for a, b in zip(seen, seen[1:])),
                  "the packet count went down: %r" % seen)
            got_final.wait(30)
            check(final[0] is not None, "capture printed no final count:\n" + "\n".join(lines))
            equal(final[0], args.expect, "the capture's own final count")
            equal(seen[-1], final[0], "#total-packets once the capture stopped")
            drops = re.search(r"dropped (\d+) \(kernel\) (\d+) \(interface\)",
                              "\n".join(l for l in lines if l.startswith("Final:")))
            check(drops, "capture printed no drop counts:\n" + "\n".join(lines))
            equal(browser.evaluate("document.getElementById('drops').textContent"),
                  str(int(drops.group(1)) + int(drops.group(2))),
                  "#drops (a live capture's drops are known, 0 included)")
            # Finished: the page no longer asks for updates.
            count = browser.evaluate("performance.getEntriesByType('resource').length")
            time.sleep(1.5)
            equal(browser.evaluate("performance.getEntriesByType('resource').length"), count,
                  "requests made by the page after the capture finished")
            problems = browser.problems()
            check(not problems, "console errors or exceptions: %r" % problems)
            webtest.save_screenshot(browser, args.out, "web-live.png", None)

        # A second capture asking for the same port: said, naming it, and it captures anyway.
        port = re.search(r":(\d+)/$", url[0]).group(1)
        second = subprocess.run([args.cli, "capture", "-i", args.iface, "-a", "duration:2",
                                 "--dir", tmp, "-w", os.path.join(tmp, "second.pcap"),
                                 "--web", "127.0.0.1:" + port],
                                capture_output=True, timeout=30)
        err = second.stderr.decode("utf-8", "replace")
        equal(second.returncode, 0, "exit status of a capture whose web port is taken")
        check("127.0.0.1:%s" % port in err and "capturing without it" in err,
              "the taken port was not named: %s" % err)
        check(os.path.exists(os.path.join(tmp, "second.pcap")),
              "the capture whose web port was taken wrote no file: %s" % err)
        print("PASS: the page counted %s up to %d, the capture's own count" %
              (", ".join(str(v) for v in rising[:8]), final[0]))
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    equal(proc.returncode, 0, "capture's exit status after SIGINT")


if __name__ == "__main__":
    webtest.run(main)
