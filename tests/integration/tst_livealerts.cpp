// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli capture --alerts on a live link: a port scan replayed into a veth pair is
// reported as it engages, its snippet is written from the copied bytes (no capture file),
// and the alert is released by the capture's clock once the link went quiet, before the end.

#include "../unit/frames.h"
#include "netns.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <pcap/pcap.h>

using namespace netlens;
using namespace netlens::test;

class TstLiveAlerts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString unavailable = netnsUnavailableReason({"ip", "tcpreplay"});
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
    }

    void scanEngagesAndReleasesLive()
    {
        QTemporaryDir dir;
        // 300 SYNs from 10.0.0.3 to 300 ports of 10.0.0.5.
        const QString scan = dir.filePath(QStringLiteral("scan.pcap"));
        {
            pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
            pcap_dumper_t *d = pcap_dump_open(dead, qPrintable(scan));
            QVERIFY(d);
            for (int i = 0; i < 300; ++i) {
                const Bytes f =
                    cat({ether(0x0800), ipv4(6, tcp(61000, static_cast<std::uint16_t>(i + 1), 0x02),
                                             {}, 0x4000, {10, 0, 0, 3}, {10, 0, 0, 5})});
                pcap_pkthdr h{};
                h.ts.tv_sec = 1764000000;
                h.ts.tv_usec = i * 5000;
                h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
                pcap_dump(reinterpret_cast<u_char *>(d), &h, f.data());
            }
            pcap_dump_close(d);
            pcap_close(dead);
        }
        QFile rules(dir.filePath(QStringLiteral("rules.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(R"({ "version": 1, "rules": [
            { "id": "scan", "kind": "port_scan", "threshold": 50, "window_seconds": 2 } ] })");
        rules.close();

        NetnsPair ns;
        QVERIFY2(ns.isUp(), qPrintable(ns.error()));
        QProcess capture;
        capture.setWorkingDirectory(dir.path());
        capture.start(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(ns.b(), {QStringLiteral(NETLENS_CLI), QStringLiteral("capture"),
                                         QStringLiteral("-i"), NetnsPair::kIfB,
                                         QStringLiteral("--no-write"), QStringLiteral("--alerts"),
                                         QStringLiteral("--rules"), rules.fileName(),
                                         QStringLiteral("-a"), QStringLiteral("duration:12"),
                                         QStringLiteral("--dir"), dir.path()}));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += capture.readAllStandardError()).contains("Capturing on") ||
                                     capture.state() == QProcess::NotRunning,
                                 10000);
        QVERIFY2(err.contains("Capturing on"), err.constData());
        const ToolResult replay = runTool(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(ns.a(), {findTool(QStringLiteral("tcpreplay")),
                                         QStringLiteral("-q"), QStringLiteral("-i"),
                                         NetnsPair::kIfA, QStringLiteral("--pps=200"), scan}));
        QVERIFY2(replay.finished && replay.exitCode == 0, replay.err.constData());
        QVERIFY(capture.waitForFinished(30000));
        const QString out = QString::fromLocal8Bit(capture.readAllStandardOutput());
        QCOMPARE(capture.exitCode(), 0);

        // ALERT, then SNIPPET (5 s after the trigger), then RELEASED, each once.
        const QStringList lines0 = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList kinds;
        QStringList alertLines;
        for (const QString &l : lines0)
            if (QRegularExpression(QStringLiteral("^(ALERT|SNIPPET|RELEASED) "))
                    .match(l)
                    .hasMatch())
                alertLines << l; // the rest is the report
        const QStringList &lines = alertLines;
        for (const QString &l : lines) {
            QVERIFY2(l.contains(QStringLiteral(" port_scan 10.0.0.3 -> 10.0.0.5: ")),
                     qPrintable(l));
            kinds << l.section(QLatin1Char(' '), 0, 0);
        }
        // The snippet waits 5 s after the trigger; the release may come first.
        QCOMPARE(kinds.size(), 3);
        QCOMPARE(kinds[0], QStringLiteral("ALERT"));
        QVERIFY2(
            (kinds.mid(1) == QStringList{QStringLiteral("SNIPPET"), QStringLiteral("RELEASED")}) ||
                (kinds.mid(1) ==
                 QStringList{QStringLiteral("RELEASED"), QStringLiteral("SNIPPET")}),
            qPrintable(kinds.join(QLatin1Char(' '))));
        const qsizetype released = kinds.indexOf(QStringLiteral("RELEASED"));
        const qsizetype snippetAt = kinds.indexOf(QStringLiteral("SNIPPET"));
        // Released on a tick of the capture's clock (a whole second), not by the end of the
        // capture (the last packet's time).
        QVERIFY2(QRegularExpression(QStringLiteral("^RELEASED \\S+ \\d\\d:\\d\\d:\\d\\d\\.000 "))
                     .match(lines[released])
                     .hasMatch(),
                 qPrintable(lines[released]));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("\\[(.*\\.pcap)\\]$")).match(lines[snippetAt]);
        QVERIFY2(m.hasMatch(), qPrintable(lines[snippetAt]));
        char errbuf[PCAP_ERRBUF_SIZE];
        pcap_t *p = pcap_open_offline(qPrintable(m.captured(1)), errbuf);
        QVERIFY2(p, errbuf);
        int packets = 0;
        pcap_pkthdr *h = nullptr;
        const u_char *data = nullptr;
        while (pcap_next_ex(p, &h, &data) == 1) {
            QCOMPARE(data[29], std::uint8_t{3}); // 10.0.0.3 -> 10.0.0.5 only
            QCOMPARE(data[33], std::uint8_t{5});
            ++packets;
        }
        pcap_close(p);
        QCOMPARE(packets, 300); // the whole scan is within 5 s of its trigger
    }
};

QTEST_GUILESS_MAIN(TstLiveAlerts)
#include "tst_livealerts.moc"
