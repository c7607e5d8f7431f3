# SPDX-License-Identifier: GPL-3.0-or-later
"""What the browser tests share: running netlens-cli (analyze --json, serve, visualize), the
numbers the page must show, read from the page and from `analyze --json`, and the checks that
compare them. Run with /usr/bin/python3."""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

OTHER_PERCENT = 2.0  # as the window's pie (ProtocolPieChart::kOtherPercent) and app.js
TITLES = {"en": "NetLens — Network Traffic Monitoring and Analysis",
          "zh-CN": "网络流量监控与分析系统"}


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure("%s: the page shows %r, expected %r" % (what, actual, expected))


def arguments():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True, help="netlens-cli")
    p.add_argument("--capture", help="the capture file to serve")
    p.add_argument("--out", required=True, help="the test's build folder (screenshots)")
    p.add_argument("--screenshots", help="also copy the screenshots into this folder")
    return p.parse_args()


def workdir(out, name):
    """The test's scratch folder under its build folder, emptied first (kept afterwards, to
    look at what failed)."""
    path = os.path.join(out, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def analyze(cli, capture, tmp, top=20):
    """`netlens-cli analyze --json` of the capture: what the page must agree with."""
    path = os.path.join(tmp, "summary.json")
    r = subprocess.run([cli, "analyze", capture, "--no-csv", "--quiet", "--top", str(top),
                        "--json", path], capture_output=True, timeout=60)
    check(r.returncode in (0, 1), "analyze --json failed (%d): %s" % (r.returncode,
                                                                      r.stderr.decode()))
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def expected_legend(summary):
    """Pie legend rows (name, packets) by the window's rule: under 2 % into "Other" unless
    only one slice would go there."""
    rows = sorted(((name, v["packets"]) for name, v in summary["protocols"].items()
                   if v["packets"] > 0), key=lambda r: -r[1])
    total = sum(p for _, p in rows)
    kept = [r for r in rows if 100.0 * r[1] / total >= OTHER_PERCENT]
    small = [r for r in rows if 100.0 * r[1] / total < OTHER_PERCENT]
    if len(small) == 1:
        kept += small
    elif small:
        kept.append(("Other", sum(p for _, p in small)))
    return kept


class Server:
    """`netlens-cli serve CAPTURE --listen 127.0.0.1:0`; the URL is read from what it prints."""

    def __init__(self, cli, capture, extra=()):
        self.lines = []
        self.proc = subprocess.Popen([cli, "serve", capture, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.url = None
        found = threading.Event()

        def read():
            for raw in self.proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.lines.append(line)
                m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if m and self.url is None and int(m.group(1)) != 0:
                    self.url = m.group(0)
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        found.wait(30)
        if self.url is None:
            self.stop()
            raise Failure("serve printed no http://127.0.0.1:PORT/ in 30 s: %s" %
                          "\n".join(self.lines))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# -- reading the page -----------------------------------------------------------------------

READ_PAGE = r"""(() => {
  const val = (el) => el ? Number(el.getAttribute("data-value")) : null;
  const rows = (sel) => [...document.querySelectorAll(sel + " tbody tr")];
  const txt = (tr, c) => { const td = tr.querySelector("td." + c); return td ? td.textContent : null; };
  const chart = (id) => { const c = Chart.getChart(document.getElementById(id));
                          return c ? c.data.datasets.map((d) => d.data) : null; };
  return {
    lang: document.documentElement.lang, title: document.title,
    h1: document.getElementById("title").textContent,
    state: document.body.dataset.state, drawn: document.body.dataset.drawn,
    packets: val(document.getElementById("total-packets")),
    bytes: val(document.getElementById("total-bytes")),
    talkers: rows("#talkers-table").map((tr) => [txt(tr, "address"),
        val(tr.querySelector("td.packets")), val(tr.querySelector("td.bytes"))]),
    legend: rows("#protocol-legend").map((tr) => [tr.getAttribute("data-name"),
        val(tr.querySelector("td.packets"))]),
    conversations: rows("#conversations-table").map((tr) => [txt(tr, "a"), txt(tr, "b"),
        val(tr.querySelector("td.packets")), val(tr.querySelector("td.bytes"))]),
    flows: rows("#flows-table").map((tr) => [txt(tr, "a"), txt(tr, "b"), txt(tr, "server"),
        txt(tr, "protocol"), val(tr.querySelector("td.bytes"))]),
    alerts: rows("#alerts-table").map((tr) => tr.getAttribute("data-uid")),
    pie: chart("protocol-chart"), bars: chart("talkers-chart"),
    traffic: (() => { const c = Chart.getChart(document.getElementById("traffic-chart"));
                      return c ? c.data.datasets[0].data.map((p) => p.y) : null; })(),
    unit: document.getElementById("traffic-unit").value,
  };
})()"""


def read_page(browser):
    return browser.evaluate(READ_PAGE)


def host_port(address, port):
    if not port:
        return address
    return ("[%s]" % address if ":" in address else address) + ":%d" % port


def check_numbers(page, summary, top=5):
    """The page's totals, top-N table, pie legend, conversations and flows against the
    summary (analyze --json of the same capture)."""
    equal(page["packets"], summary["packets"], "#total-packets data-value")
    equal(page["bytes"], summary["bytes"], "#total-bytes data-value")
    want = [[t["address"], t["packets"], t["bytes"]] for t in summary["top_talkers"][:top]]
    equal(page["talkers"], want, "top-%d table (address, packets, bytes)" % top)
    legend = [list(r) for r in expected_legend(summary)]
    equal(page["legend"], legend, "protocol legend (name, packets)")
    check(page["pie"] and page["pie"][0] == [r[1] for r in legend],
          "the pie's slices %r are not the legend's %r" % (page["pie"], legend))
    check(page["bars"] and page["bars"][0] == [t["sent_bytes"] for t in summary["top_talkers"][:top]]
          and page["bars"][1] == [t["received_bytes"] for t in summary["top_talkers"][:top]],
          "the top-IP bars %r differ from the summary's sent/received bytes" % page["bars"])
    conv = [[c["a"], c["b"], c["packets"], c["bytes"]] for c in summary["conversations"][:10]]
    equal(page["conversations"], conv, "conversations table (a, b, packets, bytes)")
    if summary.get("flows") and page["flows"]:
        flows = [[host_port(f["a"], f.get("port_a")), host_port(f["b"], f.get("port_b")),
                  f.get("server_name", ""), f.get("protocol") or f.get("transport"), f["bytes"]]
                 for f in summary["flows"][:10]]
        equal(page["flows"], flows, "flows table (a, b, server, protocol, bytes)")


TRAFFIC = """(() => { const el = document.getElementById("traffic-chart");
  const c = Chart.getChart(el);
  return { interval: Number(el.getAttribute("data-interval")),
           y: c ? c.data.datasets[0].data.map((p) => p.y) : [] }; })()"""


def check_traffic(browser, summary):
    """The traffic chart's rates times its interval add up to the capture's bytes (bits/s)
    and, after switching the unit, to its packets (packets/s)."""
    equal(browser.evaluate("document.getElementById('traffic-unit').value"), "bits",
          "traffic unit at start")
    for unit, want, scale in (("bits", summary["bytes"], 1 / 8), ("packets", summary["packets"], 1)):
        browser.evaluate("(() => { const s = document.getElementById('traffic-unit');"
                         " s.value = '%s'; s.dispatchEvent(new Event('change')); })()" % unit)
        t = browser.evaluate(TRAFFIC)
        check(t["interval"] > 0 and t["y"], "the traffic chart has no points (%r)" % t)
        total = sum(t["y"]) * t["interval"] * scale
        check(abs(total - want) <= 1e-6 * max(want, 1),
              "traffic chart in %s/s adds up to %r, the capture has %r" % (unit, total, want))
    browser.evaluate("(() => { const s = document.getElementById('traffic-unit');"
                     " s.value = 'bits'; s.dispatchEvent(new Event('change')); })()")


# Every chart's canvas is as wide as its box: Chart.js has caught up with the last resize.
CHARTS_SETTLED = ("[...document.querySelectorAll('canvas')].every((c) =>"
                  " Math.abs(c.width - c.parentElement.clientWidth) <= 1 &&"
                  " Math.abs(c.height - c.parentElement.clientHeight) <= 1)")


def save_screenshot(browser, out, name, copy_to):
    browser.wait_for(CHARTS_SETTLED, what="the charts to fit their boxes")
    path = browser.full_page_screenshot(os.path.join(out, name), settled=CHARTS_SETTLED)
    if copy_to:
        os.makedirs(copy_to, exist_ok=True)
        shutil.copyfile(path, os.path.join(copy_to, name))
    return path


def run(main):
    """Runs a test's main, prints PASS or the failure, and exits 0 or 1."""
    start = time.monotonic()
    try:
        main()
    except (Failure, cdp.CdpError, subprocess.TimeoutExpired) as e:
        print("FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)
    print("PASS (%.1f s)" % (time.monotonic() - start))
