#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""netlens-capture, the capture helper, as a process, in its own network namespaces.

tcpreplay sends a corpus capture into one end of a veth pair (namespace h3-<pid>-a); the
helper captures on the other end (h3-<pid>-b). Checked: the stream on stdout is the file,
byte for byte, and holds exactly the packets sent; the status lines; ring files (-b) and
auto-stop (-a, -c); every bad argument refused with its exit code and a message naming it;
capturing as an unprivileged user with file capabilities only (and CapEff 0 once capturing),
and the exact setcap command without them; SIGKILL of the parent ends the helper within 1 s
with a valid file; SIGTERM ends it within 200 ms with `done N` = the packets in the file.

Needs root (namespaces, setcap); exits 77 (CTest's skip) without.
Usage: tst_capturehelper.py --helper PATH --corpus DIR --work DIR
"""

import argparse
import os
import pwd
import shutil
import stat
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None
NS_A = NS_B = IF_A = IF_B = None
SENT_FILE = None  # the corpus capture replayed


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def tool(name):
    for d in ("", "/usr/sbin/", "/sbin/", "/usr/bin/"):
        p = shutil.which(d + name) if d else shutil.which(name)
        if p:
            return p
    return None


def read_pcap(path_or_bytes):
    """(header bytes, [(sec, frac, caplen, len, data, raw record bytes)], nano) of a pcap."""
    data = path_or_bytes
    if isinstance(path_or_bytes, str):
        with open(path_or_bytes, "rb") as f:
            data = f.read()
    if len(data) < 24:
        raise ValueError("shorter than a pcap file header: %d bytes" % len(data))
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        raise ValueError("not a little-endian pcap: magic %#x" % magic)
    records, off = [], 24
    while off + 16 <= len(data):
        sec, frac, caplen, wire = struct.unpack("<IIII", data[off:off + 16])
        if off + 16 + caplen > len(data):
            raise ValueError("record at offset %d is cut short" % off)
        records.append((sec, frac, caplen, wire, data[off + 16:off + 16 + caplen],
                        data[off:off + 16 + caplen]))
        off += 16 + caplen
    if off != len(data):
        raise ValueError("%d trailing bytes after the last record" % (len(data) - off))
    return data[:24], records, magic == 0xA1B23C4D


def tshark_count(path):
    r = run(["tshark", "-r", path, "-T", "fields", "-e", "frame.number"])
    if r.returncode != 0:
        raise AssertionError("tshark -r %s failed: %s" % (path, r.stderr.decode()))
    if b"cut short" in r.stderr or b"appears to be damaged" in r.stderr:
        raise AssertionError("tshark: %s is damaged: %s" % (path, r.stderr.decode()))
    return len(r.stdout.split())


def status_lines(path):
    with open(path) as f:
        return [line.rstrip("\n") for line in f]


def replay(*extra, wait=True):
    cmd = ["ip", "netns", "exec", NS_A, "tcpreplay", "-q", *extra, "-i", IF_A, SENT_FILE]
    if not wait:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r = run(cmd, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    return r


def in_b(*cmd):
    return ["ip", "netns", "exec", NS_B, *cmd]


def wait_for_line(path, prefix, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            for line in status_lines(path):
                if line.startswith(prefix):
                    return line
        time.sleep(0.02)
    raise AssertionError("no '%s' status line within %d s" % (prefix, timeout))


def wait_exit(proc, timeout):
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError("the helper did not exit within %.1f s" % timeout)


def as_user_cmd(user):
    """Runs the rest as `user`, with no capabilities: setpriv execs (no fork, unlike runuser),
    so the pid started is the helper's."""
    pw = pwd.getpwnam(user)
    return ["setpriv", "--reuid", str(pw.pw_uid), "--regid", str(pw.pw_gid), "--clear-groups"]


def traversable_by_others(path):
    """Whether a user other than the owner may reach `path`: o+x on it and every folder above."""
    path = os.path.abspath(path)
    while True:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


class Helper:
    """netlens-capture started in namespace B with a status file and stdout to a file."""

    def __init__(self, work, args, prefix=None):
        self.work = work
        self.status = os.path.join(work, "status.txt")
        self.stream = os.path.join(work, "stream.pcap")
        self.stderr = os.path.join(work, "stderr.txt")
        with open(self.status, "wb") as st, open(self.stream, "wb") as out, \
                open(self.stderr, "wb") as err:
            # ip netns exec execs the helper: the Popen pid is the helper's own.
            fd = str(st.fileno())
            self.proc = subprocess.Popen(
                in_b(*(prefix or []), ARGS.helper, "-i", IF_B, "--status-fd", fd, *args),
                stdout=out, stderr=err, pass_fds=(st.fileno(),))

    def started(self):
        return wait_for_line(self.status, "started")

    def stop(self, sig=signal.SIGTERM, timeout=5):
        self.proc.send_signal(sig)
        return wait_exit(self.proc, timeout)

    def lines(self):
        return status_lines(self.status)

    def err(self):
        with open(self.stderr) as f:
            return f.read()


class CaptureHelperTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="h3-", dir=ARGS.work)
        os.chmod(self.work, 0o755)

    def sent_records(self):
        return read_pcap(SENT_FILE)[1]

    def assert_same_packets(self, records, expected):
        self.assertEqual(len(records), len(expected))
        for i, (got, want) in enumerate(zip(records, expected)):
            self.assertEqual(got[4], want[4], "packet %d differs from the one sent" % i)

    # -- the stream and the file ------------------------------------------------------------

    def test_stream_is_the_file(self):
        out = os.path.join(self.work, "out.pcap")
        h = Helper(self.work, ["-w", out])
        started = h.started()
        replay("-t")
        time.sleep(0.3)
        self.assertEqual(h.stop(), 0, h.err())
        with open(h.stream, "rb") as f:
            stream = f.read()
        with open(out, "rb") as f:
            file_bytes = f.read()
        self.assertEqual(stream, file_bytes, "the stream and the file differ")
        header, records, nano = read_pcap(stream)
        sent = self.sent_records()
        self.assert_same_packets(records, sent)
        self.assertEqual(tshark_count(out), len(sent))
        self.assertTrue(nano, "a veth gives nanosecond timestamps")
        self.assertEqual(struct.unpack("<I", header[20:24])[0], 1)  # Ethernet
        self.assertEqual(started, "started 1 262144 1")
        lines = h.lines()
        self.assertEqual(lines[1], "file 0 0 " + out)
        self.assertEqual(lines[-1], "done %d" % len(sent))
        stats = [line for line in lines if line.startswith("stats ")]
        self.assertTrue(stats, "no stats line")
        recv, drop, ifdrop = map(int, stats[-1].split()[1:])
        self.assertEqual((recv, drop), (len(sent), 0), lines)

    def test_stream_only_with_filter_and_snaplen(self):
        h = Helper(self.work, ["-f", "tcp", "-s", "96", "-p", "-t", "10"])
        self.assertEqual(h.started(), "started 1 96 1")
        replay("-t")
        time.sleep(0.3)
        self.assertEqual(h.stop(), 0, h.err())
        header, records, _ = read_pcap(h.stream)
        self.assertEqual(struct.unpack("<I", header[16:20])[0], 96)
        # What tshark sees as TCP in the sent file, cut to 96 bytes.
        r = run(["tshark", "-r", SENT_FILE, "-Y", "tcp", "-T", "fields", "-e", "frame.number"])
        tcp = [int(n) - 1 for n in r.stdout.split()]
        sent = self.sent_records()
        self.assertGreater(len(tcp), 0)
        self.assertLess(len(tcp), len(sent), "the filter must leave some packets out")
        self.assertEqual([rec[4] for rec in records], [sent[i][4][:96] for i in tcp])
        self.assertEqual([rec[3] for rec in records], [sent[i][3] for i in tcp])
        self.assertEqual(h.lines()[-1], "done %d" % len(tcp))
        self.assertFalse([line for line in h.lines() if line.startswith("file ")])

    def test_ring_buffer_files(self):
        ring = os.path.join(self.work, "ring")
        h = Helper(self.work, ["-o", ring, "-b", "filesize:20", "-b", "files:2"])
        h.started()
        replay("-t")
        time.sleep(0.3)
        self.assertEqual(h.stop(), 0, h.err())
        lines = h.lines()
        files = [line.split(" ", 3) for line in lines if line.startswith("file ")]
        removed = [line[len("removed "):] for line in lines if line.startswith("removed ")]
        self.assertGreaterEqual(len(files), 3, lines)
        self.assertEqual([int(f[1]) for f in files], list(range(len(files))))
        self.assertEqual(sorted(os.listdir(ring)),
                         sorted(os.path.basename(f[3]) for f in files[-2:]))
        self.assertEqual(removed, [f[3] for f in files[:-2]])
        _, stream, _ = read_pcap(h.stream)
        sent = self.sent_records()
        self.assert_same_packets(stream, sent)
        # Each kept file holds the stream's records from its FIRSTPACKET to the next one's.
        starts = [int(f[2]) for f in files] + [len(stream)]
        for k in (len(files) - 2, len(files) - 1):
            path = files[k][3]
            _, recs, _ = read_pcap(path)
            self.assertEqual([r[5] for r in recs],
                             [r[5] for r in stream[starts[k]:starts[k + 1]]], path)
            self.assertLessEqual(os.path.getsize(path), 20 * 1000 + 1600)
            self.assertEqual(tshark_count(path), len(recs))

    def test_autostop_packets_and_count(self):
        for args, n in ((["-a", "packets:50"], 50), (["-c", "40", "--immediate"], 40)):
            work = tempfile.mkdtemp(dir=self.work)
            out = os.path.join(work, "out.pcap")
            h = Helper(work, ["-w", out] + args)
            h.started()
            replay("-t")
            self.assertEqual(wait_exit(h.proc, 10), 0, h.err())
            self.assertEqual(tshark_count(out), n)
            self.assertEqual(h.lines()[-1], "done %d" % n)
            self.assert_same_packets(read_pcap(out)[1], self.sent_records()[:n])

    def test_parent_closes_stream(self):
        # EPIPE: the parent stops reading and closes its end; the helper ends cleanly, and the
        # file holds every packet it took, with or without traffic still coming.
        out = os.path.join(self.work, "out.pcap")
        status = os.path.join(self.work, "status.txt")
        with open(status, "wb") as st:
            p = subprocess.Popen(in_b(ARGS.helper, "-i", IF_B, "-w", out, "--status-fd",
                                      str(st.fileno())),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 pass_fds=(st.fileno(),))
        wait_for_line(status, "started")
        self.assertEqual(len(p.stdout.read(24)), 24)
        replay("-t")  # more than a pipe holds: the helper waits for its reader
        time.sleep(0.3)
        self.assertTrue(pid_alive(p.pid))
        t0 = time.monotonic()
        p.stdout.close()
        p.stdout = None
        self.assertEqual(wait_exit(p, 5), 0)
        self.assertLess(time.monotonic() - t0, 1.0)
        self.assertEqual(tshark_count(out), len(self.sent_records()))
        self.assertEqual(status_lines(status)[-1], "done %d" % len(self.sent_records()))

    def test_sigterm_while_parent_not_reading(self):
        # The helper is blocked writing to a full pipe: SIGTERM still ends it at once, and the
        # file (written before the stream) holds every packet.
        out = os.path.join(self.work, "out.pcap")
        status = os.path.join(self.work, "status.txt")
        with open(status, "wb") as st:
            p = subprocess.Popen(in_b(ARGS.helper, "-i", IF_B, "-w", out, "--status-fd",
                                      str(st.fileno())),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 pass_fds=(st.fileno(),))
        wait_for_line(status, "started")
        replay("-t")  # 72 kB: more than the 64 kB pipe holds
        time.sleep(0.3)
        t0 = time.monotonic()
        p.send_signal(signal.SIGTERM)
        code = wait_exit(p, 5)
        elapsed = time.monotonic() - t0
        p.stdout.close()
        p.stdout = None
        self.assertEqual(code, 0)
        self.assertLess(elapsed, 0.2)
        self.assertEqual(tshark_count(out), len(self.sent_records()))

    def test_stream_latency(self):
        # How long a packet takes from the kernel's timestamp to the parent reading it off the
        # pipe: the block timeout (-t, 50 ms by default) plus a batch.
        status = os.path.join(self.work, "status.txt")
        with open(status, "wb") as st:
            p = subprocess.Popen(in_b(ARGS.helper, "-i", IF_B, "--status-fd", str(st.fileno())),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 pass_fds=(st.fileno(),))
        wait_for_line(status, "started")
        self.assertEqual(len(p.stdout.read(24)), 24)
        sender = replay("--pps", "100", wait=False)
        delays = []
        try:
            while len(delays) < 150:
                header = p.stdout.read(16)
                sec, ns, caplen, _ = struct.unpack("<IIII", header)
                p.stdout.read(caplen)
                delays.append(time.time() - (sec + ns / 1e9))
        finally:
            sender.kill()
            sender.wait()
            p.send_signal(signal.SIGTERM)
            wait_exit(p, 5)
            p.stdout.close()
            p.stdout = None
        delays.sort()
        print("kernel timestamp to parent: median %.1f ms, max %.1f ms" %
              (delays[len(delays) // 2] * 1000, delays[-1] * 1000), file=sys.stderr)
        self.assertLess(delays[-1], 0.2)

    def test_interface_removed(self):
        # The interface goes away mid-capture: exit 4 with an error line, the file still valid.
        dummy = "h3d%d" % (os.getpid() % 100000)
        r = run(in_b("ip", "link", "add", dummy, "type", "veth", "peer", "name",
                     "h3e%d" % (os.getpid() % 100000)))
        self.assertEqual(r.returncode, 0, r.stderr)
        run(in_b("ip", "link", "set", dummy, "up"))
        out = os.path.join(self.work, "out.pcap")
        status = os.path.join(self.work, "status.txt")
        with open(status, "wb") as st:
            p = subprocess.Popen(in_b(ARGS.helper, "-i", dummy, "-w", out, "--status-fd",
                                      str(st.fileno())),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 pass_fds=(st.fileno(),))
        wait_for_line(status, "started")
        run(in_b("ip", "link", "del", dummy))
        t0 = time.monotonic()
        code = wait_exit(p, 5)
        print("interface removed to exit: %.0f ms" % ((time.monotonic() - t0) * 1000),
              file=sys.stderr)
        err = p.stderr.read().decode()
        print(err.strip(), file=sys.stderr)
        p.stderr.close()
        self.assertEqual(code, 4, err)
        self.assertIn(dummy, err)
        self.assertTrue(status_lines(status)[-1].startswith("error 4 "), status_lines(status))
        self.assertEqual(tshark_count(out), 0)

    # -- arguments --------------------------------------------------------------------------

    def bad(self, args, code, needle, as_user=None):
        cmd = in_b(*(as_user_cmd(as_user) if as_user else []), ARGS.helper, *args)
        r = run(cmd, timeout=20)
        err = r.stderr.decode()
        self.assertEqual(r.returncode, code, "%s: %s" % (args, err))
        self.assertIn(needle, err, args)
        self.assertEqual(len(err.strip().splitlines()), 1, "one line: %r" % err)

    def test_bad_arguments(self):
        w = os.path.join(self.work, "x.pcap")
        cases = [
            (["-i", "eth0;rm -rf"], '-i "eth0;rm -rf"'),
            (["-i", "a" * 16], "-i \"" + "a" * 16),
            (["-i", ""], '-i ""'),
            (["-i", "-w", w], '-i "-w"'),
            (["-i", IF_B, "-s", "0"], '-s "0"'),
            (["-i", IF_B, "-s", "262145"], '-s "262145"'),
            (["-i", IF_B, "-s", "1x"], '-s "1x"'),
            (["-i", IF_B, "-B", "2048"], '-B "2048"'),
            (["-i", IF_B, "-B", "0"], '-B "0"'),
            (["-i", IF_B, "-t", "0"], '-t "0"'),
            (["-i", IF_B, "-t", "1001"], '-t "1001"'),
            (["-i", IF_B, "-c", "0"], '-c "0"'),
            (["-i", IF_B, "--bogus"], '"--bogus"'),
            (["-i", IF_B, "stray"], '"stray"'),
            (["-i", IF_B, "-i", IF_B], "-i is given twice"),
            (["-i", IF_B, "-f", "tcp", "-f", "udp"], "-f is given twice"),
            (["-i", IF_B, "-s"], "-s needs a value"),
            (["-i", IF_B, "--status-fd", "1"], '--status-fd "1"'),
            (["-i", IF_B, "--status-fd", "77"], '--status-fd "77"'),
            (["-i", IF_B, "-b", "filesize:10"], "-b needs a capture file"),
            (["-i", IF_B, "-w", w, "-b", "bogus:1"], '-b "bogus:1"'),
            (["-i", IF_B, "-a", "packets:0"], '-a "packets:0"'),
            (["-i", IF_B, "-w", w, "-o", self.work], "-w and -o"),
            (["-i", IF_B, "-f", "x" * 4097], "-f: the filter has 4097 bytes"),
            (["--list-interfaces", "-i", IF_B], "-i cannot be used with --list-interfaces"),
            (["-i", IF_B, "--linktype", "1"], "--linktype"),
            ([], "-i IFACE is needed"),
        ]
        for args, needle in cases:
            self.bad(args, 2, needle)
        self.assertFalse(os.path.exists(w))
        # Interface and filter errors: 4.
        self.bad(["-i", "h3nosuch0"], 4, "h3nosuch0")
        self.bad(["-i", IF_B, "-f", "tcp port"], 4, '-f "tcp port"')
        # Output files: 5, naming the path, before anything is captured.
        existing = os.path.join(self.work, "existing.pcap")
        with open(existing, "w") as f:
            f.write("keep me")
        self.bad(["-i", IF_B, "-w", existing], 5, existing)
        with open(existing) as f:
            self.assertEqual(f.read(), "keep me")
        link = os.path.join(self.work, "link.pcap")
        os.symlink(os.path.join(self.work, "target.pcap"), link)  # dangling: O_EXCL refuses
        self.bad(["-i", IF_B, "-w", link], 5, link)
        self.assertFalse(os.path.exists(os.path.join(self.work, "target.pcap")))
        closed = os.path.join(self.work, "closed")
        os.mkdir(closed, 0o755)  # root's: nobody may not write there
        self.bad(["-i", IF_B, "-w", closed + "/x.pcap"], 5, closed, as_user="nobody")
        self.bad(["-i", IF_B, "-o", closed], 5, closed, as_user="nobody")
        # A folder the user cannot even reach (its parent is root's, 0700): said as such.
        hidden = os.path.join(self.work, "hidden")
        os.mkdir(hidden, 0o700)
        self.bad(["-i", IF_B, "-w", hidden + "/sub/x.pcap"], 5, "cannot reach it",
                 as_user="nobody")

    def test_check_filter_and_list(self):
        h = ARGS.helper
        self.assertEqual(run([h, "--check-filter", "tcp port 80"]).returncode, 0)
        r = run([h, "--check-filter", "tcp port"])
        self.assertEqual(r.returncode, 4)
        self.assertIn(b"syntax error", r.stderr)
        self.assertEqual(run([h, "--check-filter", "ip", "--linktype", "12"]).returncode, 0)
        self.assertEqual(run([h, "--check-filter", "ether host 1:2:3:4:5:6", "--linktype",
                              "12"]).returncode, 4)
        self.assertEqual(run(in_b(h, "--check-filter", "arp", "-i", IF_B)).returncode, 0)
        r = run(in_b(h, "--list-interfaces"))
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [line.split("\t") for line in r.stdout.decode().splitlines()]
        self.assertTrue(all(len(row) == 5 for row in rows), rows)
        mine = [row for row in rows if row[0] == IF_B]
        self.assertEqual(len(mine), 1, rows)
        self.assertEqual(mine[0][1], "1")
        self.assertIn("up", mine[0][2].split(","))

    # -- privileges -------------------------------------------------------------------------

    def test_unprivileged_with_file_capabilities(self):
        # A folder on a mount without nosuid (the kernel ignores file capabilities on one),
        # that nobody may enter: the build tree if every folder above it lets others through
        # (not so under /root, as in deploy/pristine-check.sh's chroot), else /var/tmp.
        base = None
        for candidate in (ARGS.work, "/var/tmp"):
            opts = run(["findmnt", "-no", "OPTIONS", "--target", candidate]).stdout.decode()
            if "nosuid" not in opts.split(",") and traversable_by_others(candidate):
                base = candidate
                break
        if base is None:
            self.skipTest("no folder on a mount without nosuid that nobody may enter")
        bindir = tempfile.mkdtemp(prefix="h3-bin-", dir=base)
        self.addCleanup(shutil.rmtree, bindir, True)
        os.chmod(bindir, 0o755)
        capped = os.path.join(bindir, "netlens-capture")
        plain = os.path.join(bindir, "netlens-capture-nocaps")
        shutil.copy(ARGS.helper, capped)
        shutil.copy(ARGS.helper, plain)
        r = run([tool("setcap"), "cap_net_raw,cap_net_admin=eip", capped])
        self.assertEqual(r.returncode, 0, r.stderr)
        nobody = pwd.getpwnam("nobody")
        outdir = tempfile.mkdtemp(prefix="h3-nobody-", dir=base)
        self.addCleanup(shutil.rmtree, outdir, True)
        os.chown(outdir, nobody.pw_uid, nobody.pw_gid)
        as_nobody = as_user_cmd("nobody")

        # Without capabilities: exit 3, and the message says exactly what to run.
        r = run(in_b(*as_nobody, plain, "-i", IF_B, "-w", outdir + "/no.pcap"))
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn(("Run: sudo setcap cap_net_raw,cap_net_admin=eip %s\n" % plain).encode(),
                      r.stderr)
        self.assertFalse(os.path.exists(outdir + "/no.pcap"))

        out = outdir + "/nobody.pcap"
        saved = ARGS.helper
        ARGS.helper = capped
        try:
            h = Helper(self.work, ["-w", out], prefix=as_nobody)
            h.started()
        finally:
            ARGS.helper = saved
        with open("/proc/%d/status" % h.proc.pid) as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        self.assertEqual(status["Uid"].split()[0], str(nobody.pw_uid))
        self.assertEqual(status["CapEff"].strip(), "0000000000000000")
        self.assertEqual(status["CapPrm"].strip(), "0000000000000000")
        self.assertEqual(status["CapAmb"].strip(), "0000000000000000")
        self.assertEqual(status["NoNewPrivs"].strip(), "1")
        replay("-t")
        time.sleep(0.3)
        self.assertEqual(h.stop(), 0, h.err())
        self.assertEqual(os.stat(out).st_uid, nobody.pw_uid)
        self.assertEqual(tshark_count(out), len(self.sent_records()))

    def test_setuid_refused(self):
        bindir = tempfile.mkdtemp(prefix="h3-suid-", dir=ARGS.work)
        os.chmod(bindir, 0o755)
        suid = os.path.join(bindir, "netlens-capture")
        shutil.copy(ARGS.helper, suid)
        os.chmod(suid, 0o4755)
        opts = run(["findmnt", "-no", "OPTIONS", "--target", bindir]).stdout.decode()
        if "nosuid" in opts.split(","):
            self.skipTest("%s is on a nosuid mount" % bindir)
        r = run(as_user_cmd("nobody") + [suid, "--version"])
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn(b"set-user-ID", r.stderr)

    # -- ends -------------------------------------------------------------------------------

    def test_sigterm_stops_quickly(self):
        out = os.path.join(self.work, "out.pcap")
        h = Helper(self.work, ["-w", out])
        h.started()
        sender = replay("--pps", "2000", "--loop", "0", wait=False)
        try:
            time.sleep(1.5)
            t0 = time.monotonic()
            h.proc.send_signal(signal.SIGTERM)
            code = wait_exit(h.proc, 5)
            elapsed = time.monotonic() - t0
        finally:
            sender.kill()
            sender.wait()
        self.assertEqual(code, 0, h.err())
        print("SIGTERM to exit: %.1f ms" % (elapsed * 1000), file=sys.stderr)
        self.assertLess(elapsed, 0.2)
        n = tshark_count(out)
        self.assertGreater(n, 1000)
        self.assertEqual(h.lines()[-1], "done %d" % n)
        with open(h.stream, "rb") as f, open(out, "rb") as g:
            self.assertEqual(f.read(), g.read())

    def test_parent_sigkill_ends_helper(self):
        out = os.path.join(self.work, "out.pcap")
        ref = os.path.join(self.work, "ref.pcap")
        status = os.path.join(self.work, "status.txt")
        # A reference capture of the same packets, to know what was sent before the kill.
        tcpdump = subprocess.Popen(in_b("tcpdump", "-i", IF_B, "-w", ref, "-U", "-B", "32768",
                                        "--time-stamp-precision=nano"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.assertIn(b"listening on", tcpdump.stderr.readline())
        # The parent: a shell that runs the helper (not exec: the trailing true keeps it the
        # parent) with stdout to a file, so only the death signal can end the helper.
        parent = subprocess.Popen(
            in_b("sh", "-c", '"$0" -i "$1" -w "$2" --status-fd 3 3>"$3" >"$2.stream"; true',
                 ARGS.helper, IF_B, out, status))
        wait_for_line(status, "started")
        with open("/proc/%d/task/%d/children" % (parent.pid, parent.pid)) as f:
            helper_pid = int(f.read().split()[0])
        sender = replay("--pps", "1000", "--loop", "0", wait=False)
        try:
            time.sleep(2.5)
            kill_wall = time.time()
            parent.kill()
            parent.wait()
            t0 = time.monotonic()
            while pid_alive(helper_pid) and time.monotonic() - t0 < 3:
                time.sleep(0.005)
            elapsed = time.monotonic() - t0
        finally:
            sender.kill()
            sender.wait()
            time.sleep(1.5)  # tcpdump's 1 s block timeout hands over its last packets
            tcpdump.send_signal(signal.SIGINT)
            tcpdump.wait(5)
            tcpdump.stderr.close()
        print("parent SIGKILL to helper gone: %.1f ms" % (elapsed * 1000), file=sys.stderr)
        self.assertFalse(pid_alive(helper_pid), "the helper outlived its parent")
        self.assertLess(elapsed, 1.0)
        n = tshark_count(out)  # valid: tshark reads it without complaint
        _, got, _ = read_pcap(out)
        _, sent, _ = read_pcap(ref)
        self.assertEqual(len(got), n)
        before = [r for r in sent if r[0] + r[1] / 1e9 <= kill_wall - 1.0]
        self.assertGreater(len(before), 1000)
        # Everything sent up to a second before the kill is in the file, and nothing else
        # (records compared whole: the kernel gives both sockets the same timestamps).
        got_set, sent_set = {r[5] for r in got}, {r[5] for r in sent}
        self.assertFalse({r[5] for r in before} - got_set, "packets lost before the kill")
        self.assertFalse(got_set - sent_set, "packets in the file that were not sent")
        self.assertEqual(status_lines(status)[-1], "done %d" % n)


def setup_namespaces():
    global NS_A, NS_B, IF_A, IF_B
    tag = "%d" % (os.getpid() % 100000)
    NS_A, NS_B = "h3-%s-a" % tag, "h3-%s-b" % tag
    IF_A, IF_B = "h3a%s" % tag, "h3b%s" % tag
    for ns in (NS_A, NS_B):
        if run(["ip", "netns", "add", ns]).returncode != 0:
            teardown_namespaces()
            print("SKIP: ip netns add failed (no namespace support here)")
            sys.exit(77)
    steps = [["ip", "link", "add", IF_A, "type", "veth", "peer", "name", IF_B],
             ["ip", "link", "set", IF_A, "netns", NS_A],
             ["ip", "link", "set", IF_B, "netns", NS_B]]
    for ns in (NS_A, NS_B):
        steps += [["ip", "netns", "exec", ns, "sysctl", "-qw",
                   "net.ipv6.conf.all.disable_ipv6=1"],
                  ["ip", "netns", "exec", ns, "sysctl", "-qw",
                   "net.ipv6.conf.default.disable_ipv6=1"],
                  ["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"]]
    steps += [["ip", "netns", "exec", NS_A, "ip", "link", "set", IF_A, "up"],
              ["ip", "netns", "exec", NS_B, "ip", "link", "set", IF_B, "up"]]
    for s in steps:
        r = run(s)
        if r.returncode != 0:
            teardown_namespaces()
            sys.exit("%s: %s" % (" ".join(s), r.stderr.decode()))


def teardown_namespaces():
    for ns in (NS_A, NS_B):
        if ns:
            run(["ip", "netns", "del", ns])


def main():
    global ARGS, SENT_FILE
    p = argparse.ArgumentParser()
    p.add_argument("--helper", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    ARGS, rest = p.parse_known_args()
    if os.geteuid() != 0:
        print("SKIP: needs root for network namespaces and setcap (CI runs as root)")
        return 77
    for t in ("tcpreplay", "tshark", "tcpdump", "setcap", "setpriv", "findmnt"):
        if not tool(t):
            print("SKIP: %s is not installed (deploy/setup-deps.sh)" % t)
            return 77
    SENT_FILE = os.path.join(ARGS.corpus, "tcpreplay__test.pcap")
    # The last run's folders go; this run's stay for a look after a failure.
    shutil.rmtree(ARGS.work, ignore_errors=True)
    os.makedirs(ARGS.work, exist_ok=True)
    os.chmod(ARGS.work, 0o755)
    setup_namespaces()
    try:
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
        return 0 if prog.result.wasSuccessful() else 1
    finally:
        teardown_namespaces()


if __name__ == "__main__":
    sys.exit(main())
