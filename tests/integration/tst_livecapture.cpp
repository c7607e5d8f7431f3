// SPDX-License-Identifier: GPL-3.0-or-later
// Live capture end to end, through netlens-cli: each test makes its own pair of network
// namespaces joined by a veth pair (netns.h), replays a known capture into one end with
// tcpreplay and runs `netlens-cli capture` on the other, then compares what was written with
// what was sent, packet by packet. Needs root (ip netns add); skips with the reason otherwise.

#include "livecapturehelpers.h"
#include "netns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace netlens;
using namespace netlens::test;

class TstLiveCapture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exactCopy_data();
    void exactCopy();
    void captureFilter_data();
    void captureFilter();
    void autoStopPackets();
    void autoStopDuration();
    void autoStopFileSize();
    void ringFileSize();
    void ringDuration();
    void ringDurationWhileIdle();
    void readableWhileCapturing();
    void interfaceRemoved();
    void diskFull();
    void stopSignal_data();
    void stopSignal();
    void noPermission();

private:
    ToolResult replay(const NetnsPair &ns, const QString &file, const QStringList &options)
    {
        return runTool(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(ns.a(), QStringList{findTool(QStringLiteral("tcpreplay")),
                                                    QStringLiteral("-i"), NetnsPair::kIfA} +
                                            options + QStringList{file}),
            60000);
    }
    std::vector<Frame> m_sent; // tcpreplay__test.pcap, the file most tests replay
    QString m_sentFile;
};

#define NETNS_PAIR(var)                                                                            \
    NetnsPair var;                                                                                 \
    QVERIFY2(var.isUp(), qPrintable(var.error()))

void TstLiveCapture::initTestCase()
{
    const QString unavailable = netnsUnavailableReason({"ip", "tcpreplay", "tcpdump"});
    if (!unavailable.isEmpty())
        QSKIP(qPrintable(unavailable));
    m_sentFile = corpusFile("tcpreplay__test.pcap");
    const CaptureContents sent = readCapture(m_sentFile);
    QVERIFY2(sent.complete && !sent.frames.empty(),
             qPrintable(m_sentFile + QLatin1String(": ") + sent.error));
    m_sent = sent.frames;
}

void TstLiveCapture::exactCopy_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("tcpreplay__test") << corpusFile("tcpreplay__test.pcap");
    QTest::newRow("zeek__wikipedia") << corpusFile("zeek__wikipedia.pcap");
}

// Every packet sent arrives and is written as sent: count, lengths, bytes.
void TstLiveCapture::exactCopy()
{
    QFETCH(QString, file);
    const CaptureContents sent = readCapture(file);
    QVERIFY2(sent.complete, qPrintable(sent.error));
    const auto n = static_cast<qint64>(sent.frames.size());
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("copy.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-c"), QString::number(n), QStringLiteral("-a"),
                        QStringLiteral("duration:20")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const ToolResult r = replay(ns, file, {QStringLiteral("--topspeed")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    QCOMPARE(tcpreplaySent(r.out), n);
    QVERIFY2(cap.waitFinished(25000), "capture did not stop");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete, qPrintable(got.error));
    QCOMPARE(static_cast<qint64>(got.frames.size()), n);
    const QString diff = compareFrames(got.frames, sent.frames);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QString complaint = externalReadersComplaint(out);
    QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
}

void TstLiveCapture::captureFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("file");
    QTest::newRow("tcp") << QStringLiteral("tcp") << corpusFile("tcpreplay__test.pcap");
    QTest::newRow("udp port 53") << QStringLiteral("udp port 53")
                                 << corpusFile("tcpreplay__test.pcap");
    QTest::newRow("tcp port 80 (wikipedia)")
        << QStringLiteral("tcp port 80") << corpusFile("zeek__wikipedia.pcap");
}

