#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""IPFIX flow export against a real collector: nfdump's nfcapd on a loopback port.

Checked:
- every corpus capture exported by `netlens-cli analyze --ipfix` arrives at nfcapd record for
  record as the JSON summary lists the flows it exported (5-tuple, packets, octets, start and
  end in ms), and the IPFIX file (RFC 5655) of the same run holds the same records;
- octets are IP total lengths, checked against tshark's ip.len / ipv6.plen on every corpus
  file (an independent dissector), not frame lengths with padding;
- the messages: version 10, at most the path MTU less IP and UDP headers, sequence numbers
  counting data records without a gap, the observation domain asked for, export times now;
- idle (15 s) and active (1800 s) timeouts on packet time, with their flowEndReason;
- a flood of single-packet flows loses none, with the default caps and with a flow cap of
  1,000 (the cap ends flows early, flowEndReason lack of resources, and loses none either);
- a collector that is not listening and an unreachable address (in a namespace with no
  route): the export goes on, one warning, no stall;
- live: `netlens-cli capture --ipfix` in namespaces fed by tcpreplay ends flows on the clock
  while the capture runs, and the collector's packets equal the IP packets sent.

The namespace cases need root (CI runs as root) and are skipped without it.
Usage: tst_ipfix.py --cli PATH --corpus DIR --work DIR
"""

import argparse
import collections
import datetime
import ipaddress
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import unittest

ARGS = None
MAX_MESSAGE = 1472  # 1500-byte MTU less IPv4 and UDP headers


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def read_text(path):
    with open(path) as f:
        return f.read()


def read_json(path):
    with open(path) as f:
        return json.load(f)


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """nfcapd on 127.0.0.1 (or in namespace `netns`), read back with nfdump."""

    def __init__(self, name, netns=None):
        self.dir = os.path.join(ARGS.work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.port = free_udp_port()
        self.log = os.path.join(self.dir, "nfcapd.log")
        prefix = ["ip", "netns", "exec", netns] if netns else []
        self.out = open(self.log, "w")
        # A 4 MB socket buffer: the flood's burst must not be lost in the collector's own
        # buffer (NetLens paces to 10,000 messages a second, nfcapd keeps up with that).
        self.proc = subprocess.Popen(
            prefix + ["nfcapd", "-B", "4194304", "-b", "127.0.0.1", "-p", str(self.port),
                      "-w", self.dir, "-t", "3600"],
            stdout=self.out, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while "Startup" not in read_text(self.log):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("nfcapd did not start: " + read_text(self.log))
            time.sleep(0.05)

    def stop(self):
        """Ends nfcapd (it writes its file then) and returns its log."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(20)
        self.out.close()
        return read_text(self.log)

    def domains(self):
        """{SysID: observation domain} from nfcapd's log."""
        out = {}
        for line in read_text(self.log).splitlines():
            if "New ipfix exporter" in line:
                sysid = int(line.split("SysID:")[1].split(",")[0])
                out[sysid] = int(line.split("Observation domain")[1].split()[0])
        return out

    def records(self):
        """[(domain, record)] of every flow nfcapd stored."""
        files = [f for f in os.listdir(self.dir) if f.startswith("nfcapd.2")]
        domains = self.domains()
        out = []
        for f in sorted(files):
            r = run(["nfdump", "-r", os.path.join(self.dir, f), "-q", "-N", "-6", "-o",
                     "fmt:%exp|%ts|%te|%sa|%da|%sp|%dp|%pr|%pkt|%byt"],
                    env=dict(os.environ, TZ="UTC"))
            if r.returncode != 0:
                raise RuntimeError("nfdump: " + r.stderr.decode())
            for line in r.stdout.decode().splitlines():
                f_ = [x.strip() for x in line.split("|")]
                if len(f_) != 10:
                    continue
                dp = f_[6]
                if "." in dp:  # ICMP: type.code
                    t, c = dp.split(".")
                    dp = int(t) * 256 + int(c)
                out.append((domains.get(int(f_[0]), -1), (
                    str(ipaddress.ip_address(f_[3])), str(ipaddress.ip_address(f_[4])),
                    int(f_[5]), int(dp), int(f_[7]), int(f_[8]), int(f_[9]),
                    nf_ms(f_[1]), nf_ms(f_[2]))))
        return out


