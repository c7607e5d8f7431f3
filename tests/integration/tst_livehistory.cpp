// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli capture records the traffic history (issue 11): 400 UDP datagrams replayed
// into a veth pair are in the history database when the capture ends, with their exact
// bytes and packets per protocol and per host, as `netlens-cli history --json` prints them;
// --no-history writes no database.

#include "../unit/frames.h"
#include "netns.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <pcap/pcap.h>

using namespace netlens;
using namespace netlens::test;

namespace {
constexpr int kPackets = 400;

// 400 datagrams from 10.0.0.3 to 10.0.0.5, of 60 + (i % 50) bytes of payload; their bytes.
qint64 writeTraffic(const QString &path)
{
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    pcap_dumper_t *d = pcap_dump_open(dead, qPrintable(path));
    if (!d) {
        pcap_close(dead);
        return -1;
    }
    qint64 bytes = 0;
    for (int i = 0; i < kPackets; ++i) {
        const Bytes f = cat({ether(0x0800), ipv4(17, udp(40000, 9999, Bytes(60 + i % 50, 0x55)), {},
                                                 0x4000, {10, 0, 0, 3}, {10, 0, 0, 5})});
        pcap_pkthdr h{};
        h.ts.tv_sec = 1764000000;
        h.ts.tv_usec = i * 1000;
        h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
        pcap_dump(reinterpret_cast<u_char *>(d), &h, f.data());
        bytes += static_cast<qint64>(f.size());
    }
    pcap_dump_close(d);
    pcap_close(dead);
    return bytes;
}

QJsonObject historyJson(const QString &db, const QString &by)
{
    QProcess p;
    p.start(QStringLiteral(NETLENS_CLI),
            {QStringLiteral("history"), QStringLiteral("--db"), db, QStringLiteral("--since"),
             QStringLiteral("1h"), QStringLiteral("--until"), QStringLiteral("0m"),
             QStringLiteral("--by"), by, QStringLiteral("--json")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning("history: %s", p.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TstLiveHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString unavailable = netnsUnavailableReason({"ip", "tcpreplay"});
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
    }

    void captureRecordsHistory()
    {
        QTemporaryDir dir;
        const QString traffic = dir.filePath(QStringLiteral("traffic.pcap"));
        const qint64 bytes = writeTraffic(traffic);
        QVERIFY(bytes > 0);
        const QString db = dir.filePath(QStringLiteral("history/netlens.db"));
        NetnsPair ns;
        QVERIFY2(ns.isUp(), qPrintable(ns.error()));
        QProcess capture;
        capture.setWorkingDirectory(dir.path());
        capture.start(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(
                ns.b(), {QStringLiteral(NETLENS_CLI), QStringLiteral("capture"),
                         QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("--no-write"),
                         QStringLiteral("-c"), QString::number(kPackets), QStringLiteral("-a"),
                         QStringLiteral("duration:20"), QStringLiteral("--history-db"), db}));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += capture.readAllStandardError()).contains("Capturing on") ||
                                     capture.state() == QProcess::NotRunning,
                                 10000);
        QVERIFY2(err.contains("Capturing on"), err.constData());
        const ToolResult replay = runTool(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(ns.a(), {findTool(QStringLiteral("tcpreplay")),
                                         QStringLiteral("-q"), QStringLiteral("-i"),
                                         NetnsPair::kIfA, QStringLiteral("--pps=400"), traffic}));
        QVERIFY2(replay.finished && replay.exitCode == 0, replay.err.constData());
        QVERIFY(capture.waitForFinished(30000));
        err += capture.readAllStandardError();
        QVERIFY2(capture.exitCode() == 0, err.constData());
        QVERIFY2(!err.contains("History"), err.constData()); // no history error said

        // The whole capture, written at its end (the partial minute) if not before.
        const QJsonObject byProtocol = historyJson(db, QStringLiteral("protocol"));
        const QJsonObject total = byProtocol.value(QStringLiteral("total")).toObject();
        QCOMPARE(total.value(QStringLiteral("packets_in")).toInteger(), kPackets);
        // vethB has no address: nothing is the capture's own, everything is "in".
        QCOMPARE(total.value(QStringLiteral("packets_out")).toInteger(), 0);
        QCOMPARE(total.value(QStringLiteral("bytes_in")).toInteger(), bytes);
        QCOMPARE(byProtocol.value(QStringLiteral("resolution")).toString(),
                 QStringLiteral("minute"));
        const QJsonArray protocols = byProtocol.value(QStringLiteral("protocols")).toArray();
        QVERIFY(!protocols.isEmpty());
        qint64 sum = 0;
        for (const QJsonValue &p : protocols)
            sum += p.toObject().value(QStringLiteral("packets_in")).toInteger();
        QCOMPARE(sum, kPackets);

        const QJsonObject byHost = historyJson(db, QStringLiteral("host"));
        const QJsonArray hosts = byHost.value(QStringLiteral("hosts")).toArray();
        QCOMPARE(hosts.size(), 2);
        for (const QJsonValue &v : hosts) {
            const QJsonObject h = v.toObject();
            const bool sender =
                h.value(QStringLiteral("host")).toString() == QStringLiteral("10.0.0.3");
            QVERIFY(sender ||
                    h.value(QStringLiteral("host")).toString() == QStringLiteral("10.0.0.5"));
            QCOMPARE(h.value(sender ? QStringLiteral("packets_out") : QStringLiteral("packets_in"))
                         .toInteger(),
                     kPackets);
            QCOMPARE(h.value(sender ? QStringLiteral("bytes_out") : QStringLiteral("bytes_in"))
                         .toInteger(),
                     bytes);
        }
    }

    void noHistoryWritesNone()
    {
        QTemporaryDir dir;
        NetnsPair ns;
        QVERIFY2(ns.isUp(), qPrintable(ns.error()));
        const ToolResult r = runTool(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(
                ns.b(), {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("cd '%1' && '%2' capture -i %3 --no-write "
                                        "--quiet -a duration:1 --no-history")
                             .arg(dir.path(), QStringLiteral(NETLENS_CLI), NetnsPair::kIfB)}));
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/netlens.db"))));
    }
};

QTEST_GUILESS_MAIN(TstLiveHistory)
#include "tst_livehistory.moc"