// -f keeps exactly the packets tcpdump's reading of the same filter keeps from the sent file.
void TstLiveCapture::captureFilter()
{
    QFETCH(QString, filter);
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString expectedFile = dir.filePath(QStringLiteral("expected.pcap"));
    const ToolResult td = runTool(findTool(QStringLiteral("tcpdump")),
                                  {QStringLiteral("-n"), QStringLiteral("-r"), file,
                                   QStringLiteral("-w"), expectedFile, filter});
    QVERIFY2(td.finished && td.exitCode == 0, qPrintable(td.describe(QStringLiteral("tcpdump"))));
    const CaptureContents expected = readCapture(expectedFile);
    QVERIFY2(expected.complete && !expected.frames.empty(), qPrintable(expected.error));

    NETNS_PAIR(ns);
    const QString out = dir.filePath(QStringLiteral("filtered.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-f"), filter});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const ToolResult r = replay(ns, file, {QStringLiteral("--topspeed")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    QTest::qWait(500); // the last packets through the kernel
    cap.signal(SIGINT);
    QVERIFY2(cap.waitFinished(5000), "capture did not stop on SIGINT");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete, qPrintable(got.error));
    QCOMPARE(got.frames.size(), expected.frames.size());
    const QString diff = compareFrames(got.frames, expected.frames);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// -a packets:N writes exactly the first N packets and exits 0.
void TstLiveCapture::autoStopPackets()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("fifty.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-a"), QStringLiteral("packets:50"), QStringLiteral("-a"),
                        QStringLiteral("duration:20")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const ToolResult r = replay(ns, m_sentFile, {QStringLiteral("--topspeed")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    QVERIFY2(cap.waitFinished(5000), "capture did not stop after 50 packets");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete, qPrintable(got.error));
    QCOMPARE(got.frames.size(), std::size_t{50});
    const QString diff = compareFrames(got.frames, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// -a duration:2 stops 2 s after the capture started, with traffic flowing.
void TstLiveCapture::autoStopDuration()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("twosec.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-a"), QStringLiteral("duration:2")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    QElapsedTimer t;
    t.start();
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=200"), QStringLiteral("--loop=0")});
    QVERIFY2(cap.waitFinished(10000), "capture did not stop");
    const qint64 ms = t.elapsed();
    qInfo("stopped %lld ms after it started", ms);
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    QVERIFY2(ms >= 1900 && ms <= 2500, qPrintable(QStringLiteral("stopped after %1 ms").arg(ms)));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete && got.frames.size() > 100, qPrintable(got.error));
}

// -a filesize:40 stops once 40 kB are written: not before, and not more than a packet later.
void TstLiveCapture::autoStopFileSize()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("forty.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-a"), QStringLiteral("filesize:40")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=1000"), QStringLiteral("--loop=0")});
    QVERIFY2(cap.waitFinished(15000), "capture did not stop");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const qint64 size = QFileInfo(out).size();
    QVERIFY2(size >= 40000 && size < 40000 + kMaxRecordBytes,
             qPrintable(QStringLiteral("%1 bytes written").arg(size)));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete, qPrintable(got.error));
    const QString diff = compareFrames(got.frames, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// -b filesize:20 -b files:3: files of at most 20 kB, the 3 newest kept, holding the newest
// packets in order.
void TstLiveCapture::ringFileSize()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString ringDir = dir.filePath(QStringLiteral("ring"));
    QVERIFY(QDir().mkpath(ringDir));
    const QString json = dir.filePath(QStringLiteral("summary.json"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"),
                        ringDir + QStringLiteral("/ring.pcap"), QStringLiteral("-b"),
                        QStringLiteral("filesize:20"), QStringLiteral("-b"),
                        QStringLiteral("files:3"), QStringLiteral("--json"), json});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const ToolResult r =
        replay(ns, m_sentFile, {QStringLiteral("--topspeed"), QStringLiteral("--loop=3")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    const qint64 sent = tcpreplaySent(r.out);
    QCOMPARE(sent, static_cast<qint64>(3 * m_sent.size()));
    QTest::qWait(500);
    cap.signal(SIGINT);
    QVERIFY2(cap.waitFinished(5000), "capture did not stop on SIGINT");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));

    const QStringList files = pcapFiles(ringDir);
    QVERIFY2(files.size() == 3, qPrintable(files.join(QLatin1Char(' '))));
    // The JSON summary lists the files kept, each with its own packet count.
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonArray listed =
        QJsonDocument::fromJson(jsonFile.readAll())[QLatin1String("files")].toArray();
    QCOMPARE(listed.size(), files.size());
    std::vector<Frame> kept;
    for (const QString &f : files) {
        const qsizetype i = files.indexOf(f);
        QCOMPARE(listed[i][QLatin1String("path")].toString(), f);
        QCOMPARE(static_cast<std::size_t>(listed[i][QLatin1String("packets")].toInteger()),
                 readCapture(f).frames.size());
        QVERIFY2(QFileInfo(f).size() <= 20000,
                 qPrintable(QStringLiteral("%1: %2 bytes").arg(f).arg(QFileInfo(f).size())));
        const CaptureContents c = readCapture(f);
        QVERIFY2(c.complete && !c.frames.empty(), qPrintable(f + QLatin1String(": ") + c.error));
        const QString complaint = externalReadersComplaint(f);
        QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
        kept.insert(kept.end(), c.frames.begin(), c.frames.end());
    }
    // 207 kB in files of at most 20 kB: more than 3 were written, the oldest deleted.
    QVERIFY(!files.first().contains(QStringLiteral("ring_00001_")));
    const std::size_t first = static_cast<std::size_t>(sent) - kept.size();
    const QString diff = compareFrames(kept, m_sent, first % m_sent.size());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// -b duration:1 starts a new file every second (the first one included), no packet lost.
void TstLiveCapture::ringDuration()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString ringDir = dir.filePath(QStringLiteral("ring"));
    QVERIFY(QDir().mkpath(ringDir));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"),
                        ringDir + QStringLiteral("/timed.pcap"), QStringLiteral("-b"),
                        QStringLiteral("duration:1"), QStringLiteral("-a"),
                        QStringLiteral("duration:4")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=200"), QStringLiteral("--loop=0")});
    QVERIFY2(cap.waitFinished(10000), "capture did not stop");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const QStringList files = pcapFiles(ringDir);
    QVERIFY2(files.size() >= 3 && files.size() <= 5, qPrintable(files.join(QLatin1Char(' '))));
    std::vector<Frame> all;
    for (const QString &f : files) {
        const CaptureContents c = readCapture(f);
        QVERIFY2(c.complete, qPrintable(f + QLatin1String(": ") + c.error));
        // Files rotate on the clock: one may be empty if the replay was slow to start.
        if (c.frames.empty())
            continue;
        // Each file spans at most its second (plus the housekeeping's 50 ms granularity).
        const std::int64_t span = c.frames.back().tsNs - c.frames.front().tsNs;
        QVERIFY2(span <= 1'100'000'000,
                 qPrintable(QStringLiteral("%1 spans %2 ms").arg(f).arg(span / 1000000)));
        all.insert(all.end(), c.frames.begin(), c.frames.end());
    }
    QVERIFY(files.first().contains(QStringLiteral("timed_00001_")));
    const QString diff = compareFrames(all, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// -b duration:1 rotates on the clock, not on the next packet: an idle link still gets a file
// a second, each a valid (empty) capture, as dumpcap does.
void TstLiveCapture::ringDurationWhileIdle()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString ringDir = dir.filePath(QStringLiteral("idle"));
    QVERIFY(QDir().mkpath(ringDir));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"),
                        ringDir + QStringLiteral("/idle.pcap"), QStringLiteral("-b"),
                        QStringLiteral("duration:1"), QStringLiteral("-a"),
                        QStringLiteral("duration:3")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    QVERIFY2(cap.waitFinished(10000), "capture did not stop");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    const QStringList files = pcapFiles(ringDir);
    QVERIFY2(files.size() >= 3 && files.size() <= 4, qPrintable(files.join(QLatin1Char(' '))));
    for (const QString &f : files) {
        const CaptureContents c = readCapture(f);
        QVERIFY2(c.complete && c.frames.empty(), qPrintable(f + QLatin1String(": ") + c.error));
    }
}

// While capturing, the file is a valid capture at every moment and grows every second.
void TstLiveCapture::readableWhileCapturing()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("growing.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                        QStringLiteral("-a"), QStringLiteral("duration:5")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=500"), QStringLiteral("--loop=0")});
    QElapsedTimer t;
    t.start();
    QList<std::size_t> counts;
    int reads = 0;
    while (t.elapsed() < 4000) {
        const QString complaint = externalReadersComplaint(out);
        QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
        const CaptureContents c = readCapture(out);
        QVERIFY2(c.complete,
                 qPrintable(QStringLiteral("after %1 ms: ").arg(t.elapsed()) + c.error));
        QVERIFY2(counts.isEmpty() || c.frames.size() >= counts.last(), "the file shrank");
        if (counts.isEmpty() || c.frames.size() != counts.last())
            counts << c.frames.size();
        const QString diff = compareFrames(c.frames, m_sent);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        ++reads;
        QTest::qWait(100);
    }
    qInfo("%d reads while capturing, the file grew %lld times", reads,
          static_cast<long long>(counts.size()));
    // Flushed every second: over 4 s, at least 3 times more packets.
    QVERIFY2(counts.size() >= 3,
             qPrintable(QStringLiteral("the file grew %1 times").arg(counts.size())));
    QVERIFY(cap.waitFinished(5000));
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
}