def days_from_civil(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date, for any year (H. Hinnant's)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def nf_ms(text):
    """nfdump's UTC "Y-M-D H:M:S.mmm" as ms since the epoch; years past 9999 too (a flow
    dated before 1970 wraps in IPFIX's unsigned milliseconds)."""
    date, clock = text.split(" ")
    y, mo, d = (int(x) for x in date.split("-"))
    h, mi, s = clock.split(":")
    sec, ms = s.split(".")
    return ((days_from_civil(y, mo, d) * 24 + int(h)) * 60 + int(mi)) * 60000 + \
        int(sec) * 1000 + int(ms)


def json_records(summary):
    # IPFIX times are unsigned: one before 1970 arrives as it wraps modulo 2^64.
    return [(str(ipaddress.ip_address(f["src"])), str(ipaddress.ip_address(f["dst"])),
             f["src_port"], f["dst_port"], f["proto"], f["packets"], f["octets"],
             f["start_ms"] % 2**64, f["end_ms"] % 2**64) for f in summary["ipfix"]["flows"]]


def analyze(files, *options, timeout=600):
    """(exit status, JSON summary or None, stderr text, seconds) of netlens-cli analyze."""
    js = os.path.join(ARGS.work, "summary.json")
    if os.path.exists(js):
        os.remove(js)
    t0 = time.monotonic()
    r = run([ARGS.cli, "analyze", *files, "--no-csv", "--quiet", "--json", js, *options],
            timeout=timeout)
    took = time.monotonic() - t0
    summary = read_json(js) if os.path.exists(js) else None
    return r.returncode, summary, r.stderr.decode(), took


def read_ipfix_file(path):
    """The messages of an IPFIX file, parsed here (not with libfixbuf, which wrote them):
    [(header dict, [data records as (template id, bytes)])]."""
    with open(path, "rb") as f:
        data = f.read()
    templates = {}  # tid -> [(ie, length)]
    messages, off = [], 0
    while off < len(data):
        version, length, extime, seq, domain = struct.unpack(">HHIII", data[off:off + 16])
        if version != 10 or length < 16 or off + length > len(data):
            raise ValueError("bad message header at byte %d" % off)
        msg = data[off:off + length]
        records, p = [], 16
        while p < length:
            sid, slen = struct.unpack(">HH", msg[p:p + 4])
            if slen < 4 or p + slen > length:
                raise ValueError("bad set at byte %d" % (off + p))
            body, q = msg[p + 4:p + slen], 0
            if sid == 2:
                while q + 4 <= len(body):
                    tid, count = struct.unpack(">HH", body[q:q + 4])
                    q += 4
                    fields = []
                    for _ in range(count):
                        ie, ln = struct.unpack(">HH", body[q:q + 4])
                        q += 4
                        if ie & 0x8000:
                            q += 4
                        fields.append((ie & 0x7fff, ln))
                    templates[tid] = fields
            elif sid >= 256:
                fields = templates[sid]
                while q < len(body):
                    start = q
                    try:
                        for _ie, ln in fields:
                            if ln == 65535:
                                ln = body[q]
                                q += 1
                                if ln == 255:
                                    ln = struct.unpack(">H", body[q:q + 2])[0]
                                    q += 2
                            q += ln
                    except IndexError:
                        break
                    if q > len(body):
                        break  # set padding
                    records.append((sid, body[start:q]))
            p += slen
        messages.append(({"length": length, "export_time": extime, "sequence": seq,
                          "domain": domain}, records))
        off += length
    return messages


def corpus_files():
    return sorted(os.path.join(ARGS.corpus, f) for f in os.listdir(ARGS.corpus)
                  if f.endswith((".pcap", ".pcapng", ".cap")))


def write_pcap(path, packets):
    """packets: [(seconds float, frame bytes)], Ethernet."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for ts, frame in packets:
            sec, usec = int(ts), round((ts - int(ts)) * 1e6)
            out.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame)


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ipv4_frame(src, dst, proto, l4, ident=0):
    hdr = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident & 0xffff, 0, 64, proto, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack(">H", checksum(hdr)) + hdr[12:]
    frame = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00" + hdr + l4
    return frame + b"\0" * max(0, 60 - len(frame))  # Ethernet padding: not IP bytes


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def syn(sport, dport, seq):
    return struct.pack(">HHIIBBHHH", sport, dport, seq, 0, 0x50, 0x02, 65535, 0, 0)


T2025 = 1735689600.0  # 2025-01-01 00:00:00 UTC


class IpfixTest(unittest.TestCase):
    def test_corpus_matches_collector_and_file(self):
        collector = Collector("corpus")
        files = corpus_files()
        expected, started = {}, time.time()
        try:
            for i, f in enumerate(files):
                ipfix_file = os.path.join(ARGS.work, "corpus-%d.ipfix" % i)
                _, summary, err, _ = analyze(
                    [f], "--ipfix", "127.0.0.1:%d" % collector.port, "--ipfix-file", ipfix_file,
                    "--ipfix-domain", str(i + 1))
                self.assertIsNotNone(summary, "%s: no JSON: %s" % (f, err))
                # The one warning a file may bring: flows dated before 1970.
                for line in err.splitlines():
                    if "warning" in line:
                        self.assertIn("before 1970", line, f)
                ipfix = summary["ipfix"]
                self.assertEqual(ipfix["messages_lost"], 0, f)
                self.assertEqual(ipfix["records"], len(ipfix["flows"]), f)
                expected[i + 1] = json_records(summary)
                self.check_file(ipfix_file, i + 1, summary, started)
        finally:
            log = collector.stop()
        got = collections.defaultdict(list)
        for domain, rec in collector.records():
            got[domain].append(rec)
        total = agree = 0
        for i, f in enumerate(files):
            want = collections.Counter(expected[i + 1])
            have = collections.Counter(got.get(i + 1, []))
            same = sum((want & have).values())
            total += sum(want.values())
            agree += same
            if want != have:
                print("%s: %d of %d records agree; missing %s; unexpected %s" % (
                    os.path.basename(f), same, sum(want.values()),
                    list((want - have).elements())[:3], list((have - want).elements())[:3]),
                    file=sys.stderr)
        print("corpus: %d files, %d flow records, agreement with nfcapd %.3f%%" % (
            len(files), total, 100.0 * agree / max(1, total)), file=sys.stderr)
        self.assertGreater(total, 1000)
        self.assertEqual(agree, total)
        self.assertIn("Sequence Errors: 0", log)
        self.assertNotRegex(log, r"Sequence Errors: [1-9]")

    def check_file(self, path, domain, summary, started):
        messages = read_ipfix_file(path)
        records = 0
        for header, recs in messages:
            self.assertLessEqual(header["length"], MAX_MESSAGE, path)
            self.assertEqual(header["domain"], domain, path)
            self.assertEqual(header["sequence"], records, "%s: sequence gap" % path)
            self.assertGreaterEqual(header["export_time"], int(started) - 1)
            self.assertLessEqual(header["export_time"], time.time() + 1)
            records += len(recs)
        self.assertEqual(records, summary["ipfix"]["records"], path)

    def test_octets_are_ip_lengths(self):
        """Per (file, source, destination): packets and octets against tshark's own
        dissection (outermost IP header's total length)."""
        groups = agree = 0
        for f in corpus_files():
            _, summary, err, _ = analyze([f], "--ipfix-file",
                                         os.path.join(ARGS.work, "octets.ipfix"))
            if summary is None:
                continue
            ours = collections.defaultdict(lambda: [0, 0])
            for r in summary["ipfix"]["flows"]:
                k = (str(ipaddress.ip_address(r["src"])), str(ipaddress.ip_address(r["dst"])))
                ours[k][0] += r["packets"]
                ours[k][1] += r["octets"]
            theirs = tshark_ip_totals(f)
            keys = set(ours) | set(theirs)
            groups += len(keys)
            same = sum(1 for k in keys if ours.get(k) == theirs.get(k))
            agree += same
            if same != len(keys):
                bad = [(k, ours.get(k), theirs.get(k)) for k in keys
                       if ours.get(k) != theirs.get(k)][:3]
                print("%s: %d of %d address pairs agree with tshark: %s" % (
                    os.path.basename(f), same, len(keys), bad), file=sys.stderr)
        pct = 100.0 * agree / max(1, groups)
        print("octets vs tshark ip.len: %d address pairs, %.2f%% agree" % (groups, pct),
              file=sys.stderr)
        self.assertGreater(groups, 500)
        self.assertGreaterEqual(pct, 99.0)

    def test_padding_is_not_ip_bytes(self):
        path = os.path.join(ARGS.work, "padded.pcap")
        write_pcap(path, [(T2025 + i, ipv4_frame("10.0.0.1", "10.0.0.2", 17,
                                                 udp(5000, 53, b"x" * 4), i)) for i in range(5)])
        _, summary, _, _ = analyze([path], "--ipfix-file", os.path.join(ARGS.work, "p.ipfix"))
        (rec,) = summary["ipfix"]["flows"]
        self.assertEqual(summary["bytes"], 5 * 60)  # the tables count the wire
        self.assertEqual(rec["octets"], 5 * 32)  # IP: 20 + 8 + 4 per packet
        self.assertEqual(rec["packets"], 5)
        self.assertEqual(rec["start_ms"], int(T2025 * 1000))
        self.assertEqual(rec["end_ms"], int(T2025 * 1000) + 4000)

    def test_timeouts_on_packet_time(self):
        pk = []
        # A: gaps of 10 s (within 15), then 20 s (past it): two records A->B.
        for t in (0, 10, 20, 40):
            pk.append((T2025 + t, ipv4_frame("10.1.0.1", "10.1.0.2", 17, udp(1000, 2000, b"a"))))
        # B: a packet every 10 s for 4,000 s, each way: cut at 1800 s of record (active).
        for t in range(0, 4000, 10):
            pk.append((T2025 + t + 0.5, ipv4_frame("10.2.0.1", "10.2.0.2", 17,
                                                   udp(3000, 4000, b"b"))))
            pk.append((T2025 + t + 0.6, ipv4_frame("10.2.0.2", "10.2.0.1", 17,
                                                   udp(4000, 3000, b"b"))))
        pk.sort(key=lambda p: p[0])
        path = os.path.join(ARGS.work, "timeouts.pcap")
        write_pcap(path, pk)
        collector = Collector("timeouts")
        try:
            _, summary, err, _ = analyze([path], "--ipfix", "127.0.0.1:%d" % collector.port)
        finally:
            collector.stop()
        recs = summary["ipfix"]["flows"]
        a = sorted((r["start_ms"], r["end_ms"], r["packets"], r["end_reason"])
                   for r in recs if r["src"] == "10.1.0.1")
        base = int(T2025 * 1000)
        # The second ends idle too, 15 s on, long before the file does (at 3,990 s).
        self.assertEqual(a, [(base, base + 20000, 3, 1), (base + 40000, base + 40000, 1, 1)])
        b = sorted((r["start_ms"], r["end_ms"], r["packets"], r["end_reason"])
                   for r in recs if r["src"] == "10.2.0.1")
        self.assertEqual(b, [(base + 500, base + 1790500, 180, 2),
                             (base + 1800500, base + 3590500, 180, 2),
                             (base + 3600500, base + 3990500, 40, 4)])
        self.assertEqual(len([r for r in recs if r["src"] == "10.2.0.2"]), 3)
        self.assertEqual(collections.Counter(r[1] for r in collector.records()),
                         collections.Counter(json_records(summary)))

    def flood(self, n):
        path = os.path.join(ARGS.work, "flood-%d.pcap" % n)
        if not os.path.exists(path):
            write_pcap(path, [(T2025 + i * 5e-6, ipv4_frame(
                str(ipaddress.ip_address(0x0a000000 + i)), "192.0.2.1", 6,
                syn(1024 + i % 60000, 80, i), i)) for i in range(n)])
        return path

    def test_flood_loses_no_flow(self):
        n = 200000
        path = self.flood(n)
        for caps in ([], ["--max-flows", "1000"]):
            collector = Collector("flood")
            ipfix_file = os.path.join(ARGS.work, "flood.ipfix")
            try:
                rc, summary, err, took = analyze([path], "--ipfix", "127.0.0.1:%d" %
                                                 collector.port, "--ipfix-file", ipfix_file,
                                                 *caps)
            finally:
                log = collector.stop()
            recs = collector.records()
            ipfix = summary["ipfix"]
            print("flood %d SYN flows %s: %d records at nfcapd, %d in the file, %d ended "
                  "early by the cap, %.2f s" % (n, caps or "default caps", len(recs),
                                                 sum(len(m[1]) for m in read_ipfix_file(
                                                     ipfix_file)), ipfix["evicted"], took),
                  file=sys.stderr)
            self.assertEqual(rc, 0, err)
            self.assertEqual(ipfix["records"], n)
            self.assertEqual(len(recs), n)
            self.assertEqual(len({r[1][0] for r in recs}), n)  # every source, once
            self.assertEqual(sum(len(m[1]) for m in read_ipfix_file(ipfix_file)), n)
            self.assertNotRegex(log, r"Sequence Errors: [1-9]")
            self.assertTrue(all(r[1][6] == 40 for r in recs))  # IP bytes, not 60-byte frames
            if caps:
                self.assertGreater(ipfix["evicted"], n - 2000)
                reasons = collections.Counter(r["end_reason"] for r in ipfix["flows"])
                self.assertEqual(reasons[5], ipfix["evicted"])
            else:
                self.assertEqual(ipfix["evicted"], 0)

    def test_collector_not_listening(self):
        path = self.flood(20000)
        _, plain, _, t_plain = analyze([path])
        port = free_udp_port()  # nothing listens there
        rc, summary, err, took = analyze([path], "--ipfix", "127.0.0.1:%d" % port)
        print("collector not listening: %.2f s (no export %.2f s), %d of %d messages lost; "
              "stderr: %s" % (took, t_plain, summary["ipfix"]["messages_lost"],
                              summary["ipfix"]["messages"], err.strip()), file=sys.stderr)
        self.assertEqual(rc, 0, err)
        warnings = [l for l in err.splitlines() if "warning" in l]
        self.assertEqual(len(warnings), 1, err)
        self.assertIn("nothing listens there", warnings[0])
        self.assertIn("127.0.0.1:%d" % port, warnings[0])
        self.assertGreater(summary["ipfix"]["messages_lost"], 0)
        self.assertEqual(summary["packets"], plain["packets"])
        self.assertLess(took, t_plain + 5)  # paced, never waiting on the dead collector

    def test_bad_options(self):
        f = corpus_files()[0]
        cases = [
            (["--ipfix", ""], "no host"),
            (["--ipfix", "127.0.0.1:0"], "port must be a number from 1 to 65535"),
            (["--ipfix", "127.0.0.1:70000"], "port must be a number"),
            (["--ipfix", "[::1"], "closing ]"),
            (["--ipfix", "::1:4739"], "[ADDRESS]:PORT"),
            (["--ipfix", "bad host:1"], "cannot be in one"),
            (["--ipfix-idle", "5"], "need --ipfix or --ipfix-file"),
            (["--ipfix-file", "x.ipfix", "--ipfix-idle", "0"], "1 second or more"),
            (["--ipfix-file", "x.ipfix", "--ipfix-active", "soon"], "--ipfix-active"),
            (["--ipfix-file", "x.ipfix", "--ipfix-domain", "-1"], "--ipfix-domain"),
            (["--ipfix-file", "x.ipfix", "--ipfix-rate", "lots"], "--ipfix-rate"),
            (["--ipfix-file", "/nonexistent-dir/x.ipfix"], "/nonexistent-dir/x.ipfix"),
        ]
        for opts, text in cases:
            r = run([ARGS.cli, "analyze", f, "--no-csv", "--quiet", *opts],
                    cwd=ARGS.work)
            self.assertEqual(r.returncode, 2, (opts, r.stderr))
            self.assertIn(text, r.stderr.decode(), opts)

    @unittest.skipUnless(os.geteuid() == 0, "needs root for a network namespace")
    def test_unreachable_address(self):
        ns = "ipfix-%d" % os.getpid()
        self.assertEqual(run(["ip", "netns", "add", ns]).returncode, 0)
        try:
            run(["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"])
            path = self.flood(20000)
            js = os.path.join(ARGS.work, "unreach.json")
            t0 = time.monotonic()
            r = run(["ip", "netns", "exec", ns, ARGS.cli, "analyze", path, "--no-csv", "--quiet",
                     "--json", js, "--ipfix", "192.0.2.1:4739"], timeout=120)
            took = time.monotonic() - t0
            err = r.stderr.decode()
            print("unreachable collector: %.2f s; stderr: %s" % (took, err.strip()),
                  file=sys.stderr)
            self.assertEqual(r.returncode, 0, err)
            warnings = [l for l in err.splitlines() if "warning" in l]
            self.assertEqual(len(warnings), 1, err)
            self.assertIn("unreachable", warnings[0])
            summary = read_json(js)
            self.assertEqual(summary["ipfix"]["records"], 20000)
            self.assertEqual(summary["ipfix"]["messages_lost"], summary["ipfix"]["messages"])
            self.assertLess(took, 30)
        finally:
            run(["ip", "netns", "del", ns])

    @unittest.skipUnless(os.geteuid() == 0, "needs root for network namespaces")
    def test_live_capture_exports_on_the_clock(self):
        tag = "%d" % (os.getpid() % 100000)
        ns_a, ns_b, if_a, if_b = "ipx-%s-a" % tag, "ipx-%s-b" % tag, "ixa%s" % tag, "ixb%s" % tag
        steps = [["ip", "netns", "add", ns_a], ["ip", "netns", "add", ns_b],
                 ["ip", "link", "add", if_a, "type", "veth", "peer", "name", if_b],
                 ["ip", "link", "set", if_a, "netns", ns_a],
                 ["ip", "link", "set", if_b, "netns", ns_b]]
        for ns, ifc in ((ns_a, if_a), (ns_b, if_b)):
            steps += [["ip", "netns", "exec", ns, "sysctl", "-qw",
                       "net.ipv6.conf.all.disable_ipv6=1"],
                      ["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"],
                      ["ip", "netns", "exec", ns, "ip", "link", "set", ifc, "up"]]
        try:
            for s in steps:
                r = run(s)
                self.assertEqual(r.returncode, 0, (s, r.stderr))
            sent = os.path.join(ARGS.corpus, "tcpreplay__test.pcap")
            ip_packets = int(run(["tshark", "-r", sent, "-Y", "ip or ipv6", "-T", "fields",
                                  "-e", "frame.number"]).stdout.decode().count("\n"))
            collector = Collector("live", netns=ns_b)
            capture = subprocess.Popen(
                ["ip", "netns", "exec", ns_b, ARGS.cli, "capture", "-i", if_b, "--no-write",
                 "--quiet", "--ipfix", "127.0.0.1:%d" % collector.port,
                 "--ipfix-idle", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                time.sleep(2)
                r = run(["ip", "netns", "exec", ns_a, "tcpreplay", "-q", "-i", if_a, "--topspeed",
                         sent])
                self.assertEqual(r.returncode, 0, r.stderr)
                # The flows are idle 1 s after the replay: exported on the clock within the
                # next second or two, while the capture still runs.
                time.sleep(4)
                log = collector.stop()
                running = capture.poll() is None
            finally:
                capture.send_signal(signal.SIGINT)
                _, err = capture.communicate(timeout=30)
            recs = collector.records()
            packets = sum(r[1][5] for r in recs)
            print("live: %d records, %d packets at the collector before the capture stopped "
                  "(%d IP packets sent)" % (len(recs), packets, ip_packets), file=sys.stderr)
            self.assertTrue(running, err.decode())
            self.assertEqual(packets, ip_packets)
            self.assertNotRegex(log, r"Sequence Errors: [1-9]")
            self.assertEqual(capture.returncode, 0, err.decode())
        finally:
            for ns in (ns_a, ns_b):
                run(["ip", "netns", "del", ns])


def tshark_ip_totals(path):
    """{(src, dst): [packets, octets]} of the outermost IP header of each frame, by tshark,
    without reassembly (each fragment counts its own total length)."""
    r = run(["tshark", "-n", "-r", path, "-o", "ip.defragment:FALSE", "-o",
             "ipv6.defragment:FALSE", "-T", "fields", "-E", "occurrence=f", "-e",
             "frame.protocols", "-e", "ip.src", "-e", "ip.dst", "-e", "ip.len", "-e",
             "ipv6.src", "-e", "ipv6.dst", "-e", "ipv6.plen"])
    out = collections.defaultdict(lambda: [0, 0])
    for line in r.stdout.decode(errors="replace").splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        protos = f[0].split(":")
        i4 = protos.index("ip") if "ip" in protos else 99
        i6 = protos.index("ipv6") if "ipv6" in protos else 99
        if i4 == 99 and i6 == 99:
            continue
        if i4 < i6 and f[1] and f[3]:
            k, length = (f[1], f[2]), int(f[3])
        elif i6 < i4 and f[4] and f[6]:
            k, length = (str(ipaddress.ip_address(f[4])), str(ipaddress.ip_address(f[5]))), \
                int(f[6]) + 40
        else:
            continue
        out[k][0] += 1
        out[k][1] += length
    return out


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    ARGS, rest = p.parse_known_args()
    for t in ("nfcapd", "nfdump", "tshark"):
        if not shutil.which(t):
            print("SKIP: %s is not installed (deploy/setup-deps.sh)" % t)
            return 77
    shutil.rmtree(ARGS.work, ignore_errors=True)
    os.makedirs(ARGS.work, exist_ok=True)
    prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
