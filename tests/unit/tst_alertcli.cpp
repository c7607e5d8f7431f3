// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli alert: the same alerts from a pcap file as from the engine fed the same packets
// one by one (capture time, not wall time), one JSON object a line with exact times, the
// table, and the exit codes (0 none, 3 alerts, 2 a bad rule file or capture).

#include "alerts/alertjson.h"
#include "alerttraffic.h"
#include "export/summary.h"
#include "session/capturesession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <pcap/pcap.h>

using namespace netlens;
using namespace netlens::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QString &workDir)
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(NETLENS_CLI), QStringList{QStringLiteral("alert")} + args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// Writes every packet the rig is fed to `path` too (nanosecond pcap, Ethernet).
class PcapTap {
public:
    PcapTap(AlertRig &rig, const QString &path)
    {
        m_dead =
            pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_NANO);
        m_dumper = pcap_dump_open(m_dead, qPrintable(path));
        rig.tap = [this](const Bytes &frame, std::int64_t ts) {
            pcap_pkthdr h{};
            h.ts.tv_sec = ts / kSec;
            h.ts.tv_usec = ts % kSec;
            h.caplen = h.len = static_cast<bpf_u_int32>(frame.size());
            pcap_dump(reinterpret_cast<u_char *>(m_dumper), &h, frame.data());
        };
    }
    ~PcapTap()
    {
        pcap_dump_close(m_dumper);
        pcap_close(m_dead);
    }
    bool ok() const { return m_dumper != nullptr; }

private:
    pcap_t *m_dead = nullptr;
    pcap_dumper_t *m_dumper = nullptr;
};

// A scan, then a sweep, then an ICMP flood, over the calm background: three alerts.
void attacks(AlertRig &rig)
{
    background(rig, 0, 260, [&](int s) {
        const std::int64_t base = kT0 + s * kSec;
        if (s >= 150 && s < 153)
            for (int i = 0; i < 100; ++i)
                rig.send(tcpFrame(ip(10, 0, 0, 3), ip(10, 0, 0, 5), 61000,
                                  static_cast<std::uint16_t>((s - 150) * 100 + i + 1), kSyn),
                         base + i * 9'000'000);
        if (s >= 180 && s < 184)
            for (int i = 0; i < 50; ++i)
                rig.send(tcpFrame(ip(10, 0, 0, 4),
                                  ip(10, 0, 2, static_cast<std::uint8_t>((s - 180) * 50 + i + 1)),
                                  61000, 3389, kSyn),
                         base + i * 15'000'000);
        if (s >= 220 && s < 225)
            for (int i = 0; i < 1500; ++i)
                rig.send(icmpFrame(ip(203, 0, 113, 9), ip(10, 0, 0, 6)), base + i * 600'000);
    });
}

} // namespace

class TestAlertCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAlertsFromFileAsLive()
    {
        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("attacks.pcap"));
        AlertRig live;
        {
            PcapTap tap(live, pcap);
            QVERIFY(tap.ok());
            attacks(live);
        }
        live.finish();
        const QList<Alert> expected = live.alerts();
        QCOMPARE(expected.size(), 3);

        const Run r = cli({QStringLiteral("--json"), QStringLiteral("--quiet"), pcap}, dir.path());
        QVERIFY2(r.exitCode == 3, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), expected.size());
        QStringList snippets;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonParseError pe;
            const QJsonObject o = QJsonDocument::fromJson(lines[i], &pe).object();
            QVERIFY2(pe.error == QJsonParseError::NoError, lines[i].constData());
            const Alert &a = expected[i];
            QCOMPARE(o.value(QLatin1String("type")).toString(), alertKindName(a.kind));
            QCOMPARE(o.value(QLatin1String("severity")).toString(), severityName(a.severity));
            QCOMPARE(o.value(QLatin1String("key")).toString(), a.key);
            QCOMPARE(o.value(QLatin1String("uid")).toString(), a.uid);
            QCOMPARE(o.value(QLatin1String("rule")).toString(), a.ruleId);
            QCOMPARE(o.value(QLatin1String("summary")).toString(), a.summary);
            QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("released"));
            // Exact decimal seconds in the text, as the summary JSON writes them.
            QVERIFY2(lines[i].contains(QByteArray(
                         "\"start\":" + QByteArray::fromStdString(exactSeconds(a.startNs)) + ',')),
                     lines[i].constData());
            QVERIFY2(lines[i].contains(QByteArray(
                         "\"end\":" + QByteArray::fromStdString(exactSeconds(a.endNs)) + ',')),
                     lines[i].constData());
            const QJsonObject e = o.value(QLatin1String("evidence")).toObject();
            QCOMPARE(e.value(QLatin1String("value")).toDouble(), a.evidence.value);
            QCOMPARE(e.value(QLatin1String("threshold")).toDouble(), a.evidence.threshold);
            QCOMPARE(e.value(QLatin1String("unit")).toString(), a.evidence.unit);
            QVERIFY(!e.value(QLatin1String("top_sources")).toArray().isEmpty());
            const QJsonObject snippet = o.value(QLatin1String("snippet")).toObject();
            QVERIFY2(snippet.value(QLatin1String("packets")).toInt() > 0, lines[i].constData());
            snippets << snippet.value(QLatin1String("path")).toString();
        }
        QCOMPARE(expected[0].kind, AlertKind::PortScan);
        QCOMPARE(expected[1].kind, AlertKind::HostSweep);
        QCOMPARE(expected[1].key, QStringLiteral("10.0.0.4"));
        QCOMPARE(expected[2].kind, AlertKind::IcmpFlood);
        for (const QString &s : snippets) {
            QVERIFY2(s.startsWith(QStringLiteral("data/alerts/")), qPrintable(s));
            QVERIFY(QFile::exists(dir.filePath(s)));
        }

        // The table names them too.
        const Run t =
            cli({QStringLiteral("--quiet"), QStringLiteral("--no-snippets"), pcap}, dir.path());
        QCOMPARE(t.exitCode, 3);
        QVERIFY(t.out.contains("port_scan") && t.out.contains("10.0.0.3 -> 10.0.0.5"));
        QVERIFY(t.out.contains("host_sweep") && t.out.contains("icmp_flood"));
    }

    void sessionCarriesAlerts()
    {
        // CaptureSession::openFiles with alerts on: alertsReady batches, alerts() the latest
        // state of each, every one released (and its snippet written) before finished().
        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("attacks.pcap"));
        AlertRig live;
        {
            PcapTap tap(live, pcap);
            attacks(live);
        }
        live.finish();
        AlertSettings settings;
        settings.enabled = true;
        settings.dataDir = dir.path();
        CaptureSession *session = CaptureSession::openFiles({pcap}, nullptr, 0, settings);
        QSignalSpy ready(session, &CaptureSession::alertsReady);
        QSignalSpy finished(session, &CaptureSession::finished);
        QVERIFY(finished.wait(30000));
        QVERIFY(ready.count() >= 1);
        const QList<Alert> alerts = session->alerts();
        QCOMPARE(alerts.size(), live.alerts().size());
        for (qsizetype i = 0; i < alerts.size(); ++i) {
            QCOMPARE(alerts[i].uid, live.alerts()[i].uid);
            QCOMPARE(alerts[i].endNs, live.alerts()[i].endNs);
            QVERIFY(!alerts[i].isEngaged());
            QVERIFY2(QFile::exists(alerts[i].snippetPath), qPrintable(alerts[i].snippetPath));
        }
        delete session;
    }

    void calmFileExitsZero()
    {
        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("calm.pcap"));
        AlertRig rig;
        {
            PcapTap tap(rig, pcap);
            background(rig, 0, 200);
        }
        const Run r = cli({QStringLiteral("--json"), QStringLiteral("--quiet"), pcap}, dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.trimmed().isEmpty());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("data"))));
    }

    void rulesOptionAndErrors()
    {
        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("calm.pcap"));
        AlertRig rig;
        {
            PcapTap tap(rig, pcap);
            background(rig, 0, 30);
        }
        // A rule that the calm office trips: more than 10 packets/s in all.
        QFile rules(dir.filePath(QStringLiteral("rules.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write("{\n  \"version\": 1,\n  \"rules\": [\n    { \"id\": \"busy\", \"kind\": "
                    "\"threshold\",\n"
                    "      \"threshold\": 10, \"window_seconds\": 5 }\n  ]\n}\n");
        rules.close();
        Run r = cli({QStringLiteral("--json"), QStringLiteral("--quiet"),
                     QStringLiteral("--no-snippets"), QStringLiteral("--rules"), rules.fileName(),
                     pcap},
                    dir.path());
        QVERIFY2(r.exitCode == 3, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed().split('\n').front()).object();
        QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("threshold"));
        QCOMPARE(o.value(QLatin1String("key")).toString(), QStringLiteral("all"));
        QCOMPARE(o.value(QLatin1String("rule")).toString(), QStringLiteral("busy"));

        QVERIFY(rules.open(QIODevice::WriteOnly | QIODevice::Truncate));
        rules.write("{\n  \"version\": 1,\n  \"rules\": [\n    { \"id\": \"busy\", \"kind\": "
                    "\"threshold\",\n"
                    "      \"threshold\": -10 }\n  ]\n}\n");
        rules.close();
        r = cli({QStringLiteral("--rules"), rules.fileName(), pcap}, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QByteArray(rules.fileName().toUtf8() +
                                           ":5: rules[0].threshold: must be a positive number")),
                 r.err.constData());

        r = cli({QStringLiteral("--rules"), dir.filePath(QStringLiteral("none.json")), pcap},
                dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("none.json"));

        r = cli({QStringLiteral("--quiet"), dir.filePath(QStringLiteral("missing.pcap"))},
                dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("missing.pcap"), r.err.constData());

        r = cli({}, dir.path());
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestAlertCli)
#include "tst_alertcli.moc"