// The interface deleted under a running capture: a message naming it, a non-zero exit, and a
// file that every reader opens to its end.
void TstLiveCapture::interfaceRemoved()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("removed.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=200"), QStringLiteral("--loop=0")});
    QTest::qWait(1500);
    const ToolResult del = runTool(findTool(QStringLiteral("ip")),
                                   {QStringLiteral("-n"), ns.b(), QStringLiteral("link"),
                                    QStringLiteral("del"), NetnsPair::kIfB});
    QVERIFY2(del.finished && del.exitCode == 0,
             qPrintable(del.describe(QStringLiteral("ip link del"))));
    QVERIFY2(cap.waitFinished(3000), "capture still running 3 s after its interface was deleted");
    const QString err = cap.err();
    QVERIFY2(cap.exitCode() != 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("Capture on vethB stopped")) &&
                 err.contains(QStringLiteral("removed")) && err.contains(out),
             qPrintable(err));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete && got.frames.size() > 100, qPrintable(got.error));
    const QString diff = compareFrames(got.frames, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QString complaint = externalReadersComplaint(out);
    QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
}

// Disk full: a message saying so, a non-zero exit, and the packets that fit in a valid file.
void TstLiveCapture::diskFull()
{
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString small = dir.filePath(QStringLiteral("small"));
    QVERIFY(QDir().mkpath(small));
    TmpfsMount mount(small, QStringLiteral("256k"));
    QVERIFY2(mount.mounted(), qPrintable(mount.error()));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("--dir"), small,
                        QStringLiteral("-a"), QStringLiteral("duration:20")});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    // About 800 kB/s: the 256 kB are full within the first second.
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=2000"), QStringLiteral("--loop=0")});
    QVERIFY2(cap.waitFinished(10000), "capture did not stop on a full disk");
    const QString err = cap.err();
    QVERIFY2(cap.exitCode() != 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("No space left on device")), qPrintable(err));
    const QStringList files = pcapFiles(small);
    QVERIFY2(files.size() == 1, qPrintable(files.join(QLatin1Char(' '))));
    QVERIFY2(err.contains(files.first()), qPrintable(err));
    const CaptureContents got = readCapture(files.first());
    QVERIFY2(got.complete && !got.frames.empty(), qPrintable(got.error));
    qInfo("%lld packets, %lld bytes kept", static_cast<long long>(got.frames.size()),
          QFileInfo(files.first()).size());
    const QString diff = compareFrames(got.frames, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QString complaint = externalReadersComplaint(files.first());
    QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
}

