#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Summarises what an nfcapd folder received, and compares it with netlens-cli's JSON.

ipfix_compare.py NFCAPD_DIR [SUMMARY.json]
Prints one line: records, packets, octets, first start, last end, records ending before they
start, sequence errors (from nfcapd.log), and with the JSON the agreement in percent of the
records (5-tuple, packets, octets, start and end in ms).
"""

import collections
import datetime
import ipaddress
import json
import os
import subprocess
import sys


def ms(text):
    d = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f")
    return round(d.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def main():
    folder = sys.argv[1]
    recs = []
    for f in sorted(os.listdir(folder)):
        if not f.startswith("nfcapd.2"):
            continue
        out = subprocess.run(["nfdump", "-r", os.path.join(folder, f), "-q", "-N", "-6", "-o",
                              "fmt:%ts|%te|%sa|%da|%sp|%dp|%pr|%pkt|%byt"],
                             capture_output=True, env=dict(os.environ, TZ="UTC"), check=True)
        for line in out.stdout.decode().splitlines():
            x = [v.strip() for v in line.split("|")]
            if len(x) != 9:
                continue
            dp = x[5]
            if "." in dp:
                t, c = dp.split(".")
                dp = int(t) * 256 + int(c)
            recs.append((str(ipaddress.ip_address(x[2])), str(ipaddress.ip_address(x[3])),
                         int(x[4]), int(dp), int(x[6]), int(x[7]), int(x[8]), ms(x[0]),
                         ms(x[1])))
    seq = 0
    for line in open(os.path.join(folder, "nfcapd.log")):
        if "Sequence Errors:" in line:
            seq += int(line.split("Sequence Errors:")[1].split(",")[0])
    fmt = lambda v: datetime.datetime.fromtimestamp(v / 1000, datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S") if recs else "-"
    line = "records %d, packets %d, octets %d, first %s, last %s, negative durations %d, " \
           "sequence errors %d" % (len(recs), sum(r[5] for r in recs), sum(r[6] for r in recs),
                                   fmt(min((r[7] for r in recs), default=0)),
                                   fmt(max((r[8] for r in recs), default=0)),
                                   sum(1 for r in recs if r[8] < r[7]), seq)
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            flows = json.load(f)["ipfix"]["flows"]
        want = collections.Counter(
            (str(ipaddress.ip_address(r["src"])), str(ipaddress.ip_address(r["dst"])),
             r["src_port"], r["dst_port"], r["proto"], r["packets"], r["octets"],
             r["start_ms"] % 2**64, r["end_ms"] % 2**64) for r in flows)
        same = sum((want & collections.Counter(recs)).values())
        line += ", agreement with the JSON %.3f%% (%d of %d)" % (
            100.0 * same / max(1, len(flows)), same, len(flows))
    print(line)


if __name__ == "__main__":
    main()
