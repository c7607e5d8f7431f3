#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTML report: `netlens-cli visualize CAPTURE --report out.html [--alerts]` opened from
file:// in headless chromium with the network off shows the numbers of `analyze --json` and
the alerts of `netlens-cli alert --json`, loads nothing from anywhere, and logs no error."""

import json
import os
import subprocess

import webtest
from webtest import check, equal


def visualize(cli, capture, report, *extra):
    r = subprocess.run([cli, "visualize", capture, "--report", report, "--quiet", *extra],
                       capture_output=True, timeout=60)
    check(r.returncode in (0, 1), "visualize --report failed (%d): %s" % (r.returncode,
                                                                          r.stderr.decode()))
    check(os.path.getsize(report) > 100000, "%s is too small to hold Chart.js" % report)


def alert_uids(cli, capture, tmp):
    r = subprocess.run([cli, "alert", capture, "--json", "--no-snippets", "--quiet"],
                       capture_output=True, timeout=60, cwd=tmp)
    check(r.returncode in (0, 3), "alert --json failed (%d): %s" % (r.returncode,
                                                                    r.stderr.decode()))
    return sorted(json.loads(line)["uid"] for line in r.stdout.decode().splitlines() if line)


def main():
    args = webtest.arguments()
    tmp = webtest.workdir(args.out, "webreport")
    summary = webtest.analyze(args.cli, args.capture, tmp)
    uids = alert_uids(args.cli, args.capture, tmp)
    check(uids, "the capture raises no alert: pick one that does, or --alerts is not tested")
    en = os.path.join(tmp, "report-en.html")
    zh = os.path.join(tmp, "report-zh.html")
    visualize(args.cli, args.capture, en, "--alerts")
    visualize(args.cli, args.capture, zh, "--lang", "zh-CN")
    with open(en, "rb") as f:
        html = f.read()
    check(b"<script src" not in html and b"<link rel=\"stylesheet\"" not in html,
          "the report still refers to files beside it")

    with webtest.cdp.Browser() as browser:
        browser.set_offline(True)
        browser.navigate("file://" + en)
        browser.wait_for("document.body.dataset.drawn", what="the report to draw")
        page = webtest.read_page(browser)
        equal(page["lang"], "en", "html[lang] of the --lang en report")
        equal(page["h1"], webtest.TITLES["en"], "h1#title")
        equal(page["state"], "finished", "body[data-state]")
        webtest.check_numbers(page, summary, top=5)
        webtest.check_traffic(browser, summary)
        equal(sorted(page["alerts"]), uids, "alert rows (data-uid) against alert --json")
        # The report holds 20 talkers: 10 and 20 come from the file itself, without a server.
        for n in (10, 20):
            browser.evaluate("(() => { const s = document.getElementById('top-n'); s.value = '%d';"
                             " s.dispatchEvent(new Event('change')); })()" % n)
            webtest.check_numbers(webtest.read_page(browser), summary, top=n)
        loaded = browser.evaluate("performance.getEntriesByType('resource')"
                                  ".map((e) => e.name).filter((u) => !u.startsWith('data:'))")
        equal(loaded, [], "resources the report loaded")

        browser.navigate("file://" + zh)
        browser.wait_for("document.body.dataset.drawn", what="the zh-CN report to draw")
        page = webtest.read_page(browser)
        equal(page["lang"], "zh-CN", "html[lang] of the --lang zh-CN report")
        equal(page["h1"], webtest.TITLES["zh-CN"], "h1#title of the zh-CN report")
        webtest.check_numbers(page, summary, top=5)
        equal(page["alerts"], [], "alert rows of a report made without --alerts")
        check(browser.evaluate("document.getElementById('alerts-empty').textContent") != "",
              "a report without --alerts should say the alerts were not run")
        problems = browser.problems()
        check(not problems, "the report reported problems:\n" + "\n".join(problems))

    # Bad input gets an error naming the file.
    bad = os.path.join(tmp, "no-such-dir", "r.html")
    r = subprocess.run([args.cli, "visualize", args.capture, "--report", bad, "--quiet"],
                       capture_output=True, timeout=60)
    check(r.returncode == 2 and bad in r.stderr.decode(),
          "an unwritable --report should fail naming it: %d %s" % (r.returncode, r.stderr))
    r = subprocess.run([args.cli, "visualize", args.capture], capture_output=True, timeout=60)
    check(r.returncode == 2 and "--report" in r.stderr.decode(),
          "visualize without --out or --report should say so: %s" % r.stderr)


if __name__ == "__main__":
    webtest.run(main)
