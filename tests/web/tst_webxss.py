#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile packet data on the page: a capture built here with scapy carries <script> and
<img onerror> in DNS query names, a TLS SNI and an HTTP Host header (and in its own file name).
Served and as a report, the page must show them as text, make no element of them, open no
dialog, call no alert() and log no error."""

import os
import subprocess

from scapy.all import DNS, DNSQR, DNSRR, IP, TCP, UDP, Ether, Raw, wrpcap
from scapy.layers.tls.all import TLS, TLS_Ext_ServerName, TLSClientHello, ServerName

import webtest
from webtest import check, equal

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
CLIENT, RESOLVER, TLS_SERVER, WEB_SERVER = "10.9.0.2", "10.9.0.53", "10.9.0.10", "10.9.0.20"
# Every dialog and alert() the page could open is counted before any page script runs.
HOOK = ("window.__calls = []; for (const f of ['alert', 'confirm', 'prompt'])"
        " window[f] = (m) => { window.__calls.push(f + ':' + m); };")


def tcp_session(t, sport, dst, dport, payload, reply):
    """A handshake, one request, one reply and a close, so nDPI sees a whole flow."""
    mac = Ether(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")
    back = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    c, s = 1000, 5000
    pkts = [mac / IP(src=CLIENT, dst=dst) / TCP(sport=sport, dport=dport, flags="S", seq=c),
            back / IP(src=dst, dst=CLIENT) / TCP(sport=dport, dport=sport, flags="SA", seq=s,
                                                 ack=c + 1),
            mac / IP(src=CLIENT, dst=dst) / TCP(sport=sport, dport=dport, flags="A", seq=c + 1,
                                                ack=s + 1),
            mac / IP(src=CLIENT, dst=dst) / TCP(sport=sport, dport=dport, flags="PA", seq=c + 1,
                                                ack=s + 1) / payload,
            back / IP(src=dst, dst=CLIENT) / TCP(sport=dport, dport=sport, flags="PA", seq=s + 1,
                                                 ack=c + 1 + len(payload)) / Raw(reply),
            mac / IP(src=CLIENT, dst=dst) / TCP(sport=sport, dport=dport, flags="FA",
                                                seq=c + 1 + len(payload), ack=s + 1 + len(reply))]
    for i, p in enumerate(pkts):
        p.time = t + i * 0.01
    return pkts


def dns_exchange(t, sport, name):
    q = (Ether(src="02:00:00:00:00:02", dst="02:00:00:00:00:01") / IP(src=CLIENT, dst=RESOLVER) /
         UDP(sport=sport, dport=53) / DNS(id=sport, rd=1, qd=DNSQR(qname=name)))
    a = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / IP(src=RESOLVER, dst=CLIENT) /
         UDP(sport=53, dport=sport) /
         DNS(id=sport, qr=1, ra=1, qd=DNSQR(qname=name), an=DNSRR(rrname=name, rdata="10.9.0.99")))
    q.time, a.time = t, t + 0.005
    return [q, a]


def build_capture(path):
    t = 1764000000.0
    pkts = []
    pkts += dns_exchange(t, 40001, SCRIPT + ".evil.example")
    pkts += dns_exchange(t + 0.1, 40002, IMG + ".evil.example")
    pkts += dns_exchange(t + 0.2, 40003, "www.example.org")  # a normal one
    hello = TLS(msg=[TLSClientHello(ext=[TLS_Ext_ServerName(servernames=[ServerName(
        servername=IMG.encode())])])])
    pkts += tcp_session(t + 0.3, 40010, TLS_SERVER, 443, bytes(hello), b"\x15\x03\x03\x00\x02\x02\x28")
    request = ("GET /index.html HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: */*\r\n\r\n"
               % (SCRIPT, IMG)).encode()
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello"
    pkts += tcp_session(t + 0.5, 40020, WEB_SERVER, 80, request, response)
    pkts += tcp_session(t + 0.7, 40021, WEB_SERVER, 80,
                        b"GET / HTTP/1.1\r\nHost: www.example.org\r\n\r\n", response)
    wrpcap(path, pkts)


CHECK_PAGE = r"""(() => ({
  text: document.body.textContent,
  scripts: document.querySelectorAll("script").length,
  imgs: document.querySelectorAll("img").length,
  handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some(
      (a) => a.name.startsWith("on"))).length,
  servers: [...document.querySelectorAll("#flows-table td.server")].map((td) => td.textContent),
  file: document.getElementById("file").textContent + "|" + document.getElementById("file").title,
  calls: window.__calls,
}))()"""


def check_page(browser, scripts, where, names):
    p = browser.evaluate(CHECK_PAGE)
    for hostile in (SCRIPT, IMG):
        check(hostile in p["text"], "%s: %r is not shown as text" % (where, hostile))
    for name in names:
        check(name in p["servers"], "%s: server name %r not in the flows table %r"
              % (where, name, p["servers"]))
    check("onerror=alert(3)" in p["file"], "%s: the file name is not shown: %r" % (where, p["file"]))
    equal(p["scripts"], scripts, "%s: <script> elements" % where)
    equal(p["imgs"], 1, "%s: <img> elements (the logo only)" % where)
    equal(p["handlers"], 0, "%s: elements with on* attributes" % where)
    equal(p["calls"], [], "%s: alert/confirm/prompt calls" % where)
    check(not browser.dialogs(), "%s: a dialog opened: %r" % (where, browser.dialogs()))
    problems = browser.problems()
    check(not problems, "%s reported problems:\n%s" % (where, "\n".join(problems)))


def main():
    args = webtest.arguments()
    tmp = webtest.workdir(args.out, "webxss")
    capture = os.path.join(tmp, "<img src=x onerror=alert(3)>.pcap")
    build_capture(capture)
    summary = webtest.analyze(args.cli, capture, tmp)
    names = sorted({f.get("server_name", "") for f in summary["flows"]} - {""})
    # The names the flows must carry (nDPI's DNS name, SNI and Host); the page shows them.
    for hostile in (SCRIPT, IMG):
        check(any(hostile in n for n in names),
              "analyze --json has no flow with server name %r (names: %r)" % (hostile, names))

    with webtest.Server(args.cli, capture) as server, webtest.cdp.Browser() as browser:
        browser.add_script_on_new_document(HOOK)
        browser.navigate(server.url)
        browser.wait_for("document.body.dataset.drawn", what="the page to draw")
        webtest.check_numbers(webtest.read_page(browser), summary, top=5)
        check_page(browser, 2, "served page", names)

    report = os.path.join(tmp, "report.html")
    r = subprocess.run([args.cli, "visualize", capture, "--report", report, "--quiet"],
                       capture_output=True, timeout=60)
    check(r.returncode in (0, 1), "visualize --report failed: %s" % r.stderr.decode())
    with webtest.cdp.Browser() as browser:
        browser.add_script_on_new_document(HOOK)
        browser.set_offline(True)
        browser.navigate("file://" + report)
        browser.wait_for("document.body.dataset.drawn", what="the report to draw")
        webtest.check_numbers(webtest.read_page(browser), summary, top=5)
        # The report's own scripts: Chart.js, the data block and app.js.
        check_page(browser, 3, "report", names)


if __name__ == "__main__":
    webtest.run(main)