void TstLiveCapture::stopSignal_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

// SIGINT/SIGTERM: out within ~200 ms, exit 0, final statistics with drops, a complete file.
void TstLiveCapture::stopSignal()
{
    QFETCH(int, sig);
    NETNS_PAIR(ns);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("signalled.pcap"));
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out});
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    QFile comm(QStringLiteral("/proc/%1/comm").arg(cap.pid()));
    QVERIFY(comm.open(QIODevice::ReadOnly));
    QCOMPARE(comm.readAll().trimmed(), QByteArray("netlens-cli")); // ip netns exec exec'd it
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=200"), QStringLiteral("--loop=0")});
    QTest::qWait(1000);
    QElapsedTimer t;
    t.start();
    cap.signal(sig);
    QVERIFY2(cap.waitFinished(5000), "capture did not stop");
    const qint64 ms = t.elapsed();
    qInfo("exited %lld ms after the signal", ms);
    const QString err = cap.err();
    QVERIFY2(cap.exitCode() == 0, qPrintable(err));
    QVERIFY2(ms <= kMaxStopMs, qPrintable(QStringLiteral("exited %1 ms after the signal").arg(ms)));
    static const QRegularExpression finalLine(
        QStringLiteral("Final: \\d+ packets, .*dropped \\d+ \\(kernel\\) \\d+ \\(interface\\)"));
    static const QRegularExpression kernelLine(QStringLiteral(
        "Kernel received \\d+, dropped \\d+ by the kernel and \\d+ by the interface"));
    QVERIFY2(err.contains(finalLine) && err.contains(kernelLine), qPrintable(err));
    const CaptureContents got = readCapture(out);
    QVERIFY2(got.complete && got.frames.size() > 100, qPrintable(got.error));
    const QString diff = compareFrames(got.frames, m_sent);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// Without the capture capabilities: the helper's message says how to grant them (setcap,
// naming the helper, which alone needs them), and the CLI exits 2.
void TstLiveCapture::noPermission()
{
    const QString setpriv = findTool(QStringLiteral("setpriv"));
    if (setpriv.isEmpty())
        QSKIP("setpriv (util-linux) is not installed");
    NETNS_PAIR(ns);
    // Copies nobody may run (the build folder may be private), with no file capabilities; the
    // CLI finds the helper beside it.
    QTemporaryDir dir;
    const auto rx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                    QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup;
    QVERIFY(QFile::setPermissions(dir.path(), rx));
    const QString cli = dir.filePath(QStringLiteral("netlens-cli"));
    const QString helper = dir.filePath(QStringLiteral("netlens-capture"));
    QVERIFY(QFile::copy(QStringLiteral(NETLENS_CLI), cli));
    QVERIFY(QFile::copy(QStringLiteral(NETLENS_CAPTURE_HELPER_PATH), helper));
    QVERIFY(QFile::setPermissions(cli, rx));
    QVERIFY(QFile::setPermissions(helper, rx));
    const QString outDir = dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(outDir));
    QVERIFY(QFile::setPermissions(outDir, QFile::ReadOther | QFile::WriteOther | QFile::ExeOther |
                                              QFile::ReadOwner | QFile::WriteOwner |
                                              QFile::ExeOwner));
    CliCapture cap(ns,
                   {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"),
                    outDir + QStringLiteral("/never.pcap")},
                   {setpriv, QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                    QStringLiteral("--clear-groups"), QStringLiteral("--inh-caps=-all"),
                    QStringLiteral("env"), QStringLiteral("-u"),
                    QStringLiteral("NETLENS_CAPTURE_HELPER")},
                   cli);
    QVERIFY2(!cap.waitStarted(), "the capture started without privilege");
    QVERIFY(cap.waitFinished(5000));
    const QString err = cap.err();
    qInfo("%s", qPrintable(err.trimmed()));
    QCOMPARE(cap.exitCode(), 2);
    QVERIFY2(err.contains(QStringLiteral("vethB")) &&
                 err.contains(QStringLiteral("setcap cap_net_raw,cap_net_admin=eip ") + helper),
             qPrintable(err));
    QVERIFY(!QFileInfo::exists(outDir + QStringLiteral("/never.pcap")));
}

QTEST_GUILESS_MAIN(TstLiveCapture)
#include "tst_livecapture.moc"
